// Logger: the one place the command-line tools write diagnostics.
//
// stdout carries data only; everything a person should read (errors,
// warnings, rejected records, the run summary) goes to stderr through here.
//
//   Logger log(Verbosity::kNormal);
//   log.Error("input.jsonl:12: invalid JSON");
//   log.Info("wrote out/");
//
// Not thread-safe; tools log from one thread.

#ifndef WINNOW_TOOLS_CLI_LOGGER_H_
#define WINNOW_TOOLS_CLI_LOGGER_H_

#include <string_view>

namespace winnow::cli {

enum class Verbosity { kQuiet = 0, kNormal = 1, kVerbose = 2 };

class Logger {
 public:
  explicit Logger(Verbosity v = Verbosity::kNormal) : verbosity_(v) {}
  void set_verbosity(Verbosity v) { verbosity_ = v; }
  Verbosity verbosity() const { return verbosity_; }

  // Always printed, as "winnow: error: <msg>".
  void Error(std::string_view message) const;
  // Printed unless quiet, as "winnow: warning: <msg>".
  void Warning(std::string_view message) const;
  // Printed unless quiet, as "<msg>".
  void Info(std::string_view message) const;
  // Printed with -v only.
  void Debug(std::string_view message) const;

 private:
  Verbosity verbosity_;
};

}  // namespace winnow::cli

#endif  // WINNOW_TOOLS_CLI_LOGGER_H_
