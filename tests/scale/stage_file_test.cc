#include "winnow/scale/stage_file.h"

#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "testing/test_util.h"

namespace winnow {
namespace {

using testing::MakeTempDir;
using testing::ReadFileOrDie;

struct Rec {
  uint64_t a;
  uint64_t b;
};

std::string Write(const std::string& dir, uint32_t task, const std::vector<Rec>& records) {
  const std::string path = dir + "/f" + std::to_string(task);
  auto w = StageFileWriter::Create(path, StageFileKind::kDocHash, task, sizeof(Rec));
  EXPECT_TRUE(w.ok()) << w.status();
  for (const Rec& r : records) EXPECT_TRUE((*w)->Append(&r, sizeof r).ok());
  EXPECT_TRUE((*w)->Commit().ok());
  return path;
}

std::string Slurp(const std::string& path) { return ReadFileOrDie(path); }
void Spit(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

TEST(StageFile, RoundTrip) {
  const std::string dir = MakeTempDir();
  std::vector<Rec> records;
  for (uint64_t i = 0; i < 100000; ++i) records.push_back({i, i * 7});  // > one buffer
  const std::string path = Write(dir, 3, records);
  auto f = ReadStageFile(path, StageFileKind::kDocHash, 3, sizeof(Rec));
  ASSERT_TRUE(f.ok()) << f.status();
  ASSERT_EQ(f->record_count(), records.size());
  EXPECT_EQ(f->Records<Rec>()[99999].b, 99999u * 7);
}

TEST(StageFile, EmptyFileIsValid) {
  const std::string dir = MakeTempDir();
  const std::string path = Write(dir, 0, {});
  auto f = ReadStageFile(path, StageFileKind::kDocHash, 0, sizeof(Rec));
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_EQ(f->record_count(), 0u);
}

TEST(StageFile, EveryDamageIsDetected) {
  const std::string dir = MakeTempDir();
  const std::string path = Write(dir, 1, {{1, 2}, {3, 4}, {5, 6}});
  const std::string good = Slurp(path);
  auto expect = [&](const std::string& bytes, const std::string& what) {
    Spit(path, bytes);
    auto f = ReadStageFile(path, StageFileKind::kDocHash, 1, sizeof(Rec));
    ASSERT_FALSE(f.ok()) << what;
    EXPECT_EQ(f.status().code(), absl::StatusCode::kDataLoss) << what;
    EXPECT_NE(f.status().message().find(path), std::string::npos) << f.status();
  };
  for (size_t i = 0; i < good.size(); ++i) {  // any flipped bit of any byte
    std::string bad = good;
    bad[i] = static_cast<char>(bad[i] ^ 0x10);
    expect(bad, "flip at " + std::to_string(i));
  }
  for (size_t n = 0; n < good.size(); ++n) expect(good.substr(0, n), "truncated");
  expect(good + "x", "extended");
  // A payload chunk removed from the middle with the trailer kept.
  expect(good.substr(0, 32) + good.substr(48), "record removed");
}

TEST(StageFile, WrongKindTaskOrSize) {
  const std::string dir = MakeTempDir();
  const std::string path = Write(dir, 2, {{1, 2}});
  auto kind = ReadStageFile(path, StageFileKind::kBand, 2, sizeof(Rec));
  EXPECT_NE(kind.status().message().find("expected band keys"), std::string::npos)
      << kind.status();
  auto task = ReadStageFile(path, StageFileKind::kDocHash, 5, sizeof(Rec));
  EXPECT_NE(task.status().message().find("written for task 2, expected 5"), std::string::npos)
      << task.status();
  auto size = ReadStageFile(path, StageFileKind::kDocHash, 2, 8);
  EXPECT_FALSE(size.ok());
  auto missing = ReadStageFile(dir + "/nope", StageFileKind::kDocHash, 2, sizeof(Rec));
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
}

TEST(StageFile, RangeReadsAndBounds) {
  const std::string dir = MakeTempDir();
  const std::string path = Write(dir, 4, {{10, 11}, {12, 13}});
  auto r = StageFileRange::Open(path, StageFileKind::kDocHash, 4);
  ASSERT_TRUE(r.ok()) << r.status();
  uint64_t v = 0;
  ASSERT_TRUE((*r)->Read(16, std::span<char>(reinterpret_cast<char*>(&v), 8)).ok());
  EXPECT_EQ(v, 12u);
  EXPECT_FALSE((*r)->Read(28, std::span<char>(reinterpret_cast<char*>(&v), 8)).ok());
  Spit(path, Slurp(path).substr(0, 70));
  EXPECT_FALSE(StageFileRange::Open(path, StageFileKind::kDocHash, 4).ok());
}

TEST(StageFile, UncommittedWriterLeavesNothing) {
  const std::string dir = MakeTempDir();
  {
    auto w = StageFileWriter::Create(dir + "/x", StageFileKind::kPair, 0, 8);
    ASSERT_TRUE(w.ok());
    uint64_t v = 1;
    ASSERT_TRUE((*w)->Append(&v, 8).ok());
  }
  auto f = ReadStageFile(dir + "/x", StageFileKind::kPair, 0, 8);
  EXPECT_EQ(f.status().code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace winnow
