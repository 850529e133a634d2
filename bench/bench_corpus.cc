#include "bench_corpus.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <random>
#include <set>
#include <string_view>

#include "winnow/formats/json.h"
#include "winnow/formats/reader.h"
#include "winnow/io/input.h"

namespace winnow::bench {
namespace {

constexpr uint64_t kSeed = 20261202;
constexpr size_t kGeneratedBytes = size_t{16} << 20;

// English function words, roughly in order of frequency; they make up about
// 45% of running text, which is what the boilerplate classifier expects of
// prose.
constexpr std::string_view kFunctionWords[] = {
    "the", "of", "and", "to", "a", "in", "that", "is", "was", "for", "it", "with", "as",
    "on", "be", "at", "by", "this", "had", "not", "are", "but", "from", "or", "have",
    "an", "they", "which", "one", "you", "were", "her", "all", "she", "there", "would",
    "their", "we", "him", "been", "has", "when", "who", "will", "more", "no", "if", "out",
    "so", "said", "what", "up", "its", "about", "into", "than", "them", "can", "only",
    "other", "new", "some", "could", "time", "these", "two", "may", "then", "do", "first",
    "any", "my", "now", "such", "like", "our", "over", "man", "me", "even", "most"};

// Real content words, the head of the content vocabulary.
constexpr std::string_view kContentWords[] = {
    "government", "people", "market", "water", "school", "company", "report", "city",
    "council", "research", "energy", "history", "village", "students", "workers", "river",
    "election", "minister", "hospital", "museum", "festival", "railway", "harbour", "bridge",
    "library", "century", "policy", "budget", "season", "weather", "farmers", "village",
    "announced", "reported", "increased", "decided", "explained", "suggested", "opened",
    "described", "recorded", "published", "approved", "expected", "continued", "remained",
    "important", "local", "national", "public", "private", "northern", "southern", "recent",
    "significant", "traditional", "economic", "several", "different", "available", "early",
    "quickly", "finally", "recently", "however", "nearly", "already", "especially"};

// Words that take the normalizer's Unicode path (accents, curly apostrophes,
// a ligature, full-width digits).
constexpr std::string_view kUnicodeWords[] = {
    "café", "naïve", "Korea’s", "Zürich", "São", "façade", "résumé", "Ångström",
    "ﬁnance", "Straße", "２０２６", "Málaga", "Kraków", "coöperation"};

constexpr std::string_view kSyllables[] = {
    "ka", "ro", "ven", "tal", "mor", "si", "lan", "der", "pe", "tri", "gon", "ul", "mi",
    "bar", "no", "ste", "qua", "fel", "dor", "an", "is", "mel", "cor", "ta", "vi", "ren"};

// Lines of the built-in lexicon, as a page would show them.
constexpr std::string_view kFurniture[] = {"Advertisement", "Share this article",
                                           "Share on Facebook", "Sponsored content"};

class Generator {
 public:
  Generator() : rng_(kSeed) {
    // A content vocabulary with a long tail: real words first, then
    // pseudo-words of two or three syllables.
    for (std::string_view w : kContentWords) vocabulary_.emplace_back(w);
    while (vocabulary_.size() < 4000) {
      std::string w;
      const int syllables = 2 + static_cast<int>(rng_() % 2);
      for (int i = 0; i < syllables; ++i) w += kSyllables[rng_() % std::size(kSyllables)];
      vocabulary_.push_back(std::move(w));
    }
    // Zipf-like ranks: P(rank r) ~ 1 / (r + 10).
    double total = 0;
    for (size_t r = 0; r < vocabulary_.size(); ++r) {
      total += 1.0 / static_cast<double>(r + 10);
      cumulative_.push_back(total);
    }
    for (double& c : cumulative_) c /= total;
  }

  void Generate(BenchCorpus* corpus) {
    corpus->generated = true;
    corpus->source = "generated (seed " + std::to_string(kSeed) + ")";
    while (corpus->text_bytes < kGeneratedBytes) {
      std::string text;
      if (corpus->texts.size() >= 20 && Chance(0.04)) {
        // An exact copy of an earlier document (not itself a copy).
        const uint32_t original = Uniform(static_cast<uint32_t>(corpus->texts.size()));
        if (is_copy_[original]) continue;
        text = corpus->texts[original];
        is_copy_.push_back(true);
        ++corpus->duplicate_documents;
        // The copy repeats the original's injections.
        lexicon_.push_back(lexicon_[original]);
        repeated_count_.push_back(repeated_count_[original]);
        corpus->lexicon_lines += lexicon_.back();
        corpus->repeated_paragraphs += repeated_count_.back();
      } else {
        const uint64_t lexicon_before = corpus->lexicon_lines;
        const uint64_t repeated_before = corpus->repeated_paragraphs;
        text = Document(corpus);
        is_copy_.push_back(false);
        lexicon_.push_back(corpus->lexicon_lines - lexicon_before);
        repeated_count_.push_back(corpus->repeated_paragraphs - repeated_before);
      }
      corpus->text_bytes += text.size();
      corpus->texts.push_back(std::move(text));
    }
  }

 private:
  bool Chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }
  uint32_t Uniform(uint32_t n) { return static_cast<uint32_t>(rng_() % n); }

  std::string_view ContentWord() {
    const double u = std::uniform_real_distribution<double>(0, 1)(rng_);
    const auto it = std::lower_bound(cumulative_.begin(), cumulative_.end(), u);
    const auto r = static_cast<size_t>(it - cumulative_.begin());
    return vocabulary_[std::min(r, vocabulary_.size() - 1)];
  }

  std::string Sentence() {
    const uint32_t words = 8 + Uniform(18);
    std::string s;
    for (uint32_t i = 0; i < words; ++i) {
      std::string word;
      if (Chance(0.45)) {
        word = kFunctionWords[std::min<uint32_t>(Uniform(40) + Uniform(41), 80)];
      } else if (Chance(0.03)) {
        word = std::to_string(1 + Uniform(2030));
      } else if (i > 0 && Chance(0.02)) {  // (a sentence starts with a capital)
        word = kUnicodeWords[Uniform(static_cast<uint32_t>(std::size(kUnicodeWords)))];
      } else {
        word = ContentWord();
      }
      if (i == 0 && word[0] >= 'a' && word[0] <= 'z') word[0] = static_cast<char>(word[0] - 32);
      if (i > 0) s += ' ';
      s += word;
      if (i + 1 < words && Chance(0.06)) s += ',';
    }
    s += Chance(0.9) ? "." : (Chance(0.5) ? "?" : "!");
    return s;
  }

  std::string Paragraph() {
    std::string p;
    const uint32_t sentences = 2 + Uniform(5);
    for (uint32_t i = 0; i < sentences; ++i) {
      if (i > 0) p += ' ';
      p += Sentence();
    }
    return p;
  }

  std::string Headline() {
    std::string h;
    const uint32_t words = 4 + Uniform(6);
    for (uint32_t i = 0; i < words; ++i) {
      std::string w(ContentWord());
      if (w[0] >= 'a' && w[0] <= 'z') w[0] = static_cast<char>(w[0] - 32);
      if (i > 0) h += ' ';
      h += w;
    }
    return h;
  }

  std::string Document(BenchCorpus* corpus) {
    const char* separator = Chance(0.6) ? "\n\n" : "\n";
    std::vector<std::string> parts;
    std::vector<size_t> paragraph_index;  // parts that are paragraphs
    parts.push_back(Headline());
    const uint32_t paragraphs = 4 + Uniform(10);
    for (uint32_t i = 0; i < paragraphs; ++i) {
      if (Chance(0.08)) {
        parts.emplace_back(kFurniture[Uniform(static_cast<uint32_t>(std::size(kFurniture)))]);
        ++corpus->lexicon_lines;
      }
      if (paragraph_index.size() >= 2 && Chance(0.1)) {
        // Say an earlier paragraph again, word for word (once: three copies
        // would be structure, which the repeats stage keeps).
        const size_t source =
            paragraph_index[Uniform(static_cast<uint32_t>(paragraph_index.size()))];
        if (!repeated_.contains(source)) {
          repeated_.insert(source);
          parts.push_back(parts[source]);
          ++corpus->repeated_paragraphs;
          continue;
        }
      }
      paragraph_index.push_back(parts.size());
      parts.push_back(Paragraph());
    }
    repeated_.clear();
    std::string text;
    for (size_t i = 0; i < parts.size(); ++i) {
      if (i > 0) text += separator;
      text += parts[i];
    }
    text += '\n';
    return text;
  }

  std::mt19937_64 rng_;
  std::vector<std::string> vocabulary_;
  std::vector<double> cumulative_;
  std::set<size_t> repeated_;  // paragraphs of this document said twice
  // Per document: a copy of another; its furniture lines and repeats.
  std::vector<bool> is_copy_;
  std::vector<uint64_t> lexicon_;
  std::vector<uint64_t> repeated_count_;
};

// The first `limit` bytes of a JSONL file, cut after the last whole line.
void LoadJsonl(const std::string& path, size_t limit, BenchCorpus* corpus) {
  std::ifstream in(path, std::ios::binary);
  if (!in) CheckFailed("corpus", "cannot open WINNOW_BENCH_CORPUS=" + path);
  std::string bytes(limit, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(limit));
  bytes.resize(static_cast<size_t>(in.gcount()));
  if (bytes.size() == limit) {
    const size_t nl = bytes.rfind('\n');
    bytes.resize(nl == std::string::npos ? 0 : nl + 1);
  }
  corpus->source = path + " (first " + std::to_string(bytes.size()) + " bytes)";
  corpus->jsonl = bytes;
  auto reader = DocumentReader::FromStream(MemoryInput(path, std::move(bytes)), Format::kJsonl,
                                           ReaderOptions{});
  Document doc;
  while (reader->Next(&doc)) {
    corpus->text_bytes += doc.text.size();
    corpus->texts.push_back(doc.text);
  }
  if (!reader->status().ok() || reader->rejected() != 0 || corpus->texts.empty()) {
    CheckFailed("corpus", path + ": not a clean JSONL corpus (" + reader->status().ToString() +
                              ", " + std::to_string(reader->rejected()) + " rejected records)");
  }
}

std::string ToJsonl(const std::vector<std::string>& texts) {
  std::string out;
  for (size_t i = 0; i < texts.size(); ++i) {
    out += "{\"id\":\"bench-";
    out += std::to_string(i);
    out += "\",\"url\":\"https://example.org/news/";
    out += std::to_string(i);
    out += "\",\"text\":";
    AppendJsonString(texts[i], &out);
    out += "}\n";
  }
  return out;
}

}  // namespace

const BenchCorpus& GetBenchCorpus() {
  static const BenchCorpus* corpus = [] {
    auto* c = new BenchCorpus;
    const char* path = std::getenv("WINNOW_BENCH_CORPUS");
    if (path != nullptr && *path != '\0') {
      size_t limit = size_t{16} << 20;
      if (const char* bytes = std::getenv("WINNOW_BENCH_BYTES")) {
        limit = static_cast<size_t>(std::strtoull(bytes, nullptr, 10));
      }
      LoadJsonl(path, limit, c);
    } else {
      Generator().Generate(c);
      c->jsonl = ToJsonl(c->texts);
    }
    return c;
  }();
  return *corpus;
}

std::string DescribeCorpus(const BenchCorpus& corpus) {
  return corpus.source + ", " + std::to_string(corpus.texts.size()) + " documents, " +
         std::to_string(corpus.text_bytes) + " text bytes";
}

void CheckFailed(const std::string& benchmark, const std::string& what) {
  std::fprintf(stderr, "benchmark check failed: %s: %s\n", benchmark.c_str(), what.c_str());
  std::exit(1);
}

}  // namespace winnow::bench
