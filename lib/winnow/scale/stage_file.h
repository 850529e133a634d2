// Stage files: the checksummed intermediate files of a staged run
// (scale/staged.h), written by one task and read by later ones.
//
//   WINNOW_ASSIGN_OR_RETURN(auto w, StageFileWriter::Create(path, StageFileKind::kBand,
//                                                           /*task=*/3, sizeof(BandRecord)));
//   WINNOW_RETURN_IF_ERROR(w->Append(&record, sizeof record));
//   WINNOW_RETURN_IF_ERROR(w->Commit());     // atomic rename (io/output.h)
//
//   WINNOW_ASSIGN_OR_RETURN(StageFile f, ReadStageFile(path, StageFileKind::kBand, 3,
//                                                      sizeof(BandRecord)));
//   for (const BandRecord& r : f.Records<BandRecord>()) ...
//
// Layout (integers little-endian, as the machines that run winnow are):
//
//   header   32 bytes: magic "WNWSTAGE", u32 version (4: shingle sets of
//            32-bit fingerprints; 3 had 64-bit hashes, 2 band keys from K
//            permutations, not one-permutation MinHash), u32 kind,
//            u32 task (shard or bucket), u32 record size (0: bytes),
//            u64 reserved (0)
//   payload  record_count * record_size bytes
//   trailer  32 bytes: u64 record count, u64 payload bytes,
//            u64 XXH3-64 of the payload, magic "WNWSTEND"
//
// The reader checks everything: both magics, the version, the kind and task
// it expects (a file from another stage or shard mixed in by mistake), the
// record size, that the file is exactly header + payload + trailer long (a
// truncated or extended file) and the payload's checksum. Any mismatch is
// kDataLoss naming the file and what is wrong; a file that is absent is
// kNotFound. Writers go through OutputFile, so a file exists under its final
// name only complete.
//
// Random access (ReadStageFileRange) reads part of a payload after checking
// the header, trailer and size; the caller checks what it read against a
// checksum it stored elsewhere (the shingle sets: BandRecord::shingle_sum).
//
// Not thread-safe: a writer or a StageFile is used by one thread.

#ifndef WINNOW_SCALE_STAGE_FILE_H_
#define WINNOW_SCALE_STAGE_FILE_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace winnow {

enum class StageFileKind : uint32_t {
  kPlan = 1,        // the manifest (text)
  kLineKeys = 2,    // map1 -> reduce1: LineKeyRecord
  kShardInfo = 3,   // map1: documents in the shard (ShardInfoRecord)
  kLineCounts = 4,  // reduce1 -> map2, filter: LineCountRecord
  kDocHash = 5,     // map2 -> reduce2: HashRecord
  kBand = 6,        // map2 -> reduce2: BandRecord
  kShingles = 7,    // map2 -> reduce2: u64 shingle hashes
  kParagraph = 8,   // map2 -> reduce2 -> cluster: ItemRecord
  kWindow = 9,      // map2 -> reduce2 -> cluster: ItemRecord
  kExact = 10,      // reduce2 -> cluster: HashRecord (ordinal, kept)
  kPair = 11,       // reduce2 -> cluster: PairRecord
  kDecision = 12,   // cluster -> filter: DecisionRecord
  kSummary = 13,    // any: text (JSON)
};

std::string_view StageFileKindName(StageFileKind kind);

inline constexpr size_t kStageFileHeaderBytes = 32;
inline constexpr size_t kStageFileTrailerBytes = 32;

class StageFileWriter {
 public:
  // Creates `path` (its folder must exist); record_size 0 means free bytes.
  // Appends are buffered up to buffer_bytes (a task writing one file per
  // bucket passes less: its buffers add up).
  static absl::StatusOr<std::unique_ptr<StageFileWriter>> Create(
      const std::string& path, StageFileKind kind, uint32_t task, uint32_t record_size,
      size_t buffer_bytes = size_t{1} << 20);
  ~StageFileWriter();
  // Appends whole records (size a multiple of the record size).
  absl::Status Append(const void* data, size_t size);
  // Writes the trailer and renames the file into place.
  absl::Status Commit();
  uint64_t payload_bytes() const { return payload_bytes_; }

 private:
  StageFileWriter() = default;
  absl::Status Flush();

  struct Impl;
  std::unique_ptr<Impl> impl_;
  uint32_t record_size_ = 0;
  uint64_t payload_bytes_ = 0;
  size_t buffer_bytes_ = 0;
  std::string buffer_;
};

// A whole stage file, checked, in memory.
class StageFile {
 public:
  std::string_view payload() const {
    return std::string_view(bytes_).substr(kStageFileHeaderBytes, payload_bytes_);
  }
  uint64_t record_count() const { return record_count_; }
  // The records as an array of T (T is the record type the file holds).
  template <typename T>
  std::span<const T> Records() const {
    return {reinterpret_cast<const T*>(bytes_.data() + kStageFileHeaderBytes),
            static_cast<size_t>(payload_bytes_ / sizeof(T))};
  }

 private:
  friend absl::StatusOr<StageFile> ReadStageFile(const std::string&, StageFileKind, uint32_t,
                                                 uint32_t);
  std::string bytes_;  // the whole file; 8-byte aligned by the allocator
  uint64_t payload_bytes_ = 0;
  uint64_t record_count_ = 0;
};

// Reads and checks `path` (see the file comment).
absl::StatusOr<StageFile> ReadStageFile(const std::string& path, StageFileKind kind,
                                        uint32_t task, uint32_t record_size);

// An open stage file for reading parts of its payload.
class StageFileRange {
 public:
  static absl::StatusOr<std::unique_ptr<StageFileRange>> Open(const std::string& path,
                                                              StageFileKind kind,
                                                              uint32_t task);
  ~StageFileRange();
  // Reads payload bytes [offset, offset + out.size()).
  absl::Status Read(uint64_t offset, std::span<char> out) const;
  const std::string& path() const { return path_; }

 private:
  StageFileRange() = default;
  std::string path_;
  int fd_ = -1;
  uint64_t payload_bytes_ = 0;
};

// XXH3-64 of bytes (the checksum stage files use).
uint64_t StageChecksum(std::string_view bytes);

}  // namespace winnow

#endif  // WINNOW_SCALE_STAGE_FILE_H_
