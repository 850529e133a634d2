#include "winnow/formats/reader.h"

#include <simdjson.h>

#include <cstring>

#include "absl/strings/str_cat.h"
#include "winnow/base/strings.h"
#include "winnow/text/utf8.h"

namespace winnow {
namespace {

bool IsJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

size_t SkipSpace(std::string_view s, size_t i) {
  while (i < s.size() && IsJsonSpace(s[i])) ++i;
  return i;
}

// s[i] is '"'; returns the index just past the closing quote.
size_t SkipString(std::string_view s, size_t i) {
  ++i;
  while (i < s.size()) {
    if (s[i] == '\\') {
      i += 2;
    } else if (s[i] == '"') {
      return i + 1;
    } else {
      ++i;
    }
  }
  return s.size();
}

// Skips one value starting at s[i]; returns the index just past it.
size_t SkipValue(std::string_view s, size_t i) {
  if (i >= s.size()) return i;
  if (s[i] == '"') return SkipString(s, i);
  if (s[i] == '{' || s[i] == '[') {
    int depth = 0;
    while (i < s.size()) {
      const char c = s[i];
      if (c == '"') {
        i = SkipString(s, i);
        continue;
      }
      if (c == '{' || c == '[') ++depth;
      if (c == '}' || c == ']') {
        if (--depth == 0) return i + 1;
      }
      ++i;
    }
    return i;
  }
  while (i < s.size() && s[i] != ',' && s[i] != '}' && s[i] != ']' &&
         !IsJsonSpace(s[i])) {
    ++i;
  }
  return i;
}

class TextReader final : public DocumentReader {
 public:
  TextReader(std::unique_ptr<InputStream> in, const ReaderOptions& options)
      : DocumentReader(options), in_(std::move(in)) {}

  bool Next(Document* doc) override {
    if (done_ || !status_.ok()) return false;
    done_ = true;
    auto text = ReadAll(in_.get(), options_.max_document_bytes);
    if (!text.ok()) {
      status_ = text.status();
      return false;
    }
    doc->id = in_->name();
    doc->source = in_->name();
    doc->line = 0;
    doc->text = *std::move(text);
    doc->record.clear();
    doc->text_begin = doc->text_end = 0;
    return true;
  }
  uint64_t raw_bytes_read() const override { return in_->raw_bytes_read(); }

 private:
  std::unique_ptr<InputStream> in_;
  bool done_ = false;
};

class JsonlReader final : public DocumentReader {
 public:
  JsonlReader(std::unique_ptr<InputStream> in, const ReaderOptions& options)
      : DocumentReader(options),
        lines_(std::move(in), options.max_document_bytes) {}

  bool Next(Document* doc) override {
    std::string_view line;
    while (lines_.Next(&line)) {
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (SkipSpace(line, 0) == line.size()) continue;  // blank line: no record
      std::string error;
      if (Parse(line, doc, &error)) return true;
      Reject r;
      r.source = lines_.stream().name();
      r.line = lines_.line_number();
      r.offset = lines_.line_offset();
      r.message = error;
      r.raw = line;
      if (!RejectRecord(r)) return false;
    }
    status_ = lines_.status();
    return false;
  }
  uint64_t raw_bytes_read() const override {
    return const_cast<LineReader&>(lines_).stream().raw_bytes_read();
  }

 private:
  bool Parse(std::string_view line, Document* doc, std::string* error) {
    // The DOM parser validates the whole line (structure, UTF-8, trailing
    // bytes), unlike iterate_many, which can accept a malformed line.
    const size_t needed = line.size() + simdjson::SIMDJSON_PADDING;
    if (padded_.size() < needed) padded_.resize(needed);
    std::memcpy(padded_.data(), line.data(), line.size());
    simdjson::dom::element root;
    auto err = parser_.parse(padded_.data(), line.size(), false).get(root);
    if (err) {
      *error = absl::StrCat("invalid JSON: ", simdjson::error_message(err));
      return false;
    }
    simdjson::dom::object object;
    if (root.get_object().get(object)) {
      *error = "record is not a JSON object";
      return false;
    }
    std::string_view text;
    auto text_err = object[options_.text_field].get_string().get(text);
    if (text_err == simdjson::NO_SUCH_FIELD) {
      *error = absl::StrCat("no \"", options_.text_field, "\" field");
      return false;
    }
    if (text_err) {
      *error = absl::StrCat("field \"", options_.text_field, "\" is not a string");
      return false;
    }
    size_t begin = 0;
    size_t end = 0;
    if (!FindTopLevelValue(line, options_.text_field, &begin, &end)) {
      *error = absl::StrCat("field \"", options_.text_field,
                            "\" uses escapes in its name; not supported");
      return false;
    }
    doc->text.assign(text);
    doc->record.assign(line);
    doc->text_begin = begin;
    doc->text_end = end;
    doc->source = lines_.stream().name();
    doc->line = lines_.line_number();
    doc->id.clear();
    simdjson::dom::element id;
    if (!object[options_.id_field].get(id)) {
      std::string_view id_text;
      if (!id.get_string().get(id_text)) {
        doc->id.assign(id_text);
      } else if (id.is_int64() || id.is_uint64()) {
        doc->id = simdjson::to_string(id);
      }
    }
    if (doc->id.empty()) doc->id = absl::StrCat(doc->source, ":", doc->line);
    return true;
  }

  LineReader lines_;
  simdjson::dom::parser parser_;
  std::string padded_;
};

}  // namespace

bool FindTopLevelValue(std::string_view json, std::string_view key,
                       size_t* begin, size_t* end) {
  size_t i = SkipSpace(json, 0);
  if (i >= json.size() || json[i] != '{') return false;
  i = SkipSpace(json, i + 1);
  while (i < json.size() && json[i] == '"') {
    const size_t key_end = SkipString(json, i);
    const std::string_view raw_key = json.substr(i + 1, key_end - i - 2);
    i = SkipSpace(json, key_end);
    if (i >= json.size() || json[i] != ':') return false;
    i = SkipSpace(json, i + 1);
    const size_t value_begin = i;
    i = SkipValue(json, i);
    if (raw_key == key) {
      *begin = value_begin;
      *end = i;
      return true;
    }
    i = SkipSpace(json, i);
    if (i < json.size() && json[i] == ',') i = SkipSpace(json, i + 1);
  }
  return false;
}

bool DocumentReader::RejectRecord(const Reject& r) {
  ++rejected_;
  if (!options_.on_reject || options_.on_reject(r)) return true;
  status_ = absl::InvalidArgumentError(absl::StrCat(
      ToAbsl(r.source), ":", r.line, ": ", ToAbsl(r.message)));
  return false;
}

std::string JsonKernelName() {
  return simdjson::get_active_implementation()->name();
}

absl::StatusOr<Format> ParseFormat(std::string_view name) {
  if (name == "text" || name == "txt") return Format::kText;
  if (name == "jsonl" || name == "json" || name == "ndjson") return Format::kJsonl;
  return absl::InvalidArgumentError(
      absl::StrCat("unknown format \"", ToAbsl(name), "\" (expected text or jsonl)"));
}

std::string_view FormatName(Format format) {
  return format == Format::kJsonl ? "jsonl" : "text";
}

Format FormatFromPath(std::string_view path) {
  const std::string_view p = StripCompressionSuffix(path);
  for (std::string_view ext : {".jsonl", ".json", ".ndjson"}) {
    if (p.size() >= ext.size() && p.substr(p.size() - ext.size()) == ext) {
      return Format::kJsonl;
    }
  }
  return Format::kText;
}

std::unique_ptr<DocumentReader> DocumentReader::FromStream(
    std::unique_ptr<InputStream> in, Format format, const ReaderOptions& options) {
  if (format == Format::kJsonl) {
    return std::make_unique<JsonlReader>(std::move(in), options);
  }
  return std::make_unique<TextReader>(std::move(in), options);
}

absl::StatusOr<std::unique_ptr<DocumentReader>> DocumentReader::Open(
    const std::string& path, Format format, const ReaderOptions& options) {
  auto in = OpenInput(path);
  if (!in.ok()) return in.status();
  return FromStream(*std::move(in), format, options);
}

}  // namespace winnow
