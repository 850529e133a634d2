// Fuzzes the segmenter (text/segmenter.h): lines, blocks, sentences, words.
//
// Invariants beyond survival:
//   - lines tile the text: each starts where the previous one's `next` is,
//     its content holds no '\n', its terminator is "\n" or "\r\n" (none or
//     a lone "\r" for the last line), and the last `next` is the text's end;
//   - `blank` is true exactly for lines of whitespace only (checked for the
//     ASCII case, where it is unambiguous);
//   - blocks are runs of non-blank lines, in order, that together cover every
//     non-blank line once; a block's span runs from its first line's start
//     to its last line's end;
//   - sentences and words lie inside the range they were asked for, are
//     non-empty, in order and disjoint; on valid UTF-8 each is valid UTF-8
//     (no unit starts or ends inside a code point).

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "winnow/base/check.h"
#include "winnow/text/segmenter.h"
#include "winnow/text/utf8.h"

namespace {

void CheckUnits(std::string_view text, winnow::Span range,
                const std::vector<winnow::Span>& units, bool valid, const char* what) {
  uint32_t last_end = range.begin;
  for (const winnow::Span& u : units) {
    WINNOW_CHECK(u.begin < u.end) << what << " is empty";
    WINNOW_CHECK(u.begin >= last_end) << what << "s overlap or go backwards";
    WINNOW_CHECK(u.end <= range.end) << what << " ends past its range";
    WINNOW_CHECK(!valid || winnow::IsValidUtf8(u.In(text))) << what << " cuts a code point";
    last_end = u.end;
  }
}

bool AsciiBlank(std::string_view s) {
  for (char c : s) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\v' && c != '\f') return false;
  }
  return true;
}

bool IsAscii(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace winnow;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const bool valid = IsValidUtf8(text);
  Segmentation seg;
  Segment(text, &seg);

  uint32_t start = 0;
  for (size_t i = 0; i < seg.lines.size(); ++i) {
    const Line& line = seg.lines[i];
    WINNOW_CHECK(line.span.begin == start) << "line " << i << " does not start at " << start;
    WINNOW_CHECK(line.span.begin <= line.span.end && line.span.end <= line.next);
    WINNOW_CHECK(line.next <= text.size());
    const std::string_view content = line.span.In(text);
    WINNOW_CHECK(content.find('\n') == std::string_view::npos) << "line " << i << " holds \\n";
    const std::string_view terminator =
        text.substr(line.span.end, line.next - line.span.end);
    const bool last = i + 1 == seg.lines.size();
    // The last line may also end in a lone "\r" (a CRLF text cut short):
    // the segmenter counts it as the terminator.
    WINNOW_CHECK(terminator == "\n" || terminator == "\r\n" ||
                 (last && (terminator.empty() || terminator == "\r")))
        << "line " << i << " has a bad terminator";
    if (IsAscii(content)) {
      WINNOW_CHECK(line.blank == AsciiBlank(content)) << "line " << i << " blank flag";
    }
    start = line.next;
  }
  WINNOW_CHECK(start == text.size()) << "lines end at " << start << " of " << text.size();

  std::vector<bool> covered(seg.lines.size(), false);
  uint32_t next_line = 0;
  for (const Block& b : seg.blocks) {
    WINNOW_CHECK(b.first_line >= next_line && b.first_line < b.end_line);
    WINNOW_CHECK(b.end_line <= seg.lines.size());
    WINNOW_CHECK(b.span.begin == seg.lines[b.first_line].span.begin);
    WINNOW_CHECK(b.span.end == seg.lines[b.end_line - 1].span.end);
    for (uint32_t l = b.first_line; l < b.end_line; ++l) {
      WINNOW_CHECK(!seg.lines[l].blank) << "block holds blank line " << l;
      covered[l] = true;
    }
    next_line = b.end_line;

    std::vector<Span> sentences;
    SplitSentences(text, b.span, &sentences);
    CheckUnits(text, b.span, sentences, valid, "sentence");
    for (const Span& s : sentences) {
      std::vector<Span> words;
      SplitWords(text, s, &words);
      CheckUnits(text, s, words, valid, "word");
    }
  }
  for (size_t l = 0; l < seg.lines.size(); ++l) {
    WINNOW_CHECK(covered[l] == !seg.lines[l].blank) << "line " << l << " not in a block";
  }
  return 0;
}
