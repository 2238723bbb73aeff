//! Reading what a newcomer typed as the answer to one question, or why it cannot be.

use chrono::NaiveDate;

use super::arrival::{self, Arrival, ArrivalError};
use super::languages::{self, Language, ListError};
use super::{Settings, Step};
use crate::faq::countries::{self, Country};
use crate::lang::Lang;
use crate::text::fold;

/// The longest city name accepted, in characters.
pub const MAX_CITY_CHARS: usize = 80;

/// An answer, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    Language(Lang),
    Country(&'static Country),
    City(String),
    Arrival(Arrival),
    /// ISO 639-1 codes, in the order given.
    Languages(Vec<&'static Language>),
    /// The community's interest keys.
    Interests(Vec<String>),
}

impl Answer {
    /// Puts the answer to `step` in the profile; the preferred language is the member's
    /// own setting, not part of it, and changes nothing here.
    pub fn fill(self, step: Step, profile: &mut super::Profile) {
        match self {
            Self::Country(country) if step == Step::Origin => {
                profile.origin = Some(country.code().to_owned());
            }
            Self::Country(country) => profile.country = Some(country.code().to_owned()),
            Self::City(city) => profile.city = Some(city),
            Self::Arrival(arrival) => profile.arrival = Some(arrival),
            Self::Languages(spoken) => {
                profile.languages = spoken.iter().map(|l| l.code().to_owned()).collect();
            }
            Self::Interests(keys) => profile.interests = keys,
            Self::Language(_) => {}
        }
    }
}

/// Why an answer could not be read: the hint shown before the question again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Hint {
    /// Not one of the languages the hub speaks.
    Language,
    UnknownCountry {
        written: String,
        suggestion: Option<&'static Country>,
    },
    CityTooLong,
    Arrival(ArrivalError),
    UnknownLanguage {
        written: String,
        suggestion: Option<&'static Language>,
    },
    UnknownInterest(String),
    /// Nothing was written.
    Empty,
}

/// Words that move through the questionnaire instead of answering.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    Skip,
    Back,
}

impl Move {
    /// `skip`, `back` and their French and common variants.
    pub fn read(text: &str) -> Option<Self> {
        match fold(text.trim()).trim_end_matches(['.', '!']) {
            "skip" | "pass" | "next" | "later" | "passer" | "suivant" | "plus tard"
            | "je passe" => Some(Self::Skip),
            "back" | "previous" | "go back" | "retour" | "precedent" | "revenir" => {
                Some(Self::Back)
            }
            _ => None,
        }
    }
}

/// Reads `text` as the answer to `step`.
pub fn read(step: Step, text: &str, settings: &Settings, today: NaiveDate) -> Result<Answer, Hint> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Hint::Empty);
    }
    match step {
        Step::Language => Lang::parse(text)
            .or_else(|| languages::find(text).and_then(|language| Lang::parse(language.code())))
            .map(Answer::Language)
            .ok_or(Hint::Language),
        Step::Origin | Step::Country => {
            countries::find(text)
                .map(Answer::Country)
                .ok_or_else(|| Hint::UnknownCountry {
                    written: text.to_owned(),
                    suggestion: countries::closest(text),
                })
        }
        Step::City => {
            if text.chars().count() > MAX_CITY_CHARS || text.contains('\n') {
                return Err(Hint::CityTooLong);
            }
            Ok(Answer::City(tidy_city(text)))
        }
        Step::Arrival => arrival::parse(text, today)
            .map(Answer::Arrival)
            .map_err(Hint::Arrival),
        Step::Languages => languages::parse_list(text)
            .map(Answer::Languages)
            .map_err(|error| match error {
                ListError::Empty => Hint::Empty,
                ListError::Unknown { word, suggestion } => Hint::UnknownLanguage {
                    written: word,
                    suggestion,
                },
            }),
        Step::Interests => read_interests(text, settings).map(Answer::Interests),
    }
}

/// A city as typed, with its first letter made upper case when all was typed lower case.
fn tidy_city(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().any(char::is_uppercase) {
        return text;
    }
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// Interests named by key or name, separated by commas, `and`/`et`, or spaces.
fn read_interests(text: &str, settings: &Settings) -> Result<Vec<String>, Hint> {
    let mut keys: Vec<String> = Vec::new();
    let separated = text.replace([';', '/', '+', '&'], ",");
    let mut parts: Vec<String> = Vec::new();
    for chunk in separated.split(',') {
        let mut group: Vec<&str> = Vec::new();
        for word in chunk.split_whitespace() {
            if matches!(fold(word).as_str(), "and" | "et") {
                parts.push(group.join(" "));
                group.clear();
            } else {
                group.push(word);
            }
        }
        parts.push(group.join(" "));
    }
    for part in parts.iter().filter(|part| !part.is_empty()) {
        let found: Vec<String> = match settings.find_interest(part) {
            Some(interest) => vec![interest.key.clone()],
            None => part
                .split_whitespace()
                .map(|word| {
                    settings
                        .find_interest(word)
                        .map(|interest| interest.key.clone())
                })
                .collect::<Option<_>>()
                .ok_or_else(|| Hint::UnknownInterest(part.clone()))?,
        };
        for key in found {
            if !keys.contains(&key) {
                keys.push(key);
            }
        }
    }
    if keys.is_empty() {
        return Err(Hint::Empty);
    }
    Ok(keys)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::onboarding::Interest;

    fn settings() -> Settings {
        let interest = |key: &str, en: &str, fr: &str| Interest {
            key: key.into(),
            en: en.into(),
            fr: fr.into(),
        };
        Settings {
            interests: vec![
                interest("hiking", "Hiking", "Randonnée"),
                interest("food", "Food", "Cuisine"),
                interest(
                    "language-exchange",
                    "Language exchange",
                    "Échange linguistique",
                ),
            ],
            ..Settings::default()
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()
    }

    fn read_as(step: Step, text: &str) -> Result<Answer, Hint> {
        read(step, text, &settings(), today())
    }

    #[test]
    fn the_preferred_language_is_one_the_hub_speaks() {
        assert_eq!(
            read_as(Step::Language, "Français"),
            Ok(Answer::Language(Lang::Fr))
        );
        assert_eq!(
            read_as(Step::Language, "english"),
            Ok(Answer::Language(Lang::En))
        );
        assert_eq!(read_as(Step::Language, "klingon"), Err(Hint::Language));
    }

    #[test]
    fn countries_are_read_by_name_and_a_typo_gets_a_suggestion() {
        assert!(
            matches!(read_as(Step::Origin, "Brésil"), Ok(Answer::Country(c)) if c.code() == "BR")
        );
        match read_as(Step::Country, "Cananda") {
            Err(Hint::UnknownCountry {
                suggestion: Some(c),
                ..
            }) => assert_eq!(c.code(), "CA"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn cities_are_tidied_and_bounded() {
        assert_eq!(
            read_as(Step::City, "  montréal "),
            Ok(Answer::City("Montréal".into()))
        );
        assert_eq!(
            read_as(Step::City, "Saint-Denis"),
            Ok(Answer::City("Saint-Denis".into()))
        );
        assert_eq!(read_as(Step::City, &"x".repeat(81)), Err(Hint::CityTooLong));
    }

    #[test]
    fn interests_by_name_in_either_language() {
        assert_eq!(
            read_as(Step::Interests, "Randonnée et cuisine"),
            Ok(Answer::Interests(vec!["hiking".into(), "food".into()]))
        );
        assert_eq!(
            read_as(Step::Interests, "language exchange, hiking"),
            Ok(Answer::Interests(vec![
                "language-exchange".into(),
                "hiking".into()
            ]))
        );
        assert_eq!(
            read_as(Step::Interests, "hiking chess"),
            Err(Hint::UnknownInterest("hiking chess".into()))
        );
    }

    #[test]
    fn skip_and_back_in_both_languages() {
        assert_eq!(Move::read("Passer"), Some(Move::Skip));
        assert_eq!(Move::read("retour"), Some(Move::Back));
        assert_eq!(Move::read("Brazil"), None);
    }
}
