// winnow: clean scraped text corpora (see README.md for the options).
//
//   winnow clean [FILE|DIR|-]... [-o OUT] [--stages=boilerplate,repeats]
//
// stdout carries data only; diagnostics and the summary go to stderr.
// Exit codes: 0 success; 1 any failure (usage, I/O, data errors under
// --on-error=fail).

#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "cli/logger.h"
#include "winnow/formats/reader.h"
#include "winnow/io/output.h"
#include "winnow/pipeline/run.h"

namespace winnow {
namespace {

constexpr char kVersion[] = WINNOW_VERSION;

std::string VersionText() {
  return absl::StrCat("winnow ", kVersion, " (", WINNOW_BUILD_TYPE, " build, "
#if defined(__clang__)
                      "clang ", __clang_major__, ".", __clang_minor__,
#elif defined(__GNUC__)
                      "g++ ", __GNUC__, ".", __GNUC_MINOR__,
#endif
                      ", simdjson kernel ", JsonKernelName(), ")");
}

class CliObserver : public RunObserver {
 public:
  CliObserver(const cli::Logger& log, bool fail_on_reject)
      : log_(log), fail_on_reject_(fail_on_reject) {}
  void OnReject(const Reject& r) override {
    if (fail_on_reject_) return;  // the run's error names the record
    log_.Warning(absl::StrCat(std::string(r.source), ":", r.line, ": ",
                              std::string(r.message), " (record skipped)"));
  }
  void OnInputStart(const std::string& path) override { log_.Debug("reading " + path); }

 private:
  const cli::Logger& log_;
  bool fail_on_reject_;
};

std::string HumanBytes(uint64_t bytes) {
  if (bytes >= 10'000'000) return absl::StrFormat("%.1f MB", static_cast<double>(bytes) / 1e6);
  if (bytes >= 10'000) return absl::StrFormat("%.1f kB", static_cast<double>(bytes) / 1e3);
  return absl::StrCat(bytes, " B");
}

std::string Summary(const RunStats& s, const std::string& output) {
  std::string removed;
  for (const auto& [key, rs] : s.removed) {
    absl::StrAppend(&removed, removed.empty() ? "" : ", ", key.first, "/", key.second,
                    " ", rs.count);
  }
  if (removed.empty()) removed = "nothing";
  const double share =
      s.bytes_in ? 100.0 * static_cast<double>(s.bytes_in - s.bytes_out) /
                       static_cast<double>(s.bytes_in)
                 : 0;
  return absl::StrFormat(
      "winnow: %d docs in, %d out (%d emptied, %d rejected); %s -> %s (%.1f%% removed); "
      "removed: %s; %.2f s; output: %s",
      s.docs_in, s.docs_out, s.docs_emptied, s.rejects, HumanBytes(s.bytes_in),
      HumanBytes(s.bytes_out), share, removed, s.elapsed_s,
      output.empty() || output == "-" ? std::string("stdout") : output);
}

int Main(int argc, char** argv) {
  CLI::App app{"winnow: removes boilerplate and repeated content from scraped text "
               "corpora, keeping the article text byte for byte."};
  app.name("winnow");
  app.require_subcommand(1);
  app.set_version_flag("--version", VersionText(), "Print the version and build, then exit");

  cli::Logger log;
  bool quiet = false;
  bool verbose = false;

  RunOptions opts;
  std::string format = "auto";
  std::string stages = "all";
  std::string on_error = "skip";
  std::string stats_json;

  CLI::App* clean = app.add_subcommand(
      "clean", "Clean documents: write each one without its boilerplate and repeats.");
  clean->add_option("inputs", opts.inputs,
                    "Input files or folders (recursive); '-' or none: stdin")
      ->type_name("FILE|DIR");
  clean->add_option("-o,--output", opts.output,
                    "Output: a file (compressed by .gz/.zst), or a folder (trailing '/' "
                    "or existing) for one output per input; default: stdout")
      ->type_name("PATH");
  clean->add_option("-f,--format", format,
                    "Input format: auto (by extension; stdin: text), text, jsonl")
      ->check(CLI::IsMember({"auto", "text", "txt", "jsonl", "json", "ndjson"}))
      ->capture_default_str();
  clean->add_option("--stages", stages,
                    "Comma-separated stages to run: boilerplate, repeats, all")
      ->capture_default_str();
  clean->add_option("--text-field", opts.text_field, "JSONL field holding the text")
      ->capture_default_str();
  clean->add_option("--id-field", opts.id_field,
                    "JSONL field holding the document id (string or number)")
      ->capture_default_str();
  clean->add_option("--on-error", on_error,
                    "Malformed records: skip (report, count, go on) or fail (stop, exit 1)")
      ->check(CLI::IsMember({"skip", "fail"}))
      ->capture_default_str();
  clean->add_option("--stats-json", stats_json,
                    "Write run statistics as one JSON object to PATH ('-' = stderr)")
      ->type_name("PATH");
  clean->add_option("--repeat-jaccard", opts.cleaner.repeats.jaccard,
                    "repeats: sentence similarity (word-set Jaccard, 0-1) that counts as "
                    "a match")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  clean->add_option("--repeat-coverage", opts.cleaner.repeats.coverage,
                    "repeats: share of a paragraph's words (0-1) in matching sentences "
                    "for the paragraph to go")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  clean->add_flag("-q,--quiet", quiet, "Print errors only");
  clean->add_flag("-v,--verbose", verbose, "Print more about the run");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "winnow: error: %s\nRun 'winnow --help' or 'winnow clean --help'.\n",
                 e.what());
    return 1;
  }

  log.set_verbosity(quiet ? cli::Verbosity::kQuiet
                          : verbose ? cli::Verbosity::kVerbose : cli::Verbosity::kNormal);
  if (format != "auto") {
    auto f = ParseFormat(format);
    if (!f.ok()) {
      log.Error(std::string(f.status().message()));
      return 1;
    }
    opts.format = *f;
  }
  auto parsed_stages = ParseStages(stages);
  if (!parsed_stages.ok()) {
    log.Error(std::string(parsed_stages.status().message()));
    return 1;
  }
  opts.cleaner.stages = *parsed_stages;
  opts.on_error = on_error == "fail" ? OnError::kFail : OnError::kSkip;

  const bool reads_stdin =
      opts.inputs.empty() ||
      std::find(opts.inputs.begin(), opts.inputs.end(), "-") != opts.inputs.end();
  if (reads_stdin && isatty(STDIN_FILENO)) {
    std::fprintf(stderr,
                 "winnow: error: no input files and stdin is a terminal\n"
                 "Usage: winnow clean [FILE|DIR|-]... [-o OUT]; see 'winnow clean --help'.\n");
    return 1;
  }

  CliObserver observer(log, opts.on_error == OnError::kFail);
  auto stats = RunClean(opts, &observer);
  if (!stats.ok()) {
    log.Error(std::string(stats.status().message()));
    return 1;
  }
  if (!stats_json.empty()) {
    const std::string json = StatsToJson(*stats, "winnow clean", kVersion) + "\n";
    if (stats_json == "-") {
      std::fputs(json.c_str(), stderr);
    } else {
      auto out = OutputFile::Create(stats_json);
      absl::Status s = out.ok() ? (*out)->Write(json) : out.status();
      if (s.ok()) s = (*out)->Commit();
      if (!s.ok()) {
        log.Error(std::string(s.message()));
        return 1;
      }
    }
  }
  log.Info(Summary(*stats, opts.output));
  return 0;
}

}  // namespace
}  // namespace winnow

int main(int argc, char** argv) { return winnow::Main(argc, argv); }
