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

// --- Parts of lines (RemoveSpan) ---

// Removes each listed substring (its first occurrence, searched from the
// start) as its own span, then applies.
std::string RemoveParts(std::string_view text, std::initializer_list<std::string_view> parts,
                        DocumentContext* ctx) {
  ctx->Reset(text);
  for (std::string_view part : parts) {
    const size_t at = text.find(part);
    EXPECT_NE(at, std::string_view::npos) << part;
    ctx->RemoveSpan({static_cast<uint32_t>(at), static_cast<uint32_t>(at + part.size())},
                    Removal{});
  }
  std::string out;
  ctx->Apply(&out);
  return out;
}

std::string RemoveParts(std::string_view text, std::initializer_list<std::string_view> parts) {
  DocumentContext ctx;
  return RemoveParts(text, parts, &ctx);
}

TEST(DocumentContext_RemoveSpan, MiddleCutKeepsOneSeparator) {
  EXPECT_EQ(RemoveParts("A. B. C. D.", {"B. C."}), "A. D.");
  // The whitespace before the cut wins over the one after it.
  EXPECT_EQ(RemoveParts("A.\tB.  C.", {"B."}), "A.\tC.");
  // Two cuts side by side leave one separator.
  EXPECT_EQ(RemoveParts("A. B. C. D.", {"B.", "C."}), "A. D.");
}

TEST(DocumentContext_RemoveSpan, CutAtLineStartKeepsIndentation) {
  EXPECT_EQ(RemoveParts("A. B. C.\nnext\n", {"A. B."}), "C.\nnext\n");
  EXPECT_EQ(RemoveParts("  A. B.\n", {"A."}), "  B.\n");
}

TEST(DocumentContext_RemoveSpan, CutAtLineEndDropsTrailingSpaceKeepsTerminator) {
  EXPECT_EQ(RemoveParts("A. B. C.\r\nnext", {"B. C."}), "A.\r\nnext");
  EXPECT_EQ(RemoveParts("A. B. C.", {"C."}), "A. B.");
}

TEST(DocumentContext_RemoveSpan, SpacelessCutsJoinDirectly) {
  EXPECT_EQ(RemoveParts("甲。乙。丙。", {"乙。"}), "甲。丙。");
}

TEST(DocumentContext_RemoveSpan, WholeLineBecomesRemovedLine) {
  DocumentContext ctx;
  // Every non-space byte of line 1 goes: it is removed like a line, its
  // separators follow the line rules.
  EXPECT_EQ(RemoveParts("A.\n\n  B. C.  \n\nD.\n", {"B. C."}, &ctx), "A.\n\nD.\n");
  EXPECT_TRUE(ctx.line_removed(2));
  ASSERT_EQ(ctx.removals().size(), 1u);
  EXPECT_EQ(ctx.removals()[0].span, (Span{4, 14}));  // the whole line and its "\n"
  // Two cuts that together leave only spaces.
  EXPECT_EQ(RemoveParts("A.\nB. C.\n", {"B.", "C."}, &ctx), "A.\n");
  EXPECT_TRUE(ctx.line_removed(1));
  EXPECT_FALSE(ctx.line_cut(1));
}

TEST(DocumentContext_RemoveSpan, SpanAcrossLinesCutsEach) {
  DocumentContext ctx;
  const std::string_view text = "A. B.\nC. D.\nE. F.\n";
  ctx.Reset(text);
  ctx.RemoveSpan({3, 14}, Removal{});  // "B.\nC. D.\nE."
  std::string out;
  ctx.Apply(&out);
  EXPECT_EQ(out, "A.\nF.\n");
  EXPECT_TRUE(ctx.line_cut(0));
  EXPECT_TRUE(ctx.line_removed(1));
  EXPECT_TRUE(ctx.line_cut(2));
  EXPECT_TRUE(ctx.block_touched(0));
  // Line 0's piece, then line 1 (whole, with "\n") joined with line 2's piece.
  ASSERT_EQ(ctx.removals().size(), 2u);
  EXPECT_EQ(ctx.removals()[0].span, (Span{3, 5}));
  EXPECT_EQ(ctx.removals()[1].span, (Span{6, 14}));
}

TEST(DocumentContext_RemoveSpan, NeverOverlapsEarlierRemovals) {
  DocumentContext ctx;
  const std::string_view text = "A. B. C. D.\nE.\n";
  ctx.Reset(text);
  ctx.RemoveLine(1, Removal{});
  ctx.RemoveSpan({3, 5}, Removal{});    // "B."
  ctx.RemoveSpan({0, 15}, Removal{});   // everything, line 1 already gone
  ASSERT_EQ(ctx.removals().size(), 4u);
  EXPECT_EQ(ctx.removals()[2].span, (Span{0, 3}));
  EXPECT_EQ(ctx.removals()[3].span, (Span{5, 11}));
  EXPECT_TRUE(ctx.line_removed(0));
  std::string out;
  ctx.Apply(&out);
  EXPECT_EQ(out, "");
}

TEST(DocumentContext_RemoveSpan, UntouchedLinesAreWrittenAsTheyCame) {
  EXPECT_EQ(RemoveParts("x  y. A. B.\n\t keep  me \n", {"A."}), "x  y. B.\n\t keep  me \n");
}

TEST(StageName, Names) {
  EXPECT_EQ(StageName(StageId::kBoilerplate), "boilerplate");
  EXPECT_EQ(StageName(StageId::kRepeats), "repeats");
  EXPECT_EQ(StageName(StageId::kCorpus), "corpus");
}

}  // namespace
}  // namespace winnow
