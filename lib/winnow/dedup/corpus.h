// The corpus stage: removes what repeats an earlier document of the run —
// the same document again, the same paragraph again, or nearly the same
// document — keeping the first copy in input order.
//
//   CorpusStage corpus;                 // CorpusOptions{} below
//   for (each document, in input order) {
//     ctx.Reset(doc.text, doc.ordinal);
//     boilerplate.Process(&ctx);        // earlier stages first
//     repeats.Process(&ctx);
//     corpus.Process(&ctx);             // compares with every earlier document
//   }
//
// Rules (the Removal's rule name), checked in this order; a document removed
// by the first two is not looked at further:
//
//   exact_document          the document's normalized words (all of them, as
//                           the document came in) equal those of an earlier
//                           document: every block still kept goes.
//                           kept_document = the first copy's ordinal.
//   near_duplicate          the Jaccard similarity of the document's word
//                           shingle set (shingle_words-word shingles, as the
//                           document came in) with an earlier document's —
//                           kept or removed — is at least `threshold`: every
//                           block still kept goes. score = that Jaccard;
//                           kept_document = the earliest such document.
//   exact_paragraph_corpus  a block of at least paragraph_min_words words
//                           whose normalized words equal those of a block of
//                           an earlier document. kept_document and
//                           kept_block = that block. Blocks that earlier
//                           stages touched are neither removed nor kept as
//                           references; only blocks this stage keeps become
//                           references. Repeats inside one document are the
//                           repeats stage's business and are ignored here.
//   exact_sentence_span     a run of sentence_span or more consecutive
//                           sentences that occurred as sentence_span
//                           consecutive sentences in an earlier document
//                           (with sentence_span_in_document, also earlier in
//                           this one, not overlapping): the run is
//                           cut out of its lines (C4/datatrove style; see
//                           dedup/sentence_spans.h for the details, memory
//                           and how it differs from datatrove).
//
// The whole document, not what earlier stages left of it, is compared by
// the two document rules, so they do not depend on those stages' decisions.
//
// Near duplicates: MinHash + LSH, verified. Each document's sorted unique
// shingle hashes give a MinHash signature of K = bands × rows values
// (one-permutation MinHash, hash/minhash.h: one hash per shingle). The signature is cut into `bands` bands of `rows`
// values; documents that agree on every value of at least one band are
// candidates. A pair with Jaccard s becomes a candidate with probability
// 1 - (1 - s^rows)^bands (the S-curve). With the defaults, bands = 20 and
// rows = 5 (K = 100):
//
//   Jaccard s   0.30   0.50   0.60   0.70   0.75   0.80    0.85+
//   P(found)    0.047  0.470  0.802  0.975  0.996  0.9996  > 0.9999
//
// so a pair at the 0.8 threshold is missed about once in 2,500, and about
// half of the pairs at 0.5 are compared for nothing. Every candidate is then
// verified by its true Jaccard (a merge of the two sorted shingle sets,
// as 32-bit fingerprints: ShingleFingerprint in hash/hash.h says how far
// that can move it): MinHash only proposes, and no document is removed
// below `threshold`.
//
// Streaming, not clustering. DESIGN.md speaks of clustering near duplicates
// (union-find over all verified pairs, then one representative per
// cluster). This stage decides each document when it is seen instead: a
// document goes only when it is itself at least `threshold` similar to one
// earlier document. Union-find is transitive: A~B and B~C put A and C in one
// cluster even when A and C share far less than the threshold (chains of
// edits drift), so C would go although nothing kept is similar to it. The
// streaming rule never removes a document below the verified threshold,
// needs no second pass, and fits the input-order pipeline. Because removed
// documents stay in the index, a chain A, B (~A), C (~B but not ~A) removes
// B and C, and C's kept_document names B, which went itself: follow the
// chain to the kept copy.
//
// Memory. The stage keeps, per document indexed (memory_bytes() counts the
// containers' real capacities; a swiss-table slot costs its entry plus one
// control byte, at a load factor between 7/16 and 7/8):
//   - shingle set: 4 bytes per distinct shingle (a 32-bit fingerprint,
//     about one per word; hash/hash.h, ShingleFingerprint). With
//     spill_dir set (the CLI's default: $TMPDIR) the sets go to a temporary
//     file and are read back only to verify candidates
//     (dedup/shingle_store.h): in memory stay a 24-byte record and a 1 MiB
//     write buffer. Without it they stay in memory;
//   - LSH band keys: per band, a 12-byte entry of a KeyTable
//     (base/key_table.h: 64-byte buckets of five, filled to 7/16-7/8, so
//     15-30 bytes, about 20 on average) and an 8-byte chain node (in
//     chunks, no slack): 23-38 bytes per band, 0.5-0.8 KB with 20 bands;
//   - exact document hash: a 17-byte slot, 19-39 bytes.
// Per paragraph reference (a kept block of paragraph_min_words words or
// more): a KeyTable entry, 15-30 bytes, whose 32-bit value names the
// document and block (BlockRefs: 12 bytes per document with references).
// Per sentence window (exact_sentence_span; about one per kept sentence):
// the same, 15-30 bytes (dedup/sentence_spans.h).
// The KeyTables grow one shard (1/64) at a time, so a rehash holds at most
// 1/64 of a table twice. When the run's document count is known ahead
// (expected_documents, from the pipeline's first pass), the tables are
// planned after 1/32 of the documents for the whole run: what that share
// filled, times 32 (KeyTable::Plan). Each shard then grows once, straight
// to its planned size, when it next fills, instead of doubling on the way,
// which moves every entry and touches fresh pages for each copy; the
// growths stay spread over the run as before, so that the committing
// thread (pipeline/batches.h) is not held up at one point. A corpus whose
// first share indexes far more per document than the rest gets tables as
// large as a corpus like its start would need (within the memory budget:
// no plan that would pass it).
// Measured on the standard benchmark corpus (bench/e2e.py, 100 MiB: 25,289
// documents of 4.1 KB, 8 paragraph references and 32 sentence windows
// each), with spilling: 1.61 KB per document (40.6 MB, besides 121 MB of
// spilled shingle sets; 1.49 KB per document at 1 GiB, 258,913 documents);
// kTypicalBytesPerDocument is that, rounded up.
// When memory_bytes() reaches memory_budget_bytes the stage stops adding
// entries (documents and paragraphs are still checked against what is
// indexed): saturated() turns true and counters().skipped_entries counts
// what was not added. The containers grow by doubling, so a run can hold up
// to about twice the budget for the moment a table is rehashed. A run with
// a first pass checks before it starts that its documents fit
// (pipeline/run.h, RunOptions::memory_bytes).
//
// Options (CorpusOptions) and defaults:
//
//   option               default  meaning
//   -------------------  -------  ------------------------------------------
//   exact_documents      true     the exact_document rule
//   near_duplicates      true     the near_duplicate rule
//   exact_paragraphs     true     the exact_paragraph_corpus rule
//   paragraph_min_words  20       shorter blocks are never corpus repeats
//                                 (short lines: the boilerplate stage)
//   sentence_span        3        sentences per window of the
//                                 exact_sentence_span rule; 0: rule off
//   sentence_span_in_document  false  exact_sentence_span also removes runs
//                                 repeated inside one document
//   shingle_words        5        words per shingle
//   bands                20       LSH bands
//   rows                 5        signature values per band
//   threshold            0.8      verified Jaccard that makes a near duplicate
//   memory_budget_bytes  4 GiB    index size at which entries stop being added
//   normalizer           {}       how words are normalized before hashing
//   spill_dir            ""       folder of the shingle-set file; "" = memory
//
// Threads. The work splits in two: CorpusHasher::Digest() looks at one
// document only (normalized word hashes, the exact document hash, the
// sorted shingle set, the MinHash band keys, the hashes of the blocks that
// can become paragraph references), so worker threads run it, each with its
// own CorpusHasher, on documents in any order; CorpusStage::Commit() then
// takes each digest in input order, on one thread, and does the lookups and
// insertions. Process() is Digest() followed by Commit(). The decisions
// depend only on the digests and their order, so any number of threads gives
// the same removals.
//
// Not thread-safe: the stage object holds the corpus state and must see the
// documents one at a time, in input order. Process() and Commit() keep no
// reference to the document or digest after they return.

#ifndef WINNOW_DEDUP_CORPUS_H_
#define WINNOW_DEDUP_CORPUS_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "winnow/base/pod_buffer.h"
#include "winnow/base/key_table.h"
#include "winnow/dedup/shingle_store.h"
#include "winnow/dedup/sentence_spans.h"
#include "winnow/hash/hash.h"
#include "winnow/hash/minhash.h"
#include "winnow/stage/decision.h"

namespace winnow {

// See the table in the file comment.
struct CorpusOptions {
  bool exact_documents = true;
  bool near_duplicates = true;
  bool exact_paragraphs = true;
  int paragraph_min_words = 20;
  int sentence_span = 3;
  bool sentence_span_in_document = false;
  int shingle_words = 5;
  int bands = 20;
  int rows = 5;
  double threshold = 0.8;
  size_t memory_budget_bytes = size_t{4} << 30;
  NormalizerOptions normalizer;
  // Folder for the temporary file of shingle sets (dedup/shingle_store.h);
  // "" keeps them in memory.
  std::string spill_dir;
  // Whether CorpusHasher::Digest sorts a document's shingles (and drops
  // repeats). CorpusStage takes them either way and sorts only those of
  // documents it verifies (a few per cent), so the pipeline turns this off;
  // the staged runs' files need sets.
  bool sort_shingles = true;
  // How many documents the run will show the stage, when known (a first
  // pass counted them); 0: unknown. Once it has seen a share of them
  // (kPlanShare), the stage plans its tables for the whole run, projected
  // from what that share filled, instead of letting them double on the
  // way (see "Memory").
  uint64_t expected_documents = 0;
};

// What one document contributes to the corpus stage, computed by
// CorpusHasher::Digest() on any thread (see "Threads" above).
struct CorpusDigest {
  bool has_words = false;          // false: the document has no words
  uint64_t document_hash = 0;      // of all its normalized words
  // near_duplicates only: the shingles' 32-bit fingerprints
  // (ShingleFingerprint), sorted and unique when shingles_sorted, else in
  // text order with repeats (CorpusOptions::sort_shingles).
  std::vector<uint32_t> shingles;
  bool shingles_sorted = true;
  std::vector<uint64_t> band_keys;  // one per band (near_duplicates only)
  struct Paragraph {
    uint32_t block = 0;
    uint64_t hash = 0;
  };
  // Blocks untouched by earlier stages with paragraph_min_words words or
  // more, in block order (exact_paragraphs only).
  std::vector<Paragraph> paragraphs;
  SentenceSpanDigest sentence_spans;  // sentence_span > 0 only
};

// Computes digests; one per thread.
class CorpusHasher {
 public:
  explicit CorpusHasher(const CorpusOptions& options);
  // The digest of the document in `ctx`, after the earlier stages ran on it.
  void Digest(const DocumentContext& ctx, CorpusDigest* out);

 private:
  CorpusOptions options_;
  WordHasher hasher_;
  OnePermutationHasher minhasher_;
  std::vector<uint64_t> words_;     // the document's word hashes, when split here
  std::vector<Span> word_spans_;    // and where each word is
  PodBuffer<uint64_t> shingle_hashes_;  // the document's shingles, for the signature
  std::vector<uint64_t> signature_;
  std::vector<uint32_t> sort_scratch_;  // for the fingerprints' sort
  std::vector<uint64_t> band_buffer_;
  SentenceSpanHasher sentence_hasher_;
};

// What the stage did so far.
struct CorpusCounters {
  uint64_t documents = 0;              // documents processed
  uint64_t exact_documents = 0;        // removed by exact_document
  uint64_t near_duplicates = 0;        // removed by near_duplicate
  uint64_t exact_paragraphs = 0;       // blocks removed by exact_paragraph_corpus
  uint64_t candidates = 0;             // LSH candidate pairs verified
  uint64_t indexed_documents = 0;      // documents in the near-duplicate index
  uint64_t indexed_paragraphs = 0;     // paragraph references
  uint64_t exact_sentence_spans = 0;   // runs removed by exact_sentence_span
  uint64_t indexed_sentence_windows = 0;  // sentence windows in the index
  uint64_t skipped_entries = 0;        // entries not added: budget reached
};

class CorpusStage final : public Stage {
 public:
  explicit CorpusStage(CorpusOptions options = {});

  StageId id() const override { return StageId::kCorpus; }
  void Process(DocumentContext* ctx) override;
  // Process() in two steps: `digest` must come from a CorpusHasher with the
  // same options, for this document after the earlier stages ran on it.
  void Commit(DocumentContext* ctx, const CorpusDigest& digest);

  const CorpusCounters& counters() const { return counters_; }
  // True once the memory budget stopped entries from being added.
  bool saturated() const { return counters_.skipped_entries > 0; }
  // What the index is expected to hold in memory per document, for
  // planning a run (pipeline/run.h, RunOptions::memory_bytes): measured on
  // the standard benchmark corpus (documents of about 4 KB with about 8
  // paragraph references and 32 sentence windows each) at 1.61 KB, rounded
  // up.
  static constexpr size_t kTypicalBytesPerDocument = 1700;

  // Bytes held in memory by the corpus index (container capacities,
  // estimated), and bytes of shingle sets written to the spill file.
  size_t memory_bytes() const;
  uint64_t spilled_bytes() const { return shingles_.spilled_bytes(); }
  // Times the index's tables grew a shard (KeyTable::resizes), for tests.
  size_t index_resizes() const {
    return band_heads_.resizes() + paragraphs_.resizes() + sentence_spans_.resizes();
  }
  // Not OK once the spill file failed (disk full, I/O error): the run must
  // end with this error, since later decisions would be incomplete.
  const absl::Status& status() const { return shingles_.status(); }

 private:
  struct IndexedDocument {
    uint64_t ordinal = 0;      // DocumentContext::ordinal()
    ShingleStore::Ref shingles;  // sorted, unique
  };
  struct ChainNode {
    uint32_t document = 0;  // index into documents_
    uint32_t next = 0;      // 1 + next node index; 0 ends the chain
  };

  bool HasRoom();
  // Plans the tables for options_.expected_documents from what the
  // documents seen so far filled (once).
  void PlanTables();
  static constexpr uint64_t kPlanShare = 32;  // plan after 1/32 of the documents
  static constexpr uint64_t kPlanMinDocuments = 1000;  // and at least this many
  // Removes every block still kept, as `rule`.
  static void RemoveDocument(DocumentContext* ctx, std::string_view rule, float score,
                             int64_t kept_document);
  // The earliest indexed document at least `threshold` similar to the
  // digest's shingles, or -1; *score is the Jaccard.
  int64_t FindNearDuplicate(const CorpusDigest& digest, double* score);
  void IndexNearDuplicate(const CorpusDigest& digest, uint64_t ordinal);
  void CommitParagraphs(DocumentContext* ctx, const CorpusDigest& digest);

  CorpusOptions options_;
  CorpusHasher hasher_;  // for Process()
  CorpusDigest digest_;  // for Process()
  CorpusCounters counters_;
  ShingleStore shingles_;
  std::vector<uint32_t> shingle_scratch_;
  std::vector<uint32_t> probe_set_;  // scratch: the probe's shingles as a set
  std::vector<uint32_t> other_set_;  // scratch: a candidate's
  std::vector<uint32_t> sort_scratch_;

  absl::flat_hash_map<uint64_t, uint64_t> documents_by_hash_;  // exact hash -> ordinal
  KeyTable paragraphs_;      // exact hash -> paragraph_blocks_ reference
  BlockRefs paragraph_blocks_;
  std::vector<IndexedDocument> documents_;
  KeyTable band_heads_;      // band key -> 1 + chain node
  ChunkedVector<ChainNode> chain_;
  SentenceSpanIndex sentence_spans_;

  std::vector<uint32_t> candidates_;  // scratch
  bool planned_ = false;  // PlanTables ran
};

}  // namespace winnow

#endif  // WINNOW_DEDUP_CORPUS_H_
