//! The database: SQLite (embedded default) or PostgreSQL, behind one [`Store`].
//!
//! Both backends run the same SQL (`$N` placeholders, `RETURNING`, `ON CONFLICT`), written
//! once and run on whichever backend is open through `on_conn!`; where the dialects differ
//! a query uses `by_backend!`. A store bound to a unit of work ([`work`]) runs every call
//! in that one transaction. Migrations for each backend live in
//! `migrations/<backend>/` and are embedded in the binary. Instants are stored as
//! milliseconds since the Unix epoch.

mod adapter;
mod handled;
mod kept;
mod lease;
mod members;
pub(crate) mod outbox;
pub(crate) mod queue;
pub(crate) mod work;

use std::collections::HashMap;
use std::str::FromStr;
use std::time::Duration;

use chrono::{DateTime, Utc};
use sqlx::Connection;
use sqlx::postgres::{PgConnectOptions, PgConnection, PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

pub use handled::Seen;
pub use kept::{Keep, Posted};
pub use lease::Holder;
pub use outbox::{Backlog, FailureOutcome};

/// How long to wait for a database server to answer.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long SQLite waits for another writer before a call fails as busy: well inside the
/// hub's deadline for one event, so the event is tried again rather than given up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(2);
/// How long a call waits for a pooled connection once the store is open: when the
/// server is away, a member hears so within seconds rather than after the outage.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(3);

/// Where the hub keeps everything members told it.
#[derive(Debug, Clone)]
pub struct Store {
    pub(crate) pool: Pool,
    /// The unit of work this store writes through, if any.
    work: Option<std::sync::Arc<work::Work>>,
    /// On SQLite, units of work take turns here, in the order they asked, before they
    /// take the database's one write lock: waiting for it inside SQLite polls with
    /// growing sleeps, so a busy moment would let some wait a second while others pass.
    turns: std::sync::Arc<tokio::sync::Mutex<()>>,
}

#[derive(Debug, Clone)]
pub(crate) enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// Runs one expression per backend on the store's connection, where the dialects differ.
macro_rules! by_backend {
    ($store:expr, |$conn:ident| sqlite => $sqlite:expr, postgres => $postgres:expr $(,)?) => {
        match $store.hold().await? {
            $crate::store::work::Connection::Sqlite(mut held) => {
                #[allow(unused_imports)]
                use sqlx::Connection as _;
                let $conn = &mut *held;
                $sqlite
            }
            $crate::store::work::Connection::Postgres(mut held) => {
                #[allow(unused_imports)]
                use sqlx::Connection as _;
                let $conn = &mut *held;
                $postgres
            }
        }
    };
}
pub(crate) use by_backend;

/// Runs the same expression on the store's connection, whichever the backend: `$conn` is
/// a `&mut` connection (`&mut *conn` to run a query, `conn.begin()` for a transaction, a
/// savepoint inside a unit of work).
macro_rules! on_conn {
    ($store:expr, |$conn:ident| $body:expr) => {
        $crate::store::by_backend!($store, |$conn| sqlite => $body, postgres => $body)
    };
}
pub(crate) use on_conn;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("`{0}` is not a database URL: use sqlite:FILE or postgres://USER@HOST/DATABASE")]
    BadUrl(String),
    #[error("cannot open the {target}: {reason}")]
    Open { target: String, reason: String },
    #[error("cannot update the schema of the {target}: {reason}")]
    Migrate { target: String, reason: String },
    #[error("database error: {0}")]
    Query(#[from] sqlx::Error),
    #[error("unexpected data in the database: {0}")]
    Corrupt(String),
    #[error("the database did not answer within {0:?}")]
    TimedOut(Duration),
}

impl Store {
    /// Opens the database at `url` and brings its schema up to date.
    ///
    /// `url` is `sqlite:FILE` (created if missing), a bare file path, `sqlite::memory:`, or
    /// `postgres://…` / `postgresql://…`.
    pub async fn open(url: &str) -> Result<Self, StoreError> {
        let store = Self::connect(url).await?;
        store.migrate(url).await?;
        Ok(store)
    }

    async fn connect(url: &str) -> Result<Self, StoreError> {
        let target = describe(url);
        let open_error = |error: sqlx::Error| StoreError::Open {
            target: target.clone(),
            reason: reason(&error),
        };
        let pool = match scheme(url) {
            Some("postgres" | "postgresql") => {
                let options =
                    PgConnectOptions::from_str(url).map_err(|_| StoreError::BadUrl(redact(url)))?;
                // One direct attempt first: the pool would retry a refused or misnamed
                // server until its timeout, where this fails at once with the reason.
                let first =
                    tokio::time::timeout(CONNECT_TIMEOUT, PgConnection::connect_with(&options))
                        .await
                        .map_err(|_| StoreError::Open {
                            target: target.clone(),
                            reason: format!(
                                "no answer within {} seconds",
                                CONNECT_TIMEOUT.as_secs()
                            ),
                        })?;
                first
                    .map_err(open_error)?
                    .close()
                    .await
                    .map_err(open_error)?;
                Pool::Postgres(
                    PgPoolOptions::new()
                        .max_connections(10)
                        .acquire_timeout(ACQUIRE_TIMEOUT)
                        .connect_with(options)
                        .await
                        .map_err(open_error)?,
                )
            }
            Some("sqlite") | None => {
                let in_memory = url.contains(":memory:");
                let options = if scheme(url).is_some() {
                    SqliteConnectOptions::from_str(url)
                        .map_err(|_| StoreError::BadUrl(redact(url)))?
                } else {
                    SqliteConnectOptions::new().filename(url)
                };
                let options = options
                    .create_if_missing(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Normal)
                    .busy_timeout(BUSY_TIMEOUT)
                    .foreign_keys(true);
                // Each connection to `:memory:` is its own database: keep exactly one.
                let pool = if in_memory {
                    SqlitePoolOptions::new()
                        .max_connections(1)
                        .min_connections(1)
                        .idle_timeout(None)
                        .max_lifetime(None)
                } else {
                    SqlitePoolOptions::new().max_connections(4)
                };
                Pool::Sqlite(pool.connect_with(options).await.map_err(open_error)?)
            }
            Some(_) => return Err(StoreError::BadUrl(redact(url))),
        };
        Ok(Self {
            pool,
            work: None,
            turns: Default::default(),
        })
    }

    async fn migrate(&self, url: &str) -> Result<(), StoreError> {
        let mut tries = 0;
        loop {
            tries += 1;
            let result = match &self.pool {
                Pool::Sqlite(pool) => sqlx::migrate!("../migrations/sqlite").run(pool).await,
                Pool::Postgres(pool) => sqlx::migrate!("../migrations/postgres").run(pool).await,
            };
            match result {
                Ok(()) => return Ok(()),
                // PostgreSQL migrations take a lock; SQLite ones do not, so two processes
                // opening a new file at once can race. The loser finds the work done when
                // it tries again.
                Err(error) if matches!(self.pool, Pool::Sqlite(_)) && tries < 5 => {
                    tracing::debug!(%error, tries, "migration raced another process, retrying");
                    tokio::time::sleep(Duration::from_millis(100 * tries)).await;
                }
                Err(error) => {
                    return Err(StoreError::Migrate {
                        target: describe(url),
                        reason: error.to_string(),
                    });
                }
            }
        }
    }

    /// Whether several processes may share this database (PostgreSQL): what only one
    /// may hold is then held under a lease ([`Store::take_lease`]).
    pub fn is_shared(&self) -> bool {
        matches!(self.pool, Pool::Postgres(_))
    }

    /// The file of a SQLite database (`None` on PostgreSQL, or for one in memory).
    pub fn sqlite_file(&self) -> Option<std::path::PathBuf> {
        let Pool::Sqlite(pool) = &self.pool else {
            return None;
        };
        let file = pool.connect_options().get_filename().to_owned();
        let name = file.to_string_lossy();
        (!name.is_empty() && !name.contains(":memory:")).then_some(file)
    }

    /// Writes a consistent copy of a SQLite database to the new file `to`, while the
    /// hub may go on writing (SQLite's `VACUUM INTO`: one read transaction, so the copy
    /// is the database as of one instant, compacted). `Ok(false)` on PostgreSQL, whose
    /// own tools make its copies.
    pub async fn backup_to(&self, to: &std::path::Path) -> Result<bool, StoreError> {
        let Pool::Sqlite(pool) = &self.pool else {
            return Ok(false);
        };
        sqlx::query("VACUUM INTO $1")
            .bind(to.to_string_lossy().into_owned())
            .execute(pool)
            .await?;
        Ok(true)
    }

    /// Closes every connection; later calls fail.
    pub async fn close(&self) {
        match &self.pool {
            Pool::Sqlite(pool) => pool.close().await,
            Pool::Postgres(pool) => pool.close().await,
        }
    }
}

/// What went wrong, in the database's own words where it has some.
fn reason(error: &sqlx::Error) -> String {
    match error {
        sqlx::Error::Database(error) => error.message().to_owned(),
        sqlx::Error::Io(error) => error.to_string(),
        other => other.to_string(),
    }
}

/// The URL's scheme when it has one (`sqlite`, `postgres`…); a bare path has none.
fn scheme(url: &str) -> Option<&str> {
    let (scheme, _) = url.split_once(':')?;
    let valid = scheme.len() > 1
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then_some(scheme)
}

/// The URL with any password replaced, safe to print.
pub fn redact(url: &str) -> String {
    let Some((before, after)) = url.split_once("://") else {
        return url.to_owned();
    };
    match after.split_once('@') {
        Some((credentials, host)) if credentials.contains(':') => {
            let user = credentials.split(':').next().unwrap_or_default();
            format!("{before}://{user}:***@{host}")
        }
        _ => url.to_owned(),
    }
}

/// Names the database for a person: "SQLite database passerelle.db".
pub fn describe(url: &str) -> String {
    match scheme(url) {
        Some("postgres" | "postgresql") => format!("PostgreSQL database {}", redact(url)),
        Some("sqlite") => format!(
            "SQLite database {}",
            url.trim_start_matches("sqlite:").trim_start_matches("//")
        ),
        None => format!("SQLite database {url}"),
        Some(_) => format!("database {}", redact(url)),
    }
}

/// Rows read for many parents at once (a batch's members, events), each parent's in a
/// list of its own.
pub(crate) fn by_parent<T>(rows: impl IntoIterator<Item = (i64, T)>) -> HashMap<i64, Vec<T>> {
    let mut grouped: HashMap<i64, Vec<T>> = HashMap::new();
    for (parent, row) in rows {
        grouped.entry(parent).or_default().push(row);
    }
    grouped
}

/// A list of IDs as one parameter: JSON text, read back by [`Store::id_list`].
pub(crate) fn ids_json(ids: impl IntoIterator<Item = i64>) -> String {
    let listed: Vec<String> = ids.into_iter().map(|id| id.to_string()).collect();
    format!("[{}]", listed.join(","))
}

impl Store {
    /// A subquery giving the IDs of [`ids_json`] bound as `$param`, for `IN (…)`: the
    /// same list on both backends, in one parameter whatever its length.
    pub(crate) fn id_list(&self, param: u8) -> String {
        match self.pool {
            Pool::Sqlite(_) => format!("SELECT value FROM json_each(${param})"),
            Pool::Postgres(_) => format!(
                "SELECT value::bigint FROM json_array_elements_text(${param}::json) AS ids(value)"
            ),
        }
    }

    /// Runs `delete`, a `DELETE` of rows older than `$1`, with `before`: how the
    /// tick's pruning forgets what it no longer needs. Returns how many went.
    pub(crate) async fn delete_before(
        &self,
        delete: &'static str,
        before: DateTime<Utc>,
    ) -> Result<u64, StoreError> {
        Ok(on_conn!(self, |conn| {
            sqlx::query(delete)
                .bind(to_millis(before))
                .execute(&mut *conn)
                .await?
                .rows_affected()
        }))
    }
}

pub(crate) fn to_millis(instant: DateTime<Utc>) -> i64 {
    instant.timestamp_millis()
}

pub(crate) fn from_millis(millis: i64) -> Result<DateTime<Utc>, StoreError> {
    DateTime::from_timestamp_millis(millis)
        .ok_or_else(|| StoreError::Corrupt(format!("instant out of range: {millis}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_never_reach_a_message() {
        assert_eq!(
            redact("postgres://hub:s3cret@db.example:5432/hub"),
            "postgres://hub:***@db.example:5432/hub"
        );
        assert_eq!(redact("postgres://hub@db/hub"), "postgres://hub@db/hub");
        assert!(!describe("postgresql://a:b@h/d").contains(":b@"));
    }

    #[test]
    fn bare_paths_are_sqlite_files() {
        assert_eq!(scheme("data/hub.db"), None);
        assert_eq!(scheme("sqlite:hub.db"), Some("sqlite"));
        assert_eq!(describe("sqlite://hub.db"), "SQLite database hub.db");
        assert_eq!(describe("hub.db"), "SQLite database hub.db");
    }

    #[tokio::test]
    async fn an_unknown_scheme_is_a_bad_url() {
        let error = Store::open("mysql://root@localhost/db").await.unwrap_err();
        assert!(matches!(error, StoreError::BadUrl(_)), "{error}");
    }
}
