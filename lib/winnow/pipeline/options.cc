#include "winnow/pipeline/options.h"

#include <algorithm>
#include <cstdlib>
#include <string>
#include <thread>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "winnow/base/strings.h"
#include "winnow/formats/reader.h"

namespace winnow {
namespace {

constexpr int kMaxThreads = 256;

absl::Status Invalid(std::string_view value, std::string_view expected) {
  return absl::InvalidArgumentError(
      absl::StrCat("\"", ToAbsl(value), "\" is not ", ToAbsl(expected)));
}

absl::StatusOr<int64_t> ParseInt(std::string_view value, int64_t lo, int64_t hi,
                                 std::string_view expected) {
  int64_t n = 0;
  if (!absl::SimpleAtoi(ToAbsl(value), &n) || n < lo || n > hi) return Invalid(value, expected);
  return n;
}

absl::StatusOr<double> ParseUnit(std::string_view value) {
  double x = 0;
  if (!absl::SimpleAtod(ToAbsl(value), &x) || !(x >= 0.0 && x <= 1.0)) {
    return Invalid(value, "a number from 0 to 1");
  }
  return x;
}

absl::StatusOr<bool> ParseFlag(std::string_view value) {
  if (value == "true" || value == "1") return true;
  if (value == "false" || value == "0") return false;
  return Invalid(value, "true or false");
}

}  // namespace

const std::vector<CleanOption>& CleanOptionTable() {
  using K = OptionKind;
  using S = OptionScope;
  static const std::vector<CleanOption>* const table = new std::vector<CleanOption>{
      {"format", "f", K::kText, S::kFiles, "auto", "F",
       "Input format: auto (by extension; stdin: text), text, jsonl, wet"},
      {"stages", "", K::kText, S::kCleaning, "all", "LIST",
       "Comma-separated stages to run: boilerplate, repeats, corpus (across documents), all"},
      {"text-field", "", K::kText, S::kCleaning, "text", "NAME",
       "JSONL field holding the text"},
      {"id-field", "", K::kText, S::kCleaning, "id", "NAME",
       "JSONL field holding the document id (string or number)"},
      {"max-document-bytes", "", K::kInt, S::kFiles, "67108864", "BYTES",
       "Largest record read, in bytes (a text file, a JSONL line, a WET body); larger ones "
       "are rejected, counted and read past without being held (default 64 MiB)"},
      {"on-error", "", K::kText, S::kFiles, "skip", "MODE",
       "Malformed records: skip (report, count, go on) or fail (stop, exit 1)"},
      {"rejects", "", K::kText, S::kFiles, "", "PATH",
       "Write every rejected record to PATH as JSONL {source,line,offset,error,raw}"},
      {"resume", "", K::kFlag, S::kFiles, "false", "",
       "Skip inputs whose output is already complete (needs -o)"},
      {"annotate", "", K::kFlag, S::kFiles, "false", "",
       "Keep all text and add \"winnow_removed\" (spans as byte and code point offsets, "
       "stage, rule) to each JSONL record; text and WET inputs are written as JSONL"},
      {"threads", "j", K::kInt, S::kCleaning, "", "N",
       "Threads for the per-document stages, the reading thread among them (default: all "
       "cores); the output never depends on this"},
      {"memory", "", K::kSize, S::kCleaning, "4G", "SIZE",
       "Memory for corpus state: the line counts of the first pass get a quarter, the corpus "
       "stage's index the rest (suffix K, M, G); a run whose index cannot fit stops before "
       "writing anything"},
      {"normalize", "", K::kText, S::kCleaning, "nfkc,casefold,digits", "LIST",
       "How words are compared by the repeats and corpus stages: a comma-separated set of "
       "nfkc, casefold, digits (every digit -> 0), accents (strip them); 'none' for bytes as "
       "they are"},
      {"tmp-dir", "", K::kText, S::kCleaning, "", "DIR",
       "Folder for the corpus stage's temporary file of shingle sets (unlinked at once; "
       "default: $TMPDIR or /tmp)"},
      {"repeat-similarity", "", K::kFloat, S::kCleaning, "0.6", "X",
       "repeats: score (0-1) at which two sentences or paragraphs match: weighted word "
       "overlap and length ratio, less penalties for an added clause or a changed number"},
      {"repeat-coverage", "", K::kFloat, S::kCleaning, "0.8", "X",
       "repeats: share of a paragraph's words (0-1) in matching sentences for the paragraph "
       "to go"},
      {"repeat-structural-copies", "", K::kInt, S::kCleaning, "3", "N",
       "repeats: a text with this many copies or near-copies in a document is structure "
       "(questions, table rows, templates) and stays; 0: no limit"},
      {"sentence-span", "", K::kInt, S::kCleaning, "3", "N",
       "corpus: remove a run of this many or more consecutive sentences that an earlier "
       "document also has; first copy stays; 0: off"},
      {"sentence-span-in-document", "", K::kFlag, S::kCleaning, "false", "",
       "corpus: --sentence-span also removes runs repeated inside one document (as datatrove "
       "does; default off: quoted posts and the like stay)"},
  };
  return *table;
}

const CleanOption* FindCleanOption(std::string_view name) {
  for (const CleanOption& option : CleanOptionTable()) {
    if (option.name == name) return &option;
  }
  return nullptr;
}

absl::StatusOr<size_t> ParseSize(std::string_view text) {
  const std::string copy(text);  // strtod needs a terminator
  char* end = nullptr;
  const double value = std::strtod(copy.c_str(), &end);
  double scale = 1;
  std::string_view unit(end);
  if (unit.size() == 2 && (unit[1] == 'B' || unit[1] == 'b')) unit.remove_suffix(1);
  if (unit == "K" || unit == "k") scale = 1024.0;
  if (unit == "M" || unit == "m") scale = 1024.0 * 1024;
  if (unit == "G" || unit == "g") scale = 1024.0 * 1024 * 1024;
  if (unit == "T" || unit == "t") scale = 1024.0 * 1024 * 1024 * 1024;
  if (end == copy.c_str() || !(value > 0) || (!unit.empty() && scale == 1) ||
      value * scale > 1e18) {
    return absl::InvalidArgumentError(
        absl::StrCat("\"", copy, "\" is not a size (e.g. 512M, 4G)"));
  }
  return static_cast<size_t>(value * scale);
}

absl::StatusOr<NormalizerOptions> ParseNormalize(std::string_view list) {
  NormalizerOptions o{.nfkc = false, .case_fold = false, .digits_to_zero = false,
                      .strip_accents = false};
  for (absl::string_view part : absl::StrSplit(ToAbsl(list), ',', absl::SkipEmpty())) {
    if (part == "nfkc") {
      o.nfkc = true;
    } else if (part == "casefold") {
      o.case_fold = true;
    } else if (part == "digits") {
      o.digits_to_zero = true;
    } else if (part == "accents") {
      o.strip_accents = true;
    } else if (part != "none") {
      return absl::InvalidArgumentError(absl::StrCat(
          "unknown \"", part, "\" (expected nfkc, casefold, digits, accents or none)"));
    }
  }
  return o;
}

absl::Status SetCleanOption(std::string_view name, std::string_view value,
                            RunOptions* options) {
  CleanerOptions& c = options->cleaner;
  if (name == "format") {
    if (value == "auto") {
      options->format.reset();
      return absl::OkStatus();
    }
    auto format = ParseFormat(value);
    if (!format.ok()) return Invalid(value, "a format (auto, text, jsonl, wet)");
    options->format = *format;
  } else if (name == "stages") {
    auto stages = ParseStages(value);
    if (!stages.ok()) return stages.status();
    c.stages = *std::move(stages);
  } else if (name == "text-field" || name == "id-field") {
    if (value.empty()) return absl::InvalidArgumentError("a field name cannot be empty");
    (name == "text-field" ? options->text_field : options->id_field) = std::string(value);
  } else if (name == "max-document-bytes") {
    auto n = ParseInt(value, 1, static_cast<int64_t>(kMaxDocumentBytes),
                      absl::StrCat("a number of bytes from 1 to ", kMaxDocumentBytes));
    if (!n.ok()) return n.status();
    options->max_document_bytes = static_cast<size_t>(*n);
  } else if (name == "on-error") {
    if (value != "skip" && value != "fail") return Invalid(value, "skip or fail");
    options->on_error = value == "fail" ? OnError::kFail : OnError::kSkip;
  } else if (name == "rejects") {
    options->rejects_path = std::string(value);
  } else if (name == "resume" || name == "annotate" || name == "sentence-span-in-document") {
    auto flag = ParseFlag(value);
    if (!flag.ok()) return flag.status();
    (name == "resume"     ? options->resume
     : name == "annotate" ? options->annotate
                          : c.corpus.sentence_span_in_document) = *flag;
  } else if (name == "threads") {
    if (value.empty()) {  // the default: every core
      options->threads =
          static_cast<int>(std::clamp(std::thread::hardware_concurrency(), 1u, 256u));
      return absl::OkStatus();
    }
    auto n = ParseInt(value, 1, int64_t{1} << 31, "a number of threads (1 or more)");
    if (!n.ok()) return n.status();
    options->threads = static_cast<int>(std::min<int64_t>(*n, kMaxThreads));
  } else if (name == "memory") {
    auto bytes = ParseSize(value);
    if (!bytes.ok()) return bytes.status();
    options->memory_bytes = *bytes;
    options->line_memory_bytes = *bytes / 4;
    c.corpus.memory_budget_bytes = *bytes - *bytes / 4;
  } else if (name == "normalize") {
    auto normalizer = ParseNormalize(value);
    if (!normalizer.ok()) return normalizer.status();
    c.repeats.normalizer = *normalizer;
    c.corpus.normalizer = *normalizer;
  } else if (name == "tmp-dir") {
    std::string dir(value);
    if (dir.empty()) {
      const char* env = std::getenv("TMPDIR");
      dir = env != nullptr && *env != '\0' ? env : "/tmp";
    }
    c.corpus.spill_dir = dir;
  } else if (name == "repeat-similarity" || name == "repeat-coverage") {
    auto x = ParseUnit(value);
    if (!x.ok()) return x.status();
    (name == "repeat-similarity" ? c.repeats.similarity : c.repeats.coverage) = *x;
  } else if (name == "repeat-structural-copies" || name == "sentence-span") {
    auto n = ParseInt(value, 0, 1 << 30, "a whole number, 0 or more");
    if (!n.ok()) return n.status();
    (name == "sentence-span" ? c.corpus.sentence_span : c.repeats.structural_copies) =
        static_cast<int>(*n);
  } else {
    return absl::NotFoundError(absl::StrCat("unknown option \"", ToAbsl(name), "\""));
  }
  return absl::OkStatus();
}

RunOptions DefaultRunOptions() {
  RunOptions options;
  for (const CleanOption& option : CleanOptionTable()) {
    const absl::Status status = SetCleanOption(option.name, option.default_value, &options);
    (void)status;  // the defaults are valid (tests/pipeline/options_test.cc)
  }
  return options;
}

}  // namespace winnow
