// Lexicon: phrases that mark a line as page furniture.
//
// Each entry is a normalized phrase (text/normalizer.h: lowercase, digits as
// 0, words joined by single spaces) with a match kind:
//
//   exact     the whole line is the phrase:        "advertisement"
//   prefix    the line starts with the phrase and has at most
//             kPrefixMaxWords words:                "share on", "follow us"
//   contains  the phrase occurs as whole words in a line of at most
//             kContainsMaxWords words:             "all rights reserved"
//
// Text form (the built-in list uses it, and users can load their own file):
// one entry per line, "<kind> <phrase>", '#' starts a comment, blank lines
// are ignored. Phrases are normalized when loaded, so "Read More »" and
// "read more" are the same entry.
//
//   WINNOW_ASSIGN_OR_RETURN(Lexicon lex, Lexicon::Parse(text, "my.lex"));
//   if (auto m = lex.Match(normalized_line)) ... m->kind ...
//
// Immutable after loading; thread-safe for concurrent Match calls.

#ifndef WINNOW_CLEAN_LEXICON_H_
#define WINNOW_CLEAN_LEXICON_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "winnow/text/normalizer.h"

namespace winnow {

enum class LexiconKind { kExact, kPrefix, kContains };

class Lexicon {
 public:
  static constexpr size_t kPrefixMaxWords = 12;
  static constexpr size_t kContainsMaxWords = 30;

  // The lexicon built into winnow (English, with the most common furniture
  // phrases of German, French, Spanish, Italian, Portuguese and Dutch).
  static const Lexicon& BuiltIn();

  // Parses the text form; `name` is used in error messages ("name:line: ...").
  static absl::StatusOr<Lexicon> Parse(std::string_view text, std::string_view name,
                                       const Normalizer& normalizer = Normalizer());

  // Adds the entries of `other` to this lexicon.
  void Merge(const Lexicon& other);

  // The kind of the first matching entry (exact before prefix before
  // contains), or nullopt. `line` must be normalized and `words` its number
  // of words.
  std::optional<LexiconKind> Match(std::string_view line, size_t words) const;

  size_t size() const { return exact_.size() + prefixes_.size() + contains_.size(); }

 private:
  absl::flat_hash_set<std::string> exact_;
  std::vector<std::string> prefixes_;
  std::vector<std::string> contains_;
};

}  // namespace winnow

#endif  // WINNOW_CLEAN_LEXICON_H_
