#include "winnow/hash/minhash.h"

#include <algorithm>
#include <cstring>
#include <limits>

#include "winnow/base/check.h"
#include "winnow/hash/hash.h"

namespace winnow {
namespace {

// The SplitMix64 finalizer (Steele, Lea, Flood 2014): a bijection on 64-bit
// values whose output bits all depend on every input bit.
inline uint64_t Mix(uint64_t x) {
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

constexpr uint64_t kElementKey = kHashSeed * 0x9e3779b97f4a7c15ULL;
constexpr uint64_t kProbeKey = (kHashSeed + 1) * 0x9e3779b97f4a7c15ULL;

// floor(v * k / 2^64): the bin of v among k.
__extension__ using Uint128 = unsigned __int128;
inline size_t Bin(uint64_t v, uint64_t k) {
  return static_cast<size_t>((static_cast<Uint128>(v) * k) >> 64);
}

}  // namespace

MinHasher::MinHasher(int permutations) : k_(permutations) {
  WINNOW_CHECK(permutations >= 1) << permutations;
}

std::vector<uint64_t> MinHasher::Signature(std::span<const uint64_t> shingles) const {
  std::vector<uint64_t> out;
  Signature(shingles, &out);
  return out;
}

void MinHasher::Signature(std::span<const uint64_t> shingles,
                          std::vector<uint64_t>* out) const {
  const auto k = static_cast<uint64_t>(k_);
  out->assign(k, std::numeric_limits<uint64_t>::max());
  if (shingles.empty()) return;
  uint64_t* mins = out->data();
  for (uint64_t x : shingles) {
    const uint64_t v = Mix(x ^ kElementKey);
    uint64_t& m = mins[Bin(v, k)];
    m = std::min(m, v);
  }
  // A bin holds its own element when its value falls in it; a value copied
  // in by densification falls in another bin. (A real element of value
  // UINT64_MAX, probability 2^-64, would be taken for an empty bin.)
  auto own = [&](size_t bin) {
    return mins[bin] != std::numeric_limits<uint64_t>::max() && Bin(mins[bin], k) == bin;
  };
  for (size_t i = 0; i < k; ++i) {
    if (own(i)) continue;
    size_t from = i;
    for (uint64_t attempt = 0;; ++attempt) {
      if (attempt == 64 * k) {
        // Practically unreachable (at least one bin is non-empty); a
        // deterministic fallback keeps the loop finite.
        from = i;
        while (!own(from)) from = (from + 1) % k;
        break;
      }
      from = Bin(Mix((i * 0x100000001b3ULL + attempt) ^ kProbeKey), k);
      if (own(from)) break;
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
