#include "winnow/scale/staged.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "winnow/base/status_macros.h"
#include "winnow/base/strings.h"
#include "winnow/clean/line_frequency.h"
#include "winnow/formats/reader.h"
#include "winnow/hash/minhash.h"
#include "winnow/io/input.h"
#include "winnow/io/output.h"
#include "winnow/pipeline/batches.h"
#include "winnow/scale/stage_file.h"
#include "xxhash.h"

namespace winnow {
namespace fs = std::filesystem;
namespace {

// ---------------------------------------------------------------------------
// Records. Plain structs written as they are in memory (little-endian).

struct LineKeyRecord {  // map1: a line of a document (first copy in its shard)
  uint64_t line = 0;
  uint64_t document = 0;  // DocumentLineKeys::document
};
struct ShardInfoRecord {
  uint64_t documents = 0;
  uint64_t text_bytes = 0;
};
struct LineCountRecord {  // reduce1
  uint64_t line = 0;
  uint64_t count = 0;
};
struct HashRecord {  // map2 kDocHash: (hash, ordinal); reduce2 kExact: (ordinal, kept)
  uint64_t a = 0;
  uint64_t b = 0;
};
struct BandRecord {  // map2: one band key of a document
  uint64_t key = 0;
  uint64_t document_hash = 0;
  uint64_t ordinal = 0;
  uint64_t shingle_offset = 0;  // payload byte offset in the shard's shingle file
  uint64_t shingle_sum = 0;     // XXH3-64 of the set's bytes
  uint32_t shingle_count = 0;
  uint32_t shard = 0;
};
struct ItemRecord {  // a paragraph (a = block) or a sentence window (a = index,
                     // b, c = blocks of its first and last sentence)
  uint64_t hash = 0;
  uint64_t ordinal = 0;
  uint32_t a = 0;
  uint32_t b = 0;
  uint32_t c = 0;
  uint32_t pad = 0;
};
struct PairRecord {  // reduce2: a candidate pair, verified
  uint64_t later = 0;
  uint64_t earlier = 0;
  double jaccard = 0;  // valid when size_ok
  uint32_t size_ok = 0;  // passed the |A|/|B| >= threshold filter
  uint32_t pad = 0;
};
enum DecisionKind : uint32_t {
  kExactDocument = 1,
  kNearDuplicate = 2,
  kParagraph = 3,  // index = block
  kWindow = 4,     // index = window start
};
struct DecisionRecord {
  uint64_t ordinal = 0;
  int64_t kept_document = -1;
  uint32_t index = 0;
  int32_t kept_block = -1;
  uint32_t kind = 0;
  float score = 1.0f;
};

uint32_t BucketOf(uint64_t hash, uint32_t buckets) {
  // The hashes are XXH3 outputs; remix so the bucket does not follow the
  // low bits that hash tables use.
  uint64_t h = hash ^ (hash >> 31);
  h *= 0x9e3779b97f4a7c15ULL;
  return static_cast<uint32_t>((h >> 32) % buckets);
}

// ---------------------------------------------------------------------------
// Paths.

std::string Name(std::string_view prefix, uint32_t n) {
  return absl::StrFormat("%s%05u", prefix, n);
}

std::string DonePath(const std::string& work, std::string_view step, uint32_t task) {
  return (fs::path(work) / "done" / absl::StrCat(ToAbsl(step), ".", task)).string();
}
std::string ShardBucket(const std::string& work, std::string_view step, uint32_t shard,
                        uint32_t bucket, std::string_view ext) {
  return (fs::path(work) / fs::path(step) / absl::StrCat(Name("s", shard), ".", Name("b", bucket), ".", ToAbsl(ext)))
      .string();
}
std::string ShardFile(const std::string& work, std::string_view step, uint32_t shard,
                      std::string_view ext) {
  return (fs::path(work) / fs::path(step) / absl::StrCat(Name("s", shard), ".", ToAbsl(ext))).string();
}
std::string BucketFile(const std::string& work, std::string_view step, uint32_t bucket,
                       std::string_view ext) {
  return (fs::path(work) / fs::path(step) / absl::StrCat(Name("b", bucket), ".", ToAbsl(ext))).string();
}

absl::Status MakeDir(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return absl::PermissionDeniedError(absl::StrCat(dir.string(), ": ", ec.message()));
  return absl::OkStatus();
}

absl::Status WriteText(const std::string& path, StageFileKind kind, uint32_t task,
                       std::string_view text) {
  WINNOW_ASSIGN_OR_RETURN(auto w, StageFileWriter::Create(path, kind, task, 0));
  WINNOW_RETURN_IF_ERROR(w->Append(text.data(), text.size()));
  return w->Commit();
}

absl::Status WriteMarker(const StagedPlan& plan, StageStep step, uint32_t task) {
  WINNOW_RETURN_IF_ERROR(MakeDir(fs::path(plan.work) / "done"));
  WINNOW_ASSIGN_OR_RETURN(auto out,
                          OutputFile::Create(DonePath(plan.work, StageStepName(step), task)));
  WINNOW_RETURN_IF_ERROR(out->Write("done\n"));
  return out->Commit();
}

// Writers for one record type, one file per bucket.
template <typename T>
class BucketWriters {
 public:
  absl::Status Open(const std::string& work, std::string_view step, uint32_t shard,
                    uint32_t buckets, std::string_view ext, StageFileKind kind) {
    // The buffers of all buckets together stay near 8 MiB per record type.
    const size_t buffer = std::clamp<size_t>((size_t{8} << 20) / buckets, size_t{64} << 10,
                                             size_t{1} << 20);
    for (uint32_t b = 0; b < buckets; ++b) {
      WINNOW_ASSIGN_OR_RETURN(auto w, StageFileWriter::Create(ShardBucket(work, step, shard, b, ext),
                                                              kind, shard, sizeof(T), buffer));
      writers_.push_back(std::move(w));
    }
    return absl::OkStatus();
  }
  absl::Status Add(uint64_t hash, const T& record) {
    return writers_[BucketOf(hash, static_cast<uint32_t>(writers_.size()))]->Append(&record,
                                                                                    sizeof record);
  }
  absl::Status Commit(uint64_t* bytes) {
    for (auto& w : writers_) {
      WINNOW_RETURN_IF_ERROR(w->Commit());
      *bytes += w->payload_bytes() + kStageFileHeaderBytes + kStageFileTrailerBytes;
    }
    return absl::OkStatus();
  }

 private:
  std::vector<std::unique_ptr<StageFileWriter>> writers_;
};

// Reads one bucket's files from every shard, concatenated.
template <typename T>
absl::Status ReadBucket(const StagedPlan& plan, std::string_view step, uint32_t bucket,
                        std::string_view ext, StageFileKind kind, std::vector<T>* out) {
  for (uint32_t s = 0; s < plan.inputs.size(); ++s) {
    WINNOW_ASSIGN_OR_RETURN(StageFile f, ReadStageFile(ShardBucket(plan.work, step, s, bucket, ext),
                                                       kind, s, sizeof(T)));
    const auto records = f.Records<T>();
    out->insert(out->end(), records.begin(), records.end());
  }
  return absl::OkStatus();
}

template <typename T>
absl::Status ReadAll(const std::string& path, StageFileKind kind, uint32_t task,
                     std::vector<T>* out) {
  WINNOW_ASSIGN_OR_RETURN(StageFile f, ReadStageFile(path, kind, task, sizeof(T)));
  const auto records = f.Records<T>();
  out->insert(out->end(), records.begin(), records.end());
  return absl::OkStatus();
}

template <typename T>
absl::Status WriteRecords(const std::string& path, StageFileKind kind, uint32_t task,
                          const std::vector<T>& records, uint64_t* bytes) {
  WINNOW_ASSIGN_OR_RETURN(auto w, StageFileWriter::Create(path, kind, task, sizeof(T)));
  WINNOW_RETURN_IF_ERROR(w->Append(records.data(), records.size() * sizeof(T)));
  WINNOW_RETURN_IF_ERROR(w->Commit());
  *bytes += w->payload_bytes() + kStageFileHeaderBytes + kStageFileTrailerBytes;
  return absl::OkStatus();
}

// ---------------------------------------------------------------------------
// Plan.

std::string Join(const std::vector<StageId>& stages) {
  std::string s;
  for (StageId id : stages) absl::StrAppend(&s, s.empty() ? "" : ",", ToAbsl(StageName(id)));
  return s;
}

std::string SettingsText(const RunOptions& o) {
  const NormalizerOptions& n = o.cleaner.corpus.normalizer;
  std::string s;
  absl::StrAppend(&s, "setting\tstages\t", Join(o.cleaner.stages), "\n");
  absl::StrAppend(&s, "setting\tformat\t",
                  o.format ? ToAbsl(FormatName(*o.format)) : absl::string_view("auto"), "\n");
  absl::StrAppend(&s, "setting\ttext_field\t", o.text_field, "\n");
  absl::StrAppend(&s, "setting\tid_field\t", o.id_field, "\n");
  absl::StrAppend(&s, "setting\tmax_document_bytes\t", o.max_document_bytes, "\n");
  absl::StrAppend(&s, "setting\ton_error\t", o.on_error == OnError::kFail ? "fail" : "skip", "\n");
  absl::StrAppend(&s, "setting\tnormalize\t", n.nfkc ? 1 : 0, n.case_fold ? 1 : 0,
                  n.digits_to_zero ? 1 : 0, n.strip_accents ? 1 : 0, "\n");
  absl::StrAppend(&s, "setting\tsentence_span\t", o.cleaner.corpus.sentence_span, "\n");
  absl::StrAppend(&s, absl::StrFormat("setting\trepeat_similarity\t%.17g\n",
                                      o.cleaner.repeats.similarity));
  absl::StrAppend(&s, absl::StrFormat("setting\trepeat_coverage\t%.17g\n",
                                      o.cleaner.repeats.coverage));
  absl::StrAppend(&s, "setting\trepeat_structural_copies\t",
                  o.cleaner.repeats.structural_copies, "\n");
  return s;
}

absl::Status ApplySetting(std::string_view key, std::string_view value, RunOptions* o) {
  auto bad = [&] {
    return absl::DataLossError(absl::StrCat("plan: bad setting ", ToAbsl(key), " \"",
                                            ToAbsl(value), "\""));
  };
  const absl::string_view v = ToAbsl(value);
  if (key == "stages") {
    WINNOW_ASSIGN_OR_RETURN(o->cleaner.stages, ParseStages(value));
  } else if (key == "format") {
    if (value == "auto") {
      o->format.reset();
    } else {
      WINNOW_ASSIGN_OR_RETURN(o->format, ParseFormat(value));
    }
  } else if (key == "text_field") {
    o->text_field = std::string(value);
  } else if (key == "id_field") {
    o->id_field = std::string(value);
  } else if (key == "max_document_bytes") {
    if (!absl::SimpleAtoi(v, &o->max_document_bytes)) return bad();
  } else if (key == "on_error") {
    o->on_error = value == "fail" ? OnError::kFail : OnError::kSkip;
  } else if (key == "normalize") {
    if (value.size() != 4) return bad();
    NormalizerOptions n{.nfkc = value[0] == '1', .case_fold = value[1] == '1',
                        .digits_to_zero = value[2] == '1', .strip_accents = value[3] == '1'};
    o->cleaner.corpus.normalizer = n;
    o->cleaner.repeats.normalizer = n;
  } else if (key == "sentence_span") {
    if (!absl::SimpleAtoi(v, &o->cleaner.corpus.sentence_span)) return bad();
  } else if (key == "repeat_similarity") {
    if (!absl::SimpleAtod(v, &o->cleaner.repeats.similarity)) return bad();
  } else if (key == "repeat_coverage") {
    if (!absl::SimpleAtod(v, &o->cleaner.repeats.coverage)) return bad();
  } else if (key == "repeat_structural_copies") {
    if (!absl::SimpleAtoi(v, &o->cleaner.repeats.structural_copies)) return bad();
  } else {
    return absl::DataLossError(absl::StrCat("plan: unknown setting ", ToAbsl(key)));
  }
  return absl::OkStatus();
}

absl::StatusOr<uint64_t> FileChecksum(const std::string& path, uint64_t* size) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat(path, ": cannot open"));
  XXH3_state_t* state = XXH3_createState();
  XXH3_64bits_reset(state);
  std::vector<char> buf(size_t{1} << 20);
  *size = 0;
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    const auto n = static_cast<size_t>(in.gcount());
    XXH3_64bits_update(state, buf.data(), n);
    *size += n;
  }
  const bool failed = in.bad();
  const uint64_t sum = XXH3_64bits_digest(state);
  XXH3_freeState(state);
  if (failed) return absl::UnavailableError(absl::StrCat(path, ": read error"));
  return sum;
}

// Checks that a shard's input is the file the plan saw.
absl::Status CheckInput(const PlannedInput& input) {
  uint64_t size = 0;
  WINNOW_ASSIGN_OR_RETURN(uint64_t sum, FileChecksum(input.path, &size));
  if (size != input.size || sum != input.checksum) {
    return absl::FailedPreconditionError(absl::StrCat(
        input.path, ": changed since the plan was made (size ", size, ", planned ", input.size,
        "); make a new plan in a new work folder"));
  }
  return absl::OkStatus();
}

// ---------------------------------------------------------------------------
// Shared helpers.

ReaderOptions QuietReaderOptions(const RunOptions& o) {
  ReaderOptions ro;
  ro.text_field = o.text_field;
  ro.id_field = o.id_field;
  ro.max_document_bytes = o.max_document_bytes;
  ro.on_reject = [](const Reject&) { return true; };
  return ro;
}

Format InputFormatOf(const RunOptions& o, const PlannedInput& input) {
  return o.format ? *o.format : FormatFromPath(input.path);
}

bool Wants(const RunOptions& o, StageId id) {
  return std::find(o.cleaner.stages.begin(), o.cleaner.stages.end(), id) != o.cleaner.stages.end();
}

// Line frequencies from every reduce1 bucket (nullptr when the boilerplate
// stage does not run).
absl::StatusOr<std::unique_ptr<LineFrequencies>> LoadLineCounts(const StagedPlan& plan) {
  if (!Wants(plan.options, StageId::kBoilerplate)) return nullptr;
  auto freq = std::make_unique<LineFrequencies>();
  for (uint32_t b = 0; b < plan.buckets; ++b) {
    WINNOW_ASSIGN_OR_RETURN(StageFile f, ReadStageFile(BucketFile(plan.work, "reduce1", b, "counts"),
                                                       StageFileKind::kLineCounts, b,
                                                       sizeof(LineCountRecord)));
    for (const LineCountRecord& r : f.Records<LineCountRecord>()) {
      freq->SetCount(r.line, static_cast<uint32_t>(std::min<uint64_t>(r.count, UINT32_MAX)));
    }
  }
  return freq;
}

// Documents in shards before `shard` (its first ordinal), and in all.
absl::StatusOr<std::vector<uint64_t>> ShardStarts(const StagedPlan& plan) {
  std::vector<uint64_t> starts;
  uint64_t total = 0;
  for (uint32_t s = 0; s < plan.inputs.size(); ++s) {
    starts.push_back(total);
    WINNOW_ASSIGN_OR_RETURN(StageFile f, ReadStageFile(ShardFile(plan.work, "map1", s, "info"),
                                                       StageFileKind::kShardInfo, s,
                                                       sizeof(ShardInfoRecord)));
    if (f.record_count() != 1) return absl::DataLossError("map1 info: expected one record");
    total += f.Records<ShardInfoRecord>()[0].documents;
  }
  starts.push_back(total);
  return starts;
}

// Reads a shard through a BatchCleaner; `commit` sees each slot in order.
template <typename Commit>
absl::Status ForEachPrepared(const StagedPlan& plan, uint32_t shard, BatchCleaner* pool,
                             Commit commit) {
  const PlannedInput& input = plan.inputs[shard];
  WINNOW_ASSIGN_OR_RETURN(auto reader,
                          DocumentReader::Open(input.path, InputFormatOf(plan.options, input),
                                               QuietReaderOptions(plan.options)));
  absl::Status status;
  auto drain = [&](DocumentBatch* batch) {
    for (size_t i = 0; i < batch->size() && status.ok(); ++i) status = commit(&(*batch)[i]);
    pool->Recycle(batch);
  };
  DocumentBatch* batch = pool->NewBatch();
  while (reader->Next(&batch->Slot()->doc)) {
    batch->Added();
    if (!batch->full(256, size_t{1} << 20)) continue;
    pool->Submit(batch);
    while (pool->in_flight() >= pool->max_in_flight()) drain(pool->NextPrepared());
    batch = pool->NewBatch();
  }
  pool->Submit(batch);
  while (DocumentBatch* b = pool->NextPrepared()) drain(b);
  return status;
}

class KeysWork final : public SlotWork {
 public:
  void Process(DocumentSlot* slot) override { keyer_.Keys(slot->doc.text, &slot->line_keys); }

 private:
  LineKeyer keyer_;
};

// ---------------------------------------------------------------------------
// Steps.

absl::Status Map1(const StagedPlan& plan, uint32_t shard, int threads, TaskReport* report) {
  WINNOW_RETURN_IF_ERROR(CheckInput(plan.inputs[shard]));
  WINNOW_RETURN_IF_ERROR(MakeDir(fs::path(plan.work) / "map1"));
  BucketWriters<LineKeyRecord> out;
  WINNOW_RETURN_IF_ERROR(
      out.Open(plan.work, "map1", shard, plan.buckets, "lines", StageFileKind::kLineKeys));
  BatchCleaner pool([] { return std::make_unique<KeysWork>(); }, threads);
  absl::flat_hash_set<uint64_t> seen;  // document keys already counted here
  ShardInfoRecord info;
  const bool wants = Wants(plan.options, StageId::kBoilerplate);
  const absl::Status read = ForEachPrepared(plan, shard, &pool, [&](DocumentSlot* slot) {
    ++info.documents;
    info.text_bytes += slot->doc.text.size();
    // A copy of a document counted before adds nothing (clean/line_frequency.h);
    // copies in other shards are removed by reduce1's distinct count.
    if (!wants || !seen.insert(slot->line_keys.document).second) return absl::OkStatus();
    for (uint64_t line : slot->line_keys.lines) {
      WINNOW_RETURN_IF_ERROR(out.Add(line, LineKeyRecord{line, slot->line_keys.document}));
    }
    return absl::OkStatus();
  });
  WINNOW_RETURN_IF_ERROR(read);
  WINNOW_RETURN_IF_ERROR(out.Commit(&report->bytes_written));
  report->documents = info.documents;
  std::vector<ShardInfoRecord> one = {info};
  return WriteRecords(ShardFile(plan.work, "map1", shard, "info"), StageFileKind::kShardInfo,
                      shard, one, &report->bytes_written);
}

absl::Status Reduce1(const StagedPlan& plan, uint32_t bucket, TaskReport* report) {
  WINNOW_RETURN_IF_ERROR(MakeDir(fs::path(plan.work) / "reduce1"));
  std::vector<LineKeyRecord> keys;
  WINNOW_RETURN_IF_ERROR(ReadBucket(plan, "map1", bucket, "lines", StageFileKind::kLineKeys, &keys));
  std::sort(keys.begin(), keys.end(), [](const LineKeyRecord& x, const LineKeyRecord& y) {
    return x.line != y.line ? x.line < y.line : x.document < y.document;
  });
  const uint64_t min_count =
      std::max<uint64_t>(1, plan.options.cleaner.boilerplate.frequent_line_min_docs);
  std::vector<LineCountRecord> counts;
  for (size_t i = 0; i < keys.size();) {
    size_t j = i;
    uint64_t distinct = 0;
    for (; j < keys.size() && keys[j].line == keys[i].line; ++j) {
      if (j == i || keys[j].document != keys[j - 1].document) ++distinct;
    }
    if (distinct >= min_count) counts.push_back({keys[i].line, distinct});
    i = j;
  }
  return WriteRecords(BucketFile(plan.work, "reduce1", bucket, "counts"),
                      StageFileKind::kLineCounts, bucket, counts, &report->bytes_written);
}

absl::Status Map2(const StagedPlan& plan, uint32_t shard, int threads, TaskReport* report) {
  WINNOW_RETURN_IF_ERROR(MakeDir(fs::path(plan.work) / "map2"));
  WINNOW_ASSIGN_OR_RETURN(std::unique_ptr<LineFrequencies> freq, LoadLineCounts(plan));
  WINNOW_ASSIGN_OR_RETURN(std::vector<uint64_t> starts, ShardStarts(plan));
  CleanerOptions cleaner = plan.options.cleaner;
  cleaner.boilerplate.line_frequencies = freq.get();
  const CorpusOptions& co = cleaner.corpus;
  const bool corpus = Wants(plan.options, StageId::kCorpus);
  BucketWriters<HashRecord> hashes;
  BucketWriters<BandRecord> bands;
  BucketWriters<ItemRecord> paragraphs;
  BucketWriters<ItemRecord> windows;
  const std::string& w = plan.work;
  WINNOW_RETURN_IF_ERROR(hashes.Open(w, "map2", shard, plan.buckets, "hash", StageFileKind::kDocHash));
  WINNOW_RETURN_IF_ERROR(bands.Open(w, "map2", shard, plan.buckets, "band", StageFileKind::kBand));
  WINNOW_RETURN_IF_ERROR(
      paragraphs.Open(w, "map2", shard, plan.buckets, "para", StageFileKind::kParagraph));
  WINNOW_RETURN_IF_ERROR(
      windows.Open(w, "map2", shard, plan.buckets, "win", StageFileKind::kWindow));
  WINNOW_ASSIGN_OR_RETURN(auto shingles,
                          StageFileWriter::Create(ShardFile(w, "map2", shard, "shingles"),
                                                  StageFileKind::kShingles, shard,
                                                  sizeof(uint32_t)));
  BatchCleaner pool(cleaner, threads);
  uint64_t ordinal = starts[shard];
  const size_t n = static_cast<size_t>(std::max(1, co.sentence_span));
  const absl::Status read = ForEachPrepared(plan, shard, &pool, [&](DocumentSlot* slot) {
    const uint64_t ord = ordinal++;
    ++report->documents;
    const CorpusDigest& d = slot->digest;
    if (!corpus || !d.has_words) return absl::OkStatus();
    if (co.exact_documents) {
      WINNOW_RETURN_IF_ERROR(hashes.Add(d.document_hash, HashRecord{d.document_hash, ord}));
    }
    if (co.near_duplicates && !d.band_keys.empty()) {
      BandRecord band;
      band.document_hash = d.document_hash;
      band.ordinal = ord;
      band.shingle_offset = shingles->payload_bytes();
      band.shingle_count = static_cast<uint32_t>(d.shingles.size());
      const size_t set_bytes = d.shingles.size() * sizeof(uint32_t);
      band.shingle_sum = StageChecksum(
          std::string_view(reinterpret_cast<const char*>(d.shingles.data()), set_bytes));
      band.shard = shard;
      WINNOW_RETURN_IF_ERROR(shingles->Append(d.shingles.data(), set_bytes));
      for (uint64_t key : d.band_keys) {
        band.key = key;
        WINNOW_RETURN_IF_ERROR(bands.Add(key, band));
      }
    }
    for (const CorpusDigest::Paragraph& p : d.paragraphs) {
      WINNOW_RETURN_IF_ERROR(paragraphs.Add(p.hash, ItemRecord{p.hash, ord, p.block, 0, 0, 0}));
    }
    const auto& sentences = d.sentence_spans.sentences;
    for (size_t i = 0; i < d.sentence_spans.windows.size(); ++i) {
      const uint64_t h = d.sentence_spans.windows[i];
      WINNOW_RETURN_IF_ERROR(windows.Add(
          h, ItemRecord{h, ord, static_cast<uint32_t>(i), sentences[i].block,
                        sentences[i + n - 1].block, 0}));
    }
    return absl::OkStatus();
  });
  WINNOW_RETURN_IF_ERROR(read);
  if (ordinal != starts[shard + 1]) {
    return absl::DataLossError(absl::StrCat(plan.inputs[shard].path, ": read ",
                                            ordinal - starts[shard], " documents, map1 read ",
                                            starts[shard + 1] - starts[shard]));
  }
  WINNOW_RETURN_IF_ERROR(hashes.Commit(&report->bytes_written));
  WINNOW_RETURN_IF_ERROR(bands.Commit(&report->bytes_written));
  WINNOW_RETURN_IF_ERROR(paragraphs.Commit(&report->bytes_written));
  WINNOW_RETURN_IF_ERROR(windows.Commit(&report->bytes_written));
  WINNOW_RETURN_IF_ERROR(shingles->Commit());
  report->bytes_written += shingles->payload_bytes() + kStageFileHeaderBytes + kStageFileTrailerBytes;
  return absl::OkStatus();
}

// Items whose hash occurs in two or more documents, sorted by (hash, ordinal).
std::vector<ItemRecord> SharedItems(std::vector<ItemRecord> items) {
  std::sort(items.begin(), items.end(), [](const ItemRecord& x, const ItemRecord& y) {
    if (x.hash != y.hash) return x.hash < y.hash;
    if (x.ordinal != y.ordinal) return x.ordinal < y.ordinal;
    return x.a < y.a;
  });
  std::vector<ItemRecord> shared;
  for (size_t i = 0; i < items.size();) {
    size_t j = i;
    bool several = false;
    for (; j < items.size() && items[j].hash == items[i].hash; ++j) {
      several = several || items[j].ordinal != items[i].ordinal;
    }
    if (several) shared.insert(shared.end(), items.begin() + i, items.begin() + j);
    i = j;
  }
  return shared;
}

absl::Status Reduce2(const StagedPlan& plan, uint32_t bucket, TaskReport* report) {
  WINNOW_RETURN_IF_ERROR(MakeDir(fs::path(plan.work) / "reduce2"));
  const CorpusOptions& co = plan.options.cleaner.corpus;
  uint64_t* bytes = &report->bytes_written;

  // Exact duplicates: every copy after the first names the first.
  {
    std::vector<HashRecord> hashes;
    WINNOW_RETURN_IF_ERROR(ReadBucket(plan, "map2", bucket, "hash", StageFileKind::kDocHash, &hashes));
    std::sort(hashes.begin(), hashes.end(), [](const HashRecord& x, const HashRecord& y) {
      return x.a != y.a ? x.a < y.a : x.b < y.b;
    });
    std::vector<HashRecord> exact;
    for (size_t i = 1; i < hashes.size(); ++i) {
      if (hashes[i].a != hashes[i - 1].a) continue;
      size_t first = i - 1;
      while (first > 0 && hashes[first - 1].a == hashes[i].a) --first;
      exact.push_back({hashes[i].b, hashes[first].b});
    }
    WINNOW_RETURN_IF_ERROR(WriteRecords(BucketFile(plan.work, "reduce2", bucket, "exact"),
                                        StageFileKind::kExact, bucket, exact, bytes));
  }

  // Near duplicates: candidate pairs per band key, verified.
  {
    std::vector<BandRecord> bands;
    WINNOW_RETURN_IF_ERROR(ReadBucket(plan, "map2", bucket, "band", StageFileKind::kBand, &bands));
    std::sort(bands.begin(), bands.end(), [](const BandRecord& x, const BandRecord& y) {
      return x.key != y.key ? x.key < y.key : x.ordinal < y.ordinal;
    });
    struct Candidate {
      uint32_t later;  // indexes into bands
      uint32_t earlier;
    };
    std::vector<Candidate> candidates;
    std::vector<uint32_t> group;
    absl::flat_hash_set<uint64_t> hashes_in_group;
    for (size_t i = 0; i < bands.size();) {
      size_t j = i;
      group.clear();
      hashes_in_group.clear();
      for (; j < bands.size() && bands[j].key == bands[i].key; ++j) {
        // A later exact copy is removed by exact_document and never indexed;
        // every copy has the same band keys, so the first copy is here too.
        if (co.exact_documents && !hashes_in_group.insert(bands[j].document_hash).second) continue;
        group.push_back(static_cast<uint32_t>(j));
      }
      for (size_t x = 1; x < group.size(); ++x) {
        for (size_t y = 0; y < x; ++y) candidates.push_back({group[x], group[y]});
      }
      i = j;
    }
    std::sort(candidates.begin(), candidates.end(), [&](const Candidate& x, const Candidate& y) {
      const auto kx = std::make_pair(bands[x.later].ordinal, bands[x.earlier].ordinal);
      const auto ky = std::make_pair(bands[y.later].ordinal, bands[y.earlier].ordinal);
      return kx < ky;
    });
    candidates.erase(std::unique(candidates.begin(), candidates.end(),
                                 [&](const Candidate& x, const Candidate& y) {
                                   return bands[x.later].ordinal == bands[y.later].ordinal &&
                                          bands[x.earlier].ordinal == bands[y.earlier].ordinal;
                                 }),
                     candidates.end());
    std::vector<std::unique_ptr<StageFileRange>> files(plan.inputs.size());
    std::vector<uint32_t> a;  // shingle fingerprints
    std::vector<uint32_t> b;
    auto load = [&](const BandRecord& r, std::vector<uint32_t>* out) -> absl::Status {
      if (r.shard >= files.size()) return absl::DataLossError("band record names a bad shard");
      if (files[r.shard] == nullptr) {
        WINNOW_ASSIGN_OR_RETURN(files[r.shard],
                                StageFileRange::Open(ShardFile(plan.work, "map2", r.shard, "shingles"),
                                                     StageFileKind::kShingles, r.shard));
      }
      out->resize(r.shingle_count);
      const std::span<char> raw(reinterpret_cast<char*>(out->data()),
                                out->size() * sizeof(uint32_t));
      WINNOW_RETURN_IF_ERROR(files[r.shard]->Read(r.shingle_offset, raw));
      if (StageChecksum(std::string_view(raw.data(), raw.size())) != r.shingle_sum) {
        return absl::DataLossError(absl::StrCat(files[r.shard]->path(), ": shingle set at ",
                                                r.shingle_offset, " fails its checksum"));
      }
      return absl::OkStatus();
    };
    std::vector<PairRecord> pairs;
    pairs.reserve(candidates.size());
    for (const Candidate& c : candidates) {
      const BandRecord& later = bands[c.later];
      const BandRecord& earlier = bands[c.earlier];
      PairRecord p;
      p.later = later.ordinal;
      p.earlier = earlier.ordinal;
      const size_t small = std::min(later.shingle_count, earlier.shingle_count);
      const size_t large = std::max(later.shingle_count, earlier.shingle_count);
      // The size filter of CorpusStage::FindNearDuplicate.
      p.size_ok = static_cast<double>(small) < co.threshold * static_cast<double>(large) ? 0 : 1;
      if (p.size_ok) {
        WINNOW_RETURN_IF_ERROR(load(later, &a));
        WINNOW_RETURN_IF_ERROR(load(earlier, &b));
        p.jaccard = SortedSetJaccard(a, b);
      }
      pairs.push_back(p);
    }
    WINNOW_RETURN_IF_ERROR(WriteRecords(BucketFile(plan.work, "reduce2", bucket, "pairs"),
                                        StageFileKind::kPair, bucket, pairs, bytes));
  }

  for (const auto& [ext, kind] : {std::pair{"para", StageFileKind::kParagraph},
                                  std::pair{"win", StageFileKind::kWindow}}) {
    std::vector<ItemRecord> items;
    WINNOW_RETURN_IF_ERROR(ReadBucket(plan, "map2", bucket, ext, kind, &items));
    WINNOW_RETURN_IF_ERROR(WriteRecords(BucketFile(plan.work, "reduce2", bucket, ext), kind,
                                        bucket, SharedItems(std::move(items)), bytes));
  }
  return absl::OkStatus();
}

struct Ref {
  uint64_t ordinal = 0;
  int32_t block = 0;
};

absl::Status Cluster(const StagedPlan& plan, TaskReport* report) {
  WINNOW_RETURN_IF_ERROR(MakeDir(fs::path(plan.work) / "cluster"));
  const CorpusOptions& co = plan.options.cleaner.corpus;
  WINNOW_ASSIGN_OR_RETURN(std::vector<uint64_t> starts, ShardStarts(plan));
  std::vector<HashRecord> exact;
  std::vector<PairRecord> pairs;
  std::vector<ItemRecord> paras;
  std::vector<ItemRecord> wins;
  for (uint32_t b = 0; b < plan.buckets; ++b) {
    WINNOW_RETURN_IF_ERROR(ReadAll(BucketFile(plan.work, "reduce2", b, "exact"),
                                   StageFileKind::kExact, b, &exact));
    WINNOW_RETURN_IF_ERROR(ReadAll(BucketFile(plan.work, "reduce2", b, "pairs"),
                                   StageFileKind::kPair, b, &pairs));
    WINNOW_RETURN_IF_ERROR(ReadAll(BucketFile(plan.work, "reduce2", b, "para"),
                                   StageFileKind::kParagraph, b, &paras));
    WINNOW_RETURN_IF_ERROR(ReadAll(BucketFile(plan.work, "reduce2", b, "win"),
                                   StageFileKind::kWindow, b, &wins));
  }
  std::vector<DecisionRecord> decisions;

  // Document rules. Exact copies first (they are never near-duplicate
  // candidates: reduce2 left them out of the pairs).
  absl::flat_hash_set<uint64_t> removed;
  for (const HashRecord& e : exact) {
    DecisionRecord d;
    d.ordinal = e.a;
    d.kind = kExactDocument;
    d.kept_document = static_cast<int64_t>(e.b);
    d.score = 1.0f;
    decisions.push_back(d);
    removed.insert(e.a);
  }
  // Near duplicates: per later document, its earlier partners in input
  // order; the first verified one wins (CorpusStage::FindNearDuplicate).
  std::sort(pairs.begin(), pairs.end(), [](const PairRecord& x, const PairRecord& y) {
    return x.later != y.later ? x.later < y.later : x.earlier < y.earlier;
  });
  pairs.erase(std::unique(pairs.begin(), pairs.end(),
                          [](const PairRecord& x, const PairRecord& y) {
                            return x.later == y.later && x.earlier == y.earlier;
                          }),
              pairs.end());
  uint64_t verified = 0;  // CorpusCounters::candidates: verified until the first match
  for (size_t i = 0; i < pairs.size();) {
    size_t j = i;
    bool found = false;
    for (; j < pairs.size() && pairs[j].later == pairs[i].later; ++j) {
      if (found || !pairs[j].size_ok) continue;
      ++verified;
      if (pairs[j].jaccard >= co.threshold) {
        DecisionRecord d;
        d.ordinal = pairs[j].later;
        d.kind = kNearDuplicate;
        d.kept_document = static_cast<int64_t>(pairs[j].earlier);
        d.score = static_cast<float>(pairs[j].jaccard);
        decisions.push_back(d);
        removed.insert(pairs[j].later);
        found = true;
      }
    }
    i = j;
  }

  // Paragraphs and sentence windows, document by document in input order,
  // over the hashes shared by two or more documents.
  auto by_doc = [](const ItemRecord& x, const ItemRecord& y) {
    return x.ordinal != y.ordinal ? x.ordinal < y.ordinal : x.a < y.a;
  };
  std::sort(paras.begin(), paras.end(), by_doc);
  std::sort(wins.begin(), wins.end(), by_doc);
  absl::flat_hash_map<uint64_t, Ref> para_index;
  absl::flat_hash_map<uint64_t, Ref> window_index;
  const size_t n = static_cast<size_t>(std::max(1, co.sentence_span));
  std::vector<uint32_t> removed_blocks;
  std::vector<std::pair<uint32_t, uint32_t>> repeated;  // window starts found: [start, start + n)
  size_t pi = 0;
  size_t wi = 0;
  while (pi < paras.size() || wi < wins.size()) {
    const uint64_t doc = std::min(pi < paras.size() ? paras[pi].ordinal : UINT64_MAX,
                                  wi < wins.size() ? wins[wi].ordinal : UINT64_MAX);
    size_t pe = pi;
    while (pe < paras.size() && paras[pe].ordinal == doc) ++pe;
    size_t we = wi;
    while (we < wins.size() && wins[we].ordinal == doc) ++we;
    if (removed.contains(doc)) {
      pi = pe;
      wi = we;
      continue;
    }
    removed_blocks.clear();
    for (; pi < pe; ++pi) {
      const ItemRecord& p = paras[pi];
      const auto it = para_index.find(p.hash);
      if (it == para_index.end()) {
        para_index.emplace(p.hash, Ref{doc, static_cast<int32_t>(p.a)});
        continue;
      }
      if (it->second.ordinal == doc) continue;  // the repeats stage's business
      DecisionRecord d;
      d.ordinal = doc;
      d.kind = kParagraph;
      d.index = p.a;
      d.kept_document = static_cast<int64_t>(it->second.ordinal);
      d.kept_block = it->second.block;
      decisions.push_back(d);
      removed_blocks.push_back(p.a);
    }
    // A window is usable when no sentence of it lies in a block removed just
    // now (its sentences are consecutive, so their blocks are the range
    // [b, c], and every block the paragraph rule can remove has sentences).
    auto usable = [&](const ItemRecord& w) {
      for (uint32_t block : removed_blocks) {
        if (block >= w.b && block <= w.c) return false;
      }
      return true;
    };
    repeated.clear();
    for (size_t k = wi; k < we; ++k) {
      const ItemRecord& w = wins[k];
      if (!usable(w)) continue;
      const auto it = window_index.find(w.hash);
      if (it == window_index.end()) continue;
      DecisionRecord d;
      d.ordinal = doc;
      d.kind = kWindow;
      d.index = w.a;
      d.kept_document = static_cast<int64_t>(it->second.ordinal);
      d.kept_block = it->second.block;
      decisions.push_back(d);
      repeated.emplace_back(w.a, w.a + static_cast<uint32_t>(n));
    }
    for (; wi < we; ++wi) {
      const ItemRecord& w = wins[wi];
      if (!usable(w) || window_index.contains(w.hash)) continue;
      bool stays = true;
      for (const auto& [begin, end] : repeated) {
        if (w.a < end && begin < w.a + n) stays = false;
      }
      if (stays) window_index.emplace(w.hash, Ref{doc, static_cast<int32_t>(w.b)});
    }
  }

  std::stable_sort(decisions.begin(), decisions.end(),
                   [](const DecisionRecord& x, const DecisionRecord& y) {
                     if (x.ordinal != y.ordinal) return x.ordinal < y.ordinal;
                     if (x.kind != y.kind) return x.kind < y.kind;
                     return x.index < y.index;
                   });
  size_t at = 0;
  for (uint32_t s = 0; s < plan.inputs.size(); ++s) {
    std::vector<DecisionRecord> shard;
    while (at < decisions.size() && decisions[at].ordinal < starts[s + 1]) {
      shard.push_back(decisions[at++]);
    }
    WINNOW_RETURN_IF_ERROR(WriteRecords(ShardFile(plan.work, "cluster", s, "decisions"),
                                        StageFileKind::kDecision, s, shard,
                                        &report->bytes_written));
  }
  report->documents = starts.back();
  return WriteText((fs::path(plan.work) / "cluster" / "summary").string(), StageFileKind::kSummary,
                   0, absl::StrCat("candidates\t", verified, "\n"));
}

// Replays the cluster's decisions for one shard (CorpusDecider).
class Decisions final : public CorpusDecider {
 public:
  Decisions(std::vector<DecisionRecord> records, int sentence_span)
      : records_(std::move(records)), n_(static_cast<size_t>(std::max(1, sentence_span))) {}

  absl::Status Commit(DocumentContext* ctx, const CorpusDigest& digest) override {
    const uint64_t ordinal = ctx->ordinal();
    if (next_ < records_.size() && records_[next_].ordinal < ordinal) {
      return absl::DataLossError(absl::StrCat("decisions name document ", records_[next_].ordinal,
                                              ", which this shard does not have in that place"));
    }
    windows_.clear();
    for (; next_ < records_.size() && records_[next_].ordinal == ordinal; ++next_) {
      const DecisionRecord& d = records_[next_];
      Removal removal;
      removal.stage = StageId::kCorpus;
      removal.kept_document = d.kept_document;
      switch (d.kind) {
        case kExactDocument:
        case kNearDuplicate: {
          removal.rule = d.kind == kExactDocument ? "exact_document" : "near_duplicate";
          removal.score = d.score;
          const auto blocks = static_cast<uint32_t>(ctx->blocks().size());
          for (uint32_t b = 0; b < blocks; ++b) ctx->RemoveBlock(b, removal);
          ++(d.kind == kExactDocument ? exact_documents_ : near_duplicates_);
          break;
        }
        case kParagraph:
          if (d.index >= ctx->blocks().size()) return absl::DataLossError("decision: bad block");
          removal.rule = "exact_paragraph_corpus";
          removal.kept_block = d.kept_block;
          ctx->RemoveBlock(d.index, removal);
          ++exact_paragraphs_;
          break;
        case kWindow:
          windows_.push_back(&d);
          break;
        default:
          return absl::DataLossError(absl::StrCat("decision: unknown kind ", d.kind));
      }
    }
    if (!windows_.empty()) return CutRuns(ctx, digest.sentence_spans);
    return absl::OkStatus();
  }

  // False when decisions name documents after the last one read.
  bool all_used() const { return next_ == records_.size(); }

  uint64_t exact_documents_ = 0;
  uint64_t near_duplicates_ = 0;
  uint64_t exact_paragraphs_ = 0;
  uint64_t exact_sentence_spans_ = 0;

 private:
  // The runs of SentenceSpanIndex::Commit, from the windows found.
  absl::Status CutRuns(DocumentContext* ctx, const SentenceSpanDigest& digest) {
    const auto& sentences = digest.sentences;
    const size_t m = sentences.size();
    repeated_.assign(m, 0);
    source_.assign(m, nullptr);
    for (const DecisionRecord* d : windows_) {
      if (d->index + n_ > m) return absl::DataLossError("decision: bad sentence window");
      source_[d->index] = d;
      std::fill(repeated_.begin() + d->index, repeated_.begin() + d->index + n_, 1);
    }
    for (size_t i = 0; i < m;) {
      if (!repeated_[i]) {
        ++i;
        continue;
      }
      size_t j = i;
      while (j < m && repeated_[j]) ++j;
      if (source_[i] == nullptr) return absl::DataLossError("decision: run without a source");
      Removal removal;
      removal.stage = StageId::kCorpus;
      removal.rule = "exact_sentence_span";
      removal.kept_document = source_[i]->kept_document;
      removal.kept_block = source_[i]->kept_block;
      ctx->RemoveSpan({sentences[i].span.begin, sentences[j - 1].span.end}, removal);
      ++exact_sentence_spans_;
      i = j;
    }
    return absl::OkStatus();
  }

  std::vector<DecisionRecord> records_;
  size_t n_;
  size_t next_ = 0;
  std::vector<const DecisionRecord*> windows_;
  std::vector<uint8_t> repeated_;
  std::vector<const DecisionRecord*> source_;
};

absl::Status Filter(const StagedPlan& plan, uint32_t shard, int threads, TaskReport* report) {
  const PlannedInput& input = plan.inputs[shard];
  WINNOW_RETURN_IF_ERROR(CheckInput(input));
  WINNOW_RETURN_IF_ERROR(MakeDir(fs::path(plan.work) / "filter"));
  WINNOW_ASSIGN_OR_RETURN(std::unique_ptr<LineFrequencies> freq, LoadLineCounts(plan));
  WINNOW_ASSIGN_OR_RETURN(std::vector<uint64_t> starts, ShardStarts(plan));
  std::vector<DecisionRecord> records;
  WINNOW_RETURN_IF_ERROR(ReadAll(ShardFile(plan.work, "cluster", shard, "decisions"),
                                 StageFileKind::kDecision, shard, &records));
  Decisions decisions(std::move(records), plan.options.cleaner.corpus.sentence_span);
  RunOptions options = plan.options;
  options.inputs = {input.path};
  // RunClean names a file given directly by its base name: the output
  // folder is the one the relative path puts it in.
  const fs::path parent = (fs::path(plan.options.output) / input.relative).parent_path();
  WINNOW_RETURN_IF_ERROR(MakeDir(parent));
  options.output = parent.string() + "/";
  options.corpus_evidence = false;
  options.cleaner.boilerplate.line_frequencies = freq.get();
  options.first_ordinal = starts[shard];
  options.corpus_decider = &decisions;
  options.threads = std::max(1, threads);
  options.rejects_path.clear();
  WINNOW_ASSIGN_OR_RETURN(RunStats stats, RunClean(options, nullptr));
  if (starts[shard] + stats.docs_in != starts[shard + 1] || !decisions.all_used()) {
    return absl::DataLossError(absl::StrCat(input.path, ": read ", stats.docs_in,
                                            " documents, map1 read ",
                                            starts[shard + 1] - starts[shard]));
  }
  stats.corpus_ran = Wants(plan.options, StageId::kCorpus);
  stats.corpus.documents = stats.docs_in;
  stats.corpus.exact_documents = decisions.exact_documents_;
  stats.corpus.near_duplicates = decisions.near_duplicates_;
  stats.corpus.exact_paragraphs = decisions.exact_paragraphs_;
  stats.corpus.exact_sentence_spans = decisions.exact_sentence_spans_;
  // The per-shard statistics, for MergedStats: a small text of counters.
  std::string text;
  absl::StrAppend(&text, "input\t", input.path, "\n");
  for (const std::string& out : stats.outputs) absl::StrAppend(&text, "output\t", out, "\n");
  absl::StrAppend(&text, "docs_in\t", stats.docs_in, "\ndocs_out\t", stats.docs_out,
                  "\ndocs_emptied\t", stats.docs_emptied, "\nbytes_in\t", stats.bytes_in,
                  "\nbytes_out\t", stats.bytes_out, "\nrejects\t", stats.rejects,
                  "\ninput_bytes_read\t", stats.input_bytes_read, "\n");
  absl::StrAppend(&text, "corpus\t", stats.corpus.exact_documents, "\t",
                  stats.corpus.near_duplicates, "\t", stats.corpus.exact_paragraphs, "\t",
                  stats.corpus.exact_sentence_spans, "\n");
  for (const auto& [key, rs] : stats.removed) {
    absl::StrAppend(&text, "rule\t", key.first, "\t", key.second, "\t", rs.count, "\t", rs.bytes,
                    "\n");
  }
  for (const auto& [name, c] : stats.formats) {
    absl::StrAppend(&text, "format\t", name, "\t", c.files, "\t", c.docs, "\t", c.bytes, "\n");
  }
  for (const auto& [type, c] : stats.skipped_records) {
    absl::StrAppend(&text, "skipped\t", type, "\t", c, "\n");
  }
  for (const auto& d : stats.damaged_inputs) absl::StrAppend(&text, "damaged\t", d, "\n");
  WINNOW_RETURN_IF_ERROR(WriteText(ShardFile(plan.work, "filter", shard, "stats"),
                                   StageFileKind::kSummary, shard, text));
  report->documents = stats.docs_in;
  report->bytes_written = stats.bytes_out;
  return absl::OkStatus();
}

}  // namespace

std::vector<StageStep> AllStageSteps() {
  return {StageStep::kMap1, StageStep::kReduce1, StageStep::kMap2,
          StageStep::kReduce2, StageStep::kCluster, StageStep::kFilter};
}

std::string_view StageStepName(StageStep step) {
  switch (step) {
    case StageStep::kMap1: return "map1";
    case StageStep::kReduce1: return "reduce1";
    case StageStep::kMap2: return "map2";
    case StageStep::kReduce2: return "reduce2";
    case StageStep::kCluster: return "cluster";
    case StageStep::kFilter: return "filter";
  }
  return "?";
}

absl::StatusOr<StageStep> ParseStageStep(std::string_view name) {
  for (StageStep s : AllStageSteps()) {
    if (StageStepName(s) == name) return s;
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "unknown step \"", ToAbsl(name), "\" (expected map1, reduce1, map2, reduce2, cluster or filter)"));
}

uint32_t TaskCount(const StagedPlan& plan, StageStep step) {
  switch (step) {
    case StageStep::kMap1:
    case StageStep::kMap2:
    case StageStep::kFilter:
      return static_cast<uint32_t>(plan.inputs.size());
    case StageStep::kReduce1:
    case StageStep::kReduce2:
      return plan.buckets;
    case StageStep::kCluster:
      return 1;
  }
  return 0;
}

absl::Status WritePlan(const std::string& work, const RunOptions& options, uint32_t buckets,
                       bool* existed) {
  if (existed != nullptr) *existed = false;
  if (buckets == 0 || buckets > 100000) {
    return absl::InvalidArgumentError("buckets must be between 1 and 100000");
  }
  if (options.output.empty() || options.output == "-") {
    return absl::InvalidArgumentError("a staged run writes to an output folder (-o DIR/)");
  }
  if (options.annotate || options.resume || options.cleaner.corpus.sentence_span_in_document) {
    return absl::InvalidArgumentError(
        "a staged run does not support --annotate, --resume or --sentence-span-in-document");
  }
  if (options.inputs.empty() ||
      std::find(options.inputs.begin(), options.inputs.end(), "-") != options.inputs.end()) {
    return absl::InvalidArgumentError("a staged run reads files, not stdin");
  }
  WINNOW_ASSIGN_OR_RETURN(std::vector<InputFile> files, ExpandInputs(options.inputs));
  if (files.empty()) return absl::InvalidArgumentError("no input files found");
  std::string text = "winnow-plan\t1\n";
  absl::StrAppend(&text, "buckets\t", buckets, "\n");
  absl::StrAppend(&text, "output\t", options.output, "\n");
  absl::StrAppend(&text, SettingsText(options));
  for (const InputFile& f : files) {
    if (f.path.find_first_of("\t\n") != std::string::npos ||
        f.relative.find_first_of("\t\n") != std::string::npos) {
      return absl::InvalidArgumentError(absl::StrCat(f.path, ": a tab or newline in the name"));
    }
    uint64_t size = 0;
    WINNOW_ASSIGN_OR_RETURN(uint64_t sum, FileChecksum(f.path, &size));
    absl::StrAppend(&text, "input\t", size, "\t", absl::Hex(sum, absl::kZeroPad16), "\t",
                    f.relative, "\t", f.path, "\n");
  }
  WINNOW_RETURN_IF_ERROR(MakeDir(work));
  const std::string path = (fs::path(work) / "plan").string();
  std::error_code ec;
  if (fs::exists(path, ec)) {
    WINNOW_ASSIGN_OR_RETURN(StageFile old, ReadStageFile(path, StageFileKind::kPlan, 0, 0));
    if (old.payload() != text) {
      return absl::FailedPreconditionError(absl::StrCat(
          path, ": a different plan exists (other inputs, buckets or settings); use a new "
                "work folder"));
    }
    if (existed != nullptr) *existed = true;
    return absl::OkStatus();
  }
  return WriteText(path, StageFileKind::kPlan, 0, text);
}

absl::StatusOr<StagedPlan> LoadPlan(const std::string& work) {
  const std::string path = (fs::path(work) / "plan").string();
  WINNOW_ASSIGN_OR_RETURN(StageFile file, ReadStageFile(path, StageFileKind::kPlan, 0, 0));
  StagedPlan plan;
  plan.work = work;
  bool header = false;
  for (absl::string_view line : absl::StrSplit(ToAbsl(file.payload()), '\n', absl::SkipEmpty())) {
    std::vector<absl::string_view> f = absl::StrSplit(line, '\t');
    auto bad = [&] { return absl::DataLossError(absl::StrCat(path, ": bad line \"", line, "\"")); };
    if (f[0] == "winnow-plan") {
      if (f.size() != 2 || f[1] != "1") return bad();
      header = true;
    } else if (f[0] == "buckets") {
      if (f.size() != 2 || !absl::SimpleAtoi(f[1], &plan.buckets) || plan.buckets == 0) return bad();
    } else if (f[0] == "output") {
      if (f.size() != 2) return bad();
      plan.options.output = std::string(f[1]);
    } else if (f[0] == "setting") {
      if (f.size() != 3) return bad();
      WINNOW_RETURN_IF_ERROR(ApplySetting(ToStd(f[1]), ToStd(f[2]), &plan.options));
    } else if (f[0] == "input") {
      PlannedInput in;
      if (f.size() != 5 || !absl::SimpleAtoi(f[1], &in.size) ||
          f[2].size() != 16) {
        return bad();
      }
      char* end = nullptr;
      const std::string hex(f[2]);
      in.checksum = std::strtoull(hex.c_str(), &end, 16);
      if (end != hex.c_str() + hex.size()) return bad();
      in.relative = std::string(f[3]);
      in.path = std::string(f[4]);
      plan.options.inputs.push_back(in.path);
      plan.inputs.push_back(std::move(in));
    } else {
      return bad();
    }
  }
  if (!header || plan.buckets == 0 || plan.inputs.empty()) {
    return absl::DataLossError(absl::StrCat(path, ": incomplete plan"));
  }
  return plan;
}

bool TaskDone(const StagedPlan& plan, StageStep step, uint32_t task) {
  std::error_code ec;
  return fs::exists(DonePath(plan.work, StageStepName(step), task), ec);
}

absl::StatusOr<TaskReport> RunStageTask(const StagedPlan& plan, StageStep step, uint32_t task,
                                        int threads) {
  TaskReport report;
  if (task >= TaskCount(plan, step)) {
    return absl::InvalidArgumentError(absl::StrCat(ToAbsl(StageStepName(step)), " has ",
                                                   TaskCount(plan, step), " tasks; no task ", task));
  }
  if (TaskDone(plan, step, task)) {
    report.skipped = true;
    return report;
  }
  const auto start = std::chrono::steady_clock::now();
  threads = std::max(1, threads);
  absl::Status status;
  switch (step) {
    case StageStep::kMap1: status = Map1(plan, task, threads, &report); break;
    case StageStep::kReduce1: status = Reduce1(plan, task, &report); break;
    case StageStep::kMap2: status = Map2(plan, task, threads, &report); break;
    case StageStep::kReduce2: status = Reduce2(plan, task, &report); break;
    case StageStep::kCluster: status = Cluster(plan, &report); break;
    case StageStep::kFilter: status = Filter(plan, task, threads, &report); break;
  }
  WINNOW_RETURN_IF_ERROR(status);
  WINNOW_RETURN_IF_ERROR(WriteMarker(plan, step, task));
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

absl::StatusOr<RunStats> MergedStats(const StagedPlan& plan) {
  RunStats stats;
  for (uint32_t s = 0; s < plan.inputs.size(); ++s) {
    WINNOW_ASSIGN_OR_RETURN(StageFile f, ReadStageFile(ShardFile(plan.work, "filter", s, "stats"),
                                                       StageFileKind::kSummary, s, 0));
    for (absl::string_view line : absl::StrSplit(ToAbsl(f.payload()), '\n', absl::SkipEmpty())) {
      std::vector<std::string> v = absl::StrSplit(line, '\t');
      auto num = [&](size_t i) {
        uint64_t x = 0;
        if (i < v.size()) (void)absl::SimpleAtoi(v[i], &x);
        return x;
      };
      const std::string& k = v[0];
      if (k == "input") stats.inputs.push_back(v.size() > 1 ? v[1] : "");
      else if (k == "output") stats.outputs.push_back(v.size() > 1 ? v[1] : "");
      else if (k == "docs_in") stats.docs_in += num(1);
      else if (k == "docs_out") stats.docs_out += num(1);
      else if (k == "docs_emptied") stats.docs_emptied += num(1);
      else if (k == "bytes_in") stats.bytes_in += num(1);
      else if (k == "bytes_out") stats.bytes_out += num(1);
      else if (k == "rejects") stats.rejects += num(1);
      else if (k == "input_bytes_read") stats.input_bytes_read += num(1);
      else if (k == "corpus") {
        stats.corpus_ran = Wants(plan.options, StageId::kCorpus);
        stats.corpus.exact_documents += num(1);
        stats.corpus.near_duplicates += num(2);
        stats.corpus.exact_paragraphs += num(3);
        stats.corpus.exact_sentence_spans += num(4);
      } else if (k == "rule" && v.size() == 5) {
        RuleStats& rs = stats.removed[{v[1], v[2]}];
        rs.count += num(3);
        rs.bytes += num(4);
      } else if (k == "format" && v.size() == 5) {
        FormatCounts& c = stats.formats[v[1]];
        c.files += num(2);
        c.docs += num(3);
        c.bytes += num(4);
      } else if (k == "skipped" && v.size() == 3) {
        stats.skipped_records[v[1]] += num(2);
      } else if (k == "damaged" && v.size() == 2) {
        stats.damaged_inputs.push_back(v[1]);
      }
    }
  }
  stats.corpus_ran = Wants(plan.options, StageId::kCorpus);
  if (stats.corpus_ran) stats.corpus.documents = stats.docs_in;
  WINNOW_ASSIGN_OR_RETURN(StageFile summary,
                          ReadStageFile((fs::path(plan.work) / "cluster" / "summary").string(),
                                        StageFileKind::kSummary, 0, 0));
  for (absl::string_view line : absl::StrSplit(ToAbsl(summary.payload()), '\n', absl::SkipEmpty())) {
    std::vector<absl::string_view> v = absl::StrSplit(line, '\t');
    if (v.size() == 2 && v[0] == "candidates") {
      (void)absl::SimpleAtoi(v[1], &stats.corpus.candidates);
    }
  }
  return stats;
}

}  // namespace winnow
