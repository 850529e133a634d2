// Fuzzes the JSONL reader (formats/reader.h) on arbitrary bytes.
//
// Invariants beyond survival:
//   - nothing is lost: every line that is not blank is either a document or
//     a reject, once, in order (line numbers strictly increase);
//   - a document's record is exactly its input line (without "\n" and a
//     final "\r"), its text span [text_begin, text_end) lies inside it and is
//     a JSON string (quotes at both ends), and its text is valid UTF-8;
//   - a reject's offset and raw bytes point at its line in the input;
//   - a line longer than max_document_bytes is a reject, not a stream error.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "testing/invariants.h"
#include "winnow/base/check.h"
#include "winnow/formats/reader.h"
#include "winnow/io/input.h"
#include "winnow/text/utf8.h"

namespace {

bool IsJsonBlank(std::string_view line) {
  for (char c : line) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace winnow;
  const std::string input(reinterpret_cast<const char*>(data), size);
  std::vector<std::string_view> lines;  // input lines without "\n"
  std::vector<uint64_t> line_offsets;
  for (size_t start = 0; start < input.size();) {
    size_t nl = input.find('\n', start);
    if (nl == std::string::npos) nl = input.size();
    lines.push_back(std::string_view(input).substr(start, nl - start));
    line_offsets.push_back(start);
    start = nl + 1;
  }

  ReaderOptions options;
  options.max_document_bytes = 512;  // small, so the limit is exercised
  uint64_t last_line = 0;
  uint64_t rejects = 0;
  options.on_reject = [&](const Reject& r) {
    WINNOW_CHECK(r.line > last_line) << "reject line " << r.line << " after " << last_line;
    last_line = r.line;
    WINNOW_CHECK(r.line <= lines.size());
    const std::string_view line = lines[r.line - 1];
    WINNOW_CHECK(r.offset == line_offsets[r.line - 1]) << "reject offset " << r.offset;
    const bool too_long = line.size() > options.max_document_bytes;
    WINNOW_CHECK(too_long || !IsJsonBlank(line)) << "blank line " << r.line << " rejected";
    WINNOW_CHECK(!too_long || r.raw.size() <= 1024);
    // raw is the line, or for an over-long line a prefix of it.
    WINNOW_CHECK(line.substr(0, r.raw.size()) == r.raw) << "reject raw is not its line";
    WINNOW_CHECK(!r.message.empty());
    ++rejects;
    return true;
  };
  auto reader = DocumentReader::FromStream(MemoryInput("fuzz.jsonl", input), Format::kJsonl,
                                           options);
  Document doc;
  uint64_t docs = 0;
  while (reader->Next(&doc)) {
    WINNOW_CHECK(doc.line > last_line) << "document line " << doc.line << " after " << last_line;
    last_line = doc.line;
    WINNOW_CHECK(doc.line <= lines.size());
    std::string_view line = lines[doc.line - 1];
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    WINNOW_CHECK(doc.record == line) << "record is not line " << doc.line;
    WINNOW_CHECK(doc.text_begin < doc.text_end && doc.text_end <= doc.record.size());
    WINNOW_CHECK(doc.text_end - doc.text_begin >= 2);
    WINNOW_CHECK(doc.record[doc.text_begin] == '"' && doc.record[doc.text_end - 1] == '"');
    WINNOW_CHECK(IsValidUtf8(doc.text)) << "document text is not UTF-8";
    WINNOW_CHECK(doc.text.size() <= doc.text_end - doc.text_begin - 2)
        << "unescaped text longer than its JSON string";
    WINNOW_CHECK(!doc.id.empty());
    ++docs;
  }
  WINNOW_CHECK(reader->status().ok()) << reader->status().ToString();
  WINNOW_CHECK(rejects == reader->rejected());
  uint64_t records = 0;
  for (std::string_view line : lines) {
    // A line over the limit is a record whatever it holds: only its start is read.
    records += line.size() > options.max_document_bytes || !IsJsonBlank(line) ? 1 : 0;
  }
  WINNOW_CHECK(docs + rejects == records)
      << docs << " documents + " << rejects << " rejects for " << records << " records";
  WINNOW_CHECK(reader->offset() == input.size());
  return 0;
}
