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

// The 5-word shingle hashes of a sentence of real words: what the corpus
// stage signs.
std::vector<uint64_t> PangramShingles() {
  WordHasher words;
  const std::string text = "The quick brown fox jumps over the lazy dog";
  std::vector<uint64_t> hashes;
  words.HashWords(text, {0, static_cast<uint32_t>(text.size())}, &hashes);
  std::vector<uint64_t> shingles;
  ShingleHashes(hashes, 5, &shingles);
  return shingles;
}

TEST(MinHasher, KnownAnswers) {
  const MinHasher hasher(4);
  const std::vector<uint64_t> set = {1, 2, 3};
  EXPECT_EQ(hasher.Signature(set),
            (std::vector<uint64_t>{0x9da06e57ff8766eeULL, 0x023888fb2e6791b0ULL,
                                   0x0b4cc355a628998aULL, 0x2961ba409faa0bdeULL}));
  // Shingles of real words: what the corpus stage stores.
  const std::vector<uint64_t> shingles = PangramShingles();
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

// ---------------------------------------------------------------------------
// One-permutation MinHash (what the corpus stage uses)
// ---------------------------------------------------------------------------

__extension__ using U128 = unsigned __int128;

uint64_t SplitMixForTest(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// The definition in minhash.h written out the slow way: XXH3 through the
// library, bins by 128-bit arithmetic, each empty bin's order shuffled here
// and walked to its first filled bin.
std::vector<uint64_t> SlowOnePermutation(int bins, const std::vector<uint64_t>& set) {
  const auto k = static_cast<uint64_t>(bins);
  std::vector<uint64_t> mins(k, UINT64_MAX);
  std::vector<bool> filled(k, false);
  if (set.empty()) return mins;
  const uint64_t seed = SplitMixForTest(kHashSeed);
  for (uint64_t x : set) {
    const uint64_t h = XXH3_64bits_withSeed(&x, 8, seed);
    const auto b = static_cast<uint64_t>((static_cast<U128>(h) * k) >> 64);  // floor(h k / 2^64)
    mins[b] = std::min(mins[b], h);
    filled[b] = true;
  }
  std::vector<uint64_t> out = mins;
  for (uint64_t i = 0; i < k; ++i) {
    if (filled[i]) continue;
    std::vector<uint64_t> order(k);
    for (uint64_t j = 0; j < k; ++j) order[j] = j;
    uint64_t state = SplitMixForTest(kHashSeed + k + i);
    for (uint64_t t = k - 1; t > 0; --t) {
      const auto r = static_cast<uint64_t>((static_cast<U128>(state) * (t + 1)) >> 64);
      std::swap(order[t], order[r]);
      state = SplitMixForTest(state);
    }
    for (uint64_t j : order) {
      if (filled[j]) {
        out[i] = mins[j];
        break;
      }
    }
  }
  return out;
}

// Pinned like MinHasher's: band keys depend on them. {1, 2, 3} fills two
// of the four bins; the other two take their values by densification.
TEST(OnePermutationHasher, KnownAnswers) {
  const OnePermutationHasher hasher(4);
  const std::vector<uint64_t> set = {1, 2, 3};
  EXPECT_EQ(hasher.Signature(set),
            (std::vector<uint64_t>{0x9da06e57ff8766eeULL, 0xcd6c22e4d761d6ecULL,
                                   0x9da06e57ff8766eeULL, 0xcd6c22e4d761d6ecULL}));
  const std::vector<uint64_t> shingles = PangramShingles();
  EXPECT_EQ(hasher.Signature(shingles),
            (std::vector<uint64_t>{0x12242e1c1230e562ULL, 0xe3e70be061790813ULL,
                                   0x9d6e15495870e708ULL, 0xe3e70be061790813ULL}));
}

// Every K and set size: few elements (most bins empty, the order is
// searched by place) to many (every bin filled), against the slow form.
TEST(OnePermutationHasher, MatchesTheDefinition) {
  std::mt19937_64 rng(12);
  for (int k : {1, 2, 7, 100, 257, OnePermutationHasher::kMaxBins}) {
    const OnePermutationHasher hasher(k);
    for (size_t n : {size_t{0}, size_t{1}, size_t{2}, size_t{5}, size_t{31}, size_t{300},
                     size_t{5000}}) {
      std::vector<uint64_t> set(n);
      for (uint64_t& x : set) x = rng();
      EXPECT_EQ(hasher.Signature(set), SlowOnePermutation(k, set)) << "K=" << k << " n=" << n;
    }
  }
}

TEST(OnePermutationHasher, EmptySetIsAllMaxAndDuplicatesDoNotMatter) {
  const OnePermutationHasher hasher(100);
  EXPECT_EQ(hasher.Signature({}), (std::vector<uint64_t>(100, UINT64_MAX)));
  std::mt19937_64 rng(7);
  for (size_t n : {size_t{3}, size_t{40}, size_t{500}}) {
    std::vector<uint64_t> set(n);
    for (uint64_t& x : set) x = rng();
    std::vector<uint64_t> shuffled = set;
    std::shuffle(shuffled.begin(), shuffled.end(), rng);
    shuffled.insert(shuffled.end(), set.begin(), set.begin() + static_cast<long>(n / 2));
    EXPECT_EQ(hasher.Signature(set), hasher.Signature(shuffled)) << n;
  }
}

// The estimate is unbiased at every set size, including sets with fewer
// elements than bins, where most values come from densification: the mean
// over many pairs of the share of equal positions is the true Jaccard, and
// single pairs of large sets are within four standard errors of it.
TEST(OnePermutationHasher, EstimateIsCloseToTrueJaccard) {
  const int kBins = 100;
  const OnePermutationHasher hasher(kBins);
  std::mt19937_64 rng(20261203);
  for (size_t size : {size_t{10}, size_t{60}, size_t{400}}) {
    for (double target : {0.2, 0.5, 0.8}) {
      SCOPED_TRACE(testing::Message() << "size " << size << " target " << target);
      const int kPairs = 400;
      double sum_estimate = 0;
      double sum_truth = 0;
      for (int pair = 0; pair < kPairs; ++pair) {
        // |A| = |B| = size with `shared` in common: J = shared / (2 size - shared).
        const auto shared =
            static_cast<size_t>(std::lround(2.0 * static_cast<double>(size) * target / (1 + target)));
        std::vector<uint64_t> a, b;
        for (size_t i = 0; i < shared; ++i) {
          const uint64_t x = rng();
          a.push_back(x);
          b.push_back(x);
        }
        for (size_t i = shared; i < size; ++i) {
          a.push_back(rng());
          b.push_back(rng());
        }
        std::sort(a.begin(), a.end());
        std::sort(b.begin(), b.end());
        const double truth = SortedSetJaccard(a, b);
        const double estimate = EstimateJaccard(hasher.Signature(a), hasher.Signature(b));
        sum_truth += truth;
        sum_estimate += estimate;
        if (size >= 400) {
          EXPECT_NEAR(estimate, truth, std::max(0.02, 4 * std::sqrt(truth * (1 - truth) / kBins)));
        }
      }
      // The mean of 400 estimates: standard error at most 0.5 / sqrt(400 K).
      EXPECT_NEAR(sum_estimate / kPairs, sum_truth / kPairs, 0.01);
    }
  }
}

// What the corpus stage relies on: with 20 bands of 5 values, pairs at
// Jaccard 0.8 share a band (almost) always, and pairs at 0.3 rarely.
TEST(OnePermutationHasher, BandsFollowTheSCurve) {
  const OnePermutationHasher hasher(100);
  std::mt19937_64 rng(5);
  auto share_a_band = [&](double target, size_t size) {
    const auto shared =
        static_cast<size_t>(std::lround(2.0 * static_cast<double>(size) * target / (1 + target)));
    std::vector<uint64_t> a, b;
    for (size_t i = 0; i < shared; ++i) {
      const uint64_t x = rng();
      a.push_back(x);
      b.push_back(x);
    }
    for (size_t i = shared; i < size; ++i) {
      a.push_back(rng());
      b.push_back(rng());
    }
    const std::vector<uint64_t> sa = hasher.Signature(a);
    const std::vector<uint64_t> sb = hasher.Signature(b);
    for (size_t band = 0; band < 20; ++band) {
      if (std::equal(sa.begin() + 5 * band, sa.begin() + 5 * band + 5, sb.begin() + 5 * band)) {
        return true;
      }
    }
    return false;
  };
  const int kPairs = 500;
  for (size_t size : {size_t{30}, size_t{300}}) {
    int high = 0;
    int low = 0;
    for (int i = 0; i < kPairs; ++i) {
      high += share_a_band(0.8, size);
      low += share_a_band(0.3, size);
    }
    // P(found) = 1 - (1 - s^5)^20: 0.9996 at 0.8 and 0.047 at 0.3.
    EXPECT_GE(high, kPairs - 3) << size;
    EXPECT_LE(low, kPairs / 10) << size;
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
  // Fingerprints (32-bit) the same way.
  const std::vector<uint32_t> none32;
  const std::vector<uint32_t> a32 = {1, 2, 3, 4, 9};
  const std::vector<uint32_t> b32 = {3, 4, 5, 6};
  EXPECT_EQ(SortedSetJaccard(none32, none32), 1.0);
  EXPECT_EQ(SortedSetJaccard(a32, none32), 0.0);
  EXPECT_EQ(SortedSetJaccard(a32, a32), 1.0);
  EXPECT_DOUBLE_EQ(SortedSetJaccard(a32, b32), 2.0 / 7.0);
}

}  // namespace
}  // namespace winnow
