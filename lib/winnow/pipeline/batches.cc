#include "winnow/pipeline/batches.h"

#include <algorithm>
#include <utility>

#include "winnow/base/check.h"

namespace winnow {

DocumentSlot* DocumentBatch::Slot() {
  if (size_ == slots_.size()) slots_.push_back(std::make_unique<DocumentSlot>());
  return slots_[size_].get();
}

void DocumentBatch::Added() {
  WINNOW_CHECK(size_ < slots_.size()) << "Added() without Slot()";
  bytes_ += slots_[size_]->doc.text.size();
  ++size_;
}

namespace {

class PrepareWork final : public SlotWork {
 public:
  explicit PrepareWork(const CleanerOptions& options) : cleaner_(options) {}
  void Process(DocumentSlot* slot) override {
    cleaner_.Prepare(slot->doc.text, slot->doc.ordinal, &slot->ctx, &slot->digest);
  }

 private:
  DocumentCleaner cleaner_;
};

}  // namespace

BatchCleaner::BatchCleaner(const CleanerOptions& options, int threads)
    : BatchCleaner([&options] { return std::make_unique<PrepareWork>(options); }, threads) {}

BatchCleaner::BatchCleaner(const SlotWorkFactory& factory, int threads)
    : threads_(std::max(1, threads)),
      max_in_flight_(threads <= 1 ? 1 : 3 * static_cast<size_t>(threads)) {
  // One work per thread: the workers' and, last, the calling thread's.
  for (int i = 0; i < threads_; ++i) works_.push_back(factory());
  for (int i = 0; i + 1 < threads_; ++i) workers_.emplace_back([this, i] { Work(i); });
}

BatchCleaner::~BatchCleaner() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  work_ready_.notify_all();
  for (std::thread& t : workers_) t.join();
}

DocumentBatch* BatchCleaner::NewBatch() {
  if (free_.empty()) {
    all_.push_back(std::make_unique<DocumentBatch>());
    free_.push_back(all_.back().get());
  }
  DocumentBatch* batch = free_.back();
  free_.pop_back();
  batch->Clear();
  return batch;
}

void BatchCleaner::Prepare(SlotWork* work, DocumentBatch* batch) {
  for (size_t i = 0; i < batch->size(); ++i) work->Process(&(*batch)[i]);
}

void BatchCleaner::Submit(DocumentBatch* batch) {
  in_flight_.push_back(batch);
  if (workers_.empty()) {
    Prepare(works_.front().get(), batch);
    batch->prepared_ = true;
    return;
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    batch->prepared_ = false;
    pending_.push_back(batch);
  }
  work_ready_.notify_one();
}

DocumentBatch* BatchCleaner::NextPrepared() {
  if (in_flight_.empty()) return nullptr;
  DocumentBatch* batch = in_flight_.front();
  if (!workers_.empty()) {
    // Until the oldest batch is prepared, the calling thread prepares
    // pending ones itself, oldest first, rather than wait: N threads keep N
    // cores busy, and no worker is left holding the oldest batch while
    // a third thread takes its core.
    SlotWork* const mine = works_.back().get();
    std::unique_lock<std::mutex> lock(mu_);
    while (!batch->prepared_) {
      if (pending_.empty()) {  // only this thread submits: wait for a worker
        batch_prepared_.wait(lock, [batch] { return batch->prepared_; });
        break;
      }
      DocumentBatch* help = pending_.front();
      pending_.pop_front();
      lock.unlock();
      Prepare(mine, help);
      lock.lock();
      help->prepared_ = true;
    }
  }
  in_flight_.pop_front();
  return batch;
}

void BatchCleaner::Recycle(DocumentBatch* batch) { free_.push_back(batch); }

void BatchCleaner::Work(int worker) {
  SlotWork* work = works_[static_cast<size_t>(worker)].get();
  for (;;) {
    DocumentBatch* batch = nullptr;
    {
      std::unique_lock<std::mutex> lock(mu_);
      work_ready_.wait(lock, [this] { return stop_ || !pending_.empty(); });
      if (stop_) return;
      batch = pending_.front();
      pending_.pop_front();
    }
    Prepare(work, batch);
    {
      std::lock_guard<std::mutex> lock(mu_);
      batch->prepared_ = true;
    }
    batch_prepared_.notify_all();
  }
}

}  // namespace winnow
