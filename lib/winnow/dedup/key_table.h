// Compact containers for the corpus stage's indexes, which hold one entry
// per paragraph, sentence window and LSH band of every document of a run and
// so decide its peak memory.
//
//   KeyTable table;                       // 64-bit hash -> 32-bit value
//   auto [value, inserted] = table.TryEmplace(hash, 7);
//   if (const uint32_t* v = table.Find(hash)) ...
//
//   BlockRefs refs;                       // (document, block) <-> 32 bits
//   uint32_t base = refs.Add(ordinal, ctx.blocks().size());
//   table.TryEmplace(hash, base + block);
//   BlockRefs::Resolved r = refs.Resolve(value);   // ordinal, block
//
// KeyTable is an absl swiss table split into 64 shards by the key's top
// bits. A slot is 12 bytes (the key is stored as two 32-bit halves, so the
// pair needs no padding; a plain flat_hash_map<uint64_t, uint32_t> pads its
// slot to 16) plus one control byte. Each shard grows by doubling on its
// own, so growing never holds the old and the new copy of the whole table at
// once: at most one shard's. The keys are hashes already (XXH3), so the
// table's hash only mixes them.
//
// The shards are of unequal shares: shard i gets a share of the keys
// proportional to 2^(i/64), so their fill levels are spread evenly (on a log
// scale) over one doubling, and they double one after another instead of
// all at once. A swiss table's load factor runs from 7/16 just after it
// doubles to 7/8; with equal shards the whole table's does the same, so its
// bytes per entry jump by 2x at each doubling (26-30 bytes per entry for
// much of the time); staggered, the load factor stays near its log-average
// (7/16) / ln 2 = 0.63, about 21 bytes per entry at any size.
//
// BlockRefs numbers the blocks of the documents that index something, in
// input order, so that a table value of 32 bits names a document and a
// block: 12 bytes per such document, instead of a 64-bit ordinal and a
// block in every entry. It holds at most 2^32 - 1 blocks; Add() says when it
// is full.
//
// ChunkedVector is a vector that grows by fixed chunks: no doubling slack
// and no copy when it grows.
//
// Not thread-safe: one writer, no concurrent readers.

#ifndef WINNOW_DEDUP_KEY_TABLE_H_
#define WINNOW_DEDUP_KEY_TABLE_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"

namespace winnow {

class KeyTable {
 public:
  // Inserts key -> value unless the key is there; returns the stored value
  // (the new or the existing one) and whether it was inserted. The pointer
  // is valid until the next insertion.
  std::pair<uint32_t*, bool> TryEmplace(uint64_t key, uint32_t value);
  // The value stored for `key`, or nullptr.
  const uint32_t* Find(uint64_t key) const;
  uint32_t* Find(uint64_t key);
  bool Contains(uint64_t key) const { return Find(key) != nullptr; }
  // Starts loading the memory a lookup of `key` reads, so that a run of
  // lookups whose keys are known ahead waits for memory once, not per key.
  void Prefetch(uint64_t key) const { shards_[ShardOf(key)].prefetch(Split(key)); }

  size_t size() const;
  // Bytes of the slots and control bytes of every shard (kept up to date on
  // insertion: O(1)).
  size_t memory_bytes() const { return memory_bytes_; }
  // Bytes per slot and its control byte.
  static constexpr size_t kSlotBytes = 13;

 private:
  // A 64-bit key in two halves: 4-byte alignment, so key and value pack
  // into 12 bytes.
  struct Key {
    uint32_t lo = 0;
    uint32_t hi = 0;
    friend bool operator==(const Key&, const Key&) = default;
  };
  struct KeyHash {
    size_t operator()(const Key& k) const {
      // The key is a good hash already: one multiply spreads its bits.
      const uint64_t v = (uint64_t{k.hi} << 32) | k.lo;
      return static_cast<size_t>((v ^ (v >> 29)) * 0x9E3779B97F4A7C15ULL);
    }
  };
  using Shard = absl::flat_hash_map<Key, uint32_t, KeyHash>;
  static_assert(sizeof(std::pair<const Key, uint32_t>) == 12);

  static constexpr size_t kShards = 64;
  static Key Split(uint64_t key) {
    return {static_cast<uint32_t>(key), static_cast<uint32_t>(key >> 32)};
  }
  // The shard of each value of a key's top 16 bits (see above).
  static const std::array<uint8_t, 65536>& ShardTable();
  static size_t ShardOf(uint64_t key) { return ShardTable()[key >> 48]; }

  std::array<Shard, kShards> shards_;
  size_t memory_bytes_ = 0;
};

class BlockRefs {
 public:
  static constexpr uint32_t kFull = UINT32_MAX;

  // Numbers the `blocks` blocks of the document with this ordinal (call once
  // per document, in input order, before its first reference is stored) and
  // returns the reference of its block 0; block b is that + b. kFull when
  // 2^32 - 1 references are used up.
  uint32_t Add(uint64_t ordinal, uint32_t blocks);

  struct Resolved {
    uint64_t ordinal = 0;
    int32_t block = 0;
    uint32_t document = 0;  // 0, 1, 2, ... in the order of Add()
  };
  // The document and block of a reference Add() handed out.
  Resolved Resolve(uint32_t ref) const;

  size_t documents() const { return bases_.size(); }
  size_t memory_bytes() const {
    return bases_.capacity() * sizeof(uint32_t) + ordinals_.capacity() * sizeof(uint64_t);
  }

 private:
  std::vector<uint32_t> bases_;     // first reference of each document
  std::vector<uint64_t> ordinals_;  // its ordinal
  uint64_t next_ = 0;
};

template <typename T>
class ChunkedVector {
 public:
  static constexpr size_t kChunk = size_t{1} << 12;

  size_t size() const { return size_; }
  T& operator[](size_t i) { return chunks_[i / kChunk][i % kChunk]; }
  const T& operator[](size_t i) const { return chunks_[i / kChunk][i % kChunk]; }
  void push_back(const T& value) {
    if (size_ == chunks_.size() * kChunk) chunks_.push_back(std::make_unique<T[]>(kChunk));
    (*this)[size_++] = value;
  }
  size_t memory_bytes() const {
    return chunks_.size() * kChunk * sizeof(T) + chunks_.capacity() * sizeof(void*);
  }

 private:
  std::vector<std::unique_ptr<T[]>> chunks_;
  size_t size_ = 0;
};

}  // namespace winnow

#endif  // WINNOW_DEDUP_KEY_TABLE_H_
