//! [`Hub::tick`]: the hub's periodic work, due reminders, welcome-team nudges and rules
//! reminders, and pruning what it no longer needs to remember.

use chrono::{DateTime, TimeDelta, Utc};

use crate::hub::{Hub, HubError};

/// What a tick did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TickReport {
    /// Reminders sent (each to everyone going).
    pub sent: usize,
    /// Reminders dropped: their date had started or was cancelled.
    pub dropped: usize,
    /// Direct messages queued.
    pub messages: usize,
    /// When each reminder handled was due, to measure how late it went.
    pub due: Vec<DateTime<Utc>>,
    /// The claim was full: more reminders may be due, tick again.
    pub more: bool,
    /// Welcome-team nudges and rules reminders sent.
    pub nudges: usize,
}

/// How long a handled event is remembered: a replay from further back (a bot that was
/// down for longer, its sync handed out again) is not expected.
const HANDLED_KEPT: TimeDelta = TimeDelta::days(7);
/// How long a message the outbox gave up on stays, for whoever looks into why.
const GIVEN_UP_KEPT: TimeDelta = TimeDelta::days(30);
/// How long expired link codes and counts of wrong codes stay: a code lives ten minutes
/// and a lock as long; a day later nothing reads them.
const LINKS_KEPT: TimeDelta = TimeDelta::days(1);
/// How often a process's ticks prune at most: what they forget is days old, and a tick
/// comes every few seconds.
const PRUNE_EVERY: TimeDelta = TimeDelta::minutes(10);

impl Hub {
    /// Sends up to `limit` reminders due at `now`, claimed as `worker`: each is marked
    /// done in the transaction that queues its messages. Call it again at once while
    /// `more` is set, and then every few seconds (and at start, to catch up after
    /// downtime); several processes may call it at the same time.
    pub async fn tick(
        &self,
        worker: &str,
        now: DateTime<Utc>,
        limit: u32,
    ) -> Result<TickReport, HubError> {
        let due = self
            .store
            .claim_reminders(self.community_id, worker, now, limit)
            .await?;
        let mut report = TickReport {
            more: due.len() >= limit as usize,
            nudges: self.send_nudges(now).await? + self.send_rules_reminders(now).await?,
            ..TickReport::default()
        };
        self.send_reminders(due, worker, now, &mut report).await?;
        if !report.more && self.prune_due(now) {
            self.prune(now).await?;
        }
        Ok(report)
    }

    /// Whether a tick at `now` should prune: the first, and then one [`PRUNE_EVERY`] on
    /// (or a clock set back). Notes `now` as the last when it says so.
    fn prune_due(&self, now: DateTime<Utc>) -> bool {
        use std::sync::atomic::Ordering;
        let now = now.timestamp_millis();
        let last = self.pruned_at.load(Ordering::Acquire);
        let due = last == i64::MIN || now < last || now - last >= PRUNE_EVERY.num_milliseconds();
        due && self
            .pruned_at
            .compare_exchange(last, now, Ordering::AcqRel, Ordering::Acquire)
            .is_ok()
    }

    /// Forgets what the hub no longer needs, so that nothing grows without bound: handled
    /// events, messages given up on, expired link codes, adapter values kept for a while.
    /// Delivered messages leave the outbox when they are confirmed; leases are columns of
    /// the rows they lease.
    async fn prune(&self, now: DateTime<Utc>) -> Result<(), HubError> {
        self.store.prune_handled(now - HANDLED_KEPT).await?;
        self.store.prune_given_up(now - GIVEN_UP_KEPT).await?;
        self.store.prune_links(now - LINKS_KEPT).await?;
        self.store.prune_adapter_values(now).await?;
        Ok(())
    }

    /// [`Hub::tick`] until nothing due is left at `now`; adds up what was done.
    pub async fn tick_all(&self, worker: &str, now: DateTime<Utc>) -> Result<TickReport, HubError> {
        /// How many reminders one claim takes.
        const BATCH: u32 = 200;
        let mut total = TickReport::default();
        loop {
            let report = self.tick(worker, now, BATCH).await?;
            total.sent += report.sent;
            total.dropped += report.dropped;
            total.messages += report.messages;
            total.nudges += report.nudges;
            total.due.extend(report.due);
            if !report.more {
                return Ok(total);
            }
        }
    }
}
