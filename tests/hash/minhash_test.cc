#include "winnow/hash/minhash.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include <xxhash.h>

#include "gtest/gtest.h"
#include "winnow/hash/hash.h"

namespace winnow {
namespace {

// ---------------------------------------------------------------------------
// Known answers
//
// Computed once from the code and pinned on purpose: saved signatures and
// LSH band keys depend on them. Changing the permutations (seeds, hash,
// byte layout) is a deliberate, versioned decision; do not "fix" a failure
// here by pasting the new value.
// ---------------------------------------------------------------------------

TEST(MinHasher, KnownAnswers) {
  const MinHasher hasher(4);
  const std::vector<uint64_t> set = {1, 2, 3};
  EXPECT_EQ(hasher.Signature(set),
            (std::vector<uint64_t>{0x9da06e57ff8766eeULL, 0x023888fb2e6791b0ULL,
                                   0x0b4cc355a628998aULL, 0x2961ba409faa0bdeULL}));
  // Shingles of real words: what the corpus stage stores.
  WordHasher words;
  const std::string text = "The quick brown fox jumps over the lazy dog";
  std::vector<uint64_t> hashes;
  words.HashWords(text, {0, static_cast<uint32_t>(text.size())}, &hashes);
  std::vector<uint64_t> shingles;
  ShingleHashes(hashes, 5, &shingles);
  EXPECT_EQ(hasher.Signature(shingles),
            (std::vector<uint64_t>{0x12242e1c1230e562ULL, 0x3b82b3e27474364fULL,
                                   0x2b57293987e74cb5ULL, 0x240e050dddcee633ULL}));
}

// The definition in minhash.h, computed the slow way: permutation i of x is
// XXH3-64 of x's little-endian bytes with seed SplitMix64(kHashSeed + i).
// K = 100 runs the vector kernel (eight permutations at a time) where the
// CPU has one, and the scalar loop for the last four.
TEST(MinHasher, EveryPermutationIsXxh3WithItsSeed) {
  auto split_mix = [](uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
  };
  std::mt19937_64 rng(11);
  for (int k : {1, 7, 8, 9, 100}) {
    const MinHasher hasher(k);
    for (size_t n : {size_t{1}, size_t{5}, size_t{300}}) {
      std::vector<uint64_t> set(n);
      for (uint64_t& x : set) x = rng();
      std::vector<uint64_t> expect(static_cast<size_t>(k), UINT64_MAX);
      for (int i = 0; i < k; ++i) {
        const uint64_t seed = split_mix(kHashSeed + static_cast<uint64_t>(i));
        for (uint64_t x : set) {
          expect[static_cast<size_t>(i)] =
              std::min(expect[static_cast<size_t>(i)], XXH3_64bits_withSeed(&x, 8, seed));
        }
      }
      EXPECT_EQ(hasher.Signature(set), expect) << "K=" << k << " n=" << n;
    }
  }
}

TEST(MinHasher, EmptySetIsAllMax) {
  const MinHasher hasher(3);
  EXPECT_EQ(hasher.Signature({}), (std::vector<uint64_t>(3, UINT64_MAX)));
}

// ---------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------

TEST(MinHasher, IdenticalSetsGiveIdenticalSignatures) {
  const MinHasher hasher(100);
  std::mt19937_64 rng(7);
  std::vector<uint64_t> set(500);
  for (uint64_t& x : set) x = rng();
  std::vector<uint64_t> shuffled = set;
  std::shuffle(shuffled.begin(), shuffled.end(), rng);
  shuffled.insert(shuffled.end(), set.begin(), set.begin() + 50);  // duplicates
  EXPECT_EQ(hasher.Signature(set), hasher.Signature(shuffled));
  EXPECT_EQ(EstimateJaccard(hasher.Signature(set), hasher.Signature(shuffled)), 1.0);
}

TEST(MinHasher, PrefixOfSignatureIsSmallerHasher) {
  // Permutation i does not depend on K: signatures of different lengths
  // agree on their common prefix.
  const std::vector<uint64_t> set = {5, 8, 13, 21};
  const std::vector<uint64_t> big = MinHasher(10).Signature(set);
  const std::vector<uint64_t> small = MinHasher(4).Signature(set);
  EXPECT_TRUE(std::equal(small.begin(), small.end(), big.begin()));
}

// Differential test: the MinHash estimate against the exact Jaccard of
// random sets, over a range of similarities. With K = 256 the standard
// error is at most 0.031; the tolerance is four of them.
TEST(MinHasher, EstimateIsCloseToTrueJaccard) {
  const int kPermutations = 256;
  const MinHasher hasher(kPermutations);
  std::mt19937_64 rng(20261202);
  for (int trial = 0; trial < 40; ++trial) {
    SCOPED_TRACE(testing::Message() << "seed 20261202 trial " << trial);
    const size_t shared = rng() % 400;
    const size_t only_a = rng() % 400;
    const size_t only_b = rng() % 400;
    std::vector<uint64_t> a, b;
    for (size_t i = 0; i < shared; ++i) {
      const uint64_t x = rng();
      a.push_back(x);
      b.push_back(x);
    }
    for (size_t i = 0; i < only_a; ++i) a.push_back(rng());
    for (size_t i = 0; i < only_b; ++i) b.push_back(rng());
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    if (a.empty() || b.empty()) continue;
    const double truth = SortedSetJaccard(a, b);
    EXPECT_DOUBLE_EQ(truth, static_cast<double>(shared) /
                                static_cast<double>(shared + only_a + only_b));
    const double estimate = EstimateJaccard(hasher.Signature(a), hasher.Signature(b));
    const double error = std::sqrt(truth * (1 - truth) / kPermutations);
    EXPECT_NEAR(estimate, truth, std::max(0.02, 4 * error)) << "true " << truth;
  }
}

TEST(SortedSetJaccard, SmallCases) {
  const std::vector<uint64_t> none;
  const std::vector<uint64_t> a = {1, 2, 3, 4};
  const std::vector<uint64_t> b = {3, 4, 5, 6};
  EXPECT_EQ(SortedSetJaccard(none, none), 1.0);
  EXPECT_EQ(SortedSetJaccard(a, none), 0.0);
  EXPECT_EQ(SortedSetJaccard(a, a), 1.0);
  EXPECT_DOUBLE_EQ(SortedSetJaccard(a, b), 2.0 / 6.0);
}

}  // namespace
}  // namespace winnow
