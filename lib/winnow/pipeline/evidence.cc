#include "winnow/pipeline/evidence.h"


namespace winnow {

absl::StatusOr<std::unique_ptr<LineFrequencies>> CountLineFrequencies(
    const std::vector<EvidenceInput>& inputs, const ReaderOptions& reader_options,
    size_t memory_budget_bytes) {
  auto frequencies = std::make_unique<LineFrequencies>(memory_budget_bytes);
  ReaderOptions ro = reader_options;
  ro.on_reject = [](const Reject&) { return true; };  // reported by the second pass
  Document doc;
  for (const EvidenceInput& input : inputs) {
    // An input that cannot be opened or read to its end gives what it gave;
    // the second pass reports the error with the run's error policy.
    auto reader = DocumentReader::Open(input.path, input.format, ro);
    if (!reader.ok()) continue;
    while ((*reader)->Next(&doc)) frequencies->AddDocument(doc.text);
  }
  return frequencies;
}

}  // namespace winnow
