//! The welcome team's cases: one per newcomer, opened on join, claimed, noted, closed,
//! and the nudges when nobody claims one or a claimed one goes quiet.

use chrono::{DateTime, Utc};

use crate::model::{CommunityId, MemberId, Role};
use crate::outbox::NewOutgoing;
use crate::store::{Store, StoreError, from_millis, on_conn, to_millis};

/// A newcomer as the welcome team follows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    pub id: i64,
    /// `None` once the member was forgotten.
    pub member: Option<MemberId>,
    pub opened_at: DateTime<Utc>,
    pub claimed_by: Option<MemberId>,
    pub claimed_at: Option<DateTime<Utc>>,
    pub first_contact_at: Option<DateTime<Utc>>,
    pub active_at: DateTime<Utc>,
    pub done_at: Option<DateTime<Utc>>,
    /// Messages the team sent them with `/welcome say`.
    pub said: i64,
    /// Their private replies passed on to the claimer.
    pub relayed: i64,
}

/// A welcomer's note on a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub author: Option<MemberId>,
    pub text: String,
    pub at: DateTime<Utc>,
}

/// Which nudge a case is due for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nudge {
    /// Nobody claimed the newcomer: the team is told.
    Unclaimed,
    /// The claimer has not touched the case: they are told.
    Idle,
}

#[derive(sqlx::FromRow)]
struct CaseRow {
    id: i64,
    member_id: Option<i64>,
    opened_at: i64,
    claimed_by: Option<i64>,
    claimed_at: Option<i64>,
    first_contact_at: Option<i64>,
    active_at: i64,
    done_at: Option<i64>,
    said_count: i64,
    relayed_count: i64,
}

impl TryFrom<CaseRow> for Case {
    type Error = StoreError;

    fn try_from(row: CaseRow) -> Result<Self, StoreError> {
        let optional = |millis: Option<i64>| millis.map(from_millis).transpose();
        Ok(Self {
            id: row.id,
            member: row.member_id.map(MemberId),
            opened_at: from_millis(row.opened_at)?,
            claimed_by: row.claimed_by.map(MemberId),
            claimed_at: optional(row.claimed_at)?,
            first_contact_at: optional(row.first_contact_at)?,
            active_at: from_millis(row.active_at)?,
            done_at: optional(row.done_at)?,
            said: row.said_count,
            relayed: row.relayed_count,
        })
    }
}

const CASE_COLUMNS: &str = "id, member_id, opened_at, claimed_by, claimed_at, first_contact_at,
     active_at, done_at, said_count, relayed_count";

impl Store {
    /// Opens a case for the newcomer unless one is open; `true` when it did.
    pub async fn open_case(
        &self,
        community: CommunityId,
        member: MemberId,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        const SQL: &str =
            "INSERT INTO welcome_cases (community_id, member_id, opened_at, active_at)
             VALUES ($1, $2, $3, $3)
             ON CONFLICT (member_id) WHERE done_at IS NULL DO NOTHING";
        let inserted = on_conn!(self, |conn| {
            sqlx::query(SQL)
                .bind(community.0)
                .bind(member.0)
                .bind(to_millis(now))
                .execute(&mut *conn)
                .await?
                .rows_affected()
        });
        Ok(inserted == 1)
    }

    /// The member's open case, or else their latest one.
    pub async fn case_of(&self, member: MemberId) -> Result<Option<Case>, StoreError> {
        let sql = format!(
            "SELECT {CASE_COLUMNS} FROM welcome_cases WHERE member_id = $1
             ORDER BY done_at IS NULL DESC, opened_at DESC, id DESC LIMIT 1"
        );
        let row: Option<CaseRow> = on_conn!(self, |conn| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(member.0)
                .fetch_optional(&mut *conn)
                .await?
        });
        row.map(Case::try_from).transpose()
    }

    /// The open cases of the community, oldest first.
    pub async fn open_cases(&self, community: CommunityId) -> Result<Vec<Case>, StoreError> {
        let sql = format!(
            "SELECT {CASE_COLUMNS} FROM welcome_cases
             WHERE community_id = $1 AND done_at IS NULL AND member_id IS NOT NULL
             ORDER BY opened_at, id"
        );
        self.cases(sql, community).await
    }

    /// Every case the community ever had, forgotten members' included, for statistics.
    pub async fn all_cases(&self, community: CommunityId) -> Result<Vec<Case>, StoreError> {
        let sql = format!(
            "SELECT {CASE_COLUMNS} FROM welcome_cases WHERE community_id = $1 ORDER BY opened_at, id"
        );
        self.cases(sql, community).await
    }

    async fn cases(&self, sql: String, community: CommunityId) -> Result<Vec<Case>, StoreError> {
        let rows: Vec<CaseRow> = on_conn!(self, |conn| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(community.0)
                .fetch_all(&mut *conn)
                .await?
        });
        rows.into_iter().map(Case::try_from).collect()
    }

    /// Gives the open case to `claimer`; `false` when it is closed or someone holds it.
    pub async fn claim_case(
        &self,
        case: i64,
        claimer: MemberId,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        const SQL: &str = "UPDATE welcome_cases SET claimed_by = $2, claimed_at = $3,
                 first_contact_at = COALESCE(first_contact_at, $3), active_at = $3,
                 team_nudged_at = NULL, idle_nudged_at = NULL
             WHERE id = $1 AND done_at IS NULL AND claimed_by IS NULL";
        self.touch_case(SQL, case, Some(claimer), now).await
    }

    /// Hands the case back to the team; its wait starts again.
    pub async fn unclaim_case(&self, case: i64, now: DateTime<Utc>) -> Result<bool, StoreError> {
        const SQL: &str = "UPDATE welcome_cases SET claimed_by = NULL, claimed_at = NULL,
                 active_at = $3, team_nudged_at = NULL, idle_nudged_at = NULL
             WHERE id = $1 AND done_at IS NULL AND claimed_by IS NOT NULL AND $2 IS NULL";
        self.touch_case(SQL, case, None, now).await
    }

    /// Counts a message the team sent the newcomer: a contact, and activity.
    pub async fn count_said(&self, case: i64, now: DateTime<Utc>) -> Result<bool, StoreError> {
        const SQL: &str = "UPDATE welcome_cases SET said_count = said_count + 1,
                 first_contact_at = COALESCE(first_contact_at, $3), active_at = $3,
                 idle_nudged_at = NULL
             WHERE id = $1 AND done_at IS NULL AND $2 IS NULL";
        self.touch_case(SQL, case, None, now).await
    }

    /// Counts a reply of the newcomer passed on to the claimer.
    pub async fn count_relayed(&self, case: i64, now: DateTime<Utc>) -> Result<bool, StoreError> {
        const SQL: &str = "UPDATE welcome_cases SET relayed_count = relayed_count + 1,
                 active_at = $3
             WHERE id = $1 AND done_at IS NULL AND $2 IS NULL";
        self.touch_case(SQL, case, None, now).await
    }

    /// Closes the case.
    pub async fn close_case(&self, case: i64, now: DateTime<Utc>) -> Result<bool, StoreError> {
        const SQL: &str = "UPDATE welcome_cases SET done_at = $3, active_at = $3,
                 first_contact_at = COALESCE(first_contact_at, $3)
             WHERE id = $1 AND done_at IS NULL AND $2 IS NULL";
        self.touch_case(SQL, case, None, now).await
    }

    async fn touch_case(
        &self,
        sql: &'static str,
        case: i64,
        member: Option<MemberId>,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let changed = on_conn!(self, |conn| {
            sqlx::query(sql)
                .bind(case)
                .bind(member.map(|member| member.0))
                .bind(to_millis(now))
                .execute(&mut *conn)
                .await?
                .rows_affected()
        });
        Ok(changed == 1)
    }

    /// Adds a welcomer's note; it counts as activity on the case.
    pub async fn add_note(
        &self,
        case: i64,
        author: MemberId,
        text: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        const NOTE: &str = "INSERT INTO welcome_notes (case_id, author_id, text, created_at)
             VALUES ($1, $2, $3, $4)";
        const TOUCH: &str =
            "UPDATE welcome_cases SET active_at = $2, idle_nudged_at = NULL WHERE id = $1";
        on_conn!(self, |conn| {
            let mut tx = conn.begin().await?;
            sqlx::query(NOTE)
                .bind(case)
                .bind(author.0)
                .bind(text)
                .bind(to_millis(now))
                .execute(&mut *tx)
                .await?;
            sqlx::query(TOUCH)
                .bind(case)
                .bind(to_millis(now))
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
        });
        Ok(())
    }

    /// The notes on a case, oldest first.
    pub async fn notes(&self, case: i64) -> Result<Vec<Note>, StoreError> {
        const SQL: &str = "SELECT author_id, text, created_at FROM welcome_notes
             WHERE case_id = $1 ORDER BY created_at, id";
        let rows: Vec<(Option<i64>, String, i64)> = on_conn!(self, |conn| {
            sqlx::query_as(SQL).bind(case).fetch_all(&mut *conn).await?
        });
        rows.into_iter()
            .map(|(author, text, at)| {
                Ok(Note {
                    author: author.map(MemberId),
                    text,
                    at: from_millis(at)?,
                })
            })
            .collect()
    }

    /// Members holding `role` in the hub, oldest first.
    pub async fn members_with_role(
        &self,
        community: CommunityId,
        role: Role,
    ) -> Result<Vec<MemberId>, StoreError> {
        const SQL: &str = "SELECT r.member_id FROM member_roles r
             JOIN members m ON m.id = r.member_id
             WHERE m.community_id = $1 AND r.role = $2 AND m.left_at IS NULL
             ORDER BY r.member_id";
        let ids: Vec<i64> = on_conn!(self, |conn| {
            sqlx::query_scalar(SQL)
                .bind(community.0)
                .bind(role.as_str())
                .fetch_all(&mut *conn)
                .await?
        });
        Ok(ids.into_iter().map(MemberId).collect())
    }

    /// Open cases due for `nudge`: untouched since before `quiet_since`.
    pub async fn nudges_due(
        &self,
        community: CommunityId,
        nudge: Nudge,
        quiet_since: DateTime<Utc>,
    ) -> Result<Vec<Case>, StoreError> {
        let condition = match nudge {
            Nudge::Unclaimed => "claimed_by IS NULL AND team_nudged_at IS NULL",
            Nudge::Idle => "claimed_by IS NOT NULL AND idle_nudged_at IS NULL",
        };
        let sql = format!(
            "SELECT {CASE_COLUMNS} FROM welcome_cases
             WHERE community_id = $1 AND done_at IS NULL AND member_id IS NOT NULL
               AND {condition} AND active_at <= $2
             ORDER BY active_at, id LIMIT 200"
        );
        let rows: Vec<CaseRow> = on_conn!(self, |conn| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(community.0)
                .bind(to_millis(quiet_since))
                .fetch_all(&mut *conn)
                .await?
        });
        rows.into_iter().map(Case::try_from).collect()
    }

    /// The quietest open case waiting for `nudge`, to know when it falls due.
    pub async fn first_nudge_pending(
        &self,
        community: CommunityId,
        nudge: Nudge,
    ) -> Result<Option<DateTime<Utc>>, StoreError> {
        let condition = match nudge {
            Nudge::Unclaimed => "claimed_by IS NULL AND team_nudged_at IS NULL",
            Nudge::Idle => "claimed_by IS NOT NULL AND idle_nudged_at IS NULL",
        };
        let sql = format!(
            "SELECT MIN(active_at) FROM welcome_cases
             WHERE community_id = $1 AND done_at IS NULL AND member_id IS NOT NULL AND {condition}"
        );
        let first: Option<i64> = on_conn!(self, |conn| {
            sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
                .bind(community.0)
                .fetch_one(&mut *conn)
                .await?
        });
        first.map(from_millis).transpose()
    }

    /// Marks the case nudged and queues the nudge, in one transaction; `false` (and
    /// nothing queued) when the case changed or another process nudged first.
    pub async fn send_nudge(
        &self,
        community: CommunityId,
        case: &Case,
        nudge: Nudge,
        messages: &[NewOutgoing],
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let sql = match nudge {
            Nudge::Unclaimed => {
                "UPDATE welcome_cases SET team_nudged_at = $3
                 WHERE id = $1 AND active_at = $2 AND team_nudged_at IS NULL
                   AND claimed_by IS NULL AND done_at IS NULL"
            }
            Nudge::Idle => {
                "UPDATE welcome_cases SET idle_nudged_at = $3
                 WHERE id = $1 AND active_at = $2 AND idle_nudged_at IS NULL
                   AND claimed_by IS NOT NULL AND done_at IS NULL"
            }
        };
        let binds = [case.id, to_millis(case.active_at), to_millis(now)];
        self.update_then_enqueue(sql, &binds, community, messages, now)
            .await
    }
}
