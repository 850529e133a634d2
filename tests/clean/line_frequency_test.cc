#include "winnow/clean/line_frequency.h"

#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace winnow {
namespace {

uint64_t Key(std::string_view line) {
  WordHasher hasher;
  std::string scratch;
  return LineFrequencies::LineKey(&hasher, line,
                                  {0, static_cast<uint32_t>(line.size())}, &scratch);
}

TEST(LineFrequencies, CountsDocumentsNotOccurrences) {
  LineFrequencies freq;
  freq.AddDocument("Home\nHome\nStory one.\n");
  freq.AddDocument("home!\nStory two.\n");
  EXPECT_EQ(freq.documents(), 2u);
  EXPECT_EQ(freq.Count(Key("Home")), 2u);  // normalized: "home!" is "home"
  EXPECT_EQ(freq.Count(Key("Story one.")), 1u);
  EXPECT_EQ(freq.Count(Key("never seen")), 0u);
}

TEST(LineFrequencies, CopiesOfADocumentAddNoEvidence) {
  LineFrequencies freq;
  freq.AddDocument("Title\nA paragraph of the story.\n");
  freq.AddDocument("TITLE\n\nA paragraph of the story!\n");  // same normalized lines
  freq.AddDocument("Title\nAnother story.\n");
  EXPECT_EQ(freq.documents(), 3u);
  EXPECT_EQ(freq.duplicates(), 1u);
  EXPECT_EQ(freq.Count(Key("Title")), 2u);
  EXPECT_EQ(freq.Count(Key("A paragraph of the story.")), 1u);
}

TEST(LineFrequencies, LinesWithoutWordsHaveNoKey) {
  EXPECT_EQ(Key("  --- | ---  "), 0u);
  LineFrequencies freq;
  freq.AddDocument("***\n***\n");
  EXPECT_EQ(freq.distinct_lines(), 0u);
  EXPECT_EQ(freq.Count(0), 0u);
}

TEST(LineFrequencies, BudgetStopsNewLinesButKeepsCounting) {
  LineFrequencies freq(2 * LineFrequencies::kBytesPerLine);  // room for 2 lines
  freq.AddDocument("alpha\nbeta\n");
  EXPECT_FALSE(freq.saturated());
  freq.AddDocument("alpha\ngamma\n");
  EXPECT_TRUE(freq.saturated());
  EXPECT_EQ(freq.Count(Key("alpha")), 2u);
  EXPECT_EQ(freq.Count(Key("gamma")), 0u);
  EXPECT_EQ(freq.distinct_lines(), 2u);
}

TEST(LineFrequencies, ReserveChangesNeitherCountsNorBudget) {
  LineFrequencies plain(2 * LineFrequencies::kBytesPerLine);
  LineFrequencies reserved(2 * LineFrequencies::kBytesPerLine);
  reserved.Reserve(1000);  // far past the budget: the budget still rules
  for (LineFrequencies* freq : {&plain, &reserved}) {
    freq->AddDocument("alpha\nbeta\n");
    freq->AddDocument("alpha\ngamma\n");
    freq->AddDocument("beta\ndelta\nalpha\n");
  }
  for (const char* line : {"alpha", "beta", "gamma", "delta"}) {
    EXPECT_EQ(reserved.Count(Key(line)), plain.Count(Key(line))) << line;
  }
  EXPECT_EQ(reserved.Count(Key("alpha")), 3u);
  EXPECT_EQ(reserved.distinct_lines(), 2u);
  EXPECT_TRUE(reserved.saturated());
}

// The key is the hash of the normalized words joined by single spaces, which
// is what the boilerplate stage computes in the second pass from its own
// split: the one-pass ASCII path and the general path must agree with it.
TEST(LineFrequencies, KeyIsTheJoinedNormalizedWords) {
  const std::vector<std::string> pieces = {
      "word", "Word", "WORD", "x", " ", "  ", "\t", ".", ", ", "'s", "3.5", "2024", "-",
      "aVeryLongWordThatGoesOnAndOnPastSixtyFourBytesOfAsciiLettersAndDigits0123456789",
      "\xC2\xA0", "\xEF\xAC\x81", "\xEF\xB7\xBA", "\xC3\xA9", "E\xCC\x81", "\xCC\x81",
      "\xE5\x8C\x97", "\xE3\x80\x82", "\xE2\x80", "\xFF", "\xEF\xBC\xA1", "\xE2\x91\xA0",
  };
  for (const NormalizerOptions& options :
       {NormalizerOptions{}, NormalizerOptions{.nfkc = false, .case_fold = false,
                                               .digits_to_zero = false, .strip_accents = false}}) {
    WordHasher hasher(options);
    std::mt19937 rng(20261203);
    std::uniform_int_distribution<size_t> pick(0, pieces.size() - 1);
    std::uniform_int_distribution<int> length(0, 30);
    std::string scratch;
    for (int round = 0; round < 4000; ++round) {
      // Half the lines ASCII only (the one-pass path), half any.
      const size_t choices = round % 2 == 0 ? 14 : pieces.size();
      std::string line = "<";
      for (int n = length(rng); n > 0; --n) line += pieces[pick(rng) % choices];
      line += ">";
      const Span span{1, static_cast<uint32_t>(line.size() - 1)};  // a line inside a text
      std::string joined;
      hasher.ForEachWord(line, span, [&](Span, std::string_view word) {
        if (word.empty()) return;
        if (!joined.empty()) joined.push_back(' ');
        joined.append(word);
      });
      ASSERT_EQ(LineFrequencies::LineKey(&hasher, line, span, &scratch),
                LineFrequencies::KeyOfJoined(joined))
          << line;
      ASSERT_EQ(LineFrequencies::KeyOfJoined(joined) == 0, joined.empty());
    }
  }
}

}  // namespace
TEST(LineFrequencies, PruneKeepsOnlyLinesAtTheThreshold) {
  LineFrequencies freq;
  freq.AddDocument("Home | News\nFirst story text\nShare this");
  freq.AddDocument("Home | News\nSecond story text\nShare this");
  freq.AddDocument("Home | News\nThird story text");
  WordHasher hasher;
  std::string scratch;
  auto count = [&](std::string_view line) {
    return freq.Count(LineFrequencies::LineKey(&hasher, line,
                                               {0, static_cast<uint32_t>(line.size())}, &scratch));
  };
  ASSERT_EQ(freq.distinct_lines(), 5u);
  freq.Prune(2);
  EXPECT_EQ(freq.distinct_lines(), 2u);
  EXPECT_EQ(count("Home | News"), 3u);
  EXPECT_EQ(count("Share this"), 2u);
  EXPECT_EQ(count("First story text"), 0u);
  freq.Prune(1);  // no-op
  EXPECT_EQ(freq.distinct_lines(), 2u);
}

}  // namespace winnow
