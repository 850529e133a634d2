// MinHash signatures of shingle sets, for near-duplicate detection.
//
// A signature holds K values. Two sets' signatures agree at position i with
// probability equal to their Jaccard similarity |A ∩ B| / |A ∪ B|, so the
// share of equal positions estimates it (standard error about
// sqrt(J (1 - J) / K)).
//
//   MinHasher hasher(100);                        // K = 100 values
//   std::vector<uint64_t> sig = hasher.Signature(shingles);
//   double j = EstimateJaccard(sig, other_sig);   // same K
//
// How: one permutation hashing with optimal densification (Li, Owen, Zhang
// 2012; Shrivastava 2017), not K separate hash functions. Each element x
// (already a 64-bit hash) is mixed once, v = Mix(x), and falls into bin
// floor(v * K / 2^64); value i of the signature is the smallest v in bin i.
// A bin no element fell into takes the value of the first non-empty bin
// along a fixed pseudo-random probe sequence of its own (Mix of the bin
// number and the attempt), which keeps P(agree at i) = J for every i. This
// costs one mix per element plus O(K) instead of K hashes per element: the
// K-hash form spent about 80% of the corpus stage's time.
//
// The mixer is the SplitMix64 finalizer over x XOR a constant derived from
// kHashSeed: no random state, so the same set gives the same signature in
// every run, on every machine. Saved signatures depend on these values, so
// known-answer tests pin them (tests/hash/minhash_test.cc); changing them is
// a versioned decision. The empty set's signature is K copies of
// UINT64_MAX.
//
// Thread-safety: a MinHasher is immutable after construction; Signature()
// is const and may be called from several threads at once.

#ifndef WINNOW_HASH_MINHASH_H_
#define WINNOW_HASH_MINHASH_H_

#include <cstdint>
#include <span>
#include <vector>

namespace winnow {

class MinHasher {
 public:
  // `permutations` (K, the signature length) must be at least 1.
  explicit MinHasher(int permutations);

  int permutations() const { return k_; }

  // The signature of the set of `shingles` (duplicates and order do not
  // matter): K values.
  std::vector<uint64_t> Signature(std::span<const uint64_t> shingles) const;
  // The same into *out (resized to K), reusing its storage.
  void Signature(std::span<const uint64_t> shingles, std::vector<uint64_t>* out) const;

 private:
  int k_;
};

// Share of positions where two signatures of the same length agree: the
// MinHash estimate of the sets' Jaccard similarity. 0 for empty signatures.
double EstimateJaccard(std::span<const uint64_t> a, std::span<const uint64_t> b);

// Exact Jaccard similarity of two sorted sets without duplicates: the
// reference the estimate is checked against. Two empty sets have 1.
double SortedSetJaccard(std::span<const uint64_t> a, std::span<const uint64_t> b);

}  // namespace winnow

#endif  // WINNOW_HASH_MINHASH_H_
