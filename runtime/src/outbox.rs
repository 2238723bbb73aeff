//! The outbox worker every adapter shares: claims due rows with a lease, paces them,
//! hands each to the adapter's [`Deliver::send`] and records its verdict.
//!
//! An adapter says only how one message is sent on its platform and how a failure reads
//! ([`Failure`]); what is done about it is here, once: delivered rows are confirmed with
//! the platform's message ID, a 429 is retried when the platform asked (and counted), other
//! failures back off, permanent ones are set aside. Within a batch, the row that may go
//! first goes first; one whose destination has used up its pace for longer than
//! [`PACE_HORIZON`] goes back to the outbox untried, due when it may go, so that no lease
//! runs out while it waits, and newer rows to that destination go behind it.
//!
//! Deliveries are confirmed together: a message sent waits, unconfirmed, until the worker
//! is about to wait for a pace, ends its batch, or [`CONFIRM_WITHIN`] has passed since
//! the first one waiting started, and then all those leave the outbox in one statement. A
//! crash can therefore send again what went out in the last [`CONFIRM_WITHIN`] (as a
//! crash between a send and its confirmation always could for one message); a send that
//! takes longer (a platform's network round trip), or one that waited for its pace, is
//! confirmed before the next one starts, as before.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};
use passerelle_core::model::Platform;
use passerelle_core::outbox::Outgoing;
use passerelle_core::{Hub, HubError, StoreError};
use tokio::sync::{Notify, watch};
use tokio::time::Instant;

use crate::deliver::{Deliver, Failed, Failure, Sent};
use crate::metrics::{METRICS, Metrics};
use crate::pacing::{Pacer, Pacing, Slot};

/// A store error that ended a pass.
#[derive(Debug, thiserror::Error)]
pub enum OutboxError {
    #[error("cannot read the outbox: {0}")]
    Claim(StoreError),
    #[error("cannot confirm a delivery: {0}")]
    Confirm(HubError),
    #[error("cannot record how a delivery went: {0}")]
    Record(StoreError),
}

/// How many messages one claim takes at most, unless [`Outbox::batch`] says otherwise.
pub const BATCH: u32 = 20;
/// How long after the first unconfirmed send started the sends that followed it are
/// confirmed with it, while they go back to back.
pub const CONFIRM_WITHIN: Duration = Duration::from_millis(50);
/// The longest the worker sleeps: another process may queue something meanwhile.
const POLL: Duration = Duration::from_secs(5);
/// The shortest: a message due now but leased to another worker is not busy-waited on.
const MIN_WAIT: Duration = Duration::from_millis(250);
/// How long after a 429 without a delay the message is tried again.
const RATE_LIMIT_WAIT: Duration = Duration::from_secs(5);
/// How far past its claim a row may wait for its pace; later, it goes back untried, due
/// when it may go. Well within the lease, and the longest a batch keeps messages queued
/// after it waiting.
pub const PACE_HORIZON: Duration = Duration::from_secs(5);

/// What a worker did so far; clones share the counts, for metrics to read while it runs.
#[derive(Debug, Clone, Default)]
pub struct Counters(Arc<Counts>);

#[derive(Debug, Default)]
struct Counts {
    delivered: AtomicU64,
    rate_limited: AtomicU64,
    failed: AtomicU64,
    given_up: AtomicU64,
    deferred: AtomicU64,
}

impl Counters {
    /// Messages the platform took.
    pub fn delivered(&self) -> u64 {
        self.0.delivered.load(Ordering::Relaxed)
    }

    /// 429s that came despite the pacing (each retried when the platform asked).
    pub fn rate_limited(&self) -> u64 {
        self.0.rate_limited.load(Ordering::Relaxed)
    }

    /// Other failed tries, retried with backoff.
    pub fn failed(&self) -> u64 {
        self.0.failed.load(Ordering::Relaxed)
    }

    /// Messages set aside: refused for good, or out of tries.
    pub fn given_up(&self) -> u64 {
        self.0.given_up.load(Ordering::Relaxed)
    }

    /// Rows sent back untried to wait for their destination's pace.
    pub fn deferred(&self) -> u64 {
        self.0.deferred.load(Ordering::Relaxed)
    }
}

/// Adds one to `counter`: its new value.
fn bump(counter: &AtomicU64) -> u64 {
    counter.fetch_add(1, Ordering::Relaxed) + 1
}

/// How one batch ended.
enum Batch {
    /// Nothing was due.
    Empty,
    /// Rows were claimed and handled: more may be due.
    Handled,
    /// The adapter halted, or the worker is stopping.
    Stopped,
}

/// One platform's outbox worker on one hub.
#[derive(Debug)]
pub struct Outbox {
    hub: Hub,
    platform: Platform,
    worker: String,
    batch: u32,
    pacer: Pacer,
    counters: Counters,
    sent: Unconfirmed,
}

/// Messages sent whose confirmation waits to go with others'.
#[derive(Debug, Default)]
struct Unconfirmed {
    ids: Vec<i64>,
    since: Option<Instant>,
}

impl Outbox {
    /// The worker `worker` (unique among the processes on the database) for `platform`:
    /// [`BATCH`] rows per claim, no pacing.
    pub fn new(hub: Hub, platform: Platform, worker: impl Into<String>) -> Self {
        Self {
            hub,
            platform,
            worker: worker.into(),
            batch: BATCH,
            pacer: Pacer::new(Pacing::none()),
            counters: Counters::default(),
            sent: Unconfirmed::default(),
        }
    }

    /// Claims up to `batch` rows at a time.
    pub fn batch(mut self, batch: u32) -> Self {
        self.batch = batch.max(1);
        self
    }

    /// Keeps to `pacing`.
    pub fn pacing(mut self, pacing: Pacing) -> Self {
        self.pacer = Pacer::new(pacing);
        self
    }

    /// The worker's counts, shared: they go on counting after [`Outbox::run`] starts.
    pub fn counters(&self) -> Counters {
        self.counters.clone()
    }

    /// Delivers everything due by `now()` through `adapter`, batch after batch, until
    /// nothing due is left or the adapter halts; `now` is read again after every send,
    /// so a slow pass records its failures at the right time.
    pub async fn deliver_due(
        &mut self,
        adapter: &mut impl Deliver,
        now: impl Fn() -> DateTime<Utc>,
    ) -> Result<(), OutboxError> {
        while let Batch::Handled = self.deliver_batch(adapter, &now, None).await? {}
        Ok(())
    }

    /// Delivers as messages fall due until `shutdown` flips to true (or its sender is
    /// dropped), on the system clock: claims again at once while claims bring rows, else
    /// sleeps until the next row is due, at most 5 s, or until `wake` (the hub
    /// queued something). A store error is logged and tried again. A send under way
    /// finishes before it stops. Returns its counts.
    pub async fn run(
        mut self,
        mut adapter: impl Deliver,
        wake: Arc<Notify>,
        mut shutdown: watch::Receiver<bool>,
    ) -> Counters {
        while !*shutdown.borrow_and_update() {
            let now = crate::now();
            match self
                .deliver_batch(&mut adapter, &crate::now, Some(&mut shutdown))
                .await
            {
                Ok(Batch::Handled) => continue,
                Ok(Batch::Empty | Batch::Stopped) => {}
                Err(error) => tracing::warn!(%error, worker = self.worker, "outbox pass failed"),
            }
            let wait = match self.hub.store().next_due(self.platform).await {
                Ok(Some(at)) => until(at, now).clamp(MIN_WAIT, POLL),
                _ => POLL,
            };
            tokio::select! {
                () = tokio::time::sleep(wait) => {}
                () = wake.notified() => {}
                changed = shutdown.changed() => {
                    if changed.is_err() {
                        break;
                    }
                }
            }
        }
        self.counters
    }

    /// Claims one batch and delivers it, each row at its pace. With `shutdown`, a wait
    /// for pace ends when it flips, and the rows left go back untried.
    async fn deliver_batch(
        &mut self,
        adapter: &mut impl Deliver,
        now: &impl Fn() -> DateTime<Utc>,
        shutdown: Option<&mut watch::Receiver<bool>>,
    ) -> Result<Batch, OutboxError> {
        let store = self.hub.store();
        let mut rows = store
            .claim_outgoing(self.platform, &self.worker, now(), self.batch)
            .await
            .map_err(OutboxError::Claim)?;
        if rows.is_empty() {
            return Ok(Batch::Empty);
        }
        let horizon = Instant::now() + PACE_HORIZON;
        let ended = self
            .deliver_rows(&mut rows, adapter, now, horizon, shutdown)
            .await;
        // What was sent is confirmed even when a store error ended the batch.
        let confirmed = self.confirm_sent().await;
        let ended = ended?;
        confirmed?;
        Ok(ended)
    }

    /// Delivers `rows`, each at its pace, until none is left, the adapter halts or
    /// `shutdown` flips.
    async fn deliver_rows(
        &mut self,
        rows: &mut Vec<Outgoing>,
        adapter: &mut impl Deliver,
        now: &impl Fn() -> DateTime<Utc>,
        horizon: Instant,
        mut shutdown: Option<&mut watch::Receiver<bool>>,
    ) -> Result<Batch, OutboxError> {
        while let Some((index, slot)) = self.first_to_go(rows) {
            let outgoing = rows.remove(index);
            let slot = match slot {
                Slot::Behind(at) => {
                    self.pacer.behind(&outgoing);
                    self.release(&outgoing, at).await?;
                    continue;
                }
                Slot::At(slot) if slot > horizon => {
                    let at = at_instant(slot, now());
                    self.pacer.hold(&outgoing, slot, at);
                    self.release(&outgoing, at).await?;
                    continue;
                }
                Slot::At(slot) => slot,
            };
            if slot > Instant::now() {
                // Nothing sent waits through a pause for its confirmation.
                self.confirm_sent().await?;
            }
            if !pace(slot, shutdown.as_deref_mut()).await {
                let stopping = now();
                for left in std::iter::once(outgoing).chain(rows.drain(..)) {
                    self.release(&left, stopping).await?;
                }
                return Ok(Batch::Stopped);
            }
            self.pacer.record(&outgoing, Instant::now());
            let started = Instant::now();
            let sent = adapter.send(&outgoing).await;
            let done_at = now();
            if let Err(Failed {
                failure: Failure::RetryAfter(after),
                ..
            }) = &sent
            {
                // The platform asked to wait: the other rows to that place wait as long,
                // due when it is, in their order.
                let wait = after.unwrap_or(RATE_LIMIT_WAIT);
                self.pacer
                    .close(&outgoing, Instant::now() + wait, done_at + delta(wait));
            }
            if let Err(Failed {
                failure: Failure::Halt,
                error,
            }) = &sent
            {
                tracing::info!(id = outgoing.id, error, "the adapter halted");
                return Ok(Batch::Stopped);
            }
            self.record(&outgoing, sent, started, done_at).await?;
        }
        Ok(Batch::Handled)
    }

    /// The row of `rows` that may go first, and when: the earliest slot, the first
    /// claimed among equals, so that a destination's rows keep their order and a slow
    /// one does not hold up the others.
    fn first_to_go(&self, rows: &[Outgoing]) -> Option<(usize, Slot)> {
        let now = Instant::now();
        let when = |slot: &Slot| match slot {
            Slot::Behind(_) => now,
            Slot::At(at) => *at,
        };
        rows.iter()
            .map(|row| self.pacer.next_slot(row, now))
            .enumerate()
            .min_by_key(|(index, slot)| (when(slot), *index))
    }

    /// Sends `outgoing` back untried, due at `at`.
    async fn release(&self, outgoing: &Outgoing, at: DateTime<Utc>) -> Result<(), OutboxError> {
        bump(&self.counters.0.deferred);
        let store = self.hub.store();
        store
            .release(outgoing, &self.worker, at)
            .await
            .map_err(OutboxError::Record)?;
        tracing::debug!(id = outgoing.id, %at, "paced: back in the outbox until then");
        Ok(())
    }

    /// Confirms every message sent since the last confirmation, in one statement.
    async fn confirm_sent(&mut self) -> Result<(), OutboxError> {
        if self.sent.ids.is_empty() {
            return Ok(());
        }
        self.hub
            .store()
            .confirm_deliveries(&self.sent.ids)
            .await
            .map_err(|error| OutboxError::Confirm(error.into()))?;
        let count = self.sent.ids.len() as u64;
        self.counters
            .0
            .delivered
            .fetch_add(count, Ordering::Relaxed);
        Metrics::add(&METRICS.delivered, self.platform.as_str(), count);
        tracing::debug!(count, "delivered");
        self.sent = Unconfirmed::default();
        Ok(())
    }

    /// Records what became of a send that started at `started`.
    async fn record(
        &mut self,
        outgoing: &Outgoing,
        sent: Result<Sent, Failed>,
        started: Instant,
        now: DateTime<Utc>,
    ) -> Result<(), OutboxError> {
        let (failure, error) = match sent {
            Ok(_) if outgoing.key.is_none() => {
                // Nothing to remember of it: its confirmation goes with others'.
                let sent = &mut self.sent;
                sent.ids.push(outgoing.id);
                // Counted from the first one's start: a send slower than that is
                // confirmed at once, as before, and only quick ones wait for others.
                let since = *sent.since.get_or_insert(started);
                if since.elapsed() >= CONFIRM_WITHIN {
                    self.confirm_sent().await?;
                }
                return Ok(());
            }
            Ok(sent) => {
                let posted = match &sent {
                    Sent::Message(id) => id.as_str(),
                    Sent::Done => "",
                };
                self.hub
                    .confirm_posted(outgoing, posted, now)
                    .await
                    .map_err(OutboxError::Confirm)?;
                bump(&self.counters.0.delivered);
                Metrics::count(&METRICS.delivered, outgoing.platform.as_str());
                tracing::debug!(id = outgoing.id, "delivered");
                return Ok(());
            }
            Err(Failed { failure, error }) => (failure, error),
        };
        let store = self.hub.store();
        let (worker, counts) = (self.worker.as_str(), &self.counters.0);
        let platform = outgoing.platform.as_str();
        match failure {
            Failure::RetryAfter(_) => Metrics::count(&METRICS.rate_limited, platform),
            Failure::Transient => Metrics::count(&METRICS.retried, platform),
            Failure::Permanent | Failure::Later(_) | Failure::Halt => {}
        }
        let outcome = match failure {
            Failure::RetryAfter(after) => {
                let at = now + delta(after.unwrap_or(RATE_LIMIT_WAIT));
                let total = bump(&counts.rate_limited);
                tracing::info!(id = outgoing.id, %at, total, "rate-limited (429) despite pacing");
                store
                    .report_rate_limited(outgoing, worker, &error, at, now)
                    .await
            }
            Failure::Transient => {
                bump(&counts.failed);
                store.report_failure(outgoing, worker, &error, now).await
            }
            Failure::Later(after) => {
                bump(&counts.deferred);
                store.release(outgoing, worker, now + delta(after)).await
            }
            // A halt is never recorded: it does not get here.
            Failure::Permanent | Failure::Halt => {
                store
                    .report_permanent_failure(outgoing, worker, &error, now)
                    .await
            }
        }
        .map_err(OutboxError::Record)?;
        if outcome == passerelle_core::store::FailureOutcome::GivenUp {
            bump(&counts.given_up);
            Metrics::count(&METRICS.given_up, platform);
        }
        tracing::info!(id = outgoing.id, ?outcome, error, "delivery failed");
        Ok(())
    }
}

/// Waits until `slot`; `false` when `shutdown` flipped (or was dropped) first.
async fn pace(slot: Instant, shutdown: Option<&mut watch::Receiver<bool>>) -> bool {
    if slot <= Instant::now() {
        return true;
    }
    let Some(shutdown) = shutdown else {
        tokio::time::sleep_until(slot).await;
        return true;
    };
    tokio::select! {
        () = tokio::time::sleep_until(slot) => true,
        _ = shutdown.wait_for(|stop| *stop) => false,
    }
}

/// The wall-clock instant of `slot`, with `now` read at this moment.
fn at_instant(slot: Instant, now: DateTime<Utc>) -> DateTime<Utc> {
    now + delta(slot.saturating_duration_since(Instant::now()))
}

fn delta(duration: Duration) -> TimeDelta {
    TimeDelta::from_std(duration).unwrap_or(TimeDelta::MAX)
}

fn until(at: DateTime<Utc>, now: DateTime<Utc>) -> Duration {
    (at - now).to_std().unwrap_or_default()
}
