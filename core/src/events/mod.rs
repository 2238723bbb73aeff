//! Events: what members meet for, who answered what, and how many can come.
//!
//! Meetup's semantics: with a capacity, the first "yes" answers fill the places and the
//! next ones join a waitlist in order; when someone going withdraws or the capacity
//! grows, the first on the waitlist is promoted and told.
//!
//! The job in one folder: the domain below, [`series`] (repeating dates), [`reminders`],
//! [`ics`] (calendar files), [`command`] (the grammar of `/event`, `/events`, `/rsvp`,
//! `/remind`), `hub` (what the hub does with them) and `store` (their queries).

pub(crate) mod catalog;
pub mod command;
pub(crate) mod hub;
pub mod ics;
pub mod reminders;
pub mod series;
pub mod settings;
pub(crate) mod store;

pub use command::{Capacity, Command, EventCommand, EventDraft, EventFilter};
pub use hub::mirror::Upcoming;
pub use hub::web::EventView;
pub use settings::EventSettings;
pub use store::{Finished, Promoted, ReminderOutcome};

/// This job's messages.
pub(crate) const TEXTS: crate::i18n::Texts = crate::i18n::Texts {
    en: include_str!("en.ftl"),
    fr: include_str!("fr.ftl"),
};

use std::fmt;

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::model::MemberId;
use series::Repeat;

/// Database key of an event, shown to members as `#12`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct EventId(pub i64);

impl fmt::Display for EventId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

impl EventId {
    /// Reads `12` or `#12`.
    pub fn parse(word: &str) -> Option<Self> {
        word.trim_start_matches('#')
            .parse::<i64>()
            .ok()
            .filter(|id| *id > 0)
            .map(Self)
    }
}

/// What an organizer sets: everything about an event but who hosts it.
#[derive(Debug, Clone, PartialEq)]
pub struct EventDetails {
    pub title: String,
    pub description: Option<String>,
    pub place: Option<String>,
    /// The first (or only) date.
    pub start: DateTime<Utc>,
    /// The zone the event was set in; its wall-clock time is the reference.
    pub zone: Tz,
    pub duration: TimeDelta,
    pub capacity: Option<u32>,
    /// No answers are taken after this instant (for a series: this long before each date).
    pub rsvp_until: Option<DateTime<Utc>>,
    /// How the event repeats; `None` for a one-off event.
    pub repeat: Option<Repeat>,
    /// How long before each date reminders go out; `None` for the community's default.
    pub reminders: Option<Vec<TimeDelta>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub id: EventId,
    pub details: EventDetails,
    pub hosts: Vec<MemberId>,
    pub cancelled: bool,
    /// The number of the date at `details.start`. Moving a series starts it again from
    /// the new date under the next number, so answers stay with the dates they were for.
    pub first_occurrence: i64,
    /// Dates of the series that were cancelled, by number.
    pub skipped: Vec<i64>,
}

/// One date of an event. A one-off event has a single date, number 0; a series numbers
/// its dates in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Occurrence {
    pub index: i64,
    pub start: DateTime<Utc>,
}

impl Event {
    /// Every date, cancelled ones included, in order.
    pub fn all_dates(&self) -> Box<dyn Iterator<Item = Occurrence> + '_> {
        let first = self.first_occurrence;
        match &self.details.repeat {
            None => Box::new(std::iter::once(Occurrence {
                index: first,
                start: self.details.start,
            })),
            Some(repeat) => Box::new(
                repeat
                    .starts(self.details.start, self.details.zone)
                    .zip(first..)
                    .map(|(start, index)| Occurrence { index, start }),
            ),
        }
    }

    /// The dates that still take place.
    pub fn occurrences(&self) -> impl Iterator<Item = Occurrence> + '_ {
        self.all_dates()
            .filter(|date| !self.skipped.contains(&date.index))
    }

    /// The first date starting after `now`: what answers and reminders are for.
    pub fn next_after(&self, now: DateTime<Utc>) -> Option<Occurrence> {
        self.occurrences().find(|date| date.start > now)
    }

    /// The first date not over at `now`: what lists show.
    pub fn current(&self, now: DateTime<Utc>) -> Option<Occurrence> {
        let duration = self.details.duration;
        self.occurrences().find(|date| date.start + duration > now)
    }

    /// The date with this number, cancelled or not.
    pub fn occurrence(&self, index: i64) -> Option<Occurrence> {
        self.all_dates()
            .take_while(|date| date.index <= index)
            .find(|date| date.index == index)
    }

    /// The date falling on `day` in the event's zone, cancelled or not.
    pub fn on_day(&self, day: NaiveDate) -> Option<Occurrence> {
        let zone = self.details.zone;
        self.all_dates()
            .map(|date| (date, date.start.with_timezone(&zone).date_naive()))
            .take_while(|(_, local)| *local <= day)
            .find_map(|(date, local)| (local == day).then_some(date))
    }

    pub fn is_skipped(&self, date: Occurrence) -> bool {
        self.skipped.contains(&date.index)
    }

    /// The event as it is on `date`: the same, starting then.
    pub fn on(&self, date: Occurrence) -> Event {
        let mut event = self.clone();
        event.details.start = date.start;
        event
    }

    /// When answers for `date` close, if they do before it starts.
    pub fn rsvp_closes(&self, date: Occurrence) -> Option<DateTime<Utc>> {
        let lead = self.details.start - self.details.rsvp_until?;
        Some(date.start - lead)
    }

    pub fn end(&self) -> DateTime<Utc> {
        self.details.start + self.details.duration
    }
}

/// What a member answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Answer {
    Yes,
    Maybe,
    No,
}

impl Answer {
    pub const ALL: [Self; 3] = [Self::Yes, Self::Maybe, Self::No];

    /// Reads `yes`, `going`, `oui`, `maybe`, `peut-être`, `no`, `non`… in any case.
    pub fn parse(word: &str) -> Option<Self> {
        let word = word.trim().to_lowercase();
        let word = word.as_str();
        match word {
            "yes" | "y" | "going" | "oui" | "o" | "présent" | "present" | "1" => Some(Self::Yes),
            "maybe" | "perhaps" | "peut-être" | "peut-etre" | "peutetre" | "peut-etre?" | "?" => {
                Some(Self::Maybe)
            }
            "no" | "n" | "not" | "non" | "absent" | "0" => Some(Self::No),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Yes => "yes",
            Self::Maybe => "maybe",
            Self::No => "no",
        }
    }
}

/// Where a member stands for an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    Going,
    /// Said yes when the event was full: in line for a place.
    Waitlisted,
    Maybe,
    NotGoing,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Going => "yes",
            Self::Waitlisted => "waitlist",
            Self::Maybe => "maybe",
            Self::NotGoing => "no",
        }
    }

    pub fn parse(stored: &str) -> Option<Self> {
        [Self::Going, Self::Waitlisted, Self::Maybe, Self::NotGoing]
            .into_iter()
            .find(|status| status.as_str() == stored)
    }
}

/// How many answered what.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    pub going: u32,
    pub maybe: u32,
    pub waitlisted: u32,
}

impl Counts {
    /// Places left, when the event has a capacity.
    pub fn places_left(&self, capacity: Option<u32>) -> Option<u32> {
        capacity.map(|capacity| capacity.saturating_sub(self.going))
    }
}

/// What an answer did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RsvpOutcome {
    pub status: Status,
    /// 1-based place on the waitlist, when waitlisted.
    pub position: Option<u32>,
    /// Members moved from the waitlist to going by this answer.
    pub promoted: Vec<MemberId>,
}

/// Someone who answered, as shown to hosts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attendee {
    pub member: MemberId,
    pub name: String,
    pub status: Status,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_read_in_english_and_french() {
        for (word, answer) in [
            ("yes", Answer::Yes),
            ("Going", Answer::Yes),
            ("oui", Answer::Yes),
            ("maybe", Answer::Maybe),
            ("peut-être", Answer::Maybe),
            ("Peut-Etre", Answer::Maybe),
            ("no", Answer::No),
            ("NON", Answer::No),
        ] {
            assert_eq!(Answer::parse(word), Some(answer), "{word}");
        }
        assert_eq!(Answer::parse("perhaps not"), None);
    }

    #[test]
    fn event_ids_are_written_with_or_without_a_hash() {
        assert_eq!(EventId::parse("#12"), Some(EventId(12)));
        assert_eq!(EventId::parse("12"), Some(EventId(12)));
        assert_eq!(EventId::parse("0"), None);
        assert_eq!(EventId::parse("twelve"), None);
        assert_eq!(EventId(7).to_string(), "#7");
    }

    #[test]
    fn places_left_never_go_below_zero() {
        let counts = Counts {
            going: 5,
            maybe: 1,
            waitlisted: 2,
        };
        assert_eq!(counts.places_left(Some(3)), Some(0));
        assert_eq!(counts.places_left(Some(8)), Some(3));
        assert_eq!(counts.places_left(None), None);
    }
}
