#include "winnow/base/swar.h"

#include <algorithm>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace winnow {
namespace {

#ifdef WINNOW_AVX512_KERNELS
// HasWideGap on 64-byte blocks 61 bytes apart: a block at k sees every
// third space at k + 2 to k + 62 with the byte after it, so consecutive
// blocks miss none. The last block is a masked load, so nothing past the
// end is read.
__attribute__((target("avx512f,avx512bw"))) bool HasWideGapAvx512(std::string_view text,
                                                                 size_t from) {
  const __m512i space = _mm512_set1_epi8(' ');
  const size_t size = text.size();
  for (size_t k = from; k + 2 < size; k += 61) {
    const size_t len = std::min<size_t>(64, size - k);
    const uint64_t valid = len == 64 ? ~uint64_t{0} : (uint64_t{1} << len) - 1;
    const __m512i bytes = _mm512_maskz_loadu_epi8(valid, text.data() + k);
    const uint64_t spaces = _mm512_cmpeq_epi8_mask(bytes, space) & valid;
    // Bit i: bytes i - 2, i - 1 and i are spaces, and byte i + 1 is in the
    // text and is not one.
    const uint64_t third = spaces & (spaces << 1) & (spaces << 2);
    if ((third & ~(spaces >> 1) & (valid >> 1)) != 0) return true;
  }
  return false;
}
#endif

}  // namespace

bool CpuHasAvx512Bw() {
#if defined(__x86_64__) && defined(__GNUC__)
  static const bool has = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw");
  return has;
#else
  return false;
#endif
}

bool HasWideGapFast(std::string_view text, size_t from) {
#ifdef WINNOW_AVX512_KERNELS
  if (CpuHasAvx512Bw()) return HasWideGapAvx512(text, from);
#endif
  return HasWideGap(text, from);
}

}  // namespace winnow
