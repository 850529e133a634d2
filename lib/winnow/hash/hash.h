// Hashes that identify words, shingles, lines and paragraphs.
//
// Every hash is XXH3-64 with the fixed seed kHashSeed. Word hashes are taken
// over the normalized word (text/normalizer.h); a shingle of n words is the
// XXH3-64 of the n word hashes laid out as little-endian 64-bit integers; a
// sequence hash (a whole normalized line or paragraph) is the same over all
// of its word hashes. Saved indexes depend on these values, so known-answer
// tests pin them (tests/hash/hash_test.cc): changing them is a versioned
// decision.
//
//   WordHasher hasher;                       // default normalizer
//   std::vector<uint64_t> words;
//   hasher.HashWords(text, span, &words);   // one hash per word
//   std::vector<uint64_t> shingles;
//   ShingleHashes(words, 5, &shingles);      // word 5-grams
//
// The free functions are pure and thread-safe. A WordHasher keeps scratch
// buffers: use one per thread.

#ifndef WINNOW_HASH_HASH_H_
#define WINNOW_HASH_HASH_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/text/normalizer.h"
#include "winnow/text/segmenter.h"
#include "winnow/text/utf8.h"

namespace winnow {

// "winnow" in ASCII: the seed of every hash winnow stores.
inline constexpr uint64_t kHashSeed = 0x776f6e6e6977ULL;

// XXH3-64 of the bytes with kHashSeed.
uint64_t HashBytes(std::string_view bytes);

// Hash of a sequence of hashes (little-endian 64-bit each). The empty
// sequence hashes like the empty byte string.
uint64_t HashSequence(std::span<const uint64_t> hashes);

// Appends to *out one hash per window of n consecutive hashes. A sequence
// shorter than n (but not empty) yields a single shingle of all of it, so a
// short text is still represented. Requires n >= 1.
void ShingleHashes(std::span<const uint64_t> hashes, int n,
                   std::vector<uint64_t>* out);
// The same into `out`, which has room for ShingleCount(hashes.size(), n)
// values; returns that count. For scratch buffers that need no zeroing.
size_t ShingleHashes(std::span<const uint64_t> hashes, int n, uint64_t* out);
// The number of shingles of `words` words: words - n + 1, 1 for a shorter
// sequence that is not empty, 0 for none. Requires n >= 1.
inline size_t ShingleCount(size_t words, int n) {
  const auto width = static_cast<size_t>(n);
  return words == 0 ? 0 : words <= width ? 1 : words - width + 1;
}

// A shingle's 32-bit fingerprint: the top half of its hash. Near duplicates
// are verified on sets of fingerprints, half the bytes of the hashes (the
// corpus stage keeps one set per document, more bytes than the text). Two
// sets of n shingles share a fingerprint they do not share as hashes with
// probability about n^2 / 2^32 (about 1e-4 at n = 700), and then the
// Jaccard moves by 1 / n. Stage files hold these fingerprints (version 4).
inline uint32_t ShingleFingerprint(uint64_t shingle) {
  return static_cast<uint32_t>(shingle >> 32);
}

// The index range [first, end) of the words of `spans` (sorted, disjoint,
// as HashWords fills them) that lie inside `range`, searching from index
// `from` on (pass the previous call's end when ranges come in text order).
struct WordRange {
  size_t first = 0;
  size_t end = 0;
};
WordRange WordsIn(std::span<const Span> spans, Span range, size_t from = 0);

// Sorts *values ascending. Hashes are uniform and a document's shingle set
// has hundreds of them, where a comparison sort mispredicts about every
// other branch. Up to kSortHashesMaxBuckets values go into twice as many
// buckets by their top bits in one pass, which leaves them nearly sorted,
// and one insertion pass finishes (std::sort instead when a bucket gets
// more than 16); more take an LSD radix sort (one pass per byte).
// Any values sort correctly; uniform ones fast. *scratch is reused between calls (its
// storage may be swapped with *values').
inline constexpr size_t kSortHashesMaxBuckets = 4096;
void SortHashes(std::vector<uint64_t>* values, std::vector<uint64_t>* scratch);
void SortHashes(std::vector<uint32_t>* values, std::vector<uint32_t>* scratch);

// Normalizes and hashes words. Not thread-safe (scratch buffers).
class WordHasher {
 public:
  explicit WordHasher(NormalizerOptions options = {});

  // Appends the hash of every word of `range` of text whose normalized form
  // is not empty.
  void HashWords(std::string_view text, Span range, std::vector<uint64_t>* out);
  // The same, and appends to *spans the bytes of each word hashed (one per
  // hash, in order). A word never crosses a non-word character, so the
  // hashes of a sub-range whose ends fall between words (a line, a block, a
  // sentence) are the ones whose spans lie inside it: hash a document once
  // and take ranges of the result (WordsIn).
  void HashWords(std::string_view text, Span range, std::vector<uint64_t>* out,
                 std::vector<Span>* spans);

  // The hash of one word after normalization.
  uint64_t HashWord(std::string_view word);

  // Calls f(Span word, std::string_view normalized) for every word of
  // `range` of text, in order: the maximal runs of word characters
  // SplitWords finds, in one pass over the bytes. `normalized` can be empty
  // (HashWords skips those words). An ASCII word is folded on the stack; a word
  // with any other byte goes through the Normalizer. `normalized` is valid
  // during the call only.
  template <typename F>
  void ForEachWord(std::string_view text, Span range, F&& f);

  // ForEachWord's words of `range` in two kinds of pieces, in text order:
  // ascii(begin, end) for a stretch of ASCII bytes that starts and ends
  // between words (its words are its runs of ASCII letters and digits, to
  // be folded byte for byte: AsciiFoldTable::JoinWords does a stretch in
  // one vector pass), and word(Span, normalized) for each word with a
  // non-ASCII letter, which goes through the Normalizer. For lines that
  // are mostly ASCII with a few other characters.
  template <typename Ascii, typename Word>
  void ForEachAsciiStretchAndWord(std::string_view text, Span range, Ascii&& ascii, Word&& word);

  const Normalizer& normalizer() const { return normalizer_; }

 private:
  // Longest ASCII word HashWords folds on the stack; longer ones go
  // through the Normalizer.
  static constexpr size_t kFoldedWordBytes = 64;

  Normalizer normalizer_;
  std::string scratch_;
};

template <typename F>
void WordHasher::ForEachWord(std::string_view text, Span range, F&& f) {
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
    const Span word{static_cast<uint32_t>(begin), static_cast<uint32_t>(pos)};
    if (ascii && size <= kFoldedWordBytes) {
      // NormalizeWord's ASCII path: every byte is a letter or digit.
      for (size_t i = 0; i < size; ++i) {
        folded[i] = FoldAsciiWordChar(static_cast<unsigned char>(text[begin + i]), options);
      }
      f(word, std::string_view(folded, size));
    } else {
      normalizer_.NormalizeWord(text.substr(begin, size), &scratch_);
      f(word, std::string_view(scratch_));
    }
  }
}

template <typename Ascii, typename Word>
void WordHasher::ForEachAsciiStretchAndWord(std::string_view text, Span range, Ascii&& ascii,
                                            Word&& word) {
  size_t pos = range.begin;  // next byte to look at
  size_t start = pos;        // first byte not handed out yet
  const size_t end = range.end;
  while (pos < end) {
    if (static_cast<unsigned char>(text[pos]) < 0x80) {
      ++pos;
      continue;
    }
    char32_t cp;
    const size_t n = DecodeUtf8(text, pos, &cp);
    if (!IsWordChar(cp)) {  // a separator: the stretch before it is whole
      if (start < pos) ascii(start, pos);
      pos += n;
      start = pos;
      continue;
    }
    // A word with a non-ASCII letter: from the ASCII letters and digits
    // before it to the first separator after it.
    size_t begin = pos;
    while (begin > start && IsAsciiWordChar(static_cast<unsigned char>(text[begin - 1]))) {
      --begin;
    }
    if (start < begin) ascii(start, begin);
    pos += n;
    while (pos < end) {
      const auto c = static_cast<unsigned char>(text[pos]);
      if (c < 0x80) {
        if (!IsAsciiWordChar(c)) break;
        ++pos;
      } else {
        const size_t m = DecodeUtf8(text, pos, &cp);
        if (!IsWordChar(cp)) break;
        pos += m;
      }
    }
    normalizer_.NormalizeWord(text.substr(begin, pos - begin), &scratch_);
    word(Span{static_cast<uint32_t>(begin), static_cast<uint32_t>(pos)},
         std::string_view(scratch_));
    start = pos;
  }
  if (start < end) ascii(start, end);
}

}  // namespace winnow

#endif  // WINNOW_HASH_HASH_H_
