//! Events, their hosts and their cancelled dates. Answers are in `answers.rs`; every
//! change to who is going first takes the event's row (see `LOCK_EVENT`).

mod answers;
mod reminders;

pub use answers::Promoted;
pub use reminders::{Finished, ReminderOutcome};

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use chrono_tz::Tz;

use crate::events::series::Repeat;
use crate::events::{Event, EventDetails, EventId};
use crate::model::{CommunityId, MemberId};
use crate::store::{Store, StoreError, by_parent, from_millis, on_conn, to_millis};

/// An event's ID beside one of its hosts or cancelled dates.
type Pair = (i64, i64);

#[derive(sqlx::FromRow)]
struct EventRow {
    id: i64,
    title: String,
    description: Option<String>,
    place: Option<String>,
    starts_at: i64,
    time_zone: String,
    duration_minutes: i64,
    capacity: Option<i64>,
    rsvp_until: Option<i64>,
    repeat_rule: Option<String>,
    repeat_until: Option<String>,
    reminder_minutes: Option<String>,
    first_occurrence: i64,
    cancelled_at: Option<i64>,
}

const EVENT_COLUMNS: &str = "id, title, description, place, starts_at, time_zone, duration_minutes, capacity, rsvp_until, repeat_rule, repeat_until, reminder_minutes, first_occurrence, cancelled_at";

/// Takes the event's row for the rest of the transaction; `None` if it is gone or cancelled.
pub(crate) const LOCK_EVENT: &str =
    "UPDATE events SET version = version + 1 WHERE id = $1 AND cancelled_at IS NULL
     RETURNING capacity, version";

/// Binds an event's details as `$2` to `$12`, in `DETAIL_COLUMNS` order.
macro_rules! bind_details {
    ($query:expr, $details:expr) => {{
        let details: &EventDetails = $details;
        $query
            .bind(details.title.clone())
            .bind(details.description.clone())
            .bind(details.place.clone())
            .bind(to_millis(details.start))
            .bind(details.zone.name())
            .bind(details.duration.num_minutes())
            .bind(details.capacity.map(i64::from))
            .bind(details.rsvp_until.map(to_millis))
            .bind(
                details
                    .repeat
                    .as_ref()
                    .map(|repeat| repeat.rule().to_owned()),
            )
            .bind(
                details
                    .repeat
                    .as_ref()
                    .and_then(|repeat| repeat.until)
                    .map(|until| until.to_string()),
            )
            .bind(details.reminders.as_deref().map(minutes_text))
    }};
}

const DETAIL_COLUMNS: &str = "title, description, place, starts_at, time_zone, duration_minutes, capacity, rsvp_until, repeat_rule, repeat_until, reminder_minutes";

pub(crate) fn minutes_text(offsets: &[TimeDelta]) -> String {
    let minutes: Vec<String> = offsets
        .iter()
        .map(|offset| offset.num_minutes().to_string())
        .collect();
    minutes.join(",")
}

fn minutes_from(text: &str) -> Result<Vec<TimeDelta>, StoreError> {
    text.split(',')
        .filter(|part| !part.is_empty())
        .map(|part| {
            part.parse::<i64>()
                .map(TimeDelta::minutes)
                .map_err(|_| StoreError::Corrupt(format!("reminder minutes `{text}`")))
        })
        .collect()
}

impl Store {
    /// Creates an event hosted by its creator.
    pub async fn create_event(
        &self,
        community: CommunityId,
        details: &EventDetails,
        creator: MemberId,
        now: DateTime<Utc>,
    ) -> Result<EventId, StoreError> {
        let insert = sqlx::AssertSqlSafe(format!(
            "INSERT INTO events (community_id, {DETAIL_COLUMNS}, created_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id"
        ));
        const HOST: &str = "INSERT INTO event_hosts (event_id, member_id) VALUES ($1, $2)";
        let id: i64 = on_conn!(self, |conn| {
            let mut tx = conn.begin().await?;
            let query = sqlx::query_scalar(insert).bind(community.0);
            let id: i64 = bind_details!(query, details)
                .bind(creator.0)
                .bind(to_millis(now))
                .fetch_one(&mut *tx)
                .await?;
            sqlx::query(HOST)
                .bind(id)
                .bind(creator.0)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            id
        });
        Ok(EventId(id))
    }

    /// The event, cancelled or not, if it belongs to the community.
    pub async fn event(
        &self,
        community: CommunityId,
        id: EventId,
    ) -> Result<Option<Event>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!(
            "SELECT {EVENT_COLUMNS} FROM events WHERE id = $1 AND community_id = $2"
        ));
        let row: Option<EventRow> = on_conn!(self, |conn| {
            sqlx::query_as(sql)
                .bind(id.0)
                .bind(community.0)
                .fetch_optional(&mut *conn)
                .await?
        });
        match row {
            Some(row) => Ok(Some(self.complete(row).await?)),
            None => Ok(None),
        }
    }

    /// Events with a date not over at `now`, not cancelled, by their next date.
    pub async fn upcoming_events(
        &self,
        community: CommunityId,
        now: DateTime<Utc>,
        limit: u32,
    ) -> Result<Vec<Event>, StoreError> {
        // Series are kept whatever their first date; their dates are computed here.
        let sql = sqlx::AssertSqlSafe(format!(
            "SELECT {EVENT_COLUMNS} FROM events
             WHERE community_id = $1 AND cancelled_at IS NULL
               AND (repeat_rule IS NOT NULL OR starts_at + duration_minutes * 60000 > $2)
             ORDER BY starts_at, id"
        ));
        let rows: Vec<EventRow> = on_conn!(self, |conn| {
            sqlx::query_as(sql)
                .bind(community.0)
                .bind(to_millis(now))
                .fetch_all(&mut *conn)
                .await?
        });
        let mut events = Vec::with_capacity(rows.len());
        for event in self.complete_all(rows).await? {
            if let Some(date) = event.current(now) {
                events.push((date.start, event));
            }
        }
        events.sort_by_key(|(start, event)| (*start, event.id));
        Ok(events
            .into_iter()
            .take(limit as usize)
            .map(|(_, event)| event)
            .collect())
    }

    /// Every event of the community that is not cancelled, for the calendar feed.
    pub async fn live_events(&self, community: CommunityId) -> Result<Vec<Event>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!(
            "SELECT {EVENT_COLUMNS} FROM events
             WHERE community_id = $1 AND cancelled_at IS NULL ORDER BY starts_at, id"
        ));
        let rows: Vec<EventRow> = on_conn!(self, |conn| {
            sqlx::query_as(sql)
                .bind(community.0)
                .fetch_all(&mut *conn)
                .await?
        });
        self.complete_all(rows).await
    }

    /// Adds the hosts and cancelled dates to an event's row.
    async fn complete(&self, row: EventRow) -> Result<Event, StoreError> {
        const HOSTS: &str =
            "SELECT member_id FROM event_hosts WHERE event_id = $1 ORDER BY member_id";
        const SKIPS: &str =
            "SELECT occurrence FROM event_skips WHERE event_id = $1 ORDER BY occurrence";
        let (hosts, skipped): (Vec<i64>, Vec<i64>) = on_conn!(self, |conn| {
            let hosts = sqlx::query_scalar(HOSTS)
                .bind(row.id)
                .fetch_all(&mut *conn)
                .await?;
            let skipped = sqlx::query_scalar(SKIPS)
                .bind(row.id)
                .fetch_all(&mut *conn)
                .await?;
            (hosts, skipped)
        });
        complete_with(row, hosts, skipped)
    }

    /// The events of `ids` that belong to the community, cancelled or not, in three
    /// queries whatever their number (the reminders of a batch): in no particular order.
    pub async fn events_by_id(
        &self,
        community: CommunityId,
        ids: &[EventId],
    ) -> Result<Vec<Event>, StoreError> {
        // `+community_id`: found by their IDs, not by walking the community's events
        // (SQLite would take the community's index otherwise).
        let sql = sqlx::AssertSqlSafe(format!(
            "SELECT {EVENT_COLUMNS} FROM events WHERE id IN ({}) AND +community_id = $2",
            self.id_list(1)
        ));
        let bound = crate::store::ids_json(ids.iter().map(|id| id.0));
        let rows: Vec<EventRow> = on_conn!(self, |conn| {
            sqlx::query_as(sql)
                .bind(&bound)
                .bind(community.0)
                .fetch_all(&mut *conn)
                .await?
        });
        self.complete_all(rows).await
    }

    /// Adds the hosts and cancelled dates to events' rows, in two queries whatever their
    /// number; in the rows' order.
    async fn complete_all(&self, rows: Vec<EventRow>) -> Result<Vec<Event>, StoreError> {
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let list = self.id_list(1);
        let hosts = sqlx::AssertSqlSafe(format!(
            "SELECT event_id, member_id FROM event_hosts WHERE event_id IN ({list})
             ORDER BY member_id"
        ));
        let skips = sqlx::AssertSqlSafe(format!(
            "SELECT event_id, occurrence FROM event_skips WHERE event_id IN ({list})
             ORDER BY occurrence"
        ));
        let bound = crate::store::ids_json(rows.iter().map(|row| row.id));
        let (hosts, skips): (Vec<Pair>, Vec<Pair>) = on_conn!(self, |conn| {
            (
                sqlx::query_as(hosts)
                    .bind(&bound)
                    .fetch_all(&mut *conn)
                    .await?,
                sqlx::query_as(skips)
                    .bind(&bound)
                    .fetch_all(&mut *conn)
                    .await?,
            )
        });
        let (mut hosts_of, mut skips_of) = (by_parent(hosts), by_parent(skips));
        rows.into_iter()
            .map(|row| {
                let hosts = hosts_of.remove(&row.id).unwrap_or_default();
                let skipped = skips_of.remove(&row.id).unwrap_or_default();
                complete_with(row, hosts, skipped)
            })
            .collect()
    }
}

/// An event from its row, its hosts and its cancelled dates.
fn complete_with(row: EventRow, hosts: Vec<i64>, skipped: Vec<i64>) -> Result<Event, StoreError> {
    let corrupt = |what: &str, value: &str| StoreError::Corrupt(format!("{what} `{value}`"));
    let repeat = match &row.repeat_rule {
        None => None,
        Some(rule) => {
            let until = match &row.repeat_until {
                None => None,
                Some(day) => Some(
                    day.parse::<NaiveDate>()
                        .map_err(|_| corrupt("last day", day))?,
                ),
            };
            Some(Repeat::from_stored(rule, until).ok_or_else(|| corrupt("rule", rule))?)
        }
    };
    Ok(Event {
        id: EventId(row.id),
        details: EventDetails {
            title: row.title,
            description: row.description,
            place: row.place,
            start: from_millis(row.starts_at)?,
            zone: row
                .time_zone
                .parse::<Tz>()
                .map_err(|_| corrupt("time zone", &row.time_zone))?,
            duration: TimeDelta::minutes(row.duration_minutes),
            capacity: row
                .capacity
                .and_then(|capacity| u32::try_from(capacity).ok()),
            rsvp_until: row.rsvp_until.map(from_millis).transpose()?,
            repeat,
            reminders: row
                .reminder_minutes
                .as_deref()
                .map(minutes_from)
                .transpose()?,
        },
        hosts: hosts.into_iter().map(MemberId).collect(),
        cancelled: row.cancelled_at.is_some(),
        first_occurrence: row.first_occurrence,
        skipped,
    })
}

impl Store {
    /// Cancels the event, with every date from `from` on; returns who was going or
    /// waiting for those dates, to tell them. `None` if it was already cancelled or is gone.
    pub async fn cancel_event(
        &self,
        event: EventId,
        from: i64,
        now: DateTime<Utc>,
    ) -> Result<Option<Vec<MemberId>>, StoreError> {
        const CANCEL: &str = "UPDATE events SET cancelled_at = $2, version = version + 1 WHERE id = $1 AND cancelled_at IS NULL";
        const TOLD: &str = "SELECT DISTINCT member_id FROM rsvps
             WHERE event_id = $1 AND occurrence >= $2 AND status IN ('yes', 'waitlist')
             ORDER BY member_id";
        const FORGET_REMINDERS: &str =
            "DELETE FROM reminders WHERE event_id = $1 AND done_at IS NULL";
        let told = on_conn!(self, |conn| {
            let mut tx = conn.begin().await?;
            let cancelled = sqlx::query(CANCEL)
                .bind(event.0)
                .bind(to_millis(now))
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if cancelled == 0 {
                tx.rollback().await?;
                return Ok(None);
            }
            let told: Vec<i64> = sqlx::query_scalar(TOLD)
                .bind(event.0)
                .bind(from)
                .fetch_all(&mut *tx)
                .await?;
            sqlx::query(FORGET_REMINDERS)
                .bind(event.0)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            told
        });
        Ok(Some(told.into_iter().map(MemberId).collect()))
    }

    /// Cancels one date of a series; returns who was going or waiting for it. `None` if
    /// that date was already cancelled, or the event is gone or cancelled.
    pub async fn skip_occurrence(
        &self,
        event: EventId,
        occurrence: i64,
        now: DateTime<Utc>,
    ) -> Result<Option<Vec<MemberId>>, StoreError> {
        const SKIP: &str = "INSERT INTO event_skips (event_id, occurrence, cancelled_at)
             VALUES ($1, $2, $3) ON CONFLICT (event_id, occurrence) DO NOTHING";
        const TOLD: &str = "SELECT member_id FROM rsvps
             WHERE event_id = $1 AND occurrence = $2 AND status IN ('yes', 'waitlist')
             ORDER BY member_id";
        let told = on_conn!(self, |conn| {
            let mut tx = conn.begin().await?;
            let live: Option<(Option<i64>, i64)> = sqlx::query_as(LOCK_EVENT)
                .bind(event.0)
                .fetch_optional(&mut *tx)
                .await?;
            let skipped = sqlx::query(SKIP)
                .bind(event.0)
                .bind(occurrence)
                .bind(to_millis(now))
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if live.is_none() || skipped == 0 {
                tx.rollback().await?;
                return Ok(None);
            }
            let told: Vec<i64> = sqlx::query_scalar(TOLD)
                .bind(event.0)
                .bind(occurrence)
                .fetch_all(&mut *tx)
                .await?;
            tx.commit().await?;
            told
        });
        Ok(Some(told.into_iter().map(MemberId).collect()))
    }

    /// Adds or removes a host; `false` when nothing changed.
    pub async fn set_host(
        &self,
        event: EventId,
        member: MemberId,
        host: bool,
    ) -> Result<bool, StoreError> {
        const ADD: &str = "INSERT INTO event_hosts (event_id, member_id) VALUES ($1, $2)
             ON CONFLICT (event_id, member_id) DO NOTHING";
        const REMOVE: &str = "DELETE FROM event_hosts WHERE event_id = $1 AND member_id = $2";
        self.set_pair(if host { ADD } else { REMOVE }, event, member)
            .await
    }

    /// Runs an insert or delete of an (event, member) row; whether a row changed.
    pub(crate) async fn set_pair(
        &self,
        sql: &'static str,
        event: EventId,
        member: MemberId,
    ) -> Result<bool, StoreError> {
        let changed = on_conn!(self, |conn| {
            sqlx::query(sql)
                .bind(event.0)
                .bind(member.0)
                .execute(&mut *conn)
                .await?
                .rows_affected()
        });
        Ok(changed > 0)
    }
}

pub(crate) use bind_details;
pub(crate) const UPDATE_DETAILS: &str = "UPDATE events SET title = $2, description = $3,
         place = $4, starts_at = $5, time_zone = $6, duration_minutes = $7, capacity = $8,
         rsvp_until = $9, repeat_rule = $10, repeat_until = $11, reminder_minutes = $12,
         first_occurrence = $13
     WHERE id = $1";
