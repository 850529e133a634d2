// BatchCleaner: batches come back in submission order, every document is
// processed once, and with threads = N there are N - 1 workers while the
// calling thread prepares batches itself when the oldest is not ready.

#include "winnow/pipeline/batches.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"

namespace winnow {
namespace {

// What the works of one pool share: which thread processed which document.
struct Record {
  std::mutex mu;
  std::condition_variable cv;
  std::set<std::thread::id> threads;
  int caller_documents = 0;
  std::thread::id caller;
};

// Appends a mark to each document's text; the first work made (a worker's)
// stalls on its first document until the caller has processed one, or for
// at most `stall` if the caller never does.
class MarkWork final : public SlotWork {
 public:
  MarkWork(Record* record, bool stalls, std::chrono::milliseconds stall)
      : record_(record), stalls_(stalls), stall_(stall) {}
  void Process(DocumentSlot* slot) override {
    const std::thread::id me = std::this_thread::get_id();
    std::unique_lock<std::mutex> lock(record_->mu);
    record_->threads.insert(me);
    if (me == record_->caller) {
      ++record_->caller_documents;
      record_->cv.notify_all();
    } else if (stalls_) {
      stalls_ = false;
      record_->cv.wait_for(lock, stall_, [this] { return record_->caller_documents > 0; });
    }
    slot->doc.text += "+";
  }

 private:
  Record* record_;
  bool stalls_;
  std::chrono::milliseconds stall_;
};

// Submits `batches` batches of `per_batch` documents named by their number,
// the way the pipeline does, and checks that each comes back once, in order,
// processed once.
void RunPool(BatchCleaner* pool, int batches, int per_batch) {
  int next_expected = 0;
  auto commit = [&](DocumentBatch* batch) {
    for (size_t i = 0; i < batch->size(); ++i) {
      EXPECT_EQ((*batch)[i].doc.text, std::to_string(next_expected) + "+");
      ++next_expected;
    }
    pool->Recycle(batch);
  };
  for (int b = 0; b < batches; ++b) {
    DocumentBatch* batch = pool->NewBatch();
    for (int d = 0; d < per_batch; ++d) {
      batch->Slot()->doc.text = std::to_string(b * per_batch + d);
      batch->Added();
    }
    pool->Submit(batch);
    while (pool->in_flight() >= pool->max_in_flight()) commit(pool->NextPrepared());
  }
  while (DocumentBatch* batch = pool->NextPrepared()) commit(batch);
  EXPECT_EQ(next_expected, batches * per_batch);
}

// Works that never stall.
SlotWorkFactory Marks(Record* record) {
  return [record] { return std::make_unique<MarkWork>(record, false, std::chrono::milliseconds(0)); };
}

TEST(BatchCleaner, OneThreadPreparesOnTheCaller) {
  Record record;
  record.caller = std::this_thread::get_id();
  BatchCleaner pool(Marks(&record), 1);
  RunPool(&pool, 20, 7);
  EXPECT_EQ(record.threads.size(), 1u);
  EXPECT_EQ(record.caller_documents, 20 * 7);
}

// With two threads there is one worker. It stalls on its first document
// until the caller has prepared one: the caller, finding the oldest batch
// not ready, must take pending batches itself. Were it to wait instead, the
// worker would stall for the full 20 s and the caller would prepare nothing.
TEST(BatchCleaner, CallerPreparesWhileTheOldestIsNotReady) {
  Record record;
  record.caller = std::this_thread::get_id();
  std::atomic<int> made{0};
  BatchCleaner pool(
      [&record, &made] {
        const bool first = made.fetch_add(1) == 0;  // the worker's, made first
        return std::make_unique<MarkWork>(&record, first, std::chrono::seconds(20));
      },
      2);
  EXPECT_EQ(made.load(), 2);  // one worker's, one the caller's
  const auto start = std::chrono::steady_clock::now();
  RunPool(&pool, 30, 5);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(15));
  EXPECT_GT(record.caller_documents, 0);
  EXPECT_LE(record.threads.size(), 2u);  // the worker and the caller, no more
}

TEST(BatchCleaner, ManyThreadsKeepOrder) {
  Record record;
  record.caller = std::this_thread::get_id();
  BatchCleaner pool(Marks(&record), 4);
  RunPool(&pool, 200, 3);
  EXPECT_LE(record.threads.size(), 4u);
}

}  // namespace
}  // namespace winnow
