#include "winnow/clean/line_frequency.h"

#include <algorithm>
#include <cstring>

#include "winnow/base/swar.h"
#include "winnow/text/utf8.h"

namespace winnow {
namespace {

// The words of a line with non-ASCII bytes, normalized and joined by
// single spaces into *scratch: what WordHasher::ForEachWord gives, joined,
// with the ASCII stretches joined by JoinWords as a whole ASCII line is.
std::string_view JoinMixedLine(WordHasher* hasher, std::string_view text, Span span,
                               std::string* scratch) {
  const AsciiFoldTable& fold = AsciiFoldTable::For(hasher->normalizer().options());
  size_t length = 0;  // joined bytes in *scratch
  // Room for `bytes` more after a space, which is written when words follow.
  auto append_at = [&](size_t bytes) {
    const size_t at = length == 0 ? 0 : length + 1;
    if (scratch->size() < at + bytes + 64) {
      scratch->resize(std::max(at + bytes + 64, 2 * scratch->size()));
    }
    return at;
  };
  hasher->ForEachAsciiStretchAndWord(
      text, span,
      [&](size_t begin, size_t end) {
        const size_t at = append_at(end - begin);
        const size_t n = fold.JoinWords(text.substr(begin, end - begin), scratch->data() + at);
        if (n == 0) return;
        if (at != 0) (*scratch)[length] = ' ';
        length = at + n;
      },
      [&](Span, std::string_view word) {
        if (word.empty()) return;
        const size_t at = append_at(word.size());
        if (at != 0) (*scratch)[length] = ' ';
        std::memcpy(scratch->data() + at, word.data(), word.size());
        length = at + word.size();
      });
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
  return KeyOfJoined(JoinMixedLine(hasher, text, span, scratch));
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
  for (uint64_t key : keys.lines) counts_.Prefetch(key);
  for (uint64_t key : keys.lines) {
    if (counts_.size() < max_lines_) {
      // One probe, not a Find and then TryEmplace's own: most lines are new.
      const auto [count, inserted] = counts_.TryEmplace(key, 1);
      if (!inserted) ++*count;
    } else if (uint32_t* count = counts_.Find(key)) {
      ++*count;
    } else {
      saturated_ = true;
    }
  }
}

void LineFrequencies::Prune(uint32_t min_count) {
  if (min_count <= 1) return;
  // A new table of what is left, sized for it.
  size_t kept = 0;
  counts_.ForEach([&](uint64_t, uint32_t count) { kept += count >= min_count ? 1 : 0; });
  KeyTable pruned;
  pruned.Plan(kept);
  counts_.ForEach([&](uint64_t key, uint32_t count) {
    if (count >= min_count) pruned.TryEmplace(key, count);
  });
  counts_ = std::move(pruned);
  documents_seen_ = {};  // only AddKeys needs it
}

uint32_t LineFrequencies::Count(uint64_t key) const {
  if (key == 0) return 0;
  const uint32_t* count = counts_.Find(key);
  return count == nullptr ? 0 : *count;
}

}  // namespace winnow
