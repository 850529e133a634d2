#include "winnow/text/utf8.h"

#include <string>
#include <string_view>
#include <vector>

#include "gtest/gtest.h"

namespace winnow {
namespace {

// ---------------------------------------------------------------------------
// DecodeUtf8: well-formed sequences
// ---------------------------------------------------------------------------

TEST(DecodeUtf8, ValidSequencesOfOneToFourBytes) {
  struct Case {
    std::string_view bytes;
    char32_t cp;
    size_t length;
  };
  const Case cases[] = {
      {std::string_view("\0", 1), 0x00, 1},
      {"A", 'A', 1},
      {"\x7F", 0x7F, 1},
      {"\xC2\x80", 0x80, 2},              // smallest 2-byte
      {"\xC3\xA9", 0xE9, 2},              // é
      {"\xDF\xBF", 0x7FF, 2},             // largest 2-byte
      {"\xE0\xA0\x80", 0x800, 3},         // smallest 3-byte
      {"\xE2\x80\xA6", 0x2026, 3},        // …
      {"\xED\x9F\xBF", 0xD7FF, 3},        // just below the surrogates
      {"\xEE\x80\x80", 0xE000, 3},        // just above the surrogates
      {"\xEF\xBF\xBD", 0xFFFD, 3},        // U+FFFD itself
      {"\xEF\xBF\xBF", 0xFFFF, 3},        // largest 3-byte
      {"\xF0\x90\x80\x80", 0x10000, 4},   // smallest 4-byte
      {"\xF0\x9F\x98\x80", 0x1F600, 4},   // 😀
      {"\xF4\x8F\xBF\xBF", 0x10FFFF, 4},  // largest scalar value
  };
  for (const Case& c : cases) {
    char32_t cp = 0xDEAD;
    EXPECT_EQ(DecodeUtf8(c.bytes, 0, &cp), c.length)
        << "cp U+" << std::hex << uint32_t{c.cp};
    EXPECT_EQ(uint32_t{cp}, uint32_t{c.cp});
  }
}

TEST(DecodeUtf8, DecodesAtAnOffsetAndIgnoresFollowingBytes) {
  const std::string_view s = "ab\xC3\xA9z";
  char32_t cp = 0;
  EXPECT_EQ(DecodeUtf8(s, 2, &cp), 2u);
  EXPECT_EQ(uint32_t{cp}, 0xE9u);
  EXPECT_EQ(DecodeUtf8(s, 4, &cp), 1u);
  EXPECT_EQ(uint32_t{cp}, uint32_t{'z'});
}

// ---------------------------------------------------------------------------
// DecodeUtf8: ill-formed sequences decode as U+FFFD, length 1
// ---------------------------------------------------------------------------

TEST(DecodeUtf8, InvalidSequencesDecodeAsReplacementOfLengthOne) {
  const std::string_view cases[] = {
      // Lone continuation bytes.
      "\x80", "\xBF",
      // Overlong forms.
      "\xC0\x80",          // U+0000 in 2 bytes
      "\xC1\xBF",          // U+007F in 2 bytes
      "\xE0\x80\x80",      // U+0000 in 3 bytes
      "\xE0\x9F\xBF",      // U+07FF in 3 bytes
      "\xF0\x80\x80\x80",  // U+0000 in 4 bytes
      "\xF0\x8F\xBF\xBF",  // U+FFFF in 4 bytes
      // UTF-16 surrogates.
      "\xED\xA0\x80",  // U+D800
      "\xED\xBF\xBF",  // U+DFFF
      "\xED\xB0\x80",  // U+DC00
      // Past U+10FFFF.
      "\xF4\x90\x80\x80",  // U+110000
      "\xF5\x80\x80\x80",  // lead byte F5
      "\xF7\xBF\xBF\xBF",
      "\xF8\x88\x80\x80\x80",  // old 5-byte form
      "\xFE", "\xFF",
      // Truncated sequences.
      "\xC3", "\xE2\x80", "\xF0\x9F\x98",
      "\xC3"
      "A",  // lead byte then ASCII
      "\xE2\x80"
      "A",
      "\xF0\x9F\x98"
      "A",
      "\xE2"
      "\xC3\xA9",  // lead byte then another lead byte
  };
  for (std::string_view bytes : cases) {
    char32_t cp = 0;
    EXPECT_EQ(DecodeUtf8(bytes, 0, &cp), 1u)
        << ::testing::PrintToString(std::string(bytes));
    EXPECT_EQ(uint32_t{cp}, uint32_t{kReplacementChar})
        << ::testing::PrintToString(std::string(bytes));
  }
}

TEST(DecodeUtf8, TruncationAtTheEndOfTheViewIsInvalid) {
  // The bytes of "é" exist in memory but the view stops after the lead byte.
  const std::string full = "x\xC3\xA9";
  const std::string_view cut(full.data(), 2);
  char32_t cp = 0;
  EXPECT_EQ(DecodeUtf8(cut, 1, &cp), 1u);
  EXPECT_EQ(uint32_t{cp}, uint32_t{kReplacementChar});
}

// ---------------------------------------------------------------------------
// IsValidUtf8
// ---------------------------------------------------------------------------

TEST(IsValidUtf8, AcceptsWellFormedText) {
  const std::string_view cases[] = {
      "",
      "plain ASCII",
      std::string_view("nul\0inside", 10),
      "Stra\xC3\x9F"
      "e",                         // Straße
      "\xE4\xBD\xA0\xE5\xA5\xBD",  // 你好
      "\xF0\x9F\x98\x80 smile",    // 😀
      "\xF4\x8F\xBF\xBF",          // U+10FFFF
      "\xEF\xBF\xBD",              // U+FFFD
  };
  for (std::string_view s : cases) {
    EXPECT_TRUE(IsValidUtf8(s)) << ::testing::PrintToString(std::string(s));
  }
}

TEST(IsValidUtf8, RejectsIllFormedText) {
  const std::string_view cases[] = {
      "\x80",
      "abc\xFF",
      "\xC0\xAF",          // overlong '/'
      "\xED\xA0\x80",      // surrogate
      "\xF4\x90\x80\x80",  // > U+10FFFF
      "caf\xC3",           // truncated at the end
      "\xE4\xBD"
      "x",  // truncated in the middle
      "ok \xE2\x80\xA6 \xF0\x9F\x98",
  };
  for (std::string_view s : cases) {
    EXPECT_FALSE(IsValidUtf8(s)) << ::testing::PrintToString(std::string(s));
  }
}

// ---------------------------------------------------------------------------
// PreviousCodePointStart
// ---------------------------------------------------------------------------

TEST(PreviousCodePointStart, StepsBackOverWholeSequences) {
  // a(1) é(2) …(3) 😀(4) b(1)
  const std::string_view s =
      "a\xC3\xA9\xE2\x80\xA6\xF0\x9F\x98\x80"
      "b";
  struct Case {
    size_t end;
    size_t start;
    char32_t cp;
  };
  const Case cases[] = {
      {1, 0, 'a'},      {3, 1, 0xE9},  {6, 3, 0x2026},
      {10, 6, 0x1F600}, {11, 10, 'b'},
  };
  for (const Case& c : cases) {
    char32_t cp = 0;
    EXPECT_EQ(PreviousCodePointStart(s, c.end, &cp), c.start)
        << "end " << c.end;
    EXPECT_EQ(uint32_t{cp}, uint32_t{c.cp}) << "end " << c.end;
  }
}

TEST(PreviousCodePointStart, InvalidBytesStandAlone) {
  struct Case {
    std::string_view s;
    size_t end;
    size_t start;
    char32_t cp;
  };
  const Case cases[] = {
      {"a\x80", 2, 1, kReplacementChar},                 // lone continuation
      {"\x80\x80\x80\x80\x80", 5, 4, kReplacementChar},  // run of them
      {"\xE2\x80", 2, 1, kReplacementChar},              // truncated 3-byte
      {"\xC3\xA9\xA9", 3, 2, kReplacementChar},          // extra continuation
      {"\xED\xA0\x80", 3, 2, kReplacementChar},          // surrogate
      {"\xC0\xAF", 2, 1, kReplacementChar},              // overlong
      {"\xFF", 1, 0, kReplacementChar},
      // A valid sequence after garbage is still found whole.
      {"\x80\xC3\xA9", 3, 1, 0xE9},
  };
  for (const Case& c : cases) {
    char32_t cp = 0;
    EXPECT_EQ(PreviousCodePointStart(c.s, c.end, &cp), c.start)
        << ::testing::PrintToString(std::string(c.s));
    EXPECT_EQ(uint32_t{cp}, uint32_t{c.cp})
        << ::testing::PrintToString(std::string(c.s));
  }
}

TEST(PreviousCodePointStart, AgreesWithForwardDecoding) {
  // Walking backwards visits exactly the starts that walking forwards does.
  const std::string_view s =
      "x\xC3\xA9\x80y\xE2\x80\xA6\xF0\x9F\x98\x80\xED\xA0\x80\xF0\x9F\x98z";
  std::vector<size_t> forward;
  for (size_t pos = 0; pos < s.size();) {
    forward.push_back(pos);
    char32_t cp;
    pos += DecodeUtf8(s, pos, &cp);
  }
  std::vector<size_t> backward;
  for (size_t end = s.size(); end > 0;) {
    char32_t cp;
    end = PreviousCodePointStart(s, end, &cp);
    backward.insert(backward.begin(), end);
  }
  EXPECT_EQ(backward, forward);
}

// ---------------------------------------------------------------------------
// AppendUtf8
// ---------------------------------------------------------------------------

TEST(AppendUtf8, EncodesEachLength) {
  struct Case {
    char32_t cp;
    std::string_view bytes;
  };
  const Case cases[] = {
      {'A', "A"},
      {0x7F, "\x7F"},
      {0x80, "\xC2\x80"},
      {0xDF, "\xC3\x9F"},
      {0x7FF, "\xDF\xBF"},
      {0x800, "\xE0\xA0\x80"},
      {0x3002, "\xE3\x80\x82"},
      {0xFFFF, "\xEF\xBF\xBF"},
      {0x10000, "\xF0\x90\x80\x80"},
      {0x10FFFF, "\xF4\x8F\xBF\xBF"},
  };
  for (const Case& c : cases) {
    std::string out = "prefix";
    AppendUtf8(c.cp, &out);
    EXPECT_EQ(out, "prefix" + std::string(c.bytes))
        << "U+" << std::hex << uint32_t{c.cp};
  }
}

TEST(AppendUtf8, RoundTripsEveryScalarValue) {
  std::string buf;
  for (char32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    buf.clear();
    AppendUtf8(cp, &buf);
    char32_t back = 0;
    const size_t n = DecodeUtf8(buf, 0, &back);
    ASSERT_EQ(n, buf.size()) << "U+" << std::hex << uint32_t{cp};
    ASSERT_EQ(uint32_t{back}, uint32_t{cp});
    ASSERT_TRUE(IsValidUtf8(buf)) << "U+" << std::hex << uint32_t{cp};
  }
}

// ---------------------------------------------------------------------------
// Character classes
// ---------------------------------------------------------------------------

TEST(IsWordChar, LettersMarksAndNumbers) {
  const char32_t yes[] = {
      'a',    'Z', '0', '9',
      0x00DF,  // ß  Ll
      0x00E9,  // é  Ll
      0x0416,  // Ж  Lu
      0x03C3,  // σ  Ll
      0x01C5,  // ǅ  Lt
      0x02B0,  // ʰ  Lm
      0x4E2D,  // 中 Lo
      0x3042,  // あ Lo
      0x0301,  // combining acute  Mn
      0x0903,  // Devanagari visarga  Mc
      0x0663,  // Arabic-Indic three  Nd
      0xFF11,  // full-width 1  Nd
      0x2163,  // Roman numeral four  Nl
      0x00BD,  // ½  No
  };
  for (char32_t cp : yes)
    EXPECT_TRUE(IsWordChar(cp)) << "U+" << std::hex << uint32_t{cp};
  const char32_t no[] = {
      ' ',
      '\n',
      '_',
      '\'',
      '-',
      '.',
      ',',
      '!',
      '$',
      '@',
      0x00A0,   // NBSP
      0x2019,   // ’
      0x201C,   // “
      0x2026,   // …
      0x00BB,   // »
      0x3002,   // 。
      0x20AC,   // €
      0x00A9,   // ©
      0x1F600,  // 😀
      kReplacementChar,
  };
  for (char32_t cp : no)
    EXPECT_FALSE(IsWordChar(cp)) << "U+" << std::hex << uint32_t{cp};
}

TEST(IsSpaceChar, UnicodeWhiteSpace) {
  const char32_t yes[] = {' ',    '\t',   '\n',   '\v',   '\f',   '\r',
                          0x85,   0xA0,   0x1680, 0x2000, 0x2007, 0x200A,
                          0x2028, 0x2029, 0x202F, 0x205F, 0x3000};
  for (char32_t cp : yes)
    EXPECT_TRUE(IsSpaceChar(cp)) << "U+" << std::hex << uint32_t{cp};
  const char32_t no[] = {
      'a',    '0',    '_',    0x00,   0x08,
      0x0E,   0x1F,   0x7F,   0x200B,  // ZWSP is not White_Space
      0x200D, 0x2060, 0xFEFF, 0x3001, kReplacementChar};
  for (char32_t cp : no)
    EXPECT_FALSE(IsSpaceChar(cp)) << "U+" << std::hex << uint32_t{cp};
}

TEST(IsUpperLowerChar, CaseClasses) {
  struct Case {
    char32_t cp;
    bool upper;
    bool lower;
  };
  const Case cases[] = {
      {'A', true, false},     {'z', false, true},    {'5', false, false},
      {'.', false, false},    {0x00C9, true, false},  // É
      {0x00DF, false, true},                          // ß
      {0x0416, true, false},  {0x0436, false, true},  // Ж ж
      {0x03A3, true, false},  {0x03C2, false, true},  // Σ ς
      {0x01C5, true, false},   // ǅ titlecase counts as upper
      {0x4E2D, false, false},  // 中 has no case
  };
  for (const Case& c : cases) {
    EXPECT_EQ(IsUpperChar(c.cp), c.upper) << "U+" << std::hex << uint32_t{c.cp};
    EXPECT_EQ(IsLowerChar(c.cp), c.lower) << "U+" << std::hex << uint32_t{c.cp};
  }
}

TEST(IsDigitChar, DecimalDigitsOnly) {
  const char32_t yes[] = {'0', '9', 0x0660, 0x0669, 0x0966, 0xFF10, 0xFF19};
  for (char32_t cp : yes)
    EXPECT_TRUE(IsDigitChar(cp)) << "U+" << std::hex << uint32_t{cp};
  const char32_t no[] = {'a',    '/',    ':',   0x00BD,
                         0x00B2, 0x2163, 0x4E00};  // ½ ² Ⅳ 一
  for (char32_t cp : no)
    EXPECT_FALSE(IsDigitChar(cp)) << "U+" << std::hex << uint32_t{cp};
}

}  // namespace
}  // namespace winnow
