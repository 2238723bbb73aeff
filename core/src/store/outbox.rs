//! Outbox rows once queued (see `queue`): claimed with a lease, confirmed (deleted) or
//! retried.

use chrono::{DateTime, Utc};

use super::{Pool, Store, StoreError, from_millis, on_conn, to_millis};
use crate::model::{CommunityId, MemberId, Platform};
use crate::outbox::{self, Destination, Outgoing};
use crate::reply::Message;

/// What became of a message whose delivery failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureOutcome {
    /// It will be offered again from this instant.
    RetryAt(DateTime<Utc>),
    /// It is set aside for good (too many tries, or a permanent failure).
    GivenUp,
    /// The report came too late: the lease had expired and the message is someone else's
    /// now. Nothing was changed.
    LeaseLost,
}

#[derive(sqlx::FromRow)]
struct ClaimedRow {
    id: i64,
    destination_kind: String,
    destination: String,
    body: String,
    attempts: i64,
    not_before: i64,
    key: Option<String>,
    /// For an edit, the platform's ID of the message it replaces.
    replaces: Option<String>,
}

/// Claims rows that are due, not given up, with tries left, and not under someone else's
/// live lease; `$lock` is what the backend adds to skip rows being claimed concurrently.
/// An edit waits until the message it replaces is posted, and one that a newer edit of
/// the same message follows is left for that one (it is deleted when that one is sent).
macro_rules! claim_sql {
    ($lock:literal) => {
        concat!(
            "UPDATE outbox SET claimed_by = $1, claimed_until = $2, attempts = attempts + 1
             WHERE id IN (SELECT id FROM outbox
                 WHERE platform = $3 AND given_up_at IS NULL AND not_before <= $4
                   AND (claimed_until IS NULL OR claimed_until <= $4) AND attempts < $6
                   AND (destination_kind <> 'edit' OR (EXISTS (SELECT 1 FROM posted p
                       WHERE p.platform = outbox.platform AND p.room = outbox.destination
                         AND p.key = outbox.key)
                     AND NOT EXISTS (SELECT 1 FROM outbox newer
                       WHERE newer.platform = outbox.platform
                         AND newer.destination = outbox.destination
                         AND newer.key = outbox.key AND newer.destination_kind = 'edit'
                         AND newer.id > outbox.id AND newer.given_up_at IS NULL)))
                 ORDER BY not_before, id LIMIT $5 ",
            $lock,
            ") RETURNING id, destination_kind, destination, body, attempts, not_before, key,
                (SELECT message_id FROM posted p WHERE p.platform = outbox.platform
                   AND p.room = outbox.destination AND p.key = outbox.key) AS replaces"
        )
    };
}

/// SQLite runs one writer at a time: the update is atomic as it is.
const CLAIM_SQLITE: &str = claim_sql!("");
const CLAIM_POSTGRES: &str = claim_sql!("FOR UPDATE SKIP LOCKED");

impl Store {
    /// Claims up to `limit` messages for `platform` that are due at `now`, oldest first,
    /// for [`outbox::LEASE`]. Two workers never hold the same message at once.
    pub async fn claim_outgoing(
        &self,
        platform: Platform,
        worker: &str,
        now: DateTime<Utc>,
        limit: u32,
    ) -> Result<Vec<Outgoing>, StoreError> {
        // A worker that died on a message's last try never reported it: set such
        // messages aside once their lease is over, instead of leaving them pending.
        const EXHAUSTED: &str = "UPDATE outbox SET given_up_at = $3,
                 last_error = COALESCE(last_error, 'no report from the last try')
             WHERE platform = $1 AND given_up_at IS NULL AND attempts >= $2
               AND claimed_until <= $3";
        on_conn!(self, |conn| {
            sqlx::query(EXHAUSTED)
                .bind(platform.as_str())
                .bind(i64::from(outbox::MAX_ATTEMPTS))
                .bind(to_millis(now))
                .execute(&mut *conn)
                .await?
                .rows_affected()
        });
        let lease_end = to_millis(now + outbox::LEASE);
        let sql = match self.pool {
            Pool::Sqlite(_) => CLAIM_SQLITE,
            Pool::Postgres(_) => CLAIM_POSTGRES,
        };
        let mut rows: Vec<ClaimedRow> = on_conn!(self, |conn| {
            sqlx::query_as(sql)
                .bind(worker)
                .bind(lease_end)
                .bind(platform.as_str())
                .bind(to_millis(now))
                .bind(i64::from(limit))
                .bind(i64::from(outbox::MAX_ATTEMPTS))
                .fetch_all(&mut *conn)
                .await?
        });
        rows.sort_by_key(|row| (row.not_before, row.id));
        rows.into_iter()
            .map(|row| {
                let destination = match row.destination_kind.as_str() {
                    "room" => Destination::Room(row.destination),
                    "role" => Destination::Role(row.destination),
                    "admit" => Destination::Admit(row.destination),
                    "edit" => Destination::Edit {
                        room: row.destination,
                        message: row.replaces.unwrap_or_default(),
                    },
                    _ => Destination::Direct(row.destination),
                };
                let message: Message = serde_json::from_str(&row.body)
                    .map_err(|error| StoreError::Corrupt(format!("outbox {}: {error}", row.id)))?;
                Ok(Outgoing {
                    id: row.id,
                    platform,
                    destination,
                    message,
                    attempt: u32::try_from(row.attempts).unwrap_or(u32::MAX),
                    key: row.key,
                })
            })
            .collect()
    }

    /// The adapter sent it: the message leaves the outbox. This holds even when the
    /// lease had expired meanwhile: the message was delivered, so nobody should send it
    /// again.
    pub async fn confirm_delivery(&self, id: i64) -> Result<(), StoreError> {
        on_conn!(self, |conn| {
            sqlx::query("DELETE FROM outbox WHERE id = $1")
                .bind(id)
                .execute(&mut *conn)
                .await?
                .rows_affected()
        });
        Ok(())
    }

    /// Forgets messages set aside (never delivered, given up) before `before`: kept a
    /// while for whoever looks into why, not forever. Returns how many went.
    pub async fn prune_given_up(&self, before: DateTime<Utc>) -> Result<u64, StoreError> {
        self.delete_before("DELETE FROM outbox WHERE given_up_at < $1", before)
            .await
    }

    /// The adapter sent every message of `ids`, none of them kept for edits (see
    /// [`Store::confirm_posted`]): they leave the outbox together, in one statement.
    pub async fn confirm_deliveries(&self, ids: &[i64]) -> Result<(), StoreError> {
        match ids {
            [] => return Ok(()),
            [id] => return self.confirm_delivery(*id).await,
            _ => {}
        }
        let sql = format!("DELETE FROM outbox WHERE id IN ({})", self.id_list(1));
        let list = super::ids_json(ids.iter().copied());
        on_conn!(self, |conn| {
            sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
                .bind(&list)
                .execute(&mut *conn)
                .await?
                .rows_affected()
        });
        Ok(())
    }

    /// The adapter (`worker`) could not send `outgoing` this time (the network, a server
    /// error): it is retried after a backoff, or set aside after the last allowed try.
    /// A report for a claim that has since passed to another worker changes nothing.
    pub async fn report_failure(
        &self,
        outgoing: &Outgoing,
        worker: &str,
        error: &str,
        now: DateTime<Utc>,
    ) -> Result<FailureOutcome, StoreError> {
        let retry_at = outbox::retry_delay(outgoing.attempt).map(|delay| now + delay);
        self.report(outgoing, worker, error, retry_at, now).await
    }

    /// The platform refused `outgoing` for good (the member blocked the bot, the room is
    /// gone): it is set aside at once. Like [`Store::report_failure`], a report for a
    /// claim that has since passed to another worker changes nothing.
    pub async fn report_permanent_failure(
        &self,
        outgoing: &Outgoing,
        worker: &str,
        error: &str,
        now: DateTime<Utc>,
    ) -> Result<FailureOutcome, StoreError> {
        self.report(outgoing, worker, error, None, now).await
    }

    /// The platform asked to wait (a rate limit): `outgoing` is tried again at `at`
    /// rather than after the usual backoff. It still counts as a try.
    pub async fn report_rate_limited(
        &self,
        outgoing: &Outgoing,
        worker: &str,
        error: &str,
        at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<FailureOutcome, StoreError> {
        let retry_at = outbox::retry_delay(outgoing.attempt).map(|_| at.max(now));
        self.report(outgoing, worker, error, retry_at, now).await
    }

    /// `worker` claimed `outgoing` but did not try it (its destination's pace was used
    /// up, or the worker is stopping): it goes back, due at `at`, and the claim does not
    /// count as a try. `LeaseLost` when the claim had passed to another worker.
    pub async fn release(
        &self,
        outgoing: &Outgoing,
        worker: &str,
        at: DateTime<Utc>,
    ) -> Result<FailureOutcome, StoreError> {
        const SQL: &str = "UPDATE outbox SET claimed_by = NULL, claimed_until = NULL,
                 attempts = attempts - 1, not_before = $4
             WHERE id = $1 AND claimed_by = $2 AND attempts = $3";
        let changed = on_conn!(self, |conn| {
            sqlx::query(SQL)
                .bind(outgoing.id)
                .bind(worker)
                .bind(i64::from(outgoing.attempt))
                .bind(to_millis(at))
                .execute(&mut *conn)
                .await?
                .rows_affected()
        });
        Ok(match changed {
            0 => FailureOutcome::LeaseLost,
            _ => FailureOutcome::RetryAt(at),
        })
    }

    /// Makes the private messages waiting for `user` on `platform` due at `now`, and the
    /// grants that would write to them (they were kept for later: the member could not
    /// be written to until they opened a chat with the bot). How many were brought
    /// forward.
    pub async fn bring_forward(
        &self,
        community: CommunityId,
        platform: Platform,
        user: &str,
        now: DateTime<Utc>,
    ) -> Result<u64, StoreError> {
        const SQL: &str = "UPDATE outbox SET not_before = $4
             WHERE community_id = $1 AND platform = $2
               AND destination_kind IN ('direct', 'role')
               AND destination = $3 AND not_before > $4 AND claimed_by IS NULL
               AND given_up_at IS NULL";
        Ok(on_conn!(self, |conn| {
            sqlx::query(SQL)
                .bind(community.0)
                .bind(platform.as_str())
                .bind(user)
                .bind(to_millis(now))
                .execute(&mut *conn)
                .await?
                .rows_affected()
        }))
    }

    /// Records a failed try: retried at `retry_at`, or set aside when `None`.
    async fn report(
        &self,
        outgoing: &Outgoing,
        worker: &str,
        error: &str,
        retry_at: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Result<FailureOutcome, StoreError> {
        const RETRY: &str = "UPDATE outbox SET claimed_by = NULL, claimed_until = NULL,
                 last_error = $4, not_before = $5
             WHERE id = $1 AND claimed_by = $2 AND attempts = $3";
        const GIVE_UP: &str = "UPDATE outbox SET claimed_by = NULL, claimed_until = NULL,
                 last_error = $4, given_up_at = $5
             WHERE id = $1 AND claimed_by = $2 AND attempts = $3";
        let (sql, at) = match retry_at {
            Some(at) => (RETRY, at),
            None => (GIVE_UP, now),
        };
        let changed = on_conn!(self, |conn| {
            sqlx::query(sql)
                .bind(outgoing.id)
                .bind(worker)
                .bind(i64::from(outgoing.attempt))
                .bind(error)
                .bind(to_millis(at))
                .execute(&mut *conn)
                .await?
                .rows_affected()
        });
        if changed == 0 {
            return Ok(FailureOutcome::LeaseLost);
        }
        // A post given up takes its edits with it: they have nothing to replace.
        if let (None, Some(key), Destination::Room(room)) =
            (retry_at, &outgoing.key, &outgoing.destination)
        {
            const ORPHANS: &str = "UPDATE outbox SET given_up_at = $4,
                     last_error = 'the message it edits was never posted'
                 WHERE platform = $1 AND destination = $2 AND key = $3
                   AND destination_kind = 'edit' AND given_up_at IS NULL";
            on_conn!(self, |conn| {
                sqlx::query(ORPHANS)
                    .bind(outgoing.platform.as_str())
                    .bind(room)
                    .bind(key)
                    .bind(to_millis(now))
                    .execute(&mut *conn)
                    .await?
                    .rows_affected()
            });
        }
        if retry_at.is_none() {
            tracing::warn!(
                id = outgoing.id,
                attempt = outgoing.attempt,
                error,
                "outgoing message given up"
            );
        }
        Ok(retry_at.map_or(FailureOutcome::GivenUp, FailureOutcome::RetryAt))
    }

    /// How many messages for `platform` still wait (due or not), given-up ones aside.
    pub async fn pending_outgoing(&self, platform: Platform) -> Result<u64, StoreError> {
        const SQL: &str = "SELECT COUNT(*) FROM outbox WHERE platform = $1 AND given_up_at IS NULL";
        let count: i64 = on_conn!(self, |conn| {
            sqlx::query_scalar(SQL)
                .bind(platform.as_str())
                .fetch_one(&mut *conn)
                .await?
        });
        Ok(u64::try_from(count).unwrap_or_default())
    }

    /// When the next message for `platform` falls due, if any waits.
    pub async fn next_due(&self, platform: Platform) -> Result<Option<DateTime<Utc>>, StoreError> {
        // An edit whose message is not posted yet waits for the post, not for a time.
        const SQL: &str = "SELECT MIN(not_before) FROM outbox
             WHERE platform = $1 AND given_up_at IS NULL
               AND (destination_kind <> 'edit' OR EXISTS (SELECT 1 FROM posted p
                   WHERE p.platform = outbox.platform AND p.room = outbox.destination
                     AND p.key = outbox.key))";
        let next: Option<i64> = on_conn!(self, |conn| {
            sqlx::query_scalar(SQL)
                .bind(platform.as_str())
                .fetch_one(&mut *conn)
                .await?
        });
        next.map(from_millis).transpose()
    }
}

impl Store {
    /// Sends what waits for `member` in private on `from` (even a row being tried right
    /// now, whose worker then finds its claim gone) to their account `to` instead, due
    /// now, written for that platform. How many messages moved.
    pub async fn reroute_private(
        &self,
        member: MemberId,
        from: Platform,
        to: &crate::model::Identity,
        now: DateTime<Utc>,
    ) -> Result<u64, StoreError> {
        const WAITING: &str = "SELECT id, body FROM outbox
             WHERE member_id = $1 AND platform = $2 AND destination_kind = 'direct'
               AND given_up_at IS NULL
             ORDER BY id";
        const MOVE: &str = "UPDATE outbox SET platform = $2, destination = $3, body = $4,
                 not_before = $5, attempts = 0, claimed_by = NULL, claimed_until = NULL,
                 last_error = NULL
             WHERE id = $1";
        on_conn!(self, |conn| {
            let mut tx = conn.begin().await?;
            let rows: Vec<(i64, String)> = sqlx::query_as(WAITING)
                .bind(member.0)
                .bind(from.as_str())
                .fetch_all(&mut *tx)
                .await?;
            for (id, body) in &rows {
                let message: Message = serde_json::from_str(body)
                    .map_err(|error| StoreError::Corrupt(error.to_string()))?;
                let body = serde_json::to_string(&message.leaving_for(to.platform))
                    .map_err(|error| StoreError::Corrupt(error.to_string()))?;
                sqlx::query(MOVE)
                    .bind(id)
                    .bind(to.platform.as_str())
                    .bind(&to.user_id)
                    .bind(body)
                    .bind(to_millis(now))
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await?;
            Ok(u64::try_from(rows.len()).unwrap_or(u64::MAX))
        })
    }
}

/// What waits in the outbox for one platform: how many rows are due and since when the
/// oldest of them is (`None` when nothing is due).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backlog {
    pub platform: String,
    pub due: u64,
    pub oldest: Option<DateTime<Utc>>,
}

impl Store {
    /// Whether the database answers.
    pub async fn ping(&self) -> Result<(), StoreError> {
        on_conn!(self, |conn| {
            sqlx::query_scalar::<_, i64>("SELECT CAST(1 AS BIGINT)")
                .fetch_one(&mut *conn)
                .await?;
        });
        Ok(())
    }

    /// The rows due at `now` and not set aside, per platform.
    pub async fn backlog(&self, now: DateTime<Utc>) -> Result<Vec<Backlog>, StoreError> {
        const SQL: &str = "SELECT platform, COUNT(*), MIN(not_before) FROM outbox
             WHERE given_up_at IS NULL AND not_before <= $1
             GROUP BY platform ORDER BY platform";
        let rows: Vec<(String, i64, Option<i64>)> = on_conn!(self, |conn| {
            sqlx::query_as(SQL)
                .bind(to_millis(now))
                .fetch_all(&mut *conn)
                .await?
        });
        rows.into_iter()
            .map(|(platform, due, oldest)| {
                Ok(Backlog {
                    platform,
                    due: u64::try_from(due).unwrap_or(0),
                    oldest: oldest.map(from_millis).transpose()?,
                })
            })
            .collect()
    }
}
