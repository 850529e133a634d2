// When cleaning twice must give the same text: the condition the fuzz target
// (tests/fuzz/cleaner_fuzzer.cc) and the property tests
// (tests/pipeline/property_test.cc) check idempotence under.
//
//   Cleaner first, second;
//   first.Clean(x, &once);
//   second.Clean(once, &twice);
//   if (BlocksKeptWhole(first.context(), second.context())) ...
//
// The repeats stage compares only blocks that no earlier stage touched. When
// the first pass removes some lines of a block and keeps others, the kept
// lines come back on a second pass as a whole block of their own, which
// repeats then compares; and when the output loses every blank line, the
// segmenter cuts it into one block per line instead of paragraphs. In both
// cases a second pass sees other blocks and may decide otherwise. When every
// block was kept or removed whole and the blocks of the output are the kept
// ones, it sees the same blocks.
//
// Header-only; pure functions, thread-safe.

#ifndef WINNOW_TESTS_TESTING_CLEAN_INVARIANTS_H_
#define WINNOW_TESTS_TESTING_CLEAN_INVARIANTS_H_

#include <cstdint>
#include <string_view>

#include "winnow/stage/decision.h"

namespace winnow::testing {

// True when the first pass kept or removed each block whole and the second
// pass's blocks are exactly the blocks the first one kept.
inline bool BlocksKeptWhole(const DocumentContext& first, const DocumentContext& second) {
  size_t kept = 0;
  for (uint32_t b = 0; b < first.blocks().size(); ++b) {
    if (first.block_removed(b)) continue;
    if (first.block_touched(b)) return false;  // cut: some lines kept, some not
    ++kept;
  }
  return second.blocks().size() == kept;
}

// Rules that decide a line by itself: they cannot fire on a second pass.
inline bool IsLineRule(std::string_view rule) {
  return rule == "lexicon" || rule == "copyright" || rule == "menu_row" ||
         rule == "link_label" || rule == "dateline" || rule == "frequent_line";
}

}  // namespace winnow::testing

#endif  // WINNOW_TESTS_TESTING_CLEAN_INVARIANTS_H_
