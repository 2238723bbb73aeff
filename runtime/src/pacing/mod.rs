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

/// A rate as a config file writes it: `MESSAGES/WINDOW`, the window a number (1 when
/// left out) and a unit, `s`, `m`, `min` or `h`: `1/s`, `20/min`, `5/5s`.
impl std::str::FromStr for Rate {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bad = || format!("`{text}` is not a rate like 20/min or 5/5s");
        let (messages, window) = text.trim().split_once('/').ok_or_else(bad)?;
        let messages: u32 = messages.trim().parse().map_err(|_| bad())?;
        let window = window.trim();
        let digits = window.find(|c: char| !c.is_ascii_digit()).ok_or_else(bad)?;
        let count: u64 = match &window[..digits] {
            "" => 1,
            count => count.parse().map_err(|_| bad())?,
        };
        let unit = match &window[digits..] {
            "s" => 1,
            "m" | "min" => 60,
            "h" => 3600,
            _ => return Err(bad()),
        };
        if messages == 0 || count == 0 {
            return Err(bad());
        }
        Ok(Self::new(messages, Duration::from_secs(count * unit)))
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
    /// These rates, with each list the config gives (as [`Rate`]s are written) in place
    /// of the default one.
    pub fn with(
        mut self,
        room: Option<&[String]>,
        direct: Option<&[String]>,
        platform: Option<&[String]>,
    ) -> Result<Self, String> {
        let read = |rates: &[String]| -> Result<Vec<Rate>, String> {
            rates.iter().map(|rate| rate.parse()).collect()
        };
        if let Some(rates) = room {
            self.room = read(rates)?;
        }
        if let Some(rates) = direct {
            self.direct = read(rates)?;
        }
        if let Some(rates) = platform {
            self.platform = read(rates)?;
        }
        Ok(self)
    }

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_read_as_a_config_writes_them() {
        assert_eq!("1/s".parse(), Ok(Rate::per_second(1)));
        assert_eq!("20/min".parse(), Ok(Rate::per_minute(20)));
        assert_eq!(" 5/5s ".parse(), Ok(Rate::new(5, Duration::from_secs(5))));
        assert_eq!(
            "100/2h".parse(),
            Ok(Rate::new(100, Duration::from_secs(7200)))
        );
        for bad in ["20", "0/s", "5/0s", "x/s", "5/5", "5/week", ""] {
            assert!(bad.parse::<Rate>().is_err(), "{bad}");
        }
    }

    #[test]
    fn the_config_replaces_the_lists_it_gives() {
        let telegram = Pacing::telegram()
            .with(Some(&["2/s".to_owned()]), None, Some(&[]))
            .unwrap();
        assert_eq!(telegram.room, [Rate::per_second(2)]);
        assert_eq!(telegram.direct, Pacing::telegram().direct);
        assert!(telegram.platform.is_empty());
        assert!(
            Pacing::none()
                .with(Some(&["fast".to_owned()]), None, None)
                .is_err()
        );
    }
}
