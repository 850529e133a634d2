// The hashing form of text: what two spans must share to count as the same.
//
// Repeats and corpus duplicates are found by comparing hashes of normalized
// words, so that "Korea’s", "KOREA's" and "Korea's" agree. Normalization
// works word by word (words as SplitWords finds them, so punctuation, symbols
// and whitespace are dropped by construction) and is applied only to build
// hashes and lexicon keys: it never changes what is written out.
//
// Defaults (NormalizerOptions):
//
//   option          default  effect on a word
//   --------------  -------  ----------------------------------------------
//   nfkc            true     Unicode NFKC: "ﬁ" -> "fi", full-width -> ASCII
//   case_fold       true     Unicode case folding: "Straße" -> "strasse"
//   digits_to_zero  true     every decimal digit -> '0': "2023" -> "0000"
//   strip_accents   false    drop combining marks after NFD: "café" -> "cafe"
//
//   Normalizer n;                       // default options
//   std::string key = n.NormalizeText(line_text);   // "share this article"
//   n.NormalizeWord("Korea", &scratch);             // "korea"
//
// Changing a default changes every stored hash: it is a versioned decision
// (hash known-answer tests pin the results).
//
// A Normalizer is immutable after construction and thread-safe; callers pass
// their own scratch strings.

#ifndef WINNOW_TEXT_NORMALIZER_H_
#define WINNOW_TEXT_NORMALIZER_H_

#include <string>
#include <string_view>
#include <vector>

#include "winnow/text/segmenter.h"

namespace winnow {

struct NormalizerOptions {
  bool nfkc = true;
  bool case_fold = true;
  bool digits_to_zero = true;
  bool strip_accents = false;

  friend bool operator==(const NormalizerOptions&, const NormalizerOptions&) = default;
};

// The normalized form of an ASCII letter or digit under `options` (NFKC
// leaves ASCII alone and case folding is tolower): the one rule of every
// ASCII fast path (Normalizer::NormalizeWord, WordHasher::ForEachWord,
// LineFrequencies::LineKey).
inline char FoldAsciiWordChar(unsigned char c, const NormalizerOptions& options) {
  if (options.case_fold && static_cast<unsigned char>(c - 'A') < 26) {
    c = static_cast<unsigned char>(c + 32);
  }
  if (options.digits_to_zero && static_cast<unsigned char>(c - '0') < 10) c = '0';
  return static_cast<char>(c);
}

// FoldAsciiWordChar on eight bytes at once, each an ASCII letter or digit
// (what other bytes become is unspecified: mask them off). Letters have the
// 0x40 bit and digits do not, so folding case sets 0x20 where 0x40 is set,
// and folding digits puts '0' where it is clear; no byte carries into the
// next.
inline uint64_t FoldAsciiWordBytes(uint64_t bytes, const NormalizerOptions& options) {
  constexpr uint64_t kLetterBits = 0x4040404040404040ULL;
  if (options.case_fold) bytes |= (bytes & kLetterBits) >> 1;
  if (options.digits_to_zero) {
    const uint64_t digits = ((~bytes & kLetterBits) >> 6) * 0xFF;  // 0xFF per digit byte
    bytes = (bytes & ~digits) | (0x3030303030303030ULL & digits);
  }
  return bytes;
}

// The same rule as a table over the 128 ASCII bytes: the folded byte of a
// letter or digit, 0 for every other byte. For loops that must not branch
// on each byte (LineFrequencies::LineKey, BoilerplateStage::ClassifyLine).
class AsciiFoldTable {
 public:
  explicit AsciiFoldTable(const NormalizerOptions& options) {
    for (unsigned c = 0; c < 128; ++c) {
      const auto b = static_cast<unsigned char>(c);
      const bool word = static_cast<unsigned char>((b | 0x20) - 'a') < 26 ||
                        static_cast<unsigned char>(b - '0') < 10;
      table_[c] = word ? FoldAsciiWordChar(b, options) : '\0';
    }
  }
  // The table for `options` (one of four built once: NFKC and accent
  // stripping leave ASCII alone).
  static const AsciiFoldTable& For(const NormalizerOptions& options);

  // c < 0x80.
  char operator[](unsigned char c) const { return table_[c]; }

  // Writes the words of the ASCII bytes `in` (runs of letters and digits)
  // to out, folded and joined by single spaces, and returns how many bytes
  // that is (at most in.size()). `out` must have room for in.size() + 64
  // bytes: the vector form stores 64 at a time. Uses AVX-512 (VBMI2
  // compress) where the CPU has it, else one branch-free pass; the bytes
  // are the same.
  size_t JoinWords(std::string_view in, char* out) const;
  // The portable form of JoinWords, for tests and benchmarks.
  size_t JoinWordsPortable(std::string_view in, char* out) const;
  // JoinWords that also appends where each word is in `in` to *spans (in
  // order). An ASCII word folds byte for byte, so word k of the joined
  // text has the length of spans[k] and starts after the k words before
  // it and their spaces.
  size_t JoinWordsWithSpans(std::string_view in, char* out, std::vector<Span>* spans) const;
  size_t JoinWordsWithSpansPortable(std::string_view in, char* out,
                                    std::vector<Span>* spans) const;

 private:
  alignas(64) char table_[128];
};

class Normalizer {
 public:
  explicit Normalizer(NormalizerOptions options = {});

  const NormalizerOptions& options() const { return options_; }

  // Writes the normalized form of one word (a run of word characters) to
  // *out, replacing its contents. Characters that normalize to something
  // other than word characters are dropped.
  void NormalizeWord(std::string_view word, std::string* out) const;

  // Normalizes every word of `text` and joins them with single spaces.
  std::string NormalizeText(std::string_view text) const;

 private:
  NormalizerOptions options_;
  int utf8proc_options_ = 0;
};

}  // namespace winnow

#endif  // WINNOW_TEXT_NORMALIZER_H_
