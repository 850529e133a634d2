// The output of a run does not depend on the number of threads or the
// batch size: a seeded corpus with every kind of removal (boilerplate,
// repeats inside documents, exact and near-duplicate documents, paragraphs
// shared across documents, malformed records) is cleaned with several
// settings and every output byte, every reject and every counter compared.

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
#include "winnow/pipeline/run.h"

namespace winnow {
namespace {
namespace fs = std::filesystem;

constexpr const char* kWords[] = {
    "harbour", "council", "river",   "festival", "bridge", "vote",    "morning", "police",
    "school",  "market",  "weather", "report",   "said",   "minister", "people", "city",
    "road",    "water",   "plan",    "year",     "week",   "local",   "new",     "old",
    "the",     "a",       "of",      "and",      "to",     "in",      "was",     "were",
    "after",   "before",  "during",  "about",    "their",  "with",    "from",    "last"};

std::string Sentence(std::mt19937_64& rng) {
  std::uniform_int_distribution<size_t> word(0, std::size(kWords) - 1);
  std::uniform_int_distribution<int> length(6, 18);
  std::string s;
  const int n = length(rng);
  for (int i = 0; i < n; ++i) {
    if (i > 0) s += ' ';
    std::string w = kWords[word(rng)];
    if (i == 0) w[0] = static_cast<char>(w[0] - 'a' + 'A');
    s += w;
  }
  s += '.';
  return s;
}

std::string Paragraph(std::mt19937_64& rng) {
  std::uniform_int_distribution<int> sentences(2, 5);
  std::string p;
  const int n = sentences(rng);
  for (int i = 0; i < n; ++i) {
    if (i > 0) p += ' ';
    p += Sentence(rng);
  }
  return p;
}

// Changes about one word in `every` of a text.
std::string Edit(std::string text, std::mt19937_64& rng, int every) {
  std::uniform_int_distribution<int> pick(0, every - 1);
  std::string out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    std::string word = text.substr(start, end - start);
    if (pick(rng) == 0) word = "edited";
    out += word;
    if (end < text.size()) out += ' ';
    start = end + 1;
  }
  return out;
}

// A JSONL corpus of `docs` documents with planted duplicates of every kind.
std::string MakeCorpus(uint64_t seed, int docs) {
  std::mt19937_64 rng(seed);
  std::vector<std::string> texts;
  std::vector<std::string> paragraphs;
  std::uniform_int_distribution<int> kind(0, 9);
  std::string jsonl;
  for (int d = 0; d < docs; ++d) {
    std::string text;
    const int k = kind(rng);
    if (k == 0 && !texts.empty()) {
      text = texts[rng() % texts.size()];  // exact copy
    } else if (k == 1 && !texts.empty()) {
      text = Edit(texts[rng() % texts.size()], rng, 25) + "\n\nShare this article";
    } else {
      std::vector<std::string> paras;
      const int n = 3 + static_cast<int>(rng() % 5);
      for (int p = 0; p < n; ++p) {
        if (!paragraphs.empty() && rng() % 8 == 0) {
          paras.push_back(paragraphs[rng() % paragraphs.size()]);  // syndicated
        } else {
          paras.push_back(Paragraph(rng));
          paragraphs.push_back(paras.back());
        }
      }
      if (rng() % 4 == 0) paras.push_back(paras[0]);  // repeated inside
      if (rng() % 3 == 0) paras.push_back("Advertisement");
      if (rng() % 3 == 0) paras.insert(paras.begin(), "Home | News | Sport | Contact");
      const char* sep = rng() % 2 == 0 ? "\n\n" : "\n";
      for (size_t p = 0; p < paras.size(); ++p) {
        if (p > 0) text += sep;
        text += paras[p];
      }
    }
    texts.push_back(text);
    JsonWriter w;
    w.BeginObject();
    w.Key("id");
    w.String(absl::StrCat("doc-", d));
    w.Key("text");
    w.String(text);
    w.EndObject();
    jsonl += w.str();
    jsonl += '\n';
    if (rng() % 50 == 0) jsonl += "{\"id\": broken\n";
  }
  return jsonl;
}

struct Result {
  std::string output;
  std::string rejects;
  std::string stats;
};

Result Clean(const std::string& dir, const std::string& input, int threads, size_t batch_docs,
             size_t batch_bytes, bool annotate) {
  const std::string tag = absl::StrCat(threads, "-", batch_docs, "-", batch_bytes, "-", annotate);
  RunOptions opts;
  opts.inputs = {input};
  opts.output = absl::StrCat(dir, "/out-", tag, ".jsonl");
  opts.rejects_path = absl::StrCat(dir, "/rejects-", tag, ".jsonl");
  opts.threads = threads;
  opts.batch_docs = batch_docs;
  opts.batch_bytes = batch_bytes;
  opts.annotate = annotate;
  auto stats = RunClean(opts, nullptr);
  EXPECT_TRUE(stats.ok()) << stats.status();
  if (!stats.ok()) return {};
  stats->elapsed_s = 0;
  stats->threads = 0;
  stats->outputs.clear();
  return {testing::ReadFileOrDie(opts.output), testing::ReadFileOrDie(opts.rejects_path),
          StatsToJson(*stats, "test", "0")};
}

TEST(Threads, OutputDoesNotDependOnThreadsOrBatchSize) {
  const std::string dir = testing::MakeTempDir();
  const uint64_t seed = 20261202;
  SCOPED_TRACE(absl::StrCat("corpus seed ", seed));
  const std::string input = dir + "/in.jsonl";
  std::ofstream(input, std::ios::binary) << MakeCorpus(seed, 600);

  for (bool annotate : {false, true}) {
    const Result reference = Clean(dir, input, 1, 256, size_t{1} << 20, annotate);
    // The corpus exercises every stage, or the comparison proves little.
    for (const char* rule : {"\"exact_document\"", "\"near_duplicate\"",
                             "\"exact_paragraph_corpus\"", "\"exact_paragraph\"",
                             "\"lexicon\""}) {
      EXPECT_NE(reference.stats.find(rule), std::string::npos) << rule;
    }
    EXPECT_FALSE(reference.rejects.empty());
    struct Setting {
      int threads;
      size_t batch_docs;
      size_t batch_bytes;
    };
    for (const Setting& s : {Setting{1, 1, 1 << 20}, Setting{2, 256, 1 << 20},
                             Setting{2, 1, 1 << 20}, Setting{3, 7, 1 << 20},
                             Setting{4, 256, 2000}, Setting{8, 13, 1 << 20}}) {
      SCOPED_TRACE(absl::StrCat("threads ", s.threads, ", batch_docs ", s.batch_docs,
                                ", batch_bytes ", s.batch_bytes, ", annotate ", annotate));
      const Result r = Clean(dir, input, s.threads, s.batch_docs, s.batch_bytes, annotate);
      EXPECT_TRUE(r.output == reference.output) << "output differs";
      EXPECT_EQ(r.rejects, reference.rejects);
      EXPECT_EQ(r.stats, reference.stats);
    }
  }
}

TEST(Threads, FolderOutputAndResumeWithThreads) {
  const std::string dir = testing::MakeTempDir();
  fs::create_directories(dir + "/in");
  const std::string corpus = MakeCorpus(7, 200);
  // Split the corpus over three inputs: duplicates cross input boundaries.
  std::vector<std::string> parts(3);
  size_t line = 0;
  for (size_t pos = 0; pos < corpus.size();) {
    const size_t end = corpus.find('\n', pos) + 1;
    parts[line++ % 3] += corpus.substr(pos, end - pos);
    pos = end;
  }
  for (size_t i = 0; i < parts.size(); ++i) {
    std::ofstream(absl::StrCat(dir, "/in/part-", i, ".jsonl"), std::ios::binary) << parts[i];
  }
  auto run = [&](const std::string& out, int threads, bool resume) {
    RunOptions opts;
    opts.inputs = {dir + "/in"};
    opts.output = out + "/";
    opts.threads = threads;
    opts.batch_docs = 5;
    opts.resume = resume;
    auto stats = RunClean(opts, nullptr);
    ASSERT_TRUE(stats.ok()) << stats.status();
  };
  run(dir + "/one", 1, false);
  run(dir + "/two", 2, false);
  // A resumed run that finds the first output done.
  fs::create_directories(dir + "/resumed");
  fs::copy_file(dir + "/one/part-0.jsonl", dir + "/resumed/part-0.jsonl");
  run(dir + "/resumed", 2, true);
  for (int i = 0; i < 3; ++i) {
    const std::string name = absl::StrCat("/part-", i, ".jsonl");
    const std::string one = testing::ReadFileOrDie(dir + "/one" + name);
    EXPECT_TRUE(one == testing::ReadFileOrDie(dir + "/two" + name)) << name;
    EXPECT_TRUE(one == testing::ReadFileOrDie(dir + "/resumed" + name)) << name;
  }
}

}  // namespace
}  // namespace winnow
