#include "winnow/dedup/repeats.h"

#include <string>

#include "gtest/gtest.h"

namespace winnow {
namespace {

std::string Clean(const std::string& text, RepeatsOptions options = {},
                  std::vector<Removal>* removals = nullptr) {
  RepeatsStage stage(options);
  DocumentContext ctx;
  ctx.Reset(text);
  stage.Process(&ctx);
  if (removals != nullptr) *removals = ctx.removals();
  std::string out;
  ctx.Apply(&out);
  return out;
}

constexpr char kLead[] =
    "The city council approved a new budget on Monday that raises spending on "
    "public transport by twelve percent over the next two years.";
constexpr char kReworded[] =
    "On Monday the council approved a new budget that raises spending on "
    "public transport by twelve percent during the next two years.";
constexpr char kOther[] =
    "Opposition members argued that the plan ignores the rising cost of housing "
    "and leaves rural districts without new bus routes.";
constexpr char kThird[] =
    "A final vote on the details is expected before the end of the month, "
    "officials said in a statement.";

// --- Exact repeats ---

TEST(RepeatsStage, ExactRepeatGoesFirstCopyStays) {
  const std::string text = std::string(kLead) + "\n\n" + kOther + "\n\n" + kLead + "\n";
  std::vector<Removal> removals;
  EXPECT_EQ(Clean(text, {}, &removals), std::string(kLead) + "\n\n" + kOther + "\n");
  ASSERT_EQ(removals.size(), 1u);
  EXPECT_EQ(removals[0].rule, "exact_paragraph");
  EXPECT_EQ(removals[0].kept_block, 0);
}

TEST(RepeatsStage, ExactAfterNormalization) {
  const std::string a = "Prices rose 3.5 percent in March, the agency said.";
  const std::string b = "PRICES ROSE 4.1 percent in March -- the agency said!";
  EXPECT_EQ(Clean(a + "\n\n" + b), a + "\n");
}

TEST(RepeatsStage, ShortRepeatedLinesStay) {
  // Interview questions and list headings repeat legitimately.
  const std::string text = "Q: Why?\n\nBecause it works.\n\nQ: Why?\n\nIt is cheap.\n";
  EXPECT_EQ(Clean(text), text);
}

// --- Reworded repeats ---

TEST(RepeatsStage, RewordedRepeatGoes) {
  const std::string text = std::string(kLead) + "\n\n" + kOther + "\n\n" + kReworded + "\n\n" +
                           kThird + "\n";
  std::vector<Removal> removals;
  EXPECT_EQ(Clean(text, {}, &removals),
            std::string(kLead) + "\n\n" + kOther + "\n\n" + kThird + "\n");
  ASSERT_EQ(removals.size(), 1u);
  EXPECT_EQ(removals[0].rule, "reworded_paragraph");
  EXPECT_EQ(removals[0].kept_block, 0);
  EXPECT_GE(removals[0].score, 0.6f);
  EXPECT_LT(removals[0].score, 1.0f);
}

TEST(RepeatsStage, RewordedRepeatOfOneSentenceOfALongerParagraph) {
  // The seed article's shape: the repeat matches the first sentence of a
  // two-sentence paragraph.
  const std::string first = std::string(kLead) + "\n" + kThird;
  const std::string text = first + "\n\n" + kOther + "\n\n" + kReworded + "\n";
  EXPECT_EQ(Clean(text), first + "\n\n" + kOther + "\n");
}

TEST(RepeatsStage, ThresholdIsAnOption) {
  const std::string text = std::string(kLead) + "\n\n" + kReworded + "\n";
  RepeatsOptions strict;
  strict.jaccard = 0.95;
  EXPECT_EQ(Clean(text, strict), text);
}

TEST(RepeatsStage, DistinctParagraphsStay) {
  const std::string text = std::string(kLead) + "\n\n" + kOther + "\n\n" + kThird + "\n";
  EXPECT_EQ(Clean(text), text);
}

TEST(RepeatsStage, PartlyRepeatedParagraphStays) {
  // One matching sentence out of three is below the coverage threshold.
  const std::string text = std::string(kLead) + "\n\n" + kOther + " " + kReworded + " " +
                           kThird + "\n";
  EXPECT_EQ(Clean(text), text);
}

TEST(RepeatsStage, RemovedBlocksAreNotReferences) {
  // A block removed by an earlier stage does not make a later copy a repeat.
  RepeatsStage stage;
  DocumentContext ctx;
  const std::string text = std::string(kLead) + "\n\n" + kLead + "\n";
  ctx.Reset(text);
  ctx.RemoveBlock(0, Removal{});
  stage.Process(&ctx);
  std::string out;
  ctx.Apply(&out);
  EXPECT_EQ(out, std::string(kLead) + "\n");
}

TEST(RepeatsStage, Idempotent) {
  const std::string text = std::string(kLead) + "\n\n" + kReworded + "\n\n" + kOther +
                           "\n\n" + kLead + "\n";
  const std::string once = Clean(text);
  EXPECT_EQ(Clean(once), once);
}

}  // namespace
}  // namespace winnow
