#include "winnow/stage/decision.h"

#include <string>

#include "gtest/gtest.h"

namespace winnow {
namespace {

// Removes the lines whose 0-based numbers are listed, then applies.
std::string RemoveLines(std::string_view text, std::initializer_list<uint32_t> lines) {
  DocumentContext ctx;
  ctx.Reset(text);
  for (uint32_t line : lines) ctx.RemoveLine(line, Removal{});
  std::string out;
  ctx.Apply(&out);
  return out;
}

// --- Nothing removed: the text comes back as it was ---

TEST(DocumentContext_Apply, NothingRemovedIsIdentity) {
  for (std::string_view text :
       {"", "a", "a\n", "\n\na\n\n", "a\r\nb\r\n\r\nc", "  \n a \n\t\n", "x\n\n\n\ny"}) {
    EXPECT_EQ(RemoveLines(text, {}), text) << "text: " << text;
  }
}

// --- Separators between kept paragraphs ---

TEST(DocumentContext_Apply, RemovedParagraphTakesOneSeparator) {
  EXPECT_EQ(RemoveLines("A\n\nB\n\nC\n", {2}), "A\n\nC\n");
}

TEST(DocumentContext_Apply, TrailingRemovalsDropTrailingSeparators) {
  // The seed article's shape: the last kept line keeps its own "\n".
  EXPECT_EQ(RemoveLines("A\n\nB.\n\nAdvertisement\n\nAuthor", {4, 6}), "A\n\nB.\n");
}

TEST(DocumentContext_Apply, LeadingRemovalsDropLeadingSeparators) {
  EXPECT_EQ(RemoveLines("\nMenu\n\nTitle\n\nBody\n", {1}), "Title\n\nBody\n");
  EXPECT_EQ(RemoveLines("\nTitle\n\nBody\n", {}), "\nTitle\n\nBody\n");
}

TEST(DocumentContext_Apply, LineInsideBlockGoesWithItsTerminator) {
  EXPECT_EQ(RemoveLines("a\nb\nc\n", {1}), "a\nc\n");
  EXPECT_EQ(RemoveLines("a\r\nb\r\nc", {2}), "a\r\nb\r\n");
}

TEST(DocumentContext_Apply, SeparatorKeptWhenRemovedLineStartedTheNextBlock) {
  // Kept A, blank, removed B, C (same block as B): A and C stay separated.
  EXPECT_EQ(RemoveLines("A\n\nB\nC\n", {2}), "A\n\nC\n");
  // Kept A, removed B (A's block), blank, C.
  EXPECT_EQ(RemoveLines("A\nB\n\nC\n", {1}), "A\n\nC\n");
}

TEST(DocumentContext_Apply, LastOfSeveralSeparatorsIsKept) {
  EXPECT_EQ(RemoveLines("A\n\nB\n\n\nC\n", {2}), "A\n\n\nC\n");
}

TEST(DocumentContext_Apply, EverythingRemovedGivesEmpty) {
  EXPECT_EQ(RemoveLines("A\n\nB\n", {0, 2}), "");
}

TEST(DocumentContext_Apply, ApplyingTwiceIsStable) {
  // clean(clean(x)) == clean(x) for the separator logic alone.
  const std::string once = RemoveLines("X\n\nA\n\nB\nY\n\n", {0, 5});
  EXPECT_EQ(RemoveLines(once, {}), once);
}

// --- Removal bookkeeping ---

TEST(DocumentContext_Remove, BlockRemovalRecordsOneSpan) {
  DocumentContext ctx;
  ctx.Reset("A\n\nB1\nB2\n\nC\n");
  Removal r;
  r.stage = StageId::kRepeats;
  r.rule = "exact_paragraph";
  r.kept_block = 0;
  ctx.RemoveBlock(1, r);
  ASSERT_EQ(ctx.removals().size(), 1u);
  EXPECT_EQ(ctx.removals()[0].span, (Span{3, 9}));
  EXPECT_EQ(ctx.removals()[0].rule, "exact_paragraph");
  EXPECT_TRUE(ctx.block_removed(1));
  EXPECT_FALSE(ctx.block_touched(0));
  // Removing it again records nothing more.
  ctx.RemoveBlock(1, r);
  ctx.RemoveLine(2, r);
  EXPECT_EQ(ctx.removals().size(), 1u);
}

TEST(DocumentContext_Remove, BlankLinesAreNeverRemoved) {
  DocumentContext ctx;
  ctx.Reset("A\n\nB\n");
  ctx.RemoveLine(1, Removal{});
  EXPECT_TRUE(ctx.removals().empty());
}

TEST(StageName, Names) {
  EXPECT_EQ(StageName(StageId::kBoilerplate), "boilerplate");
  EXPECT_EQ(StageName(StageId::kRepeats), "repeats");
  EXPECT_EQ(StageName(StageId::kCorpus), "corpus");
}

}  // namespace
}  // namespace winnow
