//! From what a member types to a full-text query: folded words without the little ones,
//! each corrected to a word the FAQ uses when it looks like a typo of one.

use crate::faq::EntryId;
use crate::faq::Hit;
use crate::suggest;
use crate::text;

/// The most words a search uses; the rest of a long question is ignored.
pub const MAX_WORDS: usize = 12;

/// Words too common to tell entries apart, in English and French, folded.
const STOP_WORDS: &[&str] = &[
    // English
    "a", "about", "an", "and", "are", "as", "at", "be", "by", "can", "do", "does", "for", "from",
    "get", "how", "i", "in", "is", "it", "me", "my", "of", "on", "or", "the", "to", "we", "what",
    "when", "where", "which", "who", "with", "you", "your", "there", "this", "that", "any",
    "anyone", "please", "should", "need", // French
    "au", "aux", "avec", "ce", "ces", "cette", "comment", "dans", "de", "des", "du", "elle", "en",
    "est", "et", "il", "je", "la", "le", "les", "ma", "mes", "mon", "ne", "nous", "on", "ou",
    "par", "pas", "pour", "quand", "que", "quel", "quelle", "qui", "quoi", "sa", "se", "ses",
    "son", "sont", "sur", "un", "une", "vous", "y", "faut", "faire", "qu", "quelqu", "svp",
];

/// Whether `word` (folded) is too common to search for.
pub fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.contains(&word)
}

/// The words of `input` worth searching for, folded, in order, without repeats.
pub fn query_words(input: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for word in text::words(input) {
        let short = word.chars().count() < 2;
        if short || STOP_WORDS.contains(&word.as_str()) || words.contains(&word) {
            continue;
        }
        words.push(word);
        if words.len() == MAX_WORDS {
            break;
        }
    }
    words
}

/// Where to look for the words a typo of `word` could be: the vocabulary between
/// `from` (inclusive) and `to` (exclusive), which share its first letter, and of a
/// length between `shortest` and `longest` characters (longer than a typo needs, to find
/// the words it begins).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Neighbourhood {
    pub from: String,
    pub to: String,
    pub shortest: usize,
    pub longest: usize,
}

/// The neighbourhood of `word`, or `None` for words too short to correct.
pub fn neighbourhood(word: &str) -> Option<Neighbourhood> {
    let length = word.chars().count();
    // Numbers (`2026`, `b2`) are never typos of other numbers.
    if length < 4 || word.chars().any(|c| c.is_numeric()) {
        return None;
    }
    let first = word.chars().next()?;
    let next = char::from_u32(u32::from(first) + 1)?;
    Some(Neighbourhood {
        from: first.to_string(),
        to: next.to_string(),
        shortest: length.saturating_sub(2),
        // Any length above, to know when the word begins a known one.
        longest: usize::from(u16::MAX),
    })
}

/// What `word` should search for, given the known words near it: itself when known or
/// when nothing is close, else the closest known word.
pub fn correct(word: &str, near: &[String]) -> String {
    let found = |known: &String| known == word || (is_prefix(word) && known.starts_with(word));
    if near.iter().any(found) {
        return word.to_owned();
    }
    suggest::closest(word, near.iter().map(String::as_str))
        .unwrap_or(word)
        .to_owned()
}

/// Words this long also find the longer words they begin (`renew` finds `renewing`):
/// a poor man's stemming that works the same in every language.
pub const PREFIX_FROM: usize = 4;

fn is_prefix(word: &str) -> bool {
    word.chars().count() >= PREFIX_FROM
}

/// Which versions one pass of a search looks at. A search goes from the narrowest to
/// the widest, since [`rank`] puts versions holding every word first, those holding
/// them in their title before the others: each pass brings the next best, and a search
/// stops when it has enough.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tier {
    /// Every word in the title.
    AllInTitle,
    /// Every word, anywhere.
    All,
    /// Any of the words.
    Any,
}

impl Tier {
    /// The passes a search for `words` makes, in order (one word: its title, then any).
    pub fn of(words: &[String]) -> &'static [Tier] {
        match words.len() {
            0 => &[],
            1 => &[Tier::AllInTitle, Tier::Any],
            _ => &[Tier::AllInTitle, Tier::All, Tier::Any],
        }
    }

    /// The FTS5 `MATCH` expression of this pass: the words quoted, long ones as prefixes.
    pub fn fts5(self, words: &[String]) -> String {
        let quoted: Vec<String> = words
            .iter()
            .map(|word| {
                let star = if is_prefix(word) { "*" } else { "" };
                format!("\"{}\"{star}", word.replace('"', ""))
            })
            .collect();
        match self {
            Tier::AllInTitle | Tier::All => quoted.join(" AND "),
            Tier::Any => quoted.join(" OR "),
        }
    }

    /// Whether this pass looks in the titles alone (their own index, on both backends).
    pub fn in_titles(self) -> bool {
        self == Tier::AllInTitle
    }

    /// The PostgreSQL `to_tsquery('simple', …)` expression of this pass: long words as
    /// prefixes. Words are runs of letters and digits, so none carries an operator.
    pub fn tsquery(self, words: &[String]) -> String {
        let clean: Vec<String> = words
            .iter()
            .map(|word| {
                word.chars()
                    .filter(|c| c.is_alphanumeric())
                    .collect::<String>()
            })
            .filter(|word| !word.is_empty())
            .map(|word| {
                if is_prefix(&word) {
                    format!("{word}:*")
                } else {
                    word
                }
            })
            .collect();
        let joiner = if self == Tier::Any { " | " } else { " & " };
        clean.join(joiner)
    }
}

/// The share of `words` found among the words of `folded` (or beginning one, as search
/// finds them), from 0 to 1.
pub fn coverage(words: &[String], folded: &str) -> f64 {
    if words.is_empty() {
        return 0.0;
    }
    let present: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .collect();
    let found = words
        .iter()
        .filter(|word| {
            present.iter().any(|known| {
                *known == word.as_str() || (is_prefix(word) && known.starts_with(word.as_str()))
            })
        })
        .count();
    found as f64 / words.len() as f64
}

/// The entries of `hits` (versions, in the database's order), best first, each once with
/// the share of `words` its best version holds. Ranked the same way on both backends: by
/// that share, then by the share of the words in that version's title; the database's
/// own score (bm25 or `ts_rank`) only breaks ties, through the order of the hits.
pub fn rank(words: &[String], hits: &[Hit]) -> Vec<(EntryId, f64)> {
    let mut ranked: Vec<(EntryId, f64, f64)> = Vec::new();
    for hit in hits {
        let text = format!("{} {}", hit.search_title, hit.search_answer);
        let share = coverage(words, &text);
        let in_title = coverage(words, &hit.search_title);
        match ranked.iter_mut().find(|(entry, ..)| *entry == hit.entry) {
            Some(seen) if (share, in_title) > (seen.1, seen.2) => {
                *seen = (hit.entry, share, in_title);
            }
            Some(_) => {}
            None => ranked.push((hit.entry, share, in_title)),
        }
    }
    // Stable: equal shares keep the database's order.
    ranked.sort_by(|a, b| {
        (b.1, b.2)
            .partial_cmp(&(a.1, a.2))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    ranked
        .into_iter()
        .map(|(entry, share, _)| (entry, share))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(words: &[&str]) -> Vec<String> {
        words.iter().map(|word| (*word).to_owned()).collect()
    }

    #[test]
    fn little_words_accents_and_repeats_are_dropped() {
        assert_eq!(query_words("titre de séjour"), ["titre", "sejour"]);
        assert_eq!(
            query_words("How do I get a Carte Vitale? carte!"),
            ["carte", "vitale"]
        );
        assert_eq!(query_words("l'assurance maladie"), ["assurance", "maladie"]);
        assert!(query_words("de la").is_empty());
    }

    #[test]
    fn a_long_question_keeps_its_first_words() {
        let many: String = (0..40).map(|i| format!("word{i} ")).collect();
        assert_eq!(query_words(&many).len(), MAX_WORDS);
    }

    #[test]
    fn a_typo_is_corrected_to_a_known_word_and_a_known_word_is_kept() {
        let near = strings(&["sejour", "sejours", "semaine"]);
        assert_eq!(correct("sejuor", &near), "sejour");
        assert_eq!(correct("sejours", &near), "sejours");
        // A word that begins a known one is kept: search finds it as a prefix.
        assert_eq!(correct("sejo", &near), "sejo");
        assert_eq!(correct("soleil", &near), "soleil");
    }

    #[test]
    fn the_neighbourhood_shares_the_first_letter_and_a_similar_length() {
        let around = neighbourhood("sejour").unwrap();
        assert_eq!((around.from.as_str(), around.to.as_str()), ("s", "t"));
        assert_eq!(around.shortest, 4);
        assert_eq!(neighbourhood("bus"), None);
        assert_eq!(neighbourhood("2026"), None);
    }

    #[test]
    fn a_search_goes_from_every_word_in_the_title_to_any_word() {
        let words = strings(&["titre", "sejour"]);
        assert_eq!(Tier::of(&words), [Tier::AllInTitle, Tier::All, Tier::Any]);
        assert_eq!(Tier::AllInTitle.fts5(&words), "\"titre\"* AND \"sejour\"*");
        assert!(Tier::AllInTitle.in_titles() && !Tier::All.in_titles());
        assert_eq!(Tier::All.fts5(&words), "\"titre\"* AND \"sejour\"*");
        assert_eq!(Tier::Any.fts5(&words), "\"titre\"* OR \"sejour\"*");
        assert_eq!(Tier::AllInTitle.tsquery(&words), "titre:* & sejour:*");
        assert_eq!(Tier::All.tsquery(&words), "titre:* & sejour:*");
        assert_eq!(Tier::Any.tsquery(&words), "titre:* | sejour:*");
        let short = strings(&["bus", "carte"]);
        assert_eq!(Tier::Any.fts5(&short), "\"bus\" OR \"carte\"*");
        assert_eq!(Tier::AllInTitle.tsquery(&short), "bus & carte:*");
        assert_eq!(Tier::Any.tsquery(&short), "bus | carte:*");
        // One word: every word and any word are the same pass.
        assert_eq!(Tier::of(&words[..1]), [Tier::AllInTitle, Tier::Any]);
        assert!(Tier::of(&[]).is_empty());
    }

    fn hit(entry: i64, title: &str, answer: &str) -> Hit {
        Hit {
            entry: EntryId(entry),
            language: "en".into(),
            score: 0.0,
            search_title: title.into(),
            search_answer: answer.into(),
        }
    }

    #[test]
    fn entries_rank_by_the_words_their_best_version_holds_then_by_its_title() {
        let words = strings(&["carte", "vitale"]);
        let hits = [
            hit(1, "une carte", "bancaire"),
            hit(2, "sante", "la carte vitale"),
            hit(3, "la carte vitale", "obtenir"),
            hit(1, "carte", "et carte vitale"),
            hit(5, "rien", "rien"),
            hit(6, "vitale", "rien"),
            hit(4, "vitale", "rien"),
        ];
        let ranked = rank(&words, &hits);
        let order: Vec<i64> = ranked.iter().map(|(entry, _)| entry.0).collect();
        // All three of 3, 1 (by its second version) and 2 hold both words: 3 both in its
        // title, 1 one, 2 none. 6 and 4 hold one, in the database's order; 5 none.
        assert_eq!(order, [3, 1, 2, 6, 4, 5]);
        let shares: Vec<f64> = ranked.iter().map(|(_, share)| *share).collect();
        assert_eq!(shares, [1.0, 1.0, 1.0, 0.5, 0.5, 0.0]);
    }

    #[test]
    fn coverage_counts_whole_words() {
        let words = strings(&["carte", "vitale"]);
        assert_eq!(coverage(&words, "obtenir sa carte vitale"), 1.0);
        assert_eq!(coverage(&words, "les cartes vitales"), 1.0);
        assert_eq!(coverage(&words, "la vital card"), 0.0);
        assert_eq!(coverage(&words, "une carte bancaire"), 0.5);
    }
}
