//! The outbox benchmark: how many rows a second the runtime's worker claims and confirms
//! with an adapter that sends nothing, beside the floor (the same rows claimed and
//! deleted by bare SQL, 500 per transaction, in the same run); and a fan-out to 300
//! private chats with Telegram's pacing on, which the pacing, not the store, should
//! limit. It prints figures and asserts nothing about timing.
//!
//! ```sh
//! cargo bench -p passerelle-runtime --bench outbox
//! PASSERELLE_BENCH_POSTGRES_URL=$(scripts/postgres.sh) cargo bench -p passerelle-runtime --bench outbox
//! ```
//!
//! `PASSERELLE_BENCH_ROWS` (default 50000) sets how many rows each phase queues.

use std::time::Instant;

use anyhow::Context;
use chrono::Utc;
use passerelle_core::model::Platform;
use passerelle_core::outbox::{Destination, NewOutgoing, Outgoing};
use passerelle_core::reply::{Choice, Message};
use passerelle_core::{Hub, Store};
use passerelle_runtime::{Deliver, Failed, Outbox, Pacing, Sent};
use passerelle_test_support::bench::env_number;
use passerelle_test_support::{Backend, TestDb};
use sqlx::Executor;

const POSTGRES_ENV: &str = "PASSERELLE_BENCH_POSTGRES_URL";
const ROWS_ENV: &str = "PASSERELLE_BENCH_ROWS";
/// The private chats of the paced fan-out.
const FAN_OUT: usize = 300;

/// An adapter that takes every row at once and sends nothing.
struct Nothing;

impl Deliver for Nothing {
    async fn send(&mut self, outgoing: &Outgoing) -> Result<Sent, Failed> {
        Ok(Sent::Message(outgoing.id.to_string()))
    }
}

fn main() -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let rows = env_number(ROWS_ENV, 50_000)?;
        let db = TestDb::from_env(POSTGRES_ENV, "outbox.db").await?;
        let result = bench(&db, rows.max(1)).await;
        if let Err(error) = db.drop_database().await {
            eprintln!("{error:#}");
        }
        result
    })
}

/// `count` private messages like a reminder, for members `member-0`….
fn messages(count: usize, platform: Platform) -> Vec<NewOutgoing> {
    (0..count)
        .map(|n| NewOutgoing {
            platform,
            destination: Destination::Direct(format!("member-{n}")),
            member: None,
            about: None,
            message: Message::text(format!(
                "Reminder: **Benchmark meetup {n}** starts in 1 h (19:00, Café de la Gare)."
            ))
            .with_choices(vec![
                Choice::new("Not going", format!("/rsvp {n} no")),
                Choice::new("Reminders off", format!("/remind {n} off")),
            ]),
            not_before: Utc::now(),
        })
        .collect()
}

async fn bench(db: &TestDb, count: usize) -> anyhow::Result<()> {
    println!(
        "outbox benchmark: {} · {count} rows per phase · {} CPUs · {}",
        db.backend().label(),
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        Utc::now().format("%Y-%m-%d %H:%M UTC"),
    );
    let store = Store::open(&db.url).await?;
    let hub = Hub::open(
        store.clone(),
        passerelle_test_support::community(),
        Utc::now(),
    )
    .await?;
    let community = hub.community_id();

    let started = Instant::now();
    for chunk in messages(count, Platform::Console).chunks(1000) {
        store.enqueue(community, chunk, Utc::now()).await?;
    }
    let queued = started.elapsed();
    println!(
        "  queued      {count} rows in {:.2} s: {:.0} rows/s (1,000 per transaction)",
        queued.as_secs_f64(),
        count as f64 / queued.as_secs_f64()
    );

    let mut outbox = Outbox::new(hub.clone(), Platform::Console, "bench");
    let started = Instant::now();
    outbox.deliver_due(&mut Nothing, Utc::now).await?;
    let took = started.elapsed();
    let delivered = outbox.counters().delivered();
    let worker = delivered as f64 / took.as_secs_f64();
    println!(
        "  worker      {delivered} claimed and confirmed in {:.2} s: {worker:.0} rows/s",
        took.as_secs_f64()
    );

    for chunk in messages(count, Platform::Console).chunks(1000) {
        store.enqueue(community, chunk, Utc::now()).await?;
    }
    let started = Instant::now();
    let done = floor(db).await?;
    let took = started.elapsed();
    let floor = done as f64 / took.as_secs_f64();
    println!(
        "  floor       {done} claimed and deleted by bare SQL (500 per transaction) in {:.2} s: {floor:.0} rows/s; the worker does {:.0} % of it",
        took.as_secs_f64(),
        100.0 * worker / floor.max(1e-9),
    );

    // A fan-out at Telegram's pace: about 30 messages a second in all.
    store
        .enqueue(
            community,
            &messages(FAN_OUT, Platform::Telegram),
            Utc::now(),
        )
        .await?;
    let mut paced = Outbox::new(hub, Platform::Telegram, "paced").pacing(Pacing::telegram());
    let started = Instant::now();
    paced.deliver_due(&mut Nothing, Utc::now).await?;
    let took = started.elapsed();
    println!(
        "  paced       {} private messages at Telegram's pace in {:.2} s: {:.1} a second (Telegram allows about 30)",
        paced.counters().delivered(),
        took.as_secs_f64(),
        paced.counters().delivered() as f64 / took.as_secs_f64(),
    );
    Ok(())
}

/// Claims and deletes every due console row with bare SQL, 500 per transaction, as the
/// worker's claim does (due, not claimed, earliest first); how many.
async fn floor(db: &TestDb) -> anyhow::Result<usize> {
    const COUNT: &str = "SELECT COUNT(*) FROM outbox WHERE platform = 'console'";
    let lock = match db.backend() {
        Backend::Postgres => "FOR UPDATE SKIP LOCKED",
        Backend::Sqlite => "",
    };
    let now = Utc::now().timestamp_millis();
    let batch = format!(
        "BEGIN;
         UPDATE outbox SET claimed_by = 'floor', claimed_until = {lease}, attempts = attempts + 1
             WHERE id IN (SELECT id FROM outbox
                 WHERE platform = 'console' AND given_up_at IS NULL AND not_before <= {now}
                   AND (claimed_until IS NULL OR claimed_until <= {now})
                 ORDER BY not_before, id LIMIT 500 {lock});
         DELETE FROM outbox WHERE claimed_by = 'floor';
         COMMIT;",
        lease = now + 60_000,
    );
    // The same loop on either backend's connection.
    macro_rules! drain {
        ($pool:ty) => {{
            let pool = <$pool>::connect(&db.url).await?;
            let mut conn = pool.acquire().await?;
            let before: i64 = sqlx::query_scalar(COUNT).fetch_one(&mut *conn).await?;
            loop {
                let claimed = conn
                    .execute(sqlx::raw_sql(sqlx::AssertSqlSafe(batch.clone())))
                    .await?;
                if claimed.rows_affected() == 0 {
                    break;
                }
            }
            let after: i64 = sqlx::query_scalar(COUNT).fetch_one(&mut *conn).await?;
            (before, after)
        }};
    }
    let (before, after) = match db.backend() {
        Backend::Sqlite => drain!(sqlx::SqlitePool),
        Backend::Postgres => drain!(sqlx::PgPool),
    };
    anyhow::ensure!(after == 0, "the floor left {after} rows");
    Ok(usize::try_from(before)?)
}
