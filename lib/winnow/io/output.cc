#include "winnow/io/output.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <vector>

#include "absl/strings/str_cat.h"
#include "winnow/base/strings.h"
#include "winnow/io/input.h"

namespace winnow {
namespace {

constexpr size_t kBufferSize = size_t{1} << 17;
// A file's dirty pages are handed to the disk every this many bytes
// (sync_file_range), so that the fsync before the rename waits for the last
// stretch only, not for the whole output written at the end.
constexpr off_t kWritebackBytes = off_t{32} << 20;

absl::Status ErrnoError(const std::string& path, std::string_view what, int err) {
  const std::string message =
      absl::StrCat(path, ": ", ToAbsl(what), ": ", std::strerror(err));
  if (err == ENOENT) return absl::NotFoundError(message);
  if (err == EACCES || err == EPERM || err == EROFS) {
    return absl::PermissionDeniedError(message);
  }
  if (err == ENOSPC || err == EDQUOT) return absl::ResourceExhaustedError(message);
  return absl::UnavailableError(message);
}

// Buffered writes to a file descriptor; compression layers sit on top.
class Sink {
 public:
  // With `writeback`, written bytes are sent to the disk as the file grows
  // (a regular file that is fsync'ed at the end).
  Sink(std::string name, int fd, bool writeback)
      : name_(std::move(name)), fd_(fd), writeback_(writeback) {
    buffer_.reserve(kBufferSize);
  }
  absl::Status Write(const char* data, size_t n) {
    if (buffer_.size() + n > kBufferSize) {
      auto s = Flush();
      if (!s.ok()) return s;
      if (n >= kBufferSize) return WriteFd(data, n);
    }
    buffer_.insert(buffer_.end(), data, data + n);
    return absl::OkStatus();
  }
  absl::Status Flush() {
    auto s = WriteFd(buffer_.data(), buffer_.size());
    buffer_.clear();
    return s;
  }

 private:
  absl::Status WriteFd(const char* data, size_t n) {
    while (n > 0) {
      const ssize_t put = write(fd_, data, n);
      if (put < 0) {
        if (errno == EINTR) continue;
        return ErrnoError(name_, "write failed", errno);
      }
      data += put;
      n -= static_cast<size_t>(put);
      written_ += put;
    }
    if (writeback_ && written_ - synced_ >= kWritebackBytes) {
      // Only a hint: an error here shows again at the fsync, which reports it.
      // A file that takes none (EINVAL, ESPIPE) is not asked again.
      if (sync_file_range(fd_, synced_, written_ - synced_, SYNC_FILE_RANGE_WRITE) != 0 &&
          errno != EINTR) {
        writeback_ = false;
      }
      // The stretch handed over the time before is on the disk by now (or
      // nearly): wait for it, and drop its pages from the page cache. The
      // output is not read again, and its pages are reused at once for the
      // next stretch instead of fresh memory being taken for every page
      // written (which costs a fault in the host on a VM).
      if (writeback_ && synced_ > dropped_ &&
          sync_file_range(fd_, dropped_, synced_ - dropped_,
                          SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE |
                              SYNC_FILE_RANGE_WAIT_AFTER) == 0) {
        posix_fadvise(fd_, dropped_, synced_ - dropped_, POSIX_FADV_DONTNEED);
        dropped_ = synced_;
      }
      synced_ = written_;
    }
    return absl::OkStatus();
  }

  std::string name_;
  int fd_;
  bool writeback_;
  off_t written_ = 0;  // bytes written to fd_
  off_t synced_ = 0;   // ... of which handed to the disk
  off_t dropped_ = 0;  // ... of which dropped from the page cache
  std::vector<char> buffer_;
};

// Compression applied between the caller and the Sink.
class Encoder {
 public:
  virtual ~Encoder() = default;
  virtual absl::Status Write(std::string_view bytes, Sink* sink) = 0;
  virtual absl::Status Finish(Sink* sink) = 0;
};

class PlainEncoder final : public Encoder {
 public:
  absl::Status Write(std::string_view bytes, Sink* sink) override {
    return sink->Write(bytes.data(), bytes.size());
  }
  absl::Status Finish(Sink*) override { return absl::OkStatus(); }
};

class GzipEncoder final : public Encoder {
 public:
  explicit GzipEncoder(std::string name) : name_(std::move(name)), out_(kBufferSize) {
    std::memset(&z_, 0, sizeof(z_));
    ok_ = deflateInit2(&z_, 6, Z_DEFLATED, 16 + MAX_WBITS, 8,
                       Z_DEFAULT_STRATEGY) == Z_OK;
  }
  ~GzipEncoder() override { deflateEnd(&z_); }
  absl::Status Write(std::string_view bytes, Sink* sink) override {
    return Run(bytes, Z_NO_FLUSH, sink);
  }
  absl::Status Finish(Sink* sink) override { return Run({}, Z_FINISH, sink); }

 private:
  absl::Status Run(std::string_view bytes, int flush, Sink* sink) {
    if (!ok_) return absl::InternalError(absl::StrCat(name_, ": zlib init failed"));
    z_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
    z_.avail_in = static_cast<uInt>(bytes.size());
    for (;;) {
      z_.next_out = reinterpret_cast<Bytef*>(out_.data());
      z_.avail_out = static_cast<uInt>(out_.size());
      const int rc = deflate(&z_, flush);
      if (rc == Z_STREAM_ERROR) return absl::InternalError(name_ + ": deflate failed");
      auto s = sink->Write(out_.data(), out_.size() - z_.avail_out);
      if (!s.ok()) return s;
      if (flush == Z_FINISH ? rc == Z_STREAM_END : z_.avail_in == 0) break;
    }
    return absl::OkStatus();
  }

  std::string name_;
  z_stream z_;
  bool ok_ = false;
  std::vector<char> out_;
};

class ZstdEncoder final : public Encoder {
 public:
  explicit ZstdEncoder(std::string name)
      : name_(std::move(name)), cctx_(ZSTD_createCCtx()), out_(ZSTD_CStreamOutSize()) {
    ZSTD_CCtx_setParameter(cctx_, ZSTD_c_compressionLevel, 3);
    ZSTD_CCtx_setParameter(cctx_, ZSTD_c_checksumFlag, 1);
  }
  ~ZstdEncoder() override { ZSTD_freeCCtx(cctx_); }
  absl::Status Write(std::string_view bytes, Sink* sink) override {
    return Run(bytes, ZSTD_e_continue, sink);
  }
  absl::Status Finish(Sink* sink) override { return Run({}, ZSTD_e_end, sink); }

 private:
  absl::Status Run(std::string_view bytes, ZSTD_EndDirective mode, Sink* sink) {
    ZSTD_inBuffer in = {bytes.data(), bytes.size(), 0};
    for (;;) {
      ZSTD_outBuffer out = {out_.data(), out_.size(), 0};
      const size_t left = ZSTD_compressStream2(cctx_, &out, &in, mode);
      if (ZSTD_isError(left)) {
        return absl::InternalError(
            absl::StrCat(name_, ": zstd: ", ZSTD_getErrorName(left)));
      }
      auto s = sink->Write(out_.data(), out.pos);
      if (!s.ok()) return s;
      const bool done = mode == ZSTD_e_end ? left == 0 : in.pos == in.size;
      if (done) break;
    }
    return absl::OkStatus();
  }

  std::string name_;
  ZSTD_CCtx* cctx_;
  std::vector<char> out_;
};

class FileOutput final : public OutputFile {
 public:
  FileOutput(std::string path, std::string temp, int fd, std::unique_ptr<Encoder> enc)
      : OutputFile(std::move(path)),
        temp_(std::move(temp)),
        fd_(fd),
        sink_(temp_.empty() ? std::string("<stdout>") : temp_, fd, !temp_.empty()),
        encoder_(std::move(enc)) {}

  ~FileOutput() override {
    if (!temp_.empty() && !committed_) {
      close(fd_);
      unlink(temp_.c_str());
    }
  }

  absl::Status Write(std::string_view bytes) override {
    bytes_written_ += bytes.size();
    return encoder_->Write(bytes, &sink_);
  }

  absl::Status Commit() override {
    auto s = encoder_->Finish(&sink_);
    if (s.ok()) s = sink_.Flush();
    if (!s.ok()) return s;
    if (temp_.empty()) return absl::OkStatus();  // stdout
    if (fsync(fd_) != 0 && errno != EINVAL) return ErrnoError(path_, "fsync failed", errno);
    if (close(fd_) != 0) {
      const int err = errno;
      unlink(temp_.c_str());
      committed_ = true;
      return ErrnoError(path_, "close failed", err);
    }
    committed_ = true;
    if (rename(temp_.c_str(), path_.c_str()) != 0) {
      const int err = errno;
      unlink(temp_.c_str());
      return ErrnoError(path_, "rename failed", err);
    }
    return absl::OkStatus();
  }

 private:
  std::string temp_;  // empty for stdout
  int fd_;
  Sink sink_;
  std::unique_ptr<Encoder> encoder_;
  bool committed_ = false;
};

std::unique_ptr<Encoder> MakeEncoder(const std::string& path) {
  switch (CompressionFromPath(path)) {
    case Compression::kGzip:
      return std::make_unique<GzipEncoder>(path);
    case Compression::kZstd:
      return std::make_unique<ZstdEncoder>(path);
    case Compression::kNone:
      break;
  }
  return std::make_unique<PlainEncoder>();
}

}  // namespace

absl::StatusOr<std::unique_ptr<OutputFile>> OutputFile::Create(const std::string& path) {
  if (path == "-") {
    return std::unique_ptr<OutputFile>(std::make_unique<FileOutput>(
        "<stdout>", "", STDOUT_FILENO, std::make_unique<PlainEncoder>()));
  }
  const std::filesystem::path final_path(path);
  const std::string temp =
      (final_path.parent_path() /
       absl::StrCat(".", final_path.filename().string(), ".winnow-tmp-", getpid()))
          .string();
  const int fd = open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return ErrnoError(path, "cannot create", errno);
  return std::unique_ptr<OutputFile>(
      std::make_unique<FileOutput>(path, temp, fd, MakeEncoder(path)));
}

}  // namespace winnow
