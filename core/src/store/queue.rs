//! Queuing outbox rows: batched `INSERT`s, the parameters written as each backend
//! binds them fastest.

use chrono::{DateTime, Utc};

use super::{Store, StoreError, on_conn, to_millis};
use crate::model::CommunityId;
use crate::outbox::NewOutgoing;

/// Inserts outbox rows in a transaction that the caller commits, with a `key` (see
/// `kept`) when given: up to [`ROWS_PER_INSERT`] rows per statement, so a
/// fan-out costs a few statements, not one per message.
macro_rules! insert_outgoing {
    ($tx:expr, $community:expr, $messages:expr, $now:expr) => {
        insert_outgoing!($tx, $community, $messages, $now, None::<&str>)
    };
    ($tx:expr, $community:expr, $messages:expr, $now:expr, $key:expr) => {
        let rows: Vec<&$crate::outbox::NewOutgoing> = $messages.into_iter().collect();
        for chunk in rows.chunks($crate::store::queue::ROWS_PER_INSERT) {
            let marks = $crate::store::queue::Marks::of(&$tx);
            let sql = sqlx::AssertSqlSafe($crate::store::queue::insert_sql(chunk.len(), marks));
            let mut query = sqlx::query(sql);
            for message in chunk {
                let (kind, destination) = match &message.destination {
                    $crate::outbox::Destination::Room(id) => ("room", id),
                    $crate::outbox::Destination::Direct(id) => ("direct", id),
                    $crate::outbox::Destination::Role(id) => ("role", id),
                    $crate::outbox::Destination::Admit(id) => ("admit", id),
                    $crate::outbox::Destination::Edit { room, .. } => ("edit", room),
                };
                let body =
                    serde_json::to_string(&message.message.clone().leaving_for(message.platform))
                        .map_err(|error| StoreError::Corrupt(error.to_string()))?;
                query = query
                    .bind($community.0)
                    .bind(message.platform.as_str())
                    .bind(kind)
                    .bind(destination)
                    .bind(message.member.map(|member| member.0))
                    .bind(message.about.map(|member| member.0))
                    .bind(body)
                    .bind(to_millis(message.not_before))
                    .bind(to_millis($now))
                    .bind($key);
            }
            query.execute(&mut *$tx).await?;
        }
    };
}
pub(crate) use insert_outgoing;

/// How many outbox rows one `INSERT` writes at most (10 parameters each: within
/// SQLite's 32,766 and PostgreSQL's 65,535).
pub(crate) const ROWS_PER_INSERT: usize = 200;

/// How a statement's parameters are written: PostgreSQL numbers them (`$1`); SQLite
/// takes them in order (`?`), which it binds without looking each one up by name, a
/// lookup that walks the list of names and makes a long statement cost the square of
/// its parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Marks {
    Numbered,
    InOrder,
}

/// The marks of the backend a transaction runs on.
pub(crate) trait MarksOf {
    const MARKS: Marks;
}

impl MarksOf for sqlx::Transaction<'_, sqlx::Sqlite> {
    const MARKS: Marks = Marks::InOrder;
}

impl MarksOf for sqlx::Transaction<'_, sqlx::Postgres> {
    const MARKS: Marks = Marks::Numbered;
}

impl Marks {
    pub(crate) fn of<T: MarksOf>(_: &T) -> Marks {
        T::MARKS
    }
}

/// The `INSERT` of `rows` outbox rows, its parameters in the order [`insert_outgoing`]
/// binds them.
pub(crate) fn insert_sql(rows: usize, marks: Marks) -> String {
    let mut sql = String::from(
        "INSERT INTO outbox (community_id, platform, destination_kind, destination,
             member_id, about_member_id, body, not_before, created_at, key) VALUES ",
    );
    for row in 0..rows {
        let first = row * 10;
        let params: Vec<String> = (1..=10)
            .map(|n| match marks {
                Marks::Numbered => format!("${}", first + n),
                Marks::InOrder => "?".to_owned(),
            })
            .collect();
        if row > 0 {
            sql.push(',');
        }
        sql.push('(');
        sql.push_str(&params.join(", "));
        sql.push(')');
    }
    sql
}

impl Store {
    /// Runs `update` (its `$N` bound to `binds` in order) and, when it changed one row,
    /// queues `messages`, in one transaction. `false` (nothing queued) when it changed
    /// none: another process got there first, or the row moved on.
    pub(crate) async fn update_then_enqueue(
        &self,
        update: &'static str,
        binds: &[i64],
        community: CommunityId,
        messages: &[NewOutgoing],
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        Ok(on_conn!(self, |conn| {
            let mut tx = conn.begin().await?;
            let mut query = sqlx::query(update);
            for bind in binds {
                query = query.bind(*bind);
            }
            let changed = query.execute(&mut *tx).await?.rows_affected();
            if changed == 1 {
                insert_outgoing!(tx, community, messages, now);
            }
            tx.commit().await?;
            changed == 1
        }))
    }

    /// Queues messages, all or none.
    pub async fn enqueue(
        &self,
        community: CommunityId,
        messages: &[NewOutgoing],
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        if messages.is_empty() {
            return Ok(());
        }
        on_conn!(self, |conn| {
            let mut tx = conn.begin().await?;
            insert_outgoing!(tx, community, messages, now);
            tx.commit().await?;
        });
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_multi_row_insert_numbers_its_parameters_for_postgres_only() {
        let numbered = insert_sql(2, Marks::Numbered);
        assert!(numbered.ends_with(
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10),($11, $12, $13, $14, $15, $16, $17, $18, $19, $20)"
        ));
        let in_order = insert_sql(2, Marks::InOrder);
        assert_eq!(in_order.matches('?').count(), 20);
        assert!(!in_order.contains('$'));
    }
}
