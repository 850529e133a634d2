#include "winnow/hash/hash.h"

#include <algorithm>
#include <bit>
#include <cstring>

#include "winnow/base/check.h"
#include "winnow/text/utf8.h"

// xxHash compiled into this file: most hashed inputs are single words or
// five 8-byte hashes, where a call into the shared library and its length
// dispatch cost as much as the hash itself. The values are the library's
// own (known-answer tests pin them).
#define XXH_INLINE_ALL
#include <xxhash.h>

namespace winnow {

static_assert(std::endian::native == std::endian::little,
              "hash values are defined on little-endian layouts");

uint64_t HashBytes(std::string_view bytes) {
  return XXH3_64bits_withSeed(bytes.data(), bytes.size(), kHashSeed);
}

uint64_t HashSequence(std::span<const uint64_t> hashes) {
  return XXH3_64bits_withSeed(hashes.data(), hashes.size() * sizeof(uint64_t),
                              kHashSeed);
}

void ShingleHashes(std::span<const uint64_t> hashes, int n,
                   std::vector<uint64_t>* out) {
  WINNOW_CHECK(n >= 1) << "shingle size " << n;
  const size_t at = out->size();
  out->resize(at + ShingleCount(hashes.size(), n));
  ShingleHashes(hashes, n, out->data() + at);
}

size_t ShingleHashes(std::span<const uint64_t> hashes, int n, uint64_t* out) {
  WINNOW_CHECK(n >= 1) << "shingle size " << n;
  const size_t count = ShingleCount(hashes.size(), n);
  const size_t width = static_cast<size_t>(n);
  if (hashes.size() <= width) {
    if (count == 1) out[0] = HashSequence(hashes);
    return count;
  }
  if (width == 5) {
    // The default width with its length known here: the compiler keeps
    // only XXH3's 17-128 byte path, with no length dispatch per shingle.
    for (size_t i = 0; i < count; ++i) {
      out[i] = XXH3_64bits_withSeed(hashes.data() + i, 5 * sizeof(uint64_t), kHashSeed);
    }
    return count;
  }
  for (size_t i = 0; i < count; ++i) out[i] = HashSequence(hashes.subspan(i, width));
  return count;
}

namespace {

// SortHashes for 64-bit hashes and 32-bit fingerprints alike.
template <typename T>
void SortUniform(std::vector<T>* values, std::vector<T>* scratch) {
  constexpr int kBits = 8 * sizeof(T);
  const size_t n = values->size();
  if (n < 64) {
    std::sort(values->begin(), values->end());
    return;
  }
  if (n <= kSortHashesMaxBuckets) {
    // One pass of buckets by the top bits, two buckets per value: uniform
    // values land nearly in order, most buckets holding none or one. Then
    // one insertion pass over the whole array, which moves a value only
    // past the few of its own bucket that should follow it (so its branch
    // is rarely taken, where sorting each bucket of a few values on its own
    // mispredicts on their sizes). Values far from uniform (a bucket of
    // more than 16) take std::sort.
    const auto bits = static_cast<int>(std::bit_width(n - 1)) + 1;  // 2^bits >= 2n
    const size_t buckets = size_t{1} << bits;
    const int shift = kBits - bits;
    uint32_t starts[2 * kSortHashesMaxBuckets + 1];
    std::fill(starts, starts + buckets + 1, 0u);
    uint32_t crowded = 0;  // the most values in one bucket
    for (const T v : *values) {
      crowded = std::max(crowded, ++starts[(v >> shift) + 1]);
    }
    if (crowded > 16) {  // far from uniform: the insertion pass would be slow
      std::sort(values->begin(), values->end());
      return;
    }
    for (size_t b = 0; b < buckets; ++b) starts[b + 1] += starts[b];
    scratch->resize(n);
    T* to = scratch->data();
    for (const T v : *values) to[starts[v >> shift]++] = v;
    for (size_t i = 1; i < n; ++i) {
      const T v = to[i];
      size_t j = i;
      for (; j > 0 && to[j - 1] > v; --j) to[j] = to[j - 1];
      to[j] = v;
    }
    values->swap(*scratch);
    return;
  }
  // Larger sets: LSD radix, counts of every byte position in one pass.
  uint32_t counts[sizeof(T)][256] = {};
  for (const T v : *values) {
    for (size_t d = 0; d < sizeof(T); ++d) ++counts[d][(v >> (8 * d)) & 0xFF];
  }
  scratch->resize(n);
  T* from = values->data();
  T* to = scratch->data();
  for (size_t d = 0; d < sizeof(T); ++d) {
    // A byte that is the same in every value moves nothing.
    if (counts[d][(from[0] >> (8 * d)) & 0xFF] == n) continue;
    uint32_t offsets[256];
    uint32_t sum = 0;
    for (int b = 0; b < 256; ++b) {
      offsets[b] = sum;
      sum += counts[d][b];
    }
    for (size_t i = 0; i < n; ++i) {
      const T v = from[i];
      to[offsets[(v >> (8 * d)) & 0xFF]++] = v;
    }
    std::swap(from, to);
  }
  if (from != values->data()) std::memcpy(values->data(), from, n * sizeof(T));
}

}  // namespace

void SortHashes(std::vector<uint64_t>* values, std::vector<uint64_t>* scratch) {
  SortUniform(values, scratch);
}

void SortHashes(std::vector<uint32_t>* values, std::vector<uint32_t>* scratch) {
  SortUniform(values, scratch);
}

WordHasher::WordHasher(NormalizerOptions options) : normalizer_(options) {}

uint64_t WordHasher::HashWord(std::string_view word) {
  normalizer_.NormalizeWord(word, &scratch_);
  return HashBytes(scratch_);
}

WordRange WordsIn(std::span<const Span> spans, Span range, size_t from) {
  WordRange r;
  r.first = std::min(from, spans.size());
  // Ranges mostly come in text order, each starting at or just after the
  // previous one's last word: step over a few words first, and search
  // (binary, with its unpredictable branches) only past them.
  constexpr size_t kSteps = 4;
  const size_t stop = std::min(r.first + kSteps, spans.size());
  while (r.first < stop && spans[r.first].begin < range.begin) ++r.first;
  if (r.first == stop && stop < spans.size() && spans[r.first].begin < range.begin) {
    r.first = static_cast<size_t>(
        std::lower_bound(spans.begin() + static_cast<std::ptrdiff_t>(r.first), spans.end(),
                         range.begin, [](const Span& s, uint32_t pos) { return s.begin < pos; }) -
        spans.begin());
  }
  r.end = r.first;
  while (r.end < spans.size() && spans[r.end].end <= range.end) ++r.end;
  return r;
}

void WordHasher::HashWords(std::string_view text, Span range, std::vector<uint64_t>* out) {
  ForEachWord(text, range, [out](Span, std::string_view word) {
    if (!word.empty()) out->push_back(HashBytes(word));
  });
}

void WordHasher::HashWords(std::string_view text, Span range, std::vector<uint64_t>* out,
                           std::vector<Span>* spans) {
  ForEachWord(text, range, [out, spans](Span span, std::string_view word) {
    if (word.empty()) return;
    out->push_back(HashBytes(word));
    spans->push_back(span);
  });
}

}  // namespace winnow
