//! The FAQ editors' commands: add, edit, remove, mark reviewed, history, and the list of
//! entries due for a review. Everyone else gets a clear refusal.

use chrono::{Months, TimeDelta};

use crate::faq::FaqDraft;
use crate::faq::{self, EntryId, RevisionAction, Version, countries};
use crate::faq::{Author, Filing, NewEntry};
use crate::i18n::{format_date, format_date_time, t, t_with};
use crate::model::Role;
use crate::reply::{Choice, Message, Reply};

use crate::hub::Step;
use crate::hub::{Context, Hub, HubError};
use crate::hub::{say, step};

/// How many changes `/faq history` lists, the latest.
const HISTORY_LIMIT: usize = 15;
/// How much of an answer a history line quotes.
const QUOTED_CHARS: usize = 60;

impl Context<'_> {
    fn edits_faq(&self) -> bool {
        self.roles
            .iter()
            .any(|role| matches!(role, Role::Editor | Role::Admin))
    }

    /// The member as their change is signed.
    fn author(&self) -> Author {
        let name = self
            .member
            .identity_on(self.incoming.platform)
            .map_or(&self.incoming.sender.display_name, |identity| {
                &identity.display_name
            });
        Author {
            name: Some(name.clone()),
            member: Some(self.member.id),
        }
    }
}

fn not_found(ctx: &Context<'_>, id: EntryId) -> Vec<Reply> {
    say(t_with(ctx.lang, "faq-not-found", &[("id", id.0.into())]))
}

impl Hub {
    /// Goes on for editors; the refusal for everyone else.
    fn editor_only(&self, ctx: &Context<'_>) -> Step<()> {
        if ctx.edits_faq() {
            Ok(())
        } else {
            Err(say(t(ctx.lang, "faq-only-editors")))
        }
    }

    pub(crate) async fn add_faq(
        &self,
        ctx: &Context<'_>,
        words: &[String],
        draft: FaqDraft,
    ) -> Result<Vec<Reply>, HubError> {
        step!(self.editor_only(ctx));
        let mut words = words.to_vec();
        words.extend(draft.country.clone());
        words.extend(draft.topic.clone());
        let place = step!(self.faq_place(ctx, &words).await?);
        let (Some(country), Some(topic)) = (place.country, place.topic) else {
            return Ok(say(t(ctx.lang, "faq-add-needs-place")));
        };
        let city = match draft.city.as_deref().map(str::trim) {
            Some("") => None,
            Some(city) => Some(city.to_owned()),
            None => place.city.map(|city| city.name),
        };
        let (Some(title), Some(answer)) = (draft.title, draft.answer) else {
            return Ok(say(t(ctx.lang, "faq-add-needs-place")));
        };
        let author = ctx.author();
        let reader = self.reader(ctx.lang, ctx.now);
        let version = Version {
            language: draft.language.unwrap_or_else(|| ctx.lang.code().to_owned()),
            title,
            answer,
            author: author.name.clone(),
            reviewed_on: reader.today,
        };
        let entry = NewEntry {
            file_key: None,
            filing: Filing {
                country: country.code().to_owned(),
                city,
                topic: topic.key.clone(),
            },
            versions: vec![version],
        };
        let id = self
            .store
            .create_faq_entry(
                self.community_id,
                &entry,
                &author,
                RevisionAction::Created,
                ctx.now,
            )
            .await?;
        let added = step!(self.live_entry(ctx, id).await?);
        let done = t_with(ctx.lang, "faq-added", &[("id", id.0.into())]);
        Ok(vec![
            Reply::here(Message::text(done)),
            Reply::here(reader.card(&added)),
        ])
    }

    pub(crate) async fn edit_faq(
        &self,
        ctx: &Context<'_>,
        id: EntryId,
        draft: FaqDraft,
    ) -> Result<Vec<Reply>, HubError> {
        step!(self.editor_only(ctx));
        let entry = step!(self.live_entry(ctx, id).await?);
        let author = ctx.author();
        let reader = self.reader(ctx.lang, ctx.now);
        // Everything is checked before anything is written.
        let filing = match draft.moves() {
            true => Some(step!(self.refile(ctx, &entry, &draft))),
            false => None,
        };
        let mut change = None;
        if draft.title.is_some() || draft.answer.is_some() {
            let language = draft
                .language
                .clone()
                .unwrap_or_else(|| ctx.lang.code().to_owned());
            let existing = entry.version(&language);
            let title = draft.title.or_else(|| existing.map(|v| v.title.clone()));
            let answer = draft.answer.or_else(|| existing.map(|v| v.answer.clone()));
            let (Some(title), Some(answer)) = (title, answer) else {
                let language = reader.language(&language);
                return Ok(say(t_with(
                    ctx.lang,
                    "faq-new-language-needs-both",
                    &[("language", language.into())],
                )));
            };
            let action = match existing {
                Some(_) => RevisionAction::Edited,
                None => RevisionAction::Created,
            };
            let version = Version {
                language,
                title,
                answer,
                author: author.name.clone(),
                reviewed_on: reader.today,
            };
            change = Some((version, action));
        }
        if let Some(filing) = filing {
            let moved = self
                .store
                .move_faq_entry(self.community_id, id, &filing, &author, ctx.now)
                .await?;
            if !moved {
                return Ok(not_found(ctx, id));
            }
        }
        if let Some((version, action)) = change {
            self.store
                .save_faq_version(self.community_id, id, &version, &author, action, ctx.now)
                .await?;
        }
        let edited = step!(self.live_entry(ctx, id).await?);
        let done = t_with(ctx.lang, "faq-edited", &[("id", id.0.into())]);
        Ok(vec![
            Reply::here(Message::text(done)),
            Reply::here(reader.card(&edited)),
        ])
    }

    /// Where `draft` files `entry` now.
    fn refile(&self, ctx: &Context<'_>, entry: &faq::Entry, draft: &FaqDraft) -> Step<Filing> {
        let country = match &draft.country {
            None => entry.country.clone(),
            Some(written) => match countries::find(written) {
                Some(country) => country.code().to_owned(),
                None => {
                    return Err(say(t_with(
                        ctx.lang,
                        "faq-unknown-word",
                        &[("word", written.clone().into())],
                    )));
                }
            },
        };
        let topic = match &draft.topic {
            None => entry.topic.clone(),
            Some(written) => match self.community.faq.topics.find(written) {
                Some(topic) => topic.key.clone(),
                None => {
                    return Err(say(t_with(
                        ctx.lang,
                        "faq-unknown-word",
                        &[("word", written.clone().into())],
                    )));
                }
            },
        };
        let city = match draft.city.as_deref().map(str::trim) {
            None => entry.city.clone(),
            Some("") => None,
            Some(city) => Some(city.to_owned()),
        };
        Ok(Filing {
            country,
            city,
            topic,
        })
    }

    pub(crate) async fn remove_faq(
        &self,
        ctx: &Context<'_>,
        id: EntryId,
    ) -> Result<Vec<Reply>, HubError> {
        step!(self.editor_only(ctx));
        let entry = step!(self.live_entry(ctx, id).await?);
        let reader = self.reader(ctx.lang, ctx.now);
        self.store
            .remove_faq_entry(self.community_id, id, &ctx.author(), ctx.now)
            .await?;
        Ok(say(t_with(
            ctx.lang,
            "faq-removed",
            &[("entry", reader.label(&entry).into()), ("id", id.0.into())],
        )))
    }

    pub(crate) async fn review_faq(
        &self,
        ctx: &Context<'_>,
        id: EntryId,
        language: Option<String>,
    ) -> Result<Vec<Reply>, HubError> {
        step!(self.editor_only(ctx));
        let reader = self.reader(ctx.lang, ctx.now);
        let stamped = self
            .store
            .mark_faq_reviewed(
                self.community_id,
                id,
                language.as_deref(),
                reader.today,
                &ctx.author(),
                ctx.now,
            )
            .await?;
        Ok(match (stamped, language) {
            (None, _) => not_found(ctx, id),
            (Some(0), Some(language)) => say(t_with(
                ctx.lang,
                "faq-no-version",
                &[
                    ("id", id.0.into()),
                    ("language", reader.language(&language).into()),
                ],
            )),
            (Some(count), _) => say(t_with(
                ctx.lang,
                "faq-reviewed",
                &[
                    ("id", id.0.into()),
                    ("count", count.into()),
                    ("date", format_date(ctx.lang, reader.today).into()),
                ],
            )),
        })
    }

    pub(crate) async fn faq_history(
        &self,
        ctx: &Context<'_>,
        id: EntryId,
    ) -> Result<Vec<Reply>, HubError> {
        step!(self.editor_only(ctx));
        let history = self.store.faq_history(self.community_id, id).await?;
        if history.is_empty() {
            return Ok(not_found(ctx, id));
        }
        let reader = self.reader(ctx.lang, ctx.now);
        let skipped = history.len().saturating_sub(HISTORY_LIMIT);
        let lines: Vec<String> = history
            .iter()
            .skip(skipped)
            .map(|revision| {
                let when =
                    format_date_time(ctx.lang, &revision.at.with_timezone(&ctx.zone), ctx.now);
                let action = t(
                    ctx.lang,
                    &format!("faq-action-{}", revision.action.as_str()),
                );
                let mut line = format!("• {when}");
                if let Some(author) = &revision.author {
                    line.push_str(&format!(" — {author}"));
                }
                line.push_str(&format!(": {action}"));
                if let Some(language) = &revision.language {
                    line.push_str(&format!(" ({language})"));
                }
                let moved_to = (revision.action == RevisionAction::Moved)
                    .then(|| revision.title.as_deref().and_then(Filing::from_record))
                    .flatten();
                match (moved_to, &revision.title) {
                    (Some(filing), _) => line.push_str(&format!(" {}", reader.filing_of(&filing))),
                    (None, Some(title)) => line.push_str(&format!(" “{title}”")),
                    (None, None) => {}
                }
                if let Some(answer) = &revision.answer {
                    line.push_str(&format!(" — “{}”", quote(answer)));
                }
                line
            })
            .collect();
        let heading = t_with(
            ctx.lang,
            "faq-history",
            &[("id", id.0.into()), ("count", history.len().into())],
        );
        Ok(say(format!("{heading}\n{}", lines.join("\n"))))
    }

    pub(crate) async fn stale_faq(&self, ctx: &Context<'_>) -> Result<Vec<Reply>, HubError> {
        step!(self.editor_only(ctx));
        let reader = self.reader(ctx.lang, ctx.now);
        let months = Months::new(reader.stale_after);
        // The database narrows it down (month ends clamp differently, hence the margin);
        // `is_stale` decides, as it does for the note on each entry.
        let margin = reader
            .today
            .checked_sub_months(months)
            .unwrap_or(reader.today);
        let entries: Vec<faq::Entry> = self
            .store
            .faq_reviewed_before(self.community_id, margin + TimeDelta::days(4))
            .await?
            .into_iter()
            .filter(|entry| {
                entry
                    .versions
                    .iter()
                    .any(|version| faq::is_stale(version.reviewed_on, reader.today, months))
            })
            .collect();
        if entries.is_empty() {
            return Ok(say(t_with(
                ctx.lang,
                "faq-stale-none",
                &[("months", reader.stale_after.into())],
            )));
        }
        let lines: Vec<String> = entries
            .iter()
            .map(|entry| {
                let oldest = entry
                    .versions
                    .iter()
                    .map(|version| version.reviewed_on)
                    .min()
                    .unwrap_or(reader.today);
                let reviewed = format_date(ctx.lang, oldest);
                format!(
                    "• {} — {}",
                    reader.label(entry),
                    t_with(ctx.lang, "faq-reviewed-on", &[("date", reviewed.into())])
                )
            })
            .collect();
        let choices = entries
            .iter()
            .map(|entry| {
                Choice::new(
                    format!("✓ #{}", entry.id.0),
                    format!("/faq reviewed {}", entry.id.0),
                )
            })
            .collect();
        let heading = t_with(
            ctx.lang,
            "faq-stale",
            &[
                ("count", entries.len().into()),
                ("months", reader.stale_after.into()),
            ],
        );
        Ok(vec![Reply::here(
            Message::text(format!("{heading}\n{}", lines.join("\n"))).with_choices(choices),
        )])
    }
}

/// The start of `text` on one line.
fn quote(text: &str) -> String {
    let line = text.replace('\n', " ");
    match line.char_indices().nth(QUOTED_CHARS) {
        Some((end, _)) => format!("{}…", &line[..end]),
        None => line,
    }
}
