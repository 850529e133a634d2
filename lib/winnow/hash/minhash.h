// MinHash signatures of shingle sets, for near-duplicate detection.
//
// Two kinds, with the same guarantee (two sets agree at each position with
// probability equal to their Jaccard similarity):
//   - OnePermutationHasher (below): one hash per element, spread over K
//     bins. What the corpus stage uses: its cost does not grow with K.
//   - MinHasher: K hashes per element, the textbook form; the reference the
//     other is tested and benchmarked against.
//
// MinHasher: a signature holds K values; value i is the minimum, over the set's
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

// One-permutation MinHash with optimal densification: a signature of K
// values from one hash per element instead of K (Li, Owen, Zhang 2012;
// Shrivastava 2017). What the corpus stage uses.
//
// Each element x gets h = XXH3-64 of its 8 little-endian bytes with seed
// SplitMix64(kHashSeed). The top of h picks one of K bins, bin(h) =
// floor(h * K / 2^64), and value i of the signature is the least h in bin
// i. A bin no element fell in takes the value of the first bin, in a fixed
// order of the K bins drawn for it alone (a Fisher-Yates shuffle driven by
// SplitMix64(kHashSeed + K + i) in a chain), that some element fell in.
//
// Two sets agree at position i with probability equal to their Jaccard
// similarity, as with K permutations: the position's value is the least
// element of the union in one bin (the bin itself, or the first one of the
// union's non-empty bins in bin i's order, which both sets reach, or one
// of them stops earlier and the values come from different bins and
// differ), and the two agree exactly when that element is in both sets.
// The bins' own orders make the empty positions nearly independent, so
// the estimate's error stays close to that of K permutations (Shrivastava,
// "Optimal Densification for Fast and Accurate Minwise Hashing", ICML
// 2017). The cost is one hash per element and, for each empty bin, a walk
// of its order: for a set of n elements about K / (K - e^(-n/K) K) steps.
//
// Values and orders are pinned by known-answer tests; changing them is a
// versioned decision (band keys in the scale stage files depend on them).
// K is at most kMaxBins. The empty set's signature is K copies of
// UINT64_MAX. Immutable after construction; Signature() is thread-safe.
class OnePermutationHasher {
 public:
  static constexpr int kMaxBins = 1024;

  // 1 <= bins <= kMaxBins.
  explicit OnePermutationHasher(int bins);

  int bins() const { return bins_; }

  // The signature of the set of `shingles` (duplicates and order do not
  // matter) into *out, resized to K.
  void Signature(std::span<const uint64_t> shingles, std::vector<uint64_t>* out) const;
  std::vector<uint64_t> Signature(std::span<const uint64_t> shingles) const;

 private:
  int bins_;
  uint64_t key_;  // XXH3's key for 8-byte inputs under the seed
  // Row i: bin i's order of the bins (order_) and each bin's place in it
  // (place_), K x K each.
  std::vector<uint16_t> order_;
  std::vector<uint16_t> place_;
};

// Share of positions where two signatures of the same length agree: the
// MinHash estimate of the sets' Jaccard similarity. 0 for empty signatures.
double EstimateJaccard(std::span<const uint64_t> a, std::span<const uint64_t> b);

// Exact Jaccard similarity of two sorted sets without duplicates: the
// reference the estimate is checked against. Two empty sets have 1.
double SortedSetJaccard(std::span<const uint64_t> a, std::span<const uint64_t> b);
double SortedSetJaccard(std::span<const uint32_t> a, std::span<const uint32_t> b);

}  // namespace winnow

#endif  // WINNOW_HASH_MINHASH_H_
