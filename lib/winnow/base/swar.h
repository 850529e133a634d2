// Byte tests on eight bytes at once (SWAR: SIMD within a register), for the
// scanning loops that skip runs of ordinary bytes.
//
//   uint64_t x = LoadWord(p);                        // 8 bytes at p
//   if ((BytesEqual(x, '.') | BytesBelow(x, 0x20)) == 0) p += 8;
//
// Each function returns a mask with the high bit of a byte set where that
// byte matches. The masks are exact about whether any byte matches (a
// borrow can mark bytes after a true match, never without one), which is
// all a skip loop needs; do not use them to find which byte it is.
// Pure functions, thread-safe.

#ifndef WINNOW_BASE_SWAR_H_
#define WINNOW_BASE_SWAR_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace winnow {

inline constexpr uint64_t kSwarOnes = 0x0101010101010101ULL;
inline constexpr uint64_t kSwarHighs = 0x8080808080808080ULL;

// The 8 bytes at p, in memory order (no alignment needed).
inline uint64_t LoadWord(const char* p) {
  uint64_t x;
  std::memcpy(&x, p, sizeof(x));
  return x;
}

// A mask of the first min(n, 8) bytes in memory order (the low ones).
inline uint64_t LowBytes(size_t n) {
  return n >= 8 ? ~uint64_t{0} : (uint64_t{1} << (8 * n)) - 1;
}

// Bytes below n, for n <= 128 (bytes of 0x80 and above never match).
inline uint64_t BytesBelow(uint64_t x, uint8_t n) { return (x - kSwarOnes * n) & ~x & kSwarHighs; }

// Bytes equal to c.
inline uint64_t BytesEqual(uint64_t x, char c) {
  return BytesBelow(x ^ (kSwarOnes * static_cast<uint8_t>(c)), 1);
}

// Bytes of 0x80 and above (not ASCII).
inline uint64_t BytesNonAscii(uint64_t x) { return x & kSwarHighs; }

// Bytes equal to c, exactly: the high bit is set in those bytes and no
// other (no borrow from one byte into the next), so the mask can say which
// bytes match.
inline uint64_t BytesEqualExact(uint64_t x, char c) {
  constexpr uint64_t kLow7 = 0x7F7F7F7F7F7F7F7FULL;
  const uint64_t y = x ^ (kSwarOnes * static_cast<uint8_t>(c));  // 0 where equal
  return ~(((y & kLow7) + kLow7) | y | kLow7);
}

// True when every byte of [p, p + n) is ASCII (below 0x80).
inline bool IsAsciiText(const char* p, size_t n) {
  uint64_t high = 0;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) high |= LoadWord(p + i);
  for (; i < n; ++i) high |= static_cast<unsigned char>(p[i]);
  return BytesNonAscii(high) == 0;
}

// True when every byte of `word`, a view into `text`, is ASCII; then
// *digit says whether one is an ASCII digit. Eight bytes at a time: a short
// word is read with the bytes around it in `text` and those masked off.
inline bool IsAsciiWithDigit(std::string_view text, std::string_view word, bool* digit) {
  const size_t n = word.size();
  const char* p = word.data();
  uint64_t bytes = 0;  // OR of the word's 8-byte groups (no byte from outside it)
  uint64_t digits = 0;
  // The digit bytes among eight ASCII ones: '0' + 0x50 and up reach 0x80,
  // ':' + 0x46 and up do too; no byte carries into the next.
  auto digits_of = [](uint64_t x) {
    return (x + kSwarOnes * 0x50) & ~(x + kSwarOnes * 0x46) & kSwarHighs;
  };
  if (n >= 8) {
    for (size_t i = 0; i + 8 < n; i += 8) {
      const uint64_t x = LoadWord(p + i);
      bytes |= x;
      digits |= digits_of(x & ~kSwarHighs);
    }
    const uint64_t x = LoadWord(p + n - 8);  // the last eight, overlapping
    bytes |= x;
    digits |= digits_of(x & ~kSwarHighs);
  } else if (n > 0) {
    const char* end = text.data() + text.size();
    uint64_t x;
    if (p + 8 <= end) {
      x = LoadWord(p) & (~uint64_t{0} >> (64 - 8 * n));  // the word's bytes come first
    } else if (end - text.data() >= 8) {
      // The text's last eight bytes, which hold the word.
      const auto skip = static_cast<size_t>(p - (end - 8));
      x = (LoadWord(end - 8) >> (8 * skip)) & (~uint64_t{0} >> (64 - 8 * n));
    } else {
      x = 0;
      std::memcpy(&x, p, n);
    }
    bytes = x;
    digits = digits_of(x & ~kSwarHighs);
  }
  *digit = digits != 0;
  return BytesNonAscii(bytes) == 0;
}

// True when text[from, end) has a run of three spaces (' ') or more
// followed by another byte: the wide gap of table columns rendered side by
// side. Eight bytes at a time, in windows six bytes apart so that every
// three adjacent bytes fall in one window; exact byte by byte from the
// first window with three spaces on.
inline bool HasWideGap(std::string_view text, size_t from) {
  const char* p = text.data();
  const size_t size = text.size();
  size_t k = from;
  for (; k + 8 <= size; k += 6) {
    const uint64_t s = BytesEqualExact(LoadWord(p + k), ' ');
    if ((s & (s >> 8) & (s >> 16)) != 0) break;
  }
  int spaces = 0;
  for (; k < size; ++k) {
    spaces = p[k] == ' ' ? spaces + 1 : 0;
    if (spaces >= 3 && k + 1 < size && p[k + 1] != ' ') return true;
  }
  return false;
}

// Defined where winnow's AVX-512 kernels are compiled: x86-64 with GCC,
// whose target attribute builds them into the portable binary. Each kernel
// is still chosen at run time, by what the CPU has (CpuHasAvx512Bw and the
// like); elsewhere only the portable loops are built.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define WINNOW_AVX512_KERNELS 1
#endif

// HasWideGap, 64 bytes at a time where the CPU has AVX-512BW (chosen at run
// time; HasWideGap elsewhere). Defined in swar.cc.
bool HasWideGapFast(std::string_view text, size_t from);

// True when the CPU runs AVX-512F and AVX-512BW: the run-time choice of the
// 64-byte scanning loops (here, the JSON writer's, the sentence splitter's),
// asked once.
bool CpuHasAvx512Bw();

}  // namespace winnow

#endif  // WINNOW_BASE_SWAR_H_
