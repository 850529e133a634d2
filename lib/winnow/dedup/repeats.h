// The repeats stage: removes a paragraph that repeats an earlier paragraph
// of the same document, exactly or in other words. The first copy stays.
//
// Rules (the Removal's rule name):
//
//   exact_paragraph     the block's normalized words equal those of an
//                       earlier kept block (at least exact_min_words words).
//   reworded_paragraph  the block says again what earlier blocks said: each
//                       of its sentences (of at least sentence_min_words
//                       words) is compared with every sentence of the earlier
//                       kept blocks by the Jaccard similarity of their sets of
//                       normalized word hashes; when the sentences that match
//                       (similarity >= jaccard) hold at least `coverage` of
//                       the block's words, the block goes. The score is the
//                       word-weighted mean similarity of its sentences; the
//                       kept copy is the earlier block that matched the most
//                       words.
//
// Options (RepeatsOptions) and defaults:
//
//   option               default  meaning
//   -------------------  -------  ------------------------------------------
//   exact_min_words      5        shorter blocks are never exact repeats
//                                 (list headings, table labels repeat)
//   reworded_min_words   8        shorter blocks are never reworded repeats
//   sentence_min_words   4        shorter sentences count for nothing
//   jaccard              0.6      sentence similarity that counts as a match
//   coverage             0.8      share of the block's words in matching
//                                 sentences
//
//   RepeatsStage stage;
//   stage.Process(&ctx);   // after the boilerplate stage, on the same ctx
//
// Blocks already removed by an earlier stage are neither compared nor
// removed again. Not thread-safe (scratch state): one instance per thread.

#ifndef WINNOW_DEDUP_REPEATS_H_
#define WINNOW_DEDUP_REPEATS_H_

#include <cstdint>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "winnow/hash/hash.h"
#include "winnow/stage/decision.h"

namespace winnow {

struct RepeatsOptions {
  int exact_min_words = 5;
  int reworded_min_words = 8;
  int sentence_min_words = 4;
  double jaccard = 0.6;
  double coverage = 0.8;
  NormalizerOptions normalizer;
};

class RepeatsStage final : public Stage {
 public:
  explicit RepeatsStage(RepeatsOptions options = {});

  StageId id() const override { return StageId::kRepeats; }
  void Process(DocumentContext* ctx) override;

 private:
  struct Sentence {
    uint32_t block = 0;
    uint32_t first = 0;  // range in words_ (sorted, unique hashes)
    uint32_t size = 0;   // distinct words
    uint32_t weight = 0; // word count including repeats
  };

  // Indexes the sentences of block b so later blocks can match them.
  void Index(uint32_t first_sentence, uint32_t end_sentence);

  RepeatsOptions options_;
  WordHasher hasher_;
  std::vector<Span> sentence_spans_;
  std::vector<uint64_t> all_words_;       // scratch: one sentence's word hashes
  std::vector<uint64_t> words_;           // sorted unique hashes per sentence
  std::vector<Sentence> sentences_;
  absl::flat_hash_map<uint64_t, std::vector<uint32_t>> postings_;  // word -> sentences
  absl::flat_hash_map<uint64_t, uint32_t> block_hashes_;           // exact hash -> block
  std::vector<uint32_t> overlap_;         // per sentence: shared words with the probe
  std::vector<uint32_t> touched_;
};

}  // namespace winnow

#endif  // WINNOW_DEDUP_REPEATS_H_
