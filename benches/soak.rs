//! The soak: the real `passerelle console` under an hour of mixed load (members answering
//! a weekly series with a waitlist, so promotions go out; FAQ searches; lists; profiles;
//! the clock moved an hour every hundred commands, so reminders fall due and dates
//! pass), with its resident memory and the database's size read every few minutes. The
//! data stops growing once the members have answered (only a date's answers, a few rows,
//! come with each week passed): memory and size should stay flat. Prints figures,
//! asserts nothing. Outside CI.
//!
//! ```sh
//! cargo bench --bench soak                                   # 60 minutes, SQLite
//! PASSERELLE_SOAK_MINUTES=5 PASSERELLE_SOAK_EVERY=1 cargo bench --bench soak
//! PASSERELLE_BENCH_POSTGRES_URL=postgres://… cargo bench --bench soak
//! ```

use std::io::{BufRead, BufReader, Write};
use std::process::Stdio;
use std::sync::mpsc::channel;
use std::time::{Duration, Instant};

use anyhow::Context;
use passerelle_test_support::bench::{Resident, caught_up, env_number};
use passerelle_test_support::community::{community, config_toml};
use passerelle_test_support::passerelle::clean_command;
use passerelle_test_support::{Backend, TestDb};
use sqlx::Connection;

const MEMBERS: usize = 40;
/// What members do, in turn; `{m}` is the member.
const MIX: [&str; 10] = [
    "{m}: /rsvp 1 yes",
    "{m}: /faq search housing",
    "{m}: /events",
    "{m}: /rsvp 1 no",
    "{m}: /event 1",
    "{m} (dm): /profile",
    "{m}: /faq search titre de séjour",
    "{m}: /rsvp 1 yes",
    "{m}: /help events",
    "{m}: /remind 1 on",
];
/// A probe every this many commands: the console has caught up, and it is measured.
const WINDOW: usize = 200;
const CATCH_UP: Duration = Duration::from_secs(600);

fn main() -> anyhow::Result<()> {
    let minutes = env_number("PASSERELLE_SOAK_MINUTES", 60)?;
    let every = env_number("PASSERELLE_SOAK_EVERY", 5)?;
    let runtime = passerelle_test_support::runtime()?;
    let postgres = std::env::var("PASSERELLE_BENCH_POSTGRES_URL").is_ok();
    let backend = if postgres {
        Backend::Postgres
    } else {
        Backend::Sqlite
    };
    let db = runtime.block_on(TestDb::on(backend, "PASSERELLE_BENCH_POSTGRES_URL"))?;
    let folder = tempfile::Builder::new()
        .prefix("passerelle-soak-")
        .tempdir()?;
    let config = folder.path().join("passerelle.toml");
    std::fs::write(&config, config_toml(&community()))?;
    let mut launch = clean_command(env!("CARGO_BIN_EXE_passerelle").as_ref());
    launch
        .arg("--config")
        .arg(&config)
        .args(["--db", &db.url, "console", "--now", "2026-03-02T09:00:00Z"])
        .current_dir(folder.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    let mut child = launch.spawn().context("cannot start passerelle console")?;
    let pid = child.id();
    let mut stdin = child.stdin.take().context("no stdin")?;
    let stdout = child.stdout.take().context("no stdout")?;
    let (lines, said) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if lines.send(line).is_err() {
                break;
            }
        }
    });
    println!(
        "soak: {minutes} min of mixed load from {MEMBERS} members on {} · {}",
        backend.name(),
        chrono::Utc::now().format("%Y-%m-%d %H:%M UTC")
    );
    for line in [
        ":role olga organizer",
        "olga: /event create Apéro when=\"wednesday 19:00\" capacity=10 repeat=weekly",
    ] {
        writeln!(stdin, "{line}")?;
    }
    let mut probes = 0;
    probes += 1;
    caught_up(&mut stdin, &said, probes, CATCH_UP)?;
    println!(
        "  {:>6} {:>10} {:>9} {:>10} {:>10} {:>10}",
        "min", "commands", "a second", "resident", "own data", "database"
    );
    let started = Instant::now();
    let (mut sent, mut last_sent, mut last_report) = (0usize, 0usize, Instant::now());
    let report = |sent: usize, rate: f64| -> anyhow::Result<()> {
        let resident = Resident::of(pid).context("cannot read the console's memory")?;
        let size = runtime.block_on(database_size(&db))?;
        let mib = |kib: u64| kib as f64 / 1024.0;
        println!(
            "  {:>6.1} {sent:>10} {rate:>9.0} {:>9.1}M {:>9.1}M {:>9.2}M",
            started.elapsed().as_secs_f64() / 60.0,
            mib(resident.now_kib),
            mib(resident.anon_kib),
            size as f64 / 1_048_576.0
        );
        Ok(())
    };
    report(0, 0.0)?;
    while started.elapsed() < Duration::from_secs(60 * minutes as u64) {
        for _ in 0..WINDOW {
            let member = sent % MEMBERS;
            let line =
                MIX[(sent / MEMBERS + member) % MIX.len()].replace("{m}", &format!("m{member}"));
            writeln!(stdin, "{line}")?;
            sent += 1;
            if sent % 100 == 0 {
                writeln!(stdin, ":advance 1h")?;
            }
        }
        probes += 1;
        caught_up(&mut stdin, &said, probes, CATCH_UP)?;
        if last_report.elapsed() >= Duration::from_secs(60 * every as u64) {
            let rate = (sent - last_sent) as f64 / last_report.elapsed().as_secs_f64();
            report(sent, rate)?;
            (last_sent, last_report) = (sent, Instant::now());
        }
    }
    drop(stdin);
    child.wait()?;
    runtime.block_on(db.drop_database())?;
    Ok(())
}

/// The database's size in bytes: the SQLite file and its write-ahead log, or what
/// PostgreSQL says of the database.
async fn database_size(db: &TestDb) -> anyhow::Result<u64> {
    if let Some(file) = db.sqlite_file() {
        let size = |path: std::path::PathBuf| std::fs::metadata(path).map_or(0, |m| m.len());
        let wal = file.with_extension("db-wal");
        return Ok(size(file.to_path_buf()) + size(wal));
    }
    let mut connection = sqlx::PgConnection::connect(&db.url).await?;
    let size: i64 = sqlx::query_scalar("SELECT pg_database_size(current_database())")
        .fetch_one(&mut connection)
        .await?;
    Ok(u64::try_from(size)?)
}
