#include "winnow/hash/hash.h"

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "gtest/gtest.h"

namespace winnow {
namespace {

Span Whole(std::string_view text) {
  return {0, static_cast<uint32_t>(text.size())};
}

std::vector<uint64_t> WordHashes(std::string_view text,
                                 NormalizerOptions options = {}) {
  WordHasher hasher(options);
  std::vector<uint64_t> out;
  hasher.HashWords(text, Whole(text), &out);
  return out;
}

// ---------------------------------------------------------------------------
// Known answers
//
// These constants were computed once from the code and are pinned on purpose.
// Saved indexes, signatures and lexicon keys depend on them: changing any of
// them (the seed, the hash function, the byte layout of sequences or the
// default normalization) is a deliberate, versioned decision that invalidates
// every stored hash. Do not "fix" a failure here by pasting the new value.
// ---------------------------------------------------------------------------

// The seven words of the shingle known answers.
std::vector<uint64_t> SevenWords() {
  return WordHashes("The quick brown fox jumps over dogs");
}

TEST(Hash_KnownAnswer, Seed) {
  EXPECT_EQ(kHashSeed, 0x776f6e6e6977ULL);  // "winnow", little-endian
}

TEST(Hash_KnownAnswer, HashBytes) {
  EXPECT_EQ(HashBytes(""), 0x91795122e8c3bdb9ULL);
  EXPECT_EQ(HashBytes("winnow"), 0x64329737045d1d4aULL);
  EXPECT_EQ(HashBytes("korea"), 0xe78dc645d4504a7bULL);
  EXPECT_EQ(HashBytes("The quick brown fox jumps over the lazy dog"),
            0x20bb2c251b2024adULL);
}

TEST(Hash_KnownAnswer, HashWord) {
  WordHasher hasher;
  // Only the word characters are hashed: "Korea’s" -> "koreas".
  EXPECT_EQ(hasher.HashWord("Korea’s"), 0x02fda8957312ffc1ULL);
  EXPECT_EQ(hasher.HashWord("Korea’s"), HashBytes("koreas"));
  EXPECT_EQ(hasher.HashWord("Korea"), 0xe78dc645d4504a7bULL);
  EXPECT_EQ(hasher.HashWord("Korea"), HashBytes("korea"));
  EXPECT_EQ(hasher.HashWord("Straße"), HashBytes("strasse"));
  EXPECT_EQ(hasher.HashWord("2023"), HashBytes("0000"));
}

TEST(Hash_KnownAnswer, HashSequence) {
  const uint64_t seq[] = {1, 2, 3};
  EXPECT_EQ(HashSequence(seq), 0xbaef9e92ed7c282eULL);
  const uint64_t one[] = {0x0123456789abcdefULL};
  EXPECT_EQ(HashSequence(one), 0xd4dc2dc5a32bfd99ULL);
}

TEST(Hash_KnownAnswer, ShingleHashes) {
  const std::vector<uint64_t> words = SevenWords();
  ASSERT_EQ(words.size(), 7u);
  EXPECT_EQ(words[0], 0x21b044f8a8e17335ULL);  // "the"
  EXPECT_EQ(words[6], 0x394f840342855b80ULL);  // "dogs"

  std::vector<uint64_t> five;
  ShingleHashes(words, 5, &five);
  EXPECT_EQ(five,
            (std::vector<uint64_t>{0x53d5648dd945829eULL, 0xcb73f7127bf27853ULL,
                                   0xc5412547ac1f130fULL}));

  std::vector<uint64_t> ten;
  ShingleHashes(words, 10, &ten);
  EXPECT_EQ(ten, (std::vector<uint64_t>{0xf1651aeae6e22088ULL}));
  EXPECT_EQ(ten[0], HashSequence(words));
}

// ---------------------------------------------------------------------------
// HashSequence layout
// ---------------------------------------------------------------------------

TEST(HashSequence, IsHashBytesOfLittleEndianWords) {
  const uint64_t seq[] = {0x0102030405060708ULL, 0xF0E0D0C0B0A09080ULL};
  const std::string bytes(
      "\x08\x07\x06\x05\x04\x03\x02\x01\x80\x90\xA0\xB0\xC0\xD0\xE0\xF0", 16);
  EXPECT_EQ(HashSequence(seq), HashBytes(bytes));
}

TEST(HashSequence, EmptyHashesLikeEmptyBytes) {
  EXPECT_EQ(HashSequence({}), HashBytes(""));
}

TEST(HashSequence, OrderMatters) {
  const uint64_t ab[] = {1, 2};
  const uint64_t ba[] = {2, 1};
  EXPECT_NE(HashSequence(ab), HashSequence(ba));
}

// ---------------------------------------------------------------------------
// ShingleHashes
// ---------------------------------------------------------------------------

TEST(ShingleHashes, OneHashPerWindow) {
  const std::vector<uint64_t> words = SevenWords();
  const std::span<const uint64_t> all(words);
  std::vector<uint64_t> out;
  ShingleHashes(words, 5, &out);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0], HashSequence(all.subspan(0, 5)));
  EXPECT_EQ(out[1], HashSequence(all.subspan(1, 5)));
  EXPECT_EQ(out[2], HashSequence(all.subspan(2, 5)));
}

TEST(ShingleHashes, ShortSequenceGivesOneShingleOfAll) {
  const std::vector<uint64_t> words = SevenWords();
  for (int n : {7, 8, 10, 100}) {
    std::vector<uint64_t> out;
    ShingleHashes(words, n, &out);
    EXPECT_EQ(out, (std::vector<uint64_t>{HashSequence(words)})) << "n=" << n;
  }
}

TEST(ShingleHashes, WidthOneGivesOneShinglePerWord) {
  const std::vector<uint64_t> words = SevenWords();
  std::vector<uint64_t> out;
  ShingleHashes(words, 1, &out);
  ASSERT_EQ(out.size(), words.size());
  for (size_t i = 0; i < words.size(); ++i) {
    EXPECT_EQ(out[i], HashSequence(std::span<const uint64_t>(&words[i], 1)));
  }
}

TEST(ShingleHashes, EmptyInputGivesNone) {
  std::vector<uint64_t> out;
  ShingleHashes({}, 5, &out);
  EXPECT_TRUE(out.empty());
  ShingleHashes({}, 1, &out);
  EXPECT_TRUE(out.empty());
}

TEST(ShingleHashes, Appends) {
  std::vector<uint64_t> out = {42};
  const uint64_t seq[] = {1, 2, 3};
  ShingleHashes(seq, 2, &out);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0], 42u);
}

TEST(ShingleHashesDeathTest, WidthBelowOneIsAProgrammerError) {
  const uint64_t seq[] = {1, 2, 3};
  std::vector<uint64_t> out;
  EXPECT_DEATH(ShingleHashes(seq, 0, &out), "shingle size");
}

// Naive reference: serialize each window byte by byte and hash the bytes.
std::vector<uint64_t> ReferenceShingles(const std::vector<uint64_t>& hashes,
                                        int n) {
  auto hash_range = [&](size_t begin, size_t end) {
    std::string bytes;
    for (size_t i = begin; i < end; ++i) {
      for (int b = 0; b < 8; ++b) {
        bytes.push_back(static_cast<char>((hashes[i] >> (8 * b)) & 0xFF));
      }
    }
    return HashBytes(bytes);
  };
  std::vector<uint64_t> out;
  const size_t width = static_cast<size_t>(n);
  if (hashes.empty()) return out;
  if (hashes.size() < width) {
    out.push_back(hash_range(0, hashes.size()));
    return out;
  }
  for (size_t i = 0; i + width <= hashes.size(); ++i)
    out.push_back(hash_range(i, i + width));
  return out;
}

TEST(ShingleHashes, MatchesNaiveReferenceOnRandomData) {
  constexpr uint64_t kBaseSeed = 7001;
  for (int iter = 0; iter < 2000; ++iter) {
    const uint64_t seed = kBaseSeed + static_cast<uint64_t>(iter);
    std::mt19937_64 rng(seed);
    std::vector<uint64_t> hashes(rng() % 40);
    for (uint64_t& h : hashes) {
      // Mix full-range values with small ones (repeated words).
      h = rng() % 3 == 0 ? rng() % 4 : rng();
    }
    const int n = 1 + static_cast<int>(rng() % 12);
    std::vector<uint64_t> out;
    ShingleHashes(hashes, n, &out);
    ASSERT_EQ(out, ReferenceShingles(hashes, n))
        << "seed=" << seed << " n=" << n << " size=" << hashes.size();
  }
}

// ---------------------------------------------------------------------------
// WordHasher
// ---------------------------------------------------------------------------

TEST(WordHasher, NormalizedFormsHashAlike) {
  const std::vector<uint64_t> curly = WordHashes("Korea’s");
  const std::vector<uint64_t> upper = WordHashes("KOREA's");
  const std::vector<uint64_t> plain = WordHashes("Korea's");
  ASSERT_EQ(curly.size(), 2u);  // "korea", "s"
  EXPECT_EQ(curly, upper);
  EXPECT_EQ(curly, plain);
  EXPECT_EQ(curly[0], HashBytes("korea"));
  EXPECT_EQ(curly[1], HashBytes("s"));
  EXPECT_EQ(WordHashes("ﬁle 2023"), WordHashes("FILE 1999"));
}

TEST(WordHasher, DifferentWordsHashDifferently) {
  EXPECT_NE(WordHashes("korea"), WordHashes("korean"));
  EXPECT_NE(WordHashes("café"),
            WordHashes("cafe"));  // accents kept by default
  EXPECT_EQ(WordHashes("café", {.strip_accents = true}), WordHashes("cafe"));
}

TEST(WordHasher, HashWordsMatchesHashWordPerWord) {
  const std::string_view text = "Read More » | Share: Straße!";
  WordHasher hasher;
  std::vector<uint64_t> out;
  hasher.HashWords(text, Whole(text), &out);
  const std::vector<uint64_t> expected = {
      hasher.HashWord("Read"), hasher.HashWord("More"),
      hasher.HashWord("Share"), hasher.HashWord("Straße")};
  EXPECT_EQ(out, expected);
}

TEST(WordHasher, SkipsWordsThatNormalizeToNothing) {
  // A lone combining mark is a word, but stripping accents leaves nothing.
  EXPECT_EQ(WordHashes("a \xCC\x81 b", {.strip_accents = true}).size(), 2u);
  EXPECT_EQ(WordHashes("a \xCC\x81 b").size(), 3u);
  EXPECT_TRUE(WordHashes(" ... … ").empty());
}

TEST(WordHasher, HonoursTheRangeAndAppends) {
  const std::string_view text = "alpha beta gamma";
  WordHasher hasher;
  std::vector<uint64_t> out = {7};
  hasher.HashWords(text, {6, 10}, &out);  // "beta"
  EXPECT_EQ(out, (std::vector<uint64_t>{7, HashBytes("beta")}));
}

}  // namespace
}  // namespace winnow

namespace winnow {
namespace {

// 64-bit hashes and 32-bit fingerprints: the same sort at either width.
template <typename T>
class SortHashesTest : public ::testing::Test {};
using HashWidths = ::testing::Types<uint64_t, uint32_t>;
TYPED_TEST_SUITE(SortHashesTest, HashWidths);

TYPED_TEST(SortHashesTest, SortsLikeStdSort) {
  using T = TypeParam;
  constexpr int kBits = 8 * sizeof(T);
  std::mt19937_64 rng(3);
  std::vector<T> scratch;
  for (size_t n : {0, 1, 2, 63, 64, 65, 127, 128, 129, 700, 4095, 4096, 4097, 5000}) {
    for (int shape = 0; shape < 5; ++shape) {
      std::vector<T> v(n);
      for (T& x : v) {
        x = static_cast<T>(rng());
        if (shape == 1) x &= 0xFFFF;  // high bytes all zero
        if (shape == 2) x = static_cast<T>((x & 0xF) | (T{7} << (kBits - 4)));  // few values
      }
      if (shape == 3) std::sort(v.rbegin(), v.rend());  // descending
      if (shape == 4) {  // uniform, every value twice, shuffled
        for (size_t i = 1; i < n; i += 2) v[i] = v[i - 1];
        std::shuffle(v.begin(), v.end(), rng);
      }
      std::vector<T> expected = v;
      std::sort(expected.begin(), expected.end());
      SortHashes(&v, &scratch);
      EXPECT_EQ(v, expected) << n << " shape " << shape;
    }
  }
}

}  // namespace
}  // namespace winnow

namespace winnow {
namespace {

// The fingerprint is part of the stage files' format: pin it.
TEST(ShingleFingerprint, IsTheTopHalfOfTheHash) {
  EXPECT_EQ(ShingleFingerprint(0x1234'5678'0000'0001), 0x1234'5678u);
  EXPECT_EQ(ShingleFingerprint(0x1234'5678'FFFF'FFFF), 0x1234'5678u);
  EXPECT_EQ(ShingleFingerprint(0xFFFF'FFFF'0000'0000), 0xFFFF'FFFFu);
  EXPECT_EQ(ShingleFingerprint(0x0000'0000'FFFF'FFFF), 0u);
}

}  // namespace
}  // namespace winnow

namespace winnow {
namespace {

// WordsIn against its definition: the first word from `from` on that starts
// at or after the range's start, and the words after it that end inside
// the range. Ranges in text order (each search from the previous end, as
// callers do) and anywhere (from 0 or from a later word).
TEST(WordsIn, AgreesWithASearchFromScratch) {
  std::mt19937_64 rng(17);
  for (int round = 0; round < 200; ++round) {
    std::vector<Span> spans;
    uint32_t pos = 0;
    const size_t words = rng() % 300;
    for (size_t i = 0; i < words; ++i) {
      pos += 1 + static_cast<uint32_t>(rng() % 3);
      const uint32_t len = 1 + static_cast<uint32_t>(rng() % 9);
      spans.push_back({pos, pos + len});
      pos += len;
    }
    auto reference = [&](Span range, size_t from) {
      WordRange r;
      r.first = std::min(from, spans.size());
      while (r.first < spans.size() && spans[r.first].begin < range.begin) ++r.first;
      r.end = r.first;
      while (r.end < spans.size() && spans[r.end].end <= range.end) ++r.end;
      return r;
    };
    // In text order, with gaps of any length between the ranges.
    size_t from = 0;
    uint32_t at = 0;
    while (at < pos + 5) {
      const uint32_t gap = rng() % 4 == 0 ? static_cast<uint32_t>(rng() % 200) : 0;
      const Span range{at + gap, at + gap + static_cast<uint32_t>(rng() % 60)};
      const WordRange got = WordsIn(spans, range, from);
      const WordRange want = reference(range, from);
      ASSERT_EQ(got.first, want.first) << round << " " << range.begin;
      ASSERT_EQ(got.end, want.end) << round << " " << range.begin;
      from = got.end;
      at = range.end + 1;
    }
    // Anywhere, searched from the start or from a word past it.
    for (int i = 0; i < 50; ++i) {
      const auto begin = static_cast<uint32_t>(rng() % (pos + 10));
      const Span range{begin, begin + static_cast<uint32_t>(rng() % 80)};
      const size_t start = rng() % 2 == 0 ? 0 : rng() % (spans.size() + 2);
      const WordRange got = WordsIn(spans, range, start);
      const WordRange want = reference(range, start);
      ASSERT_EQ(got.first, want.first) << round << " " << begin << " from " << start;
      ASSERT_EQ(got.end, want.end) << round << " " << begin << " from " << start;
    }
  }
}

}  // namespace
}  // namespace winnow
