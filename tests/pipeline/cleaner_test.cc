#include "winnow/pipeline/cleaner.h"

#include <string>

#include "gtest/gtest.h"

namespace winnow {
namespace {

constexpr char kDoc[] =
    "Rail strike ends after three weeks\n\n"
    "Train drivers returned to work on Friday after the union accepted a pay offer "
    "that adds four percent this year.\n\n"
    "Passengers faced cancelled services across the north for most of the month.\n\n"
    "On Friday train drivers went back to work after the union accepted a pay offer "
    "which adds four percent this year.\n\n"
    "Advertisement\n";

TEST(ParseStages, ListsAndErrors) {
  EXPECT_EQ(*ParseStages("all"), AllStages());
  ASSERT_EQ(AllStages().size(), 3u);
  EXPECT_EQ(AllStages()[2], StageId::kCorpus);
  const std::vector<StageId> corpus_repeats = *ParseStages("corpus,repeats");
  ASSERT_EQ(corpus_repeats.size(), 2u);
  EXPECT_EQ(corpus_repeats[0], StageId::kCorpus);
  EXPECT_EQ(corpus_repeats[1], StageId::kRepeats);
  EXPECT_EQ(*ParseStages("repeats"), (std::vector<StageId>{StageId::kRepeats}));
  EXPECT_EQ(*ParseStages("repeats,boilerplate,repeats"),
            (std::vector<StageId>{StageId::kRepeats, StageId::kBoilerplate}));
  EXPECT_FALSE(ParseStages("").ok());
  auto bad = ParseStages("boilerplate,corpse");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("corpse"), absl::string_view::npos);
}

TEST(Cleaner, AllStages) {
  Cleaner cleaner;
  std::string out;
  cleaner.Clean(kDoc, &out);
  EXPECT_EQ(out,
            "Rail strike ends after three weeks\n\n"
            "Train drivers returned to work on Friday after the union accepted a pay offer "
            "that adds four percent this year.\n\n"
            "Passengers faced cancelled services across the north for most of the month.\n");
  ASSERT_EQ(cleaner.removals().size(), 2u);
  EXPECT_EQ(cleaner.removals()[0].stage, StageId::kBoilerplate);
  EXPECT_EQ(cleaner.removals()[1].stage, StageId::kRepeats);
}

TEST(Cleaner, CorpusStageSeesEarlierDocuments) {
  Cleaner cleaner;
  ASSERT_NE(cleaner.corpus(), nullptr);
  std::string first;
  cleaner.Clean(kDoc, &first, 0);
  EXPECT_FALSE(first.empty());
  std::string second;
  cleaner.Clean(kDoc, &second, 1);
  EXPECT_EQ(second, "");
  ASSERT_FALSE(cleaner.removals().empty());
  EXPECT_EQ(cleaner.removals().back().stage, StageId::kCorpus);
  EXPECT_EQ(cleaner.removals().back().rule, "exact_document");
  EXPECT_EQ(cleaner.removals().back().kept_document, 0);
  EXPECT_EQ(cleaner.corpus()->counters().exact_documents, 1u);
}

TEST(Cleaner, OnlySelectedStagesRun) {
  CleanerOptions only_repeats;
  only_repeats.stages = {StageId::kRepeats};
  Cleaner cleaner(only_repeats);
  std::string out;
  cleaner.Clean(kDoc, &out);
  EXPECT_NE(out.find("Advertisement"), std::string::npos);
  EXPECT_EQ(out.find("On Friday train drivers"), std::string::npos);

  CleanerOptions only_boilerplate;
  only_boilerplate.stages = {StageId::kBoilerplate};
  Cleaner cleaner2(only_boilerplate);
  cleaner2.Clean(kDoc, &out);
  EXPECT_EQ(out.find("Advertisement"), std::string::npos);
  EXPECT_NE(out.find("On Friday train drivers"), std::string::npos);
}

TEST(Cleaner, ReusedAcrossDocuments) {
  // Per-document stages only: the corpus stage would remove the second copy
  // (CorpusStageSeesEarlierDocuments).
  CleanerOptions per_document;
  per_document.stages = {StageId::kBoilerplate, StageId::kRepeats};
  Cleaner cleaner(per_document);
  std::string a, b;
  cleaner.Clean(kDoc, &a);
  cleaner.Clean("Just one line.\n", &b);
  EXPECT_EQ(b, "Just one line.\n");
  cleaner.Clean(kDoc, &b);
  EXPECT_EQ(a, b);
}

}  // namespace
}  // namespace winnow
