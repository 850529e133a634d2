#include "winnow/clean/lexicon.h"

#include "absl/strings/str_cat.h"
#include "winnow/base/strings.h"

namespace winnow {
namespace {

// The built-in entries. Phrases are whole-line furniture seen on news and
// blog pages: ads, bylines, share and follow rows, sign-in and subscription
// prompts, cookie banners, "read more" links, legal footers.
constexpr std::string_view kBuiltIn = R"(
# Ads and sponsored content
exact advertisement
exact advertisements
exact advertising
exact ad
exact sponsored
exact sponsored content
exact paid content
exact promoted
exact anzeige
exact werbung
exact publicité
exact publicidad
exact pubblicità
exact publicidade
exact advertentie
# Bylines and author boxes
exact author
exact authors
exact about the author
exact by
exact autor
exact auteur
exact autore
exact editor
exact written by
prefix posted by
prefix published by
# Sharing and following
exact share
exact share this
exact share this article
exact share this story
exact share this post
exact share this page
exact share article
exact share on facebook
exact share on twitter
exact share via email
exact tweet
exact email
exact print
exact facebook
exact twitter
exact linkedin
exact whatsapp
exact pinterest
exact reddit
exact copy link
exact copy link to clipboard
prefix share on
prefix share this
prefix follow us
prefix follow me
prefix like us on
exact teilen
exact partager
exact compartir
exact condividi
exact partilhar
exact delen
# Sign in, subscription, newsletter
exact sign in
exact sign up
exact log in
exact login
exact log out
exact logout
exact register
exact subscribe
exact subscribe now
exact my account
exact create an account
exact create account
prefix sign up for
prefix subscribe to
prefix subscribe for
prefix get our newsletter
prefix sign up to our newsletter
prefix sign up for our newsletter
prefix subscribe to our newsletter
exact newsletter
exact anmelden
exact abonnieren
exact se connecter
exact s abonner
exact iniciar sesión
exact suscríbete
exact accedi
exact abbonati
exact entrar
exact assine
exact inloggen
exact abonneren
# Links to more content
exact read more
exact read more about
exact continue reading
exact more
exact show more
exact load more
exact see more
exact see all
exact view all
exact view comments
exact comments
exact leave a comment
exact leave a reply
exact related
exact related articles
exact related stories
exact related posts
exact related content
exact you may also like
exact you might also like
exact recommended
exact recommended for you
exact most popular
exact most read
exact trending
exact trending now
exact top stories
exact latest news
exact more from
exact more stories
exact further reading
exact weiterlesen
exact mehr lesen
exact lire la suite
exact leer más
exact leggi di più
exact leia mais
exact lees meer
prefix more from
prefix you may also like
prefix recommended for you
prefix click here to
prefix back to top
exact back to top
exact skip to content
exact skip to main content
exact skip navigation
exact toggle navigation
exact menu
exact main menu
exact search
exact home
exact close
exact next
exact previous
exact next article
exact previous article
exact next post
exact previous post
# Cookie and privacy notices
exact accept
exact accept all
exact accept cookies
exact reject all
exact cookie settings
exact cookie policy
exact manage cookies
exact privacy policy
exact terms of use
exact terms of service
exact terms and conditions
exact privacy settings
exact do not sell my personal information
prefix we use cookies
prefix this website uses cookies
prefix this site uses cookies
prefix by continuing to use
prefix by using this site
prefix by using our site
contains we use cookies
contains uses cookies to
contains accept cookies
contains cookie policy
contains use of cookies
# Legal footers
contains all rights reserved
prefix copyright 0000
prefix copyright c 0000
exact imprint
exact impressum
exact contact us
exact about us
exact advertise with us
exact sitemap
exact mentions légales
exact aviso legal
)";

// True when `phrase` occurs in `line` on word boundaries.
bool ContainsWords(std::string_view line, std::string_view phrase) {
  size_t pos = 0;
  while ((pos = line.find(phrase, pos)) != std::string_view::npos) {
    const bool left = pos == 0 || line[pos - 1] == ' ';
    const size_t end = pos + phrase.size();
    const bool right = end == line.size() || line[end] == ' ';
    if (left && right) return true;
    ++pos;
  }
  return false;
}

}  // namespace

const Lexicon& Lexicon::BuiltIn() {
  static const Lexicon* const kLexicon = [] {
    auto parsed = Parse(kBuiltIn, "<built-in lexicon>");
    return new Lexicon(parsed.ok() ? *std::move(parsed) : Lexicon());
  }();
  return *kLexicon;
}

absl::StatusOr<Lexicon> Lexicon::Parse(std::string_view text, std::string_view name,
                                       const Normalizer& normalizer) {
  Lexicon lex;
  size_t line_no = 0;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (const size_t hash = line.find('#'); hash != std::string_view::npos) {
      line = line.substr(0, hash);
    }
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) {
      line.remove_suffix(1);
    }
    if (line.empty()) continue;
    const size_t space = line.find_first_of(" \t");
    const std::string_view kind = line.substr(0, space);
    const std::string phrase = normalizer.NormalizeText(
        space == std::string_view::npos ? std::string_view() : line.substr(space + 1));
    if (phrase.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat(ToAbsl(name), ":", line_no, ": entry has no phrase"));
    }
    if (kind == "exact") {
      lex.exact_.insert(phrase);
    } else if (kind == "prefix") {
      lex.prefixes_.push_back(phrase);
    } else if (kind == "contains") {
      lex.contains_.push_back(phrase);
    } else {
      return absl::InvalidArgumentError(absl::StrCat(
          ToAbsl(name), ":", line_no, ": unknown kind \"", ToAbsl(kind),
          "\" (expected exact, prefix or contains)"));
    }
  }
  return lex;
}

void Lexicon::Merge(const Lexicon& other) {
  exact_.insert(other.exact_.begin(), other.exact_.end());
  prefixes_.insert(prefixes_.end(), other.prefixes_.begin(), other.prefixes_.end());
  contains_.insert(contains_.end(), other.contains_.begin(), other.contains_.end());
}

std::optional<LexiconKind> Lexicon::Match(std::string_view line, size_t words) const {
  if (line.empty()) return std::nullopt;
  if (exact_.contains(ToAbsl(line))) return LexiconKind::kExact;
  if (words <= kPrefixMaxWords) {
    for (const std::string& p : prefixes_) {
      if (line.size() >= p.size() && line.compare(0, p.size(), p) == 0 &&
          (line.size() == p.size() || line[p.size()] == ' ')) {
        return LexiconKind::kPrefix;
      }
    }
  }
  if (words <= kContainsMaxWords) {
    for (const std::string& c : contains_) {
      if (ContainsWords(line, c)) return LexiconKind::kContains;
    }
  }
  return std::nullopt;
}

}  // namespace winnow
