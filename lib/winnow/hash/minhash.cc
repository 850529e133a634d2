#include "winnow/hash/minhash.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <limits>

#include "winnow/base/check.h"
#include "winnow/base/swar.h"
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
              "MinHash hashes each value's little-endian bytes");

// Permutation i of x is XXH3-64 of x's 8 bytes with seed i. For inputs of
// 4 to 8 bytes XXH3 is a short formula (xxHash's XXH3_len_4to8_64b): a key
// from the seed and the default secret, xored into the input's two 32-bit
// halves swapped, then the rrmxmx mix. Written out here, the per-seed key
// is computed once instead of once per value, and the loops below are
// plain arithmetic the compiler can vectorize. The constructor checks the
// formula against the library on every seed.
constexpr uint64_t kMix = 0x9FB21C651E98DF25ULL;  // XXH3's rrmxmx multiplier

uint64_t KeyOf(uint64_t seed) {
  seed ^= static_cast<uint64_t>(__builtin_bswap32(static_cast<uint32_t>(seed))) << 32;
  uint64_t a;
  uint64_t b;
  std::memcpy(&a, XXH3_kSecret + 8, sizeof(a));
  std::memcpy(&b, XXH3_kSecret + 16, sizeof(b));
  return (a ^ b) - seed;
}

inline uint64_t Permute(uint64_t x, uint64_t key) {
  uint64_t h = std::rotl(x, 32) ^ key;
  h ^= std::rotl(h, 49) ^ std::rotl(h, 24);
  h *= kMix;
  h ^= (h >> 35) + sizeof(uint64_t);
  h *= kMix;
  return h ^ (h >> 28);
}

// The high 64 bits of a * b: floor(a * b / 2^64), which maps a uniform a
// to [0, b) (Lemire's multiply-shift range reduction).
inline uint64_t MulHigh(uint64_t a, uint64_t b) {
  __extension__ using U128 = unsigned __int128;
  return static_cast<uint64_t>((static_cast<U128>(a) * b) >> 64);
}

// mins[i] = min over xs of Permute(x, keys[i]), for i < k: the portable
// loop.
void MinimaScalar(const uint64_t* keys, size_t k, const uint64_t* xs, size_t n,
                  uint64_t* mins) {
  for (size_t i = 0; i < k; ++i) {
    uint64_t m = std::numeric_limits<uint64_t>::max();
    for (size_t j = 0; j < n; ++j) m = std::min(m, Permute(xs[j], keys[i]));
    mins[i] = m;
  }
}

#ifdef WINNOW_AVX512_KERNELS
// The same, eight permutations at a time in one AVX-512 register
// (vpmullq needs AVX512DQ). Only called when the CPU has them (run-time
// check in the MinHasher constructor); the rest of the build stays portable.
using U64x8 = uint64_t __attribute__((vector_size(64)));

__attribute__((target("avx512f,avx512dq"))) inline U64x8 PermuteX8(uint64_t x, U64x8 key) {
  U64x8 h = (U64x8{} + std::rotl(x, 32)) ^ key;
  h ^= ((h << 49) | (h >> 15)) ^ ((h << 24) | (h >> 40));
  h *= kMix;
  h ^= (h >> 35) + sizeof(uint64_t);
  h *= kMix;
  return h ^ (h >> 28);
}

__attribute__((target("avx512f,avx512dq"))) void MinimaAvx512(const uint64_t* keys, size_t k,
                                                              const uint64_t* xs, size_t n,
                                                              uint64_t* mins) {
  // Sixteen permutations per pass over the values: two independent chains
  // of multiplications keep the multiplier busy while each waits on its
  // latency. The last group of fewer than eight is padded with repeats of
  // its last key and only its own lanes are stored.
  size_t i = 0;
  for (; i + 16 <= k; i += 16) {
    U64x8 key0;
    U64x8 key1;
    std::memcpy(&key0, keys + i, sizeof(key0));
    std::memcpy(&key1, keys + i + 8, sizeof(key1));
    U64x8 m0 = ~U64x8{};
    U64x8 m1 = ~U64x8{};
    for (size_t j = 0; j < n; ++j) {
      const U64x8 h0 = PermuteX8(xs[j], key0);
      const U64x8 h1 = PermuteX8(xs[j], key1);
      m0 = h0 < m0 ? h0 : m0;
      m1 = h1 < m1 ? h1 : m1;
    }
    std::memcpy(mins + i, &m0, sizeof(m0));
    std::memcpy(mins + i + 8, &m1, sizeof(m1));
  }
  for (; i < k; i += 8) {
    const size_t lanes = std::min<size_t>(8, k - i);
    uint64_t padded[8];
    for (size_t l = 0; l < 8; ++l) padded[l] = keys[i + std::min(l, lanes - 1)];
    U64x8 key;
    std::memcpy(&key, padded, sizeof(key));
    U64x8 m = ~U64x8{};
    for (size_t j = 0; j < n; ++j) {
      const U64x8 h = PermuteX8(xs[j], key);
      m = h < m ? h : m;
    }
    uint64_t out[8];
    std::memcpy(out, &m, sizeof(m));
    std::memcpy(mins + i, out, lanes * sizeof(uint64_t));
  }
}
#endif

}  // namespace

MinHasher::MinHasher(int permutations) {
  WINNOW_CHECK(permutations >= 1) << permutations;
  minima_ = &MinimaScalar;
#ifdef WINNOW_AVX512_KERNELS
  if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq")) {
    minima_ = &MinimaAvx512;
  }
#endif

  seeds_.reserve(static_cast<size_t>(permutations));
  keys_.reserve(static_cast<size_t>(permutations));
  for (int i = 0; i < permutations; ++i) {
    const uint64_t seed = SplitMix64(kHashSeed + static_cast<uint64_t>(i));
    seeds_.push_back(seed);
    keys_.push_back(KeyOf(seed));
    // The written-out formula must be the library's hash.
    const uint64_t probe = 0x0123456789abcdefULL * static_cast<uint64_t>(i + 1);
    WINNOW_CHECK(Permute(probe, keys_.back()) ==
                 XXH3_64bits_withSeed(&probe, sizeof(probe), seed))
        << "MinHash permutation " << i << " differs from XXH3";
  }
}

std::vector<uint64_t> MinHasher::Signature(std::span<const uint64_t> shingles) const {
  std::vector<uint64_t> out;
  Signature(shingles, &out);
  return out;
}

void MinHasher::Signature(std::span<const uint64_t> shingles,
                          std::vector<uint64_t>* out) const {
  out->resize(keys_.size());
  minima_(keys_.data(), keys_.size(), shingles.data(), shingles.size(), out->data());
}

OnePermutationHasher::OnePermutationHasher(int bins) : bins_(bins) {
  WINNOW_CHECK(bins >= 1 && bins <= kMaxBins) << bins;
  const uint64_t seed = SplitMix64(kHashSeed);
  key_ = KeyOf(seed);
  const uint64_t probe = 0x0123456789abcdefULL;
  WINNOW_CHECK(Permute(probe, key_) == XXH3_64bits_withSeed(&probe, sizeof(probe), seed))
      << "one-permutation hash differs from XXH3";
  const auto k = static_cast<size_t>(bins);
  order_.resize(k * k);
  place_.resize(k * k);
  for (size_t i = 0; i < k; ++i) {
    uint16_t* order = order_.data() + i * k;
    for (size_t j = 0; j < k; ++j) order[j] = static_cast<uint16_t>(j);
    uint64_t state = SplitMix64(kHashSeed + k + i);
    for (size_t t = k - 1; t > 0; --t) {
      // A place in [0, t] from the top of a 64-bit draw.
      const auto r = static_cast<size_t>(MulHigh(state, t + 1));
      std::swap(order[t], order[r]);
      state = SplitMix64(state);
    }
    for (size_t t = 0; t < k; ++t) place_[i * k + order[t]] = static_cast<uint16_t>(t);
  }
}

std::vector<uint64_t> OnePermutationHasher::Signature(std::span<const uint64_t> shingles) const {
  std::vector<uint64_t> out;
  Signature(shingles, &out);
  return out;
}

void OnePermutationHasher::Signature(std::span<const uint64_t> shingles,
                                     std::vector<uint64_t>* out) const {
  const auto k = static_cast<size_t>(bins_);
  out->assign(k, std::numeric_limits<uint64_t>::max());
  if (shingles.empty()) return;
  uint64_t* mins = out->data();
  bool filled[kMaxBins];
  std::memset(filled, 0, k);
  for (const uint64_t x : shingles) {
    const uint64_t h = Permute(x, key_);
    const auto bin = static_cast<size_t>(MulHigh(h, k));
    mins[bin] = std::min(mins[bin], h);
    filled[bin] = true;
  }
  uint16_t full[kMaxBins];
  size_t num_full = 0;
  for (size_t i = 0; i < k; ++i) {
    if (filled[i]) full[num_full++] = static_cast<uint16_t>(i);
  }
  if (num_full == k) return;
  // Each empty bin takes the value of the first filled bin in its order:
  // walk the order when most bins are filled (about k / num_full steps),
  // else take the filled bin with the least place (num_full steps). Both
  // find the same bin.
  const bool walk = num_full * num_full >= k;
  for (size_t i = 0; i < k; ++i) {
    if (filled[i]) continue;
    size_t from = 0;
    if (walk) {
      const uint16_t* order = order_.data() + i * k;
      size_t t = 0;
      while (!filled[order[t]]) ++t;
      from = order[t];
    } else {
      const uint16_t* place = place_.data() + i * k;
      uint16_t best = std::numeric_limits<uint16_t>::max();
      for (size_t f = 0; f < num_full; ++f) {
        if (place[full[f]] < best) {
          best = place[full[f]];
          from = full[f];
        }
      }
    }
    mins[i] = mins[from];
  }
}

double EstimateJaccard(std::span<const uint64_t> a, std::span<const uint64_t> b) {
  WINNOW_CHECK(a.size() == b.size()) << a.size() << " vs " << b.size();
  if (a.empty()) return 0;
  size_t equal = 0;
  for (size_t i = 0; i < a.size(); ++i) equal += a[i] == b[i];
  return static_cast<double>(equal) / static_cast<double>(a.size());
}

namespace {

template <typename T>
double SortedJaccard(std::span<const T> a, std::span<const T> b) {
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

}  // namespace

double SortedSetJaccard(std::span<const uint64_t> a, std::span<const uint64_t> b) {
  return SortedJaccard(a, b);
}

double SortedSetJaccard(std::span<const uint32_t> a, std::span<const uint32_t> b) {
  return SortedJaccard(a, b);
}

}  // namespace winnow
