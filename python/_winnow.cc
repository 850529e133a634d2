// _winnow: the compiled half of the Python package `winnow` (python/winnow/
// is the other half: docstrings, keyword handling and the pipeline step).
//
//   import winnow._winnow as w
//   c = w.Cleaner({"stages": "boilerplate,repeats"})
//   c.clean("text")                       # one document
//   for out in c.clean_many(iter(docs)):  # a stream, corpus stage across it
//       ...
//
// Options arrive as a dict of Python values under the command line's names
// spelled with '_' (python/winnow/__init__.py documents them); each is
// turned into the text the command line would have seen and goes through
// the same table (pipeline/options.h), so names, defaults and checks are
// the command line's.
//
// The GIL is released while C++ works: cleaning one document, waiting for
// and committing a batch of clean_many, a whole clean_files run (progress
// callbacks take it back for the call). Errors become Python exceptions
// with the library's message: ValueError for options and bad values,
// OSError for files (not found, permissions, unreadable, disk full),
// RuntimeError otherwise.
//
// Thread-safety: a Cleaner is immutable after construction and keeps a pool
// of per-document cleaners behind a mutex, so any number of Python threads
// may call clean()/explain() on one Cleaner at once. A clean_many stream is
// for one consumer at a time (a second thread calling next() meanwhile
// gets RuntimeError, as a generator would).

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <atomic>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "winnow/base/strings.h"
#include "winnow/clean/line_frequency.h"
#include "winnow/pipeline/batches.h"
#include "winnow/pipeline/cleaner.h"
#include "winnow/pipeline/options.h"
#include "winnow/pipeline/run.h"

namespace py = pybind11;

namespace winnow {
namespace {

// Raises the Python exception that matches `status` (see the file comment).
[[noreturn]] void Raise(const absl::Status& status) {
  const std::string message(status.message());
  switch (status.code()) {
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kOutOfRange:
      throw py::value_error(message);
    case absl::StatusCode::kNotFound:
    case absl::StatusCode::kPermissionDenied:
    case absl::StatusCode::kAlreadyExists:
    case absl::StatusCode::kUnavailable:
    case absl::StatusCode::kDataLoss:
      PyErr_SetString(PyExc_OSError, message.c_str());
      throw py::error_already_set();
    default:
      throw std::runtime_error(message);
  }
}

// The text a command line would hold for a Python value of option `spec`.
std::string OptionText(const CleanOption& spec, const std::string& py_name,
                       const py::handle& value) {
  auto bad = [&](std::string_view expected) {
    throw py::value_error(absl::StrCat(py_name, "=", std::string(py::repr(value)),
                                       ": expected ", ToAbsl(expected)));
  };
  if (value.is_none()) return std::string(spec.default_value);
  const bool is_bool = py::isinstance<py::bool_>(value);
  switch (spec.kind) {
    case OptionKind::kFlag:
      if (!is_bool) bad("True or False");
      return value.cast<bool>() ? "true" : "false";
    case OptionKind::kInt:
      if (is_bool || !py::isinstance<py::int_>(value)) bad("an int");
      return std::string(py::str(value));
    case OptionKind::kFloat:
      if (is_bool || !(py::isinstance<py::int_>(value) || py::isinstance<py::float_>(value))) {
        bad("a number");
      }
      return std::string(py::repr(py::float_(py::reinterpret_borrow<py::object>(value))));
    case OptionKind::kSize:
      if (is_bool) bad("a size (an int of bytes, or text such as \"4G\")");
      if (py::isinstance<py::int_>(value)) return std::string(py::str(value));
      if (!py::isinstance<py::str>(value)) bad("a size (an int of bytes, or text such as \"4G\")");
      return value.cast<std::string>();
    case OptionKind::kText:
      if (py::isinstance<py::str>(value)) return value.cast<std::string>();
      if (py::hasattr(value, "__fspath__")) {  // os.PathLike, for paths
        return py::str(value.attr("__fspath__")()).cast<std::string>();
      }
      // Lists ("stages", "normalize") may come as a sequence of names.
      if ((spec.name == "stages" || spec.name == "normalize") &&
          (py::isinstance<py::list>(value) || py::isinstance<py::tuple>(value))) {
        std::string joined;
        for (const py::handle item : value) {
          if (!py::isinstance<py::str>(item)) bad("a str or a list of str");
          absl::StrAppend(&joined, joined.empty() ? "" : ",", item.cast<std::string>());
        }
        return joined.empty() ? "none" : joined;
      }
      bad("a str");
  }
  bad("a value");
  return {};
}

// RunOptions from {python_name: value}, applied in table order as the
// command line applies them. Unless `files`, options of runs over files
// (OptionScope::kFiles) are refused: a Cleaner reads no files.
RunOptions OptionsFrom(const py::dict& given, bool files) {
  RunOptions options = DefaultRunOptions();
  std::vector<std::pair<const CleanOption*, py::handle>> found;
  for (const auto& [key, value] : given) {
    const std::string py_name = py::str(key);
    std::string name = py_name;
    for (char& c : name) c = c == '_' ? '-' : c;
    const CleanOption* spec = FindCleanOption(name);
    if (spec == nullptr || py_name.find('-') != std::string::npos) {
      std::string known;
      for (const CleanOption& o : CleanOptionTable()) {
        if (!files && o.scope == OptionScope::kFiles) continue;
        std::string n(o.name);
        for (char& c : n) c = c == '-' ? '_' : c;
        absl::StrAppend(&known, known.empty() ? "" : ", ", n);
      }
      throw py::value_error(
          absl::StrCat(py_name, ": unknown option (options: ", known, ")"));
    }
    if (!files && spec->scope == OptionScope::kFiles) {
      throw py::value_error(absl::StrCat(
          py_name, ": applies to runs over files (winnow.clean_files), not to a Cleaner"));
    }
    found.emplace_back(spec, value);
  }
  for (const CleanOption& o : CleanOptionTable()) {
    for (const auto& [spec, value] : found) {
      if (spec != &o) continue;
      std::string py_name(o.name);
      for (char& c : py_name) c = c == '-' ? '_' : c;
      const std::string text = OptionText(o, py_name, value);
      if (absl::Status s = SetCleanOption(o.name, text, &options); !s.ok()) {
        throw py::value_error(absl::StrCat(py_name, "=", std::string(py::repr(value)), ": ",
                                           s.message()));
      }
    }
  }
  return options;
}

// UTF-8 of a str without an intermediate object (the str caches it).
std::string_view Utf8(const py::handle& s) {
  Py_ssize_t size = 0;
  const char* data = PyUnicode_AsUTF8AndSize(s.ptr(), &size);
  if (data == nullptr) throw py::error_already_set();
  return std::string_view(data, static_cast<size_t>(size));
}

py::str ToStr(std::string_view s) {
  PyObject* o = PyUnicode_DecodeUTF8(s.data(), static_cast<Py_ssize_t>(s.size()), "strict");
  if (o == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::str>(o);
}

// Line frequencies over a stream of documents: the command line's first
// pass (pipeline/evidence.h), for clean_many.
class LineEvidence {
 public:
  explicit LineEvidence(std::unique_ptr<LineFrequencies> frequencies)
      : frequencies_(std::move(frequencies)) {}
  const LineFrequencies* get() const { return frequencies_.get(); }
  uint64_t documents() const { return frequencies_->documents(); }
  size_t distinct_lines() const { return frequencies_->distinct_lines(); }
  bool saturated() const { return frequencies_->saturated(); }

 private:
  std::unique_ptr<LineFrequencies> frequencies_;
};

// What clean_many takes: a str, or a dict with the text (and maybe the id).
struct ItemText {
  std::string_view text;
  bool is_dict = false;
};

// Raises a Python exception of type `type` (set as the error indicator, so
// that callers handle every failure as py::error_already_set).
[[noreturn]] void Throw(PyObject* type, const std::string& message) {
  PyErr_SetString(type, message.c_str());
  throw py::error_already_set();
}

ItemText TextOf(const py::handle& item, const py::str& text_field) {
  if (py::isinstance<py::str>(item)) return {Utf8(item), false};
  if (py::isinstance<py::dict>(item)) {
    PyObject* text = PyDict_GetItemWithError(item.ptr(), text_field.ptr());
    if (text == nullptr) {
      if (PyErr_Occurred()) throw py::error_already_set();
      Throw(PyExc_KeyError, absl::StrCat("document has no \"", std::string(text_field),
                                         "\" field (text_field)"));
    }
    if (!PyUnicode_Check(text)) {
      Throw(PyExc_TypeError, absl::StrCat("document field \"", std::string(text_field),
                                          "\" is not a str"));
    }
    return {Utf8(text), true};
  }
  Throw(PyExc_TypeError,
        absl::StrCat("clean_many takes str or dict items, not ",
                     std::string(py::str(item.get_type().attr("__name__")))));
}

// One clean_many call: documents pulled from a Python iterator in batches,
// prepared on the library's worker threads (pipeline/batches.h), committed
// through one CorpusStage in input order, handed back one by one.
class CleanStream {
 public:
  CleanStream(const RunOptions& options, py::iterator items, py::object evidence_owner,
              const LineFrequencies* evidence)
      : options_(options),
        items_(std::move(items)),
        evidence_owner_(std::move(evidence_owner)),
        text_field_(options.text_field) {
    options_.cleaner.boilerplate.line_frequencies = evidence;
    if (std::find(options_.cleaner.stages.begin(), options_.cleaner.stages.end(),
                  StageId::kCorpus) != options_.cleaner.stages.end()) {
      corpus_ = std::make_unique<CorpusStage>(options_.cleaner.corpus);
    }
    pool_ = std::make_unique<BatchCleaner>(options_.cleaner, options_.threads);
  }

  ~CleanStream() {
    // Workers may still hold batches: stop them without the GIL.
    py::gil_scoped_release release;
    pool_.reset();
  }

  py::object Next() {
    std::unique_lock<std::mutex> busy(busy_, std::try_to_lock);
    if (!busy.owns_lock()) {
      throw std::runtime_error("this clean_many iterator is already running in another thread");
    }
    while (ready_.empty()) {
      if (!failure_.ok()) Raise(failure_);
      // Keep the workers busy: submit batches until the pool is full.
      while (!exhausted_ && pool_->in_flight() < pool_->max_in_flight()) SubmitOne();
      if (pool_->in_flight() == 0) {
        // The documents before a failure of the caller's iterable (or a bad
        // item) were yielded; now its exception, then the end, as a
        // generator does.
        if (items_error_ != nullptr) {
          std::unique_ptr<py::error_already_set> error = std::move(items_error_);
          throw std::move(*error);
        }
        throw py::stop_iteration();
      }
      CommitOne();
    }
    py::object out = std::move(ready_.front());
    ready_.pop_front();
    return out;
  }

 private:
  void SubmitOne() {
    DocumentBatch* batch = pool_->NewBatch();
    std::vector<py::object> originals;
    const size_t max_docs = std::max<size_t>(1, options_.batch_docs);
    const size_t max_bytes = std::max<size_t>(1, options_.batch_bytes);
    try {
      while (!batch->full(max_docs, max_bytes)) {
        PyObject* next = PyIter_Next(items_.ptr());
        if (next == nullptr) {
          if (PyErr_Occurred()) throw py::error_already_set();
          exhausted_ = true;
          break;
        }
        py::object item = py::reinterpret_steal<py::object>(next);
        const ItemText text = TextOf(item, text_field_);
        DocumentSlot* slot = batch->Slot();
        slot->doc.text.assign(text.text);
        slot->doc.ordinal = next_ordinal_++;
        batch->Added();
        originals.push_back(std::move(item));
      }
    } catch (py::error_already_set& e) {
      // Clean what came before; raise once those are yielded (Next).
      items_error_ = std::make_unique<py::error_already_set>(std::move(e));
      exhausted_ = true;
    }
    {
      py::gil_scoped_release release;
      pool_->Submit(batch);
    }
    originals_.push_back(std::move(originals));
  }

  void CommitOne() {
    DocumentBatch* batch = nullptr;
    absl::Status status;
    {
      py::gil_scoped_release release;
      batch = pool_->NextPrepared();
      if (clean_.size() < batch->size()) clean_.resize(batch->size());
      for (size_t i = 0; i < batch->size(); ++i) {
        DocumentSlot& slot = (*batch)[i];
        if (corpus_ != nullptr) corpus_->Commit(&slot.ctx, slot.digest);
        slot.ctx.Apply(&clean_[i]);
      }
      if (corpus_ != nullptr) status = corpus_->status();
    }
    std::vector<py::object> originals = std::move(originals_.front());
    originals_.pop_front();
    const size_t n = batch->size();
    pool_->Recycle(batch);
    if (!status.ok()) {
      failure_ = status;
      Raise(status);
    }
    for (size_t i = 0; i < n; ++i) {
      py::str text = ToStr(clean_[i]);
      if (!py::isinstance<py::dict>(originals[i])) {
        ready_.push_back(std::move(text));
        continue;
      }
      // The record as it came, with only the text replaced (as the
      // command line writes JSONL).
      py::dict copy = py::reinterpret_steal<py::dict>(PyDict_Copy(originals[i].ptr()));
      copy[text_field_] = text;
      ready_.push_back(std::move(copy));
    }
  }

  RunOptions options_;
  py::iterator items_;
  py::object evidence_owner_;  // keeps the LineEvidence alive
  py::str text_field_;
  std::unique_ptr<BatchCleaner> pool_;
  std::unique_ptr<CorpusStage> corpus_;
  std::deque<std::vector<py::object>> originals_;  // per batch in flight
  std::deque<py::object> ready_;
  std::vector<std::string> clean_;
  absl::Status failure_;  // the corpus stage failed: every later call raises it
  std::unique_ptr<py::error_already_set> items_error_;  // raised by the iterable
  uint64_t next_ordinal_ = 0;
  bool exhausted_ = false;
  std::mutex busy_;
};

class PyCleaner {
 public:
  explicit PyCleaner(const py::dict& options) : options_(OptionsFrom(options, /*files=*/false)) {
    has_corpus_ = std::find(options_.cleaner.stages.begin(), options_.cleaner.stages.end(),
                            StageId::kCorpus) != options_.cleaner.stages.end();
  }

  py::str Clean(const py::str& text) {
    const std::string_view in = Utf8(text);
    std::string out;
    {
      py::gil_scoped_release release;
      One(in, [&](const DocumentContext& ctx) { ctx.Apply(&out); });
    }
    return ToStr(out);
  }

  // The removals as --annotate writes them (a JSON array; the Python side
  // parses it, so the two cannot disagree).
  py::str ExplainJson(const py::str& text) {
    const std::string_view in = Utf8(text);
    std::string out;
    {
      py::gil_scoped_release release;
      One(in, [&](const DocumentContext& ctx) { AppendRemovalsJson(in, ctx.removals(), &out); });
    }
    return ToStr(out);
  }

  std::unique_ptr<CleanStream> CleanMany(const py::iterable& items, const py::object& evidence) {
    const LineFrequencies* frequencies = nullptr;
    if (!evidence.is_none()) frequencies = evidence.cast<const LineEvidence&>().get();
    return std::make_unique<CleanStream>(options_, py::iter(items), evidence, frequencies);
  }

  std::unique_ptr<LineEvidence> CountLines(const py::iterable& items) {
    auto frequencies = std::make_unique<LineFrequencies>(options_.line_memory_bytes);
    const py::str text_field(options_.text_field);
    LineKeyer keyer;
    DocumentLineKeys keys;
    std::vector<std::string> texts;
    auto flush = [&] {
      py::gil_scoped_release release;
      for (const std::string& t : texts) {
        keyer.Keys(t, &keys);
        frequencies->AddKeys(keys);
      }
      texts.clear();
    };
    for (const py::handle item : items) {
      texts.emplace_back(TextOf(item, text_field).text);
      if (texts.size() >= 256) flush();
    }
    flush();
    frequencies->Prune(options_.cleaner.boilerplate.frequent_line_min_docs);
    return std::make_unique<LineEvidence>(std::move(frequencies));
  }

  int threads() const { return options_.threads; }

 private:
  // Cleans one document as a run of its own (the corpus stage sees only
  // this document) and hands the context to `use`. GIL released.
  template <typename Use>
  void One(std::string_view text, Use use) {
    std::unique_ptr<DocumentCleaner> local;
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (!free_.empty()) {
        local = std::move(free_.back());
        free_.pop_back();
      }
    }
    if (local == nullptr) local = std::make_unique<DocumentCleaner>(options_.cleaner);
    DocumentContext ctx;
    CorpusDigest digest;
    local->Prepare(text, 0, &ctx, &digest);
    absl::Status status;
    if (has_corpus_) {
      CorpusStage corpus(options_.cleaner.corpus);
      corpus.Commit(&ctx, digest);
      status = corpus.status();
    }
    if (status.ok()) use(ctx);
    {
      std::lock_guard<std::mutex> lock(mu_);
      free_.push_back(std::move(local));
    }
    if (!status.ok()) {
      py::gil_scoped_acquire acquire;
      Raise(status);
    }
  }

  const RunOptions options_;
  bool has_corpus_ = false;
  std::mutex mu_;
  std::vector<std::unique_ptr<DocumentCleaner>> free_;  // guarded by mu_
};

// clean_files: RunClean with a progress callback.
class PyObserver : public RunObserver {
 public:
  PyObserver(py::object progress, std::atomic<bool>* cancel)
      : progress_(std::move(progress)), cancel_(cancel) {}
  void OnProgress(const RunStats& stats) override {
    py::gil_scoped_acquire acquire;
    if (error_) return;
    try {
      if (PyErr_CheckSignals() != 0) throw py::error_already_set();
      if (!progress_.is_none()) {
        py::dict d;
        d["docs"] = stats.docs_in;
        d["text_bytes"] = stats.bytes_in;
        d["input_bytes"] = stats.input_bytes_read;
        d["total_input_bytes"] = stats.total_input_bytes;
        progress_(d);
      }
    } catch (py::error_already_set& e) {
      error_ = std::make_unique<py::error_already_set>(std::move(e));
      cancel_->store(true);
    }
  }
  // The exception the callback (or Ctrl-C) raised, if any.
  std::unique_ptr<py::error_already_set> error_;

 private:
  py::object progress_;
  std::atomic<bool>* cancel_;
};

py::str CleanFiles(const std::vector<std::string>& inputs, const std::string& output,
                   const py::dict& options, const py::object& progress) {
  RunOptions run = OptionsFrom(options, /*files=*/true);
  run.inputs = inputs;
  run.output = output;
  std::atomic<bool> cancel{false};
  run.cancel = &cancel;
  PyObserver observer(progress, &cancel);
  absl::StatusOr<RunStats> stats;
  {
    py::gil_scoped_release release;
    stats = RunClean(run, &observer);
  }
  if (observer.error_ != nullptr) throw std::move(*observer.error_);
  if (!stats.ok()) Raise(stats.status());
  return ToStr(StatsToJson(*stats, "winnow clean_files", WINNOW_VERSION));
}

py::list OptionTable() {
  py::list out;
  for (const CleanOption& o : CleanOptionTable()) {
    std::string name(o.name);
    for (char& c : name) c = c == '-' ? '_' : c;
    const char* kind = "str";
    switch (o.kind) {
      case OptionKind::kText: kind = "str"; break;
      case OptionKind::kInt: kind = "int"; break;
      case OptionKind::kFloat: kind = "float"; break;
      case OptionKind::kFlag: kind = "bool"; break;
      case OptionKind::kSize: kind = "size"; break;
    }
    out.append(py::make_tuple(name, kind, o.scope == OptionScope::kFiles ? "files" : "cleaning",
                              std::string(o.default_value), std::string(o.help)));
  }
  return out;
}

}  // namespace
}  // namespace winnow

PYBIND11_MODULE(_winnow, m) {
  using namespace winnow;
  m.doc() = "winnow's C++ core; use the `winnow` package, not this module.";
  m.attr("__version__") = WINNOW_VERSION;
  m.def("option_table", &OptionTable,
        "The options as (name, kind, scope, default, help) tuples, in --help order.");
  py::class_<LineEvidence>(
      m, "LineEvidence",
      "Line frequencies over a set of documents (the command line's first pass).\n\n"
      "Made by Cleaner.line_evidence(); pass it to Cleaner.clean_many() as evidence= so\n"
      "that the boilerplate stage's frequent_line rule sees in how many documents each\n"
      "line occurs. Properties: documents (counted; copies of earlier documents are\n"
      "not), distinct_lines (kept after pruning the rare ones), saturated (True when\n"
      "the memory budget stopped new lines from being counted).")
      .def_property_readonly("documents", &LineEvidence::documents)
      .def_property_readonly("distinct_lines", &LineEvidence::distinct_lines)
      .def_property_readonly("saturated", &LineEvidence::saturated);
  py::class_<CleanStream>(m, "CleanStream",
                          "The iterator Cleaner.clean_many() returns (see there).")
      .def("__iter__", [](py::object self) { return self; })
      .def("__next__", &CleanStream::Next);
  py::class_<PyCleaner>(m, "Cleaner")
      .def(py::init<const py::dict&>(), py::arg("options"))
      .def("clean", &PyCleaner::Clean, py::arg("text"))
      .def("explain_json", &PyCleaner::ExplainJson, py::arg("text"))
      .def("clean_many", &PyCleaner::CleanMany, py::arg("items"),
           py::arg("evidence") = py::none())
      .def("count_lines", &PyCleaner::CountLines, py::arg("items"))
      .def_property_readonly("threads", &PyCleaner::threads);
  m.def("clean_files", &CleanFiles, py::arg("inputs"), py::arg("output"), py::arg("options"),
        py::arg("progress") = py::none());
}
