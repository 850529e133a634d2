// Readers that turn an input file into Documents.
//
//   ReaderOptions opts;
//   opts.on_reject = [&](const Reject& r) { log(r.source, r.line, r.message); };
//   WINNOW_ASSIGN_OR_RETURN(auto reader, DocumentReader::Open(path, Format::kJsonl, opts));
//   Document doc;
//   while (reader->Next(&doc)) { ... }
//   WINNOW_RETURN_IF_ERROR(reader->status());
//
// A malformed *record* is passed to on_reject with its file, line, byte
// offset and raw bytes, counted, and skipped: Next() goes on with the
// following record. Malformed records are: a JSONL line that is not a JSON
// object, lacks the text field, or is not valid UTF-8; a text file that is
// not valid UTF-8 (the whole file is the record); a WET record whose headers
// are broken (no "WARC/" version line, a header line without ':', no or a
// bad Content-Length, or one above max_document_bytes, whose body is then
// skipped unread and not kept in the reject) or that ends before its
// Content-Length, or whose conversion text is not valid UTF-8. A failed *stream* (open or read error,
// truncated or corrupt compression) ends Next() and is reported by
// status(); the bytes read but not yet turned into a record are then in
// unread() and the decompressed offset where reading stopped in offset().
// Blank lines in JSONL carry no record and are skipped.
//
// Size limit (ReaderOptions::max_document_bytes): a text file, a JSONL line
// or a WET Content-Length above it is a malformed record like the others:
// rejected (with only its first 1024 bytes as raw), counted, and read past
// without being held in memory, so one huge record costs at most about twice
// the limit. A WET line outside a body above it makes its record broken.
//
// Text format: the whole file is one Document whose id is the path.
//
// WET format (Common Crawl): WARC/1.0 records, each a version line, header
// lines up to a blank line, and a body of exactly Content-Length bytes. The
// headers are parsed here (no WARC library). Only "conversion" records are
// documents: id = WARC-Record-ID (verbatim, "<urn:uuid:...>"; when absent or empty
// "<source>:<line>"), text = the body, and Document::fields keeps, when
// present, "url" (WARC-Target-URI), "date" (WARC-Date), "language"
// (WARC-Identified-Content-Language), "refers_to" (WARC-Refers-To) and
// "content_type" (Content-Type). Every other record type (warcinfo,
// response, metadata, ...) is skipped and counted in skipped_records().
// After a broken record the reader resynchronises at the next line that
// starts with "WARC/".
//
// Not thread-safe: one reader per thread. simdjson is used only inside
// reader.cc (its DOM parser validates each whole line).

#ifndef WINNOW_FORMATS_READER_H_
#define WINNOW_FORMATS_READER_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "winnow/formats/document.h"
#include "winnow/io/input.h"

namespace winnow {

// A record that could not be read.
struct Reject {
  std::string_view source;   // input name
  uint64_t line = 0;         // 1-based line (0 when not line-based)
  uint64_t offset = 0;       // byte offset of the record in the (decompressed) input
  std::string_view message;  // what is wrong
  std::string_view raw;      // the record's bytes as read
};

inline constexpr size_t kDefaultMaxDocumentBytes = size_t{64} << 20;

struct ReaderOptions {
  std::string text_field = "text";  // JSONL: field that holds the text
  std::string id_field = "id";      // JSONL: field that holds the id (string or number)
  // Larger records are rejected (see the file comment). 64 MiB: far above
  // any real web document (Common Crawl truncates records at 1 MiB), low
  // enough that a run holding one document, its record and its cleaned copy
  // stays well under 1 GB. At most kMaxDocumentBytes (text/segmenter.h).
  size_t max_document_bytes = kDefaultMaxDocumentBytes;
  // For a pass that reads only the text (the run's first pass): a JSONL
  // reader then leaves Document::record and id empty instead of copying the
  // whole line and the id. Which records are read, and their text, source
  // and line, are the same either way; other formats ignore it.
  bool text_only = false;
  // Called for each malformed record; return false to stop reading (the
  // reader then fails with kInvalidArgument naming the record). May be empty
  // (skip and go on).
  std::function<bool(const Reject&)> on_reject;
};

class DocumentReader {
 public:
  // Opens `path` ("-" = stdin) in the given format.
  static absl::StatusOr<std::unique_ptr<DocumentReader>> Open(
      const std::string& path, Format format, const ReaderOptions& options);

  // Reads from an already open stream (tests, fuzzers, stdin).
  static std::unique_ptr<DocumentReader> FromStream(
      std::unique_ptr<InputStream> in, Format format, const ReaderOptions& options);

  virtual ~DocumentReader() = default;

  // Fills *doc with the next document (reusing its buffers). False at the end
  // of the input or on a stream error.
  virtual bool Next(Document* doc) = 0;

  const absl::Status& status() const { return status_; }
  uint64_t rejected() const { return rejected_; }
  // Records that are not documents, by type (WET: "warcinfo", ...).
  const std::map<std::string, uint64_t>& skipped_records() const { return skipped_; }
  // Bytes consumed from the underlying file (compressed size if compressed).
  virtual uint64_t raw_bytes_read() const = 0;
  // After a stream error: bytes read but not part of any record returned
  // (e.g. the incomplete last line); empty otherwise. Lives until the reader.
  virtual std::string_view unread() const = 0;
  // Decompressed byte offset up to which the input was read.
  virtual uint64_t offset() const = 0;
  // Line number where reading stopped (0 when not line-based).
  virtual uint64_t line() const { return 0; }

 protected:
  explicit DocumentReader(const ReaderOptions& options) : options_(options) {}
  // Counts a malformed record; false when the caller wants to stop.
  bool RejectRecord(const Reject& r);

  ReaderOptions options_;
  absl::Status status_;
  uint64_t rejected_ = 0;
  std::map<std::string, uint64_t> skipped_;
};

// One JSONL record's text, parsed exactly as the JSONL DocumentReader parses
// it, for a caller that splits the lines itself (the first pass of a run
// reads raw chunks of a file on worker threads, pipeline/evidence.cc).
//
//   JsonlTextParser parser("text");
//   if (parser.Parse(line, &text, &error)) ...  // else: blank, or *error
//
// Not thread-safe: one per thread.
class JsonlTextParser {
 public:
  explicit JsonlTextParser(std::string text_field);
  ~JsonlTextParser();
  JsonlTextParser(const JsonlTextParser&) = delete;
  JsonlTextParser& operator=(const JsonlTextParser&) = delete;

  // Whether a line (without its "\n") holds a record at all: false for a
  // blank line, which the reader skips without a reject. A final "\r" is
  // dropped from *line.
  static bool HasRecord(std::string_view* line);
  // Parses a line that HasRecord accepted. True with *text (valid until the
  // next call) and [*begin, *end), the text value's bytes in the line, the
  // quotes included; false with *error saying why the record is malformed.
  bool Parse(std::string_view line, std::string_view* text, size_t* begin, size_t* end,
             std::string* error);
  bool Parse(std::string_view line, std::string_view* text, std::string* error) {
    size_t begin = 0;
    size_t end = 0;
    return Parse(line, text, &begin, &end, error);
  }
  // After Parse returned true: sets *id to the record's `field` as an id (a
  // string, or an integer written in decimal), or empty.
  void Id(std::string_view field, std::string* id) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Locates the value of top-level key `key` in `json`, which must be a valid
// JSON object. Sets [*begin, *end) to the value's bytes (for a string, the
// quotes included) and returns true; false when the key is absent. The first
// occurrence wins. Keys are compared as raw (escaped) bytes.
bool FindTopLevelValue(std::string_view json, std::string_view key,
                       size_t* begin, size_t* end);

// The byte offset of the first byte of `s` that is not well-formed UTF-8,
// or s.size() when all of it is.
size_t FirstInvalidUtf8(std::string_view s);

// The simdjson kernel that parses JSONL on this machine ("haswell",
// "fallback", ...), for --version and benchmark reports.
std::string JsonKernelName();

}  // namespace winnow

#endif  // WINNOW_FORMATS_READER_H_
