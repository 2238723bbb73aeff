//! Profiles and where each newcomer is in the questionnaire and the rules gate.

mod join;
mod welcome;

pub use join::{GivenUp, JoinRequest};
pub use welcome::{Case, Note, Nudge};

use chrono::{DateTime, Utc};

use crate::model::{CommunityId, MemberId};
use crate::onboarding::arrival::Arrival;
use crate::onboarding::{Field, Profile, Progress, split_list};
use crate::outbox::NewOutgoing;
use crate::store::{Store, StoreError, from_millis, on_conn, to_millis};

/// A member's questionnaire and rules gate, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Onboarding {
    pub progress: Progress,
    pub started_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    /// When the rules were put to them; `None` when the community had no rules then.
    pub rules_asked_at: Option<DateTime<Utc>>,
    pub rules_accepted_at: Option<DateTime<Utc>>,
}

impl Onboarding {
    /// Asked to accept the rules and has not yet.
    pub fn rules_pending(&self) -> bool {
        self.rules_asked_at.is_some() && self.rules_accepted_at.is_none()
    }
}

#[derive(sqlx::FromRow)]
struct ProfileRow {
    origin: Option<String>,
    country: Option<String>,
    city: Option<String>,
    arrival: Option<String>,
    languages: String,
    interests: String,
    visible: String,
    meet: i64,
}

impl From<ProfileRow> for Profile {
    fn from(row: ProfileRow) -> Self {
        Self {
            origin: row.origin,
            country: row.country,
            city: row.city,
            arrival: row.arrival.as_deref().and_then(Arrival::from_stored),
            languages: split_list(&row.languages),
            interests: split_list(&row.interests),
            visible: split_list(&row.visible)
                .iter()
                .filter_map(|name| Field::find(name))
                .collect(),
            meet: row.meet != 0,
        }
    }
}

#[derive(sqlx::FromRow)]
struct OnboardingRow {
    step: Option<String>,
    path: String,
    started_at: i64,
    finished_at: Option<i64>,
    rules_asked_at: Option<i64>,
    rules_accepted_at: Option<i64>,
}

const PROFILE_COLUMNS: &str = "origin, country, city, arrival, languages, interests, visible, meet";

impl Store {
    /// What the member told the hub; empty when nothing.
    pub async fn profile(&self, member: MemberId) -> Result<Profile, StoreError> {
        let sql = format!("SELECT {PROFILE_COLUMNS} FROM profiles WHERE member_id = $1");
        let row: Option<ProfileRow> = on_conn!(self, |conn| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(member.0)
                .fetch_optional(&mut *conn)
                .await?
        });
        Ok(row.map(Profile::from).unwrap_or_default())
    }

    /// Replaces the member's profile.
    pub async fn save_profile(
        &self,
        member: MemberId,
        profile: &Profile,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        const SQL: &str = "INSERT INTO profiles (member_id, origin, country, city, arrival,
                 languages, interests, visible, meet, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
             ON CONFLICT (member_id) DO UPDATE SET origin = excluded.origin,
                 country = excluded.country, city = excluded.city, arrival = excluded.arrival,
                 languages = excluded.languages, interests = excluded.interests,
                 visible = excluded.visible, meet = excluded.meet,
                 updated_at = excluded.updated_at";
        let visible: Vec<&str> = profile.visible.iter().map(|field| field.as_str()).collect();
        on_conn!(self, |conn| {
            sqlx::query(SQL)
                .bind(member.0)
                .bind(&profile.origin)
                .bind(&profile.country)
                .bind(&profile.city)
                .bind(profile.arrival.map(|arrival| arrival.to_stored()))
                .bind(profile.languages.join(","))
                .bind(profile.interests.join(","))
                .bind(visible.join(","))
                .bind(i64::from(profile.meet))
                .bind(to_millis(now))
                .execute(&mut *conn)
                .await?
                .rows_affected()
        });
        Ok(())
    }

    /// The other members of the community who opted in to `/meet`, with their profiles.
    pub async fn meet_profiles(
        &self,
        community: CommunityId,
        except: MemberId,
    ) -> Result<Vec<(MemberId, Profile)>, StoreError> {
        let sql = format!(
            "SELECT p.member_id, {PROFILE_COLUMNS} FROM profiles p
             JOIN members m ON m.id = p.member_id
             WHERE m.community_id = $1 AND p.meet = 1 AND p.member_id <> $2
               AND m.left_at IS NULL
             ORDER BY p.member_id"
        );
        #[derive(sqlx::FromRow)]
        struct Row {
            member_id: i64,
            #[sqlx(flatten)]
            profile: ProfileRow,
        }
        let rows: Vec<Row> = on_conn!(self, |conn| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(community.0)
                .bind(except.0)
                .fetch_all(&mut *conn)
                .await?
        });
        Ok(rows
            .into_iter()
            .map(|row| (MemberId(row.member_id), Profile::from(row.profile)))
            .collect())
    }

    /// The cities members gave for `country`, most given first, at most `limit`.
    pub async fn cities_in(
        &self,
        community: CommunityId,
        country: &str,
        limit: u32,
    ) -> Result<Vec<String>, StoreError> {
        const SQL: &str = "SELECT p.city FROM profiles p JOIN members m ON m.id = p.member_id
             WHERE m.community_id = $1 AND p.country = $2 AND p.city IS NOT NULL
             GROUP BY p.city ORDER BY COUNT(*) DESC, p.city LIMIT $3";
        Ok(on_conn!(self, |conn| {
            sqlx::query_scalar(SQL)
                .bind(community.0)
                .bind(country)
                .bind(i64::from(limit))
                .fetch_all(&mut *conn)
                .await?
        }))
    }

    /// The member's questionnaire, if it was ever started.
    pub async fn onboarding(&self, member: MemberId) -> Result<Option<Onboarding>, StoreError> {
        const SQL: &str = "SELECT step, path, started_at, finished_at, rules_asked_at,
                 rules_accepted_at
             FROM onboarding WHERE member_id = $1";
        let row: Option<OnboardingRow> = on_conn!(self, |conn| {
            sqlx::query_as(SQL)
                .bind(member.0)
                .fetch_optional(&mut *conn)
                .await?
        });
        let Some(row) = row else {
            return Ok(None);
        };
        let optional = |millis: Option<i64>| millis.map(from_millis).transpose();
        Ok(Some(Onboarding {
            progress: Progress::from_stored(row.step.as_deref(), &row.path),
            started_at: from_millis(row.started_at)?,
            finished_at: optional(row.finished_at)?,
            rules_asked_at: optional(row.rules_asked_at)?,
            rules_accepted_at: optional(row.rules_accepted_at)?,
        }))
    }

    /// Starts the questionnaire over at `progress`; the rules are put to the member now
    /// when `rules` and they were not before. Answers already given stay in the profile.
    pub async fn start_onboarding(
        &self,
        member: MemberId,
        progress: &Progress,
        rules: bool,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        const SQL: &str = "INSERT INTO onboarding (member_id, step, path, started_at,
                 rules_asked_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $4)
             ON CONFLICT (member_id) DO UPDATE SET step = excluded.step, path = excluded.path,
                 finished_at = NULL, updated_at = excluded.updated_at,
                 rules_asked_at = COALESCE(onboarding.rules_asked_at, excluded.rules_asked_at)";
        on_conn!(self, |conn| {
            sqlx::query(SQL)
                .bind(member.0)
                .bind(progress.step.map(|step| step.as_str()))
                .bind(progress.path_text())
                .bind(to_millis(now))
                .bind(rules.then(|| to_millis(now)))
                .execute(&mut *conn)
                .await?
                .rows_affected()
        });
        Ok(())
    }

    /// Moves the member to `progress`, recording when they finished.
    pub async fn save_progress(
        &self,
        member: MemberId,
        progress: &Progress,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        const SQL: &str = "UPDATE onboarding SET step = $2, path = $3, updated_at = $4,
                 finished_at = CASE WHEN $2 IS NULL THEN COALESCE(finished_at, $4) END
             WHERE member_id = $1";
        on_conn!(self, |conn| {
            sqlx::query(SQL)
                .bind(member.0)
                .bind(progress.step.map(|step| step.as_str()))
                .bind(progress.path_text())
                .bind(to_millis(now))
                .execute(&mut *conn)
                .await?
                .rows_affected()
        });
        Ok(())
    }

    /// Records that the member accepted the rules; `false` when they already had.
    pub async fn accept_rules(
        &self,
        member: MemberId,
        grants: &[NewOutgoing],
        community: CommunityId,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        const SQL: &str = "UPDATE onboarding SET rules_accepted_at = $2, updated_at = $2
             WHERE member_id = $1 AND rules_accepted_at IS NULL";
        self.update_then_enqueue(SQL, &[member.0, to_millis(now)], community, grants, now)
            .await
    }

    /// Members of the community asked to accept the rules before `asked_before` who
    /// neither accepted nor were reminded.
    pub async fn rules_reminders_due(
        &self,
        community: CommunityId,
        asked_before: DateTime<Utc>,
    ) -> Result<Vec<MemberId>, StoreError> {
        const SQL: &str = "SELECT o.member_id FROM onboarding o
             JOIN members m ON m.id = o.member_id
             WHERE m.community_id = $1 AND o.rules_asked_at <= $2
               AND o.rules_accepted_at IS NULL AND o.rules_reminded_at IS NULL
               AND m.left_at IS NULL
             ORDER BY o.rules_asked_at LIMIT 200";
        let ids: Vec<i64> = on_conn!(self, |conn| {
            sqlx::query_scalar(SQL)
                .bind(community.0)
                .bind(to_millis(asked_before))
                .fetch_all(&mut *conn)
                .await?
        });
        Ok(ids.into_iter().map(MemberId).collect())
    }

    /// When the earliest pending rules reminder was asked, to know when it falls due.
    pub async fn first_rules_pending(
        &self,
        community: CommunityId,
    ) -> Result<Option<DateTime<Utc>>, StoreError> {
        const SQL: &str = "SELECT MIN(o.rules_asked_at) FROM onboarding o
             JOIN members m ON m.id = o.member_id
             WHERE m.community_id = $1 AND o.rules_asked_at IS NOT NULL
               AND o.rules_accepted_at IS NULL AND o.rules_reminded_at IS NULL
               AND m.left_at IS NULL";
        let first: Option<i64> = on_conn!(self, |conn| {
            sqlx::query_scalar(SQL)
                .bind(community.0)
                .fetch_one(&mut *conn)
                .await?
        });
        first.map(from_millis).transpose()
    }

    /// Marks the member reminded and queues the reminder, in one transaction; `false`
    /// (nothing queued) when another process did it first.
    pub async fn send_rules_reminder(
        &self,
        community: CommunityId,
        member: MemberId,
        messages: &[NewOutgoing],
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        const SQL: &str = "UPDATE onboarding SET rules_reminded_at = $2
             WHERE member_id = $1 AND rules_reminded_at IS NULL AND rules_accepted_at IS NULL";
        self.update_then_enqueue(SQL, &[member.0, to_millis(now)], community, messages, now)
            .await
    }
}
