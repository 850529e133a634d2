// Fuzzes the normalizer (text/normalizer.h) with default options and with
// accent stripping.
//
// Invariants beyond survival:
//   - NormalizeText's output is valid UTF-8 whatever the input, holds words
//     joined by single spaces (no leading, trailing or double space), and
//     has no digit but '0' (digits_to_zero);
//   - NormalizeWord of each word SplitWords finds is valid UTF-8 without a
//     space, and NormalizeText is those words joined by spaces, empty ones
//     left out;
//   - normalizing twice changes nothing: NormalizeText(NormalizeText(x)) ==
//     NormalizeText(x). Hash keys must be stable, or a normalized key stored
//     once would not match the same text normalized again.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/base/check.h"
#include "winnow/text/normalizer.h"
#include "winnow/text/segmenter.h"
#include "winnow/text/utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace winnow;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (text.size() > kMaxDocumentBytes) return 0;
  static const Normalizer* const kDefault = new Normalizer();
  static const Normalizer* const kStrip = new Normalizer(NormalizerOptions{
      .nfkc = true, .case_fold = true, .digits_to_zero = true, .strip_accents = true});
  for (const Normalizer* n : {kDefault, kStrip}) {
    const std::string norm = n->NormalizeText(text);
    WINNOW_CHECK(IsValidUtf8(norm)) << "normalized text is not UTF-8";
    WINNOW_CHECK(norm.empty() || (norm.front() != ' ' && norm.back() != ' '));
    WINNOW_CHECK(norm.find("  ") == std::string::npos) << "double space";
    for (char c : norm) WINNOW_CHECK(c < '1' || c > '9') << "digit " << c << " kept";

    std::vector<Span> words;
    SplitWords(text, Span{0, static_cast<uint32_t>(text.size())}, &words);
    std::string joined;
    std::string word;
    for (const Span& w : words) {
      n->NormalizeWord(w.In(text), &word);
      WINNOW_CHECK(IsValidUtf8(word));
      WINNOW_CHECK(word.find(' ') == std::string::npos) << "space in a normalized word";
      if (word.empty()) continue;
      if (!joined.empty()) joined.push_back(' ');
      joined += word;
    }
    WINNOW_CHECK(joined == norm) << "NormalizeText is not its words normalized";

    const std::string again = n->NormalizeText(norm);
    WINNOW_CHECK(again == norm) << "normalizing twice changed \"" << norm << "\" to \""
                                << again << "\"";
  }
  return 0;
}
