#include "winnow/pipeline/run.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <memory>
#include <system_error>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "winnow/base/status_macros.h"
#include "winnow/base/strings.h"
#include "winnow/formats/json.h"
#include "winnow/formats/writer.h"
#include "winnow/io/output.h"
#include "winnow/pipeline/batches.h"
#include "winnow/pipeline/evidence.h"

namespace winnow {
namespace fs = std::filesystem;
namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool HasCorpusExtension(const std::string& path) {
  const std::string_view p = StripCompressionSuffix(path);
  for (std::string_view ext : {".txt", ".text", ".jsonl", ".json", ".ndjson", ".wet"}) {
    if (p.size() > ext.size() && EndsWith(p, ext)) return true;
  }
  return false;
}

}  // namespace

absl::StatusOr<std::vector<InputFile>> ExpandInputs(const std::vector<std::string>& inputs) {
  std::vector<InputFile> files;
  if (inputs.empty()) {
    files.push_back({"-", "stdin", 0});
    return files;
  }
  for (const std::string& input : inputs) {
    if (input == "-") {
      files.push_back({"-", "stdin", 0});
      continue;
    }
    std::error_code ec;
    const fs::file_status st = fs::status(input, ec);
    if (ec || !fs::exists(st)) {
      return absl::NotFoundError(absl::StrCat(input, ": no such file or folder"));
    }
    if (!fs::is_directory(st)) {
      const uintmax_t size = fs::file_size(input, ec);
      files.push_back({input, fs::path(input).filename().string(), ec ? 0 : size});
      continue;
    }
    std::vector<InputFile> found;
    for (auto it = fs::recursive_directory_iterator(
             input, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (!it->is_regular_file(ec)) continue;
      const std::string path = it->path().string();
      if (!HasCorpusExtension(path)) continue;
      std::error_code size_ec;
      const uintmax_t size = it->file_size(size_ec);
      found.push_back({path, fs::relative(it->path(), input, ec).string(),
                       size_ec ? 0 : size});
    }
    if (ec) return absl::UnavailableError(absl::StrCat(input, ": ", ec.message()));
    std::sort(found.begin(), found.end(),
              [](const InputFile& a, const InputFile& b) { return a.path < b.path; });
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

namespace {

bool IsDirOutput(const std::string& output) {
  if (output.empty() || output == "-") return false;
  if (output.back() == '/') return true;
  std::error_code ec;
  return fs::is_directory(output, ec);
}

Format InputFormat(const RunOptions& options, const InputFile& input) {
  if (options.format) return *options.format;
  if (input.path == "-") return Format::kText;
  return FormatFromPath(input.path);
}

// The format documents of `input` are written in.
Format WrittenFormat(const RunOptions& options, Format input) {
  return options.annotate ? Format::kJsonl : OutputFormatFor(input);
}

// DIR/ mode: the output's path under the folder. JSONL written from another
// format takes a .jsonl name: x.warc.wet.gz -> x.jsonl.gz.
std::string OutputRelative(const std::string& relative, Format in, Format written) {
  if (in == written) return relative;
  const std::string_view stem_full = StripCompressionSuffix(relative);
  const std::string_view compression = std::string_view(relative).substr(stem_full.size());
  std::string_view stem = stem_full;
  for (std::string_view ext : {".warc.wet", ".wet", ".txt", ".text"}) {
    if (EndsWith(stem, ext)) {
      stem.remove_suffix(ext.size());
      break;
    }
  }
  return absl::StrCat(ToAbsl(stem), ".jsonl", ToAbsl(compression));
}

// Writes rejects as JSONL: {"source","line","offset","error","raw"}.
class RejectsWriter {
 public:
  static absl::StatusOr<std::unique_ptr<RejectsWriter>> Open(const std::string& path) {
    WINNOW_ASSIGN_OR_RETURN(auto out, OutputFile::Create(path));
    return std::make_unique<RejectsWriter>(std::move(out));
  }
  explicit RejectsWriter(std::unique_ptr<OutputFile> out) : out_(std::move(out)) {}

  absl::Status Write(const Reject& r) {
    JsonWriter w;
    w.BeginObject();
    w.Key("source"); w.String(r.source);
    w.Key("line"); w.Uint(r.line);
    w.Key("offset"); w.Uint(r.offset);
    w.Key("error"); w.String(r.message);
    if (FirstInvalidUtf8(r.raw) == r.raw.size()) {
      w.Key("raw"); w.String(r.raw);
    } else {
      // JSON strings hold text only; keep the bytes exactly as base64.
      w.Key("raw"); w.String(ToStd(absl::Base64Escape(ToAbsl(r.raw))));
      w.Key("encoding"); w.String("base64");
    }
    w.EndObject();
    std::string line = std::move(w).Take();
    line.push_back('\n');
    return out_->Write(line);
  }
  absl::Status Commit() { return out_->Commit(); }
  const std::string& path() const { return out_->path(); }

 private:
  std::unique_ptr<OutputFile> out_;
};

// The reader options a run implies (fields); callers add on_reject.
ReaderOptions ReaderOptionsFor(const RunOptions& options) {
  ReaderOptions ro;
  ro.text_field = options.text_field;
  ro.id_field = options.id_field;
  ro.max_document_bytes = options.max_document_bytes;
  return ro;
}

// The options of the workers' cleaners: with the corpus stage in this
// process, which sorts only the shingles of documents it verifies, the
// digests leave them unsorted (a staged run's decider takes sets).
CleanerOptions PoolOptions(const RunOptions& options) {
  CleanerOptions cleaner = options.cleaner;
  if (options.corpus_decider == nullptr) cleaner.corpus.sort_shingles = false;
  return cleaner;
}

// Everything one input needs while it is read.
class RunState {
 public:
  RunState(const RunOptions& options, RunObserver* observer, RunStats* stats,
           RejectsWriter* rejects)
      : options_(options),
        observer_(observer),
        stats_(stats),
        rejects_(rejects),
        pool_(PoolOptions(options), options.threads),
        batch_docs_(std::max<size_t>(1, options.batch_docs)),
        batch_bytes_(std::max<size_t>(1, options.batch_bytes)),
        next_ordinal_(options.first_ordinal) {
    const auto& stages = options.cleaner.stages;
    if (std::find(stages.begin(), stages.end(), StageId::kCorpus) != stages.end() &&
        options.corpus_decider == nullptr) {
      corpus_ = std::make_unique<CorpusStage>(options.cleaner.corpus);
      if (options.annotate) {
        id_of_ = [this](uint64_t ordinal) -> std::string_view {
          if (ordinal >= id_ends_.size()) return {};
          const size_t begin = ordinal == 0 ? 0 : id_ends_[ordinal - 1];
          return std::string_view(ids_).substr(begin, id_ends_[ordinal] - begin);
        };
      }
    }
  }

  const CorpusStage* corpus() const { return corpus_.get(); }

  // With --annotate and the corpus stage, every document's id is kept (in
  // one string, about its length plus 8 bytes per document) so a duplicate
  // can name the id of the copy that stayed.
  void RememberId(const Document& doc) {
    if (!id_of_) return;
    id_ends_.push_back(ids_.size() + doc.id.size());
    ids_ += doc.id;
  }

  // Feeds the documents of an input skipped by --resume through the cleaner
  // without writing or counting them, so that cross-document state (the
  // corpus stage) is what a fresh run would have. Errors were reported by
  // the run that wrote the output and are not reported again.
  void ReplayInput(const InputFile& input, Format format) {
    ReaderOptions ro = ReaderOptionsFor(options_);
    ro.on_reject = [](const Reject&) { return true; };
    auto reader = DocumentReader::Open(input.path, format, ro);
    if (!reader.ok()) return;
    DocumentBatch* batch = pool_.NewBatch();
    batch->tag = kReplay;
    while ((*reader)->Next(&batch->Slot()->doc) && !Cancelled()) {
      (*batch)[batch->size()].doc.ordinal = next_ordinal_++;
      RememberId((*batch)[batch->size()].doc);
      batch->Added();
      if (batch->full(batch_docs_, batch_bytes_)) {
        replay_status_.Update(SubmitAndCommitSome(batch, nullptr));
        batch = pool_.NewBatch();
        batch->tag = kReplay;
      }
    }
    pool_.Submit(batch);
    replay_status_.Update(CommitAll(nullptr));
  }
  // Not OK when replaying failed in the corpus stage (its spill file).
  const absl::Status& replay_status() const { return replay_status_; }

  // Reads one input; cleans and writes its documents unless writer is null.
  absl::Status ReadInput(const InputFile& input, Format format, DocumentWriter* writer) {
    ReaderOptions ro = ReaderOptionsFor(options_);
    ro.on_reject = [&](const Reject& r) {
      ++stats_->rejects;
      if (rejects_ != nullptr && write_status_.ok()) write_status_ = rejects_->Write(r);
      observer_->OnReject(r);
      return options_.on_error != OnError::kFail;
    };
    WINNOW_ASSIGN_OR_RETURN(auto reader, DocumentReader::Open(input.path, format, ro));
    stats_->inputs.push_back(input.path);
    FormatCounts& counts = stats_->formats[std::string(FormatName(format))];
    ++counts.files;
    const uint64_t bytes_before = stats_->input_bytes_read;
    DocumentBatch* batch = pool_.NewBatch();
    while (reader->Next(&batch->Slot()->doc)) {
      Document& doc = (*batch)[batch->size()].doc;
      if (Cancelled()) {
        return absl::CancelledError(absl::StrCat(input.path, ": interrupted"));
      }
      doc.ordinal = next_ordinal_++;
      RememberId(doc);
      ++stats_->docs_in;
      stats_->bytes_in += doc.text.size();
      ++counts.docs;
      counts.bytes += doc.text.size();
      if (stats_->docs_in >= next_progress_) {
        next_progress_ = stats_->docs_in + RunObserver::kProgressEveryDocs;
        stats_->input_bytes_read = bytes_before + reader->raw_bytes_read();
        observer_->OnProgress(*stats_);
      }
      if (writer == nullptr) continue;  // counting only: the slot is reused
      batch->Added();
      if (batch->full(batch_docs_, batch_bytes_)) {
        WINNOW_RETURN_IF_ERROR(SubmitAndCommitSome(batch, writer));
        batch = pool_.NewBatch();
      }
    }
    pool_.Submit(batch);
    WINNOW_RETURN_IF_ERROR(CommitAll(writer));
    WINNOW_RETURN_IF_ERROR(write_status_);
    for (const auto& [type, n] : reader->skipped_records()) stats_->skipped_records[type] += n;
    stats_->input_bytes_read = bytes_before + std::max(reader->raw_bytes_read(), input.size);
    observer_->OnProgress(*stats_);
    const absl::Status status = reader->status();
    if (status.ok() || status.code() != absl::StatusCode::kDataLoss) return status;
    // A damaged stream: the documents before the damage were kept.
    Reject r;
    r.source = input.path == "-" ? std::string_view("<stdin>") : std::string_view(input.path);
    r.line = reader->line();
    r.offset = reader->offset();
    const std::string message = absl::StrCat(
        status.message(), " (after ", reader->offset(), " decompressed bytes",
        reader->line() > 0 ? absl::StrCat(", line ", reader->line()) : std::string(), ")");
    r.message = message;
    r.raw = reader->unread();
    ++stats_->rejects;
    if (rejects_ != nullptr) WINNOW_RETURN_IF_ERROR(rejects_->Write(r));
    if (options_.on_error == OnError::kFail) return status;
    stats_->damaged_inputs.push_back(message);
    observer_->OnStreamDamage(r);
    return absl::OkStatus();
  }

 private:
  bool Cancelled() const {
    return options_.cancel != nullptr && options_.cancel->load(std::memory_order_relaxed);
  }

  static constexpr int kReplay = 1;

  // Submits a full batch and commits prepared ones until there is room for
  // another.
  absl::Status SubmitAndCommitSome(DocumentBatch* batch, DocumentWriter* writer) {
    pool_.Submit(batch);
    while (pool_.in_flight() >= pool_.max_in_flight()) {
      WINNOW_RETURN_IF_ERROR(Commit(pool_.NextPrepared(), writer));
    }
    return absl::OkStatus();
  }

  absl::Status CommitAll(DocumentWriter* writer) {
    absl::Status status;
    // Every batch is handed back even after an error, so none stays in flight.
    while (DocumentBatch* batch = pool_.NextPrepared()) {
      if (status.ok()) {
        status = Commit(batch, writer);
      } else {
        pool_.Recycle(batch);
      }
    }
    return status;
  }

  // The in-order step: corpus decisions, then the kept text is written.
  absl::Status Commit(DocumentBatch* batch, DocumentWriter* writer) {
    absl::Status status;
    for (size_t i = 0; i < batch->size() && status.ok(); ++i) {
      DocumentSlot& slot = (*batch)[i];
      if (corpus_ != nullptr) {
        corpus_->Commit(&slot.ctx, slot.digest);
      } else if (options_.corpus_decider != nullptr) {
        status = options_.corpus_decider->Commit(&slot.ctx, slot.digest);
        if (!status.ok()) break;
      }
      if (batch->tag == kReplay) continue;
      status = WriteOne(slot, writer);
    }
    pool_.Recycle(batch);
    if (status.ok() && corpus_ != nullptr) status = corpus_->status();
    return status;
  }

  absl::Status WriteOne(const DocumentSlot& slot, DocumentWriter* writer) {
    const Document& doc = slot.doc;
    const DocumentContext& ctx = slot.ctx;
    for (const Removal& r : ctx.removals()) {
      RuleStats& rs = stats_->removed[{std::string(StageName(r.stage)), std::string(r.rule)}];
      ++rs.count;
      rs.bytes += r.span.size();
    }
    if (observer_->wants_documents()) observer_->OnDocument(doc, ctx);
    ctx.Apply(&clean_);
    if (options_.annotate) {
      annotation_.assign("\"winnow_removed\":");
      AppendRemovalsJson(doc.text, ctx.removals(), &annotation_, id_of_);
      stats_->bytes_out += clean_.size();
      ++stats_->docs_out;
      return writer->Write(doc, doc.text, annotation_);
    }
    if (clean_.empty() && !doc.text.empty()) {
      ++stats_->docs_emptied;
      return absl::OkStatus();
    }
    stats_->bytes_out += clean_.size();
    ++stats_->docs_out;
    return writer->Write(doc, clean_);
  }

  const RunOptions& options_;
  RunObserver* observer_;
  RunStats* stats_;
  RejectsWriter* rejects_;
  BatchCleaner pool_;
  std::unique_ptr<CorpusStage> corpus_;  // null when the stage is off
  std::function<std::string_view(uint64_t)> id_of_;  // set by --annotate
  std::string ids_;                 // every document's id, concatenated
  std::vector<uint64_t> id_ends_;   // by ordinal: end of its id in ids_
  const size_t batch_docs_;
  const size_t batch_bytes_;
  std::string clean_;
  std::string annotation_;
  absl::Status write_status_;
  absl::Status replay_status_;
  uint64_t next_progress_ = RunObserver::kProgressEveryDocs;
  uint64_t next_ordinal_;  // input order, replayed documents included
};

bool HasStage(const RunOptions& options, StageId id) {
  const auto& stages = options.cleaner.stages;
  return std::find(stages.begin(), stages.end(), id) != stages.end();
}

absl::Status RunInputs(const RunOptions& options, const std::vector<InputFile>& inputs,
                       RunObserver* observer, RunStats* stats, RunState* state) {
  if (IsDirOutput(options.output)) {
    const fs::path dir(options.output);
    for (const InputFile& input : inputs) {
      const Format format = InputFormat(options, input);
      const fs::path target =
          dir / OutputRelative(input.relative, format, WrittenFormat(options, format));
      std::error_code ec;
      if (options.resume && fs::exists(target, ec)) {
        stats->resumed.push_back(input.path);
        stats->input_bytes_read += input.size;
        observer->OnInputSkipped(input.path, target.string());
        if (HasStage(options, StageId::kCorpus)) {
          state->ReplayInput(input, format);
          WINNOW_RETURN_IF_ERROR(state->replay_status());
        }
        continue;
      }
      observer->OnInputStart(input.path);
      fs::create_directories(target.parent_path(), ec);
      if (ec) {
        return absl::PermissionDeniedError(absl::StrCat(
            target.parent_path().string(), ": cannot create folder: ", ec.message()));
      }
      WINNOW_ASSIGN_OR_RETURN(auto out, OutputFile::Create(target.string()));
      DocumentWriter writer(WrittenFormat(options, format), out.get());
      WINNOW_RETURN_IF_ERROR(state->ReadInput(input, format, &writer));
      WINNOW_RETURN_IF_ERROR(out->Commit());
      stats->outputs.push_back(target.string());
    }
    return absl::OkStatus();
  }
  const Format first = InputFormat(options, inputs.front());
  const Format written = WrittenFormat(options, first);
  for (const InputFile& input : inputs) {
    const Format format = InputFormat(options, input);
    if (WrittenFormat(options, format) != written) {
      return absl::InvalidArgumentError(absl::StrCat(
          input.path, ": is ", ToAbsl(FormatName(format)), " but ", inputs.front().path,
          " is ", ToAbsl(FormatName(first)),
          "; one output takes one format (write to a folder with -o DIR/, or set --format)"));
    }
  }
  const std::string path = options.output.empty() ? "-" : options.output;
  if (options.resume && path != "-") {
    std::error_code ec;
    if (fs::exists(path, ec)) {
      for (const InputFile& input : inputs) {
        stats->resumed.push_back(input.path);
        observer->OnInputSkipped(input.path, path);
      }
      return absl::OkStatus();
    }
  }
  WINNOW_ASSIGN_OR_RETURN(auto out, OutputFile::Create(path));
  DocumentWriter writer(written, out.get());
  for (const InputFile& input : inputs) {
    observer->OnInputStart(input.path);
    WINNOW_RETURN_IF_ERROR(state->ReadInput(input, InputFormat(options, input), &writer));
  }
  WINNOW_RETURN_IF_ERROR(out->Commit());
  if (path != "-") stats->outputs.push_back(path);
  return absl::OkStatus();
}

// The first pass (pipeline/evidence.h), when the boilerplate stage runs and
// no input is stdin: counts line frequencies and hands them to the stage.
absl::Status AddCorpusEvidence(const std::vector<InputFile>& inputs, RunOptions* options,
                               std::unique_ptr<LineFrequencies>* frequencies,
                               RunStats* stats) {
  const auto& stages = options->cleaner.stages;
  if (!options->corpus_evidence ||
      std::find(stages.begin(), stages.end(), StageId::kBoilerplate) == stages.end()) {
    return absl::OkStatus();
  }
  std::vector<EvidenceInput> evidence_inputs;
  for (const InputFile& input : inputs) {
    if (input.path == "-") return absl::OkStatus();  // stdin cannot be read twice
    evidence_inputs.push_back({input.path, InputFormat(*options, input), input.size});
  }
  const ReaderOptions ro = ReaderOptionsFor(*options);
  WINNOW_ASSIGN_OR_RETURN(*frequencies, CountLineFrequencies(evidence_inputs, ro,
                                                             options->line_memory_bytes,
                                                             options->threads));
  stats->evidence_docs = (*frequencies)->documents();
  options->cleaner.corpus.expected_documents = stats->evidence_docs;
  stats->evidence_lines = (*frequencies)->distinct_lines();
  stats->evidence_saturated = (*frequencies)->saturated();
  // Only "counted in at least frequent_line_min_docs documents" is asked
  // from now on: drop the rest (most lines occur once) before the second
  // pass builds the corpus index.
  (*frequencies)->Prune(options->cleaner.boilerplate.frequent_line_min_docs);
  options->cleaner.boilerplate.line_frequencies = frequencies->get();
  return absl::OkStatus();
}

// With a memory budget and a first pass that counted the documents: fails,
// before anything is written, when the corpus index would not fit.
absl::Status CheckMemoryPlan(const RunOptions& options, const RunStats& stats) {
  if (options.memory_bytes == 0 || stats.evidence_docs == 0 ||
      !HasStage(options, StageId::kCorpus)) {
    return absl::OkStatus();
  }
  const uint64_t projected = stats.evidence_docs * CorpusStage::kTypicalBytesPerDocument;
  const uint64_t budget = options.cleaner.corpus.memory_budget_bytes;
  if (projected <= budget) return absl::OkStatus();
  constexpr double kMiB = 1024.0 * 1024.0;
  return absl::ResourceExhaustedError(absl::StrFormat(
      "the corpus stage's index for %d documents needs about %.0f MiB, more than its "
      "%.0f MiB share of the memory budget; nothing was written. Raise --memory to at "
      "least %.0f MiB, split the run into stages that fit (winnow stage, docs/scale.md), or "
      "run without the corpus stage (--stages boilerplate,repeats)",
      stats.evidence_docs, static_cast<double>(projected) / kMiB,
      static_cast<double>(budget) / kMiB, static_cast<double>(projected) * 4 / 3 / kMiB + 1));
}

// Shared by RunClean and RunCount: expands inputs, opens the rejects file,
// runs `body`, and commits the rejects file whatever happened (so a run
// stopped by --on-error=fail still keeps the reject that stopped it).
template <typename Body>
absl::StatusOr<RunStats> Run(const RunOptions& options, RunObserver* observer, Body body) {
  RunObserver quiet;
  if (observer == nullptr) observer = &quiet;
  const auto start = std::chrono::steady_clock::now();
  RunStats stats;
  WINNOW_ASSIGN_OR_RETURN(std::vector<InputFile> inputs, ExpandInputs(options.inputs));
  if (inputs.empty()) {
    return absl::InvalidArgumentError(
        "no input files found (folders are searched for *.txt, *.jsonl, *.json, *.ndjson, "
        "*.wet, optionally .gz/.zst)");
  }
  for (const InputFile& input : inputs) stats.total_input_bytes += input.size;
  if (std::any_of(inputs.begin(), inputs.end(),
                  [](const InputFile& f) { return f.path == "-"; })) {
    stats.total_input_bytes = 0;  // unknown
  }
  std::unique_ptr<RejectsWriter> rejects;
  if (!options.rejects_path.empty()) {
    WINNOW_ASSIGN_OR_RETURN(rejects, RejectsWriter::Open(options.rejects_path));
  }
  RunOptions effective = options;
  std::unique_ptr<LineFrequencies> frequencies;
  WINNOW_RETURN_IF_ERROR(AddCorpusEvidence(inputs, &effective, &frequencies, &stats));
  WINNOW_RETURN_IF_ERROR(CheckMemoryPlan(effective, stats));
  RunState state(effective, observer, &stats, rejects.get());
  stats.threads = std::max(1, effective.threads);
  absl::Status status = body(inputs, &stats, &state, observer);
  if (const CorpusStage* corpus = state.corpus(); corpus != nullptr) {
    stats.corpus_ran = true;
    stats.corpus = corpus->counters();
    stats.corpus_memory_bytes = corpus->memory_bytes();
    stats.corpus_spilled_bytes = corpus->spilled_bytes();
  }
  if (rejects != nullptr) {
    const absl::Status committed = rejects->Commit();
    if (status.ok()) status = committed;
    if (committed.ok()) stats.outputs.push_back(rejects->path());
  }
  if (!status.ok()) return status;
  stats.elapsed_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return stats;
}

}  // namespace

absl::StatusOr<RunStats> RunClean(const RunOptions& options, RunObserver* observer) {
  return Run(options, observer,
             [&](const std::vector<InputFile>& inputs, RunStats* stats, RunState* state,
                 RunObserver* obs) { return RunInputs(options, inputs, obs, stats, state); });
}

absl::StatusOr<RunStats> RunCount(const RunOptions& count_options, RunObserver* observer) {
  RunOptions options = count_options;
  options.corpus_evidence = false;  // nothing is cleaned
  options.threads = 1;
  options.cleaner.stages.clear();
  return Run(options, observer,
             [&](const std::vector<InputFile>& inputs, RunStats*, RunState* state,
                 RunObserver* obs) -> absl::Status {
               for (const InputFile& input : inputs) {
                 obs->OnInputStart(input.path);
                 WINNOW_RETURN_IF_ERROR(
                     state->ReadInput(input, InputFormat(options, input), nullptr));
               }
               return absl::OkStatus();
             });
}

void AppendRemovalsJson(std::string_view text, const std::vector<Removal>& removals,
                        std::string* out,
                        const std::function<std::string_view(uint64_t)>& id_of) {
  // Code points before a byte offset: bytes that do not continue a UTF-8
  // sequence (10xxxxxx). Starts are visited in order, so one pass suffices.
  auto code_points = [&](size_t from, size_t to) {
    uint64_t n = 0;
    for (size_t i = from; i < to && i < text.size(); ++i) {
      n += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 ? 1 : 0;
    }
    return n;
  };
  size_t cp_pos = 0;       // byte offset counted so far
  uint64_t cp_count = 0;   // code points before cp_pos
  std::vector<const Removal*> sorted;
  sorted.reserve(removals.size());
  for (const Removal& r : removals) sorted.push_back(&r);
  std::stable_sort(sorted.begin(), sorted.end(), [](const Removal* a, const Removal* b) {
    return a->span.begin < b->span.begin;
  });
  JsonWriter w;
  w.BeginArray();
  for (const Removal* r : sorted) {
    w.BeginObject();
    w.Key("start"); w.Uint(r->span.begin);
    w.Key("end"); w.Uint(r->span.end);
    cp_count += code_points(cp_pos, r->span.begin);
    cp_pos = r->span.begin;
    w.Key("start_cp"); w.Uint(cp_count);
    w.Key("end_cp"); w.Uint(cp_count + code_points(r->span.begin, r->span.end));
    w.Key("stage"); w.String(StageName(r->stage));
    w.Key("rule"); w.String(r->rule);
    w.Key("score"); w.Double(r->score);
    w.Key("kept_document");
    if (r->kept_document >= 0) w.Int(r->kept_document); else w.Null();
    w.Key("kept_id");
    if (r->kept_document >= 0 && id_of) {
      w.String(id_of(static_cast<uint64_t>(r->kept_document)));
    } else {
      w.Null();
    }
    w.Key("kept_block");
    if (r->kept_block >= 0) w.Int(r->kept_block); else w.Null();
    w.EndObject();
  }
  w.EndArray();
  out->append(w.str());
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
  w.Key("corpus"); w.BeginObject();
  w.Key("ran"); w.Bool(stats.corpus_ran);
  w.Key("documents"); w.Uint(stats.corpus.documents);
  w.Key("exact_documents"); w.Uint(stats.corpus.exact_documents);
  w.Key("near_duplicates"); w.Uint(stats.corpus.near_duplicates);
  w.Key("exact_paragraphs"); w.Uint(stats.corpus.exact_paragraphs);
  w.Key("candidates_verified"); w.Uint(stats.corpus.candidates);
  w.Key("indexed_documents"); w.Uint(stats.corpus.indexed_documents);
  w.Key("indexed_paragraphs"); w.Uint(stats.corpus.indexed_paragraphs);
  w.Key("exact_sentence_spans"); w.Uint(stats.corpus.exact_sentence_spans);
  w.Key("indexed_sentence_windows"); w.Uint(stats.corpus.indexed_sentence_windows);
  w.Key("skipped_entries"); w.Uint(stats.corpus.skipped_entries);
  w.Key("saturated"); w.Bool(stats.corpus.skipped_entries > 0);
  w.Key("memory_bytes"); w.Uint(stats.corpus_memory_bytes);
  w.Key("spilled_bytes"); w.Uint(stats.corpus_spilled_bytes);
  w.EndObject();
  w.Key("threads"); w.Int(stats.threads);
  w.Key("corpus_evidence"); w.BeginObject();
  w.Key("documents"); w.Uint(stats.evidence_docs);
  w.Key("distinct_lines"); w.Uint(stats.evidence_lines);
  w.Key("saturated"); w.Bool(stats.evidence_saturated);
  w.EndObject();
  w.Key("elapsed_s"); w.Double(stats.elapsed_s);
  const double per_s = stats.elapsed_s > 0 ? 1.0 / stats.elapsed_s : 0.0;
  w.Key("mb_per_s");
  w.Double(static_cast<double>(stats.bytes_in) / 1e6 * per_s);
  // Additions to schema 1 (new keys only; existing keys keep their meaning).
  w.Key("throughput"); w.BeginObject();
  w.Key("docs_per_s"); w.Double(static_cast<double>(stats.docs_in) * per_s);
  w.Key("text_mb_per_s"); w.Double(static_cast<double>(stats.bytes_in) / 1e6 * per_s);
  w.Key("input_mb_per_s"); w.Double(static_cast<double>(stats.input_bytes_read) / 1e6 * per_s);
  w.EndObject();
  w.Key("reject_detail"); w.BeginObject();
  w.Key("records"); w.Uint(stats.rejects - stats.damaged_inputs.size());
  w.Key("damaged_inputs"); w.BeginArray();
  for (const auto& d : stats.damaged_inputs) w.String(d);
  w.EndArray();
  w.EndObject();
  w.Key("skipped_records"); w.BeginObject();
  for (const auto& [type, n] : stats.skipped_records) {
    w.Key(type); w.Uint(n);
  }
  w.EndObject();
  w.Key("resumed"); w.BeginArray();
  for (const auto& r : stats.resumed) w.String(r);
  w.EndArray();
  w.Key("formats"); w.BeginObject();
  for (const auto& [name, c] : stats.formats) {
    w.Key(name); w.BeginObject();
    w.Key("files"); w.Uint(c.files);
    w.Key("docs"); w.Uint(c.docs);
    w.Key("bytes"); w.Uint(c.bytes);
    w.EndObject();
  }
  w.EndObject();
  w.EndObject();
  return std::move(w).Take();
}

}  // namespace winnow
