#include "winnow/dedup/repeats.h"

#include <algorithm>

namespace winnow {

RepeatsStage::RepeatsStage(RepeatsOptions options)
    : options_(options), hasher_(options.normalizer) {}

void RepeatsStage::Index(uint32_t first_sentence, uint32_t end_sentence) {
  for (uint32_t s = first_sentence; s < end_sentence; ++s) {
    const Sentence& sent = sentences_[s];
    if (static_cast<int>(sent.weight) < options_.sentence_min_words) continue;
    for (uint32_t k = 0; k < sent.size; ++k) {
      postings_[words_[sent.first + k]].push_back(s);
    }
  }
}

void RepeatsStage::Process(DocumentContext* ctx) {
  const std::string_view text = ctx->text();
  const auto& blocks = ctx->blocks();
  words_.clear();
  sentences_.clear();
  postings_.clear();
  block_hashes_.clear();
  std::vector<uint64_t> block_words;

  for (uint32_t b = 0; b < blocks.size(); ++b) {
    if (ctx->block_touched(b)) continue;
    // Sentences and their word sets.
    sentence_spans_.clear();
    SplitSentences(text, blocks[b].span, &sentence_spans_);
    const auto first_sentence = static_cast<uint32_t>(sentences_.size());
    block_words.clear();
    for (const Span& span : sentence_spans_) {
      all_words_.clear();
      hasher_.HashWords(text, span, &all_words_);
      block_words.insert(block_words.end(), all_words_.begin(), all_words_.end());
      Sentence sent;
      sent.block = b;
      sent.weight = static_cast<uint32_t>(all_words_.size());
      std::sort(all_words_.begin(), all_words_.end());
      all_words_.erase(std::unique(all_words_.begin(), all_words_.end()), all_words_.end());
      sent.first = static_cast<uint32_t>(words_.size());
      sent.size = static_cast<uint32_t>(all_words_.size());
      words_.insert(words_.end(), all_words_.begin(), all_words_.end());
      sentences_.push_back(sent);
    }
    const auto end_sentence = static_cast<uint32_t>(sentences_.size());
    const auto total_words = static_cast<int>(block_words.size());

    // Exact repeat of an earlier kept block.
    if (total_words >= options_.exact_min_words) {
      const uint64_t h = HashSequence(block_words);
      auto [it, inserted] = block_hashes_.try_emplace(h, b);
      if (!inserted) {
        Removal r;
        r.stage = StageId::kRepeats;
        r.rule = "exact_paragraph";
        r.score = 1.0f;
        r.kept_block = static_cast<int32_t>(it->second);
        ctx->RemoveBlock(b, r);
        sentences_.resize(first_sentence);  // a removed block is no reference
        continue;
      }
    }

    // Reworded repeat: match each sentence against earlier sentences.
    if (total_words >= options_.reworded_min_words && first_sentence > 0) {
      overlap_.resize(first_sentence);
      uint64_t matched_words = 0;
      double weighted_similarity = 0;
      absl::flat_hash_map<uint32_t, uint64_t> words_by_block;
      for (uint32_t s = first_sentence; s < end_sentence; ++s) {
        const Sentence& probe = sentences_[s];
        if (static_cast<int>(probe.weight) < options_.sentence_min_words) continue;
        touched_.clear();
        for (uint32_t k = 0; k < probe.size; ++k) {
          auto it = postings_.find(words_[probe.first + k]);
          if (it == postings_.end()) continue;
          for (uint32_t other : it->second) {
            if (overlap_[other]++ == 0) touched_.push_back(other);
          }
        }
        double best = 0;
        uint32_t best_sentence = 0;
        for (uint32_t other : touched_) {
          const uint32_t shared = overlap_[other];
          overlap_[other] = 0;
          const double j = static_cast<double>(shared) /
                           (probe.size + sentences_[other].size - shared);
          if (j > best || (j == best && other < best_sentence)) {
            best = j;
            best_sentence = other;
          }
        }
        if (best >= options_.jaccard) {
          matched_words += probe.weight;
          weighted_similarity += best * probe.weight;
          words_by_block[sentences_[best_sentence].block] += probe.weight;
        }
      }
      if (matched_words > 0 &&
          static_cast<double>(matched_words) >= options_.coverage * total_words) {
        uint32_t kept = 0;
        uint64_t kept_words = 0;
        for (const auto& [block, n] : words_by_block) {
          if (n > kept_words || (n == kept_words && block < kept)) {
            kept = block;
            kept_words = n;
          }
        }
        Removal r;
        r.stage = StageId::kRepeats;
        r.rule = "reworded_paragraph";
        r.score = static_cast<float>(weighted_similarity / static_cast<double>(matched_words));
        r.kept_block = static_cast<int32_t>(kept);
        ctx->RemoveBlock(b, r);
        sentences_.resize(first_sentence);
        continue;
      }
    }
    Index(first_sentence, end_sentence);
  }
}

}  // namespace winnow
