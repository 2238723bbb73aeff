//! `/event`, `/events` and `/rsvp`: creating and changing events, answering, and telling
//! the people concerned, each in their own language and time zone.

use chrono::{DateTime, TimeDelta, Utc};
use chrono_tz::Tz;

use crate::command::{Capacity, EventCommand, EventDraft, EventFilter};
use crate::events::{Answer, Event, EventId, NewEvent, Status};
use crate::i18n::{format_date_time, t, t_with};
use crate::lang::Lang;
use crate::model::{MemberId, Role, RoomPurpose};
use crate::reply::{Choice, Message, Reply, Target};
use crate::when;

use super::event_text::{
    about, adjustment_note, duration_text, rsvp_choices, say, status_text, title, when_problem,
    when_text,
};
use super::{Context, Hub, HubError};

/// Events last this long unless `duration=` says otherwise.
const DEFAULT_DURATION: TimeDelta = TimeDelta::hours(2);
/// How many events `/events` lists.
const LIST_LIMIT: u32 = 10;

impl Context<'_> {
    fn organizes(&self) -> bool {
        self.roles
            .iter()
            .any(|role| matches!(role, Role::Organizer | Role::Admin))
    }

    fn manages(&self, event: &Event) -> bool {
        self.organizes() || event.hosts.contains(&self.member.id)
    }
}

impl Hub {
    pub(super) async fn event_command(
        &self,
        ctx: &Context<'_>,
        command: EventCommand,
    ) -> Result<Vec<Reply>, HubError> {
        match command {
            EventCommand::Create(draft) => self.create_event(ctx, draft).await,
            EventCommand::Show(id) => self.show_event(ctx, id).await,
            EventCommand::Edit { event, changes } => self.edit_event(ctx, event, changes).await,
            EventCommand::Cancel(id) => self.cancel_event(ctx, id).await,
            EventCommand::Attendees(id) => self.attendees(ctx, id).await,
        }
    }

    /// The event, or the reply saying why there is none to act on.
    async fn live_event(
        &self,
        ctx: &Context<'_>,
        id: EventId,
    ) -> Result<Result<Event, Vec<Reply>>, HubError> {
        let args = [("id", id.0.into())];
        Ok(match self.store.event(self.community_id, id).await? {
            None => Err(say(t_with(ctx.lang, "event-not-found", &args))),
            Some(event) if event.cancelled => Err(say(t_with(ctx.lang, "event-cancelled", &args))),
            Some(event) => Ok(event),
        })
    }

    /// Reads `when=` (and `rsvp_until=`) in the community's zone, or says why not.
    fn read_when(&self, ctx: &Context<'_>, input: &str) -> Result<when::Understood, Vec<Reply>> {
        when::parse_when(input, ctx.now, self.community.time_zone)
            .map_err(|error| say(when_problem(ctx.lang, input, &error)))
    }

    /// Reads `rsvp_until=`, which must fall before the event's `start`.
    fn read_rsvp_until(
        &self,
        ctx: &Context<'_>,
        input: &str,
        start: DateTime<Utc>,
    ) -> Result<DateTime<Utc>, Vec<Reply>> {
        let until = self.read_when(ctx, input)?.start.with_timezone(&Utc);
        if until > start {
            return Err(say(t(ctx.lang, "rsvp-until-after-start")));
        }
        Ok(until)
    }

    async fn create_event(
        &self,
        ctx: &Context<'_>,
        draft: EventDraft,
    ) -> Result<Vec<Reply>, HubError> {
        if !ctx.organizes() {
            return Ok(say(t(ctx.lang, "event-only-organizers")));
        }
        let (Some(title_text), Some(when_input)) = (draft.title.clone(), draft.when.clone()) else {
            return Ok(say(t(ctx.lang, "when-not-understood")));
        };
        let understood = match self.read_when(ctx, &when_input) {
            Ok(understood) => understood,
            Err(reply) => return Ok(reply),
        };
        let start = understood.start.with_timezone(&Utc);
        let rsvp_until = match &draft.rsvp_until {
            None => None,
            Some(input) => match self.read_rsvp_until(ctx, input, start) {
                Ok(until) => Some(until),
                Err(reply) => return Ok(reply),
            },
        };
        let new = NewEvent {
            title: title_text,
            description: draft.description,
            place: draft.place,
            start,
            zone: understood.zone,
            duration: draft.duration.unwrap_or(DEFAULT_DURATION),
            capacity: match draft.capacity {
                Some(Capacity::Limited(places)) => Some(places),
                Some(Capacity::Unlimited) | None => None,
            },
            rsvp_until,
        };
        let id = self
            .store
            .create_event(self.community_id, &new, ctx.member.id, ctx.now)
            .await?;
        let Some(event) = self.store.event(self.community_id, id).await? else {
            return Ok(say(t_with(
                ctx.lang,
                "event-not-found",
                &[("id", id.0.into())],
            )));
        };
        let mut text = t_with(
            ctx.lang,
            "event-created",
            &[
                ("title", title(&event).into()),
                ("time", when_text(ctx.lang, ctx.zone, &event).into()),
            ],
        );
        if let Some(note) = adjustment_note(ctx.lang, understood.adjustment) {
            text = format!("{text}\n{note}");
        }
        let lang = self.community.language;
        let announcement = Message::text(format!(
            "{}\n{}",
            t_with(lang, "event-announce", &[("title", title(&event).into())]),
            self.card_lines(lang, self.community.time_zone, &event, None)
                .await?
                .join("\n")
        ))
        .with_choices(rsvp_choices(lang, event.id));
        Ok(vec![
            Reply::here(Message::text(text)),
            Reply {
                target: Target::Rooms(RoomPurpose::Announcements),
                message: announcement,
            },
        ])
    }

    /// The lines describing an event for a reader: when, where, who hosts, how full.
    async fn card_lines(
        &self,
        lang: Lang,
        zone: Tz,
        event: &Event,
        you: Option<MemberId>,
    ) -> Result<Vec<String>, HubError> {
        let mut lines = vec![t_with(
            lang,
            "event-when",
            &[
                ("time", when_text(lang, zone, event).into()),
                ("duration", duration_text(event.duration).into()),
            ],
        )];
        if let Some(place) = &event.place {
            lines.push(t_with(
                lang,
                "event-where",
                &[("place", place.as_str().into())],
            ));
        }
        let mut hosts = Vec::new();
        for host in &event.hosts {
            let member = self.store.member(*host).await?;
            hosts.extend(
                member
                    .identities
                    .first()
                    .map(|identity| identity.display_name.clone()),
            );
        }
        if !hosts.is_empty() {
            lines.push(t_with(
                lang,
                "event-hosts",
                &[("names", hosts.join(", ").into())],
            ));
        }
        let counts = self.store.event_counts(event.id).await?;
        let mut tally = t_with(
            lang,
            "event-counts",
            &[
                ("going", counts.going.into()),
                ("maybe", counts.maybe.into()),
            ],
        );
        if let Some(left) = counts.places_left(event.capacity) {
            let places = t_with(
                lang,
                "event-places",
                &[("left", left.into()), ("waiting", counts.waitlisted.into())],
            );
            tally = format!("{tally} · {places}");
        }
        lines.push(tally);
        if let Some(member) = you
            && let Some((status, position)) = self.store.answer_of(event.id, member).await?
        {
            lines.push(t_with(
                lang,
                "event-you",
                &[("status", status_text(lang, status, position).into())],
            ));
        }
        if let Some(description) = &event.description {
            lines.push(description.clone());
        }
        Ok(lines)
    }

    async fn show_event(&self, ctx: &Context<'_>, id: EventId) -> Result<Vec<Reply>, HubError> {
        let event = match self.live_event(ctx, id).await? {
            Ok(event) => event,
            Err(reply) => return Ok(reply),
        };
        let mut lines = vec![title(&event)];
        lines.extend(
            self.card_lines(ctx.lang, ctx.zone, &event, Some(ctx.member.id))
                .await?,
        );
        let message = Message::text(lines.join("\n"));
        let message = if event.start > ctx.now {
            message.with_choices(rsvp_choices(ctx.lang, event.id))
        } else {
            message
        };
        Ok(vec![Reply::here(message)])
    }

    pub(super) async fn list_events(
        &self,
        ctx: &Context<'_>,
        filter: EventFilter,
    ) -> Result<Vec<Reply>, HubError> {
        let mut lines = Vec::new();
        for event in self
            .store
            .upcoming_events(self.community_id, ctx.now, 100)
            .await?
        {
            let keep = match filter {
                EventFilter::Upcoming => true,
                EventFilter::Week => event.start < ctx.now + TimeDelta::days(7),
                EventFilter::Mine => {
                    event.hosts.contains(&ctx.member.id)
                        || self
                            .store
                            .answer_of(event.id, ctx.member.id)
                            .await?
                            .is_some_and(|(status, _)| status != Status::NotGoing)
                }
            };
            if !keep {
                continue;
            }
            let counts = self.store.event_counts(event.id).await?;
            lines.push(t_with(
                ctx.lang,
                "event-list-line",
                &[
                    ("title", title(&event).into()),
                    (
                        "time",
                        format_date_time(ctx.lang, &event.start.with_timezone(&ctx.zone)).into(),
                    ),
                    ("going", counts.going.into()),
                ],
            ));
            if lines.len() >= LIST_LIMIT as usize {
                break;
            }
        }
        if lines.is_empty() {
            let hint = if ctx.organizes() {
                format!(" {}", t(ctx.lang, "event-list-empty-hint"))
            } else {
                String::new()
            };
            return Ok(say(format!("{}{hint}", t(ctx.lang, "event-list-empty"))));
        }
        lines.insert(0, t(ctx.lang, "event-list-title"));
        Ok(say(lines.join("\n")))
    }

    pub(super) async fn rsvp(
        &self,
        ctx: &Context<'_>,
        id: EventId,
        answer: Answer,
    ) -> Result<Vec<Reply>, HubError> {
        let event = match self.live_event(ctx, id).await? {
            Ok(event) => event,
            Err(reply) => return Ok(reply),
        };
        let name = title(&event);
        if event.start <= ctx.now {
            return Ok(say(t_with(
                ctx.lang,
                "event-started",
                &[("title", name.into())],
            )));
        }
        if let Some(until) = event.rsvp_until.filter(|until| *until <= ctx.now) {
            let time = format_date_time(ctx.lang, &until.with_timezone(&ctx.zone));
            return Ok(say(t_with(
                ctx.lang,
                "event-rsvp-closed",
                &[("title", name.into()), ("time", time.into())],
            )));
        }
        let Some(outcome) = self
            .store
            .rsvp(event.id, ctx.member.id, answer, ctx.now)
            .await?
        else {
            return Ok(say(t_with(
                ctx.lang,
                "event-cancelled",
                &[("id", id.0.into())],
            )));
        };
        let time = when_text(ctx.lang, ctx.zone, &event);
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
                    ("position", outcome.position.unwrap_or(1).into()),
                ],
            ),
            Status::Maybe => t_with(ctx.lang, "rsvp-maybe", &[("title", name.into())]),
            Status::NotGoing => t_with(ctx.lang, "rsvp-not-going", &[("title", name.into())]),
        };
        let mut replies = say(text);
        replies.extend(self.tell_promoted(&event, &outcome.promoted).await?);
        Ok(replies)
    }

    /// A DM to each member promoted from the waitlist.
    async fn tell_promoted(
        &self,
        event: &Event,
        promoted: &[MemberId],
    ) -> Result<Vec<Reply>, HubError> {
        self.tell(promoted, |lang, zone| {
            about(lang, zone, event, "rsvp-promoted").with_choices(vec![Choice::new(
                t(lang, "choice-not-going"),
                format!("/rsvp {} no", event.id.0),
            )])
        })
        .await
    }

    /// One DM per member, written in their language and time zone.
    async fn tell(
        &self,
        members: &[MemberId],
        write: impl Fn(Lang, Tz) -> Message,
    ) -> Result<Vec<Reply>, HubError> {
        let mut replies = Vec::with_capacity(members.len());
        for id in members {
            let member = self.store.member(*id).await?;
            let lang = member.language.unwrap_or(self.community.language);
            let zone = member.time_zone.unwrap_or(self.community.time_zone);
            replies.push(Reply::to_member(*id, write(lang, zone)));
        }
        Ok(replies)
    }

    async fn cancel_event(&self, ctx: &Context<'_>, id: EventId) -> Result<Vec<Reply>, HubError> {
        let event = match self.live_event(ctx, id).await? {
            Ok(event) => event,
            Err(reply) => return Ok(reply),
        };
        if !ctx.manages(&event) {
            return Ok(say(t_with(
                ctx.lang,
                "event-only-hosts",
                &[("title", title(&event).into())],
            )));
        }
        let Some(told) = self.store.cancel_event(event.id, ctx.now).await? else {
            return Ok(say(t_with(
                ctx.lang,
                "event-cancelled",
                &[("id", id.0.into())],
            )));
        };
        let mut replies = say(t_with(
            ctx.lang,
            "event-cancel-done",
            &[("title", title(&event).into()), ("told", told.len().into())],
        ));
        let lang = self.community.language;
        let time = format_date_time(lang, &event.start.with_timezone(&self.community.time_zone));
        replies.push(Reply {
            target: Target::Rooms(RoomPurpose::Announcements),
            message: Message::text(t_with(
                lang,
                "event-announce-cancelled",
                &[("title", title(&event).into()), ("time", time.into())],
            )),
        });
        replies.extend(
            self.tell(&told, |lang, zone| {
                about(lang, zone, &event, "event-cancelled-dm")
            })
            .await?,
        );
        Ok(replies)
    }

    async fn edit_event(
        &self,
        ctx: &Context<'_>,
        id: EventId,
        changes: EventDraft,
    ) -> Result<Vec<Reply>, HubError> {
        let mut event = match self.live_event(ctx, id).await? {
            Ok(event) => event,
            Err(reply) => return Ok(reply),
        };
        if !ctx.manages(&event) {
            return Ok(say(t_with(
                ctx.lang,
                "event-only-hosts",
                &[("title", title(&event).into())],
            )));
        }
        let mut notes = Vec::new();
        let moved = match &changes.when {
            None => false,
            Some(input) => match self.read_when(ctx, input) {
                Ok(understood) => {
                    notes.extend(adjustment_note(ctx.lang, understood.adjustment));
                    let start = understood.start.with_timezone(&Utc);
                    let moved = start != event.start;
                    event.start = start;
                    event.zone = understood.zone;
                    moved
                }
                Err(reply) => return Ok(reply),
            },
        };
        if let Some(input) = &changes.rsvp_until {
            match self.read_rsvp_until(ctx, input, event.start) {
                Ok(until) => event.rsvp_until = Some(until),
                Err(reply) => return Ok(reply),
            }
        }
        apply_text_changes(&mut event, changes);
        let Some(promoted) = self.store.update_event(&event, ctx.now).await? else {
            return Ok(say(t_with(
                ctx.lang,
                "event-cancelled",
                &[("id", id.0.into())],
            )));
        };
        let mut text = t_with(
            ctx.lang,
            "event-updated",
            &[("title", title(&event).into())],
        );
        for note in notes {
            text = format!("{text}\n{note}");
        }
        let mut replies = say(text);
        if moved {
            let going: Vec<MemberId> = self
                .store
                .going(event.id)
                .await?
                .into_iter()
                .filter(|member| *member != ctx.member.id)
                .collect();
            replies.extend(
                self.tell(&going, |lang, zone| {
                    about(lang, zone, &event, "event-moved")
                })
                .await?,
            );
        }
        replies.extend(self.tell_promoted(&event, &promoted).await?);
        Ok(replies)
    }

    async fn attendees(&self, ctx: &Context<'_>, id: EventId) -> Result<Vec<Reply>, HubError> {
        let event = match self.live_event(ctx, id).await? {
            Ok(event) => event,
            Err(reply) => return Ok(reply),
        };
        let attendees = self.store.attendees(event.id).await?;
        if !ctx.manages(&event) {
            let counts = self.store.event_counts(event.id).await?;
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
        let mut lines = vec![title(&event)];
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
}

fn apply_text_changes(event: &mut Event, changes: EventDraft) {
    if let Some(title) = changes.title {
        event.title = title;
    }
    if let Some(place) = changes.place {
        event.place = Some(place);
    }
    if let Some(description) = changes.description {
        event.description = Some(description);
    }
    if let Some(duration) = changes.duration {
        event.duration = duration;
    }
    match changes.capacity {
        Some(Capacity::Limited(places)) => event.capacity = Some(places),
        Some(Capacity::Unlimited) => event.capacity = None,
        None => {}
    }
}
