// Segmentation (lines and blocks; sentences; words) and word normalization.

#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "bench_corpus.h"
#include "winnow/text/normalizer.h"
#include "winnow/text/segmenter.h"

namespace winnow::bench {
namespace {

Span Whole(const std::string& text) { return {0, static_cast<uint32_t>(text.size())}; }

// Naive reference: lines by '\n', blank = ASCII whitespace only, blocks =
// runs of non-blank lines when some blank line separates two text lines,
// else one block per non-blank line.
void NaiveLinesAndBlocks(const std::string& text, size_t* lines, size_t* blocks) {
  std::vector<bool> blank;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    bool b = true;
    for (size_t i = start; i < end; ++i) {
      b = b && std::string_view(" \t\r\f\v").find(text[i]) != std::string_view::npos;
    }
    blank.push_back(b);
    start = end + 1;
  }
  *lines = blank.size();
  bool paragraphs = false;
  bool seen_text = false;
  bool gap = false;
  for (bool b : blank) {
    if (b) {
      gap = seen_text;
    } else {
      paragraphs = paragraphs || gap;
      seen_text = true;
    }
  }
  *blocks = 0;
  for (size_t i = 0; i < blank.size(); ++i) {
    if (!blank[i] && (!paragraphs || i == 0 || blank[i - 1])) ++*blocks;
  }
}

void BM_Segmenter_LinesAndBlocks(benchmark::State& state) {
  const BenchCorpus& corpus = GetBenchCorpus();
  Segmentation seg;
  // Check once against the naive reference (block counts only on generated
  // text, whose blank lines are ASCII).
  for (const std::string& text : corpus.texts) {
    Segment(text, &seg);
    size_t lines = 0;
    size_t blocks = 0;
    NaiveLinesAndBlocks(text, &lines, &blocks);
    if (seg.lines.size() != lines || (corpus.generated && seg.blocks.size() != blocks)) {
      CheckFailed("BM_Segmenter_LinesAndBlocks",
                  "segmenter " + std::to_string(seg.lines.size()) + " lines, " +
                      std::to_string(seg.blocks.size()) + " blocks; reference " +
                      std::to_string(lines) + ", " + std::to_string(blocks));
    }
  }
  for (auto _ : state) {
    for (const std::string& text : corpus.texts) {
      Segment(text, &seg);
      benchmark::DoNotOptimize(seg.blocks.data());
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus.text_bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * corpus.texts.size()));
}
BENCHMARK(BM_Segmenter_LinesAndBlocks)->Unit(benchmark::kMillisecond);

void BM_Segmenter_SentencesAndWords(benchmark::State& state) {
  const BenchCorpus& corpus = GetBenchCorpus();
  Segmentation seg;
  std::vector<Span> sentences;
  std::vector<Span> words;
  // Check once: sentences are in order inside their block and together
  // hold exactly the block's words.
  uint64_t sentence_count = 0;
  for (const std::string& text : corpus.texts) {
    Segment(text, &seg);
    for (const Block& b : seg.blocks) {
      sentences.clear();
      SplitSentences(text, b.span, &sentences);
      words.clear();
      SplitWords(text, b.span, &words);
      size_t in_sentences = 0;
      uint32_t last = b.span.begin;
      std::vector<Span> sw;
      for (const Span& s : sentences) {
        if (s.begin < last || s.end > b.span.end || s.empty()) {
          CheckFailed("BM_Segmenter_SentencesAndWords", "sentence out of order or empty");
        }
        last = s.end;
        sw.clear();
        SplitWords(text, s, &sw);
        in_sentences += sw.size();
      }
      if (in_sentences != words.size()) {
        CheckFailed("BM_Segmenter_SentencesAndWords",
                    "sentences hold " + std::to_string(in_sentences) + " words, the block " +
                        std::to_string(words.size()));
      }
      sentence_count += sentences.size();
    }
  }
  uint64_t sentences_seen = 0;
  for (auto _ : state) {
    sentences_seen = 0;
    for (const std::string& text : corpus.texts) {
      Segment(text, &seg);
      for (const Block& b : seg.blocks) {
        sentences.clear();
        SplitSentences(text, b.span, &sentences);
        for (const Span& s : sentences) {
          words.clear();
          SplitWords(text, s, &words);
          benchmark::DoNotOptimize(words.data());
        }
        sentences_seen += sentences.size();
      }
    }
  }
  if (sentences_seen != sentence_count) {
    CheckFailed("BM_Segmenter_SentencesAndWords", "sentence count changed between runs");
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus.text_bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * sentence_count));
  state.counters["sentences"] = static_cast<double>(sentence_count);
}
BENCHMARK(BM_Segmenter_SentencesAndWords)->Unit(benchmark::kMillisecond);

void BM_Normalizer_Words(benchmark::State& state) {
  const BenchCorpus& corpus = GetBenchCorpus();
  const Normalizer normalizer;
  std::vector<std::vector<Span>> words(corpus.texts.size());
  uint64_t word_count = 0;
  uint64_t word_bytes = 0;
  for (size_t d = 0; d < corpus.texts.size(); ++d) {
    SplitWords(corpus.texts[d], Whole(corpus.texts[d]), &words[d]);
    word_count += words[d].size();
    for (const Span& w : words[d]) word_bytes += w.size();
  }
  // Check once: ASCII words against the naive form (lower case, digits 0).
  std::string out;
  for (size_t d = 0; d < corpus.texts.size(); ++d) {
    for (const Span& w : words[d]) {
      const std::string_view word = w.In(corpus.texts[d]);
      bool ascii = true;
      std::string expect;
      for (char c : word) {
        if (static_cast<unsigned char>(c) >= 0x80) ascii = false;
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
        if (c >= '0' && c <= '9') c = '0';
        expect.push_back(c);
      }
      if (!ascii) continue;
      normalizer.NormalizeWord(word, &out);
      if (out != expect) {
        CheckFailed("BM_Normalizer_Words",
                    "\"" + std::string(word) + "\" -> \"" + out + "\", expected \"" + expect +
                        "\"");
      }
    }
  }
  for (auto _ : state) {
    for (size_t d = 0; d < corpus.texts.size(); ++d) {
      const std::string& text = corpus.texts[d];
      for (const Span& w : words[d]) {
        normalizer.NormalizeWord(w.In(text), &out);
        benchmark::DoNotOptimize(out.data());
      }
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * word_bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * word_count));
}
BENCHMARK(BM_Normalizer_Words)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace winnow::bench
