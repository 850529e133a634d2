#include "winnow/text/segmenter.h"

#include <cstdint>
#include <iterator>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "gtest/gtest.h"
#include "winnow/text/utf8.h"

namespace winnow {
namespace {

using Strings = std::vector<std::string>;

Span Whole(std::string_view text) {
  return {0, static_cast<uint32_t>(text.size())};
}

Strings Texts(std::string_view text, const std::vector<Span>& spans) {
  Strings out;
  for (const Span& s : spans) out.emplace_back(s.In(text));
  return out;
}

Strings LineTexts(std::string_view text) {
  Segmentation seg;
  Segment(text, &seg);
  Strings out;
  for (const Line& l : seg.lines) out.emplace_back(l.span.In(text));
  return out;
}

Strings BlockTexts(std::string_view text) {
  Segmentation seg;
  Segment(text, &seg);
  Strings out;
  for (const Block& b : seg.blocks) out.emplace_back(b.span.In(text));
  return out;
}

Strings SentenceTexts(std::string_view text) {
  std::vector<Span> spans;
  SplitSentences(text, Whole(text), &spans);
  return Texts(text, spans);
}

Strings WordTexts(std::string_view text) {
  std::vector<Span> spans;
  SplitWords(text, Whole(text), &spans);
  return Texts(text, spans);
}

// ---------------------------------------------------------------------------
// Lines
// ---------------------------------------------------------------------------

TEST(Segment_Lines, SplitsOnLineFeedAndDropsTerminators) {
  struct Case {
    std::string_view text;
    Strings lines;
  };
  const Case cases[] = {
      {"", {}},
      {"a", {"a"}},
      {"a\n", {"a"}},
      {"a\nb\n", {"a", "b"}},
      {"a\nb", {"a", "b"}},        // no final newline
      {"a\r\nb\r\n", {"a", "b"}},  // CRLF
      {"a\r\nb", {"a", "b"}},
      {"a\n\nb", {"a", "", "b"}},
      {"\n", {""}},
      {"\n\n", {"", ""}},
      {"\r\n", {""}},
      {"a\rb\n", {"a\rb"}},      // a lone CR is not a line break
      {"x\r\r\n", {"x\r"}},      // only the CR before LF goes
      {"  \n\t", {"  ", "\t"}},  // whitespace-only input
      {"café\n你", {"café", "你"}},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(LineTexts(c.text), c.lines)
        << ::testing::PrintToString(std::string(c.text));
  }
}

TEST(Segment_Lines, NextPointsPastTheTerminator) {
  const std::string_view text = "ab\r\ncd\nef";
  Segmentation seg;
  Segment(text, &seg);
  ASSERT_EQ(seg.lines.size(), 3u);
  EXPECT_EQ(seg.lines[0].span, (Span{0, 2}));
  EXPECT_EQ(seg.lines[0].next, 4u);
  EXPECT_EQ(seg.lines[1].span, (Span{4, 6}));
  EXPECT_EQ(seg.lines[1].next, 7u);
  EXPECT_EQ(seg.lines[2].span, (Span{7, 9}));
  EXPECT_EQ(seg.lines[2].next, 9u);  // no terminator: next == text size
}

TEST(Segment_Lines, EmptyInputHasNoLinesAndNoBlocks) {
  Segmentation seg;
  Segment("", &seg);
  EXPECT_TRUE(seg.lines.empty());
  EXPECT_TRUE(seg.blocks.empty());
}

TEST(Segment_Lines, WhitespaceOnlyInputHasBlankLinesAndNoBlocks) {
  Segmentation seg;
  Segment(" \t\n\xC2\xA0\r\n\n", &seg);
  ASSERT_EQ(seg.lines.size(), 3u);
  for (const Line& l : seg.lines) EXPECT_TRUE(l.blank);
  EXPECT_TRUE(seg.blocks.empty());
}

TEST(Segment_Lines, BlankMeansUnicodeWhiteSpaceOnly) {
  struct Case {
    std::string_view line;
    bool blank;
  };
  const Case cases[] = {
      {"", true},
      {" ", true},
      {"\t\t", true},
      {" \t \f\v", true},
      {"\r", true},        // CRLF blank line's CR
      {"\xC2\xA0", true},  // NBSP
      {" \xC2\xA0\t", true},
      {"\xE3\x80\x80", true},              // ideographic space
      {"\xE2\x80\x83\xE2\x80\xAF", true},  // em space, narrow NBSP
      {"a", false},
      {"  .  ", false},
      {"\xC2\xA0x", false},
      {"\xE2\x80\x8B", false},  // zero-width space is not White_Space
      {"\xEF\xBB\xBF", false},  // BOM
      {"\xFF", false},          // invalid byte
      {"\xC2", false},          // truncated NBSP
  };
  for (const Case& c : cases) {
    const std::string text = "x\n" + std::string(c.line) + "\ny";
    Segmentation seg;
    Segment(text, &seg);
    ASSERT_EQ(seg.lines.size(), 3u)
        << ::testing::PrintToString(std::string(c.line));
    EXPECT_EQ(seg.lines[1].blank, c.blank)
        << ::testing::PrintToString(std::string(c.line));
    EXPECT_FALSE(seg.lines[0].blank);
    EXPECT_FALSE(seg.lines[2].blank);
  }
}

// ---------------------------------------------------------------------------
// Blocks
// ---------------------------------------------------------------------------

TEST(Segment_Blocks, BlankLinesSeparateBlocks) {
  struct Case {
    std::string_view text;
    Strings blocks;
  };
  const Case cases[] = {
      {"a\nb\n\nc\n", {"a\nb", "c"}},
      {"a\nb\n\n\n\nc\nd", {"a\nb", "c\nd"}},
      {"a\n \t\nb", {"a", "b"}},       // spaces and tabs
      {"a\n\xC2\xA0\nb", {"a", "b"}},  // NBSP
      {"a\r\nb\r\n\r\nc\r\n",
       {"a\r\nb", "c"}},                 // CRLF; span ends before the CR
      {"\n\na\n\nb\n\n\n", {"a", "b"}},  // leading and trailing blanks
      // Blank lines only at the start or end do not make paragraphs.
      {"\n\n  \na\nb\n\n\n", {"a", "b"}},
      {"a\nb\n\n", {"a", "b"}},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(BlockTexts(c.text), c.blocks)
        << ::testing::PrintToString(std::string(c.text));
  }
}

TEST(Segment_Blocks, TextWithoutBlankLinesHasOneBlockPerLine) {
  EXPECT_EQ(BlockTexts("first\nsecond\r\nthird"),
            (Strings{"first", "second", "third"}));
  EXPECT_EQ(BlockTexts("only line\n"), (Strings{"only line"}));
}

TEST(Segment_Blocks, RecordsLineIndices) {
  const std::string_view text = "\na\nb\n\nc";
  Segmentation seg;
  Segment(text, &seg);
  ASSERT_EQ(seg.lines.size(), 5u);
  ASSERT_EQ(seg.blocks.size(), 2u);
  EXPECT_EQ(seg.blocks[0].first_line, 1u);
  EXPECT_EQ(seg.blocks[0].end_line, 3u);
  EXPECT_EQ(seg.blocks[0].span, (Span{1, 4}));
  EXPECT_EQ(seg.blocks[1].first_line, 4u);
  EXPECT_EQ(seg.blocks[1].end_line, 5u);
  EXPECT_EQ(seg.blocks[1].span, (Span{6, 7}));
}

TEST(Segment_Blocks, ReusedSegmentationIsCleared) {
  Segmentation seg;
  Segment("a\n\nb\n\nc", &seg);
  ASSERT_EQ(seg.blocks.size(), 3u);
  Segment("x", &seg);
  ASSERT_EQ(seg.lines.size(), 1u);
  ASSERT_EQ(seg.blocks.size(), 1u);
  EXPECT_EQ(seg.blocks[0].span, (Span{0, 1}));
}

// ---------------------------------------------------------------------------
// Sentences
// ---------------------------------------------------------------------------

struct SentenceCase {
  std::string_view text;
  Strings sentences;
};

void ExpectSentences(const std::vector<SentenceCase>& cases) {
  for (const SentenceCase& c : cases) {
    EXPECT_EQ(SentenceTexts(c.text), c.sentences)
        << ::testing::PrintToString(std::string(c.text));
  }
}

TEST(SplitSentences, SplitsAtTerminalPunctuation) {
  ExpectSentences({
      {"One. Two! Three? Four", {"One.", "Two!", "Three?", "Four"}},
      {"The total was 42. Then we left.",
       {"The total was 42.", "Then we left."}},
      {"Hello.", {"Hello."}},
      {"No terminal at all", {"No terminal at all"}},
  });
}

TEST(SplitSentences, AbbreviationsDoNotSplit) {
  ExpectSentences({
      {"Dr. Smith arrived. He sat down.",
       {"Dr. Smith arrived.", "He sat down."}},
      {"We met Mr. Jones. He smiled.", {"We met Mr. Jones.", "He smiled."}},
      {"Ask Prof. Lee and Mrs. Park. Now.",
       {"Ask Prof. Lee and Mrs. Park.", "Now."}},
      {"See Fig. 3 for details. Done.", {"See Fig. 3 for details.", "Done."}},
      {"Born in Jan. 1990 in Paris. Yes.",
       {"Born in Jan. 1990 in Paris.", "Yes."}},
      {"Lakers vs. Celtics tonight.", {"Lakers vs. Celtics tonight."}},
      {"(Dr. Who) returns.", {"(Dr. Who) returns."}},
  });
}

TEST(SplitSentences, DottedAbbreviationsDoNotSplit) {
  ExpectSentences({
      {"U.S. officials said so. Others disagreed.",
       {"U.S. officials said so.", "Others disagreed."}},
      {"The U.S. Army came. It left.", {"The U.S. Army came.", "It left."}},
      {"Use tools, i.e. Hammers. Then rest.",
       {"Use tools, i.e. Hammers.", "Then rest."}},
  });
}

TEST(SplitSentences, InitialsDoNotSplit) {
  ExpectSentences({
      {"J. R. R. Tolkien wrote it. It sold well.",
       {"J. R. R. Tolkien wrote it.", "It sold well."}},
      {"By George R. Martin. Next.", {"By George R. Martin.", "Next."}},
  });
}

TEST(SplitSentences, DecimalsAndDomainsDoNotSplit) {
  ExpectSentences({
      {"Pi is 3.14 today. Yes.", {"Pi is 3.14 today.", "Yes."}},
      {"Visit example.com today. Ok.", {"Visit example.com today.", "Ok."}},
      {"Version 2.0.1 is out.", {"Version 2.0.1 is out."}},
  });
}

TEST(SplitSentences, ListNumbersDoNotSplit) {
  ExpectSentences({
      {"1. First item", {"1. First item"}},
      {"12. Twelfth item. More.", {"12. Twelfth item.", "More."}},
      {"1. First\n2. Second", {"1. First", "2. Second"}},
  });
}

TEST(SplitSentences, IndentedListNumbersDoNotSplit) {
  // The number opens the sentence once surrounding whitespace is trimmed.
  ExpectSentences({
      {"  1. First item", {"1. First item"}},
      {"Steps:\n  2. Mix it well.", {"Steps:", "2. Mix it well."}},
      {"Intro. 3. Third item", {"Intro.", "3. Third item"}},
  });
}

TEST(SplitSentences, ClosingQuotesAndBracketsStayWithTheSentence) {
  ExpectSentences({
      {"He said “stop.” Then he left.", {"He said “stop.”", "Then he left."}},
      {"She asked \"why?\" Nobody answered.",
       {"She asked \"why?\"", "Nobody answered."}},
      {"(It rained.) Then it stopped.", {"(It rained.)", "Then it stopped."}},
      {"«Fin.» Encore.", {"«Fin.»", "Encore."}},
      {"It's 'done.' Next.", {"It's 'done.'", "Next."}},
  });
}

TEST(SplitSentences, EllipsesAndTerminalRuns) {
  ExpectSentences({
      {"Wait... What happened?", {"Wait...", "What happened?"}},
      {"Wait… What?", {"Wait…", "What?"}},
      {"Really?! Yes!! No?", {"Really?!", "Yes!!", "No?"}},
      {"Why?!?! Because.", {"Why?!?!", "Because."}},
      {"So... we waited.", {"So... we waited."}},  // lowercase continues
  });
}

TEST(SplitSentences, LowercaseAfterTerminalDoesNotSplit) {
  ExpectSentences({
      {"It was late. the end came.", {"It was late. the end came."}},
      {"Really? yes, really.", {"Really? yes, really."}},
      {"Done. été came.", {"Done. été came."}},
  });
}

TEST(SplitSentences, UnicodeTerminals) {
  ExpectSentences({
      // CJK full stops and full-width marks split without a space.
      {"你好。世界。", {"你好。", "世界。"}},
      {"是？好！嗯", {"是？", "好！", "嗯"}},
      {"好。」Next", {"好。」", "Next"}},  // the closing bracket stays
      {"日本。 English follows.", {"日本。", "English follows."}},
      // Devanagari danda and Arabic question mark need a following space.
      {"नमस्ते। आप", {"नमस्ते।", "आप"}},
      {"لماذا؟ لا", {"لماذا؟", "لا"}},
      {"Done‼ Next", {"Done‼", "Next"}},
  });
}

// What lets a stage split a block once and hand each line its part: the
// sentences of a block are those of its lines, in order. Random texts of
// pieces that exercise every rule near a line break (terminal runs,
// closers, abbreviations, initials, list numbers, lowercase starts, CJK
// stops, carriage returns, trailing spaces).
TEST(SplitSentences, BlockSentencesAreItsLinesSentences) {
  const char* const kPieces[] = {
      "The", "ship", "left", "Mr.", "Dr.", "etc.", "J.", "3.14", "1.", "2)", ".", "!", "?",
      "?!", "...", "\"", "\u201d", ")", "'", "\u3002", "\u6e2f", "caf\u00e9", "\u00bfQu\u00e9",
      " ", " ", " ", "  ", "\n", "\n", "\r\n", "\n\n", "\t", "a", "b", "Z", "example.com"};
  std::mt19937 rng(23);
  Segmentation seg;
  for (int round = 0; round < 4000; ++round) {
    std::string text;
    const int pieces = static_cast<int>(rng() % 40);
    for (int i = 0; i < pieces; ++i) text += kPieces[rng() % std::size(kPieces)];
    Segment(text, &seg);
    for (const Block& block : seg.blocks) {
      std::vector<Span> whole;
      SplitSentences(text, block.span, &whole);
      std::vector<Span> by_line;
      for (uint32_t l = block.first_line; l < block.end_line; ++l) {
        SplitSentences(text, seg.lines[l].span, &by_line);
      }
      ASSERT_EQ(whole, by_line) << "'" << text << "'";
    }
  }
}

// Where the CPU has AVX-512, SplitSentences scans 64 bytes at a time; the
// portable scan takes eight. Both must stop at the same bytes: random texts
// long enough to cross 64-byte blocks, over random ranges (so blocks end
// mid-text and the last one is partial).
TEST(SplitSentences, VectorScanMatchesPortableScan) {
  const char* const kPieces[] = {
      "The", "ship", "left", "Mr.", "etc.", "J.", "3.14", "1.", ".", "!", "?", "?!", "...",
      "\"", "\u201d", ")", "\u3002", "\u6e2f", "caf\u00e9", "\u00bfQu\u00e9", " ", " ",
      "  ", "\n", "\r\n", "\t", "a", "Z", "example.com",
      "plain words without any stop in them at all for a long while ",
      "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"};
  std::mt19937 rng(29);
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const int pieces = static_cast<int>(rng() % 120);
    for (int i = 0; i < pieces; ++i) text += kPieces[rng() % std::size(kPieces)];
    const auto size = static_cast<uint32_t>(text.size());
    const uint32_t a = size == 0 ? 0 : static_cast<uint32_t>(rng() % (size + 1));
    const uint32_t b = size == 0 ? 0 : static_cast<uint32_t>(rng() % (size + 1));
    const Span range{std::min(a, b), std::max(a, b)};
    for (const Span r : {Whole(text), range}) {
      std::vector<Span> vector_scan;
      SplitSentences(text, r, &vector_scan);
      std::vector<Span> portable;
      segmenter_internal::SplitSentencesPortable(text, r, &portable);
      ASSERT_EQ(vector_scan, portable) << "'" << text << "' [" << r.begin << ", " << r.end << ")";
    }
  }
}

TEST(SplitSentences, LineEndAlwaysEndsASentence) {
  ExpectSentences({
      {"first line\nsecond line", {"first line", "second line"}},
      {"Dr.\nSmith", {"Dr.", "Smith"}},
      {"It was\ncontinued here.", {"It was", "continued here."}},
      {"a\r\nb\r\n", {"a", "b"}},
      {"one\n\n\ntwo", {"one", "two"}},
  });
}

TEST(SplitSentences, TrimsWhitespaceAndSkipsEmptySentences) {
  ExpectSentences({
      {"", {}},
      {"   ", {}},
      {" \t\n \xC2\xA0\n", {}},
      {"  Hello.   World.  ", {"Hello.", "World."}},
      {"\xC2\xA0Hi.\xE3\x80\x80Yo.\xC2\xA0",
       {"Hi.", "Yo."}},  // NBSP, ideographic space
      {"...", {"..."}},
  });
}

TEST(SplitSentences, StaysInsideTheRangeAndAppends) {
  const std::string_view text = "Skip this. Take one. Take two. Skip too.";
  const uint32_t begin = static_cast<uint32_t>(text.find("Take one"));
  const uint32_t end = static_cast<uint32_t>(text.find(" Skip too"));
  std::vector<Span> spans = {{0, 1}};
  SplitSentences(text, {begin, end}, &spans);
  ASSERT_EQ(spans.size(), 3u);
  EXPECT_EQ(spans[0], (Span{0, 1}));  // existing contents are kept
  EXPECT_EQ(spans[1].In(text), "Take one.");
  EXPECT_EQ(spans[2].In(text), "Take two.");
}

TEST(IsAbbreviation, KnownWordsAnyCase) {
  struct Case {
    std::string_view word;
    bool expected;
  };
  const Case cases[] = {
      {"Dr", true},
      {"dr", true},
      {"DR", true},
      {"Mr", true},
      {"mrs", true},
      {"Prof", true},
      {"Jan", true},
      {"Sept", true},
      {"vs", true},
      {"Inc", true},
      {"bzw", true},
      {"", false},
      {"Dr.", false},
      {"Doctor", false},
      {"the", false},
      {"January", false},
      {"verylongword", false},
      {"messrs", true},
      {"MESSRSX", false},
      {"z", true},
      {"Z", true},
      {std::string_view("mr\0", 3), false},
      {std::string_view("\0", 1), false},
      {"m", false},
      {"mrss", false},
      {"approxi", false},
      {"\xC3\xA9", false},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(IsAbbreviation(c.word), c.expected) << c.word;
  }
}

// ---------------------------------------------------------------------------
// Words
// ---------------------------------------------------------------------------

TEST(SplitWords, MaximalRunsOfWordCharacters) {
  struct Case {
    std::string_view text;
    Strings words;
  };
  const Case cases[] = {
      {"", {}},
      {"  \t\n ", {}},
      {"...!?", {}},
      {"Hello, world!", {"Hello", "world"}},
      {"one  two\tthree\nfour", {"one", "two", "three", "four"}},
      {"Straße naïve", {"Straße", "naïve"}},
      {"Привет, мир", {"Привет", "мир"}},
      {"你好，世界", {"你好", "世界"}},
      {"abc123 4.5 2023", {"abc123", "4", "5", "2023"}},
      {"٢٠٢٣", {"٢٠٢٣"}},
      {"cafe\xCC\x81 x",
       {"cafe\xCC\x81", "x"}},  // combining mark stays in the word
      {"e-mail snake_case", {"e", "mail", "snake", "case"}},
      {"\xC2\xA0word\xC2\xA0", {"word"}},  // NBSP separates
      {"a😀b", {"a", "b"}},                 // emoji separates
  };
  for (const Case& c : cases) {
    EXPECT_EQ(WordTexts(c.text), c.words)
        << ::testing::PrintToString(std::string(c.text));
  }
}

TEST(SplitWords, ApostrophesSplitWords) {
  EXPECT_EQ(WordTexts("don't"), (Strings{"don", "t"}));
  EXPECT_EQ(WordTexts("Korea’s"), (Strings{"Korea", "s"}));
  EXPECT_EQ(WordTexts("KOREA's"), (Strings{"KOREA", "s"}));
}

TEST(SplitWords, InvalidBytesSeparateWords) {
  EXPECT_EQ(WordTexts("ab\xFF"
                      "cd"),
            (Strings{"ab", "cd"}));
  EXPECT_EQ(WordTexts("ab\xC3"
                      "cd"),
            (Strings{"ab", "cd"}));                       // truncated é
  EXPECT_EQ(WordTexts("\xED\xA0\x80x"), (Strings{"x"}));  // surrogate
}

TEST(SplitWords, StaysInsideTheRangeAndAppends) {
  const std::string_view text = "Hello brave world";
  std::vector<Span> spans = {{9, 9}};
  SplitWords(text, {2, 13}, &spans);  // "llo brave w"
  EXPECT_EQ(Texts(text, spans), (Strings{"", "llo", "brave", "w"}));
}

// ---------------------------------------------------------------------------
// Properties on generated input (seeded; the seed is printed on failure)
// ---------------------------------------------------------------------------

// Pieces mixing ASCII, multibyte characters, spaces, terminals, quotes,
// invalid bytes and line breaks.
// clang-format off
constexpr std::string_view kPieces[] = {
    "a", "b", "Z", "q", "0", "7", " ", " ", " ", "  ", "\t",
    ".", ".", "!", "?", ",", "'", "\"", "(", ")",
    "1.", "Dr.", "U.S.", "J.", "3.14", "...",
    "\n", "\n", "\r\n", "\n\n", "\r",
    "\xC3\xA9",          // é
    "\xC3\x9F",          // ß
    "\xD0\x96",          // Ж
    "\xE4\xB8\xAD",      // 中
    "\xE3\x80\x82",      // 。
    "\xEF\xBC\x9F",      // ？
    "\xE2\x80\xA6",      // …
    "\xE2\x80\x9C",      // “
    "\xE2\x80\x9D",      // ”
    "\xE2\x80\x99",      // ’
    "\xC2\xA0",          // NBSP
    "\xE3\x80\x80",      // ideographic space
    "\xE2\x80\xA8",      // line separator
    "\xF0\x9F\x98\x80",  // 😀
    "\xCC\x81",          // combining acute
    "\xE0\xA5\xA4",      // ।
    // Invalid: stray bytes, truncated sequences, a surrogate, an overlong form.
    "\xFF", "\x80", "\xBF", "\xC3", "\xE2\x80", "\xF0\x9F\x98", "\xED\xA0\x80",
    "\xC0\xAF",
};
// clang-format on

std::string RandomText(std::mt19937_64& rng) {
  const size_t pieces = rng() % 60;
  std::string text;
  for (size_t i = 0; i < pieces; ++i) {
    text += kPieces[rng() % std::size(kPieces)];
  }
  return text;
}

// Offsets where forward decoding from 0 starts a code point, plus the end.
std::vector<bool> Boundaries(std::string_view text) {
  std::vector<bool> at(text.size() + 1, false);
  for (size_t pos = 0; pos < text.size();) {
    at[pos] = true;
    char32_t cp;
    pos += DecodeUtf8(text, pos, &cp);
  }
  at[text.size()] = true;
  return at;
}

// Naive references.
struct RefLine {
  size_t begin, end, next;
  bool blank;
};

std::vector<RefLine> ReferenceLines(std::string_view text) {
  std::vector<RefLine> lines;
  size_t begin = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    const bool at_end = i == text.size();
    if (!at_end && text[i] != '\n') continue;
    if (at_end && begin == text.size()) break;  // nothing after the last '\n'
    size_t end = i;
    if (end > begin && text[end - 1] == '\r') --end;
    bool blank = true;
    for (size_t p = begin; p < end;) {
      char32_t cp;
      p += DecodeUtf8(text, p, &cp);
      if (!IsSpaceChar(cp)) blank = false;
    }
    lines.push_back({begin, end, at_end ? i : i + 1, blank});
    begin = i + 1;
  }
  return lines;
}

std::vector<Span> ReferenceWords(std::string_view text, Span range) {
  std::vector<Span> words;
  bool in = false;
  size_t start = 0;
  for (size_t p = range.begin; p < range.end;) {
    char32_t cp;
    const size_t n = DecodeUtf8(text, p, &cp);
    const bool w = IsWordChar(cp);
    if (w && !in) start = p;
    if (!w && in)
      words.push_back({static_cast<uint32_t>(start), static_cast<uint32_t>(p)});
    in = w;
    p += n;
  }
  if (in) words.push_back({static_cast<uint32_t>(start), range.end});
  return words;
}

void CheckSentences(std::string_view text, Span range,
                    const std::vector<bool>& boundary) {
  std::vector<Span> sentences;
  SplitSentences(text, range, &sentences);
  std::vector<bool> covered(text.size(), false);
  uint32_t prev_end = range.begin;
  for (const Span& s : sentences) {
    ASSERT_LT(s.begin, s.end);
    ASSERT_LE(prev_end, s.begin);
    ASSERT_LE(s.end, range.end);
    ASSERT_TRUE(boundary[s.begin])
        << "sentence begins inside a code point at " << s.begin;
    ASSERT_TRUE(boundary[s.end])
        << "sentence ends inside a code point at " << s.end;
    char32_t cp;
    DecodeUtf8(text, s.begin, &cp);
    EXPECT_FALSE(IsSpaceChar(cp)) << "untrimmed start at " << s.begin;
    PreviousCodePointStart(text, s.end, &cp);
    EXPECT_FALSE(IsSpaceChar(cp)) << "untrimmed end at " << s.end;
    EXPECT_EQ(s.In(text).find('\n'), std::string_view::npos)
        << "sentence spans a line end";
    for (uint32_t p = s.begin; p < s.end; ++p) covered[p] = true;
    prev_end = s.end;
  }
  // Every visible character of the range is in some sentence.
  for (size_t p = range.begin; p < range.end;) {
    char32_t cp;
    const size_t n = DecodeUtf8(text, p, &cp);
    if (!IsSpaceChar(cp)) {
      EXPECT_TRUE(covered[p]) << "character at " << p << " is in no sentence";
    }
    p += n;
  }
}

TEST(Segmenter_Property, SpansStayInBoundsAndOnCodePointBoundaries) {
  constexpr uint64_t kBaseSeed = 20240601;
  constexpr int kIterations = 3000;
  Segmentation seg;
  for (int i = 0; i < kIterations; ++i) {
    const uint64_t seed = kBaseSeed + static_cast<uint64_t>(i);
    std::mt19937_64 rng(seed);
    const std::string text = RandomText(rng);
    SCOPED_TRACE("seed=" + std::to_string(seed) +
                 " text=" + ::testing::PrintToString(text));
    const std::vector<bool> boundary = Boundaries(text);

    // Lines agree with a naive splitter.
    Segment(text, &seg);
    const std::vector<RefLine> ref = ReferenceLines(text);
    ASSERT_EQ(seg.lines.size(), ref.size());
    for (size_t l = 0; l < ref.size(); ++l) {
      const Line& line = seg.lines[l];
      EXPECT_EQ(line.span.begin, ref[l].begin) << "line " << l;
      EXPECT_EQ(line.span.end, ref[l].end) << "line " << l;
      EXPECT_EQ(line.next, ref[l].next) << "line " << l;
      EXPECT_EQ(line.blank, ref[l].blank) << "line " << l;
      ASSERT_LE(line.next, text.size());
    }
    // Paragraph mode: some blank line has non-blank lines before and after it.
    bool any_blank = false;
    for (size_t l = 0; l < ref.size(); ++l) {
      if (!ref[l].blank) continue;
      bool before = false, after = false;
      for (size_t k = 0; k < l; ++k) before |= !ref[k].blank;
      for (size_t k = l + 1; k < ref.size(); ++k) after |= !ref[k].blank;
      any_blank |= before && after;
    }

    // Blocks agree with a naive grouping of the reference lines.
    std::vector<Span> ref_blocks;
    for (size_t l = 0; l < ref.size();) {
      if (ref[l].blank) {
        ++l;
        continue;
      }
      size_t m = l + 1;
      while (any_blank && m < ref.size() && !ref[m].blank) ++m;
      ref_blocks.push_back({static_cast<uint32_t>(ref[l].begin),
                            static_cast<uint32_t>(ref[m - 1].end)});
      l = m;
    }
    std::vector<Span> blocks;
    for (const Block& b : seg.blocks) {
      blocks.push_back(b.span);
      ASSERT_LT(b.first_line, b.end_line);
      ASSERT_LE(b.end_line, seg.lines.size());
      EXPECT_EQ(b.span.begin, seg.lines[b.first_line].span.begin);
      EXPECT_EQ(b.span.end, seg.lines[b.end_line - 1].span.end);
    }
    EXPECT_EQ(blocks, ref_blocks);

    // Sentences of every block and every line; words of every line.
    for (const Block& b : seg.blocks) {
      ASSERT_NO_FATAL_FAILURE(CheckSentences(text, b.span, boundary));
    }
    for (const Line& line : seg.lines) {
      ASSERT_NO_FATAL_FAILURE(CheckSentences(text, line.span, boundary));
      std::vector<Span> words;
      SplitWords(text, line.span, &words);
      EXPECT_EQ(words, ReferenceWords(text, line.span));
      for (const Span& w : words) {
        ASSERT_TRUE(boundary[w.begin] && boundary[w.end])
            << w.begin << ".." << w.end;
      }
    }
    // The whole text as one range, newlines included.
    ASSERT_NO_FATAL_FAILURE(CheckSentences(text, Whole(text), boundary));
    if (HasFailure()) break;  // one reported seed is enough
  }
}

}  // namespace
}  // namespace winnow
