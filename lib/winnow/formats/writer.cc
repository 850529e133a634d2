#include "winnow/formats/writer.h"

#include "winnow/formats/json.h"

namespace winnow {

void AppendJsonlRecord(const Document& doc, std::string_view text, std::string* out,
                       std::string_view extra_members) {
  if (doc.record.empty()) {
    // A document that did not come from JSONL: {"id":..., fields..., "text":...}.
    out->append("{\"id\":");
    AppendJsonString(doc.id, out);
    for (const auto& [name, value] : doc.fields) {
      out->push_back(',');
      AppendJsonString(name, out);
      out->push_back(':');
      AppendJsonString(value, out);
    }
    out->append(",\"text\":");
    AppendJsonString(text, out);
    if (!extra_members.empty()) {
      out->push_back(',');
      out->append(extra_members);
    }
    out->push_back('}');
    return;
  }
  const std::string_view record = doc.record;
  out->append(record.substr(0, doc.text_begin));
  AppendJsonString(text, out);
  if (extra_members.empty()) {
    out->append(record.substr(doc.text_end));
    return;
  }
  // Insert before the record's closing brace (the record is a valid object).
  const size_t close = record.rfind('}');
  out->append(record.substr(doc.text_end, close - doc.text_end));
  out->push_back(',');
  out->append(extra_members);
  out->append(record.substr(close));
}

absl::Status DocumentWriter::Write(const Document& doc, std::string_view clean_text,
                                   std::string_view extra_members) {
  buffer_.clear();
  if (format_ == Format::kJsonl || format_ == Format::kWet) {
    AppendJsonlRecord(doc, clean_text, &buffer_, extra_members);
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
