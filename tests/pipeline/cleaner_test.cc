#include "winnow/pipeline/cleaner.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "testing/test_util.h"
#include "winnow/clean/boilerplate.h"
#include "winnow/dedup/corpus.h"
#include "winnow/dedup/repeats.h"
#include "winnow/hash/hash.h"

namespace winnow {
namespace {

constexpr char kDoc[] =
    "Rail strike ends after three weeks\n\n"
    "Train drivers returned to work on Friday after the union accepted a pay offer "
    "that adds four percent this year.\n\n"
    "Passengers faced cancelled services across the north for most of the month.\n\n"
    "On Friday train drivers went back to work after the union accepted a pay offer "
    "which adds four percent this year.\n\n"
    "Advertisement\n";

TEST(ParseStages, ListsAndErrors) {
  EXPECT_EQ(*ParseStages("all"), AllStages());
  ASSERT_EQ(AllStages().size(), 3u);
  EXPECT_EQ(AllStages()[2], StageId::kCorpus);
  const std::vector<StageId> corpus_repeats = *ParseStages("corpus,repeats");
  ASSERT_EQ(corpus_repeats.size(), 2u);
  EXPECT_EQ(corpus_repeats[0], StageId::kCorpus);
  EXPECT_EQ(corpus_repeats[1], StageId::kRepeats);
  EXPECT_EQ(*ParseStages("repeats"), (std::vector<StageId>{StageId::kRepeats}));
  EXPECT_EQ(*ParseStages("repeats,boilerplate,repeats"),
            (std::vector<StageId>{StageId::kRepeats, StageId::kBoilerplate}));
  EXPECT_FALSE(ParseStages("").ok());
  auto bad = ParseStages("boilerplate,corpse");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("corpse"), absl::string_view::npos);
}

TEST(Cleaner, AllStages) {
  Cleaner cleaner;
  std::string out;
  cleaner.Clean(kDoc, &out);
  EXPECT_EQ(out,
            "Rail strike ends after three weeks\n\n"
            "Train drivers returned to work on Friday after the union accepted a pay offer "
            "that adds four percent this year.\n\n"
            "Passengers faced cancelled services across the north for most of the month.\n");
  ASSERT_EQ(cleaner.removals().size(), 2u);
  EXPECT_EQ(cleaner.removals()[0].stage, StageId::kBoilerplate);
  EXPECT_EQ(cleaner.removals()[1].stage, StageId::kRepeats);
}

TEST(Cleaner, CorpusStageSeesEarlierDocuments) {
  Cleaner cleaner;
  ASSERT_NE(cleaner.corpus(), nullptr);
  std::string first;
  cleaner.Clean(kDoc, &first, 0);
  EXPECT_FALSE(first.empty());
  std::string second;
  cleaner.Clean(kDoc, &second, 1);
  EXPECT_EQ(second, "");
  ASSERT_FALSE(cleaner.removals().empty());
  EXPECT_EQ(cleaner.removals().back().stage, StageId::kCorpus);
  EXPECT_EQ(cleaner.removals().back().rule, "exact_document");
  EXPECT_EQ(cleaner.removals().back().kept_document, 0);
  EXPECT_EQ(cleaner.corpus()->counters().exact_documents, 1u);
}

TEST(Cleaner, OnlySelectedStagesRun) {
  CleanerOptions only_repeats;
  only_repeats.stages = {StageId::kRepeats};
  Cleaner cleaner(only_repeats);
  std::string out;
  cleaner.Clean(kDoc, &out);
  EXPECT_NE(out.find("Advertisement"), std::string::npos);
  EXPECT_EQ(out.find("On Friday train drivers"), std::string::npos);

  CleanerOptions only_boilerplate;
  only_boilerplate.stages = {StageId::kBoilerplate};
  Cleaner cleaner2(only_boilerplate);
  cleaner2.Clean(kDoc, &out);
  EXPECT_EQ(out.find("Advertisement"), std::string::npos);
  EXPECT_NE(out.find("On Friday train drivers"), std::string::npos);
}

TEST(Cleaner, ReusedAcrossDocuments) {
  // Per-document stages only: the corpus stage would remove the second copy
  // (CorpusStageSeesEarlierDocuments).
  CleanerOptions per_document;
  per_document.stages = {StageId::kBoilerplate, StageId::kRepeats};
  Cleaner cleaner(per_document);
  std::string a, b;
  cleaner.Clean(kDoc, &a);
  cleaner.Clean("Just one line.\n", &b);
  EXPECT_EQ(b, "Just one line.\n");
  cleaner.Clean(kDoc, &b);
  EXPECT_EQ(a, b);
}

// The repeats stage records the hash of each prose block it hashes for its
// exact copies, and the corpus stage's paragraph digest takes it instead of
// hashing the block again: the digest must be what hashing each untouched
// block on its own gives, whether a block's hash was recorded or not.
TEST(Cleaner, ParagraphHashesTakenFromTheRepeatsStageAreTheBlocksOwn) {
  const std::string articles = testing::SourceDir() + "/corpora/sample/articles/";
  std::vector<std::string> docs = {kDoc};
  for (const char* name : {"harbour-bridge.txt", "river-festival.txt"}) {
    docs.push_back(testing::ReadFileOrDie(articles + name));
  }
  for (const std::string& base : std::vector<std::string>(docs)) {
    docs.push_back(base + "\n\n" + base);  // exact copies of every block
  }
  BoilerplateOptions boilerplate_options;
  boilerplate_options.classify = false;  // most blocks stay untouched
  boilerplate_options.share_words = true;  // as the pipeline runs it
  BoilerplateStage boilerplate(boilerplate_options);
  RepeatsStage repeats;
  CorpusOptions options;  // paragraphs of 20 words or more: the recorded counts matter
  CorpusHasher hasher(options);
  WordHasher words(options.normalizer);
  const auto min_words = static_cast<size_t>(options.paragraph_min_words);
  int recorded = 0;
  for (size_t d = 0; d < docs.size(); ++d) {
    DocumentContext ctx;
    ctx.Reset(docs[d], d);
    boilerplate.Process(&ctx);
    ASSERT_TRUE(ctx.words().complete) << d;
    repeats.Process(&ctx);
    CorpusDigest digest;
    hasher.Digest(ctx, &digest);
    std::vector<CorpusDigest::Paragraph> expected;
    for (uint32_t b = 0; b < ctx.blocks().size(); ++b) {
      uint32_t n = 0;
      uint64_t hash = 0;
      recorded += ctx.BlockHash(b, &n, &hash) ? 1 : 0;
      if (ctx.block_touched(b)) continue;
      std::vector<uint64_t> h;
      words.HashWords(ctx.text(), ctx.blocks()[b].span, &h);
      if (h.empty() || h.size() < min_words) continue;
      expected.push_back({b, HashSequence(h)});
    }
    ASSERT_EQ(digest.paragraphs.size(), expected.size()) << d;
    for (size_t i = 0; i < expected.size(); ++i) {
      EXPECT_EQ(digest.paragraphs[i].block, expected[i].block) << d;
      EXPECT_EQ(digest.paragraphs[i].hash, expected[i].hash) << d << " block " << i;
    }
  }
  EXPECT_GT(recorded, 10);  // the recorded path was taken, for short blocks too
}

}  // namespace
}  // namespace winnow
