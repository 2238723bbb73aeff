//! What runs the hub inside a process, shared by every adapter: the real clock, the
//! reminder scheduler, the outbox worker with its pacing, and the incoming path.
//!
//! The core never reads the clock and never sleeps: every call takes `now`. This crate is
//! where the process's clock is read ([`now`]) and where time passes: [`run_reminders`]
//! ticks the hub as reminders fall due, sleeping in between; [`Outbox`] delivers what the
//! hub queued through an adapter's [`Deliver`], at the pace of [`Pacing`]; and
//! [`incoming::handle`] takes one event through the hub to the adapter's [`Here`].
//! Several processes may run them on one database; the core's leases send each reminder
//! and each message once. No chat platform crate is a dependency: adapters bring those.

pub mod deliver;
mod guard;
pub mod health;
pub mod hooks;
pub mod incoming;
pub mod lease;
pub mod lock;
pub mod metrics;
pub mod outbox;
pub mod pacing;
pub mod section;

pub use deliver::{Deliver, Failed, Failure, Sent};
pub use health::Health;
pub use incoming::{Answer, Handled, Here};
pub use metrics::METRICS;
pub use outbox::{Counters, Outbox, OutboxError};
pub use pacing::{Pacer, Pacing, Rate, Slot};

use std::time::Duration;

use chrono::{DateTime, Utc};
use passerelle_core::hub::TickReport;
use passerelle_core::{Hub, HubError};
use tokio::sync::watch;
use tokio::time::Instant;

/// The current instant, from the system clock: what a process hands the hub as `now`.
pub fn now() -> DateTime<Utc> {
    Utc::now()
}

/// How the reminder scheduler paces itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SchedulerSettings {
    /// The longest it sleeps: another process may plan an earlier reminder meanwhile.
    /// After a store error, it tries again this much later.
    pub poll: Duration,
    /// How many reminders one tick claims at most.
    pub batch: u32,
}

impl Default for SchedulerSettings {
    fn default() -> Self {
        Self {
            poll: Duration::from_secs(5),
            batch: 500,
        }
    }
}

/// What a scheduler did, returned when it stops.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SchedulerStats {
    /// Ticks that went through, empty ones included.
    pub ticks: u64,
    /// Reminders sent.
    pub sent: u64,
    /// Reminders dropped (their date had started, or was cancelled).
    pub dropped: u64,
    /// Direct messages queued for the reminders sent.
    pub messages: u64,
    /// Store errors it carried on after.
    pub errors: u64,
}

impl SchedulerStats {
    fn record(&mut self, report: &TickReport) {
        self.ticks += 1;
        self.sent += report.sent as u64;
        self.dropped += report.dropped as u64;
        self.messages += report.messages as u64;
    }
}

/// One tick as [`run_reminders_with`] shows it to its observer.
#[derive(Debug)]
pub struct Tick {
    /// The instant handed to the hub.
    pub started: DateTime<Utc>,
    /// When the tick returned: its reminders' messages were queued by then.
    pub finished: DateTime<Utc>,
    pub report: TickReport,
}

/// How soon to look again when a reminder could be taken at the last tick yet is still
/// pending: another worker claimed it meanwhile, or the claim was full.
const HELD_RETRY: Duration = Duration::from_millis(250);

/// Sends reminders as they fall due until `shutdown` flips to true (or its sender is
/// dropped), as `worker`.
///
/// Ticks at once while a tick finds more due, then sleeps until the next reminder is due,
/// at most `settings.poll`. A store error is logged and tried again after `poll`, since a
/// database blip must not stop reminders; only a first tick failing for another reason
/// (a closed store, a query the database refuses) is returned, as it means the hub cannot
/// work at all. A tick under way finishes before it stops.
pub async fn run_reminders(
    hub: Hub,
    worker: String,
    settings: SchedulerSettings,
    shutdown: watch::Receiver<bool>,
) -> Result<SchedulerStats, HubError> {
    run_reminders_with(hub, worker, settings, shutdown, |_| {}).await
}

/// [`run_reminders`], calling `on_tick` after every tick that went through: for metrics,
/// and to measure how late reminders go.
pub async fn run_reminders_with(
    hub: Hub,
    worker: String,
    settings: SchedulerSettings,
    mut shutdown: watch::Receiver<bool>,
    mut on_tick: impl FnMut(&Tick),
) -> Result<SchedulerStats, HubError> {
    let mut stats = SchedulerStats::default();
    while !*shutdown.borrow_and_update() {
        let started = Instant::now();
        let now = Utc::now();
        let wait = match hub.tick(&worker, now, settings.batch).await {
            Ok(report) => {
                stats.record(&report);
                let finished = Utc::now();
                METRICS.reminders_sent.inc_by(report.sent as u64);
                for due in &report.due {
                    let late = (finished - *due).to_std().unwrap_or_default();
                    METRICS
                        .reminder_lateness_seconds
                        .observe(late.as_secs_f64());
                }
                if report.sent + report.dropped > 0 {
                    tracing::debug!(worker, report.sent, report.dropped, "reminders handled");
                }
                let more = report.more;
                on_tick(&Tick {
                    started: now,
                    finished: Utc::now(),
                    report,
                });
                if more {
                    Duration::ZERO
                } else {
                    match hub.next_reminder_due().await {
                        Ok(next) => sleep_for(now, next, settings.poll),
                        Err(error) => {
                            stats.errors += 1;
                            tracing::warn!(%error, worker, "cannot tell when the next reminder is due");
                            settings.poll
                        }
                    }
                }
            }
            Err(error) if stats.ticks == 0 && !error.may_pass() => return Err(error),
            Err(error) => {
                stats.errors += 1;
                tracing::warn!(
                    %error,
                    worker,
                    retry_in = ?settings.poll,
                    "cannot send reminders, trying again"
                );
                settings.poll
            }
        };
        tokio::select! {
            () = tokio::time::sleep_until(started + wait) => {}
            changed = shutdown.changed() => {
                if changed.is_err() {
                    break;
                }
            }
        }
    }
    Ok(stats)
}

/// How long to sleep after a tick at `ticked_at` that claimed everything due then, when
/// the earliest pending reminder can be taken at `next_due` (when it is due, or when
/// another worker's lease on it runs out): until then, at most `poll`. One that could be
/// taken by `ticked_at` yet is still pending: look again soon.
fn sleep_for(
    ticked_at: DateTime<Utc>,
    next_due: Option<DateTime<Utc>>,
    poll: Duration,
) -> Duration {
    match next_due {
        None => poll,
        Some(due) if due > ticked_at => (due - ticked_at)
            .to_std()
            .map_or(poll, |until_due| until_due.min(poll)),
        Some(_) => HELD_RETRY.min(poll),
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeDelta;
    use passerelle_core::Store;
    use passerelle_core::events::EventSettings;
    use passerelle_core::events::reminders::plan;
    use passerelle_core::events::{Answer, EventDetails, Occurrence};
    use passerelle_core::lang::Lang;
    use passerelle_core::model::{Community, Identity, Platform};

    use super::*;

    const POLL: Duration = Duration::from_secs(5);

    fn at(seconds: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000 + seconds, 0).unwrap()
    }

    #[test]
    fn it_sleeps_until_the_next_reminder_is_due() {
        assert_eq!(sleep_for(at(0), Some(at(2)), POLL), Duration::from_secs(2));
        let soon = at(0) + TimeDelta::milliseconds(1);
        assert_eq!(sleep_for(at(0), Some(soon), POLL), Duration::from_millis(1));
    }

    #[test]
    fn it_never_sleeps_longer_than_poll() {
        assert_eq!(sleep_for(at(0), Some(at(3600)), POLL), POLL);
        assert_eq!(sleep_for(at(0), None, POLL), POLL);
    }

    #[test]
    fn a_reminder_due_but_not_claimed_is_looked_at_again_soon() {
        assert_eq!(sleep_for(at(10), Some(at(10)), POLL), HELD_RETRY);
        assert_eq!(sleep_for(at(10), Some(at(-50)), POLL), HELD_RETRY);
        let short = Duration::from_millis(100);
        assert_eq!(sleep_for(at(10), Some(at(0)), short), short);
    }

    async fn hub(reminders: Vec<TimeDelta>) -> Hub {
        let community = Community {
            slug: "runtime".into(),
            name: "Runtime".into(),
            language: Lang::En,
            time_zone: chrono_tz::Europe::Paris,
            rooms: Vec::new(),
            events: EventSettings {
                reminders,
                ..EventSettings::default()
            },
            faq: Default::default(),
            onboarding: Default::default(),
            public_url: None,
        };
        let store = Store::open("sqlite::memory:").await.unwrap();
        Hub::open(store, community, now()).await.unwrap()
    }

    #[tokio::test]
    async fn a_first_tick_that_fails_is_returned() {
        let hub = hub(vec![TimeDelta::hours(1)]).await;
        hub.store().close().await;
        let (_stop, shutdown) = watch::channel(false);
        let result = run_reminders(hub, "w".into(), SchedulerSettings::default(), shutdown).await;
        assert!(result.is_err());
    }

    #[tokio::test]
    async fn it_does_nothing_once_shut_down() {
        let hub = hub(vec![TimeDelta::hours(1)]).await;
        let (_stop, shutdown) = watch::channel(true);
        let stats = run_reminders(hub, "w".into(), SchedulerSettings::default(), shutdown)
            .await
            .unwrap();
        assert_eq!(stats, SchedulerStats::default());
    }

    #[tokio::test]
    async fn due_reminders_are_sent_until_shutdown() {
        // A reminder 3 h before an event in 2 h: due already, and the event is ahead.
        let hub = hub(vec![TimeDelta::hours(3)]).await;
        let store = hub.store();
        let community = store.sync_community(hub.community(), now()).await.unwrap();
        let bob = Identity {
            platform: Platform::Console,
            user_id: "bob".into(),
            display_name: "Bob".into(),
        };
        let bob = store.ensure_member(community, &bob, now()).await.unwrap();
        let start = now() + TimeDelta::hours(2);
        let details = EventDetails {
            title: "Picnic".into(),
            description: None,
            place: None,
            start,
            zone: chrono_tz::Europe::Paris,
            duration: TimeDelta::hours(2),
            capacity: None,
            rsvp_until: None,
            repeat: None,
            reminders: None,
        };
        let event = store
            .create_event(community, &details, bob.id, now())
            .await
            .unwrap();
        store
            .rsvp(event, 0, bob.id, Answer::Yes, now())
            .await
            .unwrap();
        let planned = plan(Occurrence { index: 0, start }, &[TimeDelta::hours(3)], None);
        store.add_reminders(&[(event, planned)]).await.unwrap();

        let (stop, shutdown) = watch::channel(false);
        let stats = run_reminders_with(
            hub.clone(),
            "w".into(),
            SchedulerSettings::default(),
            shutdown,
            |tick| {
                if tick.report.sent > 0 {
                    stop.send_replace(true);
                }
            },
        )
        .await
        .unwrap();
        assert_eq!((stats.sent, stats.dropped, stats.messages), (1, 0, 1));
        assert_eq!(hub.next_reminder_due().await.unwrap(), None);
    }
}
