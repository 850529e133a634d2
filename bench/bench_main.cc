// main() of every winnow microbenchmark: Google Benchmark's, plus context
// lines that say which build ran and on what input.

#include <benchmark/benchmark.h>

#include <string>

#include "bench_corpus.h"
#include "winnow/formats/reader.h"

namespace {

std::string Compiler() {
#if defined(__clang__)
  return "clang " + std::to_string(__clang_major__) + "." + std::to_string(__clang_minor__);
#elif defined(__GNUC__)
  return "g++ " + std::to_string(__GNUC__) + "." + std::to_string(__GNUC_MINOR__);
#else
  return "unknown";
#endif
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::AddCustomContext("winnow_build", WINNOW_BENCH_BUILD);
  benchmark::AddCustomContext("winnow_flags", WINNOW_BENCH_FLAGS);
  benchmark::AddCustomContext("compiler", Compiler());
  benchmark::AddCustomContext("simdjson_kernel", winnow::JsonKernelName());
  benchmark::AddCustomContext("input",
                              winnow::bench::DescribeCorpus(winnow::bench::GetBenchCorpus()));
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
