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
  HashWordsImpl<false>(text, range, out, nullptr);
}

void WordHasher::HashWords(std::string_view text, Span range, std::vector<uint64_t>* out,
                           std::vector<Span>* spans) {
  HashWordsImpl<true>(text, range, out, spans);
}

template <bool kSpans>
void WordHasher::HashWordsImpl(std::string_view text, Span range, std::vector<uint64_t>* out,
                               std::vector<Span>* spans) {
  // SplitWords, NormalizeWord and HashBytes in one pass over the bytes: an
  // ASCII word is folded into a stack buffer and hashed there; a word with
  // any other byte goes through the Normalizer as before. Words are the same
  // maximal runs of word characters that SplitWords finds.
  const NormalizerOptions& options = normalizer_.options();
  const size_t end = range.end;
  size_t pos = range.begin;
  char folded[kFoldedWordBytes];
  while (pos < end) {
    // Find the next word's start.
    auto c = static_cast<unsigned char>(text[pos]);
    if (c < 0x80) {
      if (!IsAsciiWordChar(c)) {
        ++pos;
        continue;
      }
    } else {
      char32_t cp;
      const size_t n = DecodeUtf8(text, pos, &cp);
      if (!IsWordChar(cp)) {
        pos += n;
        continue;
      }
    }
    // Its end, noting whether it is all ASCII.
    const size_t begin = pos;
    bool ascii = true;
    while (pos < end) {
      c = static_cast<unsigned char>(text[pos]);
      if (c < 0x80) {
        if (!IsAsciiWordChar(c)) break;
        ++pos;
      } else {
        char32_t cp;
        const size_t n = DecodeUtf8(text, pos, &cp);
        if (!IsWordChar(cp)) break;
        ascii = false;
        pos += n;
      }
    }
    const size_t size = pos - begin;
    if (ascii && size <= kFoldedWordBytes) {
      // NormalizeWord's ASCII path: every byte is a letter or digit.
      for (size_t i = 0; i < size; ++i) {
        auto b = static_cast<unsigned char>(text[begin + i]);
        if (options.case_fold && static_cast<unsigned char>(b - 'A') < 26) {
          b = static_cast<unsigned char>(b + 32);
        }
        if (options.digits_to_zero && static_cast<unsigned char>(b - '0') < 10) b = '0';
        folded[i] = static_cast<char>(b);
      }
      out->push_back(HashBytes(std::string_view(folded, size)));
    } else {
      normalizer_.NormalizeWord(text.substr(begin, size), &scratch_);
      if (scratch_.empty()) continue;
      out->push_back(HashBytes(scratch_));
    }
    if constexpr (kSpans) {
      spans->push_back({static_cast<uint32_t>(begin), static_cast<uint32_t>(pos)});
    }
  }
}

}  // namespace winnow
