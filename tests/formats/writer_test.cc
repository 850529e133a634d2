#include "winnow/formats/writer.h"

#include <string>

#include "gtest/gtest.h"
#include "testing/test_util.h"

namespace winnow {
namespace {

TEST(AppendJsonlRecord, ReplacesOnlyTheTextValue) {
  Document doc;
  doc.record = R"({"id": 7,  "text" : "old \"text\"", "meta":{"a":[1, 2]}})";
  const std::string key = R"("old \"text\"")";
  doc.text_begin = doc.record.find(key);
  doc.text_end = doc.text_begin + key.size();
  std::string out;
  AppendJsonlRecord(doc, "new\nline", &out);
  EXPECT_EQ(out, R"({"id": 7,  "text" : "new\nline", "meta":{"a":[1, 2]}})");
}

TEST(AppendJsonlRecord, DocumentWithoutRecordGetsIdAndText) {
  Document doc;
  doc.id = "a.txt";
  std::string out;
  AppendJsonlRecord(doc, "t", &out);
  EXPECT_EQ(out, R"({"id":"a.txt","text":"t"})");
}

TEST(DocumentWriter, TextDocumentsAreSeparatedByOneBlankLine) {
  const std::string path = testing::MakeTempDir() + "/out.txt";
  {
    auto out = OutputFile::Create(path);
    ASSERT_TRUE(out.ok()) << out.status();
    DocumentWriter w(Format::kText, out->get());
    Document doc;
    ASSERT_TRUE(w.Write(doc, "first").ok());
    ASSERT_TRUE(w.Write(doc, "second\n").ok());
    ASSERT_TRUE(w.Write(doc, "third\n").ok());
    ASSERT_TRUE((*out)->Commit().ok());
  }
  EXPECT_EQ(testing::ReadFileOrDie(path), "first\n\nsecond\n\nthird\n");
}

}  // namespace
}  // namespace winnow
