#include "winnow/clean/line_frequency.h"

#include <algorithm>
#include <cstring>

#include "winnow/base/swar.h"
#include "winnow/text/utf8.h"

namespace winnow {
namespace {

// The words of a line with non-ASCII bytes, normalized and joined by
// single spaces into *scratch: what WordHasher::ForEachWord gives, joined.
std::string_view JoinMixedLine(const WordHasher& hasher, std::string_view text, Span span,
                               std::string* scratch) {
  // The ASCII stretches between the line's non-ASCII words and separators
  // go through JoinWords, as a whole ASCII line would; only the words
  // with non-ASCII letters go through the normalizer. A stretch starts and
  // ends between words, so its words are the line's.
  const AsciiFoldTable& fold = AsciiFoldTable::For(hasher.normalizer().options());
  const Normalizer& normalizer = hasher.normalizer();
  size_t length = 0;  // joined bytes in *scratch
  auto room = [scratch](size_t bytes) {
    if (scratch->size() < bytes) scratch->resize(std::max(bytes, 2 * scratch->size()));
  };
  auto join_ascii = [&](size_t begin, size_t end) {
    if (begin == end) return;
    const size_t at = length == 0 ? 0 : length + 1;  // after a space
    room(at + (end - begin) + 64);
    const size_t n =
        fold.JoinWords(std::string_view(text.data() + begin, end - begin), scratch->data() + at);
    if (n == 0) return;
    if (at != 0) (*scratch)[length] = ' ';
    length = at + n;
  };
  thread_local std::string word;
  size_t pos = span.begin;   // next byte to look at
  size_t start = pos;        // first byte not joined yet
  const size_t end = span.end;
  while (pos < end) {
    if (static_cast<unsigned char>(text[pos]) < 0x80) {
      ++pos;
      continue;
    }
    char32_t cp;
    const size_t n = DecodeUtf8(text, pos, &cp);
    if (!IsWordChar(cp)) {  // a separator: the stretch before it is whole
      join_ascii(start, pos);
      pos += n;
      start = pos;
      continue;
    }
    // A word with a non-ASCII letter: from the ASCII letters and digits
    // before it to the first separator after it.
    size_t begin = pos;
    while (begin > start && IsAsciiWordChar(static_cast<unsigned char>(text[begin - 1]))) {
      --begin;
    }
    join_ascii(start, begin);
    pos += n;
    while (pos < end) {
      const auto c = static_cast<unsigned char>(text[pos]);
      if (c < 0x80) {
        if (!IsAsciiWordChar(c)) break;
        ++pos;
      } else {
        const size_t m = DecodeUtf8(text, pos, &cp);
        if (!IsWordChar(cp)) break;
        pos += m;
      }
    }
    normalizer.NormalizeWord(text.substr(begin, pos - begin), &word);
    if (!word.empty()) {
      const size_t at = length == 0 ? 0 : length + 1;
      room(at + word.size() + 64);
      if (at != 0) (*scratch)[length] = ' ';
      std::memcpy(scratch->data() + at, word.data(), word.size());
      length = at + word.size();
    }
    start = pos;
  }
  join_ascii(start, end);
  return std::string_view(scratch->data(), length);
}

}  // namespace

LineFrequencies::LineFrequencies(size_t memory_budget_bytes)
    : max_lines_(memory_budget_bytes / kBytesPerLine) {}

uint64_t LineFrequencies::LineKey(WordHasher* hasher, std::string_view text, Span span,
                                  std::string* scratch) {
  // An ASCII line in one pass: its words are the runs of ASCII letters and
  // digits, each byte folded (what WordHasher::ForEachWord gives for ASCII).
  const size_t size = span.end - span.begin;
  const char* in = text.data() + span.begin;
  if (IsAsciiText(in, size)) {
    const AsciiFoldTable& fold = AsciiFoldTable::For(hasher->normalizer().options());
    if (scratch->size() < size + 64) scratch->resize(size + 64);  // no fill per line
    const size_t n = fold.JoinWords(std::string_view(in, size), scratch->data());
    return KeyOfJoined(std::string_view(scratch->data(), n));
  }
  return KeyOfJoined(JoinMixedLine(*hasher, text, span, scratch));
}

void LineKeyer::Keys(std::string_view text, DocumentLineKeys* out) {
  Segment(text, &seg_);
  out->lines.clear();
  for (const Line& line : seg_.lines) {
    if (line.blank) continue;
    const uint64_t key = LineFrequencies::LineKey(&hasher_, text, line.span, &words_);
    if (key != 0) out->lines.push_back(key);
  }
  out->document = HashSequence(out->lines);
  std::sort(out->lines.begin(), out->lines.end());
  out->lines.erase(std::unique(out->lines.begin(), out->lines.end()), out->lines.end());
}

void LineFrequencies::AddDocument(std::string_view text) {
  keyer_.Keys(text, &keys_);
  AddKeys(keys_);
}

void LineFrequencies::AddKeys(const DocumentLineKeys& keys) {
  ++documents_;
  // A copy of a document seen before (same normalized lines in the same
  // order) adds no evidence: its lines recur because the page does.
  if (!documents_seen_.insert(keys.document).second) {
    ++duplicates_;
    return;
  }
  // All the document's keys are known: start loading their slots, so that
  // over a table far larger than the caches the lookups wait for memory
  // together, not one after another.
  for (uint64_t key : keys.lines) counts_.prefetch(key);
  for (uint64_t key : keys.lines) {
    auto it = counts_.find(key);
    if (it != counts_.end()) {
      ++it->second;
    } else if (counts_.size() < max_lines_) {
      counts_.emplace(key, 1);
    } else {
      saturated_ = true;
    }
  }
}

void LineFrequencies::Prune(uint32_t min_count) {
  if (min_count <= 1) return;
  absl::erase_if(counts_, [min_count](const auto& entry) { return entry.second < min_count; });
  counts_.rehash(0);  // shrink to fit what is left
  documents_seen_ = {};  // only AddKeys needs it
}

uint32_t LineFrequencies::Count(uint64_t key) const {
  if (key == 0) return 0;
  auto it = counts_.find(key);
  return it == counts_.end() ? 0 : it->second;
}

}  // namespace winnow
