// The audit report (`winnow clean --report PATH.html`): one self-contained
// HTML page, no network, scripts or external fonts.
//
//   ReportBuilder report;
//   ... for each cleaned document: report.Add(doc, cleaner) ...
//   std::string html = report.Render(stats, "winnow clean corpus/");
//
// The page has the run summary (documents and bytes in and out, rejects,
// time), a bar chart of removed bytes by stage and rule (inline SVG, one
// <rect class="bar"> per rule), and the first kMaxSamples documents that had
// removals, with every removed span in a <del class="rm"> labelled by stage,
// rule and (for repeats) the copy that stayed.
//
// Not thread-safe. Add() copies what it keeps (at most kMaxSamples documents,
// each cut to kMaxSampleBytes).

#ifndef WINNOW_TOOLS_CLI_REPORT_H_
#define WINNOW_TOOLS_CLI_REPORT_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/formats/document.h"
#include "winnow/pipeline/cleaner.h"
#include "winnow/pipeline/run.h"

namespace winnow::cli {

class ReportBuilder {
 public:
  static constexpr size_t kMaxSamples = 20;
  static constexpr size_t kMaxSampleBytes = 20000;

  // Keeps the document as a sample if it had removals and there is room.
  void Add(const Document& doc, const DocumentContext& ctx);
  bool full() const { return samples_.size() >= kMaxSamples; }

  std::string Render(const RunStats& stats, std::string_view command) const;

 private:
  struct Mark {
    size_t begin = 0;
    size_t end = 0;
    std::string stage;
    std::string label;
  };
  struct Sample {
    std::string id;
    std::string where;  // source[:line]
    std::string text;
    bool cut = false;   // text shortened to kMaxSampleBytes
    std::vector<Mark> marks;
  };
  std::vector<Sample> samples_;
};

}  // namespace winnow::cli

#endif  // WINNOW_TOOLS_CLI_REPORT_H_
