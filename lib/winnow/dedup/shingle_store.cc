#include "winnow/dedup/shingle_store.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"

namespace winnow {

ShingleStore::ShingleStore(Options options) : options_(std::move(options)) {
  if (options_.spill_dir.empty()) return;
  std::string pattern = options_.spill_dir;
  if (pattern.back() != '/') pattern.push_back('/');
  pattern += "winnow-shingles-XXXXXX";
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  fd_ = mkstemp(name.data());
  if (fd_ < 0) {
    Fail(absl::StrCat("cannot create a temporary file in ", options_.spill_dir), errno);
    return;
  }
  path_.assign(name.data());
  unlink(path_.c_str());  // gone when closed, whatever happens
}

ShingleStore::~ShingleStore() {
  if (fd_ >= 0) close(fd_);
}

void ShingleStore::Fail(const std::string& what, int error) {
  if (!status_.ok()) return;
  status_ = absl::ResourceExhaustedError(
      absl::StrCat("corpus stage: ", what, ": ", std::strerror(error),
                   " (the shingle sets of indexed documents go to a temporary file; "
                   "set TMPDIR or --tmp-dir to a folder with room)"));
}

bool ShingleStore::Flush() {
  if (fd_ < 0 || buffer_.empty()) return status_.ok();
  const char* data = reinterpret_cast<const char*>(buffer_.data());
  size_t left = buffer_.size() * sizeof(Element);
  off_t at = static_cast<off_t>(flushed_ * sizeof(Element));
  while (left > 0) {
    const ssize_t n = pwrite(fd_, data, left, at);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      Fail(absl::StrCat("cannot write ", path_), n < 0 ? errno : ENOSPC);
      return false;
    }
    data += n;
    at += n;
    left -= static_cast<size_t>(n);
  }
  flushed_ += buffer_.size();
  buffer_.clear();
  return true;
}

ShingleStore::Ref ShingleStore::Add(std::span<const Element> shingles) {
  if (!status_.ok()) return Ref{};
  const size_t limit = std::max<size_t>(1, options_.buffer_bytes / sizeof(Element));
  if (fd_ >= 0 && !buffer_.empty() && buffer_.size() + shingles.size() > limit && !Flush()) {
    return Ref{};
  }
  Ref ref;
  ref.offset = flushed_ + buffer_.size();
  ref.size = static_cast<uint32_t>(shingles.size());
  buffer_.insert(buffer_.end(), shingles.begin(), shingles.end());
  if (fd_ >= 0 && buffer_.size() >= limit && !Flush()) return Ref{};
  return ref;
}

std::span<const ShingleStore::Element> ShingleStore::Get(Ref ref, std::vector<Element>* scratch) {
  if (ref.size == 0) return {};
  if (ref.offset >= flushed_) {
    return std::span<const Element>(buffer_.data() + (ref.offset - flushed_), ref.size);
  }
  scratch->resize(ref.size);
  char* data = reinterpret_cast<char*>(scratch->data());
  size_t left = ref.size * sizeof(Element);
  off_t at = static_cast<off_t>(ref.offset * sizeof(Element));
  while (left > 0) {
    const ssize_t n = pread(fd_, data, left, at);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      Fail(absl::StrCat("cannot read back ", path_), n < 0 ? errno : EIO);
      return {};
    }
    data += n;
    at += n;
    left -= static_cast<size_t>(n);
  }
  return *scratch;
}

size_t ShingleStore::memory_bytes() const { return buffer_.capacity() * sizeof(Element); }

}  // namespace winnow
