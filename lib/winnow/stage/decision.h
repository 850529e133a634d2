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
// Not thread-safe: one DocumentContext per thread, reused across documents.

#ifndef WINNOW_STAGE_DECISION_H_
#define WINNOW_STAGE_DECISION_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/text/segmenter.h"

namespace winnow {

enum class StageId : uint8_t { kBoilerplate, kRepeats, kCorpus };

std::string_view StageName(StageId id);

struct Removal {
  Span span;             // bytes removed: whole lines, terminators included
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

  bool line_removed(uint32_t line) const { return line_removed_[line] != 0; }
  // True when every line of the block is removed.
  bool block_removed(uint32_t block) const;
  // True when any line of the block is removed.
  bool block_touched(uint32_t block) const;

  // Removes a line (no-op if already removed). `removal.span` is filled in.
  void RemoveLine(uint32_t line, Removal removal);
  // Removes every line of a block that is still kept, as one Removal.
  void RemoveBlock(uint32_t block, Removal removal);
  // Removes lines [first, end) that are still kept (blank lines stay
  // blank), as one Removal.
  void RemoveLines(uint32_t first, uint32_t end, Removal removal);

  const std::vector<Removal>& removals() const { return removals_; }

  // Writes the kept text to *out (replacing its contents); see the file
  // comment for how separators are handled.
  void Apply(std::string* out) const;

 private:
  // Bytes of a line with its terminator.
  Span LineWithTerminator(uint32_t line) const {
    return {seg_.lines[line].span.begin, seg_.lines[line].next};
  }

  std::string_view text_;
  uint64_t ordinal_ = 0;
  Segmentation seg_;
  std::vector<uint8_t> line_removed_;
  std::vector<Removal> removals_;
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
