#include "winnow/text/normalizer.h"

#include <algorithm>
#include <cstring>
#include <random>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "gtest/gtest.h"
#include "winnow/text/utf8.h"

namespace winnow {
namespace {

struct WordCase {
  std::string_view word;
  std::string_view expected;
};

void ExpectWords(const Normalizer& n, std::span<const WordCase> cases) {
  std::string out;
  for (const WordCase& c : cases) {
    n.NormalizeWord(c.word, &out);
    EXPECT_EQ(out, c.expected) << ::testing::PrintToString(std::string(c.word));
  }
}

NormalizerOptions With(bool nfkc, bool case_fold, bool digits_to_zero,
                       bool strip_accents) {
  NormalizerOptions o;
  o.nfkc = nfkc;
  o.case_fold = case_fold;
  o.digits_to_zero = digits_to_zero;
  o.strip_accents = strip_accents;
  return o;
}

// ---------------------------------------------------------------------------
// Defaults
// ---------------------------------------------------------------------------

TEST(Normalizer, DefaultOptionsMatchTheHeader) {
  const Normalizer n;
  EXPECT_TRUE(n.options().nfkc);
  EXPECT_TRUE(n.options().case_fold);
  EXPECT_TRUE(n.options().digits_to_zero);
  EXPECT_FALSE(n.options().strip_accents);
}

// ---------------------------------------------------------------------------
// NormalizeWord with the default options
// ---------------------------------------------------------------------------

TEST(Normalizer_Word, LowercasesAscii) {
  const WordCase cases[] = {
      {"hello", "hello"},   {"Hello", "hello"}, {"HELLO", "hello"},
      {"iPhone", "iphone"}, {"", ""},
  };
  ExpectWords(Normalizer(), cases);
}

TEST(Normalizer_Word, DigitsBecomeZero) {
  const WordCase cases[] = {
      {"2023", "0000"},     {"COVID19", "covid00"},
      {"٢٠٢٣", "0000"},      // Arabic-Indic digits
      {"१२", "00"},          // Devanagari digits
      {"２０２３", "0000"},  // full-width digits
  };
  ExpectWords(Normalizer(), cases);
}

TEST(Normalizer_Word, AppliesNfkc) {
  const WordCase cases[] = {
      {"ﬁnal", "final"},                            // ligature
      {"ＡＢＣ", "abc"},                            // full-width letters
      {"ｗｉｎ", "win"}, {"cafe\xCC\x81", "café"},  // decomposed input composes
      {"x²", "x0"},  // superscript two -> "2" -> "0"
  };
  ExpectWords(Normalizer(), cases);
}

TEST(Normalizer_Word, FoldsCase) {
  const WordCase cases[] = {
      {"Straße", "strasse"}, {"STRASSE", "strasse"}, {"ΣΟΦΊΑ", "σοφία"},
      {"Σοφία", "σοφία"},    {"λόγος", "λόγοσ"},  // final sigma folds to σ
      {"МОСКВА", "москва"},  {"ÉTÉ", "été"},
  };
  ExpectWords(Normalizer(), cases);
}

TEST(Normalizer_Word, KeepsAccentsByDefault) {
  const WordCase cases[] = {
      {"café", "café"},
      {"naïve", "naïve"},
  };
  ExpectWords(Normalizer(), cases);
}

TEST(Normalizer_Word, StripAccentsRemovesCombiningMarks) {
  const WordCase cases[] = {
      {"café", "cafe"},
      {"CAFÉ", "cafe"},
      {"cafe\xCC\x81", "cafe"},  // already decomposed
      {"naïve", "naive"},
      {"Straße", "strasse"},  // ß has no mark; still folds
  };
  ExpectWords(Normalizer(With(true, true, true, true)), cases);
}

TEST(Normalizer_Word, DropsCharactersThatAreNotWordCharacters) {
  const WordCase cases[] = {
      {"Korea’s", "koreas"}, {"KOREA's", "koreas"},  // same key through the
                                                     // ASCII fast path
      {"e.g", "eg"},         {"a-b_c", "abc"},      {"…", ""}, {"...", ""},
  };
  ExpectWords(Normalizer(), cases);
}

TEST(Normalizer_Word, InvalidBytesAreDroppedAndOutputIsValid) {
  std::string out;
  const Normalizer n;
  n.NormalizeWord(
      "ab\xFF"
      "cd",
      &out);
  EXPECT_EQ(out, "abcd");
  n.NormalizeWord("caf\xC3", &out);
  EXPECT_EQ(out, "caf");
  EXPECT_TRUE(IsValidUtf8(out));
}

TEST(Normalizer_Word, ReplacesTheOutput) {
  std::string out = "stale contents";
  Normalizer().NormalizeWord("Word", &out);
  EXPECT_EQ(out, "word");
  Normalizer().NormalizeWord("WÖrd", &out);
  EXPECT_EQ(out, "wörd");
}

// ---------------------------------------------------------------------------
// Each option switched off
// ---------------------------------------------------------------------------

TEST(Normalizer_Options, NfkcOff) {
  const WordCase cases[] = {
      {"ＡＢ", "ａｂ"},  // stays full-width; only the case folds
      {"２", "0"},       // still a decimal digit, so still zeroed
      {"Hello", "hello"},
  };
  ExpectWords(Normalizer(With(false, true, true, false)), cases);
}

TEST(Normalizer_Options, CaseFoldOff) {
  const WordCase cases[] = {
      {"Hello", "Hello"},
      {"Straße", "Straße"},
      {"ＡＢ", "AB"},  // NFKC still applies
      {"X9", "X0"},
  };
  ExpectWords(Normalizer(With(true, false, true, false)), cases);
}

TEST(Normalizer_Options, DigitsToZeroOff) {
  const WordCase cases[] = {
      {"2023", "2023"},
      {"COVID19", "covid19"},
      {"２０", "20"},  // full-width digits still map through NFKC
      {"٢٣", "٢٣"},    // Arabic-Indic digits kept
  };
  ExpectWords(Normalizer(With(true, true, false, false)), cases);
}

TEST(Normalizer_Options, AllOffOnlyDropsNonWordCharacters) {
  const WordCase cases[] = {
      {"Hello", "Hello"}, {"Straße", "Straße"}, {"ﬁ", "ﬁ"},
      {"2023", "2023"},   {"café", "café"},     {"Korea’s", "Koreas"},
  };
  ExpectWords(Normalizer(With(false, false, false, false)), cases);
}

TEST(Normalizer_Options, StripAccentsWithoutNfkc) {
  const WordCase cases[] = {
      {"Café", "Cafe"}, {"Ａ", "Ａ"},  // no compatibility mapping
  };
  ExpectWords(Normalizer(With(false, false, false, true)), cases);
}

// ---------------------------------------------------------------------------
// NormalizeText
// ---------------------------------------------------------------------------

TEST(Normalizer_Text, JoinsWordsAndDropsPunctuation) {
  struct Case {
    std::string_view text;
    std::string_view expected;
  };
  const Case cases[] = {
      {"Read More »", "read more"},
      {"  Share this article!  ", "share this article"},
      {"Posted on 12/05/2023 by Admin", "posted on 00 00 0000 by admin"},
      {"Korea’s economy", "korea s economy"},
      {"ﬁrst\tLINE\nsecond", "first line second"},
      {"", ""},
      {" … © --- ", ""},
      {"Straße 你好，世界", "strasse 你好 世界"},
  };
  const Normalizer n;
  for (const Case& c : cases) {
    EXPECT_EQ(n.NormalizeText(c.text), c.expected)
        << ::testing::PrintToString(std::string(c.text));
  }
}

TEST(Normalizer_Text, UsesTheOptions) {
  EXPECT_EQ(
      Normalizer(With(true, false, false, false)).NormalizeText("Read More 2"),
      "Read More 2");
  EXPECT_EQ(
      Normalizer(With(true, true, true, true)).NormalizeText("Café au lait"),
      "cafe au lait");
}

// Found by the normalizer fuzzer: U+0130 case-folds to "i" U+0307, and
// U+FE7A (a letter) maps to a space and U+0650; with the space dropped the
// marks were out of canonical order, so normalizing again changed them.
TEST(Normalizer_Text, IdempotentWhenAMappedSpaceIsDropped) {
  const Normalizer n;
  for (std::string_view text :
       {std::string_view("\xC4\xB0\xEF\xB9\xBA"),
        std::string_view("x\xC2X\xB7\xE1\xC7\x88 \xAC\x80 a\xBA\x9E!\xC4\xB0\xEF\xB9\xBA \xE3\x8D")}) {
    const std::string once = n.NormalizeText(text);
    EXPECT_EQ(n.NormalizeText(once), once) << ::testing::PrintToString(std::string(text));
  }
  EXPECT_EQ(n.NormalizeText("\xC4\xB0\xEF\xB9\xBA"), "i\xD9\x90\xCC\x87");  // i U+0650 U+0307
}

// FoldAsciiWordBytes folds each of eight letter or digit bytes as
// FoldAsciiWordChar does, under every option set: all 62 such bytes in
// every position, in random mixes.
TEST(AsciiFoldTable, FoldAsciiWordBytesFoldsEachByte) {
  std::string alnum;
  for (char c = 'a'; c <= 'z'; ++c) alnum += c;
  for (char c = 'A'; c <= 'Z'; ++c) alnum += c;
  for (char c = '0'; c <= '9'; ++c) alnum += c;
  std::mt19937 rng(31);
  for (bool case_fold : {false, true}) {
    for (bool digits : {false, true}) {
      const NormalizerOptions options{.case_fold = case_fold, .digits_to_zero = digits};
      for (int round = 0; round < 2000; ++round) {
        char in[8];
        for (size_t i = 0; i < 8; ++i) {
          in[i] = round < 62 ? alnum[(static_cast<size_t>(round) + i) % alnum.size()]
                             : alnum[rng() % alnum.size()];
        }
        uint64_t bytes;
        std::memcpy(&bytes, in, 8);
        const uint64_t folded = FoldAsciiWordBytes(bytes, options);
        char out[8];
        std::memcpy(out, &folded, 8);
        for (size_t i = 0; i < 8; ++i) {
          EXPECT_EQ(out[i], FoldAsciiWordChar(static_cast<unsigned char>(in[i]), options))
              << std::string(in, 8) << " byte " << i << " case_fold " << case_fold
              << " digits " << digits;
        }
      }
    }
  }
}

// JoinWords (the vector form where the CPU has it) and the portable form
// against the definition: the text's runs of ASCII letters and digits,
// each byte folded, joined by single spaces. Lengths around the 64-byte
// step, words across it, every option set.
TEST(AsciiFoldTable, JoinWordsJoinsTheFoldedWords) {
  std::mt19937 rng(29);
  const char kBytes[] = "aZm09 .,-\t\n_'!Qx7";
  for (bool case_fold : {false, true}) {
    for (bool digits : {false, true}) {
      const NormalizerOptions options{.case_fold = case_fold, .digits_to_zero = digits};
      const AsciiFoldTable& fold = AsciiFoldTable::For(options);
      for (int round = 0; round < 3000; ++round) {
        const size_t size = round < 200 ? static_cast<size_t>(round) : rng() % 300;
        std::string in(size, ' ');
        for (char& c : in) c = kBytes[rng() % (sizeof(kBytes) - 1)];
        if (rng() % 4 == 0) std::fill(in.begin(), in.end(), 'k');  // one long word
        std::string expected;
        std::vector<Span> expected_spans = {{7, 9}};  // appended to, not replaced
        bool in_word = false;
        for (size_t i = 0; i < in.size(); ++i) {
          const char f = fold[static_cast<unsigned char>(in[i])];
          if (f == '\0') {
            in_word = false;
            continue;
          }
          if (!in_word && !expected.empty()) expected.push_back(' ');
          if (!in_word) expected_spans.push_back({static_cast<uint32_t>(i), 0});
          expected.push_back(f);
          expected_spans.back().end = static_cast<uint32_t>(i + 1);
          in_word = true;
        }
        std::string out(size + 64, '#');
        out.resize(fold.JoinWords(in, out.data()));
        ASSERT_EQ(out, expected) << "'" << in << "'";
        std::string portable(size + 64, '#');
        portable.resize(fold.JoinWordsPortable(in, portable.data()));
        ASSERT_EQ(portable, expected) << "'" << in << "'";
        for (bool vector_form : {true, false}) {
          std::vector<Span> spans = {{7, 9}};
          std::string with_spans(size + 64, '#');
          with_spans.resize(vector_form
                                ? fold.JoinWordsWithSpans(in, with_spans.data(), &spans)
                                : fold.JoinWordsWithSpansPortable(in, with_spans.data(), &spans));
          ASSERT_EQ(with_spans, expected) << vector_form << " '" << in << "'";
          ASSERT_EQ(spans, expected_spans) << vector_form << " '" << in << "'";
        }
      }
    }
  }
}

}  // namespace
}  // namespace winnow
