#include "winnow/pipeline/cleaner.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "winnow/base/strings.h"

namespace winnow {

std::vector<StageId> AllStages() {
  std::vector<StageId> stages;
  for (StageId id : {StageId::kBoilerplate, StageId::kRepeats, StageId::kCorpus}) {
    stages.push_back(id);
  }
  return stages;
}

absl::StatusOr<std::vector<StageId>> ParseStages(std::string_view list) {
  std::vector<StageId> stages;
  for (absl::string_view part : absl::StrSplit(ToAbsl(list), ',', absl::SkipEmpty())) {
    StageId id;
    if (part == "all") {
      for (StageId all : AllStages()) {
        if (std::find(stages.begin(), stages.end(), all) == stages.end()) stages.push_back(all);
      }
      continue;
    } else if (part == "boilerplate") {
      id = StageId::kBoilerplate;
    } else if (part == "repeats") {
      id = StageId::kRepeats;
    } else if (part == "corpus") {
      id = StageId::kCorpus;
    } else {
      return absl::InvalidArgumentError(absl::StrCat(
          "unknown stage \"", part, "\" (expected boilerplate, repeats, corpus or all)"));
    }
    if (std::find(stages.begin(), stages.end(), id) == stages.end()) {
      stages.push_back(id);
    }
  }
  if (stages.empty()) return absl::InvalidArgumentError("no stage selected");
  return stages;
}

Cleaner::Cleaner(const CleanerOptions& options) {
  auto wants = [&](StageId id) {
    return std::find(options.stages.begin(), options.stages.end(), id) !=
           options.stages.end();
  };
  if (wants(StageId::kBoilerplate)) {
    stages_.push_back(std::make_unique<BoilerplateStage>(options.boilerplate));
  }
  if (wants(StageId::kRepeats)) {
    stages_.push_back(std::make_unique<RepeatsStage>(options.repeats));
  }
  if (wants(StageId::kCorpus)) {
    auto corpus = std::make_unique<CorpusStage>(options.corpus);
    corpus_ = corpus.get();
    stages_.push_back(std::move(corpus));
  }
}

void Cleaner::Clean(std::string_view text, std::string* out, uint64_t ordinal) {
  ctx_.Reset(text, ordinal);
  for (const auto& stage : stages_) stage->Process(&ctx_);
  ctx_.Apply(out);
}

}  // namespace winnow
