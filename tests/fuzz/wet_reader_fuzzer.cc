// Fuzzes the WET reader (formats/reader.h) on arbitrary bytes.
//
// Invariants beyond survival:
//   - a document's text is a byte range of the input (a body is copied, not
//     rebuilt), it is valid UTF-8, and no longer than max_document_bytes;
//   - a reject's raw bytes are the input at its offset (the WET reader keeps
//     a record as read), and reject line numbers never go backwards;
//   - documents and rejects come in input order;
//   - the reader reads the input to its end without a stream error (the
//     input is in memory and uncompressed, so no error is a stream error).

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "winnow/base/check.h"
#include "winnow/formats/reader.h"
#include "winnow/io/input.h"
#include "winnow/text/utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace winnow;
  const std::string input(reinterpret_cast<const char*>(data), size);
  ReaderOptions options;
  options.max_document_bytes = 256;  // small, so the limit is exercised
  uint64_t last_line = 0;
  uint64_t last_offset = 0;
  uint64_t rejects = 0;
  options.on_reject = [&](const Reject& r) {
    WINNOW_CHECK(r.line >= 1 && r.line > last_line) << "reject line " << r.line;
    WINNOW_CHECK(r.offset >= last_offset && r.offset <= input.size());
    last_line = r.line;
    last_offset = r.offset;
    WINNOW_CHECK(!r.message.empty());
    // The reader keeps a record's bytes as read ("\r" included), so the raw
    // bytes are the input's at the record's offset; only a record that runs
    // to the end of an input without a final "\n" gains one.
    std::string_view raw = r.raw;
    const std::string_view here = std::string_view(input).substr(r.offset, raw.size());
    if (here != raw && !raw.empty() && raw.back() == '\n' &&
        r.offset + raw.size() - 1 == input.size()) {
      raw.remove_suffix(1);
    }
    WINNOW_CHECK(std::string_view(input).substr(r.offset, raw.size()) == raw)
        << "reject raw bytes are not the input at offset " << r.offset;
    ++rejects;
    return true;
  };
  auto reader = DocumentReader::FromStream(MemoryInput("fuzz.wet", input), Format::kWet,
                                           options);
  Document doc;
  while (reader->Next(&doc)) {
    WINNOW_CHECK(doc.line > last_line) << "document line " << doc.line << " after " << last_line;
    last_line = doc.line;
    WINNOW_CHECK(doc.text.size() <= options.max_document_bytes);
    WINNOW_CHECK(IsValidUtf8(doc.text));
    WINNOW_CHECK(doc.text.empty() || input.find(doc.text) != std::string::npos)
        << "document text is not a range of the input";
    WINNOW_CHECK(!doc.id.empty());
    for (const auto& [name, value] : doc.fields) {
      WINNOW_CHECK(!name.empty());
      WINNOW_CHECK(input.find(value) != std::string::npos) << "field " << name;
    }
  }
  WINNOW_CHECK(reader->status().ok()) << reader->status().ToString();
  WINNOW_CHECK(rejects == reader->rejected());
  WINNOW_CHECK(reader->offset() == input.size());
  return 0;
}
