#include "winnow/io/input.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <cstring>
#include <vector>

#include "absl/strings/str_cat.h"
#include "winnow/base/strings.h"

namespace winnow {
namespace {

constexpr size_t kChunk = size_t{1} << 17;

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.substr(s.size() - suffix.size()) == suffix;
}

absl::Status ErrnoStatus(const std::string& name, std::string_view what, int err) {
  const std::string message = absl::StrCat(name, ": ", ToAbsl(what), ": ", std::strerror(err));
  if (err == ENOENT) return absl::NotFoundError(message);
  if (err == EACCES || err == EPERM) return absl::PermissionDeniedError(message);
  return absl::UnavailableError(message);
}

class FdInput final : public InputStream {
 public:
  FdInput(std::string name, int fd, bool owned)
      : InputStream(std::move(name)), fd_(fd), owned_(owned) {}
  ~FdInput() override {
    if (owned_) close(fd_);
  }
  absl::StatusOr<size_t> Read(char* buf, size_t n) override {
    for (;;) {
      const ssize_t got = read(fd_, buf, n);
      if (got >= 0) {
        raw_bytes_read_ += static_cast<uint64_t>(got);
        return static_cast<size_t>(got);
      }
      if (errno == EINTR) continue;
      return ErrnoStatus(name_, "read", errno);
    }
  }

 private:
  int fd_;
  bool owned_;
};

class MemInput final : public InputStream {
 public:
  MemInput(std::string name, std::string bytes)
      : InputStream(std::move(name)), bytes_(std::move(bytes)) {}
  absl::StatusOr<size_t> Read(char* buf, size_t n) override {
    const size_t take = std::min(n, bytes_.size() - pos_);
    std::memcpy(buf, bytes_.data() + pos_, take);
    pos_ += take;
    raw_bytes_read_ += take;
    return take;
  }

 private:
  std::string bytes_;
  size_t pos_ = 0;
};

// Base for decompressors: pulls compressed chunks from `raw_`.
class Decompressor : public InputStream {
 protected:
  explicit Decompressor(std::unique_ptr<InputStream> raw)
      : InputStream(raw->name()), raw_(std::move(raw)), in_(kChunk) {}

  // Refills in_ when empty. Returns false at the end of the raw stream.
  absl::StatusOr<bool> Refill() {
    if (in_pos_ < in_len_) return true;
    auto got = raw_->Read(in_.data(), in_.size());
    if (!got.ok()) return got.status();
    raw_bytes_read_ = raw_->raw_bytes_read();
    in_pos_ = 0;
    in_len_ = *got;
    return in_len_ > 0;
  }

  std::unique_ptr<InputStream> raw_;
  std::vector<char> in_;
  size_t in_pos_ = 0;
  size_t in_len_ = 0;
};

class GzipInput final : public Decompressor {
 public:
  explicit GzipInput(std::unique_ptr<InputStream> raw) : Decompressor(std::move(raw)) {
    std::memset(&z_, 0, sizeof(z_));
    // 16 + MAX_WBITS: gzip wrapper only.
    ok_ = inflateInit2(&z_, 16 + MAX_WBITS) == Z_OK;
  }
  ~GzipInput() override { inflateEnd(&z_); }

  absl::StatusOr<size_t> Read(char* buf, size_t n) override {
    if (!ok_) return absl::InternalError(absl::StrCat(name_, ": zlib init failed"));
    if (done_) return size_t{0};
    z_.next_out = reinterpret_cast<Bytef*>(buf);
    z_.avail_out = static_cast<uInt>(std::min<size_t>(n, 1u << 30));
    const uInt wanted = z_.avail_out;
    while (z_.avail_out == wanted) {
      auto more = Refill();
      if (!more.ok()) return more.status();
      if (!*more) {
        if (in_member_) {
          return absl::DataLossError(absl::StrCat(
              name_, ": truncated gzip stream (ends inside a member)"));
        }
        done_ = true;
        break;
      }
      z_.next_in = reinterpret_cast<Bytef*>(in_.data() + in_pos_);
      z_.avail_in = static_cast<uInt>(in_len_ - in_pos_);
      in_member_ = true;
      const int rc = inflate(&z_, Z_NO_FLUSH);
      in_pos_ = in_len_ - z_.avail_in;
      if (rc == Z_STREAM_END) {
        in_member_ = false;
        inflateReset(&z_);  // a following member continues the stream
      } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
        return absl::DataLossError(absl::StrCat(
            name_, ": corrupt gzip data at compressed byte ",
            raw_->raw_bytes_read() - (in_len_ - in_pos_), ": ",
            z_.msg ? z_.msg : "inflate error"));
      }
    }
    return static_cast<size_t>(wanted - z_.avail_out);
  }

 private:
  z_stream z_;
  bool ok_ = false;
  bool done_ = false;
  bool in_member_ = false;
};

class ZstdInput final : public Decompressor {
 public:
  explicit ZstdInput(std::unique_ptr<InputStream> raw)
      : Decompressor(std::move(raw)), dctx_(ZSTD_createDCtx()) {}
  ~ZstdInput() override { ZSTD_freeDCtx(dctx_); }

  absl::StatusOr<size_t> Read(char* buf, size_t n) override {
    if (done_) return size_t{0};
    ZSTD_outBuffer out = {buf, n, 0};
    while (out.pos == 0) {
      auto more = Refill();
      if (!more.ok()) return more.status();
      if (!*more) {
        if (in_frame_) {
          return absl::DataLossError(absl::StrCat(
              name_, ": truncated zstd stream (ends inside a frame)"));
        }
        done_ = true;
        break;
      }
      ZSTD_inBuffer in = {in_.data(), in_len_, in_pos_};
      const size_t rc = ZSTD_decompressStream(dctx_, &out, &in);
      in_pos_ = in.pos;
      if (ZSTD_isError(rc)) {
        return absl::DataLossError(absl::StrCat(
            name_, ": corrupt zstd data: ", ZSTD_getErrorName(rc)));
      }
      in_frame_ = rc != 0;
    }
    return out.pos;
  }

 private:
  ZSTD_DCtx* dctx_;
  bool done_ = false;
  bool in_frame_ = false;
};

}  // namespace

Compression CompressionFromPath(std::string_view path) {
  if (EndsWith(path, ".gz")) return Compression::kGzip;
  if (EndsWith(path, ".zst")) return Compression::kZstd;
  return Compression::kNone;
}

std::string_view StripCompressionSuffix(std::string_view path) {
  if (EndsWith(path, ".gz")) return path.substr(0, path.size() - 3);
  if (EndsWith(path, ".zst")) return path.substr(0, path.size() - 4);
  return path;
}

std::unique_ptr<InputStream> Decompress(std::unique_ptr<InputStream> raw,
                                        Compression compression) {
  switch (compression) {
    case Compression::kGzip:
      return std::make_unique<GzipInput>(std::move(raw));
    case Compression::kZstd:
      return std::make_unique<ZstdInput>(std::move(raw));
    case Compression::kNone:
      break;
  }
  return raw;
}

absl::StatusOr<std::unique_ptr<InputStream>> OpenInput(const std::string& path) {
  if (path == "-") {
    return std::unique_ptr<InputStream>(
        std::make_unique<FdInput>("<stdin>", STDIN_FILENO, false));
  }
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return ErrnoStatus(path, "cannot open", errno);
  std::unique_ptr<InputStream> raw = std::make_unique<FdInput>(path, fd, true);
  return Decompress(std::move(raw), CompressionFromPath(path));
}

std::unique_ptr<InputStream> MemoryInput(std::string name, std::string bytes) {
  return std::make_unique<MemInput>(std::move(name), std::move(bytes));
}

absl::StatusOr<std::string> ReadAll(InputStream* in, size_t max_bytes) {
  std::string data;
  for (;;) {
    const size_t old = data.size();
    data.resize(old + kChunk);
    auto got = in->Read(data.data() + old, kChunk);
    if (!got.ok()) return got.status();
    data.resize(old + *got);
    if (*got == 0) return data;
    if (data.size() > max_bytes) {
      return absl::ResourceExhaustedError(absl::StrCat(
          in->name(), ": larger than the limit of ", max_bytes, " bytes"));
    }
  }
}

LineReader::LineReader(std::unique_ptr<InputStream> in, size_t max_line_bytes)
    : in_(std::move(in)), max_line_bytes_(max_line_bytes) {
  buffer_.resize(kChunk);
}

bool LineReader::Fill() {
  // Move the unread tail to the front, grow if full, then read more.
  if (begin_ > 0) {
    std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (end_ == buffer_.size()) buffer_.resize(buffer_.size() * 2);
  auto got = in_->Read(buffer_.data() + end_, buffer_.size() - end_);
  if (!got.ok()) {
    status_ = got.status();
    return false;
  }
  if (*got == 0) eof_ = true;
  end_ += *got;
  return true;
}

bool LineReader::Next(std::string_view* line) {
  if (!status_.ok()) return false;
  if (skipping_ && !SkipRestOfLine()) return false;
  truncated_ = false;
  size_t scan = begin_;
  for (;;) {
    const void* nl = std::memchr(buffer_.data() + scan, '\n', end_ - scan);
    if (nl != nullptr) {
      const size_t pos = static_cast<const char*>(nl) - buffer_.data();
      if (pos - begin_ > max_line_bytes_) return Cut(line);
      *line = std::string_view(buffer_.data() + begin_, pos - begin_);
      line_offset_ = consumed_;
      consumed_ += pos + 1 - begin_;
      begin_ = pos + 1;
      ++line_number_;
      return true;
    }
    if (end_ - begin_ > max_line_bytes_) return Cut(line);
    if (eof_) {
      if (begin_ == end_) return false;
      *line = std::string_view(buffer_.data() + begin_, end_ - begin_);
      line_offset_ = consumed_;
      consumed_ += end_ - begin_;
      begin_ = end_;
      ++line_number_;
      return true;
    }
    const size_t scanned = end_ - begin_;
    if (!Fill()) return false;
    scan = begin_ + scanned;
  }
}

bool LineReader::Cut(std::string_view* line) {
  *line = std::string_view(buffer_.data() + begin_, max_line_bytes_);
  line_offset_ = consumed_;
  consumed_ += max_line_bytes_;
  begin_ += max_line_bytes_;
  ++line_number_;
  truncated_ = true;
  skipping_ = true;
  return true;
}

bool LineReader::SkipRestOfLine() {
  for (;;) {
    const void* nl = std::memchr(buffer_.data() + begin_, '\n', end_ - begin_);
    if (nl != nullptr) {
      const size_t pos = static_cast<const char*>(nl) - buffer_.data();
      consumed_ += pos + 1 - begin_;
      begin_ = pos + 1;
      break;
    }
    // Drop what is buffered; the buffer is refilled from its start, so it
    // does not grow while a long line is read past.
    consumed_ += end_ - begin_;
    begin_ = end_;
    if (eof_) break;
    if (!Fill()) return false;
  }
  skipping_ = false;
  return true;
}

size_t LineReader::ReadBytes(size_t n, std::string* out) {
  if (skipping_ && !SkipRestOfLine()) return 0;
  truncated_ = false;
  size_t taken = 0;
  while (taken < n && status_.ok()) {
    if (begin_ == end_) {
      if (eof_ || !Fill()) break;
      if (begin_ == end_) break;
      continue;
    }
    const size_t take = std::min(n - taken, end_ - begin_);
    const std::string_view chunk(buffer_.data() + begin_, take);
    for (char c : chunk) line_number_ += c == '\n';
    out->append(chunk);
    begin_ += take;
    consumed_ += take;
    taken += take;
  }
  return taken;
}

}  // namespace winnow
