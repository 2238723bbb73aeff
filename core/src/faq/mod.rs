//! The FAQ: answers filed by country (and city) and topic, one version per language, kept
//! fresh by editors. [`countries`] and [`topics`] read what members type, [`search`]
//! turns words into a full-text query, [`files`] reads and writes the one-file-per-entry
//! format of `passerelle faq import` and `export`.

pub(crate) mod catalog;
pub mod command;
mod complete;
pub mod countries;
pub mod files;
pub(crate) mod hub;
pub mod import;
pub mod place;
pub mod search;
pub mod settings;
pub(crate) mod store;
pub mod topics;

pub use command::{FaqCommand, FaqDraft};
pub(crate) use complete::{complete_country, complete_topic};
pub use hub::web::{CountryView, EntryView, TopicView};
pub use settings::FaqSettings;
pub use store::{Author, Coverage, FaqFilter, Filing, Hit, NewEntry, Quiet, RANKED_PER_PASS};

/// This job's messages.
pub(crate) const TEXTS: crate::i18n::Texts = crate::i18n::Texts {
    en: include_str!("en.ftl"),
    fr: include_str!("fr.ftl"),
};

use chrono::{DateTime, Months, NaiveDate, Utc};

use crate::lang::Lang;

/// An entry's number, as members type it (`/faq 12`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntryId(pub i64);

impl From<i64> for EntryId {
    fn from(id: i64) -> Self {
        Self(id)
    }
}

/// The longest title, in characters.
pub const MAX_TITLE_CHARS: usize = 200;
/// The longest answer, in characters.
pub const MAX_ANSWER_CHARS: usize = 4000;

/// One answer: a country (and maybe a city) × a topic, in one or more languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub id: EntryId,
    /// The file it is imported from and exported to, without extension.
    pub file_key: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub city: Option<String>,
    /// A topic key (`housing`).
    pub topic: String,
    /// In the order they were first written.
    pub versions: Vec<Version>,
}

/// An entry in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    /// An ISO 639-1 code; not only the languages the hub speaks.
    pub language: String,
    pub title: String,
    pub answer: String,
    /// Who wrote or last edited it, as they were named then.
    pub author: Option<String>,
    /// The community-local day someone last checked it.
    pub reviewed_on: NaiveDate,
}

/// Which version to show a reader, and whether it is in their language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown<'a> {
    /// In the reader's language.
    Asked(&'a Version),
    /// In another language, because the reader's is missing.
    Fallback(&'a Version),
}

impl Entry {
    /// The version for a reader of `lang`: theirs, else the community's `default`, else
    /// English, else the first written.
    pub fn version_for(&self, lang: Lang, default: Lang) -> Option<Shown<'_>> {
        let find = |code: &str| self.versions.iter().find(|v| v.language == code);
        if let Some(version) = find(lang.code()) {
            return Some(Shown::Asked(version));
        }
        find(default.code())
            .or_else(|| find(Lang::En.code()))
            .or_else(|| self.versions.first())
            .map(Shown::Fallback)
    }

    pub fn version(&self, language: &str) -> Option<&Version> {
        self.versions.iter().find(|v| v.language == language)
    }
}

impl<'a> Shown<'a> {
    pub fn version(self) -> &'a Version {
        match self {
            Self::Asked(version) | Self::Fallback(version) => version,
        }
    }
}

/// Whether a version reviewed on `reviewed_on` is past its freshness on `today`.
pub fn is_stale(reviewed_on: NaiveDate, today: NaiveDate, stale_after: Months) -> bool {
    reviewed_on
        .checked_add_months(stale_after)
        .is_none_or(|limit| limit <= today)
}

/// A change to an entry, as `/faq history` lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    pub language: Option<String>,
    pub action: RevisionAction,
    pub title: Option<String>,
    pub answer: Option<String>,
    pub author: Option<String>,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RevisionAction {
    Created,
    Edited,
    Reviewed,
    Removed,
    Moved,
    Imported,
}

impl RevisionAction {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Created => "created",
            Self::Edited => "edited",
            Self::Reviewed => "reviewed",
            Self::Removed => "removed",
            Self::Moved => "moved",
            Self::Imported => "imported",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [
            Self::Created,
            Self::Edited,
            Self::Reviewed,
            Self::Removed,
            Self::Moved,
            Self::Imported,
        ]
        .into_iter()
        .find(|action| action.as_str() == text)
    }
}

/// A language code an entry version may carry: two lowercase ASCII letters.
pub fn valid_language(code: &str) -> bool {
    code.len() == 2 && code.bytes().all(|b| b.is_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version(language: &str) -> Version {
        Version {
            language: language.into(),
            title: format!("title {language}"),
            answer: "answer".into(),
            author: None,
            reviewed_on: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        }
    }

    fn entry(languages: &[&str]) -> Entry {
        Entry {
            id: EntryId(1),
            file_key: "x".into(),
            country: "FR".into(),
            city: None,
            topic: "housing".into(),
            versions: languages.iter().map(|l| version(l)).collect(),
        }
    }

    #[test]
    fn a_reader_gets_their_language_then_the_community_then_english_then_any() {
        let both = entry(&["fr", "en"]);
        assert_eq!(
            both.version_for(Lang::En, Lang::Fr),
            Some(Shown::Asked(&both.versions[1]))
        );
        let french = entry(&["fr"]);
        assert_eq!(
            french.version_for(Lang::En, Lang::En),
            Some(Shown::Fallback(&french.versions[0]))
        );
        let spanish_and_english = entry(&["es", "en"]);
        assert_eq!(
            spanish_and_english.version_for(Lang::Fr, Lang::Fr),
            Some(Shown::Fallback(&spanish_and_english.versions[1]))
        );
        let spanish = entry(&["es"]);
        assert_eq!(
            spanish
                .version_for(Lang::Fr, Lang::En)
                .map(|s| s.version().language.as_str()),
            Some("es")
        );
    }

    #[test]
    fn an_entry_is_stale_once_its_months_have_passed() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let year = Months::new(12);
        assert!(!is_stale(day(2025, 11, 22), day(2026, 11, 21), year));
        assert!(is_stale(day(2025, 11, 21), day(2026, 11, 21), year));
    }
}
