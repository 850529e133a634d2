#include "winnow/clean/lexicon.h"

#include "gtest/gtest.h"

namespace winnow {
namespace {

TEST(Lexicon, ParsesKindsAndNormalizesPhrases) {
  auto lex = Lexicon::Parse(
      "# comment\n"
      "exact Read More »\n"
      "\n"
      "prefix Follow us   # trailing comment\n"
      "contains all rights reserved\n",
      "test.lex");
  ASSERT_TRUE(lex.ok()) << lex.status();
  EXPECT_EQ(lex->size(), 3u);
  EXPECT_EQ(lex->Match("read more", 2), LexiconKind::kExact);
  EXPECT_EQ(lex->Match("follow us on twitter", 4), LexiconKind::kPrefix);
  EXPECT_EQ(lex->Match("0000 acme inc all rights reserved", 6), LexiconKind::kContains);
  EXPECT_FALSE(lex->Match("read more carefully before you sign", 6));
  EXPECT_FALSE(lex->Match("", 0));
}

TEST(Lexicon, PrefixAndContainsRespectWordBoundariesAndLength) {
  auto lex = Lexicon::Parse("prefix share on\ncontains we use cookies\n", "t");
  ASSERT_TRUE(lex.ok());
  EXPECT_FALSE(lex->Match("share one thing", 3));  // "on" is not "one"
  EXPECT_FALSE(lex->Match("share on " + std::string(60, 'x'), Lexicon::kPrefixMaxWords + 1));
  EXPECT_FALSE(lex->Match("we use cookiesandcream", 3));
  EXPECT_TRUE(lex->Match("note we use cookies here", 5));
}

TEST(Lexicon, ErrorsNameFileAndLine) {
  auto bad_kind = Lexicon::Parse("exact ok\nfuzzy phrase\n", "my.lex");
  ASSERT_FALSE(bad_kind.ok());
  EXPECT_NE(bad_kind.status().message().find("my.lex:2"), absl::string_view::npos);
  auto no_phrase = Lexicon::Parse("exact\n", "my.lex");
  ASSERT_FALSE(no_phrase.ok());
  EXPECT_NE(no_phrase.status().message().find("my.lex:1"), absl::string_view::npos);
}

TEST(Lexicon, BuiltInCoversTheSeedFurniture) {
  const Lexicon& lex = Lexicon::BuiltIn();
  EXPECT_GT(lex.size(), 100u);
  for (const char* line : {"advertisement", "author", "share this article", "read more",
                           "sign in", "anzeige", "lire la suite"}) {
    EXPECT_TRUE(lex.Match(line, 3)) << line;
  }
  EXPECT_FALSE(lex.Match("the author of the report said the plan would work", 10));
}

TEST(Lexicon, MergeAddsEntries) {
  Lexicon lex = *Lexicon::Parse("exact alpha\n", "a");
  lex.Merge(*Lexicon::Parse("exact beta\n", "b"));
  EXPECT_TRUE(lex.Match("alpha", 1));
  EXPECT_TRUE(lex.Match("beta", 1));
}

}  // namespace
}  // namespace winnow
