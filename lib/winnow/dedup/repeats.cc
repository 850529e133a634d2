#include "winnow/dedup/repeats.h"

#include <algorithm>
#include <cstring>
#include <iterator>
#include <span>

#include "absl/base/attributes.h"
#include "winnow/base/check.h"
#include "winnow/base/swar.h"
#include "winnow/text/segmenter.h"
#include "winnow/text/utf8.h"

namespace winnow {
namespace {

// Closing quotes, brackets and emphasis marks that may follow a terminal.
// clang-format off
bool IsCloser(char32_t cp) {
  switch (cp) {
    case '"': case '\'': case ')': case ']': case '}': case '*': case '_':
    case 0x2019: case 0x201D: case 0x00BB: case 0x203A:  // ’ ” » ›
    case 0x300D: case 0x300F: case 0xFF09:               // 」 』 ）
      return true;
    default:
      return false;
  }
}
// clang-format on

// True when the span ends, before closing quotes and brackets, with
// terminal punctuation: the block reads as prose, not as a heading, list
// item, table row or line fragment.
bool EndsLikeProse(std::string_view text, Span span) {
  size_t end = span.end;
  while (end > span.begin) {
    char32_t cp;
    const size_t start = PreviousCodePointStart(text, end, &cp);
    if (IsSentenceTerminal(cp)) return true;
    if (!IsSpaceChar(cp) && !IsCloser(cp)) return false;
    end = start;
  }
  return false;
}

// True when the first letter or digit of the span is a lowercase letter: the
// block continues a sentence begun on an earlier line (hard-wrapped text).
bool StartsLowercase(std::string_view text, Span span) {
  size_t pos = span.begin;
  while (pos < span.end) {
    char32_t cp;
    pos += DecodeUtf8(text, pos, &cp);
    if (IsWordChar(cp)) return IsLowerChar(cp);
  }
  return false;
}

// CJK ideographs, kana and Hangul (and the rest above U+2E80): a word of a
// few characters is a whole content word, and unspaced text makes a clause
// one "word", so such words are neither cut nor down-weighted.
bool IsWide(char32_t cp) { return cp >= 0x2E80; }

bool HasDigit(std::string_view word) {
  size_t pos = 0;
  while (pos < word.size()) {
    char32_t cp;
    pos += DecodeUtf8(word, pos, &cp);
    if (IsDigitChar(cp)) return true;
  }
  return false;
}

// The key of a stem (a word's first stem_letters letters, or the whole
// word): a stem of at most seven ASCII bytes is its own key, its bytes
// (zero past its end) with the top byte 0x80, which needs no hashing and
// is exact; any other stem's key is HashBytes of it (`hash` when the stem
// is the whole word). Keys are only compared for equality; an XXH3 value
// equals a given packed key with probability 2^-64.
constexpr size_t kPackedStemBytes = 7;
uint64_t PackedStemKey(uint64_t bytes) { return bytes | uint64_t{0x80} << 56; }
uint64_t StemKey(std::string_view stem, bool ascii, bool whole, uint64_t hash) {
  if (ascii && stem.size() <= kPackedStemBytes) {
    uint64_t bytes = 0;
    std::memcpy(&bytes, stem.data(), stem.size());
    return PackedStemKey(bytes);
  }
  return whole ? hash : HashBytes(stem);
}

// Only stems that weigh more than half a content word (with the default
// content_letters, words of four letters or more) find candidates: the
// short function words would make every sentence a candidate of every other.
// Their weight still counts in the score.
bool Indexed(double weight) { return weight > 0.5; }

}  // namespace

RepeatsStage::RepeatsStage(RepeatsOptions options)
    : options_(options),
      hasher_(options.normalizer),
      content_letters_(std::max(1, options.content_letters)) {
  for (size_t n = 0; n < weight_of_letters_.size(); ++n) {
    weight_of_letters_[n] =
        static_cast<float>(std::min(1.0, static_cast<double>(n) / content_letters_));
  }
}

void RepeatsStage::StemOfWord(std::string_view normalized, uint64_t hash, uint64_t* stem,
                              float* weight) const {
  // Letters and the stem: the first stem_letters code points.
  const auto stem_letters = static_cast<size_t>(std::max(0, options_.stem_letters));
  size_t pos = 0;
  size_t letters = 0;
  size_t cut = normalized.size();
  bool wide = false;
  size_t ascii = 0;  // leading ASCII bytes: one letter each, never wide
  while (ascii < normalized.size() && static_cast<unsigned char>(normalized[ascii]) < 0x80) {
    ++ascii;
  }
  if (ascii == normalized.size()) {
    letters = ascii;
    if (stem_letters < ascii) cut = stem_letters;
    pos = ascii;  // nothing left to decode
  }
  while (pos < normalized.size()) {
    char32_t cp;
    const size_t n = DecodeUtf8(normalized, pos, &cp);
    wide = wide || IsWide(cp);
    if (letters == stem_letters && cut == normalized.size()) cut = pos;
    ++letters;
    pos += n;
  }
  if (wide || stem_letters == 0) cut = normalized.size();
  *stem = StemKey(normalized.substr(0, cut), cut <= ascii, cut == normalized.size(), hash);
  *weight = static_cast<float>(
      wide ? 1.0 : std::min(1.0, static_cast<double>(letters) / content_letters_));
}

inline void RepeatsStage::AddToSet(uint32_t id, float weight, uint32_t token, SetMark* mark,
                                   uint32_t* ids, float* weights, uint32_t* size) {
  // Masks: the compiler makes a select on `fresh` a branch again.
  const uint32_t n = *size;
  const uint32_t fresh = 0 - static_cast<uint32_t>(mark->token != token);
  const uint32_t place = (n & fresh) | (mark->place & ~fresh);
  weights[n] = weight;
  weights[place] = std::min(weights[place], weight);
  ids[place] = id;
  *mark = {token, place};
  *size = n + (fresh & 1);
}

void RepeatsStage::AddSentence(std::string_view text, Span sentence, Unit* sent) {
  // Cursors in locals, written through pointers: the room was reserved by
  // Analyze, so no word tests a capacity, and no store makes the compiler
  // reload a member.
  const size_t seq_first = seq_.size();
  uint32_t* const seq = seq_.data() + seq_first;
  uint64_t* const hashes = block_words_.data() + block_words_.size();
  const size_t set_first = set_.size();
  uint32_t* const ids = set_.data() + set_first;
  float* const weights = set_weight_.data() + set_first;
  uint32_t* const block_ids = block_set_.data();
  float* const block_weights = block_set_weight_.data();
  SetStamp* const stamps = set_stamps_.data();
  const uint32_t token = ++set_token_;
  const uint32_t block_token = block_token_;
  const bool track_block = track_block_;
  uint32_t words = 0;
  uint32_t n = 0;
  uint32_t block_n = block_set_size_;
  // A word's stem joins the sentence's set and, with track_block, the
  // block's (AddToSet).
  auto add = [&](uint64_t hash, uint64_t stem, float weight) ABSL_ATTRIBUTE_ALWAYS_INLINE {
    const uint32_t id = stem_ids_.IdOf(stem);
    seq[words] = id;
    hashes[words] = hash;
    ++words;
    SetStamp& stamp = stamps[id];
    AddToSet(id, weight, token, &stamp.sentence, ids, weights, &n);
    if (track_block) {
      AddToSet(id, weight, block_token, &stamp.block, block_ids, block_weights, &block_n);
    }
  };
  auto add_other = [&](std::string_view raw, std::string_view normalized, uint64_t hash) {
    uint64_t stem;
    float weight;
    StemOfWord(normalized, hash, &stem, &weight);
    add(hash, stem, weight);
    if (HasDigit(raw)) numbers_.push_back(HashBytes(raw));
  };
  if (doc_words_ == nullptr) {
    hasher_.ForEachWord(text, sentence, [&](Span w, std::string_view normalized) {
      if (!normalized.empty()) add_other(w.In(text), normalized, HashBytes(normalized));
    });
  } else {
    // The boilerplate stage's words (DocumentContext::words()): the same
    // words with their hashes. A sentence starts and ends between words,
    // so its words are those whose spans lie in it.
    const std::vector<Span>& spans = doc_words_->spans;
    size_t next = doc_word_next_;
    while (next < spans.size() && spans[next].begin < sentence.begin) ++next;
    const size_t first = next;
    const auto stem_letters = static_cast<size_t>(std::max(0, options_.stem_letters));
    const NormalizerOptions& normalizer = hasher_.normalizer().options();
    const char* const text_end = text.data() + text.size();
    // Two passes: every word's stem key first, starting the load of its
    // slot in the stem-id table, then the ids and sets. The table is
    // larger than the first-level cache on long documents, and its slots
    // are at random: one wait for the sentence instead of one per word.
    uint64_t* const stems = pending_stems_.data();
    float* const stem_weights = pending_weights_.data();
    for (; next < spans.size() && spans[next].end <= sentence.end; ++next) {
      const size_t i = next - first;
      const std::string_view raw = spans[next].In(text);
      bool digit = false;
      if (!IsAsciiWithDigit(text, raw, &digit) || raw.size() > kFoldedWordBytes) {
        hasher_.normalizer().NormalizeWord(raw, &normalized_word_);
        StemOfWord(normalized_word_, doc_words_->hashes[next], &stems[i], &stem_weights[i]);
        stem_ids_.Prefetch(stems[i]);
        if (HasDigit(raw)) numbers_.push_back(HashBytes(raw));
        continue;
      }
      // An ASCII word (what StemOfWord does, without normalizing all of
      // it): it folds byte by byte, every byte is a letter or a digit, none
      // is wide.
      const size_t cut =
          stem_letters != 0 && stem_letters < raw.size() ? stem_letters : raw.size();
      uint64_t stem = doc_words_->hashes[next];
      if (cut <= kPackedStemBytes) {
        // The stem's key is its bytes: the first eight folded at once.
        uint64_t bytes = 0;
        if (raw.data() + 8 <= text_end) {
          bytes = LoadWord(raw.data());
        } else {
          std::memcpy(&bytes, raw.data(), std::min<size_t>(raw.size(), 8));
        }
        stem = PackedStemKey(FoldAsciiWordBytes(bytes, normalizer) & LowBytes(cut));
      } else if (cut < raw.size()) {
        for (size_t k = 0; k < cut; ++k) {
          folded_[k] = FoldAsciiWordChar(static_cast<unsigned char>(raw[k]), normalizer);
        }
        stem = HashBytes(std::string_view(folded_, cut));
      }
      stems[i] = stem;
      stem_weights[i] = weight_of_letters_[raw.size()];
      stem_ids_.Prefetch(stem);
      if (digit) numbers_.push_back(HashBytes(raw));
    }
    const uint64_t* const word_hashes = doc_words_->hashes.data() + first;
    for (size_t i = 0; i < next - first; ++i) add(word_hashes[i], stems[i], stem_weights[i]);
    doc_word_next_ = next;
  }
  seq_.ResizeUninitialized(seq_first + words);
  block_words_.ResizeUninitialized(block_words_.size() + words);
  set_.ResizeUninitialized(set_first + n);
  set_weight_.ResizeUninitialized(set_first + n);
  block_set_size_ = block_n;
  sent->seq_first = static_cast<uint32_t>(seq_first);
  sent->words = words;
  sent->set_first = static_cast<uint32_t>(set_first);
  sent->set_size = n;
}

void RepeatsStage::FinishSet(std::span<const uint64_t> numbers, Unit* unit) {
  const uint32_t* const ids = set_.data() + unit->set_first;
  const float* const weights = set_weight_.data() + unit->set_first;
  const size_t n = unit->set_size;
  // The indexed stems again, apart, so that finding candidates and
  // indexing need no branch on each stem's weight: each stem is written,
  // and the count moves past it only when it is indexed.
  const size_t indexed_first = indexed_.size();
  indexed_.Reserve(indexed_first + n);
  indexed_weight_.Reserve(indexed_first + n);
  uint32_t* indexed_ids = indexed_.data() + indexed_first;
  float* indexed_weights = indexed_weight_.data() + indexed_first;
  size_t m = 0;
  double total = 0;
  double short_total = 0;
  for (size_t i = 0; i < n; ++i) {
    const float weight = weights[i];
    const bool indexed = Indexed(weight);
    indexed_ids[m] = ids[i];
    indexed_weights[m] = weight;
    m += indexed ? 1 : 0;
    total += weight;
    // weight * 1 or weight * 0, exactly: a select the compiler would make a
    // branch, which mispredicts on about every other stem.
    short_total += weight * static_cast<float>(!indexed);
  }
  indexed_.ResizeUninitialized(indexed_first + m);
  indexed_weight_.ResizeUninitialized(indexed_first + m);
  unit->weight = total;
  unit->short_weight = short_total;
  unit->indexed_first = static_cast<uint32_t>(indexed_first);
  unit->indexed_size = static_cast<uint32_t>(m);
  unit->num_first = static_cast<uint32_t>(nums_.size());
  unit->num_size = static_cast<uint32_t>(numbers.size());
  nums_.insert(nums_.end(), numbers.begin(), numbers.end());
}

void RepeatsStage::Analyze(std::string_view text, uint32_t b, Span block_span,
                           const uint64_t* exact) {
  BlockInfo& info = infos_.back();
  info.block = b;
  info.first_sentence = static_cast<uint32_t>(units_.size());
  // Room for every word of the block (each has a byte of it): in seq_ and
  // block_words_, in the sets of its sentences and in its own, and a stamp
  // for each stem id it could number.
  const size_t most_words = block_span.end - block_span.begin + 1;
  block_words_.clear();
  block_words_.Reserve(most_words);
  seq_.Reserve(seq_.size() + most_words);
  set_.Reserve(set_.size() + 2 * most_words);
  set_weight_.Reserve(set_weight_.size() + 2 * most_words);
  if (set_stamps_.size() < stem_ids_.size() + most_words) {
    set_stamps_.resize(std::max(2 * set_stamps_.size(), stem_ids_.size() + most_words));
  }
  // A token per sentence and one for the block: every stamp is cleared
  // first when they could wrap.
  if (set_token_ > UINT32_MAX - 2 - sentence_spans_.size()) {
    std::fill(set_stamps_.begin(), set_stamps_.end(), SetStamp{});
    set_token_ = 0;
  }
  // With one sentence, the block's unit is the sentence's.
  track_block_ = sentence_spans_.size() >= 2;
  pending_stems_.Reserve(most_words);
  pending_weights_.Reserve(most_words);
  if (track_block_) {
    block_token_ = ++set_token_;
    block_set_size_ = 0;
    block_set_.Reserve(most_words);
    block_set_weight_.Reserve(most_words);
  }
  block_numbers_.clear();
  for (const Span& span : sentence_spans_) {
    Unit sent;
    sent.block = b;
    numbers_.clear();
    AddSentence(text, span, &sent);
    if (sent.words == 0) continue;
    std::sort(numbers_.begin(), numbers_.end());
    numbers_.erase(std::unique(numbers_.begin(), numbers_.end()), numbers_.end());
    if (track_block_) block_numbers_.insert(block_numbers_.end(), numbers_.begin(), numbers_.end());
    FinishSet(numbers_, &sent);
    units_.push_back(sent);
  }
  info.end_sentence = static_cast<uint32_t>(units_.size());
  info.words = static_cast<uint32_t>(block_words_.size());
  if (exact != nullptr) {
    WINNOW_DCHECK(*exact == HashSequence(block_words_)) << "block " << b;
    info.exact = *exact;
  } else {
    info.exact = HashSequence(block_words_);
  }
  // The block as one unit: its only sentence, or all of them together.
  if (info.end_sentence - info.first_sentence == 1) {
    info.unit = info.first_sentence;
  } else if (info.end_sentence > info.first_sentence) {
    Unit unit;
    unit.block = b;
    unit.seq_first = units_[info.first_sentence].seq_first;
    unit.words = static_cast<uint32_t>(seq_.size() - unit.seq_first);
    unit.set_first = static_cast<uint32_t>(set_.size());
    unit.set_size = block_set_size_;
    set_.Append(block_set_.data(), block_set_size_);
    set_weight_.Append(block_set_weight_.data(), block_set_size_);
    std::sort(block_numbers_.begin(), block_numbers_.end());
    block_numbers_.erase(std::unique(block_numbers_.begin(), block_numbers_.end()),
                         block_numbers_.end());
    FinishSet(block_numbers_, &unit);
    info.unit = static_cast<uint32_t>(units_.size());
    units_.push_back(unit);
  }
}

double RepeatsStage::Score(const Unit& p, const Unit& c, double indexed_shared) {
  const double max_weight = std::max(p.weight, c.weight);
  const double length = static_cast<double>(std::min(p.words, c.words)) /
                        static_cast<double>(std::max(p.words, c.words));
  auto combine = [&](double shared) {
    return (1 - options_.length_weight) * (shared / max_weight) + options_.length_weight * length;
  };
  // The penalties only lower the score: give up when even sharing every
  // short stem could not reach the threshold.
  if (combine(indexed_shared + std::min(p.short_weight, c.short_weight)) < options_.similarity) {
    return -1;
  }
  // The probe's stems are marked (once per probe): a stem of c that p
  // lacks adds nothing, without a branch on which.
  if (!probe_marked_) {
    MarkProbe(p);
    probe_marked_ = true;
  }
  double shared = 0;
  for (uint32_t k = 0; k < c.set_size; ++k) {
    const uint32_t id = set_[c.set_first + k];
    const float mine = probe_seen_[id] == probe_token_ ? probe_weight_[id] : 0.0f;
    shared += std::min(mine, set_weight_[c.set_first + k]);
  }
  double score = combine(shared);
  if (score < options_.similarity) return -1;
  // Longest run of words one sentence has and the other lacks.
  const uint32_t token = NextToken(&other_seen_, &other_token_);
  for (uint32_t k = 0; k < c.set_size; ++k) other_seen_[set_[c.set_first + k]] = token;
  uint32_t run = 0;
  auto longest_run = [&](const Unit& a, const std::vector<uint32_t>& other_seen, uint32_t mark) {
    uint32_t current = 0;
    for (uint32_t i = 0; i < a.words; ++i) {
      if (other_seen[seq_[a.seq_first + i]] == mark) {
        current = 0;
      } else {
        run = std::max(run, ++current);
      }
    }
  };
  longest_run(p, other_seen_, token);
  longest_run(c, probe_seen_, probe_token_);
  // Numbers in one sentence only (both lists are sorted and unique).
  uint32_t numbers = 0;
  uint32_t i = 0;
  uint32_t j = 0;
  while (i < p.num_size || j < c.num_size) {
    if (j == c.num_size || (i < p.num_size && nums_[p.num_first + i] < nums_[c.num_first + j])) {
      ++numbers;
      ++i;
    } else if (i == p.num_size || nums_[c.num_first + j] < nums_[p.num_first + i]) {
      ++numbers;
      ++j;
    } else {
      ++i;
      ++j;
    }
  }
  score -= options_.run_penalty * run + options_.number_penalty * numbers;
  return score;
}

uint32_t RepeatsStage::NextToken(std::vector<uint32_t>* stamps, uint32_t* token) {
  if (++*token == 0) {  // wrapped: forget every stamp
    std::fill(stamps->begin(), stamps->end(), 0);
    *token = 1;
  }
  return *token;
}

void RepeatsStage::MarkProbe(const Unit& p) {
  const uint32_t token = NextToken(&probe_seen_, &probe_token_);
  for (uint32_t k = 0; k < p.set_size; ++k) {
    const uint32_t id = set_[p.set_first + k];
    probe_seen_[id] = token;
    probe_weight_[id] = set_weight_[p.set_first + k];
  }
}

void RepeatsStage::FindMatches(uint32_t probe_id, const Postings& postings, Graph* graph) {
  const Unit& probe = units_[probe_id];
  // Each unit met is written at the end of the list, which moves past it
  // only the first time (weights are positive): no branch on whether a
  // unit was met before.
  uint32_t* const touched = touched_.data();
  double* const shared = shared_.data();
  size_t met = 0;
  for (uint32_t k = 0; k < probe.indexed_size; ++k) {
    const double w = indexed_weight_[probe.indexed_first + k];
    // An empty list's head is 0: no test for it before the walk.
    for (uint32_t node = postings.lists[indexed_[probe.indexed_first + k]].head; node != 0;) {
      const Postings::Node& n = postings.nodes[node];
      const uint32_t other = n.unit;
      touched[met] = other;
      met += static_cast<size_t>(shared[other] == 0);
      shared[other] += w;
      node = n.next;
    }
  }
  touched_.ResizeUninitialized(met);
  ++stamp_;
  probe_marked_ = false;  // Score marks the probe for the first candidate it compares
  for (uint32_t other : touched_) {
    const double indexed_shared = shared_[other];
    shared_[other] = 0;
    const double score = Score(probe, units_[other], indexed_shared);
    if (score < options_.similarity) continue;
    graph->edges.push_back({probe_id, other, static_cast<float>(score)});
    // Running degrees (other blocks matched), for IsTemplate while indexing.
    const uint32_t other_block = units_[other].block;
    if (block_stamp_[other_block] != stamp_) {
      block_stamp_[other_block] = stamp_;
      ++graph->degree[probe_id];
    }
    if (graph->last_probe_block[other] != probe.block + 1) {
      graph->last_probe_block[other] = probe.block + 1;
      ++graph->degree[other];
    }
  }
}

void RepeatsStage::Index(const BlockInfo& info) {
  auto post = [&](uint32_t s, const Graph& graph, Postings* postings) {
    // A template instance needs no more references: later instances find
    // the earlier ones, and it is never the copy that stays. Leaving it out
    // keeps a page of thousands of template lines linear.
    if (IsTemplate(graph.degree[s])) return;
    const Unit& sent = units_[s];
    for (uint32_t k = 0; k < sent.indexed_size; ++k) {
      postings->Add(indexed_[sent.indexed_first + k], s);
    }
  };
  for (uint32_t s = info.first_sentence; s < info.end_sentence; ++s) {
    if (static_cast<int>(units_[s].words) >= options_.sentence_min_words) {
      post(s, sentence_graph_, &postings_);
    }
  }
  post(info.unit, block_graph_, &block_postings_);
}

bool RepeatsStage::IsTemplate(uint32_t degree) const {
  return options_.structural_copies > 0 &&
         degree + 1 >= static_cast<uint32_t>(options_.structural_copies);
}

void RepeatsStage::BuildAdjacency(Graph* graph) {
  const auto n = units_.size();
  graph->offsets.assign(n + 1, 0);
  for (const Edge& e : graph->edges) {
    ++graph->offsets[e.later + 1];
    ++graph->offsets[e.earlier + 1];
  }
  for (size_t u = 0; u < n; ++u) graph->offsets[u + 1] += graph->offsets[u];
  graph->adjacent.resize(graph->offsets[n]);
  fill_.assign(graph->offsets.begin(), graph->offsets.end() - 1);
  for (uint32_t i = 0; i < graph->edges.size(); ++i) {
    const Edge& e = graph->edges[i];
    graph->adjacent[fill_[e.later]++] = i;
    graph->adjacent[fill_[e.earlier]++] = i;
  }
}

void RepeatsStage::CountLiveDegrees(Graph* graph) {
  for (uint32_t u = 0; u < units_.size(); ++u) {
    ++stamp_;
    uint32_t degree = 0;
    for (uint32_t k = graph->offsets[u]; k < graph->offsets[u + 1]; ++k) {
      const Edge& e = graph->edges[graph->adjacent[k]];
      const uint32_t other_block = units_[e.later == u ? e.earlier : e.later].block;
      if (removed_[other_block] || block_stamp_[other_block] == stamp_) continue;
      block_stamp_[other_block] = stamp_;
      ++degree;
    }
    graph->degree[u] = degree;
  }
}

bool RepeatsStage::Repeats(const Graph& graph, uint32_t unit, uint32_t* kept, double* score) const {
  if (IsTemplate(graph.degree[unit])) return false;
  const uint32_t block = units_[unit].block;
  *score = -1;
  for (uint32_t k = graph.offsets[unit]; k < graph.offsets[unit + 1]; ++k) {
    const Edge& e = graph.edges[graph.adjacent[k]];
    if (e.later != unit) continue;  // the other copy comes later
    const uint32_t other_block = units_[e.earlier].block;
    if (removed_[other_block] || other_block >= block) continue;
    if (e.score > *score || (e.score == *score && other_block < *kept)) {
      *score = e.score;
      *kept = other_block;
    }
  }
  return *score >= 0;
}

void RepeatsStage::Process(DocumentContext* ctx) {
  const std::string_view text = ctx->text();
  const auto& blocks = ctx->blocks();
  infos_.clear();
  units_.clear();
  seq_.clear();
  set_.clear();
  set_weight_.clear();
  indexed_.clear();
  indexed_weight_.clear();
  nums_.clear();
  copies_.clear();
  first_copy_.clear();
  // A document has at most one stem per two bytes; most have far fewer.
  stem_ids_.Clear(text.size() / 8);
  // The words the boilerplate stage split and hashed, when it split all of
  // them and normalized them as this stage does.
  const DocumentContext::Words& split = ctx->words();
  doc_words_ = split.complete && split.options == hasher_.normalizer().options() ? &split : nullptr;
  doc_word_next_ = 0;

  // Pass 1: the words of every block still kept, and how often each exact
  // text occurs.
  size_t exact_from = 0;  // WordsIn cursor in doc_words_
  for (uint32_t b = 0; b < blocks.size(); ++b) {
    if (ctx->block_touched(b)) continue;
    sentence_spans_.clear();
    SplitSentences(text, blocks[b].span, &sentence_spans_);
    ctx->RecordBlockSentences(b, sentence_spans_);  // for the corpus stage
    infos_.emplace_back();
    // A block that does not read as prose is structure: it is neither
    // compared nor counted, so its words are not needed either.
    if (options_.prose_only &&
        (!EndsLikeProse(text, blocks[b].span) || StartsLowercase(text, blocks[b].span))) {
      infos_.back().block = b;
      continue;
    }
    uint64_t exact = 0;
    bool hashed = false;
    if (doc_words_ != nullptr) {
      // An exact copy of an earlier prose block, long enough to be an
      // exact repeat, is never a probe nor a reference (pass 2: its first
      // copy stands for it), so its stems and sets are not built. Its hash
      // is the one Analyze takes: the block's words are its sentences'.
      const WordRange r = WordsIn(doc_words_->spans, blocks[b].span, exact_from);
      exact_from = r.end;
      const auto words = static_cast<uint32_t>(r.end - r.first);
      if (words > 0 && static_cast<int>(words) >= options_.exact_min_words) {
        exact = HashSequence(
            std::span<const uint64_t>(doc_words_->hashes.data() + r.first, words));
        hashed = true;
        ctx->RecordBlockHash(b, words, exact);  // for the corpus stage's paragraphs
        if (const auto it = copies_.find(exact); it != copies_.end()) {
          BlockInfo& info = infos_.back();
          info.block = b;
          info.first_sentence = info.end_sentence = static_cast<uint32_t>(units_.size());
          info.words = words;
          info.exact = exact;
          info.prose = true;
          ++it->second;
          continue;
        }
      }
    }
    Analyze(text, b, blocks[b].span, hashed ? &exact : nullptr);
    BlockInfo& info = infos_.back();
    info.prose = info.words > 0;
    if (info.prose) ++copies_[info.exact];
  }
  // Every stem is numbered now: room for the marks Score reads.
  if (probe_seen_.size() < stem_ids_.size()) {
    probe_seen_.resize(stem_ids_.size(), 0);
    probe_weight_.resize(stem_ids_.size());
    other_seen_.resize(stem_ids_.size(), 0);
  }
  postings_.Reset(stem_ids_.size());
  block_postings_.Reset(stem_ids_.size());
  const auto num_units = units_.size();
  shared_.assign(num_units, 0.0);
  touched_.Reserve(num_units + 1);  // FindMatches writes one past the units it met
  for (Graph* graph : {&sentence_graph_, &block_graph_}) {
    graph->edges.clear();
    graph->degree.assign(num_units, 0);
    graph->last_probe_block.assign(num_units, 0);
  }
  block_stamp_.assign(blocks.size(), 0);
  stamp_ = 0;
  removed_.assign(blocks.size(), 0);
  kept_for_.assign(blocks.size(), -1);

  // Pass 2: exact copies; then every other prose block against the ones
  // before it, at block and at sentence level: the match graphs.
  for (BlockInfo& info : infos_) {
    if (!info.prose) continue;  // structure: never a repeat nor a reference
    if (options_.structural_copies > 0 &&
        copies_[info.exact] >= static_cast<uint32_t>(options_.structural_copies)) {
      info.prose = false;
      continue;
    }
    if (static_cast<int>(info.words) >= options_.exact_min_words) {
      const auto index = static_cast<uint32_t>(&info - infos_.data());
      auto [it, inserted] = first_copy_.try_emplace(info.exact, index);
      if (!inserted) {
        info.exact_of = static_cast<int32_t>(it->second);
        continue;  // neither probe nor reference: its first copy stands for it
      }
    }
    if (static_cast<int>(info.words) >= options_.reworded_min_words) {
      FindMatches(info.unit, block_postings_, &block_graph_);
      for (uint32_t s = info.first_sentence; s < info.end_sentence; ++s) {
        if (static_cast<int>(units_[s].words) >= options_.sentence_min_words) {
          FindMatches(s, postings_, &sentence_graph_);
        }
      }
    }
    Index(info);
  }
  BuildAdjacency(&sentence_graph_);
  BuildAdjacency(&block_graph_);

  // Pass 3: decisions in document order, repeated until nothing changes.
  // Removing a block changes what the blocks it matched match (a template
  // of three that loses one is a pair), so the result is the fixed point:
  // cleaning the output again removes nothing more.
  for (bool changed = true; changed;) {
    changed = false;
    CountLiveDegrees(&sentence_graph_);
    CountLiveDegrees(&block_graph_);
    for (const BlockInfo& info : infos_) {
      const uint32_t b = info.block;
      if (!info.prose || removed_[b]) continue;
      Removal r;
      r.stage = StageId::kRepeats;
      uint32_t kept = 0;
      double score = 0;
      if (info.exact_of >= 0) {
        // The copy of a template instance is structure too.
        const BlockInfo& first = infos_[static_cast<uint32_t>(info.exact_of)];
        if (IsTemplate(block_graph_.degree[first.unit])) continue;
        r.rule = "exact_paragraph";
        r.score = 1.0f;
        r.kept_block =
            removed_[first.block] ? kept_for_[first.block] : static_cast<int32_t>(first.block);
      } else if (static_cast<int>(info.words) < options_.reworded_min_words) {
        continue;
      } else if (Repeats(block_graph_, info.unit, &kept, &score)) {
        // The whole block says what one earlier block said.
        r.rule = "reworded_paragraph";
        r.score = static_cast<float>(std::min(score, 1.0));
        r.kept_block = static_cast<int32_t>(kept);
      } else {
        // Or most of its words are in sentences that repeat earlier ones.
        uint64_t matched_words = 0;
        double weighted_score = 0;
        words_by_block_.clear();
        for (uint32_t s = info.first_sentence; s < info.end_sentence; ++s) {
          if (static_cast<int>(units_[s].words) < options_.sentence_min_words ||
              !Repeats(sentence_graph_, s, &kept, &score)) {
            continue;
          }
          const uint32_t words = units_[s].words;
          matched_words += words;
          weighted_score += score * words;
          auto it = std::find_if(words_by_block_.begin(), words_by_block_.end(),
                                 [&](const auto& e) { return e.first == kept; });
          if (it == words_by_block_.end()) {
            words_by_block_.emplace_back(kept, words);
          } else {
            it->second += words;
          }
        }
        if (matched_words == 0 ||
            static_cast<double>(matched_words) < options_.coverage * info.words) {
          continue;
        }
        uint64_t kept_words = 0;
        for (const auto& [block, n] : words_by_block_) {
          if (n > kept_words || (n == kept_words && block < kept)) {
            kept = block;
            kept_words = n;
          }
        }
        r.rule = "reworded_paragraph";
        r.score =
            static_cast<float>(std::min(weighted_score / static_cast<double>(matched_words), 1.0));
        r.kept_block = static_cast<int32_t>(kept);
      }
      ctx->RemoveBlock(b, r);
      removed_[b] = 1;
      kept_for_[b] = r.kept_block;
      changed = true;
    }
  }
}

}  // namespace winnow
