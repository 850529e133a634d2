#include "winnow/io/input.h"

#include <zlib.h>
#include <zstd.h>

#include <fstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "testing/test_util.h"

namespace winnow {
namespace {

std::string Gzip(std::string_view data) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&z, data.size()) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::string Zstd(std::string_view data) {
  std::string out(ZSTD_compressBound(data.size()), '\0');
  const size_t n = ZSTD_compress(out.data(), out.size(), data.data(), data.size(), 3);
  EXPECT_FALSE(ZSTD_isError(n));
  out.resize(n);
  return out;
}

std::vector<std::string> Lines(std::unique_ptr<InputStream> in, absl::Status* status) {
  LineReader reader(std::move(in));
  std::vector<std::string> lines;
  std::string_view line;
  while (reader.Next(&line)) lines.emplace_back(line);
  *status = reader.status();
  return lines;
}

std::string BigText() {
  std::string text;
  for (int i = 0; i < 50000; ++i) text += "line number " + std::to_string(i) + "\n";
  return text;
}

TEST(LineReader, SplitsLinesAcrossChunks) {
  absl::Status s;
  auto lines = Lines(MemoryInput("m", BigText() + "last"), &s);
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(lines.size(), 50001u);
  EXPECT_EQ(lines[12345], "line number 12345");
  EXPECT_EQ(lines.back(), "last");
}

TEST(LineReader, EmptyAndNewlineOnly) {
  absl::Status s;
  EXPECT_TRUE(Lines(MemoryInput("m", ""), &s).empty());
  EXPECT_EQ(Lines(MemoryInput("m", "\n\n"), &s), (std::vector<std::string>{"", ""}));
}

TEST(LineReader, LongLineIsCutAndReadPast) {
  // A line over the limit comes back cut, flagged, and the reader goes on
  // with the next line; offsets and line numbers count the skipped bytes.
  const std::string text = "short\n" + std::string(1000, 'x') + "\nafter\n" +
                           std::string(300, 'y');
  LineReader reader(MemoryInput("m", text), 100);
  std::string_view line;
  ASSERT_TRUE(reader.Next(&line));
  EXPECT_EQ(line, "short");
  EXPECT_FALSE(reader.truncated());
  ASSERT_TRUE(reader.Next(&line));
  EXPECT_EQ(line, std::string(100, 'x'));
  EXPECT_TRUE(reader.truncated());
  EXPECT_EQ(reader.line_number(), 2u);
  EXPECT_EQ(reader.line_offset(), 6u);
  ASSERT_TRUE(reader.Next(&line));
  EXPECT_EQ(line, "after");
  EXPECT_FALSE(reader.truncated());
  EXPECT_EQ(reader.line_number(), 3u);
  EXPECT_EQ(reader.line_offset(), 1007u);
  ASSERT_TRUE(reader.Next(&line));  // unterminated and over the limit
  EXPECT_EQ(line, std::string(100, 'y'));
  EXPECT_TRUE(reader.truncated());
  EXPECT_FALSE(reader.Next(&line));
  EXPECT_TRUE(reader.status().ok());
  EXPECT_EQ(reader.offset(), text.size());
}

TEST(LineReader, ReadBytesAfterALongLineStartsAfterIt) {
  // The long line spans many 128 KiB chunks; ReadBytes must first read past
  // its rest, then hand out the bytes after its '\n'.
  const std::string text = std::string(3 << 20, 'z') + "\nend";
  LineReader reader(MemoryInput("m", text), 1024);
  std::string_view line;
  ASSERT_TRUE(reader.Next(&line));
  EXPECT_TRUE(reader.truncated());
  EXPECT_EQ(line.size(), 1024u);
  std::string rest;
  EXPECT_EQ(reader.ReadBytes(10, &rest), 3u);
  EXPECT_EQ(rest, "end");
  EXPECT_TRUE(reader.status().ok());
}

TEST(Decompress, GzipAndZstdRoundTrip) {
  const std::string text = BigText();
  for (Compression c : {Compression::kGzip, Compression::kZstd}) {
    const std::string packed = c == Compression::kGzip ? Gzip(text) : Zstd(text);
    auto in = Decompress(MemoryInput("m", packed), c);
    auto all = ReadAll(in.get(), size_t{1} << 30);
    ASSERT_TRUE(all.ok()) << all.status();
    EXPECT_EQ(*all, text);
  }
}

TEST(Decompress, ConcatenatedMembersReadAsOne) {
  auto gz = Decompress(MemoryInput("m", Gzip("a\n") + Gzip("b\n")), Compression::kGzip);
  EXPECT_EQ(*ReadAll(gz.get(), 1000), "a\nb\n");
  auto zs = Decompress(MemoryInput("m", Zstd("a\n") + Zstd("b\n")), Compression::kZstd);
  EXPECT_EQ(*ReadAll(zs.get(), 1000), "a\nb\n");
}

TEST(Decompress, TruncatedStreamIsDataLoss) {
  const std::string text = BigText();
  for (Compression c : {Compression::kGzip, Compression::kZstd}) {
    std::string packed = c == Compression::kGzip ? Gzip(text) : Zstd(text);
    packed.resize(packed.size() / 2);
    auto in = Decompress(MemoryInput("half", packed), c);
    auto all = ReadAll(in.get(), size_t{1} << 30);
    EXPECT_EQ(all.status().code(), absl::StatusCode::kDataLoss);
    EXPECT_NE(all.status().message().find("half"), absl::string_view::npos);
  }
}

TEST(Decompress, GarbageIsDataLoss) {
  auto gz = Decompress(MemoryInput("g", "not gzip at all"), Compression::kGzip);
  EXPECT_EQ(ReadAll(gz.get(), 1000).status().code(), absl::StatusCode::kDataLoss);
  auto zs = Decompress(MemoryInput("z", "not zstd at all"), Compression::kZstd);
  EXPECT_EQ(ReadAll(zs.get(), 1000).status().code(), absl::StatusCode::kDataLoss);
}

TEST(OpenInput, ByExtension) {
  const std::string dir = testing::MakeTempDir();
  {
    std::ofstream(dir + "/a.txt.gz", std::ios::binary) << Gzip("hello gz\n");
    std::ofstream(dir + "/a.txt.zst", std::ios::binary) << Zstd("hello zst\n");
  }
  auto gz = OpenInput(dir + "/a.txt.gz");
  ASSERT_TRUE(gz.ok());
  EXPECT_EQ(*ReadAll(gz->get(), 1000), "hello gz\n");
  auto zs = OpenInput(dir + "/a.txt.zst");
  ASSERT_TRUE(zs.ok());
  EXPECT_EQ(*ReadAll(zs->get(), 1000), "hello zst\n");
  EXPECT_EQ(OpenInput(dir + "/missing").status().code(), absl::StatusCode::kNotFound);
}

TEST(ReadAll, LimitIsResourceExhausted) {
  auto in = MemoryInput("m", std::string(300000, 'x'));
  EXPECT_EQ(ReadAll(in.get(), 1000).status().code(), absl::StatusCode::kResourceExhausted);
}

}  // namespace
}  // namespace winnow
