// dolma's paragraph dedup (tests/python/test_deduper.py), as its own tests
// document it (../shared/eval/peers/dolma_paragraph_dedup.json, read at run
// time; skipped when ../shared is absent), checked against winnow's stages
// and the spans --annotate writes.

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "simdjson.h"
#include "testing/test_util.h"
#include "winnow/pipeline/cleaner.h"
#include "winnow/pipeline/run.h"
#include "winnow/text/utf8.h"

namespace winnow {
namespace {

class DolmaParagraphDedup : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string shared = testing::SharedDir();
    if (shared.empty() ||
        parser_.load(shared + "/eval/peers/dolma_paragraph_dedup.json").get(root_) !=
            simdjson::SUCCESS) {
      GTEST_SKIP() << "../shared/eval/peers/dolma_paragraph_dedup.json not present";
    }
  }

  // The spans --annotate would write for the cleaner's last document.
  simdjson::dom::array Annotate(const Cleaner& cleaner, std::string_view text) {
    json_.clear();
    AppendRemovalsJson(text, cleaner.removals(), &json_);
    simdjson::dom::array spans;
    EXPECT_EQ(annotation_parser_.parse(json_).get(spans), simdjson::SUCCESS) << json_;
    return spans;
  }

  simdjson::dom::parser parser_;
  simdjson::dom::element root_;
  simdjson::dom::parser annotation_parser_;
  std::string json_;
};

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (size_t pos = 0; pos < s.size();) {
    char32_t cp;
    pos += DecodeUtf8(s, pos, &cp);
    ++n;
  }
  return n;
}

bool OnBoundary(std::string_view text, uint64_t offset) {
  return offset == text.size() ||
         (offset < text.size() && (static_cast<unsigned char>(text[offset]) & 0xC0) != 0x80);
}

// Seven paragraphs, one per line, two of them repeated (one with the emoji
// U+1F01C, four bytes in UTF-8): exactly the two later copies go, each span
// is the paragraph and its "\n", and the code point offsets are dolma's.
//
// Inside one document repeated paragraphs are the repeats stage's
// (exact_paragraph). Two deliberate differences from dolma are configured
// away here: winnow keeps text that does not read as prose (no final stop,
// like "... and is duplicated") as structure by default (prose_only), and
// it also removes reworded paragraphs; dolma knows neither.
TEST_F(DolmaParagraphDedup, UnicodeSpansInCodePoints) {
  std::vector<std::string> paragraphs;
  for (simdjson::dom::element p : root_["test_unicode"]["paragraphs"].get_array()) {
    paragraphs.emplace_back(std::string_view(p.get_string()));
  }
  ASSERT_EQ(paragraphs.size(), 7u);
  std::string text;
  for (const std::string& p : paragraphs) {
    if (!text.empty()) text += '\n';
    text += p;
  }
  // dolma's expected spans: paragraphs 2 and 5 with their "\n", offsets in
  // code points as Python counts them.
  std::vector<uint64_t> para_start_cp;
  uint64_t cp = 0;
  for (const std::string& p : paragraphs) {
    para_start_cp.push_back(cp);
    cp += CodePoints(p) + 1;
  }
  ASSERT_NE(CodePoints(text), text.size()) << "the fixture should hold a multi-byte emoji";

  CleanerOptions options;
  options.stages = {StageId::kRepeats};
  options.repeats.prose_only = false;
  options.repeats.reworded_min_words = 1 << 30;  // exact repeats only, as dolma
  Cleaner cleaner(options);
  std::string out;
  cleaner.Clean(text, &out);

  simdjson::dom::array spans = Annotate(cleaner, text);
  ASSERT_EQ(spans.size(), 2u) << json_;
  const size_t repeated[] = {2, 5};
  size_t k = 0;
  for (simdjson::dom::element span : spans) {
    const size_t p = repeated[k++];
    EXPECT_EQ(std::string_view(span["rule"].get_string()), "exact_paragraph");
    const uint64_t start = span["start"].get_uint64();
    const uint64_t end = span["end"].get_uint64();
    EXPECT_EQ(span["start_cp"].get_uint64().value(), para_start_cp[p]) << json_;
    EXPECT_EQ(span["end_cp"].get_uint64().value(),
              para_start_cp[p] + CodePoints(paragraphs[p]) + 1)
        << json_;
    // Bytes: on UTF-8 boundaries and the same text.
    EXPECT_TRUE(OnBoundary(text, start) && OnBoundary(text, end)) << start << ".." << end;
    ASSERT_LE(end, text.size());
    EXPECT_EQ(text.substr(start, end - start), paragraphs[p] + "\n");
    EXPECT_TRUE(IsValidUtf8(text.substr(start, end - start)));
  }
  std::string expected;
  for (size_t p : {0, 1, 3, 4, 6}) expected += paragraphs[p] + (p == 6 ? "" : "\n");
  EXPECT_EQ(out, expected);
}

// Across documents, "More text" repeated after a blank line: one span
// covering it, score 1. That is dolma with skip_empty; winnow never removes
// blank lines, so dolma's other mode (a span for the empty paragraph too)
// has no counterpart. The corpus stage's exact_paragraph_corpus rule with
// paragraph_min_words = 1 (winnow's default, 20, keeps short lines for the
// boilerplate stage).
TEST_F(DolmaParagraphDedup, SkipEmptyAcrossDocuments) {
  std::vector<std::string> docs;
  for (simdjson::dom::element d : root_["test_skip_empty"]["docs"].get_array()) {
    docs.emplace_back(std::string_view(d.get_string()));
  }
  ASSERT_EQ(docs.size(), 2u);
  CleanerOptions options;
  options.stages = {StageId::kCorpus};
  options.corpus.paragraph_min_words = 1;
  Cleaner cleaner(options);
  std::string out;
  cleaner.Clean(docs[0], &out, 0);
  EXPECT_TRUE(cleaner.removals().empty());
  EXPECT_EQ(out, docs[0]);
  cleaner.Clean(docs[1], &out, 1);
  simdjson::dom::array spans = Annotate(cleaner, docs[1]);
  ASSERT_EQ(spans.size(), 1u) << json_;
  simdjson::dom::element span = spans.at(0);
  const uint64_t start = span["start"].get_uint64();
  const uint64_t end = span["end"].get_uint64();
  EXPECT_EQ(docs[1].substr(start, end - start), "More text");
  EXPECT_EQ(span["score"].get_double().value(), 1.0);
  EXPECT_EQ(span["kept_document"].get_int64().value(), 0);
}

}  // namespace
}  // namespace winnow
