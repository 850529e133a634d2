#include "winnow/clean/line_frequency.h"

#include <map>
#include <random>
#include <set>
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
  auto count = [&](std::string_view line) { return freq.Count(Key(line)); };
  ASSERT_EQ(freq.distinct_lines(), 5u);
  freq.Prune(2);
  EXPECT_EQ(freq.distinct_lines(), 2u);
  EXPECT_EQ(count("Home | News"), 3u);
  EXPECT_EQ(count("Share this"), 2u);
  EXPECT_EQ(count("First story text"), 0u);
  freq.Prune(1);  // no-op
  EXPECT_EQ(freq.distinct_lines(), 2u);
}

std::string Letters(int n) {
  std::string s;
  do {
    s.push_back(static_cast<char>('a' + n % 26));
    n /= 26;
  } while (n > 0);
  return s;
}

// Many lines over many documents: after Prune, every line's count is what
// a plain map of counts says, or 0 below the threshold.
TEST(LineFrequencies, PruneAgreesWithAMapOfCounts) {
  LineFrequencies freq;
  std::map<std::string, uint32_t> counts;
  std::mt19937 rng(5);
  std::uniform_int_distribution<int> pick(0, 3999);
  for (int d = 0; d < 3000; ++d) {
    std::string text;
    std::set<std::string> lines;
    for (int l = 0; l < 8; ++l) {
      // A few lines recur in many documents, some in a handful (about 6,
      // so many in exactly the threshold's 3), most in one or two.
      std::string line;
      if (l < 2) {
        line = "line " + Letters(pick(rng) % 40) + " of furniture";
      } else if (l < 4) {
        line = "line " + Letters(pick(rng) % 1000) + " of shared";
      } else {
        // Letters, not digits: the key normalizes every digit to 0.
        line = "line " + Letters(pick(rng)) + " of " + Letters(d % 1500);
      }
      text += line + "\n";
      lines.insert(line);
    }
    freq.AddDocument(text);
    for (const std::string& line : lines) ++counts[line];
  }
  auto count = [&](std::string_view line) { return freq.Count(Key(line)); };
  ASSERT_EQ(freq.duplicates(), 0u);
  ASSERT_EQ(freq.distinct_lines(), counts.size());
  for (const auto& [line, n] : counts) ASSERT_EQ(count(line), n) << line;
  freq.Prune(3);
  size_t kept = 0;
  for (const auto& [line, n] : counts) {
    ASSERT_EQ(count(line), n >= 3 ? n : 0) << line;
    kept += n >= 3 ? 1 : 0;
  }
  size_t at_threshold = 0;
  for (const auto& [line, n] : counts) at_threshold += n == 3 ? 1 : 0;
  EXPECT_GT(at_threshold, 10u);
  EXPECT_LT(kept, counts.size());
  EXPECT_EQ(freq.distinct_lines(), kept);
}

}  // namespace winnow
