#include "winnow/clean/boilerplate.h"

#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "winnow/clean/line_frequency.h"
#include "winnow/hash/hash.h"

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

// Unspaced CJK text is one "word" per run between punctuation; its length
// in words comes from its characters (about two per word), so that a
// paragraph of Chinese prose is not a short line.
TEST(BoilerplateStage_Classifier, CjkProseIsMeasuredByItsCharacters) {
  const std::string text =
      "首页\n新闻\n体育\n"
      "市政府星期二宣布，位于河口的旧桥将在明年春天拆除，并由一座更宽的新桥取代，"
      "工程预计需要两年时间才能完成。\n"
      "据有关部门介绍，施工期间车辆将改走临时便桥，市民出行时间可能会增加大约二十分钟，"
      "有关方面建议大家提前安排出行计划。\n"
      "联系我们\n";
  const std::string out = CleanWith(text);
  EXPECT_NE(out.find("市政府星期二宣布"), std::string::npos) << out;
  EXPECT_NE(out.find("据有关部门介绍"), std::string::npos) << out;
  EXPECT_EQ(out.find("联系我们"), std::string::npos) << out;
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

// The second pass keys a line from the words ClassifyLine joined (one pass
// for an ASCII line, WordHasher::ForEachWord for any other); the key must
// be the first pass's LineFrequencies::LineKey, or counted lines would
// never be found. Random lines of ASCII and other words, counted in two
// documents, are found again in a third with other spacing and case.
TEST(BoilerplateStage_CorpusEvidence, SecondPassFindsTheFirstPassKeyOnRandomLines) {
  const std::vector<std::string> words = {
      "alpha", "Beta", "GAMMA", "d3lta", "2024", "3.5", "caf\xC3\xA9", "CAFE\xCC\x81",
      "\xEF\xAC\x81nal", "\xE5\x8C\x97\xE4\xBA\xAC", "x\xC2\xA0y", "o'neil", "well-known",
      "aVeryLongWordThatGoesOnAndOnPastSixtyFourBytesOfAsciiLettersAndDigits0123456789"};
  const std::vector<std::string> gaps = {" ", "  ", "\t", " - ", ", ", "\xC2\xA0"};
  std::mt19937 rng(20261203);
  auto pick = [&](size_t n) { return static_cast<size_t>(rng() % n); };
  BoilerplateOptions options;
  options.classify = false;
  int found = 0;
  for (int round = 0; round < 400; ++round) {
    std::vector<std::string> line_words;
    for (size_t k = 0, n = 2 + pick(6); k < n; ++k) line_words.push_back(words[pick(words.size())]);
    auto render = [&](bool upper) {
      std::string line;
      for (size_t k = 0; k < line_words.size(); ++k) {
        if (k > 0) line += gaps[pick(gaps.size())];
        std::string w = line_words[k];
        if (upper) {
          for (char& c : w) c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c;
        }
        line += w;
      }
      return line;
    };
    LineFrequencies freq;
    freq.AddDocument(render(false) + "\nFirst story text.\n");
    freq.AddDocument(render(true) + "\nSecond story text.\n");
    options.line_frequencies = &freq;
    BoilerplateStage stage(options);
    DocumentContext ctx;
    const std::string text = "  " + render(pick(2) == 0) + " \nA third story.\n";
    ctx.Reset(text);
    stage.Process(&ctx);
    ASSERT_FALSE(ctx.removals().empty()) << text;
    EXPECT_EQ(ctx.removals()[0].span.begin, 0u) << text;
    found += ctx.removals()[0].rule == "frequent_line";
  }
  EXPECT_GT(found, 300);  // the rest went by an earlier rule (menu rows of " - ")
}

}  // namespace
}  // namespace winnow

namespace winnow {
namespace {

// --- Blocks whose lines stand alone (issue 3) ---

// A w3m-like rendering: blank lines between blocks, one paragraph per line,
// and a block of link items after the article.
constexpr char kListAfterArticle[] =
    "The harbour authority said on Monday that the old pier will be rebuilt "
    "over the next two years, and that ferries will use the north quay meanwhile.\n\n"
    "Work on the foundations is expected to begin in the spring, once the "
    "divers have finished their survey of the timber piles under the deck.\n\n"
    "  • The best places to eat fish by the water this summer\n"
    "  • Why the price of a ferry ticket has gone up again\n"
    "  • A walk along the coast path from the lighthouse\n"
    "  • What the new parking rules mean for the town centre\n"
    "  • How the lifeboat crew trains for winter storms\n"
    "  • Ten photographs of the harbour in the old days\n";

TEST(BoilerplateStage_LineBlocks, ListBlockIsClassifiedLineByLine) {
  const std::string out = CleanWith(kListAfterArticle);
  EXPECT_NE(out.find("The harbour authority"), std::string::npos);
  EXPECT_NE(out.find("Work on the foundations"), std::string::npos);
  EXPECT_EQ(out.find("best places to eat"), std::string::npos) << out;
  EXPECT_EQ(out.find("old days"), std::string::npos) << out;
}

TEST(BoilerplateStage_LineBlocks, WholeBlocksWhenSplittingIsOff) {
  // As one unit, the list has enough words and stop words to pass as a
  // doubtful paragraph next to the article, and it stays.
  BoilerplateOptions options;
  options.split_line_blocks = false;
  EXPECT_NE(CleanWith(kListAfterArticle, options).find("best places to eat"),
            std::string::npos);
}

TEST(BoilerplateStage_LineBlocks, NumberedItemsAreLinesToo) {
  std::string text = kListAfterArticle;
  const std::string bullets = "  \xE2\x80\xA2 ";  // "  • "
  int n = 0;
  for (size_t at = text.find(bullets); at != std::string::npos; at = text.find(bullets)) {
    ++n;
    text.replace(at, bullets.size(), std::to_string(n) + (n % 2 ? ". " : ") "));
  }
  ASSERT_EQ(n, 6);
  const std::string out = CleanWith(text);
  EXPECT_NE(out.find("The harbour authority"), std::string::npos);
  EXPECT_EQ(out.find("best places to eat"), std::string::npos) << out;
}

TEST(BoilerplateStage_LineBlocks, TableColumnsAreNotSplit) {
  // A wide gap inside a line: a renderer put table cells side by side, so a
  // line is not a unit of text and the block stays whole (and here, as in
  // WholeBlocksWhenSplittingIsOff, it stays).
  std::string text = kListAfterArticle;
  const size_t at = text.find("eat fish by");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, std::string("eat fish by").size(), "eat fish    by");
  EXPECT_NE(CleanWith(text).find("eat fish    by"), std::string::npos);
}

TEST(BoilerplateStage_LineBlocks, WrappedProseIsNotSplit) {
  // Hard-wrapped lines whose sentences run on (lower-case starts, a trailing
  // comma) stay one unit even though each line alone looks like a headline.
  const std::string text =
      "Home\n\n"
      "The library on Mill Street will close for three weeks in August\n"
      "while the heating is replaced, and the mobile library will stop in\n"
      "the square on Tuesdays and Fridays,\n"
      "Saturdays excepted, until the building reopens in September.\n";
  const std::string out = CleanWith(text);
  EXPECT_NE(out.find("while the heating is replaced"), std::string::npos) << out;
  EXPECT_NE(out.find("Saturdays excepted"), std::string::npos) << out;
}

// --- Short lines inside the body ---

// Short list lines between two stretches of prose: jusText's smoothing calls
// them good, and they must not cut the content region in two.
constexpr char kShortLinesInBody[] =
    "Menu\nNews\nSport\nContact\n"
    "If you are thinking about selling your house this year, there are a few "
    "things that you should do before the first buyer comes to look at it.\n"
    "Fix the front door\n"
    "Paint the hall\n"
    "Clear the garden\n"
    "Clean the windows\n"
    "Mend the fence\n"
    "Tidy the garage\n"
    "Empty the loft\n"
    "Sweep the path\n"
    "Oil the gate\n"
    "Fix the tap\n"
    "Most of these jobs take a weekend, and all of them make a house look "
    "cared for, which is what buyers notice before anything else.\n"
    "If a job needs a builder, get two quotes and ask when the work can be "
    "done, because a half finished repair puts buyers off more than an old one.\n";

TEST(BoilerplateStage_Regions, ShortLinesBetweenProseStay) {
  const std::string out = CleanWith(kShortLinesInBody);
  EXPECT_NE(out.find("If you are thinking"), std::string::npos) << out;
  EXPECT_NE(out.find("Fix the front door"), std::string::npos) << out;
  EXPECT_NE(out.find("Empty the loft"), std::string::npos) << out;
  EXPECT_EQ(out.find("Contact"), std::string::npos) << out;
}

TEST(BoilerplateStage_Regions, FullShortPenaltyCutsTheRegion) {
  // Ten lines at the full short penalty outweigh the first paragraph: it is
  // cut off into a run too small to be a region.
  BoilerplateOptions options;
  options.short_in_good_penalty = options.short_penalty;
  EXPECT_EQ(CleanWith(kShortLinesInBody, options).find("If you are thinking"),
            std::string::npos);
}

// Reference lists: sentences with few stop words inside the article body.
constexpr char kReferences[] =
    "Home\nAbout\n"
    "Studies of school size have found that students in smaller schools take "
    "part in more activities and say that they feel known by their teachers.\n"
    "The same studies suggest that the effect is larger for students from poor "
    "families, although the evidence for this is still limited and mixed.\n"
    "Schools that are too small, on the other hand, cannot offer the range of "
    "courses that older students need, and their costs per student are higher.\n"
    "References\n"
    "Barker, Roger G., & Gump, Paul V. (1964). Big School, Small School: High School Size "
    "and Student Behavior. Stanford, California: Stanford University Press, Palo Alto.\n"
    "Howley, Craig B., & Bickel, Robert N. (2002, March). Grade-Span Configurations, "
    "School Size and Student Achievement. School Administrator, American Association, Arlington.\n"
    "Researchers agree that size alone does not decide how well a school works, "
    "and that the way a school is run matters at least as much as its size.\n"
    "For that reason most of the authors above ask districts to look at their "
    "own schools first, and to change their size only when there is a clear need.\n";

TEST(BoilerplateStage_Regions, SentencesInsideTheBodyStay) {
  const std::string out = CleanWith(kReferences);
  EXPECT_NE(out.find("Barker, Roger G."), std::string::npos) << out;
  EXPECT_NE(out.find("Howley, Craig B."), std::string::npos) << out;
  EXPECT_EQ(out.find("About"), std::string::npos) << out;
}

TEST(BoilerplateStage_Regions, BadSentencesGoWhenRegionSentencesAreOff) {
  BoilerplateOptions options;
  options.keep_region_sentences = false;
  EXPECT_EQ(CleanWith(kReferences, options).find("Barker, Roger G."), std::string::npos);
}

// Timestamps and corpus-frequent labels are furniture of one record (a post,
// a comment), not the end of the content: smoothing looks across them.
constexpr char kThread[] =
    "Forum\nMembers\n"
    "I have been running the same two projects on my old machines for years, "
    "and I wonder whether anyone else here keeps to one project at a time, or "
    "whether most of you move from one project to the next as the mood takes you.\n"
    "Posted June 6, 2005 08:43\n"
    "Agreed\n"
    "Posted June 6, 2005 08:59\n"
    "I tried running four of them at once last winter, but the machines were "
    "too slow for that and I went back to the one I care about most, which is "
    "the climate model, because its results are the ones that I can read myself.\n";

TEST(BoilerplateStage_Smoothing, LooksAcrossTimestamps) {
  const std::string out = CleanWith(kThread);
  EXPECT_NE(out.find("Agreed"), std::string::npos) << out;
  EXPECT_EQ(out.find("Posted June"), std::string::npos) << out;  // dateline
}

TEST(BoilerplateStage_Smoothing, HardLinesStopSmoothingWhenAsked) {
  BoilerplateOptions options;
  options.smooth_across_labels = false;
  EXPECT_EQ(CleanWith(kThread, options).find("Agreed"), std::string::npos);
}

// --- The words it leaves for the corpus stage ---

// What BoilerplateStage leaves in DocumentContext::words() must be exactly
// what WordHasher::HashWords gives over the whole text, or the corpus stage
// would decide on different words.
void ExpectWordsOfWholeText(const std::string& text) {
  DocumentContext ctx;
  ctx.Reset(text);
  BoilerplateOptions options;
  options.share_words = true;
  BoilerplateStage stage(options);
  stage.Process(&ctx);
  ASSERT_TRUE(ctx.words().complete);
  WordHasher hasher(ctx.words().options);
  std::vector<uint64_t> hashes;
  std::vector<Span> spans;
  hasher.HashWords(text, {0, static_cast<uint32_t>(text.size())}, &hashes, &spans);
  ASSERT_EQ(ctx.words().hashes, hashes) << text;
  ASSERT_EQ(ctx.words().spans.size(), spans.size()) << text;
  for (size_t i = 0; i < spans.size(); ++i) {
    ASSERT_EQ(ctx.words().spans[i].begin, spans[i].begin) << i << ": " << text;
    ASSERT_EQ(ctx.words().spans[i].end, spans[i].end) << i << ": " << text;
  }
}

TEST(BoilerplateStage_Words, SameAsSplittingTheWholeText) {
  ExpectWordsOfWholeText("");
  ExpectWordsOfWholeText("\n\n  \n");
  ExpectWordsOfWholeText(
      "Advertisement\r\n  Author Name  \r\n\r\nThe minister SAID on Tuesday that "
      "3.5 million people\tvoted.\n\xC2\xA0\xC2\xA0Indented by no-break spaces\xC2\xA0\n"
      "\xEF\xAC\x81nal \xEF\xB7\xBA caf\xC3\xA9 CAFE\xCC\x81 \xE5\x8C\x97\xE4\xBA\xAC\xE3\x80\x82"
      "\xE4\xB8\x8A\xE6\xB5\xB7\n"
      "broken \xE2\x80\nutf8 \xFF\xFE lead\xC3\n\xC3\xA9nd"
      " aVeryLongWordThatGoesOnAndOnPastSixtyFourBytesOfAsciiLettersAndDigits0123456789\n"
      "Home | News | Sport\n\xE2\x80\xA8 ---- \n\xCC\x81\xCC\x81 lone marks");
}

TEST(BoilerplateStage_Words, SameAsSplittingTheWholeTextOnRandomText) {
  // Pieces that stress the splitting: line breaks of every kind, Unicode
  // spaces, ligatures, combining marks, CJK, digits, broken UTF-8.
  const std::vector<std::string> pieces = {
      "word", "Word", "WORD", " ", "  ", "\t", "\n", "\r\n", "\r", "\n\n", ".", ", ",
      "3.5", "2024", "\xC2\xA0", "\xE2\x80\x83", "\xE2\x80\xA8", "\xEF\xAC\x81", "\xEF\xB7\xBA",
      "\xC3\xA9", "E\xCC\x81", "\xCC\x81", "\xE5\x8C\x97", "\xE3\x80\x82", "\xF0\x9F\x98\x80",
      "\xE2\x80", "\xC3", "\xFF", "\x80", "\xE2\x91\xA0", "\xEF\xBC\xA1", "Advertisement\n",
      "\xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7", "\xCE\xA3\xCE\xAF\xCF\x83\xCF\x85\xCF\x86\xCE\xBF\xCF\x82",
  };
  std::mt19937 rng(20261203);
  std::uniform_int_distribution<size_t> pick(0, pieces.size() - 1);
  std::uniform_int_distribution<int> length(0, 80);
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    for (int n = length(rng); n > 0; --n) text += pieces[pick(rng)];
    ExpectWordsOfWholeText(text);
    if (HasFailure()) return;
  }
}

}  // namespace
}  // namespace winnow
