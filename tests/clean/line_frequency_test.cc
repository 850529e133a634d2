#include "winnow/clean/line_frequency.h"

#include <vector>

#include "gtest/gtest.h"

namespace winnow {
namespace {

uint64_t Key(std::string_view line) {
  WordHasher hasher;
  std::vector<uint64_t> scratch;
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

}  // namespace
TEST(LineFrequencies, PruneKeepsOnlyLinesAtTheThreshold) {
  LineFrequencies freq;
  freq.AddDocument("Home | News\nFirst story text\nShare this");
  freq.AddDocument("Home | News\nSecond story text\nShare this");
  freq.AddDocument("Home | News\nThird story text");
  WordHasher hasher;
  std::vector<uint64_t> scratch;
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
