// Marking removed spans in a document, for `winnow explain` and the HTML
// report.
//
//   cleaner.Clean(doc.text, &clean);
//   std::string out;
//   AppendExplained(doc, cleaner, MarkStyle::kPlain, &out);
//   // "...\n[-boilerplate/lexicon: Advertisement-]\n"
//
// Pieces cut the text into kept and removed runs, in order, each removed run
// with its Removal; Label() names a removal "stage/rule" with its score when
// below 1, and for a duplicate where the copy that stayed is ("kept: block 2,
// line 5" in the same document, "kept: document #3, block 1" elsewhere).
//
// Plain markers: [-stage/rule: removed text-] (the line terminator stays
// outside the marker). ANSI: the label in cyan, the removed text red and
// struck through.
//
// Not thread-safe; the views in Piece point into the text and live as long
// as it does.

#ifndef WINNOW_TOOLS_CLI_MARKUP_H_
#define WINNOW_TOOLS_CLI_MARKUP_H_

#include <string>
#include <string_view>
#include <vector>

#include "winnow/formats/document.h"
#include "winnow/pipeline/cleaner.h"
#include "winnow/stage/decision.h"

namespace winnow::cli {

struct Piece {
  std::string_view text;
  const Removal* removal = nullptr;  // null: kept text
};

// Splits `text` into kept and removed pieces (removals may come in any
// order; overlaps are clipped so every byte appears once).
std::vector<Piece> SplitByRemovals(std::string_view text, const std::vector<Removal>& removals);

// "repeats/reworded_paragraph 0.83, kept: block 1, line 3".
std::string Label(const Removal& removal, const DocumentContext& ctx);

enum class MarkStyle { kPlain, kAnsi };

// Appends a header line ("=== id (source:line): N removals, X of Y bytes";
// a text file, whose id is its path, shows the path once)
// and the document with every removed span marked, ending in "\n".
void AppendExplained(const Document& doc, const DocumentContext& ctx, MarkStyle style,
                     std::string* out);

}  // namespace winnow::cli

#endif  // WINNOW_TOOLS_CLI_MARKUP_H_
