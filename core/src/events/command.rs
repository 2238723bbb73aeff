//! The event commands' grammar:
//!
//! ```text
//! /event create [TITLE…] when="…" [title="…"] [where="…"] [duration=1h30] [capacity=N]
//!               [description="…"] [rsvp_until="…"] [repeat=weekly|biweekly|monthly|"RRULE:…"]
//!               [until=DATE] [reminders=24h,1h|off]
//! /event edit ID key=value…          (same keys; capacity=0 removes the limit)
//! /event cancel ID [date=DATE]       (one date of a series, or all of it)
//! /event host ID add|remove NAME
//! /event attendees ID [date=DATE]
//! /event ics ID
//! /event [show] ID
//! /events [all|mine|week|ics]
//! /rsvp ID yes|maybe|no [date=DATE]
//! /remind ID on|off
//! ```
//!
//! French words work too: `créer`, `modifier`, `annuler`, `participants`, `hôte`; `titre=`,
//! `quand=`, `lieu=`, `durée=`, `places=`, `répéter=`, `jusqu_au=`, `rappels=`; `oui`,
//! `peut-être`, `non`. Dates stay text here: reading them needs the clock and the zone,
//! which the hub has.

use chrono::TimeDelta;

use crate::command::Problem;
use crate::command::lexer::Arg;
use crate::events::series::{Repeat, RepeatChoice};
use crate::events::{Answer, EventId};

/// An event command, read.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// `/event …` (boxed: drafts are large)
    Event(Box<EventCommand>),
    /// `/events [all|mine|week|ics]`
    Events { filter: EventFilter },
    /// `/rsvp ID yes|maybe|no [date=…]`
    Rsvp {
        event: EventId,
        answer: Answer,
        /// One date of a series, as written; the next one otherwise.
        date: Option<String>,
    },
    /// `/remind ID on|off`
    Remind { event: EventId, wanted: bool },
}

#[derive(Debug, Clone, PartialEq)]
pub enum EventCommand {
    Create(EventDraft),
    Show(EventId),
    Edit {
        event: EventId,
        changes: EventDraft,
    },
    /// The whole event, or with `date` one date of a series.
    Cancel {
        event: EventId,
        date: Option<String>,
    },
    Attendees {
        event: EventId,
        date: Option<String>,
    },
    Host {
        event: EventId,
        add: bool,
        name: String,
    },
    Ics(EventId),
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
    pub repeat: Option<RepeatChoice>,
    /// The last day of a series, as written.
    pub until: Option<String>,
    /// Offsets before each date; empty for none.
    pub reminders: Option<Vec<TimeDelta>>,
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
    /// Every event as one calendar file.
    Calendar,
}

const MAX_CAPACITY: u32 = 100_000;

pub(crate) fn parse_event(args: Vec<Arg>) -> Result<EventCommand, Problem> {
    let mut args = args.into_iter();
    let first = match args.next() {
        Some(Arg::Word(word)) => word,
        Some(Arg::Option { key, .. }) => return Err(Problem::UnexpectedOption(key)),
        None => return Err(Problem::Missing("missing-event-id")),
    };
    let rest: Vec<Arg> = args.collect();
    let sub = super::catalog::EVENT_COMMAND.info.sub(&first);
    match sub.map(|sub| sub.name) {
        Some("create") => {
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
        Some("show") => only_id(rest).map(EventCommand::Show),
        Some("edit") => {
            let (event, options) = id_then(rest)?;
            let mut changes = EventDraft::default();
            for arg in options {
                match arg {
                    Arg::Option { key, value } => set(&mut changes, &key, value)?,
                    Arg::Word(_) => return Err(Problem::TooManyWords),
                }
            }
            if changes.is_empty() {
                return Err(Problem::Missing("nothing-to-change"));
            }
            Ok(EventCommand::Edit { event, changes })
        }
        Some("cancel") => {
            let (event, date) = id_and_date(rest)?;
            Ok(EventCommand::Cancel { event, date })
        }
        Some("attendees") => {
            let (event, date) = id_and_date(rest)?;
            Ok(EventCommand::Attendees { event, date })
        }
        Some("ics") => only_id(rest).map(EventCommand::Ics),
        Some("host") => {
            let (event, rest) = id_then(rest)?;
            let mut words = Vec::new();
            for arg in rest {
                match arg {
                    Arg::Word(word) => words.push(word),
                    Arg::Option { key, .. } => return Err(Problem::UnexpectedOption(key)),
                }
            }
            let Some((action, name)) = words.split_first() else {
                return Err(Problem::bad("bad-host-action", String::new()));
            };
            let add = match action.to_lowercase().as_str() {
                "add" | "ajouter" | "+" => true,
                "remove" | "retirer" | "enlever" | "-" => false,
                _ => return Err(Problem::bad("bad-host-action", action.clone())),
            };
            let name = name.join(" ");
            let name = name.trim_start_matches('@').trim();
            if name.is_empty() {
                return Err(Problem::MissingOption("name"));
            }
            Ok(EventCommand::Host {
                event,
                add,
                name: name.to_owned(),
            })
        }
        _ => {
            let event = EventId::parse(&first).ok_or(Problem::bad("bad-event-id", first))?;
            if rest.is_empty() {
                Ok(EventCommand::Show(event))
            } else {
                Err(Problem::TooManyWords)
            }
        }
    }
}

pub(crate) fn parse_events(words: Vec<String>) -> Result<EventFilter, Problem> {
    match words.as_slice() {
        [] => Ok(EventFilter::Upcoming),
        [word] => match word.to_lowercase().as_str() {
            "all" | "tous" | "tout" => Ok(EventFilter::Upcoming),
            "mine" | "me" | "miens" | "moi" => Ok(EventFilter::Mine),
            "week" | "semaine" => Ok(EventFilter::Week),
            "ics" | "ical" | "calendar" | "calendrier" => Ok(EventFilter::Calendar),
            _ => Err(Problem::bad("bad-filter", word.clone())),
        },
        _ => Err(Problem::TooManyWords),
    }
}

pub(crate) fn parse_rsvp(args: Vec<Arg>) -> Result<(EventId, Answer, Option<String>), Problem> {
    let mut words = Vec::new();
    let mut date = None;
    for arg in args {
        match arg {
            Arg::Word(word) => words.push(word),
            Arg::Option { key, value } if is_date_key(&key) => date = non_empty(value),
            Arg::Option { key, .. } => return Err(Problem::UnexpectedOption(key)),
        }
    }
    match words.as_slice() {
        [] => Err(Problem::Missing("missing-event-id")),
        [id] => match EventId::parse(id) {
            Some(event) => Err(Problem::Choose {
                message: "missing-answer",
                choices: [
                    ("choice-going", Answer::Yes),
                    ("choice-maybe", Answer::Maybe),
                    ("choice-not-going", Answer::No),
                ]
                .into_iter()
                .map(|(label, answer)| (label, format!("/rsvp {} {}", event.0, answer.as_str())))
                .collect(),
            }),
            None => Err(Problem::bad("bad-event-id", id.clone())),
        },
        [id, answer @ ..] => {
            let event =
                EventId::parse(id).ok_or_else(|| Problem::bad("bad-event-id", id.clone()))?;
            let answer_text = answer.join(" ");
            let answer =
                Answer::parse(&answer_text).ok_or(Problem::bad("bad-answer", answer_text))?;
            Ok((event, answer, date))
        }
    }
}

/// `/remind ID on|off`.
pub(crate) fn parse_remind(words: Vec<String>) -> Result<(EventId, bool), Problem> {
    match words.as_slice() {
        [] => Err(Problem::Missing("missing-event-id")),
        [id, rest @ ..] => {
            let event =
                EventId::parse(id).ok_or_else(|| Problem::bad("bad-event-id", id.clone()))?;
            let wanted = match rest.join(" ").to_lowercase().as_str() {
                "on" | "yes" | "oui" | "activer" => true,
                "off" | "no" | "non" | "stop" | "désactiver" | "desactiver" => false,
                other => return Err(Problem::bad("bad-switch", other.to_owned())),
            };
            Ok((event, wanted))
        }
    }
}

fn is_date_key(key: &str) -> bool {
    matches!(key, "date" | "day" | "jour" | "le")
}

fn non_empty(value: String) -> Option<String> {
    Some(value.trim().to_owned()).filter(|value| !value.is_empty())
}

/// `ID [date=…]`.
fn id_and_date(args: Vec<Arg>) -> Result<(EventId, Option<String>), Problem> {
    let (event, rest) = id_then(args)?;
    let mut date = None;
    for arg in rest {
        match arg {
            Arg::Option { key, value } if is_date_key(&key) => date = non_empty(value),
            Arg::Option { key, .. } => return Err(Problem::UnexpectedOption(key)),
            Arg::Word(_) => return Err(Problem::TooManyWords),
        }
    }
    Ok((event, date))
}

fn id_then(args: Vec<Arg>) -> Result<(EventId, Vec<Arg>), Problem> {
    let mut args = args.into_iter();
    match args.next() {
        Some(Arg::Word(word)) => {
            let event = EventId::parse(&word).ok_or(Problem::bad("bad-event-id", word))?;
            Ok((event, args.collect()))
        }
        Some(Arg::Option { key, .. }) => Err(Problem::UnexpectedOption(key)),
        None => Err(Problem::Missing("missing-event-id")),
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

/// Most reminders one event may have.
const MAX_REMINDERS: usize = 5;

/// `24h,1h`, `2d 30min`, or `off`/`none`/`aucun` for none.
fn parse_offsets(value: &str) -> Option<Vec<TimeDelta>> {
    let value = value.trim().to_lowercase();
    if matches!(
        value.as_str(),
        "off" | "none" | "no" | "aucun" | "aucuns" | "non" | "0"
    ) {
        return Some(Vec::new());
    }
    let mut offsets = value
        .split([',', ' ', ';'])
        .filter(|part| !part.is_empty())
        .map(crate::when::parse_duration)
        .collect::<Option<Vec<_>>>()?;
    offsets.sort_by(|a, b| b.cmp(a));
    offsets.dedup();
    let longest = TimeDelta::days(7);
    (!offsets.is_empty() && offsets.len() <= MAX_REMINDERS && offsets[0] <= longest)
        .then_some(offsets)
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
                crate::when::parse_duration(&value).ok_or(Problem::bad("bad-duration", value))?;
            draft.duration = Some(duration);
        }
        "capacity" | "capacité" | "capacite" | "places" | "max" => {
            let capacity = match value.trim().to_lowercase().as_str() {
                "0" | "none" | "aucune" | "unlimited" | "illimité" | "illimite" => {
                    Capacity::Unlimited
                }
                number => match number.parse::<u32>() {
                    Ok(n) if n <= MAX_CAPACITY => Capacity::Limited(n),
                    _ => return Err(Problem::bad("bad-capacity", value)),
                },
            };
            draft.capacity = Some(capacity);
        }
        "repeat" | "répéter" | "repeter" | "répétition" | "repetition" | "every" | "chaque" => {
            draft.repeat =
                Some(Repeat::parse(&value).map_err(|bad| Problem::bad("bad-repeat", bad.0))?);
        }
        "until" | "jusqu_au" | "jusquau" | "jusqu'au" | "fin" | "end" => draft.until = text(),
        "reminders" | "reminder" | "rappels" | "rappel" => {
            draft.reminders =
                Some(parse_offsets(&value).ok_or(Problem::bad("bad-reminders", value))?);
        }
        other => return Err(Problem::UnexpectedOption(other.to_owned())),
    }
    Ok(())
}
