// Property tests of cleaning on generated documents (seeded; every failure
// prints the seed and the document, and WINNOW_PROPERTY_SEED=N reruns one).
//
//   Cleaner_KeptTextIsWholeInputLines  output ⊆ input: whole lines, in order
//   Cleaner_IsIdempotent...            clean(clean(x)) == clean(x) where it
//   Cleaner_SecondPass...              holds (see the comment before them)
//   Corpus_ExactDocuments...           exact-document dedup keeps the same SET
//                                      of distinct texts whatever the order
//   Corpus_ExactParagraphs...          exact-paragraph dedup keeps every
//                                      distinct long paragraph exactly once,
//                                      whatever the order
//
// What is NOT order-independent, and so not tested as such: which copy of a
// duplicate is kept (the first in input order, by design), and near
// duplicates: with A~B and B~C but not A~C, the order A,B,C keeps A and C
// while B,A,C keeps only B (dedup/corpus.h, "Streaming, not clustering").

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "testing/clean_invariants.h"
#include "testing/invariants.h"
#include "winnow/pipeline/cleaner.h"
#include "winnow/text/normalizer.h"
#include "winnow/text/utf8.h"

namespace winnow {
namespace {

// Seeds to run: 1..kSeeds, or the one in WINNOW_PROPERTY_SEED.
std::vector<uint32_t> Seeds(uint32_t count) {
  if (const char* one = std::getenv("WINNOW_PROPERTY_SEED")) {
    return {static_cast<uint32_t>(std::strtoul(one, nullptr, 10))};
  }
  std::vector<uint32_t> seeds;
  for (uint32_t s = 1; s <= count; ++s) seeds.push_back(s);
  return seeds;
}

// A small word model: news-like sentences from a fixed vocabulary, with
// stop words so the boilerplate classifier sees prose.
class DocGenerator {
 public:
  explicit DocGenerator(uint32_t seed) : rng_(seed) {}

  size_t Pick(size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng_); }
  bool Chance(double p) { return std::bernoulli_distribution(p)(rng_); }

  std::string Sentence(int min_words, int max_words) {
    static const char* const kNouns[] = {
        "council", "harbour",  "budget",   "school", "railway", "festival", "river",
        "hospital", "museum",  "library",  "market", "bridge",  "storm",    "farmers",
        "teachers", "drivers", "minister", "report", "village", "workers",  "Straße",
        "café",     "Zürich",  "Kraków",   "2024",   "42"};
    static const char* const kGlue[] = {"the", "a",    "of",   "and",  "to",    "in",
                                        "on",  "with", "that", "from", "after", "for"};
    static const char* const kVerbs[] = {"approved", "opened", "closed", "delayed",
                                         "said",     "agreed", "voted",  "reported"};
    const int n = min_words + static_cast<int>(Pick(max_words - min_words + 1));
    std::string s;
    for (int i = 0; i < n; ++i) {
      if (i > 0) s += ' ';
      const size_t kind = Pick(3);
      s += kind == 0 ? kNouns[Pick(std::size(kNouns))]
                     : kind == 1 ? kGlue[Pick(std::size(kGlue))] : kVerbs[Pick(std::size(kVerbs))];
    }
    s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
    s += Chance(0.1) ? "!" : ".";
    return s;
  }

  std::string Paragraph() {
    std::string p;
    const int sentences = 1 + static_cast<int>(Pick(4));
    for (int i = 0; i < sentences; ++i) {
      if (i > 0) p += ' ';
      p += Sentence(6, 18);
    }
    return p;
  }

  std::string BoilerplateLine() {
    static const char* const kLines[] = {
        "Home | News | Sport | Weather", "Share this article", "Cookie settings",
        "© 2024 Example News. All rights reserved.", "Subscribe to our newsletter",
        "Advertisement", "Read more", "Menu", "Related stories", "Posted by admin"};
    return kLines[Pick(std::size(kLines))];
  }

  // A document: paragraphs, boilerplate lines, exact and near repeats of
  // earlier paragraphs, in either layout (blank lines between paragraphs or
  // one paragraph per line), with "\n" or "\r\n", sometimes ragged blank
  // lines and no final terminator.
  std::string Document() {
    const bool blank_layout = Chance(0.6);
    const char* eol = Chance(0.15) ? "\r\n" : "\n";
    std::vector<std::string> units;
    std::vector<std::string> paragraphs;
    const int n = 1 + static_cast<int>(Pick(12));
    for (int i = 0; i < n; ++i) {
      const size_t kind = Pick(10);
      if (kind < 5 || paragraphs.empty()) {
        paragraphs.push_back(Paragraph());
        units.push_back(paragraphs.back());
      } else if (kind < 7) {
        // Furniture on its own, or glued to the next paragraph in one block
        // (a first pass then cuts that block: see clean_invariants.h).
        units.push_back(Chance(0.7) ? BoilerplateLine()
                                    : BoilerplateLine() + eol + Paragraph());
      } else if (kind < 8) {
        units.push_back(paragraphs[Pick(paragraphs.size())]);  // exact repeat
      } else if (kind < 9) {
        std::string p = paragraphs[Pick(paragraphs.size())];  // reworded repeat
        p += " " + Sentence(3, 6);
        units.push_back(p);
      } else {
        units.push_back(Sentence(2, 5));  // short line, headline-like
      }
    }
    std::string doc;
    if (Chance(0.1)) doc += eol;  // leading blank line
    for (size_t i = 0; i < units.size(); ++i) {
      if (i > 0 && blank_layout) {
        doc += eol;
        if (Chance(0.1)) doc += std::string("  ") + eol;  // a second, whitespace-only blank
      }
      doc += units[i];
      if (i + 1 < units.size() || !Chance(0.2)) doc += eol;
    }
    return doc;
  }

 private:
  std::mt19937 rng_;
};

constexpr uint32_t kDocSeeds = 400;

TEST(Property, Cleaner_KeptTextIsWholeInputLines) {
  for (uint32_t seed : Seeds(kDocSeeds)) {
    DocGenerator gen(seed);
    const std::string doc = gen.Document();
    Cleaner cleaner;
    std::string clean;
    cleaner.Clean(doc, &clean);
    const std::string problem = testing::KeptLinesProblem(doc, clean);
    ASSERT_EQ(problem, "") << "seed " << seed << "\n--- input\n" << doc << "--- kept\n" << clean;
    ASSERT_TRUE(IsValidUtf8(clean)) << "seed " << seed;
  }
}

// clean(clean(x)) == clean(x) does not hold in general, for two reasons.
// (1) The boilerplate classifier (boilerplate steps 2 and 3: smoothing
// between neighbours, content regions scored along the whole document)
// decides a unit from its context, and the first pass changes the context:
// furniture that split the text into runs is gone (its -hard_penalty no
// longer cuts a run), repeats are gone, the language guess sees other
// words; so a second pass can move region borders and remove more. (2) A
// block the first pass cut (some lines removed, some kept) or a layout that
// lost its blank lines gives a second pass other blocks, which the repeats
// stage compares afresh (tests/testing/clean_invariants.h). What holds, and
// is checked here and by the cleaner fuzz target: a second pass never
// removes by a line rule; with the classifier off and every block kept or
// removed whole by the first pass, it removes nothing. It never puts text
// back (output ⊆ input).
CleanerOptions WithoutClassifier() {
  CleanerOptions options;
  options.boilerplate.classify = false;
  return options;
}

struct TwoPasses {
  std::string once;
  std::string twice;
  bool whole = false;  // BlocksKeptWhole
  std::vector<Removal> second_removals;
};

TwoPasses CleanTwice(const std::string& doc, const CleanerOptions& options) {
  TwoPasses r;
  Cleaner first(options);
  first.Clean(doc, &r.once);
  Cleaner second(options);  // fresh: no corpus memory of the first pass
  second.Clean(r.once, &r.twice);
  r.whole = testing::BlocksKeptWhole(first.context(), second.context());
  r.second_removals = second.removals();
  return r;
}

TEST(Property, Cleaner_IsIdempotentWithoutTheClassifierWhenBlocksStayWhole) {
  int removed_something = 0;
  int cut = 0;
  for (uint32_t seed : Seeds(kDocSeeds)) {
    DocGenerator gen(seed);
    const std::string doc = gen.Document();
    const TwoPasses r = CleanTwice(doc, WithoutClassifier());
    removed_something += r.once != doc;
    cut += !r.whole;
    for (const Removal& removal : r.second_removals) {
      ASSERT_FALSE(testing::IsLineRule(removal.rule)) << "seed " << seed << ": " << removal.rule;
    }
    if (!r.whole) continue;
    ASSERT_EQ(r.twice, r.once) << "seed " << seed << "; the second pass removed "
                               << r.second_removals.size() << " span(s), first rule "
                               << (r.second_removals.empty() ? "" : r.second_removals[0].rule)
                               << "\n--- input\n" << doc << "--- once\n" << r.once;
  }
  // The generator must exercise the stages and both cases, or this proves nothing.
  if (!std::getenv("WINNOW_PROPERTY_SEED")) {
    EXPECT_GT(removed_something, 100);
    EXPECT_GT(cut, 10);
    EXPECT_LT(cut, 300);
  }
}

TEST(Property, Cleaner_SecondPassNeverRemovesByALineRule) {
  // With the classifier on, a second pass may remove more (see above), by
  // the classifier or by repeats it sets off (a text whose third copy the
  // classifier removed is no longer "structure" for the repeats stage), but
  // never by a line rule. The share that changes is printed, not asserted.
  int not_idempotent = 0;
  int not_idempotent_whole = 0;
  const uint32_t seeds = static_cast<uint32_t>(Seeds(kDocSeeds).size());
  for (uint32_t seed : Seeds(kDocSeeds)) {
    DocGenerator gen(seed);
    const std::string doc = gen.Document();
    const TwoPasses r = CleanTwice(doc, CleanerOptions{});
    not_idempotent += r.twice != r.once;
    not_idempotent_whole += r.whole && r.twice != r.once;
    for (const Removal& removal : r.second_removals) {
      ASSERT_FALSE(testing::IsLineRule(removal.rule)) << "seed " << seed << ": " << removal.rule;
    }
  }
  std::printf("default stages: %d of %u generated documents lose more text on a second pass "
              "(%d of them with every block kept or removed whole)\n",
              not_idempotent, seeds, not_idempotent_whole);
}

// See: issue 7. Found by the cleaner fuzz target: the first pass removes a
// menu line from the first paragraph and keeps the rest of it; on a second
// pass that rest is a whole block, which the repeats stage compares, and the
// third paragraph, a reworded copy of it, goes. Not a bug in either stage
// but the documented limit of idempotence (clean_invariants.h), which the
// checks above must classify as such.
TEST(Regression, Issue7_CutBlockMakesASecondPassRemoveARepeat) {
  const std::string doc =
      "Home | News | Sport | Weather\n"
      "Council workers cleared fallen trees from the coastal road on Tuesday after the storm "
      "brought down power lines near the harbour.\n\n"
      "Residents were told to avoid the area until Thursday morning.\n\n"
      "Council workers cleared fallen trees from the coastal road on Tuesday after the storm "
      "brought power lines down near the harbour.\n";
  const TwoPasses r = CleanTwice(doc, CleanerOptions{});
  EXPECT_FALSE(r.whole);
  EXPECT_EQ(testing::KeptLinesProblem(doc, r.once), "");
  ASSERT_FALSE(r.second_removals.empty()) << "once:\n" << r.once;
  EXPECT_EQ(r.second_removals[0].stage, StageId::kRepeats);
  EXPECT_EQ(r.second_removals[0].rule, "reworded_paragraph");
}

// Runs the corpus stage alone over `docs` in order; returns the kept texts.
std::vector<std::string> CleanCorpus(const std::vector<std::string>& docs, bool paragraphs) {
  CleanerOptions options;
  options.stages = {StageId::kCorpus};
  options.corpus.near_duplicates = false;
  options.corpus.exact_paragraphs = paragraphs;
  Cleaner cleaner(options);
  std::vector<std::string> kept;
  std::string clean;
  for (size_t i = 0; i < docs.size(); ++i) {
    cleaner.Clean(docs[i], &clean, i);
    kept.push_back(clean);
  }
  return kept;
}

TEST(Property, Corpus_ExactDocumentsKeepTheSameSetInAnyOrder) {
  // With exact copies in the input, a permutation changes which copy is kept
  // (the first one) but not the set of distinct texts kept: each distinct
  // text exactly once.
  for (uint32_t seed : Seeds(60)) {
    DocGenerator gen(seed);
    std::vector<std::string> distinct;
    for (size_t i = 0, n = 2 + gen.Pick(8); i < n; ++i) distinct.push_back(gen.Paragraph());
    std::vector<std::string> docs = distinct;
    for (size_t i = 0, n = gen.Pick(10); i < n; ++i) docs.push_back(distinct[gen.Pick(distinct.size())]);
    const std::set<std::string> expected(distinct.begin(), distinct.end());
    std::mt19937 shuffle(seed);
    for (int round = 0; round < 5; ++round) {
      std::shuffle(docs.begin(), docs.end(), shuffle);
      std::multiset<std::string> kept;
      for (const std::string& k : CleanCorpus(docs, false)) {
        if (!k.empty()) kept.insert(k);
      }
      ASSERT_EQ(kept.size(), expected.size()) << "seed " << seed << " round " << round;
      ASSERT_EQ(std::set<std::string>(kept.begin(), kept.end()), expected)
          << "seed " << seed << " round " << round;
    }
  }
}

TEST(Property, Corpus_ExactParagraphsKeepEachLongParagraphOnceInAnyOrder) {
  // Documents are long paragraphs (20+ words, so the rule applies) drawn
  // from a pool, no paragraph twice in one document. Whatever the order,
  // every distinct paragraph is in the output exactly once: its first
  // occurrence stays, later ones go.
  for (uint32_t seed : Seeds(60)) {
    DocGenerator gen(seed);
    std::vector<std::string> pool;
    for (size_t i = 0, n = 3 + gen.Pick(8); i < n; ++i) {
      pool.push_back(gen.Sentence(12, 16) + " " + gen.Sentence(12, 16));
    }
    std::vector<std::string> docs;
    std::set<std::string> used;
    for (size_t d = 0, n = 2 + gen.Pick(8); d < n; ++d) {
      std::vector<size_t> picks(pool.size());
      for (size_t i = 0; i < picks.size(); ++i) picks[i] = i;
      std::shuffle(picks.begin(), picks.end(), std::mt19937(seed * 131 + d));
      picks.resize(1 + gen.Pick(std::min<size_t>(4, pool.size())));
      std::string doc;
      for (size_t p : picks) {
        if (!doc.empty()) doc += "\n\n";
        doc += pool[p];
        used.insert(pool[p]);
      }
      docs.push_back(doc + "\n");
    }
    std::mt19937 shuffle(seed);
    for (int round = 0; round < 5; ++round) {
      std::shuffle(docs.begin(), docs.end(), shuffle);
      std::map<std::string, int> kept;
      for (const std::string& k : CleanCorpus(docs, true)) {
        for (std::string_view line : testing::LinesWithTerminators(k)) {
          std::string text(line);
          while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
          if (!text.empty()) ++kept[text];
        }
      }
      ASSERT_EQ(kept.size(), used.size()) << "seed " << seed << " round " << round;
      for (const auto& [paragraph, count] : kept) {
        ASSERT_EQ(count, 1) << "seed " << seed << " round " << round << ": " << paragraph;
        ASSERT_TRUE(used.count(paragraph)) << "seed " << seed;
      }
    }
  }
}

}  // namespace
}  // namespace winnow
