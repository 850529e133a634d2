#include "winnow/formats/writer.h"

#include "winnow/formats/json.h"

namespace winnow {

void AppendJsonlRecord(const Document& doc, std::string_view text, std::string* out) {
  if (doc.record.empty()) {
    // A document that did not come from JSONL: write {"id":..., "text":...}.
    out->append("{\"id\":");
    AppendJsonString(doc.id, out);
    out->append(",\"text\":");
    AppendJsonString(text, out);
    out->push_back('}');
    return;
  }
  const std::string_view record = doc.record;
  out->append(record.substr(0, doc.text_begin));
  AppendJsonString(text, out);
  out->append(record.substr(doc.text_end));
}

absl::Status DocumentWriter::Write(const Document& doc, std::string_view clean_text) {
  buffer_.clear();
  if (format_ == Format::kJsonl) {
    AppendJsonlRecord(doc, clean_text, &buffer_);
    buffer_.push_back('\n');
  } else {
    if (documents_ > 0) {
      if (!last_ended_with_newline_) buffer_.push_back('\n');
      buffer_.push_back('\n');
    }
    buffer_.append(clean_text);
    last_ended_with_newline_ = !clean_text.empty() && clean_text.back() == '\n';
  }
  ++documents_;
  return out_->Write(buffer_);
}

}  // namespace winnow
