#include "winnow/pipeline/evidence.h"

#include "winnow/pipeline/batches.h"


namespace winnow {

namespace {

class KeysWork final : public SlotWork {
 public:
  void Process(DocumentSlot* slot) override { keyer_.Keys(slot->doc.text, &slot->line_keys); }

 private:
  LineKeyer keyer_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<LineFrequencies>> CountLineFrequencies(
    const std::vector<EvidenceInput>& inputs, const ReaderOptions& reader_options,
    size_t memory_budget_bytes, int threads) {
  auto frequencies = std::make_unique<LineFrequencies>(memory_budget_bytes);
  ReaderOptions ro = reader_options;
  ro.on_reject = [](const Reject&) { return true; };  // reported by the second pass
  ro.text_only = true;  // the keys need nothing else
  BatchCleaner pool([] { return std::make_unique<KeysWork>(); }, threads);
  auto commit = [&](DocumentBatch* batch) {
    for (size_t i = 0; i < batch->size(); ++i) frequencies->AddKeys((*batch)[i].line_keys);
    pool.Recycle(batch);
  };
  constexpr size_t kBatchDocs = 256;
  constexpr size_t kBatchBytes = size_t{1} << 20;
  for (const EvidenceInput& input : inputs) {
    // An input that cannot be opened or read to its end gives what it gave;
    // the second pass reports the error with the run's error policy.
    auto reader = DocumentReader::Open(input.path, input.format, ro);
    if (!reader.ok()) continue;
    DocumentBatch* batch = pool.NewBatch();
    while ((*reader)->Next(&batch->Slot()->doc)) {
      batch->Added();
      if (!batch->full(kBatchDocs, kBatchBytes)) continue;
      pool.Submit(batch);
      while (pool.in_flight() >= pool.max_in_flight()) commit(pool.NextPrepared());
      batch = pool.NewBatch();
    }
    pool.Submit(batch);
  }
  while (DocumentBatch* batch = pool.NextPrepared()) commit(batch);
  return frequencies;
}

}  // namespace winnow
