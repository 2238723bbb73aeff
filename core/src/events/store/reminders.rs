//! Reminder rows: planned, claimed with a lease, then marked sent or dropped in the same
//! transaction that queues their messages.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, TimeDelta, Utc};

use crate::events::EventId;
use crate::events::reminders::{self, DueReminder, Planned};
use crate::model::{CommunityId, MemberId};
use crate::outbox::NewOutgoing;
use crate::store::queue::insert_outgoing;
use crate::store::{Pool, Store, StoreError, from_millis, ids_json, on_conn, to_millis};

const INSERT: &str = "INSERT INTO reminders (event_id, occurrence, minutes_before, due_at)
     VALUES ($1, $2, $3, $4) ON CONFLICT (event_id, occurrence, minutes_before) DO NOTHING";

/// Inserts planned reminders in a transaction; those already there are kept as they are.
macro_rules! insert_planned {
    ($tx:expr, $event:expr, $planned:expr) => {
        for planned in $planned {
            sqlx::query(INSERT)
                .bind($event.0)
                .bind(planned.occurrence)
                .bind(planned.before.num_minutes())
                .bind(to_millis(planned.due))
                .execute(&mut *$tx)
                .await?;
        }
    };
}

/// Claims due reminders of one community that are not done and not under a live lease.
macro_rules! claim_sql {
    ($lock:literal) => {
        concat!(
            "UPDATE reminders SET claimed_by = $1, claimed_until = $2
             WHERE id IN (SELECT id FROM reminders
                 WHERE done_at IS NULL AND due_at <= $3
                   AND (claimed_until IS NULL OR claimed_until <= $3)
                   AND EXISTS (SELECT 1 FROM events e
                               WHERE e.id = reminders.event_id AND e.community_id = $4)
                 ORDER BY due_at, id LIMIT $5 ",
            $lock,
            ") RETURNING id, event_id, occurrence, minutes_before, due_at"
        )
    };
}

const CLAIM_SQLITE: &str = claim_sql!("");
const CLAIM_POSTGRES: &str = claim_sql!("FOR UPDATE SKIP LOCKED");

/// A claimed reminder handled: what became of it, and the next date's reminders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finished {
    pub reminder: DueReminder,
    pub outcome: ReminderOutcome,
    pub next: Vec<Planned>,
}

/// What became of a claimed reminder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReminderOutcome {
    /// Sent as these messages.
    Sent(Vec<NewOutgoing>),
    /// Not worth sending (the date started, or was cancelled).
    Dropped,
}

impl Store {
    /// Replaces the event's reminders not yet due at `now` for dates from number `from`
    /// on with `planned` (those due and not sent yet still go). With `forget_sent`, every
    /// reminder of those dates is forgotten, so a moved date is reminded again.
    pub async fn plan_reminders(
        &self,
        event: EventId,
        from: i64,
        planned: &[Planned],
        forget_sent: bool,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        const FORGET: &str = "DELETE FROM reminders
             WHERE event_id = $1 AND occurrence >= $2
               AND ((done_at IS NULL AND due_at > $4) OR $3)";
        on_conn!(self, |conn| {
            let mut tx = conn.begin().await?;
            sqlx::query(FORGET)
                .bind(event.0)
                .bind(from)
                .bind(forget_sent)
                .bind(to_millis(now))
                .execute(&mut *tx)
                .await?;
            insert_planned!(tx, event, planned);
            tx.commit().await?;
        });
        Ok(())
    }

    /// Adds reminders not planned yet, for each event listed, in one transaction; those
    /// already there (sent or not) are kept.
    pub async fn add_reminders(
        &self,
        planned: &[(EventId, Vec<Planned>)],
    ) -> Result<(), StoreError> {
        on_conn!(self, |conn| {
            let mut tx = conn.begin().await?;
            for (event, planned) in planned {
                insert_planned!(tx, event, planned);
            }
            tx.commit().await?;
        });
        Ok(())
    }

    /// Claims up to `limit` reminders due at `now`, earliest first, for
    /// [`reminders::LEASE`]. Two workers never hold the same reminder at once.
    pub async fn claim_reminders(
        &self,
        community: CommunityId,
        worker: &str,
        now: DateTime<Utc>,
        limit: u32,
    ) -> Result<Vec<DueReminder>, StoreError> {
        let sql = match self.pool {
            Pool::Sqlite(_) => CLAIM_SQLITE,
            Pool::Postgres(_) => CLAIM_POSTGRES,
        };
        let rows: Vec<(i64, i64, i64, i64, i64)> = on_conn!(self, |conn| {
            sqlx::query_as(sql)
                .bind(worker)
                .bind(to_millis(now + reminders::LEASE))
                .bind(to_millis(now))
                .bind(community.0)
                .bind(i64::from(limit))
                .fetch_all(&mut *conn)
                .await?
        });
        let mut claimed = rows
            .into_iter()
            .map(|(id, event, occurrence, minutes, due)| {
                Ok(DueReminder {
                    id,
                    event: EventId(event),
                    occurrence,
                    before: TimeDelta::minutes(minutes),
                    due: from_millis(due)?,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        claimed.sort_by_key(|reminder| (reminder.due, reminder.id));
        Ok(claimed)
    }

    /// Marks each claimed reminder of `finished` done, queueing its messages and planning
    /// its next reminders, all in one transaction: for each, whether it was finished
    /// (`false`, and nothing of it written, when its lease was lost to another worker or
    /// it is already done).
    pub async fn finish_reminders(
        &self,
        community: CommunityId,
        worker: &str,
        finished: &[Finished],
        now: DateTime<Utc>,
    ) -> Result<Vec<bool>, StoreError> {
        let done_sql = format!(
            "UPDATE reminders SET done_at = $3, outcome = $4, claimed_until = NULL
             WHERE id IN ({}) AND claimed_by = $2 AND done_at IS NULL RETURNING id",
            self.id_list(1)
        );
        let ids = |sent: bool| {
            let matching = finished
                .iter()
                .filter(move |one| matches!(one.outcome, ReminderOutcome::Sent(_)) == sent);
            ids_json(matching.map(|one| one.reminder.id))
        };
        let (sent, dropped) = (ids(true), ids(false));
        let done: HashSet<i64> = on_conn!(self, |conn| {
            let mut tx = conn.begin().await?;
            let mut done: Vec<i64> = Vec::with_capacity(finished.len());
            for (list, label) in [(&sent, "sent"), (&dropped, "dropped")] {
                let marked: Vec<i64> = sqlx::query_scalar(sqlx::AssertSqlSafe(done_sql.clone()))
                    .bind(list)
                    .bind(worker)
                    .bind(to_millis(now))
                    .bind(label)
                    .fetch_all(&mut *tx)
                    .await?;
                done.extend(marked);
            }
            let done: HashSet<i64> = done.into_iter().collect();
            let kept = finished
                .iter()
                .filter(|one| done.contains(&one.reminder.id));
            let messages = kept.clone().flat_map(|one| match &one.outcome {
                ReminderOutcome::Sent(messages) => messages.as_slice(),
                ReminderOutcome::Dropped => &[],
            });
            insert_outgoing!(tx, community, messages, now);
            for one in kept {
                insert_planned!(tx, one.reminder.event, &one.next);
            }
            tx.commit().await?;
            done
        });
        Ok(finished
            .iter()
            .map(|one| done.contains(&one.reminder.id))
            .collect())
    }

    /// The members going to each of `dates` (event, date number) who did not turn its
    /// event's reminders off, in one query whatever their number.
    pub async fn reminder_recipients_of(
        &self,
        dates: &[(EventId, i64)],
    ) -> Result<HashMap<(EventId, i64), Vec<MemberId>>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!(
            "SELECT r.event_id, r.occurrence, r.member_id FROM rsvps r
             WHERE r.event_id IN ({}) AND r.status = 'yes'
               AND NOT EXISTS (SELECT 1 FROM reminder_optouts o
                               WHERE o.event_id = r.event_id AND o.member_id = r.member_id)
             ORDER BY r.member_id",
            self.id_list(1)
        ));
        let events = ids_json(dates.iter().map(|(event, _)| event.0));
        let rows: Vec<(i64, i64, i64)> = on_conn!(self, |conn| {
            sqlx::query_as(sql)
                .bind(&events)
                .fetch_all(&mut *conn)
                .await?
        });
        let mut going: HashMap<(EventId, i64), Vec<MemberId>> =
            dates.iter().map(|date| (*date, Vec::new())).collect();
        for (event, occurrence, member) in rows {
            if let Some(members) = going.get_mut(&(EventId(event), occurrence)) {
                members.push(MemberId(member));
            }
        }
        Ok(going)
    }

    /// Turns a member's reminders for an event off or back on; `false` when they already were.
    pub async fn set_reminders_wanted(
        &self,
        event: EventId,
        member: MemberId,
        wanted: bool,
    ) -> Result<bool, StoreError> {
        const OFF: &str = "INSERT INTO reminder_optouts (event_id, member_id) VALUES ($1, $2)
             ON CONFLICT (event_id, member_id) DO NOTHING";
        const ON: &str = "DELETE FROM reminder_optouts WHERE event_id = $1 AND member_id = $2";
        self.set_pair(if wanted { ON } else { OFF }, event, member)
            .await
    }

    /// When the community's next pending reminder can be taken, to know how long to
    /// sleep: when it is due or, for one under a worker's lease, when that lease runs
    /// out (a worker that died holding it gives it back then, not at its due time).
    pub async fn next_reminder_due(
        &self,
        community: CommunityId,
    ) -> Result<Option<DateTime<Utc>>, StoreError> {
        // Only reminders due no later than the first one nobody claimed can come sooner
        // than it, and those are claimed (in flight, or left by a dead worker): the walk
        // along `reminders_due` stops there.
        const SQL: &str = "SELECT MIN(CASE WHEN r.claimed_until > r.due_at
                                 THEN r.claimed_until ELSE r.due_at END)
             FROM reminders r
             WHERE r.done_at IS NULL
               AND EXISTS (SELECT 1 FROM events e
                           WHERE e.id = r.event_id AND e.community_id = $1)
               AND r.due_at <= COALESCE(
                   (SELECT f.due_at FROM reminders f
                     WHERE f.done_at IS NULL AND f.claimed_until IS NULL
                       AND EXISTS (SELECT 1 FROM events e
                                   WHERE e.id = f.event_id AND e.community_id = $1)
                     ORDER BY f.due_at LIMIT 1),
                   $2)";
        let due: Option<i64> = on_conn!(self, |conn| {
            sqlx::query_scalar(SQL)
                .bind(community.0)
                .bind(i64::MAX)
                .fetch_one(&mut *conn)
                .await?
        });
        due.map(from_millis).transpose()
    }
}
