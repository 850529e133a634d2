#include "winnow/pipeline/run.h"

#include <filesystem>
#include <fstream>
#include <string>

#include "gtest/gtest.h"
#include "testing/test_util.h"

namespace winnow {
namespace {
namespace fs = std::filesystem;

void WriteFile(const std::string& path, const std::string& bytes) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << bytes;
}

class CollectingObserver : public RunObserver {
 public:
  void OnReject(const Reject& r) override {
    rejects.push_back(std::string(r.source) + ":" + std::to_string(r.line));
  }
  std::vector<std::string> rejects;
};

constexpr char kJsonl[] =
    R"({"id":"a","text":"Headline\n\nA real sentence about the harbour.\n\nAdvertisement","meta":{"k":[1,2]}})"
    "\n"
    R"({"id":"b","text":"Sign in\n\nSubscribe"})"
    "\n"
    R"({"id":"c","text":"Nothing to remove here."})"
    "\n";

TEST(RunClean, JsonlFieldsPassThroughAndEmptiedDocsAreLeftOut) {
  const std::string dir = testing::MakeTempDir();
  WriteFile(dir + "/in.jsonl", kJsonl);
  RunOptions opts;
  opts.inputs = {dir + "/in.jsonl"};
  opts.output = dir + "/out.jsonl";
  auto stats = RunClean(opts, nullptr);
  ASSERT_TRUE(stats.ok()) << stats.status();
  EXPECT_EQ(testing::ReadFileOrDie(dir + "/out.jsonl"),
            R"({"id":"a","text":"Headline\n\nA real sentence about the harbour.\n","meta":{"k":[1,2]}})"
            "\n"
            R"({"id":"c","text":"Nothing to remove here."})"
            "\n");
  EXPECT_EQ(stats->docs_in, 3u);
  EXPECT_EQ(stats->docs_out, 2u);
  EXPECT_EQ(stats->docs_emptied, 1u);
  const RuleStats& lex = stats->removed.at({"boilerplate", "lexicon"});
  EXPECT_EQ(lex.count, 3u);
}

TEST(RunClean, MalformedRecordsAreCountedOrFatal) {
  const std::string dir = testing::MakeTempDir();
  WriteFile(dir + "/in.jsonl",
            std::string(R"({"text":"ok one."})") + "\n{broken\n" + R"({"text":"ok two."})" + "\n");
  RunOptions opts;
  opts.inputs = {dir + "/in.jsonl"};
  opts.output = dir + "/out.jsonl";
  CollectingObserver observer;
  auto stats = RunClean(opts, &observer);
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->rejects, 1u);
  EXPECT_EQ(stats->docs_out, 2u);
  ASSERT_EQ(observer.rejects.size(), 1u);
  EXPECT_EQ(observer.rejects[0], dir + "/in.jsonl:2");

  opts.on_error = OnError::kFail;
  opts.output = dir + "/fail.jsonl";
  auto failed = RunClean(opts, nullptr);
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.status().message().find("in.jsonl:2"), absl::string_view::npos);
  EXPECT_FALSE(fs::exists(dir + "/fail.jsonl"));  // never half-written
}

TEST(RunClean, FolderInputToFolderOutputKeepsLayout) {
  const std::string dir = testing::MakeTempDir();
  WriteFile(dir + "/in/a/one.txt", "Title\n\nBody text.\n\nAuthor\n");
  WriteFile(dir + "/in/b/two.jsonl", kJsonl);
  WriteFile(dir + "/in/b/ignored.csv", "x,y\n");
  RunOptions opts;
  opts.inputs = {dir + "/in"};
  opts.output = dir + "/out/";
  auto stats = RunClean(opts, nullptr);
  ASSERT_TRUE(stats.ok()) << stats.status();
  EXPECT_EQ(stats->inputs.size(), 2u);
  EXPECT_EQ(testing::ReadFileOrDie(dir + "/out/a/one.txt"), "Title\n\nBody text.\n");
  EXPECT_TRUE(fs::exists(dir + "/out/b/two.jsonl"));
  EXPECT_FALSE(fs::exists(dir + "/out/b/ignored.csv"));
}

TEST(RunClean, MixedFormatsNeedAFolderOutput) {
  const std::string dir = testing::MakeTempDir();
  WriteFile(dir + "/a.txt", "x\n");
  WriteFile(dir + "/b.jsonl", kJsonl);
  RunOptions opts;
  opts.inputs = {dir + "/a.txt", dir + "/b.jsonl"};
  opts.output = dir + "/out.txt";
  auto stats = RunClean(opts, nullptr);
  ASSERT_FALSE(stats.ok());
  EXPECT_NE(stats.status().message().find("-o DIR/"), absl::string_view::npos);
  EXPECT_FALSE(fs::exists(dir + "/out.txt"));
}

TEST(RunClean, MissingInputIsNotFound) {
  RunOptions opts;
  opts.inputs = {"/nonexistent/input.jsonl"};
  auto stats = RunClean(opts, nullptr);
  EXPECT_EQ(stats.status().code(), absl::StatusCode::kNotFound);
}

TEST(StatsToJson, HasSchemaFields) {
  RunStats s;
  s.docs_in = 2;
  s.removed[{"boilerplate", "lexicon"}] = {3, 40};
  const std::string json = StatsToJson(s, "winnow clean", "0.1.0");
  for (const char* key : {"\"schema\":1", "\"docs_in\":2", "\"dropped\":{",
                          "\"stages\":{\"boilerplate\":{\"lexicon\":{\"count\":3,\"bytes\":40}}}",
                          "\"elapsed_s\":"}) {
    EXPECT_NE(json.find(key), std::string::npos) << key << " in " << json;
  }
}

}  // namespace
}  // namespace winnow
