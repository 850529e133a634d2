// UTF-8 decoding and code point classes used by the segmenter and normalizer.
//
//   size_t pos = 0;
//   while (pos < s.size()) {
//     char32_t cp;
//     pos += DecodeUtf8(s, pos, &cp);
//     if (IsWordChar(cp)) ...
//   }
//
// Invalid input never fails: a byte that does not start a well-formed
// sequence decodes as U+FFFD with length 1, so offsets always advance and stay
// on the input's own bytes. All functions are pure and thread-safe.

#ifndef WINNOW_TEXT_UTF8_H_
#define WINNOW_TEXT_UTF8_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace winnow {

inline constexpr char32_t kReplacementChar = 0xFFFD;

// Decodes the code point starting at s[pos] (pos < s.size()) into *cp and
// returns the number of bytes it takes (1 to 4). Overlong forms, surrogates,
// values past U+10FFFF and truncated sequences decode as U+FFFD, length 1.
size_t DecodeUtf8(std::string_view s, size_t pos, char32_t* cp);

// Decodes the code point that ends just before s[end] (end > 0) and returns
// its start offset. Used to look backwards from a position.
size_t PreviousCodePointStart(std::string_view s, size_t end, char32_t* cp);

// Appends the UTF-8 form of cp (a valid scalar value) to *out.
void AppendUtf8(char32_t cp, std::string* out);

// True when s is well-formed UTF-8 (RFC 3629).
bool IsValidUtf8(std::string_view s);

// Letters, combining marks and numbers (Unicode categories L*, M*, N*):
// the characters that make up words.
bool IsWordChar(char32_t cp);

// IsWordChar for a byte below 0x80 (ASCII letters and digits), inline for
// the loops that scan text byte by byte. Requires c < 0x80.
inline bool IsAsciiWordChar(unsigned char c) {
  return static_cast<unsigned char>((c | 0x20) - 'a') < 26 ||
         static_cast<unsigned char>(c - '0') < 10;
}

// Unicode White_Space (space, tab, line breaks, NBSP, the U+2000 block, ...).
bool IsSpaceChar(char32_t cp);

// Uppercase and lowercase letters (categories Lu/Lt and Ll).
bool IsUpperChar(char32_t cp);
bool IsLowerChar(char32_t cp);

// Decimal digits (category Nd).
bool IsDigitChar(char32_t cp);

}  // namespace winnow

#endif  // WINNOW_TEXT_UTF8_H_
