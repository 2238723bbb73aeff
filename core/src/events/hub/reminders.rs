//! Reminders: planning them when an event is created or changed, and sending the due
//! ones for [`Hub::tick`]. See [`crate::events::reminders`] for how they are claimed.

use std::collections::HashMap;

use chrono::{DateTime, TimeDelta, Utc};
use chrono_tz::Tz;

use crate::events::reminders::{self, DueReminder};
use crate::events::store::Finished;
use crate::events::{Event, EventId, Occurrence, ReminderOutcome};
use crate::hub::TickReport;
use crate::i18n::t_with;
use crate::lang::Lang;
use crate::model::{Member, MemberId};
use crate::onboarding::Nudge;
use crate::reply::{Choice, Message};

use super::text::{duration_text, title, when_moment, when_text};
use crate::hub::{Hub, HubError, direct_to};

impl Hub {
    /// Sends the claimed reminders `due` as one batch: their events, the members going
    /// and those members read in a few queries whatever their number, every message
    /// written in memory, then one transaction marks them done, queues their messages and
    /// plans the next dates' (a reminder whose lease was lost is left out of it). Each is
    /// counted in `report`.
    pub(crate) async fn send_reminders(
        &self,
        due: Vec<DueReminder>,
        worker: &str,
        now: DateTime<Utc>,
        report: &mut TickReport,
    ) -> Result<(), HubError> {
        if due.is_empty() {
            return Ok(());
        }
        let mut ids: Vec<EventId> = due.iter().map(|reminder| reminder.event).collect();
        ids.sort_unstable_by_key(|id| id.0);
        ids.dedup();
        let events: HashMap<EventId, Event> = self
            .store
            .events_by_id(self.community_id, &ids)
            .await?
            .into_iter()
            .map(|event| (event.id, event))
            .collect();
        let decided: Vec<(DueReminder, Option<Occurrence>, Vec<reminders::Planned>)> = due
            .into_iter()
            .map(|reminder| {
                let (date, next) = self.decide(events.get(&reminder.event), &reminder, now);
                (reminder, date, next)
            })
            .collect();
        let dates: Vec<(EventId, i64)> = decided
            .iter()
            .filter_map(|(reminder, date, _)| Some((reminder.event, date.as_ref()?.index)))
            .collect();
        let going = self.store.reminder_recipients_of(&dates).await?;
        let mut member_ids: Vec<MemberId> = going.values().flatten().copied().collect();
        member_ids.sort_unstable_by_key(|id| id.0);
        member_ids.dedup();
        let members: HashMap<MemberId, Member> = self
            .store
            .members(&member_ids)
            .await?
            .into_iter()
            .map(|member| (member.id, member))
            .collect();
        let finished: Vec<Finished> = decided
            .into_iter()
            .map(|(reminder, date, next)| {
                let outcome = match (date, events.get(&reminder.event)) {
                    (Some(date), Some(event)) => {
                        let going = going.get(&(event.id, date.index));
                        let messages = going
                            .into_iter()
                            .flatten()
                            .filter_map(|id| members.get(id))
                            .flat_map(|member| {
                                let (lang, zone) = self.voice(member);
                                let text = reminder_message(event, date, lang, zone, now);
                                direct_to(member, None, text, now)
                            })
                            .collect();
                        ReminderOutcome::Sent(messages)
                    }
                    _ => ReminderOutcome::Dropped,
                };
                Finished {
                    reminder,
                    outcome,
                    next,
                }
            })
            .collect();
        let done = self
            .store
            .finish_reminders(self.community_id, worker, &finished, now)
            .await?;
        for (one, done) in finished.into_iter().zip(done) {
            if !done {
                continue;
            }
            report.due.push(one.reminder.due);
            match one.outcome {
                ReminderOutcome::Sent(messages) => {
                    report.sent += 1;
                    report.messages += messages.len();
                }
                ReminderOutcome::Dropped => report.dropped += 1,
            }
        }
        Ok(())
    }

    /// Whether one due reminder goes (for which date), and the next date's reminders to
    /// plan.
    fn decide(
        &self,
        event: Option<&Event>,
        reminder: &DueReminder,
        now: DateTime<Utc>,
    ) -> (Option<Occurrence>, Vec<reminders::Planned>) {
        let Some(event) = event.filter(|event| !event.cancelled) else {
            tracing::info!(
                event = reminder.event.0,
                "reminder dropped: the event is cancelled"
            );
            return (None, Vec::new());
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
            return (None, next);
        };
        if date.start <= now {
            tracing::warn!(
                event = event.id.0,
                occurrence = date.index,
                late_minutes = (now - reminder.due).num_minutes(),
                "reminder dropped: the event started before it could be sent"
            );
            return (None, next);
        }
        (Some(date), next)
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
        let planned: Vec<(EventId, Vec<reminders::Planned>)> = upcoming
            .iter()
            .filter_map(|event| {
                let date = event.next_after(now)?;
                let planned = reminders::plan(date, &self.reminder_offsets(event), Some(now));
                Some((event.id, planned))
            })
            .collect();
        self.store.add_reminders(&planned).await?;
        Ok(())
    }

    /// When the next reminder (or welcome-team nudge, or rules reminder) is due, so a
    /// runner knows how long it may sleep; a reminder under a worker's lease counts from
    /// when that lease runs out.
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

/// The reminder of `date` of `event`, in `lang` and `zone`.
fn reminder_message(
    event: &Event,
    date: Occurrence,
    lang: Lang,
    zone: Tz,
    now: DateTime<Utc>,
) -> Message {
    let dated = event.on(date);
    let left = round_to_minutes(date.start - now);
    let mut text = t_with(
        lang,
        "reminder",
        &[
            ("title", title(&dated).into()),
            ("time", when_text(lang, zone, &dated, now).into()),
            ("left", duration_text(left).into()),
        ],
    );
    if let Some(place) = &event.details.place {
        let line = t_with(lang, "event-where", &[("place", place.as_str().into())]);
        text = format!("{text}\n{line}");
    }
    let moment = when_moment(lang, zone, &dated, now);
    Message::text(text).with_moment(moment).with_choices(vec![
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
}

/// `left` to the nearest minute, so "in 59 min 59 s" reads "1 h".
fn round_to_minutes(left: TimeDelta) -> TimeDelta {
    TimeDelta::minutes((left.num_seconds() + 30) / 60)
}
