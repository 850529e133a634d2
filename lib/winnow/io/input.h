// Byte streams in: files, stdin, and gzip or zstd compressed files.
//
//   WINNOW_ASSIGN_OR_RETURN(auto in, OpenInput("shard-0001.jsonl.zst"));
//   LineReader lines(std::move(in));
//   std::string_view line;
//   while (lines.Next(&line)) { ... lines.line_number() ... }
//   WINNOW_RETURN_IF_ERROR(lines.status());
//
// Compression follows the file name: ".gz" is gzip (concatenated members are
// read as one stream), ".zst" is zstd (concatenated frames likewise); "-" is
// standard input, never decompressed. A stream that ends inside a compressed
// member or frame is a kDataLoss error naming the file.
//
// Not thread-safe; one reader per thread. Views returned by LineReader::Next
// live until the next call.

#ifndef WINNOW_IO_INPUT_H_
#define WINNOW_IO_INPUT_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace winnow {

enum class Compression { kNone, kGzip, kZstd };

// The compression a file name implies (".gz", ".zst"; anything else: none).
Compression CompressionFromPath(std::string_view path);

// The path without a compression suffix: "a.jsonl.gz" -> "a.jsonl".
std::string_view StripCompressionSuffix(std::string_view path);

class InputStream {
 public:
  virtual ~InputStream() = default;

  // Reads up to n bytes into buf; returns the count, 0 only at the end.
  virtual absl::StatusOr<size_t> Read(char* buf, size_t n) = 0;

  // The name used in messages ("<stdin>" for standard input).
  const std::string& name() const { return name_; }

  // Bytes read from the underlying file so far (compressed bytes for a
  // compressed file), for progress reports.
  uint64_t raw_bytes_read() const { return raw_bytes_read_; }

 protected:
  explicit InputStream(std::string name) : name_(std::move(name)) {}
  std::string name_;
  uint64_t raw_bytes_read_ = 0;
};

// Opens `path` ("-" for stdin), decompressing by extension.
absl::StatusOr<std::unique_ptr<InputStream>> OpenInput(const std::string& path);

// Wraps an already open stream in a decompressor (for tests and stdin).
std::unique_ptr<InputStream> Decompress(std::unique_ptr<InputStream> raw,
                                        Compression compression);

// An InputStream over bytes in memory (tests, fuzzers).
std::unique_ptr<InputStream> MemoryInput(std::string name, std::string bytes);

// Reads the rest of the stream. Fails with kResourceExhausted past max_bytes.
absl::StatusOr<std::string> ReadAll(InputStream* in, size_t max_bytes);

// Splits a stream into lines without their "\n" (a "\r" before it is kept:
// the caller decides). The last line may lack a terminator.
//
// A line longer than max_line_bytes is returned cut to its first
// max_line_bytes bytes with truncated() true; the rest of it is then read
// past without being kept, so memory stays within about twice
// max_line_bytes whatever the input. Lines after it are read as usual.
class LineReader {
 public:
  explicit LineReader(std::unique_ptr<InputStream> in,
                      size_t max_line_bytes = size_t{1} << 30);

  // Sets *line to the next line; false at the end or on error (see status()).
  bool Next(std::string_view* line);

  // True when the line last returned was cut at max_line_bytes.
  bool truncated() const { return truncated_; }

  // 1-based number of the line last returned.
  uint64_t line_number() const { return line_number_; }
  // Byte offset (in the decompressed stream) where that line starts.
  uint64_t line_offset() const { return line_offset_; }

  // Appends the next n bytes of the stream, whatever they are, to *out
  // (WARC bodies are sized by Content-Length, not by lines). Returns the
  // number appended: less than n only at the end of the stream or on error
  // (see status()). Lines read afterwards continue after those bytes and are
  // numbered as if the bytes had been read as lines.
  size_t ReadBytes(size_t n, std::string* out);

  // Byte offset (in the decompressed stream) of the next unread byte.
  uint64_t offset() const { return consumed_; }

  // Bytes read from the stream but not yet returned: after a stream error,
  // the incomplete last line (so a caller can keep it as a reject).
  std::string_view pending() const {
    return std::string_view(buffer_.data() + begin_, end_ - begin_);
  }

  const absl::Status& status() const { return status_; }
  InputStream& stream() { return *in_; }
  const InputStream& stream() const { return *in_; }

 private:
  bool Fill();
  // Returns the first max_line_bytes_ bytes of the current line.
  bool Cut(std::string_view* line);
  // Reads past the rest of a cut line, its '\n' included.
  bool SkipRestOfLine();

  std::unique_ptr<InputStream> in_;
  size_t max_line_bytes_;
  std::string buffer_;
  size_t begin_ = 0;  // start of unread data in buffer_
  size_t end_ = 0;    // end of valid data in buffer_
  bool eof_ = false;
  bool truncated_ = false;  // the last line returned was cut
  bool skipping_ = false;   // the rest of a cut line is still to be read past
  uint64_t line_number_ = 0;
  uint64_t line_offset_ = 0;
  uint64_t consumed_ = 0;  // stream offset of buffer_[begin_]
  absl::Status status_;
};

}  // namespace winnow

#endif  // WINNOW_IO_INPUT_H_
