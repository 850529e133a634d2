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

#include "absl/status/statusor.h"

namespace winnow {

enum class Format {
  kText,   // one document per file, the file's bytes
  kJsonl,  // one JSON object per line, the text in a string field
};

// "text" (or "txt") and "jsonl" (or "json", "ndjson").
absl::StatusOr<Format> ParseFormat(std::string_view name);
std::string_view FormatName(Format format);

// The format a path implies, after any ".gz"/".zst": ".jsonl", ".json" and
// ".ndjson" are JSONL, everything else is text.
Format FormatFromPath(std::string_view path);

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
};

}  // namespace winnow

#endif  // WINNOW_FORMATS_DOCUMENT_H_
