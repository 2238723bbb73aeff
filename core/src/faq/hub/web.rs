//! The FAQ as the web pages show it: plain data in the reader's language (names,
//! dates, notes already written), which the web crate lays out. Authors are left out:
//! public pages name no member.

use chrono::{DateTime, Months, Utc};

use super::text::Reader;
use crate::faq::{self, Entry, EntryId, FaqFilter, Shown, countries};
use crate::i18n::{format_date, t_with};
use crate::lang::Lang;
use crate::text::fold;

use crate::hub::{Hub, HubError};

/// How many entries a search page lists.
const SEARCH_RESULTS: usize = 20;

/// A country the FAQ covers, with its topics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountryView {
    /// ISO 3166-1 alpha-2, lower case as in the page's address.
    pub code: String,
    pub name: String,
    pub topics: Vec<TopicView>,
}

/// A topic of a country, and how many entries it has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicView {
    pub key: String,
    pub name: String,
    pub entries: u64,
}

/// An entry, read in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryView {
    pub id: i64,
    pub title: String,
    /// In the core's light markup.
    pub answer: String,
    /// The language code of the version shown.
    pub language: String,
    pub country: CountryView,
    pub topic: TopicView,
    pub city: Option<String>,
    /// "Last reviewed on 2 March 2026".
    pub reviewed: String,
    /// The review date, `YYYY-MM-DD`.
    pub reviewed_on: String,
    /// That it may be out of date, that it is not in the reader's language.
    pub notes: Vec<String>,
}

impl Hub {
    /// Every country the FAQ covers and its topics, in `lang`.
    pub async fn faq_index(&self, lang: Lang) -> Result<Vec<CountryView>, HubError> {
        let coverage = self.store.faq_coverage(self.community_id).await?;
        let mut countries: Vec<CountryView> = Vec::new();
        for place in coverage {
            let index = match countries
                .iter()
                .position(|country| country.code == place.country.to_lowercase())
            {
                Some(index) => index,
                None => {
                    countries.push(self.country_view(lang, &place.country));
                    countries.len() - 1
                }
            };
            let topics = &mut countries[index].topics;
            let entries = u64::try_from(place.entries).unwrap_or(0);
            match topics.iter_mut().find(|topic| topic.key == place.topic) {
                Some(topic) => topic.entries += entries,
                None => topics.push(self.topic_view(lang, &place.topic, entries)),
            }
        }
        for country in &mut countries {
            country.topics.sort_by_key(|topic| fold(&topic.name));
        }
        countries.sort_by_key(|country| fold(&country.name));
        Ok(countries)
    }

    /// The entries of a country (by code or name, in any language), of one topic if
    /// given; `None` when the country or topic is not one the hub knows.
    pub async fn faq_views(
        &self,
        lang: Lang,
        now: DateTime<Utc>,
        country: &str,
        topic: Option<&str>,
    ) -> Result<Option<Vec<EntryView>>, HubError> {
        let Some(country) = countries::by_code(country).or_else(|| countries::find(country)) else {
            return Ok(None);
        };
        let topic = match topic {
            Some(topic) => match self.community.faq.topics.by_key(topic) {
                Some(found) => Some(found.key.clone()),
                None => match self.community.faq.topics.find(topic) {
                    Some(found) => Some(found.key.clone()),
                    None => return Ok(None),
                },
            },
            None => None,
        };
        let filter = FaqFilter {
            country: Some(country.code()),
            city: None,
            topic: topic.as_deref(),
        };
        let entries = self.store.faq_entries(self.community_id, filter).await?;
        Ok(Some(
            entries
                .iter()
                .filter_map(|entry| self.entry_view(lang, now, entry))
                .collect(),
        ))
    }

    /// One live entry, in `lang`.
    pub async fn faq_entry_view(
        &self,
        lang: Lang,
        now: DateTime<Utc>,
        id: i64,
    ) -> Result<Option<EntryView>, HubError> {
        let entry = self.store.faq_entry(self.community_id, EntryId(id)).await?;
        Ok(entry.and_then(|entry| self.entry_view(lang, now, &entry)))
    }

    /// The best entries for `query`, as in chat (folded, corrected against the FAQ's
    /// words), with the query as corrected when a word changed.
    pub async fn faq_search_views(
        &self,
        lang: Lang,
        now: DateTime<Utc>,
        query: &str,
    ) -> Result<(Vec<EntryView>, Option<String>), HubError> {
        let (asked, words) = self.search_words(query).await?;
        let found = self.best_entries(&words, SEARCH_RESULTS).await?;
        let views = found
            .iter()
            .filter_map(|(entry, _)| self.entry_view(lang, now, entry))
            .collect();
        let corrected = (asked != words).then(|| words.join(" "));
        Ok((views, corrected))
    }

    fn country_view(&self, lang: Lang, code: &str) -> CountryView {
        let reader = self.reader(lang, DateTime::<Utc>::MIN_UTC);
        CountryView {
            code: code.to_lowercase(),
            name: reader.country(code),
            topics: Vec::new(),
        }
    }

    fn topic_view(&self, lang: Lang, key: &str, entries: u64) -> TopicView {
        let reader = self.reader(lang, DateTime::<Utc>::MIN_UTC);
        TopicView {
            key: key.to_owned(),
            name: reader.topic(key),
            entries,
        }
    }

    fn entry_view(&self, lang: Lang, now: DateTime<Utc>, entry: &Entry) -> Option<EntryView> {
        let reader: Reader<'_> = self.reader(lang, now);
        let shown = entry.version_for(lang, self.community.language)?;
        let version = shown.version();
        let mut notes = Vec::new();
        let stale_after = Months::new(reader.stale_after);
        if faq::is_stale(version.reviewed_on, reader.today, stale_after) {
            notes.push(t_with(
                lang,
                "faq-stale-note",
                &[("months", reader.stale_after.into())],
            ));
        }
        if let Shown::Fallback(version) = shown {
            notes.push(t_with(
                lang,
                "faq-shown-in",
                &[
                    ("language", reader.language(&version.language).into()),
                    ("wanted", reader.language(lang.code()).into()),
                ],
            ));
        }
        Some(EntryView {
            id: entry.id.0,
            title: version.title.clone(),
            answer: version.answer.clone(),
            language: version.language.clone(),
            country: self.country_view(lang, &entry.country),
            topic: self.topic_view(lang, &entry.topic, 1),
            city: entry.city.clone(),
            reviewed: t_with(
                lang,
                "web-faq-reviewed",
                &[("date", format_date(lang, version.reviewed_on).into())],
            ),
            reviewed_on: version.reviewed_on.to_string(),
            notes,
        })
    }
}
