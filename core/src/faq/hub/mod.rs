//! `/faq`: browsing by country, city and topic, one entry, search, and the main-room
//! suggester. Editors' commands are in `faq_edit.rs`, the wording in `faq_text.rs`.

mod edit;
pub(crate) mod files;
mod text;
pub mod web;

use std::collections::BTreeMap;

use chrono::{DateTime, TimeDelta, Utc};

use crate::faq::FaqCommand;
use crate::faq::place::{self, City, Place, PlaceError};
use crate::faq::search;
use crate::faq::{Entry, EntryId};
use crate::faq::{FaqFilter, Quiet};
use crate::i18n::{t, t_with};
use crate::incoming::{Incoming, Place as Where};
use crate::lang::Lang;
use crate::model::RoomPurpose;
use crate::reply::{Choice, Message, Reply};

use crate::hub::Step;
use crate::hub::step;
use crate::hub::{Context, Hub, HubError};
use text::Reader;

/// Up to this many entries are shown in full; more are listed as choices.
const SHOWN_IN_FULL: usize = 3;
/// How many results a search lists.
const SEARCH_RESULTS: usize = 5;
/// Results after the first are listed when they hold this share of the words.
const MORE_COVERAGE: f64 = 0.5;
/// The suggester offers an entry only when this share of a question's words is in it.
const SUGGEST_COVERAGE: f64 = 0.75;
/// It offers the same entry in a room at most once in this long…
const SUGGEST_SAME_ENTRY: TimeDelta = TimeDelta::days(7);
/// …and speaks at most once in this long in a room.
const SUGGEST_QUIET: TimeDelta = TimeDelta::minutes(10);

impl Hub {
    pub(crate) async fn faq_command(
        &self,
        ctx: &Context<'_>,
        command: FaqCommand,
    ) -> Result<Vec<Reply>, HubError> {
        match command {
            FaqCommand::Browse(words) => self.browse_faq(ctx, &words).await,
            FaqCommand::Show(entry) => self.show_faq(ctx, entry).await,
            FaqCommand::Search(words) => self.search_faq(ctx, &words.join(" ")).await,
            FaqCommand::Add { place, draft } => self.add_faq(ctx, &place, draft).await,
            FaqCommand::Edit { entry, draft } => self.edit_faq(ctx, entry, draft).await,
            FaqCommand::Remove(entry) => self.remove_faq(ctx, entry).await,
            FaqCommand::Reviewed { entry, language } => self.review_faq(ctx, entry, language).await,
            FaqCommand::History(entry) => self.faq_history(ctx, entry).await,
            FaqCommand::Stale => self.stale_faq(ctx).await,
        }
    }

    pub(crate) fn reader(&self, lang: Lang, now: DateTime<Utc>) -> Reader<'_> {
        Reader {
            lang,
            default: self.community.language,
            today: now.with_timezone(&self.community.time_zone).date_naive(),
            stale_after: self.community.faq.stale_after_months,
            topics: &self.community.faq.topics,
            site: self.community.public_url.as_deref(),
        }
    }

    /// The cities some live entry is filed under.
    pub(crate) async fn faq_cities(&self) -> Result<Vec<City>, HubError> {
        let mut cities: Vec<City> = Vec::new();
        for covered in self.store.faq_coverage(self.community_id).await? {
            if let Some(name) = covered.city {
                let city = City {
                    country: covered.country,
                    name,
                };
                if !cities.contains(&city) {
                    cities.push(city);
                }
            }
        }
        Ok(cities)
    }

    /// What `words` name, or the reply explaining what was not understood.
    pub(crate) async fn faq_place(
        &self,
        ctx: &Context<'_>,
        words: &[String],
    ) -> Result<Step<Place<'_>>, HubError> {
        let cities = self.faq_cities().await?;
        let topics = &self.community.faq.topics;
        Ok(match place::resolve(words, topics, &cities, ctx.lang) {
            Ok(place) => Ok(place),
            Err(PlaceError::Unknown { word, corrected }) => {
                let unknown = t_with(ctx.lang, "faq-unknown-word", &[("word", word.into())]);
                let message = match corrected {
                    Some(corrected) => {
                        let command = format!("/faq {corrected}");
                        let question = t_with(
                            ctx.lang,
                            "did-you-mean",
                            &[("suggestion", command.clone().into())],
                        );
                        Message::text(format!("{unknown} {question}"))
                            .with_choices(vec![Choice::new(command.clone(), command)])
                    }
                    None => Message::text(format!("{unknown} {}", t(ctx.lang, "faq-browse-hint"))),
                };
                Err(vec![Reply::here(message)])
            }
            Err(PlaceError::TwoOfAKind(first, second)) => {
                Err(vec![Reply::here(Message::text(t_with(
                    ctx.lang,
                    "faq-two-places",
                    &[("first", first.into()), ("second", second.into())],
                )))])
            }
        })
    }

    async fn browse_faq(
        &self,
        ctx: &Context<'_>,
        words: &[String],
    ) -> Result<Vec<Reply>, HubError> {
        let place = step!(self.faq_place(ctx, words).await?);
        let reader = self.reader(ctx.lang, ctx.now);
        let Some(topic) = place.topic else {
            return self.faq_menu(ctx, &reader, &place).await;
        };
        let Some(country) = place.country else {
            return self.faq_menu(ctx, &reader, &place).await;
        };
        let city = place
            .city
            .as_ref()
            .map(|city| crate::text::fold(&city.name));
        let filter = FaqFilter {
            country: Some(country.code()),
            city: city.as_deref(),
            topic: Some(&topic.key),
        };
        let entries = self.store.faq_entries(self.community_id, filter).await?;
        let where_name = match &place.city {
            Some(city) => city.name.clone(),
            None => country.name(ctx.lang).to_owned(),
        };
        if entries.is_empty() {
            let none = t_with(
                ctx.lang,
                "faq-none-for",
                &[
                    ("topic", topic.name(ctx.lang).into()),
                    ("place", where_name.into()),
                ],
            );
            let others = Place {
                topic: None,
                ..place.clone()
            };
            let mut menu = self.faq_menu(ctx, &reader, &others).await?;
            if let Some(first) = menu.first_mut() {
                first.message.text = format!("{none}\n{}", first.message.text);
            }
            return Ok(menu);
        }
        Ok(entries_reply(&reader, &entries))
    }

    /// What the FAQ covers: countries, or for a country or city its topics, or for a
    /// topic its countries, each a choice.
    async fn faq_menu(
        &self,
        ctx: &Context<'_>,
        reader: &Reader<'_>,
        place: &Place<'_>,
    ) -> Result<Vec<Reply>, HubError> {
        let coverage = self.store.faq_coverage(self.community_id).await?;
        let city = place.city.as_ref().map(|city| city.name.as_str());
        let folded_city = city.map(crate::text::fold);
        let covered = coverage.iter().filter(|row| {
            place
                .country
                .is_none_or(|country| row.country == country.code())
                && folded_city.as_deref().is_none_or(|wanted| {
                    row.city.as_deref().map(crate::text::fold).as_deref() == Some(wanted)
                })
                && place.topic.is_none_or(|topic| row.topic == topic.key)
        });
        // Label → (command, entries), sorted by label.
        let mut items: BTreeMap<String, (String, i64)> = BTreeMap::new();
        for row in covered {
            let (label, command) = match (place.country, place.topic) {
                (None, None) => (
                    reader.country(&row.country),
                    format!("/faq {}", row.country),
                ),
                (Some(_), None) => {
                    let topic = reader.topic(&row.topic);
                    let command = match city {
                        Some(city) => format!("/faq {} {}", quoted(city), row.topic),
                        None => format!("/faq {} {}", row.country, row.topic),
                    };
                    (topic, command)
                }
                (_, Some(topic)) => {
                    let label = match &row.city {
                        Some(city) => format!("{}, {city}", reader.country(&row.country)),
                        None => reader.country(&row.country),
                    };
                    let command = match &row.city {
                        Some(city) => format!("/faq {} {}", quoted(city), topic.key),
                        None => format!("/faq {} {}", row.country, topic.key),
                    };
                    (label, command)
                }
            };
            let item = items.entry(label).or_insert((command, 0));
            item.1 += row.entries;
        }
        if items.is_empty() {
            let text = match (place.country, place.topic) {
                (None, None) => t(ctx.lang, "faq-empty"),
                _ => t(ctx.lang, "faq-nothing-there"),
            };
            return Ok(vec![Reply::here(Message::text(text))]);
        }
        let heading = match (place.country, place.topic) {
            (None, None) => t(ctx.lang, "faq-menu"),
            (Some(country), None) => t_with(
                ctx.lang,
                "faq-menu-place",
                &[(
                    "place",
                    city.map_or_else(|| country.name(ctx.lang).to_owned(), str::to_owned)
                        .into(),
                )],
            ),
            (_, Some(topic)) => t_with(
                ctx.lang,
                "faq-menu-topic",
                &[("topic", topic.name(ctx.lang).into())],
            ),
        };
        let lines: Vec<String> = items
            .iter()
            .map(|(label, (_, count))| format!("• {label} ({count})"))
            .collect();
        let choices = items
            .into_iter()
            .map(|(label, (command, _))| Choice::new(label, command))
            .collect();
        let text = format!(
            "{heading}\n{}\n{}",
            lines.join("\n"),
            t(ctx.lang, "faq-menu-hint")
        );
        Ok(vec![Reply::here(Message::text(text).with_choices(choices))])
    }

    async fn show_faq(&self, ctx: &Context<'_>, id: EntryId) -> Result<Vec<Reply>, HubError> {
        let entry = step!(self.live_entry(ctx, id).await?);
        let reader = self.reader(ctx.lang, ctx.now);
        Ok(vec![Reply::here(reader.card(&entry))])
    }

    /// The live entry, or the reply saying there is none.
    pub(crate) async fn live_entry(
        &self,
        ctx: &Context<'_>,
        id: EntryId,
    ) -> Result<Step<Entry>, HubError> {
        Ok(match self.store.faq_entry(self.community_id, id).await? {
            Some(entry) => Ok(entry),
            None => Err(vec![Reply::here(Message::text(t_with(
                ctx.lang,
                "faq-not-found",
                &[("id", id.0.into())],
            )))]),
        })
    }

    async fn search_faq(&self, ctx: &Context<'_>, text: &str) -> Result<Vec<Reply>, HubError> {
        let (asked, words) = self.search_words(text).await?;
        let found = self.best_entries(&words, SEARCH_RESULTS).await?;
        let reader = self.reader(ctx.lang, ctx.now);
        let Some(((best, _), others)) = found.split_first() else {
            let text = t_with(
                ctx.lang,
                "faq-search-none",
                &[("words", text.to_owned().into())],
            );
            return Ok(vec![Reply::here(Message::text(format!(
                "{text} {}",
                t(ctx.lang, "faq-browse-hint")
            )))]);
        };
        let mut replies = Vec::new();
        if asked != words {
            replies.push(Reply::here(Message::text(t_with(
                ctx.lang,
                "faq-search-corrected",
                &[("words", words.join(" ").into())],
            ))));
        }
        replies.push(Reply::here(reader.card(best)));
        // The others must hold at least half the words, or they are noise.
        let others: Vec<&(Entry, f64)> = others
            .iter()
            .filter(|(_, coverage)| *coverage >= MORE_COVERAGE)
            .collect();
        if !others.is_empty() {
            let lines: Vec<String> = others
                .iter()
                .map(|(entry, _)| format!("• {} — {}", reader.label(entry), reader.filing(entry)))
                .collect();
            let choices = others.iter().map(|(entry, _)| reader.open(entry)).collect();
            replies.push(Reply::here(
                Message::text(format!(
                    "{}\n{}",
                    t(ctx.lang, "faq-search-more"),
                    lines.join("\n")
                ))
                .with_choices(choices),
            ));
        }
        Ok(replies)
    }

    /// The words of `text` worth searching for, as asked and as corrected.
    async fn search_words(&self, text: &str) -> Result<(Vec<String>, Vec<String>), HubError> {
        let asked = search::query_words(text);
        let mut corrected = Vec::with_capacity(asked.len());
        for word in &asked {
            let near = match search::neighbourhood(word) {
                Some(around) => {
                    self.store
                        .faq_words_near(self.community_id, &around)
                        .await?
                }
                None => Vec::new(),
            };
            corrected.push(search::correct(word, &near));
        }
        Ok((asked, corrected))
    }

    /// The best entries for `words`, each with the share of the words its best version
    /// holds.
    async fn best_entries(
        &self,
        words: &[String],
        limit: usize,
    ) -> Result<Vec<(Entry, f64)>, HubError> {
        let hits = self
            .store
            .search_faq(self.community_id, words, (limit * 4) as u32)
            .await?;
        let mut found: Vec<(Entry, f64)> = Vec::new();
        for (id, coverage) in search::rank(words, &hits).into_iter().take(limit) {
            if let Some(entry) = self.store.faq_entry(self.community_id, id).await? {
                found.push((entry, coverage));
            }
        }
        Ok(found)
    }

    /// In the main room, with the suggester on, a message that looks like a question
    /// matching an entry well gets that entry offered, once in a while.
    pub(crate) async fn suggest_faq(
        &self,
        incoming: &Incoming,
        text: &str,
        now: DateTime<Utc>,
    ) -> Result<Vec<Reply>, HubError> {
        let Where::Room(room) = &incoming.place else {
            return Ok(Vec::new());
        };
        let main = self
            .community
            .room(incoming.platform, room)
            .is_some_and(|room| room.purposes.contains(&RoomPurpose::Main));
        if !self.community.faq.suggest || !main || !looks_like_a_question(text) {
            return Ok(Vec::new());
        }
        let (_, words) = self.search_words(text).await?;
        if words.len() < 2 {
            return Ok(Vec::new());
        }
        let found = self.best_entries(&words, 1).await?;
        let Some((entry, coverage)) = found.into_iter().next() else {
            return Ok(Vec::new());
        };
        if coverage < SUGGEST_COVERAGE {
            return Ok(Vec::new());
        }
        let quiet = Quiet {
            entry_since: now - SUGGEST_SAME_ENTRY,
            room_since: now - SUGGEST_QUIET,
        };
        let may = self
            .store
            .claim_faq_suggestion(
                self.community_id,
                incoming.platform,
                room,
                entry.id,
                quiet,
                now,
            )
            .await?;
        if !may {
            return Ok(Vec::new());
        }
        // Members in a room may read different languages: the community's is the fair one.
        let reader = self.reader(self.community.language, now);
        let text = t_with(
            reader.lang,
            "faq-suggestion",
            &[("entry", reader.label(&entry).into())],
        );
        Ok(vec![Reply::here(
            Message::text(text).with_choices(vec![reader.open(&entry)]),
        )])
    }
}

/// A few entries in full, or many as a list of choices.
fn entries_reply(reader: &Reader<'_>, entries: &[Entry]) -> Vec<Reply> {
    if entries.len() <= SHOWN_IN_FULL {
        return entries
            .iter()
            .map(|entry| Reply::here(reader.card(entry)))
            .collect();
    }
    let lines: Vec<String> = entries
        .iter()
        .map(|entry| format!("• {} — {}", reader.label(entry), reader.filing(entry)))
        .collect();
    let choices = entries.iter().map(|entry| reader.open(entry)).collect();
    let heading = t_with(reader.lang, "faq-many", &[("count", entries.len().into())]);
    vec![Reply::here(
        Message::text(format!("{heading}\n{}", lines.join("\n"))).with_choices(choices),
    )]
}

/// A city name as one command word.
fn quoted(city: &str) -> String {
    if city.contains(char::is_whitespace) {
        format!("\"{city}\"")
    } else {
        city.to_owned()
    }
}

/// A question mark, or a first word that asks (`how`, `where`, `comment`, `où`…).
fn looks_like_a_question(text: &str) -> bool {
    const ASKING: &[&str] = &[
        "how",
        "where",
        "what",
        "which",
        "who",
        "when",
        "why",
        "can",
        "does",
        "do",
        "is",
        "are",
        "anyone",
        "comment",
        "ou",
        "quel",
        "quelle",
        "quels",
        "quelles",
        "qui",
        "quand",
        "pourquoi",
        "est-ce",
        "savez-vous",
        "connaissez-vous",
    ];
    let first = text
        .split_whitespace()
        .next()
        .map(crate::text::fold)
        .unwrap_or_default();
    text.trim_end().ends_with('?') || ASKING.contains(&first.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn questions_are_told_from_chat() {
        assert!(looks_like_a_question("Où trouver un appartement ?"));
        assert!(looks_like_a_question("how do I get a carte vitale"));
        assert!(looks_like_a_question("carte vitale?"));
        assert!(!looks_like_a_question("I found a flat today"));
    }

    #[test]
    fn city_names_with_spaces_stay_one_word() {
        assert_eq!(quoted("Québec City"), "\"Québec City\"");
        assert_eq!(quoted("Montréal"), "Montréal");
    }
}
