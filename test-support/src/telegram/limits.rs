//! Telegram's flood limits, kept when a test asks ([`Limits::telegram`]): about one
//! message a second per chat, 20 a minute per group, 30 a second in all (the Bot API
//! FAQ). Each is a sliding window over the messages the fake accepted (`send*` and
//! `editMessage*` calls); one more than a window allows gets a 429 whose `retry_after`
//! is the whole seconds until the window has room.

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

/// At most `messages` in any `per`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    pub messages: usize,
    pub per: Duration,
}

impl Rate {
    pub const fn new(messages: usize, per: Duration) -> Rate {
        Rate { messages, per }
    }
}

/// The limits the fake keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Any one chat, private or group.
    pub per_chat: Rate,
    /// A group, supergroup or channel (a negative chat ID), on top of `per_chat`.
    pub per_group: Rate,
    /// Every chat together.
    pub global: Rate,
    /// How much shorter than its `per` each window is measured: a send paced exactly
    /// at the limit arrives with a little jitter from the client's clock to the fake's.
    pub slack: Duration,
}

impl Limits {
    /// Telegram's: 1/s per chat, 20/min per group, 30/s in all, with 50 ms of slack.
    pub fn telegram() -> Limits {
        Limits {
            per_chat: Rate::new(1, Duration::from_secs(1)),
            per_group: Rate::new(20, Duration::from_secs(60)),
            global: Rate::new(30, Duration::from_secs(1)),
            slack: Duration::from_millis(50),
        }
    }
}

/// Whether `method` sends (or changes) a message, and so counts against the limits.
pub(crate) fn counts(method: &str) -> bool {
    method.starts_with("send") || method.starts_with("editMessage")
}

/// The messages accepted recently, per chat and in all.
#[derive(Debug)]
pub(crate) struct Limiter {
    limits: Limits,
    chats: HashMap<i64, VecDeque<Instant>>,
    all: VecDeque<Instant>,
}

impl Limiter {
    pub fn new(limits: Limits) -> Limiter {
        Limiter {
            limits,
            chats: HashMap::new(),
            all: VecDeque::new(),
        }
    }

    /// Whether a message to `chat` may go `now`: `Err` with the seconds to wait if a
    /// window is full. A message that may go is not counted until [`Limiter::record`].
    pub fn check(&self, chat: i64, now: Instant) -> Result<(), u32> {
        let limits = &self.limits;
        let mut windows = vec![(limits.global, &self.all)];
        let sent = self.chats.get(&chat);
        if let Some(sent) = sent {
            windows.push((limits.per_chat, sent));
            if chat < 0 {
                windows.push((limits.per_group, sent));
            }
        }
        let wait = windows
            .into_iter()
            .filter_map(|(rate, sent)| self.wait(rate, sent, now))
            .max();
        match wait {
            None => Ok(()),
            Some(wait) => Err(wait.as_secs_f64().ceil().max(1.0) as u32),
        }
    }

    /// A message to `chat` accepted at `now`.
    pub fn record(&mut self, chat: i64, now: Instant) {
        let keep = self.limits.per_group.per.max(self.limits.per_chat.per);
        let sent = self.chats.entry(chat).or_default();
        sent.push_back(now);
        while sent
            .front()
            .is_some_and(|at| now.duration_since(*at) > keep)
        {
            sent.pop_front();
        }
        self.all.push_back(now);
        while self
            .all
            .front()
            .is_some_and(|at| now.duration_since(*at) > self.limits.global.per)
        {
            self.all.pop_front();
        }
    }

    /// How long until `sent` has room under `rate`, if it has none `now`.
    fn wait(&self, rate: Rate, sent: &VecDeque<Instant>, now: Instant) -> Option<Duration> {
        let window = rate.per.saturating_sub(self.limits.slack);
        let recent: Vec<&Instant> = sent
            .iter()
            .filter(|at| now.duration_since(**at) < window)
            .collect();
        if recent.len() < rate.messages {
            return None;
        }
        // The window has room once enough of the recent ones have left it.
        let freeing = recent[recent.len() - rate.messages];
        Some((*freeing + window).saturating_duration_since(now))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chat_gets_one_a_second_and_a_group_twenty_a_minute() {
        let mut limiter = Limiter::new(Limits::telegram());
        let start = Instant::now();
        assert_eq!(limiter.check(7, start), Ok(()));
        limiter.record(7, start);
        assert_eq!(limiter.check(7, start + Duration::from_millis(500)), Err(1));
        assert_eq!(limiter.check(8, start + Duration::from_millis(500)), Ok(()));
        assert_eq!(limiter.check(7, start + Duration::from_millis(960)), Ok(()));

        let group = -100;
        for second in 0..20 {
            let at = start + Duration::from_secs(second);
            assert_eq!(limiter.check(group, at), Ok(()), "message {second}");
            limiter.record(group, at);
        }
        let at = start + Duration::from_secs(20);
        assert_eq!(limiter.check(group, at), Err(40));
        assert_eq!(
            limiter.check(group, start + Duration::from_secs(60)),
            Ok(())
        );
    }

    #[test]
    fn thirty_a_second_in_all() {
        let mut limiter = Limiter::new(Limits::telegram());
        let start = Instant::now();
        for chat in 0..30 {
            assert_eq!(limiter.check(chat, start), Ok(()));
            limiter.record(chat, start);
        }
        assert_eq!(limiter.check(99, start), Err(1));
    }
}
