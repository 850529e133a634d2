// JSONL reading: DocumentReader over the benchmark corpus as JSONL, from
// memory (no file system in the measurement).

#include <benchmark/benchmark.h>

#include <string>

#include "bench_corpus.h"
#include "winnow/formats/reader.h"
#include "winnow/io/input.h"

namespace winnow::bench {
namespace {

// Reads every record of `jsonl`; returns the documents and their text bytes.
void ReadAll(const std::string& jsonl, std::string copy, uint64_t* docs, uint64_t* bytes,
             const std::vector<std::string>* expect) {
  auto reader = DocumentReader::FromStream(MemoryInput("bench.jsonl", std::move(copy)),
                                           Format::kJsonl, ReaderOptions{});
  Document doc;
  *docs = 0;
  *bytes = 0;
  while (reader->Next(&doc)) {
    if (expect != nullptr && (*docs >= expect->size() || doc.text != (*expect)[*docs])) {
      CheckFailed("BM_JsonlReader_Documents",
                  "document " + std::to_string(*docs) + " differs from the text written");
    }
    ++*docs;
    *bytes += doc.text.size();
  }
  if (!reader->status().ok() || reader->rejected() != 0) {
    CheckFailed("BM_JsonlReader_Documents", "reader failed on " + std::to_string(jsonl.size()) +
                                                " bytes: " + reader->status().ToString());
  }
}

void BM_JsonlReader_Documents(benchmark::State& state) {
  const BenchCorpus& corpus = GetBenchCorpus();
  uint64_t docs = 0;
  uint64_t bytes = 0;
  // Check once: every text comes back as it was written.
  ReadAll(corpus.jsonl, corpus.jsonl, &docs, &bytes, &corpus.texts);
  if (docs != corpus.texts.size() || bytes != corpus.text_bytes) {
    CheckFailed("BM_JsonlReader_Documents", "read " + std::to_string(docs) + " documents, " +
                                                "expected " + std::to_string(corpus.texts.size()));
  }
  for (auto _ : state) {
    state.PauseTiming();
    std::string copy = corpus.jsonl;  // MemoryInput owns its bytes
    state.ResumeTiming();
    ReadAll(corpus.jsonl, std::move(copy), &docs, &bytes, nullptr);
    benchmark::DoNotOptimize(bytes);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus.jsonl.size()));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * corpus.texts.size()));
}
BENCHMARK(BM_JsonlReader_Documents)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace winnow::bench
