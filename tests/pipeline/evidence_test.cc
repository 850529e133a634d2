// The first pass counts the same lines whatever the thread count: with
// workers, an uncompressed JSONL file is read in raw chunks of whole lines
// that the workers parse, and the records they find, in order, must be the
// JSONL reader's. Chunk sizes from one byte up cut lines, CRLF pairs and
// records at every place.

#include "winnow/pipeline/evidence.h"

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "testing/test_util.h"
#include "winnow/formats/json.h"

namespace winnow {
namespace {
namespace fs = std::filesystem;

constexpr size_t kMaxDocumentBytes = 300;

std::string Record(const std::string& text) {
  JsonWriter w;
  w.BeginObject();
  w.Key("id");
  w.String("x");
  w.Key("text");
  w.String(text);
  w.EndObject();
  return std::move(w).Take();
}

// Lines of every kind the reader meets: records whose lines recur across
// documents, blank and whitespace-only lines, CRLF endings, malformed
// records, a text that is not a string, lines just under, at and over the
// size limit, a copy of an earlier document, and a last line without "\n".
std::string Corpus(std::mt19937_64& rng) {
  const std::vector<std::string> lines = {
      "Advertisement", "Share this article", "Sign up for our newsletter",
      "The council met on Tuesday to discuss the new bridge.",
      "Rain is expected over the weekend.", "Caf\u00e9 prices rose again this year."};
  std::uniform_int_distribution<size_t> pick(0, lines.size() - 1);
  std::string out;
  std::string first_text;
  for (int d = 0; d < 60; ++d) {
    std::string text;
    const int n = 1 + static_cast<int>(rng() % 5);
    for (int i = 0; i < n; ++i) absl::StrAppend(&text, i > 0 ? "\n" : "", lines[pick(rng)]);
    if (d == 0) first_text = text;
    switch (rng() % 9) {
      case 0: out += "\n"; break;
      case 1: out += "   \t \n"; break;
      case 2: out += "{\"text\": 7}\n"; break;
      case 3: out += "{not json\n"; break;
      case 4: out += "{\"id\":\"no text\"}\r\n"; break;
      default: break;
    }
    out += Record(text);
    out += rng() % 3 == 0 ? "\r\n" : "\n";
  }
  // Around the size limit: a line of max bytes is read, one more is not.
  for (size_t target : {kMaxDocumentBytes - 1, kMaxDocumentBytes, kMaxDocumentBytes + 1,
                        kMaxDocumentBytes + 40}) {
    std::string text = "Long line";
    std::string record = Record(text);
    while (record.size() < target) {
      text += " word";
      record = Record(text);
    }
    record = Record(text.substr(0, text.size() - (record.size() - target)));
    out += record + "\n";
    out += Record("Advertisement") + "\n";
  }
  out += Record(first_text) + "\n";  // a copy of the first document
  out += Record("Advertisement\nThe end");  // no "\n" at the end
  return out;
}

struct Counts {
  uint64_t documents = 0;
  uint64_t duplicates = 0;
  size_t distinct_lines = 0;
  bool saturated = false;
  std::vector<uint32_t> counts;  // of every line of every record
  friend bool operator==(const Counts&, const Counts&) = default;
};

Counts CountsOf(const std::string& path, int threads, size_t chunk_bytes, size_t budget,
                const std::vector<uint64_t>& keys) {
  ReaderOptions ro;
  ro.max_document_bytes = kMaxDocumentBytes;
  auto freq = CountLineFrequencies({{path, Format::kJsonl}}, ro, budget, threads, chunk_bytes);
  EXPECT_TRUE(freq.ok()) << freq.status();
  Counts c;
  c.documents = (*freq)->documents();
  c.duplicates = (*freq)->duplicates();
  c.distinct_lines = (*freq)->distinct_lines();
  c.saturated = (*freq)->saturated();
  for (uint64_t key : keys) c.counts.push_back((*freq)->Count(key));
  return c;
}

TEST(CountLineFrequencies, RawChunksCountWhatTheReaderReads) {
  const std::string dir = testing::MakeTempDir();
  std::mt19937_64 rng(41);
  for (int round = 0; round < 3; ++round) {
    const std::string path = (fs::path(dir) / absl::StrCat("corpus", round, ".jsonl")).string();
    const std::string bytes = Corpus(rng);
    {
      std::ofstream f(path, std::ios::binary);
      f << bytes;
    }
    // Every line's key, from every record the reader reads.
    std::vector<uint64_t> keys;
    {
      ReaderOptions ro;
      ro.max_document_bytes = kMaxDocumentBytes;
      auto reader = DocumentReader::Open(path, Format::kJsonl, ro);
      ASSERT_TRUE(reader.ok());
      Document doc;
      LineKeyer keyer;
      DocumentLineKeys doc_keys;
      while ((*reader)->Next(&doc)) {
        keyer.Keys(doc.text, &doc_keys);
        keys.insert(keys.end(), doc_keys.lines.begin(), doc_keys.lines.end());
      }
    }
    ASSERT_GT(keys.size(), 50u);
    // A budget that fills up partway, and one that does not.
    for (size_t budget : {size_t{1} << 30, 4 * LineFrequencies::kBytesPerLine}) {
      const Counts one = CountsOf(path, 1, kEvidenceChunkBytes, budget, keys);
      EXPECT_GT(one.documents, 60u);
      EXPECT_GE(one.duplicates, 1u);
      EXPECT_EQ(one.saturated, budget < 1024);
      for (int threads : {2, 3}) {
        for (size_t chunk : {size_t{1}, size_t{2}, size_t{7}, size_t{64}, size_t{299},
                             size_t{1000}, kEvidenceChunkBytes}) {
          EXPECT_EQ(CountsOf(path, threads, chunk, budget, keys), one)
              << "round " << round << ", " << threads << " threads, chunks of " << chunk
              << " bytes, budget " << budget;
        }
      }
    }
  }
}

}  // namespace
}  // namespace winnow
