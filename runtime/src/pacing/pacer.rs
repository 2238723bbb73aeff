//! The pacer: the instants of a worker's recent sends, per destination and in all, and
//! when the next send to a destination may go; the rows that went back to wait, which
//! newer rows to their destination go behind.

use std::collections::{HashMap, VecDeque};
use std::time::Duration;

use chrono::{DateTime, Utc};
use passerelle_core::outbox::{Destination, Outgoing};
use tokio::time::Instant;

use super::{Pacing, Rate};

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

/// Rows to one destination that went back to the outbox to wait for their pace.
#[derive(Debug, Clone, Copy)]
struct Hold {
    /// The newest of them: a newer row goes behind them.
    last: i64,
    /// When they may go, on the worker's clock and as the outbox has it.
    until: Instant,
    at: DateTime<Utc>,
}

/// One destination's windows, and what waits for it.
#[derive(Debug, Clone, Default)]
struct Lane {
    windows: Vec<Window>,
    hold: Option<Hold>,
    /// Until when the platform asked that nothing more go there (a 429), on the
    /// worker's clock and as the outbox has it.
    closed: Option<(Instant, DateTime<Utc>)>,
}

impl Lane {
    /// The hold a row `id` must go behind at `now`: for a while after it ends too, as
    /// the held rows may not be claimed again yet.
    fn hold_for(&self, id: i64, now: Instant) -> Option<Hold> {
        self.hold
            .filter(|hold| id > hold.last && now < hold.until + HOLD_AFTER)
    }

    fn is_idle(&self, now: Instant) -> bool {
        self.windows.iter().all(|window| window.is_idle(now))
            && self.hold.is_none_or(|hold| hold.until + HOLD_AFTER <= now)
            && self.closed.is_none_or(|(until, _)| until <= now)
    }
}

/// How long after a hold ends a newer row still goes behind it.
const HOLD_AFTER: Duration = Duration::from_secs(20);
/// Destinations beyond this many are swept of the idle ones.
const SWEEP_AT: usize = 256;

/// When a row may go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// At this instant, at the earliest.
    At(Instant),
    /// Behind older rows to its destination that went back to the outbox due at this
    /// instant: it goes back too, due then, and the outbox's order keeps it after them.
    Behind(DateTime<Utc>),
}

/// The windows of one worker: one set for the platform, one per destination.
#[derive(Debug, Clone)]
pub struct Pacer {
    pacing: Pacing,
    platform: Vec<Window>,
    lanes: HashMap<Key, Lane>,
}

impl Pacer {
    pub fn new(pacing: Pacing) -> Self {
        let platform = pacing.platform.iter().copied().map(Window::new).collect();
        Self {
            pacing,
            platform,
            lanes: HashMap::new(),
        }
    }

    /// When `outgoing` may go, from `now`.
    pub fn next_slot(&self, outgoing: &Outgoing, now: Instant) -> Slot {
        let lane = key(&outgoing.destination).and_then(|key| self.lanes.get(&key));
        if let Some((_, at)) = lane
            .and_then(|lane| lane.closed)
            .filter(|(until, _)| now < *until)
        {
            return Slot::Behind(at);
        }
        if let Some(hold) = lane.and_then(|lane| lane.hold_for(outgoing.id, now)) {
            return Slot::Behind(hold.at);
        }
        let windows = lane.into_iter().flat_map(|lane| &lane.windows);
        let at = self
            .platform
            .iter()
            .chain(windows)
            .map(|window| window.next_free(now))
            .fold(now, Instant::max);
        Slot::At(at)
    }

    /// Counts `outgoing` as sent at `at` (a slot [`Pacer::next_slot`] gave, or later).
    pub fn record(&mut self, outgoing: &Outgoing, at: Instant) {
        for window in &mut self.platform {
            window.record(at);
        }
        if self.lanes.len() >= SWEEP_AT {
            self.lanes.retain(|_, lane| !lane.is_idle(at));
        }
        // A destination without rates needs a lane only while something holds it.
        let paced = key(&outgoing.destination)
            .is_some_and(|key| !self.rates(&key).is_empty() || self.lanes.contains_key(&key));
        if !paced {
            return;
        }
        if let Some(lane) = self.lane(&outgoing.destination) {
            for window in &mut lane.windows {
                window.record(at);
            }
        }
    }

    /// `outgoing` went back to the outbox to wait for its pace, due at `at` (`until` on
    /// the worker's clock): newer rows to its destination go behind it.
    pub fn hold(&mut self, outgoing: &Outgoing, until: Instant, at: DateTime<Utc>) {
        let Some(lane) = self.lane(&outgoing.destination) else {
            return;
        };
        let mut hold = Hold {
            last: outgoing.id,
            until,
            at,
        };
        if let Some(held) = lane.hold {
            hold.last = hold.last.max(held.last);
            if held.until > until {
                (hold.until, hold.at) = (held.until, held.at);
            }
        }
        lane.hold = Some(hold);
    }

    /// The platform asked that nothing more go to `outgoing`'s destination before
    /// `until` (`at` as the outbox has it): every row to it goes back, due then.
    pub fn close(&mut self, outgoing: &Outgoing, until: Instant, at: DateTime<Utc>) {
        if let Some(lane) = self.lane(&outgoing.destination) {
            lane.closed = match lane.closed {
                Some(closed) if closed.0 > until => Some(closed),
                _ => Some((until, at)),
            };
        }
    }

    /// `outgoing` went back behind the rows held for its destination
    /// ([`Slot::Behind`]): newer rows go behind it too.
    pub fn behind(&mut self, outgoing: &Outgoing) {
        if let Some(hold) = self
            .lane(&outgoing.destination)
            .and_then(|lane| lane.hold.as_mut())
        {
            hold.last = hold.last.max(outgoing.id);
        }
    }

    fn rates(&self, key: &Key) -> &[Rate] {
        match key {
            Key::Room(_) => &self.pacing.room,
            Key::Direct(_) => &self.pacing.direct,
        }
    }

    /// The lane of `destination`, made on first use; none for a role grant.
    fn lane(&mut self, destination: &Destination) -> Option<&mut Lane> {
        let key = key(destination)?;
        let rates = match key {
            Key::Room(_) => &self.pacing.room,
            Key::Direct(_) => &self.pacing.direct,
        };
        Some(self.lanes.entry(key).or_insert_with(|| Lane {
            windows: rates.iter().copied().map(Window::new).collect(),
            hold: None,
            closed: None,
        }))
    }
}

/// The destination windows a send counts against; none for a role grant. A request to
/// join, granted, goes in its member's private lane, behind the private messages queued
/// before it: letting them in may close the window in which the platform lets the bot
/// write to them (Telegram's join requests).
fn key(destination: &Destination) -> Option<Key> {
    match destination {
        Destination::Room(room) | Destination::Edit { room, .. } => Some(Key::Room(room.clone())),
        Destination::Direct(member) | Destination::Admit(member) => {
            Some(Key::Direct(member.clone()))
        }
        Destination::Role(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn room(id: &str) -> Destination {
        Destination::Room(id.to_owned())
    }

    /// Row `id` of the outbox, to `destination`.
    fn row(id: i64, destination: &Destination) -> Outgoing {
        Outgoing {
            id,
            platform: passerelle_core::model::Platform::Console,
            destination: destination.clone(),
            message: passerelle_core::reply::Message::text("hi"),
            attempt: 1,
            key: None,
        }
    }

    /// When row `id` to `destination` may go, from `start`.
    fn slot(pacer: &Pacer, id: i64, destination: &Destination, start: Instant) -> Instant {
        match pacer.next_slot(&row(id, destination), start) {
            Slot::At(at) => at,
            Slot::Behind(at) => panic!("held until {at}"),
        }
    }

    /// How long a send to `destination` would wait at `start`.
    fn wait(pacer: &Pacer, destination: &Destination, start: Instant) -> Duration {
        slot(pacer, 0, destination, start) - start
    }

    /// Sends `destinations` in turn, each at its first free slot: when each went, after
    /// `start`.
    fn send_all(pacer: &mut Pacer, start: Instant, destinations: &[Destination]) -> Vec<Duration> {
        (1..)
            .zip(destinations)
            .map(|(id, destination)| {
                let at = slot(pacer, id, destination, start);
                pacer.record(&row(id, destination), at);
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
        assert_eq!(wait(&pacer, &room("b"), start), Duration::ZERO);
        // An edit in a room counts against that room.
        let edit = Destination::Edit {
            room: "a".into(),
            message: "m1".into(),
        };
        assert_eq!(wait(&pacer, &edit, start), Duration::from_secs(3));
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
        assert_eq!(wait(&pacer, &grant, start), Duration::from_secs(3));
    }

    #[test]
    fn a_closed_destination_sends_every_row_back_until_it_opens() {
        let mut pacer = Pacer::new(Pacing::none());
        let start = Instant::now();
        let at = DateTime::<Utc>::MIN_UTC;
        pacer.close(&row(5, &room("a")), start + Duration::from_secs(8), at);
        // Older and newer rows alike, and only to that room.
        for id in [1, 9] {
            assert_eq!(
                pacer.next_slot(&row(id, &room("a")), start),
                Slot::Behind(at)
            );
        }
        assert_eq!(wait(&pacer, &room("b"), start), Duration::ZERO);
        let later = start + Duration::from_secs(8);
        assert_eq!(pacer.next_slot(&row(9, &room("a")), later), Slot::At(later));
    }

    #[test]
    fn letting_a_member_in_waits_for_the_private_messages_before_it() {
        let mut pacer = Pacer::new(Pacing::telegram());
        let start = Instant::now();
        let dm = Destination::Direct("amina".into());
        let admit = Destination::Admit("amina".into());
        let sends = send_all(&mut pacer, start, &[dm.clone(), dm, admit]);
        assert_eq!(sends, [0, 1, 2].map(Duration::from_secs));
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
    fn newer_rows_go_behind_the_rows_held_back() {
        let mut pacer = Pacer::new(Pacing::telegram());
        let start = Instant::now();
        let until = start + Duration::from_secs(40);
        let at = DateTime::from_timestamp(1_800_000_040, 0).unwrap();
        pacer.hold(&row(7, &room("group")), until, at);
        // Row 7 and older ones are not held by it; newer ones are, a while after it too.
        assert_eq!(wait(&pacer, &room("group"), start), Duration::ZERO);
        let newer = row(8, &room("group"));
        assert_eq!(pacer.next_slot(&newer, start), Slot::Behind(at));
        let just_after = until + Duration::from_secs(1);
        assert_eq!(pacer.next_slot(&newer, just_after), Slot::Behind(at));
        let long_after = until + HOLD_AFTER;
        assert_eq!(pacer.next_slot(&newer, long_after), Slot::At(long_after));
        // A newer row gone behind holds the ones after it, behind the same instant.
        pacer.behind(&newer);
        assert_eq!(slot(&pacer, 8, &room("group"), start), start);
        assert_eq!(
            pacer.next_slot(&row(9, &room("group")), start),
            Slot::Behind(at)
        );
        // Other rooms are free.
        assert_eq!(wait(&pacer, &room("other"), start), Duration::ZERO);
    }

    #[test]
    fn idle_destinations_are_forgotten() {
        let mut pacer = Pacer::new(Pacing::telegram());
        let start = Instant::now();
        for n in 0..SWEEP_AT {
            pacer.record(&row(1, &room(&format!("r{n}"))), start);
        }
        let later = start + Duration::from_secs(61);
        pacer.record(&row(2, &room("new")), later);
        assert_eq!(pacer.lanes.len(), 1);
        // Without rates, a destination takes no room at all.
        let mut unpaced = Pacer::new(Pacing::none());
        unpaced.record(&row(1, &room("a")), start);
        assert!(unpaced.lanes.is_empty());
    }
}
