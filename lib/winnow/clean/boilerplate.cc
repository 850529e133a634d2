#include "winnow/clean/boilerplate.h"

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

bool IsLinkLabel(std::string_view line, size_t words) {
  if (words > 20) return false;
  for (std::string_view label : kLinkLabels) {
    if (StartsWithIgnoringAsciiCase(line, label)) return true;
  }
  return false;
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
  const std::string_view trimmed = TrimSpace(line);
  words_.clear();
  SplitWords(trimmed, {0, static_cast<uint32_t>(trimmed.size())}, &words_);
  normalized_.clear();
  for (const Span& w : words_) {
    normalizer_.NormalizeWord(w.In(trimmed), &scratch_);
    if (scratch_.empty()) continue;
    if (!normalized_.empty()) normalized_.push_back(' ');
    normalized_ += scratch_;
  }
  if (lexicon_->Match(normalized_, words_.size())) return "lexicon";
  if (words_.size() <= 20 &&
      (trimmed.starts_with("\xC2\xA9") || trimmed.starts_with("(c)") ||
       trimmed.starts_with("(C)"))) {
    return "copyright";
  }
  if (IsMenuRow(trimmed)) return "menu_row";
  if (IsLinkLabel(trimmed, words_.size())) return "link_label";
  return {};
}

void BoilerplateStage::Process(DocumentContext* ctx) {
  const auto& lines = ctx->lines();
  for (uint32_t i = 0; i < lines.size(); ++i) {
    if (lines[i].blank || ctx->line_removed(i)) continue;
    const std::string_view rule = Classify(lines[i].span.In(ctx->text()));
    if (rule.empty()) continue;
    Removal r;
    r.stage = StageId::kBoilerplate;
    r.rule = rule;
    ctx->RemoveLine(i, r);
  }
}

}  // namespace winnow
