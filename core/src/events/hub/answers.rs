//! `/rsvp`, `/event attendees` and `/remind`: members answering for a date, who is
//! coming, and the DMs to members whose place changed.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::events::Promoted;
use crate::events::{Answer, Event, EventId, Status};
use crate::i18n::{format_date_time, t, t_with};
use crate::lang::Lang;
use crate::model::MemberId;
use crate::reply::{Choice, Message, Reply};

use super::text::{about, title, when_moment, when_text};
use crate::hub::say;
use crate::hub::step;
use crate::hub::{Context, Hub, HubError};

impl Hub {
    pub(crate) async fn rsvp(
        &self,
        ctx: &Context<'_>,
        id: EventId,
        answer: Answer,
        date: Option<String>,
    ) -> Result<Vec<Reply>, HubError> {
        let event = step!(self.live_event(ctx, id).await?);
        let date = step!(self.pick_date(ctx, &event, date.as_deref()));
        let dated = event.on(date);
        let name = title(&event);
        if date.start <= ctx.now {
            return Ok(say(t_with(
                ctx.lang,
                "event-started",
                &[("title", name.into())],
            )));
        }
        if let Some(until) = event.rsvp_closes(date).filter(|until| *until <= ctx.now) {
            let time = format_date_time(ctx.lang, &until.with_timezone(&ctx.zone), ctx.now);
            return Ok(say(t_with(
                ctx.lang,
                "event-rsvp-closed",
                &[("title", name.into()), ("time", time.into())],
            )));
        }
        let Some(outcome) = self
            .store
            .rsvp(event.id, date.index, ctx.member.id, answer, ctx.now)
            .await?
        else {
            return Ok(say(t_with(
                ctx.lang,
                "event-cancelled",
                &[("id", id.0.into())],
            )));
        };
        let time = when_text(ctx.lang, ctx.zone, &dated, ctx.now);
        let text = match outcome.status {
            Status::Going => t_with(
                ctx.lang,
                "rsvp-going",
                &[("title", name.into()), ("time", time.into())],
            ),
            Status::Waitlisted => t_with(
                ctx.lang,
                "rsvp-waitlisted",
                &[
                    ("title", name.into()),
                    ("time", time.into()),
                    ("position", outcome.position.unwrap_or(1).into()),
                ],
            ),
            Status::Maybe => t_with(ctx.lang, "rsvp-maybe", &[("title", name.into())]),
            Status::NotGoing => t_with(ctx.lang, "rsvp-not-going", &[("title", name.into())]),
        };
        let moment = when_moment(ctx.lang, ctx.zone, &dated, ctx.now);
        let mut replies = vec![Reply::here(Message::text(text).with_moment(moment))];
        let promoted: Promoted = outcome
            .promoted
            .into_iter()
            .map(|member| (date.index, member))
            .collect();
        replies.extend(self.tell_promoted(&event, &promoted, ctx.now).await?);
        replies.extend(self.refreshed_announcement(event.id, ctx.now).await?);
        Ok(replies)
    }

    /// A DM to each member promoted from a waitlist, about the date they now go to.
    pub(crate) async fn tell_promoted(
        &self,
        event: &Event,
        promoted: &Promoted,
        now: DateTime<Utc>,
    ) -> Result<Vec<Reply>, HubError> {
        let mut replies = Vec::new();
        for (index, member) in promoted {
            let Some(date) = event.occurrence(*index) else {
                continue;
            };
            let dated = event.on(date);
            let day = dated
                .details
                .start
                .with_timezone(&event.details.zone)
                .date_naive();
            let undo = format!("/rsvp {} no date={day}", event.id.0);
            replies.extend(
                self.tell(&[*member], |lang, zone| {
                    about(lang, zone, &dated, "rsvp-promoted", now)
                        .with_choices(vec![Choice::new(t(lang, "choice-not-going"), undo.clone())])
                })
                .await?,
            );
        }
        Ok(replies)
    }

    /// One DM per member, written in their language and time zone.
    pub(crate) async fn tell(
        &self,
        members: &[MemberId],
        write: impl Fn(Lang, Tz) -> Message,
    ) -> Result<Vec<Reply>, HubError> {
        let mut replies = Vec::with_capacity(members.len());
        for id in members {
            let member = self.store.member(*id).await?;
            let (lang, zone) = self.voice(&member);
            replies.push(Reply::to_member(*id, write(lang, zone)));
        }
        Ok(replies)
    }

    pub(crate) async fn attendees(
        &self,
        ctx: &Context<'_>,
        id: EventId,
        date: Option<String>,
    ) -> Result<Vec<Reply>, HubError> {
        let event = step!(self.live_event(ctx, id).await?);
        // Without a date: the date to come, or the last one of a finished event.
        let date = match date {
            Some(input) => step!(self.pick_date(ctx, &event, Some(&input))),
            None => match event
                .current(ctx.now)
                .or_else(|| event.occurrences().last())
            {
                Some(date) => date,
                None => return Ok(say(t(ctx.lang, "event-attendees-none"))),
            },
        };
        if !ctx.manages(&event) && !self.community.events.public_attendees {
            let counts = self.store.event_counts(event.id, date.index).await?;
            return Ok(say(t_with(
                ctx.lang,
                "event-attendees-counts",
                &[
                    ("going", counts.going.into()),
                    ("maybe", counts.maybe.into()),
                    ("waiting", counts.waitlisted.into()),
                ],
            )));
        }
        let attendees = self.store.attendees(event.id, date.index).await?;
        let dated = event.on(date);
        let mut lines = vec![format!(
            "{} — {}",
            title(&event),
            when_text(ctx.lang, ctx.zone, &dated, ctx.now)
        )];
        for (status, id) in [
            (Status::Going, "event-attendees-going"),
            (Status::Waitlisted, "event-attendees-waitlist"),
            (Status::Maybe, "event-attendees-maybe"),
        ] {
            let names: Vec<&str> = attendees
                .iter()
                .filter(|a| a.status == status)
                .map(|a| a.name.as_str())
                .collect();
            if !names.is_empty() {
                lines.push(t_with(
                    ctx.lang,
                    id,
                    &[
                        ("count", names.len().into()),
                        ("names", names.join(", ").into()),
                    ],
                ));
            }
        }
        if lines.len() == 1 {
            lines.push(t(ctx.lang, "event-attendees-none"));
        }
        Ok(say(lines.join("\n")))
    }

    pub(crate) async fn remind(
        &self,
        ctx: &Context<'_>,
        id: EventId,
        wanted: bool,
    ) -> Result<Vec<Reply>, HubError> {
        let event = step!(self.live_event(ctx, id).await?);
        let changed = self
            .store
            .set_reminders_wanted(event.id, ctx.member.id, wanted)
            .await?;
        let message = match (wanted, changed) {
            (true, true) => "remind-on",
            (true, false) => "remind-already-on",
            (false, true) => "remind-off",
            (false, false) => "remind-already-off",
        };
        Ok(say(t_with(
            ctx.lang,
            message,
            &[("title", title(&event).into()), ("id", event.id.0.into())],
        )))
    }
}
