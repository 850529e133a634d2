#include "winnow/stage/decision.h"

#include "winnow/base/check.h"

namespace winnow {

std::string_view StageName(StageId id) {
  switch (id) {
    case StageId::kBoilerplate: return "boilerplate";
    case StageId::kRepeats: return "repeats";
    case StageId::kCorpus: return "corpus";
  }
  return "unknown";
}

void DocumentContext::Reset(std::string_view text, uint64_t ordinal) {
  text_ = text;
  ordinal_ = ordinal;
  Segment(text, &seg_);
  line_removed_.assign(seg_.lines.size(), 0);
  removals_.clear();
}

bool DocumentContext::block_removed(uint32_t block) const {
  const Block& b = seg_.blocks[block];
  for (uint32_t i = b.first_line; i < b.end_line; ++i) {
    if (!line_removed_[i]) return false;
  }
  return true;
}

bool DocumentContext::block_touched(uint32_t block) const {
  const Block& b = seg_.blocks[block];
  for (uint32_t i = b.first_line; i < b.end_line; ++i) {
    if (line_removed_[i]) return true;
  }
  return false;
}

void DocumentContext::RemoveLine(uint32_t line, Removal removal) {
  WINNOW_CHECK(line < seg_.lines.size()) << line;
  if (line_removed_[line] || seg_.lines[line].blank) return;
  line_removed_[line] = 1;
  removal.span = LineWithTerminator(line);
  removals_.push_back(removal);
}

void DocumentContext::RemoveBlock(uint32_t block, Removal removal) {
  WINNOW_CHECK(block < seg_.blocks.size()) << block;
  const Block& b = seg_.blocks[block];
  RemoveLines(b.first_line, b.end_line, removal);
}

void DocumentContext::RemoveLines(uint32_t first, uint32_t last, Removal removal) {
  WINNOW_CHECK(first <= last && last <= seg_.lines.size()) << first << ".." << last;
  // One Removal per run of newly removed lines, so spans never overlap
  // earlier removals (blank lines inside a run belong to it).
  bool open = false;
  uint32_t begin = 0;
  uint32_t end = 0;
  auto flush = [&] {
    if (!open) return;
    removal.span = {begin, end};
    removals_.push_back(removal);
    open = false;
  };
  for (uint32_t i = first; i < last; ++i) {
    if (seg_.lines[i].blank) continue;
    if (line_removed_[i]) {
      flush();
      continue;
    }
    line_removed_[i] = 1;
    const Span s = LineWithTerminator(i);
    if (!open) begin = s.begin;
    end = s.end;
    open = true;
  }
  flush();
}

void DocumentContext::Apply(std::string* out) const {
  out->clear();
  const auto& lines = seg_.lines;
  const auto n = static_cast<uint32_t>(lines.size());
  int64_t prev_kept = -1;      // last kept non-blank line
  int64_t run_first = -1;      // first line of the latest blank run seen
  int64_t run_last = -1;       // its last line
  bool removed_before = false;  // a non-blank line was removed so far
  for (uint32_t i = 0; i < n; ++i) {
    const Line& line = lines[i];
    if (line.blank) {
      if (run_last != static_cast<int64_t>(i) - 1 || run_first < 0) run_first = i;
      run_last = i;
      continue;
    }
    if (line_removed_[i]) {
      removed_before = true;
      continue;
    }
    // A kept non-blank line: first the separator that belongs before it.
    const bool has_run = run_first >= 0 && run_last > prev_kept;
    if (has_run && (prev_kept >= 0 || !removed_before)) {
      out->append(text_.substr(lines[run_first].span.begin,
                               lines[run_last].next - lines[run_first].span.begin));
    }
    out->append(text_.substr(line.span.begin, line.next - line.span.begin));
    prev_kept = i;
  }
  // Trailing blank lines stay only when nothing after the last kept line went.
  if (prev_kept >= 0) {
    bool removed_after = false;
    for (uint32_t i = static_cast<uint32_t>(prev_kept) + 1; i < n; ++i) {
      if (!lines[i].blank) removed_after = true;
    }
    if (!removed_after) out->append(text_.substr(lines[prev_kept].next));
  }
}

}  // namespace winnow
