//! The event commands' grammar:
//!
//! ```text
//! /event create [TITLE…] when="…" [title="…"] [where="…"] [duration=1h30] [capacity=N]
//!               [description="…"] [rsvp_until="…"]
//! /event edit ID key=value…          (same keys; capacity=0 removes the limit)
//! /event cancel ID
//! /event attendees ID
//! /event ID
//! /events [all|mine|week]
//! /rsvp ID yes|maybe|no
//! ```
//!
//! French words work too: `créer`, `modifier`, `annuler`, `participants`; `titre=`,
//! `quand=`, `lieu=`, `durée=`, `places=`; `oui`, `peut-être`, `non`. Dates stay text here:
//! reading them needs the clock and the zone, which the hub has.

use chrono::TimeDelta;

use super::Problem;
use super::lexer::Arg;
use crate::events::{Answer, EventId};

#[derive(Debug, Clone, PartialEq)]
pub enum EventCommand {
    Create(EventDraft),
    Show(EventId),
    Edit { event: EventId, changes: EventDraft },
    Cancel(EventId),
    Attendees(EventId),
}

/// Fields given for an event; on creation `title` and `when` are required.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EventDraft {
    pub title: Option<String>,
    /// As written; the hub reads it in the community's zone.
    pub when: Option<String>,
    pub place: Option<String>,
    pub duration: Option<TimeDelta>,
    pub capacity: Option<Capacity>,
    pub description: Option<String>,
    pub rsvp_until: Option<String>,
}

impl EventDraft {
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Capacity {
    Limited(u32),
    Unlimited,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EventFilter {
    #[default]
    Upcoming,
    /// Events the reader answered or hosts.
    Mine,
    /// Events starting within seven days.
    Week,
}

const MAX_CAPACITY: u32 = 100_000;

pub(super) fn parse_event(args: Vec<Arg>) -> Result<EventCommand, Problem> {
    let mut args = args.into_iter();
    let first = match args.next() {
        Some(Arg::Word(word)) => word,
        Some(Arg::Option { key, .. }) => return Err(Problem::UnexpectedOption(key)),
        None => return Err(Problem::MissingEventId),
    };
    let rest: Vec<Arg> = args.collect();
    match first.to_lowercase().as_str() {
        "create" | "new" | "add" | "créer" | "creer" | "nouveau" | "ajouter" => {
            let mut words = Vec::new();
            let mut draft = EventDraft::default();
            for arg in rest {
                match arg {
                    Arg::Word(word) => words.push(word),
                    Arg::Option { key, value } => set(&mut draft, &key, value)?,
                }
            }
            if !words.is_empty() && draft.title.is_none() {
                draft.title = Some(words.join(" "));
            } else if !words.is_empty() {
                return Err(Problem::TooManyWords);
            }
            if draft
                .title
                .as_deref()
                .is_none_or(|title| title.trim().is_empty())
            {
                return Err(Problem::MissingOption("title"));
            }
            if draft.when.is_none() {
                return Err(Problem::MissingOption("when"));
            }
            Ok(EventCommand::Create(draft))
        }
        "edit" | "change" | "modifier" | "changer" => {
            let (event, options) = id_then(rest)?;
            let mut changes = EventDraft::default();
            for arg in options {
                match arg {
                    Arg::Option { key, value } => set(&mut changes, &key, value)?,
                    Arg::Word(_) => return Err(Problem::TooManyWords),
                }
            }
            if changes.is_empty() {
                return Err(Problem::NothingToChange);
            }
            Ok(EventCommand::Edit { event, changes })
        }
        "cancel" | "delete" | "annuler" | "supprimer" => only_id(rest).map(EventCommand::Cancel),
        "attendees" | "who" | "participants" | "inscrits" => {
            only_id(rest).map(EventCommand::Attendees)
        }
        _ => {
            let event = EventId::parse(&first).ok_or(Problem::BadEventId(first))?;
            if rest.is_empty() {
                Ok(EventCommand::Show(event))
            } else {
                Err(Problem::TooManyWords)
            }
        }
    }
}

pub(super) fn parse_events(words: Vec<String>) -> Result<EventFilter, Problem> {
    match words.as_slice() {
        [] => Ok(EventFilter::Upcoming),
        [word] => match word.to_lowercase().as_str() {
            "all" | "tous" | "tout" => Ok(EventFilter::Upcoming),
            "mine" | "me" | "miens" | "moi" => Ok(EventFilter::Mine),
            "week" | "semaine" => Ok(EventFilter::Week),
            _ => Err(Problem::BadFilter(word.clone())),
        },
        _ => Err(Problem::TooManyWords),
    }
}

pub(super) fn parse_rsvp(words: Vec<String>) -> Result<(EventId, Answer), Problem> {
    match words.as_slice() {
        [] => Err(Problem::MissingEventId),
        [id] => match EventId::parse(id) {
            Some(event) => Err(Problem::MissingAnswer(event)),
            None => Err(Problem::BadEventId(id.clone())),
        },
        [id, answer @ ..] => {
            let event = EventId::parse(id).ok_or_else(|| Problem::BadEventId(id.clone()))?;
            let answer_text = answer.join(" ");
            let answer = Answer::parse(&answer_text).ok_or(Problem::BadAnswer(answer_text))?;
            Ok((event, answer))
        }
    }
}

fn id_then(args: Vec<Arg>) -> Result<(EventId, Vec<Arg>), Problem> {
    let mut args = args.into_iter();
    match args.next() {
        Some(Arg::Word(word)) => {
            let event = EventId::parse(&word).ok_or(Problem::BadEventId(word))?;
            Ok((event, args.collect()))
        }
        Some(Arg::Option { key, .. }) => Err(Problem::UnexpectedOption(key)),
        None => Err(Problem::MissingEventId),
    }
}

fn only_id(args: Vec<Arg>) -> Result<EventId, Problem> {
    let (event, rest) = id_then(args)?;
    if rest.is_empty() {
        Ok(event)
    } else {
        Err(Problem::TooManyWords)
    }
}

fn set(draft: &mut EventDraft, key: &str, value: String) -> Result<(), Problem> {
    let text = || Some(value.trim().to_owned()).filter(|value| !value.is_empty());
    match key {
        "title" | "titre" | "name" | "nom" => draft.title = text(),
        "when" | "quand" | "date" | "start" => draft.when = text(),
        "where" | "lieu" | "où" | "ou" | "place" | "location" => draft.place = text(),
        "description" | "desc" | "details" | "détails" => draft.description = text(),
        "rsvp_until" | "rsvp-until" | "réponses_jusqu_à" | "inscriptions" => {
            draft.rsvp_until = text()
        }
        "duration" | "durée" | "duree" => {
            let duration =
                crate::when::parse_duration(&value).ok_or(Problem::BadDuration(value))?;
            draft.duration = Some(duration);
        }
        "capacity" | "capacité" | "capacite" | "places" | "max" => {
            let capacity = match value.trim().to_lowercase().as_str() {
                "0" | "none" | "aucune" | "unlimited" | "illimité" | "illimite" => {
                    Capacity::Unlimited
                }
                number => match number.parse::<u32>() {
                    Ok(n) if n <= MAX_CAPACITY => Capacity::Limited(n),
                    _ => return Err(Problem::BadCapacity(value)),
                },
            };
            draft.capacity = Some(capacity);
        }
        other => return Err(Problem::UnexpectedOption(other.to_owned())),
    }
    Ok(())
}
