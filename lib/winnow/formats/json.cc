#include "winnow/formats/json.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

#include "absl/strings/str_cat.h"
#include "winnow/base/swar.h"

namespace winnow {

namespace {

// The first byte in [pos, s.size()) that needs an escape ('"', '\\' or a
// control character), or s.size(): eight bytes at a time, then one by one.
size_t NextToEscapePortable(std::string_view s, size_t pos) {
  while (pos + 8 <= s.size()) {
    const uint64_t x = LoadWord(s.data() + pos);
    const uint64_t marked = BytesBelow(x, 0x20) | BytesEqual(x, '"') | BytesEqual(x, '\\');
    if (marked != 0) break;
    pos += 8;
  }
  for (; pos < s.size(); ++pos) {
    const auto c = static_cast<unsigned char>(s[pos]);
    if (c < 0x20 || c == '"' || c == '\\') return pos;
  }
  return s.size();
}

#ifdef WINNOW_AVX512_KERNELS
// The same, 64 bytes at a time. The last block is a masked load, so nothing
// past the end is read.
__attribute__((target("avx512f,avx512bw"))) size_t NextToEscapeAvx512(std::string_view s,
                                                                     size_t pos) {
  const __m512i quote = _mm512_set1_epi8('"');
  const __m512i backslash = _mm512_set1_epi8('\\');
  const __m512i space = _mm512_set1_epi8(0x20);
  const size_t end = s.size();
  for (; pos < end; pos += 64) {
    const size_t len = std::min<size_t>(64, end - pos);
    const uint64_t valid = len == 64 ? ~uint64_t{0} : (uint64_t{1} << len) - 1;
    const __m512i bytes = _mm512_maskz_loadu_epi8(valid, s.data() + pos);
    const uint64_t marked =
        (_mm512_cmplt_epu8_mask(bytes, space) | _mm512_cmpeq_epi8_mask(bytes, quote) |
         _mm512_cmpeq_epi8_mask(bytes, backslash)) &
        valid;
    if (marked != 0) return pos + static_cast<size_t>(__builtin_ctzll(marked));
  }
  return end;
}
#endif

void AppendJsonStringWith(bool avx512, std::string_view s, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
#ifndef WINNOW_AVX512_KERNELS
  (void)avx512;
#endif
  out->push_back('"');
  size_t run = 0;  // start of the pending run of bytes that need no escape
  for (size_t i = 0;; ++i) {
#ifdef WINNOW_AVX512_KERNELS
    if (avx512) {
      i = NextToEscapeAvx512(s, i);
    } else
#endif
    {
      i = NextToEscapePortable(s, i);
    }
    if (i >= s.size()) break;
    const auto c = static_cast<unsigned char>(s[i]);
    out->append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      case '\b': out->append("\\b"); break;
      case '\f': out->append("\\f"); break;
      default:
        out->append("\\u00");
        out->push_back(kHex[c >> 4]);
        out->push_back(kHex[c & 0xF]);
    }
  }
  out->append(s.data() + run, s.size() - run);
  out->push_back('"');
}

}  // namespace

void AppendJsonString(std::string_view s, std::string* out) {
#ifdef WINNOW_AVX512_KERNELS
  AppendJsonStringWith(CpuHasAvx512Bw(), s, out);
#else
  AppendJsonStringWith(false, s, out);
#endif
}

namespace json_internal {
void AppendJsonStringPortable(std::string_view s, std::string* out) {
  AppendJsonStringWith(false, s, out);
}
}  // namespace json_internal

void JsonWriter::BeforeValue() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!first_.empty()) {
    if (!first_.back()) out_.push_back(',');
    first_.back() = false;
  }
}

void JsonWriter::BeginObject() {
  BeforeValue();
  out_.push_back('{');
  first_.push_back(true);
}

void JsonWriter::EndObject() {
  out_.push_back('}');
  first_.pop_back();
}

void JsonWriter::BeginArray() {
  BeforeValue();
  out_.push_back('[');
  first_.push_back(true);
}

void JsonWriter::EndArray() {
  out_.push_back(']');
  first_.pop_back();
}

void JsonWriter::Key(std::string_view key) {
  BeforeValue();
  AppendJsonString(key, &out_);
  out_.push_back(':');
  after_key_ = true;
}

void JsonWriter::String(std::string_view value) {
  BeforeValue();
  AppendJsonString(value, &out_);
}

void JsonWriter::Uint(uint64_t value) {
  BeforeValue();
  absl::StrAppend(&out_, value);
}

void JsonWriter::Int(int64_t value) {
  BeforeValue();
  absl::StrAppend(&out_, value);
}

void JsonWriter::Double(double value) {
  BeforeValue();
  if (!std::isfinite(value)) {
    out_.append("null");
    return;
  }
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.6g", value);
  out_.append(buf);
}

void JsonWriter::Bool(bool value) {
  BeforeValue();
  out_.append(value ? "true" : "false");
}

void JsonWriter::Null() {
  BeforeValue();
  out_.append("null");
}

}  // namespace winnow
