//! Discord's rate limits, kept when a test asks ([`Limits::discord`]), as the "Rate Limits"
//! page of discord-api-docs states them: `POST /channels/{id}/messages` is a per-route
//! bucket of 5 messages per 5 s, counted per channel (its top-level resource), and a bot
//! makes at most 50 requests a second in all (the global limit), except on the interaction
//! endpoints (`POST /interactions/{id}/{token}/callback` and the webhooks of an interaction's
//! token, `/webhooks/{application_id}/{token}/…`), which that limit does not bind.
//!
//! Each limit is a fixed window, as Discord's buckets behave and their headers say: a
//! window opens at the first request that finds none open, lets `messages` requests through,
//! and closes `per` later, when the whole count comes back at once (`X-RateLimit-Reset`,
//! `X-RateLimit-Reset-After`), not one request at a time as a sliding window would.
//! So 5 posts at 4.9 s and 5 more at 5.0 s all pass, as on Discord; a client pacing itself
//! by a sliding window (as Passerelle's outbox does) never exceeds it. A window closes
//! [`SLACK`] early: a client pacing exactly at the limit by its own clock sends with a
//! little jitter from its clock to the fake's.
//!
//! A request the limits refuse is not counted, so waiting its `retry_after` is enough; a
//! request refused by its channel's bucket was let through the global limit, and counts
//! there. Requests failed by a test's injected failure are not seen by the limits.

use std::collections::HashMap;
use std::time::{Duration, Instant};

/// At most `messages` (here: requests) in one window of `per`: the Telegram fake's.
pub use crate::telegram::Rate;

/// How much shorter than its `per` a window is: the jitter a client's pacing may have.
pub const SLACK: Duration = Duration::from_millis(50);

/// The limits the fake keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Messages posted in one channel (`POST /channels/{id}/messages`, DMs included).
    pub per_channel: Rate,
    /// Every request of the bot, interaction endpoints excepted.
    pub global: Rate,
}

impl Limits {
    /// Discord's: 5 messages per 5 s per channel, 50 requests a second in all.
    pub fn discord() -> Limits {
        Limits {
            per_channel: Rate::new(5, Duration::from_secs(5)),
            global: Rate::new(50, Duration::from_secs(1)),
        }
    }
}

/// A request as the limits see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Request {
    /// Whether the global limit binds it (not on the interaction endpoints).
    pub global: bool,
    /// The channel of a message post.
    pub channel: Option<u64>,
}

impl Request {
    /// `method` on `path` (after `/api/v10`), by the application `application_id`.
    pub fn of(method: &str, path: &str, application_id: u64) -> Request {
        let segments: Vec<&str> = path.split('/').skip(1).collect();
        let interaction = match segments.as_slice() {
            ["interactions", ..] => true,
            ["webhooks", application, _, ..] => application.parse() == Ok(application_id),
            _ => false,
        };
        let channel = match (method, segments.as_slice()) {
            ("POST", ["channels", channel, "messages"]) => channel.parse().ok(),
            _ => None,
        };
        Request {
            global: !interaction,
            channel,
        }
    }
}

/// A bucket's state as its headers give it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Bucket {
    pub limit: usize,
    pub remaining: usize,
    /// Until the window closes and `remaining` is `limit` again.
    pub reset_after: Duration,
}

/// Why a request was refused: the limit it met (`global` or its channel's) and how long
/// until that limit lets it through; its channel's bucket, if it is a message post.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Refused {
    pub global: bool,
    pub retry_after: Duration,
    pub bucket: Option<Bucket>,
}

/// One fixed window: when it opened and how many it let through.
#[derive(Debug, Clone, Copy)]
struct Window {
    opened: Instant,
    used: usize,
}

impl Window {
    /// The window open at `now` under `rate` (a new, empty one if the last has closed).
    fn at(last: Option<Window>, rate: Rate, now: Instant) -> Window {
        match last {
            Some(window) if now < window.closes(rate) => window,
            _ => Window {
                opened: now,
                used: 0,
            },
        }
    }

    fn closes(&self, rate: Rate) -> Instant {
        self.opened + rate.per.saturating_sub(SLACK)
    }

    fn full(&self, rate: Rate) -> bool {
        self.used >= rate.messages
    }

    fn bucket(&self, rate: Rate, now: Instant) -> Bucket {
        Bucket {
            limit: rate.messages,
            remaining: rate.messages.saturating_sub(self.used),
            reset_after: self.closes(rate).saturating_duration_since(now),
        }
    }
}

/// The open windows, per channel and in all.
#[derive(Debug)]
pub(crate) struct Limiter {
    limits: Limits,
    channels: HashMap<u64, Window>,
    all: Option<Window>,
}

impl Limiter {
    pub fn new(limits: Limits) -> Limiter {
        Limiter {
            limits,
            channels: HashMap::new(),
            all: None,
        }
    }

    /// Lets `request` through at `now` and counts it, with its channel's bucket after it
    /// (for a message post), or refuses it.
    pub fn admit(&mut self, request: Request, now: Instant) -> Result<Option<Bucket>, Refused> {
        let Limits {
            per_channel,
            global,
        } = self.limits;
        let channel = request.channel.map(|c| {
            (
                c,
                Window::at(self.channels.get(&c).copied(), per_channel, now),
            )
        });
        let bucket = |window: &Window| window.bucket(per_channel, now);
        if request.global {
            let mut all = Window::at(self.all, global, now);
            if all.full(global) {
                return Err(Refused {
                    global: true,
                    retry_after: all.closes(global).saturating_duration_since(now),
                    bucket: channel.map(|(_, window)| bucket(&window)),
                });
            }
            all.used += 1;
            self.all = Some(all);
        }
        let Some((id, mut window)) = channel else {
            return Ok(None);
        };
        if window.full(per_channel) {
            return Err(Refused {
                global: false,
                retry_after: window.closes(per_channel).saturating_duration_since(now),
                bucket: Some(bucket(&window)),
            });
        }
        window.used += 1;
        self.channels.insert(id, window);
        Ok(Some(bucket(&window)))
    }
}

/// A wait in seconds as Discord writes it: a float, rounded up to the millisecond (so that
/// waiting it is always enough).
pub(crate) fn seconds(wait: Duration) -> f64 {
    wait.as_nanos().div_ceil(1_000_000) as f64 / 1000.0
}
