#include "winnow/dedup/corpus.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <iostream>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "gtest/gtest.h"
#include "winnow/hash/hash.h"
#include "winnow/hash/minhash.h"
#include "winnow/dedup/shingle_store.h"
#include "testing/test_util.h"

namespace winnow {
namespace {

// One document's result: the kept text and the removals.
struct Result {
  std::string kept;
  std::vector<Removal> removals;
};

// Runs the stage over `docs` in order; document i gets ordinal base + i.
std::vector<Result> RunCorpus(CorpusStage* stage, const std::vector<std::string>& docs,
                              uint64_t base = 0) {
  std::vector<Result> results;
  DocumentContext ctx;
  for (size_t i = 0; i < docs.size(); ++i) {
    ctx.Reset(docs[i], base + i);
    stage->Process(&ctx);
    Result& r = results.emplace_back();
    ctx.Apply(&r.kept);
    r.removals = ctx.removals();
  }
  return results;
}

// A number in letters: the normalizer maps digits to 0, so made-up words
// must not tell themselves apart by digits.
std::string Letters(int i) {
  std::string s;
  do {
    s += static_cast<char>('a' + i % 26);
    i /= 26;
  } while (i > 0);
  return s;
}

// A paragraph of `n` distinct made-up words, ending in a full stop.
std::string Paragraph(const std::string& prefix, int n) {
  std::string p;
  for (int i = 0; i < n; ++i) {
    if (i > 0) p += ' ';
    p += prefix + "w" + Letters(i);
  }
  return p + ".";
}

// ---------------------------------------------------------------------------
// Exact duplicate documents
// ---------------------------------------------------------------------------

TEST(CorpusStage, ExactDuplicateDocumentGoesAndPointsToFirst) {
  const std::string a = "Storm closes the harbour\n\n" + Paragraph("a", 30) + "\n";
  const std::string b = "Council meets on Monday\n\n" + Paragraph("b", 30) + "\n";
  // The same words, differently cased and spaced: equal once normalized.
  std::string a_again = "STORM closes   the harbour!\n\n" + Paragraph("a", 30) + "\n";
  CorpusStage stage;
  const auto results = RunCorpus(&stage, {a, b, a_again, a}, 100);
  EXPECT_EQ(results[0].kept, a);
  EXPECT_EQ(results[1].kept, b);
  for (int i : {2, 3}) {
    SCOPED_TRACE(i);
    EXPECT_EQ(results[i].kept, "");
    ASSERT_FALSE(results[i].removals.empty());
    for (const Removal& r : results[i].removals) {
      EXPECT_EQ(r.stage, StageId::kCorpus);
      EXPECT_EQ(r.rule, "exact_document");
      EXPECT_EQ(r.kept_document, 100);  // the first copy's ordinal
    }
  }
  EXPECT_EQ(stage.counters().exact_documents, 2u);
  EXPECT_EQ(stage.counters().documents, 4u);
}

TEST(CorpusStage, EmptyDocumentsAreNotDuplicates) {
  CorpusStage stage;
  const auto results = RunCorpus(&stage, {"", "  \n\n", "!!!\n"});
  for (const Result& r : results) EXPECT_TRUE(r.removals.empty());
}

// ---------------------------------------------------------------------------
// Exact duplicate paragraphs across documents
// ---------------------------------------------------------------------------

TEST(CorpusStage, ParagraphDuplicateAcrossDocuments) {
  const std::string shared = Paragraph("shared", 25);
  const std::string short_line = "Share this article on social media now.";  // < 20 words
  const std::string d0 = Paragraph("x", 30) + "\n\n" + shared + "\n\n" + short_line + "\n";
  const std::string d1 = Paragraph("y", 40) + "\n\n" + short_line + "\n\n" + shared + "\n";
  CorpusStage stage;
  const auto results = RunCorpus(&stage, {d0, d1});
  EXPECT_TRUE(results[0].removals.empty());
  ASSERT_EQ(results[1].removals.size(), 1u);
  const Removal& r = results[1].removals[0];
  EXPECT_EQ(r.rule, "exact_paragraph_corpus");
  EXPECT_EQ(r.kept_document, 0);
  EXPECT_EQ(r.kept_block, 1);
  EXPECT_EQ(results[1].kept, Paragraph("y", 40) + "\n\n" + short_line + "\n");
  EXPECT_EQ(stage.counters().exact_paragraphs, 1u);
}

TEST(CorpusStage, RepeatInsideOneDocumentIsLeftToRepeatsStage) {
  const std::string p = Paragraph("p", 25);
  CorpusStage stage;
  const auto results = RunCorpus(&stage, {Paragraph("q", 30) + "\n\n" + p + "\n\n" + p + "\n"});
  EXPECT_TRUE(results[0].removals.empty());
}

TEST(CorpusStage, BlocksRemovedEarlierAreNoReferences) {
  const std::string p = Paragraph("p", 25);
  const std::string d0 = Paragraph("a", 30) + "\n\n" + p + "\n";
  const std::string d1 = Paragraph("b", 30) + "\n\n" + p + "\n";
  CorpusStage stage;
  DocumentContext ctx;
  ctx.Reset(d0, 0);
  Removal earlier;
  earlier.rule = "lexicon";
  ctx.RemoveBlock(1, earlier);  // as if the boilerplate stage took it
  stage.Process(&ctx);
  ASSERT_EQ(ctx.removals().size(), 1u);  // only the earlier stage's
  ctx.Reset(d1, 1);
  stage.Process(&ctx);
  EXPECT_TRUE(ctx.removals().empty());  // d0's copy went, so d1's stays
}

// ---------------------------------------------------------------------------
// Near duplicates and the memory budget
// ---------------------------------------------------------------------------

TEST(CorpusStage, NearDuplicateGoesWithItsJaccard) {
  std::string base;
  for (int i = 0; i < 30; ++i) base += "Sentence " + Paragraph("s" + Letters(i), 9) + " ";
  std::string edited = base;
  edited.replace(edited.find("sdwe"), 4, "changed");
  CorpusStage stage;
  const auto results = RunCorpus(&stage, {base, Paragraph("other", 300), edited});
  EXPECT_TRUE(results[0].removals.empty());
  EXPECT_TRUE(results[1].removals.empty());
  ASSERT_EQ(results[2].removals.size(), 1u);
  const Removal& r = results[2].removals[0];
  EXPECT_EQ(r.rule, "near_duplicate");
  EXPECT_EQ(r.kept_document, 0);
  EXPECT_GE(r.score, 0.8f);
  EXPECT_LT(r.score, 1.0f);
  EXPECT_EQ(results[2].kept, "");
}

TEST(CorpusStage, BudgetStopsIndexingWithoutFailing) {
  CorpusOptions options;
  options.memory_budget_bytes = 0;
  CorpusStage stage(options);
  const std::string d = Paragraph("a", 40) + "\n\n" + Paragraph("b", 40) + "\n";
  const auto results = RunCorpus(&stage, {d, d, d});
  for (const Result& r : results) EXPECT_TRUE(r.removals.empty());
  EXPECT_TRUE(stage.saturated());
  EXPECT_GT(stage.counters().skipped_entries, 0u);
  EXPECT_EQ(stage.counters().indexed_documents, 0u);
}

// The digest hashes the document's words once and takes the paragraphs' and
// sentences' hashes from ranges of that list; this must equal hashing each
// block and sentence on its own, as the rules define them.
TEST(CorpusHasher, RangesOfTheWordListEqualHashingEachPart) {
  std::vector<std::string> docs = {
      "A plain first paragraph with some words, and a second sentence here. "
      "Then a third one!\nSecond line of it: \"quoted\" words (3.5 per cent).\n\n"
      "Next paragraph: U.S. officials said 1,234 people... Did they? Yes.\n",
      "Caf\xc3\xa9 na\xc3\xafve \xc3\x9c" "ber stra\xc3\x9f" "e. \xef\xbc\xa1\xef\xbc\xa2 full width! "
      "\xe4\xb8\xad\xe6\x96\x87\xe5\x8f\xa5\xe5\xad\x90\xe3\x80\x82\xe7\xac\xac\xe4\xba\x8c\xe5\x8f\xa5\xe3\x80\x82\n\n"
      "don't stop-words e.g. x.y.z end.",
      "\n\n  \n",
      "no terminal at all\r\nand CRLF lines\r\n\r\nnext block",
  };
  const std::string articles = testing::SourceDir() + "/corpora/sample/articles/";
  for (const char* name : {"harbour-bridge.txt", "river-festival.txt"}) {
    docs.push_back(testing::ReadFileOrDie(articles + name));
  }
  for (const std::string& base : std::vector<std::string>(docs)) {
    // The same text with its first lines removed, so blocks are touched.
    docs.push_back(base + "\n\n" + base);
  }
  CorpusOptions options;
  options.paragraph_min_words = 1;
  CorpusHasher hasher(options);
  WordHasher words(options.normalizer);
  for (size_t d = 0; d < docs.size(); ++d) {
    DocumentContext ctx;
    ctx.Reset(docs[d], d);
    if (d % 2 == 1 && !ctx.lines().empty()) ctx.RemoveLine(0, Removal{});
    CorpusDigest digest;
    hasher.Digest(ctx, &digest);
    // Paragraphs: every untouched block, hashed on its own.
    std::vector<CorpusDigest::Paragraph> expected;
    for (uint32_t b = 0; b < ctx.blocks().size(); ++b) {
      if (ctx.block_touched(b)) continue;
      std::vector<uint64_t> h;
      words.HashWords(ctx.text(), ctx.blocks()[b].span, &h);
      if (h.empty()) continue;
      expected.push_back({b, HashSequence(h)});
    }
    ASSERT_EQ(digest.paragraphs.size(), expected.size()) << d;
    for (size_t i = 0; i < expected.size(); ++i) {
      EXPECT_EQ(digest.paragraphs[i].block, expected[i].block) << d;
      EXPECT_EQ(digest.paragraphs[i].hash, expected[i].hash) << d << " block " << i;
    }
    // Sentence windows: every sentence of a kept line hashed on its own.
    std::vector<uint64_t> sentences;
    for (uint32_t l = 0; l < ctx.lines().size(); ++l) {
      if (ctx.line_removed(l) || ctx.line_cut(l)) continue;
      std::vector<Span> spans;
      SplitSentences(ctx.text(), ctx.lines()[l].span, &spans);
      for (const Span& s : spans) {
        std::vector<uint64_t> h;
        words.HashWords(ctx.text(), s, &h);
        if (!h.empty()) sentences.push_back(HashSequence(h));
      }
    }
    ASSERT_EQ(digest.sentence_spans.sentences.size(), sentences.size()) << d;
    std::vector<uint64_t> windows;
    const auto n = static_cast<size_t>(options.sentence_span);
    for (size_t i = 0; i + n <= sentences.size(); ++i) {
      windows.push_back(HashSequence(std::span<const uint64_t>(sentences).subspan(i, n)));
    }
    EXPECT_EQ(digest.sentence_spans.windows, windows) << d;
  }
}

TEST(CorpusStage, MemoryIsCounted) {
  CorpusStage stage;
  EXPECT_LT(stage.memory_bytes(), 4096u);
  std::vector<std::string> docs;
  for (int i = 0; i < 50; ++i) docs.push_back(Paragraph("d" + Letters(i), 300));
  RunCorpus(&stage, docs);
  EXPECT_EQ(stage.counters().indexed_documents, 50u);
  // 300 shingle fingerprints of 4 bytes plus the band entries, per document.
  EXPECT_GT(stage.memory_bytes(), 50u * 290 * 4);
  EXPECT_LT(stage.memory_bytes(), 50u * 8000);
}

// ---------------------------------------------------------------------------
// Differential test: a generated corpus against brute-force Jaccard
// ---------------------------------------------------------------------------

// A seeded word model: common English function words with Zipf-like
// weights, and a few thousand content words built from syllables.
class WordModel {
 public:
  explicit WordModel(uint64_t seed) : rng_(seed) {
    static const char* const kCommon[] = {
        "the", "of", "and", "to", "a", "in", "that", "is", "was", "for", "on", "it", "with",
        "as", "he", "she", "they", "at", "by", "this", "from", "but", "not", "or", "have",
        "had", "were", "which", "their", "we", "an", "said", "after", "over", "more", "new",
        "first", "two", "years", "people", "city", "government", "would", "could", "been"};
    static const char* const kSyllables[] = {
        "ka", "ren", "to", "mis", "bel", "ar", "dun", "lo", "vi", "sen", "tor", "pa",
        "gri", "mo", "el", "han", "cu", "ster", "ri", "bo", "nal", "fe", "quin", "da"};
    for (const char* w : kCommon) common_.push_back(w);
    for (int i = 0; i < 4000; ++i) {
      std::string w;
      const int n = 2 + static_cast<int>(rng_() % 3);
      for (int k = 0; k < n; ++k) w += kSyllables[rng_() % std::size(kSyllables)];
      content_.push_back(w);
    }
  }

  uint64_t Next() { return rng_(); }
  size_t Below(size_t n) { return static_cast<size_t>(rng_() % n); }

  std::string Word() {
    if (Below(100) < 45) {
      // Zipf-like: rank r with weight about 1 / (r + 1).
      const double log_n = std::log(static_cast<double>(common_.size()) + 1.0);
      const double u = static_cast<double>(Below(1000)) / 1000.0;
      const size_t r = static_cast<size_t>(std::exp(u * log_n) - 1);
      return common_[std::min(r, common_.size() - 1)];
    }
    return content_[Below(content_.size())];
  }

  std::string Sentence() {
    const size_t n = 8 + Below(11);
    std::string s;
    for (size_t i = 0; i < n; ++i) {
      std::string w = Word();
      if (i == 0) w[0] = static_cast<char>(w[0] - 'a' + 'A');
      if (i > 0) s += ' ';
      s += w;
    }
    return s + ".";
  }

 private:
  std::mt19937_64 rng_;
  std::vector<std::string> common_;
  std::vector<std::string> content_;
};

using Doc = std::vector<std::vector<std::string>>;  // paragraphs of sentences

size_t CountWords(const std::string& s) {
  return static_cast<size_t>(std::count(s.begin(), s.end(), ' ')) + 1;
}

Doc BaseDocument(WordModel* model) {
  const size_t target = 150 + model->Below(251);
  Doc doc;
  size_t words = 0;
  while (words < target) {
    auto& paragraph = doc.emplace_back();
    const size_t n = 3 + model->Below(3);
    for (size_t i = 0; i < n && words < target; ++i) {
      paragraph.push_back(model->Sentence());
      words += CountWords(paragraph.back());
    }
  }
  return doc;
}

// An edited copy: sentences dropped and reordered, words changed, and
// boilerplate lines added, each with a random strength so that copies land
// on both sides of the 0.8 threshold.
Doc EditedCopy(const Doc& base, WordModel* model) {
  Doc doc = base;
  const size_t drops = model->Below(2);
  for (size_t i = 0; i < drops; ++i) {
    auto& p = doc[model->Below(doc.size())];
    if (p.size() > 1) p.erase(p.begin() + static_cast<std::ptrdiff_t>(model->Below(p.size())));
  }
  if (model->Below(3) == 0) {
    auto& p = doc[model->Below(doc.size())];
    if (p.size() > 1) std::swap(p[0], p[p.size() - 1]);
  }
  if (doc.size() > 1 && model->Below(4) == 0) std::swap(doc[0], doc[1]);
  const size_t changes = model->Below(16);
  for (size_t i = 0; i < changes; ++i) {
    auto& p = doc[model->Below(doc.size())];
    std::string& s = p[model->Below(p.size())];
    // Replace one word (not the first) by another.
    std::vector<size_t> spaces;
    for (size_t k = 0; k < s.size(); ++k) {
      if (s[k] == ' ') spaces.push_back(k);
    }
    if (spaces.empty()) continue;
    const size_t begin = spaces[model->Below(spaces.size())] + 1;
    const size_t end = s.find_first_of(" .", begin);
    s.replace(begin, end - begin, model->Word());
  }
  static const char* const kBoilerplate[] = {"Advertisement", "Share this article",
                                             "Sign up for our newsletter", "Read more",
                                             "Photo: Reuters", "Related stories"};
  const size_t lines = model->Below(4);
  for (size_t i = 0; i < lines; ++i) {
    std::vector<std::string> line = {kBoilerplate[model->Below(std::size(kBoilerplate))]};
    if (model->Below(2) == 0) {
      doc.insert(doc.begin(), line);
    } else {
      doc.push_back(line);
    }
  }
  return doc;
}

std::string Text(const Doc& doc) {
  std::string text;
  for (const auto& p : doc) {
    if (!text.empty()) text += "\n\n";
    for (size_t i = 0; i < p.size(); ++i) {
      if (i > 0) text += ' ';
      text += p[i];
    }
  }
  return text + "\n";
}

std::vector<uint64_t> ShingleSet(const std::string& text) {
  WordHasher hasher;
  std::vector<uint64_t> words, shingles;
  hasher.HashWords(text, {0, static_cast<uint32_t>(text.size())}, &words);
  ShingleHashes(words, 5, &shingles);
  std::sort(shingles.begin(), shingles.end());
  shingles.erase(std::unique(shingles.begin(), shingles.end()), shingles.end());
  return shingles;
}

// Spilled or in memory; shingles sorted by the digest or by the stage.
class CorpusStageSpill : public ::testing::TestWithParam<std::tuple<bool, bool>> {};

TEST_P(CorpusStageSpill, NearDuplicatesAgreeWithBruteForceJaccard) {
  const uint64_t kSeed = 424242;
  SCOPED_TRACE(::testing::Message() << "seed " << kSeed);
  WordModel model(kSeed);
  std::vector<Doc> bases;
  std::vector<std::string> corpus;
  for (int i = 0; i < 200; ++i) {
    bases.push_back(BaseDocument(&model));
    corpus.push_back(Text(bases.back()));
    // After each base, sometimes a copy of an earlier base (or of itself):
    // exact, or edited (lightly or heavily).
    const size_t copies = model.Below(100) < 60 ? 1 + model.Below(2) : 0;
    for (size_t c = 0; c < copies; ++c) {
      const Doc& of = bases[model.Below(bases.size())];
      corpus.push_back(model.Below(5) == 0 ? Text(of) : Text(EditedCopy(of, &model)));
    }
  }

  // Brute force: each document's best Jaccard with any earlier document.
  std::vector<std::vector<uint64_t>> sets;
  for (const std::string& text : corpus) sets.push_back(ShingleSet(text));
  const size_t n = corpus.size();
  std::vector<double> best(n, 0.0);
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = 0; j < i; ++j) best[i] = std::max(best[i], SortedSetJaccard(sets[i], sets[j]));
  }

  const auto [spill, sort] = GetParam();
  CorpusOptions options;
  if (spill) options.spill_dir = ::testing::TempDir();
  options.sort_shingles = sort;
  CorpusStage stage(options);
  const auto results = RunCorpus(&stage, corpus);
  ASSERT_TRUE(stage.status().ok()) << stage.status();
  // Whoever sorts the shingles, the decisions and the pairs verified are
  // the same.
  options.sort_shingles = !sort;
  CorpusStage other(options);
  const auto other_results = RunCorpus(&other, corpus);
  EXPECT_EQ(stage.counters().candidates, other.counters().candidates);
  for (size_t i = 0; i < corpus.size(); ++i) {
    ASSERT_EQ(results[i].kept, other_results[i].kept) << "document " << i;
    ASSERT_EQ(results[i].removals.size(), other_results[i].removals.size()) << "document " << i;
    for (size_t k = 0; k < results[i].removals.size(); ++k) {
      EXPECT_EQ(results[i].removals[k].rule, other_results[i].removals[k].rule);
      EXPECT_EQ(results[i].removals[k].kept_document, other_results[i].removals[k].kept_document);
      EXPECT_EQ(results[i].removals[k].score, other_results[i].removals[k].score);
    }
  }
  size_t positives = 0, found = 0, false_removals = 0, borderline = 0, exact = 0;
  for (size_t i = 0; i < n; ++i) {
    SCOPED_TRACE(::testing::Message() << "document " << i);
    const bool positive = best[i] >= 0.8;
    if (positive) ++positives;
    if (best[i] >= 0.5 && best[i] < 0.8) ++borderline;
    const Removal* whole = nullptr;
    for (const Removal& r : results[i].removals) {
      if (r.rule == "exact_document" || r.rule == "near_duplicate") whole = &r;
    }
    if (whole == nullptr) continue;
    if (whole->rule == "exact_document") ++exact;
    EXPECT_EQ(results[i].kept, "");
    ASSERT_GE(whole->kept_document, 0);
    ASSERT_LT(static_cast<size_t>(whole->kept_document), i);  // the first copy stays
    const double j = SortedSetJaccard(sets[i], sets[static_cast<size_t>(whole->kept_document)]);
    EXPECT_GE(j, 0.8);
    EXPECT_NEAR(whole->score, j, 1e-6);
    if (positive) {
      ++found;
    } else {
      ++false_removals;
    }
  }
  ASSERT_GT(positives, 50u);
  ASSERT_GT(borderline, 10u);  // the false-removal check has something to bite on
  const double recall = static_cast<double>(found) / static_cast<double>(positives);
  std::cout << "[ corpus  ] " << n << " documents, " << positives
            << " with an earlier document at Jaccard >= 0.8 (" << exact
            << " removed as exact), " << borderline << " at 0.5-0.8; recall " << recall
            << ", false removals " << false_removals << ", candidates verified "
            << stage.counters().candidates << ", index " << stage.memory_bytes()
            << " bytes\n";
  EXPECT_GE(recall, 0.95);
  EXPECT_EQ(false_removals, 0u);
  if (spill) {
    EXPECT_GT(stage.spilled_bytes() + stage.memory_bytes(), 0u);
  }
}

INSTANTIATE_TEST_SUITE_P(InMemoryAndSpilled, CorpusStageSpill,
                         ::testing::Combine(::testing::Bool(), ::testing::Bool()));

// A run that knows its document count sizes its tables once (after 1/32 of
// the documents, and at least 1,000) and decides exactly as one that lets
// them grow.
TEST(CorpusStage, PlannedTablesDecideTheSame) {
  WordModel model(99);
  std::vector<Doc> bases;
  std::vector<std::string> corpus;
  while (corpus.size() < 2400) {
    bases.push_back(BaseDocument(&model));
    corpus.push_back(Text(bases.back()));
    if (model.Below(100) < 30) {
      const Doc& of = bases[model.Below(bases.size())];
      corpus.push_back(model.Below(3) == 0 ? Text(of) : Text(EditedCopy(of, &model)));
    }
  }
  CorpusOptions options;
  options.sort_shingles = false;
  CorpusStage grown(options);
  options.expected_documents = corpus.size();
  CorpusStage planned(options);
  const auto grown_results = RunCorpus(&grown, corpus);
  const auto planned_results = RunCorpus(&planned, corpus);
  ASSERT_GT(grown.counters().near_duplicates + grown.counters().exact_documents, 100u);
  EXPECT_EQ(grown.counters().candidates, planned.counters().candidates);
  for (size_t i = 0; i < corpus.size(); ++i) {
    ASSERT_EQ(grown_results[i].kept, planned_results[i].kept) << "document " << i;
    ASSERT_EQ(grown_results[i].removals.size(), planned_results[i].removals.size()) << i;
    for (size_t k = 0; k < grown_results[i].removals.size(); ++k) {
      EXPECT_EQ(grown_results[i].removals[k].rule, planned_results[i].removals[k].rule);
      EXPECT_EQ(grown_results[i].removals[k].kept_document,
                planned_results[i].removals[k].kept_document);
    }
  }
  // Sized for the whole run: about what growing reached, not more.
  EXPECT_LT(planned.memory_bytes(), grown.memory_bytes() * 5 / 4);
  EXPECT_GT(planned.memory_bytes(), grown.memory_bytes() * 4 / 5);

  // The plan is made at the 1,000th document; from then on each shard
  // grows once, straight to its planned size, where growing shards double
  // about log2(2,400 / 1,000) times more.
  EXPECT_LT(planned.index_resizes(), grown.index_resizes());
}

TEST(ShingleStore, SpilledSetsReadBackExactly) {
  for (const bool spill : {false, true}) {
    SCOPED_TRACE(spill ? "spilled" : "in memory");
    ShingleStore::Options options;
    if (spill) options.spill_dir = ::testing::TempDir();
    options.buffer_bytes = 32;  // 8 elements: most sets go to the file
    ShingleStore store(options);
    ASSERT_TRUE(store.status().ok()) << store.status();
    EXPECT_EQ(store.spilling(), spill);
    std::mt19937 rng(5);
    std::vector<std::vector<uint32_t>> sets;
    std::vector<ShingleStore::Ref> refs;
    for (int i = 0; i < 300; ++i) {
      std::vector<uint32_t> set(rng() % 40);
      for (uint32_t& x : set) x = static_cast<uint32_t>(rng());
      refs.push_back(store.Add(set));
      sets.push_back(std::move(set));
    }
    std::vector<uint32_t> scratch;
    for (size_t i = 0; i < sets.size(); ++i) {
      const std::span<const uint32_t> got = store.Get(refs[i], &scratch);
      ASSERT_TRUE(std::equal(got.begin(), got.end(), sets[i].begin(), sets[i].end())) << i;
    }
    ASSERT_TRUE(store.status().ok()) << store.status();
    if (spill) {
      EXPECT_GT(store.spilled_bytes(), 0u);
      EXPECT_LE(store.memory_bytes(), 64u * sizeof(uint32_t));  // the buffer only
    }
  }
}

TEST(ShingleStore, UnusableFolderIsAnError) {
  ShingleStore store(ShingleStore::Options{.spill_dir = "/nonexistent/winnow-test"});
  EXPECT_EQ(store.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_NE(store.status().message().find("/nonexistent/winnow-test"), std::string_view::npos)
      << store.status();
  // Later use stores nothing and does not crash.
  const std::vector<uint32_t> set = {1, 2, 3};
  std::vector<uint32_t> scratch;
  EXPECT_TRUE(store.Get(store.Add(set), &scratch).empty());
}

}  // namespace
}  // namespace winnow
