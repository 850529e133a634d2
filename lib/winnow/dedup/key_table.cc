#include "winnow/dedup/key_table.h"

#include <algorithm>

#include "winnow/base/check.h"

namespace winnow {

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
