#include "cli/report.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "cli/markup.h"
#include "winnow/base/strings.h"

namespace winnow::cli {
namespace {

void AppendHtml(std::string_view s, std::string* out) {
  for (char c : s) {
    switch (c) {
      case '&': out->append("&amp;"); break;
      case '<': out->append("&lt;"); break;
      case '>': out->append("&gt;"); break;
      case '"': out->append("&quot;"); break;
      default: out->push_back(c);
    }
  }
}

std::string Html(std::string_view s) {
  std::string out;
  AppendHtml(s, &out);
  return out;
}

// Stage colours (chart bars and highlights agree).
std::string_view StageColor(std::string_view stage) {
  if (stage == "boilerplate") return "#d9480f";
  if (stage == "repeats") return "#5f3dc4";
  return "#2b8a3e";
}

std::string Bytes(uint64_t n) {
  if (n >= 10'000'000) return absl::StrFormat("%.1f MB", static_cast<double>(n) / 1e6);
  if (n >= 10'000) return absl::StrFormat("%.1f kB", static_cast<double>(n) / 1e3);
  return absl::StrCat(n, " B");
}

constexpr char kStyle[] = R"(
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2em auto;max-width:980px;color:#222;padding:0 1em}
h1{font-size:1.5em;margin-bottom:.2em}h2{font-size:1.15em;margin-top:1.8em;border-bottom:1px solid #ddd}
code{font-family:ui-monospace,monospace;font-size:.9em}
table.summary{border-collapse:collapse}table.summary th{font-weight:500;color:#666;font-size:.85em;text-align:left;padding:0 18px 0 0}
table.summary td{font-size:1.2em;font-variant-numeric:tabular-nums;padding:0 18px 0 0}
.doc{border:1px solid #ddd;border-radius:6px;margin:1em 0;padding:.6em .9em;background:#fcfcfc}
.doc h3{font-size:.95em;margin:0 0 .4em;color:#555;font-weight:600}
.doc pre{white-space:pre-wrap;word-wrap:break-word;margin:0;font:13px/1.45 ui-monospace,monospace}
del.rm{text-decoration:line-through;background:#fff0f0;border-radius:3px}
.lbl{display:inline-block;font:11px/1.3 system-ui,sans-serif;color:#fff;border-radius:3px;padding:0 4px;margin-right:4px;text-decoration:none}
.legend span{margin-right:1.2em}.muted{color:#777}
)";

}  // namespace

void ReportBuilder::Add(const Document& doc, const DocumentContext& ctx) {
  if (full() || ctx.removals().empty()) return;
  Sample s;
  s.id = doc.id;
  s.where = doc.line > 0 ? absl::StrCat(doc.source, ":", doc.line) : doc.source;
  s.cut = doc.text.size() > kMaxSampleBytes;
  size_t keep = std::min(doc.text.size(), kMaxSampleBytes);
  // Cut at a code point boundary.
  while (s.cut && keep > 0 && (static_cast<unsigned char>(doc.text[keep]) & 0xC0) == 0x80) --keep;
  s.text = doc.text.substr(0, keep);
  for (const Piece& p : SplitByRemovals(doc.text, ctx.removals())) {
    if (p.removal == nullptr) continue;
    Mark m;
    m.begin = static_cast<size_t>(p.text.data() - doc.text.data());
    m.end = m.begin + p.text.size();
    if (m.begin >= s.text.size()) break;
    m.end = std::min(m.end, s.text.size());
    m.stage = std::string(StageName(p.removal->stage));
    m.label = Label(*p.removal, ctx);
    s.marks.push_back(std::move(m));
  }
  samples_.push_back(std::move(s));
}

std::string ReportBuilder::Render(const RunStats& stats, std::string_view command) const {
  std::string h;
  h.reserve(1 << 16);
  absl::StrAppend(&h, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                      "<title>winnow report</title><style>",
                  kStyle, "</style></head><body>\n<h1>winnow report</h1>\n<p class=\"muted\">",
                  "<code>", Html(command), "</code></p>\n");

  // Summary.
  const double removed_share =
      stats.bytes_in ? 100.0 * static_cast<double>(stats.bytes_in - stats.bytes_out) /
                           static_cast<double>(stats.bytes_in)
                     : 0.0;
  // One row of names over one row of figures: compact enough that the chart
  // and the first marked document fit on one screen.
  std::vector<std::pair<std::string_view, std::string>> cells = {
      {"inputs", absl::StrCat(stats.inputs.size())},
      {"documents in", absl::StrCat(stats.docs_in)},
      {"documents out", absl::StrCat(stats.docs_out)},
      {"emptied", absl::StrCat(stats.docs_emptied)},
      {"rejected", absl::StrCat(stats.rejects)},
      {"text in", Bytes(stats.bytes_in)},
      {"text out", Bytes(stats.bytes_out)},
      {"removed", absl::StrFormat("%.1f%%", removed_share)},
      {"time", absl::StrFormat("%.2f s", stats.elapsed_s)},
  };
  h.append("<h2>Run summary</h2>\n<table class=\"summary\" id=\"summary\"><tr>");
  for (const auto& [name, value] : cells) absl::StrAppend(&h, "<th>", ToAbsl(name), "</th>");
  h.append("</tr>\n<tr>");
  for (const auto& [name, value] : cells) absl::StrAppend(&h, "<td>", Html(value), "</td>");
  h.append("</tr></table>\n");

  // Chart: removed bytes by stage and rule.
  h.append("<h2>Removed bytes by stage and rule</h2>\n");
  if (stats.removed.empty()) {
    h.append("<p>Nothing was removed.</p>\n");
  } else {
    uint64_t max_bytes = 1;
    for (const auto& [key, rs] : stats.removed) max_bytes = std::max(max_bytes, rs.bytes);
    const int bar_h = 22, gap = 8, label_w = 230, chart_w = 520, value_w = 150;
    const int height = static_cast<int>(stats.removed.size()) * (bar_h + gap) + gap;
    absl::StrAppendFormat(&h,
                          "<svg id=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
                          "height=\"%d\" role=\"img\" aria-label=\"removed bytes by stage "
                          "and rule\" font-family=\"system-ui,sans-serif\" font-size=\"13\">\n",
                          label_w + chart_w + value_w, height);
    int y = gap;
    for (const auto& [key, rs] : stats.removed) {
      const int w = std::max(
          2, static_cast<int>(static_cast<double>(chart_w) * static_cast<double>(rs.bytes) /
                              static_cast<double>(max_bytes)));
      const std::string name = absl::StrCat(key.first, "/", key.second);
      absl::StrAppendFormat(
          &h,
          "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>"
          "<rect class=\"bar\" data-rule=\"%s\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
          "fill=\"%s\"><title>%s: %d bytes in %d removals</title></rect>"
          "<text x=\"%d\" y=\"%d\">%s (%d)</text>\n",
          label_w - 8, y + 16, Html(name), Html(name), label_w, y, w, bar_h,
          StageColor(key.first), Html(name), rs.bytes, rs.count, label_w + w + 6, y + 16,
          Bytes(rs.bytes), rs.count);
      y += bar_h + gap;
    }
    h.append("</svg>\n<p class=\"legend\">");
    for (std::string_view stage : {"boilerplate", "repeats"}) {
      absl::StrAppend(&h, "<span><span class=\"lbl\" style=\"background:", ToAbsl(StageColor(stage)),
                      "\">", ToAbsl(stage), "</span></span>");
    }
    h.append("</p>\n");
  }

  // Samples.
  absl::StrAppend(&h, "<h2>Documents with removals (first ", kMaxSamples, ")</h2>\n");
  if (samples_.empty()) h.append("<p>No document had removals.</p>\n");
  for (const Sample& s : samples_) {
    absl::StrAppend(&h, "<div class=\"doc\"><h3>", Html(s.id), " <span class=\"muted\">",
                    Html(s.where), "</span></h3><pre>");
    size_t pos = 0;
    for (const Mark& m : s.marks) {
      AppendHtml(std::string_view(s.text).substr(pos, m.begin - pos), &h);
      absl::StrAppend(&h, "<del class=\"rm\" data-stage=\"", m.stage, "\" title=\"",
                      Html(m.label), "\"><span class=\"lbl\" style=\"background:",
                      ToAbsl(StageColor(m.stage)), "\">", Html(m.label), "</span>");
      AppendHtml(std::string_view(s.text).substr(m.begin, m.end - m.begin), &h);
      h.append("</del>");
      pos = m.end;
    }
    AppendHtml(std::string_view(s.text).substr(pos), &h);
    if (s.cut) h.append("\n<span class=\"muted\">[… cut]</span>");
    h.append("</pre></div>\n");
  }
  h.append("</body></html>\n");
  return h;
}

}  // namespace winnow::cli
