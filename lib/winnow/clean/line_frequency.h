// LineFrequencies: in how many documents of a run each normalized line
// occurs — the corpus evidence of the boilerplate stage.
//
// Navigation rows, footers and "Advertisement" recur across the pages of a
// site; article text does not. The pipeline fills this table in a first pass
// over the inputs (stdin is read once, so it gets no corpus evidence), then
// the boilerplate stage asks it about each line.
//
//   LineFrequencies freq(/*memory_budget_bytes=*/1 << 30);
//   for (each document) freq.AddDocument(doc.text);   // pass 1
//   freq.Count(LineFrequencies::LineKey(hasher, text, line_span));   // pass 2
//
// A key is HashBytes (hash/hash.h) of the line's normalized words joined by
// single spaces, which is unambiguous because a normalized word holds only
// word characters (text/normalizer.h); a line without words has key 0 and is
// never counted. (The boilerplate stage joins the words so anyway, for its
// lexicon, so in the second pass the key costs one hash per line.) Each document counts
// once per distinct line, and a document whose normalized lines equal those
// of an earlier document (the same page scraped twice) counts not at all:
// otherwise every line of a duplicated page would look like site furniture.
//
// Memory: one table entry per distinct line, kBytesPerLine bytes at most
// (a 64-bit key and a 32-bit count in a KeyTable, base/key_table.h: about
// 20 bytes each as the table grows; Reserve may set more aside at once), plus
// kBytesPerDocument per distinct document (its 64-bit key). When the budget
// is reached, lines not yet in the table are no longer added (their count
// stays 0: no corpus evidence for them) and saturated() turns true; counts of
// lines already in the table keep growing. The result is the same for any
// thread count because documents are added in input order.
//
// Threads: AddDocument is Keys() (any thread, one LineKeyer per thread)
// followed by AddKeys() (one thread, input order), which is how the
// pipeline's first pass runs on several threads with the same result.
//
// Not thread-safe for AddDocument/AddKeys; Count is safe to call
// concurrently once the first pass is over.

#ifndef WINNOW_CLEAN_LINE_FREQUENCY_H_
#define WINNOW_CLEAN_LINE_FREQUENCY_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "winnow/base/key_table.h"
#include "winnow/hash/hash.h"
#include "winnow/text/segmenter.h"

namespace winnow {

// What one document adds to the table: its key and its distinct line keys.
struct DocumentLineKeys {
  uint64_t document = 0;       // HashSequence of the line keys in line order
  std::vector<uint64_t> lines;  // sorted, unique, no 0
};

// Computes DocumentLineKeys; one per thread.
class LineKeyer {
 public:
  void Keys(std::string_view text, DocumentLineKeys* out);

 private:
  WordHasher hasher_;
  Segmentation seg_;
  std::string words_;
};

class LineFrequencies {
 public:
  // Bytes of memory per distinct line, including the table's slack.
  static constexpr size_t kBytesPerLine = 32;
  // Bytes of memory per distinct document (not counted against the budget).
  static constexpr size_t kBytesPerDocument = 16;

  explicit LineFrequencies(size_t memory_budget_bytes = size_t{1} << 30);

  // Counts every distinct non-empty line of `text` once.
  void AddDocument(std::string_view text);
  // The same in two steps: `keys` from LineKeyer::Keys on the document.
  void AddKeys(const DocumentLineKeys& keys);

  // Makes room for about `lines` distinct lines (at most the budget's) at
  // once, so that a table known to grow large is not rehashed at every
  // doubling on the way. No effect on results.
  void Reserve(size_t lines) { counts_.Plan(std::min(lines, max_lines_)); }

  // The number of documents that contain the line with this key.
  uint32_t Count(uint64_t key) const;
  // Starts loading what Count(key) reads, for a caller that knows several
  // keys before it counts them. No effect on results.
  void Prefetch(uint64_t key) const { counts_.Prefetch(key); }

  // After the first pass: forgets the lines counted in fewer than
  // `min_count` documents (their Count becomes 0) and shrinks the table.
  // Most lines of a corpus occur once; a reader that only asks whether a
  // line reaches min_count (the boilerplate stage's frequent_line_min_docs)
  // gets the same answers from a table a fraction of the size. Call it
  // after the last AddDocument/AddKeys.
  void Prune(uint32_t min_count);

  // Sets the count of one line directly: a table merged from counts made
  // elsewhere (a staged run's reduce tasks, scale/staged.h). Not counted
  // against the budget.
  void SetCount(uint64_t key, uint32_t count) { *counts_.TryEmplace(key, count).first = count; }

  // The key of `span` of text (0 for a line without words); `hasher` has
  // the boilerplate stage's normalizer options, *scratch is reused.
  static uint64_t LineKey(WordHasher* hasher, std::string_view text, Span span,
                          std::string* scratch);
  // The key of a line whose normalized words, joined by single spaces, are
  // `joined`.
  static uint64_t KeyOfJoined(std::string_view joined) {
    if (joined.empty()) return 0;
    const uint64_t key = HashBytes(joined);
    return key == 0 ? 1 : key;
  }

  uint64_t documents() const { return documents_; }
  // Documents skipped as copies of earlier ones.
  uint64_t duplicates() const { return duplicates_; }
  size_t distinct_lines() const { return counts_.size(); }
  bool saturated() const { return saturated_; }

 private:
  size_t max_lines_;
  KeyTable counts_;
  absl::flat_hash_set<uint64_t> documents_seen_;
  uint64_t documents_ = 0;
  uint64_t duplicates_ = 0;
  bool saturated_ = false;
  // Scratch for AddDocument.
  LineKeyer keyer_;
  DocumentLineKeys keys_;
};

}  // namespace winnow

#endif  // WINNOW_CLEAN_LINE_FREQUENCY_H_
