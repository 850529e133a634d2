#include "winnow/hash/minhash.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <limits>

#include "winnow/base/check.h"
#include "winnow/hash/hash.h"

// xxHash compiled into this file: K hashes per shingle make the call into
// the shared library (and its length dispatch) the largest cost of the
// corpus stage; inlined, a hash of 8 bytes is a few multiplications. The
// values are the library's own (known-answer tests pin them).
#define XXH_INLINE_ALL
#include <xxhash.h>

namespace winnow {
namespace {

// SplitMix64 (Steele, Lea, Flood 2014): spreads consecutive inputs into
// unrelated seeds.
uint64_t SplitMix64(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

static_assert(std::endian::native == std::endian::little,
              "MinHash hashes each value's little-endian bytes in place");

// Permutation `seed` of the value at *x: XXH3-64 of its 8 little-endian
// bytes, read where they are (copying them to a byte array first stalls on
// store forwarding).
inline uint64_t HashWithSeed(const uint64_t* x, uint64_t seed) {
  return XXH3_64bits_withSeed(x, sizeof(uint64_t), seed);
}

}  // namespace

MinHasher::MinHasher(int permutations) {
  WINNOW_CHECK(permutations >= 1) << permutations;
  seeds_.reserve(static_cast<size_t>(permutations));
  for (int i = 0; i < permutations; ++i) {
    seeds_.push_back(SplitMix64(kHashSeed + static_cast<uint64_t>(i)));
  }
}

std::vector<uint64_t> MinHasher::Signature(std::span<const uint64_t> shingles) const {
  std::vector<uint64_t> out;
  Signature(shingles, &out);
  return out;
}

void MinHasher::Signature(std::span<const uint64_t> shingles,
                          std::vector<uint64_t>* out) const {
  out->assign(seeds_.size(), std::numeric_limits<uint64_t>::max());
  uint64_t* mins = out->data();
  for (size_t i = 0; i < seeds_.size(); ++i) {
    const uint64_t seed = seeds_[i];
    uint64_t m = mins[i];
    for (const uint64_t& x : shingles) m = std::min(m, HashWithSeed(&x, seed));
    mins[i] = m;
  }
}

double EstimateJaccard(std::span<const uint64_t> a, std::span<const uint64_t> b) {
  WINNOW_CHECK(a.size() == b.size()) << a.size() << " vs " << b.size();
  if (a.empty()) return 0;
  size_t equal = 0;
  for (size_t i = 0; i < a.size(); ++i) equal += a[i] == b[i];
  return static_cast<double>(equal) / static_cast<double>(a.size());
}

double SortedSetJaccard(std::span<const uint64_t> a, std::span<const uint64_t> b) {
  if (a.empty() && b.empty()) return 1;
  size_t i = 0, j = 0, shared = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++shared;
      ++i;
      ++j;
    }
  }
  const size_t unite = a.size() + b.size() - shared;
  return static_cast<double>(shared) / static_cast<double>(unite);
}

}  // namespace winnow
