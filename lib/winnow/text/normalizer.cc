#include "winnow/text/normalizer.h"

#include <utf8proc.h>

#include <algorithm>
#include <cstdlib>
#include <vector>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

#include "winnow/base/swar.h"
#include "winnow/text/segmenter.h"
#include "winnow/text/utf8.h"

namespace winnow {

Normalizer::Normalizer(NormalizerOptions options) : options_(options) {
  int flags = UTF8PROC_STABLE;
  if (options_.nfkc) flags |= UTF8PROC_COMPOSE | UTF8PROC_COMPAT;
  if (options_.case_fold) flags |= UTF8PROC_CASEFOLD;
  if (options_.strip_accents) {
    // Decompose, drop the marks; recompose only what remains.
    flags |= UTF8PROC_STRIPMARK | UTF8PROC_COMPOSE;
  }
  utf8proc_options_ = flags;
}

void Normalizer::NormalizeWord(std::string_view word, std::string* out) const {
  // Fast path, one pass: NFKC leaves ASCII alone, and ASCII case folding is
  // tolower. Like the slow path, keep only word characters (so "KOREA's"
  // and "Korea’s" both give "koreas"). The first non-ASCII byte sends the
  // whole word to the slow path.
  out->resize(word.size());
  char* dst = out->data();
  size_t kept = 0;
  bool ascii = true;
  for (char ch : word) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x80) {
      ascii = false;
      break;
    }
    if (!IsAsciiWordChar(c)) continue;
    dst[kept++] = FoldAsciiWordChar(c, options_);
  }
  if (ascii) {
    out->resize(kept);
    return;
  }
  out->clear();
  std::string_view source = word;
  utf8proc_uint8_t* mapped = nullptr;
  if (utf8proc_options_ != UTF8PROC_STABLE) {
    const utf8proc_ssize_t n = utf8proc_map(
        reinterpret_cast<const utf8proc_uint8_t*>(word.data()),
        static_cast<utf8proc_ssize_t>(word.size()), &mapped,
        static_cast<utf8proc_option_t>(utf8proc_options_));
    if (n >= 0) {
      source = std::string_view(reinterpret_cast<const char*>(mapped),
                                static_cast<size_t>(n));
    } else {
      mapped = nullptr;  // invalid UTF-8: fall back to the bytes as they are
    }
  }
  size_t pos = 0;
  bool dropped = false;
  while (pos < source.size()) {
    char32_t cp;
    const size_t n = DecodeUtf8(source, pos, &cp);
    pos += n;
    if (!IsWordChar(cp)) {
      dropped = true;
      continue;
    }
    if (options_.digits_to_zero && IsDigitChar(cp)) cp = '0';
    AppendUtf8(cp, out);
  }
  const bool was_mapped = mapped != nullptr;
  std::free(mapped);
  // A compatibility form can map to a non-word character and a mark (U+FE7A
  // ARABIC KASRA ISOLATED FORM is a space and U+0650). Dropping the space
  // can leave marks out of canonical order ("i" U+0307 U+0650 from "İ"
  // U+FE7A), which a second normalization would reorder: normalize what is
  // left again, so that normalizing is idempotent. Each round drops a
  // character, so this ends.
  if (dropped && was_mapped && !out->empty()) {
    const std::string once = std::move(*out);
    NormalizeWord(once, out);
  }
}

std::string Normalizer::NormalizeText(std::string_view text) const {
  std::vector<Span> words;
  SplitWords(text, {0, static_cast<uint32_t>(text.size())}, &words);
  std::string result;
  std::string scratch;
  for (const Span& w : words) {
    NormalizeWord(w.In(text), &scratch);
    if (scratch.empty()) continue;
    if (!result.empty()) result.push_back(' ');
    result += scratch;
  }
  return result;
}

namespace {

#ifdef WINNOW_AVX512_KERNELS
// 64 bytes at a time: fold each byte through the 128-byte table (vpermi2b),
// map the bytes that are not word characters to ' ', and keep the word
// bytes and the first byte after each word (vpcompressb). What is left is
// the words joined by single spaces, with one more space at the end when
// the text ends after a word; that one is dropped. With `spans`, also the
// words' spans: a word starts at a word byte after a byte that is not one,
// and ends (exclusive) at the first byte after it; the ends in a block
// close the earliest words still open.
__attribute__((target("avx512f,avx512bw,avx512vbmi,avx512vbmi2,popcnt"))) size_t JoinAvx512(
    const char* table, std::string_view in, char* out, std::vector<Span>* spans) {
  const __m512i low = _mm512_load_si512(table);
  const __m512i high = _mm512_load_si512(table + 64);
  const __m512i space = _mm512_set1_epi8(' ');
  size_t n = 0;
  uint64_t carry = 0;  // the last byte of the previous 64 was a word byte
  size_t open = spans != nullptr ? spans->size() : 0;  // the first word whose end is not set
  for (size_t i = 0; i < in.size(); i += 64) {
    const size_t len = std::min<size_t>(64, in.size() - i);
    const uint64_t valid = len == 64 ? ~uint64_t{0} : (uint64_t{1} << len) - 1;
    const __m512i bytes = _mm512_maskz_loadu_epi8(valid, in.data() + i);
    const __m512i folded = _mm512_permutex2var_epi8(low, bytes, high);
    const uint64_t word = _mm512_test_epi8_mask(folded, folded) & valid;
    const __m512i mapped = _mm512_mask_blend_epi8(word, space, folded);
    const uint64_t before = (word << 1) | carry;  // the byte before is a word byte
    const uint64_t after_word = ~word & before & valid;
    const uint64_t keep = word | after_word;
    carry = word >> 63;
    _mm512_storeu_si512(out + n, _mm512_maskz_compress_epi8(keep, mapped));
    n += static_cast<size_t>(__builtin_popcountll(keep));
    if (spans == nullptr) continue;
    for (uint64_t m = word & ~before; m != 0; m &= m - 1) {
      const auto at = static_cast<uint32_t>(i + static_cast<size_t>(__builtin_ctzll(m)));
      spans->push_back({at, at});
    }
    for (uint64_t m = after_word; m != 0; m &= m - 1) {
      (*spans)[open++].end = static_cast<uint32_t>(i + static_cast<size_t>(__builtin_ctzll(m)));
    }
  }
  if (spans != nullptr && open < spans->size()) (*spans)[open].end = static_cast<uint32_t>(in.size());
  if (n > 0 && out[n - 1] == ' ') --n;
  return n;
}

bool HasJoinAvx512() {
  static const bool has = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
                          __builtin_cpu_supports("avx512vbmi") &&
                          __builtin_cpu_supports("avx512vbmi2") && __builtin_cpu_supports("popcnt");
  return has;
}
#endif

}  // namespace

size_t AsciiFoldTable::JoinWordsPortable(std::string_view in, char* out) const {
  // Branch-free per byte: a space is written before every word but the
  // first and kept only when a word starts there.
  size_t n = 0;
  size_t in_word = 0;
  for (const char c : in) {
    const char f = table_[static_cast<unsigned char>(c) & 0x7F];
    const size_t word = f != '\0';
    out[n] = ' ';
    n += word & (in_word ^ 1) & static_cast<size_t>(n != 0);
    out[n] = f;
    n += word;
    in_word = word;
  }
  return n;
}

size_t AsciiFoldTable::JoinWordsWithSpansPortable(std::string_view in, char* out,
                                                  std::vector<Span>* spans) const {
  size_t n = 0;
  size_t i = 0;
  const size_t size = in.size();
  while (true) {
    while (i < size && table_[static_cast<unsigned char>(in[i]) & 0x7F] == '\0') ++i;
    if (i == size) break;
    const size_t begin = i;
    if (n != 0) out[n++] = ' ';
    for (char f; i < size && (f = table_[static_cast<unsigned char>(in[i]) & 0x7F]) != '\0'; ++i) {
      out[n++] = f;
    }
    spans->push_back({static_cast<uint32_t>(begin), static_cast<uint32_t>(i)});
  }
  return n;
}

size_t AsciiFoldTable::JoinWordsWithSpans(std::string_view in, char* out,
                                          std::vector<Span>* spans) const {
#ifdef WINNOW_AVX512_KERNELS
  if (HasJoinAvx512()) return JoinAvx512(table_, in, out, spans);
#endif
  return JoinWordsWithSpansPortable(in, out, spans);
}

size_t AsciiFoldTable::JoinWords(std::string_view in, char* out) const {
#ifdef WINNOW_AVX512_KERNELS
  if (HasJoinAvx512()) return JoinAvx512(table_, in, out, nullptr);
#endif
  return JoinWordsPortable(in, out);
}

const AsciiFoldTable& AsciiFoldTable::For(const NormalizerOptions& options) {
  static const AsciiFoldTable kTables[4] = {
      AsciiFoldTable(NormalizerOptions{.case_fold = false, .digits_to_zero = false}),
      AsciiFoldTable(NormalizerOptions{.case_fold = true, .digits_to_zero = false}),
      AsciiFoldTable(NormalizerOptions{.case_fold = false, .digits_to_zero = true}),
      AsciiFoldTable(NormalizerOptions{.case_fold = true, .digits_to_zero = true}),
  };
  return kTables[(options.case_fold ? 1 : 0) + (options.digits_to_zero ? 2 : 0)];
}

}  // namespace winnow
