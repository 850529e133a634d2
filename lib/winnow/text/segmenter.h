// Segmentation of a document into lines, blocks, sentences and words.
//
// Every unit is a pair of byte offsets into the document's own text, so a
// stage that decides to keep or drop a unit never copies or edits text: the
// writer later copies kept bytes unchanged.
//
//   Segmentation seg;
//   Segment(doc.text, &seg);
//   for (const Block& b : seg.blocks) {
//     std::vector<Span> sentences;
//     SplitSentences(doc.text, b.span, &sentences);
//   }
//
// Units:
//   line      bytes up to '\n'; `span` excludes the terminator and a '\r'
//             before it; `next` is where the following line starts.
//   blank     a line of whitespace only (Unicode White_Space).
//   block     a paragraph: a run of non-blank lines between blank lines. A
//             text with no blank line at all (the usual shape of WET and of
//             many scraped dumps) has one block per line.
//   sentence  ends at terminal punctuation (. ! ? … and the CJK, Arabic and
//             Indic full stops) followed by optional closing quotes or
//             brackets and whitespace, except after an abbreviation ("Dr."),
//             an initial ("J."), a list number ("1."), or before a lowercase
//             letter. A line end always ends a sentence: in scraped text
//             lines are layout units (one HTML block per line in WET).
//   word      a maximal run of letters, marks and digits (IsWordChar).
//
// All functions are thread-safe; the results refer to `text` and live as long
// as the caller keeps it. Offsets are uint32_t: documents are limited to
// 4 GiB - 1 bytes (readers reject larger ones).

#ifndef WINNOW_TEXT_SEGMENTER_H_
#define WINNOW_TEXT_SEGMENTER_H_

#include <cstdint>
#include <string_view>
#include <vector>

namespace winnow {

// A half-open byte range [begin, end) of a document's text.
struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;

  uint32_t size() const { return end - begin; }
  bool empty() const { return begin == end; }
  std::string_view In(std::string_view text) const {
    return text.substr(begin, end - begin);
  }
  friend bool operator==(const Span&, const Span&) = default;
};

struct Line {
  Span span;          // content, without "\n" or "\r\n"
  uint32_t next = 0;  // offset of the next line (span.end + terminator size)
  bool blank = false;
};

struct Block {
  Span span;                // from the first line's start to the last line's end
  uint32_t first_line = 0;  // index into Segmentation::lines
  uint32_t end_line = 0;    // one past the last line
};

struct Segmentation {
  std::vector<Line> lines;
  std::vector<Block> blocks;

  void Clear() {
    lines.clear();
    blocks.clear();
  }
};

// Largest document the segmenter accepts.
inline constexpr size_t kMaxDocumentBytes = 0xFFFFFFFEu;

// Fills *seg with the lines and blocks of text (reusing its capacity).
// Requires text.size() <= kMaxDocumentBytes.
void Segment(std::string_view text, Segmentation* seg);

// Appends to *out the sentences inside `range` of text, trimmed of
// surrounding whitespace. Whitespace-only input yields none. A line break
// always ends a sentence and nothing else looks across one, so the
// sentences of a block are those of its lines, in order (tested): a stage
// may split a block once and hand each line its part.
void SplitSentences(std::string_view text, Span range, std::vector<Span>* out);

namespace segmenter_internal {
// SplitSentences with its portable scan (eight bytes at a time) even where
// the CPU has AVX-512, which SplitSentences then uses: for tests that the
// two give the same sentences.
void SplitSentencesPortable(std::string_view text, Span range, std::vector<Span>* out);
}  // namespace segmenter_internal

// Appends to *out the words inside `range` of text.
void SplitWords(std::string_view text, Span range, std::vector<Span>* out);

// True for punctuation that ends a sentence: . ! ? … ‼ ⁇ ⁈ ⁉ and the CJK,
// Arabic, Devanagari, Greek and Ethiopic full stops and question marks.
bool IsSentenceTerminal(char32_t cp);

// True when `word` (letters only, any case) is a known abbreviation that is
// normally followed by a period inside a sentence ("Mr", "Dr", "Jan", "vs").
bool IsAbbreviation(std::string_view word);

}  // namespace winnow

#endif  // WINNOW_TEXT_SEGMENTER_H_
