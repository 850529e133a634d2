// Cleaner: the per-document part of a run, usable from C++ on one document.
//
//   Cleaner cleaner(CleanerOptions{});          // boilerplate, repeats, corpus
//   std::string clean;
//   cleaner.Clean(text, &clean);                // kept bytes, unchanged
//   for (const Removal& r : cleaner.removals()) ...   // why each span went
//
// Stages run in a fixed order (boilerplate, repeats, corpus) whatever order
// they are listed in, each seeing what the earlier ones removed.
//
// The corpus stage (dedup/corpus.h) compares each document with the ones
// cleaned before it by the same Cleaner: call Clean() on the documents in
// input order, with their ordinals (kept_document names them).
//
// Not thread-safe: a Cleaner holds the stages' scratch state and the corpus
// state; one Cleaner sees one stream of documents. removals() and context()
// live until the next Clean().

#ifndef WINNOW_PIPELINE_CLEANER_H_
#define WINNOW_PIPELINE_CLEANER_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "winnow/clean/boilerplate.h"
#include "winnow/dedup/corpus.h"
#include "winnow/dedup/repeats.h"
#include "winnow/stage/decision.h"

namespace winnow {

// Every stage, in run order: boilerplate, repeats, corpus. (A function, not
// an initializer list in CleanerOptions: GCC 12 warns falsely
// (-Wmaybe-uninitialized) on a three-element list of a one-byte enum.)
std::vector<StageId> AllStages();

struct CleanerOptions {
  // Stages to run. Default: all of them.
  std::vector<StageId> stages = AllStages();
  BoilerplateOptions boilerplate;
  RepeatsOptions repeats;
  CorpusOptions corpus;
};

// Parses a comma-separated stage list ("boilerplate,repeats,corpus";
// "all" = all three).
absl::StatusOr<std::vector<StageId>> ParseStages(std::string_view list);

class Cleaner {
 public:
  explicit Cleaner(const CleanerOptions& options = {});

  // Cleans `text` (document number `ordinal` in the run) into *out.
  void Clean(std::string_view text, std::string* out, uint64_t ordinal = 0);

  const std::vector<Removal>& removals() const { return ctx_.removals(); }
  const DocumentContext& context() const { return ctx_; }
  // The corpus stage (its counters and memory), or null when it is not run.
  const CorpusStage* corpus() const { return corpus_; }

 private:
  DocumentContext ctx_;
  const CorpusStage* corpus_ = nullptr;  // owned by stages_
  std::vector<std::unique_ptr<Stage>> stages_;
};

}  // namespace winnow

#endif  // WINNOW_PIPELINE_CLEANER_H_
