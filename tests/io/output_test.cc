#include "winnow/io/output.h"

#include <filesystem>

#include "gtest/gtest.h"
#include "testing/test_util.h"
#include "winnow/io/input.h"

namespace winnow {
namespace {
namespace fs = std::filesystem;

int CountFiles(const std::string& dir) {
  int n = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++n;
  return n;
}

TEST(OutputFile, CommitRenamesIntoPlace) {
  const std::string dir = testing::MakeTempDir();
  auto out = OutputFile::Create(dir + "/a.txt");
  ASSERT_TRUE(out.ok());
  ASSERT_TRUE((*out)->Write("hello\n").ok());
  EXPECT_FALSE(fs::exists(dir + "/a.txt"));  // not at the final name before Commit
  ASSERT_TRUE((*out)->Commit().ok());
  EXPECT_EQ(testing::ReadFileOrDie(dir + "/a.txt"), "hello\n");
  EXPECT_EQ(CountFiles(dir), 1);
}

TEST(OutputFile, AbandonedOutputLeavesNothing) {
  const std::string dir = testing::MakeTempDir();
  {
    auto out = OutputFile::Create(dir + "/a.txt");
    ASSERT_TRUE(out.ok());
    ASSERT_TRUE((*out)->Write("partial").ok());
  }
  EXPECT_EQ(CountFiles(dir), 0);
}

TEST(OutputFile, CompressedOutputsRoundTrip) {
  const std::string dir = testing::MakeTempDir();
  std::string text;
  for (int i = 0; i < 20000; ++i) text += "row " + std::to_string(i) + "\n";
  for (std::string name : {"/a.jsonl.gz", "/a.jsonl.zst"}) {
    auto out = OutputFile::Create(dir + name);
    ASSERT_TRUE(out.ok());
    ASSERT_TRUE((*out)->Write(text).ok());
    ASSERT_TRUE((*out)->Commit().ok());
    auto in = OpenInput(dir + name);
    ASSERT_TRUE(in.ok());
    auto back = ReadAll(in->get(), size_t{1} << 30);
    ASSERT_TRUE(back.ok()) << back.status();
    EXPECT_EQ(*back, text) << name;
  }
}

// Past several 32 MiB stretches: each is handed to the disk and dropped from
// the page cache after the next one, and the file still reads back whole, in
// writes of uneven sizes around the buffer's.
TEST(OutputFile, LongOutputReadsBackWhole) {
  const std::string dir = testing::MakeTempDir();
  std::string source(size_t{1} << 20, '\0');
  uint64_t state = 1;
  auto next = [&state] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return state >> 33;
  };
  for (char& c : source) c = static_cast<char>(next());
  const size_t total = size_t{72} << 20;  // the first stretch is dropped after 64 MiB
  std::string expected;
  expected.reserve(total);
  auto out = OutputFile::Create(dir + "/long.txt");
  ASSERT_TRUE(out.ok());
  while (expected.size() < total) {
    const size_t n = 1 + next() % 300000;
    const std::string_view piece = std::string_view(source).substr(next() % (source.size() - n), n);
    ASSERT_TRUE((*out)->Write(piece).ok());
    expected += piece;
  }
  ASSERT_TRUE((*out)->Commit().ok());
  EXPECT_TRUE(testing::ReadFileOrDie(dir + "/long.txt") == expected);
  fs::remove_all(dir);
}

TEST(OutputFile, MissingFolderIsAnError) {
  auto out = OutputFile::Create("/nonexistent-folder/x.txt");
  EXPECT_FALSE(out.ok());
  EXPECT_NE(out.status().message().find("/nonexistent-folder/x.txt"), absl::string_view::npos);
}

}  // namespace
}  // namespace winnow
