// The first pass of a run: corpus evidence for the boilerplate stage.
//
//   std::vector<EvidenceInput> inputs = {{"a.jsonl", Format::kJsonl}, ...};
//   WINNOW_ASSIGN_OR_RETURN(auto freq, CountLineFrequencies(inputs, reader_options,
//                                                           1 << 30));
//   cleaner_options.boilerplate.line_frequencies = freq.get();
//
// Reads every input once and counts, for each normalized line, the number of
// documents it occurs in (clean/line_frequency.h). Malformed records are
// skipped silently here, and an input that cannot be opened or read to its
// end contributes what was read: the second pass reports and counts those
// errors under the run's error policy. stdin cannot be read twice, so a
// run that reads stdin has no corpus evidence.
//
// With threads > 1 the line keys are computed on that many threads (the
// workers, and the calling thread while it waits for them) and added to
// the table in input order on the calling thread (pipeline/batches.h): the
// table is the same for any thread count. An uncompressed JSONL file is
// then read in raw chunks of whole lines, which
// the workers parse (with the JSONL reader's parser and limits), so that the
// calling thread does little but read and count.

#ifndef WINNOW_PIPELINE_EVIDENCE_H_
#define WINNOW_PIPELINE_EVIDENCE_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "winnow/clean/line_frequency.h"
#include "winnow/formats/document.h"
#include "winnow/formats/reader.h"

namespace winnow {

struct EvidenceInput {
  std::string path;
  Format format = Format::kText;
  uint64_t size = 0;  // bytes on disk (InputFile::size); 0 when unknown
};

// The size of the raw chunks an uncompressed JSONL file is read in with
// threads > 1 (a parameter for tests).
inline constexpr size_t kEvidenceChunkBytes = size_t{1} << 20;

absl::StatusOr<std::unique_ptr<LineFrequencies>> CountLineFrequencies(
    const std::vector<EvidenceInput>& inputs, const ReaderOptions& reader_options,
    size_t memory_budget_bytes, int threads = 1, size_t chunk_bytes = kEvidenceChunkBytes);

}  // namespace winnow

#endif  // WINNOW_PIPELINE_EVIDENCE_H_
