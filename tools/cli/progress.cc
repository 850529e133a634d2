#include "cli/progress.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include "absl/strings/str_format.h"

namespace winnow::cli {

bool ProgressMeter::ShouldShow(ProgressMode mode) {
  if (mode == ProgressMode::kOn) return true;
  if (mode == ProgressMode::kOff) return false;
  return isatty(STDERR_FILENO) != 0;
}

ProgressMeter::ProgressMeter(bool enabled)
    : enabled_(enabled), start_(std::chrono::steady_clock::now()), next_(start_) {}

void ProgressMeter::Update(const RunStats& stats) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (now < next_) return;
  next_ = now + std::chrono::milliseconds(1000 / kMaxUpdatesPerSecond);
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  const double mb = static_cast<double>(stats.input_bytes_read) / 1e6;
  const double rate = elapsed > 0 ? mb / elapsed : 0;
  std::string line = absl::StrFormat("winnow: %d docs  %.1f MB  %.1f MB/s", stats.docs_in,
                                     mb, rate);
  if (stats.total_input_bytes > 0) {
    const double done = std::min(1.0, static_cast<double>(stats.input_bytes_read) /
                                          static_cast<double>(stats.total_input_bytes));
    absl::StrAppendFormat(&line, "  %.0f%%", 100 * done);
    if (done > 0 && rate > 0) {
      const auto eta = static_cast<int64_t>(elapsed * (1 - done) / done + 0.5);
      absl::StrAppendFormat(&line, "  ETA %d:%02d", eta / 60, eta % 60);
    }
  }
  std::fprintf(stderr, "\r%s\x1b[K", line.c_str());
  std::fflush(stderr);
  shown_ = true;
}

void ProgressMeter::Clear() {
  if (!shown_) return;
  std::fputs("\r\x1b[K", stderr);
  std::fflush(stderr);
  shown_ = false;
}

}  // namespace winnow::cli
