//! Events: what members meet for, who answered what, and how many can come.
//!
//! Meetup's semantics: with a capacity, the first "yes" answers fill the places and the
//! next ones join a waitlist in order; when someone going withdraws or the capacity
//! grows, the first on the waitlist is promoted and told.

use std::fmt;

use chrono::{DateTime, TimeDelta, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::model::MemberId;

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

#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub id: EventId,
    pub title: String,
    pub description: Option<String>,
    pub place: Option<String>,
    pub start: DateTime<Utc>,
    /// The zone the event was set in; its wall-clock time is the reference.
    pub zone: Tz,
    pub duration: TimeDelta,
    pub capacity: Option<u32>,
    /// No answers are taken after this instant.
    pub rsvp_until: Option<DateTime<Utc>>,
    pub hosts: Vec<MemberId>,
    pub cancelled: bool,
}

impl Event {
    pub fn end(&self) -> DateTime<Utc> {
        self.start + self.duration
    }
}

/// The details of an event to create.
#[derive(Debug, Clone, PartialEq)]
pub struct NewEvent {
    pub title: String,
    pub description: Option<String>,
    pub place: Option<String>,
    pub start: DateTime<Utc>,
    pub zone: Tz,
    pub duration: TimeDelta,
    pub capacity: Option<u32>,
    pub rsvp_until: Option<DateTime<Utc>>,
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
