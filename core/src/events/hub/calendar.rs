//! `/event ics ID` and `/events ics`: events as iCalendar files (see [`crate::events::ics`]).

use crate::events::EventId;
use crate::events::ics;
use crate::i18n::t_with;
use crate::reply::{Attachment, Message, Reply};

use super::text::title;
use crate::hub::step;
use crate::hub::{Context, Hub, HubError};

impl Hub {
    /// The domain-like name in the UIDs of this community's events.
    fn calendar_host(&self) -> String {
        format!("{}.passerelle", self.community.slug)
    }

    pub(crate) async fn event_calendar(
        &self,
        ctx: &Context<'_>,
        id: EventId,
    ) -> Result<Vec<Reply>, HubError> {
        let event = step!(self.live_event(ctx, id).await?);
        let content =
            ics::event_calendar(&event, &self.community.name, &self.calendar_host(), ctx.now);
        let text = t_with(ctx.lang, "ics-event", &[("title", title(&event).into())]);
        Ok(vec![Reply::here(Message::text(text).with_file(
            Attachment {
                name: format!("event-{}.ics", event.id.0),
                media_type: "text/calendar".into(),
                content,
            },
        ))])
    }

    pub(crate) async fn feed_calendar(&self, ctx: &Context<'_>) -> Result<Vec<Reply>, HubError> {
        let content = self.calendar_feed(ctx.now).await?;
        let mut text = t_with(
            ctx.lang,
            "ics-feed",
            &[("community", self.community.name.as_str().into())],
        );
        if let Some(site) = &self.community.public_url {
            // The feed a calendar app can subscribe to, kept up to date.
            let url = format!("{site}/calendar/{}.ics", self.community.slug);
            text.push('\n');
            text.push_str(&t_with(ctx.lang, "ics-subscribe", &[("url", url.into())]));
        }
        Ok(vec![Reply::here(Message::text(text).with_file(
            Attachment {
                name: format!("{}.ics", self.community.slug),
                media_type: "text/calendar".into(),
                content,
            },
        ))])
    }

    /// Every event not cancelled, as one calendar: the community's feed.
    pub async fn calendar_feed(
        &self,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<String, HubError> {
        let events = self.store.live_events(self.community_id).await?;
        Ok(ics::feed(
            &events,
            &self.community.name,
            &self.calendar_host(),
            now,
        ))
    }
}
