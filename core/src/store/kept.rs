//! Messages kept current: a room message posted under a key (`event-3`) is remembered
//! with the platform's message ID once delivered, and every later message under that
//! key becomes an edit of it. Edits coalesce: while one waits in the outbox, a newer
//! text replaces its body instead of queueing another.

use chrono::{DateTime, Utc};

use super::queue::insert_outgoing;
use super::{Store, StoreError, on_conn, to_millis};
use crate::model::{CommunityId, Platform};
use crate::outbox::{Destination, NewOutgoing, Outgoing};
use crate::reply::Message;

/// Where a kept message goes, under which key.
#[derive(Debug, Clone, Copy)]
pub struct Keep<'a> {
    pub platform: Platform,
    pub room: &'a str,
    pub key: &'a str,
    /// Post it when nothing was posted under the key yet; else only edit.
    pub post: bool,
}

impl Store {
    /// Makes the room show `message` under the key: posts it the first time (when
    /// asked), edits the posted message after, and rewrites a post or edit still
    /// waiting.
    pub async fn keep(
        &self,
        community: CommunityId,
        keep: &Keep<'_>,
        message: &Message,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let Keep {
            platform,
            room,
            key,
            post,
        } = *keep;
        // Rows nobody holds and nobody tried yet: rewriting them loses nothing. (A row
        // tried before may have reached the platform, whose transaction ID would then
        // keep the old text: a newer text is a row of its own.)
        const REWRITE: &str = "UPDATE outbox SET body = $4
             WHERE platform = $1 AND destination = $2 AND key = $3
               AND destination_kind IN ('room', 'edit') AND given_up_at IS NULL
               AND attempts = 0 AND (claimed_until IS NULL OR claimed_until <= $5)";
        // What the room shows, if it was posted.
        const SHOWN: &str =
            "SELECT body FROM posted WHERE platform = $1 AND room = $2 AND key = $3";
        // Whether its post is still on the way, and whether anything under the key is.
        const WAITING: &str = "SELECT
                 EXISTS (SELECT 1 FROM outbox WHERE platform = $1 AND destination = $2
                     AND key = $3 AND destination_kind = 'room' AND given_up_at IS NULL),
                 EXISTS (SELECT 1 FROM outbox WHERE platform = $1 AND destination = $2
                     AND key = $3 AND given_up_at IS NULL)";
        let body = serde_json::to_string(&message.clone().leaving_for(platform))
            .map_err(|error| StoreError::Corrupt(error.to_string()))?;
        on_conn!(self, |conn| {
            let mut tx = conn.begin().await?;
            let rewritten = sqlx::query(REWRITE)
                .bind(platform.as_str())
                .bind(room)
                .bind(key)
                .bind(&body)
                .bind(to_millis(now))
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if rewritten == 0 {
                let shown: Option<String> = sqlx::query_scalar(SHOWN)
                    .bind(platform.as_str())
                    .bind(room)
                    .bind(key)
                    .fetch_optional(&mut *tx)
                    .await?;
                let (posting, waiting): (bool, bool) = sqlx::query_as(WAITING)
                    .bind(platform.as_str())
                    .bind(room)
                    .bind(key)
                    .fetch_one(&mut *tx)
                    .await?;
                // Shows that already, and nothing else on the way: nothing to do.
                if !waiting && shown.as_deref() == Some(body.as_str()) {
                    tx.commit().await?;
                    return Ok(());
                }
                let destination = match (shown.is_some() || posting, post) {
                    (true, _) => Destination::Edit {
                        room: room.to_owned(),
                        message: String::new(),
                    },
                    (false, true) => Destination::Room(room.to_owned()),
                    (false, false) => {
                        tx.commit().await?;
                        return Ok(());
                    }
                };
                let row = NewOutgoing {
                    platform,
                    destination,
                    member: None,
                    about: None,
                    message: message.clone(),
                    not_before: now,
                };
                insert_outgoing!(tx, community, [&row], now, Some(key));
            }
            tx.commit().await?;
        });
        Ok(())
    }

    /// The adapter posted `outgoing` as the platform's message `message_id`: it leaves
    /// the outbox, and when it stands for something kept current, later edits replace
    /// that message (and skip a text it shows already).
    pub async fn confirm_posted(
        &self,
        community: CommunityId,
        outgoing: &Outgoing,
        message_id: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        const REMEMBER: &str = "INSERT INTO posted
                 (community_id, platform, room, key, message_id, body, posted_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)
             ON CONFLICT (platform, room, key) DO UPDATE
             SET message_id = excluded.message_id, body = excluded.body,
                 posted_at = excluded.posted_at";
        const EDITED: &str = "UPDATE posted SET body = $4, posted_at = $5
             WHERE platform = $1 AND room = $2 AND key = $3";
        // Older edits still waiting (a failed try backing off) would show an older text.
        const SUPERSEDED: &str = "DELETE FROM outbox WHERE platform = $1 AND destination = $2
             AND key = $3 AND destination_kind = 'edit' AND id < $4";
        let (Some(key), Destination::Room(room) | Destination::Edit { room, .. }) =
            (&outgoing.key, &outgoing.destination)
        else {
            return self.confirm_delivery(outgoing.id).await;
        };
        let first_post = matches!(outgoing.destination, Destination::Room(_));
        let body = serde_json::to_string(&outgoing.message)
            .map_err(|error| StoreError::Corrupt(error.to_string()))?;
        let platform = outgoing.platform.as_str();
        on_conn!(self, |conn| {
            let mut tx = conn.begin().await?;
            sqlx::query("DELETE FROM outbox WHERE id = $1")
                .bind(outgoing.id)
                .execute(&mut *tx)
                .await?;
            if first_post {
                sqlx::query(REMEMBER)
                    .bind(community.0)
                    .bind(platform)
                    .bind(room)
                    .bind(key)
                    .bind(message_id)
                    .bind(&body)
                    .bind(to_millis(now))
                    .execute(&mut *tx)
                    .await?;
            } else {
                sqlx::query(EDITED)
                    .bind(platform)
                    .bind(room)
                    .bind(key)
                    .bind(&body)
                    .bind(to_millis(now))
                    .execute(&mut *tx)
                    .await?;
                sqlx::query(SUPERSEDED)
                    .bind(platform)
                    .bind(room)
                    .bind(key)
                    .bind(outgoing.id)
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await?;
        });
        Ok(())
    }
}

/// A kept message as a platform holds it: where, and its ID there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Posted {
    pub platform: Platform,
    pub room: String,
    pub message_id: String,
}

impl Store {
    /// Where the message kept under `key` was posted, on every platform.
    pub async fn posted(
        &self,
        community: CommunityId,
        key: &str,
    ) -> Result<Vec<Posted>, StoreError> {
        const SQL: &str = "SELECT platform, room, message_id FROM posted
             WHERE community_id = $1 AND key = $2 AND message_id <> ''
             ORDER BY platform, room";
        let rows: Vec<(String, String, String)> = on_conn!(self, |conn| {
            sqlx::query_as(SQL)
                .bind(community.0)
                .bind(key)
                .fetch_all(&mut *conn)
                .await?
        });
        Ok(rows
            .into_iter()
            .filter_map(|(platform, room, message_id)| {
                Some(Posted {
                    platform: platform.parse().ok()?,
                    room,
                    message_id,
                })
            })
            .collect())
    }
}
