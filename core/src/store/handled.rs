//! Platform events already handled, by their platform event ID, with the replies they
//! got: what makes a replayed event count once.

use chrono::{DateTime, Utc};

use super::{Store, StoreError, on_conn, to_millis};
use crate::model::{CommunityId, MemberId, Platform};
use crate::reply::Message;

/// Whether an event is new to the hub.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seen {
    /// First time: it is now recorded, in the caller's transaction.
    New,
    /// Handled before; these were its replies for the place it came from.
    Before(Vec<Message>),
}

impl Store {
    /// Records `event` as handled unless it already is. In a unit of work, the record
    /// commits with the rest of the event's effects, so a crash before the commit leaves
    /// it new.
    pub async fn mark_handled(
        &self,
        community: CommunityId,
        platform: Platform,
        event: &str,
        now: DateTime<Utc>,
    ) -> Result<Seen, StoreError> {
        const INSERT: &str =
            "INSERT INTO handled_events (community_id, platform, event_id, handled_at)
             VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING";
        const REPLIES: &str = "SELECT replies FROM handled_events
             WHERE community_id = $1 AND platform = $2 AND event_id = $3";
        let (inserted, stored): (u64, Option<Option<String>>) = on_conn!(self, |conn| {
            let inserted = sqlx::query(INSERT)
                .bind(community.0)
                .bind(platform.as_str())
                .bind(event)
                .bind(to_millis(now))
                .execute(&mut *conn)
                .await?
                .rows_affected();
            let stored = if inserted == 0 {
                sqlx::query_scalar(REPLIES)
                    .bind(community.0)
                    .bind(platform.as_str())
                    .bind(event)
                    .fetch_optional(&mut *conn)
                    .await?
            } else {
                None
            };
            (inserted, stored)
        });
        if inserted == 1 {
            return Ok(Seen::New);
        }
        let replies = match stored.flatten() {
            Some(json) => serde_json::from_str(&json).map_err(|error| {
                StoreError::Corrupt(format!("stored replies of {event}: {error}"))
            })?,
            None => Vec::new(),
        };
        Ok(Seen::Before(replies))
    }

    /// Keeps the replies of a handled event (and who sent it), for a replay.
    pub async fn save_replies(
        &self,
        community: CommunityId,
        platform: Platform,
        event: &str,
        member: Option<MemberId>,
        replies: &[Message],
    ) -> Result<(), StoreError> {
        const SQL: &str = "UPDATE handled_events SET replies = $4, member_id = $5
             WHERE community_id = $1 AND platform = $2 AND event_id = $3";
        let json = serde_json::to_string(replies)
            .map_err(|error| StoreError::Corrupt(error.to_string()))?;
        on_conn!(self, |conn| {
            sqlx::query(SQL)
                .bind(community.0)
                .bind(platform.as_str())
                .bind(event)
                .bind(json)
                .bind(member.map(|member| member.0))
                .execute(&mut *conn)
                .await?
                .rows_affected()
        });
        Ok(())
    }

    /// The replies of `event` reached the place it came from (sent there, or queued in
    /// the outbox): a replay gives them no more, so a platform without transaction IDs
    /// (Telegram) does not show them twice. A crash before this call sends them again.
    pub async fn replies_delivered(
        &self,
        community: CommunityId,
        platform: Platform,
        event: &str,
    ) -> Result<(), StoreError> {
        const SQL: &str = "UPDATE handled_events SET replies = NULL
             WHERE community_id = $1 AND platform = $2 AND event_id = $3
               AND replies IS NOT NULL";
        on_conn!(self, |conn| {
            sqlx::query(SQL)
                .bind(community.0)
                .bind(platform.as_str())
                .bind(event)
                .execute(&mut *conn)
                .await?;
        });
        Ok(())
    }

    /// Forgets handled events older than `before`: a replay from further back is not
    /// expected. Returns how many went.
    pub async fn prune_handled(&self, before: DateTime<Utc>) -> Result<u64, StoreError> {
        self.delete_before("DELETE FROM handled_events WHERE handled_at < $1", before)
            .await
    }
}
