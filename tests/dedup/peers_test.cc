// Behaviour the peers' own test suites document (../shared/eval/peers),
// checked against winnow's corpus stage. The fixtures are read at run time;
// each test skips when ../shared is absent. Where winnow deliberately
// differs from the peer, the test says so and checks winnow's behaviour.

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "simdjson.h"
#include "testing/test_util.h"
#include "winnow/dedup/corpus.h"

namespace winnow {
namespace {

// The fixture's parsed JSON, or null (the test then skips).
simdjson::dom::element LoadFixture(simdjson::dom::parser* parser, const std::string& name,
                                   bool* found) {
  *found = false;
  const std::string shared = testing::SharedDir();
  if (shared.empty()) return {};
  simdjson::dom::element root;
  if (parser->load(shared + "/eval/peers/" + name).get(root) != simdjson::SUCCESS) return {};
  *found = true;
  return root;
}

std::vector<std::string> Strings(simdjson::dom::element array) {
  std::vector<std::string> out;
  for (simdjson::dom::element e : array.get_array()) {
    out.emplace_back(std::string_view(e.get_string()));
  }
  return out;
}

// Runs the corpus stage over documents in input order and returns the kept
// texts, leaving out documents nothing is left of (as the JSONL writer
// does).
std::vector<std::string> Dedup(CorpusStage* stage, const std::vector<std::string>& docs,
                               uint64_t* ordinal) {
  std::vector<std::string> out;
  DocumentContext ctx;
  std::string clean;
  for (const std::string& doc : docs) {
    ctx.Reset(doc, (*ordinal)++);
    stage->Process(&ctx);
    ctx.Apply(&clean);
    if (!clean.empty()) out.push_back(clean);
  }
  return out;
}

// --- T1: datatrove sentence dedup (tests/pipeline/dedup/test_sentence_deduplication.py) ---
//
// datatrove's config: 3-sentence windows, punkt sentences, default
// normalization, no minimum words or sentences. winnow's exact_sentence_span
// rule with sentence_span = 3. Two configurations are checked: the rule on
// its own, and the corpus stage's defaults without near duplicates. The
// near_duplicate rule is off because it decides differently on purpose:
// TEXT_0 + " " + rs_1 is more than 0.8 similar to TEXT_0, so winnow's
// default run drops that document whole instead of leaving rs_1.

class DatatroveSentenceDedup : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    bool found = false;
    root_ = LoadFixture(&parser_, "datatrove_sentence_dedup.json", &found);
    if (!found) GTEST_SKIP() << "../shared/eval/peers/datatrove_sentence_dedup.json not present";
  }

  CorpusOptions Options() const {
    CorpusOptions o;
    o.near_duplicates = false;
    o.sentence_span = 3;
    if (GetParam()) {  // the sentence rule alone
      o.exact_documents = false;
      o.exact_paragraphs = false;
    }
    return o;
  }

  simdjson::dom::parser parser_;
  simdjson::dom::element root_;
};

TEST_P(DatatroveSentenceDedup, SingleShard) {
  ASSERT_EQ(int64_t(root_["config"]["n_sentences"]), 3);
  CorpusStage stage(Options());
  uint64_t ordinal = 0;
  // Prefix, suffix and middle runs shared with an earlier document go, with
  // the whitespace joined; LOTR (exactly three sentences) goes from the last
  // document because the one before it holds it.
  EXPECT_EQ(Dedup(&stage, Strings(root_["DOCS"]), &ordinal),
            Strings(root_["TARGETS_single_shard"]));
}

TEST_P(DatatroveSentenceDedup, WithIndexDocumentsFirst) {
  // datatrove builds an index from INDEX and removes only what is in it
  // (only_dedup_in_index). winnow has no separate index: the same effect
  // comes from reading the INDEX documents first without writing them.
  // winnow also compares DOCS with each other; here that changes nothing,
  // because rs_1 (the only text DOCS share that INDEX lacks) is a single
  // sentence.
  CorpusStage stage(Options());
  uint64_t ordinal = 0;
  Dedup(&stage, Strings(root_["INDEX"]), &ordinal);
  EXPECT_EQ(Dedup(&stage, Strings(root_["DOCS"]), &ordinal),
            Strings(root_["TARGETS_WITH_INDEX"]));
}

TEST_P(DatatroveSentenceDedup, TwoShardsInGlobalInputOrder) {
  // Deliberate difference. datatrove, over two shards, keeps the copy with
  // the lowest per-shard document index: LOTR is document 3 of rank 1 and
  // document 4 of rank 0, so rank 0 loses it. winnow keeps the first copy in
  // global input order (rank 0's documents, then rank 1's), so rank 0 keeps
  // LOTR and rank 1 loses it. Everything else is as datatrove expects: the
  // 11 copies of TEXT_2_1 inside one document collapse to one, and
  // documents repeated whole vanish.
  const std::vector<std::string> rank0 = Strings(root_["TARGETS_WS2_rank0(DOCS)"]);
  const std::vector<std::string> rank1 = Strings(root_["TARGETS_WS2_rank1(DOCS_2)"]);
  const std::string lotr(std::string_view(root_["texts"]["LOTR"].get_string()));

  std::vector<std::string> expected0 = Strings(root_["TARGETS_single_shard"]);
  std::vector<std::string> without_lotr = expected0;
  std::erase(without_lotr, lotr);
  ASSERT_EQ(without_lotr, rank0) << "the fixture's rank 0 differs from the single shard "
                                    "only by LOTR";
  std::vector<std::string> expected1 = rank1;
  ASSERT_EQ(std::erase(expected1, lotr), 1u);

  CorpusStage stage(Options());
  uint64_t ordinal = 0;
  EXPECT_EQ(Dedup(&stage, Strings(root_["DOCS"]), &ordinal), expected0);
  EXPECT_EQ(Dedup(&stage, Strings(root_["DOCS_2"]), &ordinal), expected1);
}

INSTANTIATE_TEST_SUITE_P(Peers, DatatroveSentenceDedup, ::testing::Bool(),
                         [](const ::testing::TestParamInfo<bool>& param) {
                           return param.param ? "SentenceRuleOnly" : "CorpusDefaults";
                         });

// --- T7: cc_net line dedup keeping the first copy (tests/test_dedup.py) ---
//
// cc_net hashes each line (normalized: lower case, digits to 0, some
// punctuation removed) and drops a line whose hash an earlier line had. In
// winnow, a text without blank lines has one block per line, so the corpus
// stage's exact_paragraph_corpus rule with paragraph_min_words = 1 is
// cc_net's keep-first line dedup. Differences, deliberate:
//   - winnow compares normalized words, so punctuation is ignored
//     everywhere: "_Hello" equals "Hello" (cc_net keeps "_" and would not);
//   - a line repeated inside one document is the repeats stage's business,
//     not this rule's;
//   - kept lines keep their own terminators: the second document comes out
//     as "I'm originaler\n" where cc_net joins kept lines without a final
//     newline;
//   - cc_net's two-pass mode (remove every copy of a line seen twice) has no
//     winnow counterpart: the first copy always stays.

TEST(CcnetLineDedup, KeepFirst) {
  simdjson::dom::parser parser;
  bool found = false;
  simdjson::dom::element root = LoadFixture(&parser, "ccnet_line_dedup.json", &found);
  if (!found) GTEST_SKIP() << "../shared/eval/peers/ccnet_line_dedup.json not present";
  simdjson::dom::element test = root["test_simple_dedup(keep-first, single pass)"];

  CorpusOptions options;
  options.paragraph_min_words = 1;
  CorpusStage stage(options);
  DocumentContext ctx;
  std::string clean;
  uint64_t ordinal = 0;
  std::vector<simdjson::dom::element> expect;
  for (simdjson::dom::element e : test["expect"].get_array()) expect.push_back(e);
  size_t d = 0;
  for (simdjson::dom::element doc : test["docs"].get_array()) {
    std::string text;
    for (std::string_view line : Strings(doc)) {
      if (!text.empty()) text += '\n';
      text += line;
    }
    ctx.Reset(text, ordinal++);
    stage.Process(&ctx);
    ctx.Apply(&clean);
    ASSERT_LT(d, expect.size());
    std::vector<int64_t> kept_lines;
    for (uint32_t l = 0; l < ctx.lines().size(); ++l) {
      if (!ctx.line_removed(l)) kept_lines.push_back(l);
    }
    std::vector<int64_t> line_ids;
    for (simdjson::dom::element id : expect[d]["line_ids"].get_array()) {
      line_ids.push_back(int64_t(id));
    }
    EXPECT_EQ(kept_lines, line_ids) << "document " << d;
    std::string expected_text(std::string_view(expect[d]["text"].get_string()));
    // winnow keeps the kept last line's own terminator (see above).
    if (!kept_lines.empty() && static_cast<size_t>(kept_lines.back()) + 1 < ctx.lines().size()) {
      expected_text += '\n';
    }
    EXPECT_EQ(clean, expected_text) << "document " << d;
    for (const Removal& r : ctx.removals()) {
      EXPECT_EQ(r.rule, "exact_paragraph_corpus");
      EXPECT_EQ(r.kept_document, 0);
    }
    ++d;
  }
  EXPECT_EQ(d, expect.size());
  EXPECT_EQ(stage.counters().exact_paragraphs, 2u);
}

}  // namespace
}  // namespace winnow
