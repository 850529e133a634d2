// MinHash signatures of shingle sets, for near-duplicate detection.
//
// A signature holds K values; value i is the minimum, over the set's
// elements x, of permutation i applied to x. Two sets agree at position i
// with probability equal to their Jaccard similarity |A ∩ B| / |A ∪ B|, so
// the share of equal positions estimates it (standard error
// sqrt(J (1 - J) / K)).
//
//   MinHasher hasher(100);                        // K = 100 permutations
//   std::vector<uint64_t> sig = hasher.Signature(shingles);
//   double j = EstimateJaccard(sig, other_sig);   // same K
//
// Permutation i is XXH3-64 of x (8 bytes, little-endian) with seed
// SplitMix64(kHashSeed + i): no random state, so the same set gives the same
// signature in every run, on every machine. Saved signatures depend on these
// values, so known-answer tests pin them (tests/hash/minhash_test.cc);
// changing them is a versioned decision. The empty set's signature is K
// copies of UINT64_MAX.
//
// Thread-safety: a MinHasher is immutable after construction; Signature()
// is const and may be called from several threads at once.

#ifndef WINNOW_HASH_MINHASH_H_
#define WINNOW_HASH_MINHASH_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace winnow {

class MinHasher {
 public:
  // `permutations` (K) must be at least 1.
  explicit MinHasher(int permutations);

  int permutations() const { return static_cast<int>(seeds_.size()); }

  // The signature of the set of `shingles` (duplicates and order do not
  // matter): K values.
  std::vector<uint64_t> Signature(std::span<const uint64_t> shingles) const;
  // The same into *out (resized to K), reusing its storage.
  void Signature(std::span<const uint64_t> shingles, std::vector<uint64_t>* out) const;

 private:
  std::vector<uint64_t> seeds_;  // one XXH3 seed per permutation
  std::vector<uint64_t> keys_;   // per permutation: XXH3's key for 8-byte inputs
  // The kernel for this CPU: mins[i] = min over xs of permutation i.
  void (*minima_)(const uint64_t* keys, size_t k, const uint64_t* xs, size_t n,
                  uint64_t* mins) = nullptr;
};

// Share of positions where two signatures of the same length agree: the
// MinHash estimate of the sets' Jaccard similarity. 0 for empty signatures.
double EstimateJaccard(std::span<const uint64_t> a, std::span<const uint64_t> b);

// Exact Jaccard similarity of two sorted sets without duplicates: the
// reference the estimate is checked against. Two empty sets have 1.
double SortedSetJaccard(std::span<const uint64_t> a, std::span<const uint64_t> b);

}  // namespace winnow

#endif  // WINNOW_HASH_MINHASH_H_
