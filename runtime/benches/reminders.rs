//! The reminder benchmark: how late reminders go out under load, how many the scheduler
//! sends per second, and what it costs while there is nothing to do. It prints figures
//! and asserts nothing about timing.
//!
//! ```sh
//! cargo bench -p passerelle-runtime --bench reminders
//! PASSERELLE_BENCH_POSTGRES_URL=$(scripts/postgres.sh) cargo bench -p passerelle-runtime --bench reminders
//! ```
//!
//! SQLite in a temporary folder by default; with `PASSERELLE_BENCH_POSTGRES_URL`, a
//! database created for the run on that server (and dropped after).
//! `PASSERELLE_BENCH_REMINDERS` (default 100000) sets how many reminders fall due in each
//! round, over `SPREAD`; `PASSERELLE_BENCH_WORKERS` lists the rounds by their number of
//! schedulers (default `1` on SQLite, `1,2` on PostgreSQL). Each scheduler has its own
//! store, as separate processes would.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use chrono::{DateTime, TimeDelta, Utc};
use passerelle_core::events::{Answer, EventDetails, EventId, Occurrence};
use passerelle_core::incoming::{Event, Incoming, Place, Sender};
use passerelle_core::lang::Lang;
use passerelle_core::model::{
    Community, CommunityId, EventSettings, Identity, MemberId, Platform, Role, Room, RoomPurpose,
};
use passerelle_core::{Hub, Store, reminders};
use passerelle_runtime::{SchedulerSettings, SchedulerStats, Tick, run_reminders_with};
use sqlx::Connection;
use sqlx::postgres::PgConnection;
use tokio::sync::watch;
use tokio::task::JoinSet;

const POSTGRES_ENV: &str = "PASSERELLE_BENCH_POSTGRES_URL";
const REMINDERS_ENV: &str = "PASSERELLE_BENCH_REMINDERS";
const WORKERS_ENV: &str = "PASSERELLE_BENCH_WORKERS";

/// How long before its event each reminder goes (the community's setting).
const BEFORE: TimeDelta = TimeDelta::hours(1);
/// Over how long one round's reminders fall due.
const SPREAD: Duration = Duration::from_secs(60);
/// Members answering yes, one per event in turn.
const MEMBERS: usize = 1000;
/// Events created through `Hub::handle`, to time that path.
const VIA_HANDLE: usize = 200;
/// Events created through the store before the rounds, to estimate how long a round's
/// setup takes. They and the `VIA_HANDLE` ones are next month: the idle phase's reminders.
const CALIBRATION: usize = 1000;
/// Tasks creating events at the same time.
const TASKS: usize = 8;
/// How long the idle scheduler is watched.
const IDLE: Duration = Duration::from_secs(10);

fn main() -> anyhow::Result<()> {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let reminders = match std::env::var(REMINDERS_ENV) {
            Ok(text) => text
                .trim()
                .replace('_', "")
                .parse::<usize>()
                .with_context(|| format!("{REMINDERS_ENV}=`{text}` is not a number"))?,
            Err(_) => 100_000,
        };
        let db = Database::create().await?;
        let result = bench(&db, reminders.max(1)).await;
        db.drop_database().await;
        result
    })
}

async fn bench(db: &Database, count: usize) -> anyhow::Result<()> {
    let rounds = match std::env::var(WORKERS_ENV) {
        Ok(text) => text
            .split(',')
            .map(|n| n.trim().parse::<usize>().map(|n| n.max(1)))
            .collect::<Result<Vec<_>, _>>()
            .with_context(|| format!("{WORKERS_ENV}=`{text}`: use numbers like 1,2"))?,
        Err(_) if db.is_postgres() => vec![1, 2],
        Err(_) => vec![1],
    };
    println!(
        "reminder benchmark: {} · {count} reminders per round over {} s · rounds with {rounds:?} worker(s) · {} CPUs · {}",
        db.backend(),
        SPREAD.as_secs(),
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        Utc::now().format("%Y-%m-%d %H:%M UTC"),
    );

    let store = Store::open(&db.url).await?;
    let hub = Hub::open(store.clone(), community(), Utc::now()).await?;
    let setup = Setup::new(&hub).await?;
    let next_month = Utc::now() + TimeDelta::days(30);
    setup
        .via_handle(&hub, VIA_HANDLE.min(count), next_month)
        .await?;
    let rate = setup.calibrate(CALIBRATION.min(count), next_month).await?;

    for workers in rounds {
        round(db, &setup, count, workers, rate).await?;
    }
    idle(&hub, db).await
}

/// The community: reminders 1 h before, a main room and an announcement room.
fn community() -> Community {
    let room = |id: &str, purpose| Room {
        platform: Platform::Console,
        id: id.into(),
        purposes: vec![purpose],
    };
    Community {
        slug: "bench".into(),
        name: "Benchmark".into(),
        language: Lang::En,
        time_zone: chrono_tz::Europe::Paris,
        rooms: vec![
            room("#general", RoomPurpose::Main),
            room("#announcements", RoomPurpose::Announcements),
        ],
        events: EventSettings {
            reminders: vec![BEFORE],
            ..EventSettings::default()
        },
    }
}

/// The members, and how events are made.
struct Setup {
    store: Store,
    community: CommunityId,
    organizer: MemberId,
    members: Arc<Vec<MemberId>>,
}

impl Setup {
    async fn new(hub: &Hub) -> anyhow::Result<Self> {
        let started = Instant::now();
        let store = hub.store().clone();
        let community = store.sync_community(hub.community(), Utc::now()).await?;
        let mut members = Vec::with_capacity(MEMBERS);
        for n in 0..=MEMBERS {
            let identity = Identity {
                platform: Platform::Console,
                user_id: member_name(n),
                display_name: member_name(n),
            };
            members.push(
                store
                    .ensure_member(community, &identity, Utc::now())
                    .await?
                    .id,
            );
        }
        let organizer = members.remove(0);
        println!("setup: {MEMBERS} members in {}", seconds(started.elapsed()));
        Ok(Self {
            store,
            community,
            organizer,
            members: Arc::new(members),
        })
    }

    /// Creates events through the hub, as an organizer and a member would type them.
    async fn via_handle(
        &self,
        hub: &Hub,
        count: usize,
        start: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        let zone = hub.community().time_zone;
        let when = start.with_timezone(&zone).format("%Y-%m-%d %H:%M");
        let before = self.store.live_events(self.community).await?.len();
        let started = Instant::now();
        for n in 0..count {
            let text = format!("/event create \"Handled {n}\" when=\"{when}\"");
            let reply = say(hub, &member_name(0), &text).await?;
            if !reply.contains("Created") {
                bail!("the hub did not create the event: {reply}");
            }
        }
        let created = started.elapsed();
        let events = self.store.live_events(self.community).await?;
        for (n, event) in events.iter().skip(before).enumerate() {
            let who = member_name(1 + n % MEMBERS);
            say(hub, &who, &format!("/rsvp {} yes", event.id.0)).await?;
        }
        let total = started.elapsed();
        let per_event = total.as_secs_f64() / count.max(1) as f64;
        println!(
            "setup: {count} events through Hub::handle in {} ({} to create them, then a yes each): {:.2} ms per event, {:.0} events/s",
            seconds(total),
            seconds(created),
            per_event * 1000.0,
            1.0 / per_event,
        );
        Ok(())
    }

    /// Creates `count` events through the store, next month; the events per second.
    async fn calibrate(&self, count: usize, start: DateTime<Utc>) -> anyhow::Result<f64> {
        let started = Instant::now();
        self.create_events(count, move |_| start).await?;
        let elapsed = started.elapsed();
        let rate = count as f64 / elapsed.as_secs_f64();
        println!(
            "setup: {count} events through the store (create, a yes, plan) in {}, {rate:.0} events/s in {TASKS} tasks",
            seconds(elapsed),
        );
        Ok(rate)
    }

    /// Creates `count` events, the `n`th starting at `start(n)`, with one member going
    /// and their reminders planned as the hub plans them, in `TASKS` tasks.
    async fn create_events(
        &self,
        count: usize,
        start: impl Fn(usize) -> DateTime<Utc> + Clone + Send + 'static,
    ) -> anyhow::Result<()> {
        let mut tasks = JoinSet::new();
        for task in 0..TASKS {
            let (store, community, organizer, members, start) = (
                self.store.clone(),
                self.community,
                self.organizer,
                Arc::clone(&self.members),
                start.clone(),
            );
            tasks.spawn(async move {
                for n in (task..count).step_by(TASKS) {
                    let member = members[n % members.len()];
                    create_event(&store, community, organizer, member, start(n)).await?;
                }
                anyhow::Ok(())
            });
        }
        while let Some(done) = tasks.join_next().await {
            done??;
        }
        Ok(())
    }
}

/// What `/event create` and `/rsvp … yes` leave in the store, without the announcement.
async fn create_event(
    store: &Store,
    community: CommunityId,
    organizer: MemberId,
    member: MemberId,
    start: DateTime<Utc>,
) -> anyhow::Result<EventId> {
    let now = Utc::now();
    let details = EventDetails {
        title: "Benchmark meetup".into(),
        description: None,
        place: Some("Café de la Gare".into()),
        start,
        zone: chrono_tz::Europe::Paris,
        duration: TimeDelta::hours(2),
        capacity: Some(50),
        rsvp_until: None,
        repeat: None,
        reminders: None,
    };
    let event = store
        .create_event(community, &details, organizer, now)
        .await?;
    store.rsvp(event, 0, member, Answer::Yes, now).await?;
    let planned = reminders::plan(Occurrence { index: 0, start }, &[BEFORE], Some(now));
    store.add_reminders(event, &planned).await?;
    Ok(event)
}

/// `who` says `text` in #general; the hub's replies there.
async fn say(hub: &Hub, who: &str, text: &str) -> anyhow::Result<String> {
    let incoming = Incoming {
        platform: Platform::Console,
        sender: Sender {
            user_id: who.into(),
            display_name: who.into(),
            roles: vec![Role::Organizer],
        },
        place: Place::Room("#general".into()),
        event: Event::Message(text.into()),
    };
    let replies = hub.handle(&incoming, Utc::now()).await?;
    Ok(replies
        .into_iter()
        .map(|message| message.text)
        .collect::<Vec<_>>()
        .join("\n"))
}

fn member_name(n: usize) -> String {
    format!("member-{n}")
}

/// What the schedulers of a round saw, across workers.
#[derive(Debug, Default)]
struct Record {
    /// How late each reminder was: end of its tick minus when it was due.
    late: Vec<TimeDelta>,
    /// Time spent in ticks that handled something, summed over workers.
    busy: TimeDelta,
    busy_ticks: u32,
    last_finished: Option<DateTime<Utc>>,
}

/// One round: `count` reminders falling due over `SPREAD`, sent by `workers` schedulers.
async fn round(
    db: &Database,
    setup: &Setup,
    count: usize,
    workers: usize,
    rate: f64,
) -> anyhow::Result<()> {
    println!("\nround: {workers} worker(s)");
    // The first reminder is due once the events should be created, with a margin: the
    // store slows down as it fills.
    let expected = Duration::from_secs_f64(count as f64 / rate);
    let lead = expected * 2 + Duration::from_secs(10);
    let first_due = Utc::now() + TimeDelta::from_std(lead)?;
    let spread = TimeDelta::from_std(SPREAD)?;
    let step = spread / i32::try_from(count)?;
    let started = Instant::now();
    setup
        .create_events(count, move |n| {
            first_due + BEFORE + step * i32::try_from(n).unwrap_or(i32::MAX)
        })
        .await?;
    let ahead = first_due - Utc::now();
    if ahead < TimeDelta::zero() {
        println!("  ! the setup overran: reminders fell due before the schedulers started");
    }
    println!(
        "  setup       {count} events in {} ({:.0} events/s); the first reminder is due {} later",
        seconds(started.elapsed()),
        count as f64 / started.elapsed().as_secs_f64(),
        signed_seconds(ahead),
    );

    let record = Arc::new(Mutex::new(Record {
        late: Vec::with_capacity(count),
        ..Record::default()
    }));
    let (stop, shutdown) = watch::channel(false);
    let cpu_before = cpu_time();
    let running = Instant::now();
    let mut schedulers = JoinSet::new();
    for worker in 0..workers {
        // Each worker has its own pool, as a separate process would.
        let store = Store::open(&db.url).await?;
        let hub = Hub::open(store, community(), Utc::now()).await?;
        let (record, stop, shutdown) = (Arc::clone(&record), stop.clone(), shutdown.clone());
        let observe = move |tick: &Tick| {
            if tick.report.due.is_empty() {
                return;
            }
            let mut record = record.lock().unwrap_or_else(PoisonError::into_inner);
            record
                .late
                .extend(tick.report.due.iter().map(|due| tick.finished - *due));
            record.busy += tick.finished - tick.started;
            record.busy_ticks += 1;
            record.last_finished = record.last_finished.max(Some(tick.finished));
            if record.late.len() >= count {
                stop.send_replace(true);
            }
        };
        let name = format!("bench-{worker}");
        let settings = SchedulerSettings::default();
        schedulers.spawn(run_reminders_with(hub, name, settings, shutdown, observe));
    }
    // Everything should be handled soon after the last reminder is due.
    let deadline = lead + SPREAD + Duration::from_secs(600);
    let mut stats = SchedulerStats::default();
    let finished = tokio::time::timeout(deadline, async {
        while let Some(done) = schedulers.join_next().await {
            let one = done??;
            stats.ticks += one.ticks;
            stats.sent += one.sent;
            stats.dropped += one.dropped;
            stats.messages += one.messages;
            stats.errors += one.errors;
        }
        anyhow::Ok(())
    })
    .await;
    let (cpu, wall) = (cpu_time().saturating_sub(cpu_before), running.elapsed());
    match finished {
        Ok(result) => result?,
        Err(_) => {
            stop.send_replace(true);
            println!("  gave up after {}", seconds(deadline));
        }
    }

    let record = std::mem::take(&mut *record.lock().unwrap_or_else(PoisonError::into_inner));
    let mut late = record.late;
    late.sort();
    println!(
        "  handled     {} (sent {}, dropped {}, {} DMs queued) in {} ticks, {} store errors",
        late.len(),
        stats.sent,
        stats.dropped,
        stats.messages,
        stats.ticks,
        stats.errors,
    );
    if record.busy_ticks > 0 {
        println!(
            "  ticks       {} handled something: {:.0} reminders and {} each on average",
            record.busy_ticks,
            late.len() as f64 / f64::from(record.busy_ticks),
            signed_seconds(record.busy / i32::try_from(record.busy_ticks)?),
        );
    }
    if late.is_empty() {
        return Ok(());
    }
    println!(
        "  lateness    p50 {}  p90 {}  p99 {}  max {}",
        percentile(&late, 50),
        percentile(&late, 90),
        percentile(&late, 99),
        percentile(&late, 100),
    );
    let window = record
        .last_finished
        .map_or(TimeDelta::zero(), |last| last - first_due);
    let per_second = |span: TimeDelta| late.len() as f64 / (span.as_seconds_f64()).max(1e-9);
    println!(
        "  throughput  {:.0} reminders/s from the first due to the last sent ({}; they fell due at {:.0}/s); {:.0}/s of time spent in ticks",
        per_second(window),
        signed_seconds(window),
        count as f64 / SPREAD.as_secs_f64(),
        per_second(record.busy),
    );
    println!(
        "  process CPU {} in {} since the schedulers started: {:.0} % of one core",
        seconds(cpu),
        seconds(wall),
        percent(cpu, wall),
    );
    Ok(())
}

/// A scheduler with nothing due for weeks, watched for `IDLE`.
async fn idle(hub: &Hub, db: &Database) -> anyhow::Result<()> {
    let next = hub.next_reminder_due().await?;
    let next = match next {
        Some(due) => format!(
            "the next reminder is due in {} days",
            (due - Utc::now()).num_days()
        ),
        None => "no reminder pending".into(),
    };
    println!("\nidle: one scheduler for {} s; {next}", IDLE.as_secs());
    let (stop, shutdown) = watch::channel(false);
    let cpu_before = cpu_time();
    let started = Instant::now();
    let scheduler = tokio::spawn(passerelle_runtime::run_reminders(
        hub.clone(),
        "idle".into(),
        SchedulerSettings::default(),
        shutdown,
    ));
    tokio::time::sleep(IDLE).await;
    stop.send_replace(true);
    let stats = scheduler.await??;
    let (cpu, wall) = (cpu_time().saturating_sub(cpu_before), started.elapsed());
    let server = if db.is_postgres() {
        " (the PostgreSQL server's work is not counted)"
    } else {
        ""
    };
    println!(
        "  {} ticks, process CPU {} in {}: {:.2} % of one core{server}",
        stats.ticks,
        seconds(cpu),
        seconds(wall),
        percent(cpu, wall),
    );
    Ok(())
}

/// The value at `p` percent of sorted `values` (nearest rank), in seconds.
fn percentile(values: &[TimeDelta], p: usize) -> String {
    let rank = (values.len() * p).div_ceil(100).clamp(1, values.len());
    signed_seconds(values[rank - 1])
}

fn seconds(duration: Duration) -> String {
    format!("{:.2} s", duration.as_secs_f64())
}

fn signed_seconds(delta: TimeDelta) -> String {
    format!("{:.3} s", delta.as_seconds_f64())
}

fn percent(cpu: Duration, wall: Duration) -> f64 {
    100.0 * cpu.as_secs_f64() / wall.as_secs_f64().max(1e-9)
}

/// CPU time this process used so far (user and system), from `/proc/self/stat`; zero
/// where that cannot be read.
fn cpu_time() -> Duration {
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
fn clock_ticks_per_second() -> f64 {
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
struct Database {
    url: String,
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
    async fn create() -> anyhow::Result<Self> {
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

    fn is_postgres(&self) -> bool {
        matches!(self.cleanup, Cleanup::Postgres { .. })
    }

    fn backend(&self) -> &'static str {
        if self.is_postgres() {
            "PostgreSQL"
        } else {
            "SQLite"
        }
    }

    async fn drop_database(self) {
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
