// The boilerplate stage: removes lines that are page furniture.
//
// Rules, each recorded as the Removal's rule name:
//
//   lexicon    the normalized line matches the lexicon (clean/lexicon.h):
//              "Advertisement", "Author", "Share this article", "Sign in",
//              cookie notices, "All rights reserved" footers.
//   copyright  a short line that starts with "©" or "(c)".
//   link_label a line of at most 20 words that starts with a link lead-in
//              such as "Read more:", "Related:", "See also:".
//   menu_row   a line of at least kMenuMinItems short items between
//              separators ("Home | News | Sport | Weather", "News • Sport")
//              with no sentence punctuation.
//
//   BoilerplateStage stage;            // built-in lexicon
//   stage.Process(&ctx);               // records removals in ctx
//
// Not thread-safe (scratch buffers): one instance per thread. The lexicon is
// shared and immutable.

#ifndef WINNOW_CLEAN_BOILERPLATE_H_
#define WINNOW_CLEAN_BOILERPLATE_H_

#include <string>
#include <vector>

#include "winnow/clean/lexicon.h"
#include "winnow/stage/decision.h"
#include "winnow/text/normalizer.h"

namespace winnow {

struct BoilerplateOptions {
  // Lexicon to use; nullptr means Lexicon::BuiltIn(). Not owned.
  const Lexicon* lexicon = nullptr;
  // Minimum number of separated items for the menu_row rule.
  int menu_min_items = 3;
  // Longest item, in words, that a menu row may contain.
  int menu_max_item_words = 4;
};

class BoilerplateStage final : public Stage {
 public:
  explicit BoilerplateStage(BoilerplateOptions options = {});

  StageId id() const override { return StageId::kBoilerplate; }
  void Process(DocumentContext* ctx) override;

  // The rule that removes `line`, or an empty view when it is kept.
  // (Exposed for tests and for the explain output.)
  std::string_view Classify(std::string_view line);

 private:
  bool IsMenuRow(std::string_view line) const;

  BoilerplateOptions options_;
  const Lexicon* lexicon_;
  Normalizer normalizer_;
  std::vector<Span> words_;
  std::string normalized_;
  std::string scratch_;
};

}  // namespace winnow

#endif  // WINNOW_CLEAN_BOILERPLATE_H_
