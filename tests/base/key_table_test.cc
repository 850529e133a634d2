#include "winnow/base/key_table.h"

#include <algorithm>
#include <cstdint>
#include <random>
#include <unordered_map>

#include "gtest/gtest.h"

namespace winnow {
namespace {

TEST(KeyTable, AgreesWithAStandardMap) {
  KeyTable table;
  std::unordered_map<uint64_t, uint32_t> expected;
  std::mt19937_64 rng(7);
  for (uint32_t i = 0; i < 200000; ++i) {
    // Keys that share their high or low halves with others, and random ones.
    uint64_t key = rng();
    if (i % 3 == 1) key = (key & 0xFFFFFFFF00000000ULL) | (i % 97);
    if (i % 3 == 2) key = (uint64_t{i % 89} << 32) | (key & 0xFFFFFFFFULL);
    const auto [value, inserted] = table.TryEmplace(key, i);
    const auto [it, std_inserted] = expected.try_emplace(key, i);
    ASSERT_EQ(inserted, std_inserted) << key;
    ASSERT_EQ(*value, it->second) << key;
  }
  EXPECT_EQ(table.size(), expected.size());
  for (const auto& [key, value] : expected) {
    const uint32_t* found = table.Find(key);
    ASSERT_NE(found, nullptr) << key;
    EXPECT_EQ(*found, value);
  }
  for (int i = 0; i < 1000; ++i) {
    const uint64_t key = rng();
    EXPECT_EQ(table.Contains(key), expected.count(key) == 1) << key;
  }
  // 64-byte buckets of five entries, filled to at least 7/16 (a shard of one
  // bucket may hold a single entry).
  const auto entries = static_cast<double>(table.size());
  EXPECT_GE(static_cast<double>(table.memory_bytes()), entries * KeyTable::kEntryBytes);
  EXPECT_LE(static_cast<double>(table.memory_bytes()),
            entries * KeyTable::kEntryBytes * 16 / 7 + 64 * 64);
}

// The staggered shards keep the bytes per entry near 12.8 / 0.63 at every
// size, instead of jumping by 2x whenever the table doubles.
TEST(KeyTable, BytesPerEntryStayEvenAsTheTableGrows) {
  KeyTable table;
  std::mt19937_64 rng(11);
  double most = 0;
  double least = 1e9;
  for (uint32_t i = 1; i <= 1u << 21; ++i) {
    table.TryEmplace(rng(), i);
    if (i >= 1u << 16 && i % 4096 == 0) {
      const double per_entry = static_cast<double>(table.memory_bytes()) / i;
      most = std::max(most, per_entry);
      least = std::min(least, per_entry);
    }
  }
  EXPECT_LT(most, 25.0);
  EXPECT_GT(least, 17.0);
  EXPECT_LT(most / least, 1.3);
}

// A planned table grows each shard once, straight to the buckets that
// growing to the planned size would reach, and holds the same entries.
TEST(KeyTable, PlannedShardsGrowOnceToTheirShare) {
  constexpr uint32_t kEntries = 200000;
  std::mt19937_64 rng(23);
  std::vector<uint64_t> keys(kEntries);
  for (uint64_t& k : keys) k = rng();
  KeyTable grown;
  for (uint32_t i = 0; i < kEntries; ++i) grown.TryEmplace(keys[i], i);
  EXPECT_GT(grown.resizes(), 64u * 8);  // a shard of 1 bucket doubles ~10 times

  KeyTable planned;
  // 10% over: each shard's share of random keys varies by about 1%.
  planned.Plan(kEntries + kEntries / 10);
  EXPECT_EQ(planned.memory_bytes(), 0u);  // nothing allocated ahead
  for (uint32_t i = 0; i < kEntries; ++i) planned.TryEmplace(keys[i], i);
  EXPECT_EQ(planned.resizes(), 64u);  // one growth per shard
  EXPECT_GT(planned.memory_bytes(), grown.memory_bytes() * 4 / 5);
  EXPECT_LT(planned.memory_bytes(), grown.memory_bytes() * 3 / 2);
  EXPECT_EQ(planned.size(), grown.size());
  for (uint32_t i = 0; i < kEntries; ++i) {
    const uint32_t* found = planned.Find(keys[i]);
    ASSERT_NE(found, nullptr) << i;
    EXPECT_EQ(*found, i);
  }

  // A plan smaller than what the table has changes nothing: its shards
  // still double.
  KeyTable late;
  for (uint32_t i = 0; i < kEntries / 2; ++i) late.TryEmplace(keys[i], i);
  late.Plan(kEntries / 4);
  for (uint32_t i = kEntries / 2; i < kEntries; ++i) late.TryEmplace(keys[i], i);
  EXPECT_EQ(late.resizes(), grown.resizes());
  EXPECT_EQ(late.memory_bytes(), grown.memory_bytes());
  for (uint32_t i = 0; i < kEntries; ++i) {
    const uint32_t* found = late.Find(keys[i]);
    ASSERT_NE(found, nullptr) << i;
    EXPECT_EQ(*found, i);
  }
}

TEST(KeyTable, StoredValuesCanBeUpdated) {
  KeyTable table;
  *table.TryEmplace(5, 1).first = 9;
  EXPECT_EQ(*table.Find(5), 9u);
  EXPECT_FALSE(table.TryEmplace(5, 3).second);
  EXPECT_EQ(*table.Find(5), 9u);
  EXPECT_EQ(table.Find(6), nullptr);
}

TEST(KeyTable, ForEachVisitsEveryEntryOnceAndMovesWhole) {
  KeyTable table;
  std::unordered_map<uint64_t, uint32_t> expected;
  std::mt19937_64 rng(11);
  for (uint32_t i = 0; i < 50000; ++i) {
    const uint64_t key = rng();
    table.TryEmplace(key, i);
    expected.try_emplace(key, i);
  }
  KeyTable moved;
  moved = std::move(table);
  std::unordered_map<uint64_t, uint32_t> seen;
  moved.ForEach([&](uint64_t key, uint32_t value) {
    EXPECT_TRUE(seen.emplace(key, value).second) << "visited twice: " << key;
  });
  EXPECT_EQ(seen, expected);
  EXPECT_EQ(moved.size(), expected.size());
}

TEST(BlockRefs, ResolvesEveryBlockOfEveryDocument) {
  BlockRefs refs;
  const uint32_t a = refs.Add(10, 3);
  const uint32_t b = refs.Add(11, 0);  // no blocks: still a document
  const uint32_t c = refs.Add(25, 5);
  for (uint32_t k = 0; k < 3; ++k) {
    const auto r = refs.Resolve(a + k);
    EXPECT_EQ(r.ordinal, 10u);
    EXPECT_EQ(r.block, static_cast<int32_t>(k));
    EXPECT_EQ(r.document, 0u);
  }
  EXPECT_EQ(refs.Resolve(b).ordinal, 11u);
  EXPECT_EQ(refs.Resolve(b).document, 1u);
  EXPECT_EQ(refs.Resolve(c + 4).ordinal, 25u);
  EXPECT_EQ(refs.Resolve(c + 4).block, 4);
  EXPECT_EQ(refs.documents(), 3u);
}

TEST(BlockRefs, SaysWhenFull) {
  BlockRefs refs;
  EXPECT_EQ(refs.Add(0, UINT32_MAX - 10), 0u);
  EXPECT_EQ(refs.Add(1, 20), BlockRefs::kFull);
  EXPECT_NE(refs.Add(2, 5), BlockRefs::kFull);
}

TEST(ChunkedVector, HoldsWhatWasPushed) {
  ChunkedVector<uint64_t> v;
  for (uint64_t i = 0; i < 3 * ChunkedVector<uint64_t>::kChunk + 5; ++i) v.push_back(i * 3);
  ASSERT_EQ(v.size(), 3 * ChunkedVector<uint64_t>::kChunk + 5);
  for (size_t i = 0; i < v.size(); ++i) ASSERT_EQ(v[i], i * 3);
  EXPECT_GE(v.memory_bytes(), v.size() * sizeof(uint64_t));
}

}  // namespace
}  // namespace winnow
