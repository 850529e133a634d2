// Compact containers for the corpus stage's indexes, which hold one entry
// per paragraph, sentence window and LSH band of every document of a run and
// so decide its peak memory, and for the first pass's line counts
// (clean/line_frequency.h), one entry per distinct line.
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
// KeyTable is an open-addressing table of 64-byte buckets, one cache line
// each, split into 64 shards by the key's top bits. A bucket holds up to
// five entries of 12 bytes (the key as two 32-bit halves and the value) and
// a count; a lookup reads the key's home bucket and, only when that bucket
// overflowed once (a flag), the ones after it. So most lookups read one
// cache line, where a swiss table reads a control byte and then a slot in
// another line. The keys are hashes already (XXH3), so the table's hash only
// mixes them. Each shard doubles on its own when it is 7/8 full, so growing
// never holds the old and the new copy of the whole table at once: at most
// one shard's. A table told its final size (Plan) grows each shard once,
// straight to its share, when it next fills.
//
// The shards are of unequal shares: shard i gets a share of the keys
// proportional to 2^(i/64), so their fill levels are spread evenly (on a log
// scale) over one doubling, and they double one after another instead of
// all at once. A table that doubles at 7/8 full runs from 7/16 just after it
// doubles to 7/8; with equal shards the whole table's load does the same,
// so its bytes per entry jump by 2x at each doubling; staggered, the load
// stays near its log-average (7/16) / ln 2 = 0.63, about 20 bytes per entry
// (12.8 bytes of bucket per entry when full) at any size.
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
// Not thread-safe while it is written: one writer, and no reader meanwhile.
// Once nothing writes, any number of threads may look keys up (Find,
// Contains, ForEach are const and change nothing).

#ifndef WINNOW_BASE_KEY_TABLE_H_
#define WINNOW_BASE_KEY_TABLE_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

namespace winnow {

class KeyTable {
 public:
  KeyTable() = default;
  KeyTable(const KeyTable&) = delete;
  KeyTable& operator=(const KeyTable&) = delete;
  KeyTable(KeyTable&&) = default;
  KeyTable& operator=(KeyTable&&) = default;

  // Inserts key -> value unless the key is there; returns the stored value
  // (the new or the existing one) and whether it was inserted. The pointer
  // is valid until the next insertion.
  std::pair<uint32_t*, bool> TryEmplace(uint64_t key, uint32_t value);
  // The value stored for `key`, or nullptr.
  const uint32_t* Find(uint64_t key) const { return shards_[ShardOf(key)].Find(key); }
  uint32_t* Find(uint64_t key) {
    return const_cast<uint32_t*>(shards_[ShardOf(key)].Find(key));
  }
  bool Contains(uint64_t key) const { return Find(key) != nullptr; }
  // Calls f(key, value) for every entry, in no particular order.
  template <typename F>
  void ForEach(F&& f) const {
    for (const Shard& shard : shards_) {
      if (shard.buckets == nullptr) continue;
      for (size_t i = 0; i <= shard.mask; ++i) {
        const Bucket& b = shard.buckets[i];
        for (int k = 0; k < b.count; ++k) f((uint64_t{b.hi[k]} << 32) | b.lo[k], b.value[k]);
      }
    }
  }
  // Starts loading the bucket a lookup of `key` reads first, so that a run
  // of lookups whose keys are known ahead waits for memory once, not per
  // key.
  void Prefetch(uint64_t key) const {
    const Shard& shard = shards_[ShardOf(key)];
    if (shard.buckets != nullptr) __builtin_prefetch(&shard.buckets[shard.Home(key)]);
  }

  // Plans for about `entries` keys: a shard that grows from now on grows
  // at once to the buckets that hold its share of them below its growth
  // limit (or doubles, when that is more). A table that reaches about that
  // size then skips the doublings on the way, each of which moves every
  // entry of its shard and, on a VM, pays for fresh pages that the old copy
  // already paid for. Nothing is allocated now: the shards grow one by one,
  // when they fill, as they would have anyway.
  void Plan(size_t entries);
  // Times a shard was given new buckets (for tests).
  size_t resizes() const { return resizes_; }

  size_t size() const { return size_; }
  // Bytes of the buckets of every shard (kept up to date on insertion:
  // O(1)).
  size_t memory_bytes() const { return memory_bytes_; }
  // Bytes of bucket per entry when full: 64 / 5.
  static constexpr double kEntryBytes = 12.8;

 private:
  static constexpr int kBucketEntries = 5;
  struct alignas(64) Bucket {
    uint32_t lo[kBucketEntries];
    uint32_t hi[kBucketEntries];
    uint32_t value[kBucketEntries];
    uint8_t count;
    uint8_t overflowed;  // a key whose home is here or before went past it
  };
  static_assert(sizeof(Bucket) == 64);

  struct Shard {
    // Zeroed buckets. Arrays of 64 KiB or more are mapped with their pages
    // populated: one call instead of a fault per page, which saves system
    // time; on a VM the first write to each page still costs a fault in
    // the host (it shows in Grow's placing of entries).
    struct Free {
      size_t count;  // buckets
      void operator()(Bucket* b) const;
    };
    std::unique_ptr<Bucket[], Free> buckets;
    size_t mask = 0;   // buckets - 1
    int shift = 63;    // a key's home: its mixed bits >> shift, & mask
    size_t size = 0;
    size_t limit = 0;    // size that makes it grow
    size_t planned = 0;  // buckets it takes at its next growth, at least (Plan)

    size_t Home(uint64_t key) const {
      // The key is a good hash already: one multiply spreads its bits.
      return static_cast<size_t>(((key ^ (key >> 29)) * 0x9E3779B97F4A7C15ULL) >> shift) & mask;
    }
    const uint32_t* Find(uint64_t key) const;
    // Inserts a key known to be absent; the shard has room.
    uint32_t* InsertNew(uint64_t key, uint32_t value);
  };

  static constexpr size_t kShards = 64;
  // The shard of each value of a key's top 16 bits (see above).
  static const std::array<uint8_t, 65536>& ShardTable();
  static size_t ShardOf(uint64_t key) { return ShardTable()[key >> 48]; }
  static std::unique_ptr<Bucket[], Shard::Free> Allocate(size_t count);
  // Doubles a shard, or gives it its planned buckets or its first one.
  void Grow(Shard* shard);
  // Moves a shard's entries to `buckets` buckets (a power of two, more than
  // it has).
  void Resize(Shard* shard, size_t buckets);

  std::array<Shard, kShards> shards_;
  size_t size_ = 0;
  size_t memory_bytes_ = 0;
  size_t resizes_ = 0;
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

#endif  // WINNOW_BASE_KEY_TABLE_H_
