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
// (ASCII is decoded inline; other bytes by DecodeUtf8Multibyte.)
size_t DecodeUtf8Multibyte(std::string_view s, size_t pos, char32_t* cp);
inline size_t DecodeUtf8(std::string_view s, size_t pos, char32_t* cp) {
  const auto b0 = static_cast<unsigned char>(s[pos]);
  if (b0 < 0x80) {
    *cp = b0;
    return 1;
  }
  return DecodeUtf8Multibyte(s, pos, cp);
}

// Decodes the code point that ends just before s[end] (end > 0) and returns
// its start offset. Used to look backwards from a position.
// (An ASCII byte is decoded inline; others by PreviousCodePointStartMultibyte.)
size_t PreviousCodePointStartMultibyte(std::string_view s, size_t end, char32_t* cp);
inline size_t PreviousCodePointStart(std::string_view s, size_t end, char32_t* cp) {
  const auto c = static_cast<unsigned char>(s[end - 1]);
  if (c < 0x80) {
    *cp = c;
    return end - 1;
  }
  return PreviousCodePointStartMultibyte(s, end, cp);
}

// Appends the UTF-8 form of cp (a valid scalar value) to *out.
void AppendUtf8(char32_t cp, std::string* out);

// True when s is well-formed UTF-8 (RFC 3629).
bool IsValidUtf8(std::string_view s);

// IsWordChar for a byte below 0x80 (ASCII letters and digits), inline for
// the loops that scan text byte by byte. Requires c < 0x80.
inline bool IsAsciiWordChar(unsigned char c) {
  return static_cast<unsigned char>((c | 0x20) - 'a') < 26 ||
         static_cast<unsigned char>(c - '0') < 10;
}

// Letters, combining marks and numbers (Unicode categories L*, M*, N*):
// the characters that make up words. (The classes below answer ASCII
// inline and ask utf8proc about the rest.)
bool IsWordCharNonAscii(char32_t cp);
inline bool IsWordChar(char32_t cp) {
  return cp < 0x80 ? IsAsciiWordChar(static_cast<unsigned char>(cp)) : IsWordCharNonAscii(cp);
}

// Unicode White_Space (space, tab, line breaks, NBSP, the U+2000 block, ...).
bool IsSpaceCharNonAscii(char32_t cp);
inline bool IsSpaceChar(char32_t cp) {
  return cp < 0x80 ? cp == ' ' || (cp >= 0x09 && cp <= 0x0D) : IsSpaceCharNonAscii(cp);
}

// Uppercase and lowercase letters (categories Lu/Lt and Ll).
bool IsUpperCharNonAscii(char32_t cp);
bool IsLowerCharNonAscii(char32_t cp);
inline bool IsUpperChar(char32_t cp) {
  return cp < 0x80 ? cp >= 'A' && cp <= 'Z' : IsUpperCharNonAscii(cp);
}
inline bool IsLowerChar(char32_t cp) {
  return cp < 0x80 ? cp >= 'a' && cp <= 'z' : IsLowerCharNonAscii(cp);
}

// Decimal digits (category Nd).
bool IsDigitCharNonAscii(char32_t cp);
inline bool IsDigitChar(char32_t cp) {
  return cp < 0x80 ? cp >= '0' && cp <= '9' : IsDigitCharNonAscii(cp);
}

}  // namespace winnow

#endif  // WINNOW_TEXT_UTF8_H_
