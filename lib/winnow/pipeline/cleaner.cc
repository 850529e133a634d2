#include "winnow/pipeline/cleaner.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "winnow/base/strings.h"

namespace winnow {

absl::StatusOr<std::vector<StageId>> ParseStages(std::string_view list) {
  std::vector<StageId> stages;
  for (absl::string_view part : absl::StrSplit(ToAbsl(list), ',', absl::SkipEmpty())) {
    StageId id;
    if (part == "all") {
      stages = {StageId::kBoilerplate, StageId::kRepeats};
      continue;
    } else if (part == "boilerplate") {
      id = StageId::kBoilerplate;
    } else if (part == "repeats") {
      id = StageId::kRepeats;
    } else {
      return absl::InvalidArgumentError(absl::StrCat(
          "unknown stage \"", part, "\" (expected boilerplate, repeats or all)"));
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
}

void Cleaner::Clean(std::string_view text, std::string* out, uint64_t ordinal) {
  ctx_.Reset(text, ordinal);
  for (const auto& stage : stages_) stage->Process(&ctx_);
  ctx_.Apply(out);
}

}  // namespace winnow
