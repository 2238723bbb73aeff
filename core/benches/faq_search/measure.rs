//! Figures (percentiles, sizes) and the throwaway database a run uses.

use super::*;

/// The value at `p` percent of sorted `values` (nearest rank), in milliseconds.
pub(crate) fn percentile(sorted: &[Duration], p: usize) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = (sorted.len() * p).div_ceil(100).clamp(1, sorted.len());
    sorted[rank - 1].as_secs_f64() * 1000.0
}

/// One line of the table: p50, p90, p99 and max of `values`, in milliseconds.
pub(crate) fn row(label: &str, mut values: Vec<Duration>) {
    if values.is_empty() {
        println!(
            "  {label:<34} {:>5} {:>8} {:>8} {:>8} {:>8}",
            0, "-", "-", "-", "-"
        );
        return;
    }
    values.sort_unstable();
    let [p50, p90, p99, max] = [50, 90, 99, 100].map(|p| percentile(&values, p));
    println!(
        "  {label:<34} {:>5} {p50:>8.2} {p90:>8.2} {p99:>8.2} {max:>8.2}",
        values.len()
    );
}

pub(crate) fn seconds(duration: Duration) -> String {
    format!("{:.1} s", duration.as_secs_f64())
}

pub(crate) fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_000_000.0)
}

/// A number from the environment, `default` when unset; `_` may group digits.
pub(crate) fn env_number(name: &str, default: usize) -> anyhow::Result<usize> {
    match std::env::var(name) {
        Ok(text) => text
            .trim()
            .replace('_', "")
            .parse::<usize>()
            .with_context(|| format!("{name}=`{text}` is not a number")),
        Err(_) => Ok(default),
    }
}

/// A fresh database for the run.
pub(crate) struct Database {
    pub(crate) url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    /// Removed when dropped, with the database file in it.
    Folder(tempfile::TempDir),
    Postgres {
        server: String,
        name: String,
    },
}

impl Database {
    pub(crate) async fn create() -> anyhow::Result<Self> {
        let server = std::env::var(POSTGRES_ENV).unwrap_or_default();
        if server.trim().is_empty() {
            let folder = tempfile::tempdir()?;
            let url = format!("sqlite:{}", folder.path().join("faq.db").display());
            return Ok(Self {
                url,
                cleanup: Cleanup::Folder(folder),
            });
        }
        let name = format!("passerelle_bench_faq_{}", std::process::id());
        let mut admin = PgConnection::connect(&server)
            .await
            .with_context(|| format!("cannot reach PostgreSQL at {server}"))?;
        let sql = format!("CREATE DATABASE {name}");
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .execute(&mut admin)
            .await?;
        Ok(Self {
            url: with_database(&server, &name),
            cleanup: Cleanup::Postgres { server, name },
        })
    }

    pub(crate) fn is_postgres(&self) -> bool {
        matches!(self.cleanup, Cleanup::Postgres { .. })
    }

    pub(crate) fn backend(&self) -> &'static str {
        if self.is_postgres() {
            "PostgreSQL"
        } else {
            "SQLite"
        }
    }

    /// On PostgreSQL, `VACUUM ANALYZE` after the load, as autovacuum would do soon after
    /// an import: planner statistics and the visibility map. SQLite is left as the hub
    /// leaves it (no `ANALYZE`).
    pub(crate) async fn settle(&self) -> anyhow::Result<Option<Duration>> {
        if !self.is_postgres() {
            return Ok(None);
        }
        let started = Instant::now();
        let mut connection = PgConnection::connect(&self.url).await?;
        sqlx::query("VACUUM ANALYZE")
            .execute(&mut connection)
            .await?;
        connection.close().await?;
        Ok(Some(started.elapsed()))
    }

    /// The database's size on disk, described.
    pub(crate) async fn size(&self) -> anyhow::Result<String> {
        match &self.cleanup {
            Cleanup::Folder(folder) => {
                let file = |suffix: &str| {
                    std::fs::metadata(folder.path().join(format!("faq.db{suffix}")))
                        .map_or(0, |meta| meta.len())
                };
                let (main, wal, shm) = (file(""), file("-wal"), file("-shm"));
                Ok(format!(
                    "{} on disk (faq.db {} + WAL {} + shm {})",
                    megabytes(main + wal + shm),
                    megabytes(main),
                    megabytes(wal),
                    megabytes(shm),
                ))
            }
            Cleanup::Postgres { server, name } => {
                let mut admin = PgConnection::connect(server).await?;
                let bytes: i64 = sqlx::query_scalar("SELECT pg_database_size($1)")
                    .bind(name)
                    .fetch_one(&mut admin)
                    .await?;
                Ok(format!(
                    "{} (pg_database_size)",
                    megabytes(u64::try_from(bytes)?)
                ))
            }
        }
    }

    pub(crate) async fn drop_database(self) {
        let Cleanup::Postgres { server, name } = &self.cleanup else {
            return;
        };
        let dropped = async {
            let mut admin = PgConnection::connect(server).await?;
            let sql = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .execute(&mut admin)
                .await
        };
        if let Err(error) = dropped.await {
            eprintln!("could not drop the benchmark database {name}: {error}");
        }
    }
}

/// `server` (a PostgreSQL URL) naming the database `name` instead of its own.
fn with_database(server: &str, name: &str) -> String {
    let (base, query) = match server.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (server, None),
    };
    let host_start = base.find("://").map_or(0, |i| i + 3);
    let base = match base[host_start..].find('/') {
        Some(slash) => &base[..host_start + slash],
        None => base,
    };
    match query {
        Some(query) => format!("{base}/{name}?{query}"),
        None => format!("{base}/{name}"),
    }
}
