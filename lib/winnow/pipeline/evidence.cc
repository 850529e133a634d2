#include "winnow/pipeline/evidence.h"

#include <algorithm>
#include <utility>

#include "winnow/io/input.h"
#include "winnow/pipeline/batches.h"

namespace winnow {

namespace {

// A JSONL file cut into chunks of whole lines, read on the calling thread
// and parsed on the workers (FirstPassWork).
class ChunkReader {
 public:
  ChunkReader(std::unique_ptr<InputStream> in, size_t max_line_bytes, size_t chunk_bytes)
      : in_(std::move(in)), max_line_bytes_(max_line_bytes), chunk_bytes_(chunk_bytes) {}

  // Sets *chunk to the next lines of the file, each whole with its "\n"
  // (the last line of the file may lack one); false at the end. A line
  // longer than max_line_bytes, which the JSONL reader rejects, is dropped
  // here, so memory stays within about chunk_bytes + max_line_bytes. After a
  // read error the chunks end with the last complete line, as the reader's
  // records do.
  bool Next(std::string* chunk) {
    size_t want = chunk_bytes_;
    for (;;) {
      while (!eof_ && pending_.size() < want) Read(want);
      if (skipping_) {  // the rest of a line too long to keep
        const size_t nl = pending_.find('\n');
        if (nl == std::string::npos) {
          pending_.clear();
          if (eof_) return false;
          continue;
        }
        pending_.erase(0, nl + 1);
        skipping_ = false;
        continue;
      }
      if (pending_.empty()) return false;
      size_t end = pending_.rfind('\n');
      end = end == std::string::npos ? 0 : end + 1;  // past the last complete line
      if (eof_ && !failed_) end = pending_.size();  // the file's last line
      if (end == 0) {
        if (eof_) return false;  // a read error inside the only line
        if (pending_.size() > max_line_bytes_) {
          pending_.clear();
          skipping_ = true;
        } else {
          want = pending_.size() * 2;  // a line longer than a chunk
        }
        continue;
      }
      // Hand the buffer over and keep its tail: the slot's old buffer
      // takes the tail, so both keep their capacity.
      chunk->swap(pending_);
      pending_.assign(*chunk, end, std::string::npos);
      chunk->resize(end);
      if (failed_) pending_.clear();
      if (pending_.size() > max_line_bytes_) {
        pending_.clear();
        skipping_ = true;
      }
      return true;
    }
  }

 private:
  void Read(size_t want) {
    const size_t have = pending_.size();
    pending_.resize(std::max(want, have + 1));
    auto got = in_->Read(pending_.data() + have, pending_.size() - have);
    if (!got.ok()) {
      failed_ = true;
      eof_ = true;
      pending_.resize(have);
      return;
    }
    pending_.resize(have + *got);
    if (*got == 0) eof_ = true;
  }

  std::unique_ptr<InputStream> in_;
  const size_t max_line_bytes_;
  const size_t chunk_bytes_;
  std::string pending_;    // read and not handed out
  bool eof_ = false;       // nothing more to read
  bool failed_ = false;    // ... because of a read error
  bool skipping_ = false;  // reading past a line longer than max_line_bytes
};

// A document's line keys; or, for a raw chunk of a JSONL file, its records
// parsed as the JSONL reader parses them and the line keys of each.
class FirstPassWork final : public SlotWork {
 public:
  explicit FirstPassWork(const ReaderOptions& options)
      : parser_(options.text_field), max_line_bytes_(options.max_document_bytes) {}

  void Process(DocumentSlot* slot) override {
    if (!slot->raw_chunk) {
      keyer_.Keys(slot->doc.text, &slot->line_keys);
      return;
    }
    std::string_view rest = slot->doc.text;
    size_t n = 0;
    while (!rest.empty()) {
      const size_t nl = rest.find('\n');
      std::string_view line = rest.substr(0, nl);
      rest.remove_prefix(nl == std::string_view::npos ? rest.size() : nl + 1);
      if (line.size() > max_line_bytes_) continue;  // the reader rejects it
      if (!JsonlTextParser::HasRecord(&line)) continue;
      std::string_view text;
      if (!parser_.Parse(line, &text, &error_)) continue;  // a reject of the second pass
      if (n == slot->chunk_keys.size()) slot->chunk_keys.emplace_back();
      keyer_.Keys(text, &slot->chunk_keys[n++]);
    }
    slot->chunk_documents = n;
  }

 private:
  LineKeyer keyer_;
  JsonlTextParser parser_;
  const size_t max_line_bytes_;
  std::string error_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<LineFrequencies>> CountLineFrequencies(
    const std::vector<EvidenceInput>& inputs, const ReaderOptions& reader_options,
    size_t memory_budget_bytes, int threads, size_t chunk_bytes) {
  auto frequencies = std::make_unique<LineFrequencies>(memory_budget_bytes);
  // Room for the distinct lines the inputs' sizes suggest, so the table is
  // not rehashed at each doubling on the reading thread (with workers it is
  // the bottleneck of this pass). Web text has about one distinct line per
  // kBytesPerDistinctLine bytes (the standard corpus: one per 430); a
  // corpus with more only grows the table from there, as without this.
  constexpr uint64_t kBytesPerDistinctLine = 512;
  uint64_t input_bytes = 0;
  for (const EvidenceInput& input : inputs) {
    if (CompressionFromPath(input.path) == Compression::kNone) input_bytes += input.size;
  }
  frequencies->Reserve(static_cast<size_t>(input_bytes / kBytesPerDistinctLine));
  ReaderOptions ro = reader_options;
  ro.on_reject = [](const Reject&) { return true; };  // reported by the second pass
  ro.text_only = true;  // the keys need nothing else
  BatchCleaner pool([&ro] { return std::make_unique<FirstPassWork>(ro); }, threads);
  auto commit = [&](DocumentBatch* batch) {
    for (size_t i = 0; i < batch->size(); ++i) {
      const DocumentSlot& slot = (*batch)[i];
      if (!slot.raw_chunk) {
        frequencies->AddKeys(slot.line_keys);
        continue;
      }
      for (size_t d = 0; d < slot.chunk_documents; ++d) frequencies->AddKeys(slot.chunk_keys[d]);
    }
    pool.Recycle(batch);
  };
  auto submit = [&](DocumentBatch* batch) {
    pool.Submit(batch);
    while (pool.in_flight() >= pool.max_in_flight()) commit(pool.NextPrepared());
  };
  constexpr size_t kBatchDocs = 256;
  constexpr size_t kBatchBytes = size_t{1} << 20;
  for (const EvidenceInput& input : inputs) {
    // With workers, an uncompressed JSONL file is read in raw chunks that
    // the workers parse: the reading thread, which also counts the keys in
    // input order, then does little more than read. Its records and their
    // order are the reader's (same parser, same limits), so the table is
    // the same as with one thread.
    if (threads > 1 && input.format == Format::kJsonl && input.path != "-" &&
        CompressionFromPath(input.path) == Compression::kNone) {
      auto in = OpenInput(input.path);
      if (!in.ok()) continue;  // the second pass reports it
      ChunkReader chunks(std::move(*in), ro.max_document_bytes, chunk_bytes);
      for (;;) {
        DocumentBatch* batch = pool.NewBatch();
        DocumentSlot* slot = batch->Slot();
        slot->raw_chunk = true;
        slot->chunk_documents = 0;
        if (!chunks.Next(&slot->doc.text)) {
          pool.Submit(batch);  // empty: handed back like any other
          break;
        }
        batch->Added();
        submit(batch);
      }
      continue;
    }
    // An input that cannot be opened or read to its end gives what it gave;
    // the second pass reports the error with the run's error policy.
    auto reader = DocumentReader::Open(input.path, input.format, ro);
    if (!reader.ok()) continue;
    DocumentBatch* batch = pool.NewBatch();
    for (;;) {
      DocumentSlot* slot = batch->Slot();
      slot->raw_chunk = false;
      if (!(*reader)->Next(&slot->doc)) break;
      batch->Added();
      if (!batch->full(kBatchDocs, kBatchBytes)) continue;
      submit(batch);
      batch = pool.NewBatch();
    }
    pool.Submit(batch);
  }
  while (DocumentBatch* batch = pool.NextPrepared()) commit(batch);
  return frequencies;
}

}  // namespace winnow
