// Stop words: the most frequent function words of ten European languages,
// and a language guess that counts them.
//
// Quality filters use stop words as evidence that a span is running prose
// rather than a menu, a table or a keyword list ("the", "und", "les", "и"
// appear in almost every real sentence and rarely in page furniture). The
// same counts give a cheap guess at a text's language.
//
// Words are looked up in normalized form, as the default Normalizer writes
// them (text/normalizer.h): Unicode case-folded and NFKC, accents kept
// ("était", "für", "się", "že"), so callers pass the output of
// Normalizer::NormalizeWord and never lowercase again. SplitWords breaks
// words at apostrophes, so the lists also hold the fragments of elisions and
// contractions: "l" and "qu" (French "l'état", "qu'il"), "dell" (Italian),
// "don" and "t" (English "don't"). Case folding turns German "ß" into "ss",
// so German words with "ß" are listed both ways ("dass" and "daß").
//
//   Normalizer normalizer;
//   std::vector<std::string> words = ...;     // NormalizeWord of each word
//   std::vector<std::string_view> views(words.begin(), words.end());
//   Language lang = GuessLanguage(views);     // e.g. Language::kGerman
//   for (std::string_view w : views) {
//     if (lang == Language::kUnknown ? IsAnyStopWord(w) : IsStopWord(lang, w)) ++stop_words;
//   }
//
// The lists were written for winnow from the common function words of each
// language: articles and determiners, pronouns, prepositions (with their
// contractions), conjunctions, forms of the auxiliary and modal verbs, and
// frequent adverbs and particles. They are not copied from another stop-word
// list. Sizes (StopWords(lang).size()):
//
//   en 237   de 287   fr 218   es 231   it 246
//   pt 262   nl 204   pl 236   cs 249   ru 217
//
// German and Portuguese are the longest because their articles, pronouns
// and preposition contractions inflect ("dem", "einem"; "pelo", "naquela").
// A word may belong to several languages ("de", "in", "a"); each list is
// free of duplicates. Changing a list changes quality scores and language
// guesses of a corpus, so it is a deliberate decision, covered by tests.
//
// Thread-safety: all functions are thread-safe. The lookup table is built
// once, on first use (a function-local static), and never freed; views
// returned by LanguageCode and StopWords point into static storage and live
// for the whole program.

#ifndef WINNOW_CLEAN_STOPWORDS_H_
#define WINNOW_CLEAN_STOPWORDS_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "winnow/base/swar.h"

namespace winnow {

// The languages with a stop-word list. kUnknown has none.
enum class Language : uint8_t {
  kUnknown,
  kEnglish,
  kGerman,
  kFrench,
  kSpanish,
  kItalian,
  kPortuguese,
  kDutch,
  kPolish,
  kCzech,
  kRussian,
};

// The ISO 639-1 code ("en", "de", "fr", "es", "it", "pt", "nl", "pl", "cs",
// "ru"); "und" (ISO 639-2 "undetermined") for kUnknown and any value outside
// the enum.
std::string_view LanguageCode(Language lang);

// The built-in stop words of `lang`, in normalized form and list order;
// empty for kUnknown. Exposed for tests and for tools that print the lists.
std::span<const std::string_view> StopWords(Language lang);

// True if `normalized_word` is a stop word of `lang`. Always false for
// kUnknown: when the language is not known, call IsAnyStopWord instead.
bool IsStopWord(Language lang, std::string_view normalized_word);

// True if `normalized_word` is a stop word of any of the languages.
bool IsAnyStopWord(std::string_view normalized_word);

// Bit i is set when the word is a stop word of Language i (bit 0, kUnknown,
// is never set); 0 for a word that is a stop word nowhere.
using StopWordMask = uint16_t;
StopWordMask StopWordLanguages(std::string_view normalized_word);
// The same for a word with at least 16 readable bytes from its start (the
// word and whatever follows it in its buffer): read without a copy.
StopWordMask StopWordLanguagesPadded(std::string_view normalized_word);

// StopWordLanguagesPadded for loops over many words, inline: a view of the
// shared table (built on first use, immutable, never freed), so the caller
// keeps it and looks words up without a call. Thread-safe.
//
//   const StopWordLookup& stop_words = StopWordLookup::Get();
//   StopWordMask mask = stop_words.Padded(word.data(), word.size());
class StopWordLookup {
 public:
  static const StopWordLookup& Get();

  // StopWordLanguagesPadded(std::string_view(p, n)): 16 bytes readable at
  // p. Words of up to kShortBytes bytes (every stop word but a few) are
  // looked up here, with no branch on the word (see stopwords.cc).
  StopWordMask Padded(const char* p, size_t n) const {
    if (n > kShortBytes) return StopWordLanguages(std::string_view(p, n));
    const Key key = KeyOf(p, n);
    const uint64_t h = Hash(key, seed_);
    const size_t i = static_cast<size_t>((h ^ displacement_[h >> bucket_shift_]) & slot_mask_);
    // A word whose tag differs from the slot's reads slots_[0], which never
    // matches: the index is masked, not chosen by a branch.
    const size_t hit = 0 - static_cast<size_t>(tags_[i] == TagOf(h));
    const Key& slot = slots_[(i + 1) & hit];
    const uint64_t match = static_cast<uint64_t>(slot.lo == key.lo) &
                           static_cast<uint64_t>((slot.hi & kBytesOfHi) == key.hi);
    return static_cast<StopWordMask>((slot.hi >> kMaskShift) & (0 - match));
  }

  // The table's layout, for stopwords.cc, which builds it.
  static constexpr size_t kShortBytes = 13;
  struct Key {
    uint64_t lo = 0;  // bytes 0-7; 0 in an empty slot (a word's first byte is not 0)
    uint64_t hi = 0;  // bytes 8-12, the length in byte 13, the mask in bytes 14-15
  };
  static constexpr int kMaskShift = 48;
  static constexpr uint64_t kBytesOfHi = (uint64_t{1} << kMaskShift) - 1;
  // The word's bytes 0-7 and 8-12 as two integers, zero past its end, and
  // its length: two loads and two masks, no branch on the length.
  static Key KeyOf(const char* p, size_t n) {
    const size_t first = n < 8 ? n : 8;
    Key key;
    key.lo = LoadWord(p) & LowBytes(first);
    key.hi = (LoadWord(p + 8) & LowBytes(n - first)) | static_cast<uint64_t>(n) << 40;
    return key;
  }
  static uint64_t Hash(const Key& key, uint64_t seed) {
    const uint64_t h = ((key.lo ^ seed) * 0x9E3779B97F4A7C15ULL) ^ (key.hi * 0xC2B2AE3D27D4EB4FULL);
    return (h ^ (h >> 29)) * 0xFF51AFD7ED558CCDULL;
  }
  // Eight bits of the hash that pick neither the bucket nor the slot.
  static uint8_t TagOf(uint64_t h) { return static_cast<uint8_t>(h >> 32); }

  const Key* slots_ = nullptr;  // slot i at i + 1; slots_[0] stays empty
  const uint8_t* tags_ = nullptr;
  const uint16_t* displacement_ = nullptr;
  uint64_t slot_mask_ = 0;
  int bucket_shift_ = 63;  // 64 - bucket bits
  uint64_t seed_ = 0;
};

// GuessLanguage over the masks of a text's words (StopWordLanguages of each).
Language GuessLanguageFromMasks(std::span<const StopWordMask> masks, int min_hits = 3);

// Guesses the language of a text from its normalized words.
//
// Each word that is a stop word counts as one hit for every language whose
// list holds it, and adds 1/k to the score of each of those k languages, so
// words shared by many languages ("a", "de", "in") weigh little and words of
// one language ("the", "und", "się") weigh fully. The language with the
// highest score wins if it has at least `min_hits` hits and its score is at
// least 1.25 times the runner-up's; otherwise the result is kUnknown (too
// few stop words, for instance a list of numbers or a two-word title, or no
// language clearly leading, as in "que para como", equally Spanish and
// Portuguese).
//
// Work is one hash lookup per word; the span is not retained.
Language GuessLanguage(std::span<const std::string_view> normalized_words, int min_hits = 3);

}  // namespace winnow

#endif  // WINNOW_CLEAN_STOPWORDS_H_
