//! Bare SQL through sqlx, beside the hub: filling the database in batches (the events of
//! a round, their one member going, their reminders), and the floor, the same reminders
//! sent with no hub at all: claim a batch, read its events and the members going, queue
//! one private message each, mark the batch done, one transaction per batch.
//!
//! Everything is SQL text with the values written in: numbers made here and fixed words,
//! so that one string runs on either backend.

use sqlx::pool::PoolConnection;
use sqlx::{Executor, Postgres, Sqlite};

use super::*;

/// How many rows one statement of the setup writes.
const CHUNK: usize = 500;
/// How many reminders the floor claims at once.
pub(crate) const FLOOR_BATCH: usize = 500;

/// One connection to the benchmark's database, whichever the backend.
pub(crate) enum Bare {
    Sqlite(PoolConnection<Sqlite>),
    Postgres(PoolConnection<Postgres>),
}

impl Bare {
    pub(crate) async fn connect(db: &TestDb) -> anyhow::Result<Bare> {
        Ok(match db.backend() {
            Backend::Sqlite => {
                let pool = sqlx::SqlitePool::connect(&db.url).await?;
                sqlx::query("PRAGMA busy_timeout = 5000")
                    .execute(&pool)
                    .await?;
                Bare::Sqlite(pool.acquire().await?)
            }
            Backend::Postgres => {
                Bare::Postgres(sqlx::PgPool::connect(&db.url).await?.acquire().await?)
            }
        })
    }

    async fn run(&mut self, sql: String) -> anyhow::Result<()> {
        let sql = sqlx::AssertSqlSafe(sql);
        match self {
            Bare::Sqlite(conn) => {
                conn.execute(sqlx::raw_sql(sql)).await?;
            }
            Bare::Postgres(conn) => {
                conn.execute(sqlx::raw_sql(sql)).await?;
            }
        }
        Ok(())
    }

    /// The rows `sql` gives, as numbers and a text.
    async fn rows(&mut self, sql: String) -> anyhow::Result<Vec<(i64, i64, String)>> {
        let sql = sqlx::AssertSqlSafe(sql);
        Ok(match self {
            Bare::Sqlite(conn) => sqlx::query_as(sql).fetch_all(&mut **conn).await?,
            Bare::Postgres(conn) => sqlx::query_as(sql).fetch_all(&mut **conn).await?,
        })
    }

    fn postgres(&self) -> bool {
        matches!(self, Bare::Postgres(_))
    }
}

fn listed(ids: impl IntoIterator<Item = i64>) -> String {
    let ids: Vec<String> = ids.into_iter().map(|id| id.to_string()).collect();
    ids.join(",")
}

/// Creates `count` events as the hub would have them (the `n`th starting at `start(n)`,
/// hosted by the organizer, one member going, its reminder planned), `CHUNK` at a time,
/// one transaction per chunk.
pub(crate) async fn create_events(
    bare: &mut Bare,
    setup: &Setup,
    count: usize,
    start: impl Fn(usize) -> DateTime<Utc>,
) -> anyhow::Result<()> {
    let now = Utc::now().timestamp_millis();
    let (community, organizer) = (setup.community.0, setup.organizer.0);
    let mut first = 0;
    while first < count {
        let last = (first + CHUNK).min(count);
        let rows: Vec<String> = (first..last)
            .map(|n| {
                format!(
                    "({community}, 'Benchmark meetup {n}', 'Café de la Gare', {}, 'Europe/Paris', 120, 50, {organizer}, {now}, 1)",
                    start(n).timestamp_millis()
                )
            })
            .collect();
        bare.run("BEGIN".into()).await?;
        let made = bare
            .rows(format!(
                "INSERT INTO events (community_id, title, place, starts_at, time_zone,
                     duration_minutes, capacity, created_by, created_at, version)
                 VALUES {} RETURNING id, starts_at, title",
                rows.join(",")
            ))
            .await?;
        let mut hosts = Vec::new();
        let mut going = Vec::new();
        let mut reminders = Vec::new();
        for (event, starts, title) in made {
            let n: usize = title.rsplit(' ').next().unwrap_or("0").parse()?;
            let member = setup.members[n % setup.members.len()].0;
            let due = starts - BEFORE.num_milliseconds();
            hosts.push(format!("({event}, {organizer})"));
            going.push(format!("({event}, 0, {member}, 'yes', {now}, 1)"));
            reminders.push(format!("({event}, 0, {}, {due})", BEFORE.num_minutes()));
        }
        bare.run(format!(
            "INSERT INTO event_hosts (event_id, member_id) VALUES {};
             INSERT INTO rsvps (event_id, occurrence, member_id, status, answered_at, turn) VALUES {};
             INSERT INTO reminders (event_id, occurrence, minutes_before, due_at) VALUES {};",
            hosts.join(","),
            going.join(","),
            reminders.join(",")
        ))
        .await?;
        bare.run("COMMIT".into()).await?;
        first = last;
    }
    // The statistics a database in use has (PostgreSQL's autovacuum would gather them,
    // later): without them, its planner walks whole tables for a few rows.
    bare.run("ANALYZE".into()).await?;
    Ok(())
}

/// Sends every reminder due at `now` with bare SQL, `FLOOR_BATCH` per transaction: how
/// many it sent.
pub(crate) async fn floor(
    bare: &mut Bare,
    community: CommunityId,
    now: DateTime<Utc>,
) -> anyhow::Result<usize> {
    let (at, lease) = (
        now.timestamp_millis(),
        (now + reminders::LEASE).timestamp_millis(),
    );
    let lock = if bare.postgres() {
        "FOR UPDATE SKIP LOCKED"
    } else {
        ""
    };
    let mut sent = 0;
    loop {
        bare.run("BEGIN".into()).await?;
        let claimed = bare
            .rows(format!(
                "UPDATE reminders SET claimed_by = 'floor', claimed_until = {lease}
                 WHERE id IN (SELECT id FROM reminders
                     WHERE done_at IS NULL AND due_at <= {at}
                       AND (claimed_until IS NULL OR claimed_until <= {at})
                     ORDER BY due_at, id LIMIT {FLOOR_BATCH} {lock})
                 RETURNING id, event_id, 'claimed'"
            ))
            .await?;
        if claimed.is_empty() {
            bare.run("COMMIT".into()).await?;
            return Ok(sent);
        }
        let events = listed(claimed.iter().map(|(_, event, _)| *event));
        let titles = bare
            .rows(format!(
                "SELECT id, starts_at, title FROM events WHERE id IN ({events})"
            ))
            .await?;
        let titles: std::collections::HashMap<i64, (i64, String)> = titles
            .into_iter()
            .map(|(id, starts, title)| (id, (starts, title)))
            .collect();
        let going = bare
            .rows(format!(
                "SELECT r.event_id, m.id, i.user_id || ' ' || COALESCE(m.language, 'en')
                     || ' ' || COALESCE(m.time_zone, 'Europe/Paris')
                 FROM rsvps r JOIN members m ON m.id = r.member_id
                     JOIN identities i ON i.member_id = m.id
                 WHERE r.event_id IN ({events}) AND r.status = 'yes'"
            ))
            .await?;
        let mut messages = Vec::with_capacity(going.len());
        for (event, member, who) in &going {
            let mut who = who.split(' ');
            let user = who.next().unwrap_or_default();
            let (starts, title) = titles.get(event).cloned().unwrap_or_default();
            // About what the hub writes: the text and the two choices under it.
            let (lang, zone) = (who.next().unwrap_or("en"), who.next().unwrap_or("UTC"));
            let body = format!(
                "{{\"text\":\"Reminder ({lang}, {zone}): {title} starts at {starts}, in 30 min.\\nWhere: Café de la Gare\",\
                 \"choices\":[{{\"label\":\"Not going\",\"command\":\"/rsvp {event} no\"}},\
                 {{\"label\":\"Reminders off\",\"command\":\"/remind {event} off\"}}]}}"
            )
            .replace('\'', "''");
            messages.push(format!(
                "({}, 'console', 'direct', '{user}', {member}, '{body}', {at}, {at})",
                community.0
            ));
        }
        if !messages.is_empty() {
            bare.run(format!(
                "INSERT INTO outbox (community_id, platform, destination_kind, destination,
                     member_id, body, not_before, created_at) VALUES {}",
                messages.join(",")
            ))
            .await?;
        }
        bare.run(format!(
            "UPDATE reminders SET done_at = {at}, outcome = 'sent', claimed_until = NULL
             WHERE id IN ({}) AND claimed_by = 'floor'",
            listed(claimed.iter().map(|(id, _, _)| *id))
        ))
        .await?;
        bare.run("COMMIT".into()).await?;
        sent += claimed.len();
    }
}
