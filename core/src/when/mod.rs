//! When an event starts, as people write it in English or French: `tomorrow 7pm`,
//! `vendredi 19h30`, `le 5 décembre à 19h`, `2026-12-05T19:00 America/Montreal`.
//!
//! Case and accents do not matter (`decembre` = `Décembre`), nor extra spaces. A zone
//! name written last (`Europe/Lisbon`, `America/New York`, `UTC`) is the zone the rest
//! is read in; otherwise the community's zone is. "Today" is today in that zone.
//!
//! Rules for what could be read more than one way:
//! - A time alone (`19:00`) is today if still ahead, else tomorrow.
//! - A weekday (`friday 19:30`) is the next such day; today only if it is that weekday
//!   and the time is still ahead. `next friday` / `vendredi prochain` is the same but
//!   never today: on a Friday it is a week later.
//! - A date without a year (`5 décembre`, `the 5th`) is this year's (or this month's) if
//!   it is today or later, else the next one. If that is today and the time has passed,
//!   the result is [`WhenError::InThePast`]: it does not roll over to next year.
//! - A bare hour without `am`/`pm`/`h` is on the 24-hour clock (`at 7` = 07:00).
//! - `tonight` / `ce soir` alone is today at 20:00. With a part of the evening or
//!   afternoon (`tonight`, `ce soir`, `demain soir`, `vendredi après-midi`) an hour from 1
//!   to 11 without `am`/`pm` is in the afternoon (`ce soir 9h` = 21:00) and `tonight
//!   at midnight` / `ce soir 0h30` is after midnight, on the next day.
//! - `in 2 hours` / `dans 30 minutes` is now plus that, down to the minute, and nothing
//!   else may be written with it. `in 3 days` / `dans 3 jours` is a day, a time is needed.
//! - `yesterday 10am` / `hier 10h` is read, then refused as [`WhenError::InThePast`].
//! - `5/12/2026` is refused: day and month could be either way round.
//! - A weekday next to a date (`vendredi 4 décembre`) must agree with it.
//! - `mar` next to a day number is March (`5 mar`, `mar 5`), otherwise Tuesday (`mar 18h`).
//! - Summer time: see [`resolve_local`].

mod calendar;
mod dst;
mod duration;
mod reader;
mod time_of_day;
mod words;

/// A folded month name or abbreviation, English or French, as 1 to 12.
pub(crate) use words::month as month_by_name;

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Utc};
use chrono_tz::Tz;

use crate::zone::parse_zone;

pub use dst::resolve_local;
pub use duration::parse_duration;

use reader::{ReadError, Reading};
use time_of_day::TimeOfDay;
use words::Part;

/// How a written date and time was understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Understood {
    /// The instant, in `zone`.
    pub start: DateTime<Tz>,
    /// The zone it was read in: the one written in the input, else the default given.
    pub zone: Tz,
    /// Whether the input named its zone (`19:00 Europe/Lisbon`).
    pub explicit_zone: bool,
    /// Set when the wall-clock time did not exist or existed twice (DST), see `resolve_local`.
    pub adjustment: Option<Adjustment>,
}

/// What [`resolve_local`] changed about a wall-clock time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Adjustment {
    /// The local time fell in a spring-forward gap; it was moved forward by the gap's length.
    SkippedGap {
        asked: NaiveDateTime,
        used: NaiveDateTime,
    },
    /// The local time happened twice (autumn fold); the first (earlier) one was used.
    AmbiguousFold { asked: NaiveDateTime },
}

/// Why a date or time was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WhenError {
    #[error("nothing to read")]
    Empty,
    /// Not understood; carries the input (trimmed).
    #[error("not understood: {0}")]
    NotUnderstood(String),
    /// A date was understood but no time of day (`friday`, `le 5 décembre`); carries the
    /// input (trimmed).
    #[error("no time of day in {0}")]
    MissingTime(String),
    /// Understood, but not after `now`: carries how it was understood.
    #[error("in the past: {0}")]
    InThePast(DateTime<Tz>),
    /// A date that does not exist (`31 février`, `2026-02-30`); carries the input (trimmed).
    #[error("no such date: {0}")]
    NoSuchDate(String),
    /// A zone was written but is unknown (`19:00 Mars/Base`); carries the zone as written.
    #[error("unknown zone: {0}")]
    UnknownZone(String),
}

/// Reads when an event starts. `zone` is the default zone (the community's); `now` the
/// present instant. The rules are in the module documentation.
pub fn parse_when(input: &str, now: DateTime<Utc>, zone: Tz) -> Result<Understood, WhenError> {
    let input = input.trim();
    if input.is_empty() {
        return Err(WhenError::Empty);
    }
    let not_understood = || WhenError::NotUnderstood(input.to_owned());
    let (text, written_zone) = split_zone(input)?;
    let zone = written_zone.unwrap_or(zone);
    let explicit_zone = written_zone.is_some();
    let reading = read_text(text, input)?;

    if let Some(delay) = reading.after {
        let start = now
            .checked_add_signed(delay)
            .and_then(|start| start.with_second(0))
            .and_then(|start| start.with_nanosecond(0))
            .ok_or_else(not_understood)?;
        // `in 0 min` is now, already gone once the seconds are dropped.
        if start <= now {
            return Err(WhenError::InThePast(start.with_timezone(&zone)));
        }
        return Ok(Understood {
            start: start.with_timezone(&zone),
            zone,
            explicit_zone,
            adjustment: None,
        });
    }

    let Some((time, next_day)) = clock(&reading) else {
        return Err(if reading.day.is_some() || reading.part.is_some() {
            WhenError::MissingTime(input.to_owned())
        } else {
            not_understood()
        });
    };
    let local_at = |date: NaiveDate| {
        let date = if next_day { date.succ_opt()? } else { date };
        Some(date.and_time(time))
    };
    let ahead = |date: NaiveDate| local_at(date).is_some_and(|l| resolve_local(zone, l).0 > now);
    let today = now.with_timezone(&zone).date_naive();
    let date = match reading.day {
        Some(day) => calendar::place(day, today, ahead),
        None if reading.part == Some(Part::Evening) => Some(today),
        None if ahead(today) => Some(today),
        None => today.succ_opt(),
    }
    .ok_or_else(not_understood)?;
    if reading
        .weekday_check
        .is_some_and(|weekday| weekday != date.weekday())
    {
        return Err(not_understood());
    }
    let (start, adjustment) = resolve_local(zone, local_at(date).ok_or_else(not_understood)?);
    if start <= now {
        return Err(WhenError::InThePast(start));
    }
    Ok(Understood {
        start,
        zone,
        explicit_zone,
        adjustment,
    })
}

/// Reads a date alone (for `until=` and `date=`): ISO `2026-12-05`, `5 décembre`,
/// `december 5`, `dec 5 2026`, `tomorrow`/`demain`, `friday`/`vendredi`,
/// `next friday`/`vendredi prochain`. Dates without a year mean the next such date on or
/// after today (in `zone`), and so do weekdays (`friday` on a Friday is today). Past dates
/// are allowed here (the caller decides). A time of day after the date is allowed and
/// left out (`2026-12-09 20:00`, as a date's start is shown); a time alone, a delay or a
/// zone is not understood.
pub fn parse_date(input: &str, now: DateTime<Utc>, zone: Tz) -> Result<NaiveDate, WhenError> {
    let input = input.trim();
    if input.is_empty() {
        return Err(WhenError::Empty);
    }
    let not_understood = || WhenError::NotUnderstood(input.to_owned());
    let reading = read_text(input, input)?;
    let (Some(day), None) = (reading.day, reading.after) else {
        return Err(not_understood());
    };
    let today = now.with_timezone(&zone).date_naive();
    let date = calendar::place(day, today, |_| true).ok_or_else(not_understood)?;
    if reading
        .weekday_check
        .is_some_and(|weekday| weekday != date.weekday())
    {
        return Err(not_understood());
    }
    Ok(date)
}

/// Reads `text`; errors carry `input`, the whole of what was written.
fn read_text(text: &str, input: &str) -> Result<Reading, WhenError> {
    reader::read(&words::tokenize(text)).map_err(|error| match error {
        ReadError::NotUnderstood => WhenError::NotUnderstood(input.to_owned()),
        ReadError::NoSuchDate => WhenError::NoSuchDate(input.to_owned()),
    })
}

/// The time of day to use, and whether it falls on the day after the one written
/// (`ce soir 0h30`): the time written, moved to the afternoon by `soir`/`après-midi`,
/// or 20:00 for `tonight` alone.
fn clock(reading: &Reading) -> Option<(NaiveTime, bool)> {
    let evening = reading.part == Some(Part::Evening);
    let time = match reading.time {
        Some(time) => time,
        None if evening => TimeOfDay {
            hour: 20,
            minute: 0,
            half_given: true,
        },
        None => return None,
    };
    let later = matches!(reading.part, Some(Part::Afternoon | Part::Evening));
    let hour = match time.hour {
        hour @ 1..=11 if later && !time.half_given => hour + 12,
        hour => hour,
    };
    let next_day = evening && hour == 0;
    Some((NaiveTime::from_hms_opt(hour, time.minute, 0)?, next_day))
}

/// Splits a zone written at the end (`… Europe/Lisbon`, `… America/New York`, `… UTC`)
/// from the rest. A last word with a `/` and a letter is taken for a zone, and must be one.
fn split_zone(input: &str) -> Result<(&str, Option<Tz>), WhenError> {
    let looks_like_zone = |word: &str| word.contains('/') && word.chars().any(char::is_alphabetic);
    let (rest, last) = last_word(input);
    if looks_like_zone(last) || last.eq_ignore_ascii_case("utc") {
        return match parse_zone(last) {
            Ok(zone) => Ok((rest, Some(zone))),
            Err(_) => Err(WhenError::UnknownZone(last.to_owned())),
        };
    }
    // `America/New York`: a zone name with a space.
    let (before, second) = last_word(rest);
    if looks_like_zone(second) {
        let both = format!("{second} {last}");
        return match parse_zone(&both) {
            Ok(zone) => Ok((before, Some(zone))),
            // `19h Europe/Paris demain`: the zone is not last.
            Err(_) if parse_zone(second).is_ok() => Err(WhenError::NotUnderstood(input.to_owned())),
            Err(_) => Err(WhenError::UnknownZone(both)),
        };
    }
    Ok((input, None))
}

/// `text` without its last word, and that word.
fn last_word(text: &str) -> (&str, &str) {
    match text.rsplit_once(char::is_whitespace) {
        Some((rest, word)) => (rest.trim_end(), word),
        None => ("", text),
    }
}

#[cfg(test)]
mod tests;
