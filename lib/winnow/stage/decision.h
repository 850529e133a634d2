// Decisions: what the stages remove from a document, and why.
//
// Stages never edit text. Each one looks at a DocumentContext (the text, its
// lines and blocks, and what earlier stages already removed) and records
// Removals: a byte span, the stage and rule that removed it, a score, and for
// duplicates where the copy that stays is. When all stages ran, ApplyRemovals
// writes the kept lines, byte for byte, once.
//
//   DocumentContext ctx;
//   ctx.Reset(doc.text);
//   for (Stage* s : stages) s->Process(&ctx);
//   std::string clean;
//   ctx.Apply(&clean);
//
// Removal works on whole lines (a block is its lines). How separators are
// kept (DocumentContext::Apply):
//   - every kept line is written with its own terminator ("\n", "\r\n" or
//     none at the end of the text);
//   - between two kept lines, the blank lines that separated them are written
//     when there were any: the last run of blank lines between them, so two
//     paragraphs that were separated stay separated, once;
//   - blank lines before the first kept line are written only when nothing
//     before it was removed, and blank lines after the last kept line only
//     when nothing after it was removed.
// So a document with nothing removed is written exactly as it came.
//
// Parts of lines (RemoveSpan, used for runs of sentences). A kept line with
// removed parts is written without them, and the whitespace around each cut
// is joined so that no doubled space and no dangling separator remains:
//   - where a cut is between two kept pieces of the line, the whitespace
//     just before the cut stays (or, when there is none, the whitespace
//     just after it) and the rest of the whitespace on both sides goes:
//     "A. B. C. D." without "B. C." is "A. D.";
//   - where a cut reaches the start of the line, the whitespace after it
//     goes, but the line's own indentation stays: "  A. B." without "A."
//     is "  B.";
//   - where a cut reaches the end of the line, the whitespace before it
//     goes; the line terminator stays.
// Cuts without whitespace on either side ("A。B。C。" without "B。") join
// the pieces directly. A line whose every non-space byte is removed becomes
// a removed line (line_removed() is true) and is written like one.
//
// Not thread-safe: one DocumentContext per thread, reused across documents.

#ifndef WINNOW_STAGE_DECISION_H_
#define WINNOW_STAGE_DECISION_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/text/normalizer.h"
#include "winnow/text/segmenter.h"

namespace winnow {

enum class StageId : uint8_t { kBoilerplate, kRepeats, kCorpus };

std::string_view StageName(StageId id);

struct Removal {
  Span span;             // bytes removed: whole lines with their terminators,
                         // or a part of a line (RemoveSpan)
  StageId stage = StageId::kBoilerplate;
  std::string_view rule;  // static string naming the rule, e.g. "lexicon"
  float score = 1.0f;     // rule-specific strength (similarity, probability)
  // For duplicates, the copy that stays: document ordinal (input order) and
  // block index in it. -1 when not a duplicate or the same document.
  int64_t kept_document = -1;
  int32_t kept_block = -1;
};

class DocumentContext {
 public:
  // Starts a new document: segments `text` (which must outlive the context's
  // use) and clears earlier decisions.
  void Reset(std::string_view text, uint64_t ordinal = 0);

  std::string_view text() const { return text_; }
  uint64_t ordinal() const { return ordinal_; }
  const Segmentation& segmentation() const { return seg_; }
  const std::vector<Line>& lines() const { return seg_.lines; }
  const std::vector<Block>& blocks() const { return seg_.blocks; }

  bool line_removed(uint32_t line) const { return line_state_[line] == kRemoved; }
  // True when every line of the block is removed.
  bool block_removed(uint32_t block) const;
  // True when any line of the block is removed, wholly or in part.
  bool block_touched(uint32_t block) const;
  // True when parts of the line are removed but not all of it.
  bool line_cut(uint32_t line) const { return line_state_[line] == kCut; }

  // Removes a line (no-op if already removed). `removal.span` is filled in.
  void RemoveLine(uint32_t line, Removal removal);
  // Removes every line of a block that is still kept, as one Removal.
  void RemoveBlock(uint32_t block, Removal removal);
  // Removes lines [first, end) that are still kept (blank lines stay
  // blank), as one Removal.
  void RemoveLines(uint32_t first, uint32_t end, Removal removal);

  // Removes the bytes of `span` that are still kept, where it covers lines
  // that are not blank: one Removal per contiguous piece. A line all of
  // whose non-space bytes end up removed becomes a removed line; when this
  // call removes all of it at once, its piece is the whole line with its
  // terminator, as RemoveLine would record it. Pieces never overlap earlier
  // removals. `span` must lie inside the text.
  void RemoveSpan(Span span, Removal removal);

  const std::vector<Removal>& removals() const { return removals_; }

  // The normalized words of the whole text, for a stage that needs them
  // after another stage split every line already: when `complete`, `hashes`
  // and `spans` are what WordHasher(options).HashWords(text(), whole text)
  // gives (words that normalize to nothing left out). BoilerplateStage fills
  // this in; RepeatsStage and CorpusHasher use it when their options are
  // the same. Reset clears it.
  struct Words {
    bool complete = false;
    NormalizerOptions options;
    std::vector<uint64_t> hashes;
    std::vector<Span> spans;
  };
  const Words& words() const { return words_; }
  Words* mutable_words() { return &words_; }

  // The sentences of a whole block as SplitSentences(text(), span of the
  // block) gives them, for a stage that needs them after another stage
  // split the block: RepeatsStage records every block it compares, the
  // corpus stage's SentenceSpanHasher takes each kept line's part (a
  // sentence never crosses a line). Reset clears them.
  void RecordBlockSentences(uint32_t block, std::span<const Span> sentences);
  // True, with *out set, when the block's sentences were recorded.
  bool BlockSentences(uint32_t block, std::span<const Span>* out) const {
    const SentenceRange& r = sentence_ranges_[block];
    if (r.first == kNotRecorded) return false;
    *out = std::span<const Span>(block_sentences_).subspan(r.first, r.end - r.first);
    return true;
  }

  // The HashSequence of a whole block's words in words() and how many there
  // are, for a stage that needs them after another stage hashed them:
  // RepeatsStage records the prose blocks it hashes, the corpus stage's
  // paragraph digest takes them when it reads words() too. Reset clears
  // them.
  void RecordBlockHash(uint32_t block, uint32_t words, uint64_t hash) {
    block_hashes_[block] = {words, hash};
  }
  // True, with *words and *hash set, when the block's hash was recorded.
  bool BlockHash(uint32_t block, uint32_t* words, uint64_t* hash) const {
    const BlockWordsHash& h = block_hashes_[block];
    if (h.words == kNotRecorded) return false;
    *words = h.words;
    *hash = h.hash;
    return true;
  }

  // Writes the kept text to *out (replacing its contents); see the file
  // comment for how separators are handled.
  void Apply(std::string* out) const;

 private:
  // Bytes of a line with its terminator.
  Span LineWithTerminator(uint32_t line) const {
    return {seg_.lines[line].span.begin, seg_.lines[line].next};
  }

  enum : uint8_t { kKept = 0, kRemoved = 1, kCut = 2 };

  // True when every non-space byte of the line lies in its cuts.
  bool AllCut(uint32_t line) const;
  // Writes a line with cuts (without its terminator) to *out.
  void AppendCutLine(uint32_t line, std::string* out) const;

  std::string_view text_;
  uint64_t ordinal_ = 0;
  Segmentation seg_;
  std::vector<uint8_t> line_state_;  // kKept, kRemoved or kCut
  // Removed parts of kCut lines, sorted by begin, disjoint, each inside one
  // line's content span.
  std::vector<Span> cuts_;
  std::vector<Removal> removals_;
  Words words_;
  struct SentenceRange {
    uint32_t first = 0;
    uint32_t end = 0;
  };
  static constexpr uint32_t kNotRecorded = 0xFFFFFFFFu;
  std::vector<Span> block_sentences_;
  std::vector<SentenceRange> sentence_ranges_;  // per block
  struct BlockWordsHash {
    uint32_t words = kNotRecorded;
    uint64_t hash = 0;
  };
  std::vector<BlockWordsHash> block_hashes_;  // per block
};

// A stage: looks at a document and records removals. A Stage object keeps
// per-thread scratch state and, for corpus stages, shared state documented
// by the stage; unless a stage says otherwise, use one instance per thread.
class Stage {
 public:
  virtual ~Stage() = default;
  virtual StageId id() const = 0;
  virtual void Process(DocumentContext* ctx) = 0;
};

}  // namespace winnow

#endif  // WINNOW_STAGE_DECISION_H_
