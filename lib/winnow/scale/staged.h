// Staged runs: `winnow clean` split into stateless, idempotent tasks that a
// scheduler (Slurm job arrays, tools/slurm/submit.sh) or the local driver
// runs, with output byte-identical to `winnow clean INPUTS -o OUT/`.
//
//   WINNOW_RETURN_IF_ERROR(WritePlan("work/", options, /*buckets=*/4));
//   WINNOW_ASSIGN_OR_RETURN(StagedPlan plan, LoadPlan("work/"));
//   for (StageStep step : AllStageSteps())
//     for (uint32_t t = 0; t < TaskCount(plan, step); ++t)
//       WINNOW_RETURN_IF_ERROR(RunStageTask(plan, step, t, /*threads=*/1).status());
//
// Steps (docs/scale.md has the whole story, with sizes):
//
//   plan      once: the manifest (inputs in run order with size and XXH3
//             checksum; one shard per input file), the number of buckets,
//             the output folder and the cleaning settings every task uses.
//   map1      per shard: each document's normalized line keys (the first
//             pass, pipeline/evidence.h), as (line, document key) records,
//             partitioned by line hash into buckets; the shard's document
//             count (it fixes the global ordinals of later shards).
//   reduce1   per bucket: line document frequencies (distinct document keys
//             per line, which is what LineFrequencies counts: a copy of an
//             earlier document adds nothing), pruned below
//             frequent_line_min_docs.
//   map2      per shard: the per-document stages with those frequencies, and
//             the corpus digests partitioned by hash: exact document hashes,
//             MinHash band keys (with a reference to the shingle set, kept in
//             a per-shard side file), paragraph hashes, sentence windows.
//   reduce2   per bucket: exact duplicates (first ordinal per hash); LSH
//             candidate pairs among documents sharing a band key, verified by
//             their true Jaccard; the paragraph and sentence-window hashes
//             that occur in two or more documents (only those can matter).
//   cluster   once: every document's corpus decisions, in input order, as
//             CorpusStage::Commit makes them (dedup/corpus.h): the near
//             duplicate of a document is its earliest verified earlier
//             partner (the streaming rule, not union-find); paragraphs and
//             sentence windows in a pass over the shared hashes only.
//             Writes the decisions per shard.
//   filter    per shard: the per-document stages again, the decisions
//             applied (CorpusDecider, pipeline/run.h), the output written
//             through RunClean exactly as `winnow clean` writes it.
//
// Every intermediate file is a stage file (scale/stage_file.h: checksummed,
// checked by its reader, written atomically). A task writes its completion
// marker (WORK/done/STEP.TASK) after its outputs; RunStageTask skips a task
// whose marker exists, so rerunning a step or the whole pipeline redoes only
// what did not finish.
//
// Identity with `winnow clean`: the same inputs, settings and outputs, as
// long as the single-machine run's memory budgets are not reached (its
// line table and corpus index then stop adding entries; a staged run has no
// such budget). Not supported in a staged run: stdin, --annotate (kept_id
// would need every document's id), --resume (markers do that), and
// --sentence-span-in-document.
//
// Thread-safety: functions are independent; each call uses its own state.
// Tasks of a step may run at the same time in separate processes.

#ifndef WINNOW_SCALE_STAGED_H_
#define WINNOW_SCALE_STAGED_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "winnow/pipeline/run.h"

namespace winnow {

enum class StageStep { kMap1, kReduce1, kMap2, kReduce2, kCluster, kFilter };

std::vector<StageStep> AllStageSteps();
std::string_view StageStepName(StageStep step);
// "map1", "reduce1", "map2", "reduce2", "cluster", "filter".
absl::StatusOr<StageStep> ParseStageStep(std::string_view name);

struct PlannedInput {
  std::string path;      // as given (absolute or relative to where tasks run)
  std::string relative;  // output path under the output folder
  uint64_t size = 0;
  uint64_t checksum = 0;  // XXH3-64 of the file's bytes
};

struct StagedPlan {
  std::string work;    // the work folder (intermediate files, markers)
  uint32_t buckets = 0;
  std::vector<PlannedInput> inputs;  // shards, in run order
  // The run: output folder and settings (formats, fields, stages, the
  // stages' options) as `winnow clean` would use them.
  RunOptions options;
};

// Writes WORK/plan (the manifest) from options.inputs (files and folders,
// expanded as RunClean does), options.output (a folder) and the settings in
// options. When a plan exists already it must be the same (same inputs,
// sizes, checksums, buckets and settings): then nothing is written and
// *existed is set; a different plan is an error (use a new work folder).
absl::Status WritePlan(const std::string& work, const RunOptions& options, uint32_t buckets,
                       bool* existed = nullptr);
absl::StatusOr<StagedPlan> LoadPlan(const std::string& work);

// Tasks in a step: shards for map1/map2/filter, buckets for the reduces, 1
// for cluster.
uint32_t TaskCount(const StagedPlan& plan, StageStep step);

struct TaskReport {
  bool skipped = false;        // its completion marker existed
  uint64_t bytes_written = 0;  // intermediate (or output) bytes
  uint64_t documents = 0;      // documents read, where the task reads any
  double seconds = 0;
};

// Runs one task (0-based). `threads` threads in all (pipeline/batches.h) for the
// per-document work of map1, map2 and filter.
absl::StatusOr<TaskReport> RunStageTask(const StagedPlan& plan, StageStep step, uint32_t task,
                                        int threads);

// True when the task's completion marker exists.
bool TaskDone(const StagedPlan& plan, StageStep step, uint32_t task);

// After the filter step: the shards' statistics summed into one RunStats
// (inputs, outputs, documents, bytes, removals by rule, formats, rejects;
// the corpus counters that the decisions determine). Fails when a filter
// task has not finished.
absl::StatusOr<RunStats> MergedStats(const StagedPlan& plan);

}  // namespace winnow

#endif  // WINNOW_SCALE_STAGED_H_
