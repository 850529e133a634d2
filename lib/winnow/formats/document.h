// Document: one article as a reader produced it, and the formats winnow knows.
//
// A Document owns its text. For a JSONL record it also keeps the record's
// original bytes and where the text value sits in them, so the writer can
// replace just that value and pass every other field through byte for byte.
//
// Not thread-safe; a Document is a plain value.

#ifndef WINNOW_FORMATS_DOCUMENT_H_
#define WINNOW_FORMATS_DOCUMENT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"

namespace winnow {

enum class Format {
  kText,   // one document per file, the file's bytes
  kJsonl,  // one JSON object per line, the text in a string field
  kWet,    // Common Crawl WET: WARC/1.0 "conversion" records (written as JSONL)
};

// "text" (or "txt"), "jsonl" (or "json", "ndjson") and "wet".
absl::StatusOr<Format> ParseFormat(std::string_view name);
std::string_view FormatName(Format format);

// The format a path implies, after any ".gz"/".zst": ".jsonl", ".json" and
// ".ndjson" are JSONL, ".wet" (".warc.wet") is WET, everything else is text.
Format FormatFromPath(std::string_view path);

// The format documents of `input` are written in: WET becomes JSONL.
inline Format OutputFormatFor(Format input) {
  return input == Format::kWet ? Format::kJsonl : input;
}

struct Document {
  std::string id;      // from --id-field, else "<source>:<line>" or the path
  std::string text;    // the text to clean (unescaped for JSONL)
  std::string source;  // input name, for messages
  uint64_t line = 0;   // 1-based line of a JSONL record; 0 for text files
  uint64_t ordinal = 0;  // position in the whole run's input order

  // JSONL only: the record as read (without its line terminator) and the
  // byte range [text_begin, text_end) of the text field's JSON string value,
  // quotes included.
  std::string record;
  size_t text_begin = 0;
  size_t text_end = 0;

  // Documents without a record (WET): extra string fields written between
  // "id" and "text" when the document is written as JSONL, in this order,
  // e.g. {"url", "https://example.org/"}.
  std::vector<std::pair<std::string, std::string>> fields;
};

}  // namespace winnow

#endif  // WINNOW_FORMATS_DOCUMENT_H_
