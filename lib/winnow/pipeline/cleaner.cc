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

namespace {

bool Wants(const CleanerOptions& options, StageId id) {
  return std::find(options.stages.begin(), options.stages.end(), id) != options.stages.end();
}

}  // namespace

DocumentCleaner::DocumentCleaner(const CleanerOptions& options) {
  if (Wants(options, StageId::kBoilerplate)) {
    BoilerplateOptions boilerplate = options.boilerplate;
    // The repeats and corpus stages then take the words the boilerplate
    // stage split and hashed (each only when it would normalize them the
    // same way).
    boilerplate.share_words =
        (Wants(options, StageId::kCorpus) && options.corpus.normalizer == NormalizerOptions{}) ||
        (Wants(options, StageId::kRepeats) && options.repeats.normalizer == NormalizerOptions{});
    stages_.push_back(std::make_unique<BoilerplateStage>(boilerplate));
  }
  if (Wants(options, StageId::kRepeats)) {
    stages_.push_back(std::make_unique<RepeatsStage>(options.repeats));
  }
  if (Wants(options, StageId::kCorpus)) {
    corpus_ = std::make_unique<CorpusHasher>(options.corpus);
  }
}

void DocumentCleaner::Prepare(std::string_view text, uint64_t ordinal, DocumentContext* ctx,
                              CorpusDigest* digest) {
  ctx->Reset(text, ordinal);
  for (const auto& stage : stages_) stage->Process(ctx);
  if (corpus_ != nullptr) corpus_->Digest(*ctx, digest);
}

Cleaner::Cleaner(const CleanerOptions& options) : local_(options) {
  if (Wants(options, StageId::kCorpus)) corpus_ = std::make_unique<CorpusStage>(options.corpus);
}

void Cleaner::Clean(std::string_view text, std::string* out, uint64_t ordinal) {
  local_.Prepare(text, ordinal, &ctx_, &digest_);
  if (corpus_ != nullptr) corpus_->Commit(&ctx_, digest_);
  ctx_.Apply(out);
}

}  // namespace winnow
