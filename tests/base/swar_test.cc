#include "winnow/base/swar.h"

#include <cstdint>
#include <iterator>
#include <memory>
#include <random>
#include <string>
#include <string_view>

#include "gtest/gtest.h"

namespace winnow {
namespace {

TEST(BytesEqualExact, MarksExactlyTheEqualBytes) {
  std::mt19937_64 rng(7);
  const char kCs[] = {' ', '\0', '\x7f', '\x80', '\xff', 'a'};
  for (int round = 0; round < 20000; ++round) {
    uint64_t x = rng();
    // Plant matches and near-matches (c - 1, c + 1) so that borrows would show.
    const char c = kCs[round % 6];
    for (int b = 0; b < 8; ++b) {
      const auto pick = rng() % 4;
      if (pick == 0) continue;
      const auto byte = static_cast<uint8_t>(static_cast<uint8_t>(c) + (pick == 1 ? 0 : pick == 2 ? 1 : -1));
      x = (x & ~(uint64_t{0xFF} << (8 * b))) | (uint64_t{byte} << (8 * b));
    }
    uint64_t expected = 0;
    for (int b = 0; b < 8; ++b) {
      if (static_cast<char>((x >> (8 * b)) & 0xFF) == c) expected |= uint64_t{0x80} << (8 * b);
    }
    ASSERT_EQ(BytesEqualExact(x, c), expected) << std::hex << x << " " << int(c);
  }
}

bool NaiveWideGap(const std::string& s, size_t from) {
  int spaces = 0;
  for (size_t k = from; k < s.size(); ++k) {
    spaces = s[k] == ' ' ? spaces + 1 : 0;
    if (spaces >= 3 && k + 1 < s.size() && s[k + 1] != ' ') return true;
  }
  return false;
}

TEST(HasWideGap, SameAsTheByteLoop) {
  std::mt19937 rng(11);
  const char kBytes[] = {' ', ' ', ' ', 'a', 'b', '\t', '\xc2', '\xa0'};
  int gaps = 0;
  for (int round = 0; round < 50000; ++round) {
    std::string s(rng() % 40, 'x');
    for (char& ch : s) ch = kBytes[rng() % 8];
    const size_t from = s.empty() ? 0 : rng() % (s.size() + 1);
    const bool expected = NaiveWideGap(s, from);
    gaps += expected;
    ASSERT_EQ(HasWideGap(s, from), expected) << "'" << s << "' from " << from;
  }
  EXPECT_GT(gaps, 5000);
  EXPECT_TRUE(HasWideGap("Name      Age", 0));
  EXPECT_FALSE(HasWideGap("Name  Age   ", 0));
  EXPECT_FALSE(HasWideGap("   Name", 1));
}

// The run-time choice (64-byte blocks 61 apart where the CPU has AVX-512BW)
// on lines of up to three blocks, with one run of spaces placed anywhere,
// across block edges too.
TEST(HasWideGapFast, SameAsTheByteLoop) {
  std::mt19937 rng(12);
  int gaps = 0;
  for (int round = 0; round < 50000; ++round) {
    std::string s(rng() % 200, 'x');
    for (char& ch : s) ch = rng() % 4 == 0 ? ' ' : 'x';  // runs of one or two, now and then three
    if (!s.empty() && rng() % 2 == 0) {
      const size_t at = rng() % s.size();
      const size_t run = 1 + rng() % 5;
      for (size_t k = at; k < std::min(s.size(), at + run); ++k) s[k] = ' ';
    }
    const size_t from = s.empty() ? 0 : rng() % (s.size() / 4 + 1);
    const bool expected = NaiveWideGap(s, from);
    gaps += expected;
    ASSERT_EQ(HasWideGapFast(s, from), expected) << "'" << s << "' from " << from;
  }
  EXPECT_GT(gaps, 5000);
  EXPECT_LT(gaps, 45000);
  // A gap whose third space is the last byte of a block, or whose next byte
  // starts the next block.
  for (size_t third = 2; third < 190; ++third) {
    std::string s(200, 'x');
    s[third - 2] = s[third - 1] = s[third] = ' ';
    ASSERT_TRUE(HasWideGapFast(s, 0)) << third;
    s[third + 1] = ' ';
    ASSERT_EQ(HasWideGapFast(s, 0), third + 2 < s.size()) << third;
    s.resize(third + 1);
    ASSERT_FALSE(HasWideGapFast(s, 0)) << third;  // nothing after the gap
  }
}

TEST(IsAsciiText, SameAsTheByteLoop) {
  std::mt19937 rng(13);
  for (int round = 0; round < 20000; ++round) {
    std::string s(rng() % 30, 'a');
    if (!s.empty() && rng() % 2 == 0) s[rng() % s.size()] = static_cast<char>(0x80 + rng() % 128);
    bool expected = true;
    for (char ch : s) expected = expected && static_cast<unsigned char>(ch) < 0x80;
    ASSERT_EQ(IsAsciiText(s.data(), s.size()), expected) << s;
  }
}

// Every word of every short text, including words at the very start and
// end of texts shorter than eight bytes (the masked and the copied reads),
// against the byte loop. The bytes around a word are set so that reading
// them unmasked would change the answer.
TEST(IsAsciiWithDigit, SameAsTheByteLoop) {
  std::mt19937 rng(17);
  const char kBytes[] = {'a', 'Z', '0', '9', '/', ':', '\x80', '\xff', ' ', '5'};
  for (int round = 0; round < 3000; ++round) {
    // A heap copy of exactly the text's size, so that AddressSanitizer sees
    // any read past its end.
    const size_t size = rng() % 40;
    std::unique_ptr<char[]> buffer(new char[size == 0 ? 1 : size]);
    for (size_t i = 0; i < size; ++i) buffer[i] = kBytes[rng() % std::size(kBytes)];
    const std::string_view text(buffer.get(), size);
    for (size_t begin = 0; begin <= size; ++begin) {
      for (size_t end = begin; end <= size; ++end) {
        const std::string_view word = text.substr(begin, end - begin);
        bool ascii = true;
        bool digit = false;
        for (char ch : word) {
          const auto c = static_cast<unsigned char>(ch);
          ascii = ascii && c < 0x80;
          digit = digit || (c >= '0' && c <= '9');
        }
        bool got_digit = false;
        ASSERT_EQ(IsAsciiWithDigit(text, word, &got_digit), ascii)
            << "'" << text << "' [" << begin << ", " << end << ")";
        if (ascii) {
          ASSERT_EQ(got_digit, digit) << "'" << text << "' [" << begin << ", " << end << ")";
        }
      }
    }
  }
}

}  // namespace
}  // namespace winnow
