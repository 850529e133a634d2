#include "winnow/text/segmenter.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cctype>
#include <string>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

#include "winnow/base/check.h"
#include "winnow/base/swar.h"
#include "winnow/text/utf8.h"

namespace winnow {
namespace {

bool IsBlank(std::string_view text, Span span) {
  size_t pos = span.begin;
  while (pos < span.end) {
    const auto c = static_cast<unsigned char>(text[pos]);
    if (c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == '\r') {
      ++pos;
      continue;
    }
    if (c < 0x80) return false;
    char32_t cp;
    const size_t n = DecodeUtf8(text, pos, &cp);
    if (!IsSpaceChar(cp)) return false;
    pos += n;
  }
  return true;
}

// Full-width terminals end a sentence without a following space.
bool IsSpacelessTerminal(char32_t cp) {
  return cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == 0xFF61;
}

bool IsCloser(char32_t cp) {
  switch (cp) {
    case '"': case '\'': case ')': case ']': case '}':
    case 0x2019: case 0x201D: case 0x00BB: case 0x203A:  // ’ ” » ›
    case 0x300D: case 0x300F: case 0xFF09:               // 」 』 ）
      return true;
    default:
      return false;
  }
}

constexpr std::string_view kAbbreviations[] = {
    // Titles and honorifics.
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "rev", "hon", "gen",
    "col", "lt", "sgt", "capt", "cmdr", "adm", "gov", "sen", "rep", "pres",
    "messrs", "mme", "mlle", "hr", "fr", "hrn",
    // Months and days.
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri",
    "sat", "sun",
    // Reference and Latin forms.
    "vs", "cf", "al", "ca", "approx", "fig", "figs", "no", "nos", "vol",
    "vols", "pp", "ed", "eds", "op", "cit", "ibid", "viz",
    // Companies and places.
    "inc", "ltd", "co", "corp", "bros", "mt", "ft", "ave", "blvd", "rd",
    "dept", "univ", "est",
    // German, French, Spanish forms that take a period mid-sentence.
    "bzw", "usw", "z", "ggf",
};

bool IsAsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }

// Decides whether the '.' at text[dot] ends a sentence, given that it is
// followed by whitespace. `sentence_begin` is where the current sentence
// started.
bool PeriodEndsSentence(std::string_view text, size_t sentence_begin,
                        size_t dot) {
  // The token before the period: back to whitespace or the sentence start.
  size_t tok = dot;
  while (tok > sentence_begin) {
    char32_t cp;
    const size_t prev = PreviousCodePointStart(text, tok, &cp);
    if (IsSpaceChar(cp) || cp == '(' || cp == '"' || cp == 0x201C) break;
    tok = prev;
  }
  const std::string_view token = text.substr(tok, dot - tok);
  if (token.empty()) return true;
  // A single uppercase letter is an initial: "J. R. R. Tolkien".
  if (token.size() == 1 && IsAsciiUpper(token[0])) return false;
  // Letters with inner periods: "U.S", "e.g", "i.e", "a.m".
  if (token.find('.') != std::string_view::npos &&
      std::all_of(token.begin(), token.end(), [](char c) {
        return c == '.' || std::isalpha(static_cast<unsigned char>(c));
      })) {
    return false;
  }
  // A list number opening the sentence: "1. First point". The sentence may
  // start with whitespace ("  1. ..." or the space after the previous
  // sentence's terminal), which does not count.
  size_t first = sentence_begin;
  while (first < tok) {
    char32_t cp;
    const size_t n = DecodeUtf8(text, first, &cp);
    if (!IsSpaceChar(cp)) break;
    first += n;
  }
  if (tok == first && token.size() <= 3 &&
      std::all_of(token.begin(), token.end(),
                  [](char c) { return c >= '0' && c <= '9'; })) {
    return false;
  }
  return !IsAbbreviation(token);
}

}  // namespace

bool IsSentenceTerminal(char32_t cp) {
  switch (cp) {
    case '.': case '!': case '?':
    case 0x2026:  // … horizontal ellipsis
    case 0x203C: case 0x2047: case 0x2048: case 0x2049:  // ‼ ⁇ ⁈ ⁉
    case 0x3002: case 0xFF01: case 0xFF1F: case 0xFF0E: case 0xFF61:  // 。！？．｡
    case 0x061F: case 0x06D4:  // Arabic question mark, full stop
    case 0x0964: case 0x0965:  // Devanagari danda, double danda
    case 0x037E:               // Greek question mark
    case 0x1362:               // Ethiopic full stop
      return true;
    default:
      return false;
  }
}

namespace {

// A word of up to 7 bytes as one integer: its bytes, lowercased, and its
// length in the top byte. The list above, so packed and sorted, is searched
// with a handful of integer compares.
constexpr size_t kMaxAbbreviationBytes = 7;

constexpr uint64_t PackLower(std::string_view word) {
  uint64_t key = static_cast<uint64_t>(word.size()) << 56;
  for (size_t i = 0; i < word.size(); ++i) {
    auto c = static_cast<unsigned char>(word[i]);
    if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c + 32);
    key |= static_cast<uint64_t>(c) << (8 * i);
  }
  return key;
}

constexpr auto kPackedAbbreviations = [] {
  std::array<uint64_t, std::size(kAbbreviations)> keys{};
  for (size_t i = 0; i < keys.size(); ++i) keys[i] = PackLower(kAbbreviations[i]);
  std::sort(keys.begin(), keys.end());
  return keys;
}();

constexpr bool AbbreviationsFit() {
  for (std::string_view a : kAbbreviations) {
    if (a.empty() || a.size() > kMaxAbbreviationBytes) return false;
  }
  return true;
}
static_assert(AbbreviationsFit(), "an abbreviation must have 1 to 7 bytes");

}  // namespace

bool IsAbbreviation(std::string_view word) {
  if (word.empty() || word.size() > kMaxAbbreviationBytes) return false;
  return std::binary_search(kPackedAbbreviations.begin(), kPackedAbbreviations.end(),
                            PackLower(word));
}

void Segment(std::string_view text, Segmentation* seg) {
  WINNOW_CHECK(text.size() <= kMaxDocumentBytes) << "document too large";
  seg->Clear();
  size_t pos = 0;
  bool any_blank = false;
  while (pos < text.size()) {
    const size_t nl = text.find('\n', pos);
    const size_t line_end = nl == std::string_view::npos ? text.size() : nl;
    const size_t next = nl == std::string_view::npos ? text.size() : nl + 1;
    size_t content_end = line_end;
    if (content_end > pos && text[content_end - 1] == '\r') --content_end;
    Line line;
    line.span = {static_cast<uint32_t>(pos), static_cast<uint32_t>(content_end)};
    line.next = static_cast<uint32_t>(next);
    line.blank = IsBlank(text, line.span);
    seg->lines.push_back(line);
    pos = next;
  }
  const auto num_lines = static_cast<uint32_t>(seg->lines.size());
  // Paragraph mode needs a blank line between two non-blank lines; blank
  // lines only at the start or end do not make paragraphs.
  {
    bool seen_text = false;
    bool pending_blank = false;
    for (const Line& line : seg->lines) {
      if (line.blank) {
        pending_blank = seen_text;
      } else {
        if (pending_blank) {
          any_blank = true;
          break;
        }
        seen_text = true;
      }
    }
  }
  uint32_t i = 0;
  while (i < num_lines) {
    if (seg->lines[i].blank) {
      ++i;
      continue;
    }
    uint32_t j = i + 1;
    if (any_blank) {
      while (j < num_lines && !seg->lines[j].blank) ++j;
    }
    Block block;
    block.first_line = i;
    block.end_line = j;
    block.span = {seg->lines[i].span.begin, seg->lines[j - 1].span.end};
    seg->blocks.push_back(block);
    i = j;
  }
}

namespace {

// The bytes among the 8 at p that are '\n', '.', '!', '?' or not ASCII.
// Bytes after a true match may be marked too (swar.h), never one before
// it, so the lowest marked byte is the first such byte.
inline uint64_t MayEndSentence(const char* p) {
  const uint64_t x = LoadWord(p);
  return BytesNonAscii(x) | BytesEqual(x, '\n') | BytesEqual(x, '.') | BytesEqual(x, '!') |
         BytesEqual(x, '?');
}

#ifdef WINNOW_AVX512_KERNELS
// The first byte in [pos, end) that is '\n', '.', '!', '?' or not ASCII
// (exactly, unlike MayEndSentence), or end: 64 bytes at a time. The last
// block is a masked load, so nothing past `end` is read.
__attribute__((target("avx512f,avx512bw"))) size_t NextMayEndSentenceAvx512(const char* p,
                                                                           size_t pos,
                                                                           size_t end) {
  const __m512i newline = _mm512_set1_epi8('\n');
  const __m512i period = _mm512_set1_epi8('.');
  const __m512i bang = _mm512_set1_epi8('!');
  const __m512i question = _mm512_set1_epi8('?');
  for (; pos < end; pos += 64) {
    const size_t len = std::min<size_t>(64, end - pos);
    const uint64_t valid = len == 64 ? ~uint64_t{0} : (uint64_t{1} << len) - 1;
    const __m512i bytes = _mm512_maskz_loadu_epi8(valid, p + pos);
    const uint64_t marked =
        (_mm512_movepi8_mask(bytes) | _mm512_cmpeq_epi8_mask(bytes, newline) |
         _mm512_cmpeq_epi8_mask(bytes, period) | _mm512_cmpeq_epi8_mask(bytes, bang) |
         _mm512_cmpeq_epi8_mask(bytes, question)) &
        valid;
    if (marked != 0) return pos + static_cast<size_t>(__builtin_ctzll(marked));
  }
  return end;
}
#endif

// SplitSentences; `avx512` says whether to scan with NextMayEndSentenceAvx512
// (where it is built and the CPU has it).
void SplitSentencesWith(bool avx512, std::string_view text, Span range,
                        std::vector<Span>* out) {
  size_t pos = range.begin;
  const size_t end = range.end;
  size_t begin = range.begin;  // start of the current sentence (untrimmed)
#ifndef WINNOW_AVX512_KERNELS
  (void)avx512;
#endif

  auto emit = [&](size_t b, size_t e) {
    // Trim whitespace on both sides.
    while (b < e) {
      char32_t cp;
      const size_t n = DecodeUtf8(text, b, &cp);
      if (!IsSpaceChar(cp)) break;
      b += n;
    }
    while (e > b) {
      char32_t cp;
      const size_t p = PreviousCodePointStart(text, e, &cp);
      if (!IsSpaceChar(cp)) break;
      e = p;
    }
    if (b < e) out->push_back({static_cast<uint32_t>(b), static_cast<uint32_t>(e)});
  };

  while (pos < end) {
    // Most bytes are ASCII that neither ends a line nor a sentence: skip
    // them 64 at a time where the CPU has AVX-512, else eight at a time,
    // straight to the first byte that may, then one at a time in the last
    // seven.
#ifdef WINNOW_AVX512_KERNELS
    if (avx512) {
      pos = NextMayEndSentenceAvx512(text.data(), pos, end);
    } else
#endif
    {
      while (pos + 8 <= end) {
        const uint64_t marked = MayEndSentence(text.data() + pos);
        if (marked != 0) {
          pos += static_cast<size_t>(std::countr_zero(marked)) / 8;
          break;
        }
        pos += 8;
      }
    }
    if (pos >= end) break;
    const auto byte = static_cast<unsigned char>(text[pos]);
    if (byte < 0x80 && byte != '\n' && byte != '.' && byte != '!' && byte != '?') {
      ++pos;
      continue;
    }
    char32_t cp;
    const size_t n = DecodeUtf8(text, pos, &cp);
    if (cp == '\n') {
      emit(begin, pos);
      pos += n;
      begin = pos;
      continue;
    }
    if (!IsSentenceTerminal(cp)) {
      pos += n;
      continue;
    }
    // A run of terminals ("?!", "..."), then closing quotes and brackets.
    const size_t first_terminal = pos;
    bool spaceless = IsSpacelessTerminal(cp);
    size_t run_end = pos + n;
    bool single_period = cp == '.';
    while (run_end < end) {
      char32_t c2;
      const size_t n2 = DecodeUtf8(text, run_end, &c2);
      if (!IsSentenceTerminal(c2)) break;
      single_period = false;
      spaceless |= IsSpacelessTerminal(c2);
      run_end += n2;
    }
    while (run_end < end) {
      char32_t c2;
      const size_t n2 = DecodeUtf8(text, run_end, &c2);
      if (!IsCloser(c2)) break;
      run_end += n2;
    }
    pos = run_end;
    if (run_end >= end) break;  // the range's end closes the sentence anyway
    char32_t after;
    DecodeUtf8(text, run_end, &after);
    if (!spaceless && !IsSpaceChar(after)) continue;  // "3.14", "example.com"
    // Look at the next visible character on the same line.
    size_t look = run_end;
    char32_t next_cp = 0;
    while (look < end) {
      const size_t n3 = DecodeUtf8(text, look, &next_cp);
      if (!IsSpaceChar(next_cp) || next_cp == '\n') break;
      look += n3;
    }
    if (look < end && next_cp != '\n' && IsLowerChar(next_cp)) continue;
    if (single_period && !PeriodEndsSentence(text, begin, first_terminal)) {
      continue;
    }
    emit(begin, run_end);
    begin = run_end;
  }
  emit(begin, end);
}

}  // namespace

void SplitSentences(std::string_view text, Span range, std::vector<Span>* out) {
#ifdef WINNOW_AVX512_KERNELS
  SplitSentencesWith(CpuHasAvx512Bw(), text, range, out);
#else
  SplitSentencesWith(false, text, range, out);
#endif
}

namespace segmenter_internal {
void SplitSentencesPortable(std::string_view text, Span range, std::vector<Span>* out) {
  SplitSentencesWith(false, text, range, out);
}
}  // namespace segmenter_internal

void SplitWords(std::string_view text, Span range, std::vector<Span>* out) {
  size_t pos = range.begin;
  const size_t end = range.end;
  size_t word_begin = 0;
  bool in_word = false;
  while (pos < end) {
    const auto c = static_cast<unsigned char>(text[pos]);
    bool word_char;
    size_t n = 1;
    if (c < 0x80) {
      word_char = IsAsciiWordChar(c);
    } else {
      char32_t cp;
      n = DecodeUtf8(text, pos, &cp);
      word_char = IsWordChar(cp);
    }
    if (word_char && !in_word) {
      word_begin = pos;
      in_word = true;
    } else if (!word_char && in_word) {
      out->push_back({static_cast<uint32_t>(word_begin), static_cast<uint32_t>(pos)});
      in_word = false;
    }
    pos += n;
  }
  if (in_word) {
    out->push_back({static_cast<uint32_t>(word_begin), static_cast<uint32_t>(end)});
  }
}

}  // namespace winnow
