// RunClean: the whole `winnow clean` job over files, folders or stdin.
//
//   RunOptions opts;
//   opts.inputs = {"corpora/sample"};
//   opts.output = "out/";                 // one output per input
//   RunObserver observer;                 // or a subclass that logs
//   WINNOW_ASSIGN_OR_RETURN(RunStats stats, RunClean(opts, &observer));
//
// Inputs: files, "-" (stdin), and folders, walked recursively in byte order
// of their paths; in folders only files named *.txt, *.text, *.jsonl, *.json
// and *.ndjson (optionally .gz or .zst) are read. The format follows the
// extension unless RunOptions::format is set.
//
// Outputs:
//   ""/"-"        everything to stdout, in input order;
//   "DIR/"        (a trailing '/' or an existing folder) one output per input
//                 at the same path relative to the folder it was found in (a
//                 file named directly: its base name), same format and
//                 compression;
//   "FILE"        one file (compressed by extension); all inputs must have
//                 the same format.
// Files are written atomically (io/output.h). A JSONL document whose text is
// removed entirely is left out; a text document likewise writes nothing
// (an empty file in DIR/ mode).
//
// Malformed records are reported to the observer and counted; with
// OnError::kFail the first one ends the run with an error (outputs not
// committed). A stream error (unreadable file, truncated compression) ends
// the run with an error naming the file.
//
// Not thread-safe itself; it runs on the calling thread.

#ifndef WINNOW_PIPELINE_RUN_H_
#define WINNOW_PIPELINE_RUN_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "winnow/formats/document.h"
#include "winnow/formats/reader.h"
#include "winnow/pipeline/cleaner.h"

namespace winnow {

enum class OnError { kSkip, kFail };

struct RunOptions {
  std::vector<std::string> inputs;  // empty means stdin
  std::string output;               // see the file comment
  std::optional<Format> format;     // forced input format
  std::string text_field = "text";
  std::string id_field = "id";
  OnError on_error = OnError::kSkip;
  CleanerOptions cleaner;
};

struct RuleStats {
  uint64_t count = 0;
  uint64_t bytes = 0;
};

struct RunStats {
  std::vector<std::string> inputs;  // files actually read
  uint64_t docs_in = 0;
  uint64_t docs_out = 0;
  uint64_t docs_emptied = 0;  // every byte removed: left out of the output
  uint64_t bytes_in = 0;      // text bytes of the documents read
  uint64_t bytes_out = 0;     // text bytes kept
  uint64_t rejects = 0;       // malformed records
  // (stage, rule) -> removals; bytes are the removed lines with terminators.
  std::map<std::pair<std::string, std::string>, RuleStats> removed;
  std::vector<std::string> outputs;  // files written
  double elapsed_s = 0;
};

// Receives what a run has to say; the library itself never prints.
class RunObserver {
 public:
  virtual ~RunObserver() = default;
  virtual void OnReject(const Reject&) {}
  virtual void OnInputStart(const std::string& /*path*/) {}
};

absl::StatusOr<RunStats> RunClean(const RunOptions& options, RunObserver* observer);

// The stats as one JSON object (the --stats-json format, schema 1).
std::string StatsToJson(const RunStats& stats, std::string_view tool,
                        std::string_view version);

}  // namespace winnow

#endif  // WINNOW_PIPELINE_RUN_H_
