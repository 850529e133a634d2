#include "winnow/stage/decision.h"

#include <algorithm>

#include "winnow/base/check.h"
#include "winnow/text/utf8.h"

namespace winnow {
namespace {

// Gathers removed byte ranges into runs, one Removal per run, for
// RemoveLines and RemoveSpan.
class RemovalRuns {
 public:
  RemovalRuns(Removal removal, std::vector<Removal>* out)
      : removal_(removal), out_(out) {}
  // Adds [b, e) to the open run whatever lies between (RemoveLines: blank
  // lines inside a run belong to it), or opens one.
  void Extend(uint32_t b, uint32_t e) {
    if (!open_) begin_ = b;
    end_ = e;
    open_ = true;
  }
  // Adds [b, e) to the open run when it starts where the run ends, else
  // opens a new run.
  void Add(uint32_t b, uint32_t e) {
    if (!open_ || b != end_) Flush();
    Extend(b, e);
  }
  void Flush() {
    if (!open_) return;
    removal_.span = {begin_, end_};
    out_->push_back(removal_);
    open_ = false;
  }

 private:
  Removal removal_;
  std::vector<Removal>* out_;
  bool open_ = false;
  uint32_t begin_ = 0;
  uint32_t end_ = 0;
};

// True when text[begin, end) holds only whitespace (or nothing).
bool AllSpace(std::string_view text, size_t begin, size_t end) {
  while (begin < end) {
    char32_t cp;
    const size_t n = DecodeUtf8(text, begin, &cp);
    if (!IsSpaceChar(cp)) return false;
    begin += n;
  }
  return true;
}

// The first offset in [begin, end) that is not whitespace, or end.
size_t SkipSpaceForward(std::string_view text, size_t begin, size_t end) {
  while (begin < end) {
    char32_t cp;
    const size_t n = DecodeUtf8(text, begin, &cp);
    if (!IsSpaceChar(cp)) break;
    begin += n;
  }
  return begin;
}

// The offset after the last non-space byte of [begin, end), or begin.
size_t SkipSpaceBackward(std::string_view text, size_t begin, size_t end) {
  while (end > begin) {
    char32_t cp;
    const size_t p = PreviousCodePointStart(text, end, &cp);
    if (!IsSpaceChar(cp)) break;
    end = p;
  }
  return end;
}

bool SpanBeginLess(const Span& a, const Span& b) { return a.begin < b.begin; }

}  // namespace

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
  line_state_.assign(seg_.lines.size(), kKept);
  cuts_.clear();
  removals_.clear();
  words_.complete = false;
  words_.hashes.clear();
  words_.spans.clear();
  block_sentences_.clear();
  sentence_ranges_.assign(seg_.blocks.size(), {kNotRecorded, kNotRecorded});
  block_hashes_.assign(seg_.blocks.size(), BlockWordsHash{});
}

void DocumentContext::RecordBlockSentences(uint32_t block, std::span<const Span> sentences) {
  SentenceRange& r = sentence_ranges_[block];
  r.first = static_cast<uint32_t>(block_sentences_.size());
  block_sentences_.insert(block_sentences_.end(), sentences.begin(), sentences.end());
  r.end = static_cast<uint32_t>(block_sentences_.size());
}

bool DocumentContext::block_removed(uint32_t block) const {
  const Block& b = seg_.blocks[block];
  for (uint32_t i = b.first_line; i < b.end_line; ++i) {
    if (line_state_[i] != kRemoved) return false;
  }
  return true;
}

bool DocumentContext::block_touched(uint32_t block) const {
  const Block& b = seg_.blocks[block];
  for (uint32_t i = b.first_line; i < b.end_line; ++i) {
    if (line_state_[i] != kKept) return true;
  }
  return false;
}

void DocumentContext::RemoveLine(uint32_t line, Removal removal) {
  WINNOW_CHECK(line < seg_.lines.size()) << line;
  if (line_state_[line] == kRemoved || seg_.lines[line].blank) return;
  line_state_[line] = kRemoved;
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
  RemovalRuns runs(removal, &removals_);
  for (uint32_t i = first; i < last; ++i) {
    if (seg_.lines[i].blank) continue;
    if (line_state_[i] == kRemoved) {
      runs.Flush();
      continue;
    }
    line_state_[i] = kRemoved;
    const Span s = LineWithTerminator(i);
    runs.Extend(s.begin, s.end);
  }
  runs.Flush();
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
    if (line_state_[i] == kRemoved) {
      removed_before = true;
      continue;
    }
    // A kept non-blank line: first the separator that belongs before it.
    const bool has_run = run_first >= 0 && run_last > prev_kept;
    if (has_run && (prev_kept >= 0 || !removed_before)) {
      out->append(text_.substr(lines[run_first].span.begin,
                               lines[run_last].next - lines[run_first].span.begin));
    }
    if (line_state_[i] == kCut) {
      AppendCutLine(i, out);
      out->append(text_.substr(line.span.end, line.next - line.span.end));
    } else {
      out->append(text_.substr(line.span.begin, line.next - line.span.begin));
    }
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

void DocumentContext::RemoveSpan(Span span, Removal removal) {
  WINNOW_CHECK(span.begin <= span.end && span.end <= text_.size())
      << span.begin << ".." << span.end;
  const auto& lines = seg_.lines;
  // Contiguous pieces become one Removal each.
  RemovalRuns runs(removal, &removals_);
  const auto first = std::partition_point(
      lines.begin(), lines.end(), [&](const Line& l) { return l.next <= span.begin; });
  for (auto it = first; it != lines.end() && it->span.begin < span.end; ++it) {
    const auto i = static_cast<uint32_t>(it - lines.begin());
    const Line& line = *it;
    if (line.blank) continue;
    if (line_state_[i] == kRemoved) {
      runs.Flush();
      continue;
    }
    const uint32_t b = std::max(span.begin, line.span.begin);
    const uint32_t e = std::min(span.end, line.span.end);
    if (b >= e) continue;
    if (line_state_[i] == kKept) {
      if (AllSpace(text_, line.span.begin, b) && AllSpace(text_, e, line.span.end)) {
        line_state_[i] = kRemoved;  // all of it: recorded like RemoveLine
        runs.Add(line.span.begin, line.next);
        continue;
      }
      line_state_[i] = kCut;
      cuts_.insert(std::upper_bound(cuts_.begin(), cuts_.end(), Span{b, e}, SpanBeginLess),
                   Span{b, e});
      runs.Add(b, e);
      continue;
    }
    // A line with cuts already: remove what they leave of [b, e).
    uint32_t pos = b;
    std::vector<Span> fresh;
    for (auto c = std::lower_bound(cuts_.begin(), cuts_.end(), Span{line.span.begin, 0},
                                   SpanBeginLess);
         c != cuts_.end() && c->begin < line.span.end; ++c) {
      if (c->end <= pos) continue;
      if (c->begin >= e) break;
      if (c->begin > pos) fresh.push_back({pos, c->begin});
      pos = std::max(pos, c->end);
    }
    if (pos < e) fresh.push_back({pos, e});
    for (const Span& f : fresh) {
      cuts_.insert(std::upper_bound(cuts_.begin(), cuts_.end(), f, SpanBeginLess), f);
      runs.Flush();  // pieces around older cuts are not contiguous with them
      runs.Add(f.begin, f.end);
    }
    if (AllCut(i)) {
      line_state_[i] = kRemoved;
      const auto lo = std::lower_bound(cuts_.begin(), cuts_.end(),
                                       Span{line.span.begin, 0}, SpanBeginLess);
      const auto hi = std::lower_bound(lo, cuts_.end(), Span{line.span.end, 0}, SpanBeginLess);
      cuts_.erase(lo, hi);
    }
  }
  runs.Flush();
}

bool DocumentContext::AllCut(uint32_t line) const {
  const Span ls = seg_.lines[line].span;
  uint32_t pos = ls.begin;
  for (auto c = std::lower_bound(cuts_.begin(), cuts_.end(), Span{ls.begin, 0}, SpanBeginLess);
       c != cuts_.end() && c->begin < ls.end; ++c) {
    if (!AllSpace(text_, pos, c->begin)) return false;
    pos = c->end;
  }
  return AllSpace(text_, pos, ls.end);
}

void DocumentContext::AppendCutLine(uint32_t line, std::string* out) const {
  const Span ls = seg_.lines[line].span;
  bool has_content = false;    // a non-space byte was written
  std::string_view pending;    // whitespace that was before the latest cut
  uint32_t pos = ls.begin;
  bool cut_before = false;
  auto segment = [&](uint32_t b, uint32_t e, bool cut_after) {
    const size_t cb = cut_before ? SkipSpaceForward(text_, b, e) : b;
    const size_t ce = cut_after ? SkipSpaceBackward(text_, cb, e) : e;
    if (AllSpace(text_, cb, ce)) {
      if (!cut_before) {
        out->append(text_.substr(b, e - b));  // the line's indentation
      } else if (pending.empty()) {
        pending = text_.substr(b, e - b);
      }
      return;
    }
    if (cut_before && has_content) {
      out->append(pending.empty() ? text_.substr(b, cb - b) : pending);
    }
    out->append(text_.substr(cb, ce - cb));
    has_content = true;
    pending = cut_after ? text_.substr(ce, e - ce) : std::string_view();
  };
  for (auto c = std::lower_bound(cuts_.begin(), cuts_.end(), Span{ls.begin, 0}, SpanBeginLess);
       c != cuts_.end() && c->begin < ls.end; ++c) {
    segment(pos, c->begin, /*cut_after=*/true);
    cut_before = true;
    pos = c->end;
  }
  segment(pos, ls.end, /*cut_after=*/false);
}

}  // namespace winnow
