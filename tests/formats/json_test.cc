#include "winnow/formats/json.h"

#include <string>

#include "gtest/gtest.h"

namespace winnow {
namespace {

std::string Quote(std::string_view s) {
  std::string out;
  AppendJsonString(s, &out);
  return out;
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
