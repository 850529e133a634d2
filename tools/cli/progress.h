// ProgressMeter: one self-overwriting status line on stderr while a run goes.
//
//   ProgressMeter meter(ProgressMeter::ShouldShow(flag));
//   ... observer->OnProgress(stats) calls meter.Update(stats) ...
//   meter.Clear();   // before printing anything else to stderr, and at the end
//
// The line shows documents, input bytes read, MB/s and, when the total input
// size is known (files, not stdin), percent and ETA:
//   "winnow: 1,204 docs  48.1 MB  61.3 MB/s  37%  ETA 0:02"
// Update() reads the clock and redraws at most kMaxUpdatesPerSecond times a
// second; the run only calls it every RunObserver::kProgressEveryDocs
// documents, so the hot loop does no more than count and compare.
//
// Not thread-safe; owned by the tool's main thread.

#ifndef WINNOW_TOOLS_CLI_PROGRESS_H_
#define WINNOW_TOOLS_CLI_PROGRESS_H_

#include <chrono>
#include <cstdint>

#include "winnow/pipeline/run.h"

namespace winnow::cli {

enum class ProgressMode { kAuto, kOn, kOff };

class ProgressMeter {
 public:
  static constexpr int kMaxUpdatesPerSecond = 4;

  // kAuto: shown when stderr is a terminal.
  static bool ShouldShow(ProgressMode mode);

  explicit ProgressMeter(bool enabled);
  ~ProgressMeter() { Clear(); }

  void Update(const RunStats& stats);
  // Erases the line if one is shown (before other stderr output).
  void Clear();

 private:
  bool enabled_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point next_;
};

}  // namespace winnow::cli

#endif  // WINNOW_TOOLS_CLI_PROGRESS_H_
