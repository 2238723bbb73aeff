//! What an adapter keeps between runs: the short keys its buttons carry for the choices
//! they stand for, and its own values (an update offset, a sync position), some of them
//! only for a while.

use chrono::{DateTime, Utc};

use super::{Store, StoreError, on_conn, to_millis};
use crate::model::{CommunityId, Platform};

/// The start of every choice key: keys are `c` and a number in base 36 (`c1z`).
const KEY_PREFIX: char = 'c';

impl Store {
    /// The key a button for `command` carries on `platform`: short (a few characters),
    /// the same every time the same command is offered, and found again by
    /// [`Store::offered_choice`] after any restart.
    pub async fn offer_choice(
        &self,
        community: CommunityId,
        platform: Platform,
        command: &str,
        now: DateTime<Utc>,
    ) -> Result<String, StoreError> {
        const UPSERT: &str = "INSERT INTO offered_choices (community_id, platform, command, offered_at)
             VALUES ($1, $2, $3, $4)
             ON CONFLICT (community_id, platform, command) DO UPDATE SET offered_at = excluded.offered_at
             RETURNING id";
        let id: i64 = on_conn!(self, |conn| {
            sqlx::query_scalar(UPSERT)
                .bind(community.0)
                .bind(platform.as_str())
                .bind(command)
                .bind(to_millis(now))
                .fetch_one(&mut *conn)
                .await?
        });
        Ok(format!("{KEY_PREFIX}{}", base36(id.unsigned_abs())))
    }

    /// The command a button's `key` stands for; `None` for a key the hub never gave.
    pub async fn offered_choice(
        &self,
        community: CommunityId,
        platform: Platform,
        key: &str,
    ) -> Result<Option<String>, StoreError> {
        const FIND: &str = "SELECT command FROM offered_choices
             WHERE id = $1 AND community_id = $2 AND platform = $3";
        let Some(id) = key
            .strip_prefix(KEY_PREFIX)
            .and_then(|digits| i64::from_str_radix(digits, 36).ok())
        else {
            return Ok(None);
        };
        Ok(on_conn!(self, |conn| {
            sqlx::query_scalar(FIND)
                .bind(id)
                .bind(community.0)
                .bind(platform.as_str())
                .fetch_optional(&mut *conn)
                .await?
        }))
    }

    /// What the adapter of `platform` stored under `name`.
    pub async fn adapter_value(
        &self,
        community: CommunityId,
        platform: Platform,
        name: &str,
    ) -> Result<Option<String>, StoreError> {
        const GET: &str = "SELECT value FROM adapter_state
             WHERE community_id = $1 AND platform = $2 AND name = $3";
        Ok(on_conn!(self, |conn| {
            sqlx::query_scalar(GET)
                .bind(community.0)
                .bind(platform.as_str())
                .bind(name)
                .fetch_optional(&mut *conn)
                .await?
        }))
    }

    /// Stores `value` under `name` for the adapter of `platform`, replacing what was,
    /// kept until it is replaced.
    pub async fn set_adapter_value(
        &self,
        community: CommunityId,
        platform: Platform,
        name: &str,
        value: &str,
    ) -> Result<(), StoreError> {
        self.put_adapter_value(community, platform, name, value, None)
            .await
    }

    /// [`Store::set_adapter_value`], for a value worth keeping only until `until`: the
    /// hub's tick forgets it after ([`Store::prune_adapter_values`]).
    pub async fn set_adapter_value_until(
        &self,
        community: CommunityId,
        platform: Platform,
        name: &str,
        value: &str,
        until: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.put_adapter_value(community, platform, name, value, Some(to_millis(until)))
            .await
    }

    async fn put_adapter_value(
        &self,
        community: CommunityId,
        platform: Platform,
        name: &str,
        value: &str,
        expires_at: Option<i64>,
    ) -> Result<(), StoreError> {
        const SET: &str =
            "INSERT INTO adapter_state (community_id, platform, name, value, expires_at)
             VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (community_id, platform, name)
             DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at";
        on_conn!(self, |conn| {
            sqlx::query(SET)
                .bind(community.0)
                .bind(platform.as_str())
                .bind(name)
                .bind(value)
                .bind(expires_at)
                .execute(&mut *conn)
                .await?
                .rows_affected()
        });
        Ok(())
    }

    /// Forgets the adapter values kept until before `now`. Returns how many went.
    pub async fn prune_adapter_values(&self, now: DateTime<Utc>) -> Result<u64, StoreError> {
        self.delete_before("DELETE FROM adapter_state WHERE expires_at < $1", now)
            .await
    }
}

fn base36(mut number: u64) -> String {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[(number % 36) as usize]);
        number /= 36;
        if number == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_short_numbers_in_base_36() {
        assert_eq!(base36(0), "0");
        assert_eq!(base36(35), "z");
        assert_eq!(base36(36 * 36 + 1), "101");
        assert_eq!(
            i64::from_str_radix(&base36(123_456_789), 36),
            Ok(123_456_789)
        );
    }
}
