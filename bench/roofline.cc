// roofline: the irreducible work of cleaning a JSONL corpus, on one thread.
//
//   build/release/bench/roofline FILE.jsonl [--parser dom|ondemand]
//
// For every line of FILE: parse it with simdjson (into one reused padded
// buffer, as winnow's reader does), take the "text" string, split it on
// ASCII whitespace (space, \t, \n, \v, \f, \r), hash every word with XXH3-64,
// and hash every word 5-gram as XXH3-64 over the five word hashes laid out
// as little-endian 64-bit integers (the layout of winnow's ShingleHashes;
// no normalization). The sum of all 5-gram hashes (mod 2^64) is printed so
// that nothing can be optimized away and two builds can be compared.
// A document of fewer than five words contributes no 5-gram.
//
// Throughput is input file bytes / elapsed time (reading included), in
// MB/s of 10^6 bytes. Output, one line each:
//   roofline_parser <dom|ondemand> (<kernel>)
//   roofline_build <compiler flags>
//   roofline_docs <n> words <n> shingles <n> errors <n>
//   roofline_sum <hex>
//   roofline_seconds <s> bytes <n> mb_per_s <x>
// Exit 1 when the file cannot be read.
//
// The DOM parser is the default: in the portable build its stage 1 is
// dispatched at run time to the best kernel of the CPU, while On-Demand is
// compiled into this file and runs the kernel the compiler flags allow
// (the portable fallback without -march); measured on this machine, DOM is
// faster in the default build (README, "Performance").

#include <simdjson.h>

// xxHash compiled in, as winnow's hash module does.
#define XXH_INLINE_ALL
#include <xxhash.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>

namespace {

constexpr uint64_t kSeed = 0x776f6e6e6977ULL;  // winnow's hash seed
constexpr size_t kChunk = size_t{4} << 20;

struct Totals {
  uint64_t docs = 0;
  uint64_t words = 0;
  uint64_t shingles = 0;
  uint64_t errors = 0;
  uint64_t sum = 0;
};

bool IsAsciiSpace(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

void HashText(std::string_view text, Totals* t) {
  uint64_t window[5];
  uint64_t n = 0;
  size_t i = 0;
  const size_t size = text.size();
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  while (i < size) {
    while (i < size && IsAsciiSpace(p[i])) ++i;
    if (i == size) break;
    const size_t begin = i;
    while (i < size && !IsAsciiSpace(p[i])) ++i;
    // Shift the window left by one word: the 40 bytes hashed are the five
    // hashes in text order.
    const uint64_t h = XXH3_64bits_withSeed(p + begin, i - begin, kSeed);
    if (n < 5) {
      window[n] = h;
    } else {
      std::memmove(window, window + 1, 4 * sizeof(uint64_t));
      window[4] = h;
    }
    ++n;
    if (n >= 5) {
      t->sum += XXH3_64bits_withSeed(window, sizeof(window), kSeed);
      ++t->shingles;
    }
  }
  t->words += n;
}

class Parser {
 public:
  explicit Parser(bool dom) : dom_(dom) {}

  // Parses one line; false when it is not an object with a string "text".
  bool Text(std::string_view line, std::string_view* text) {
    const size_t needed = line.size() + simdjson::SIMDJSON_PADDING;
    if (padded_.size() < needed) padded_.resize(needed);
    std::memcpy(padded_.data(), line.data(), line.size());
    if (dom_) {
      simdjson::dom::element root;
      if (dom_parser_.parse(padded_.data(), line.size(), false).get(root)) return false;
      return !root["text"].get_string().get(*text);
    }
    simdjson::ondemand::document doc;
    if (od_parser_.iterate(padded_.data(), line.size(), padded_.size()).get(doc)) return false;
    return !doc["text"].get_string().get(*text);
  }

 private:
  bool dom_;
  std::string padded_;
  simdjson::dom::parser dom_parser_;
  simdjson::ondemand::parser od_parser_;
};

}  // namespace

int main(int argc, char** argv) {
  const char* path = nullptr;
  bool dom = true;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--parser" && i + 1 < argc) {
      const std::string_view v = argv[++i];
      if (v != "dom" && v != "ondemand") {
        std::fprintf(stderr, "roofline: --parser takes dom or ondemand\n");
        return 1;
      }
      dom = v == "dom";
    } else if (path == nullptr && !arg.starts_with("-")) {
      path = argv[i];
    } else {
      std::fprintf(stderr, "usage: roofline FILE.jsonl [--parser dom|ondemand]\n");
      return 1;
    }
  }
  if (path == nullptr) {
    std::fprintf(stderr, "usage: roofline FILE.jsonl [--parser dom|ondemand]\n");
    return 1;
  }
  std::FILE* f = std::fopen(path, "rb");
  if (f == nullptr) {
    std::fprintf(stderr, "roofline: %s: %s\n", path, std::strerror(errno));
    return 1;
  }
  const auto start = std::chrono::steady_clock::now();
  Parser parser(dom);
  Totals t;
  uint64_t bytes = 0;
  std::string buffer(kChunk, '\0');
  size_t have = 0;  // bytes of an unfinished line at the buffer's start
  for (;;) {
    if (have == buffer.size()) buffer.resize(buffer.size() * 2);  // a huge line
    const size_t got = std::fread(buffer.data() + have, 1, buffer.size() - have, f);
    bytes += got;
    const bool eof = got == 0;
    if (eof && std::ferror(f)) {
      std::fprintf(stderr, "roofline: %s: read error\n", path);
      return 1;
    }
    const size_t end = have + got;
    size_t pos = 0;
    for (;;) {
      const void* nl = std::memchr(buffer.data() + pos, '\n', end - pos);
      size_t line_end;
      if (nl != nullptr) {
        line_end = static_cast<size_t>(static_cast<const char*>(nl) - buffer.data());
      } else if (eof && pos < end) {
        line_end = end;  // last line without '\n'
      } else {
        break;
      }
      std::string_view line(buffer.data() + pos, line_end - pos);
      pos = line_end + 1;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line.empty()) continue;
      std::string_view text;
      if (!parser.Text(line, &text)) {
        ++t.errors;
        continue;
      }
      ++t.docs;
      HashText(text, &t);
      if (pos > end) break;
    }
    if (eof) break;
    have = end - std::min(pos, end);
    std::memmove(buffer.data(), buffer.data() + std::min(pos, end), have);
  }
  std::fclose(f);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const char* kernel = dom ? simdjson::get_active_implementation()->name().c_str()
                           : simdjson::builtin_implementation()->name().c_str();
  std::printf("roofline_parser %s (%s)\n", dom ? "dom" : "ondemand", kernel);
  std::printf("roofline_build %s\n", WINNOW_BENCH_FLAGS);
  std::printf("roofline_docs %llu words %llu shingles %llu errors %llu\n",
              static_cast<unsigned long long>(t.docs), static_cast<unsigned long long>(t.words),
              static_cast<unsigned long long>(t.shingles),
              static_cast<unsigned long long>(t.errors));
  std::printf("roofline_sum %016llx\n", static_cast<unsigned long long>(t.sum));
  std::printf("roofline_seconds %.4f bytes %llu mb_per_s %.1f\n", seconds,
              static_cast<unsigned long long>(bytes), static_cast<double>(bytes) / seconds / 1e6);
  return 0;
}
