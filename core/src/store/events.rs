//! Events and answers. Every change to who is going first updates the event's row
//! (`version`), which serializes concurrent answers on both backends before places are
//! counted: capacity holds in the database, not just in memory.

use chrono::{DateTime, TimeDelta, Utc};
use chrono_tz::Tz;

use super::{Pool, Store, StoreError, from_millis, on_pool, to_millis};
use crate::events::{Answer, Attendee, Counts, Event, EventId, NewEvent, RsvpOutcome, Status};
use crate::model::{CommunityId, MemberId};

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
    cancelled_at: Option<i64>,
}

const EVENT_COLUMNS: &str = "id, title, description, place, starts_at, time_zone, duration_minutes, capacity, rsvp_until, cancelled_at";

/// Takes the event's row for the rest of the transaction; `None` if it is gone or cancelled.
const LOCK_EVENT: &str =
    "UPDATE events SET version = version + 1 WHERE id = $1 AND cancelled_at IS NULL
     RETURNING capacity, version";
const COUNT_GOING: &str = "SELECT COUNT(*) FROM rsvps WHERE event_id = $1 AND status = 'yes'";
const FIRST_WAITING: &str =
    "SELECT member_id FROM rsvps WHERE event_id = $1 AND status = 'waitlist' ORDER BY turn LIMIT 1";
/// A waitlisted member's place in line, 1 for the first.
const POSITION: &str = "SELECT COUNT(*) FROM rsvps
     WHERE event_id = $1 AND status = 'waitlist'
       AND turn <= (SELECT turn FROM rsvps WHERE event_id = $1 AND member_id = $2 AND status = 'waitlist')";
const PROMOTE: &str =
    "UPDATE rsvps SET status = 'yes', answered_at = $3 WHERE event_id = $1 AND member_id = $2";

/// Moves members from the waitlist to going while places are free; yields who moved.
/// Written once, expanded for each backend's transaction.
macro_rules! promote_waitlist {
    ($tx:expr, $event:expr, $capacity:expr, $now:expr) => {{
        let mut promoted = Vec::new();
        loop {
            let going: i64 = sqlx::query_scalar(COUNT_GOING)
                .bind($event)
                .fetch_one(&mut *$tx)
                .await?;
            if $capacity.is_some_and(|capacity: i64| going >= capacity) {
                break;
            }
            let next: Option<i64> = sqlx::query_scalar(FIRST_WAITING)
                .bind($event)
                .fetch_optional(&mut *$tx)
                .await?;
            let Some(member) = next else { break };
            sqlx::query(PROMOTE)
                .bind($event)
                .bind(member)
                .bind($now)
                .execute(&mut *$tx)
                .await?;
            promoted.push(MemberId(member));
        }
        promoted
    }};
}

impl Store {
    /// Creates an event hosted by its creator.
    pub async fn create_event(
        &self,
        community: CommunityId,
        event: &NewEvent,
        creator: MemberId,
        now: DateTime<Utc>,
    ) -> Result<EventId, StoreError> {
        const EVENT: &str =
            "INSERT INTO events (community_id, title, description, place, starts_at,
                 time_zone, duration_minutes, capacity, rsvp_until, created_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id";
        const HOST: &str = "INSERT INTO event_hosts (event_id, member_id) VALUES ($1, $2)";
        let id: i64 = on_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            let id: i64 = sqlx::query_scalar(EVENT)
                .bind(community.0)
                .bind(&event.title)
                .bind(&event.description)
                .bind(&event.place)
                .bind(to_millis(event.start))
                .bind(event.zone.name())
                .bind(event.duration.num_minutes())
                .bind(event.capacity.map(i64::from))
                .bind(event.rsvp_until.map(to_millis))
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
        let row: Option<EventRow> = on_pool!(self, |pool| {
            sqlx::query_as(sql)
                .bind(id.0)
                .bind(community.0)
                .fetch_optional(pool)
                .await?
        });
        match row {
            Some(row) => Ok(Some(self.with_hosts(row).await?)),
            None => Ok(None),
        }
    }

    /// Events not over at `now` and not cancelled, soonest first.
    pub async fn upcoming_events(
        &self,
        community: CommunityId,
        now: DateTime<Utc>,
        limit: u32,
    ) -> Result<Vec<Event>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!(
            "SELECT {EVENT_COLUMNS} FROM events
             WHERE community_id = $1 AND cancelled_at IS NULL AND starts_at + duration_minutes * 60000 > $2
             ORDER BY starts_at, id LIMIT $3"
        ));
        let rows: Vec<EventRow> = on_pool!(self, |pool| {
            sqlx::query_as(sql)
                .bind(community.0)
                .bind(to_millis(now))
                .bind(i64::from(limit))
                .fetch_all(pool)
                .await?
        });
        let mut events = Vec::with_capacity(rows.len());
        for row in rows {
            events.push(self.with_hosts(row).await?);
        }
        Ok(events)
    }

    async fn with_hosts(&self, row: EventRow) -> Result<Event, StoreError> {
        const HOSTS: &str =
            "SELECT member_id FROM event_hosts WHERE event_id = $1 ORDER BY member_id";
        let hosts: Vec<i64> = on_pool!(self, |pool| {
            sqlx::query_scalar(HOSTS)
                .bind(row.id)
                .fetch_all(pool)
                .await?
        });
        Ok(Event {
            id: EventId(row.id),
            title: row.title,
            description: row.description,
            place: row.place,
            start: from_millis(row.starts_at)?,
            zone: row
                .time_zone
                .parse::<Tz>()
                .map_err(|_| StoreError::Corrupt(format!("time zone `{}`", row.time_zone)))?,
            duration: TimeDelta::minutes(row.duration_minutes),
            capacity: row
                .capacity
                .and_then(|capacity| u32::try_from(capacity).ok()),
            rsvp_until: row.rsvp_until.map(from_millis).transpose()?,
            hosts: hosts.into_iter().map(MemberId).collect(),
            cancelled: row.cancelled_at.is_some(),
        })
    }

    /// Records a member's answer, filling places in order and waitlisting the rest.
    /// `None` when the event is gone or cancelled.
    pub async fn rsvp(
        &self,
        event: EventId,
        member: MemberId,
        answer: Answer,
        now: DateTime<Utc>,
    ) -> Result<Option<RsvpOutcome>, StoreError> {
        const PREVIOUS: &str = "SELECT status FROM rsvps WHERE event_id = $1 AND member_id = $2";
        const SAVE: &str = "INSERT INTO rsvps (event_id, member_id, status, answered_at, turn)
             VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (event_id, member_id) DO UPDATE
             SET status = excluded.status, answered_at = excluded.answered_at, turn = excluded.turn";
        let outcome = on_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            let locked: Option<(Option<i64>, i64)> = sqlx::query_as(LOCK_EVENT)
                .bind(event.0)
                .fetch_optional(&mut *tx)
                .await?;
            let Some((capacity, turn)) = locked else {
                tx.rollback().await?;
                return Ok(None);
            };
            let previous: Option<String> = sqlx::query_scalar(PREVIOUS)
                .bind(event.0)
                .bind(member.0)
                .fetch_optional(&mut *tx)
                .await?;
            let previous = previous.as_deref().and_then(Status::parse);
            let status = match (answer, previous) {
                (Answer::Yes, Some(kept @ (Status::Going | Status::Waitlisted))) => kept,
                (Answer::Yes, _) => {
                    let going: i64 = sqlx::query_scalar(COUNT_GOING)
                        .bind(event.0)
                        .fetch_one(&mut *tx)
                        .await?;
                    if capacity.is_some_and(|capacity| going >= capacity) {
                        Status::Waitlisted
                    } else {
                        Status::Going
                    }
                }
                (Answer::Maybe, _) => Status::Maybe,
                (Answer::No, _) => Status::NotGoing,
            };
            if previous != Some(status) {
                sqlx::query(SAVE)
                    .bind(event.0)
                    .bind(member.0)
                    .bind(status.as_str())
                    .bind(to_millis(now))
                    .bind(turn)
                    .execute(&mut *tx)
                    .await?;
            }
            let promoted = if previous == Some(Status::Going) && status != Status::Going {
                promote_waitlist!(tx, event.0, capacity, to_millis(now))
            } else {
                Vec::new()
            };
            // Counted under the event's lock: two answers never get the same place.
            let position = if status == Status::Waitlisted {
                let ahead: i64 = sqlx::query_scalar(POSITION)
                    .bind(event.0)
                    .bind(member.0)
                    .fetch_one(&mut *tx)
                    .await?;
                u32::try_from(ahead).ok().filter(|position| *position > 0)
            } else {
                None
            };
            tx.commit().await?;
            RsvpOutcome {
                status,
                position,
                promoted,
            }
        });
        Ok(Some(outcome))
    }

    /// A member's answer for an event, with their waitlist place if waitlisted.
    pub async fn answer_of(
        &self,
        event: EventId,
        member: MemberId,
    ) -> Result<Option<(Status, Option<u32>)>, StoreError> {
        const SQL: &str = "SELECT status FROM rsvps WHERE event_id = $1 AND member_id = $2";
        let status: Option<String> = on_pool!(self, |pool| {
            sqlx::query_scalar(SQL)
                .bind(event.0)
                .bind(member.0)
                .fetch_optional(pool)
                .await?
        });
        let Some(status) = status.as_deref().and_then(Status::parse) else {
            return Ok(None);
        };
        let position = match status {
            Status::Waitlisted => self.waitlist_position(event, member).await?,
            _ => None,
        };
        Ok(Some((status, position)))
    }

    async fn waitlist_position(
        &self,
        event: EventId,
        member: MemberId,
    ) -> Result<Option<u32>, StoreError> {
        let ahead: i64 = on_pool!(self, |pool| {
            sqlx::query_scalar(POSITION)
                .bind(event.0)
                .bind(member.0)
                .fetch_one(pool)
                .await?
        });
        Ok(u32::try_from(ahead).ok().filter(|position| *position > 0))
    }

    /// How many answered what.
    pub async fn event_counts(&self, event: EventId) -> Result<Counts, StoreError> {
        const SQL: &str = "SELECT status, COUNT(*) FROM rsvps WHERE event_id = $1 GROUP BY status";
        let rows: Vec<(String, i64)> = on_pool!(self, |pool| {
            sqlx::query_as(SQL).bind(event.0).fetch_all(pool).await?
        });
        let mut counts = Counts::default();
        for (status, count) in rows {
            let count = u32::try_from(count).unwrap_or(u32::MAX);
            match Status::parse(&status) {
                Some(Status::Going) => counts.going = count,
                Some(Status::Maybe) => counts.maybe = count,
                Some(Status::Waitlisted) => counts.waitlisted = count,
                Some(Status::NotGoing) | None => {}
            }
        }
        Ok(counts)
    }

    /// Everyone who answered, in the order they did, with a display name.
    pub async fn attendees(&self, event: EventId) -> Result<Vec<Attendee>, StoreError> {
        const SQL: &str = "SELECT r.member_id, r.status,
                 (SELECT MIN(i.display_name) FROM identities i WHERE i.member_id = r.member_id) AS name
             FROM rsvps r WHERE r.event_id = $1 ORDER BY r.turn";
        let rows: Vec<(i64, String, Option<String>)> = on_pool!(self, |pool| {
            sqlx::query_as(SQL).bind(event.0).fetch_all(pool).await?
        });
        Ok(rows
            .into_iter()
            .filter_map(|(member, status, name)| {
                Some(Attendee {
                    member: MemberId(member),
                    name: name.unwrap_or_default(),
                    status: Status::parse(&status)?,
                })
            })
            .collect())
    }

    /// Cancels the event; returns who was going or waiting, to tell them. `None` if it
    /// was already cancelled or is gone.
    pub async fn cancel_event(
        &self,
        event: EventId,
        now: DateTime<Utc>,
    ) -> Result<Option<Vec<MemberId>>, StoreError> {
        const CANCEL: &str = "UPDATE events SET cancelled_at = $2, version = version + 1 WHERE id = $1 AND cancelled_at IS NULL";
        const TOLD: &str = "SELECT member_id FROM rsvps WHERE event_id = $1 AND status IN ('yes', 'waitlist') ORDER BY member_id";
        let told = on_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
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
                .fetch_all(&mut *tx)
                .await?;
            tx.commit().await?;
            told
        });
        Ok(Some(told.into_iter().map(MemberId).collect()))
    }

    /// Saves an edited event (all its fields, as given) and, when places opened, promotes
    /// from the waitlist. `None` if the event is gone or cancelled.
    pub async fn update_event(
        &self,
        event: &Event,
        now: DateTime<Utc>,
    ) -> Result<Option<Vec<MemberId>>, StoreError> {
        const SAVE: &str =
            "UPDATE events SET title = $2, description = $3, place = $4, starts_at = $5,
                 time_zone = $6, duration_minutes = $7, capacity = $8, rsvp_until = $9
             WHERE id = $1";
        let capacity = event.capacity.map(i64::from);
        let promoted = on_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            let locked: Option<(Option<i64>, i64)> = sqlx::query_as(LOCK_EVENT)
                .bind(event.id.0)
                .fetch_optional(&mut *tx)
                .await?;
            if locked.is_none() {
                tx.rollback().await?;
                return Ok(None);
            }
            sqlx::query(SAVE)
                .bind(event.id.0)
                .bind(&event.title)
                .bind(&event.description)
                .bind(&event.place)
                .bind(to_millis(event.start))
                .bind(event.zone.name())
                .bind(event.duration.num_minutes())
                .bind(capacity)
                .bind(event.rsvp_until.map(to_millis))
                .execute(&mut *tx)
                .await?;
            let promoted = promote_waitlist!(tx, event.id.0, capacity, to_millis(now));
            tx.commit().await?;
            promoted
        });
        Ok(Some(promoted))
    }

    /// The members going to an event.
    pub async fn going(&self, event: EventId) -> Result<Vec<MemberId>, StoreError> {
        const SQL: &str =
            "SELECT member_id FROM rsvps WHERE event_id = $1 AND status = 'yes' ORDER BY member_id";
        let ids: Vec<i64> = on_pool!(self, |pool| {
            sqlx::query_scalar(SQL)
                .bind(event.0)
                .fetch_all(pool)
                .await?
        });
        Ok(ids.into_iter().map(MemberId).collect())
    }
}
