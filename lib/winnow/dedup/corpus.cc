#include "winnow/dedup/corpus.h"

#include <algorithm>
#include <utility>

#include "winnow/base/check.h"

namespace winnow {
namespace {

// Bytes of a hash map's slots and control bytes (absl swiss table layout).
template <typename Map>
size_t MapBytes(const Map& map) {
  return map.capacity() * (sizeof(typename Map::value_type) + 1);
}

// Sorts the hashes (or fingerprints) and drops repeats.
template <typename T>
void MakeSet(std::vector<T>* hashes, std::vector<T>* scratch) {
  SortHashes(hashes, scratch);
  hashes->erase(std::unique(hashes->begin(), hashes->end()), hashes->end());
}

}  // namespace

CorpusHasher::CorpusHasher(const CorpusOptions& options)
    : options_(options),
      hasher_(options_.normalizer),
      minhasher_(std::max(1, options_.bands) * std::max(1, options_.rows)),
      sentence_hasher_(std::max(1, options_.sentence_span)) {
  WINNOW_CHECK(options_.bands >= 1 && options_.rows >= 1)
      << options_.bands << "x" << options_.rows;
  WINNOW_CHECK(options_.shingle_words >= 1) << options_.shingle_words;
}

void CorpusHasher::Digest(const DocumentContext& ctx, CorpusDigest* out) {
  out->shingles.clear();
  out->band_keys.clear();
  out->paragraphs.clear();
  out->sentence_spans.Clear();
  const std::string_view text = ctx.text();
  // The document's words: those an earlier stage split and hashed already
  // (same options), read in place, or split here.
  std::span<const uint64_t> words;
  std::span<const Span> word_spans;
  const DocumentContext::Words& split = ctx.words();
  const bool from_split = split.complete && split.options == hasher_.normalizer().options();
  if (from_split) {
    words = split.hashes;
    word_spans = split.spans;
  } else {
    words_.clear();
    word_spans_.clear();
    hasher_.HashWords(text, Span{0, static_cast<uint32_t>(text.size())}, &words_, &word_spans_);
    words = words_;
    word_spans = word_spans_;
  }
  out->has_words = !words.empty();
  if (!out->has_words) return;
  out->document_hash = HashSequence(words);

  if (options_.near_duplicates) {
    // The shingles in a scratch buffer that is not zeroed first.
    shingle_hashes_.ResizeUninitialized(
        ShingleCount(words.size(), options_.shingle_words));
    ShingleHashes(words, options_.shingle_words, shingle_hashes_.data());
    out->shingles.resize(shingle_hashes_.size());
    std::transform(shingle_hashes_.begin(), shingle_hashes_.end(), out->shingles.begin(),
                   ShingleFingerprint);
    out->shingles_sorted = options_.sort_shingles;
    if (options_.sort_shingles) MakeSet(&out->shingles, &sort_scratch_);
    // The same signature either way: a bin's minimum ignores order and
    // repeats.
    minhasher_.Signature(std::span<const uint64_t>(shingle_hashes_.data(), shingle_hashes_.size()),
                         &signature_);
    const auto rows = static_cast<size_t>(options_.rows);
    for (size_t band = 0; band < static_cast<size_t>(options_.bands); ++band) {
      // The band number goes into the key: equal values in different bands
      // are no evidence.
      band_buffer_.assign(1, band);
      band_buffer_.insert(band_buffer_.end(), signature_.begin() + band * rows,
                          signature_.begin() + (band + 1) * rows);
      out->band_keys.push_back(HashSequence(band_buffer_));
    }
  }

  if (options_.exact_paragraphs) {
    const auto min_words = static_cast<size_t>(std::max(1, options_.paragraph_min_words));
    const auto blocks = static_cast<uint32_t>(ctx.blocks().size());
    size_t from = 0;
    for (uint32_t b = 0; b < blocks; ++b) {
      if (ctx.block_touched(b)) continue;
      // A block an earlier stage hashed from the same words (the repeats
      // stage, for its exact copies) is not hashed again.
      uint32_t recorded_words = 0;
      uint64_t recorded_hash = 0;
      if (from_split && ctx.BlockHash(b, &recorded_words, &recorded_hash)) {
#ifndef NDEBUG
        const WordRange check = WordsIn(word_spans, ctx.blocks()[b].span);
        WINNOW_DCHECK(check.end - check.first == recorded_words &&
                      HashSequence(words.subspan(check.first, check.end - check.first)) ==
                          recorded_hash)
            << "block " << b;
#endif
        if (recorded_words >= min_words) out->paragraphs.push_back({b, recorded_hash});
        continue;
      }
      const WordRange r = WordsIn(word_spans, ctx.blocks()[b].span, from);
      from = r.end;
      if (r.end - r.first < min_words) continue;
      out->paragraphs.push_back(
          {b, HashSequence(words.subspan(r.first, r.end - r.first))});
    }
  }

  if (options_.sentence_span > 0) sentence_hasher_.Digest(ctx, words, word_spans, &out->sentence_spans);
}

CorpusStage::CorpusStage(CorpusOptions options)
    : options_(std::move(options)),
      hasher_(options_),
      shingles_(ShingleStore::Options{.spill_dir = options_.spill_dir}),
      sentence_spans_(std::max(1, options_.sentence_span), options_.sentence_span_in_document) {}

size_t CorpusStage::memory_bytes() const {
  return MapBytes(documents_by_hash_) + paragraphs_.memory_bytes() +
         paragraph_blocks_.memory_bytes() + band_heads_.memory_bytes() +
         documents_.capacity() * sizeof(IndexedDocument) + shingles_.memory_bytes() +
         chain_.memory_bytes() + sentence_spans_.memory_bytes();
}

bool CorpusStage::HasRoom() {
  if (memory_bytes() < options_.memory_budget_bytes) return true;
  ++counters_.skipped_entries;
  return false;
}

void CorpusStage::RemoveDocument(DocumentContext* ctx, std::string_view rule, float score,
                                 int64_t kept_document) {
  Removal removal;
  removal.stage = StageId::kCorpus;
  removal.rule = rule;
  removal.score = score;
  removal.kept_document = kept_document;
  const auto blocks = static_cast<uint32_t>(ctx->blocks().size());
  for (uint32_t b = 0; b < blocks; ++b) ctx->RemoveBlock(b, removal);
}

int64_t CorpusStage::FindNearDuplicate(const CorpusDigest& digest, double* score) {
  candidates_.clear();
  for (uint64_t key : digest.band_keys) {
    const uint32_t* head = band_heads_.Find(key);
    if (head == nullptr) continue;
    for (uint32_t node = *head; node != 0; node = chain_[node - 1].next) {
      candidates_.push_back(chain_[node - 1].document);
    }
  }
  std::sort(candidates_.begin(), candidates_.end());
  candidates_.erase(std::unique(candidates_.begin(), candidates_.end()), candidates_.end());
  // Sets of shingles, from the digest's and the store's lists as they are
  // when they are sets already, else sorted here.
  auto as_set = [this](std::span<const uint32_t> shingles, std::vector<uint32_t>* set) {
    set->assign(shingles.begin(), shingles.end());
    MakeSet(set, &sort_scratch_);
    return std::span<const uint32_t>(*set);
  };
  std::span<const uint32_t> mine = digest.shingles;
  if (!digest.shingles_sorted && !candidates_.empty()) mine = as_set(digest.shingles, &probe_set_);
  // documents_ is in input order, so the first match is the earliest.
  for (uint32_t c : candidates_) {
    const ShingleStore::Ref ref = documents_[c].shingles;
    std::span<const uint32_t> other;
    size_t other_size = ref.size;
    if (!digest.shingles_sorted) {
      other = as_set(shingles_.Get(ref, &shingle_scratch_), &other_set_);
      other_size = other.size();
    }
    const size_t small = std::min<size_t>(other_size, mine.size());
    const size_t large = std::max<size_t>(other_size, mine.size());
    // Jaccard <= |smaller| / |larger|: skip pairs that cannot reach it.
    if (static_cast<double>(small) < options_.threshold * static_cast<double>(large)) continue;
    ++counters_.candidates;
    if (digest.shingles_sorted) other = shingles_.Get(ref, &shingle_scratch_);
    const double j = SortedSetJaccard(mine, other);
    if (j >= options_.threshold) {
      *score = j;
      return static_cast<int64_t>(documents_[c].ordinal);
    }
  }
  return -1;
}

void CorpusStage::IndexNearDuplicate(const CorpusDigest& digest, uint64_t ordinal) {
  if (!HasRoom()) return;
  const auto index = static_cast<uint32_t>(documents_.size());
  IndexedDocument& doc = documents_.emplace_back();
  doc.ordinal = ordinal;
  doc.shingles = shingles_.Add(digest.shingles);
  for (uint64_t key : digest.band_keys) {
    uint32_t* head = band_heads_.TryEmplace(key, 0).first;
    chain_.push_back({index, *head});
    *head = static_cast<uint32_t>(chain_.size());
  }
  ++counters_.indexed_documents;
}

void CorpusStage::CommitParagraphs(DocumentContext* ctx, const CorpusDigest& digest) {
  // References to this document's blocks are numbered from `base` once its
  // first paragraph is indexed.
  uint32_t base = BlockRefs::kFull;
  for (const CorpusDigest::Paragraph& p : digest.paragraphs) {
    if (const uint32_t* ref = paragraphs_.Find(p.hash)) {
      if (base != BlockRefs::kFull && *ref >= base) continue;  // same document: repeats stage
      const BlockRefs::Resolved first = paragraph_blocks_.Resolve(*ref);
      Removal removal;
      removal.stage = StageId::kCorpus;
      removal.rule = "exact_paragraph_corpus";
      removal.kept_document = static_cast<int64_t>(first.ordinal);
      removal.kept_block = first.block;
      ctx->RemoveBlock(p.block, removal);
      ++counters_.exact_paragraphs;
      continue;
    }
    if (!HasRoom()) continue;
    if (base == BlockRefs::kFull) {
      base = paragraph_blocks_.Add(ctx->ordinal(), static_cast<uint32_t>(ctx->blocks().size()));
      if (base == BlockRefs::kFull) {  // 4 billion blocks indexed
        ++counters_.skipped_entries;
        continue;
      }
    }
    paragraphs_.TryEmplace(p.hash, base + p.block);
    ++counters_.indexed_paragraphs;
  }
}

void CorpusStage::Process(DocumentContext* ctx) {
  hasher_.Digest(*ctx, &digest_);
  Commit(ctx, digest_);
}

void CorpusStage::PlanTables() {
  planned_ = true;
  const uint64_t seen = counters_.documents;
  if (seen == 0 || seen >= options_.expected_documents) return;
  const double scale =
      static_cast<double>(options_.expected_documents) / static_cast<double>(seen);
  // Only an index that fits the budget is planned for: past it, entries
  // stop being added anyway.
  if (static_cast<double>(memory_bytes()) * scale >
      static_cast<double>(options_.memory_budget_bytes)) {
    return;
  }
  auto projected = [scale](size_t n) {
    return static_cast<size_t>(static_cast<double>(n) * scale);
  };
  documents_by_hash_.reserve(projected(documents_by_hash_.size()));
  documents_.reserve(projected(documents_.size()));
  band_heads_.Plan(projected(band_heads_.size()));
  paragraphs_.Plan(projected(paragraphs_.size()));
  sentence_spans_.Plan(projected(sentence_spans_.size()));
}

void CorpusStage::Commit(DocumentContext* ctx, const CorpusDigest& digest) {
  if (!planned_ && options_.expected_documents > 0 &&
      counters_.documents >= std::max<uint64_t>(kPlanMinDocuments,
                                                options_.expected_documents / kPlanShare)) {
    PlanTables();
  }
  ++counters_.documents;
  const uint64_t ordinal = ctx->ordinal();
  if (!digest.has_words) return;
  // Every key this commit looks up is known now: start loading them all.
  // At scale the index is far larger than the caches, and one wait for a
  // batch of loads is cheaper than one per lookup.
  if (options_.exact_documents) documents_by_hash_.prefetch(digest.document_hash);
  if (options_.near_duplicates) {
    for (const uint64_t key : digest.band_keys) band_heads_.Prefetch(key);
  }
  if (options_.exact_paragraphs) {
    for (const CorpusDigest::Paragraph& p : digest.paragraphs) paragraphs_.Prefetch(p.hash);
  }
  if (options_.sentence_span > 0) sentence_spans_.Prefetch(digest.sentence_spans);

  if (options_.exact_documents) {
    const auto it = documents_by_hash_.find(digest.document_hash);
    if (it != documents_by_hash_.end()) {
      RemoveDocument(ctx, "exact_document", 1.0f, static_cast<int64_t>(it->second));
      ++counters_.exact_documents;
      return;  // the first copy is indexed already
    }
    if (HasRoom()) documents_by_hash_.emplace(digest.document_hash, ordinal);
  }

  if (options_.near_duplicates) {
    double score = 0;
    const int64_t kept = FindNearDuplicate(digest, &score);
    // Indexed kept or not: later documents are compared with every earlier
    // one (see "Streaming, not clustering" in the header).
    IndexNearDuplicate(digest, ordinal);
    if (kept >= 0) {
      RemoveDocument(ctx, "near_duplicate", static_cast<float>(score), kept);
      ++counters_.near_duplicates;
      return;
    }
  }

  if (options_.exact_paragraphs) CommitParagraphs(ctx, digest);
  if (options_.sentence_span > 0) {
    counters_.exact_sentence_spans +=
        sentence_spans_.Commit(ctx, digest.sentence_spans, [this] { return HasRoom(); });
    counters_.indexed_sentence_windows = sentence_spans_.size();
  }
}

}  // namespace winnow
