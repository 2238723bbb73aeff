//! How events read in a message: titles, times in the reader's zone, durations, the
//! answer choices, and the replies about dates that could not be used.

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use chrono_tz::Tz;
use fluent_bundle::FluentValue;

use crate::events::series::{Cadence, Repeat};
use crate::events::{Answer, Event, EventId, Status};
use crate::i18n::{format_date, format_date_time, t, t_with};
use crate::lang::Lang;
use crate::reply::{Choice, Message, Moment};
use crate::when::{Adjustment, WhenError};

/// `**#3 Picnic**`.
pub(crate) fn title(event: &Event) -> String {
    format!("**{} {}**", event.id, event.details.title)
}

/// The event's start in `zone`, and in its own zone too when that differs.
pub(crate) fn when_text(lang: Lang, zone: Tz, event: &Event, now: DateTime<Utc>) -> String {
    let yours = format_date_time(lang, &event.details.start.with_timezone(&zone), now);
    if zone == event.details.zone {
        return yours;
    }
    let theirs = crate::i18n::format_time(&event.details.start.with_timezone(&event.details.zone));
    t_with(
        lang,
        "event-time-both",
        &[
            ("yours", yours.into()),
            ("theirs", theirs.into()),
            ("zone", event.details.zone.name().into()),
        ],
    )
}

/// The event's start as [`when_text`] writes it, marked as the instant it is.
pub(crate) fn when_moment(lang: Lang, zone: Tz, event: &Event, now: DateTime<Utc>) -> Moment {
    Moment {
        text: when_text(lang, zone, event, now),
        at: event.details.start.timestamp(),
    }
}

/// Message `id` about `event`, with its title and its time for a reader in `zone`.
pub(crate) fn about(lang: Lang, zone: Tz, event: &Event, id: &str, now: DateTime<Utc>) -> Message {
    let moment = when_moment(lang, zone, event, now);
    Message::text(t_with(
        lang,
        id,
        &[
            ("title", title(event).into()),
            ("time", moment.text.clone().into()),
        ],
    ))
    .with_moment(moment)
}

pub(crate) fn duration_text(duration: TimeDelta) -> String {
    let (hours, minutes) = (duration.num_hours(), duration.num_minutes() % 60);
    match (hours, minutes) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m:02}"),
    }
}

/// How a series repeats, in a few words: "every week until Tue 30 Jun".
pub(crate) fn repeat_text(lang: Lang, repeat: &Repeat) -> String {
    let every = match repeat.cadence() {
        Cadence::Daily => t(lang, "repeat-daily"),
        Cadence::Weekly => t(lang, "repeat-weekly"),
        Cadence::Biweekly => t(lang, "repeat-biweekly"),
        Cadence::Monthly => t(lang, "repeat-monthly"),
        Cadence::Custom => t_with(lang, "repeat-custom", &[("rule", repeat.rule().into())]),
    };
    match repeat.until {
        None => every,
        Some(until) => t_with(
            lang,
            "repeat-until",
            &[
                ("every", every.into()),
                ("date", format_date(lang, until).into()),
            ],
        ),
    }
}

/// The choices to answer for an event; with `date`, for that date of a series.
pub(crate) fn rsvp_choices(lang: Lang, event: EventId, date: Option<NaiveDate>) -> Vec<Choice> {
    let on = date.map(|date| format!(" date={date}")).unwrap_or_default();
    [
        ("choice-going", Answer::Yes),
        ("choice-maybe", Answer::Maybe),
        ("choice-not-going", Answer::No),
    ]
    .into_iter()
    .map(|(label, answer)| {
        Choice::new(
            t(lang, label),
            format!("/rsvp {} {}{on}", event.0, answer.as_str()),
        )
    })
    .collect()
}

/// A reply explaining why a date was refused, or a note on how it was adjusted.
pub(crate) fn when_problem(lang: Lang, input: &str, error: &WhenError) -> String {
    let input_arg = || -> [(&str, FluentValue<'_>); 1] { [("input", input.to_owned().into())] };
    match error {
        WhenError::Empty | WhenError::NotUnderstood(_) => {
            t_with(lang, "when-not-understood", &input_arg())
        }
        WhenError::MissingTime(_) => t_with(lang, "when-missing-time", &input_arg()),
        WhenError::NoSuchDate(_) => t_with(lang, "when-no-such-date", &input_arg()),
        WhenError::UnknownZone(zone) => {
            t_with(lang, "when-unknown-zone", &[("input", zone.clone().into())])
        }
        WhenError::InThePast(start) => t_with(
            lang,
            "when-past",
            &[(
                "time",
                format_date_time(lang, start, start.with_timezone(&Utc)).into(),
            )],
        ),
    }
}

pub(crate) fn adjustment_note(lang: Lang, adjustment: Option<Adjustment>) -> Option<String> {
    let time = |local: chrono::NaiveDateTime| local.format("%H:%M").to_string();
    match adjustment? {
        Adjustment::SkippedGap { asked, used } => Some(t_with(
            lang,
            "when-gap",
            &[("asked", time(asked).into()), ("used", time(used).into())],
        )),
        Adjustment::AmbiguousFold { asked } => {
            Some(t_with(lang, "when-fold", &[("asked", time(asked).into())]))
        }
    }
}

pub(crate) fn status_text(lang: Lang, status: Status, position: Option<u32>) -> String {
    match status {
        Status::Going => t(lang, "status-going"),
        Status::Waitlisted => t_with(
            lang,
            "status-waitlisted",
            &[("position", position.unwrap_or(1).into())],
        ),
        Status::Maybe => t(lang, "status-maybe"),
        Status::NotGoing => t(lang, "status-not-going"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// A duration as an event shows it (`1 h 30`) is one `duration=` reads back.
        #[test]
        fn a_shown_duration_reads_back(minutes in 1i64..=7 * 24 * 60) {
            let shown = duration_text(TimeDelta::minutes(minutes));
            proptest::prop_assert_eq!(
                crate::when::parse_duration(&shown),
                Some(TimeDelta::minutes(minutes)),
                "{}", shown
            );
        }
    }
}
