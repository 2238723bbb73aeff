//! Messages waiting for delivery: what adapters claim, and when a failed one is retried.
//!
//! Every reply that goes to another room, another platform or a later time is a row in
//! the database until the adapter confirms it was sent. An adapter claims due rows with
//! a lease; if it dies mid-send the lease expires and the row is claimed again, so
//! delivery is at least once. Failures are retried with exponential backoff.

use chrono::{DateTime, TimeDelta, Utc};

use crate::model::{MemberId, Platform};
use crate::reply::Message;

/// Where on its platform a message goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// A room, by the platform's room ID.
    Room(String),
    /// A private conversation with a user, by the platform's user ID.
    Direct(String),
    /// Not a message: the platform role named by the message's text, for the adapter to
    /// grant to this user (a routing rule, the rules gate).
    Role(String),
    /// Not a message: a request to join, granted. The user (by the platform's user ID)
    /// is let into the room named by the message's text.
    Admit(String),
    /// A new text for a message already posted in a room (an announcement kept current):
    /// the room, and the platform's ID of the message to replace.
    Edit { room: String, message: String },
}

/// A message to put in the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewOutgoing {
    pub platform: Platform,
    pub destination: Destination,
    /// The member a direct message is for, so their data can be found and forgotten.
    pub member: Option<MemberId>,
    /// The member a room message is about (a welcome, a newcomer's case): forgetting
    /// them takes back what was not delivered yet.
    pub about: Option<MemberId>,
    pub message: Message,
    /// Not to be delivered before this instant.
    pub not_before: DateTime<Utc>,
}

impl NewOutgoing {
    /// The platform role `role` for `user_id` (`member` in the hub), to grant.
    pub fn grant(
        platform: Platform,
        user_id: &str,
        member: MemberId,
        role: &str,
        now: DateTime<Utc>,
    ) -> Self {
        Self {
            platform,
            destination: Destination::Role(user_id.to_owned()),
            member: Some(member),
            about: None,
            message: Message::text(role),
            not_before: now,
        }
    }
}

impl NewOutgoing {
    /// Lets `user_id` (`member` in the hub) into `room`, which they asked to join.
    pub fn admit(
        platform: Platform,
        user_id: &str,
        member: MemberId,
        room: &str,
        now: DateTime<Utc>,
    ) -> Self {
        Self {
            platform,
            destination: Destination::Admit(user_id.to_owned()),
            member: Some(member),
            about: None,
            message: Message::text(room),
            not_before: now,
        }
    }
}

/// A claimed message, to deliver and then confirm or report as failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outgoing {
    pub id: i64,
    pub platform: Platform,
    pub destination: Destination,
    pub message: Message,
    /// 1 for the first try.
    pub attempt: u32,
    /// What a room message stands for (`event-3`), when it is kept current: confirm it
    /// with the platform's message ID ([`crate::Store::confirm_posted`]) so that later
    /// edits can replace it.
    pub key: Option<String>,
}

/// How long a claim holds before another worker may take the message.
pub const LEASE: TimeDelta = TimeDelta::seconds(60);

/// After this many failed tries a message is set aside as undeliverable.
pub const MAX_ATTEMPTS: u32 = 15;

/// How long to wait after failed try number `attempt` (1-based): 5 s, doubling each time,
/// capped at one hour; `None` once [`MAX_ATTEMPTS`] is reached.
pub fn retry_delay(attempt: u32) -> Option<TimeDelta> {
    if attempt >= MAX_ATTEMPTS {
        return None;
    }
    let seconds = 5i64.saturating_mul(1 << attempt.saturating_sub(1).min(20));
    Some(TimeDelta::seconds(seconds.min(3600)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_exponentially_up_to_an_hour() {
        let delays: Vec<i64> = (1..=12)
            .map(|attempt| retry_delay(attempt).map_or(-1, |d| d.num_seconds()))
            .collect();
        assert_eq!(
            delays,
            [5, 10, 20, 40, 80, 160, 320, 640, 1280, 2560, 3600, 3600]
        );
    }

    #[test]
    fn a_message_is_given_up_after_the_last_attempt() {
        assert!(retry_delay(MAX_ATTEMPTS - 1).is_some());
        assert_eq!(retry_delay(MAX_ATTEMPTS), None);
    }
}
