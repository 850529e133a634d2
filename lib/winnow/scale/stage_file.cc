#include "winnow/scale/stage_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "winnow/base/status_macros.h"
#include "winnow/base/strings.h"
#include "winnow/io/output.h"
#include "xxhash.h"

namespace winnow {
namespace {

constexpr char kMagic[8] = {'W', 'N', 'W', 'S', 'T', 'A', 'G', 'E'};
constexpr char kEndMagic[8] = {'W', 'N', 'W', 'S', 'T', 'E', 'N', 'D'};
// 2: line keys are the hash of the joined normalized words (was: of their
// hashes), so a work folder begun by an older winnow is refused, never mixed.
constexpr uint32_t kVersion = 4;

template <typename T>
void Put(char* at, T value) {
  std::memcpy(at, &value, sizeof value);
}
template <typename T>
T Get(const char* at) {
  T value;
  std::memcpy(&value, at, sizeof value);
  return value;
}

absl::Status Bad(const std::string& path, std::string_view what) {
  return absl::DataLossError(absl::StrCat(path, ": not a valid stage file: ", ToAbsl(what)));
}

// Checks a header; *record_size receives its record size.
absl::Status CheckHeader(const std::string& path, const char* h, StageFileKind kind,
                         uint32_t task, uint32_t* record_size) {
  if (std::memcmp(h, kMagic, 8) != 0) return Bad(path, "bad magic (not a winnow stage file)");
  if (Get<uint32_t>(h + 8) != kVersion) {
    return Bad(path, absl::StrCat("version ", Get<uint32_t>(h + 8), ", expected ", kVersion));
  }
  const auto got_kind = static_cast<StageFileKind>(Get<uint32_t>(h + 12));
  if (got_kind != kind) {
    return Bad(path, absl::StrCat("holds ", ToAbsl(StageFileKindName(got_kind)), ", expected ",
                                  ToAbsl(StageFileKindName(kind))));
  }
  if (Get<uint32_t>(h + 16) != task) {
    return Bad(path, absl::StrCat("written for task ", Get<uint32_t>(h + 16), ", expected ",
                                  task, " (files mixed up?)"));
  }
  *record_size = Get<uint32_t>(h + 20);
  if (Get<uint64_t>(h + 24) != 0) return Bad(path, "damaged header (reserved bytes set)");
  return absl::OkStatus();
}

// Checks a trailer against the file size; fills counts.
absl::Status CheckTrailer(const std::string& path, const char* t, uint64_t file_bytes,
                          uint32_t record_size, uint64_t* records, uint64_t* payload) {
  if (std::memcmp(t + 24, kEndMagic, 8) != 0) return Bad(path, "no trailer (truncated?)");
  *records = Get<uint64_t>(t);
  *payload = Get<uint64_t>(t + 8);
  if (*payload + kStageFileHeaderBytes + kStageFileTrailerBytes != file_bytes) {
    return Bad(path, absl::StrCat("size ", file_bytes, " bytes does not match its ", *payload,
                                  " payload bytes (truncated or extended)"));
  }
  const bool counts_match = record_size == 0 ? *records == *payload
                                              : *payload % record_size == 0 &&
                                                    *records == *payload / record_size;
  if (!counts_match) {
    return Bad(path, absl::StrCat(*records, " records of ", record_size, " bytes do not make ",
                                  *payload, " bytes"));
  }
  return absl::OkStatus();
}

}  // namespace

std::string_view StageFileKindName(StageFileKind kind) {
  switch (kind) {
    case StageFileKind::kPlan: return "plan";
    case StageFileKind::kLineKeys: return "line keys";
    case StageFileKind::kShardInfo: return "shard info";
    case StageFileKind::kLineCounts: return "line counts";
    case StageFileKind::kDocHash: return "document hashes";
    case StageFileKind::kBand: return "band keys";
    case StageFileKind::kShingles: return "shingle sets";
    case StageFileKind::kParagraph: return "paragraphs";
    case StageFileKind::kWindow: return "sentence windows";
    case StageFileKind::kExact: return "exact duplicates";
    case StageFileKind::kPair: return "verified pairs";
    case StageFileKind::kDecision: return "decisions";
    case StageFileKind::kSummary: return "summary";
  }
  return "unknown kind";
}

uint64_t StageChecksum(std::string_view bytes) { return XXH3_64bits(bytes.data(), bytes.size()); }

struct StageFileWriter::Impl {
  std::unique_ptr<OutputFile> out;
  XXH3_state_t* state = nullptr;
  ~Impl() {
    if (state != nullptr) XXH3_freeState(state);
  }
};

StageFileWriter::~StageFileWriter() = default;

absl::StatusOr<std::unique_ptr<StageFileWriter>> StageFileWriter::Create(const std::string& path,
                                                                         StageFileKind kind,
                                                                         uint32_t task,
                                                                         uint32_t record_size,
                                                                         size_t buffer_bytes) {
  std::unique_ptr<StageFileWriter> w(new StageFileWriter());
  w->impl_ = std::make_unique<Impl>();
  WINNOW_ASSIGN_OR_RETURN(w->impl_->out, OutputFile::Create(path));
  w->impl_->state = XXH3_createState();
  XXH3_64bits_reset(w->impl_->state);
  w->record_size_ = record_size;
  char header[kStageFileHeaderBytes] = {};
  std::memcpy(header, kMagic, 8);
  Put<uint32_t>(header + 8, kVersion);
  Put<uint32_t>(header + 12, static_cast<uint32_t>(kind));
  Put<uint32_t>(header + 16, task);
  Put<uint32_t>(header + 20, record_size);
  WINNOW_RETURN_IF_ERROR(w->impl_->out->Write(std::string_view(header, sizeof header)));
  w->buffer_bytes_ = std::max<size_t>(buffer_bytes, 4096);
  w->buffer_.reserve(w->buffer_bytes_);
  return w;
}

absl::Status StageFileWriter::Flush() {
  if (buffer_.empty()) return absl::OkStatus();
  XXH3_64bits_update(impl_->state, buffer_.data(), buffer_.size());
  absl::Status s = impl_->out->Write(buffer_);
  buffer_.clear();
  return s;
}

absl::Status StageFileWriter::Append(const void* data, size_t size) {
  buffer_.append(static_cast<const char*>(data), size);
  payload_bytes_ += size;
  if (buffer_.size() >= buffer_bytes_) return Flush();
  return absl::OkStatus();
}

absl::Status StageFileWriter::Commit() {
  WINNOW_RETURN_IF_ERROR(Flush());
  char trailer[kStageFileTrailerBytes] = {};
  Put<uint64_t>(trailer, record_size_ == 0 ? payload_bytes_ : payload_bytes_ / record_size_);
  Put<uint64_t>(trailer + 8, payload_bytes_);
  Put<uint64_t>(trailer + 16, XXH3_64bits_digest(impl_->state));
  std::memcpy(trailer + 24, kEndMagic, 8);
  WINNOW_RETURN_IF_ERROR(impl_->out->Write(std::string_view(trailer, sizeof trailer)));
  return impl_->out->Commit();
}

absl::StatusOr<StageFile> ReadStageFile(const std::string& path, StageFileKind kind,
                                        uint32_t task, uint32_t record_size) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const int err = errno;
    if (err == ENOENT) {
      return absl::NotFoundError(absl::StrCat(path, ": missing (did the task that writes ",
                                              ToAbsl(StageFileKindName(kind)), " finish?)"));
    }
    return absl::UnavailableError(absl::StrCat(path, ": ", std::strerror(err)));
  }
  StageFile file;
  struct stat st {};
  absl::Status status;
  if (::fstat(fd, &st) != 0) {
    status = absl::UnavailableError(absl::StrCat(path, ": ", std::strerror(errno)));
  } else {
    file.bytes_.resize(static_cast<size_t>(st.st_size));
    size_t done = 0;
    while (done < file.bytes_.size()) {
      const ssize_t n = ::read(fd, file.bytes_.data() + done, file.bytes_.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        status = absl::UnavailableError(absl::StrCat(path, ": read failed"));
        break;
      }
      done += static_cast<size_t>(n);
    }
  }
  ::close(fd);
  WINNOW_RETURN_IF_ERROR(status);
  const std::string& b = file.bytes_;
  if (b.size() < kStageFileHeaderBytes + kStageFileTrailerBytes) {
    return Bad(path, absl::StrCat("only ", b.size(), " bytes (truncated)"));
  }
  uint32_t got_size = 0;
  WINNOW_RETURN_IF_ERROR(CheckHeader(path, b.data(), kind, task, &got_size));
  if (got_size != record_size) {
    return Bad(path, absl::StrCat("records of ", got_size, " bytes, expected ", record_size));
  }
  WINNOW_RETURN_IF_ERROR(CheckTrailer(path, b.data() + b.size() - kStageFileTrailerBytes,
                                      b.size(), record_size, &file.record_count_,
                                      &file.payload_bytes_));
  const uint64_t want = Get<uint64_t>(b.data() + b.size() - kStageFileTrailerBytes + 16);
  if (StageChecksum(file.payload()) != want) {
    return Bad(path, "checksum mismatch (corrupted)");
  }
  return file;
}

StageFileRange::~StageFileRange() {
  if (fd_ >= 0) ::close(fd_);
}

absl::StatusOr<std::unique_ptr<StageFileRange>> StageFileRange::Open(const std::string& path,
                                                                     StageFileKind kind,
                                                                     uint32_t task) {
  std::unique_ptr<StageFileRange> r(new StageFileRange());
  r->path_ = path;
  r->fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (r->fd_ < 0) return absl::NotFoundError(absl::StrCat(path, ": ", std::strerror(errno)));
  struct stat st {};
  if (::fstat(r->fd_, &st) != 0 ||
      static_cast<uint64_t>(st.st_size) < kStageFileHeaderBytes + kStageFileTrailerBytes) {
    return Bad(path, "too short (truncated)");
  }
  char header[kStageFileHeaderBytes];
  char trailer[kStageFileTrailerBytes];
  if (::pread(r->fd_, header, sizeof header, 0) != static_cast<ssize_t>(sizeof header) ||
      ::pread(r->fd_, trailer, sizeof trailer,
              st.st_size - static_cast<off_t>(sizeof trailer)) !=
          static_cast<ssize_t>(sizeof trailer)) {
    return Bad(path, "cannot read header and trailer");
  }
  uint32_t record_size = 0;
  WINNOW_RETURN_IF_ERROR(CheckHeader(path, header, kind, task, &record_size));
  uint64_t records = 0;
  WINNOW_RETURN_IF_ERROR(CheckTrailer(path, trailer, static_cast<uint64_t>(st.st_size),
                                      record_size, &records, &r->payload_bytes_));
  return r;
}

absl::Status StageFileRange::Read(uint64_t offset, std::span<char> out) const {
  if (offset + out.size() > payload_bytes_) {
    return Bad(path_, absl::StrCat("range ", offset, "+", out.size(), " is past its ",
                                   payload_bytes_, " payload bytes"));
  }
  size_t done = 0;
  while (done < out.size()) {
    const ssize_t n = ::pread(fd_, out.data() + done, out.size() - done,
                              static_cast<off_t>(kStageFileHeaderBytes + offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return absl::UnavailableError(absl::StrCat(path_, ": read failed"));
    done += static_cast<size_t>(n);
  }
  return absl::OkStatus();
}

}  // namespace winnow
