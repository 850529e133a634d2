// BatchCleaner: the per-document part of cleaning (DocumentCleaner::Prepare,
// or any SlotWork) on worker threads, for documents read and committed on
// one thread.
//
//   BatchCleaner pool(cleaner_options, /*threads=*/2);
//   Batch* batch = pool.NewBatch();
//   while (reader->Next(&batch->Slot()->doc)) {
//     batch->Added();
//     if (batch->full(256, 1 << 20)) {
//       pool.Submit(batch);
//       while (pool.in_flight() >= pool.max_in_flight()) Commit(pool.NextPrepared());
//       batch = pool.NewBatch();
//     }
//   }
//   pool.Submit(batch);
//   while (Batch* done = pool.NextPrepared()) Commit(done);
//
// where Commit runs CorpusStage::Commit, DocumentContext::Apply and the
// writer on each slot in order, then pool.Recycle(done). NextPrepared()
// returns batches in the order they were submitted, so whatever the number
// of threads and the batch sizes, the commit step sees the documents in
// input order with the same per-document results: the output is
// byte-identical (see pipeline/cleaner.h, "Threads").
//
// With threads <= 1 there is no worker: Submit() prepares the batch on the
// calling thread. With threads = N, N - 1 workers each own a SlotWork (a
// DocumentCleaner by default) and take whole batches, while the calling
// thread reads and commits. When the oldest batch is not prepared yet,
// NextPrepared() prepares pending batches on the calling thread, with a
// SlotWork of its own, instead of waiting: N threads in all, each busy.
//
// Memory: at most max_in_flight() batches are submitted and not yet handed
// back (3 per thread); NewBatch() reuses recycled batches, whose documents,
// contexts and digests keep their capacity, so the steady state allocates
// little per document.
//
// Thread-safety: NewBatch, Submit, NextPrepared and Recycle are for one
// thread (the reading one).

#ifndef WINNOW_PIPELINE_BATCHES_H_
#define WINNOW_PIPELINE_BATCHES_H_

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "winnow/clean/line_frequency.h"
#include "winnow/dedup/corpus.h"
#include "winnow/formats/document.h"
#include "winnow/pipeline/cleaner.h"
#include "winnow/stage/decision.h"

namespace winnow {

// One document in flight: as read, and what the per-document work found.
struct DocumentSlot {
  Document doc;
  DocumentContext ctx;  // views doc.text
  CorpusDigest digest;
  DocumentLineKeys line_keys;  // the first pass (pipeline/evidence.h)
  // The first pass over an uncompressed JSONL file (pipeline/evidence.cc):
  // when raw_chunk is set, doc.text holds whole lines of the file, and the
  // line keys of their records are chunk_keys[0, chunk_documents).
  bool raw_chunk = false;
  std::vector<DocumentLineKeys> chunk_keys;
  size_t chunk_documents = 0;
};

// What a worker does to each document of a batch; one per worker thread.
class SlotWork {
 public:
  virtual ~SlotWork() = default;
  virtual void Process(DocumentSlot* slot) = 0;
};
using SlotWorkFactory = std::function<std::unique_ptr<SlotWork>()>;

class DocumentBatch {
 public:
  // The slot the next document is read into (not yet counted).
  DocumentSlot* Slot();
  // Counts the document read into Slot().
  void Added();
  size_t size() const { return size_; }
  size_t text_bytes() const { return bytes_; }
  bool full(size_t max_docs, size_t max_bytes) const {
    return size_ >= max_docs || bytes_ >= max_bytes;
  }
  DocumentSlot& operator[](size_t i) { return *slots_[i]; }

  // Free for the caller's use (e.g. what to do with the batch at commit).
  int tag = 0;

 private:
  friend class BatchCleaner;
  void Clear() {
    size_ = 0;
    bytes_ = 0;
    tag = 0;
  }

  std::vector<std::unique_ptr<DocumentSlot>> slots_;  // stable addresses
  size_t size_ = 0;
  size_t bytes_ = 0;
  bool prepared_ = false;  // guarded by BatchCleaner::mu_
};

class BatchCleaner {
 public:
  // Workers run DocumentCleaner::Prepare (ctx, digest).
  BatchCleaner(const CleanerOptions& options, int threads);
  // Workers run what `factory` makes, one SlotWork per worker.
  BatchCleaner(const SlotWorkFactory& factory, int threads);
  ~BatchCleaner();
  BatchCleaner(const BatchCleaner&) = delete;
  BatchCleaner& operator=(const BatchCleaner&) = delete;

  // An empty batch to fill.
  DocumentBatch* NewBatch();
  // Hands a filled batch over for preparation (an empty one is fine).
  void Submit(DocumentBatch* batch);
  // The oldest submitted batch, once prepared; null when none is in flight.
  DocumentBatch* NextPrepared();
  // Gives a batch returned by NextPrepared() back for reuse.
  void Recycle(DocumentBatch* batch);

  size_t in_flight() const { return in_flight_.size(); }
  size_t max_in_flight() const { return max_in_flight_; }
  int threads() const { return threads_; }

 private:
  void Prepare(SlotWork* work, DocumentBatch* batch);
  void Work(int worker);

  const int threads_;
  const size_t max_in_flight_;
  std::vector<std::unique_ptr<SlotWork>> works_;  // per worker; the last is the caller's
  std::vector<std::unique_ptr<DocumentBatch>> all_;
  std::vector<DocumentBatch*> free_;
  std::deque<DocumentBatch*> in_flight_;  // submission order; reading thread only

  std::mutex mu_;
  std::condition_variable work_ready_;
  std::condition_variable batch_prepared_;
  std::deque<DocumentBatch*> pending_;  // guarded by mu_
  bool stop_ = false;                   // guarded by mu_
  std::vector<std::thread> workers_;
};

}  // namespace winnow

#endif  // WINNOW_PIPELINE_BATCHES_H_
