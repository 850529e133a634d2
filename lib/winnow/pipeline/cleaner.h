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
//
// Threads: the per-document work (the boilerplate and repeats stages, and
// the corpus stage's digest) is DocumentCleaner, one per thread, on
// documents in any order; the corpus stage's decisions (CorpusStage::Commit)
// then run on one thread in input order. Cleaner::Clean is exactly
//
//   local.Prepare(text, ordinal, &ctx, &digest);   // any thread
//   if (corpus) corpus->Commit(&ctx, digest);      // one thread, input order
//   ctx.Apply(out);
//
// so a multithreaded run removes what a single Cleaner removes.

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

// The per-document part of cleaning, one per thread (see above).
class DocumentCleaner {
 public:
  explicit DocumentCleaner(const CleanerOptions& options = {});

  // Resets *ctx to `text` (which must outlive ctx's use), runs the
  // per-document stages on it and, when the corpus stage is selected, fills
  // *digest for CorpusStage::Commit.
  void Prepare(std::string_view text, uint64_t ordinal, DocumentContext* ctx,
               CorpusDigest* digest);
  bool wants_corpus() const { return corpus_ != nullptr; }

 private:
  std::vector<std::unique_ptr<Stage>> stages_;  // boilerplate, repeats
  std::unique_ptr<CorpusHasher> corpus_;
};

class Cleaner {
 public:
  explicit Cleaner(const CleanerOptions& options = {});

  // Cleans `text` (document number `ordinal` in the run) into *out.
  void Clean(std::string_view text, std::string* out, uint64_t ordinal = 0);

  const std::vector<Removal>& removals() const { return ctx_.removals(); }
  const DocumentContext& context() const { return ctx_; }
  // The corpus stage (its counters and memory), or null when it is not run.
  const CorpusStage* corpus() const { return corpus_.get(); }

 private:
  DocumentCleaner local_;
  std::unique_ptr<CorpusStage> corpus_;
  DocumentContext ctx_;
  CorpusDigest digest_;
};

}  // namespace winnow

#endif  // WINNOW_PIPELINE_CLEANER_H_
