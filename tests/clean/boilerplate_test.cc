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
