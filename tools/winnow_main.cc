// winnow: clean scraped text corpora (see README.md for the options).
//
//   winnow clean [FILE|DIR|-]... [-o OUT] [--stages=boilerplate,repeats]
//   winnow explain FILE [--id ID] [--color=auto|always|never]
//   winnow stats FILE|DIR...
//
// stdout carries data only; diagnostics, progress and the summary go to
// stderr. Exit codes: 0 success; 1 any failure (usage, I/O, data errors under
// --on-error=fail); 2 the run finished but an input stream was damaged
// (truncated or corrupt compression: the documents before the damage were
// written, the rest is in the message and the rejects file); 130 / 143
// interrupted by SIGINT / SIGTERM (the input in progress was not committed;
// --resume finishes the job).

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include <CLI/CLI.hpp>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "cli/logger.h"
#include "cli/markup.h"
#include "cli/progress.h"
#include "cli/report.h"
#include "winnow/base/check.h"
#include "winnow/base/strings.h"
#include "winnow/formats/reader.h"
#include "winnow/io/output.h"
#include "winnow/pipeline/options.h"
#include "winnow/pipeline/run.h"
#include "winnow/scale/staged.h"
#include "winnow/text/segmenter.h"

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

constexpr int kExitDamaged = 2;

// SIGINT/SIGTERM: the handler only raises this flag, which the run checks
// before each document (RunOptions::cancel); the run then unwinds, removing
// the temporary files of outputs it had not committed. The handler is reset
// after the first signal, so a second one ends the process at once (its
// temporary files, ".NAME.winnow-tmp-PID", are then left behind).
std::atomic<bool> g_cancel{false};
volatile sig_atomic_t g_signal = 0;
static_assert(std::atomic<bool>::is_always_lock_free, "used from a signal handler");

extern "C" void OnStopSignal(int sig) {
  g_signal = sig;
  g_cancel.store(true, std::memory_order_relaxed);
}

void InstallStopHandlers() {
  struct sigaction sa = {};
  sa.sa_handler = OnStopSignal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESETHAND;  // a second signal takes the default action
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

class CliObserver : public RunObserver {
 public:
  CliObserver(const cli::Logger& log, bool fail_on_reject, cli::ProgressMeter* progress,
              cli::ReportBuilder* report)
      : log_(log), fail_on_reject_(fail_on_reject), progress_(progress), report_(report) {}
  void OnReject(const Reject& r) override {
    if (fail_on_reject_) return;  // the run's error names the record
    progress_->Clear();
    log_.Warning(absl::StrCat(std::string(r.source), ":", r.line, ": ",
                              std::string(r.message), " (record at byte ", r.offset, ", skipped)"));
  }
  void OnStreamDamage(const Reject& r) override {
    progress_->Clear();
    log_.Error(absl::StrCat(std::string(r.message),
                            "; the documents before the damage were kept"));
  }
  void OnInputStart(const std::string& path) override {
    if (log_.verbosity() >= cli::Verbosity::kVerbose) progress_->Clear();
    log_.Debug("reading " + path);
  }
  void OnInputSkipped(const std::string& path, const std::string& output) override {
    if (log_.verbosity() >= cli::Verbosity::kVerbose) progress_->Clear();
    log_.Debug(absl::StrCat("skipping ", path, ": ", output, " is complete (--resume)"));
  }
  void OnProgress(const RunStats& stats) override { progress_->Update(stats); }
  bool wants_documents() const override { return report_ != nullptr && !report_->full(); }
  void OnDocument(const Document& doc, const DocumentContext& ctx) override {
    report_->Add(doc, ctx);
  }

 private:
  const cli::Logger& log_;
  bool fail_on_reject_;
  cli::ProgressMeter* progress_;
  cli::ReportBuilder* report_;
};

absl::Status WriteWholeFile(const std::string& path, std::string_view bytes) {
  auto out = OutputFile::Create(path);
  if (!out.ok()) return out.status();
  absl::Status s = (*out)->Write(bytes);
  if (s.ok()) s = (*out)->Commit();
  return s;
}

// The command line as one string, for the report.
std::string CommandLine(int argc, char** argv) {
  std::string line = "winnow";
  for (int i = 1; i < argc; ++i) absl::StrAppend(&line, " ", argv[i]);
  return line;
}

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
  for (const auto& [type, n] : s.skipped_records) {
    absl::StrAppend(&removed, "; skipped ", type, " records: ", n);
  }
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

// The options of the shared table (pipeline/options.h) that were given, by
// name, as typed: applied in table order once the command line is parsed.
using GivenOptions = std::map<std::string, std::string>;

// Adds the table's option `name` to `cmd`: value name, default and help come
// from the table; the value is kept as typed and checked by SetCleanOption
// after parsing, so the command line and the Python binding check alike.
void AddTableOption(CLI::App* cmd, std::string_view name, GivenOptions* given) {
  const CleanOption* spec = FindCleanOption(name);
  WINNOW_CHECK(spec != nullptr) << "no option " << name << " in the table";
  std::string names = absl::StrCat("--", ToAbsl(spec->name));
  if (!spec->short_name.empty()) names = absl::StrCat("-", ToAbsl(spec->short_name), ",", names);
  const std::string key(spec->name);
  if (spec->kind == OptionKind::kFlag) {
    cmd->add_flag_callback(names, [given, key] { (*given)[key] = "true"; },
                           std::string(spec->help));
    return;
  }
  cmd->add_option_function<std::string>(
         names, [given, key](const std::string& value) { (*given)[key] = value; },
         std::string(spec->help))
      ->type_name(std::string(spec->value_name))
      ->default_str(std::string(spec->default_value));
}

// Options every subcommand that reads documents shares.
void AddReadOptions(CLI::App* cmd, GivenOptions* given, bool stages) {
  AddTableOption(cmd, "format", given);
  if (stages) AddTableOption(cmd, "stages", given);
  AddTableOption(cmd, "text-field", given);
  AddTableOption(cmd, "id-field", given);
  AddTableOption(cmd, "max-document-bytes", given);
}

void AddVerbosity(CLI::App* cmd, bool* quiet, bool* verbose) {
  cmd->add_flag("-q,--quiet", *quiet, "Print errors only");
  cmd->add_flag("-v,--verbose", *verbose, "Print more about the run");
}

// `winnow explain`: every document with its removals marked.
int Explain(const RunOptions& opts, const std::string& input, const std::string& id,
            const std::string& color, const cli::Logger& log) {
  const bool ansi = color == "always" || (color == "auto" && isatty(STDOUT_FILENO));
  const cli::MarkStyle style = ansi ? cli::MarkStyle::kAnsi : cli::MarkStyle::kPlain;
  ReaderOptions ro;
  ro.text_field = opts.text_field;
  ro.id_field = opts.id_field;
  ro.max_document_bytes = opts.max_document_bytes;
  ro.on_reject = [&](const Reject& r) {
    log.Warning(absl::StrCat(std::string(r.source), ":", r.line, ": ", std::string(r.message),
                             " (record at byte ", r.offset, ", skipped)"));
    return true;
  };
  const Format format =
      opts.format ? *opts.format : (input == "-" ? Format::kText : FormatFromPath(input));
  auto reader = DocumentReader::Open(input, format, ro);
  if (!reader.ok()) {
    log.Error(std::string(reader.status().message()));
    return 1;
  }
  Cleaner cleaner(opts.cleaner);
  Document doc;
  std::string clean;
  std::string out;
  uint64_t shown = 0;
  for (uint64_t ordinal = 0; (*reader)->Next(&doc); ++ordinal) {
    if (!id.empty() && doc.id != id) continue;
    doc.ordinal = ordinal;
    cleaner.Clean(doc.text, &clean, ordinal);
    out.clear();
    if (shown++ > 0) out.push_back('\n');
    cli::AppendExplained(doc, cleaner.context(), style, &out);
    std::fwrite(out.data(), 1, out.size(), stdout);
  }
  if (!(*reader)->status().ok()) {
    log.Error(std::string((*reader)->status().message()));
    return 1;
  }
  if (!id.empty() && shown == 0) {
    log.Error(absl::StrCat(input, ": no document with id \"", id, "\""));
    return 1;
  }
  return 0;
}

// `winnow stats`: what the inputs hold, without cleaning.
std::string CountsText(const RunStats& s) {
  std::string out = absl::StrFormat("%-10s %8s %10s %14s\n", "format", "files", "documents",
                                    "text bytes");
  for (const auto& [name, c] : s.formats) {
    absl::StrAppendFormat(&out, "%-10s %8d %10d %14d\n", name, c.files, c.docs, c.bytes);
  }
  absl::StrAppendFormat(&out, "%-10s %8d %10d %14d\n", "total", s.inputs.size(), s.docs_in,
                        s.bytes_in);
  absl::StrAppendFormat(&out, "rejected records: %d\n", s.rejects - s.damaged_inputs.size());
  for (const auto& [type, n] : s.skipped_records) {
    absl::StrAppendFormat(&out, "skipped %s records: %d\n", type, n);
  }
  for (const auto& d : s.damaged_inputs) absl::StrAppendFormat(&out, "damaged: %s\n", d);
  return out;
}

// `winnow stage ...`: a staged run (scale/staged.h, docs/scale.md).
struct StageArgs {
  CLI::App* root = nullptr;
  CLI::App* plan = nullptr;
  CLI::App* run = nullptr;
  CLI::App* local = nullptr;
  CLI::App* info = nullptr;
  CLI::App* stats = nullptr;
  std::string work;
  uint32_t buckets = 4;
  std::string step;
  std::string task = "all";
  std::string stats_json;
};

void AddStageCommands(CLI::App* app, StageArgs* a, RunOptions* opts, GivenOptions* given) {
  a->root = app->add_subcommand(
      "stage", "Staged run for clusters: plan, then map1, reduce1, map2, reduce2, cluster, "
               "filter tasks (see docs/scale.md); output identical to 'winnow clean'.");
  a->root->require_subcommand(1);
  auto work = [&](CLI::App* cmd) {
    cmd->add_option("--work", a->work, "Work folder: plan, intermediate files, markers")
        ->required()
        ->type_name("DIR");
  };
  a->plan = a->root->add_subcommand("plan", "Fix the inputs (sizes, checksums), buckets, "
                                            "output folder and settings in WORK/plan.");
  a->plan->add_option("inputs", opts->inputs, "Input files and folders (one shard per file)")
      ->required()
      ->type_name("FILE|DIR");
  a->plan->add_option("-o,--output", opts->output, "Output folder (as 'winnow clean -o DIR/')")
      ->required()
      ->type_name("DIR/");
  a->plan->add_option("--buckets", a->buckets, "Hash buckets (reduce tasks)")
      ->check(CLI::Range(1u, 100000u))
      ->capture_default_str();
  AddReadOptions(a->plan, given, /*stages=*/true);
  AddTableOption(a->plan, "normalize", given);
  AddTableOption(a->plan, "sentence-span", given);
  work(a->plan);
  a->run = a->root->add_subcommand("run", "Run one task of a step (or all its tasks); a task "
                                          "whose completion marker exists is skipped.");
  a->run->add_option("step", a->step, "map1, reduce1, map2, reduce2, cluster or filter")
      ->required();
  a->run->add_option("--task", a->task, "Task number from 0, or 'all'")->capture_default_str();
  work(a->run);
  a->local = a->root->add_subcommand("local", "Local driver: run every unfinished task of "
                                              "every step in order on this machine.");
  work(a->local);
  a->local->add_option("--stats-json", a->stats_json, "Write the merged statistics to PATH");
  a->info = a->root->add_subcommand("info", "Print the plan's shards, buckets and input bytes "
                                            "(for drivers), and which tasks are done.");
  work(a->info);
  a->stats = a->root->add_subcommand("stats", "Merge the filter tasks' statistics.");
  work(a->stats);
  a->stats->add_option("--stats-json", a->stats_json, "Write them as JSON to PATH ('-': stdout)")
      ->required();
}

int StageMain(const StageArgs& a, const RunOptions& opts, int threads, const cli::Logger& log) {
  auto fail = [&](const absl::Status& s) {
    log.Error(std::string(s.message()));
    return 1;
  };
  if (a.plan->parsed()) {
    bool existed = false;
    if (absl::Status s = WritePlan(a.work, opts, a.buckets, &existed); !s.ok()) return fail(s);
    log.Info(existed ? absl::StrCat(a.work, "/plan: the same plan exists; kept")
                     : absl::StrCat("planned: ", a.work, "/plan"));
    return 0;
  }
  auto plan = LoadPlan(a.work);
  if (!plan.ok()) return fail(plan.status());
  auto run_tasks = [&](StageStep step, const std::string& which) -> absl::Status {
    const uint32_t count = TaskCount(*plan, step);
    uint32_t first = 0;
    uint32_t end = count;
    if (which != "all") {
      if (!absl::SimpleAtoi(which, &first) || first >= count) {
        return absl::InvalidArgumentError(absl::StrCat("--task: \"", which, "\" is not a task of ",
                                                       ToAbsl(StageStepName(step)), " (0..", count - 1,
                                                       " or all)"));
      }
      end = first + 1;
    }
    for (uint32_t t = first; t < end; ++t) {
      auto report = RunStageTask(*plan, step, t, threads);
      if (!report.ok()) {
        return absl::Status(report.status().code(),
                            absl::StrCat(ToAbsl(StageStepName(step)), " task ", t, ": ",
                                         report.status().message()));
      }
      log.Info(report->skipped
                   ? absl::StrCat(ToAbsl(StageStepName(step)), " task ", t, ": done before, skipped")
                   : absl::StrFormat("%s task %d: %d documents, %d bytes written, %.2f s",
                                     StageStepName(step), t, report->documents,
                                     report->bytes_written, report->seconds));
    }
    return absl::OkStatus();
  };
  auto write_stats = [&](const std::string& path) -> absl::Status {
    auto stats = MergedStats(*plan);
    if (!stats.ok()) return stats.status();
    const std::string json = StatsToJson(*stats, "winnow stage", kVersion) + "\n";
    if (path == "-") {
      std::fputs(json.c_str(), stdout);
      return absl::OkStatus();
    }
    return WriteWholeFile(path, json);
  };
  if (a.run->parsed()) {
    auto step = ParseStageStep(a.step);
    if (!step.ok()) return fail(step.status());
    if (absl::Status s = run_tasks(*step, a.task); !s.ok()) return fail(s);
    return 0;
  }
  if (a.local->parsed()) {
    for (StageStep step : AllStageSteps()) {
      if (absl::Status s = run_tasks(step, "all"); !s.ok()) return fail(s);
    }
    if (!a.stats_json.empty()) {
      if (absl::Status s = write_stats(a.stats_json); !s.ok()) return fail(s);
    }
    return 0;
  }
  if (a.stats->parsed()) {
    if (absl::Status s = write_stats(a.stats_json); !s.ok()) return fail(s);
    return 0;
  }
  // info: "key value" lines a driver script can read.
  uint64_t total = 0;
  uint64_t largest = 0;
  for (const PlannedInput& in : plan->inputs) {
    total += in.size;
    largest = std::max(largest, in.size);
  }
  std::printf("shards %zu\nbuckets %u\ninput_bytes %llu\nlargest_shard_bytes %llu\n",
              plan->inputs.size(), plan->buckets, static_cast<unsigned long long>(total),
              static_cast<unsigned long long>(largest));
  // Per step: "STEP DONE/TASKS PENDING" with PENDING as ranges ("0-3,5";
  // "-" when none), the form sbatch --array takes.
  for (StageStep step : AllStageSteps()) {
    const uint32_t count = TaskCount(*plan, step);
    uint32_t done = 0;
    std::string pending;
    for (uint32_t t = 0; t < count;) {
      if (TaskDone(*plan, step, t)) {
        ++done;
        ++t;
        continue;
      }
      uint32_t end = t + 1;
      while (end < count && !TaskDone(*plan, step, end)) ++end;
      absl::StrAppend(&pending, pending.empty() ? "" : ",", t,
                      end - t > 1 ? absl::StrCat("-", end - 1) : "");
      t = end;
    }
    std::printf("%s %u/%u %s\n", std::string(StageStepName(step)).c_str(), done, count,
                pending.empty() ? "-" : pending.c_str());
  }
  return 0;
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
  GivenOptions given;
  std::string stats_json;
  std::string report_path;
  cli::ProgressMode progress_mode = cli::ProgressMode::kAuto;

  CLI::App* clean = app.add_subcommand(
      "clean", "Clean documents: write each one without its boilerplate and repeats.");
  clean->add_option("inputs", opts.inputs,
                    "Input files or folders (recursive); '-' or none: stdin")
      ->type_name("FILE|DIR");
  clean->add_option("-o,--output", opts.output,
                    "Output: a file (compressed by .gz/.zst), or a folder (trailing '/' "
                    "or existing) for one output per input; default: stdout")
      ->type_name("PATH");
  AddReadOptions(clean, &given, /*stages=*/true);
  AddTableOption(clean, "on-error", &given);
  AddTableOption(clean, "rejects", &given);
  AddTableOption(clean, "resume", &given);
  AddTableOption(clean, "annotate", &given);
  clean->add_option("--stats-json", stats_json,
                    "Write run statistics as one JSON object to PATH ('-' = stderr)")
      ->type_name("PATH");
  clean->add_option("--report", report_path,
                    "Write a self-contained HTML audit report to PATH")
      ->type_name("PATH");
  AddTableOption(clean, "threads", &given);
  AddTableOption(clean, "memory", &given);
  AddTableOption(clean, "normalize", &given);
  AddTableOption(clean, "tmp-dir", &given);
  clean->add_flag_callback("--progress", [&] { progress_mode = cli::ProgressMode::kOn; },
                           "Show progress on stderr (default: when stderr is a terminal)");
  clean->add_flag_callback("--no-progress", [&] { progress_mode = cli::ProgressMode::kOff; },
                           "Never show progress");
  AddTableOption(clean, "repeat-similarity", &given);
  AddTableOption(clean, "repeat-coverage", &given);
  AddTableOption(clean, "repeat-structural-copies", &given);
  AddTableOption(clean, "sentence-span", &given);
  AddTableOption(clean, "sentence-span-in-document", &given);
  AddVerbosity(clean, &quiet, &verbose);

  std::string explain_input;
  std::string explain_id;
  std::string color = "auto";
  CLI::App* explain = app.add_subcommand(
      "explain", "Show documents with every removed span marked with its stage and rule.");
  explain->add_option("input", explain_input, "Input file ('-' = stdin)")
      ->required()
      ->type_name("FILE");
  explain->add_option("--id", explain_id, "Show only the document with this id")
      ->type_name("ID");
  explain->add_option("--color", color, "Colours: auto (when stdout is a terminal), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  AddReadOptions(explain, &given, /*stages=*/true);
  AddVerbosity(explain, &quiet, &verbose);

  CLI::App* stats_cmd = app.add_subcommand(
      "stats", "Count what the inputs hold (documents, bytes, rejects, per format) "
               "without cleaning.");
  stats_cmd->add_option("inputs", opts.inputs,
                        "Input files or folders (recursive); '-' or none: stdin")
      ->type_name("FILE|DIR");
  AddReadOptions(stats_cmd, &given, /*stages=*/false);
  AddTableOption(stats_cmd, "rejects", &given);
  stats_cmd->add_option("--stats-json", stats_json,
                        "Also write the counts as one JSON object to PATH ('-' = stderr)")
      ->type_name("PATH");
  AddVerbosity(stats_cmd, &quiet, &verbose);

  StageArgs stage_args;
  AddStageCommands(&app, &stage_args, &opts, &given);
  for (CLI::App* cmd : {stage_args.plan, stage_args.run, stage_args.local, stage_args.stats}) {
    AddVerbosity(cmd, &quiet, &verbose);
  }
  for (CLI::App* cmd : {stage_args.run, stage_args.local}) AddTableOption(cmd, "threads", &given);

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
  // Every option of the table at its default, then the given ones over them.
  {
    RunOptions defaults = DefaultRunOptions();
    defaults.inputs = std::move(opts.inputs);
    defaults.output = std::move(opts.output);
    opts = std::move(defaults);
  }
  for (const CleanOption& option : CleanOptionTable()) {
    const auto it = given.find(std::string(option.name));
    if (it == given.end()) continue;
    if (absl::Status s = SetCleanOption(option.name, it->second, &opts); !s.ok()) {
      log.Error(absl::StrCat("--", ToAbsl(option.name), ": ", s.message()));
      return 1;
    }
  }
  if (stage_args.root->parsed()) return StageMain(stage_args, opts, opts.threads, log);

  if (explain->parsed()) {
    if (explain_input == "-" && isatty(STDIN_FILENO)) {
      log.Error("stdin is a terminal; name a FILE (see 'winnow explain --help')");
      return 1;
    }
    return Explain(opts, explain_input, explain_id, color, log);
  }

  const bool reads_stdin =
      opts.inputs.empty() ||
      std::find(opts.inputs.begin(), opts.inputs.end(), "-") != opts.inputs.end();
  if (reads_stdin && isatty(STDIN_FILENO)) {
    std::fprintf(stderr,
                 "winnow: error: no input files and stdin is a terminal\n"
                 "Usage: winnow %s [FILE|DIR|-]...; see 'winnow %s --help'.\n",
                 stats_cmd->parsed() ? "stats" : "clean", stats_cmd->parsed() ? "stats" : "clean");
    return 1;
  }
  if (opts.resume && (opts.output.empty() || opts.output == "-")) {
    log.Error("--resume needs an output file or folder (-o)");
    return 1;
  }

  // -q hides the progress line unless --progress asks for it.
  cli::ProgressMeter progress(progress_mode == cli::ProgressMode::kOn ||
                              (!quiet && cli::ProgressMeter::ShouldShow(progress_mode)));
  cli::ReportBuilder report;
  CliObserver observer(log, opts.on_error == OnError::kFail, &progress,
                       report_path.empty() ? nullptr : &report);
  InstallStopHandlers();
  opts.cancel = &g_cancel;
  auto stats = stats_cmd->parsed() ? RunCount(opts, &observer) : RunClean(opts, &observer);
  progress.Clear();
  if (!stats.ok() && absl::IsCancelled(stats.status())) {
    const int sig = g_signal;
    log.Error("interrupted: no output was committed for the input in progress; "
              "run again with --resume");
    return 128 + (sig != 0 ? sig : SIGINT);
  }
  if (!stats.ok()) {
    log.Error(std::string(stats.status().message()));
    return 1;
  }
  if (!stats_json.empty()) {
    const std::string json =
        StatsToJson(*stats, stats_cmd->parsed() ? "winnow stats" : "winnow clean", kVersion) +
        "\n";
    if (stats_json == "-") {
      std::fputs(json.c_str(), stderr);
    } else if (absl::Status s = WriteWholeFile(stats_json, json); !s.ok()) {
      log.Error(std::string(s.message()));
      return 1;
    }
  }
  if (!report_path.empty()) {
    if (absl::Status s = WriteWholeFile(report_path, report.Render(*stats, CommandLine(argc, argv)));
        !s.ok()) {
      log.Error(std::string(s.message()));
      return 1;
    }
  }
  if (stats_cmd->parsed()) {
    const std::string text = CountsText(*stats);
    std::fwrite(text.data(), 1, text.size(), stdout);
  } else {
    log.Info(Summary(*stats, opts.output));
    if (!stats->resumed.empty()) {
      log.Info(absl::StrCat("resumed: ", stats->resumed.size(),
                            " input(s) skipped, their output was complete"));
    }
    if (stats->evidence_saturated) {
      log.Warning(absl::StrCat(
          "line counts filled their share of --memory (", stats->evidence_lines,
          " distinct lines): lines first seen after that were not counted, so fewer "
          "frequent lines were found; raise --memory"));
    }
    if (stats->corpus.skipped_entries > 0) {
      log.Warning(absl::StrCat(
          "the corpus index filled its share of --memory: ", stats->corpus.skipped_entries,
          " entries were not indexed, so later copies of them were not found; raise "
          "--memory"));
    }
  }
  if (!stats->damaged_inputs.empty()) {
    log.Error(absl::StrCat(stats->damaged_inputs.size(),
                           " input(s) damaged; exit status 2 (see the messages above)"));
    return kExitDamaged;
  }
  return 0;
}

}  // namespace
}  // namespace winnow

int main(int argc, char** argv) { return winnow::Main(argc, argv); }
