//! The commands benchmark: `Hub::handle` under a mixed load of what members type most
//! (help, FAQ browse and search, the events list, one event's details, RSVP yes and no on
//! an event with few places, profile, time zone), with 1, 8 and 64 members at once, each
//! command recorded under its own platform ID as an adapter hands it in. Beside it, the
//! floor: the same number of bare write transactions (one row inserted and committed per
//! command) at the same concurrency, which is the least a command that must not be
//! answered twice costs. It prints figures and asserts nothing about timing.
//!
//! ```sh
//! cargo bench -p passerelle-core --bench commands
//! PASSERELLE_BENCH_POSTGRES_URL=$(scripts/postgres.sh) cargo bench -p passerelle-core --bench commands
//! ```
//!
//! `PASSERELLE_BENCH_COMMANDS` (default 3000) sets how many commands each round times;
//! `PASSERELLE_BENCH_MEMBERS` (default `1,8,64`) the rounds.

// `core/clippy.toml` keeps the clock out of the library; a benchmark is there to read it.
#![allow(clippy::disallowed_methods)]

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use chrono::Utc;
use passerelle_core::incoming::{Incoming, Place};
use passerelle_core::model::Role;
use passerelle_core::{Hub, Store};
use passerelle_test_support::bench::{env_number, env_numbers, nearest_rank};
use passerelle_test_support::{Backend, TestDb, community, says};
use tokio::task::JoinSet;

const POSTGRES_ENV: &str = "PASSERELLE_BENCH_POSTGRES_URL";
const COMMANDS_ENV: &str = "PASSERELLE_BENCH_COMMANDS";
const MEMBERS_ENV: &str = "PASSERELLE_BENCH_MEMBERS";
/// The places of the event members answer: most of them end up on its waitlist.
const PLACES: u32 = 5;
/// FAQ entries filed before the rounds.
const FAQ_ENTRIES: usize = 40;

/// What each member types, in turn; the first word names it in the table.
const MIX: [&str; 10] = [
    "/help",
    "/faq",
    "/faq france housing",
    "/faq search flat deposit",
    "/events",
    "/event 1",
    "/rsvp 1 yes",
    "/rsvp 1 no",
    "/profile",
    "/tz Europe/Paris",
];

fn main() -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let commands = env_number(COMMANDS_ENV, 3000)?.max(MIX.len());
        let rounds = env_numbers(MEMBERS_ENV, vec![1, 8, 64])?;
        let db = TestDb::from_env(POSTGRES_ENV, "commands.db").await?;
        let result = bench(&db, commands, &rounds).await;
        if let Err(error) = db.drop_database().await {
            eprintln!("{error:#}");
        }
        result
    })
}

async fn bench(db: &TestDb, commands: usize, rounds: &[usize]) -> anyhow::Result<()> {
    println!(
        "commands benchmark: {} · {commands} commands a round · {} CPUs · {}",
        db.backend().label(),
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        Utc::now().format("%Y-%m-%d %H:%M UTC"),
    );
    let store = Store::open(&db.url).await?;
    let hub = Hub::open(store.clone(), community(), Utc::now()).await?;
    set_up(&hub).await?;
    let floor_db = Floor::open(db).await?;
    println!(
        "  {:<9} {:>10} {:>9} {:>9} {:>9} {:>12} {:>10}",
        "members", "commands/s", "p50 ms", "p99 ms", "max ms", "floor/s", "floor p99"
    );
    let mut slowest: BTreeMap<usize, Vec<(&str, Duration)>> = BTreeMap::new();
    for &members in rounds {
        let members = members.max(1);
        let (took, times) = round(&hub, members, commands).await?;
        let (floor_took, floor_times) = floor_db.round(members, commands).await?;
        let mut all: Vec<Duration> = times.iter().map(|(_, time)| *time).collect();
        all.sort_unstable();
        let mut floor_all = floor_times;
        floor_all.sort_unstable();
        println!(
            "  {members:<9} {:>10.0} {:>9.2} {:>9.2} {:>9.2} {:>12.0} {:>10.2}",
            all.len() as f64 / took.as_secs_f64(),
            ms(percentile(&all, 50)),
            ms(percentile(&all, 99)),
            ms(percentile(&all, 100)),
            floor_all.len() as f64 / floor_took.as_secs_f64(),
            ms(percentile(&floor_all, 99)),
        );
        slowest.insert(members, times);
    }
    println!("  by command (p50 / p99 ms):");
    for command in MIX {
        let mut line = format!("    {command:<26}");
        for (members, times) in &slowest {
            let mut mine: Vec<Duration> = times
                .iter()
                .filter(|(said, _)| *said == command)
                .map(|(_, time)| *time)
                .collect();
            mine.sort_unstable();
            line.push_str(&format!(
                "  {members:>2}: {:>6.2} / {:>6.2}",
                ms(percentile(&mine, 50)),
                ms(percentile(&mine, 99))
            ));
        }
        println!("{line}");
    }
    Ok(())
}

/// An editor files the FAQ entries and an organiser creates the event members answer.
async fn set_up(hub: &Hub) -> anyhow::Result<()> {
    let topics = ["housing", "jobs", "health", "paperwork", "schooling"];
    for n in 0..FAQ_ENTRIES {
        let topic = topics[n % topics.len()];
        let text = format!(
            "/faq add france {topic} lang=en title=\"Question {n}: finding a flat, a job, a doctor\" \
             answer=\"Answer {n}: bring your deposit, your payslips and your passport; ask the town hall.\""
        );
        expect(hub, as_role("camille", Role::Editor, &text), "Added as").await?;
    }
    let event = format!(
        "/event create Benchmark meetup when=\"{}\" where=\"Café de la Gare\" places={PLACES}",
        (Utc::now() + chrono::Duration::days(30)).format("%Y-%m-%d 19:00")
    );
    expect(hub, as_role("nadia", Role::Organizer, &event), "Created").await?;
    Ok(())
}

fn as_role(name: &str, role: Role, text: &str) -> Incoming {
    let mut incoming = says(name, text);
    incoming.sender.roles = vec![role];
    incoming
}

/// Hands `incoming` in; an error unless a reply holds `expected`.
async fn expect(hub: &Hub, incoming: Incoming, expected: &str) -> anyhow::Result<()> {
    let replies = hub.handle(&incoming, Utc::now()).await?;
    anyhow::ensure!(
        replies.iter().any(|reply| reply.text.contains(expected)),
        "set-up: `{:?}` got {replies:?}",
        incoming.event
    );
    Ok(())
}

/// `members` members at once type `commands` commands in all, each the mix in turn from
/// its own starting point; how long the round took, and each command's time.
async fn round(
    hub: &Hub,
    members: usize,
    commands: usize,
) -> anyhow::Result<(Duration, Vec<(&'static str, Duration)>)> {
    let mut tasks = JoinSet::new();
    let started = Instant::now();
    for member in 0..members {
        let hub = hub.clone();
        let share = commands / members + usize::from(member < commands % members);
        tasks.spawn(async move {
            let name = format!("member-{members}-{member}");
            let mut times = Vec::with_capacity(share);
            for n in 0..share {
                let command = MIX[(member + n) % MIX.len()];
                let mut incoming = says(&name, command);
                incoming.id = Some(format!("{name}-{n}"));
                // Profile and time zone are private matters.
                if command.starts_with("/profile") || command.starts_with("/tz") {
                    incoming.place = Place::Direct;
                }
                let sent = Instant::now();
                let replies = hub.handle(&incoming, Utc::now()).await?;
                times.push((command, sent.elapsed()));
                anyhow::ensure!(!replies.is_empty(), "`{command}` got no reply");
            }
            anyhow::Ok(times)
        });
    }
    let mut times = Vec::with_capacity(commands);
    while let Some(done) = tasks.join_next().await {
        times.extend(done??);
    }
    Ok((started.elapsed(), times))
}

/// The floor: a bare write transaction per command on its own table of the same
/// database, through its own pool.
enum Floor {
    Sqlite(sqlx::SqlitePool),
    Postgres(sqlx::PgPool),
}

impl Floor {
    async fn open(db: &TestDb) -> anyhow::Result<Self> {
        const TABLE: &str = "CREATE TABLE bench_floor (id TEXT PRIMARY KEY, body TEXT NOT NULL, at BIGINT NOT NULL)";
        Ok(match db.backend() {
            Backend::Sqlite => {
                let options: sqlx::sqlite::SqliteConnectOptions = db.url.parse()?;
                let pool = sqlx::SqlitePool::connect_with(
                    options
                        .journal_mode(sqlx::sqlite::SqliteJournalMode::Wal)
                        .synchronous(sqlx::sqlite::SqliteSynchronous::Normal)
                        .busy_timeout(Duration::from_secs(10)),
                )
                .await?;
                sqlx::query(TABLE).execute(&pool).await?;
                Self::Sqlite(pool)
            }
            Backend::Postgres => {
                let pool = sqlx::PgPool::connect(&db.url).await?;
                sqlx::query(TABLE).execute(&pool).await?;
                Self::Postgres(pool)
            }
        })
    }

    async fn round(
        &self,
        members: usize,
        commands: usize,
    ) -> anyhow::Result<(Duration, Vec<Duration>)> {
        const INSERT: &str = "INSERT INTO bench_floor (id, body, at) VALUES ($1, $2, $3)";
        let mut tasks = JoinSet::new();
        let started = Instant::now();
        for member in 0..members {
            let share = commands / members + usize::from(member < commands % members);
            let floor = self.clone_pool();
            tasks.spawn(async move {
                let mut times = Vec::with_capacity(share);
                for n in 0..share {
                    let id = format!("floor-{members}-{member}-{n}");
                    let sent = Instant::now();
                    macro_rules! once {
                        ($pool:expr) => {{
                            let mut tx = $pool.begin().await?;
                            sqlx::query(INSERT)
                                .bind(&id)
                                .bind("[{\"text\":\"a reply\"}]")
                                .bind(Utc::now().timestamp_millis())
                                .execute(&mut *tx)
                                .await?;
                            tx.commit().await?;
                        }};
                    }
                    match &floor {
                        Floor::Sqlite(pool) => once!(pool),
                        Floor::Postgres(pool) => once!(pool),
                    }
                    times.push(sent.elapsed());
                }
                anyhow::Ok(times)
            });
        }
        let mut times = Vec::with_capacity(commands);
        while let Some(done) = tasks.join_next().await {
            times.extend(done??);
        }
        Ok((started.elapsed(), times))
    }

    fn clone_pool(&self) -> Self {
        match self {
            Self::Sqlite(pool) => Self::Sqlite(pool.clone()),
            Self::Postgres(pool) => Self::Postgres(pool.clone()),
        }
    }
}

/// The value at `p` percent of sorted `values` (nearest rank).
fn percentile(sorted: &[Duration], p: usize) -> Duration {
    nearest_rank(sorted, p).unwrap_or_default()
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}
