// Cleaner: the per-document part of a run, usable from C++ on one document.
//
//   Cleaner cleaner(CleanerOptions{});          // boilerplate, then repeats
//   std::string clean;
//   cleaner.Clean(text, &clean);                // kept bytes, unchanged
//   for (const Removal& r : cleaner.removals()) ...   // why each span went
//
// Stages run in a fixed order (boilerplate, repeats) whatever order they
// are listed in, each seeing what the earlier ones removed.
//
// Not thread-safe: a Cleaner holds the stages' scratch state; use one per
// thread. removals() and context() live until the next Clean().

#ifndef WINNOW_PIPELINE_CLEANER_H_
#define WINNOW_PIPELINE_CLEANER_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "winnow/clean/boilerplate.h"
#include "winnow/dedup/repeats.h"
#include "winnow/stage/decision.h"

namespace winnow {

struct CleanerOptions {
  // Stages to run. Default: all per-document stages.
  std::vector<StageId> stages = {StageId::kBoilerplate, StageId::kRepeats};
  BoilerplateOptions boilerplate;
  RepeatsOptions repeats;
};

// Parses a comma-separated stage list ("boilerplate,repeats"; "all").
absl::StatusOr<std::vector<StageId>> ParseStages(std::string_view list);

class Cleaner {
 public:
  explicit Cleaner(const CleanerOptions& options = {});

  // Cleans `text` (document number `ordinal` in the run) into *out.
  void Clean(std::string_view text, std::string* out, uint64_t ordinal = 0);

  const std::vector<Removal>& removals() const { return ctx_.removals(); }
  const DocumentContext& context() const { return ctx_; }

 private:
  DocumentContext ctx_;
  std::vector<std::unique_ptr<Stage>> stages_;
};

}  // namespace winnow

#endif  // WINNOW_PIPELINE_CLEANER_H_
