// Fuzzes the gzip and zstd input path (io/input.h): Decompress() over a
// stream that hands out its bytes in small, input-chosen pieces, so chunk
// boundaries fall everywhere.
//
// The first byte picks the codec (bit 0), whether the rest is compressed
// here first (bit 1: a valid stream of fuzzed content, possibly cut short)
// or read as it is (arbitrary, mostly corrupt data), and the piece size.
//
// Invariants beyond survival:
//   - a valid stream decompresses to exactly its content, and a stream cut
//     short yields a prefix of its content and then a kDataLoss error;
//   - corrupt data yields OK or kDataLoss (never another code), and Read()
//     never returns more than it was asked for;
//   - LineReader over the same stream sees the same bytes as Read().

#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "winnow/base/check.h"
#include "winnow/io/input.h"

namespace {

using winnow::InputStream;

// Hands out at most `piece` bytes per Read().
class TrickleInput final : public InputStream {
 public:
  TrickleInput(std::string bytes, size_t piece)
      : InputStream("fuzz"), bytes_(std::move(bytes)), piece_(piece) {}
  absl::StatusOr<size_t> Read(char* buf, size_t n) override {
    const size_t take = std::min({n, piece_, bytes_.size() - pos_});
    std::memcpy(buf, bytes_.data() + pos_, take);
    pos_ += take;
    raw_bytes_read_ += take;
    return take;
  }

 private:
  std::string bytes_;
  size_t piece_;
  size_t pos_ = 0;
};

std::string Gzip(std::string_view data) {
  z_stream z = {};
  WINNOW_CHECK(deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) == Z_OK);
  std::string out(deflateBound(&z, data.size()) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  WINNOW_CHECK(deflate(&z, Z_FINISH) == Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::string Zstd(std::string_view data) {
  std::string out(ZSTD_compressBound(data.size()), '\0');
  const size_t n = ZSTD_compress(out.data(), out.size(), data.data(), data.size(), 1);
  WINNOW_CHECK(!ZSTD_isError(n));
  out.resize(n);
  return out;
}

// Decompressed output is capped: a few fuzzed bytes can expand enormously.
constexpr size_t kMaxOut = size_t{8} << 20;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace winnow;
  if (size < 2) return 0;
  const uint8_t control = data[0];
  const Compression codec = (control & 1) ? Compression::kZstd : Compression::kGzip;
  const bool compress_here = (control & 2) != 0;
  const size_t piece = 1 + (control >> 2) * 37;
  const std::string content(reinterpret_cast<const char*>(data + 1), size - 1);

  std::string stream = content;
  size_t cut = std::string::npos;  // where a valid stream is cut short
  if (compress_here) {
    stream = codec == Compression::kGzip ? Gzip(content) : Zstd(content);
    // The last content byte, when odd, asks for a cut inside the stream.
    if (content.back() & 1) {
      cut = static_cast<size_t>(content.front()) % stream.size();
      stream.resize(cut);
    }
  }

  // Pass 1: Read().
  std::string out;
  absl::Status status;
  {
    auto in = Decompress(std::make_unique<TrickleInput>(stream, piece), codec);
    char buf[4096];
    for (;;) {
      const size_t want = 1 + (out.size() % sizeof(buf));
      auto got = in->Read(buf, want);
      if (!got.ok()) {
        status = got.status();
        break;
      }
      WINNOW_CHECK(*got <= want) << "Read returned " << *got << " for " << want;
      if (*got == 0) break;
      out.append(buf, *got);
      if (out.size() > kMaxOut) return 0;
    }
  }
  WINNOW_CHECK(status.ok() || status.code() == absl::StatusCode::kDataLoss)
      << status.ToString();
  if (compress_here && cut == std::string::npos) {
    WINNOW_CHECK(status.ok()) << status.ToString();
    WINNOW_CHECK(out == content) << "round trip lost bytes";
  }
  if (compress_here && cut != std::string::npos) {
    WINNOW_CHECK(content.substr(0, out.size()) == out) << "cut stream is not a prefix";
    // A cut stream must not pass for a complete one.
    WINNOW_CHECK(cut == 0 || !status.ok()) << "stream cut at " << cut << " read as complete";
  }

  // Pass 2: LineReader sees the same bytes (lines joined with '\n').
  LineReader lines(Decompress(std::make_unique<TrickleInput>(stream, piece), codec));
  std::string joined;
  std::string_view line;
  while (lines.Next(&line)) {
    joined.append(line);
    joined.push_back('\n');
    if (joined.size() > kMaxOut + 1) return 0;
  }
  WINNOW_CHECK(lines.status().code() == status.code()) << lines.status().ToString();
  if (status.ok()) {
    if (!out.empty() && out.back() != '\n') joined.pop_back();
    WINNOW_CHECK(joined == out) << "LineReader and Read() disagree";
    WINNOW_CHECK(lines.offset() == out.size());
  }
  return 0;
}
