// RunClean: the whole `winnow clean` job over files, folders or stdin.
//
//   RunOptions opts;
//   opts.inputs = {"corpora/sample"};
//   opts.output = "out/";                 // one output per input
//   RunObserver observer;                 // or a subclass that logs
//   WINNOW_ASSIGN_OR_RETURN(RunStats stats, RunClean(opts, &observer));
//
// Inputs: files, "-" (stdin), and folders, walked recursively in byte order
// of their paths; in folders only files named *.txt, *.text, *.jsonl, *.json,
// *.ndjson and *.wet (*.warc.wet), optionally .gz or .zst, are read. The
// format follows the extension unless RunOptions::format is set.
//
// Outputs:
//   ""/"-"        everything to stdout, in input order;
//   "DIR/"        (a trailing '/' or an existing folder) one output per input
//                 at the same path relative to the folder it was found in (a
//                 file named directly: its base name), same compression, same
//                 format except that WET input (and text input under
//                 `annotate`) is written as JSONL and named so:
//                 x.warc.wet.gz -> x.jsonl.gz, a/b.txt -> a/b.jsonl;
//   "FILE"        one file (compressed by extension); all inputs must be
//                 written in the same format.
// Files are written atomically (io/output.h). A JSONL document whose text is
// removed entirely is left out; a text document likewise writes nothing
// (an empty file in DIR/ mode). With `annotate`, every document is written
// whole, with a "winnow_removed" member listing the removals (see
// AppendRemovalsJson).
//
// Resume (`resume`, DIR/ mode): an input whose output already exists under
// its final name is skipped. Outputs are renamed into place only when
// complete, so an existing final name is the completion marker; no separate
// marker file is written. FILE mode: an existing output skips the whole run.
// When the corpus stage runs, a skipped input is still read and its
// documents go through the cleaner without being written, so the corpus
// stage's memory of earlier documents (and every document ordinal) is what a
// fresh run would have: the resumed outputs equal a fresh run's.
//
// Malformed records are reported to the observer, counted, and written to
// `rejects_path` when set (one JSON object per line: source, line, offset,
// error, raw; raw that is not valid UTF-8 is base64 with "encoding":
// "base64"). With OnError::kFail the first one ends the run with an error
// (outputs not committed; the rejects file is). A damaged stream (truncated or
// corrupt gzip/zstd: kDataLoss) keeps the documents read before the damage:
// under kSkip it is reported (OnStreamDamage), counted as a reject, the bytes
// after the last good record go to the rejects file, the input's output is
// committed, the run goes on, and RunStats::damaged_inputs names it (the CLI
// then exits 2); under kFail it ends the run with an error. Any other stream
// error (unreadable file) ends the run with an error naming the file.
//
// Threads (`threads`): the per-document stages run on `threads` threads in
// all, in batches of up to `batch_docs` documents or `batch_bytes` text
// bytes: `threads - 1` workers, and the calling thread, which reads, makes
// the corpus stage's decisions in input order and writes, and prepares
// batches itself while it would wait for one (pipeline/batches.h). The
// output, the stats and the rejects are byte-identical for any number of
// threads and any batch size; threads = 1 runs everything on the calling
// thread.
//
// RunClean itself is not thread-safe: one run per RunOptions at a time;
// observer callbacks come from the calling thread.

#ifndef WINNOW_PIPELINE_RUN_H_
#define WINNOW_PIPELINE_RUN_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "winnow/formats/document.h"
#include "winnow/formats/reader.h"
#include "winnow/pipeline/cleaner.h"

namespace winnow {

enum class OnError { kSkip, kFail };

// The corpus stage's decisions made elsewhere: a staged run (scale/staged.h)
// decides them across all inputs first, then replays them document by
// document. Called in input order on the run's thread, in place of
// CorpusStage::Commit, with the digest of a cleaner with the same options.
class CorpusDecider {
 public:
  virtual ~CorpusDecider() = default;
  virtual absl::Status Commit(DocumentContext* ctx, const CorpusDigest& digest) = 0;
};

struct RunOptions {
  std::vector<std::string> inputs;  // empty means stdin
  std::string output;               // see the file comment
  std::optional<Format> format;     // forced input format
  std::string text_field = "text";
  std::string id_field = "id";
  OnError on_error = OnError::kSkip;
  CleanerOptions cleaner;
  std::string rejects_path;  // "" = none; JSONL, one reject per line
  bool resume = false;       // skip inputs whose outputs exist (see above)
  bool annotate = false;     // keep all text; add "winnow_removed" (JSONL)
  // Corpus evidence for the boilerplate stage: a first pass over the inputs
  // counts in how many documents each normalized line occurs
  // (pipeline/evidence.h). Skipped when an input is stdin or the boilerplate
  // stage is off.
  bool corpus_evidence = true;
  size_t line_memory_bytes = size_t{1} << 30;  // budget of that table
  // Memory budget of the corpus state as a whole (0: none), checked before
  // anything is written: when the first pass shows that the corpus stage's
  // index would not fit in cleaner.corpus.memory_budget_bytes, RunClean
  // fails with kResourceExhausted (see pipeline/run.cc, ProjectedIndexBytes).
  size_t memory_bytes = 0;
  int threads = 1;                   // threads in all (see the file comment)
  size_t batch_docs = 256;           // documents per batch at most
  size_t batch_bytes = size_t{256} << 10;  // text bytes per batch at most
  // Records larger than this are rejected, counted and read past (see
  // formats/reader.h); --max-document-bytes.
  size_t max_document_bytes = kDefaultMaxDocumentBytes;
  // When set and true, the run stops before its next document and returns
  // kCancelled; outputs not yet committed are removed (io/output.h), so
  // `resume` can finish the job. Set from a signal handler by the CLI.
  const std::atomic<bool>* cancel = nullptr;
  // Staged runs (scale/staged.h): the ordinal of the first document read
  // (documents of earlier shards come before), and the corpus decisions made
  // across all shards. With corpus_decider set, no CorpusStage is built;
  // --annotate then names no kept_id.
  uint64_t first_ordinal = 0;
  CorpusDecider* corpus_decider = nullptr;
};

struct RuleStats {
  uint64_t count = 0;
  uint64_t bytes = 0;
};

// Per input format: files, documents and text bytes read.
struct FormatCounts {
  uint64_t files = 0;
  uint64_t docs = 0;
  uint64_t bytes = 0;
};

struct RunStats {
  // Corpus evidence (first pass): documents and distinct lines counted, and
  // whether the memory budget stopped new lines from being added.
  uint64_t evidence_docs = 0;
  uint64_t evidence_lines = 0;
  bool evidence_saturated = false;
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

  // Records that are not documents (WET warcinfo, ...), by type.
  std::map<std::string, uint64_t> skipped_records;
  // Inputs whose stream was damaged (truncated/corrupt compression): "path: error".
  std::vector<std::string> damaged_inputs;
  // Inputs skipped by `resume` because their output was complete.
  std::vector<std::string> resumed;
  std::map<std::string, FormatCounts> formats;  // by FormatName()

  // Progress: input file bytes (on disk, compressed if so) in total (0 when
  // unknown, e.g. stdin) and read so far.
  uint64_t total_input_bytes = 0;
  uint64_t input_bytes_read = 0;

  // The corpus stage, when it ran: its counters and the bytes its index held
  // at the end (dedup/corpus.h), and whether its memory budget was reached.
  bool corpus_ran = false;
  CorpusCounters corpus;
  uint64_t corpus_memory_bytes = 0;
  uint64_t corpus_spilled_bytes = 0;  // shingle sets in the temporary file
  int threads = 1;  // threads used (RunOptions::threads)
};

// Receives what a run has to say; the library itself never prints.
// Callbacks run on the run's thread; views live for the call only.
class RunObserver {
 public:
  virtual ~RunObserver() = default;
  virtual void OnReject(const Reject&) {}
  // A damaged stream whose earlier documents were kept (see the file comment).
  virtual void OnStreamDamage(const Reject&) {}
  virtual void OnInputStart(const std::string& /*path*/) {}
  // `resume` skipped `path` because `output` exists.
  virtual void OnInputSkipped(const std::string& /*path*/, const std::string& /*output*/) {}
  // Called every kProgressEveryDocs documents and after each input, with the
  // figures so far. The run does nothing else per document for progress:
  // rate limiting (clock reads) belongs to the observer.
  virtual void OnProgress(const RunStats&) {}
  static constexpr uint64_t kProgressEveryDocs = 64;
  // When wants_documents() is true, OnDocument is called for every cleaned
  // document, in input order, with its context: the removals every stage
  // made (for reports).
  virtual bool wants_documents() const { return false; }
  virtual void OnDocument(const Document&, const DocumentContext&) {}
};

// An input file as a run sees it: folders expanded (see the file comment).
struct InputFile {
  std::string path;      // as opened
  std::string relative;  // path under the output folder in DIR/ mode
  uint64_t size = 0;     // on disk; 0 for stdin
};

// The files a run over `inputs` reads, in order (empty: stdin).
absl::StatusOr<std::vector<InputFile>> ExpandInputs(const std::vector<std::string>& inputs);

absl::StatusOr<RunStats> RunClean(const RunOptions& options, RunObserver* observer);

// `winnow stats`: reads the inputs as RunClean would (formats, rejects,
// skipped records, damaged streams) but cleans and writes nothing. Fills
// inputs, docs_in, bytes_in, rejects, skipped_records, damaged_inputs,
// formats and elapsed_s. `output`, `resume` and `annotate` are ignored.
absl::StatusOr<RunStats> RunCount(const RunOptions& options, RunObserver* observer);

// The removals of one document as the JSON array --annotate writes, sorted
// by start: [{"start","end","start_cp","end_cp","stage","rule","score",
// "kept_document","kept_id","kept_block"}]. start/end are byte offsets into
// `text` (the document's UTF-8 text, always on code point boundaries);
// start_cp/end_cp are the same offsets in Unicode code points, as Python's
// str slicing and dolma's span attributes count them (a byte that is not
// valid UTF-8 counts as one code point). kept_document is the ordinal
// (0-based position in the run's input order) of the copy that stayed,
// kept_id its id (from `id_of`, when given), kept_block its block; all null
// unless the removal is a duplicate of a copy elsewhere.
void AppendRemovalsJson(std::string_view text, const std::vector<Removal>& removals,
                        std::string* out,
                        const std::function<std::string_view(uint64_t)>& id_of = nullptr);

// The stats as one JSON object (the --stats-json format, schema 1).
std::string StatsToJson(const RunStats& stats, std::string_view tool,
                        std::string_view version);

}  // namespace winnow

#endif  // WINNOW_PIPELINE_RUN_H_
