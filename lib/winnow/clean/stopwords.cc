#include "winnow/clean/stopwords.h"

#include <vector>

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "winnow/base/strings.h"

namespace winnow {
namespace {

// The lists, written for winnow (see the header). Each is in normalized form
// (case-folded, NFKC, accents kept) and free of duplicates; the tests check
// both against the real Normalizer.

// clang-format off
// English.
constexpr std::string_view kEnglish[] = {
    // Articles, determiners and quantifiers.
    "the", "a", "an", "this", "that", "these", "those", "some", "any", "each", "every", "either",
    "neither", "no", "none", "all", "both", "half", "few", "many", "much", "more", "most", "less",
    "least", "other", "another", "such", "own", "same", "enough", "several",
    // Pronouns.
    "i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves", "you", "your",
    "yours", "yourself", "yourselves", "he", "him", "his", "himself", "she", "her", "hers",
    "herself", "it", "its", "itself", "they", "them", "their", "theirs", "themselves", "one", "who",
    "whom", "whose", "which", "what", "whatever", "whoever", "someone", "somebody", "something",
    "anyone", "anybody", "anything", "everyone", "everybody", "everything", "nobody", "nothing",
    // Prepositions.
    "of", "in", "on", "at", "to", "for", "from", "by", "with", "about", "above", "across", "after",
    "against", "along", "among", "around", "before", "behind", "below", "beneath", "beside",
    "besides", "between", "beyond", "down", "during", "except", "inside", "into", "near", "off",
    "onto", "out", "outside", "over", "since", "through", "throughout", "till", "toward", "towards",
    "under", "underneath", "until", "up", "upon", "via", "within", "without",
    // Conjunctions.
    "and", "or", "but", "nor", "so", "yet", "because", "although", "though", "if", "unless",
    "whether", "while", "whereas", "as", "than", "once", "when", "whenever", "where", "wherever",
    "why", "how", "however", "therefore", "thus",
    // Auxiliary and modal verbs.
    "be", "am", "is", "are", "was", "were", "been", "being", "have", "has", "had", "having", "do",
    "does", "did", "doing", "done", "will", "would", "shall", "should", "can", "cannot", "could",
    "may", "might", "must", "ought",
    // Adverbs.
    "not", "also", "very", "too", "just", "only", "even", "still", "already", "again", "ever",
    "never", "always", "often", "sometimes", "now", "then", "here", "there", "almost", "quite",
    "rather", "perhaps", "else", "instead", "indeed", "otherwise", "soon", "well",
    // Contraction fragments: SplitWords breaks "don't" into "don" and "t".
    "s", "t", "d", "ll", "m", "re", "ve", "don", "doesn", "didn", "isn", "aren", "wasn", "weren",
    "hasn", "haven", "hadn", "won", "wouldn", "couldn", "shouldn", "mustn",
};

// German.
constexpr std::string_view kGerman[] = {
    // Articles and determiners.
    "der", "die", "das", "des", "dem", "den", "ein", "eine", "einer", "eines", "einem", "einen",
    "kein", "keine", "keiner", "keines", "keinem", "keinen", "dieser", "diese", "dieses", "diesem",
    "diesen", "jener", "jene", "jenes", "jeder", "jede", "jedes", "jedem", "jeden", "alle", "alles",
    "allem", "allen", "aller", "manche", "manchen", "viele", "vielen", "wenige", "einige",
    "einigen", "beide", "beiden", "solche", "solchen",
    // Pronouns.
    "ich", "du", "er", "sie", "es", "wir", "ihr", "mich", "mir", "dich", "dir", "ihn", "ihm",
    "ihnen", "uns", "euch", "sich", "man", "mein", "meine", "meinen", "meinem", "meiner", "meines",
    "dein", "deine", "deinen", "deinem", "deiner", "sein", "seine", "seinen", "seinem", "seiner",
    "seines", "ihre", "ihren", "ihrem", "ihrer", "ihres", "unser", "unsere", "unseren", "unserem",
    "unserer", "euer", "eure", "welcher", "welche", "welches", "welchem", "welchen", "wer", "wen",
    "wem", "was", "jemand", "niemand", "etwas", "nichts", "selbst",
    // Prepositions and their contractions with articles.
    "in", "im", "ins", "an", "am", "ans", "auf", "aus", "bei", "beim", "mit", "nach", "von", "vom",
    "zu", "zum", "zur", "für", "über", "unter", "vor", "hinter", "neben", "zwischen", "durch",
    "gegen", "ohne", "um", "seit", "bis", "wegen", "trotz", "ab", "gegenüber", "statt",
    // Conjunctions.
    "und", "oder", "aber", "denn", "sondern", "doch", "sowie", "als", "wie", "wenn", "weil", "dass",
    "daß", "ob", "obwohl", "damit", "während", "bevor", "nachdem", "sobald", "falls", "sodass",
    // Auxiliary and modal verbs.
    "ist", "sind", "war", "waren", "bin", "bist", "seid", "wäre", "wären", "gewesen", "hat", "habe",
    "hast", "haben", "habt", "hatte", "hatten", "hätte", "hätten", "gehabt", "wird", "werde",
    "wirst", "werden", "wurde", "wurden", "würde", "würden", "worden", "kann", "kannst", "können",
    "konnte", "konnten", "könnte", "könnten", "muss", "muß", "musst", "müssen", "musste", "mußte",
    "mussten", "mußten", "müsste", "müßte", "soll", "sollen", "sollte", "sollten", "will", "willst",
    "wollen", "wollte", "wollten", "darf", "dürfen", "durfte", "mag", "möchte",
    // Adverbs and particles.
    "nicht", "auch", "noch", "schon", "nur", "sehr", "so", "dann", "da", "dort", "hier", "jetzt",
    "nun", "immer", "nie", "niemals", "wieder", "heute", "also", "ja", "nein", "mal", "eben",
    "etwa", "sogar", "fast", "ganz", "gar", "bereits", "zwar", "zudem", "daher", "deshalb", "darum",
    "dabei", "dafür", "dagegen", "danach", "davon", "dazu", "darauf", "darin", "daran", "darüber",
    "wo", "wann", "warum", "wohin", "woher", "mehr", "weniger", "oft", "bloß", "bloss", "außerdem",
    "ausserdem", "allerdings", "jedoch", "trotzdem", "vielleicht", "wohl", "einmal",
};

// French.
constexpr std::string_view kFrench[] = {
    // Articles and determiners.
    "le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "au", "aux", "ce", "cet", "cette",
    "ces", "mon", "ma", "mes", "ton", "ta", "tes", "son", "sa", "ses", "notre", "nos", "votre",
    "vos", "leur", "leurs", "quel", "quelle", "quels", "quelles", "chaque", "quelque", "quelques",
    "plusieurs", "aucun", "aucune", "tout", "tous", "toute", "toutes", "autre", "autres", "même",
    "mêmes", "tel", "telle",
    // Pronouns, with the elided forms SplitWords leaves of "j'ai", "qu'il", "c'est".
    "je", "j", "tu", "il", "elle", "on", "nous", "vous", "ils", "elles", "me", "m", "te", "t", "se",
    "s", "lui", "eux", "moi", "toi", "soi", "y", "en", "c", "ça", "cela", "ceci", "celui", "celle",
    "ceux", "celles", "qui", "que", "qu", "quoi", "dont", "où", "lequel", "laquelle", "lesquels",
    "lesquelles", "duquel", "auquel", "rien", "chacun",
    // Prepositions.
    "à", "dans", "sur", "sous", "avec", "sans", "pour", "par", "chez", "vers", "entre", "contre",
    "depuis", "pendant", "avant", "après", "selon", "malgré", "devant", "derrière", "parmi",
    "jusqu", "jusque", "envers", "hors",
    // Conjunctions.
    "et", "ou", "mais", "donc", "ni", "car", "si", "quand", "comme", "lorsque", "lorsqu", "puisque",
    "puisqu", "parce", "quoique",
    // Auxiliary and modal verbs.
    "être", "est", "sont", "suis", "sommes", "êtes", "était", "étaient", "étais", "été", "sera",
    "seront", "serait", "seraient", "soit", "soient", "fut", "avoir", "ai", "a", "avons", "avez",
    "ont", "avait", "avaient", "avais", "eu", "aura", "auront", "aurait", "auraient", "ait",
    "aient", "peut", "peuvent", "pouvait", "pourrait", "pourraient", "doit", "doivent", "devait",
    "devrait", "faire", "fait", "font",
    // Adverbs; "aujourd'hui" splits into "aujourd" and "hui".
    "ne", "n", "pas", "plus", "moins", "très", "trop", "peu", "beaucoup", "bien", "aussi", "encore",
    "déjà", "toujours", "jamais", "ici", "là", "alors", "ainsi", "puis", "cependant", "pourtant",
    "oui", "non", "comment", "pourquoi", "voici", "voilà", "assez", "surtout", "enfin", "aujourd",
    "hui", "souvent", "ensuite", "seulement", "vraiment",
};

// Spanish.
constexpr std::string_view kSpanish[] = {
    // Articles and determiners.
    "el", "la", "los", "las", "lo", "un", "una", "unos", "unas", "este", "esta", "esto", "estos",
    "estas", "ese", "esa", "eso", "esos", "esas", "aquel", "aquella", "aquello", "aquellos",
    "aquellas", "mi", "mis", "tu", "tus", "su", "sus", "nuestro", "nuestra", "nuestros", "nuestras",
    "vuestro", "vuestra", "vuestros", "vuestras", "cada", "todo", "toda", "todos", "todas", "otro",
    "otra", "otros", "otras", "mismo", "misma", "mismos", "mismas", "mucho", "mucha", "muchos",
    "muchas", "poco", "poca", "pocos", "pocas", "tanto", "tanta", "tantos", "tantas", "algún",
    "alguno", "alguna", "algunos", "algunas", "ningún", "ninguno", "ninguna", "varios", "varias",
    // Pronouns.
    "yo", "tú", "él", "ella", "ello", "nosotros", "nosotras", "vosotros", "vosotras", "ellos",
    "ellas", "usted", "ustedes", "me", "te", "se", "nos", "os", "le", "les", "mí", "ti", "sí",
    "conmigo", "contigo", "consigo", "que", "qué", "quien", "quién", "quienes", "cual", "cuál",
    "cuales", "algo", "alguien", "nada", "nadie",
    // Prepositions and their contractions with articles.
    "a", "al", "de", "del", "en", "con", "por", "para", "sin", "sobre", "entre", "hasta", "desde",
    "hacia", "contra", "según", "durante", "tras", "ante", "bajo", "mediante",
    // Conjunctions.
    "y", "e", "o", "u", "ni", "pero", "sino", "porque", "pues", "como", "cuando", "donde", "si",
    "aunque", "mientras",
    // Auxiliary and modal verbs.
    "ser", "es", "son", "soy", "eres", "somos", "era", "eran", "fue", "fueron", "sea", "sean",
    "sido", "siendo", "será", "serán", "sería", "estar", "está", "están", "estoy", "estaba",
    "estaban", "estado", "estuvo", "haber", "he", "ha", "hemos", "han", "había", "habían", "habido",
    "hay", "hubo", "habrá", "haya", "tener", "tiene", "tienen", "tenía", "tengo", "tenemos",
    "poder", "puede", "pueden", "podría", "debe", "deben", "debería", "hacer", "hace", "hizo",
    // Adverbs.
    "no", "más", "menos", "muy", "también", "tampoco", "ya", "aún", "aun", "todavía", "siempre",
    "nunca", "jamás", "aquí", "allí", "ahí", "así", "entonces", "luego", "ahora", "hoy", "bien",
    "sólo", "solo", "cómo", "dónde", "cuándo", "cuánto", "cuanto", "casi", "además",
};

// Italian.
constexpr std::string_view kItalian[] = {
    // Articles and determiners.
    "il", "lo", "la", "i", "gli", "le", "l", "un", "uno", "una", "questo", "questa", "questi",
    "queste", "quello", "quella", "quelli", "quelle", "quel", "quei", "quegli", "quell", "mio",
    "mia", "miei", "mie", "tuo", "tua", "tuoi", "tue", "suo", "sua", "suoi", "sue", "nostro",
    "nostra", "nostri", "nostre", "vostro", "vostra", "vostri", "vostre", "loro", "ogni", "qualche",
    "alcuni", "alcune", "tutto", "tutta", "tutti", "tutte", "altro", "altra", "altri", "altre",
    "stesso", "stessa", "stessi", "stesse", "molto", "molta", "molti", "molte", "poco", "poca",
    "pochi", "poche", "tanto", "tanta", "tanti", "tante", "troppo",
    // Pronouns.
    "io", "tu", "lui", "lei", "noi", "voi", "egli", "ella", "essi", "esse", "esso", "essa", "mi",
    "ti", "si", "ci", "vi", "ne", "me", "te", "sé", "che", "chi", "cui", "quale", "quali",
    "qualcosa", "qualcuno", "nessuno", "nessuna", "niente", "nulla", "ciò",
    // Prepositions, simple and combined with articles ("dell'", "all'" lose the apostrophe).
    "di", "del", "dello", "della", "dei", "degli", "delle", "dell", "a", "al", "allo", "alla", "ai",
    "agli", "alle", "all", "da", "dal", "dallo", "dalla", "dai", "dagli", "dalle", "dall", "in",
    "nel", "nello", "nella", "nei", "negli", "nelle", "nell", "su", "sul", "sullo", "sulla", "sui",
    "sugli", "sulle", "sull", "con", "col", "per", "tra", "fra", "senza", "verso", "contro", "dopo",
    "prima", "durante", "secondo", "presso",
    // Conjunctions.
    "e", "ed", "o", "od", "ma", "però", "anche", "né", "se", "perché", "poiché", "quando", "come",
    "dove", "mentre", "quindi", "dunque", "oppure", "sia", "neanche", "nemmeno",
    // Auxiliary and modal verbs; "c'è" splits into "c" and "è".
    "essere", "è", "sono", "sei", "siamo", "siete", "era", "erano", "ero", "fu", "furono", "stato",
    "stata", "stati", "state", "sarà", "saranno", "sarebbe", "siano", "avere", "ho", "hai", "ha",
    "abbiamo", "avete", "hanno", "aveva", "avevano", "avuto", "avrà", "avrebbe", "abbia", "può",
    "possono", "potrebbe", "deve", "devono", "dovrebbe", "fare", "fa", "fatto", "c",
    // Adverbs.
    "non", "più", "meno", "già", "ancora", "sempre", "mai", "qui", "qua", "lì", "là", "ora",
    "adesso", "oggi", "poi", "così", "bene", "solo", "soltanto", "proprio", "invece", "anzi",
    "circa", "forse", "tuttavia",
};

// Portuguese.
constexpr std::string_view kPortuguese[] = {
    // Articles and determiners.
    "o", "a", "os", "as", "um", "uma", "uns", "umas", "este", "esta", "estes", "estas", "isto",
    "esse", "essa", "esses", "essas", "isso", "aquele", "aquela", "aqueles", "aquelas", "aquilo",
    "meu", "minha", "meus", "minhas", "teu", "tua", "teus", "tuas", "seu", "sua", "seus", "suas",
    "nosso", "nossa", "nossos", "nossas", "vosso", "vossa", "cada", "todo", "toda", "todos",
    "todas", "tudo", "outro", "outra", "outros", "outras", "mesmo", "mesma", "mesmos", "mesmas",
    "muito", "muita", "muitos", "muitas", "pouco", "pouca", "poucos", "poucas", "tanto", "tanta",
    "tantos", "tantas", "algum", "alguma", "alguns", "algumas", "nenhum", "nenhuma", "vários",
    "várias",
    // Pronouns.
    "eu", "tu", "ele", "ela", "nós", "vós", "eles", "elas", "você", "vocês", "me", "te", "se",
    "lhe", "lhes", "vos", "mim", "ti", "si", "comigo", "consigo", "que", "quem", "qual", "quais",
    "quanto", "quanta", "quantos", "alguém", "algo", "nada", "ninguém", "dele", "dela", "deles",
    "delas", "nele", "nela", "neles", "nelas",
    // Prepositions and their contractions.
    "de", "do", "da", "dos", "das", "em", "no", "na", "nos", "nas", "ao", "aos", "à", "às", "num",
    "numa", "dum", "duma", "pelo", "pela", "pelos", "pelas", "deste", "desta", "disso", "disto",
    "desse", "dessa", "daquele", "daquela", "neste", "nesta", "nisso", "nisto", "nesse", "nessa",
    "naquele", "naquela", "por", "para", "pra", "com", "sem", "sobre", "entre", "até", "desde",
    "contra", "durante", "após", "ante", "perante", "sob", "segundo",
    // Conjunctions.
    "e", "ou", "mas", "porém", "contudo", "todavia", "nem", "porque", "pois", "como", "quando",
    "onde", "embora", "enquanto", "caso", "conforme",
    // Auxiliary and modal verbs.
    "ser", "é", "são", "sou", "somos", "era", "eram", "foi", "foram", "seja", "sejam", "sido",
    "será", "serão", "seria", "estar", "está", "estão", "estou", "estava", "estavam", "esteve",
    "estado", "ter", "tem", "têm", "tenho", "temos", "tinha", "tinham", "teve", "tido", "terá",
    "teria", "haver", "há", "havia", "houve", "poder", "pode", "podem", "poderia", "deve", "devem",
    "deveria", "fazer", "faz", "fez", "feito", "ir", "vai", "vão",
    // Adverbs.
    "não", "sim", "mais", "menos", "também", "já", "ainda", "sempre", "nunca", "jamais", "aqui",
    "ali", "aí", "lá", "assim", "então", "agora", "hoje", "bem", "só", "apenas", "depois", "antes",
    "quase", "talvez",
};

// Dutch.
constexpr std::string_view kDutch[] = {
    // Articles and determiners.
    "de", "het", "een", "deze", "dit", "die", "dat", "elk", "elke", "ieder", "iedere", "alle",
    "alles", "veel", "weinig", "meer", "meest", "enkele", "sommige", "ander", "andere", "beide",
    "zulk", "zulke", "geen", "welk", "welke",
    // Pronouns.
    "ik", "jij", "je", "u", "hij", "zij", "ze", "wij", "we", "jullie", "hen", "hun", "mij", "me",
    "mijn", "jou", "jouw", "uw", "zijn", "haar", "hem", "ons", "onze", "zich", "zichzelf", "men",
    "iemand", "niemand", "iets", "niets", "wie", "wat",
    // Prepositions.
    "van", "in", "op", "aan", "met", "voor", "door", "naar", "bij", "uit", "over", "onder", "tegen",
    "tussen", "zonder", "tot", "om", "na", "sinds", "tijdens", "volgens", "binnen", "buiten",
    "achter", "naast", "langs", "rond", "te", "vanaf", "tegenover", "via",
    // Conjunctions.
    "en", "of", "maar", "want", "dus", "omdat", "als", "terwijl", "hoewel", "indien", "zodat",
    "nadat", "voordat", "totdat", "zoals", "mits", "noch",
    // Auxiliary and modal verbs.
    "is", "ben", "bent", "was", "waren", "geweest", "wordt", "worden", "werd", "werden", "word",
    "geworden", "heb", "hebt", "heeft", "hebben", "had", "hadden", "gehad", "zal", "zult", "zullen",
    "zou", "zouden", "kan", "kunt", "kunnen", "kon", "konden", "moet", "moeten", "moest", "moesten",
    "mag", "mogen", "mocht", "wil", "wilt", "willen", "wilde", "wilden", "doen", "doet", "deed",
    "gedaan", "gaat", "gaan", "ging",
    // Adverbs; "'t" and "'s" leave "t" and "s".
    "er", "hier", "daar", "nu", "toen", "dan", "al", "ook", "nog", "niet", "wel", "zeer", "heel",
    "erg", "zo", "toch", "alleen", "even", "altijd", "nooit", "weer", "soms", "vaak", "steeds",
    "reeds", "pas", "echter", "daarom", "daarna", "daarbij", "daarmee", "daarvan", "daarin",
    "daarop", "waar", "wanneer", "waarom", "hoe", "hoeveel", "waarin", "waarop", "waarvan",
    "waardoor", "ja", "nee", "eens", "zelf", "t", "s",
};

// Polish.
constexpr std::string_view kPolish[] = {
    // Pronouns.
    "ja", "ty", "on", "ona", "ono", "my", "wy", "oni", "one", "mnie", "mi", "mną", "cię", "ciebie",
    "ci", "tobie", "go", "jego", "mu", "jemu", "niego", "niemu", "nim", "jej", "ją", "nią", "niej",
    "nas", "nam", "nami", "was", "wam", "wami", "ich", "im", "nich", "nimi", "się", "siebie",
    "sobie", "sobą",
    // Possessives and determiners.
    "mój", "moja", "moje", "moi", "mojego", "mojej", "moich", "twój", "twoja", "twoje", "twojego",
    "swój", "swoja", "swoje", "swojego", "swojej", "swoich", "swoim", "nasz", "nasza", "nasze",
    "naszego", "naszej", "naszych", "wasz", "wasza", "wasze", "ten", "ta", "to", "te", "tego",
    "temu", "tej", "tym", "tych", "tę", "tą", "tamten", "tamta", "tamto", "który", "która", "które",
    "którego", "której", "którym", "których", "którzy", "każdy", "każda", "każde", "wszystko",
    "wszystkie", "wszyscy", "wszystkich", "cały", "cała", "całe", "inny", "inna", "inne", "innych",
    "sam", "sama", "samo", "taki", "taka", "takie", "jaki", "jaka", "jakie",
    // Question words and indefinites.
    "co", "czego", "czym", "kto", "kogo", "komu", "gdzie", "kiedy", "dlaczego", "jak", "coś",
    "ktoś", "nic", "nikt", "niczego", "żaden", "żadna", "żadne", "wiele", "więcej", "mniej",
    // Prepositions.
    "w", "we", "z", "ze", "na", "do", "od", "po", "za", "przez", "przy", "pod", "nad", "przed",
    "bez", "dla", "między", "ku", "o", "u", "według", "wobec", "podczas", "poza", "wśród", "około",
    "oprócz",
    // Conjunctions.
    "i", "a", "oraz", "lub", "albo", "czy", "ale", "lecz", "jednak", "więc", "bo", "że", "żeby",
    "aby", "gdy", "jeśli", "jeżeli", "choć", "chociaż", "ponieważ", "niż", "czyli", "zatem", "jako",
    // Forms of być and mieć, and modals.
    "jest", "są", "był", "była", "było", "byli", "były", "być", "będzie", "będą", "jestem",
    "jesteś", "jesteśmy", "byłby", "byłoby", "ma", "mają", "miał", "miała", "mieć", "może", "mogą",
    "można", "musi", "trzeba", "należy",
    // Adverbs and particles.
    "nie", "tak", "także", "też", "również", "tylko", "już", "jeszcze", "bardzo", "bardziej",
    "nawet", "właśnie", "zawsze", "nigdy", "teraz", "tu", "tutaj", "tam", "wtedy", "potem", "dziś",
    "dzisiaj", "przecież", "oto", "dlatego",
};

// Czech.
constexpr std::string_view kCzech[] = {
    // Pronouns.
    "já", "ty", "on", "ona", "ono", "my", "vy", "oni", "ony", "mě", "mne", "mi", "mně", "mnou",
    "tě", "tebe", "ti", "tobě", "tebou", "ho", "jeho", "jemu", "mu", "něj", "němu", "něho", "ním",
    "ní", "jí", "ji", "její", "nás", "nám", "námi", "vás", "vám", "vámi", "jich", "jim", "nich",
    "nim", "nimi", "sebe", "sobě", "sebou", "si", "se",
    // Possessives and determiners.
    "můj", "moje", "má", "mé", "mého", "tvůj", "tvoje", "svůj", "svá", "své", "svého", "svou",
    "svých", "svým", "náš", "naše", "našeho", "našich", "váš", "vaše", "jejich", "ten", "ta", "to",
    "toho", "tomu", "tom", "tím", "tou", "tu", "těch", "těm", "těmi", "tento", "tato", "toto",
    "tyto", "který", "která", "které", "kterého", "kterou", "kterým", "kterých", "kteří", "každý",
    "každá", "každé", "všechno", "všechny", "všichni", "vše", "všech", "celý", "celá", "celé",
    "jiný", "jiná", "jiné", "jiných", "sám", "sama", "samo", "takový", "taková", "takové", "jaký",
    "jaká", "jaké",
    // Question words and indefinites.
    "co", "čeho", "čem", "čím", "kdo", "koho", "komu", "kde", "kdy", "jak", "proč", "kam", "odkud",
    "něco", "někdo", "nic", "nikdo", "žádný", "žádná", "žádné", "mnoho", "více", "víc", "méně",
    // Prepositions.
    "v", "ve", "z", "ze", "s", "k", "ke", "na", "do", "od", "po", "za", "pro", "při", "pod", "nad",
    "před", "bez", "přes", "mezi", "proti", "podle", "kolem", "během", "kvůli", "díky", "o", "u",
    // Conjunctions.
    "a", "i", "ani", "nebo", "ale", "však", "avšak", "že", "aby", "když", "jestli", "jestliže",
    "pokud", "protože", "neboť", "tedy", "proto", "než", "jako", "totiž", "či",
    // Forms of být and mít, and modals.
    "je", "jsou", "jsem", "jsi", "jsme", "jste", "byl", "byla", "bylo", "byli", "byly", "být",
    "bude", "budou", "budu", "bych", "by", "bychom", "mají", "mít", "měl", "měla", "může", "mohou",
    "mohl", "musí", "lze",
    // Adverbs and particles.
    "tak", "také", "taky", "též", "jen", "jenom", "pouze", "už", "již", "ještě", "velmi", "moc",
    "ne", "ano", "nikdy", "vždy", "vždycky", "teď", "nyní", "tady", "zde", "tam", "pak", "potom",
    "dnes", "asi", "prý", "hned", "opět", "znovu", "zase", "sice", "například",
};

// Russian.
constexpr std::string_view kRussian[] = {
    // Pronouns.
    "я", "ты", "он", "она", "оно", "мы", "вы", "они", "меня", "мне", "мной", "тебя", "тебе",
    "тобой", "его", "ему", "им", "него", "нему", "ним", "её", "ее", "ей", "ею", "неё", "нее", "ней",
    "их", "ими", "них", "нас", "нам", "нами", "вас", "вам", "вами", "себя", "себе", "собой",
    // Possessives and determiners.
    "мой", "моя", "моё", "мое", "мои", "твой", "твоя", "твои", "свой", "своя", "своё", "свое",
    "свои", "своих", "свою", "своей", "своего", "наш", "наша", "наше", "наши", "ваш", "ваша",
    "этот", "эта", "это", "эти", "этого", "этой", "этом", "этих", "тот", "та", "то", "те", "того",
    "той", "том", "тех", "который", "которая", "которое", "которые", "которых", "которого",
    "которой", "весь", "вся", "всё", "все", "всех", "всем", "каждый", "другой", "другие", "сам",
    "сама", "само", "сами", "самый", "такой", "такая", "такие",
    // Question words and indefinites.
    "кто", "кого", "кому", "что", "чего", "чем", "где", "куда", "откуда", "когда", "почему",
    "зачем", "как", "какой", "какая", "какие", "ничего", "никто", "ничто", "нечто", "много", "мало",
    // Prepositions.
    "в", "во", "на", "с", "со", "к", "ко", "по", "из", "у", "за", "от", "о", "об", "обо", "для",
    "до", "при", "без", "под", "над", "перед", "через", "между", "про", "после", "около", "вокруг",
    "среди",
    // Conjunctions.
    "и", "а", "но", "или", "либо", "ни", "если", "чтобы", "чтоб", "потому", "поэтому", "хотя",
    // Forms of быть, and modals.
    "был", "была", "было", "были", "быть", "будет", "будут", "буду", "есть", "является", "может",
    "могут", "мог", "можно", "нужно", "надо", "должен", "должна", "должны",
    // Adverbs and particles.
    "не", "нет", "да", "так", "также", "тоже", "только", "уже", "ещё", "еще", "очень", "даже",
    "вот", "здесь", "там", "тут", "теперь", "сейчас", "тогда", "потом", "всегда", "никогда",
    "иногда", "бы", "ли", "же", "ведь", "более", "менее", "больше", "меньше", "ну", "раз",
};
// clang-format on

struct LanguageInfo {
  std::string_view code;
  std::span<const std::string_view> words;
};

// Indexed by the value of Language.
constexpr LanguageInfo kLanguages[] = {
    {"und", {}},      {"en", kEnglish}, {"de", kGerman},     {"fr", kFrench},
    {"es", kSpanish}, {"it", kItalian}, {"pt", kPortuguese}, {"nl", kDutch},
    {"pl", kPolish},  {"cs", kCzech},   {"ru", kRussian},
};
constexpr size_t kNumLanguages = std::size(kLanguages);
static_assert(static_cast<size_t>(Language::kRussian) + 1 == kNumLanguages,
              "kLanguages must list every Language in enum order");

// Bit i is set when the word is a stop word of Language i (bit 0, kUnknown,
// is never set).
using LanguageMask = uint16_t;
static_assert(kNumLanguages <= 16, "LanguageMask has one bit per language");

// A word shared by k languages adds kScoreScale / k to each one's score:
// 2520 = lcm(1..10) keeps the shares exact integers.
constexpr int64_t kScoreScale = 2520;

// Every word of every list, mapped to the languages that list it. Built on
// first use; C++11 guarantees a thread-safe initialization, and the table is
// never freed, so lookups from other statics' destructors stay valid.
const absl::flat_hash_map<std::string, LanguageMask>& StopWordTable() {
  static const auto* const kTable = [] {
    auto* table = new absl::flat_hash_map<std::string, LanguageMask>();
    size_t total = 0;
    for (const LanguageInfo& info : kLanguages) total += info.words.size();
    table->reserve(total);
    for (size_t i = 1; i < kNumLanguages; ++i) {
      const auto bit = static_cast<LanguageMask>(1u << i);
      for (std::string_view word : kLanguages[i].words) {
        LanguageMask& mask = (*table)[std::string(word)];
        mask = static_cast<LanguageMask>(mask | bit);
      }
    }
    return table;
  }();
  return *kTable;
}

// A filter in front of the map for words longer than ShortWordTable takes:
// one bit per (length, first byte) pair that some stop word has. Most such
// words fail it (too long, or no stop word of that length starts with their
// letter), which saves hashing them.
class StopWordFilter {
 public:
  StopWordFilter() {
    for (const auto& [word, mask] : StopWordTable()) {
      const size_t k = Key(word);
      bits_[k / 64] |= uint64_t{1} << (k % 64);
    }
  }
  bool MayContain(std::string_view word) const {
    if (word.empty()) return false;
    const size_t k = Key(word);
    return ((bits_[k / 64] >> (k % 64)) & 1u) != 0;
  }

 private:
  static constexpr size_t kMaxLength = 31;  // longer words share the last row
  static size_t Key(std::string_view word) {
    return std::min(word.size(), kMaxLength) * 256 + static_cast<unsigned char>(word[0]);
  }
  std::array<uint64_t, (kMaxLength + 1) * 256 / 64> bits_{};
};

// The table for words of up to 13 bytes (every stop word but a few): the
// word's bytes held in two 64-bit integers, zero past its end, with its
// length, looked up in a perfect hash table (hash and displace, as in CHD
// and PTHash). The key's hash picks a bucket; the bucket's displacement,
// chosen when the table is built so that no two stop words share a slot,
// picks the one slot the word can be in; a tag byte per slot sends most
// other words to an empty slot that stays in the cache. A lookup
// (StopWordLookup::Padded, inline in the header) is the key's two loads,
// three multiplications, the displacement and the tag, and the compare of
// one 16-byte slot, with no branch on the word: whether a word is a stop
// word is a coin toss in running text, and a probe loop or a filter in
// front of it mispredicted about half the time. Words that are no stop
// word land on some slot and fail the compare.
class ShortWordTable {
 public:
  using Key = StopWordLookup::Key;
  static constexpr size_t kMaxBytes = StopWordLookup::kShortBytes;

  ShortWordTable() {
    std::vector<std::pair<Key, LanguageMask>> keys;
    for (const auto& [word, mask] : StopWordTable()) {
      if (word.size() > kMaxBytes) continue;
      char padded[16] = {};
      std::memcpy(padded, word.data(), word.size());
      keys.emplace_back(StopWordLookup::KeyOf(padded, word.size()), mask);
    }
    // The map's order may change from run to run; the table must not.
    std::sort(keys.begin(), keys.end(), [](const auto& a, const auto& b) {
      return a.first.lo != b.first.lo ? a.first.lo < b.first.lo : a.first.hi < b.first.hi;
    });
    size_t slots = 64;
    while (4 * slots < 6 * keys.size()) slots *= 2;  // at most two thirds full
    // A build fails when two words of one bucket share their slot under
    // every displacement, or a bucket finds no free slots; then another
    // seed, and after a few, a larger table.
    for (uint64_t attempt = 0;; ++attempt) {
      if (attempt > 0 && attempt % 8 == 0) slots *= 2;
      if (Build(keys, slots, attempt)) break;
    }
    view_.slots_ = slots_.data();
    view_.tags_ = tags_.data();
    view_.displacement_ = displacement_.data();
    view_.slot_mask_ = tags_.size() - 1;
    view_.bucket_shift_ = 64 - bucket_bits_;
    view_.seed_ = seed_;
  }

  const StopWordLookup& view() const { return view_; }

  // word.size() <= kMaxBytes.
  LanguageMask Find(std::string_view word) const {
    char padded[16] = {};
    std::memcpy(padded, word.data(), word.size());
    return view_.Padded(padded, word.size());
  }

 private:
  static_assert(sizeof(LanguageMask) == 2, "the mask fills the top two bytes");
  static uint64_t Hash(const Key& key, uint64_t seed) { return StopWordLookup::Hash(key, seed); }
  static uint8_t TagOf(uint64_t h) { return StopWordLookup::TagOf(h); }
  // The top bucket_bits_ of the hash pick the bucket; its low bits, XORed
  // with the bucket's displacement, the slot.
  size_t SlotOf(uint64_t h, uint16_t displacement) const {
    return static_cast<size_t>((h ^ displacement) & (tags_.size() - 1));
  }

  bool Build(const std::vector<std::pair<Key, LanguageMask>>& keys, size_t slots,
             uint64_t attempt) {
    seed_ = (attempt + 1) * 0xD6E8FEB86659FD93ULL;
    slots_.assign(slots + 1, Key{});
    tags_.assign(slots, 0);
    bucket_bits_ = std::countr_zero(slots) - 2;  // about 1.5 words a bucket
    displacement_.assign(size_t{1} << bucket_bits_, 0);
    if (slots > (size_t{1} << 16)) return false;  // displacements are 16 bits
    std::vector<std::vector<size_t>> buckets(displacement_.size());
    for (size_t k = 0; k < keys.size(); ++k) {
      buckets[Hash(keys[k].first, seed_) >> (64 - bucket_bits_)].push_back(k);
    }
    // The fullest buckets first, while most slots are free; ties by index,
    // so the table is the same on every run.
    std::vector<size_t> order(buckets.size());
    for (size_t b = 0; b < order.size(); ++b) order[b] = b;
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return buckets[a].size() > buckets[b].size(); });
    std::vector<bool> taken(slots, false);
    std::vector<size_t> at;
    for (const size_t b : order) {
      if (buckets[b].empty()) break;
      bool placed = false;
      for (size_t d = 0; d < slots && !placed; ++d) {
        at.clear();
        placed = true;
        for (const size_t k : buckets[b]) {
          const size_t i = SlotOf(Hash(keys[k].first, seed_), static_cast<uint16_t>(d));
          if (taken[i] || std::find(at.begin(), at.end(), i) != at.end()) {
            placed = false;
            break;
          }
          at.push_back(i);
        }
        if (placed) displacement_[b] = static_cast<uint16_t>(d);
      }
      if (!placed) return false;
      for (size_t j = 0; j < at.size(); ++j) {
        taken[at[j]] = true;
        Key slot = keys[buckets[b][j]].first;
        slot.hi |= static_cast<uint64_t>(keys[buckets[b][j]].second) << StopWordLookup::kMaskShift;
        slots_[at[j] + 1] = slot;
        tags_[at[j]] = TagOf(Hash(keys[buckets[b][j]].first, seed_));
      }
    }
    return true;
  }

  std::vector<Key> slots_;     // slot i at i + 1; slots_[0] stays empty
  std::vector<uint8_t> tags_;  // per slot: TagOf its word's hash
  std::vector<uint16_t> displacement_;
  int bucket_bits_ = 0;
  uint64_t seed_ = 0;
  StopWordLookup view_;
};

const StopWordFilter& Filter() {
  static const StopWordFilter* const kFilter = new StopWordFilter();
  return *kFilter;
}

const ShortWordTable& ShortWords() {
  static const ShortWordTable* const kShort = new ShortWordTable();
  return *kShort;
}

LanguageMask LongWordMask(std::string_view word) {
  const auto& table = StopWordTable();
  const auto it = table.find(ToAbsl(word));
  return it == table.end() ? LanguageMask{0} : it->second;
}

LanguageMask MaskOf(std::string_view word) {
  if (word.size() <= ShortWordTable::kMaxBytes) return ShortWords().Find(word);
  if (!Filter().MayContain(word)) return 0;
  return LongWordMask(word);
}

// MaskOf for a word with 16 readable bytes from its start.
LanguageMask MaskOfPadded(std::string_view word) {
  return StopWordLookup::Get().Padded(word.data(), word.size());
}

// The index of `lang` in kLanguages, or 0 for values outside the enum.
size_t IndexOf(Language lang) {
  const auto i = static_cast<size_t>(lang);
  return i < kNumLanguages ? i : 0;
}

}  // namespace

const StopWordLookup& StopWordLookup::Get() { return ShortWords().view(); }

std::string_view LanguageCode(Language lang) { return kLanguages[IndexOf(lang)].code; }

std::span<const std::string_view> StopWords(Language lang) {
  return kLanguages[IndexOf(lang)].words;
}

bool IsStopWord(Language lang, std::string_view normalized_word) {
  const size_t i = IndexOf(lang);
  return i != 0 && ((MaskOf(normalized_word) >> i) & 1u) != 0;
}

bool IsAnyStopWord(std::string_view normalized_word) { return MaskOf(normalized_word) != 0; }

StopWordMask StopWordLanguages(std::string_view normalized_word) {
  return MaskOf(normalized_word);
}

StopWordMask StopWordLanguagesPadded(std::string_view normalized_word) {
  return MaskOfPadded(normalized_word);
}

Language GuessLanguage(std::span<const std::string_view> normalized_words, int min_hits) {
  std::vector<StopWordMask> masks;
  masks.reserve(normalized_words.size());
  for (std::string_view word : normalized_words) masks.push_back(MaskOf(word));
  return GuessLanguageFromMasks(masks, min_hits);
}

Language GuessLanguageFromMasks(std::span<const StopWordMask> masks, int min_hits) {
  std::array<int64_t, kNumLanguages> hits{};
  std::array<int64_t, kNumLanguages> scores{};
  // kScoreScale / k for a word of k languages, without a division per word.
  static constexpr auto kShares = [] {
    std::array<int64_t, 17> shares{};
    for (int k = 1; k <= 16; ++k) shares[k] = kScoreScale / k;
    return shares;
  }();
  // A word of k languages adds kShares[k] to each one's score. Most words
  // are no stop word and the rest of one or a few languages, so a branch on
  // each word's mask is a coin toss: count the words per mask instead (one
  // increment a word, no branch), then add each distinct mask's count to
  // its languages. The sums are the same integers in another order.
  auto add = [&](unsigned mask, int64_t count) {
    int languages = 0;  // popcount, here without a libgcc call in the portable build
    for (unsigned m = mask; m != 0; m &= m - 1) ++languages;
    const int64_t share = kShares[languages];
    for (unsigned m = mask & ~1u; m != 0; m &= m - 1) {
      const auto i = static_cast<size_t>(std::countr_zero(m));
      if (i >= kNumLanguages) break;
      hits[i] += count;
      scores[i] += share * count;
    }
  };
  constexpr size_t kMasks = size_t{1} << kNumLanguages;
  std::array<uint32_t, kMasks> per_mask{};
  std::array<uint16_t, kMasks> seen;  // the distinct masks, in first-seen order
  size_t distinct = 0;
  for (const StopWordMask mask : masks) {
    if ((mask >> kNumLanguages) != 0) {  // bits of no language: not from the table
      add(mask, 1);
      continue;
    }
    seen[distinct] = mask;
    distinct += per_mask[mask]++ == 0 ? 1 : 0;
  }
  for (size_t k = 0; k < distinct; ++k) add(seen[k], per_mask[seen[k]]);
  // Find the leader and the runner-up; on a tie the runner-up equals the
  // leader, which then fails the lead test below.
  size_t best = 0;
  int64_t runner_up = 0;
  for (size_t i = 1; i < kNumLanguages; ++i) {
    if (scores[i] > scores[best]) {
      runner_up = scores[best];
      best = i;
    } else if (scores[i] > runner_up) {
      runner_up = scores[i];
    }
  }
  if (best == 0 || hits[best] < min_hits) return Language::kUnknown;
  // A clear lead is a score at least 1.25 times the runner-up's.
  if (4 * scores[best] < 5 * runner_up) return Language::kUnknown;
  return static_cast<Language>(best);
}

}  // namespace winnow
