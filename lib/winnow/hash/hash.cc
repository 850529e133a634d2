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
  if (hashes.empty()) return;
  const size_t width = static_cast<size_t>(n);
  if (hashes.size() <= width) {
    out->push_back(HashSequence(hashes));
    return;
  }
  for (size_t i = 0; i + width <= hashes.size(); ++i) {
    out->push_back(HashSequence(hashes.subspan(i, width)));
  }
}

WordHasher::WordHasher(NormalizerOptions options) : normalizer_(options) {}

uint64_t WordHasher::HashWord(std::string_view word) {
  normalizer_.NormalizeWord(word, &scratch_);
  return HashBytes(scratch_);
}

WordRange WordsIn(std::span<const Span> spans, Span range, size_t from) {
  WordRange r;
  r.first = static_cast<size_t>(
      std::lower_bound(spans.begin() + static_cast<std::ptrdiff_t>(std::min(from, spans.size())),
                       spans.end(), range.begin,
                       [](const Span& s, uint32_t pos) { return s.begin < pos; }) -
      spans.begin());
  r.end = r.first;
  while (r.end < spans.size() && spans[r.end].end <= range.end) ++r.end;
  return r;
}

void WordHasher::HashWords(std::string_view text, Span range, std::vector<uint64_t>* out) {
  ForEachWord(text, range, [out](Span, std::string_view word) { out->push_back(HashBytes(word)); });
}

void WordHasher::HashWords(std::string_view text, Span range, std::vector<uint64_t>* out,
                           std::vector<Span>* spans) {
  ForEachWord(text, range, [out, spans](Span span, std::string_view word) {
    out->push_back(HashBytes(word));
    spans->push_back(span);
  });
}

}  // namespace winnow
