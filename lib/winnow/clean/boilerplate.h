// The boilerplate stage: tells article text from page furniture using the
// text alone.
//
// It works in three steps.
//
// 1. Hard rules, per line. Each removed line carries its rule's name:
//      lexicon        the normalized line matches the lexicon (clean/lexicon.h):
//                     "Advertisement", "Author", "Share this article", cookie
//                     notices, "All rights reserved" footers.
//      copyright      a short line that starts with "©" or "(c)".
//      menu_row       at least menu_min_items short items between separators
//                     ("Home | News | Sport"), no sentence punctuation.
//      link_label     a short line starting "Read more:", "Related:", ...
//      dateline       a line of at most dateline_max_words words with a clock
//                     time ("Alex on May 3, 2019 at 6:34 am said:", "Updated
//                     10:07 PM"): bylines, timestamps, comment headers.
//      frequent_line  corpus evidence: a line of at most
//                     frequent_line_max_words words that occurs in at least
//                     frequent_line_min_docs documents of the run
//                     (LineFrequencies; none for stdin).
//
// 2. A classifier, per unit: a block (paragraph) when the text has blank
//    lines between paragraphs, else a line (WET and most scraped dumps have
//    one HTML block per line); see UnitMode. A block whose lines stand
//    alone is split into line units (split_line_blocks): text renderers
//    such as w3m put a menu or a list of links in one block, one item a
//    line. A block's lines stand alone when at least half of them open
//    with a list mark (a bullet, "1.", "2)"), or when at most
//    line_block_max_wrap_share of the breaks between them look like a
//    wrapped sentence (the next line opens in lower case, or the line ends
//    in a hyphen or comma); a block with a wide gap inside a line (three
//    spaces: table columns side by side) is never split. Each unit is
//    classed, in the spirit of jusText, from its own features:
//      short  fewer than short_min_words words;
//      good   at least good_min_words words, a stop-word share of at least
//             good_min_stopword_share, ends in sentence punctuation and is
//             not title-cased (a headline);
//      near   a stop-word share of at least near_min_stopword_share, or
//             (sentence_is_near) a sentence that is not a headline: list
//             items and terse sentences;
//      bad    anything else.
//    Units without words (bullets, rules) are neutral.
//    Headline-like units (no final punctuation or mostly capitalized content
//    words; capitals are not looked at in German, which capitalizes nouns)
//    of fewer than headline_max_words words count as short. Stop words
//    are those of the document's language (StopWordLanguages and a guess
//    over the document); in a document whose words are almost never stop
//    words of any known language (stop-word share below
//    unknown_language_stopword_share: Korean, Indonesian, tables of figures),
//    the stop-word tests are skipped. Words of CJK scripts count two
//    characters to a word.
//    Context smoothing: a short or near unit between two good units is good;
//    between two bad units (or hard-rule lines) bad; otherwise near stays
//    (good) and short goes (bad). Lines removed as dateline or frequent_line
//    do not end the context (smooth_across_labels): timestamps and
//    recurring labels ("Posted", "Reply") head the records of a thread or a
//    listing, inside its content.
//
// 3. Content regions. Scores along the document — good: +words, near:
//    +near_weight*words, short: -short_penalty (-short_in_good_penalty when
//    smoothing made it good: list items and subheads inside the body), bad:
//    -bad_weight*words, hard-rule line: -hard_penalty — are cut into maximal
//    positive-sum runs (the article body is one long run of prose; menus,
//    teasers and footers break it). Runs scoring at least region_min_share of
//    the best run and at least region_min_score are content regions. A unit is
//    kept when it lies in a content region and its smoothed class is not bad,
//    or it ends in sentence punctuation (keep_region_sentences: references,
//    results and data lines inside the body have few stop words but are
//    sentences; headline-like link lists are not); others go with the rule
//    outside_content or low_content. A page whose best run holds less than
//    dispersed_top_share of all positive runs' score has no single body
//    (listings, forums, link pages with text): there every run of at least
//    dispersed_min_score is a region and everything in it stays. A short unit
//    of at least heading_min_words words right before a kept unit (hard-rule
//    furniture between them does not count) is a heading and stays
//    (keep_headings), as jusText keeps headings near good text. When the
//    regions keep nothing (no run reaches the thresholds, or they hold only
//    doubtful units), the page has no clear body and every unit that no hard
//    rule removed is kept (WeakPage::kKeepAll): text is worth more than
//    furniture.
//
// Options (BoilerplateOptions) and defaults:
//
//   option                          default  meaning
//   ------------------------------  -------  --------------------------------
//   classify                        true     steps 2 and 3 (false: hard rules only)
//   menu_min_items                  3        see menu_row
//   menu_max_item_words             4        longest menu item, in words
//   dateline_max_words              15       see dateline (0 = off)
//   frequent_line_min_docs          2        see frequent_line (0 = off)
//   frequent_line_max_words         15       longer frequent lines are not removed
//                                            by the rule; the classifier counts them
//                                            as bad (a duplicated page is left to the
//                                            corpus stage, which keeps the first copy)
//   short_min_words                 5
//   good_min_words                  10
//   good_min_stopword_share         0.30
//   near_min_stopword_share         0.20
//   title_case_share                0.60     content words capitalized: a headline
//   headline_max_words              20
//   unknown_language_stopword_share 0.08
//   near_weight                     0.3
//   bad_weight                      1.0
//   short_penalty                   3
//   hard_penalty                    20
//   region_min_share                0.3
//   region_min_score                30
//   weak_page                       kKeepAll  see WeakPage
//   keep_headings                   true     a short unit right before a kept
//                                            unit stays (a heading)
//   heading_min_words               2
//   unit                            kBlock   or kLine (see 2.)
//   sentence_is_near                true
//   dispersed_top_share             0.4
//   dispersed_min_score             10
//   split_line_blocks               true     classify a block's lines one by one
//                                            when they stand alone (see 2.)
//   line_block_max_wrap_share       0.2      share of wrapped-looking breaks
//   short_in_good_penalty           0.5      region score of a short unit
//                                            smoothed to good
//   keep_region_sentences           true     see 3.
//   smooth_across_labels            true     see 2.
//   share_words                     false    leave every line's word hashes
//                                            in DocumentContext::words()
//
//   BoilerplateStage stage;            // built-in lexicon, no corpus evidence
//   stage.Process(&ctx);               // records removals in ctx
//
// Not thread-safe (scratch buffers): one instance per thread. The lexicon and
// the line frequencies are shared, immutable while stages run, not owned.

#ifndef WINNOW_CLEAN_BOILERPLATE_H_
#define WINNOW_CLEAN_BOILERPLATE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "winnow/clean/lexicon.h"
#include "winnow/clean/line_frequency.h"
#include "winnow/clean/stopwords.h"
#include "winnow/hash/hash.h"
#include "winnow/stage/decision.h"
#include "winnow/text/normalizer.h"
#include "winnow/text/segmenter.h"

namespace winnow {

// What the classifier looks at: blocks as the segmenter cuts them
// (paragraphs when the text has blank lines between them, else lines), or
// always lines.
enum class UnitMode : uint8_t { kBlock, kLine };

// What to keep on a page where the regions keep nothing (no run reaches the
// thresholds, or the runs hold only doubtful units).
enum class WeakPage : uint8_t {
  kKeepAll,  // every unit no hard rule removed: text is worth more
  kBestRun,  // every unit of the best positive run
};

struct BoilerplateOptions {
  const Lexicon* lexicon = nullptr;                   // nullptr: Lexicon::BuiltIn()
  const LineFrequencies* line_frequencies = nullptr;  // nullptr: no corpus evidence
  bool classify = true;
  int menu_min_items = 3;
  int menu_max_item_words = 4;
  int dateline_max_words = 15;
  uint32_t frequent_line_min_docs = 2;
  int frequent_line_max_words = 15;
  int short_min_words = 5;
  int good_min_words = 10;
  double good_min_stopword_share = 0.30;
  double near_min_stopword_share = 0.20;
  double title_case_share = 0.60;
  int headline_max_words = 20;
  double unknown_language_stopword_share = 0.08;
  double near_weight = 0.3;
  double bad_weight = 1.0;
  double short_penalty = 3;
  double hard_penalty = 20;
  double region_min_share = 0.3;
  double region_min_score = 30;
  WeakPage weak_page = WeakPage::kKeepAll;
  bool keep_headings = true;
  int heading_min_words = 2;
  UnitMode unit = UnitMode::kBlock;
  bool sentence_is_near = true;
  double dispersed_top_share = 0.4;
  double dispersed_min_score = 10;
  bool split_line_blocks = true;
  double line_block_max_wrap_share = 0.2;
  double short_in_good_penalty = 0.5;
  bool keep_region_sentences = true;
  bool smooth_across_labels = true;
  // Leave the hashes of every line's words in DocumentContext::words() (the
  // default NormalizerOptions), for a repeats or corpus stage with the same
  // options that would split and hash them again.
  bool share_words = false;
};

// The class a unit gets from its own features (step 2 before smoothing).
enum class UnitClass : uint8_t { kBlank, kHard, kShort, kNear, kGood, kBad };

// What the classifier measured on one unit (exposed for tests and explain).
struct UnitFeatures {
  int words = 0;           // CJK-aware word count
  int stop_words = 0;      // stop words of the document's language
  bool terminal = false;   // ends in sentence punctuation
  double title_case = 0;   // share of content words that are capitalized
};

class BoilerplateStage final : public Stage {
 public:

  explicit BoilerplateStage(BoilerplateOptions options = {});

  StageId id() const override { return StageId::kBoilerplate; }
  void Process(DocumentContext* ctx) override;

  // The hard rule that removes `line`, or an empty view when none does.
  // (Corpus evidence is not consulted here.)
  std::string_view Classify(std::string_view line);

 private:
  struct Unit {
    uint32_t first_line = 0;  // lines [first_line, end_line) of the document
    uint32_t end_line = 0;
    uint32_t first_word = 0;  // range in masks_
    uint32_t end_word = 0;
    UnitFeatures features;
    UnitClass cls = UnitClass::kBlank;
    UnitClass smoothed = UnitClass::kBlank;
    bool label = false;  // removed only by dateline or frequent_line
  };

  // One word of a line that RemoveHardLines classified.
  struct LineWord {
    uint64_t hash = 0;        // HashBytes of the normalized word
    StopWordMask mask = 0;    // StopWordLanguages of the normalized word
    bool hashed = false;      // `hash` is set: share_words, and the normalized word is not empty
    bool digit = false;       // first character is a digit
    bool upper = false;       // first character is an uppercase letter
  };

  // Classify, also appending the line's words to line_words_.
  std::string_view ClassifyLine(std::string_view line);
  bool IsMenuRow(std::string_view line) const;
  bool IsLineStructured(const DocumentContext& ctx, const Block& block) const;
  void Measure(const DocumentContext& ctx, Unit* unit);
  UnitClass ClassOf(const UnitFeatures& f, bool use_stop_words, bool use_title_case) const;
  void RemoveHardLines(DocumentContext* ctx);
  void ClassifyUnits(DocumentContext* ctx);

  BoilerplateOptions options_;
  const Lexicon* lexicon_;
  const StopWordLookup& stop_words_ = StopWordLookup::Get();
  WordHasher word_hasher_;  // splits and normalizes words (default options)
  // Scratch, reused across documents.
  std::vector<Span> words_;  // the line's words, in the trimmed line
  size_t trimmed_begin_ = 0;  // where ClassifyLine's trimmed line starts in it
  bool trimmed_ascii_ = false;  // ClassifyLine's trimmed line is all ASCII
  std::string normalized_;
  std::string_view joined_;  // the line's normalized words joined, in normalized_
  std::vector<StopWordMask> masks_;
  std::vector<Unit> units_;
  std::vector<double> scores_;
  std::vector<uint8_t> in_region_;
  std::vector<uint8_t> label_line_;
  // Per line classified: its trimmed text is all ASCII, so it holds no CJK
  // (the spaces trimmed off are not CJK either) and Measure need not scan it.
  std::vector<uint8_t> ascii_line_;
  std::vector<uint8_t> frequent_long_;  // per line: frequent but too long for the rule
  // A word of a non-ASCII line in normalized_ (ClassifyLine).
  struct JoinedWord {
    uint32_t word = 0;    // index among the line's words
    uint32_t offset = 0;  // in normalized_
    uint32_t size = 0;
  };
  // Scratch of RemoveHardLines: each line kept, its rule (empty: none from
  // its text) and, without one, the key whose count decides.
  struct PendingLine {
    uint32_t line = 0;
    uint32_t words = 0;
    uint64_t key = 0;
    std::string_view rule;
  };
  std::vector<PendingLine> pending_;
  std::vector<JoinedWord> joined_words_;   // scratch of ClassifyLine
  std::vector<LineWord> line_words_;       // words of the classified lines, in order
  std::vector<uint32_t> line_first_word_;  // per line (+1): its first word in line_words_
};

}  // namespace winnow

#endif  // WINNOW_CLEAN_BOILERPLATE_H_
