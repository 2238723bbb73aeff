//! Pacing: how fast an adapter may send, per destination and in all, so that the platform
//! never has to answer 429.
//!
//! A [`Rate`] is "at most `messages` in any `per`" (a sliding window: the documented
//! limits are worded so). [`Pacing`] lists the rates of one platform, with defaults from
//! each platform's documentation; a [`Pacer`] keeps the instants of recent sends and says
//! when the next one to a destination may go. It is pure: instants are passed in. A row
//! that goes back to the outbox to wait holds its destination: newer rows go behind it,
//! so that waiting does not reorder a room's messages.

mod pacer;

use std::time::Duration;

pub use pacer::{Pacer, Slot};

/// At most `messages` sends in any window of `per`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    pub messages: u32,
    pub per: Duration,
}

impl Rate {
    pub const fn new(messages: u32, per: Duration) -> Self {
        Self { messages, per }
    }

    pub const fn per_second(messages: u32) -> Self {
        Self::new(messages, Duration::from_secs(1))
    }

    pub const fn per_minute(messages: u32) -> Self {
        Self::new(messages, Duration::from_secs(60))
    }
}

/// The rates one platform's worker keeps to. Every send counts against `platform`; a
/// message to a room (or an edit there) against `room` too, one window per room, and a
/// private message against `direct`, one window per member. Empty lists: no pacing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pacing {
    /// For each room (a group, a channel).
    pub room: Vec<Rate>,
    /// For each private conversation.
    pub direct: Vec<Rate>,
    /// For everything the worker sends, role grants included.
    pub platform: Vec<Rate>,
}

impl Pacing {
    /// No pacing at all: the console.
    pub fn none() -> Self {
        Self::default()
    }

    /// Matrix has no documented client-side limits: the homeserver's 429 is honoured
    /// as it comes.
    pub fn matrix() -> Self {
        Self::none()
    }

    /// The Bot API FAQ: about 1 message/s per chat, 20 messages/min per group, about
    /// 30/s in all.
    pub fn telegram() -> Self {
        Self {
            room: vec![Rate::per_second(1), Rate::per_minute(20)],
            direct: vec![Rate::per_second(1)],
            platform: vec![Rate::per_second(30)],
        }
    }

    /// discord-api-docs: 50 requests/s in all; about 5 messages per 5 s per channel (a
    /// DM is a channel too).
    pub fn discord() -> Self {
        let channel = Rate::new(5, Duration::from_secs(5));
        Self {
            room: vec![channel],
            direct: vec![channel],
            platform: vec![Rate::per_second(50)],
        }
    }
}
