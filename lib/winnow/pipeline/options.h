// The options of `winnow clean` by name: one table that the command line
// (tools/winnow_main.cc) and the Python binding (python/_winnow.cc) both
// read, so the two accept the same names, values and defaults.
//
//   RunOptions options = DefaultRunOptions();       // every default below
//   WINNOW_RETURN_IF_ERROR(SetCleanOption("sentence-span", "5", &options));
//   WINNOW_RETURN_IF_ERROR(SetCleanOption("normalize", "nfkc,casefold", &options));
//
// Names are the command line's long names without "--" ("sentence-span");
// Python spells them with '_' ("sentence_span"). Values are text, as typed
// on a command line: numbers in decimal, flags "true"/"false", lists
// comma-separated, sizes with an optional K/M/G/T suffix (powers of 1024).
// An invalid value gives kInvalidArgument with a message that does not name
// the option (callers prefix "--name: " or "name="); an unknown name gives
// kNotFound.
//
// The table holds the options that shape a run. Options of the command line
// alone (-o, --stats-json, --report, --progress, -q, -v, the inputs) are not
// in it.
//
// Thread-safety: the table is immutable; SetCleanOption writes only *options.

#ifndef WINNOW_PIPELINE_OPTIONS_H_
#define WINNOW_PIPELINE_OPTIONS_H_

#include <cstddef>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "winnow/pipeline/run.h"
#include "winnow/text/normalizer.h"

namespace winnow {

enum class OptionKind {
  kText,   // any text (a field name, a path)
  kInt,    // a whole number
  kFloat,  // a decimal number
  kFlag,   // "true" or "false"; on the command line a flag without a value
  kSize,   // bytes: "4G", "512M", "65536"
};

// Where an option applies: to cleaning documents (the CLI, and a Python
// Cleaner's clean/explain/clean_many), or only to a run over files (the
// CLI, and Python's clean_files: reading formats, error policy, outputs).
enum class OptionScope { kCleaning, kFiles };

struct CleanOption {
  std::string_view name;           // long name, e.g. "sentence-span"
  std::string_view short_name;     // one letter or "" (command line only)
  OptionKind kind;
  OptionScope scope;
  std::string_view default_value;  // as text; "" = none (see help)
  std::string_view value_name;     // for --help: "N", "LIST", ...
  std::string_view help;           // one line, with the default when it is not a value
};

// Every option, in the order --help lists them.
const std::vector<CleanOption>& CleanOptionTable();

// The entry named `name`, or null.
const CleanOption* FindCleanOption(std::string_view name);

// Parses `value` for option `name` and stores it in *options (see above).
absl::Status SetCleanOption(std::string_view name, std::string_view value,
                            RunOptions* options);

// RunOptions with every option of the table at its default: all stages,
// threads = the machine's cores, --memory 4G (a quarter for the first
// pass's line counts, the rest for the corpus index), --tmp-dir $TMPDIR or
// /tmp, the default normalization.
RunOptions DefaultRunOptions();

// "512M", "4G", "1.5G", "65536": bytes (K, M, G, T are powers of 1024).
absl::StatusOr<size_t> ParseSize(std::string_view text);

// "nfkc,casefold,digits,accents" (any subset) or "none".
absl::StatusOr<NormalizerOptions> ParseNormalize(std::string_view list);

}  // namespace winnow

#endif  // WINNOW_PIPELINE_OPTIONS_H_
