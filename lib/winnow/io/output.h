// Byte streams out: stdout, or files written atomically, optionally
// compressed by extension (".gz", ".zst").
//
//   WINNOW_ASSIGN_OR_RETURN(auto out, OutputFile::Create("clean.jsonl.zst"));
//   WINNOW_RETURN_IF_ERROR(out->Write(bytes));
//   WINNOW_RETURN_IF_ERROR(out->Commit());   // renames into place
//
// A file is written to a temporary name beside the final one
// (".<name>.winnow-tmp-<pid>") and renamed only by Commit(), after its data
// reached the disk. Destroying an OutputFile without Commit() removes the
// temporary file, so a failed or interrupted run never leaves a file at the
// final name that looks complete. "-" writes to stdout (no rename; Commit()
// flushes).
//
// Not thread-safe.

#ifndef WINNOW_IO_OUTPUT_H_
#define WINNOW_IO_OUTPUT_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace winnow {

class OutputFile {
 public:
  // Opens `path` for writing ("-" = stdout). The parent folder must exist.
  static absl::StatusOr<std::unique_ptr<OutputFile>> Create(const std::string& path);

  virtual ~OutputFile() = default;

  virtual absl::Status Write(std::string_view bytes) = 0;

  // Finishes the stream (compression trailer, flush, fsync) and renames the
  // temporary file to the final name. No writes after Commit().
  virtual absl::Status Commit() = 0;

  const std::string& path() const { return path_; }
  // Uncompressed bytes written so far.
  uint64_t bytes_written() const { return bytes_written_; }

 protected:
  explicit OutputFile(std::string path) : path_(std::move(path)) {}
  std::string path_;
  uint64_t bytes_written_ = 0;
};

}  // namespace winnow

#endif  // WINNOW_IO_OUTPUT_H_
