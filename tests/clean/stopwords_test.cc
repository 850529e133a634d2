#include "winnow/clean/stopwords.h"

#include <cstddef>
#include <cstdint>
#include <map>
#include <random>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "gtest/gtest.h"
#include "winnow/text/normalizer.h"
#include "winnow/text/segmenter.h"

namespace winnow {
namespace {

// One row per language with a list: its code, the list size the header
// documents, one word of its own, and a sentence of ordinary news prose.
struct LanguageCase {
  Language lang;
  std::string_view code;
  size_t size;
  std::string_view word;
  std::string_view sentence;
};

constexpr LanguageCase kLanguageCases[] = {
    {Language::kEnglish, "en", 237, "the",
     "The government said on Monday that it would not change the rules, but many of its critics "
     "were not convinced by the announcement."},
    {Language::kGerman, "de", 287, "und",
     "Die Regierung hat am Montag angekündigt, dass sie die Regeln nicht ändern wird, aber viele "
     "ihrer Kritiker waren von der Ankündigung nicht überzeugt."},
    {Language::kFrench, "fr", 218, "les",
     "Le gouvernement a annoncé lundi qu'il ne changerait pas les règles, mais beaucoup de ses "
     "critiques n'ont pas été convaincus par cette annonce."},
    {Language::kSpanish, "es", 231, "los",
     "El gobierno anunció el lunes que no cambiará las reglas, pero muchos de sus críticos no se "
     "han convencido con el anuncio."},
    {Language::kItalian, "it", 246, "della",
     "Il governo ha annunciato lunedì che non cambierà le regole, ma molti dei suoi critici non "
     "sono stati convinti dall'annuncio della ministra."},
    {Language::kPortuguese, "pt", 262, "não",
     "O governo anunciou na segunda-feira que não vai mudar as regras, mas muitos dos seus "
     "críticos não ficaram convencidos com o anúncio."},
    {Language::kDutch, "nl", 204, "het",
     "De regering heeft maandag aangekondigd dat zij de regels niet zal veranderen, maar veel van "
     "haar critici waren niet overtuigd door de aankondiging."},
    {Language::kPolish, "pl", 236, "się",
     "Rząd ogłosił w poniedziałek, że nie zmieni przepisów, ale wielu jego krytyków nie zostało "
     "przekonanych przez to ogłoszenie i nadal się sprzeciwia."},
    {Language::kCzech, "cs", 249, "že",
     "Vláda v pondělí oznámila, že pravidla nezmění, ale mnoho jejích kritiků nebylo tímto "
     "oznámením přesvědčeno a stále se proti tomu staví."},
    {Language::kRussian, "ru", 217, "и",
     "Правительство в понедельник объявило, что не будет менять правила, но многие из его "
     "критиков не были убеждены этим заявлением и продолжают спорить."},
};

// The normalized words of `text`, as a cleaning stage computes them.
class NormalizedWords {
 public:
  explicit NormalizedWords(std::string_view text) {
    std::vector<Span> spans;
    SplitWords(text, {0, static_cast<uint32_t>(text.size())}, &spans);
    std::string scratch;
    for (const Span& s : spans) {
      normalizer_.NormalizeWord(s.In(text), &scratch);
      if (!scratch.empty()) words_.push_back(scratch);
    }
    views_.assign(words_.begin(), words_.end());
  }

  std::span<const std::string_view> views() const { return views_; }

 private:
  Normalizer normalizer_;
  std::vector<std::string> words_;
  std::vector<std::string_view> views_;
};

Language Guess(std::string_view text, int min_hits = 3) {
  NormalizedWords words(text);
  return GuessLanguage(words.views(), min_hits);
}

// ---------------------------------------------------------------------------
// The lists
// ---------------------------------------------------------------------------

TEST(StopWords, ListSizesMatchTheHeader) {
  for (const LanguageCase& c : kLanguageCases) {
    EXPECT_GE(StopWords(c.lang).size(), 120u) << c.code;
    EXPECT_EQ(StopWords(c.lang).size(), c.size) << c.code << ": update the sizes in stopwords.h";
  }
  EXPECT_TRUE(StopWords(Language::kUnknown).empty());
}

TEST(StopWords, ListsHaveNoDuplicates) {
  for (const LanguageCase& c : kLanguageCases) {
    std::set<std::string_view> seen;
    for (std::string_view w : StopWords(c.lang)) {
      EXPECT_TRUE(seen.insert(w).second) << c.code << ": duplicate \"" << w << "\"";
    }
  }
}

// Every entry must be what the default Normalizer produces, or it could never
// match. The one exception is German "ß", which case folding turns into "ss":
// those spellings are kept for callers that only lowercase, and the folded
// spelling must then be listed too.
TEST(StopWords, ListsAreInNormalizedForm) {
  const Normalizer normalizer;
  std::string out;
  for (const LanguageCase& c : kLanguageCases) {
    for (std::string_view w : StopWords(c.lang)) {
      normalizer.NormalizeWord(w, &out);
      if (w.find("ß") != std::string_view::npos) {
        EXPECT_TRUE(IsStopWord(c.lang, out))
            << c.code << ": \"" << w << "\" without \"" << out << "\"";
      } else {
        EXPECT_EQ(out, w) << c.code;
      }
    }
  }
}

// ---------------------------------------------------------------------------
// Lookups
// ---------------------------------------------------------------------------

TEST(StopWords, KnownWordsBelongToTheirLanguage) {
  for (const LanguageCase& c : kLanguageCases) {
    EXPECT_TRUE(IsStopWord(c.lang, c.word)) << c.code << " " << c.word;
    EXPECT_TRUE(IsAnyStopWord(c.word)) << c.word;
  }
}

TEST(StopWords, AccentsAndScriptsAreKept) {
  struct Case {
    Language lang;
    std::string_view word;
    bool expected;
  };
  constexpr Case kCases[] = {
      // German: both spellings of ß words, umlauts.
      {Language::kGerman, "dass", true},
      {Language::kGerman, "daß", true},
      {Language::kGerman, "muss", true},
      {Language::kGerman, "für", true},
      {Language::kGerman, "fur", false},
      {Language::kGerman, "gross", false},
      // French: accents and elided forms.
      {Language::kFrench, "était", true},
      {Language::kFrench, "etait", false},
      {Language::kFrench, "qu", true},
      {Language::kFrench, "l", true},
      // Polish and Czech: "że" (ż) and "že" (ž) are different words.
      {Language::kPolish, "się", true},
      {Language::kPolish, "że", true},
      {Language::kPolish, "že", false},
      {Language::kCzech, "že", true},
      {Language::kCzech, "że", false},
      // Russian: Cyrillic, with and without ё.
      {Language::kRussian, "и", true},
      {Language::kRussian, "её", true},
      {Language::kRussian, "ее", true},
      {Language::kRussian, "i", false},
      // English contraction fragments.
      {Language::kEnglish, "don", true},
      {Language::kEnglish, "t", true},
      // Lookups expect normalized input.
      {Language::kEnglish, "The", false},
  };
  for (const Case& c : kCases) {
    EXPECT_EQ(IsStopWord(c.lang, c.word), c.expected) << LanguageCode(c.lang) << " " << c.word;
  }
}

TEST(StopWords, WordsSharedByLanguages) {
  EXPECT_TRUE(IsStopWord(Language::kSpanish, "de"));
  EXPECT_TRUE(IsStopWord(Language::kFrench, "de"));
  EXPECT_TRUE(IsStopWord(Language::kDutch, "de"));
  EXPECT_FALSE(IsStopWord(Language::kEnglish, "de"));
  EXPECT_TRUE(IsStopWord(Language::kEnglish, "in"));
  EXPECT_TRUE(IsStopWord(Language::kGerman, "in"));
  EXPECT_FALSE(IsStopWord(Language::kRussian, "in"));
}

// Every listed word, looked up, has exactly the languages that list it;
// the same word one byte longer or shorter has only its own. Words of up
// to 16 bytes and longer ones are looked up differently; both are covered.
TEST(StopWords, EveryListedWordHasExactlyItsLanguages) {
  std::map<std::string, StopWordMask> expected;
  for (int l = 1; l <= static_cast<int>(Language::kRussian); ++l) {
    for (std::string_view w : StopWords(static_cast<Language>(l))) {
      expected[std::string(w)] |= static_cast<StopWordMask>(1u << l);
    }
  }
  ASSERT_GT(expected.size(), 1000u);
  size_t long_words = 0;
  for (const auto& [word, mask] : expected) {
    EXPECT_EQ(StopWordLanguages(word), mask) << word;
    long_words += word.size() + 1 > 16;  // word + "x" takes the long path
    for (const std::string& other : {word + "x", word.substr(0, word.size() - 1), word + '\0'}) {
      const auto it = expected.find(other);
      EXPECT_EQ(StopWordLanguages(other), it == expected.end() ? 0 : it->second) << other;
    }
  }
  EXPECT_GT(long_words, 0u);
}

// The padded lookup reads 16 bytes from the word's start: what follows the
// word must not matter. Every word of one to three letters a-z (stop words
// or not, so most land on slots of other words), and every listed word,
// each followed by bytes that would extend it.
TEST(StopWords, PaddedLookupIsTheLookup) {
  std::map<std::string, StopWordMask> expected;
  for (int l = 1; l <= static_cast<int>(Language::kRussian); ++l) {
    for (std::string_view w : StopWords(static_cast<Language>(l))) {
      expected[std::string(w)] |= static_cast<StopWordMask>(1u << l);
    }
  }
  auto check = [&](const std::string& word) {
    const auto it = expected.find(word);
    const StopWordMask want = it == expected.end() ? 0 : it->second;
    for (const char fill : {'\0', 's', '\xFF'}) {
      std::string buffer = word + std::string(16, fill);
      EXPECT_EQ(StopWordLanguagesPadded(std::string_view(buffer.data(), word.size())), want)
          << word << " followed by " << static_cast<int>(fill);
    }
  };
  size_t stop_words = 0;
  std::string word;
  for (int n = 1; n <= 3; ++n) {
    std::vector<int> letters(n, 0);
    while (true) {
      word.clear();
      for (int c : letters) word.push_back(static_cast<char>('a' + c));
      check(word);
      stop_words += expected.count(word);
      int k = n - 1;
      while (k >= 0 && ++letters[k] == 26) letters[k--] = 0;
      if (k < 0) break;
    }
  }
  EXPECT_GT(stop_words, 100u);
  for (const auto& [listed, mask] : expected) check(listed);
}

TEST(StopWords, ContentWordsAreNotStopWords) {
  for (std::string_view w : {"government", "regierung", "gouvernement", "gobierno", "governo",
                             "regering", "rząd", "vláda", "правительство", "0000", ""}) {
    EXPECT_FALSE(IsAnyStopWord(w)) << w;
    for (const LanguageCase& c : kLanguageCases) EXPECT_FALSE(IsStopWord(c.lang, w)) << w;
  }
}

TEST(StopWords, UnknownLanguageHasNoStopWords) {
  EXPECT_FALSE(IsStopWord(Language::kUnknown, "the"));
  EXPECT_FALSE(IsStopWord(static_cast<Language>(200), "the"));
  EXPECT_TRUE(IsAnyStopWord("the"));
}

// ---------------------------------------------------------------------------
// Language codes
// ---------------------------------------------------------------------------

TEST(LanguageCode, IsoCodes) {
  for (const LanguageCase& c : kLanguageCases) EXPECT_EQ(LanguageCode(c.lang), c.code);
  EXPECT_EQ(LanguageCode(Language::kUnknown), "und");
  EXPECT_EQ(LanguageCode(static_cast<Language>(200)), "und");
}

// ---------------------------------------------------------------------------
// GuessLanguage
// ---------------------------------------------------------------------------

TEST(GuessLanguage, RecognizesASentenceOfEachLanguage) {
  for (const LanguageCase& c : kLanguageCases) {
    EXPECT_EQ(LanguageCode(Guess(c.sentence)), c.code) << c.sentence;
  }
}

TEST(GuessLanguage, ShortTextsNeedMinHits) {
  // "the", "of", "and": three English hits.
  EXPECT_EQ(Guess("The Lord of the Rings"), Language::kEnglish);
  EXPECT_EQ(Guess("The Lord of the Rings", /*min_hits=*/4), Language::kUnknown);
  EXPECT_EQ(Guess("The cat"), Language::kUnknown);
  EXPECT_EQ(Guess("Berlin Hauptbahnhof"), Language::kUnknown);
  EXPECT_EQ(Guess(""), Language::kUnknown);
}

TEST(GuessLanguage, NumbersAreUnknown) {
  EXPECT_EQ(Guess("2023 12 31 1000000 42 7 3.14"), Language::kUnknown);
  EXPECT_EQ(Guess("2023 12 31", /*min_hits=*/0), Language::kUnknown);
}

TEST(GuessLanguage, NoClearLeaderIsUnknown) {
  // Equally Spanish and Portuguese.
  EXPECT_EQ(Guess("que para como todos"), Language::kUnknown);
  // "a", "de", "la": French, Spanish and Italian share most of it.
  EXPECT_EQ(Guess("a de la"), Language::kUnknown);
}

TEST(GuessLanguage, SharedWordsWeighLessThanOwnWords) {
  // "de" and "a" are shared by several languages; "het" and "een" are Dutch only.
  EXPECT_EQ(Guess("de het een a de"), Language::kDutch);
  // "il", "est" (French) beat "il" (Italian) alone.
  EXPECT_EQ(Guess("Il est là"), Language::kFrench);
}

// GuessLanguageFromMasks counts words per mask; the rule written out word
// by word (each word of k languages adds 1/k to each one's score, bit 0 and
// bits past the last language add nothing), on random masks: mostly zero,
// some of one to three languages, a few with stray bits.
Language GuessWordByWord(const std::vector<StopWordMask>& masks, int min_hits) {
  const int languages = static_cast<int>(Language::kRussian) + 1;
  std::vector<int64_t> hits(static_cast<size_t>(languages), 0);
  std::vector<int64_t> scores(static_cast<size_t>(languages), 0);
  for (StopWordMask mask : masks) {
    int k = 0;
    for (int bit = 0; bit < 16; ++bit) k += (mask >> bit) & 1;
    for (int i = 1; i < languages; ++i) {
      if (((mask >> i) & 1) == 0) continue;
      ++hits[static_cast<size_t>(i)];
      scores[static_cast<size_t>(i)] += 2520 / k;
    }
  }
  size_t best = 0;
  int64_t runner_up = 0;
  for (size_t i = 1; i < scores.size(); ++i) {
    if (scores[i] > scores[best]) {
      runner_up = scores[best];
      best = i;
    } else if (scores[i] > runner_up) {
      runner_up = scores[i];
    }
  }
  if (best == 0 || hits[best] < min_hits || 4 * scores[best] < 5 * runner_up) {
    return Language::kUnknown;
  }
  return static_cast<Language>(best);
}

TEST(GuessLanguage, FromMasksIsTheWordByWordRule) {
  std::mt19937 rng(31);  // 32-bit results
  int known = 0;
  for (int round = 0; round < 3000; ++round) {
    std::vector<StopWordMask> masks(rng() % 300);
    const auto favourite = static_cast<unsigned>(1 + rng() % 10);
    for (StopWordMask& m : masks) {
      const auto r = static_cast<unsigned>(rng() % 100);
      if (r < 50) {
        m = 0;
      } else if (r < 80) {
        m = static_cast<StopWordMask>(1u << favourite);
      } else if (r < 98) {
        auto bit = [&] { return static_cast<unsigned>(1u << (1 + rng() % 10)); };
        m = static_cast<StopWordMask>(bit() | bit() | (rng() % 2 == 0 ? bit() : 0u));
      } else {
        m = static_cast<StopWordMask>(rng());  // stray bits too
      }
    }
    const int min_hits = static_cast<int>(rng() % 5);
    const Language expected = GuessWordByWord(masks, min_hits);
    known += expected != Language::kUnknown;
    ASSERT_EQ(GuessLanguageFromMasks(masks, min_hits), expected) << "round " << round;
  }
  EXPECT_GT(known, 1000);
}

}  // namespace
}  // namespace winnow
