#include "winnow/formats/json.h"

#include <random>
#include <string>

#include "gtest/gtest.h"

namespace winnow {
namespace {

std::string Quote(std::string_view s) {
  std::string out;
  AppendJsonString(s, &out);
  return out;
}

// Every byte value at every position of strings longer than the eight-byte
// steps, against escaping one byte at a time.
TEST(AppendJsonString, AgreesWithBytewiseEscaping) {
  auto bytewise = [](std::string_view s) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out = "\"";
    for (const char ch : s) {
      const auto c = static_cast<unsigned char>(ch);
      if (c == '"') {
        out += "\\\"";
      } else if (c == '\\') {
        out += "\\\\";
      } else if (c == '\n') {
        out += "\\n";
      } else if (c == '\r') {
        out += "\\r";
      } else if (c == '\t') {
        out += "\\t";
      } else if (c == '\b') {
        out += "\\b";
      } else if (c == '\f') {
        out += "\\f";
      } else if (c < 0x20) {
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 0xF];
      } else {
        out += ch;
      }
    }
    return out + "\"";
  };
  // Both scans: the one this CPU runs (64 bytes at a time where it has
  // AVX-512BW) and the eight-byte one. Lengths reach past two 64-byte blocks.
  for (const auto append : {&AppendJsonString, &json_internal::AppendJsonStringPortable}) {
    for (const size_t size : {size_t{19}, size_t{64}, size_t{150}}) {
      for (int byte = 0; byte < 256; ++byte) {
        for (size_t pos = 0; pos < size; ++pos) {
          std::string s(size, 'a');
          s[pos] = static_cast<char>(byte);
          std::string out;
          append(s, &out);
          ASSERT_EQ(out, bytewise(s)) << byte << " at " << pos << " of " << size;
        }
      }
    }
    std::mt19937 rng(5);
    for (int i = 0; i < 4000; ++i) {
      std::string s(rng() % 200, ' ');
      const auto odds = 2 + rng() % 60;  // one special byte in `odds`
      for (char& c : s) c = static_cast<char>(rng() % odds == 0 ? rng() % 256 : 'a' + rng() % 26);
      std::string out = "prefix";
      append(s, &out);
      ASSERT_EQ(out, "prefix" + bytewise(s));
    }
  }
}

TEST(AppendJsonString, Escapes) {
  EXPECT_EQ(Quote(""), R"("")");
  EXPECT_EQ(Quote("plain"), R"("plain")");
  EXPECT_EQ(Quote("a\"b\\c"), R"("a\"b\\c")");
  EXPECT_EQ(Quote("l1\nl2\r\t"), R"("l1\nl2\r\t")");
  EXPECT_EQ(Quote(std::string("\x01\x1f", 2)), R"("\u0001\u001f")");
  EXPECT_EQ(Quote("Korea’s 🙂"), "\"Korea’s 🙂\"");  // UTF-8 copied as is
}

TEST(JsonWriter, NestedObjects) {
  JsonWriter w;
  w.BeginObject();
  w.Key("n"); w.Uint(3);
  w.Key("list"); w.BeginArray(); w.String("a"); w.Int(-1); w.Bool(true); w.Null(); w.EndArray();
  w.Key("o"); w.BeginObject(); w.Key("x"); w.Double(0.5); w.EndObject();
  w.Key("inf"); w.Double(1.0 / 0.0);
  w.EndObject();
  EXPECT_EQ(w.str(), R"({"n":3,"list":["a",-1,true,null],"o":{"x":0.5},"inf":null})");
}

}  // namespace
}  // namespace winnow
