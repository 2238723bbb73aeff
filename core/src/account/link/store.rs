//! Linking accounts in the store: one-time codes, wrong tries, and the merge of two
//! members into one, table by table.

use chrono::{DateTime, Utc};

use super::merge::Held;
use crate::events::{EventId, Status};
use crate::model::{CommunityId, MemberId};
use crate::store::{Store, StoreError, from_millis, on_conn, to_millis};

/// One answer of a member: the event, the date's number, the answer.
pub(crate) type DatedAnswer = (EventId, i64, Held);

/// What the members table keeps of the two: decided by the caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MemberFields {
    pub language: Option<String>,
    pub time_zone: Option<String>,
    pub display_name: Option<String>,
    pub dm_platform: Option<String>,
}

/// Rows of the member going away that join the kept member's where those have none
/// (`$1` kept, `$2` going): keys made of the member and something else.
const UNITE: [&str; 4] = [
    "INSERT INTO member_roles (member_id, role, granted_at)
     SELECT $1, role, granted_at FROM member_roles WHERE member_id = $2
     ON CONFLICT (member_id, role) DO NOTHING",
    "INSERT INTO event_hosts (event_id, member_id)
     SELECT event_id, $1 FROM event_hosts WHERE member_id = $2
     ON CONFLICT (event_id, member_id) DO NOTHING",
    "INSERT INTO reminder_optouts (event_id, member_id)
     SELECT event_id, $1 FROM reminder_optouts WHERE member_id = $2
     ON CONFLICT (event_id, member_id) DO NOTHING",
    "INSERT INTO join_requests (member_id, platform, room, asked_at, admitted_at)
     SELECT $1, platform, room, asked_at, admitted_at FROM join_requests WHERE member_id = $2
     ON CONFLICT (member_id, platform, room) DO NOTHING",
];

/// Columns that name the member going away, now the kept one (`$1` kept, `$2` going).
const REPOINT: [&str; 11] = [
    "UPDATE identities SET member_id = $1 WHERE member_id = $2",
    "UPDATE outbox SET member_id = $1 WHERE member_id = $2",
    "UPDATE outbox SET about_member_id = $1 WHERE about_member_id = $2",
    "UPDATE events SET created_by = $1 WHERE created_by = $2",
    "UPDATE faq_entries SET created_by = $1 WHERE created_by = $2",
    "UPDATE faq_versions SET author_id = $1 WHERE author_id = $2",
    "UPDATE faq_revisions SET author_id = $1 WHERE author_id = $2",
    "UPDATE welcome_notes SET author_id = $1 WHERE author_id = $2",
    "UPDATE welcome_cases SET claimed_by = $1 WHERE claimed_by = $2",
    "UPDATE handled_events SET member_id = $1 WHERE member_id = $2",
    // Their answers to dates the kept member had not answered (the others were settled).
    "UPDATE rsvps SET member_id = $1 WHERE member_id = $2",
];

/// The questionnaire: the rules accepted on either side count for both; a finished one
/// replaces one in progress; otherwise the kept member's stays.
const QUESTIONNAIRE: [&str; 5] = [
    "UPDATE onboarding SET rules_accepted_at =
         (SELECT rules_accepted_at FROM onboarding WHERE member_id = $2)
     WHERE member_id = $1 AND rules_accepted_at IS NULL",
    "UPDATE onboarding SET rules_accepted_at =
         (SELECT rules_accepted_at FROM onboarding WHERE member_id = $1)
     WHERE member_id = $2 AND rules_accepted_at IS NULL",
    "DELETE FROM onboarding WHERE member_id = $1 AND finished_at IS NULL
       AND EXISTS (SELECT 1 FROM onboarding WHERE member_id = $2 AND finished_at IS NOT NULL)",
    "UPDATE onboarding SET member_id = $1 WHERE member_id = $2
       AND NOT EXISTS (SELECT 1 FROM onboarding WHERE member_id = $1)",
    "DELETE FROM onboarding WHERE member_id = $2",
];

/// What goes with the member going away, after everything was moved.
const LAST: [&str; 7] = [
    "DELETE FROM member_roles WHERE member_id = $2",
    "DELETE FROM event_hosts WHERE member_id = $2",
    "DELETE FROM reminder_optouts WHERE member_id = $2",
    "DELETE FROM join_requests WHERE member_id = $2",
    "DELETE FROM link_codes WHERE member_id = $2",
    "DELETE FROM link_tries WHERE member_id = $2",
    "DELETE FROM profiles WHERE member_id = $2",
];

#[derive(sqlx::FromRow)]
struct CaseRow {
    id: i64,
    opened_at: i64,
    claimed_by: Option<i64>,
    claimed_at: Option<i64>,
    first_contact_at: Option<i64>,
    active_at: i64,
    done_at: Option<i64>,
    said_count: i64,
    relayed_count: i64,
}

impl Store {
    /// Keeps `code` for `member` until `expires`, in place of any code they had.
    pub(crate) async fn issue_link_code(
        &self,
        community: CommunityId,
        member: MemberId,
        code: &str,
        now: DateTime<Utc>,
        expires: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        on_conn!(self, |conn| {
            sqlx::query("DELETE FROM link_codes WHERE member_id = $1 AND used_at IS NULL")
                .bind(member.0)
                .execute(&mut *conn)
                .await?;
            sqlx::query(
                "INSERT INTO link_codes (community_id, code, member_id, created_at, expires_at)
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(community.0)
            .bind(code)
            .bind(member.0)
            .bind(to_millis(now))
            .bind(to_millis(expires))
            .execute(&mut *conn)
            .await?;
        });
        Ok(())
    }

    /// Uses `code` up: the member who was given it, if it was valid at `now`.
    pub(crate) async fn take_link_code(
        &self,
        community: CommunityId,
        code: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<MemberId>, StoreError> {
        const SQL: &str = "UPDATE link_codes SET used_at = $3
             WHERE community_id = $1 AND code = $2 AND used_at IS NULL AND expires_at > $3
             RETURNING member_id";
        let member: Option<i64> = on_conn!(self, |conn| {
            sqlx::query_scalar(SQL)
                .bind(community.0)
                .bind(code)
                .bind(to_millis(now))
                .fetch_optional(&mut *conn)
                .await?
        });
        Ok(member.map(MemberId))
    }

    /// Forgets codes that expired before `before` (used or not: nothing reads them
    /// after) and counts of wrong codes begun before it. Returns how many rows went.
    pub(crate) async fn prune_links(&self, before: DateTime<Utc>) -> Result<u64, StoreError> {
        const CODES: &str = "DELETE FROM link_codes WHERE expires_at < $1";
        const TRIES: &str = "DELETE FROM link_tries WHERE first_at < $1";
        Ok(self.delete_before(CODES, before).await? + self.delete_before(TRIES, before).await?)
    }

    /// Until when `member` may not try a code, after too many wrong ones since `since`.
    pub(crate) async fn link_tries(
        &self,
        member: MemberId,
    ) -> Result<Option<(u32, DateTime<Utc>)>, StoreError> {
        let row: Option<(i64, i64)> = on_conn!(self, |conn| {
            sqlx::query_as("SELECT failures, first_at FROM link_tries WHERE member_id = $1")
                .bind(member.0)
                .fetch_optional(&mut *conn)
                .await?
        });
        row.map(|(failures, first)| {
            Ok((
                u32::try_from(failures).unwrap_or(u32::MAX),
                from_millis(first)?,
            ))
        })
        .transpose()
    }

    /// Counts a wrong code from `member`; a count older than `window_start` starts over.
    pub(crate) async fn count_link_failure(
        &self,
        member: MemberId,
        window_start: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        const SQL: &str =
            "INSERT INTO link_tries (member_id, failures, first_at) VALUES ($1, 1, $3)
             ON CONFLICT (member_id) DO UPDATE SET
                 failures = CASE WHEN link_tries.first_at < $2 THEN 1
                                 ELSE link_tries.failures + 1 END,
                 first_at = CASE WHEN link_tries.first_at < $2 THEN $3
                                 ELSE link_tries.first_at END";
        on_conn!(self, |conn| {
            sqlx::query(SQL)
                .bind(member.0)
                .bind(to_millis(window_start))
                .bind(to_millis(now))
                .execute(&mut *conn)
                .await?;
        });
        Ok(())
    }

    /// When the member's profile last changed, if they have one.
    pub(crate) async fn profile_changed_at(
        &self,
        member: MemberId,
    ) -> Result<Option<i64>, StoreError> {
        Ok(on_conn!(self, |conn| {
            sqlx::query_scalar("SELECT updated_at FROM profiles WHERE member_id = $1")
                .bind(member.0)
                .fetch_optional(&mut *conn)
                .await?
        }))
    }

    /// Every answer `member` gave, to every date.
    pub(crate) async fn dated_answers(
        &self,
        member: MemberId,
    ) -> Result<Vec<DatedAnswer>, StoreError> {
        const SQL: &str = "SELECT event_id, occurrence, status, answered_at, turn FROM rsvps
             WHERE member_id = $1 ORDER BY event_id, occurrence";
        let rows: Vec<(i64, i64, String, i64, i64)> = on_conn!(self, |conn| {
            sqlx::query_as(SQL)
                .bind(member.0)
                .fetch_all(&mut *conn)
                .await?
        });
        rows.into_iter()
            .map(|(event, occurrence, status, answered_at, turn)| {
                let status = Status::parse(&status)
                    .ok_or_else(|| StoreError::Corrupt(format!("an answer `{status}`")))?;
                let held = Held {
                    status,
                    answered_at,
                    turn,
                };
                Ok((EventId(event), occurrence, held))
            })
            .collect()
    }

    /// Makes `gone` part of `kept`: every row that named `gone` names `kept`, their
    /// dates answered twice settled as `answers` says (the answer to keep for each,
    /// written over `kept`'s), the members table as `fields` says, their welcome cases
    /// one; then `gone` is deleted. Nothing may name `gone` afterwards.
    pub(crate) async fn merge_members(
        &self,
        kept: MemberId,
        gone: MemberId,
        answers: &[DatedAnswer],
        fields: &MemberFields,
    ) -> Result<(), StoreError> {
        const ANSWER: &str = "UPDATE rsvps SET status = $4, answered_at = $5, turn = $6
             WHERE event_id = $2 AND occurrence = $3 AND member_id = $1";
        const TWICE: &str = "DELETE FROM rsvps WHERE member_id = $2 AND EXISTS
             (SELECT 1 FROM rsvps AS k WHERE k.member_id = $1
                AND k.event_id = rsvps.event_id AND k.occurrence = rsvps.occurrence)";
        const MEMBER: &str = "UPDATE members SET language = $3, time_zone = $4,
                 display_name = $5, dm_platform = $6,
                 joined_at = (SELECT MIN(joined_at) FROM members WHERE id IN ($1, $2)),
                 left_at = CASE WHEN EXISTS (SELECT 1 FROM members
                                             WHERE id IN ($1, $2) AND left_at IS NULL)
                           THEN NULL ELSE left_at END
             WHERE id = $1";
        on_conn!(self, |conn| {
            let mut tx = conn.begin().await?;
            for (event, occurrence, held) in answers {
                sqlx::query(ANSWER)
                    .bind(kept.0)
                    .bind(event.0)
                    .bind(occurrence)
                    .bind(held.status.as_str())
                    .bind(held.answered_at)
                    .bind(held.turn)
                    .execute(&mut *tx)
                    .await?;
            }
            let pair = [TWICE]
                .into_iter()
                .chain(UNITE)
                .chain(REPOINT)
                .chain(QUESTIONNAIRE)
                .chain(LAST);
            for sql in pair {
                sqlx::query(sql)
                    .bind(kept.0)
                    .bind(gone.0)
                    .execute(&mut *tx)
                    .await?;
            }
            // One welcome case with every note: an open one first, the oldest.
            let mut cases: Vec<CaseRow> = sqlx::query_as(
                "SELECT id, opened_at, claimed_by, claimed_at, first_contact_at, active_at,
                     done_at, said_count, relayed_count
                 FROM welcome_cases WHERE member_id IN ($1, $2)",
            )
            .bind(kept.0)
            .bind(gone.0)
            .fetch_all(&mut *tx)
            .await?;
            cases.sort_by_key(|case| (case.done_at.is_some(), case.opened_at, case.id));
            if let Some((target, others)) = cases.split_first() {
                let mut merged = (
                    target.claimed_by,
                    target.claimed_at,
                    target.first_contact_at,
                    target.active_at,
                    target.said_count,
                    target.relayed_count,
                );
                for other in others {
                    if merged.0.is_none() {
                        (merged.0, merged.1) = (other.claimed_by, other.claimed_at);
                    }
                    merged.2 = match (merged.2, other.first_contact_at) {
                        (Some(a), Some(b)) => Some(a.min(b)),
                        (a, b) => a.or(b),
                    };
                    merged.3 = merged.3.max(other.active_at);
                    merged.4 += other.said_count;
                    merged.5 += other.relayed_count;
                    sqlx::query("UPDATE welcome_notes SET case_id = $1 WHERE case_id = $2")
                        .bind(target.id)
                        .bind(other.id)
                        .execute(&mut *tx)
                        .await?;
                    sqlx::query("DELETE FROM welcome_cases WHERE id = $1")
                        .bind(other.id)
                        .execute(&mut *tx)
                        .await?;
                }
                sqlx::query(
                    "UPDATE welcome_cases SET member_id = $2, claimed_by = $3, claimed_at = $4,
                         first_contact_at = $5, active_at = $6, said_count = $7,
                         relayed_count = $8
                     WHERE id = $1",
                )
                .bind(target.id)
                .bind(kept.0)
                .bind(merged.0)
                .bind(merged.1)
                .bind(merged.2)
                .bind(merged.3)
                .bind(merged.4)
                .bind(merged.5)
                .execute(&mut *tx)
                .await?;
            }
            sqlx::query(MEMBER)
                .bind(kept.0)
                .bind(gone.0)
                .bind(&fields.language)
                .bind(&fields.time_zone)
                .bind(&fields.display_name)
                .bind(&fields.dm_platform)
                .execute(&mut *tx)
                .await?;
            sqlx::query("DELETE FROM members WHERE id = $1")
                .bind(gone.0)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
        });
        Ok(())
    }

    /// Takes the account on `platform` off `member`: it is nobody's until it writes
    /// again. What waited for it in private goes nowhere there; the caller sends it on.
    pub(crate) async fn unlink(
        &self,
        member: MemberId,
        platform: &str,
    ) -> Result<Option<String>, StoreError> {
        const SQL: &str = "DELETE FROM identities WHERE member_id = $1 AND platform = $2
             RETURNING user_id";
        Ok(on_conn!(self, |conn| {
            sqlx::query_scalar(SQL)
                .bind(member.0)
                .bind(platform)
                .fetch_optional(&mut *conn)
                .await?
        }))
    }

    /// Sets the member's own name (`None`: their first account's) or the platform their
    /// private messages go to.
    pub(crate) async fn set_member_choice(
        &self,
        member: MemberId,
        column: MemberChoice,
        value: Option<&str>,
    ) -> Result<(), StoreError> {
        let sql = match column {
            MemberChoice::Name => "UPDATE members SET display_name = $2 WHERE id = $1",
            MemberChoice::DmPlatform => "UPDATE members SET dm_platform = $2 WHERE id = $1",
        };
        on_conn!(self, |conn| {
            sqlx::query(sql)
                .bind(member.0)
                .bind(value)
                .execute(&mut *conn)
                .await?;
        });
        Ok(())
    }
}

/// A member's own choice kept in the members table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MemberChoice {
    Name,
    DmPlatform,
}
