//! Pacing: how fast an adapter may send, per destination and in all, so that the platform
//! never has to answer 429.
//!
//! A [`Rate`] is "at most `messages` in any `per`" (a sliding window: the documented
//! limits are worded so). [`Pacing`] lists the rates of one platform, with defaults from
//! each platform's documentation; a [`Pacer`] keeps the instants of recent sends and says
//! when the next one to a destination may go. It is pure: instants are passed in.

use std::collections::{HashMap, VecDeque};
use std::time::Duration;

use passerelle_core::outbox::Destination;
use tokio::time::Instant;

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

/// The recent sends one [`Rate`] is kept against, oldest first.
#[derive(Debug, Clone)]
struct Window {
    rate: Rate,
    sent: VecDeque<Instant>,
}

impl Window {
    fn new(rate: Rate) -> Self {
        Self {
            rate,
            sent: VecDeque::new(),
        }
    }

    /// The earliest instant from `now` at which one more send keeps to the rate.
    fn next_free(&self, now: Instant) -> Instant {
        let limit = self.rate.messages.max(1) as usize;
        let held = match self.sent.len().checked_sub(limit) {
            Some(index) => self.sent[index] + self.rate.per,
            None => now,
        };
        // Sends are recorded in the order of their instants.
        let after_last = self.sent.back().map_or(now, |last| *last);
        now.max(held).max(after_last)
    }

    fn record(&mut self, at: Instant) {
        self.sent.push_back(at);
        while self.sent.len() > self.rate.messages.max(1) as usize {
            self.sent.pop_front();
        }
    }

    /// Whether every send it holds is out of its window by `now`: it can be forgotten.
    fn is_idle(&self, now: Instant) -> bool {
        self.sent
            .back()
            .is_none_or(|last| *last + self.rate.per <= now)
    }
}

/// What a destination's windows are kept under.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Room(String),
    Direct(String),
}

/// Destinations with windows beyond this many are swept of the idle ones.
const SWEEP_AT: usize = 256;

/// The windows of one worker: one set for the platform, one per destination.
#[derive(Debug, Clone)]
pub struct Pacer {
    pacing: Pacing,
    platform: Vec<Window>,
    destinations: HashMap<Key, Vec<Window>>,
}

impl Pacer {
    pub fn new(pacing: Pacing) -> Self {
        let platform = pacing.platform.iter().copied().map(Window::new).collect();
        Self {
            pacing,
            platform,
            destinations: HashMap::new(),
        }
    }

    /// When, at the earliest from `now`, a send to `destination` may go.
    pub fn next_slot(&self, destination: &Destination, now: Instant) -> Instant {
        let own = key(destination).and_then(|key| self.destinations.get(&key));
        self.platform
            .iter()
            .chain(own.into_iter().flatten())
            .map(|window| window.next_free(now))
            .fold(now, Instant::max)
    }

    /// Counts a send to `destination` at `at` (a slot [`Pacer::next_slot`] gave, or later).
    pub fn record(&mut self, destination: &Destination, at: Instant) {
        for window in &mut self.platform {
            window.record(at);
        }
        let Some(key) = key(destination) else {
            return;
        };
        let rates = match key {
            Key::Room(_) => &self.pacing.room,
            Key::Direct(_) => &self.pacing.direct,
        };
        if rates.is_empty() {
            return;
        }
        if self.destinations.len() >= SWEEP_AT {
            self.destinations
                .retain(|_, windows| !windows.iter().all(|window| window.is_idle(at)));
        }
        let windows = self
            .destinations
            .entry(key)
            .or_insert_with(|| rates.iter().copied().map(Window::new).collect());
        for window in windows {
            window.record(at);
        }
    }
}

/// The destination windows a send counts against; none for a role grant.
fn key(destination: &Destination) -> Option<Key> {
    match destination {
        Destination::Room(room) | Destination::Edit { room, .. } => Some(Key::Room(room.clone())),
        Destination::Direct(member) => Some(Key::Direct(member.clone())),
        Destination::Role(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn room(id: &str) -> Destination {
        Destination::Room(id.to_owned())
    }

    /// Sends `destinations` in turn, each at its first free slot: when each went, after
    /// `start`.
    fn send_all(pacer: &mut Pacer, start: Instant, destinations: &[Destination]) -> Vec<Duration> {
        destinations
            .iter()
            .map(|destination| {
                let at = pacer.next_slot(destination, start);
                pacer.record(destination, at);
                at - start
            })
            .collect()
    }

    #[test]
    fn no_pacing_never_waits() {
        let mut pacer = Pacer::new(Pacing::matrix());
        let start = Instant::now();
        let sends = send_all(&mut pacer, start, &vec![room("a"); 100]);
        assert!(sends.iter().all(Duration::is_zero));
    }

    #[test]
    fn sends_to_one_room_are_spaced() {
        let mut pacer = Pacer::new(Pacing {
            room: vec![Rate::per_second(1)],
            ..Pacing::none()
        });
        let start = Instant::now();
        let sends = send_all(&mut pacer, start, &vec![room("a"); 3]);
        assert_eq!(sends, [0, 1, 2].map(Duration::from_secs));
        // Another room is not held up by the first one.
        assert_eq!(pacer.next_slot(&room("b"), start), start);
        // An edit in a room counts against that room.
        let edit = Destination::Edit {
            room: "a".into(),
            message: "m1".into(),
        };
        assert_eq!(
            pacer.next_slot(&edit, start),
            start + Duration::from_secs(3)
        );
    }

    #[test]
    fn a_telegram_group_gets_one_a_second_then_twenty_a_minute() {
        let mut pacer = Pacer::new(Pacing::telegram());
        let start = Instant::now();
        let sends = send_all(&mut pacer, start, &vec![room("group"); 22]);
        let seconds: Vec<u64> = sends.iter().map(Duration::as_secs).collect();
        let expected: Vec<u64> = (0..20).chain([60, 61]).collect();
        assert_eq!(seconds, expected);
    }

    #[test]
    fn the_platform_rate_holds_across_rooms() {
        let mut pacer = Pacer::new(Pacing {
            platform: vec![Rate::per_second(2)],
            ..Pacing::none()
        });
        let start = Instant::now();
        let rooms: Vec<Destination> = (0..7).map(|n| room(&format!("r{n}"))).collect();
        let sends = send_all(&mut pacer, start, &rooms);
        let millis: Vec<u128> = sends.iter().map(Duration::as_millis).collect();
        assert_eq!(millis, [0, 0, 1000, 1000, 2000, 2000, 3000]);
        // A role grant counts against the platform only.
        let grant = Destination::Role("bob".into());
        assert_eq!(
            pacer.next_slot(&grant, start),
            start + Duration::from_secs(3)
        );
    }

    #[test]
    fn discord_allows_five_per_channel_in_any_five_seconds() {
        let mut pacer = Pacer::new(Pacing::discord());
        let start = Instant::now();
        let dm = Destination::Direct("bob".into());
        let sends = send_all(&mut pacer, start, &vec![dm; 12]);
        for (index, at) in sends.iter().enumerate() {
            let in_window = sends
                .iter()
                .filter(|other| **other <= *at && *at - **other < Duration::from_secs(5))
                .count();
            assert!(in_window <= 5, "send {index} at {at:?}: {sends:?}");
        }
        assert_eq!(sends[5], Duration::from_secs(5));
    }

    #[test]
    fn idle_destinations_are_forgotten() {
        let mut pacer = Pacer::new(Pacing::telegram());
        let start = Instant::now();
        for n in 0..SWEEP_AT {
            pacer.record(&room(&format!("r{n}")), start);
        }
        let later = start + Duration::from_secs(61);
        pacer.record(&room("new"), later);
        assert_eq!(pacer.destinations.len(), 1);
    }
}
