//! Members' answers, one per date of an event. Every change to who is going first
//! updates the event's row (`LOCK_EVENT`), which serializes concurrent answers on both
//! backends before places are counted: capacity holds in the database, not just in memory.

use chrono::{DateTime, Utc};

use super::{LOCK_EVENT, UPDATE_DETAILS, bind_details, minutes_text};
use crate::events::{Answer, Attendee, Counts, Event, EventDetails, EventId, RsvpOutcome, Status};
use crate::model::MemberId;
use crate::store::{Store, StoreError, on_conn, to_millis};

const COUNT_GOING: &str =
    "SELECT COUNT(*) FROM rsvps WHERE event_id = $1 AND occurrence = $2 AND status = 'yes'";
const FIRST_WAITING: &str = "SELECT member_id FROM rsvps
     WHERE event_id = $1 AND occurrence = $2 AND status = 'waitlist' ORDER BY turn LIMIT 1";
/// A waitlisted member's place in line, 1 for the first.
const POSITION: &str = "SELECT COUNT(*) FROM rsvps
     WHERE event_id = $1 AND occurrence = $2 AND status = 'waitlist'
       AND turn <= (SELECT turn FROM rsvps WHERE event_id = $1 AND occurrence = $2
                    AND member_id = $3 AND status = 'waitlist')";
const PROMOTE: &str = "UPDATE rsvps SET status = 'yes', answered_at = $4
     WHERE event_id = $1 AND occurrence = $2 AND member_id = $3";

/// Moves members from one date's waitlist to going while places are free; yields who
/// moved. Written once, expanded for each backend's transaction.
macro_rules! promote_waitlist {
    ($tx:expr, $event:expr, $occurrence:expr, $capacity:expr, $now:expr) => {{
        let mut promoted = Vec::new();
        loop {
            let going: i64 = sqlx::query_scalar(COUNT_GOING)
                .bind($event)
                .bind($occurrence)
                .fetch_one(&mut *$tx)
                .await?;
            if $capacity.is_some_and(|capacity: i64| going >= capacity) {
                break;
            }
            let next: Option<i64> = sqlx::query_scalar(FIRST_WAITING)
                .bind($event)
                .bind($occurrence)
                .fetch_optional(&mut *$tx)
                .await?;
            let Some(member) = next else { break };
            sqlx::query(PROMOTE)
                .bind($event)
                .bind($occurrence)
                .bind(member)
                .bind($now)
                .execute(&mut *$tx)
                .await?;
            promoted.push(MemberId(member));
        }
        promoted
    }};
}

/// Members promoted from a waitlist, with the date they now go to.
pub type Promoted = Vec<(i64, MemberId)>;

impl Store {
    /// Records a member's answer for one date, filling places in order and waitlisting
    /// the rest. `None` when the event is gone or cancelled.
    pub async fn rsvp(
        &self,
        event: EventId,
        occurrence: i64,
        member: MemberId,
        answer: Answer,
        now: DateTime<Utc>,
    ) -> Result<Option<RsvpOutcome>, StoreError> {
        const PREVIOUS: &str = "SELECT status FROM rsvps
             WHERE event_id = $1 AND occurrence = $2 AND member_id = $3";
        const SAVE: &str =
            "INSERT INTO rsvps (event_id, occurrence, member_id, status, answered_at, turn)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (event_id, occurrence, member_id) DO UPDATE
             SET status = excluded.status, answered_at = excluded.answered_at, turn = excluded.turn";
        let outcome = on_conn!(self, |conn| {
            let mut tx = conn.begin().await?;
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
                .bind(occurrence)
                .bind(member.0)
                .fetch_optional(&mut *tx)
                .await?;
            let previous = previous.as_deref().and_then(Status::parse);
            let status = match (answer, previous) {
                (Answer::Yes, Some(kept @ (Status::Going | Status::Waitlisted))) => kept,
                (Answer::Yes, _) => {
                    let going: i64 = sqlx::query_scalar(COUNT_GOING)
                        .bind(event.0)
                        .bind(occurrence)
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
                    .bind(occurrence)
                    .bind(member.0)
                    .bind(status.as_str())
                    .bind(to_millis(now))
                    .bind(turn)
                    .execute(&mut *tx)
                    .await?;
            }
            let promoted = if previous == Some(Status::Going) && status != Status::Going {
                promote_waitlist!(tx, event.0, occurrence, capacity, to_millis(now))
            } else {
                Vec::new()
            };
            // Counted under the event's lock: two answers never get the same place.
            let position = if status == Status::Waitlisted {
                let ahead: i64 = sqlx::query_scalar(POSITION)
                    .bind(event.0)
                    .bind(occurrence)
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

    /// A member's answer for one date, with their waitlist place if waitlisted.
    pub async fn answer_of(
        &self,
        event: EventId,
        occurrence: i64,
        member: MemberId,
    ) -> Result<Option<(Status, Option<u32>)>, StoreError> {
        const SQL: &str = "SELECT status FROM rsvps
             WHERE event_id = $1 AND occurrence = $2 AND member_id = $3";
        let status: Option<String> = on_conn!(self, |conn| {
            sqlx::query_scalar(SQL)
                .bind(event.0)
                .bind(occurrence)
                .bind(member.0)
                .fetch_optional(&mut *conn)
                .await?
        });
        let Some(status) = status.as_deref().and_then(Status::parse) else {
            return Ok(None);
        };
        if status != Status::Waitlisted {
            return Ok(Some((status, None)));
        }
        let ahead: i64 = on_conn!(self, |conn| {
            sqlx::query_scalar(POSITION)
                .bind(event.0)
                .bind(occurrence)
                .bind(member.0)
                .fetch_one(&mut *conn)
                .await?
        });
        let position = u32::try_from(ahead).ok().filter(|position| *position > 0);
        Ok(Some((status, position)))
    }

    /// How many answered what, for one date.
    pub async fn event_counts(
        &self,
        event: EventId,
        occurrence: i64,
    ) -> Result<Counts, StoreError> {
        const SQL: &str = "SELECT status, COUNT(*) FROM rsvps
             WHERE event_id = $1 AND occurrence = $2 GROUP BY status";
        let rows: Vec<(String, i64)> = on_conn!(self, |conn| {
            sqlx::query_as(SQL)
                .bind(event.0)
                .bind(occurrence)
                .fetch_all(&mut *conn)
                .await?
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

    /// Everyone who answered for one date, in the order they did, with a display name.
    pub async fn attendees(
        &self,
        event: EventId,
        occurrence: i64,
    ) -> Result<Vec<Attendee>, StoreError> {
        const SQL: &str = "SELECT r.member_id, r.status,
                 (SELECT MIN(i.display_name) FROM identities i WHERE i.member_id = r.member_id) AS name
             FROM rsvps r WHERE r.event_id = $1 AND r.occurrence = $2 ORDER BY r.turn";
        let rows: Vec<(i64, String, Option<String>)> = on_conn!(self, |conn| {
            sqlx::query_as(SQL)
                .bind(event.0)
                .bind(occurrence)
                .fetch_all(&mut *conn)
                .await?
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

    /// Who is going to or waiting for each date from number `from` on.
    pub async fn answers_from(
        &self,
        event: EventId,
        from: i64,
    ) -> Result<Vec<(i64, MemberId)>, StoreError> {
        const SQL: &str = "SELECT occurrence, member_id FROM rsvps
             WHERE event_id = $1 AND occurrence >= $2 AND status IN ('yes', 'waitlist')
             ORDER BY occurrence, member_id";
        let rows: Vec<(i64, i64)> = on_conn!(self, |conn| {
            sqlx::query_as(SQL)
                .bind(event.0)
                .bind(from)
                .fetch_all(&mut *conn)
                .await?
        });
        Ok(rows
            .into_iter()
            .map(|(occurrence, member)| (occurrence, MemberId(member)))
            .collect())
    }

    /// The members going to one date.
    pub async fn going(
        &self,
        event: EventId,
        occurrence: i64,
    ) -> Result<Vec<MemberId>, StoreError> {
        const SQL: &str = "SELECT member_id FROM rsvps
             WHERE event_id = $1 AND occurrence = $2 AND status = 'yes' ORDER BY member_id";
        let ids: Vec<i64> = on_conn!(self, |conn| {
            sqlx::query_scalar(SQL)
                .bind(event.0)
                .bind(occurrence)
                .fetch_all(&mut *conn)
                .await?
        });
        Ok(ids.into_iter().map(MemberId).collect())
    }

    /// Saves an edited event (all its details, as given) and, where places opened,
    /// promotes from the waitlists of its dates from `from` on. `None` if the event is
    /// gone or cancelled.
    pub async fn update_event(
        &self,
        event: &Event,
        from: i64,
        now: DateTime<Utc>,
    ) -> Result<Option<Promoted>, StoreError> {
        const WAITING_DATES: &str = "SELECT DISTINCT occurrence FROM rsvps
             WHERE event_id = $1 AND occurrence >= $2 AND status = 'waitlist' ORDER BY occurrence";
        let capacity = event.details.capacity.map(i64::from);
        let details: &EventDetails = &event.details;
        let promoted = on_conn!(self, |conn| {
            let mut tx = conn.begin().await?;
            let locked: Option<(Option<i64>, i64)> = sqlx::query_as(LOCK_EVENT)
                .bind(event.id.0)
                .fetch_optional(&mut *tx)
                .await?;
            if locked.is_none() {
                tx.rollback().await?;
                return Ok(None);
            }
            bind_details!(sqlx::query(UPDATE_DETAILS).bind(event.id.0), details)
                .bind(event.first_occurrence)
                .execute(&mut *tx)
                .await?;
            let dates: Vec<i64> = sqlx::query_scalar(WAITING_DATES)
                .bind(event.id.0)
                .bind(from)
                .fetch_all(&mut *tx)
                .await?;
            let mut promoted = Vec::new();
            for date in dates {
                let moved = promote_waitlist!(tx, event.id.0, date, capacity, to_millis(now));
                promoted.extend(moved.into_iter().map(|member| (date, member)));
            }
            tx.commit().await?;
            promoted
        });
        Ok(Some(promoted))
    }
}
