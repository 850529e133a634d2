#include "winnow/clean/boilerplate.h"

#include <string>

#include "gtest/gtest.h"

namespace winnow {
namespace {

// --- Lines that go, with their rule ---

TEST(BoilerplateStage_Classify, FurnitureLines) {
  BoilerplateStage stage;
  const std::pair<const char*, const char*> cases[] = {
      {"Advertisement", "lexicon"},
      {"  Author  ", "lexicon"},
      {"Share this article", "lexicon"},
      {"READ MORE »", "lexicon"},
      {"Sign in", "lexicon"},
      {"Follow us on Instagram", "lexicon"},
      {"We use cookies to improve your experience on our site.", "lexicon"},
      {"© 2024 Example Media Ltd. All rights reserved.", "lexicon"},
      {"© Example Media", "copyright"},
      {"Home | News | Sport | Weather", "menu_row"},
      {"News • Politics • Business", "menu_row"},
      {"Home › World › Asia", "menu_row"},
      {"Read more: How the bridge was built", "link_label"},
      {"RELATED: Council votes on budget", "link_label"},
  };
  for (const auto& [line, rule] : cases) {
    EXPECT_EQ(stage.Classify(line), rule) << line;
  }
}

// --- Lines that stay ---

TEST(BoilerplateStage_Classify, ContentLines) {
  BoilerplateStage stage;
  for (const char* line : {
           "South Korea was contacted by Antony Blinken to discuss his travel to China.",
           "The author of the study, Dr. Lee, said the results were clear.",
           "Read more carefully, and you will see the pattern.",
           "Prices rose 3.5% in March / April, the agency said.",
           "Q: What happened next?",
           "12/05/2023",
           "Home is where the heart is",
       }) {
    EXPECT_EQ(stage.Classify(line), "") << line;
  }
}

TEST(BoilerplateStage_Process, RemovesLinesAndRecordsRules) {
  BoilerplateStage stage;
  DocumentContext ctx;
  const std::string text = "Title here\n\nBody sentence one.\n\nAdvertisement\n\nAuthor";
  ctx.Reset(text);
  stage.Process(&ctx);
  ASSERT_EQ(ctx.removals().size(), 2u);
  EXPECT_EQ(ctx.removals()[0].rule, "lexicon");
  EXPECT_EQ(ctx.removals()[0].stage, StageId::kBoilerplate);
  EXPECT_EQ(ctx.removals()[0].span.In(text), "Advertisement\n");
  std::string out;
  ctx.Apply(&out);
  EXPECT_EQ(out, "Title here\n\nBody sentence one.\n");
}

TEST(BoilerplateStage_Process, CustomLexiconReplacesBuiltIn) {
  auto lex = Lexicon::Parse("exact house ad\n", "custom");
  ASSERT_TRUE(lex.ok());
  BoilerplateOptions options;
  options.lexicon = &*lex;
  BoilerplateStage stage(options);
  EXPECT_EQ(stage.Classify("House ad"), "lexicon");
  EXPECT_EQ(stage.Classify("Advertisement"), "");
}

}  // namespace
}  // namespace winnow

namespace winnow {
namespace {

// --- The classifier and content regions ---

std::string CleanWith(const std::string& text, BoilerplateOptions options = {}) {
  BoilerplateStage stage(options);
  DocumentContext ctx;
  ctx.Reset(text);
  stage.Process(&ctx);
  std::string out;
  ctx.Apply(&out);
  return out;
}

// A WET-like page: one HTML block per line, no blank lines.
constexpr char kPage[] =
    "Morning Post\n"
    "World\n"
    "Business\n"
    "Sport\n"
    "Storm closes the coastal road for a second day\n"
    "The coastal road between the two harbours stayed closed on Tuesday after the "
    "storm brought down trees and washed gravel across both lanes.\n"
    "Council crews said they had cleared most of the debris, but engineers wanted to "
    "inspect a retaining wall that had been undermined by the waves.\n"
    "Drivers were told to use the inland route, which adds about twenty minutes to "
    "the journey, until the wall has been checked.\n"
    "Ten things to do this weekend\n"
    "Why house prices keep rising\n"
    "The best new restaurants in town\n"
    "Contact\n"
    "Careers\n";

TEST(BoilerplateStage_Classifier, KeepsTheArticleBodyAndItsHeading) {
  const std::string out = CleanWith(kPage);
  EXPECT_EQ(out,
            "Storm closes the coastal road for a second day\n"
            "The coastal road between the two harbours stayed closed on Tuesday after the "
            "storm brought down trees and washed gravel across both lanes.\n"
            "Council crews said they had cleared most of the debris, but engineers wanted to "
            "inspect a retaining wall that had been undermined by the waves.\n"
            "Drivers were told to use the inland route, which adds about twenty minutes to "
            "the journey, until the wall has been checked.\n");
}

TEST(BoilerplateStage_Classifier, RulesNameWhyUnitsWent) {
  BoilerplateStage stage;
  DocumentContext ctx;
  ctx.Reset(kPage);
  stage.Process(&ctx);
  int outside = 0;
  for (const Removal& r : ctx.removals()) {
    EXPECT_EQ(r.stage, StageId::kBoilerplate);
    if (r.rule == "outside_content") ++outside;
  }
  EXPECT_GE(outside, 2);
}

TEST(BoilerplateStage_Classifier, HeadingsCanBeSwitchedOff) {
  BoilerplateOptions options;
  options.keep_headings = false;
  EXPECT_EQ(CleanWith(kPage, options).find("Storm closes"), std::string::npos);
}

TEST(BoilerplateStage_Classifier, HardRulesOnlyWhenClassifierIsOff) {
  BoilerplateOptions options;
  options.classify = false;
  EXPECT_EQ(CleanWith(kPage, options), kPage);  // no lexicon line in it
}

TEST(BoilerplateStage_Classifier, PageWithoutBodyIsKept) {
  // No unit is prose: nothing reaches a region, so nothing is thrown away.
  const std::string text = "Opening hours\nMonday to Friday\n9 to 5\n";
  EXPECT_EQ(CleanWith(text), text);
}

TEST(BoilerplateStage_Classifier, OtherLanguagesUseTheirStopWords) {
  const std::string text =
      "Startseite\nPolitik\nWirtschaft\n"
      "Die Stadt hat am Dienstag beschlossen, dass die alte Brücke im Frühjahr "
      "abgerissen und durch einen Neubau ersetzt wird.\n"
      "Nach Angaben der Verwaltung sollen die Arbeiten etwa zwei Jahre dauern, "
      "wobei der Verkehr über eine Behelfsbrücke geführt wird.\n"
      "Impressum\nKontakt\n";
  const std::string out = CleanWith(text);
  EXPECT_NE(out.find("Die Stadt hat"), std::string::npos);
  EXPECT_NE(out.find("Nach Angaben"), std::string::npos);
  EXPECT_EQ(out.find("Startseite"), std::string::npos);
  EXPECT_EQ(out.find("Kontakt"), std::string::npos);
}

TEST(BoilerplateStage_Classifier, ParagraphsAreUnitsWhenTextHasBlankLines) {
  // A hard-wrapped paragraph: its lines are short, but the block is prose.
  const std::string text =
      "Menu\n\n"
      "The museum will reopen its east wing next month after a year of work\n"
      "on the roof, and the collection of maps that was stored during the\n"
      "repairs will go back on display for the first time since the fire.\n\n"
      "Visitors can book tickets online, and entry for children under twelve\n"
      "remains free of charge on weekdays and during the school holidays.\n";
  const std::string out = CleanWith(text);
  EXPECT_NE(out.find("on the roof, and the collection"), std::string::npos);
  EXPECT_NE(out.find("remains free of charge"), std::string::npos);
}

// --- Corpus evidence ---

TEST(BoilerplateStage_CorpusEvidence, LinesFrequentAcrossDocumentsGo) {
  LineFrequencies freq;
  freq.AddDocument("Site Name Weekly\nFirst story text.\n");
  freq.AddDocument("Site Name Weekly\nSecond story text.\n");
  BoilerplateOptions options;
  options.line_frequencies = &freq;
  options.classify = false;
  BoilerplateStage stage(options);
  DocumentContext ctx;
  ctx.Reset("SITE NAME weekly\nA third story.\n");
  stage.Process(&ctx);
  ASSERT_EQ(ctx.removals().size(), 1u);
  EXPECT_EQ(ctx.removals()[0].rule, "frequent_line");
  EXPECT_EQ(ctx.removals()[0].score, 2.0f);
}

}  // namespace
}  // namespace winnow
