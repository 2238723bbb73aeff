//! Reminders before an event's dates: when they fall, and how they are claimed.
//!
//! Each reminder is a row (event, date, how long before) scheduled in the database.
//! Whoever runs the hub calls [`crate::Hub::tick`]; it claims due rows with a lease
//! (`SKIP LOCKED` on PostgreSQL), and marks each one done in the same transaction that
//! queues its messages, so with several processes on one database every reminder goes
//! out once. A series has reminders for one date at a time: handling a date's reminder
//! schedules the next date's.

use chrono::{DateTime, TimeDelta, Utc};

use crate::events::{EventId, Occurrence};

/// How long a claimed reminder is held before another process may take it.
pub const LEASE: TimeDelta = TimeDelta::seconds(60);

pub use super::settings::DEFAULT_OFFSETS;

/// A reminder to schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Planned {
    pub occurrence: i64,
    pub before: TimeDelta,
    pub due: DateTime<Utc>,
}

/// A claimed reminder, to send (or drop) and then finish.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DueReminder {
    pub id: i64,
    pub event: EventId,
    pub occurrence: i64,
    pub before: TimeDelta,
    pub due: DateTime<Utc>,
}

/// The reminders for `date`, one per offset, leaving out those due at or before
/// `not_before` when given (a reminder already late when planned is not worth sending).
pub fn plan(
    date: Occurrence,
    offsets: &[TimeDelta],
    not_before: Option<DateTime<Utc>>,
) -> Vec<Planned> {
    offsets
        .iter()
        .map(|before| Planned {
            occurrence: date.index,
            before: *before,
            due: date.start - *before,
        })
        .filter(|planned| not_before.is_none_or(|limit| planned.due > limit))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reminders_already_late_are_left_out_only_when_asked() {
        let start = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let date = Occurrence { index: 3, start };
        let now = start - TimeDelta::hours(5);
        let all = plan(date, &DEFAULT_OFFSETS, None);
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].due, start - TimeDelta::hours(24));
        let ahead = plan(date, &DEFAULT_OFFSETS, Some(now));
        assert_eq!(ahead.len(), 1);
        assert_eq!(
            (ahead[0].occurrence, ahead[0].before),
            (3, TimeDelta::hours(1))
        );
    }
}
