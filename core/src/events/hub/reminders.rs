//! Reminders: planning them when an event is created or changed, and sending the due
//! ones for [`Hub::tick`]. See [`crate::events::reminders`] for how they are claimed.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use chrono::{DateTime, TimeDelta, Utc};

use crate::events::ReminderOutcome;
use crate::events::reminders::{self, DueReminder};
use crate::events::{Event, EventId};
use crate::hub::TickReport;
use crate::i18n::t_with;
use crate::onboarding::Nudge;
use crate::outbox::NewOutgoing;
use crate::reply::Choice;

use super::text::{duration_text, title, when_moment, when_text};
use crate::hub::{Hub, HubError, direct_to};

impl Hub {
    /// Sends the claimed reminders `due`: each is marked done in the transaction that
    /// queues its messages, and counted in `report`.
    pub(crate) async fn send_reminders(
        &self,
        due: Vec<DueReminder>,
        worker: &str,
        now: DateTime<Utc>,
        report: &mut TickReport,
    ) -> Result<(), HubError> {
        let mut events: HashMap<EventId, Option<Event>> = HashMap::new();
        for reminder in due {
            let event = match events.entry(reminder.event) {
                Entry::Occupied(known) => known.into_mut(),
                Entry::Vacant(slot) => {
                    match self.store.event(self.community_id, reminder.event).await {
                        Ok(event) => slot.insert(event),
                        Err(error) => {
                            // Left claimed: tried again when its lease ends, the others go on.
                            tracing::warn!(%error, reminder = reminder.id, "cannot read a reminder's event");
                            continue;
                        }
                    }
                }
            };
            let event = event.as_ref();
            let (outcome, next) = match self.handle_reminder(event, &reminder, now).await {
                Ok(handled) => handled,
                Err(error) => {
                    tracing::warn!(%error, reminder = reminder.id, "cannot prepare a reminder");
                    continue;
                }
            };
            let finished = self
                .store
                .finish_reminder(self.community_id, &reminder, worker, &outcome, &next, now)
                .await?;
            if !finished {
                continue;
            }
            report.due.push(reminder.due);
            match outcome {
                ReminderOutcome::Sent(messages) => {
                    report.sent += 1;
                    report.messages += messages.len();
                }
                ReminderOutcome::Dropped => report.dropped += 1,
            }
        }
        Ok(())
    }

    /// What to do with one due reminder, and the next date's reminders to plan.
    async fn handle_reminder(
        &self,
        event: Option<&Event>,
        reminder: &DueReminder,
        now: DateTime<Utc>,
    ) -> Result<(ReminderOutcome, Vec<reminders::Planned>), HubError> {
        let Some(event) = event.filter(|event| !event.cancelled) else {
            tracing::info!(
                event = reminder.event.0,
                "reminder dropped: the event is cancelled"
            );
            return Ok((ReminderOutcome::Dropped, Vec::new()));
        };
        // A series gets the reminders of the date after this one, whatever happens to it.
        let next = match &event.details.repeat {
            None => Vec::new(),
            Some(_) => event
                .occurrences()
                .find(|date| date.index > reminder.occurrence && date.start > now)
                .map(|date| reminders::plan(date, &self.reminder_offsets(event), None))
                .unwrap_or_default(),
        };
        let date = event
            .occurrence(reminder.occurrence)
            .filter(|date| !event.is_skipped(*date));
        let Some(date) = date else {
            tracing::info!(
                event = event.id.0,
                "reminder dropped: that date is cancelled"
            );
            return Ok((ReminderOutcome::Dropped, next));
        };
        if date.start <= now {
            tracing::warn!(
                event = event.id.0,
                occurrence = date.index,
                late_minutes = (now - reminder.due).num_minutes(),
                "reminder dropped: the event started before it could be sent"
            );
            return Ok((ReminderOutcome::Dropped, next));
        }
        let dated = event.on(date);
        let members = self.store.reminder_recipients(event.id, date.index).await?;
        let left = round_to_minutes(date.start - now);
        let place = event.details.place.clone();
        let write = |lang, zone| {
            let mut text = t_with(
                lang,
                "reminder",
                &[
                    ("title", title(&dated).into()),
                    ("time", when_text(lang, zone, &dated, now).into()),
                    ("left", duration_text(left).into()),
                ],
            );
            if let Some(place) = &place {
                let line = t_with(lang, "event-where", &[("place", place.as_str().into())]);
                text = format!("{text}\n{line}");
            }
            let moment = when_moment(lang, zone, &dated, now);
            crate::reply::Message::text(text)
                .with_moment(moment)
                .with_choices(vec![
                    Choice::new(
                        crate::i18n::t(lang, "choice-not-going"),
                        format!(
                            "/rsvp {} no date={}",
                            event.id.0,
                            date.start.with_timezone(&event.details.zone).date_naive()
                        ),
                    ),
                    Choice::new(
                        crate::i18n::t(lang, "choice-reminders-off"),
                        format!("/remind {} off", event.id.0),
                    ),
                ])
        };
        let mut messages: Vec<NewOutgoing> = Vec::with_capacity(members.len());
        for id in members {
            let member = self.store.member(id).await?;
            let (lang, zone) = self.voice(&member);
            messages.extend(direct_to(&member, None, write(lang, zone), now));
        }
        Ok((ReminderOutcome::Sent(messages), next))
    }

    /// How long before each date the event's reminders go.
    pub(crate) fn reminder_offsets(&self, event: &Event) -> Vec<TimeDelta> {
        event
            .details
            .reminders
            .clone()
            .unwrap_or_else(|| self.community.events.reminders.clone())
    }

    /// Plans the reminders of the event's first date from number `from` on that can
    /// still have one, replacing pending ones for those dates (and sent ones too when
    /// `moved`, so a moved date is reminded again). Reminders already due are not
    /// planned: the change was just seen. Later dates of a series follow as each date's
    /// reminders are handled.
    pub(crate) async fn replan_reminders(
        &self,
        event: &Event,
        from: i64,
        moved: bool,
        now: DateTime<Utc>,
    ) -> Result<(), HubError> {
        /// Dates looked at for one with a reminder still ahead (a date starting within
        /// the shortest offset has none).
        const LOOKAHEAD: usize = 8;
        let offsets = self.reminder_offsets(event);
        let planned = event
            .occurrences()
            .filter(|date| date.index >= from && date.start > now)
            .take(LOOKAHEAD)
            .map(|date| reminders::plan(date, &offsets, Some(now)))
            .find(|planned| !planned.is_empty())
            .unwrap_or_default();
        self.store
            .plan_reminders(event.id, from, &planned, moved, now)
            .await?;
        Ok(())
    }

    /// Makes sure every live event has the reminders of its next date still ahead
    /// (events from before reminders existed, or a lost plan); run when the hub opens.
    pub(crate) async fn ensure_reminders(&self, now: DateTime<Utc>) -> Result<(), HubError> {
        let upcoming = self
            .store
            .upcoming_events(self.community_id, now, u32::MAX)
            .await?;
        for event in upcoming {
            let Some(date) = event.next_after(now) else {
                continue;
            };
            let planned = reminders::plan(date, &self.reminder_offsets(&event), Some(now));
            self.store.add_reminders(event.id, &planned).await?;
        }
        Ok(())
    }

    /// When the next reminder, welcome-team nudge or rules reminder is due, so a
    /// runner knows how long it may sleep.
    pub async fn next_reminder_due(&self) -> Result<Option<DateTime<Utc>>, HubError> {
        let settings = &self.community.onboarding;
        let store = &self.store;
        let community = self.community_id;
        let candidates = [
            store.next_reminder_due(community).await?,
            store
                .first_nudge_pending(community, Nudge::Unclaimed)
                .await?
                .map(|quiet| quiet + settings.unclaimed_after),
            store
                .first_nudge_pending(community, Nudge::Idle)
                .await?
                .map(|quiet| quiet + settings.idle_after),
            match &settings.rules {
                Some(rules) => store
                    .first_rules_pending(community)
                    .await?
                    .map(|asked| asked + rules.remind_after),
                None => None,
            },
        ];
        Ok(candidates.into_iter().flatten().min())
    }
}

/// `left` to the nearest minute, so "in 59 min 59 s" reads "1 h".
fn round_to_minutes(left: TimeDelta) -> TimeDelta {
    TimeDelta::minutes((left.num_seconds() + 30) / 60)
}
