//! `/event cancel`, `/event edit` and `/event host`: changing an event or a series, and
//! telling each member whose date moved or went.

use chrono::{DateTime, Utc};

use crate::events::{Capacity, EventDraft};
use crate::events::{Event, EventDetails, EventId, Occurrence};
use crate::i18n::{t, t_with};
use crate::model::{MemberId, RoomPurpose};
use crate::reply::{Message, Reply, Target};

use super::text::{about, adjustment_note, title, when_moment, when_text};
use crate::hub::say;
use crate::hub::step;
use crate::hub::{Context, Hub, HubError};

impl Hub {
    /// The reply refusing a change to `event` to someone who does not manage it.
    fn only_hosts(ctx: &Context<'_>, event: &Event) -> Vec<Reply> {
        say(t_with(
            ctx.lang,
            "event-only-hosts",
            &[("title", title(event).into())],
        ))
    }

    pub(crate) async fn cancel_event(
        &self,
        ctx: &Context<'_>,
        id: EventId,
        date: Option<String>,
    ) -> Result<Vec<Reply>, HubError> {
        let event = step!(self.live_event(ctx, id).await?);
        if !ctx.manages(&event) {
            return Ok(Self::only_hosts(ctx, &event));
        }
        let cancelled =
            |id: EventId| say(t_with(ctx.lang, "event-cancelled", &[("id", id.0.into())]));
        if let Some(input) = date {
            let date = step!(self.pick_date(ctx, &event, Some(&input)));
            if date.start <= ctx.now {
                let name = title(&event);
                return Ok(say(t_with(
                    ctx.lang,
                    "event-started",
                    &[("title", name.into())],
                )));
            }
            // A one-off event's only date is the event: cancel it all (below).
            if event.details.repeat.is_some() {
                return self.cancel_date(ctx, &event, date).await;
            }
        }
        let from = event
            .next_after(ctx.now)
            .map_or(event.first_occurrence, |date| date.index);
        let Some(told) = self.store.cancel_event(event.id, from, ctx.now).await? else {
            return Ok(cancelled(id));
        };
        let shown = event
            .next_after(ctx.now)
            .map_or(event.clone(), |date| event.on(date));
        self.cancelled_replies(ctx, &shown, told, false).await
    }

    /// Cancels one date of a series.
    async fn cancel_date(
        &self,
        ctx: &Context<'_>,
        event: &Event,
        date: Occurrence,
    ) -> Result<Vec<Reply>, HubError> {
        let Some(told) = self
            .store
            .skip_occurrence(event.id, date.index, ctx.now)
            .await?
        else {
            let id = [("id", event.id.0.into())];
            return Ok(say(t_with(ctx.lang, "event-cancelled", &id)));
        };
        if let Some(event) = self.store.event(self.community_id, event.id).await? {
            self.replan_reminders(&event, date.index, false, ctx.now)
                .await?;
        }
        self.cancelled_replies(ctx, &event.on(date), told, true)
            .await
    }

    /// What cancelling says: to the organizer, to the announcement rooms, to those told.
    async fn cancelled_replies(
        &self,
        ctx: &Context<'_>,
        event: &Event,
        told: Vec<MemberId>,
        one_date: bool,
    ) -> Result<Vec<Reply>, HubError> {
        let (done, announce) = match (one_date, &event.details.repeat) {
            (true, _) => ("event-date-cancel-done", "event-announce-date-cancelled"),
            (false, Some(_)) => (
                "event-series-cancel-done",
                "event-announce-series-cancelled",
            ),
            (false, None) => ("event-cancel-done", "event-announce-cancelled"),
        };
        let when_for = |lang, zone| when_text(lang, zone, event, ctx.now);
        let mut replies = say(t_with(
            ctx.lang,
            done,
            &[
                ("title", title(event).into()),
                ("time", when_for(ctx.lang, ctx.zone).into()),
                ("told", told.len().into()),
            ],
        ));
        let lang = self.community.language;
        replies.push(Reply {
            target: Target::Rooms(RoomPurpose::Announcements),
            message: Message::text(t_with(
                lang,
                announce,
                &[
                    ("title", title(event).into()),
                    ("time", when_for(lang, self.community.time_zone).into()),
                ],
            ))
            .with_moment(when_moment(lang, self.community.time_zone, event, ctx.now)),
        });
        let dm = if one_date {
            "event-date-cancelled-dm"
        } else {
            "event-cancelled-dm"
        };
        replies.extend(
            self.tell(&told, |lang, zone| about(lang, zone, event, dm, ctx.now))
                .await?,
        );
        replies.extend(self.refreshed_announcement(event.id, ctx.now).await?);
        Ok(replies)
    }

    pub(crate) async fn edit_event(
        &self,
        ctx: &Context<'_>,
        id: EventId,
        changes: EventDraft,
    ) -> Result<Vec<Reply>, HubError> {
        let mut event = step!(self.live_event(ctx, id).await?);
        if !ctx.manages(&event) {
            return Ok(Self::only_hosts(ctx, &event));
        }
        let old = event.clone();
        let before = event.next_after(ctx.now);
        let reschedules = changes.when.is_some() || changes.repeat.is_some();
        let dates_change = reschedules || changes.until.is_some();
        // A series whose times change starts again from its next date, under that
        // date's number, so the answers already given stay with it.
        if reschedules && event.details.repeat.is_some() {
            let lead = event
                .details
                .rsvp_until
                .map(|until| event.details.start - until);
            let next = before.unwrap_or_else(|| {
                let index = event.all_dates().last().map_or(0, |date| date.index + 1);
                Occurrence {
                    index,
                    start: event.details.start,
                }
            });
            event.details.start = next.start;
            event.first_occurrence = next.index;
            event.details.rsvp_until = lead.map(|lead| next.start - lead);
        }
        let mut notes = Vec::new();
        if let Some(input) = &changes.when {
            match self.read_when(ctx, input) {
                Ok(understood) => {
                    notes.extend(adjustment_note(ctx.lang, understood.adjustment));
                    let start = understood.start.with_timezone(&Utc);
                    if let Some(until) = event.details.rsvp_until {
                        event.details.rsvp_until = Some(start - (event.details.start - until));
                    }
                    // The last day of a series moves with it, so it keeps its dates.
                    let day = |at: DateTime<Utc>, zone| at.with_timezone(&zone).date_naive();
                    let shift =
                        day(start, understood.zone) - day(event.details.start, event.details.zone);
                    if let Some(repeat) = &mut event.details.repeat
                        && let Some(until) = repeat.until
                    {
                        repeat.until = until.checked_add_signed(shift).or(Some(until));
                    }
                    event.details.start = start;
                    event.details.zone = understood.zone;
                }
                Err(reply) => return Ok(reply),
            }
        }
        if let Err(reply) = self.apply_schedule(ctx, &mut event, &changes) {
            return Ok(reply);
        }
        let reminders_changed = changes.reminders.is_some() || changes.until.is_some();
        apply_text_changes(&mut event.details, changes);
        let from = before.map_or(event.first_occurrence, |date| date.index);
        let Some(promoted) = self.store.update_event(&event, from, ctx.now).await? else {
            return Ok(say(t_with(
                ctx.lang,
                "event-cancelled",
                &[("id", id.0.into())],
            )));
        };
        let after = event.next_after(ctx.now);
        let moved = reschedules && before.map(|date| date.start) != after.map(|date| date.start);
        if moved || reminders_changed {
            let from = after.map_or(from, |date| date.index.min(from));
            self.replan_reminders(&event, from, moved, ctx.now).await?;
        }
        let mut text = t_with(
            ctx.lang,
            "event-updated",
            &[("title", title(&event).into())],
        );
        for note in notes {
            text = format!("{text}\n{note}");
        }
        let mut replies = say(text);
        if dates_change {
            replies.extend(self.tell_changed_dates(ctx, &old, &event, from).await?);
        }
        replies.extend(self.tell_promoted(&event, &promoted, ctx.now).await?);
        replies.extend(self.refreshed_announcement(event.id, ctx.now).await?);
        Ok(replies)
    }

    /// Tells each member going to (or waiting for) a date from number `from` on that
    /// their date moved or is gone, comparing the event `old` with `new`.
    async fn tell_changed_dates(
        &self,
        ctx: &Context<'_>,
        old: &Event,
        new: &Event,
        from: i64,
    ) -> Result<Vec<Reply>, HubError> {
        let mut replies = Vec::new();
        for (index, member) in self.store.answers_from(new.id, from).await? {
            let Some(was) = old.occurrence(index) else {
                continue;
            };
            if member == ctx.member.id {
                continue;
            }
            let (event, message) = match new.occurrence(index).filter(|date| !new.is_skipped(*date))
            {
                Some(date) if date.start == was.start => continue,
                Some(date) => (new.on(date), "event-moved"),
                None => (old.on(was), "event-date-cancelled-dm"),
            };
            replies.extend(
                self.tell(&[member], |lang, zone| {
                    about(lang, zone, &event, message, ctx.now)
                })
                .await?,
            );
        }
        Ok(replies)
    }

    pub(crate) async fn host(
        &self,
        ctx: &Context<'_>,
        id: EventId,
        add: bool,
        name: &str,
    ) -> Result<Vec<Reply>, HubError> {
        let event = step!(self.live_event(ctx, id).await?);
        if !ctx.manages(&event) {
            return Ok(Self::only_hosts(ctx, &event));
        }
        let found = self
            .store
            .find_members_by_name(self.community_id, name)
            .await?;
        let member = match found.as_slice() {
            [member] => *member,
            [] => {
                return Ok(say(t_with(
                    ctx.lang,
                    "member-unknown",
                    &[("name", name.into())],
                )));
            }
            _ => {
                return Ok(say(t_with(
                    ctx.lang,
                    "member-ambiguous",
                    &[("name", name.into())],
                )));
            }
        };
        let is_host = event.hosts.contains(&member);
        if !add && is_host && event.hosts.len() == 1 {
            return Ok(say(t(ctx.lang, "host-last")));
        }
        let changed = self.store.set_host(event.id, member, add).await?;
        let display = self
            .name_of(member)
            .await?
            .unwrap_or_else(|| name.to_owned());
        let args = [("title", title(&event).into()), ("name", display.into())];
        let id = match (add, changed) {
            (true, true) => "host-added",
            (true, false) => "host-already",
            (false, true) => "host-removed",
            (false, false) => "host-not",
        };
        let mut replies = say(t_with(ctx.lang, id, &args));
        if add && changed && member != ctx.member.id {
            replies.extend(
                self.tell(&[member], |lang, zone| {
                    about(lang, zone, &event, "host-added-dm", ctx.now)
                })
                .await?,
            );
        }
        Ok(replies)
    }
}

pub(crate) fn apply_text_changes(details: &mut EventDetails, changes: EventDraft) {
    if let Some(title) = changes.title {
        details.title = title;
    }
    if let Some(place) = changes.place {
        details.place = Some(place);
    }
    if let Some(description) = changes.description {
        details.description = Some(description);
    }
    if let Some(duration) = changes.duration {
        details.duration = duration;
    }
    match changes.capacity {
        Some(Capacity::Limited(places)) => details.capacity = Some(places),
        Some(Capacity::Unlimited) => details.capacity = None,
        None => {}
    }
    if let Some(reminders) = changes.reminders {
        details.reminders = Some(reminders);
    }
}
