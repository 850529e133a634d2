#include "winnow/base/key_table.h"

#include <sys/mman.h>

#include <algorithm>
#include <bit>
#include <cmath>

#include "winnow/base/check.h"

namespace winnow {

const std::array<uint8_t, 65536>& KeyTable::ShardTable() {
  static const std::array<uint8_t, 65536> table = [] {
    // Shard i covers a share of the 16-bit prefixes proportional to
    // 2^(i/64): consecutive prefix ranges whose ends are the running sums.
    std::array<double, kShards> ends{};
    double total = 0;
    for (size_t i = 0; i < kShards; ++i) {
      total += std::exp2(static_cast<double>(i) / kShards);
      ends[i] = total;
    }
    std::array<uint8_t, 65536> t{};
    size_t shard = 0;
    for (size_t p = 0; p < t.size(); ++p) {
      const double at = (static_cast<double>(p) + 0.5) / 65536.0 * total;
      while (shard + 1 < kShards && at >= ends[shard]) ++shard;
      t[p] = static_cast<uint8_t>(shard);
    }
    return t;
  }();
  return table;
}

const uint32_t* KeyTable::Shard::Find(uint64_t key) const {
  if (buckets == nullptr) return nullptr;
  const auto lo = static_cast<uint32_t>(key);
  const auto hi = static_cast<uint32_t>(key >> 32);
  for (size_t i = Home(key);; i = (i + 1) & mask) {
    const Bucket& b = buckets[i];
    for (int k = 0; k < b.count; ++k) {
      if (b.lo[k] == lo && b.hi[k] == hi) return &b.value[k];
    }
    if (!b.overflowed) return nullptr;
  }
}

uint32_t* KeyTable::Shard::InsertNew(uint64_t key, uint32_t value) {
  // The first bucket with room from the key's home on: buckets only fill,
  // so a lookup that meets one that never overflowed may stop there.
  for (size_t i = Home(key);; i = (i + 1) & mask) {
    Bucket& b = buckets[i];
    if (b.count < kBucketEntries) {
      const int k = b.count++;
      b.lo[k] = static_cast<uint32_t>(key);
      b.hi[k] = static_cast<uint32_t>(key >> 32);
      b.value[k] = value;
      ++size;
      return &b.value[k];
    }
    b.overflowed = 1;
  }
}

namespace {
constexpr size_t kMappedBytes = size_t{64} << 10;  // 1,024 buckets
}  // namespace

void KeyTable::Shard::Free::operator()(Bucket* b) const {
  if (count * sizeof(Bucket) >= kMappedBytes) {
    munmap(b, count * sizeof(Bucket));
  } else {
    delete[] b;
  }
}

std::unique_ptr<KeyTable::Bucket[], KeyTable::Shard::Free> KeyTable::Allocate(size_t count) {
  if (count * sizeof(Bucket) >= kMappedBytes) {
    void* p = mmap(nullptr, count * sizeof(Bucket), PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
    WINNOW_CHECK(p != MAP_FAILED) << "cannot map " << count * sizeof(Bucket) << " bytes";
    return {static_cast<Bucket*>(p), Shard::Free{count}};
  }
  return {new Bucket[count](), Shard::Free{count}};
}

void KeyTable::Grow(Shard* shard) {
  const size_t old_buckets = shard->buckets == nullptr ? 0 : shard->mask + 1;
  Resize(shard, std::max(old_buckets == 0 ? 1 : 2 * old_buckets, shard->planned));
}

void KeyTable::Plan(size_t entries) {
  // Each shard's share of the prefixes, from the table that assigns them.
  static const std::array<double, kShards> shares = [] {
    std::array<double, kShards> counts{};
    for (const uint8_t shard : ShardTable()) counts[shard] += 1.0 / 65536.0;
    return counts;
  }();
  for (size_t i = 0; i < kShards; ++i) {
    const double expected = static_cast<double>(entries) * shares[i];
    // The buckets whose 7/8 hold the share, a power of two.
    const auto needed = static_cast<size_t>(std::ceil(expected / (kBucketEntries * 7.0 / 8.0)));
    shards_[i].planned = std::bit_ceil(std::max<size_t>(needed, 1));
  }
}

void KeyTable::Resize(Shard* shard, size_t buckets) {
  const size_t old_buckets = shard->buckets == nullptr ? 0 : shard->mask + 1;
  const auto old = std::move(shard->buckets);
  shard->buckets = Allocate(buckets);
  shard->mask = buckets - 1;
  shard->shift = buckets == 1 ? 63 : 64 - std::countr_zero(buckets);
  shard->size = 0;
  // 7/8 of the entries (a lone bucket: all but one), so that a probe
  // always meets a bucket with room.
  shard->limit = buckets == 1 ? kBucketEntries - 1 : buckets * kBucketEntries * 7 / 8;
  for (size_t i = 0; i < old_buckets; ++i) {
    const Bucket& b = old[i];
    for (int k = 0; k < b.count; ++k) {
      shard->InsertNew((uint64_t{b.hi[k]} << 32) | b.lo[k], b.value[k]);
    }
  }
  memory_bytes_ += (buckets - old_buckets) * sizeof(Bucket);
  ++resizes_;
}

std::pair<uint32_t*, bool> KeyTable::TryEmplace(uint64_t key, uint32_t value) {
  Shard& shard = shards_[ShardOf(key)];
  if (const uint32_t* found = shard.Find(key)) return {const_cast<uint32_t*>(found), false};
  if (shard.size + 1 > shard.limit) Grow(&shard);
  ++size_;
  return {shard.InsertNew(key, value), true};
}

uint32_t BlockRefs::Add(uint64_t ordinal, uint32_t blocks) {
  // A document with no blocks still gets a number: its references are none,
  // but Add() is called before any reference, so give it one slot.
  const uint64_t count = std::max<uint32_t>(blocks, 1);
  if (next_ + count >= kFull) return kFull;
  const auto base = static_cast<uint32_t>(next_);
  bases_.push_back(base);
  ordinals_.push_back(ordinal);
  next_ += count;
  return base;
}

BlockRefs::Resolved BlockRefs::Resolve(uint32_t ref) const {
  WINNOW_DCHECK(!bases_.empty() && ref < next_) << ref;
  const auto it = std::upper_bound(bases_.begin(), bases_.end(), ref);
  const auto doc = static_cast<size_t>(it - bases_.begin()) - 1;
  return {ordinals_[doc], static_cast<int32_t>(ref - bases_[doc]), static_cast<uint32_t>(doc)};
}

}  // namespace winnow
