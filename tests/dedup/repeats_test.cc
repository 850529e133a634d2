#include "winnow/dedup/repeats.h"

#include <cstdint>
#include <random>
#include <string>
#include <vector>

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
  const std::string text =
      std::string(kLead) + "\n\n" + kOther + "\n\n" + kReworded + "\n\n" + kThird + "\n";
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
  strict.similarity = 0.95;
  EXPECT_EQ(Clean(text, strict), text);
}

TEST(RepeatsStage, DistinctParagraphsStay) {
  const std::string text = std::string(kLead) + "\n\n" + kOther + "\n\n" + kThird + "\n";
  EXPECT_EQ(Clean(text), text);
}

TEST(RepeatsStage, PartlyRepeatedParagraphStays) {
  // One matching sentence out of three is below the coverage threshold.
  const std::string text =
      std::string(kLead) + "\n\n" + kOther + " " + kReworded + " " + kThird + "\n";
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
  const std::string text =
      std::string(kLead) + "\n\n" + kReworded + "\n\n" + kOther + "\n\n" + kLead + "\n";
  const std::string once = Clean(text);
  EXPECT_EQ(Clean(once), once);
}

// --- Structural repeats stay ---

TEST(RepeatsStage, LinesWithoutTerminalPunctuationStay) {
  // Recipe rows, table rows and headings repeat on purpose.
  const std::string row = "Portion Fix Containers: 1 Green, 1 Red, 1 Yellow";
  const std::string text = row + "\n\n" + kLead + "\n\n" + row + "\n";
  EXPECT_EQ(Clean(text), text);
  RepeatsOptions every_block;
  every_block.prose_only = false;
  EXPECT_EQ(Clean(text, every_block), row + "\n\n" + kLead + "\n");
}

TEST(RepeatsStage, HardWrappedFragmentsStay) {
  // A line that starts in lowercase continues a sentence (a quoted post).
  const std::string text =
      "Lucas said he had the whole story planned out from\n"
      "the very start, with the right story and the right director.\n"
      "Someone replied that it was all made up as they went along\n"
      "the very start, with the right story and the right director.\n";
  EXPECT_EQ(Clean(text), text);
  RepeatsOptions every_block;
  every_block.prose_only = false;
  EXPECT_NE(Clean(text, every_block), text);
}

TEST(RepeatsStage, ThreeExactCopiesAreStructure) {
  // The same interview question put to each guest.
  const std::string q = "What inspired you to start your own cooking page?";
  const std::string text = q + "\n\nMy grandmother did.\n\n" + q + "\n\nA friend asked me to.\n\n" +
                           q + "\n\nI was bored at home.\n";
  EXPECT_EQ(Clean(text), text);
  RepeatsOptions no_limit;
  no_limit.structural_copies = 0;
  EXPECT_EQ(Clean(text, no_limit),
            q + "\n\nMy grandmother did.\n\nA friend asked me to.\n\nI was bored at home.\n");
}

TEST(RepeatsStage, TemplateInstancesStay) {
  // Near-copies that differ in a name: a template, not a repeat.
  const std::string text =
      "You can vote for Anna on the last page of this contest today!\n\n"
      "You can vote for Olga on the last page of this contest today!\n\n"
      "You can vote for Maria on the last page of this contest today!\n\n"
      "You can vote for Olga on the last page of this contest today!\n";
  EXPECT_EQ(Clean(text), text);
}

TEST(RepeatsStage, TwoNearCopiesAreARepeat) {
  const std::string text = "You can vote for Anna on the last page of this contest today!\n\n" +
                           std::string(kOther) +
                           "\n\nYou can vote for Olga on the last page of this contest today!\n";
  EXPECT_EQ(Clean(text), "You can vote for Anna on the last page of this contest today!\n\n" +
                             std::string(kOther) + "\n");
}

// --- The score ---

TEST(RepeatsStage, AddedClauseIsNotARepeat) {
  // The second sentence says more than the first: removing it loses facts.
  const std::string longer = std::string(kLead).substr(0, std::string(kLead).size() - 1) +
                             ", a plan that opposition members say ignores the rising cost of "
                             "housing in rural districts.";
  const std::string text = std::string(kLead) + "\n\n" + longer + "\n";
  EXPECT_EQ(Clean(text), text);
}

TEST(RepeatsStage, WholeParagraphRewordedInOneSentence) {
  // Neither sentence of the first paragraph matches the later one alone;
  // the paragraph as a whole does.
  const std::string first =
      "The city council approved a new budget on Monday. It raises spending on public "
      "transport by twelve percent over the next two years.";
  const std::string text = first + "\n\n" + kOther + "\n\n" + kReworded + "\n";
  std::vector<Removal> removals;
  EXPECT_EQ(Clean(text, {}, &removals), first + "\n\n" + kOther + "\n");
  ASSERT_EQ(removals.size(), 1u);
  EXPECT_EQ(removals[0].rule, "reworded_paragraph");
  EXPECT_EQ(removals[0].kept_block, 0);
}

TEST(RepeatsStage, InflectedFormsMatch) {
  // Truncation stemming: "approves"/"approved", "raising"/"raises".
  const std::string a =
      "The council approved the budget that raises spending on public transport across "
      "the region.";
  const std::string b =
      "The council approves the budget raising spending on public transport across the "
      "region.";
  RepeatsOptions whole_words;
  whole_words.stem_letters = 0;
  whole_words.similarity = 0.75;
  RepeatsOptions stems = whole_words;
  stems.stem_letters = 5;
  const std::string text = a + "\n\n" + b + "\n";
  EXPECT_EQ(Clean(text, whole_words), text);
  EXPECT_EQ(Clean(text, stems), a + "\n");
}

// --- Properties ---

// Documents from a small lorem-style vocabulary with planted exact copies,
// rewordings, templates and list lines.
std::string RandomDocument(std::mt19937* rng) {
  static const char* const kSyllables[] = {"ka", "lo", "mer", "ti", "san", "dor", "ve", "lin",
                                           "ro", "pa", "nu",  "es", "tar", "qui", "bel"};
  auto pick = [&](int n) { return static_cast<int>((*rng)() % static_cast<uint32_t>(n)); };
  std::vector<std::string> vocab;
  for (int i = 0; i < 60; ++i) {
    std::string w;
    for (int k = 0, n = 1 + pick(3); k < n; ++k) w += kSyllables[pick(15)];
    vocab.push_back(w);
  }
  auto sentence = [&]() {
    std::vector<std::string> words;
    for (int k = 0, n = 5 + pick(12); k < n; ++k) words.push_back(vocab[pick(60)]);
    return words;
  };
  auto join = [](const std::vector<std::string>& words, const char* end) {
    std::string s;
    for (const auto& w : words) s += (s.empty() ? "" : " ") + w;
    s[0] = static_cast<char>(s[0] - 'a' + 'A');
    return s + end;
  };
  std::vector<std::vector<std::string>> made;
  std::vector<std::string> paragraphs;
  for (int p = 0, n = 4 + pick(12); p < n; ++p) {
    const int kind = pick(6);
    if (kind == 0 && !made.empty()) {  // exact copy
      paragraphs.push_back(join(made[pick(static_cast<int>(made.size()))], "."));
    } else if (kind <= 2 && !made.empty()) {  // reworded copy
      auto words = made[pick(static_cast<int>(made.size()))];
      for (int e = 0, m = 1 + pick(3); e < m; ++e) {
        const int at = pick(static_cast<int>(words.size()));
        if (pick(2) == 0) {
          words[at] = vocab[pick(60)];
        } else if (words.size() > 3) {
          words.erase(words.begin() + at);
        }
      }
      made.push_back(words);
      paragraphs.push_back(join(words, "."));
    } else if (kind == 3) {  // a list line without a stop
      paragraphs.push_back(join(sentence(), ""));
    } else {
      made.push_back(sentence());
      paragraphs.push_back(join(made.back(), pick(4) == 0 ? "!" : "."));
    }
  }
  std::string text;
  for (const auto& p : paragraphs) text += p + "\n\n";
  return text;
}

TEST(RepeatsStage, PropertyIdempotentAndOutputIsSubsequenceOfInput) {
  int changed = 0;
  for (uint32_t seed = 1; seed <= 500; ++seed) {
    SCOPED_TRACE(testing::Message() << "seed " << seed);
    std::mt19937 rng(seed);
    const std::string text = RandomDocument(&rng);
    const std::string once = Clean(text);
    EXPECT_EQ(Clean(once), once);
    changed += once != text;
    // Every output paragraph is an input paragraph, in order.
    size_t from = 0;
    size_t pos = 0;
    while (pos < once.size()) {
      size_t end = once.find("\n\n", pos);
      if (end == std::string::npos) end = once.size();
      const std::string para = once.substr(pos, end - pos);
      const size_t at = text.find(para, from);
      ASSERT_NE(at, std::string::npos) << para;
      from = at + para.size();
      pos = end + 2;
    }
  }
  EXPECT_GT(changed, 200);  // the generator plants repeats
}

}  // namespace
}  // namespace winnow
