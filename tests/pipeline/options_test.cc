#include "winnow/pipeline/options.h"

#include <gtest/gtest.h>

#include <string>

namespace winnow {
namespace {

// --- The table ---------------------------------------------------------------

TEST(Options, Table_EveryDefaultParses) {
  for (const CleanOption& option : CleanOptionTable()) {
    RunOptions options;
    EXPECT_TRUE(SetCleanOption(option.name, option.default_value, &options).ok()) << option.name;
    EXPECT_EQ(FindCleanOption(option.name), &option);
  }
  EXPECT_EQ(FindCleanOption("output"), nullptr);  // command line only
}

TEST(Options, Defaults_AreTheLibraryDefaultsAndTheCommandLines) {
  const RunOptions d = DefaultRunOptions();
  const CleanerOptions c;
  EXPECT_EQ(d.cleaner.stages, AllStages());
  EXPECT_EQ(d.cleaner.repeats.similarity, c.repeats.similarity);
  EXPECT_EQ(d.cleaner.repeats.coverage, c.repeats.coverage);
  EXPECT_EQ(d.cleaner.repeats.structural_copies, c.repeats.structural_copies);
  EXPECT_EQ(d.cleaner.corpus.sentence_span, c.corpus.sentence_span);
  EXPECT_FALSE(d.cleaner.corpus.sentence_span_in_document);
  EXPECT_EQ(d.max_document_bytes, kDefaultMaxDocumentBytes);
  EXPECT_EQ(d.text_field, "text");
  EXPECT_EQ(d.id_field, "id");
  EXPECT_FALSE(d.format.has_value());
  EXPECT_EQ(d.on_error, OnError::kSkip);
  EXPECT_GE(d.threads, 1);
  // --memory 4G: a quarter for the line counts, the rest for the corpus index.
  EXPECT_EQ(d.memory_bytes, size_t{4} << 30);
  EXPECT_EQ(d.line_memory_bytes, size_t{1} << 30);
  EXPECT_EQ(d.cleaner.corpus.memory_budget_bytes, size_t{3} << 30);
  EXPECT_FALSE(d.cleaner.corpus.spill_dir.empty());
  EXPECT_TRUE(d.cleaner.repeats.normalizer.nfkc);
  EXPECT_TRUE(d.cleaner.corpus.normalizer.digits_to_zero);
  EXPECT_FALSE(d.cleaner.corpus.normalizer.strip_accents);
}

// --- Values ------------------------------------------------------------------

TEST(Options, Set_ParsesEachKind) {
  RunOptions o = DefaultRunOptions();
  ASSERT_TRUE(SetCleanOption("stages", "repeats,boilerplate", &o).ok());
  EXPECT_EQ(o.cleaner.stages, (std::vector<StageId>{StageId::kRepeats, StageId::kBoilerplate}));
  ASSERT_TRUE(SetCleanOption("sentence-span", "5", &o).ok());
  EXPECT_EQ(o.cleaner.corpus.sentence_span, 5);
  ASSERT_TRUE(SetCleanOption("repeat-similarity", "0.75", &o).ok());
  EXPECT_DOUBLE_EQ(o.cleaner.repeats.similarity, 0.75);
  ASSERT_TRUE(SetCleanOption("sentence-span-in-document", "true", &o).ok());
  EXPECT_TRUE(o.cleaner.corpus.sentence_span_in_document);
  ASSERT_TRUE(SetCleanOption("memory", "512M", &o).ok());
  EXPECT_EQ(o.cleaner.corpus.memory_budget_bytes, size_t{384} << 20);
  ASSERT_TRUE(SetCleanOption("normalize", "none", &o).ok());
  EXPECT_FALSE(o.cleaner.corpus.normalizer.nfkc);
  EXPECT_FALSE(o.cleaner.repeats.normalizer.case_fold);
  ASSERT_TRUE(SetCleanOption("threads", "1000", &o).ok());
  EXPECT_EQ(o.threads, 256);  // as many as the command line allows
  ASSERT_TRUE(SetCleanOption("format", "wet", &o).ok());
  EXPECT_EQ(o.format, Format::kWet);
  ASSERT_TRUE(SetCleanOption("format", "auto", &o).ok());
  EXPECT_FALSE(o.format.has_value());
}

TEST(Options, Set_RejectsBadValuesAndUnknownNames) {
  RunOptions o;
  for (const auto& [name, value] : std::vector<std::pair<std::string, std::string>>{
           {"stages", "corpse"}, {"stages", ""}, {"sentence-span", "-1"},
           {"sentence-span", "3x"}, {"repeat-similarity", "1.5"}, {"repeat-coverage", "nan"},
           {"threads", "0"}, {"memory", "0"}, {"memory", "4Q"}, {"normalize", "lower"},
           {"resume", "yes"}, {"on-error", "ignore"}, {"format", "html"},
           {"max-document-bytes", "0"}, {"text-field", ""}}) {
    const absl::Status s = SetCleanOption(name, value, &o);
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << name << "=" << value;
  }
  EXPECT_EQ(SetCleanOption("colour", "red", &o).code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(SetCleanOption("memory", "lots", &o).message(),
            "\"lots\" is not a size (e.g. 512M, 4G)");
}

}  // namespace
}  // namespace winnow
