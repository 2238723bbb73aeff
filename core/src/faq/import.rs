//! Between entry files and stored entries: checking a file against the countries and the
//! community's topics (with the line of each mistake), and writing an entry back out.

use chrono::NaiveDate;

use super::countries;
use super::files::{EntryFile, FileError, Located, VersionFile};
use super::topics::Topics;
use super::{Entry, Version, valid_language};
use crate::faq::{Filing, NewEntry};

/// What importing one file did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Created,
    Updated,
    Unchanged,
}

/// The entry `file` describes, ready to store. A version without a review date keeps
/// the stored one when its text is unchanged, else it is reviewed `today`.
pub fn check(
    file: &EntryFile,
    topics: &Topics,
    stored: Option<&Entry>,
    today: NaiveDate,
) -> Result<NewEntry, FileError> {
    let error = |line: usize, message: String| FileError { line, message };
    let country = countries::find(&file.country.value).ok_or_else(|| {
        let hint = countries::closest(&file.country.value)
            .map(|country| format!(", did you mean {}?", country.code()))
            .unwrap_or_default();
        error(
            file.country.line,
            format!("unknown country `{}`{hint}", file.country.value),
        )
    })?;
    let topic = topics.find(&file.topic.value).ok_or_else(|| {
        let known: Vec<&str> = topics
            .all()
            .iter()
            .map(|topic| topic.key.as_str())
            .collect();
        error(
            file.topic.line,
            format!(
                "unknown topic `{}` (one of {})",
                file.topic.value,
                known.join(", ")
            ),
        )
    })?;
    let mut versions: Vec<Version> = Vec::with_capacity(file.versions.len());
    for version in &file.versions {
        let language = &version.lang.value;
        if !valid_language(language) {
            return Err(error(
                version.lang.line,
                format!("`{language}` is not a two-letter language code (ISO 639-1)"),
            ));
        }
        if versions.iter().any(|earlier| earlier.language == *language) {
            return Err(error(
                version.lang.line,
                format!("a second `{language}` version"),
            ));
        }
        let unchanged = stored
            .and_then(|entry| entry.version(language))
            .filter(|old| old.title == version.title && old.answer == version.answer);
        let reviewed_on = version
            .reviewed
            .or(unchanged.map(|old| old.reviewed_on))
            .unwrap_or(today);
        versions.push(Version {
            language: language.clone(),
            title: version.title.clone(),
            answer: version.answer.clone(),
            author: version.author.clone(),
            reviewed_on,
        });
    }
    Ok(NewEntry {
        file_key: Some(file.key.clone()),
        filing: Filing {
            country: country.code().to_owned(),
            city: file.city.as_ref().map(|city| city.value.clone()),
            topic: topic.key.clone(),
        },
        versions,
    })
}

/// Whether storing `new` over `stored` would change nothing (languages the file leaves
/// out are kept, so they do not count).
pub fn unchanged(stored: &Entry, new: &NewEntry) -> bool {
    let filing = Filing {
        country: stored.country.clone(),
        city: stored.city.clone(),
        topic: stored.topic.clone(),
    };
    filing == new.filing
        && new
            .versions
            .iter()
            .all(|version| stored.version(&version.language) == Some(version))
}

/// The file that reproduces `entry`.
pub fn to_file(entry: &Entry) -> EntryFile {
    EntryFile {
        key: entry.file_key.clone(),
        country: Located::new(entry.country.clone(), 0),
        city: entry.city.clone().map(|city| Located::new(city, 0)),
        topic: Located::new(entry.topic.clone(), 0),
        versions: entry
            .versions
            .iter()
            .map(|version| VersionFile {
                lang: Located::new(version.language.clone(), 0),
                title: version.title.clone(),
                answer: version.answer.clone(),
                reviewed: Some(version.reviewed_on),
                author: version.author.clone(),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::faq::EntryId;
    use crate::faq::files::{Format, parse};

    const FILE: &str = "+++\ncountry = \"Frankreich\"\ntopic = \"logement\"\n\n[fr]\nreviewed = 2026-09-01\n+++\n\n## fr: Trouver un logement\n\nLe dossier.\n\n## en: Finding a flat\n\nThe file.\n";

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    fn read(text: &str) -> EntryFile {
        parse(Format::Markdown, "france-housing", text).unwrap()
    }

    #[test]
    fn names_become_codes_and_keys_and_missing_dates_become_today() {
        let entry = check(&read(FILE), &Topics::default(), None, day(21)).unwrap();
        assert_eq!(entry.file_key.as_deref(), Some("france-housing"));
        assert_eq!(entry.filing.country, "FR");
        assert_eq!(entry.filing.topic, "housing");
        assert_eq!(
            entry.versions[0].reviewed_on,
            NaiveDate::from_ymd_opt(2026, 9, 1).unwrap()
        );
        assert_eq!(entry.versions[1].reviewed_on, day(21));
    }

    #[test]
    fn unknown_countries_and_topics_are_refused_on_their_line() {
        let wrong = FILE.replace("Frankreich", "Frnace");
        let error = check(&read(&wrong), &Topics::default(), None, day(21)).unwrap_err();
        assert_eq!(error.line, 2);
        assert!(
            error.message.contains("did you mean FR"),
            "{}",
            error.message
        );
        let wrong = FILE.replace("logement", "weather");
        let error = check(&read(&wrong), &Topics::default(), None, day(21)).unwrap_err();
        assert_eq!(error.line, 3);
    }

    #[test]
    fn a_stored_entry_written_out_and_read_back_is_unchanged() {
        let new = check(&read(FILE), &Topics::default(), None, day(21)).unwrap();
        let stored = Entry {
            id: EntryId(1),
            file_key: "france-housing".into(),
            country: new.filing.country.clone(),
            city: None,
            topic: new.filing.topic.clone(),
            versions: new.versions.clone(),
        };
        let text = crate::faq::files::render_markdown(&to_file(&stored));
        let again = check(&read(&text), &Topics::default(), Some(&stored), day(22)).unwrap();
        assert!(unchanged(&stored, &again));
        // An undated version keeps its stored date while its text stays the same.
        let undated = check(&read(FILE), &Topics::default(), Some(&stored), day(25)).unwrap();
        assert!(unchanged(&stored, &undated));
        let edited = FILE.replace("The file.", "The new file.");
        let edited = check(&read(&edited), &Topics::default(), Some(&stored), day(25)).unwrap();
        assert!(!unchanged(&stored, &edited));
        assert_eq!(edited.versions[1].reviewed_on, day(25));
    }
}
