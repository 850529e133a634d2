#include "winnow/text/normalizer.h"

#include <utf8proc.h>

#include <cstdlib>
#include <vector>

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
