// Input for the microbenchmarks: realistic web text, the same in every run.
//
// By default the documents are generated in-process from a fixed seed: an
// English word model (function words at their usual rates, a few thousand
// content words, numbers, a sprinkle of accented and curly-quoted words so
// the normalizer's Unicode path runs), sentences grouped into paragraphs
// separated by blank lines (60% of documents) or single newlines (the WET
// shape), a title-case headline, and known injections whose counts the
// benchmarks check before they time anything:
//   - furniture lines from the built-in lexicon ("Advertisement", ...);
//   - paragraphs repeated word for word later in the same document;
//   - documents that are exact copies of an earlier document's text.
//
// With WINNOW_BENCH_CORPUS=path.jsonl the documents are instead the first
// WINNOW_BENCH_BYTES bytes (default 16 MiB) of that JSONL file (e.g. the
// standard corpus that bench/e2e.sh generates). The injected counts are then
// unknown (`generated` is false) and the benchmarks check what they can
// check without them (agreement with a naive reference, determinism).
//
//   const BenchCorpus& c = GetBenchCorpus();
//   for (const std::string& text : c.texts) ...
//
// Thread-safety: GetBenchCorpus builds the corpus once (thread-safe static)
// and the result is immutable.

#ifndef WINNOW_BENCH_BENCH_CORPUS_H_
#define WINNOW_BENCH_BENCH_CORPUS_H_

#include <cstdint>
#include <string>
#include <vector>

namespace winnow::bench {

struct BenchCorpus {
  std::vector<std::string> texts;  // document texts, in order
  std::string jsonl;               // the same as JSONL: {"id","url","text"} per line
  std::string source;              // "generated (seed N)" or the file's path
  uint64_t text_bytes = 0;         // sum of texts[i].size()

  // What the generator put in (meaningful only when generated).
  bool generated = false;
  uint64_t lexicon_lines = 0;        // lines that are whole lexicon phrases
  uint64_t repeated_paragraphs = 0;  // exact copies of an earlier paragraph of the document
  uint64_t duplicate_documents = 0;  // exact copies of an earlier document's text
};

// The corpus (built on first use; see the file comment). Exits with a
// message when WINNOW_BENCH_CORPUS names a file that cannot be read.
const BenchCorpus& GetBenchCorpus();

// One context line for the benchmark report: where the input came from.
std::string DescribeCorpus(const BenchCorpus& corpus);

// Stops the process with a message: a benchmark whose check failed must not
// report a figure.
[[noreturn]] void CheckFailed(const std::string& benchmark, const std::string& what);

}  // namespace winnow::bench

#endif  // WINNOW_BENCH_BENCH_CORPUS_H_
