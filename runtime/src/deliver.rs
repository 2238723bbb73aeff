//! What an adapter tells the outbox worker: how it sends one row ([`Deliver`]), and what
//! came of it: [`Sent`], or a [`Failure`] as it reads the platform's answer.

use std::future::Future;
use std::time::Duration;

use passerelle_core::outbox::Outgoing;

/// What the platform did with a message that went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sent {
    /// It was posted as the platform's message with this ID (what later edits replace).
    Message(String),
    /// It was done, with nothing to refer to later (a role granted).
    Done,
}

/// Why a message did not go, as the adapter reads the platform's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// Rate-limited (HTTP 429): try again after the platform's delay, when it gave one.
    RetryAfter(Option<Duration>),
    /// The network or a server error: try again after the outbox's backoff.
    Transient,
    /// Refused for good (the member blocked the bot, the room is gone): set it aside.
    Permanent,
    /// The destination cannot take it yet (a member who never opened a chat with the
    /// bot): kept untried for this long, unless the adapter brings it forward sooner.
    Later(Duration),
    /// The adapter itself cannot go on (the console's terminal is gone): nothing is
    /// recorded, the row waits for its lease to run out as after a crash, and the pass
    /// stops.
    Halt,
}

/// A send that failed: how, and the error as the platform gave it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failed {
    pub failure: Failure,
    pub error: String,
}

impl Failed {
    pub fn new(failure: Failure, error: impl std::fmt::Display) -> Self {
        Self {
            failure,
            error: error.to_string(),
        }
    }
}

/// How an adapter sends one outbox row on its platform.
pub trait Deliver {
    /// Sends `outgoing`; every try of one row should look the same to the platform
    /// (a transaction ID made from `outgoing.id`), so a try that did reach it before a
    /// crash is not posted twice where the platform allows.
    fn send(&mut self, outgoing: &Outgoing) -> impl Future<Output = Result<Sent, Failed>>;
}
