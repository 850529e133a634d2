#include "winnow/dedup/repeats.h"

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "winnow/hash/hash.h"

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

// --- The words the boilerplate stage leaves (DocumentContext::words()) ---

// Removals with and without the words of the whole text given in
// DocumentContext::words() (as the boilerplate stage leaves them; its own
// tests check they equal WordHasher::HashWords over the whole text).
std::string CleanWithWords(const std::string& text, bool give_words,
                           std::vector<Removal>* removals) {
  RepeatsStage stage;
  DocumentContext ctx;
  ctx.Reset(text);
  if (give_words) {
    DocumentContext::Words* words = ctx.mutable_words();
    words->options = NormalizerOptions{};
    WordHasher hasher(words->options);
    hasher.HashWords(text, {0, static_cast<uint32_t>(text.size())}, &words->hashes,
                     &words->spans);
    words->complete = true;
  }
  stage.Process(&ctx);
  *removals = ctx.removals();
  std::string out;
  ctx.Apply(&out);
  return out;
}

void ExpectSameWithGivenWords(const std::string& text, int* removed) {
  std::vector<Removal> split;
  std::vector<Removal> given;
  const std::string a = CleanWithWords(text, false, &split);
  const std::string b = CleanWithWords(text, true, &given);
  ASSERT_EQ(a, b) << text;
  ASSERT_EQ(split.size(), given.size()) << text;
  for (size_t i = 0; i < split.size(); ++i) {
    EXPECT_EQ(split[i].span.begin, given[i].span.begin) << text;
    EXPECT_EQ(split[i].span.end, given[i].span.end) << text;
    EXPECT_EQ(split[i].rule, given[i].rule) << text;
    EXPECT_EQ(split[i].score, given[i].score) << text;
    EXPECT_EQ(split[i].kept_block, given[i].kept_block) << text;
  }
  *removed += !split.empty();
}

TEST(RepeatsStage_Words, GivenWordsDecideAsSplitting) {
  // Words and separators that stress where sentences and words end: case,
  // digits, decimal points, abbreviations, closing quotes, CJK stops,
  // ligatures, combining marks, Unicode spaces, words over 64 bytes, broken
  // UTF-8, and line breaks of every kind. Some ASCII words share their stem
  // with words that are not ASCII ("final" and the ligature "\xEF\xAC\x81nal"):
  // an ASCII word's stem must be the one the normalized word would have.
  const std::vector<std::string> words = {
      "council", "Council", "BUDGET", "transport", "spending", "raises", "raised", "twelve",
      "3.5", "2024", "U.S.", "e.g.", "caf\xC3\xA9", "CAFE\xCC\x81", "\xEF\xAC\x81nal",
      "\xE5\x8C\x97\xE4\xBA\xAC", "\xCE\xA3\xCE\xAF\xCF\x83\xCF\x85\xCF\x86\xCE\xBF\xCF\x82",
      "the", "of", "a", "minister", "district", "example.com", "x\xE2\x80", "\xFF",
      "aVeryLongWordThatGoesOnAndOnPastSixtyFourBytesOfAsciiLettersAndDigits0123456789",
      "\xEF\xBC\xA1\xEF\xBC\xA2", "\xE2\x91\xA0", "officials", "statement", "final",
      "FINALS", "Caf"};
  const std::vector<std::string> gaps = {" ", " ", " ", " ", "  ", "\t", "\xC2\xA0",
                                         "\xE2\x80\x83", ", ", " - ", "\n"};
  const std::vector<std::string> stops = {
      ".", "!", "?", "...", ".\"", "?!", ")", "\xE3\x80\x82", "\xE2\x80\xA6", "."};
  std::mt19937 rng(20261203);
  auto pick = [&](size_t n) { return static_cast<size_t>(rng() % n); };
  int removed = 0;
  for (int round = 0; round < 1500; ++round) {
    std::vector<std::string> made;
    auto sentence = [&] {
      std::string s;
      for (size_t k = 0, n = 3 + pick(12); k < n; ++k) {
        if (k > 0) s += gaps[pick(gaps.size())];
        s += words[pick(words.size())];
      }
      return s + stops[pick(stops.size())];
    };
    std::string text;
    for (size_t p = 0, n = 2 + pick(8); p < n; ++p) {
      std::string para;
      const size_t kind = pick(4);
      if (kind == 0 && !made.empty()) {  // an exact copy
        para = made[pick(made.size())];
      } else if (kind == 1 && !made.empty()) {  // a copy with a word changed
        para = made[pick(made.size())];
        const size_t at = para.find(' ', pick(para.size()));
        if (at != std::string::npos) para.insert(at, " " + words[pick(words.size())]);
      } else {
        for (size_t k = 0, m = 1 + pick(3); k < m; ++k) {
          para += (k > 0 ? " " : "") + sentence();
        }
      }
      made.push_back(para);
      text += para + (pick(5) == 0 ? "\r\n\r\n" : "\n\n");
    }
    ExpectSameWithGivenWords(text, &removed);
    if (HasFailure()) return;
  }
  EXPECT_GT(removed, 300);  // the generator plants repeats
}

}  // namespace
}  // namespace winnow
