#include "winnow/pipeline/run.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <memory>
#include <system_error>

#include "absl/strings/str_cat.h"
#include "winnow/base/status_macros.h"
#include "winnow/base/strings.h"
#include "winnow/formats/json.h"
#include "winnow/formats/writer.h"
#include "winnow/io/output.h"

namespace winnow {
namespace fs = std::filesystem;
namespace {

struct InputFile {
  std::string path;      // as opened
  std::string relative;  // path under the output folder in DIR/ mode
};

bool HasCorpusExtension(const std::string& path) {
  const std::string_view p = StripCompressionSuffix(path);
  for (std::string_view ext : {".txt", ".text", ".jsonl", ".json", ".ndjson"}) {
    if (p.size() > ext.size() && p.substr(p.size() - ext.size()) == ext) return true;
  }
  return false;
}

absl::StatusOr<std::vector<InputFile>> ExpandInputs(const std::vector<std::string>& inputs) {
  std::vector<InputFile> files;
  if (inputs.empty()) {
    files.push_back({"-", "stdin"});
    return files;
  }
  for (const std::string& input : inputs) {
    if (input == "-") {
      files.push_back({"-", "stdin"});
      continue;
    }
    std::error_code ec;
    const fs::file_status st = fs::status(input, ec);
    if (ec || !fs::exists(st)) {
      return absl::NotFoundError(absl::StrCat(input, ": no such file or folder"));
    }
    if (!fs::is_directory(st)) {
      files.push_back({input, fs::path(input).filename().string()});
      continue;
    }
    std::vector<InputFile> found;
    for (auto it = fs::recursive_directory_iterator(
             input, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (!it->is_regular_file(ec)) continue;
      const std::string path = it->path().string();
      if (!HasCorpusExtension(path)) continue;
      found.push_back({path, fs::relative(it->path(), input, ec).string()});
    }
    if (ec) return absl::UnavailableError(absl::StrCat(input, ": ", ec.message()));
    std::sort(found.begin(), found.end(),
              [](const InputFile& a, const InputFile& b) { return a.path < b.path; });
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

bool IsDirOutput(const std::string& output) {
  if (output.empty() || output == "-") return false;
  if (output.back() == '/') return true;
  std::error_code ec;
  return fs::is_directory(output, ec);
}

// Everything one input needs while it is read.
class RunState {
 public:
  RunState(const RunOptions& options, RunObserver* observer, RunStats* stats)
      : options_(options), observer_(observer), stats_(stats), cleaner_(options.cleaner) {}

  absl::Status CleanInput(const InputFile& input, Format format, DocumentWriter* writer) {
    ReaderOptions ro;
    ro.text_field = options_.text_field;
    ro.id_field = options_.id_field;
    ro.on_reject = [&](const Reject& r) {
      ++stats_->rejects;
      observer_->OnReject(r);
      return options_.on_error != OnError::kFail;
    };
    WINNOW_ASSIGN_OR_RETURN(auto reader, DocumentReader::Open(input.path, format, ro));
    stats_->inputs.push_back(input.path);
    Document doc;
    while (reader->Next(&doc)) {
      doc.ordinal = stats_->docs_in++;
      stats_->bytes_in += doc.text.size();
      cleaner_.Clean(doc.text, &clean_, doc.ordinal);
      for (const Removal& r : cleaner_.removals()) {
        RuleStats& rs = stats_->removed[{std::string(StageName(r.stage)), std::string(r.rule)}];
        ++rs.count;
        rs.bytes += r.span.size();
      }
      if (clean_.empty() && !doc.text.empty()) {
        ++stats_->docs_emptied;
        continue;
      }
      stats_->bytes_out += clean_.size();
      ++stats_->docs_out;
      WINNOW_RETURN_IF_ERROR(writer->Write(doc, clean_));
    }
    return reader->status();
  }

 private:
  const RunOptions& options_;
  RunObserver* observer_;
  RunStats* stats_;
  Cleaner cleaner_;
  std::string clean_;
};

Format InputFormat(const RunOptions& options, const InputFile& input) {
  if (options.format) return *options.format;
  if (input.path == "-") return Format::kText;
  return FormatFromPath(input.path);
}

}  // namespace

absl::StatusOr<RunStats> RunClean(const RunOptions& options, RunObserver* observer) {
  RunObserver quiet;
  if (observer == nullptr) observer = &quiet;
  const auto start = std::chrono::steady_clock::now();
  RunStats stats;
  WINNOW_ASSIGN_OR_RETURN(std::vector<InputFile> inputs, ExpandInputs(options.inputs));
  if (inputs.empty()) {
    return absl::InvalidArgumentError("no input files found (folders are searched for "
                                      "*.txt, *.jsonl, *.json, *.ndjson, optionally .gz/.zst)");
  }
  RunState state(options, observer, &stats);

  if (IsDirOutput(options.output)) {
    const fs::path dir(options.output);
    for (const InputFile& input : inputs) {
      observer->OnInputStart(input.path);
      const fs::path target = dir / input.relative;
      std::error_code ec;
      fs::create_directories(target.parent_path(), ec);
      if (ec) {
        return absl::PermissionDeniedError(
            absl::StrCat(target.parent_path().string(), ": cannot create folder: ", ec.message()));
      }
      WINNOW_ASSIGN_OR_RETURN(auto out, OutputFile::Create(target.string()));
      DocumentWriter writer(InputFormat(options, input), out.get());
      WINNOW_RETURN_IF_ERROR(state.CleanInput(input, InputFormat(options, input), &writer));
      WINNOW_RETURN_IF_ERROR(out->Commit());
      stats.outputs.push_back(target.string());
    }
  } else {
    const Format format = InputFormat(options, inputs.front());
    for (const InputFile& input : inputs) {
      if (InputFormat(options, input) != format) {
        return absl::InvalidArgumentError(absl::StrCat(
            input.path, ": is ", ToAbsl(FormatName(InputFormat(options, input))), " but ",
            inputs.front().path, " is ", ToAbsl(FormatName(format)),
            "; one output takes one format (write to a folder with -o DIR/, or set --format)"));
      }
    }
    const std::string path = options.output.empty() ? "-" : options.output;
    WINNOW_ASSIGN_OR_RETURN(auto out, OutputFile::Create(path));
    DocumentWriter writer(format, out.get());
    for (const InputFile& input : inputs) {
      observer->OnInputStart(input.path);
      WINNOW_RETURN_IF_ERROR(state.CleanInput(input, format, &writer));
    }
    WINNOW_RETURN_IF_ERROR(out->Commit());
    if (path != "-") stats.outputs.push_back(path);
  }
  stats.elapsed_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return stats;
}

std::string StatsToJson(const RunStats& stats, std::string_view tool,
                        std::string_view version) {
  JsonWriter w;
  w.BeginObject();
  w.Key("schema"); w.Uint(1);
  w.Key("tool"); w.String(tool);
  w.Key("version"); w.String(version);
  w.Key("inputs"); w.BeginArray();
  for (const auto& in : stats.inputs) w.String(in);
  w.EndArray();
  w.Key("outputs"); w.BeginArray();
  for (const auto& out : stats.outputs) w.String(out);
  w.EndArray();
  w.Key("docs_in"); w.Uint(stats.docs_in);
  w.Key("docs_out"); w.Uint(stats.docs_out);
  w.Key("bytes_in"); w.Uint(stats.bytes_in);
  w.Key("bytes_out"); w.Uint(stats.bytes_out);
  w.Key("rejects"); w.Uint(stats.rejects);
  w.Key("dropped"); w.BeginObject();
  w.Key("emptied"); w.Uint(stats.docs_emptied);
  w.Key("rejected"); w.Uint(stats.rejects);
  w.EndObject();
  w.Key("stages"); w.BeginObject();
  std::string current;
  for (const auto& [key, rs] : stats.removed) {
    if (key.first != current) {
      if (!current.empty()) w.EndObject();
      current = key.first;
      w.Key(current);
      w.BeginObject();
    }
    w.Key(key.second);
    w.BeginObject();
    w.Key("count"); w.Uint(rs.count);
    w.Key("bytes"); w.Uint(rs.bytes);
    w.EndObject();
  }
  if (!current.empty()) w.EndObject();
  w.EndObject();
  w.Key("elapsed_s"); w.Double(stats.elapsed_s);
  w.Key("mb_per_s");
  w.Double(stats.elapsed_s > 0 ? static_cast<double>(stats.bytes_in) / 1e6 / stats.elapsed_s : 0.0);
  w.EndObject();
  return std::move(w).Take();
}

}  // namespace winnow
