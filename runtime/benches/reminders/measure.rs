//! Figures (percentiles, CPU time) and the throwaway database a run uses.

use super::*;

/// The value at `p` percent of sorted `values` (nearest rank), in seconds.
pub(crate) fn percentile(values: &[TimeDelta], p: usize) -> String {
    let rank = (values.len() * p).div_ceil(100).clamp(1, values.len());
    signed_seconds(values[rank - 1])
}

pub(crate) fn seconds(duration: Duration) -> String {
    format!("{:.2} s", duration.as_secs_f64())
}

pub(crate) fn signed_seconds(delta: TimeDelta) -> String {
    format!("{:.3} s", delta.as_seconds_f64())
}

pub(crate) fn percent(cpu: Duration, wall: Duration) -> f64 {
    100.0 * cpu.as_secs_f64() / wall.as_secs_f64().max(1e-9)
}

/// CPU time this process used so far (user and system), from `/proc/self/stat`; zero
/// where that cannot be read.
pub(crate) fn cpu_time() -> Duration {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return Duration::ZERO;
    };
    // After the command name in parentheses: state is field 3, utime 14, stime 15.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map_or(Vec::new(), |(_, rest)| rest.split_whitespace().collect());
    let ticks: u64 = [11, 12]
        .iter()
        .filter_map(|&i| fields.get(i)?.parse::<u64>().ok())
        .sum();
    Duration::from_secs_f64(ticks as f64 / clock_ticks_per_second())
}

/// `getconf CLK_TCK`: the unit of `/proc/self/stat` times (100 on Linux).
pub(crate) fn clock_ticks_per_second() -> f64 {
    std::process::Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|output| String::from_utf8(output.stdout).ok())
        .and_then(|text| text.trim().parse::<f64>().ok())
        .filter(|ticks| *ticks > 0.0)
        .unwrap_or(100.0)
}

/// A fresh database for the run.
pub(crate) struct Database {
    pub(crate) url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    /// Removed when dropped.
    Folder(#[allow(dead_code)] tempfile::TempDir),
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
            let url = format!("sqlite:{}", folder.path().join("bench.db").display());
            return Ok(Self {
                url,
                cleanup: Cleanup::Folder(folder),
            });
        }
        let name = format!(
            "passerelle_bench_{}_{}",
            std::process::id(),
            Utc::now().timestamp_subsec_nanos()
        );
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
pub(crate) fn with_database(server: &str, name: &str) -> String {
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
