//! The reminder benchmark: how many reminders the scheduler sends per second with a
//! backlog, beside the floor (the same work in bare batched SQL, in the same run); how
//! late they go out when they fall due over a minute; and what it costs while there is
//! nothing to do. It prints figures and asserts nothing about timing.
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
use passerelle_core::events::EventSettings;
use passerelle_core::events::reminders;
use passerelle_core::model::{
    Community, CommunityId, Identity, MemberId, Platform, Role, RoomPurpose,
};
use passerelle_core::{Hub, Store};
use passerelle_runtime::{SchedulerSettings, SchedulerStats, Tick, run_reminders_with};
use passerelle_test_support::bench::{env_number, env_numbers, nearest_rank};
use passerelle_test_support::{Backend, TestDb};
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
/// Events created in batched SQL before the rounds, to estimate how long a round's setup
/// takes. They and the `VIA_HANDLE` ones are next month: the idle phase's reminders.
const CALIBRATION: usize = 1000;
/// How long the idle scheduler is watched.
const IDLE: Duration = Duration::from_secs(10);

mod bare;
mod measure;
mod setup;

use bare::Bare;
use measure::*;
use setup::*;

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
        let reminders = env_number(REMINDERS_ENV, 100_000)?;
        let db = TestDb::from_env(POSTGRES_ENV, "bench.db").await?;
        let result = bench(&db, reminders.max(1)).await;
        if let Err(error) = db.drop_database().await {
            eprintln!("{error:#}");
        }
        result
    })
}

async fn bench(db: &TestDb, count: usize) -> anyhow::Result<()> {
    let rounds: Vec<usize> = match db.backend() {
        Backend::Postgres => env_numbers(WORKERS_ENV, vec![1, 2])?,
        Backend::Sqlite => env_numbers(WORKERS_ENV, vec![1])?,
    }
    .into_iter()
    .map(|n| n.max(1))
    .collect();
    println!(
        "reminder benchmark: {} · {count} reminders per round over {} s · rounds with {rounds:?} worker(s) · {} CPUs · {}",
        db.backend().label(),
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
    let mut bare = Bare::connect(db).await?;
    let started = Instant::now();
    let calibration = CALIBRATION.min(count);
    bare::create_events(&mut bare, &setup, calibration, |_| next_month).await?;
    let rate = calibration as f64 / started.elapsed().as_secs_f64();
    println!(
        "setup: {calibration} events (hosted, one yes, a reminder) in batched SQL in {}, {rate:.0} events/s",
        seconds(started.elapsed()),
    );

    println!("\nbacklog: {count} reminders already due, sent as fast as the store allows");
    let mut one_worker = None;
    for workers in &rounds {
        let sent = backlog(db, &setup, &mut bare, count, *workers).await?;
        one_worker = one_worker.or(Some(sent));
    }
    let floor = floor(&mut bare, &setup, count).await?;
    if let Some(hub_rate) = one_worker {
        println!(
            "  the hub with one worker sends {:.0} % of the floor's rate ({hub_rate:.0} against {floor:.0} reminders/s)",
            100.0 * hub_rate / floor.max(1e-9),
        );
    }

    for workers in rounds {
        round(db, &setup, &mut bare, count, workers, rate).await?;
    }
    idle(&hub, db).await
}

/// The hub's throughput with a backlog: `count` reminders all due when `workers`
/// schedulers start; the reminders per second from their start to the last one sent.
async fn backlog(
    db: &TestDb,
    setup: &Setup,
    bare: &mut Bare,
    count: usize,
    workers: usize,
) -> anyhow::Result<f64> {
    // Due half an hour ago, for events starting in half an hour.
    let start = Utc::now() + TimeDelta::minutes(30);
    let hubs = open_hubs(db, workers).await?;
    bare::create_events(bare, setup, count, |_| start).await?;
    let drained = drain(hubs, count, SPREAD + Duration::from_secs(600)).await?;
    let sent = drained.record.late.len();
    let took = drained
        .record
        .last_finished
        .map_or(TimeDelta::zero(), |last| last - drained.started);
    let rate = sent as f64 / took.as_seconds_f64().max(1e-9);
    println!(
        "  hub, {workers} worker(s): {sent} sent in {} ({} DMs queued, {} store errors): {rate:.0} reminders/s; process CPU {:.0} % of one core",
        signed_seconds(took),
        drained.stats.messages,
        drained.stats.errors,
        percent(drained.cpu, drained.wall),
    );
    Ok(rate)
}

/// The floor: `count` more reminders, all due, sent by bare SQL in batches; its rate.
async fn floor(bare: &mut Bare, setup: &Setup, count: usize) -> anyhow::Result<f64> {
    let start = Utc::now() + TimeDelta::minutes(30);
    bare::create_events(bare, setup, count, |_| start).await?;
    let started = Instant::now();
    let sent = bare::floor(bare, setup.community, Utc::now()).await?;
    let took = started.elapsed();
    let rate = sent as f64 / took.as_secs_f64().max(1e-9);
    println!(
        "  floor, bare SQL ({} per transaction: claim, read the events and who goes, one DM each, mark done): {sent} in {}: {rate:.0} reminders/s",
        bare::FLOOR_BATCH,
        seconds(took),
    );
    Ok(rate)
}

/// What schedulers did until they handled `count` reminders (or `deadline` passed).
struct Drained {
    record: Record,
    stats: SchedulerStats,
    /// When the schedulers started, their stores open.
    started: DateTime<Utc>,
    cpu: Duration,
    wall: Duration,
}

/// The hubs of `workers` schedulers, each with its own store, as separate processes
/// would have them: opened before a phase starts, as a running process would be.
async fn open_hubs(db: &TestDb, workers: usize) -> anyhow::Result<Vec<Hub>> {
    let mut hubs = Vec::with_capacity(workers);
    for _ in 0..workers {
        let store = Store::open(&db.url).await?;
        hubs.push(Hub::open(store, community(), Utc::now()).await?);
    }
    Ok(hubs)
}

/// Runs a scheduler on each of `hubs` until they handled `count` reminders.
async fn drain(hubs: Vec<Hub>, count: usize, deadline: Duration) -> anyhow::Result<Drained> {
    let record = Arc::new(Mutex::new(Record {
        late: Vec::with_capacity(count),
        ..Record::default()
    }));
    let (stop, shutdown) = watch::channel(false);
    let cpu_before = cpu_time();
    let started = Utc::now();
    let running = Instant::now();
    let mut schedulers = JoinSet::new();
    for (worker, hub) in hubs.into_iter().enumerate() {
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
    Ok(Drained {
        record,
        stats,
        started,
        cpu,
        wall,
    })
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
    db: &TestDb,
    setup: &Setup,
    bare: &mut Bare,
    count: usize,
    workers: usize,
    rate: f64,
) -> anyhow::Result<()> {
    println!(
        "\nround: {workers} worker(s), {count} reminders falling due over {} s",
        SPREAD.as_secs()
    );
    // The first reminder is due once the events should be created, with a margin.
    let hubs = open_hubs(db, workers).await?;
    let expected = Duration::from_secs_f64(count as f64 / rate);
    let lead = expected * 2 + Duration::from_secs(5);
    let first_due = Utc::now() + TimeDelta::from_std(lead)?;
    let spread = TimeDelta::from_std(SPREAD)?;
    let step = spread / i32::try_from(count)?;
    let started = Instant::now();
    bare::create_events(bare, setup, count, move |n| {
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
    // Everything should be handled soon after the last reminder is due.
    let deadline = lead + SPREAD + Duration::from_secs(600);
    let Drained {
        record,
        stats,
        cpu,
        wall,
        ..
    } = drain(hubs, count, deadline).await?;
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
async fn idle(hub: &Hub, db: &TestDb) -> anyhow::Result<()> {
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
    let server = if db.backend() == Backend::Postgres {
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
