//! Countries as members name them: ISO 3166-1 codes, English and French names, and
//! aliases (`usa`, `Deutschland`, `française`), matched whatever the case, accents,
//! apostrophes or leading article (`la France`, `the Netherlands`, `l’Algérie`).

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::lang::Lang;
use crate::{suggest, text};

mod table;

/// A country or territory with an ISO 3166-1 alpha-2 code.
#[derive(Debug, PartialEq, Eq)]
pub struct Country {
    alpha2: &'static str,
    alpha3: &'static str,
    en: &'static str,
    fr: &'static str,
    aliases: &'static [&'static str],
}

impl Country {
    /// The ISO 3166-1 alpha-2 code, upper case (`FR`).
    pub fn code(&self) -> &'static str {
        self.alpha2
    }

    /// The common short name in `lang` (`Germany`, `Allemagne`).
    pub fn name(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Fr => self.fr,
        }
    }

    /// The English and French names, then the aliases: what `closest` may suggest from.
    fn spellings(&self) -> impl Iterator<Item = &'static str> {
        [self.en, self.fr]
            .into_iter()
            .chain(self.aliases.iter().copied())
    }
}

/// Every country, sorted by alpha-2 code.
pub fn all() -> &'static [Country] {
    &table::COUNTRIES
}

/// The country with this alpha-2 code, in any case (`fr`, `FR`).
pub fn by_code(code: &str) -> Option<&'static Country> {
    table::COUNTRIES
        .iter()
        .find(|country| country.alpha2.eq_ignore_ascii_case(code))
}

/// The country `phrase` names: an alpha-2 or alpha-3 code, an English or French name or
/// an alias, in any case, with or without accents and a leading article.
pub fn find(phrase: &str) -> Option<&'static Country> {
    let key = key(phrase);
    KEYS.get(&key)
        .or_else(|| without_article(&key).and_then(|rest| KEYS.get(rest)))
        .copied()
}

/// For a near miss (`frnace`, `germny`), the country whose name or alias is closest,
/// if close enough to be a typo of it. Codes are never suggested.
pub fn closest(phrase: &str) -> Option<&'static Country> {
    let key = key(phrase);
    let key = without_article(&key).unwrap_or(&key);
    let spelling = suggest::closest(key, SPELLINGS.iter().map(String::as_str))?;
    KEYS.get(spelling).copied()
}

/// The most words in any name or alias, counted as [`text::words`] splits them
/// (`Côte d'Ivoire` has three): the longest run of words worth passing to [`find`].
/// A leading article need not be counted, as names are found without it.
pub const MAX_NAME_WORDS: usize = most_words(&table::COUNTRIES);

/// Every folded key to the one country it names.
static KEYS: LazyLock<HashMap<String, &'static Country>> = LazyLock::new(|| {
    let mut keys = HashMap::new();
    for (key, country) in claims() {
        // The table test makes sure no key is claimed by two countries.
        keys.entry(key).or_insert(country);
    }
    keys
});

/// The folded names and aliases, in table order, for `closest`.
static SPELLINGS: LazyLock<Vec<String>> = LazyLock::new(|| {
    table::COUNTRIES
        .iter()
        .flat_map(Country::spellings)
        .flat_map(keys_for)
        .collect()
});

/// Each key with the country it leads to: codes, names and aliases, the latter also
/// without a leading article (`La Réunion` is found as `réunion`).
fn claims() -> impl Iterator<Item = (String, &'static Country)> {
    table::COUNTRIES.iter().flat_map(|country| {
        [country.alpha2, country.alpha3]
            .into_iter()
            .map(key)
            .chain(country.spellings().flat_map(keys_for))
            .map(move |key| (key, country))
    })
}

/// The key for `spelling`, and the same without its leading article if it has one.
fn keys_for(spelling: &str) -> impl Iterator<Item = String> {
    let key = key(spelling);
    let bare = without_article(&key).map(str::to_owned);
    std::iter::once(key).chain(bare)
}

/// The form names are compared in: folded words joined by single spaces, so dashes and
/// apostrophes count as spaces (`Côte-d’Ivoire` → `cote d ivoire`).
fn key(phrase: &str) -> String {
    text::words(phrase).collect::<Vec<_>>().join(" ")
}

/// Leading articles members may add or leave out, as [`key`] spells them (`l'` → `l`).
const ARTICLES: [&str; 5] = ["the", "le", "la", "les", "l"];

/// `key` without its leading article, if it has one and something follows it.
fn without_article(key: &str) -> Option<&str> {
    let (first, rest) = key.split_once(' ')?;
    ARTICLES.contains(&first).then_some(rest)
}

const fn most_words(countries: &[Country]) -> usize {
    let mut most = 0;
    let mut i = 0;
    while i < countries.len() {
        let country = &countries[i];
        most = max(most, max(word_count(country.en), word_count(country.fr)));
        let mut j = 0;
        while j < country.aliases.len() {
            most = max(most, word_count(country.aliases[j]));
            j += 1;
        }
        i += 1;
    }
    most
}

/// Words as [`text::words`] counts them, for the table's spellings: runs of ASCII
/// letters and digits or non-ASCII characters (accented letters, once folded), split by
/// ASCII spaces and punctuation. The tests check both counts agree on the table.
const fn word_count(spelling: &str) -> usize {
    let bytes = spelling.as_bytes();
    let mut count = 0;
    let mut in_word = false;
    let mut i = 0;
    while i < bytes.len() {
        let letter = bytes[i].is_ascii_alphanumeric() || !bytes[i].is_ascii();
        if letter && !in_word {
            count += 1;
        }
        in_word = letter;
        i += 1;
    }
    count
}

const fn max(a: usize, b: usize) -> usize {
    if a > b { a } else { b }
}

#[cfg(test)]
mod tests {
    use std::collections::{HashMap, HashSet};

    use super::*;

    fn code_of(phrase: &str) -> Option<&'static str> {
        find(phrase).map(Country::code)
    }

    fn closest_code(phrase: &str) -> Option<&'static str> {
        closest(phrase).map(Country::code)
    }

    #[test]
    fn france_is_found_by_code_name_demonym_and_german_name() {
        for phrase in [
            "france",
            "FR",
            "fr",
            "FRA",
            "française",
            "FRANCAIS",
            "Frankreich",
            "la France",
            "  France ",
        ] {
            assert_eq!(code_of(phrase), Some("FR"), "{phrase}");
        }
    }

    #[test]
    fn the_united_states_are_found_in_english_and_french() {
        for phrase in [
            "etats unis",
            "États-Unis",
            "les états-unis",
            "usa",
            "US",
            "U.S.A.",
            "the united states",
            "America",
            "Américaine",
        ] {
            assert_eq!(code_of(phrase), Some("US"), "{phrase}");
        }
    }

    #[test]
    fn dashes_apostrophes_and_spaces_are_interchangeable() {
        for phrase in [
            "Côte d'Ivoire",
            "côte-d'ivoire",
            "cote d'ivoire",
            "Côte d’Ivoire",
            "cote d ivoire",
            "ivory coast",
            "ivoirienne",
            "CIV",
        ] {
            assert_eq!(code_of(phrase), Some("CI"), "{phrase}");
        }
        assert_eq!(code_of("Guinée Bissau"), Some("GW"));
        assert_eq!(code_of("Corée-du-Sud"), Some("KR"));
    }

    #[test]
    fn a_leading_article_may_be_added_or_left_out() {
        assert_eq!(code_of("l'Algérie"), Some("DZ"));
        assert_eq!(code_of("L’Algérie"), Some("DZ"));
        assert_eq!(code_of("the Netherlands"), Some("NL"));
        assert_eq!(code_of("le Sénégal"), Some("SN"));
        assert_eq!(code_of("Réunion"), Some("RE"));
        assert_eq!(code_of("La Réunion"), Some("RE"));
        assert_eq!(code_of("the Gambia"), Some("GM"));
        // An article alone is not a name, but `la` is still Laos's code.
        assert_eq!(code_of("the"), None);
        assert_eq!(code_of("la"), Some("LA"));
    }

    #[test]
    fn short_forms_native_and_german_names_are_understood() {
        for (phrase, code) in [
            ("uk", "GB"),
            ("Great Britain", "GB"),
            ("England", "GB"),
            ("Royaume-Uni", "GB"),
            ("holland", "NL"),
            ("Nederland", "NL"),
            ("drc", "CD"),
            ("RDC", "CD"),
            ("congo", "CG"),
            ("turkey", "TR"),
            ("Turquie", "TR"),
            ("Türkiye", "TR"),
            ("Deutschland", "DE"),
            ("España", "ES"),
            ("Spanien", "ES"),
            ("Italia", "IT"),
            ("Brasil", "BR"),
            ("Schweiz", "CH"),
            ("Svizzera", "CH"),
            ("Österreich", "AT"),
            ("Polska", "PL"),
            ("México", "MX"),
            ("Sverige", "SE"),
            ("korea", "KR"),
            ("guinée", "GN"),
            ("canadienne", "CA"),
            ("Việt Nam", "VN"),
        ] {
            assert_eq!(code_of(phrase), Some(code), "{phrase}");
        }
    }

    #[test]
    fn regions_cities_and_nonsense_are_not_countries() {
        for phrase in [
            "Québec",
            "Bretagne",
            "Bavaria",
            "xyz",
            "",
            "  ",
            "'",
            "france paris",
        ] {
            assert_eq!(find(phrase), None, "{phrase:?}");
        }
    }

    #[test]
    fn typos_suggest_the_closest_name() {
        assert_eq!(closest_code("frnace"), Some("FR"));
        assert_eq!(closest_code("germny"), Some("DE"));
        assert_eq!(closest_code("Allemagen"), Some("DE"));
        assert_eq!(closest_code("la belgiqe"), Some("BE"));
        assert_eq!(closest_code("etats unsi"), Some("US"));
        assert_eq!(closest_code("xyz"), None);
        // Codes are not suggested: `frx` is one edit from `fra` but names nothing.
        assert_eq!(closest_code("frx"), None);
    }

    #[test]
    fn names_are_given_in_english_or_french() {
        let germany = by_code("DE");
        assert_eq!(germany.map(|c| c.name(Lang::Fr)), Some("Allemagne"));
        assert_eq!(germany.map(|c| c.name(Lang::En)), Some("Germany"));
        let us = by_code("us");
        assert_eq!(us.map(|c| c.name(Lang::Fr)), Some("États-Unis"));
        assert_eq!(us.map(|c| c.name(Lang::En)), Some("United States"));
    }

    #[test]
    fn by_code_reads_alpha_2_in_any_case_only() {
        for code in ["fr", "FR", "Fr"] {
            assert_eq!(by_code(code).map(Country::code), Some("FR"), "{code}");
        }
        for code in ["FRA", "france", "xx", "", "UK"] {
            assert_eq!(by_code(code), None, "{code}");
        }
    }

    #[test]
    fn the_table_holds_every_code_once_in_order() {
        assert_eq!(all().len(), 249);
        let mut alpha3 = HashSet::new();
        for pair in all().windows(2) {
            assert!(pair[0].alpha2 < pair[1].alpha2, "{:?}", pair[1]);
        }
        for country in all() {
            let code = country.code();
            assert!(
                code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase()),
                "{code}"
            );
            let long = country.alpha3;
            assert!(
                long.len() == 3 && long.bytes().all(|b| b.is_ascii_uppercase()),
                "{long}"
            );
            assert!(alpha3.insert(long), "{long} twice");
            assert!(!country.en.is_empty() && !country.fr.is_empty(), "{code}");
        }
    }

    #[test]
    fn no_key_names_two_countries() {
        let mut owners: HashMap<String, &str> = HashMap::new();
        let mut clashes = Vec::new();
        for (key, country) in claims() {
            assert!(!key.is_empty(), "{country:?} has an empty spelling");
            let owner = *owners.entry(key.clone()).or_insert(country.code());
            if owner != country.code() {
                clashes.push(format!("{key:?}: {owner} and {}", country.code()));
            }
        }
        assert!(clashes.is_empty(), "{clashes:#?}");
    }

    #[test]
    fn every_country_is_found_by_each_of_its_codes_names_and_aliases() {
        for country in all() {
            let spellings = [country.alpha2, country.alpha3]
                .into_iter()
                .chain(country.spellings());
            for spelling in spellings {
                assert_eq!(find(spelling), Some(country), "{spelling}");
            }
        }
    }

    #[test]
    fn aliases_are_written_in_lower_case() {
        for alias in all().iter().flat_map(|country| country.aliases) {
            assert_eq!(*alias, alias.to_lowercase(), "{alias}");
        }
    }

    #[test]
    fn max_name_words_is_the_longest_name_in_words() {
        let longest = all()
            .iter()
            .flat_map(Country::spellings)
            .map(|spelling| {
                let words = text::words(spelling).count();
                assert_eq!(word_count(spelling), words, "{spelling}");
                words
            })
            .max();
        assert_eq!(Some(MAX_NAME_WORDS), longest);
        // Géorgie du Sud-et-les Îles Sandwich du Sud.
        assert_eq!(MAX_NAME_WORDS, 9);
    }
}
