//! What a platform with a calendar of its own mirrors (Discord's scheduled events): the
//! next date of each upcoming event, nearest first, with what its calendar shows.

use chrono::{DateTime, NaiveDate, Utc};

use crate::events::{EventId, Status};
use crate::hub::{Hub, HubError};
use crate::model::Platform;

/// The next date of an upcoming event, as a platform's calendar shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upcoming {
    /// The hub's event number.
    pub event: i64,
    pub title: String,
    pub description: Option<String>,
    pub place: Option<String>,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// For a series, the date in the event's own zone (what `/rsvp … date=` takes).
    pub series_date: Option<NaiveDate>,
    /// The date's number (see [`crate::events::Occurrence`]).
    pub occurrence: i64,
}

impl Hub {
    /// The next date of each event not over at `now`, nearest first, at most `limit`.
    pub async fn upcoming_dates(
        &self,
        now: DateTime<Utc>,
        limit: u32,
    ) -> Result<Vec<Upcoming>, HubError> {
        let events = self
            .store
            .upcoming_events(self.community_id, now, limit)
            .await?;
        Ok(events
            .into_iter()
            .filter_map(|event| {
                let date = event.current(now)?;
                let details = &event.details;
                Some(Upcoming {
                    event: event.id.0,
                    title: details.title.clone(),
                    description: details.description.clone(),
                    place: details.place.clone(),
                    start: date.start,
                    end: date.start + details.duration,
                    series_date: details
                        .repeat
                        .as_ref()
                        .map(|_| date.start.with_timezone(&details.zone).date_naive()),
                    occurrence: date.index,
                })
            })
            .collect())
    }

    /// Whether the member known on `platform` as `user_id` answers maybe for date
    /// `occurrence` of event `event` (what a platform's "Interested" taken back undoes).
    pub async fn answers_maybe(
        &self,
        platform: Platform,
        user_id: &str,
        event: i64,
        occurrence: i64,
    ) -> Result<bool, HubError> {
        let Some(member) = self
            .store
            .find_member(self.community_id, platform, user_id)
            .await?
        else {
            return Ok(false);
        };
        let answer = self
            .store
            .answer_of(EventId(event), occurrence, member.id)
            .await?;
        Ok(matches!(answer, Some((Status::Maybe, _))))
    }
}
