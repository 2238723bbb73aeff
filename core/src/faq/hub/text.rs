//! How FAQ entries read in chat: the card with its answer, the one-line label, and the
//! names of countries, topics and languages in the reader's language.

use chrono::{Months, NaiveDate};

use crate::faq::Filing;
use crate::faq::topics::Topics;
use crate::faq::{self, Entry, Shown, countries};
use crate::i18n::{format_date, t, t_with};
use crate::lang::Lang;
use crate::reply::{Choice, Message};

/// What every FAQ reply needs to know about its reader and their community.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Reader<'a> {
    pub lang: Lang,
    pub default: Lang,
    pub today: NaiveDate,
    pub stale_after: u32,
    pub topics: &'a Topics,
    /// Where the community's web pages are, for a link to each entry's.
    pub site: Option<&'a str>,
}

impl Reader<'_> {
    pub fn country(&self, code: &str) -> String {
        countries::by_code(code).map_or_else(|| code.to_owned(), |c| c.name(self.lang).to_owned())
    }

    pub fn topic(&self, key: &str) -> String {
        self.topics
            .by_key(key)
            .map_or_else(|| key.to_owned(), |topic| topic.name(self.lang).to_owned())
    }

    /// `France · Housing`, `Canada, Montréal · Health`.
    pub fn filing(&self, entry: &Entry) -> String {
        self.place(&entry.country, entry.city.as_deref(), &entry.topic)
    }

    pub fn filing_of(&self, filing: &Filing) -> String {
        self.place(&filing.country, filing.city.as_deref(), &filing.topic)
    }

    fn place(&self, country: &str, city: Option<&str>, topic: &str) -> String {
        let place = match city {
            Some(city) => format!("{}, {city}", self.country(country)),
            None => self.country(country),
        };
        format!("{place} · {}", self.topic(topic))
    }

    /// A language by its code, named in the reader's language when the hub speaks it.
    pub fn language(&self, code: &str) -> String {
        match Lang::parse(code).filter(|lang| lang.code() == code) {
            Some(lang) => t(self.lang, &format!("language-{}", lang.code())),
            None => t_with(
                self.lang,
                "language-code",
                &[("code", code.to_owned().into())],
            ),
        }
    }

    /// `#3 Finding a flat`, in the reader's language where there is one.
    pub fn label(&self, entry: &Entry) -> String {
        let title = entry
            .version_for(self.lang, self.default)
            .map_or("", |shown| shown.version().title.as_str());
        format!("#{} {title}", entry.id.0)
    }

    /// The entry in full: title, answer, where it is filed, when it was reviewed, and
    /// notes when it may be out of date or is not in the reader's language.
    pub fn card(&self, entry: &Entry) -> Message {
        let Some(shown) = entry.version_for(self.lang, self.default) else {
            return Message::text(self.label(entry));
        };
        let version = shown.version();
        let mut lines = vec![
            format!("**{}** (#{})", version.title, entry.id.0),
            version.answer.clone(),
        ];
        let reviewed = format_date(self.lang, version.reviewed_on);
        let footer = match &version.author {
            Some(author) => t_with(
                self.lang,
                "faq-footer-by",
                &[
                    ("filing", self.filing(entry).into()),
                    ("date", reviewed.into()),
                    ("author", author.clone().into()),
                ],
            ),
            None => t_with(
                self.lang,
                "faq-footer",
                &[
                    ("filing", self.filing(entry).into()),
                    ("date", reviewed.into()),
                ],
            ),
        };
        lines.push(format!("_{footer}_"));
        if let Some(site) = self.site {
            lines.push(format!("{site}/faq/entry/{}", entry.id.0));
        }
        if faq::is_stale(
            version.reviewed_on,
            self.today,
            Months::new(self.stale_after),
        ) {
            lines.push(t_with(
                self.lang,
                "faq-stale-note",
                &[("months", self.stale_after.into())],
            ));
        }
        if let Shown::Fallback(version) = shown {
            lines.push(t_with(
                self.lang,
                "faq-shown-in",
                &[
                    ("language", self.language(&version.language).into()),
                    ("wanted", self.language(self.lang.code()).into()),
                ],
            ));
        }
        Message::text(lines.join("\n"))
    }

    /// A choice opening `entry`.
    pub fn open(&self, entry: &Entry) -> Choice {
        Choice::new(self.label(entry), format!("/faq {}", entry.id.0))
    }
}
