//! Figures (percentiles, sizes), and what is measured of the run's database.

use super::*;

/// The value at `p` percent of sorted `values` (nearest rank), in milliseconds.
pub(crate) fn percentile(sorted: &[Duration], p: usize) -> f64 {
    nearest_rank(sorted, p).map_or(f64::NAN, |value| value.as_secs_f64() * 1000.0)
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

/// On PostgreSQL, `VACUUM ANALYZE` after the load, as autovacuum would do soon after an
/// import: planner statistics and the visibility map. SQLite is left as the hub leaves it
/// (no `ANALYZE`).
pub(crate) async fn settle(db: &TestDb) -> anyhow::Result<Option<Duration>> {
    if db.backend() != Backend::Postgres {
        return Ok(None);
    }
    let started = Instant::now();
    let mut connection = PgConnection::connect(&db.url).await?;
    sqlx::query("VACUUM ANALYZE")
        .execute(&mut connection)
        .await?;
    connection.close().await?;
    Ok(Some(started.elapsed()))
}

/// The database's size on disk, described.
pub(crate) async fn size(db: &TestDb) -> anyhow::Result<String> {
    if let Some((server, name)) = db.postgres_database() {
        let mut admin = PgConnection::connect(server).await?;
        let bytes: i64 = sqlx::query_scalar("SELECT pg_database_size($1)")
            .bind(name)
            .fetch_one(&mut admin)
            .await?;
        return Ok(format!(
            "{} (pg_database_size)",
            megabytes(u64::try_from(bytes)?)
        ));
    }
    let main = db.sqlite_file().context("neither SQLite nor PostgreSQL")?;
    let file = |suffix: &str| {
        let mut path = main.as_os_str().to_owned();
        path.push(suffix);
        std::fs::metadata(path).map_or(0, |meta| meta.len())
    };
    let (main_size, wal, shm) = (file(""), file("-wal"), file("-shm"));
    Ok(format!(
        "{} on disk ({} {} + WAL {} + shm {})",
        megabytes(main_size + wal + shm),
        main.file_name().unwrap_or_default().to_string_lossy(),
        megabytes(main_size),
        megabytes(wal),
        megabytes(shm),
    ))
}
