//! Leases: what only one of several processes sharing the database may hold at a time
//! (a platform's single connection), taken by one, renewed by it, and taken over by
//! another once the holder stopped renewing it.

use chrono::{DateTime, TimeDelta, Utc};

use super::{Store, StoreError, from_millis, on_conn, to_millis};

/// Who holds a lease, and until when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    pub holder: String,
    pub until: DateTime<Utc>,
}

impl Store {
    /// Takes the lease `name` for `holder` until `now + ttl`, or renews it when `holder`
    /// has it already; refused (`false`) while another holds it until after `now`.
    pub async fn take_lease(
        &self,
        name: &str,
        holder: &str,
        now: DateTime<Utc>,
        ttl: TimeDelta,
    ) -> Result<bool, StoreError> {
        const TAKE: &str = "INSERT INTO leases (name, holder, until, taken_at)
             VALUES ($1, $2, $3, $4)
             ON CONFLICT (name) DO UPDATE SET
                 holder = excluded.holder,
                 until = excluded.until,
                 taken_at = CASE WHEN leases.holder = excluded.holder THEN leases.taken_at
                                 ELSE excluded.taken_at END
             WHERE leases.holder = excluded.holder OR leases.until < excluded.taken_at";
        let taken = on_conn!(self, |conn| {
            sqlx::query(TAKE)
                .bind(name)
                .bind(holder)
                .bind(to_millis(now + ttl))
                .bind(to_millis(now))
                .execute(&mut *conn)
                .await?
                .rows_affected()
        });
        Ok(taken == 1)
    }

    /// Lets go of the lease `name` if `holder` has it, so another may take it at once.
    pub async fn release_lease(&self, name: &str, holder: &str) -> Result<(), StoreError> {
        on_conn!(self, |conn| {
            sqlx::query("DELETE FROM leases WHERE name = $1 AND holder = $2")
                .bind(name)
                .bind(holder)
                .execute(&mut *conn)
                .await?;
        });
        Ok(())
    }

    /// Who holds the lease `name`, if anyone took it (it may have run out).
    pub async fn lease_holder(&self, name: &str) -> Result<Option<Holder>, StoreError> {
        let row: Option<(String, i64)> = on_conn!(self, |conn| {
            sqlx::query_as("SELECT holder, until FROM leases WHERE name = $1")
                .bind(name)
                .fetch_optional(&mut *conn)
                .await?
        });
        row.map(|(holder, until)| {
            Ok(Holder {
                holder,
                until: from_millis(until)?,
            })
        })
        .transpose()
    }
}
