#include "winnow/dedup/sentence_spans.h"

#include <algorithm>
#include <span>

#include "winnow/base/check.h"

namespace winnow {

SentenceSpanHasher::SentenceSpanHasher(int n) : n_(static_cast<size_t>(std::max(1, n))) {
  WINNOW_CHECK(n >= 1) << n;
}

void SentenceSpanHasher::Digest(const DocumentContext& ctx, std::span<const uint64_t> word_hashes,
                                std::span<const Span> word_spans, SentenceSpanDigest* out) {
  out->Clear();
  sentence_hashes_.clear();
  const std::string_view text = ctx.text();
  const auto blocks = static_cast<uint32_t>(ctx.blocks().size());
  size_t from = 0;
  auto add = [&](const Span& s, uint32_t l, uint32_t b) {
    const WordRange r = WordsIn(word_spans, s, from);
    from = r.end;
    if (r.end == r.first) return;
    out->sentences.push_back({s, l, b});
    sentence_hashes_.push_back(HashSequence(word_hashes.subspan(r.first, r.end - r.first)));
  };
  for (uint32_t b = 0; b < blocks; ++b) {
    const Block& block = ctx.blocks()[b];
    // The block's sentences when an earlier stage split it: each line's
    // are those that start in it (segmenter.h: a block's sentences are
    // its lines' sentences).
    std::span<const Span> recorded;
    const bool have = ctx.BlockSentences(b, &recorded);
    size_t next = 0;
    for (uint32_t l = block.first_line; l < block.end_line; ++l) {
      const Span line = ctx.lines()[l].span;
      if (have) {
        while (next < recorded.size() && recorded[next].begin < line.begin) ++next;
      }
      if (ctx.line_removed(l) || ctx.line_cut(l)) continue;
      if (have) {
        for (; next < recorded.size() && recorded[next].begin < line.end; ++next) {
          add(recorded[next], l, b);
        }
        continue;
      }
      spans_.clear();
      SplitSentences(text, line, &spans_);
      for (const Span& s : spans_) add(s, l, b);
    }
  }
  if (sentence_hashes_.size() < n_) return;
  const std::span<const uint64_t> all(sentence_hashes_);
  for (size_t i = 0; i + n_ <= all.size(); ++i) {
    out->windows.push_back(HashSequence(all.subspan(i, n_)));
  }
}

SentenceSpanIndex::SentenceSpanIndex(int n, bool within_document)
    : n_(static_cast<size_t>(std::max(1, n))), within_document_(within_document) {
  WINNOW_CHECK(n >= 1) << n;
}

size_t SentenceSpanIndex::memory_bytes() const {
  return windows_.memory_bytes() + blocks_.memory_bytes();
}

uint64_t SentenceSpanIndex::Commit(DocumentContext* ctx, const SentenceSpanDigest& digest,
                                   absl::FunctionRef<bool()> has_room) {
  const auto& sentences = digest.sentences;
  const size_t m = sentences.size();
  const size_t w = digest.windows.size();
  gone_.assign(m, 0);
  for (size_t i = 0; i < m; ++i) gone_[i] = ctx->line_removed(sentences[i].line) ? 1 : 0;
  repeated_.assign(m, 0);
  source_.assign(w, -2);
  source_block_.assign(w, -1);
  local_.clear();
  auto usable = [&](size_t i) {
    for (size_t k = i; k < i + n_; ++k) {
      if (gone_[k]) return false;
    }
    return true;
  };
  auto mark = [&](size_t i, int64_t document, int32_t block) {
    source_[i] = document;
    source_block_[i] = block;
    std::fill(repeated_.begin() + static_cast<std::ptrdiff_t>(i),
              repeated_.begin() + static_cast<std::ptrdiff_t>(i + n_), 1);
  };

  for (size_t i = 0; i < w; ++i) {
    if (!usable(i)) continue;
    const uint64_t h = digest.windows[i];
    if (const uint32_t* ref = windows_.Find(h)) {
      const BlockRefs::Resolved first = blocks_.Resolve(*ref);
      mark(i, static_cast<int64_t>(first.ordinal), first.block);
      continue;
    }
    if (!within_document_) continue;
    const auto [it, inserted] = local_.try_emplace(h, static_cast<uint32_t>(i));
    if (!inserted && it->second + n_ <= i) {
      mark(i, -1, static_cast<int32_t>(sentences[it->second].block));
    }
  }

  // A run starts where a repeated window starts (a sentence before it
  // would be repeated too otherwise), so source_ is set there.
  uint64_t runs = 0;
  for (size_t i = 0; i < m;) {
    if (!repeated_[i]) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < m && repeated_[j]) ++j;
    WINNOW_DCHECK(i < w && source_[i] != -2) << i;
    Removal removal;
    removal.stage = StageId::kCorpus;
    removal.rule = "exact_sentence_span";
    removal.kept_document = source_[i];
    removal.kept_block = source_block_[i];
    ctx->RemoveSpan({sentences[i].span.begin, sentences[j - 1].span.end}, removal);
    ++runs;
    i = j;
  }

  uint32_t base = BlockRefs::kFull;  // this document's block 0, once numbered
  for (size_t i = 0; i < w; ++i) {
    if (!usable(i)) continue;
    bool stays = true;
    for (size_t k = i; k < i + n_ && stays; ++k) stays = !repeated_[k];
    if (!stays || windows_.Contains(digest.windows[i])) continue;
    if (!has_room()) continue;
    if (base == BlockRefs::kFull) {
      base = blocks_.Add(ctx->ordinal(), static_cast<uint32_t>(ctx->blocks().size()));
      if (base == BlockRefs::kFull) break;  // 4 billion blocks indexed
    }
    windows_.TryEmplace(digest.windows[i], base + sentences[i].block);
  }
  return runs;
}

}  // namespace winnow
