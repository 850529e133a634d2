// Within-document repeats (the repeats stage on one document at a time) and
// corpus lookups (the corpus stage over the whole stream of documents, in
// order, from an empty index).

#include <benchmark/benchmark.h>

#include <string>

#include "bench_corpus.h"
#include "winnow/dedup/corpus.h"
#include "winnow/dedup/repeats.h"
#include "winnow/stage/decision.h"

namespace winnow::bench {
namespace {

uint64_t CountRule(const DocumentContext& ctx, std::string_view rule) {
  uint64_t n = 0;
  for (const Removal& r : ctx.removals()) n += r.rule == rule;
  return n;
}

void BM_Repeats_Document(benchmark::State& state) {
  const BenchCorpus& corpus = GetBenchCorpus();
  DocumentContext ctx;
  auto run = [&](RepeatsStage* stage, uint64_t* exact, uint64_t* all) {
    *exact = 0;
    *all = 0;
    for (const std::string& text : corpus.texts) {
      ctx.Reset(text);
      stage->Process(&ctx);
      *exact += CountRule(ctx, "exact_paragraph");
      *all += ctx.removals().size();
    }
  };
  RepeatsStage stage;
  uint64_t exact = 0;
  uint64_t all = 0;
  // Check once: each injected repeated paragraph goes as exact_paragraph
  // (generated text), and a fresh stage decides the same as a reused one.
  run(&stage, &exact, &all);
  if (corpus.generated && exact != corpus.repeated_paragraphs) {
    CheckFailed("BM_Repeats_Document", "exact_paragraph removed " + std::to_string(exact) +
                                           ", injected " +
                                           std::to_string(corpus.repeated_paragraphs));
  }
  RepeatsStage fresh;
  uint64_t exact2 = 0;
  uint64_t all2 = 0;
  run(&fresh, &exact2, &all2);
  if (exact2 != exact || all2 != all) {
    CheckFailed("BM_Repeats_Document", "a second run decided differently");
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
  state.counters["removals"] = static_cast<double>(all);
}
BENCHMARK(BM_Repeats_Document)->Unit(benchmark::kMillisecond);

void BM_Corpus_Stream(benchmark::State& state) {
  const BenchCorpus& corpus = GetBenchCorpus();
  DocumentContext ctx;
  auto run = [&](uint64_t* exact, uint64_t* all) {
    CorpusStage stage;  // an empty index: the whole stream is the run
    *exact = 0;
    *all = 0;
    for (size_t d = 0; d < corpus.texts.size(); ++d) {
      ctx.Reset(corpus.texts[d], d);
      stage.Process(&ctx);
      *exact += CountRule(ctx, "exact_document") > 0;
      *all += ctx.removals().size();
    }
  };
  uint64_t exact = 0;
  uint64_t all = 0;
  // Check once: each injected copy of a document goes as exact_document
  // (generated text), and a second run decides the same.
  run(&exact, &all);
  if (corpus.generated && exact != corpus.duplicate_documents) {
    CheckFailed("BM_Corpus_Stream", "exact_document removed " + std::to_string(exact) +
                                        " documents, injected " +
                                        std::to_string(corpus.duplicate_documents));
  }
  uint64_t exact2 = 0;
  uint64_t all2 = 0;
  run(&exact2, &all2);
  if (exact2 != exact || all2 != all) {
    CheckFailed("BM_Corpus_Stream", "a second run decided differently");
  }
  for (auto _ : state) {
    CorpusStage stage;
    for (size_t d = 0; d < corpus.texts.size(); ++d) {
      ctx.Reset(corpus.texts[d], d);
      stage.Process(&ctx);
      benchmark::DoNotOptimize(ctx.removals().data());
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus.text_bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * corpus.texts.size()));
  state.counters["removals"] = static_cast<double>(all);
}
BENCHMARK(BM_Corpus_Stream)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace winnow::bench
