//! `/event` and `/events`: creating, showing and listing events and series, each for the
//! reader's language and time zone. Changes are in `event_changes.rs`, answers in
//! `answers.rs`, reminders in `reminders.rs`.

mod answers;
mod calendar;
pub(crate) mod changes;
mod complete;
pub mod mirror;
pub(crate) mod reminders;
pub(crate) mod text;
pub mod web;

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use chrono_tz::Tz;

use crate::events::series::RepeatChoice;
use crate::events::{Event, EventDetails, EventId, Occurrence, Status};
use crate::events::{EventCommand, EventDraft, EventFilter};
use crate::i18n::{format_date, format_date_time, t, t_with};
use crate::lang::Lang;
use crate::model::{MemberId, Role, RoomPurpose};
use crate::reply::{Message, Reply, Target};
use crate::when;

use crate::hub::{Context, Hub, HubError, Step};
use crate::hub::{say, step};
use changes::apply_text_changes;
use text::{
    adjustment_note, duration_text, repeat_text, rsvp_choices, title, when_moment, when_problem,
    when_text,
};

/// Events last this long unless `duration=` says otherwise.
const DEFAULT_DURATION: TimeDelta = TimeDelta::hours(2);
/// How many events `/events` lists.
const LIST_LIMIT: u32 = 10;

impl Context<'_> {
    pub(crate) fn organizes(&self) -> bool {
        self.roles
            .iter()
            .any(|role| matches!(role, Role::Organizer | Role::Admin))
    }

    pub(crate) fn manages(&self, event: &Event) -> bool {
        self.organizes() || event.hosts.contains(&self.member.id)
    }
}

impl Hub {
    /// An event command.
    pub(crate) async fn events_command(
        &self,
        ctx: &Context<'_>,
        command: crate::events::Command,
    ) -> Result<Vec<Reply>, HubError> {
        use crate::events::Command;
        match command {
            Command::Event(command) => self.event_command(ctx, *command).await,
            Command::Events { filter } => self.list_events(ctx, filter).await,
            Command::Rsvp {
                event,
                answer,
                date,
            } => self.rsvp(ctx, event, answer, date).await,
            Command::Remind { event, wanted } => self.remind(ctx, event, wanted).await,
        }
    }

    pub(crate) async fn event_command(
        &self,
        ctx: &Context<'_>,
        command: EventCommand,
    ) -> Result<Vec<Reply>, HubError> {
        match command {
            EventCommand::Create(draft) => self.create_event(ctx, draft).await,
            EventCommand::Show(id) => self.show_event(ctx, id).await,
            EventCommand::Edit { event, changes } => self.edit_event(ctx, event, changes).await,
            EventCommand::Cancel { event, date } => self.cancel_event(ctx, event, date).await,
            EventCommand::Attendees { event, date } => self.attendees(ctx, event, date).await,
            EventCommand::Host { event, add, name } => {
                let mut replies = self.host(ctx, event, add, &name).await?;
                // The announcement names the hosts.
                replies.extend(self.refreshed_announcement(event, ctx.now).await?);
                Ok(replies)
            }
            EventCommand::Ics(id) => self.event_calendar(ctx, id).await,
        }
    }

    /// The event, or the reply saying why there is none to act on.
    pub(crate) async fn live_event(
        &self,
        ctx: &Context<'_>,
        id: EventId,
    ) -> Result<Step<Event>, HubError> {
        let args = [("id", id.0.into())];
        Ok(match self.store.event(self.community_id, id).await? {
            None => Err(say(t_with(ctx.lang, "event-not-found", &args))),
            Some(event) if event.cancelled => Err(say(t_with(ctx.lang, "event-cancelled", &args))),
            Some(event) => Ok(event),
        })
    }

    /// The date `input` names (`date=`), or without one the next date to come; or the
    /// reply saying why there is none.
    pub(crate) fn pick_date(
        &self,
        ctx: &Context<'_>,
        event: &Event,
        input: Option<&str>,
    ) -> Step<Occurrence> {
        let name = || title(event);
        let Some(input) = input else {
            return event.next_after(ctx.now).ok_or_else(|| {
                let id = match event.details.repeat {
                    Some(_) => "event-no-dates-left",
                    None => "event-started",
                };
                say(t_with(ctx.lang, id, &[("title", name().into())]))
            });
        };
        let day = when::parse_date(input, ctx.now, event.details.zone)
            .map_err(|error| say(when_problem(ctx.lang, input, &error)))?;
        let day_text = || format_date(ctx.lang, day);
        let date = event.on_day(day).ok_or_else(|| {
            say(t_with(
                ctx.lang,
                "event-no-such-date",
                &[
                    ("title", name().into()),
                    ("date", day_text().into()),
                    ("id", event.id.0.into()),
                ],
            ))
        })?;
        if event.is_skipped(date) {
            return Err(say(t_with(
                ctx.lang,
                "event-date-cancelled",
                &[("title", name().into()), ("date", day_text().into())],
            )));
        }
        Ok(date)
    }

    /// Reads `when=` (and `rsvp_until=`) in the community's zone, or says why not.
    pub(crate) fn read_when(&self, ctx: &Context<'_>, input: &str) -> Step<when::Understood> {
        when::parse_when(input, ctx.now, self.community.time_zone)
            .map_err(|error| say(when_problem(ctx.lang, input, &error)))
    }

    /// Reads `rsvp_until=`, which must fall before the event's `start`.
    fn read_rsvp_until(
        &self,
        ctx: &Context<'_>,
        input: &str,
        start: DateTime<Utc>,
    ) -> Step<DateTime<Utc>> {
        let until = self.read_when(ctx, input)?.start.with_timezone(&Utc);
        if until > start {
            return Err(say(t(ctx.lang, "rsvp-until-after-start")));
        }
        Ok(until)
    }

    /// Reads `until=`: a local day, not before the first date.
    fn read_until(&self, ctx: &Context<'_>, input: &str, event: &Event) -> Step<NaiveDate> {
        let zone = event.details.zone;
        let day = when::parse_date(input, ctx.now, zone)
            .map_err(|error| say(when_problem(ctx.lang, input, &error)))?;
        let first = event
            .next_after(ctx.now)
            .map_or(event.details.start, |date| date.start);
        if day < first.with_timezone(&zone).date_naive() {
            return Err(say(t(ctx.lang, "until-before-start")));
        }
        Ok(day)
    }

    async fn create_event(
        &self,
        ctx: &Context<'_>,
        draft: EventDraft,
    ) -> Result<Vec<Reply>, HubError> {
        if !ctx.organizes() && !self.community.events.members_create {
            return Ok(say(t(ctx.lang, "event-only-organizers")));
        }
        let (Some(title_text), Some(when_input)) = (draft.title.clone(), draft.when.clone()) else {
            return Ok(say(t(ctx.lang, "when-not-understood")));
        };
        let understood = step!(self.read_when(ctx, &when_input));
        let start = understood.start.with_timezone(&Utc);
        let details = EventDetails {
            title: title_text,
            description: None,
            place: None,
            start,
            zone: understood.zone,
            duration: DEFAULT_DURATION,
            capacity: None,
            rsvp_until: None,
            repeat: None,
            reminders: None,
        };
        let mut draft_event = Event {
            id: EventId(0),
            details,
            hosts: vec![ctx.member.id],
            cancelled: false,
            first_occurrence: 0,
            skipped: Vec::new(),
        };
        if let Err(reply) = self.apply_schedule(ctx, &mut draft_event, &draft) {
            return Ok(reply);
        }
        apply_text_changes(&mut draft_event.details, draft);
        let id = self
            .store
            .create_event(
                self.community_id,
                &draft_event.details,
                ctx.member.id,
                ctx.now,
            )
            .await?;
        let Some(event) = self.store.event(self.community_id, id).await? else {
            return Ok(say(t_with(
                ctx.lang,
                "event-not-found",
                &[("id", id.0.into())],
            )));
        };
        self.replan_reminders(&event, 0, false, ctx.now).await?;
        let mut text = t_with(
            ctx.lang,
            "event-created",
            &[
                ("title", title(&event).into()),
                (
                    "time",
                    when_text(ctx.lang, ctx.zone, &event, ctx.now).into(),
                ),
            ],
        );
        if let Some(repeat) = &event.details.repeat {
            text = format!("{text}\n{}", repeat_line(ctx.lang, repeat));
        }
        let note = adjustment_note(ctx.lang, understood.adjustment);
        let announcement = self.announcement(&event, ctx.now, true).await?;
        // Asked in a room that gets the announcement: that one message is the answer,
        // unless there is a note on the time for the organizer.
        if note.is_none() && self.announces_in(ctx.incoming) {
            return Ok(vec![announcement]);
        }
        if let Some(note) = note {
            text = format!("{text}\n{note}");
        }
        Ok(vec![Reply::here(Message::text(text)), announcement])
    }

    /// Whether `incoming` came from one of the announcement rooms.
    fn announces_in(&self, incoming: &crate::incoming::Incoming) -> bool {
        let crate::incoming::Place::Room(id) = &incoming.place else {
            return false;
        };
        self.community
            .rooms_for(RoomPurpose::Announcements)
            .any(|room| room.platform == incoming.platform && room.id == *id)
    }

    /// The announcement of `event` as it stands now, in the community's language: its
    /// next date with the counts and the answer choices, or that it is cancelled. Kept
    /// current in the announcement rooms under the event's key: `post` the first time,
    /// edits after.
    pub(crate) async fn announcement(
        &self,
        event: &Event,
        now: DateTime<Utc>,
        post: bool,
    ) -> Result<Reply, HubError> {
        let lang = self.community.language;
        let heading = match event.cancelled {
            false => "event-announce",
            true => "event-announce-card-cancelled",
        };
        let date = shown_date(event, now);
        let lines = self
            .card_lines(lang, self.community.time_zone, event, date, None, now)
            .await?;
        let moment = when_moment(lang, self.community.time_zone, &event.on(date), now);
        let text = format!(
            "{}\n{}",
            t_with(lang, heading, &[("title", title(event).into())]),
            lines.join("\n")
        );
        let choices = match event.cancelled {
            false => rsvp_choices(lang, event.id, None),
            true => Vec::new(),
        };
        let purpose = RoomPurpose::Announcements;
        let key = announcement_key(event.id);
        Ok(Reply {
            target: match post {
                true => Target::Kept { purpose, key },
                false => Target::Update { purpose, key },
            },
            message: Message::text(text)
                .with_choices(choices)
                .with_moment(moment),
        })
    }

    /// The edit that brings the announcement of event `id` up to date, if it still
    /// exists.
    pub(crate) async fn refreshed_announcement(
        &self,
        id: EventId,
        now: DateTime<Utc>,
    ) -> Result<Option<Reply>, HubError> {
        match self.store.event(self.community_id, id).await? {
            Some(event) => Ok(Some(self.announcement(&event, now, false).await?)),
            None => Ok(None),
        }
    }

    /// Applies `repeat=`, `until=` and `rsvp_until=` from `draft` to `event` (whose start
    /// is already set), or says why they cannot be.
    pub(crate) fn apply_schedule(
        &self,
        ctx: &Context<'_>,
        event: &mut Event,
        draft: &EventDraft,
    ) -> Step<()> {
        match &draft.repeat {
            Some(RepeatChoice::Every(repeat)) => {
                let until = event.details.repeat.as_ref().and_then(|old| old.until);
                let mut repeat = repeat.clone();
                repeat.until = repeat.until.or(until);
                event.details.repeat = Some(repeat);
            }
            Some(RepeatChoice::Never) => event.details.repeat = None,
            None => {}
        }
        if let Some(input) = &draft.until {
            let day = self.read_until(ctx, input, event)?;
            match &mut event.details.repeat {
                Some(repeat) => repeat.until = Some(day),
                None => return Err(say(t(ctx.lang, "until-needs-repeat"))),
            }
        }
        if let Some(repeat) = &event.details.repeat {
            if repeat.until.is_some() && repeat.counts() {
                return Err(say(t(ctx.lang, "until-with-count")));
            }
            // A start the rule skips (a Monday for `BYDAY=TU`) moves to its first date,
            // as calendar apps would count it.
            let Some(first) = event.all_dates().next() else {
                return Err(say(t(ctx.lang, "repeat-no-dates")));
            };
            if repeat.counts()
                && let Some(last) = event.all_dates().last()
            {
                let last_day = last.start.with_timezone(&event.details.zone).date_naive();
                event.details.repeat = Some(repeat.ending_on(last_day));
            }
            let shift = first.start - event.details.start;
            event.details.start = first.start;
            event.details.rsvp_until = event.details.rsvp_until.map(|until| until + shift);
            if event.occurrences().next().is_none() {
                return Err(say(t(ctx.lang, "repeat-no-dates")));
            }
        }
        if let Some(input) = &draft.rsvp_until {
            // Read against the next date; kept as a lead before every date.
            let next = event
                .next_after(ctx.now)
                .map_or(event.details.start, |date| date.start);
            let until = self.read_rsvp_until(ctx, input, next)?;
            event.details.rsvp_until = Some(event.details.start - (next - until));
        }
        Ok(())
    }

    /// The lines describing one date of an event for a reader: when, how it repeats,
    /// where, who hosts, how full.
    async fn card_lines(
        &self,
        lang: Lang,
        zone: Tz,
        event: &Event,
        date: Occurrence,
        you: Option<MemberId>,
        now: DateTime<Utc>,
    ) -> Result<Vec<String>, HubError> {
        let dated = event.on(date);
        let mut lines = vec![t_with(
            lang,
            "event-when",
            &[
                ("time", when_text(lang, zone, &dated, now).into()),
                ("duration", duration_text(event.details.duration).into()),
            ],
        )];
        if let Some(repeat) = &event.details.repeat {
            lines.push(repeat_line(lang, repeat));
        }
        if let Some(place) = &event.details.place {
            lines.push(t_with(
                lang,
                "event-where",
                &[("place", place.as_str().into())],
            ));
        }
        let mut hosts = Vec::new();
        for host in &event.hosts {
            hosts.extend(self.name_of(*host).await?);
        }
        if !hosts.is_empty() {
            lines.push(t_with(
                lang,
                "event-hosts",
                &[("names", hosts.join(", ").into())],
            ));
        }
        let counts = self.store.event_counts(event.id, date.index).await?;
        let mut tally = t_with(
            lang,
            "event-counts",
            &[
                ("going", counts.going.into()),
                ("maybe", counts.maybe.into()),
            ],
        );
        if let Some(left) = counts.places_left(event.details.capacity) {
            let places = t_with(
                lang,
                "event-places",
                &[("left", left.into()), ("waiting", counts.waitlisted.into())],
            );
            tally = format!("{tally} · {places}");
        }
        lines.push(tally);
        if let Some(member) = you
            && let Some((status, position)) =
                self.store.answer_of(event.id, date.index, member).await?
        {
            let status = text::status_text(lang, status, position);
            lines.push(t_with(lang, "event-you", &[("status", status.into())]));
        }
        if let Some(description) = &event.details.description {
            lines.push(description.clone());
        }
        Ok(lines)
    }

    /// The name a member goes by, for lists.
    pub(crate) async fn name_of(&self, member: MemberId) -> Result<Option<String>, HubError> {
        let member = self.store.member(member).await?;
        Ok(member
            .identities
            .first()
            .map(|identity| identity.display_name.clone()))
    }

    async fn show_event(&self, ctx: &Context<'_>, id: EventId) -> Result<Vec<Reply>, HubError> {
        let event = step!(self.live_event(ctx, id).await?);
        // Cards show the date to come; `shown_date` needs the instant.
        let date = shown_date(&event, ctx.now);
        let mut lines = vec![title(&event)];
        lines.extend(
            self.card_lines(
                ctx.lang,
                ctx.zone,
                &event,
                date,
                Some(ctx.member.id),
                ctx.now,
            )
            .await?,
        );
        let moment = when_moment(ctx.lang, ctx.zone, &event.on(date), ctx.now);
        let message = Message::text(lines.join("\n")).with_moment(moment);
        let message = if date.start > ctx.now {
            let day = event
                .details
                .repeat
                .as_ref()
                .map(|_| date.start.with_timezone(&event.details.zone).date_naive());
            message.with_choices(rsvp_choices(ctx.lang, event.id, day))
        } else {
            message
        };
        Ok(vec![Reply::here(message)])
    }

    pub(crate) async fn list_events(
        &self,
        ctx: &Context<'_>,
        filter: EventFilter,
    ) -> Result<Vec<Reply>, HubError> {
        if filter == EventFilter::Calendar {
            return self.feed_calendar(ctx).await;
        }
        let mut lines = Vec::new();
        for event in self
            .store
            .upcoming_events(self.community_id, ctx.now, 100)
            .await?
        {
            let Some(date) = event.current(ctx.now) else {
                continue;
            };
            let keep = match filter {
                EventFilter::Upcoming | EventFilter::Calendar => true,
                EventFilter::Week => date.start < ctx.now + TimeDelta::days(7),
                EventFilter::Mine => {
                    event.hosts.contains(&ctx.member.id)
                        || self
                            .store
                            .answer_of(event.id, date.index, ctx.member.id)
                            .await?
                            .is_some_and(|(status, _)| status != Status::NotGoing)
                }
            };
            if !keep {
                continue;
            }
            let counts = self.store.event_counts(event.id, date.index).await?;
            let mut line = t_with(
                ctx.lang,
                "event-list-line",
                &[
                    ("title", title(&event).into()),
                    (
                        "time",
                        format_date_time(ctx.lang, &date.start.with_timezone(&ctx.zone), ctx.now)
                            .into(),
                    ),
                    ("going", counts.going.into()),
                ],
            );
            if let Some(repeat) = &event.details.repeat {
                line = format!("{line} · {}", repeat_text(ctx.lang, repeat));
            }
            lines.push(line);
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
}

/// "Repeats every week until …".
fn repeat_line(lang: Lang, repeat: &crate::events::series::Repeat) -> String {
    t_with(
        lang,
        "event-repeats",
        &[("every", repeat_text(lang, repeat).into())],
    )
}

/// The date a card is about: the first one not over at `now`, else the last one.
fn shown_date(event: &Event, now: DateTime<Utc>) -> Occurrence {
    let first = Occurrence {
        index: event.first_occurrence,
        start: event.details.start,
    };
    event
        .current(now)
        .or_else(|| event.occurrences().last())
        .unwrap_or(first)
}

/// The key an event's announcement is kept under in each room (`event-3`).
pub(crate) fn announcement_key(id: EventId) -> String {
    format!("event-{}", id.0)
}
