// Sentence spans repeated across documents: the corpus stage's
// exact_sentence_span rule (C4 and datatrove style).
//
// A document's kept sentences (text/segmenter.h SplitSentences, per kept
// line; sentences without a word are skipped) are hashed from their
// normalized words, and every run of `n` consecutive ones is a window. Any
// window that also occurred as a window of an earlier document (and, when
// `within_document` is set, earlier in the same document without
// overlapping it) is a repeat; the sentences
// of overlapping repeated windows form runs of n or more sentences, and each
// run is removed from the later copy with DocumentContext::RemoveSpan (see
// stage/decision.h for how the whitespace around a cut is joined). The first
// copy, in input order, stays.
//
//   SentenceSpanHasher hasher(3);                 // any thread, one each
//   hasher.Digest(ctx, &word_hasher, &digest);    // after earlier stages
//   SentenceSpanIndex index(3, false);            // one thread, input order
//   index.Commit(&ctx, digest, has_room);
//
// The Removal: rule "exact_sentence_span", score 1; for a run repeated from
// an earlier document, kept_document and kept_block are that document's
// ordinal and the block where its first window starts; for a run repeated
// inside the document, kept_document is -1 and kept_block the block of the
// earlier copy.
//
// Inside one document. Off by default: repeats inside a document are the
// repeats stage's business, and it keeps some on purpose (quoted posts in
// forum threads, job ads listed twice on one page; on the cleaneval dev set,
// removing them lowered macro F1 from 0.9116 to 0.9097). datatrove removes
// them; `within_document` does too (the corpus option
// sentence_span_in_document, --sentence-span-in-document).
//
// References. Only windows whose sentences all stay (after this rule and
// the earlier ones) are indexed, so a later document is never cut for
// repeating text that no output keeps. Lines removed by earlier stages or
// rules take no part: their sentences are neither compared nor indexed.
// Around a line removed by an earlier stage (boilerplate, repeats) the
// sentences on either side count as consecutive, as they are in the output;
// a block removed by the corpus stage's own exact_paragraph_corpus rule
// (decided after the digest) ends the windows before it instead.
//
// Where this differs from datatrove's sentence dedup (deliberately):
//   - first occurrence in global input order stays; datatrove, over shards,
//     keeps the copy with the lowest per-shard document index;
//   - whitespace around a cut is joined (one separator stays) instead of
//     the text being rebuilt from its sentences;
//   - windows repeated inside one document are removed only with
//     `within_document`, and only when the two copies do not overlap
//     ("A B C A B C" keeps the first "A B C").
//
// Memory. The index is a KeyTable (base/key_table.h) from the window hash
// to a 32-bit reference to the first copy's document and block (BlockRefs:
// 12 bytes per document that added windows): a 12-byte entry in 64-byte
// buckets of five, filled to between 7/16 and 7/8, so 15-30 bytes per
// indexed window, and a document of k sentences indexes at most
// k - n + 1 windows. memory_bytes()
// counts the table's real capacity. Per-document scratch (a table of the
// document's own windows and a few bytes per sentence) is reused and not
// counted.
//
// Thread-safety: SentenceSpanHasher keeps scratch state (one per thread);
// SentenceSpanIndex holds the corpus state and must see documents one at a
// time, in input order. Neither keeps references to a document or digest.

#ifndef WINNOW_DEDUP_SENTENCE_SPANS_H_
#define WINNOW_DEDUP_SENTENCE_SPANS_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/functional/function_ref.h"
#include "winnow/base/key_table.h"
#include "winnow/hash/hash.h"
#include "winnow/stage/decision.h"

namespace winnow {

// What one document contributes: its kept sentences and their windows.
struct SentenceSpanDigest {
  struct Sentence {
    Span span;           // trimmed sentence bytes
    uint32_t line = 0;   // the line it is on
    uint32_t block = 0;  // the block of that line
  };
  std::vector<Sentence> sentences;  // in text order, with words only
  // windows[i]: hash of sentences [i, i + n); empty when fewer than n.
  std::vector<uint64_t> windows;

  void Clear() {
    sentences.clear();
    windows.clear();
  }
};

// Computes digests (pure: depends on the document only). One per thread.
class SentenceSpanHasher {
 public:
  // n >= 1 sentences per window.
  explicit SentenceSpanHasher(int n);
  // The digest of the document in `ctx` after the earlier stages ran on it,
  // given the hashes of all its words and their spans (WordHasher::HashWords
  // over the whole text: its normalizer decides what is equal).
  void Digest(const DocumentContext& ctx, std::span<const uint64_t> word_hashes,
              std::span<const Span> word_spans, SentenceSpanDigest* out);

 private:
  size_t n_;
  std::vector<Span> spans_;
  std::vector<uint64_t> sentence_hashes_;
};

// The windows of earlier documents, and the rule that removes repeats.
class SentenceSpanIndex {
 public:
  // n >= 1 sentences per window; within_document: see the file comment.
  SentenceSpanIndex(int n, bool within_document);

  // Removes the runs of `digest` (computed for this ctx by a hasher with the
  // same n) that repeat earlier windows, then indexes the windows that stay.
  // `has_room` is asked before each insertion (the corpus stage's memory
  // budget); when it says no, the window is not indexed. Returns the number
  // of runs removed.
  // Starts loading the index memory that Commit() of `digest` reads
  // (KeyTable::Prefetch).
  void Prefetch(const SentenceSpanDigest& digest) const {
    for (const uint64_t h : digest.windows) windows_.Prefetch(h);
  }
  uint64_t Commit(DocumentContext* ctx, const SentenceSpanDigest& digest,
                  absl::FunctionRef<bool()> has_room);

  // Windows in the index.
  size_t size() const { return windows_.size(); }
  // Plans for about `windows` windows (KeyTable::Plan).
  void Plan(size_t windows) { windows_.Plan(windows); }
  // Times the index's shards grew (KeyTable::resizes).
  size_t resizes() const { return windows_.resizes(); }
  // Bytes held by the index (table capacity, see "Memory").
  size_t memory_bytes() const;

 private:
  size_t n_;
  bool within_document_;
  // Window hash -> blocks_ reference of the block where the first copy
  // starts.
  KeyTable windows_;
  BlockRefs blocks_;
  // Scratch, per document.
  absl::flat_hash_map<uint64_t, uint32_t> local_;  // window hash -> first index here
  std::vector<int64_t> source_;     // per window start: kept_document, or -2 none
  std::vector<int32_t> source_block_;
  std::vector<uint8_t> repeated_;   // per sentence
  std::vector<uint8_t> gone_;       // per sentence: its line is removed
};

}  // namespace winnow

#endif  // WINNOW_DEDUP_SENTENCE_SPANS_H_
