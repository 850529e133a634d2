#include "winnow/pipeline/run.h"

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>

#include "gtest/gtest.h"
#include "testing/test_util.h"
#include "winnow/io/output.h"

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

// --- Issue 5: WET, rejects, damaged streams, resume, annotate ---

constexpr char kWet[] =
    "WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 5\r\n\r\nabcde\r\n\r\n"
    "WARC/1.0\r\nWARC-Type: conversion\r\nWARC-Record-ID: <urn:uuid:1>\r\n"
    "WARC-Target-URI: https://example.org/a\r\nContent-Length: 39\r\n\r\n"
    "Headline\nA real sentence.\nAdvertisement\r\n\r\n";

TEST(RunClean, WetToFolderIsWrittenAsJsonlNamedSo) {
  const std::string dir = testing::MakeTempDir();
  WriteFile(dir + "/in/crawl.warc.wet", kWet);
  RunOptions opts;
  opts.inputs = {dir + "/in"};
  opts.output = dir + "/out/";
  auto stats = RunClean(opts, nullptr);
  ASSERT_TRUE(stats.ok()) << stats.status();
  EXPECT_EQ(testing::ReadFileOrDie(dir + "/out/crawl.jsonl"),
            R"({"id":"<urn:uuid:1>","url":"https://example.org/a","text":"Headline\nA real sentence.\n"})"
            "\n");
  EXPECT_EQ(stats->skipped_records.at("warcinfo"), 1u);
  EXPECT_EQ(stats->formats.at("wet").docs, 1u);
}

TEST(RunClean, RejectsFileKeepsEveryRejectedRecord) {
  const std::string dir = testing::MakeTempDir();
  WriteFile(dir + "/in.jsonl", std::string(R"({"text":"ok."})") + "\n{broken\n");
  WriteFile(dir + "/bad.txt", "caf\xe9\n");
  RunOptions opts;
  opts.inputs = {dir + "/in.jsonl", dir + "/bad.txt"};
  opts.output = dir + "/out/";
  opts.rejects_path = dir + "/rejects.jsonl";
  auto stats = RunClean(opts, nullptr);
  ASSERT_TRUE(stats.ok()) << stats.status();
  EXPECT_EQ(stats->rejects, 2u);
  const std::string rejects = testing::ReadFileOrDie(dir + "/rejects.jsonl");
  EXPECT_NE(rejects.find(R"("line":2,"offset":15,"error":"invalid JSON)"), std::string::npos)
      << rejects;
  EXPECT_NE(rejects.find(R"("raw":"{broken")"), std::string::npos) << rejects;
  // Not UTF-8: kept exactly, as base64.
  EXPECT_NE(rejects.find(R"("raw":"Y2Fm6Qo=","encoding":"base64")"), std::string::npos)
      << rejects;
}

TEST(RunClean, FailingRunStillCommitsTheRejectsFile) {
  const std::string dir = testing::MakeTempDir();
  WriteFile(dir + "/in.jsonl", "{broken\n");
  RunOptions opts;
  opts.inputs = {dir + "/in.jsonl"};
  opts.output = dir + "/out.jsonl";
  opts.rejects_path = dir + "/rejects.jsonl";
  opts.on_error = OnError::kFail;
  EXPECT_FALSE(RunClean(opts, nullptr).ok());
  EXPECT_FALSE(fs::exists(dir + "/out.jsonl"));
  EXPECT_NE(testing::ReadFileOrDie(dir + "/rejects.jsonl").find("{broken"), std::string::npos);
}

TEST(RunClean, TruncatedGzipKeepsDocumentsBeforeTheDamage) {
  const std::string dir = testing::MakeTempDir();
  std::string jsonl;
  for (int i = 0; i < 200; ++i) {
    jsonl += R"({"id":")" + std::to_string(i) + R"(","text":"Document number )" +
             std::to_string(i) + R"( has a sentence of its own."})" + "\n";
  }
  {
    auto out = OutputFile::Create(dir + "/full.jsonl.gz");
    ASSERT_TRUE(out.ok());
    ASSERT_TRUE((*out)->Write(jsonl).ok());
    ASSERT_TRUE((*out)->Commit().ok());
  }
  const std::string full = testing::ReadFileOrDie(dir + "/full.jsonl.gz");
  WriteFile(dir + "/cut.jsonl.gz", full.substr(0, full.size() * 2 / 3));
  RunOptions opts;
  opts.inputs = {dir + "/cut.jsonl.gz"};
  opts.output = dir + "/out.jsonl";
  opts.rejects_path = dir + "/rejects.jsonl";
  auto stats = RunClean(opts, nullptr);
  ASSERT_TRUE(stats.ok()) << stats.status();
  ASSERT_EQ(stats->damaged_inputs.size(), 1u);
  EXPECT_NE(stats->damaged_inputs[0].find("truncated gzip"), std::string::npos);
  EXPECT_GT(stats->docs_out, 0u);
  EXPECT_LT(stats->docs_out, 200u);
  EXPECT_EQ(stats->rejects, 1u);
  EXPECT_TRUE(fs::exists(dir + "/out.jsonl"));

  opts.on_error = OnError::kFail;
  opts.output = dir + "/fail.jsonl";
  auto failed = RunClean(opts, nullptr);
  EXPECT_EQ(failed.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_FALSE(fs::exists(dir + "/fail.jsonl"));
}

TEST(RunClean, ResumeSkipsInputsWhoseOutputExists) {
  const std::string dir = testing::MakeTempDir();
  WriteFile(dir + "/in/a.txt", "Alpha text.\n");
  WriteFile(dir + "/in/b.txt", "Beta text.\n");
  WriteFile(dir + "/out/a.txt", "left alone\n");
  RunOptions opts;
  opts.inputs = {dir + "/in"};
  opts.output = dir + "/out/";
  opts.resume = true;
  auto stats = RunClean(opts, nullptr);
  ASSERT_TRUE(stats.ok()) << stats.status();
  ASSERT_EQ(stats->resumed.size(), 1u);
  EXPECT_EQ(testing::ReadFileOrDie(dir + "/out/a.txt"), "left alone\n");
  EXPECT_EQ(testing::ReadFileOrDie(dir + "/out/b.txt"), "Beta text.\n");
  EXPECT_EQ(stats->docs_in, 1u);
}

TEST(RunClean, ResumedRunFindsDuplicatesOfSkippedInputs) {
  // b.jsonl repeats a document of a.jsonl. A run resumed after a.jsonl was
  // written must still remove the copy, exactly as a fresh run does.
  const std::string dir = testing::MakeTempDir();
  const std::string doc =
      R"({"id":"x","text":"The river festival drew record crowds on Saturday evening, )"
      R"(organisers said, as lantern boats lit up both banks of the town."})";
  WriteFile(dir + "/in/a.jsonl", doc + "\n");
  WriteFile(dir + "/in/b.jsonl",
            doc + "\n" + R"({"id":"y","text":"A different story about the harbour bridge )"
                         R"(reopening to lorries after fourteen months of repairs."})" + "\n");
  RunOptions opts;
  opts.inputs = {dir + "/in"};
  opts.output = dir + "/fresh/";
  ASSERT_TRUE(RunClean(opts, nullptr).ok());
  const std::string fresh_b = testing::ReadFileOrDie(dir + "/fresh/b.jsonl");
  EXPECT_EQ(fresh_b.find("\"id\":\"x\""), std::string::npos);  // the copy went

  WriteFile(dir + "/resumed/a.jsonl", testing::ReadFileOrDie(dir + "/fresh/a.jsonl"));
  opts.output = dir + "/resumed/";
  opts.resume = true;
  auto stats = RunClean(opts, nullptr);
  ASSERT_TRUE(stats.ok()) << stats.status();
  EXPECT_EQ(stats->resumed.size(), 1u);
  EXPECT_EQ(testing::ReadFileOrDie(dir + "/resumed/b.jsonl"), fresh_b);
}

TEST(AppendRemovalsJson, CodePointOffsetsBesideByteOffsets) {
  // "h\u00e9llo \U0001F60A world": the accent takes 2 bytes, the emoji 4.
  const std::string text = "h\xC3\xA9llo \xF0\x9F\x98\x8A world";
  std::vector<Removal> removals(2);
  removals[0].span = {12, 17};  // "world", listed first: output is sorted
  removals[1].span = {7, 11};   // the emoji
  std::string json;
  AppendRemovalsJson(text, removals, &json);
  const size_t emoji = json.find(R"("start":7,"end":11,"start_cp":6,"end_cp":7,)");
  const size_t world = json.find(R"("start":12,"end":17,"start_cp":8,"end_cp":13,)");
  EXPECT_NE(emoji, std::string::npos) << json;
  EXPECT_NE(world, std::string::npos) << json;
  EXPECT_LT(emoji, world) << json;
}

// RunOptions::cancel, as SIGINT/SIGTERM set it: the run stops before its next
// document, and the output it was writing is not left under its final name
// nor as a temporary file. (tests/reliability/ sends real signals.)
class CancelAfterFirstInput : public RunObserver {
 public:
  explicit CancelAfterFirstInput(std::atomic<bool>* cancel) : cancel_(cancel) {}
  void OnInputStart(const std::string&) override {
    if (++inputs_ == 2) cancel_->store(true);
  }

 private:
  std::atomic<bool>* cancel_;
  int inputs_ = 0;
};

TEST(RunClean, CancelStopsBeforeTheNextDocumentAndCommitsNothingPartial) {
  const std::string dir = testing::MakeTempDir();
  WriteFile(dir + "/in/a.jsonl", kJsonl);
  WriteFile(dir + "/in/b.jsonl", kJsonl);
  std::atomic<bool> cancel{false};
  RunOptions opts;
  opts.inputs = {dir + "/in"};
  opts.output = dir + "/out/";
  opts.cancel = &cancel;
  CancelAfterFirstInput observer(&cancel);
  auto stats = RunClean(opts, &observer);
  ASSERT_FALSE(stats.ok());
  EXPECT_EQ(stats.status().code(), absl::StatusCode::kCancelled) << stats.status();
  EXPECT_TRUE(fs::exists(dir + "/out/a.jsonl"));   // finished before the cancel
  EXPECT_FALSE(fs::exists(dir + "/out/b.jsonl"));  // in progress: removed
  for (const auto& entry : fs::directory_iterator(dir + "/out")) {
    EXPECT_EQ(entry.path().filename().string().find("winnow-tmp"), std::string::npos)
        << entry.path();
  }
  // Resuming finishes the job with a fresh run's output.
  cancel = false;
  opts.resume = true;
  ASSERT_TRUE(RunClean(opts, nullptr).ok());
  RunOptions fresh = opts;
  fresh.resume = false;
  fresh.cancel = nullptr;
  fresh.output = dir + "/fresh/";
  ASSERT_TRUE(RunClean(fresh, nullptr).ok());
  EXPECT_EQ(testing::ReadFileOrDie(dir + "/out/b.jsonl"),
            testing::ReadFileOrDie(dir + "/fresh/b.jsonl"));
}

TEST(RunClean, AnnotateKeepsTextAndListsRemovals) {
  const std::string dir = testing::MakeTempDir();
  WriteFile(dir + "/in.jsonl", R"({"id":"a","text":"Real sentence here.\nAdvertisement"})" "\n");
  RunOptions opts;
  opts.inputs = {dir + "/in.jsonl"};
  opts.output = dir + "/out.jsonl";
  opts.annotate = true;
  ASSERT_TRUE(RunClean(opts, nullptr).ok());
  EXPECT_EQ(testing::ReadFileOrDie(dir + "/out.jsonl"),
            R"({"id":"a","text":"Real sentence here.\nAdvertisement","winnow_removed":)"
            R"([{"start":20,"end":33,"start_cp":20,"end_cp":33,"stage":"boilerplate",)"
            R"("rule":"lexicon","score":1,)"
            R"("kept_document":null,"kept_id":null,"kept_block":null}]})"
            "\n");
}

TEST(RunClean, AnnotatedDuplicateNamesTheIdOfTheCopyThatStayed) {
  const std::string dir = testing::MakeTempDir();
  const std::string text = "A paragraph long enough to be a document of its own, said twice.";
  WriteFile(dir + "/in.jsonl", R"({"id":"first","text":")" + text + "\"}\n" +
                                   R"({"id":"second","text":")" + text + "\"}\n");
  RunOptions opts;
  opts.inputs = {dir + "/in.jsonl"};
  opts.output = dir + "/out.jsonl";
  opts.annotate = true;
  ASSERT_TRUE(RunClean(opts, nullptr).ok());
  const std::string out = testing::ReadFileOrDie(dir + "/out.jsonl");
  const size_t second = out.find(R"({"id":"second")");
  ASSERT_NE(second, std::string::npos) << out;
  EXPECT_NE(out.find(R"("rule":"exact_document","score":1,"kept_document":0,"kept_id":"first")",
                     second),
            std::string::npos)
      << out;
}

TEST(RunCount, CountsWithoutWriting) {
  const std::string dir = testing::MakeTempDir();
  WriteFile(dir + "/in/a.jsonl", kJsonl);
  WriteFile(dir + "/in/b.warc.wet", kWet);
  RunOptions opts;
  opts.inputs = {dir + "/in"};
  auto stats = RunCount(opts, nullptr);
  ASSERT_TRUE(stats.ok()) << stats.status();
  EXPECT_EQ(stats->docs_in, 4u);
  EXPECT_EQ(stats->formats.at("jsonl").docs, 3u);
  EXPECT_EQ(stats->formats.at("wet").files, 1u);
  EXPECT_TRUE(stats->outputs.empty());
  EXPECT_TRUE(stats->removed.empty());
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

TEST(RunClean, MemoryPlanThatCannotFitStopsBeforeWriting) {
  const std::string dir = testing::MakeTempDir();
  std::string jsonl;
  for (int i = 0; i < 200; ++i) {
    jsonl += "{\"text\":\"Document number " + std::to_string(i) + " says something.\"}\n";
  }
  WriteFile(dir + "/in.jsonl", jsonl);
  RunOptions opts;
  opts.inputs = {dir + "/in.jsonl"};
  opts.output = dir + "/out.jsonl";
  opts.memory_bytes = 64 * 1024;
  opts.cleaner.corpus.memory_budget_bytes = 48 * 1024;  // 200 documents need ~420 KB
  auto stats = RunClean(opts, nullptr);
  ASSERT_EQ(stats.status().code(), absl::StatusCode::kResourceExhausted) << stats.status();
  EXPECT_NE(stats.status().message().find("200 documents"), std::string_view::npos)
      << stats.status();
  EXPECT_FALSE(fs::exists(dir + "/out.jsonl"));
  // Enough memory: the same run goes through.
  opts.cleaner.corpus.memory_budget_bytes = 1 << 20;
  ASSERT_TRUE(RunClean(opts, nullptr).ok());
  EXPECT_TRUE(fs::exists(dir + "/out.jsonl"));
}

TEST(RunClean, CorpusSpillFolderThatCannotBeUsedIsAnError) {
  const std::string dir = testing::MakeTempDir();
  WriteFile(dir + "/in.jsonl", "{\"text\":\"One document with words enough to index.\"}\n");
  RunOptions opts;
  opts.inputs = {dir + "/in.jsonl"};
  opts.output = dir + "/out.jsonl";
  opts.cleaner.corpus.spill_dir = dir + "/missing";
  auto stats = RunClean(opts, nullptr);
  ASSERT_EQ(stats.status().code(), absl::StatusCode::kResourceExhausted) << stats.status();
  EXPECT_FALSE(fs::exists(dir + "/out.jsonl"));
}

}  // namespace
}  // namespace winnow
