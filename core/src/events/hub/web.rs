//! Events as the web pages show them: the next date of each, written in its own zone
//! and the reader's language, with how many are going and the places left. No names:
//! public pages name no member.

use chrono::{DateTime, Utc};

use super::text::duration_text;
use crate::events::{Event, EventId, ics};
use crate::i18n::format_date_time;
use crate::lang::Lang;

use crate::hub::{Hub, HubError};

/// One date of an event, for a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventView {
    pub id: i64,
    pub title: String,
    /// In the core's light markup.
    pub description: Option<String>,
    pub place: Option<String>,
    /// The date's start, for `<time datetime>` and for a script that shows it in the
    /// reader's own zone.
    pub start: DateTime<Utc>,
    /// The start as written in the event's zone, in the reader's language.
    pub when: String,
    /// The event's zone (`Europe/Paris`).
    pub zone: String,
    /// `1h30`.
    pub duration: String,
    pub going: u32,
    pub capacity: Option<u32>,
    pub places_left: Option<u32>,
    pub waitlisted: u32,
    /// A series: more dates follow.
    pub repeats: bool,
    /// Where its announcement was posted: platform, room and message IDs (read for one
    /// event's page, [`Hub::event_view`]; empty in lists).
    pub announced: Vec<crate::store::Posted>,
}

impl Hub {
    /// The next date of each upcoming event, soonest first, at most `limit`.
    pub async fn event_views(
        &self,
        lang: Lang,
        now: DateTime<Utc>,
        limit: u32,
    ) -> Result<Vec<EventView>, HubError> {
        let events = self
            .store
            .upcoming_events(self.community_id, now, limit)
            .await?;
        let mut views = Vec::with_capacity(events.len());
        for event in &events {
            views.extend(self.event_view_of(lang, now, event).await?);
        }
        views.sort_by_key(|view| (view.start, view.id));
        Ok(views)
    }

    /// Event `id`'s next date, if it is not over or cancelled.
    pub async fn event_view(
        &self,
        lang: Lang,
        now: DateTime<Utc>,
        id: i64,
    ) -> Result<Option<EventView>, HubError> {
        let view = match self.store.event(self.community_id, EventId(id)).await? {
            Some(event) if !event.cancelled => self.event_view_of(lang, now, &event).await?,
            _ => None,
        };
        let Some(mut view) = view else {
            return Ok(None);
        };
        view.announced = self
            .store
            .posted(self.community_id, &super::announcement_key(EventId(id)))
            .await?;
        Ok(Some(view))
    }

    /// Event `id` as an iCalendar file, if it is not cancelled.
    pub async fn event_ics(&self, id: i64, now: DateTime<Utc>) -> Result<Option<String>, HubError> {
        match self.store.event(self.community_id, EventId(id)).await? {
            Some(event) if !event.cancelled => Ok(Some(ics::event_calendar(
                &event,
                &self.community.name,
                &format!("{}.passerelle", self.community.slug),
                now,
            ))),
            _ => Ok(None),
        }
    }

    async fn event_view_of(
        &self,
        lang: Lang,
        now: DateTime<Utc>,
        event: &Event,
    ) -> Result<Option<EventView>, HubError> {
        let Some(date) = event.current(now) else {
            return Ok(None);
        };
        let counts = self.store.event_counts(event.id, date.index).await?;
        let details = &event.details;
        let local = date.start.with_timezone(&details.zone);
        Ok(Some(EventView {
            id: event.id.0,
            title: details.title.clone(),
            description: details.description.clone(),
            place: details.place.clone(),
            start: date.start,
            when: format_date_time(lang, &local, now),
            zone: details.zone.name().to_owned(),
            duration: duration_text(details.duration),
            going: counts.going,
            capacity: details.capacity,
            places_left: counts.places_left(details.capacity),
            waitlisted: counts.waitlisted,
            repeats: details.repeat.is_some(),
            announced: Vec::new(),
        }))
    }
}
