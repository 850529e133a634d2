// Writers that put cleaned Documents back in their format.
//
//   DocumentWriter writer(Format::kJsonl, out_file);
//   writer.Write(doc, cleaned_text);   // JSONL: record with the text replaced
//   writer.Finish();
//
// JSONL: the record is written as it was read, with only the text field's
// value replaced by the escaped clean text, so every other field passes
// through byte for byte and in order; one record per line.
// A document without a JSONL record (from text or WET input) written as JSONL
// is {"id":..., <Document::fields>..., "text":...}. `extra_members` (JSON
// object members, e.g. "\"winnow_removed\":[...]", for --annotate) are added
// as the record's last members.
// Text: the clean text as it is. Between two documents written to the same
// text output, one blank line separates them (a "\n" is added first when the
// previous document did not end with one).
//
// Not thread-safe; the OutputFile is borrowed and must outlive the writer.

#ifndef WINNOW_FORMATS_WRITER_H_
#define WINNOW_FORMATS_WRITER_H_

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "winnow/formats/document.h"
#include "winnow/io/output.h"

namespace winnow {

class DocumentWriter {
 public:
  DocumentWriter(Format format, OutputFile* out) : format_(format), out_(out) {}

  // `format` kJsonl or kWet writes JSONL; kText writes text.
  absl::Status Write(const Document& doc, std::string_view clean_text,
                     std::string_view extra_members = {});

  // Number of documents written.
  uint64_t documents() const { return documents_; }

 private:
  Format format_;
  OutputFile* out_;
  std::string buffer_;
  uint64_t documents_ = 0;
  bool last_ended_with_newline_ = true;
};

// The JSONL line for `doc` with its text replaced by `text` (no newline).
void AppendJsonlRecord(const Document& doc, std::string_view text, std::string* out,
                       std::string_view extra_members = {});

}  // namespace winnow

#endif  // WINNOW_FORMATS_WRITER_H_
