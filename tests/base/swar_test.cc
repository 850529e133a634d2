#include "winnow/base/swar.h"

#include <cstdint>
#include <random>
#include <string>

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

}  // namespace
}  // namespace winnow
