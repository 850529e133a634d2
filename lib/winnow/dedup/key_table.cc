#include "winnow/dedup/key_table.h"

#include <algorithm>
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

std::pair<uint32_t*, bool> KeyTable::TryEmplace(uint64_t key, uint32_t value) {
  Shard& shard = shards_[ShardOf(key)];
  const size_t before = shard.capacity();
  auto [it, inserted] = shard.try_emplace(Split(key), value);
  memory_bytes_ += (shard.capacity() - before) * kSlotBytes;
  return {&it->second, inserted};
}

const uint32_t* KeyTable::Find(uint64_t key) const {
  const Shard& shard = shards_[ShardOf(key)];
  const auto it = shard.find(Split(key));
  return it == shard.end() ? nullptr : &it->second;
}

uint32_t* KeyTable::Find(uint64_t key) {
  Shard& shard = shards_[ShardOf(key)];
  const auto it = shard.find(Split(key));
  return it == shard.end() ? nullptr : &it->second;
}

size_t KeyTable::size() const {
  size_t n = 0;
  for (const Shard& shard : shards_) n += shard.size();
  return n;
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
