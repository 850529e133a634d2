// Word hashing (normalize + XXH3), word 5-gram shingles, MinHash signatures.

#include <benchmark/benchmark.h>

#include <algorithm>
#include <string>
#include <vector>

#include "bench_corpus.h"
#include "winnow/hash/hash.h"
#include "winnow/hash/minhash.h"

namespace winnow::bench {
namespace {

Span Whole(const std::string& text) { return {0, static_cast<uint32_t>(text.size())}; }

// The word hashes of every document (computed once, outside the timings of
// the shingle and MinHash benchmarks).
const std::vector<std::vector<uint64_t>>& WordHashes() {
  static const auto* hashes = [] {
    auto* h = new std::vector<std::vector<uint64_t>>;
    WordHasher hasher;
    for (const std::string& text : GetBenchCorpus().texts) {
      h->emplace_back();
      hasher.HashWords(text, Whole(text), &h->back());
    }
    return h;
  }();
  return *hashes;
}

void BM_WordHasher_HashWords(benchmark::State& state) {
  const BenchCorpus& corpus = GetBenchCorpus();
  WordHasher hasher;
  const Normalizer normalizer;
  std::vector<uint64_t> out;
  std::vector<Span> words;
  std::string scratch;
  uint64_t word_count = 0;
  // Check once against the reference: split, normalize, hash each word.
  for (const std::string& text : corpus.texts) {
    out.clear();
    hasher.HashWords(text, Whole(text), &out);
    words.clear();
    SplitWords(text, Whole(text), &words);
    std::vector<uint64_t> expect;
    for (const Span& w : words) {
      normalizer.NormalizeWord(w.In(text), &scratch);
      if (!scratch.empty()) expect.push_back(HashBytes(scratch));
    }
    if (out != expect) CheckFailed("BM_WordHasher_HashWords", "hashes differ from the reference");
    word_count += out.size();
  }
  for (auto _ : state) {
    for (const std::string& text : corpus.texts) {
      out.clear();
      hasher.HashWords(text, Whole(text), &out);
      benchmark::DoNotOptimize(out.data());
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus.text_bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * word_count));
}
BENCHMARK(BM_WordHasher_HashWords)->Unit(benchmark::kMillisecond);

void BM_ShingleHashes_5(benchmark::State& state) {
  const BenchCorpus& corpus = GetBenchCorpus();
  const auto& hashes = WordHashes();
  std::vector<uint64_t> out;
  uint64_t shingles = 0;
  // Check once: one shingle per window of five, each the sequence hash of
  // its window.
  for (const auto& words : hashes) {
    out.clear();
    ShingleHashes(words, 5, &out);
    const size_t expect = words.empty() ? 0 : (words.size() <= 5 ? 1 : words.size() - 4);
    if (out.size() != expect) CheckFailed("BM_ShingleHashes_5", "wrong shingle count");
    for (size_t i = 0; i + 5 <= words.size(); ++i) {
      if (out[i] != HashSequence(std::span(words).subspan(i, 5))) {
        CheckFailed("BM_ShingleHashes_5", "shingle " + std::to_string(i) + " differs");
      }
    }
    shingles += out.size();
  }
  for (auto _ : state) {
    for (const auto& words : hashes) {
      out.clear();
      ShingleHashes(words, 5, &out);
      benchmark::DoNotOptimize(out.data());
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus.text_bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * shingles));
}
BENCHMARK(BM_ShingleHashes_5)->Unit(benchmark::kMillisecond);

// Every document's sorted unique 5-word shingle hashes, as the corpus stage
// signs them; built once for the signature benchmarks.
const std::vector<std::vector<uint64_t>>& ShingleSets() {
  static const auto* const kSets = [] {
    auto* sets = new std::vector<std::vector<uint64_t>>();
    for (const auto& words : WordHashes()) {
      sets->emplace_back();
      ShingleHashes(words, 5, &sets->back());
      std::sort(sets->back().begin(), sets->back().end());
      sets->back().erase(std::unique(sets->back().begin(), sets->back().end()),
                         sets->back().end());
    }
    return sets;
  }();
  return *kSets;
}

void BM_MinHash_Signature100(benchmark::State& state) {
  const BenchCorpus& corpus = GetBenchCorpus();
  const MinHasher hasher(100);  // the corpus stage's K = 20 bands x 5 rows
  const std::vector<std::vector<uint64_t>>& sets = ShingleSets();
  uint64_t elements = 0;
  for (const auto& set : sets) elements += set.size();
  // Check once (first 50 sets): the signature of a set is the element-wise
  // minimum of its elements' one-element signatures.
  std::vector<uint64_t> sig;
  for (size_t s = 0; s < std::min<size_t>(50, sets.size()); ++s) {
    hasher.Signature(sets[s], &sig);
    std::vector<uint64_t> expect(100, UINT64_MAX);
    for (uint64_t x : sets[s]) {
      const std::vector<uint64_t> one = hasher.Signature(std::span(&x, 1));
      for (size_t i = 0; i < 100; ++i) expect[i] = std::min(expect[i], one[i]);
    }
    if (sig != expect) CheckFailed("BM_MinHash_Signature100", "signature differs from the minima");
  }
  for (auto _ : state) {
    for (const auto& set : sets) {
      hasher.Signature(set, &sig);
      benchmark::DoNotOptimize(sig.data());
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus.text_bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * sets.size()));
  state.counters["shingles"] = static_cast<double>(elements);
}
BENCHMARK(BM_MinHash_Signature100)->Unit(benchmark::kMillisecond);

// The corpus stage's signature: one hash per shingle into 100 bins, empty
// bins densified (hash/minhash.h), on the same sets as the one above, the
// reference it is read against.
void BM_OnePermutation_Signature100(benchmark::State& state) {
  const BenchCorpus& corpus = GetBenchCorpus();
  const OnePermutationHasher hasher(100);
  const std::vector<std::vector<uint64_t>>& sets = ShingleSets();
  uint64_t elements = 0;
  for (const auto& set : sets) elements += set.size();
  // Check once (first 50 sets): every value is the hash of one of the
  // set's elements, and a set's signature does not depend on its order.
  std::vector<uint64_t> sig;
  std::vector<uint64_t> reversed_sig;
  for (size_t s = 0; s < std::min<size_t>(50, sets.size()); ++s) {
    if (sets[s].empty()) continue;
    hasher.Signature(sets[s], &sig);
    std::vector<uint64_t> reversed(sets[s].rbegin(), sets[s].rend());
    hasher.Signature(reversed, &reversed_sig);
    if (sig != reversed_sig) CheckFailed("BM_OnePermutation_Signature100", "order changed it");
    std::vector<uint64_t> hashes;
    for (uint64_t x : sets[s]) {
      const std::vector<uint64_t> one = hasher.Signature(std::span(&x, 1));
      hashes.push_back(one[0]);  // a one-element set: every bin holds its hash
    }
    std::sort(hashes.begin(), hashes.end());
    for (uint64_t v : sig) {
      if (!std::binary_search(hashes.begin(), hashes.end(), v)) {
        CheckFailed("BM_OnePermutation_Signature100", "a value is no element's hash");
      }
    }
  }
  for (auto _ : state) {
    for (const auto& set : sets) {
      hasher.Signature(set, &sig);
      benchmark::DoNotOptimize(sig.data());
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus.text_bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * sets.size()));
  state.counters["shingles"] = static_cast<double>(elements);
}
BENCHMARK(BM_OnePermutation_Signature100)->Unit(benchmark::kMillisecond);

// Sorting each document's shingle hashes, as the corpus stage does before
// MinHash: SortHashes (arg 1) against std::sort (arg 0) on the same sets.
void BM_SortShingles(benchmark::State& state) {
  const BenchCorpus& corpus = GetBenchCorpus();
  const bool radix = state.range(0) == 1;
  std::vector<std::vector<uint64_t>> sets;
  uint64_t elements = 0;
  for (const auto& words : WordHashes()) {
    sets.emplace_back();
    ShingleHashes(words, 5, &sets.back());
    elements += sets.back().size();
  }
  std::vector<uint64_t> v;
  std::vector<uint64_t> scratch;
  for (const auto& set : sets) {  // check once: the same order as std::sort
    v = set;
    SortHashes(&v, &scratch);
    if (!std::is_sorted(v.begin(), v.end()) || v.size() != set.size()) {
      CheckFailed("BM_SortShingles", "SortHashes did not sort");
    }
  }
  for (auto _ : state) {
    for (const auto& set : sets) {
      v.assign(set.begin(), set.end());
      if (radix) {
        SortHashes(&v, &scratch);
      } else {
        std::sort(v.begin(), v.end());
      }
      benchmark::DoNotOptimize(v.data());
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus.text_bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * elements));
}
BENCHMARK(BM_SortShingles)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace winnow::bench
