// Invariants of cleaned text, shared by the fuzz targets (tests/fuzz) and the
// property tests (tests/pipeline/property_test.cc).
//
//   std::string why = KeptLinesProblem(input, clean);
//   if (!why.empty()) fail(why);
//
// winnow never edits text: a cleaned document is the input with whole lines
// left out (DocumentContext::Apply). So the output, cut into lines with their
// terminators, must be a subsequence of the input cut the same way. Greedy
// matching (each output line against the first equal input line not yet
// used) decides that exactly: if any order-preserving match exists, the
// greedy one does.
//
// Header-only and dependency-free so that the fuzz build (which builds no
// tests) can use it. All functions are pure and thread-safe.

#ifndef WINNOW_TESTS_TESTING_INVARIANTS_H_
#define WINNOW_TESTS_TESTING_INVARIANTS_H_

#include <string>
#include <string_view>
#include <vector>

namespace winnow::testing {

// `text` cut after every '\n'; each piece keeps its terminator ("\n" or
// "\r\n"); the last piece has none when the text does not end in '\n'.
inline std::vector<std::string_view> LinesWithTerminators(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start < text.size()) {
    const size_t nl = text.find('\n', start);
    const size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    lines.push_back(text.substr(start, end - start));
    start = end;
  }
  return lines;
}

// "" when `kept` is made of whole lines of `input` (terminators included), in
// input order, each input line used at most once; otherwise what is wrong.
inline std::string KeptLinesProblem(std::string_view input, std::string_view kept) {
  const std::vector<std::string_view> in = LinesWithTerminators(input);
  const std::vector<std::string_view> out = LinesWithTerminators(kept);
  size_t next = 0;
  for (size_t k = 0; k < out.size(); ++k) {
    while (next < in.size() && in[next] != out[k]) ++next;
    if (next == in.size()) {
      return "kept line " + std::to_string(k) + " (\"" + std::string(out[k].substr(0, 80)) +
             "\") is not a later whole line of the input";
    }
    ++next;
  }
  return "";
}

// True when `part` lies inside `whole` (same memory).
inline bool Within(std::string_view whole, std::string_view part) {
  return part.data() >= whole.data() &&
         part.data() + part.size() <= whole.data() + whole.size();
}

}  // namespace winnow::testing

#endif  // WINNOW_TESTS_TESTING_INVARIANTS_H_
