// ShingleStore: the shingle sets of indexed documents, kept for verifying
// near-duplicate candidates by their true Jaccard similarity.
//
//   ShingleStore store(ShingleStore::Options{.spill_dir = "/tmp"});
//   ShingleStore::Ref ref = store.Add(shingles);   // O(1) bytes in memory
//   std::span<const uint32_t> s = store.Get(ref, &scratch);
//
// A document's shingles are stored as given, as 32-bit fingerprints
// (hash/hash.h, ShingleFingerprint): a sorted set, or, from the pipeline,
// the list in text order with its repeats (CorpusOptions::sort_shingles;
// about a tenth more). They are by far the largest part of the corpus
// state (4 bytes per shingle, about one per word: 0.64 times the input on
// the standard benchmark corpus, 683 MB at 1 GiB), and are read back only
// for LSH candidates (a few per cent of the documents).
// So by default they are appended to a temporary file (created in spill_dir
// and unlinked at once, so nothing is left behind even after a crash) and
// read back with pread: what the process holds is a 1 MiB write buffer and
// 12 bytes per document; the kernel's page cache, which the system can
// reclaim, holds the rest. With spill_dir empty they stay in memory.
//
// Errors: a failing write or read (disk full, I/O error) is recorded in
// status(); later Add() calls store nothing and Get() returns an empty set,
// so the caller must check status() and end the run (pipeline/run.cc does).
//
// Not thread-safe.

#ifndef WINNOW_DEDUP_SHINGLE_STORE_H_
#define WINNOW_DEDUP_SHINGLE_STORE_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "absl/status/status.h"

namespace winnow {

class ShingleStore {
 public:
  struct Options {
    // Folder of the temporary file; "" keeps the sets in memory.
    std::string spill_dir;
    size_t buffer_bytes = size_t{1} << 20;
  };
  using Element = uint32_t;  // a shingle's fingerprint
  struct Ref {
    uint64_t offset = 0;  // in elements
    uint32_t size = 0;    // elements
  };

  explicit ShingleStore(Options options);
  ~ShingleStore();
  ShingleStore(const ShingleStore&) = delete;
  ShingleStore& operator=(const ShingleStore&) = delete;

  Ref Add(std::span<const Element> shingles);
  // The set `ref` names; the span lives until the next Get or Add with the
  // same scratch.
  std::span<const Element> Get(Ref ref, std::vector<Element>* scratch);

  const absl::Status& status() const { return status_; }
  bool spilling() const { return fd_ >= 0; }
  // Bytes of sets held in process memory (the buffer, or every set when not
  // spilling) and bytes written to the file.
  size_t memory_bytes() const;
  uint64_t spilled_bytes() const { return flushed_ * sizeof(Element); }

 private:
  bool Flush();
  void Fail(const std::string& what, int error);

  Options options_;
  int fd_ = -1;
  std::string path_;
  absl::Status status_;
  std::vector<Element> buffer_;  // elements from flushed_ on (or all)
  uint64_t flushed_ = 0;          // elements written to the file
};

}  // namespace winnow

#endif  // WINNOW_DEDUP_SHINGLE_STORE_H_
