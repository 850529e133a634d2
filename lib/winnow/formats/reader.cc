#include "winnow/formats/reader.h"

#include <simdjson.h>

#include <algorithm>
#include <cstring>
#include <utility>
#include <vector>

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

// s[i] is '"'; returns the index just past the closing quote (s.size()
// when there is none). A quote is escaped when an odd number of
// backslashes precedes it: escapes are pairs from the left, and a run of
// backslashes inside a string always starts a pair. Quotes are found with
// memchr: this walks every text value, so it runs at memory speed.
size_t SkipString(std::string_view s, size_t i) {
  const char* data = s.data();
  size_t from = i + 1;
  while (from < s.size()) {
    const void* found = std::memchr(data + from, '"', s.size() - from);
    if (found == nullptr) return s.size();
    const auto quote = static_cast<size_t>(static_cast<const char*>(found) - data);
    size_t backslashes = 0;
    while (quote - backslashes > i + 1 && data[quote - backslashes - 1] == '\\') ++backslashes;
    if (backslashes % 2 == 0) return quote + 1;
    from = quote + 1;
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
    while (!done_ && status_.ok()) {
      done_ = true;
      // Read by chunks ourselves (not ReadAll) so the bytes read before a
      // stream error stay available in unread().
      data_.clear();
      for (;;) {
        const size_t old = data_.size();
        data_.resize(old + kChunk);
        auto got = in_->Read(data_.data() + old, kChunk);
        if (!got.ok()) {
          data_.resize(old);
          status_ = got.status();
          return false;
        }
        data_.resize(old + *got);
        if (*got == 0) break;
        if (data_.size() > options_.max_document_bytes) {
          if (!RejectTooLarge()) return false;
          break;
        }
      }
      if (data_.size() > options_.max_document_bytes) {
        data_.clear();
        continue;  // rejected; done_: the next call ends the input
      }
      const size_t bad = FirstInvalidUtf8(data_);
      if (bad != data_.size()) {
        const std::string message = absl::StrCat("invalid UTF-8 at byte ", bad);
        Reject r;
        r.source = in_->name();
        r.line = 1 + static_cast<uint64_t>(
                         std::count(data_.begin(), data_.begin() + static_cast<long>(bad), '\n'));
        r.offset = 0;  // the record is the whole file; the message says where
        r.message = message;
        r.raw = data_;
        RejectRecord(r);
        data_.clear();
        continue;  // done_: the next call ends the input
      }
      total_ = data_.size();
      doc->id = in_->name();
      doc->source = in_->name();
      doc->line = 0;
      doc->text.swap(data_);
      doc->record.clear();
      doc->fields.clear();
      doc->text_begin = doc->text_end = 0;
      data_.clear();
      return true;
    }
    return false;
  }
  uint64_t raw_bytes_read() const override { return in_->raw_bytes_read(); }
  std::string_view unread() const override {
    return status_.ok() ? std::string_view() : std::string_view(data_);
  }
  uint64_t offset() const override { return status_.ok() ? total_ : data_.size(); }

 private:
  // The file is over max_document_bytes: reads past the rest of it without
  // keeping it and rejects it, with its first kKeptPrefix bytes as raw.
  // False when reading failed (status_ is set) or the caller wants to stop.
  bool RejectTooLarge() {
    uint64_t total = data_.size();
    std::string scratch(kChunk, '\0');
    for (;;) {
      auto got = in_->Read(scratch.data(), scratch.size());
      if (!got.ok()) {
        status_ = got.status();
        return false;
      }
      if (*got == 0) break;
      total += *got;
    }
    total_ = total;
    const std::string message = absl::StrCat(
        "document of ", total, " bytes is larger than the limit of ",
        options_.max_document_bytes, " bytes (--max-document-bytes); only its first ",
        std::min<size_t>(kKeptPrefix, data_.size()), " bytes are kept in the reject");
    Reject r;
    r.source = in_->name();
    r.line = 1;
    r.offset = 0;
    r.message = message;
    r.raw = std::string_view(data_).substr(0, kKeptPrefix);
    return RejectRecord(r);
  }

  static constexpr size_t kChunk = size_t{1} << 17;
  static constexpr size_t kKeptPrefix = 1024;
  uint64_t total_ = 0;
  std::unique_ptr<InputStream> in_;
  std::string data_;
  bool done_ = false;
};

}  // namespace

struct JsonlTextParser::Impl {
  std::string text_field;
  simdjson::dom::parser parser;
  std::string padded;
  simdjson::dom::object object;  // of the last record parsed
};

JsonlTextParser::JsonlTextParser(std::string text_field) : impl_(std::make_unique<Impl>()) {
  impl_->text_field = std::move(text_field);
}

JsonlTextParser::~JsonlTextParser() = default;

bool JsonlTextParser::HasRecord(std::string_view* line) {
  if (!line->empty() && line->back() == '\r') line->remove_suffix(1);
  return SkipSpace(*line, 0) != line->size();
}

bool JsonlTextParser::Parse(std::string_view line, std::string_view* text, size_t* begin,
                            size_t* end, std::string* error) {
  Impl& m = *impl_;
  // The DOM parser validates the whole line (structure, UTF-8, trailing
  // bytes), unlike iterate_many, which can accept a malformed line.
  const size_t needed = line.size() + simdjson::SIMDJSON_PADDING;
  if (m.padded.size() < needed) m.padded.resize(needed);
  std::memcpy(m.padded.data(), line.data(), line.size());
  simdjson::dom::element root;
  auto err = m.parser.parse(m.padded.data(), line.size(), false).get(root);
  if (err) {
    *error = absl::StrCat("invalid JSON: ", simdjson::error_message(err));
    return false;
  }
  if (root.get_object().get(m.object)) {
    *error = "record is not a JSON object";
    return false;
  }
  auto text_err = m.object[m.text_field].get_string().get(*text);
  if (text_err == simdjson::NO_SUCH_FIELD) {
    *error = absl::StrCat("no \"", m.text_field, "\" field");
    return false;
  }
  if (text_err) {
    *error = absl::StrCat("field \"", m.text_field, "\" is not a string");
    return false;
  }
  if (!FindTopLevelValue(line, m.text_field, begin, end)) {
    *error = absl::StrCat("field \"", m.text_field, "\" uses escapes in its name; not supported");
    return false;
  }
  return true;
}

void JsonlTextParser::Id(std::string_view field, std::string* id) const {
  id->clear();
  simdjson::dom::element value;
  if (impl_->object[field].get(value)) return;
  std::string_view text;
  if (!value.get_string().get(text)) {
    id->assign(text);
  } else if (value.is_int64() || value.is_uint64()) {
    *id = simdjson::to_string(value);
  }
}

namespace {

class JsonlReader final : public DocumentReader {
 public:
  JsonlReader(std::unique_ptr<InputStream> in, const ReaderOptions& options)
      : DocumentReader(options),
        lines_(std::move(in), options.max_document_bytes),
        parser_(options.text_field) {}

  bool Next(Document* doc) override {
    std::string_view line;
    while (lines_.Next(&line)) {
      std::string error;
      if (lines_.truncated()) {
        // Only the first max_document_bytes were read; the rest was read past.
        error = absl::StrCat("line longer than the limit of ", options_.max_document_bytes,
                             " bytes (--max-document-bytes); only its first ",
                             std::min<size_t>(kKeptPrefix, line.size()),
                             " bytes are kept in the reject");
        line = line.substr(0, kKeptPrefix);
      } else {
        if (!JsonlTextParser::HasRecord(&line)) continue;  // blank line: no record
        if (Parse(line, doc, &error)) return true;
      }
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
  uint64_t raw_bytes_read() const override { return lines_.stream().raw_bytes_read(); }
  std::string_view unread() const override {
    return status_.ok() ? std::string_view() : lines_.pending();
  }
  uint64_t offset() const override { return lines_.offset(); }
  // The line being read: one past the last complete line.
  uint64_t line() const override { return lines_.line_number() + 1; }

 private:
  bool Parse(std::string_view line, Document* doc, std::string* error) {
    std::string_view text;
    size_t begin = 0;
    size_t end = 0;
    if (!parser_.Parse(line, &text, &begin, &end, error)) return false;
    doc->text.assign(text);
    doc->text_begin = begin;
    doc->text_end = end;
    doc->source = lines_.stream().name();
    doc->line = lines_.line_number();
    if (options_.text_only) {
      doc->record.clear();
      doc->id.clear();
      return true;
    }
    doc->record.assign(line);
    parser_.Id(options_.id_field, &doc->id);
    if (doc->id.empty()) doc->id = absl::StrCat(doc->source, ":", doc->line);
    return true;
  }

  static constexpr size_t kKeptPrefix = 1024;
  LineReader lines_;
  JsonlTextParser parser_;
};

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

std::string_view TrimSpace(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

// WARC headers kept as Document::fields, and their JSONL names.
constexpr std::pair<std::string_view, std::string_view> kKeptWarcHeaders[] = {
    {"WARC-Target-URI", "url"},
    {"WARC-Date", "date"},
    {"WARC-Identified-Content-Language", "language"},
    {"WARC-Refers-To", "refers_to"},
    {"Content-Type", "content_type"},
};

class WetReader final : public DocumentReader {
 public:
  WetReader(std::unique_ptr<InputStream> in, const ReaderOptions& options)
      : DocumentReader(options), lines_(std::move(in), options.max_document_bytes) {}

  bool Next(Document* doc) override {
    while (status_.ok()) {
      std::string_view line;
      // A line pushed back by Broken() was read already: the record starts there.
      const uint64_t record_offset = has_pushback_ ? pushback_offset_ : lines_.offset();
      bool cut = false;
      if (!NextLine(&line, &cut)) break;
      if (!cut && TrimSpace(line).empty()) continue;  // separator between records
      const uint64_t record_line = lines_.line_number();
      raw_.clear();
      raw_cut_ = false;
      AppendRaw(line, cut);
      if (cut) {
        if (!Broken(record_line, record_offset, LongLineMessage())) return false;
        continue;
      }
      if (!StartsWith(line, "WARC/")) {
        if (!Broken(record_line, record_offset, "not a WARC record (no \"WARC/1.0\" line)")) {
          return false;
        }
        continue;
      }
      // Header lines up to the first blank line.
      headers_.clear();
      bool ended = false;
      bool bad_header = false;
      bool long_line = false;
      while (NextLine(&line, &cut)) {
        AppendRaw(line, cut);
        if (cut) {
          long_line = true;
          break;
        }
        const std::string_view trimmed = TrimSpace(line);
        if (trimmed.empty()) {
          ended = true;
          break;
        }
        const size_t colon = trimmed.find(':');
        if (colon == std::string_view::npos) {
          bad_header = true;
          break;
        }
        headers_.emplace_back(std::string(TrimSpace(trimmed.substr(0, colon))),
                              std::string(TrimSpace(trimmed.substr(colon + 1))));
      }
      if (!lines_.status().ok()) break;
      if (long_line) {
        if (!Broken(record_line, record_offset, LongLineMessage())) return false;
        continue;
      }
      if (bad_header) {
        if (!Broken(record_line, record_offset, "WARC header line without ':'")) return false;
        continue;
      }
      if (!ended) {
        if (!Broken(record_line, record_offset, "truncated WARC record (ends in its headers)")) {
          return false;
        }
        continue;
      }
      const std::string* length_text = Header("Content-Length");
      uint64_t length = 0;
      if (length_text == nullptr || !ParseLength(*length_text, &length)) {
        if (!Broken(record_line, record_offset,
                    length_text == nullptr ? "WARC record without Content-Length"
                                           : "WARC record with a bad Content-Length")) {
          return false;
        }
        continue;
      }
      if (length > options_.max_document_bytes) {
        // Skip the body without holding it; the reject keeps the headers.
        std::string scratch;
        for (uint64_t left = length; left > 0;) {
          const size_t got = lines_.ReadBytes(std::min<uint64_t>(left, 1 << 20), &scratch);
          scratch.clear();
          if (got == 0) break;
          left -= got;
        }
        if (!lines_.status().ok()) break;
        const std::string message = absl::StrCat(
            "WARC record with Content-Length ", length, " above the limit of ",
            options_.max_document_bytes, " bytes (body not kept)");
        if (!RejectHere(record_line, record_offset, message)) return false;
        continue;
      }
      const uint64_t body_offset = lines_.offset();
      const size_t header_bytes = raw_.size();
      const size_t got = lines_.ReadBytes(length, &raw_);
      if (!lines_.status().ok()) break;
      if (got < length) {
        const std::string message = absl::StrCat(
            "truncated WARC record: Content-Length ", length, " but only ", got,
            " bytes before the end of the input");
        if (!RejectHere(record_line, record_offset, message)) return false;
        continue;
      }
      const std::string* type = Header("WARC-Type");
      if (type == nullptr || *type != "conversion") {
        ++skipped_[type == nullptr ? std::string("(no WARC-Type)") : *type];
        continue;
      }
      const std::string_view body = std::string_view(raw_).substr(header_bytes);
      const size_t bad = FirstInvalidUtf8(body);
      if (bad != body.size()) {
        const std::string message =
            absl::StrCat("invalid UTF-8 at byte ", body_offset + bad, " (conversion body)");
        if (!RejectHere(record_line, record_offset, message)) return false;
        continue;
      }
      doc->source = lines_.stream().name();
      doc->line = record_line;
      doc->text.assign(body);
      doc->record.clear();
      doc->text_begin = doc->text_end = 0;
      doc->fields.clear();
      const std::string* id = Header("WARC-Record-ID");
      // An empty WARC-Record-ID is no id: fall back like a missing one.
      doc->id = id != nullptr && !id->empty() ? *id
                                              : absl::StrCat(doc->source, ":", record_line);
      for (const auto& [header, name] : kKeptWarcHeaders) {
        if (const std::string* value = Header(header)) {
          doc->fields.emplace_back(std::string(name), *value);
        }
      }
      return true;
    }
    if (status_.ok()) status_ = lines_.status();
    return false;
  }

  uint64_t raw_bytes_read() const override { return lines_.stream().raw_bytes_read(); }
  std::string_view unread() const override {
    if (status_.ok()) return {};
    // The record being read when the stream failed, then what was buffered.
    unread_ = raw_;
    unread_.append(lines_.pending());
    return unread_;
  }
  uint64_t offset() const override { return lines_.offset(); }
  // The line being read: one past the last complete line.
  uint64_t line() const override { return lines_.line_number() + 1; }

 private:
  // The next line; *cut when it was longer than max_document_bytes and cut.
  bool NextLine(std::string_view* line, bool* cut) {
    if (has_pushback_) {
      has_pushback_ = false;
      *line = pushback_;
      *cut = pushback_cut_;
      return true;
    }
    if (!lines_.Next(line)) return false;
    *cut = lines_.truncated();
    return true;
  }

  // Adds a line to the record's raw bytes. After a cut line nothing more is
  // kept, so raw_ stays a prefix of the record as it is in the input.
  void AppendRaw(std::string_view line, bool cut) {
    if (raw_cut_) return;
    raw_.append(line);
    if (cut) {
      raw_cut_ = true;
    } else {
      raw_.push_back('\n');
    }
  }

  std::string LongLineMessage() const {
    return absl::StrCat("line longer than the limit of ", options_.max_document_bytes,
                        " bytes (--max-document-bytes) outside a record body");
  }

  const std::string* Header(std::string_view name) const {
    for (const auto& [key, value] : headers_) {
      if (EqualsIgnoreCase(key, name)) return &value;
    }
    return nullptr;
  }

  static bool ParseLength(std::string_view text, uint64_t* out) {
    if (text.empty() || text.size() > 15) return false;
    uint64_t v = 0;
    for (char c : text) {
      if (c < '0' || c > '9') return false;
      v = v * 10 + static_cast<uint64_t>(c - '0');
    }
    *out = v;
    return true;
  }

  // A record with broken headers: skips to the next "WARC/" line (kept for
  // the next call) and rejects everything up to it.
  bool Broken(uint64_t record_line, uint64_t record_offset, std::string_view message) {
    std::string_view line;
    while (lines_.Next(&line)) {
      if (StartsWith(line, "WARC/")) {
        pushback_.assign(line);
        pushback_cut_ = lines_.truncated();
        pushback_offset_ = lines_.line_offset();
        has_pushback_ = true;
        break;
      }
      AppendRaw(line, lines_.truncated());
    }
    if (!lines_.status().ok()) {
      status_ = lines_.status();
      return false;
    }
    return RejectHere(record_line, record_offset, message);
  }

  bool RejectHere(uint64_t record_line, uint64_t record_offset, std::string_view message) {
    Reject r;
    r.source = lines_.stream().name();
    r.line = record_line;
    r.offset = record_offset;
    r.message = message;
    r.raw = raw_;
    const bool go_on = RejectRecord(r);
    raw_.clear();
    raw_cut_ = false;
    return go_on;
  }

  LineReader lines_;
  std::vector<std::pair<std::string, std::string>> headers_;
  std::string raw_;  // the current record's bytes as read
  bool raw_cut_ = false;  // raw_ ends in a cut line; nothing more is added
  std::string pushback_;
  bool pushback_cut_ = false;
  uint64_t pushback_offset_ = 0;  // where the pushed-back line starts
  bool has_pushback_ = false;
  mutable std::string unread_;
};

}  // namespace

size_t FirstInvalidUtf8(std::string_view s) {
  // Fast path: simdjson's validator; the slow scan only finds the offset.
  if (simdjson::validate_utf8(s.data(), s.size())) return s.size();
  size_t i = 0;
  while (i < s.size()) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    char32_t cp = 0;
    const size_t n = DecodeUtf8(s, i, &cp);
    if (cp == kReplacementChar && s.substr(i, 3) != "\xEF\xBF\xBD") return i;
    i += n;
  }
  return s.size();
}

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
  if (name == "wet") return Format::kWet;
  return absl::InvalidArgumentError(absl::StrCat(
      "unknown format \"", ToAbsl(name), "\" (expected text, jsonl or wet)"));
}

std::string_view FormatName(Format format) {
  switch (format) {
    case Format::kJsonl: return "jsonl";
    case Format::kWet: return "wet";
    case Format::kText: break;
  }
  return "text";
}

Format FormatFromPath(std::string_view path) {
  const std::string_view p = StripCompressionSuffix(path);
  if (p.size() >= 4 && p.substr(p.size() - 4) == ".wet") return Format::kWet;
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
  if (format == Format::kWet) return std::make_unique<WetReader>(std::move(in), options);
  return std::make_unique<TextReader>(std::move(in), options);
}

absl::StatusOr<std::unique_ptr<DocumentReader>> DocumentReader::Open(
    const std::string& path, Format format, const ReaderOptions& options) {
  auto in = OpenInput(path);
  if (!in.ok()) return in.status();
  return FromStream(*std::move(in), format, options);
}

}  // namespace winnow
