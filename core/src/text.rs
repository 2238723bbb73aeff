//! Folding text for matching: what a member types and what we store compare equal when
//! they differ only in case, accents, ligatures or apostrophes.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Lower case, without accents (`Séjour` → `sejour`), ligatures spelled out (`œ` → `oe`,
/// `ß` → `ss`), typographic apostrophes and dashes made plain, and runs of white space
/// made one space.
pub fn fold(input: &str) -> String {
    let mut folded = String::with_capacity(input.len());
    let mut space = false;
    for c in input.nfd().filter(|c| !is_combining_mark(*c)) {
        if c.is_whitespace() {
            space = !folded.is_empty();
            continue;
        }
        if space {
            folded.push(' ');
            space = false;
        }
        match c {
            'œ' | 'Œ' => folded.push_str("oe"),
            'æ' | 'Æ' => folded.push_str("ae"),
            'ß' => folded.push_str("ss"),
            'ø' | 'Ø' => folded.push('o'),
            'ł' | 'Ł' => folded.push('l'),
            'đ' | 'Đ' => folded.push('d'),
            '\u{2019}' | '\u{2018}' | '\u{2bc}' | '`' | '´' => folded.push('\''),
            '\u{2010}'..='\u{2015}' => folded.push('-'),
            c => folded.extend(c.to_lowercase()),
        }
    }
    folded
}

/// The words of `input`, folded: runs of letters and digits (an apostrophe or dash
/// splits words, so `l'assurance` gives `l` and `assurance`).
pub fn words(input: &str) -> impl Iterator<Item = String> {
    fold(input)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_owned)
        .collect::<Vec<_>>()
        .into_iter()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_case_and_ligatures_fold_away() {
        assert_eq!(fold("Titre de Séjour"), "titre de sejour");
        assert_eq!(fold("Œuvre  Straße"), "oeuvre strasse");
        assert_eq!(fold("Côte d’Ivoire"), "cote d'ivoire");
        assert_eq!(fold("  Montréal\t"), "montreal");
        assert_eq!(fold("São Tomé"), "sao tome");
        assert_eq!(fold("Łódź, Ørsted, Œil"), "lodz, orsted, oeil");
    }

    #[test]
    fn words_split_on_punctuation_and_apostrophes() {
        let found: Vec<String> = words("L’assurance-maladie, c'est où ?").collect();
        assert_eq!(found, ["l", "assurance", "maladie", "c", "est", "ou"]);
    }
}
