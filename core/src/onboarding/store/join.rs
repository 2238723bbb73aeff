//! Requests to join a community room, kept while they wait for the rules to be accepted.

use chrono::{DateTime, Utc};

use crate::model::{CommunityId, MemberId, Platform};
use crate::store::{Store, StoreError, on_conn, to_millis};

/// A room a member asked to enter, on its platform.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JoinRequest {
    pub platform: Platform,
    pub room: String,
}

impl Store {
    /// Records that `member` asks to enter `room` on `platform`, waiting (again, if they
    /// asked before).
    pub async fn ask_to_join(
        &self,
        member: MemberId,
        platform: Platform,
        room: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        const SQL: &str = "INSERT INTO join_requests (member_id, platform, room, asked_at)
             VALUES ($1, $2, $3, $4)
             ON CONFLICT (member_id, platform, room)
             DO UPDATE SET asked_at = excluded.asked_at, admitted_at = NULL";
        on_conn!(self, |conn| {
            sqlx::query(SQL)
                .bind(member.0)
                .bind(platform.as_str())
                .bind(room)
                .bind(to_millis(now))
                .execute(&mut *conn)
                .await?;
        });
        Ok(())
    }

    /// Marks the member's waiting requests as granted: the rooms to let them into.
    pub async fn grant_join_requests(
        &self,
        member: MemberId,
        now: DateTime<Utc>,
    ) -> Result<Vec<JoinRequest>, StoreError> {
        const SQL: &str = "UPDATE join_requests SET admitted_at = $2
             WHERE member_id = $1 AND admitted_at IS NULL
             RETURNING platform, room";
        let rows: Vec<(String, String)> = on_conn!(self, |conn| {
            sqlx::query_as(SQL)
                .bind(member.0)
                .bind(to_millis(now))
                .fetch_all(&mut *conn)
                .await?
        });
        rows.into_iter()
            .map(|(platform, room)| {
                let platform = platform
                    .parse()
                    .map_err(|_| StoreError::Corrupt(format!("platform `{platform}`")))?;
                Ok(JoinRequest { platform, room })
            })
            .collect()
    }
}

/// A request given up: who asked (their user ID on the platform) and for which room.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GivenUp {
    pub user_id: String,
    pub room: String,
}

impl Store {
    /// Gives up the requests on `platform` still waiting since before `asked_before`: they
    /// are forgotten, and returned for the adapter to decline.
    pub async fn give_up_join_requests(
        &self,
        community: CommunityId,
        platform: Platform,
        asked_before: DateTime<Utc>,
    ) -> Result<Vec<GivenUp>, StoreError> {
        const WAITING: &str = "SELECT r.member_id, i.user_id, r.room FROM join_requests r
             JOIN identities i ON i.member_id = r.member_id AND i.platform = r.platform
             WHERE i.community_id = $1 AND r.platform = $2 AND r.asked_at < $3
               AND r.admitted_at IS NULL
             ORDER BY r.asked_at LIMIT 100";
        const FORGET: &str = "DELETE FROM join_requests
             WHERE member_id = $1 AND platform = $2 AND room = $3 AND admitted_at IS NULL";
        let waiting: Vec<(i64, String, String)> = on_conn!(self, |conn| {
            sqlx::query_as(WAITING)
                .bind(community.0)
                .bind(platform.as_str())
                .bind(to_millis(asked_before))
                .fetch_all(&mut *conn)
                .await?
        });
        let mut given_up = Vec::new();
        for (member, user_id, room) in waiting {
            let forgotten = on_conn!(self, |conn| {
                sqlx::query(FORGET)
                    .bind(member)
                    .bind(platform.as_str())
                    .bind(&room)
                    .execute(&mut *conn)
                    .await?
                    .rows_affected()
            });
            if forgotten == 1 {
                given_up.push(GivenUp { user_id, room });
            }
        }
        Ok(given_up)
    }
}
