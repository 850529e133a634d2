#include "winnow/formats/reader.h"

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace winnow {
namespace {

struct ReadResult {
  std::vector<Document> docs;
  std::vector<std::string> rejects;  // "line: message"
  absl::Status status;
};

ReadResult ReadJsonl(std::string bytes, ReaderOptions options = {}) {
  ReadResult result;
  options.on_reject = [&](const Reject& r) {
    result.rejects.push_back(std::to_string(r.line) + ": " + std::string(r.message));
    return true;
  };
  auto reader = DocumentReader::FromStream(MemoryInput("mem.jsonl", std::move(bytes)),
                                           Format::kJsonl, options);
  Document doc;
  while (reader->Next(&doc)) result.docs.push_back(doc);
  result.status = reader->status();
  return result;
}

// --- Good records ---

TEST(JsonlReader, ReadsTextIdAndRecord) {
  auto r = ReadJsonl(
      "{\"id\":\"a\",\"text\":\"Hello\\nworld \\u00e9\",\"n\":1}\n"
      "{\"text\":\"x\",\"id\":42}\r\n"
      "{\"text\":\"no id\"}");
  ASSERT_TRUE(r.status.ok()) << r.status;
  ASSERT_EQ(r.docs.size(), 3u);
  EXPECT_EQ(r.docs[0].id, "a");
  EXPECT_EQ(r.docs[0].text, "Hello\nworld é");
  EXPECT_EQ(r.docs[0].record.substr(r.docs[0].text_begin,
                                    r.docs[0].text_end - r.docs[0].text_begin),
            "\"Hello\\nworld \\u00e9\"");
  EXPECT_EQ(r.docs[1].id, "42");
  EXPECT_EQ(r.docs[1].record, "{\"text\":\"x\",\"id\":42}");  // "\r" dropped
  EXPECT_EQ(r.docs[2].id, "mem.jsonl:3");
  EXPECT_EQ(r.docs[2].line, 3u);
  EXPECT_TRUE(r.rejects.empty());
}

// text_only (the first pass) reads the same records with the same text,
// source and line, and leaves the record and the id empty.
TEST(JsonlReader, TextOnlyReadsTheSameRecordsWithoutRecordOrId) {
  const std::string bytes =
      "{\"id\":\"a\",\"text\":\"Hello\\nworld\"}\n"
      "not json\n"
      "\n"
      "{\"text\":7}\n"
      "{\"text\":\"x\",\"id\":42}\r\n"
      "{\"text\":\"no id\"}";
  ReaderOptions text_only;
  text_only.text_only = true;
  const ReadResult full = ReadJsonl(bytes);
  const ReadResult lean = ReadJsonl(bytes, text_only);
  ASSERT_TRUE(lean.status.ok()) << lean.status;
  EXPECT_EQ(lean.rejects, full.rejects);
  ASSERT_EQ(full.docs.size(), 3u);
  ASSERT_EQ(lean.docs.size(), full.docs.size());
  for (size_t i = 0; i < full.docs.size(); ++i) {
    EXPECT_EQ(lean.docs[i].text, full.docs[i].text) << i;
    EXPECT_EQ(lean.docs[i].source, full.docs[i].source) << i;
    EXPECT_EQ(lean.docs[i].line, full.docs[i].line) << i;
    EXPECT_TRUE(lean.docs[i].record.empty()) << i;
    EXPECT_TRUE(lean.docs[i].id.empty()) << i;
    EXPECT_FALSE(full.docs[i].record.empty()) << i;
  }
}

TEST(JsonlReader, CustomFields) {
  ReaderOptions o;
  o.text_field = "content";
  o.id_field = "uid";
  auto r = ReadJsonl("{\"uid\":\"u1\",\"content\":\"c\",\"text\":\"t\"}\n", o);
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0].id, "u1");
  EXPECT_EQ(r.docs[0].text, "c");
}

TEST(JsonlReader, BlankLinesCarryNoRecord) {
  auto r = ReadJsonl("\n  \n{\"text\":\"a\"}\n\n");
  EXPECT_EQ(r.docs.size(), 1u);
  EXPECT_TRUE(r.rejects.empty());
}

// --- Malformed records: each is reported with its line and skipped ---

TEST(JsonlReader, MalformedRecordsAreReportedAndSkipped) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"{\"text\":\"unterminated}", "invalid JSON"},
      {"{\"text\":\"a\"} trailing", "invalid JSON"},
      {"{\"text\":\"a\",}", "invalid JSON"},
      {"[1,2]", "not a JSON object"},
      {"\"just a string\"", "not a JSON object"},
      {"{\"id\":1}", "no \"text\" field"},
      {"{\"text\":5}", "is not a string"},
      {"{\"text\":\"bad utf8 \xff\"}", "invalid JSON"},
      {"{\"t\\u0065xt\":\"escaped key\"}", "escapes in its name"},
      {"{\"text\":\"a\"}{\"text\":\"b\"}", "invalid JSON"},
  };
  for (const auto& [line, expected] : cases) {
    auto r = ReadJsonl("{\"text\":\"before\"}\n" + line + "\n{\"text\":\"after\"}\n");
    ASSERT_TRUE(r.status.ok()) << line;
    ASSERT_EQ(r.docs.size(), 2u) << line;
    EXPECT_EQ(r.docs[0].text, "before");
    EXPECT_EQ(r.docs[1].text, "after");
    ASSERT_EQ(r.rejects.size(), 1u) << line;
    EXPECT_NE(r.rejects[0].find("2: "), std::string::npos) << r.rejects[0];
    EXPECT_NE(r.rejects[0].find(expected), std::string::npos)
        << "line " << line << " gave: " << r.rejects[0];
  }
}

TEST(JsonlReader, RejectCallbackCanStopTheReader) {
  ReaderOptions o;
  int calls = 0;
  o.on_reject = [&](const Reject&) {
    ++calls;
    return false;
  };
  auto reader = DocumentReader::FromStream(
      MemoryInput("m.jsonl", "{\"text\":\"a\"}\nbad\nworse\n{\"text\":\"b\"}\n"),
      Format::kJsonl, o);
  Document doc;
  EXPECT_TRUE(reader->Next(&doc));
  EXPECT_FALSE(reader->Next(&doc));
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(reader->status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(reader->status().message().find("m.jsonl:2"), absl::string_view::npos);
}

// --- Text format ---

TEST(TextReader, WholeFileIsOneDocument) {
  auto reader = DocumentReader::FromStream(MemoryInput("a.txt", "line 1\n\nline 2"),
                                           Format::kText, ReaderOptions{});
  Document doc;
  ASSERT_TRUE(reader->Next(&doc));
  EXPECT_EQ(doc.id, "a.txt");
  EXPECT_EQ(doc.text, "line 1\n\nline 2");
  EXPECT_TRUE(doc.record.empty());
  EXPECT_FALSE(reader->Next(&doc));
  EXPECT_TRUE(reader->status().ok());
}

// --- Size limit (max_document_bytes) ---

TEST(JsonlReader, LineAboveTheLimitIsARejectAndReadingGoesOn) {
  ReaderOptions o;
  o.max_document_bytes = 100;
  const std::string long_line = "{\"text\":\"" + std::string(5000, 'a') + "\"}";
  std::vector<Reject> rejects;
  std::vector<std::string> raws;
  o.on_reject = [&](const Reject& r) {
    rejects.push_back(r);
    raws.emplace_back(r.raw);
    return true;
  };
  auto reader = DocumentReader::FromStream(
      MemoryInput("m.jsonl", "{\"text\":\"before\"}\n" + long_line + "\n{\"text\":\"after\"}\n"),
      Format::kJsonl, o);
  Document doc;
  std::vector<std::string> texts;
  while (reader->Next(&doc)) texts.push_back(doc.text);
  ASSERT_TRUE(reader->status().ok()) << reader->status();
  EXPECT_EQ(texts, (std::vector<std::string>{"before", "after"}));
  ASSERT_EQ(rejects.size(), 1u);
  EXPECT_EQ(rejects[0].line, 2u);
  EXPECT_EQ(rejects[0].offset, 18u);
  EXPECT_EQ(raws[0], long_line.substr(0, 100));
  EXPECT_EQ(reader->rejected(), 1u);
}

TEST(TextReader, FileAboveTheLimitIsARejectNotAnError) {
  ReaderOptions o;
  o.max_document_bytes = 1000;
  std::vector<std::string> messages;
  std::vector<size_t> raw_sizes;
  o.on_reject = [&](const Reject& r) {
    messages.emplace_back(r.message);
    raw_sizes.push_back(r.raw.size());
    return true;
  };
  // 300 KiB: more than two of the reader's 128 KiB chunks.
  auto reader = DocumentReader::FromStream(MemoryInput("big.txt", std::string(300 << 10, 'x')),
                                           Format::kText, o);
  Document doc;
  EXPECT_FALSE(reader->Next(&doc));
  EXPECT_TRUE(reader->status().ok()) << reader->status();
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0],
            "document of 307200 bytes is larger than the limit of 1000 bytes "
            "(--max-document-bytes); only its first 1024 bytes are kept in the reject");
  EXPECT_EQ(raw_sizes[0], 1024u);
}

// See: issue 7. TextReader::unread() returned a view of a temporary copy of
// its buffer (`ok ? "" : data_` is a std::string), freed before the caller
// read it: garbage in the rejects file for a damaged text.gz. Found by the
// fuzz build (clang -Wreturn-stack-address); ASan catches it here.
class FailsAfter final : public InputStream {
 public:
  explicit FailsAfter(std::string bytes) : InputStream("damaged.txt"), bytes_(std::move(bytes)) {}
  absl::StatusOr<size_t> Read(char* buf, size_t n) override {
    if (sent_) return absl::DataLossError("damaged.txt: truncated gzip stream");
    sent_ = true;
    const size_t take = std::min(n, bytes_.size());
    std::copy_n(bytes_.data(), take, buf);
    return take;
  }

 private:
  std::string bytes_;
  bool sent_ = false;
};

TEST(Regression, Issue7_TextReaderUnreadAfterAStreamError) {
  const std::string bytes(1000, 'k');  // past any small-string buffer
  auto reader = DocumentReader::FromStream(std::make_unique<FailsAfter>(bytes), Format::kText,
                                           ReaderOptions{});
  Document doc;
  EXPECT_FALSE(reader->Next(&doc));
  EXPECT_EQ(reader->status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(std::string(reader->unread()), bytes);
  EXPECT_EQ(reader->offset(), bytes.size());
}

TEST(DocumentReader, MissingFileIsNotFound) {
  auto r = DocumentReader::Open("/nonexistent/x.jsonl", Format::kJsonl, ReaderOptions{});
  EXPECT_EQ(r.status().code(), absl::StatusCode::kNotFound);
  EXPECT_NE(r.status().message().find("/nonexistent/x.jsonl"), absl::string_view::npos);
}

// --- Helpers ---

TEST(FindTopLevelValue, FindsValuesNotNestedKeys) {
  const std::string json = R"({"a":{"text":"nested"}, "b":[1,"}"] ,"text" : "top"})";
  size_t b = 0, e = 0;
  ASSERT_TRUE(FindTopLevelValue(json, "text", &b, &e));
  EXPECT_EQ(json.substr(b, e - b), "\"top\"");
  ASSERT_TRUE(FindTopLevelValue(json, "b", &b, &e));
  EXPECT_EQ(json.substr(b, e - b), "[1,\"}\"]");
  EXPECT_FALSE(FindTopLevelValue(json, "missing", &b, &e));
}

TEST(Format, FromPathAndName) {
  EXPECT_EQ(FormatFromPath("a/b.jsonl"), Format::kJsonl);
  EXPECT_EQ(FormatFromPath("b.jsonl.zst"), Format::kJsonl);
  EXPECT_EQ(FormatFromPath("b.ndjson.gz"), Format::kJsonl);
  EXPECT_EQ(FormatFromPath("b.txt"), Format::kText);
  EXPECT_EQ(FormatFromPath("README"), Format::kText);
  EXPECT_EQ(*ParseFormat("jsonl"), Format::kJsonl);
  EXPECT_EQ(*ParseFormat("text"), Format::kText);
  EXPECT_FALSE(ParseFormat("xml").ok());
}

}  // namespace
}  // namespace winnow
