//! Communities and their members: identities on each platform, preferences, roles.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::{Store, StoreError, by_parent, from_millis, ids_json, on_conn, to_millis};
use crate::lang::Lang;
use crate::model::{Community, CommunityId, Identity, Member, MemberId, Platform, Role};

#[derive(sqlx::FromRow)]
struct MemberRow {
    id: i64,
    language: Option<String>,
    time_zone: Option<String>,
    joined_at: i64,
    display_name: Option<String>,
    dm_platform: Option<String>,
    last_platform: Option<String>,
}

#[derive(sqlx::FromRow)]
struct IdentityRow {
    member_id: i64,
    platform: String,
    user_id: String,
    display_name: String,
    private_refused_at: Option<i64>,
}

impl Store {
    /// Records the community (from the config) and returns its key; renames and new
    /// defaults in the config replace the stored ones.
    pub async fn sync_community(
        &self,
        community: &Community,
        now: DateTime<Utc>,
    ) -> Result<CommunityId, StoreError> {
        const SQL: &str = "INSERT INTO communities (slug, name, language, time_zone, created_at)
             VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (slug) DO UPDATE SET name = excluded.name,
                 language = excluded.language, time_zone = excluded.time_zone
             RETURNING id";
        let id: i64 = on_conn!(self, |conn| {
            sqlx::query_scalar(SQL)
                .bind(&community.slug)
                .bind(&community.name)
                .bind(community.language.code())
                .bind(community.time_zone.name())
                .bind(to_millis(now))
                .fetch_one(&mut *conn)
                .await?
        });
        Ok(CommunityId(id))
    }

    /// The member known on `platform` as `user_id`, if any.
    pub async fn find_member(
        &self,
        community: CommunityId,
        platform: Platform,
        user_id: &str,
    ) -> Result<Option<Member>, StoreError> {
        match self.find_member_id(community, platform, user_id).await? {
            Some(id) => Ok(Some(self.member(id).await?)),
            None => Ok(None),
        }
    }

    /// The key of the member known on `platform` as `user_id`, if any: one query, for
    /// who needs no more than who they are.
    pub async fn find_member_id(
        &self,
        community: CommunityId,
        platform: Platform,
        user_id: &str,
    ) -> Result<Option<MemberId>, StoreError> {
        const SQL: &str = "SELECT member_id FROM identities
             WHERE community_id = $1 AND platform = $2 AND user_id = $3";
        let id: Option<i64> = on_conn!(self, |conn| {
            sqlx::query_scalar(SQL)
                .bind(community.0)
                .bind(platform.as_str())
                .bind(user_id)
                .fetch_optional(&mut *conn)
                .await?
        });
        Ok(id.map(MemberId))
    }

    /// The members whose display name or platform user ID is `name` (any case, with or
    /// without a leading `@`). Compared here rather than in SQL, whose `LOWER` leaves
    /// `É` alone on SQLite.
    pub async fn find_members_by_name(
        &self,
        community: CommunityId,
        name: &str,
    ) -> Result<Vec<MemberId>, StoreError> {
        const SQL: &str = "SELECT member_id, display_name, user_id FROM identities
             WHERE community_id = $1 ORDER BY member_id";
        let wanted = name.trim().trim_start_matches('@').to_lowercase();
        let rows: Vec<(i64, String, String)> = on_conn!(self, |conn| {
            sqlx::query_as(SQL)
                .bind(community.0)
                .fetch_all(&mut *conn)
                .await?
        });
        let mut found: Vec<MemberId> = rows
            .into_iter()
            .filter(|(_, display, user)| {
                display.to_lowercase() == wanted
                    || user.trim_start_matches('@').to_lowercase() == wanted
            })
            .map(|(id, _, _)| MemberId(id))
            .collect();
        found.dedup();
        Ok(found)
    }

    /// The member known on `platform` as `user_id`, created on first sight; their display
    /// name follows the platform's, and the platform is the one they used last.
    pub async fn ensure_member(
        &self,
        community: CommunityId,
        identity: &Identity,
        now: DateTime<Utc>,
    ) -> Result<Member, StoreError> {
        if let Some(mut member) = self
            .find_member(community, identity.platform, &identity.user_id)
            .await?
        {
            // What changes is written, and changed in `member` as read.
            if let Some(known) = member
                .identities
                .iter_mut()
                .find(|known| known.platform == identity.platform)
                && known.display_name != identity.display_name
            {
                self.rename(community, identity).await?;
                known.display_name.clone_from(&identity.display_name);
            }
            // Written only when it changes: most messages come from where the last did.
            if member.last_platform != Some(identity.platform) {
                self.set_member_text(
                    "UPDATE members SET last_platform = $2 WHERE id = $1",
                    member.id,
                    Some(identity.platform.as_str()),
                )
                .await?;
                member.last_platform = Some(identity.platform);
            }
            return Ok(member);
        }
        if !self.insert_member(community, identity, now).await? {
            // Someone else created them at the same moment: theirs stands.
            tracing::debug!(user = identity.user_id, "member created concurrently");
        }
        self.find_member(community, identity.platform, &identity.user_id)
            .await?
            .ok_or_else(|| StoreError::Corrupt(format!("member {} vanished", identity.user_id)))
    }

    /// Creates a member with this identity; false if the identity already had one.
    async fn insert_member(
        &self,
        community: CommunityId,
        identity: &Identity,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        const MEMBER: &str =
            "INSERT INTO members (community_id, joined_at, created_at, last_platform)
             VALUES ($1, $2, $2, $3) RETURNING id";
        const IDENTITY: &str =
            "INSERT INTO identities (community_id, platform, user_id, member_id, display_name)
             VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (community_id, platform, user_id) DO NOTHING";
        on_conn!(self, |conn| {
            let mut tx = conn.begin().await?;
            let id: i64 = sqlx::query_scalar(MEMBER)
                .bind(community.0)
                .bind(to_millis(now))
                .bind(identity.platform.as_str())
                .fetch_one(&mut *tx)
                .await?;
            let inserted = sqlx::query(IDENTITY)
                .bind(community.0)
                .bind(identity.platform.as_str())
                .bind(&identity.user_id)
                .bind(id)
                .bind(&identity.display_name)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if inserted == 1 {
                tx.commit().await?;
            } else {
                tx.rollback().await?;
            }
            Ok(inserted == 1)
        })
    }

    async fn rename(&self, community: CommunityId, identity: &Identity) -> Result<(), StoreError> {
        const SQL: &str = "UPDATE identities SET display_name = $4
             WHERE community_id = $1 AND platform = $2 AND user_id = $3";
        on_conn!(self, |conn| {
            sqlx::query(SQL)
                .bind(community.0)
                .bind(identity.platform.as_str())
                .bind(&identity.user_id)
                .bind(&identity.display_name)
                .execute(&mut *conn)
                .await?
                .rows_affected()
        });
        Ok(())
    }

    /// Everything the hub holds about a member.
    pub async fn member(&self, id: MemberId) -> Result<Member, StoreError> {
        const MEMBER: &str = "SELECT id, language, time_zone, joined_at, display_name,
                 dm_platform, last_platform
             FROM members WHERE id = $1";
        const IDENTITIES: &str = "SELECT member_id, platform, user_id, display_name,
                 private_refused_at
             FROM identities WHERE member_id = $1";
        const ROLES: &str = "SELECT member_id, role FROM member_roles WHERE member_id = $1";
        let (row, identities, roles): (MemberRow, Vec<IdentityRow>, Vec<(i64, String)>) =
            on_conn!(self, |conn| {
                (
                    sqlx::query_as(MEMBER)
                        .bind(id.0)
                        .fetch_one(&mut *conn)
                        .await?,
                    sqlx::query_as(IDENTITIES)
                        .bind(id.0)
                        .fetch_all(&mut *conn)
                        .await?,
                    sqlx::query_as(ROLES)
                        .bind(id.0)
                        .fetch_all(&mut *conn)
                        .await?,
                )
            });
        let roles = roles.into_iter().map(|(_, role)| role).collect();
        assemble(row, identities, roles)
    }

    /// Every member of `ids` there is, in three queries whatever their number (the
    /// reminders of a batch): in no particular order.
    pub async fn members(&self, ids: &[MemberId]) -> Result<Vec<Member>, StoreError> {
        let list = self.id_list(1);
        let member = sqlx::AssertSqlSafe(format!(
            "SELECT id, language, time_zone, joined_at, display_name, dm_platform, last_platform
             FROM members WHERE id IN ({list})"
        ));
        let identity = sqlx::AssertSqlSafe(format!(
            "SELECT member_id, platform, user_id, display_name, private_refused_at
             FROM identities WHERE member_id IN ({list})"
        ));
        let role = sqlx::AssertSqlSafe(format!(
            "SELECT member_id, role FROM member_roles WHERE member_id IN ({list})"
        ));
        let bound = ids_json(ids.iter().map(|id| id.0));
        let (rows, identities, roles): (Vec<MemberRow>, Vec<IdentityRow>, Vec<(i64, String)>) =
            on_conn!(self, |conn| {
                (
                    sqlx::query_as(member)
                        .bind(&bound)
                        .fetch_all(&mut *conn)
                        .await?,
                    sqlx::query_as(identity)
                        .bind(&bound)
                        .fetch_all(&mut *conn)
                        .await?,
                    sqlx::query_as(role)
                        .bind(&bound)
                        .fetch_all(&mut *conn)
                        .await?,
                )
            });
        let mut identities_of = by_parent(identities.into_iter().map(|row| (row.member_id, row)));
        let mut roles_of = by_parent(roles);
        rows.into_iter()
            .map(|row| {
                let identities = identities_of.remove(&row.id).unwrap_or_default();
                let roles = roles_of.remove(&row.id).unwrap_or_default();
                assemble(row, identities, roles)
            })
            .collect()
    }

    /// Sets the member's own language; `None` returns them to the community's.
    pub async fn set_language(
        &self,
        member: MemberId,
        language: Option<Lang>,
    ) -> Result<(), StoreError> {
        const SQL: &str = "UPDATE members SET language = $2 WHERE id = $1";
        self.set_member_text(SQL, member, language.map(Lang::code))
            .await
    }

    /// Sets the member's own time zone; `None` returns them to the community's.
    pub async fn set_time_zone(
        &self,
        member: MemberId,
        zone: Option<Tz>,
    ) -> Result<(), StoreError> {
        const SQL: &str = "UPDATE members SET time_zone = $2 WHERE id = $1";
        self.set_member_text(SQL, member, zone.map(|zone| zone.name()))
            .await
    }

    /// Runs `sql`, an update of one text column of a member (`$1` the member, `$2` the value).
    async fn set_member_text(
        &self,
        sql: &'static str,
        member: MemberId,
        value: Option<&str>,
    ) -> Result<(), StoreError> {
        on_conn!(self, |conn| {
            sqlx::query(sql)
                .bind(member.0)
                .bind(value)
                .execute(&mut *conn)
                .await?
                .rows_affected()
        });
        Ok(())
    }

    /// Grants a role in the hub itself; granting it again changes nothing.
    pub async fn grant_role(
        &self,
        member: MemberId,
        role: Role,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        const SQL: &str =
            "INSERT INTO member_roles (member_id, role, granted_at) VALUES ($1, $2, $3)
             ON CONFLICT (member_id, role) DO NOTHING";
        on_conn!(self, |conn| {
            sqlx::query(SQL)
                .bind(member.0)
                .bind(role.as_str())
                .bind(to_millis(now))
                .execute(&mut *conn)
                .await?
                .rows_affected()
        });
        Ok(())
    }

    /// Records that the member came back at `now`, if they had left. Joining another
    /// room of the community is not a new membership: only someone who had left starts
    /// a new one.
    pub async fn mark_returned(
        &self,
        member: MemberId,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.set_member_instant(
            "UPDATE members SET joined_at = $2, left_at = NULL WHERE id = $1 AND left_at IS NOT NULL",
            member,
            now,
        )
        .await
    }

    /// Records that the member left at `now`.
    pub async fn mark_left(&self, member: MemberId, now: DateTime<Utc>) -> Result<(), StoreError> {
        self.set_member_instant("UPDATE members SET left_at = $2 WHERE id = $1", member, now)
            .await
    }

    async fn set_member_instant(
        &self,
        sql: &'static str,
        member: MemberId,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        on_conn!(self, |conn| {
            sqlx::query(sql)
                .bind(member.0)
                .bind(to_millis(now))
                .execute(&mut *conn)
                .await?
                .rows_affected()
        });
        Ok(())
    }
}

impl Store {
    /// The platform of the member known there as `user` refused private messages to them
    /// for good (they blocked the bot): who that is, if they were reachable until now.
    pub async fn refuse_private(
        &self,
        community: CommunityId,
        platform: Platform,
        user: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<MemberId>, StoreError> {
        const SQL: &str = "UPDATE identities SET private_refused_at = $4
             WHERE community_id = $1 AND platform = $2 AND user_id = $3
               AND private_refused_at IS NULL
             RETURNING member_id";
        let member: Option<i64> = on_conn!(self, |conn| {
            sqlx::query_scalar(SQL)
                .bind(community.0)
                .bind(platform.as_str())
                .bind(user)
                .bind(to_millis(now))
                .fetch_optional(&mut *conn)
                .await?
        });
        Ok(member.map(MemberId))
    }

    /// The member known on `platform` as `user` wrote to the bot: they can be reached in
    /// private again.
    pub async fn reach_private(
        &self,
        community: CommunityId,
        platform: Platform,
        user: &str,
    ) -> Result<(), StoreError> {
        const SQL: &str = "UPDATE identities SET private_refused_at = NULL
             WHERE community_id = $1 AND platform = $2 AND user_id = $3
               AND private_refused_at IS NOT NULL";
        on_conn!(self, |conn| {
            sqlx::query(SQL)
                .bind(community.0)
                .bind(platform.as_str())
                .bind(user)
                .execute(&mut *conn)
                .await?;
        });
        Ok(())
    }

    /// The platforms on which `member` cannot be reached in private.
    pub async fn private_refused(&self, member: MemberId) -> Result<Vec<Platform>, StoreError> {
        const SQL: &str = "SELECT platform FROM identities
             WHERE member_id = $1 AND private_refused_at IS NOT NULL";
        let platforms: Vec<String> = on_conn!(self, |conn| {
            sqlx::query_scalar(SQL)
                .bind(member.0)
                .fetch_all(&mut *conn)
                .await?
        });
        let mut platforms: Vec<Platform> = platforms
            .iter()
            .filter_map(|platform| platform.parse().ok())
            .collect();
        platforms.sort();
        Ok(platforms)
    }
}

/// A member from their row, their accounts and their roles.
fn assemble(
    row: MemberRow,
    identities: Vec<IdentityRow>,
    roles: Vec<String>,
) -> Result<Member, StoreError> {
    let platform = |name: &str| {
        name.parse::<Platform>()
            .map_err(|_| StoreError::Corrupt(format!("platform `{name}`")))
    };
    let mut unreachable = Vec::new();
    let mut identities: Vec<Identity> = identities
        .into_iter()
        .map(|row| {
            let on = platform(&row.platform)?;
            if row.private_refused_at.is_some() {
                unreachable.push(on);
            }
            Ok(Identity {
                platform: on,
                user_id: row.user_id,
                display_name: row.display_name,
            })
        })
        .collect::<Result<_, StoreError>>()?;
    // Sorted here: text collation differs between the backends.
    identities.sort_by(|a, b| (a.platform, &a.user_id).cmp(&(b.platform, &b.user_id)));
    unreachable.sort();
    let mut roles: Vec<Role> = roles.iter().filter_map(|role| role.parse().ok()).collect();
    roles.sort();
    Ok(Member {
        id: MemberId(row.id),
        identities,
        language: row.language.as_deref().and_then(Lang::parse),
        time_zone: row
            .time_zone
            .as_deref()
            .and_then(|zone| zone.parse::<Tz>().ok()),
        roles,
        joined_at: from_millis(row.joined_at)?,
        name: row.display_name,
        dm_platform: row.dm_platform.as_deref().map(platform).transpose()?,
        last_platform: row.last_platform.as_deref().map(platform).transpose()?,
        unreachable,
    })
}
