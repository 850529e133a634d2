// WET reader: good records, skipped record types, and a table of broken
// records that must each be rejected cleanly while the records around them
// are read. See: issue 5.

#include <map>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "winnow/formats/reader.h"
#include "winnow/formats/writer.h"

namespace winnow {
namespace {

// One WARC record with a correct Content-Length unless `length` is given.
std::string Record(std::string_view type, std::string_view id, std::string_view body,
                   std::string length = "") {
  if (length.empty()) length = std::to_string(body.size());
  std::string r = "WARC/1.0\r\nWARC-Type: " + std::string(type) + "\r\n";
  if (!id.empty()) r += "WARC-Record-ID: " + std::string(id) + "\r\n";
  r += "WARC-Target-URI: https://example.org/" + std::string(id.empty() ? "x" : id.substr(1, 1)) +
       "\r\nContent-Length: " + length + "\r\n\r\n" + std::string(body) + "\r\n\r\n";
  return r;
}

struct WetResult {
  std::vector<Document> docs;
  std::vector<std::string> rejects;  // "line: message"
  std::vector<std::string> raws;
  absl::Status status;
  std::map<std::string, uint64_t> skipped;
};

WetResult ReadWet(std::string bytes) {
  WetResult result;
  ReaderOptions options;
  options.on_reject = [&](const Reject& r) {
    result.rejects.push_back(std::to_string(r.line) + ": " + std::string(r.message));
    result.raws.emplace_back(r.raw);
    return true;
  };
  auto reader =
      DocumentReader::FromStream(MemoryInput("m.wet", std::move(bytes)), Format::kWet, options);
  Document doc;
  while (reader->Next(&doc)) result.docs.push_back(doc);
  result.status = reader->status();
  result.skipped = reader->skipped_records();
  return result;
}

// --- Good records ---

TEST(WetReader, ReadsConversionRecordsAndSkipsOthers) {
  const std::string bytes = Record("warcinfo", "<w>", "software: x\r\n") +
                            Record("conversion", "<a>", "Title\nBody text.") +
                            Record("metadata", "<m>", "k: v") +
                            Record("conversion", "<b>", "Second page.\n");
  auto r = ReadWet(bytes);
  ASSERT_TRUE(r.status.ok()) << r.status;
  ASSERT_EQ(r.docs.size(), 2u);
  EXPECT_EQ(r.docs[0].id, "<a>");
  EXPECT_EQ(r.docs[0].text, "Title\nBody text.");
  ASSERT_FALSE(r.docs[0].fields.empty());
  EXPECT_EQ(r.docs[0].fields[0].first, "url");
  EXPECT_EQ(r.docs[0].fields[0].second, "https://example.org/a");
  EXPECT_EQ(r.docs[1].text, "Second page.\n");
  EXPECT_TRUE(r.rejects.empty());
  EXPECT_EQ(r.skipped.at("warcinfo"), 1u);
  EXPECT_EQ(r.skipped.at("metadata"), 1u);
}

TEST(WetReader, BodyMayContainWarcLinesAndBlankLines) {
  // Content-Length, not line structure, decides where the body ends.
  auto r = ReadWet(Record("conversion", "<a>", "WARC/1.0\n\nnot a header\n\n") +
                   Record("conversion", "<b>", "b"));
  ASSERT_EQ(r.docs.size(), 2u);
  EXPECT_EQ(r.docs[0].text, "WARC/1.0\n\nnot a header\n\n");
  EXPECT_EQ(r.docs[1].text, "b");
}

TEST(WetReader, WrittenAsJsonlWithKeptHeaders) {
  auto r = ReadWet(Record("conversion", "<a>", "Text \"quoted\""));
  ASSERT_EQ(r.docs.size(), 1u);
  std::string line;
  AppendJsonlRecord(r.docs[0], r.docs[0].text, &line);
  EXPECT_EQ(line,
            R"({"id":"<a>","url":"https://example.org/a","text":"Text \"quoted\""})");
}

// --- Broken records: each is rejected, the good record after it is read ---

struct BrokenCase {
  const char* name;
  std::string bytes;
  const char* message;  // start of the reject message
};

TEST(WetReader, BrokenRecordsAreRejectedAndReadingGoesOn) {
  const std::string good = Record("conversion", "<g>", "Good page.");
  const std::vector<BrokenCase> cases = {
      {"garbage before a record", "this is not warc\nmore junk\n" + good,
       "not a WARC record"},
      {"header line without colon", "WARC/1.0\r\nWARC-Type conversion\r\n\r\nbody\r\n\r\n" + good,
       "WARC header line without ':'"},
      {"no content length", "WARC/1.0\r\nWARC-Type: conversion\r\n\r\nbody\r\n\r\n" + good,
       "WARC record without Content-Length"},
      {"bad content length", Record("conversion", "<x>", "body", "12x") + good,
       "WARC record with a bad Content-Length"},
      {"invalid utf-8 body", Record("conversion", "<x>", "bad \xff byte") + good,
       "invalid UTF-8"},
  };
  for (const BrokenCase& c : cases) {
    SCOPED_TRACE(c.name);
    auto r = ReadWet(c.bytes);
    ASSERT_TRUE(r.status.ok()) << r.status;
    ASSERT_EQ(r.rejects.size(), 1u);
    EXPECT_NE(r.rejects[0].find(c.message), std::string::npos) << r.rejects[0];
    EXPECT_FALSE(r.raws[0].empty());
    ASSERT_EQ(r.docs.size(), 1u);
    EXPECT_EQ(r.docs[0].text, "Good page.");
  }
}

TEST(WetReader, RecordCutShortIsRejectedWithItsBytes) {
  const std::string good = Record("conversion", "<g>", "Good page.");
  auto r = ReadWet(good + "WARC/1.0\r\nWARC-Type: conversion\r\nContent-Length: 500\r\n\r\nshort");
  ASSERT_TRUE(r.status.ok());
  ASSERT_EQ(r.docs.size(), 1u);
  ASSERT_EQ(r.rejects.size(), 1u);
  EXPECT_NE(r.rejects[0].find("truncated WARC record: Content-Length 500 but only 5"),
            std::string::npos)
      << r.rejects[0];
  EXPECT_NE(r.raws[0].find("short"), std::string::npos);
  EXPECT_EQ(r.rejects[0].substr(0, 3), "9: ");  // the WARC/1.0 line of the record
}

TEST(WetReader, ContentLengthAboveTheLimitIsRejectedNotRead) {
  const std::string good = Record("conversion", "<g>", "Good page.");
  std::vector<std::string> rejects;
  ReaderOptions o;
  o.max_document_bytes = 100;
  o.on_reject = [&](const Reject& r) {
    rejects.emplace_back(r.message);
    return true;
  };
  auto reader = DocumentReader::FromStream(
      MemoryInput("m.wet", Record("conversion", "<x>", std::string(150, 'a')) + good),
      Format::kWet, o);
  Document doc;
  ASSERT_TRUE(reader->Next(&doc));
  EXPECT_EQ(doc.text, "Good page.");
  ASSERT_EQ(rejects.size(), 1u);
  EXPECT_EQ(rejects[0], "WARC record with Content-Length 150 above the limit of 100 bytes (body not kept)");
}

TEST(WetReader, HeaderLineAboveTheLimitBreaksItsRecordOnly) {
  ReaderOptions o;
  o.max_document_bytes = 64;
  std::vector<std::string> messages;
  o.on_reject = [&](const Reject& r) {
    messages.emplace_back(r.message);
    return true;
  };
  const std::string input =
      "WARC/1.0\r\nWARC-Type: conversion\r\nWARC-Target-URI: https://example.org/" +
      std::string(500, 'p') +
      "\r\nContent-Length: 4\r\n\r\nbody\r\n\r\n"
      "WARC/1.0\r\nWARC-Type: conversion\r\nContent-Length: 2\r\n\r\nok\r\n\r\n";
  auto reader = DocumentReader::FromStream(MemoryInput("m.wet", input), Format::kWet, o);
  Document doc;
  std::vector<std::string> texts;
  while (reader->Next(&doc)) texts.push_back(doc.text);
  ASSERT_TRUE(reader->status().ok()) << reader->status();
  EXPECT_EQ(texts, (std::vector<std::string>{"ok"}));
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0],
            "line longer than the limit of 64 bytes (--max-document-bytes) outside a record body");
}

// See: issue 7 (found by the WET fuzz target). The record after a broken one
// starts with the "WARC/" line Broken() had already read; its reject offset
// was where the line after it starts.
TEST(Regression, Issue7_RejectOffsetOfARecordAfterABrokenOne) {
  ReaderOptions o;
  std::vector<uint64_t> offsets;
  std::vector<std::string> raws;
  o.on_reject = [&](const Reject& r) {
    offsets.push_back(r.offset);
    raws.emplace_back(r.raw);
    return true;
  };
  const std::string input = "garbage\nWARC/1.0\r\nno colon here\r\n\r\n";
  auto reader = DocumentReader::FromStream(MemoryInput("m.wet", input), Format::kWet, o);
  Document doc;
  while (reader->Next(&doc)) {
  }
  ASSERT_TRUE(reader->status().ok()) << reader->status();
  ASSERT_EQ(offsets.size(), 2u);
  EXPECT_EQ(offsets[0], 0u);
  EXPECT_EQ(offsets[1], 8u);
  EXPECT_EQ(input.substr(offsets[1], raws[1].size()), raws[1]);
}

// See: issue 7 (found by the WET fuzz target). "WARC-Record-ID:" with no
// value gave a document an empty id.
TEST(Regression, Issue7_EmptyRecordIdFallsBackToSourceAndLine) {
  const std::string input =
      "WARC/1.0\r\nWARC-Type: conversion\r\nWARC-Record-ID: \r\nContent-Length: 2\r\n\r\n"
      "ok\r\n\r\n";
  auto reader = DocumentReader::FromStream(MemoryInput("m.wet", input), Format::kWet,
                                           ReaderOptions{});
  Document doc;
  ASSERT_TRUE(reader->Next(&doc));
  EXPECT_EQ(doc.id, "m.wet:1");
}

TEST(WetReader, EndsInsideHeaders) {
  auto r = ReadWet("WARC/1.0\r\nWARC-Type: conversion\r\n");
  ASSERT_TRUE(r.status.ok());
  ASSERT_EQ(r.rejects.size(), 1u);
  EXPECT_NE(r.rejects[0].find("ends in its headers"), std::string::npos);
}

// --- Text files ---

TEST(TextReader, InvalidUtf8IsRejectedWithItsOffset) {
  std::vector<std::string> rejects;
  ReaderOptions o;
  o.on_reject = [&](const Reject& r) {
    rejects.push_back(std::to_string(r.line) + ": " + std::string(r.message));
    return true;
  };
  auto reader = DocumentReader::FromStream(MemoryInput("a.txt", "ok line\nbad \xc3\x28 here\n"),
                                           Format::kText, o);
  Document doc;
  EXPECT_FALSE(reader->Next(&doc));
  EXPECT_TRUE(reader->status().ok());
  ASSERT_EQ(rejects.size(), 1u);
  EXPECT_EQ(rejects[0], "2: invalid UTF-8 at byte 12");
}

TEST(FirstInvalidUtf8, FindsTheFirstBadByte) {
  EXPECT_EQ(FirstInvalidUtf8("plain"), 5u);
  EXPECT_EQ(FirstInvalidUtf8("caf\xc3\xa9"), 5u);
  EXPECT_EQ(FirstInvalidUtf8("\xef\xbf\xbd ok"), 6u);  // a real U+FFFD is valid
  EXPECT_EQ(FirstInvalidUtf8("ab\xff"), 2u);
  EXPECT_EQ(FirstInvalidUtf8("ab\xe2\x82"), 2u);  // truncated sequence
}

TEST(Format, WetFromPathAndName) {
  EXPECT_EQ(FormatFromPath("CC-MAIN-x.warc.wet.gz"), Format::kWet);
  EXPECT_EQ(FormatFromPath("a.wet"), Format::kWet);
  EXPECT_EQ(*ParseFormat("wet"), Format::kWet);
  EXPECT_EQ(OutputFormatFor(Format::kWet), Format::kJsonl);
}

}  // namespace
}  // namespace winnow
