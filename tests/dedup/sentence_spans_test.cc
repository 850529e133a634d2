#include "winnow/dedup/sentence_spans.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "winnow/dedup/corpus.h"

namespace winnow {
namespace {

// Only the sentence rule, so that no other rule hides what it does.
CorpusOptions SentenceOnly(int n = 3) {
  CorpusOptions o;
  o.exact_documents = false;
  o.near_duplicates = false;
  o.exact_paragraphs = false;
  o.sentence_span = n;
  return o;
}

// Runs the corpus stage over `docs` in order; returns each kept text.
std::vector<std::string> RunAll(CorpusStage* stage, const std::vector<std::string>& docs,
                             std::vector<std::vector<Removal>>* removals = nullptr) {
  std::vector<std::string> out;
  DocumentContext ctx;
  for (size_t i = 0; i < docs.size(); ++i) {
    ctx.Reset(docs[i], i);
    stage->Process(&ctx);
    out.emplace_back();
    ctx.Apply(&out.back());
    if (removals != nullptr) removals->push_back(ctx.removals());
  }
  return out;
}

constexpr char kA[] = "Ships left the harbour at dawn.";
constexpr char kB[] = "The wind was strong from the west.";
constexpr char kC[] = "Two boats turned back before noon.";
constexpr char kD[] = "The rest reached the island by dusk.";
constexpr char kX[] = "A new sentence stands here.";
constexpr char kY[] = "Another one closes the text.";

std::string Join(std::initializer_list<std::string_view> parts) {
  std::string s;
  for (std::string_view p : parts) {
    if (!s.empty()) s += ' ';
    s += p;
  }
  return s;
}

TEST(SentenceSpans, RunFromEarlierDocumentIsCutFromTheLaterOne) {
  CorpusStage stage(SentenceOnly());
  std::vector<std::vector<Removal>> removals;
  const auto out = RunAll(&stage,
                       {Join({kA, kB, kC, kD}), "Intro line.\n\n" + Join({kX, kB, kC, kD, kY})},
                       &removals);
  EXPECT_EQ(out[0], Join({kA, kB, kC, kD}));  // the first copy stays
  EXPECT_EQ(out[1], "Intro line.\n\n" + Join({kX, kY}));
  ASSERT_EQ(removals[1].size(), 1u);
  const Removal& r = removals[1][0];
  EXPECT_EQ(r.rule, "exact_sentence_span");
  EXPECT_EQ(r.stage, StageId::kCorpus);
  EXPECT_EQ(r.kept_document, 0);
  EXPECT_EQ(r.kept_block, 0);
  const std::string second = "Intro line.\n\n" + Join({kX, kB, kC, kD, kY});
  EXPECT_EQ(std::string_view(second).substr(r.span.begin, r.span.size()), Join({kB, kC, kD}));
  EXPECT_EQ(stage.counters().exact_sentence_spans, 1u);
}

TEST(SentenceSpans, FewerThanNSharedSentencesStay) {
  CorpusStage stage(SentenceOnly());
  const auto out = RunAll(&stage, {Join({kA, kB, kC}), Join({kX, kA, kB, kY})});
  EXPECT_EQ(out[1], Join({kX, kA, kB, kY}));
  // With windows of two, the pair goes.
  CorpusStage pairs(SentenceOnly(2));
  EXPECT_EQ(RunAll(&pairs, {Join({kA, kB, kC}), Join({kX, kA, kB, kY})})[1], Join({kX, kY}));
}

TEST(SentenceSpans, NormalizedWordsDecide) {
  CorpusStage stage(SentenceOnly());
  const auto out = RunAll(&stage, {Join({kA, kB, kC}),
                                "SHIPS left the harbour, at dawn! The wind was strong from the "
                                "WEST... Two boats turned back before noon? Kept."});
  EXPECT_EQ(out[1], "Kept.");
}

TEST(SentenceSpans, RunsAcrossLinesAndParagraphs) {
  CorpusStage stage(SentenceOnly());
  const auto out =
      RunAll(&stage, {Join({kA, kB, kC, kD}),
                   std::string(kX) + " " + kA + "\n" + kB + "\n\n" + kC + " " + kY + "\n"});
  // Line 2 ("kB") goes whole, the others keep their own parts.
  EXPECT_EQ(out[1], std::string(kX) + "\n\n" + kY + "\n");
}

CorpusOptions InDocument() {
  CorpusOptions o = SentenceOnly();
  o.sentence_span_in_document = true;
  return o;
}

TEST(SentenceSpans, RepeatInsideOneDocumentStaysByDefault) {
  CorpusStage stage(SentenceOnly());
  EXPECT_EQ(RunAll(&stage, {Join({kA, kB, kC, kA, kB, kC, kD})})[0],
            Join({kA, kB, kC, kA, kB, kC, kD}));
}

TEST(SentenceSpans, RepeatInsideOneDocumentWithoutOverlap) {
  CorpusStage stage(InDocument());
  // The second copy of A B C goes; D stays.
  EXPECT_EQ(RunAll(&stage, {Join({kA, kB, kC, kA, kB, kC, kD})})[0], Join({kA, kB, kC, kD}));
  // Overlapping copies of one window are not repeats of it: in A A A A A
  // every window is "A A A" but each overlaps the first; in six A's the
  // window starting at the fourth repeats the first.
  CorpusStage again(InDocument());
  EXPECT_EQ(RunAll(&again, {Join({kA, kA, kA, kA, kA})})[0], Join({kA, kA, kA, kA, kA}));
  CorpusStage six(InDocument());
  EXPECT_EQ(RunAll(&six, {Join({kA, kA, kA, kA, kA, kA})})[0], Join({kA, kA, kA}));
}

TEST(SentenceSpans, RemovedTextIsNoReference) {
  // A document whose lines an earlier stage removed does not make later
  // copies go; only kept text is indexed.
  CorpusStage stage(SentenceOnly());
  DocumentContext ctx;
  const std::string first = Join({kA, kB, kC});
  ctx.Reset(first, 0);
  ctx.RemoveLine(0, Removal{});  // as boilerplate would
  stage.Process(&ctx);
  EXPECT_EQ(stage.counters().indexed_sentence_windows, 0u);
  const std::string second = Join({kA, kB, kC});
  ctx.Reset(second, 1);
  stage.Process(&ctx);
  std::string out;
  ctx.Apply(&out);
  EXPECT_EQ(out, second);
  EXPECT_EQ(stage.counters().indexed_sentence_windows, 1u);
}

TEST(SentenceSpans, SentencesWithoutWordsAreSkipped) {
  CorpusStage stage(SentenceOnly());
  // "!!!" and "..." have no words: they neither count as sentences nor
  // break a run.
  const auto out = RunAll(&stage, {Join({kA, kB, kC}), Join({kX, kA, "!!!", kB, kC})});
  EXPECT_EQ(out[1], kX);
}

TEST(SentenceSpans, DigestThenCommitEqualsProcess) {
  const std::vector<std::string> docs = {Join({kA, kB, kC, kD}), Join({kX, kB, kC, kD}),
                                         Join({kY, kA, kB, kC, kX})};
  CorpusStage direct(SentenceOnly());
  const auto expected = RunAll(&direct, docs);
  CorpusStage stage(SentenceOnly());
  CorpusHasher hasher(SentenceOnly());
  // Digests computed first, all of them (as worker threads would), then
  // committed in input order.
  std::vector<DocumentContext> ctxs(docs.size());
  std::vector<CorpusDigest> digests(docs.size());
  for (size_t i = docs.size(); i-- > 0;) {
    ctxs[i].Reset(docs[i], i);
    hasher.Digest(ctxs[i], &digests[i]);
  }
  for (size_t i = 0; i < docs.size(); ++i) {
    stage.Commit(&ctxs[i], digests[i]);
    std::string out;
    ctxs[i].Apply(&out);
    EXPECT_EQ(out, expected[i]) << i;
  }
}

// The corpus stage takes the sentences of blocks the repeats stage split
// (DocumentContext::BlockSentences) instead of splitting their lines again:
// the digest is the same either way, with some lines of a block removed or
// cut and some blocks not recorded.
TEST(SentenceSpans, RecordedBlockSentencesGiveTheSameDigest) {
  const std::string text = std::string(kA) + " " + kB + "\n" + kC + " Mr. Smith said so.\n" + kD +
                           "\n\n" + kX + "\n" + kY + " " + kA + "\n\n" + kB + " " + kC;
  for (int variant = 0; variant < 4; ++variant) {
    SCOPED_TRACE(variant);
    DocumentContext plain;
    DocumentContext recorded;
    plain.Reset(text, 0);
    recorded.Reset(text, 0);
    for (DocumentContext* ctx : {&plain, &recorded}) {
      Removal r;
      r.stage = StageId::kRepeats;
      r.rule = "test";
      if (variant == 1) ctx->RemoveLine(1, r);
      if (variant == 2) ctx->RemoveSpan({5, 12}, r);  // cuts the first line
      if (variant == 3) ctx->RemoveBlock(1, r);
    }
    // Record every block but the last, as the repeats stage would have.
    std::vector<Span> spans;
    for (uint32_t b = 0; b + 1 < recorded.blocks().size(); ++b) {
      spans.clear();
      SplitSentences(text, recorded.blocks()[b].span, &spans);
      recorded.RecordBlockSentences(b, spans);
    }
    std::span<const Span> got;
    ASSERT_TRUE(recorded.BlockSentences(0, &got));
    EXPECT_FALSE(recorded.BlockSentences(static_cast<uint32_t>(recorded.blocks().size() - 1), &got));
    CorpusHasher hasher(SentenceOnly(2));
    CorpusDigest a;
    CorpusDigest b;
    hasher.Digest(plain, &a);
    hasher.Digest(recorded, &b);
    ASSERT_EQ(a.sentence_spans.sentences.size(), b.sentence_spans.sentences.size());
    for (size_t i = 0; i < a.sentence_spans.sentences.size(); ++i) {
      EXPECT_EQ(a.sentence_spans.sentences[i].span, b.sentence_spans.sentences[i].span) << i;
      EXPECT_EQ(a.sentence_spans.sentences[i].line, b.sentence_spans.sentences[i].line) << i;
      EXPECT_EQ(a.sentence_spans.sentences[i].block, b.sentence_spans.sentences[i].block) << i;
    }
    EXPECT_EQ(a.sentence_spans.windows, b.sentence_spans.windows);
    EXPECT_GE(a.sentence_spans.sentences.size(), 6u);
  }
}

TEST(SentenceSpans, MemoryIsCountedAndBudgeted) {
  CorpusStage stage(SentenceOnly());
  const size_t before = stage.memory_bytes();
  RunAll(&stage, {Join({kA, kB, kC, kD, kX})});
  EXPECT_EQ(stage.counters().indexed_sentence_windows, 3u);
  // At least a 17-byte slot per window (see sentence_spans.h).
  EXPECT_GE(stage.memory_bytes(), before + 3 * 17);

  CorpusOptions tight = SentenceOnly();
  tight.memory_budget_bytes = 0;
  CorpusStage full(tight);
  const auto out = RunAll(&full, {Join({kA, kB, kC}), Join({kA, kB, kC, kD})});
  EXPECT_EQ(out[1], Join({kA, kB, kC, kD}));  // nothing indexed, nothing removed
  EXPECT_EQ(full.counters().indexed_sentence_windows, 0u);
  EXPECT_TRUE(full.saturated());
}

// A window that occurs twice in a document (kept: repeats inside one
// document are not this rule's by default) is indexed once, in a short
// document and in a long one. With no room, nothing is indexed and every
// window asks for room: the second copy finds nothing to skip it by.
TEST(SentenceSpans, WindowTwiceInADocumentIsIndexedOnce) {
  // Sentences of distinct words (digits would be normalized alike).
  std::vector<std::string> sentences;
  for (int k = 0; k < 70; ++k) {
    std::string word = "w";
    for (int v = k; v > 0; v /= 26) word += static_cast<char>('a' + v % 26);
    sentences.push_back("Sentence " + word + " stands here.");
  }
  std::string long_doc;
  for (const std::string& sentence : sentences) long_doc += sentence + " ";
  long_doc += sentences[0] + " " + sentences[1] + " " + sentences[2];
  struct Case {
    std::string doc;
    uint64_t windows;
    uint64_t distinct_windows;
  };
  for (const Case& c :
       {Case{Join({kA, kB, kC, kA, kB, kC, kD}), 5, 4}, Case{long_doc, 71, 70}}) {
    CorpusStage stage(SentenceOnly());
    EXPECT_EQ(RunAll(&stage, {c.doc})[0], c.doc);
    EXPECT_EQ(stage.counters().indexed_sentence_windows, c.distinct_windows);
    EXPECT_EQ(stage.counters().skipped_entries, 0u);
    CorpusOptions tight = SentenceOnly();
    tight.memory_budget_bytes = 0;
    CorpusStage full(tight);
    RunAll(&full, {c.doc});
    EXPECT_EQ(full.counters().indexed_sentence_windows, 0u);
    EXPECT_EQ(full.counters().skipped_entries, c.windows);
  }
}

TEST(SentenceSpans, ZeroTurnsTheRuleOff) {
  CorpusOptions off = SentenceOnly();
  off.sentence_span = 0;
  CorpusStage stage(off);
  EXPECT_EQ(RunAll(&stage, {Join({kA, kB, kC}), Join({kA, kB, kC, kD})})[1],
            Join({kA, kB, kC, kD}));
  EXPECT_EQ(stage.counters().indexed_sentence_windows, 0u);
}

}  // namespace
}  // namespace winnow
