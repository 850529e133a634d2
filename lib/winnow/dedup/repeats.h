// The repeats stage: removes a paragraph that repeats an earlier paragraph
// of the same document, exactly or in other words. The first copy stays.
//
//   RepeatsStage stage;    // RepeatsOptions{} below
//   stage.Process(&ctx);   // after the boilerplate stage, on the same ctx
//
// Rules (the Removal's rule name):
//
//   exact_paragraph     the block's normalized words equal those of an
//                       earlier block (at least exact_min_words words;
//                       digits are normalized, so "3.5" equals "4.1").
//                       If that block went as a reworded repeat, the kept
//                       copy is the block it repeats.
//   reworded_paragraph  the block says again what an earlier block said:
//                       either the whole block matches an earlier block, or
//                       its sentences (of at least sentence_min_words words)
//                       that match sentences of earlier blocks hold at least
//                       `coverage` of its words. A match is a pair whose
//                       score (below) is at least `similarity`. The Removal's
//                       score is the match score (the word-weighted mean of
//                       the matching sentences' scores); the kept copy is the
//                       earlier block matched (that matched the most words).
//
// Structural repeats stay. Real pages repeat text on purpose: interview
// questions, recipe and table rows, headings, captions, bylines, prices,
// form-letter entries, quoted lines in forum threads. Neither rule removes,
// nor keeps as the copy that stays:
//   - a block that does not read as prose (prose_only): its last character,
//     after closing quotes and brackets, is not terminal punctuation
//     (. ! ? … and the CJK, Arabic and Indic stops), or its first letter is
//     lowercase (a line of hard-wrapped text that continues a sentence).
//     Headings, list items, table rows and captions rarely end in a stop;
//   - a block whose exact text occurs structural_copies times or more;
//   - a template instance: a block or sentence that matches units of
//     structural_copies - 1 or more other blocks ("Vote for Anna on the
//     last page!", "Vote for Olga ..."), and an exact copy of one.
// Because removing a block can turn a template of three into a pair, the
// decisions are repeated until they are stable: cleaning the output again
// removes nothing more.
//
// The score. Paraphrases share their long, rare words more than their
// function words, keep about the same length, and neither add a clause nor
// change a number. For two units (sentences, or whole blocks) p and q:
//
//   words     normalized words cut to their first stem_letters letters, so
//             "allowing"/"allowed" and "shares"/"share" agree (truncation
//             stemming); words with CJK, kana or Hangul are kept whole.
//   weight    a word of n letters weighs min(1, n / content_letters): short
//             words are mostly function words ("the", "of", "a"). Words
//             with CJK, kana or Hangul weigh 1.
//   overlap   weight of the words both share / the larger of the two units'
//             weights (each distinct word counted once).
//   length    fewer words / more words (every word, repeats included).
//   run       the longest run of consecutive words of either unit that the
//             other lacks (an added or dropped clause).
//   numbers   distinct numbers (words with a digit, as written) in one unit
//             but not the other.
//
//   score = (1 - length_weight) * overlap + length_weight * length
//           - run_penalty * run - number_penalty * numbers
//
// Defaults were set on labelled paraphrase pairs (MSRP train: precision
// 0.90, recall 0.56) and on gold article texts, where they remove about
// 0.1-0.3% of the words (mostly real repeats the gold keeps).
//
// Options (RepeatsOptions) and defaults:
//
//   option               default  meaning
//   -------------------  -------  ------------------------------------------
//   exact_min_words      5        shorter blocks are never exact repeats
//   reworded_min_words   8        shorter blocks are never reworded repeats
//   sentence_min_words   4        shorter sentences count for nothing
//   similarity           0.6      score that counts as a match
//   coverage             0.8      share of the block's words in matching
//                                 sentences
//   length_weight        1/3      weight of the length ratio in the score
//   run_penalty          0.03     score lost per word of the longest run
//   number_penalty       0.03     score lost per number not in both
//   stem_letters         5        letters that identify a word (0: all)
//   content_letters      6        letters from which a word weighs 1
//   prose_only           true     blocks that do not read as prose are
//                                 structure (false: every block is prose)
//   structural_copies    3        this many copies or near-copies of a text
//                                 are structure (0: no limit)
//   normalizer           {}       how words are normalized before hashing
//
// Candidates are found through words that weigh more than 0.5 (four letters
// or more by default): two units that share only shorter words are never
// compared. Work grows with the number of unit pairs that share such a word;
// template instances are not indexed, so thousands of template lines stay
// cheap.
//
// Blocks already removed by an earlier stage are neither compared nor
// removed again. Not thread-safe (scratch state): one instance per thread.
// Process() keeps no reference to the document after it returns.

#ifndef WINNOW_DEDUP_REPEATS_H_
#define WINNOW_DEDUP_REPEATS_H_

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "absl/base/attributes.h"
#include "absl/container/flat_hash_map.h"
#include "winnow/base/pod_buffer.h"
#include "winnow/hash/hash.h"
#include "winnow/stage/decision.h"

namespace winnow {

// See the table in the file comment.
struct RepeatsOptions {
  int exact_min_words = 5;
  int reworded_min_words = 8;
  int sentence_min_words = 4;
  double similarity = 0.6;
  double coverage = 0.8;
  double length_weight = 1.0 / 3.0;
  double run_penalty = 0.03;
  double number_penalty = 0.03;
  int stem_letters = 5;
  int content_letters = 6;
  bool prose_only = true;
  int structural_copies = 3;
  NormalizerOptions normalizer;
};

class RepeatsStage final : public Stage {
 public:
  explicit RepeatsStage(RepeatsOptions options = {});

  StageId id() const override { return StageId::kRepeats; }
  void Process(DocumentContext* ctx) override;

 private:
  // A sentence, or a whole block: the words that are compared.
  struct Unit {
    uint32_t block = 0;
    uint32_t seq_first = 0;  // stems in text order: seq_[seq_first, +words)
    uint32_t words = 0;      // word count, repeats included
    uint32_t set_first = 0;  // distinct stems: set_[set_first, +set_size)
    uint32_t set_size = 0;
    uint32_t num_first = 0;  // sorted unique number hashes in nums_
    uint32_t num_size = 0;
    uint32_t indexed_first = 0;  // the set's indexed stems (weight > 0.5):
    uint32_t indexed_size = 0;   // indexed_[indexed_first, +indexed_size)
    double weight = 0;        // sum of the unique stems' weights
    double short_weight = 0;  // the part of it from stems not indexed
  };
  struct BlockInfo {
    uint32_t block = 0;
    uint32_t first_sentence = 0;
    uint32_t end_sentence = 0;
    uint32_t words = 0;
    uint64_t exact = 0;     // HashSequence of the normalized word hashes
    uint32_t unit = 0;      // the whole block as one unit
    int32_t exact_of = -1;  // index in infos_ of the earlier exact copy
    bool prose = false;     // a candidate (false: structure, or no words)
  };
  // Matches between units (sentences, or whole blocks) at one level.
  struct Edge {
    uint32_t later = 0;    // the probe
    uint32_t earlier = 0;  // a unit of an earlier block
    float score = 0;
  };
  struct Graph {
    std::vector<Edge> edges;
    std::vector<uint32_t> offsets;           // per unit: its edges in adjacent
    std::vector<uint32_t> adjacent;          // edge indices, grouped by unit
    std::vector<uint32_t> degree;            // per unit: other live blocks matched
    std::vector<uint32_t> last_probe_block;  // scratch: 1 + block counted last
  };
  // Stems are numbered per document in the order they first occur (a
  // stem's id), so that sets are 32-bit ids (in order of first occurrence
  // in the unit), stamps and postings arrays by id. The numbering and the
  // order of sets only order edges and sums; no decision depends on them
  // (ties are broken by block index, and with the default content_letters
  // every weight is a multiple of 2^-26, so the sums of weights are exact
  // in any order).
  class StemIds {
   public:
    // Once per document, with about how many distinct stems it may have.
    // The table keeps its array and stamps each slot with the document
    // (generation) that filled it; clearing bumps it. A document uses only
    // the first slots it needs, so a small one after a large one still
    // probes a table that fits in the cache.
    void Clear(size_t expected) {
      size_ = 0;
      if (++generation_ == 0) {  // wrapped: forget every stamp
        for (Slot& slot : slots_) slot.generation = 0;
        generation_ = 1;
      }
      size_t used = 256;
      while (used < 2 * expected) used *= 2;
      Use(used);
    }
    // The id of `stem`, numbering it when it is new.
    uint32_t IdOf(uint64_t stem) {
      if (2 * (size_ + 1) > mask_ + 1) Grow();
      Slot& slot = slots_[Probe(stem)];
      // Whether the stem is new is a coin toss for a branch predictor:
      // the slot is written either way, with a new id or its own.
      // (Masks, not a select the compiler would make a branch again.)
      const uint32_t fresh = 0 - static_cast<uint32_t>(slot.generation != generation_);
      const uint32_t id = (static_cast<uint32_t>(size_) & fresh) | (slot.id & ~fresh);
      slot = {stem, generation_, id};
      size_ += fresh & 1;
      return id;
    }
    size_t size() const { return size_; }
    // Starts loading the slot where IdOf(stem) begins its probe.
    void Prefetch(uint64_t stem) const { __builtin_prefetch(&slots_[Start(stem)]); }

   private:
    struct Slot {
      uint64_t stem = 0;
      uint32_t generation = 0;  // 0: never used
      uint32_t id = 0;
    };
    // The index of the slot holding `stem` in this generation, or of the
    // free one where it goes (linear probing in the first mask_ + 1 slots;
    // at most half of them are full).
    size_t Probe(uint64_t stem) const {
      for (size_t i = Start(stem);; i = (i + 1) & mask_) {
        const Slot& slot = slots_[i];
        // One test, not two branches whose outcomes would tell new stems
        // from seen ones (a coin toss for the predictor): zero for a free
        // slot and for the stem's own. The first slot probed ends most
        // lookups.
        const uint64_t in_use = 0 - static_cast<uint64_t>(slot.generation == generation_);
        if (((slot.stem ^ stem) & in_use) == 0) return i;
      }
    }
    // The first slot a stem's probe reads. Stem keys are XXH3 hashes or
    // packed bytes: one multiplication spreads the bytes' bits over the
    // top ones.
    size_t Start(uint64_t stem) const {
      return static_cast<size_t>((stem * 0x9E3779B97F4A7C15ULL) >> 32) & mask_;
    }
    void Use(size_t used) {
      if (used > slots_.size()) slots_.resize(used);
      mask_ = used - 1;
    }
    void Grow() {
      live_.clear();
      for (size_t i = 0; i <= mask_; ++i) {
        if (slots_[i].generation == generation_) {
          live_.push_back(slots_[i]);
          slots_[i].generation = 0;
        }
      }
      Use(2 * (mask_ + 1));
      for (const Slot& slot : live_) slots_[Probe(slot.stem)] = slot;
    }

    std::vector<Slot> slots_;
    std::vector<Slot> live_;  // scratch for Grow
    size_t mask_ = 0;
    size_t size_ = 0;  // stems of this generation
    uint32_t generation_ = 1;
  };
  // stem id -> the units that have it, in the order they were added: a
  // chain of nodes in one vector per document (no allocation per stem).
  struct Postings {
    struct List {
      uint32_t head = 0;  // the first node; 0: no unit has the stem
      uint32_t tail = 0;  // the last node; 0 while the list is empty
    };
    struct Node {
      uint32_t unit = 0;
      uint32_t next = 0;  // the next node; 0 ends the list
    };
    // Node 0 is no unit's: an empty list's tail, whose `next` Add writes
    // as it writes a full list's, so that adding needs no branch.
    std::vector<Node> nodes;
    std::vector<List> lists;  // by stem id

    // Once per document, when its stems are numbered.
    void Reset(size_t stems) {
      nodes.assign(1, Node{});
      lists.assign(stems, List{});
    }
    void Add(uint32_t stem, uint32_t unit) {
      const auto node = static_cast<uint32_t>(nodes.size());
      nodes.push_back({unit, 0});
      List& list = lists[stem];
      nodes[list.tail].next = node;
      // head = node when the list was empty (masks: the compiler would
      // make a select a branch, and whether a stem was posted before is a
      // coin toss).
      const uint32_t empty = 0 - static_cast<uint32_t>(list.head == 0);
      list.head |= node & empty;
      list.tail = node;
    }
  };

  // The stem key and weight of a word that is not plain ASCII (or longer
  // than kFoldedWordBytes): `normalized` is its normalized form, `hash`
  // HashBytes of it.
  void StemOfWord(std::string_view normalized, uint64_t hash, uint64_t* stem, float* weight) const;
  // Adds the sentence's words whose normalized form is not empty (from
  // doc_words_ when set, else by splitting the sentence) to seq_,
  // block_words_ and numbers_, and builds its set at the end of set_ (and,
  // with track_block_, adds its stems to the block's set): each stem once,
  // in order of first occurrence, with its least weight. Fills *sent but
  // for the indexed stems and sums (FinishSet). Analyze has reserved room
  // for every word of the block.
  void AddSentence(std::string_view text, Span sentence, Unit* sent);
  // Completes the unit whose set (set_size stems) ends set_: its indexed
  // stems, its sums, and its numbers (sorted and unique).
  void FinishSet(std::span<const uint64_t> numbers, Unit* unit);
  // Fills the units of block b, whose sentences are sentence_spans_: its
  // sentences and, with two or more, the whole block, in infos_.back().
  // `exact`, when given, is the block's exact hash computed already (the
  // same value: checked in debug builds).
  void Analyze(std::string_view text, uint32_t b, Span block_span,
               const uint64_t* exact = nullptr);
  // The score of probe p against candidate c, or -1 when it cannot reach
  // the similarity threshold. `indexed_shared` is the weight of the indexed
  // stems both share.
  // p is the probe of the current FindMatches, whose stems it marks once.
  double Score(const Unit& p, const Unit& c, double indexed_shared);
  // Marks the probe's stems (probe_seen_, probe_weight_) for Score.
  void MarkProbe(const Unit& p);
  // The next stamp for `stamps`, which are cleared when it wraps.
  static uint32_t NextToken(std::vector<uint32_t>* stamps, uint32_t* token);
  // Scores the probe unit against the indexed units and adds its matches
  // to the graph.
  void FindMatches(uint32_t probe, const Postings& postings, Graph* graph);
  // True for a unit with structural_copies - 1 near-copies or more.
  bool IsTemplate(uint32_t degree) const;
  void BuildAdjacency(Graph* graph);
  // Degrees counting only blocks not removed.
  void CountLiveDegrees(Graph* graph);
  // True when the unit, not a template, matches a unit of an earlier block
  // still kept; *kept is the best such block and *score the match's score.
  bool Repeats(const Graph& graph, uint32_t unit, uint32_t* kept, double* score) const;
  // Lets later units find the units of a block (not its template units).
  void Index(const BlockInfo& info);

  static constexpr size_t kFoldedWordBytes = 64;  // as WordHasher folds ASCII words

  RepeatsOptions options_;
  WordHasher hasher_;
  double content_letters_;  // options_.content_letters, at least 1
  // The weight of a word of n letters, n <= kFoldedWordBytes, as StemOfWord
  // computes it.
  std::array<float, kFoldedWordBytes + 1> weight_of_letters_;
  std::vector<Span> sentence_spans_;
  const DocumentContext::Words* doc_words_ = nullptr;  // during Process, or nullptr
  size_t doc_word_next_ = 0;                           // cursor in doc_words_
  char folded_[kFoldedWordBytes];                      // scratch: an ASCII stem folded
  std::string normalized_word_;                        // scratch: any other word
  PodBuffer<uint64_t> block_words_;                    // scratch: a block's word hashes
  std::vector<uint64_t> numbers_;                      // scratch: a sentence's numbers
  std::vector<uint64_t> block_numbers_;                // scratch: a block's numbers
  // The block's set while its sentences are added (with two sentences or
  // more: track_block_), appended to set_ after theirs.
  PodBuffer<uint32_t> block_set_;
  PodBuffer<float> block_set_weight_;
  uint32_t block_set_size_ = 0;
  bool track_block_ = false;
  // AddSentence's first pass: each word's stem key and weight.
  PodBuffer<uint64_t> pending_stems_;
  PodBuffer<float> pending_weights_;
  // Per stem id, its place in the sentence's set and in the block's being
  // built, current when its token is the sentence's (block's). Tokens only
  // grow, across documents too, so nothing is cleared per set; Analyze
  // clears them all before they could wrap.
  struct SetMark {
    uint32_t token = 0;
    uint32_t place = 0;
  };
  struct SetStamp {
    SetMark sentence;
    SetMark block;
  };
  // Adds stem `id` with `weight` to the set ids/weights of *size stems
  // whose stamps hold `token` (mark is the stem's): without a branch on
  // whether it is new there, its weight is written first at the next free
  // place, then the place it has (that one, when new) takes the lesser
  // weight, and *size moves on only when it was new.
  ABSL_ATTRIBUTE_ALWAYS_INLINE static void AddToSet(uint32_t id, float weight, uint32_t token,
                                                    SetMark* mark, uint32_t* ids, float* weights,
                                                    uint32_t* size);
  std::vector<SetStamp> set_stamps_;
  uint32_t set_token_ = 0;
  uint32_t block_token_ = 0;
  // Stamps per stem id for Score: the marks of the probe's stems and of the
  // candidate's (current when they hold their token, as above).
  std::vector<uint32_t> probe_seen_;
  std::vector<float> probe_weight_;
  uint32_t probe_token_ = 0;
  bool probe_marked_ = false;  // the current probe's stems are marked
  std::vector<uint32_t> other_seen_;
  uint32_t other_token_ = 0;
  std::vector<BlockInfo> infos_;
  std::vector<Unit> units_;
  StemIds stem_ids_;
  PodBuffer<uint32_t> seq_;  // stem ids
  PodBuffer<uint32_t> set_;  // stem ids
  PodBuffer<float> set_weight_;
  PodBuffer<uint32_t> indexed_;      // the indexed stems of each set, in set order
  PodBuffer<float> indexed_weight_;  // and their weights
  std::vector<uint64_t> nums_;
  absl::flat_hash_map<uint64_t, uint32_t> copies_;      // exact hash -> count
  absl::flat_hash_map<uint64_t, uint32_t> first_copy_;  // exact hash -> infos_ index
  Postings postings_;                                   // sentences of earlier prose blocks
  Postings block_postings_;                             // whole earlier prose blocks
  std::vector<double> shared_;  // per unit: weight shared with the probe
  PodBuffer<uint32_t> touched_;  // units with shared_ > 0, room for every unit
  Graph sentence_graph_;
  Graph block_graph_;
  std::vector<uint32_t> fill_;         // scratch for BuildAdjacency
  std::vector<uint32_t> block_stamp_;  // per block: last probe that counted it
  uint32_t stamp_ = 0;
  std::vector<uint8_t> removed_;   // per block
  std::vector<int32_t> kept_for_;  // per removed block: its kept copy
  std::vector<std::pair<uint32_t, uint64_t>> words_by_block_;
};

}  // namespace winnow

#endif  // WINNOW_DEDUP_REPEATS_H_
