//! `/forget`: deleting everything a member told the hub, in one transaction, and
//! counting what went. Aggregates (a welcome case's dates) stay without them.

use crate::model::{CommunityId, MemberId};
use crate::store::{Store, StoreError, on_conn};

/// What forgetting a member deleted, table by table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Forgotten {
    /// Their profile (questionnaire answers, visibility, `/meet`).
    pub profile: u64,
    pub questionnaire: u64,
    pub rsvps: u64,
    pub hosting: u64,
    pub reminder_choices: u64,
    /// The welcome team's notes about them.
    pub notes_about: u64,
    /// Messages to them or about them that were not delivered yet.
    pub messages: u64,
    pub roles: u64,
    pub accounts: u64,
    /// Their name taken off FAQ versions and changes they wrote (the text stays).
    pub signatures: u64,
}

/// Deletes from the member's rows, counting; `$1` is the member.
const DELETES: [&str; 9] = [
    "DELETE FROM profiles WHERE member_id = $1",
    "DELETE FROM onboarding WHERE member_id = $1",
    "DELETE FROM rsvps WHERE member_id = $1",
    "DELETE FROM event_hosts WHERE member_id = $1",
    "DELETE FROM reminder_optouts WHERE member_id = $1",
    "DELETE FROM welcome_notes
     WHERE case_id IN (SELECT id FROM welcome_cases WHERE member_id = $1)",
    "DELETE FROM outbox WHERE member_id = $1 OR about_member_id = $1",
    "DELETE FROM member_roles WHERE member_id = $1",
    "DELETE FROM identities WHERE member_id = $1",
];

/// Adapter state named after one of their accounts.
const ADAPTER_NOTES: &str = "DELETE FROM adapter_state
     WHERE (platform, name) IN
       (SELECT platform, 'asked_to_open:' || user_id FROM identities WHERE member_id = $1)";

/// Takes their name and key off what stays; the first two are counted as signatures.
const DETACH: [&str; 7] = [
    "UPDATE faq_versions SET author = NULL, author_id = NULL WHERE author_id = $1",
    "UPDATE faq_revisions SET author = NULL, author_id = NULL WHERE author_id = $1",
    "UPDATE faq_entries SET created_by = NULL WHERE created_by = $1",
    "UPDATE events SET created_by = NULL WHERE created_by = $1",
    "UPDATE welcome_notes SET author_id = NULL WHERE author_id = $1",
    "UPDATE welcome_cases SET claimed_by = NULL, claimed_at = NULL WHERE claimed_by = $1",
    "UPDATE welcome_cases SET member_id = NULL WHERE member_id = $1",
];

impl Store {
    /// The dates the member holds a place at, as (event, date number).
    pub async fn going_answers(
        &self,
        member: MemberId,
    ) -> Result<Vec<(crate::events::EventId, i64)>, StoreError> {
        const SQL: &str = "SELECT event_id, occurrence FROM rsvps
             WHERE member_id = $1 AND status = 'yes' ORDER BY event_id, occurrence";
        let rows: Vec<(i64, i64)> = on_conn!(self, |conn| {
            sqlx::query_as(SQL)
                .bind(member.0)
                .fetch_all(&mut *conn)
                .await?
        });
        Ok(rows
            .into_iter()
            .map(|(event, occurrence)| (crate::events::EventId(event), occurrence))
            .collect())
    }

    /// The events the member hosts.
    pub async fn hosted_events(
        &self,
        member: MemberId,
    ) -> Result<Vec<crate::events::EventId>, StoreError> {
        const SQL: &str = "SELECT event_id FROM event_hosts WHERE member_id = $1 ORDER BY event_id";
        let ids: Vec<i64> = on_conn!(self, |conn| {
            sqlx::query_scalar(SQL)
                .bind(member.0)
                .fetch_all(&mut *conn)
                .await?
        });
        Ok(ids.into_iter().map(crate::events::EventId).collect())
    }

    /// Deletes the member and everything about them; `None` when they are not a member
    /// of `community`.
    pub async fn forget_member(
        &self,
        community: CommunityId,
        member: MemberId,
    ) -> Result<Option<Forgotten>, StoreError> {
        const MEMBER: &str = "DELETE FROM members WHERE id = $1 AND community_id = $2";
        on_conn!(self, |conn| {
            let mut tx = conn.begin().await?;
            // What adapters noted about their accounts (asked to open a private chat).
            sqlx::query(ADAPTER_NOTES)
                .bind(member.0)
                .execute(&mut *tx)
                .await?;
            let mut counts = [0u64; DELETES.len()];
            for (count, sql) in counts.iter_mut().zip(DELETES) {
                *count = sqlx::query(sql)
                    .bind(member.0)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
            }
            let mut signatures = 0;
            for (index, sql) in DETACH.into_iter().enumerate() {
                let changed = sqlx::query(sql)
                    .bind(member.0)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                if index < 2 {
                    signatures += changed;
                }
            }
            // Replies kept for replays can name them, whoever asked: they go too (the
            // events stay handled).
            sqlx::query("UPDATE handled_events SET replies = NULL WHERE community_id = $1")
                .bind(community.0)
                .execute(&mut *tx)
                .await?;
            // So do the texts kept of posted announcements (they name hosts): the next
            // edit of each, queued after this, puts the text back without them.
            sqlx::query("UPDATE posted SET body = '' WHERE community_id = $1")
                .bind(community.0)
                .execute(&mut *tx)
                .await?;
            let deleted = sqlx::query(MEMBER)
                .bind(member.0)
                .bind(community.0)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if deleted == 0 {
                tx.rollback().await?;
                return Ok(None);
            }
            tx.commit().await?;
            let [
                profile,
                questionnaire,
                rsvps,
                hosting,
                reminder_choices,
                notes_about,
                messages,
                roles,
                accounts,
            ] = counts;
            Ok(Some(Forgotten {
                profile,
                questionnaire,
                rsvps,
                hosting,
                reminder_choices,
                notes_about,
                messages,
                roles,
                accounts,
                signatures,
            }))
        })
    }
}
