// The boilerplate stage on one document at a time (hard rules, classifier,
// content regions), without corpus evidence.

#include <benchmark/benchmark.h>

#include <string>

#include "bench_corpus.h"
#include "winnow/clean/boilerplate.h"
#include "winnow/stage/decision.h"

namespace winnow::bench {
namespace {

// Runs the stage over every document; returns the lines removed by the
// lexicon rule and all removals.
void RunAll(BoilerplateStage* stage, DocumentContext* ctx, uint64_t* lexicon,
            uint64_t* removals) {
  *lexicon = 0;
  *removals = 0;
  for (const std::string& text : GetBenchCorpus().texts) {
    ctx->Reset(text);
    stage->Process(ctx);
    for (const Removal& r : ctx->removals()) *lexicon += r.rule == "lexicon";
    *removals += ctx->removals().size();
  }
}

void BM_Boilerplate_Document(benchmark::State& state) {
  const BenchCorpus& corpus = GetBenchCorpus();
  BoilerplateStage stage;
  DocumentContext ctx;
  uint64_t lexicon = 0;
  uint64_t removals = 0;
  // Check once: every injected furniture line goes by the lexicon rule (on
  // generated text), and a second run over the same stage object decides
  // the same (no state leaks between documents).
  RunAll(&stage, &ctx, &lexicon, &removals);
  if (corpus.generated && lexicon != corpus.lexicon_lines) {
    CheckFailed("BM_Boilerplate_Document", "lexicon removed " + std::to_string(lexicon) +
                                               " lines, injected " +
                                               std::to_string(corpus.lexicon_lines));
  }
  BoilerplateStage fresh;
  uint64_t lexicon2 = 0;
  uint64_t removals2 = 0;
  RunAll(&fresh, &ctx, &lexicon2, &removals2);
  if (lexicon2 != lexicon || removals2 != removals) {
    CheckFailed("BM_Boilerplate_Document", "a second run decided differently");
  }
  for (auto _ : state) {
    for (const std::string& text : corpus.texts) {
      ctx.Reset(text);
      stage.Process(&ctx);
      benchmark::DoNotOptimize(ctx.removals().data());
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus.text_bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * corpus.texts.size()));
  state.counters["removals"] = static_cast<double>(removals);
}
BENCHMARK(BM_Boilerplate_Document)->Unit(benchmark::kMillisecond);

// The segmentation that DocumentContext::Reset does for every stage
// benchmark, alone: subtract it to see a stage's own cost.
void BM_DocumentContext_Reset(benchmark::State& state) {
  const BenchCorpus& corpus = GetBenchCorpus();
  DocumentContext ctx;
  uint64_t lines = 0;
  for (const std::string& text : corpus.texts) {
    ctx.Reset(text);
    lines += ctx.lines().size();
  }
  if (lines == 0) CheckFailed("BM_DocumentContext_Reset", "no lines");
  for (auto _ : state) {
    for (const std::string& text : corpus.texts) {
      ctx.Reset(text);
      benchmark::DoNotOptimize(ctx.lines().data());
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus.text_bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * corpus.texts.size()));
}
BENCHMARK(BM_DocumentContext_Reset)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace winnow::bench
