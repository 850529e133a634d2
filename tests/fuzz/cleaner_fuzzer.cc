// Fuzzes cleaning one document end to end: pipeline/cleaner.h's Cleaner with
// its default stages (boilerplate, repeats, corpus), as `winnow clean` runs
// them on a document with no corpus evidence.
//
// Invariants beyond survival:
//   - the kept text is whole lines of the input (terminators included), in
//     input order (testing/invariants.h);
//   - every removal is in bounds, starts at a line start, ends at a line's
//     end (its terminator included), and no two removals overlap;
//   - kept bytes + removed bytes account for the input: the kept text is no
//     longer than the input minus what was removed;
//   - the kept text is valid UTF-8 when the input is;
//   - idempotence, where it holds (tests/testing/clean_invariants.h): a
//     second pass never removes by a line rule; with the boilerplate
//     classifier off and every block kept or removed whole by the first
//     pass, a second pass removes nothing.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "testing/clean_invariants.h"
#include "testing/invariants.h"
#include "winnow/base/check.h"
#include "winnow/pipeline/cleaner.h"
#include "winnow/text/segmenter.h"
#include "winnow/text/utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace winnow;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (text.size() > kMaxDocumentBytes) return 0;

  Cleaner cleaner;
  std::string clean;
  cleaner.Clean(text, &clean);

  const std::string problem = testing::KeptLinesProblem(text, clean);
  WINNOW_CHECK(problem.empty()) << problem;

  const Segmentation& seg = cleaner.context().segmentation();
  std::vector<uint32_t> starts;
  std::vector<uint32_t> ends;
  for (const Line& line : seg.lines) {
    starts.push_back(line.span.begin);
    ends.push_back(line.next);
  }
  std::vector<Span> spans;
  uint64_t removed = 0;
  for (const Removal& r : cleaner.removals()) {
    WINNOW_CHECK(r.span.begin < r.span.end && r.span.end <= text.size())
        << "removal " << r.span.begin << ".." << r.span.end << " of " << text.size();
    WINNOW_CHECK(std::binary_search(starts.begin(), starts.end(), r.span.begin))
        << "removal starts inside a line";
    WINNOW_CHECK(std::binary_search(ends.begin(), ends.end(), r.span.end))
        << "removal ends inside a line";
    WINNOW_CHECK(!r.rule.empty());
    spans.push_back(r.span);
    removed += r.span.size();
  }
  std::sort(spans.begin(), spans.end(),
            [](const Span& a, const Span& b) { return a.begin < b.begin; });
  for (size_t i = 1; i < spans.size(); ++i) {
    WINNOW_CHECK(spans[i - 1].end <= spans[i].begin) << "removals overlap";
  }
  WINNOW_CHECK(clean.size() + removed <= text.size()) << "kept + removed > input";
  if (IsValidUtf8(text)) WINNOW_CHECK(IsValidUtf8(clean)) << "kept text is not UTF-8";

  // Idempotence (tests/testing/clean_invariants.h): a second pass never
  // removes by a line rule; with the classifier off and every block kept or
  // removed whole by the first pass, it removes nothing. (With the
  // classifier on it may remove more: its regions depend on context.) A
  // fresh Cleaner each time: no corpus memory.
  {
    Cleaner again;
    std::string twice;
    again.Clean(clean, &twice);
    for (const Removal& r : again.removals()) {
      WINNOW_CHECK(!testing::IsLineRule(r.rule)) << "a second pass removed by " << r.rule;
    }
  }
  CleanerOptions no_classifier;
  no_classifier.boilerplate.classify = false;
  Cleaner hard_rules(no_classifier);
  std::string once;
  hard_rules.Clean(text, &once);
  WINNOW_CHECK(testing::KeptLinesProblem(text, once).empty());
  Cleaner hard_rules_again(no_classifier);
  std::string twice;
  hard_rules_again.Clean(once, &twice);
  if (testing::BlocksKeptWhole(hard_rules.context(), hard_rules_again.context())) {
    WINNOW_CHECK(twice == once)
        << "not idempotent without the classifier: a second pass removed "
        << hard_rules_again.removals().size() << " span(s), first rule \""
        << (hard_rules_again.removals().empty() ? "" : hard_rules_again.removals()[0].rule)
        << "\"";
  }
  return 0;
}
