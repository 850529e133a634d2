#include "cli/markup.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "winnow/base/strings.h"

namespace winnow::cli {
namespace {

// Length of the line terminator(s) at the end of s ("\n", "\r\n").
size_t TerminatorSize(std::string_view s) {
  if (s.size() >= 2 && s.substr(s.size() - 2) == "\r\n") return 2;
  if (!s.empty() && s.back() == '\n') return 1;
  return 0;
}

// 1-based line number of byte `offset`.
size_t LineAt(std::string_view text, size_t offset) {
  return 1 + static_cast<size_t>(std::count(text.begin(), text.begin() + static_cast<long>(
                                                                        std::min(offset, text.size())),
                                            '\n'));
}

}  // namespace

std::vector<Piece> SplitByRemovals(std::string_view text, const std::vector<Removal>& removals) {
  std::vector<const Removal*> sorted;
  for (const Removal& r : removals) sorted.push_back(&r);
  std::stable_sort(sorted.begin(), sorted.end(), [](const Removal* a, const Removal* b) {
    return a->span.begin < b->span.begin;
  });
  std::vector<Piece> pieces;
  size_t pos = 0;
  for (const Removal* r : sorted) {
    const size_t begin = std::max<size_t>(r->span.begin, pos);
    const size_t end = std::min<size_t>(r->span.end, text.size());
    if (begin >= end) continue;
    if (begin > pos) pieces.push_back({text.substr(pos, begin - pos), nullptr});
    pieces.push_back({text.substr(begin, end - begin), r});
    pos = end;
  }
  if (pos < text.size()) pieces.push_back({text.substr(pos), nullptr});
  return pieces;
}

std::string Label(const Removal& r, const DocumentContext& ctx) {
  std::string label = absl::StrCat(ToAbsl(StageName(r.stage)), "/", ToAbsl(r.rule));
  if (r.score < 1.0f) absl::StrAppendFormat(&label, " %.2f", r.score);
  if (r.kept_document >= 0 && static_cast<uint64_t>(r.kept_document) != ctx.ordinal()) {
    absl::StrAppend(&label, ", kept: document #", r.kept_document);
    if (r.kept_block >= 0) absl::StrAppend(&label, ", block ", r.kept_block);
  } else if (r.kept_block >= 0 && static_cast<size_t>(r.kept_block) < ctx.blocks().size()) {
    const Block& b = ctx.blocks()[static_cast<size_t>(r.kept_block)];
    absl::StrAppend(&label, ", kept: block ", r.kept_block, ", line ",
                    LineAt(ctx.text(), b.span.begin));
  }
  return label;
}

void AppendExplained(const Document& doc, const DocumentContext& ctx, MarkStyle style,
                     std::string* out) {
  const std::string_view text = doc.text;
  uint64_t removed = 0;
  for (const Removal& r : ctx.removals()) removed += r.span.size();
  absl::StrAppend(out, style == MarkStyle::kAnsi ? "\x1b[1m" : "", "=== ", doc.id);
  if (doc.line > 0) {
    absl::StrAppend(out, " (", doc.source, ":", doc.line, ")");
  } else if (doc.source != doc.id) {
    absl::StrAppend(out, " (", doc.source, ")");
  }
  absl::StrAppend(out, ": ", ctx.removals().size(), " removal",
                  ctx.removals().size() == 1 ? "" : "s", ", ", removed, " of ", text.size(),
                  " bytes", style == MarkStyle::kAnsi ? "\x1b[0m" : "", "\n");
  for (const Piece& p : SplitByRemovals(text, ctx.removals())) {
    if (p.removal == nullptr) {
      out->append(p.text);
      continue;
    }
    const size_t term = TerminatorSize(p.text);
    const std::string_view body = p.text.substr(0, p.text.size() - term);
    const std::string label = Label(*p.removal, ctx);
    if (style == MarkStyle::kAnsi) {
      absl::StrAppend(out, "\x1b[36m[", label, "]\x1b[0m \x1b[9;31m", ToAbsl(body), "\x1b[0m");
    } else {
      absl::StrAppend(out, "[-", label, ": ", ToAbsl(body), "-]");
    }
    out->append(p.text.substr(p.text.size() - term));
  }
  if (!out->empty() && out->back() != '\n') out->push_back('\n');
}

}  // namespace winnow::cli
