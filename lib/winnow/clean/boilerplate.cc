#include "winnow/clean/boilerplate.h"

#include <algorithm>
#include <cstring>

#include "winnow/base/swar.h"
#include "winnow/text/normalizer.h"
#include "winnow/text/segmenter.h"
#include "winnow/text/utf8.h"

namespace winnow {
namespace {

bool IsMenuSeparator(char32_t cp) {
  switch (cp) {
    case '|': case '/': case 0x2022: case 0x00B7: case 0x203A: case 0x00BB:
    case 0x25CF: case 0x25AA: case 0x2023:
      return true;
    default:
      return false;
  }
}

bool IsSentencePunct(char32_t cp) {
  return cp == '.' || cp == '!' || cp == '?' || cp == ',' || cp == ';' || cp == ':';
}

std::string_view TrimSpace(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Lead-ins of links to other articles: "Read more: <headline>".
constexpr std::string_view kLinkLabels[] = {
    "read more:", "related:", "see also:", "also read:", "read also:", "more:",
    "watch:", "listen:", "recommended:", "lesen sie auch:", "mehr zum thema:",
    "lire aussi:", "à lire aussi:", "leer más:", "lee también:", "leggi anche:",
    "leia também:", "lees ook:"};

bool StartsWithIgnoringAsciiCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if (c != prefix[i]) return false;
  }
  return true;
}

// A clock time such as "6:34 am", "10:07 PM" or "18:45": the mark of
// bylines, comment headers and timestamps ("Alex on May 3, 2019 at 6:34 am").
bool HasClockTime(std::string_view s) {
  for (size_t i = 1; i + 2 < s.size(); ++i) {
    if (s[i] != ':') continue;
    const auto digit = [&](size_t k) { return k < s.size() && s[k] >= '0' && s[k] <= '9'; };
    if (!digit(i - 1) || !digit(i + 1) || !digit(i + 2)) continue;
    if (digit(i + 3)) continue;  // "1:234" is not a time
    const size_t hour_start = (i >= 2 && digit(i - 2)) ? i - 2 : i - 1;
    if (hour_start > 0 && (digit(hour_start - 1) || s[hour_start - 1] == ':')) continue;
    return true;
  }
  return false;
}

bool IsLinkLabel(std::string_view line, size_t words) {
  if (words > 20) return false;
  for (std::string_view label : kLinkLabels) {
    if (StartsWithIgnoringAsciiCase(line, label)) return true;
  }
  return false;
}

bool IsTerminalPunct(char32_t cp) {
  switch (cp) {
    case '.': case '!': case '?': case ':': case ';': case '"': case '\'':
    case ')': case ']':
    case 0x2026: case 0x201D: case 0x2019: case 0x00BB:  // … ” ’ »
    case 0x3002: case 0xFF01: case 0xFF1F: case 0x300D:  // 。！？」
      return true;
    default:
      return false;
  }
}

// Han, kana and Hangul: scripts written without spaces between words.
bool IsCjk(char32_t cp) {
  return (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
         (cp >= 0xF900 && cp <= 0xFAFF);
}

// List markers that open an item line: bullets, boxes, stars, dashes.
bool IsListMarker(char32_t cp) {
  switch (cp) {
    case '*': case '-': case '+': case 0x2022: case 0x25A1: case 0x25A0: case 0x2606:
    case 0x2605: case 0x25E6: case 0x25AA: case 0x25B8: case 0x25BA: case 0x25CF:
    case 0x2023: case 0x00B7: case 0x2013: case 0x2014: case 0x25CB: case 0x2043:
      return true;
    default:
      return false;
  }
}

// Quotes and brackets that may open a line before its first letter.
bool IsOpeningMark(char32_t cp) {
  switch (cp) {
    case '"': case '\'': case '(': case 0x2018: case 0x201C: case 0x00AB: case 0x00BF:
    case 0x00A1: case 0x201E:
      return true;
    default:
      return false;
  }
}

// How one line of a multi-line block opens and ends: whether it starts as a
// list item (a bullet, or a number followed by "." or ")"), the case of its
// first letter, whether it ends the way a wrapped line does (a hyphen or a
// comma: the sentence goes on below), and whether it holds table columns.
struct LineShape {
  bool item = false;
  bool starts_lower = false;
  bool starts_upper = false;
  bool ends_open = false;
  bool columns = false;
};

LineShape ShapeOf(std::string_view line) {
  LineShape shape;
  size_t pos = 0;
  char32_t cp = 0;
  while (pos < line.size()) {
    const size_t len = DecodeUtf8(line, pos, &cp);
    if (!IsSpaceChar(cp)) break;
    pos += len;
  }
  if (pos >= line.size()) return shape;
  size_t after = pos + DecodeUtf8(line, pos, &cp);
  // An opening quote or bracket says nothing: look at the letter after it.
  while (IsOpeningMark(cp) && after < line.size()) after += DecodeUtf8(line, after, &cp);
  if (IsListMarker(cp)) {
    char32_t next = ' ';
    if (after < line.size()) DecodeUtf8(line, after, &next);
    shape.item = IsSpaceChar(next);
  } else if (IsDigitChar(cp)) {
    size_t k = after;
    while (k < line.size() && line[k] >= '0' && line[k] <= '9') ++k;
    shape.item = k < line.size() && (line[k] == '.' || line[k] == ')') &&
                 (k + 1 == line.size() || line[k + 1] == ' ');
  }
  shape.starts_lower = IsLowerChar(cp);
  shape.starts_upper = IsUpperChar(cp) || IsDigitChar(cp);
  // A wide gap inside the line: table columns rendered side by side (three
  // spaces or more, then more text).
  shape.columns = HasWideGapFast(line, after);
  size_t end = line.size();
  while (end > 0) {
    const size_t start = PreviousCodePointStart(line, end, &cp);
    if (!IsSpaceChar(cp)) break;
    end = start;
  }
  shape.ends_open = end > 0 && (cp == '-' || cp == ',');
  return shape;
}

}  // namespace

BoilerplateStage::BoilerplateStage(BoilerplateOptions options)
    : options_(options),
      lexicon_(options.lexicon != nullptr ? options.lexicon : &Lexicon::BuiltIn()) {}

bool BoilerplateStage::IsMenuRow(std::string_view line) const {
  int items = 0;
  int words_in_item = 0;
  bool item_has_word = false;
  size_t pos = 0;
  bool in_word = false;
  while (pos < line.size()) {
    char32_t cp;
    pos += DecodeUtf8(line, pos, &cp);
    if (IsSentencePunct(cp)) return false;
    if (IsMenuSeparator(cp)) {
      if (item_has_word) ++items;
      item_has_word = false;
      words_in_item = 0;
      in_word = false;
      continue;
    }
    const bool word = IsWordChar(cp);
    if (word && !IsDigitChar(cp)) item_has_word = true;  // items need a letter
    if (word && !in_word) {
      if (++words_in_item > options_.menu_max_item_words) return false;
    }
    in_word = word;
  }
  if (item_has_word) ++items;
  return items >= options_.menu_min_items;
}

std::string_view BoilerplateStage::Classify(std::string_view line) {
  line_words_.clear();
  return ClassifyLine(line);
}

std::string_view BoilerplateStage::ClassifyLine(std::string_view line) {
  const std::string_view trimmed = TrimSpace(line);
  trimmed_begin_ = static_cast<size_t>(trimmed.data() - line.data());
  words_.clear();
  normalized_.clear();
  // What the line key and the classifier need of each word, kept so that
  // neither splits and normalizes the line again.
  auto add_info = [&](std::string_view norm, char32_t first, bool padded) {
    LineWord info;
    // (Unpadded: looked up once the line is joined, below.)
    if (padded) info.mask = stop_words_.Padded(norm.data(), norm.size());
    info.digit = IsDigitChar(first);
    info.upper = IsUpperChar(first);
    if (!norm.empty() && options_.share_words) {
      info.hash = HashBytes(norm);
      info.hashed = true;
    }
    line_words_.push_back(info);
  };
  trimmed_ascii_ = IsAsciiText(trimmed.data(), trimmed.size());
  if (trimmed_ascii_) {
    // An ASCII line in one pass: the words are the runs of letters and
    // digits (what WordHasher::ForEachWord finds), folded straight into
    // the joined normalized form, byte for byte.
    const AsciiFoldTable& fold = AsciiFoldTable::For(word_hasher_.normalizer().options());
    // The buffer keeps 64 bytes past the joined words: room for the vector
    // stores, and 16 readable bytes after every word for the stop-word
    // lookup.
    normalized_.resize(trimmed.size() + 64);
    joined_ = std::string_view(normalized_.data(),
                               fold.JoinWordsWithSpans(trimmed, normalized_.data(), &words_));
    size_t at = 0;
    for (const Span& w : words_) {
      const size_t length = w.end - w.begin;
      add_info(std::string_view(normalized_.data() + at, length),
               static_cast<unsigned char>(trimmed[w.begin]), /*padded=*/true);
      at += length + 1;
    }
  } else {
    // The stop-word masks wait until the line is joined: then each word
    // is looked up in place, with the 16 readable bytes the branch-free
    // lookup needs (a copy into a padded buffer per word cost more than
    // the lookup).
    //
    // The words are those of WordHasher::ForEachWord; the ASCII stretches
    // between the words with non-ASCII letters are joined by
    // JoinWordsWithSpans, as an ASCII line is
    // (WordHasher::ForEachAsciiStretchAndWord).
    const size_t first_word = line_words_.size();
    joined_words_.clear();
    const AsciiFoldTable& fold = AsciiFoldTable::For(word_hasher_.normalizer().options());
    size_t length = 0;  // joined bytes in normalized_
    auto room = [&](size_t bytes) {
      if (normalized_.size() < bytes) normalized_.resize(std::max(bytes, 2 * normalized_.size()));
    };
    auto joined = [&](size_t at, size_t size) {
      joined_words_.push_back({static_cast<uint32_t>(line_words_.size() - 1 - first_word),
                               static_cast<uint32_t>(at), static_cast<uint32_t>(size)});
    };
    word_hasher_.ForEachAsciiStretchAndWord(
        trimmed, {0, static_cast<uint32_t>(trimmed.size())},
        [&](size_t begin, size_t end) {
          size_t at = length == 0 ? 0 : length + 1;  // after a space
          room(at + (end - begin) + 64);
          const size_t first = words_.size();
          const size_t n = fold.JoinWordsWithSpans(trimmed.substr(begin, end - begin),
                                                   normalized_.data() + at, &words_);
          if (n == 0) return;
          if (at != 0) normalized_[length] = ' ';
          for (size_t k = first; k < words_.size(); ++k) {
            Span& w = words_[k];  // in the stretch: in the trimmed line
            w.begin += static_cast<uint32_t>(begin);
            w.end += static_cast<uint32_t>(begin);
            const size_t size = w.end - w.begin;
            add_info(std::string_view(normalized_.data() + at, size),
                     static_cast<unsigned char>(trimmed[w.begin]), /*padded=*/false);
            joined(at, size);
            at += size + 1;
          }
          length = at - 1;
        },
        [&](Span w, std::string_view norm) {
          words_.push_back(w);
          char32_t first;
          DecodeUtf8(trimmed, w.begin, &first);
          add_info(norm, first, /*padded=*/false);
          if (norm.empty()) return;
          const size_t at = length == 0 ? 0 : length + 1;
          room(at + norm.size() + 64);
          if (at != 0) normalized_[length] = ' ';
          std::memcpy(normalized_.data() + at, norm.data(), norm.size());
          joined(at, norm.size());
          length = at + norm.size();
        });
    const size_t joined_size = length;
    room(joined_size + 16);
    std::memset(normalized_.data() + joined_size, 0, 16);
    for (const JoinedWord& j : joined_words_) {
      line_words_[first_word + j.word].mask =
          stop_words_.Padded(normalized_.data() + j.offset, j.size);
    }
    joined_ = std::string_view(normalized_.data(), joined_size);
  }
  if (lexicon_->Match(joined_, words_.size())) return "lexicon";
  if (words_.size() <= 20 &&
      (trimmed.starts_with("\xC2\xA9") || trimmed.starts_with("(c)") ||
       trimmed.starts_with("(C)"))) {
    return "copyright";
  }
  if (IsMenuRow(trimmed)) return "menu_row";
  if (IsLinkLabel(trimmed, words_.size())) return "link_label";
  if (words_.size() <= static_cast<size_t>(options_.dateline_max_words) &&
      HasClockTime(trimmed)) {
    return "dateline";
  }
  return {};
}

bool BoilerplateStage::IsLineStructured(const DocumentContext& ctx, const Block& block) const {
  int lines = 0;
  int items = 0;
  int breaks = 0;     // line breaks whose next line opens with a letter or digit
  int wraps = 0;      // ... of which the sentence runs on across the break
  bool prev_open = false;
  bool have_prev = false;
  for (uint32_t l = block.first_line; l < block.end_line; ++l) {
    if (ctx.lines()[l].blank) continue;
    const LineShape shape = ShapeOf(ctx.lines()[l].span.In(ctx.text()));
    ++lines;
    items += shape.item;
    if (shape.columns) return false;
    if (have_prev && !shape.item && (shape.starts_lower || shape.starts_upper)) {
      ++breaks;
      wraps += shape.starts_lower || prev_open;
    }
    prev_open = shape.ends_open;
    have_prev = true;
  }
  if (lines < 2) return false;
  if (2 * items >= lines) return true;
  return breaks > 0 && wraps <= options_.line_block_max_wrap_share * breaks;
}

void BoilerplateStage::RemoveHardLines(DocumentContext* ctx) {
  const auto& lines = ctx->lines();
  frequent_long_.assign(lines.size(), 0);
  label_line_.assign(lines.size(), 0);
  ascii_line_.assign(lines.size(), 0);
  line_first_word_.assign(lines.size() + 1, 0);
  line_words_.clear();
  pending_.clear();
  const LineFrequencies* freq = options_.line_frequencies;
  // The words of every line, for the corpus stage (DocumentContext::Words):
  // complete when no line was removed before this stage (blank lines have
  // no words, and no word crosses a line break).
  DocumentContext::Words* text_words = ctx->mutable_words();
  text_words->hashes.clear();
  text_words->spans.clear();
  text_words->options = word_hasher_.normalizer().options();
  bool complete = true;
  for (uint32_t i = 0; i < lines.size(); ++i) {
    line_first_word_[i] = static_cast<uint32_t>(line_words_.size());
    if (lines[i].blank) continue;
    if (ctx->line_removed(i)) {
      complete = false;
      continue;
    }
    const size_t first_word = line_words_.size();
    std::string_view rule = ClassifyLine(lines[i].span.In(ctx->text()));
    ascii_line_[i] = trimmed_ascii_;
    const auto offset = static_cast<uint32_t>(lines[i].span.begin + trimmed_begin_);
    for (size_t w = first_word; options_.share_words && w < line_words_.size(); ++w) {
      if (!line_words_[w].hashed) continue;
      const Span s = words_[w - first_word];
      text_words->hashes.push_back(line_words_[w].hash);
      text_words->spans.push_back({s.begin + offset, s.end + offset});
    }
    PendingLine p;
    p.line = i;
    p.words = static_cast<uint32_t>(words_.size());
    p.rule = rule;
    if (rule.empty() && freq != nullptr && options_.frequent_line_min_docs > 0) {
      // LineFrequencies::LineKey of the line, from the words ClassifyLine
      // joined (the trimmed line has the same words as the whole line). It
      // is counted below, once every line's lookup has started: at scale
      // the table is far larger than the caches.
      p.key = LineFrequencies::KeyOfJoined(joined_);
      freq->Prefetch(p.key);
    }
    pending_.push_back(p);
  }
  for (const PendingLine& p : pending_) {
    std::string_view rule = p.rule;
    float score = 1.0f;
    if (rule.empty() && freq != nullptr && options_.frequent_line_min_docs > 0) {
      const uint32_t docs = freq->Count(p.key);
      if (docs >= options_.frequent_line_min_docs) {
        if (p.words <= static_cast<uint32_t>(options_.frequent_line_max_words)) {
          rule = "frequent_line";
          score = static_cast<float>(docs);
        } else {
          frequent_long_[p.line] = 1;  // evidence for the classifier, not a verdict
        }
      }
    }
    if (rule.empty()) continue;
    label_line_[p.line] = rule == "frequent_line" || rule == "dateline";
    Removal r;
    r.stage = StageId::kBoilerplate;
    r.rule = rule;
    r.score = score;
    ctx->RemoveLine(p.line, r);
  }
  line_first_word_[lines.size()] = static_cast<uint32_t>(line_words_.size());
  text_words->complete = complete && options_.share_words;
}

void BoilerplateStage::Measure(const DocumentContext& ctx, Unit* unit) {
  const std::string_view text = ctx.text();
  UnitFeatures& f = unit->features;
  unit->first_word = static_cast<uint32_t>(masks_.size());
  int cjk = 0;
  int content_words = 0;
  int capitalized = 0;
  int32_t last_line = -1;
  for (uint32_t l = unit->first_line; l < unit->end_line; ++l) {
    if (ctx.line_removed(l) || ctx.lines()[l].blank) continue;
    last_line = static_cast<int32_t>(l);
    const Span span = ctx.lines()[l].span;
    // Every line still kept was classified by RemoveHardLines, which kept
    // its words' stop-word masks and first characters.
    // Without a branch per word: whether a word is a stop word is a coin
    // toss for the branch predictor.
    const uint32_t first = line_first_word_[l];
    const uint32_t end = line_first_word_[l + 1];
    const size_t at = masks_.size();
    masks_.resize(at + (end - first));
    for (uint32_t w = first; w < end; ++w) {
      const LineWord& word = line_words_[w];
      masks_[at + (w - first)] = word.mask;
      const int content = static_cast<int>(word.mask == 0) & static_cast<int>(!word.digit);
      content_words += content;
      capitalized += content & static_cast<int>(word.upper);
    }
    if (ascii_line_[l]) continue;  // no CJK in it
    for (size_t pos = span.begin; pos < span.end;) {
      // ASCII is not CJK: skip it eight bytes at a time, then byte by byte.
      if (pos + 8 <= span.end && BytesNonAscii(LoadWord(text.data() + pos)) == 0) {
        pos += 8;
        continue;
      }
      if (static_cast<unsigned char>(text[pos]) < 0x80) {
        ++pos;
        continue;
      }
      char32_t cp;
      pos += DecodeUtf8(text, pos, &cp);
      if (cp >= 0x3040 && IsCjk(cp)) ++cjk;
    }
  }
  unit->end_word = static_cast<uint32_t>(masks_.size());
  f.words = std::max(static_cast<int>(unit->end_word - unit->first_word), cjk / 2);
  f.title_case = content_words > 0 ? static_cast<double>(capitalized) / content_words : 0.0;
  f.terminal = false;
  if (last_line >= 0) {
    const Span span = ctx.lines()[static_cast<uint32_t>(last_line)].span;
    size_t end = span.end;
    while (end > span.begin) {
      char32_t cp;
      const size_t start = PreviousCodePointStart(text, end, &cp);
      if (!IsSpaceChar(cp)) {
        f.terminal = IsTerminalPunct(cp);
        break;
      }
      end = start;
    }
  }
}

UnitClass BoilerplateStage::ClassOf(const UnitFeatures& f, bool use_stop_words,
                                    bool use_title_case) const {
  // Bullets, rules and other word-less units carry no evidence either way.
  if (f.words == 0) return UnitClass::kBlank;
  if (f.words < options_.short_min_words) return UnitClass::kShort;
  const double stop_share =
      use_stop_words ? static_cast<double>(f.stop_words) / f.words : 1.0;
  const bool headline =
      !f.terminal || (use_title_case && f.title_case >= options_.title_case_share);
  if (stop_share >= options_.good_min_stopword_share && f.words >= options_.good_min_words &&
      !headline) {
    return UnitClass::kGood;
  }
  if (headline && f.words < options_.headline_max_words) return UnitClass::kShort;
  if (stop_share >= options_.near_min_stopword_share) return UnitClass::kNear;
  if (options_.sentence_is_near && !headline) return UnitClass::kNear;
  return UnitClass::kBad;
}

void BoilerplateStage::ClassifyUnits(DocumentContext* ctx) {
  units_.clear();
  masks_.clear();
  const bool by_block = options_.unit == UnitMode::kBlock;
  auto add_unit = [&](uint32_t first, uint32_t end) {
    Unit unit;
    unit.first_line = first;
    unit.end_line = end;
    bool any_kept = false;
    for (uint32_t l = first; l < end; ++l) {
      any_kept |= !ctx->line_removed(l) && !ctx->lines()[l].blank;
    }
    if (any_kept) {
      Measure(*ctx, &unit);
    } else {
      unit.cls = UnitClass::kHard;
      unit.label = true;
      for (uint32_t l = first; l < end; ++l) {
        if (!ctx->lines()[l].blank && !label_line_[l]) unit.label = false;
      }
    }
    units_.push_back(unit);
  };
  if (by_block) {
    for (const Block& b : ctx->blocks()) {
      if (options_.split_line_blocks && IsLineStructured(*ctx, b)) {
        for (uint32_t l = b.first_line; l < b.end_line; ++l) {
          if (!ctx->lines()[l].blank) add_unit(l, l + 1);
        }
      } else {
        add_unit(b.first_line, b.end_line);
      }
    }
  } else {
    const auto& lines = ctx->lines();
    for (uint32_t l = 0; l < lines.size(); ++l) {
      if (!lines[l].blank) add_unit(l, l + 1);
    }
  }
  if (units_.empty()) return;

  // The document's language decides which stop words count.
  const Language lang = GuessLanguageFromMasks(masks_);
  size_t any_stop = 0;
  for (StopWordMask m : masks_) any_stop += m != 0;
  const bool use_stop_words =
      !masks_.empty() && static_cast<double>(any_stop) / static_cast<double>(masks_.size()) >=
                             options_.unknown_language_stopword_share;
  const StopWordMask lang_bit =
      lang == Language::kUnknown ? StopWordMask{0}
                                 : static_cast<StopWordMask>(1u << static_cast<int>(lang));
  // German capitalizes every noun: capitals say nothing about headlines.
  const bool use_title_case = lang != Language::kGerman;
  for (Unit& u : units_) {
    if (u.cls == UnitClass::kHard) continue;
    int stops = 0;
    for (uint32_t w = u.first_word; w < u.end_word; ++w) {
      const StopWordMask m = masks_[w];
      stops += lang_bit != 0 ? (m & lang_bit) != 0 : m != 0;
    }
    u.features.stop_words = stops;
    u.cls = ClassOf(u.features, use_stop_words, use_title_case);
    // Long lines that recur across documents: site text (bios, disclaimers)
    // or a duplicated page. They count against a region but are not removed
    // by a hard rule, so a duplicated page is left to the corpus stage.
    bool all_frequent = true;
    for (uint32_t l = u.first_line; l < u.end_line; ++l) {
      if (!ctx->line_removed(l) && !ctx->lines()[l].blank && !frequent_long_[l]) {
        all_frequent = false;
      }
    }
    if (all_frequent) u.cls = UnitClass::kBad;
  }

  // Context smoothing: short and near units take their class from the
  // nearest decided (good or bad) units on both sides.
  const size_t n = units_.size();
  std::vector<int8_t> prev_good(n), next_good(n);  // 1 good, 0 bad/none
  // Hard-rule lines end the context, except timestamps and corpus-frequent
  // labels (smooth_across_labels): those mark a record (a post, a comment)
  // inside the content, not its end.
  const auto ends_context = [&](const Unit& u) {
    return u.cls == UnitClass::kBad ||
           (u.cls == UnitClass::kHard && !(u.label && options_.smooth_across_labels));
  };
  int8_t last = 0;
  for (size_t i = 0; i < n; ++i) {
    prev_good[i] = last;
    const UnitClass c = units_[i].cls;
    if (c == UnitClass::kGood) last = 1;
    if (ends_context(units_[i])) last = 0;
  }
  last = 0;
  for (size_t i = n; i-- > 0;) {
    next_good[i] = last;
    const UnitClass c = units_[i].cls;
    if (c == UnitClass::kGood) last = 1;
    if (ends_context(units_[i])) last = 0;
  }
  for (size_t i = 0; i < n; ++i) {
    Unit& u = units_[i];
    u.smoothed = u.cls;
    if (u.cls != UnitClass::kShort && u.cls != UnitClass::kNear) continue;
    if (prev_good[i] && next_good[i]) {
      u.smoothed = UnitClass::kGood;
    } else if (!prev_good[i] && !next_good[i]) {
      u.smoothed = UnitClass::kBad;
    } else {
      u.smoothed = u.cls == UnitClass::kNear ? UnitClass::kGood : UnitClass::kBad;
    }
  }

  // Content regions: maximal positive-sum runs of the unit scores.
  scores_.assign(n, 0.0);
  for (size_t i = 0; i < n; ++i) {
    const Unit& u = units_[i];
    const double words = u.features.words;
    switch (u.cls) {
      case UnitClass::kGood: scores_[i] = words; break;
      case UnitClass::kNear: scores_[i] = options_.near_weight * words; break;
      case UnitClass::kShort:
        scores_[i] = u.smoothed == UnitClass::kGood ? -options_.short_in_good_penalty
                                                    : -options_.short_penalty;
        break;
      case UnitClass::kBad: scores_[i] = -options_.bad_weight * words; break;
      case UnitClass::kHard: scores_[i] = -options_.hard_penalty; break;
      case UnitClass::kBlank: break;
    }
  }
  struct Run {
    double score;
    size_t begin, end;
  };
  std::vector<Run> runs;
  double cur = 0, best = 0;
  size_t cur_begin = 0, best_begin = 0, best_end = 0;
  for (size_t i = 0; i < n; ++i) {
    if (cur <= 0) {
      if (best > 0) runs.push_back({best, best_begin, best_end});
      cur = 0;
      best = 0;
      cur_begin = i;
    }
    cur += scores_[i];
    if (cur > best) {
      best = cur;
      best_begin = cur_begin;
      best_end = i + 1;
    }
  }
  if (best > 0) runs.push_back({best, best_begin, best_end});
  double top = 0;
  double total = 0;
  for (const Run& r : runs) {
    top = std::max(top, r.score);
    total += r.score;
  }
  const bool dispersed = total > 0 && top < options_.dispersed_top_share * total;
  in_region_.assign(n, 0);
  for (const Run& r : runs) {
    const bool region =
        dispersed ? r.score >= options_.dispersed_min_score
                  : r.score >= options_.region_min_share * top &&
                        r.score >= options_.region_min_score;
    if (!region) continue;
    std::fill(in_region_.begin() + static_cast<std::ptrdiff_t>(r.begin),
              in_region_.begin() + static_cast<std::ptrdiff_t>(r.end), 1);
  }
  // Regions found: what they keep.
  std::vector<uint8_t> keep(n, 0);
  bool any_kept = false;
  for (size_t i = 0; i < n; ++i) {
    keep[i] = units_[i].cls != UnitClass::kHard && in_region_[i] &&
              (units_[i].smoothed != UnitClass::kBad || dispersed ||
               (options_.keep_region_sentences && units_[i].features.terminal));
    any_kept |= keep[i] != 0;
  }
  // A page without a clear body: no region, or regions of doubtful units
  // only (near units between bad ones).
  if (!any_kept) {
    if (options_.weak_page == WeakPage::kKeepAll) return;
    for (const Run& r : runs) {
      if (r.score != top) continue;
      for (size_t i = r.begin; i < r.end; ++i) keep[i] = units_[i].cls != UnitClass::kHard;
      break;
    }
  }

  // Headings: a short unit right before a kept good unit stays with it.
  if (options_.keep_headings) {
    // Walking backwards, `next_kept` says whether the next unit that is not
    // furniture removed by a hard rule (nor word-less) is kept.
    // Headings do not chain: only a unit kept on its own merits counts.
    bool next_kept = false;
    for (size_t i = n; i-- > 0;) {
      const Unit& u = units_[i];
      if (u.cls == UnitClass::kHard || u.cls == UnitClass::kBlank) continue;
      const bool kept_on_merit = keep[i] != 0;
      if (!keep[i] && (u.cls == UnitClass::kShort || u.cls == UnitClass::kNear) &&
          u.features.words >= options_.heading_min_words && next_kept) {
        keep[i] = 1;
      }
      next_kept = kept_on_merit;
    }
  }
  for (size_t i = 0; i < n; ++i) {
    const Unit& u = units_[i];
    if (u.cls == UnitClass::kHard || keep[i]) continue;
    Removal r;
    r.stage = StageId::kBoilerplate;
    r.rule = in_region_[i] ? "low_content" : "outside_content";
    r.score = static_cast<float>(scores_[i]);
    ctx->RemoveLines(u.first_line, u.end_line, r);
  }
}

void BoilerplateStage::Process(DocumentContext* ctx) {
  RemoveHardLines(ctx);
  if (options_.classify) ClassifyUnits(ctx);
}

}  // namespace winnow
