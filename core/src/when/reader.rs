//! Reads tokens into what they say: a day, a time of day, a part of the day, or a delay
//! from now. Pieces may come in any order (`19h demain` = `demain 19h`), each once.

use chrono::{NaiveDate, TimeDelta, Weekday};

use super::duration::{Unit, read_span};
use super::time_of_day::{TimeOfDay, read_time};
use super::words::{self, Part, Token};

/// A day as written, before it is placed on the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Day {
    /// A full date (`2026-12-05`, `5 dec 2026`).
    On(NaiveDate),
    /// A day and month without a year (`5 décembre`).
    Yearless { day: u32, month: u32 },
    /// A day of the month alone (`the 5th`, `le 5`).
    Monthless(u32),
    /// Days counted from today (`tomorrow` = 1, `in 3 days` = 3, `hier` = -1).
    FromToday(i64),
    /// A weekday; `next` excludes today (`next friday`, `vendredi prochain`).
    Weekday { weekday: Weekday, next: bool },
}

/// Everything read from one input.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Reading {
    pub day: Option<Day>,
    /// A weekday written next to a full date (`vendredi 4 décembre`), to be checked.
    pub weekday_check: Option<Weekday>,
    pub time: Option<TimeOfDay>,
    pub part: Option<Part>,
    /// A delay from now (`in 2 hours`, `dans 30 minutes`); then nothing else is read.
    pub after: Option<TimeDelta>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ReadError {
    NotUnderstood,
    /// The words make a date that the calendar does not have (`31 février`).
    NoSuchDate,
}

/// Reads all of `tokens`; any token left unread makes the whole not understood.
pub(super) fn read(tokens: &[Token]) -> Result<Reading, ReadError> {
    let mut reading = Reading::default();
    let mut at = 0;
    // Whether the previous piece allows a number alone to be an hour (`at 7`,
    // `tonight 9`) or a day of the month (`le 5`).
    let (mut bare_hour, mut lone_day) = (false, false);
    while at < tokens.len() {
        let (may_be_hour, may_be_day) = (bare_hour, lone_day);
        (bare_hour, lone_day) = (false, false);
        let rest = &tokens[at..];
        let words: Vec<&str> = rest.iter().map_while(Token::word).collect();

        if let Some(next) = read_in(tokens, at, &mut reading)? {
            at = next;
        } else if let Some((day, next)) = read_date(tokens, at)? {
            set_day(&mut reading, day)?;
            at = next;
        } else if let Some((days, used)) = words::days_from_today(&words) {
            set_day(&mut reading, Day::FromToday(days))?;
            at += used;
        } else if let Some((day, next)) = read_weekday(at, &words) {
            set_day(&mut reading, day)?;
            // An abbreviation's dot, as dates are written in French (`ven. 5 déc.`).
            at = next + usize::from(tokens.get(next) == Some(&Token::Sym('.')));
        } else if let Some((part, used)) = words::part_of_day(&words) {
            set_once(&mut reading.part, part)?;
            bare_hour = true;
            at += used;
        } else if let Some((time, next)) = read_time(tokens, at, may_be_hour) {
            set_once(&mut reading.time, time)?;
            at = next;
        } else if let Some((day, next)) = read_day_of_month(tokens, at, may_be_day) {
            set_day(&mut reading, day)?;
            at = next;
        } else if let Some(word) = words.first().filter(|w| words::is_filler(w)) {
            bare_hour = words::introduces_an_hour(word);
            lone_day = words::introduces_a_day(word);
            at += 1;
        } else if rest.first() == Some(&Token::Sym(',')) {
            at += 1;
        } else {
            return Err(ReadError::NotUnderstood);
        }
    }
    let something = reading.day.is_some() || reading.time.is_some() || reading.part.is_some();
    if reading.after.is_some() && something {
        return Err(ReadError::NotUnderstood);
    }
    Ok(reading)
}

fn set_once<T>(slot: &mut Option<T>, value: T) -> Result<(), ReadError> {
    match slot {
        Some(_) => Err(ReadError::NotUnderstood),
        None => {
            *slot = Some(value);
            Ok(())
        }
    }
}

/// Sets the day; a plain weekday next to a date becomes a check on that date.
fn set_day(reading: &mut Reading, day: Day) -> Result<(), ReadError> {
    let is_date = |day: &Day| matches!(day, Day::On(_) | Day::Yearless { .. } | Day::Monthless(_));
    match (reading.day, day) {
        (None, day) => reading.day = Some(day),
        (
            Some(Day::Weekday {
                weekday,
                next: false,
            }),
            date,
        ) if is_date(&date) => {
            reading.day = Some(date);
            set_once(&mut reading.weekday_check, weekday)?;
        }
        (
            Some(date),
            Day::Weekday {
                weekday,
                next: false,
            },
        ) if is_date(&date) => {
            set_once(&mut reading.weekday_check, weekday)?;
        }
        _ => return Err(ReadError::NotUnderstood),
    }
    Ok(())
}

/// `in 3 days`, `dans 2 semaines` (a day); `in 2 hours`, `dans 1h30` (a delay).
fn read_in(tokens: &[Token], at: usize, reading: &mut Reading) -> Result<Option<usize>, ReadError> {
    let opens = tokens.get(at).and_then(Token::word);
    if !opens.is_some_and(|w| w == "in" || w == "dans") {
        return Ok(None);
    }
    if let Some((span, next)) = read_span(tokens, at + 1, Unit::Weeks, Unit::Days) {
        set_day(reading, Day::FromToday(span.minutes / (24 * 60)))?;
        return Ok(Some(next));
    }
    if let Some((span, next)) = read_span(tokens, at + 1, Unit::Hours, Unit::Minutes) {
        set_once(&mut reading.after, span.delta())?;
        return Ok(Some(next));
    }
    Ok(None)
}

/// A day of the month: 1 to 31 written in one or two digits.
fn day_number(tokens: &[Token], at: usize) -> Option<u32> {
    match tokens.get(at)? {
        &Token::Num {
            value,
            digits: 1 | 2,
        } if (1..=31).contains(&value) => Some(value),
        _ => None,
    }
}

fn year_number(tokens: &[Token], at: usize) -> Option<i32> {
    match tokens.get(at)? {
        &Token::Num { value, digits: 4 } => i32::try_from(value).ok(),
        _ => None,
    }
}

/// A month word at `tokens[at]`, with an optional abbreviation dot.
fn month_word(tokens: &[Token], at: usize) -> Option<(u32, usize)> {
    let month = words::month(tokens.get(at).and_then(Token::word)?)?;
    match tokens.get(at + 1) {
        Some(Token::Sym('.')) => Some((month, at + 2)),
        _ => Some((month, at + 1)),
    }
}

/// An ordinal ending after a day number (`5th`, `1er`), if any.
fn skip_ordinal(tokens: &[Token], at: usize) -> (bool, usize) {
    match tokens.get(at).and_then(Token::word) {
        Some(word) if words::is_ordinal_suffix(word) => (true, at + 1),
        _ => (false, at),
    }
}

/// Whether `tokens[at]` starts a time rather than ending a date (`5 dec 19:00`).
fn time_follows(tokens: &[Token], at: usize) -> bool {
    matches!(tokens.get(at + 1), Some(Token::Sym(':' | '.')))
        || tokens
            .get(at + 1)
            .and_then(Token::word)
            .is_some_and(|w| matches!(w, "h" | "heure" | "heures" | "am" | "pm"))
}

/// A date with a month: ISO `2026-12-05`, `5 décembre [2026]`, `december 5[th][, 2026]`.
fn read_date(tokens: &[Token], at: usize) -> Result<Option<(Day, usize)>, ReadError> {
    if let Some(found) = read_iso(tokens, at)? {
        return Ok(Some(found));
    }
    // 5 décembre, 5th of december
    if let Some(day) = day_number(tokens, at) {
        let (_, mut next) = skip_ordinal(tokens, at + 1);
        if tokens.get(next).and_then(Token::word) == Some("of") {
            next += 1;
        }
        if let Some((month, next)) = month_word(tokens, next) {
            return with_year(tokens, next, day, month).map(Some);
        }
    }
    // december 5, dec 5th 2026; not `mar. 16 juil.`, where `mar` is mardi (Tuesday)
    if let Some((month, next)) = month_word(tokens, at)
        && let Some(day) = day_number(tokens, next)
        && !time_follows(tokens, next)
        && month_word(tokens, skip_ordinal(tokens, next + 1).1).is_none()
    {
        let (_, mut next) = skip_ordinal(tokens, next + 1);
        if tokens.get(next) == Some(&Token::Sym(',')) && year_number(tokens, next + 1).is_some() {
            next += 1;
        }
        return with_year(tokens, next, day, month).map(Some);
    }
    Ok(None)
}

/// The day and month read so far, with the year at `tokens[at]` if one is written there.
fn with_year(tokens: &[Token], at: usize, day: u32, month: u32) -> Result<(Day, usize), ReadError> {
    match year_number(tokens, at) {
        Some(year) if !time_follows(tokens, at) => {
            let date = NaiveDate::from_ymd_opt(year, month, day).ok_or(ReadError::NoSuchDate)?;
            Ok((Day::On(date), at + 1))
        }
        _ => {
            // February 29th exists in some years: it is checked once the year is chosen.
            let leap_year = 2000;
            NaiveDate::from_ymd_opt(leap_year, month, day).ok_or(ReadError::NoSuchDate)?;
            Ok((Day::Yearless { day, month }, at))
        }
    }
}

/// `2026-12-05`, optionally followed by the `T` of `2026-12-05T19:00`.
fn read_iso(tokens: &[Token], at: usize) -> Result<Option<(Day, usize)>, ReadError> {
    let Some(year) = year_number(tokens, at) else {
        return Ok(None);
    };
    let part = |offset: usize| match (tokens.get(at + offset - 1), tokens.get(at + offset)) {
        (
            Some(Token::Sym('-')),
            Some(&Token::Num {
                value,
                digits: 1 | 2,
            }),
        ) => Some(value),
        _ => None,
    };
    let (Some(month), Some(day)) = (part(2), part(4)) else {
        return Ok(None);
    };
    let date = NaiveDate::from_ymd_opt(year, month, day).ok_or(ReadError::NoSuchDate)?;
    let next = match tokens.get(at + 5).and_then(Token::word) {
        Some("t") => at + 6,
        _ => at + 5,
    };
    Ok(Some((Day::On(date), next)))
}

/// `friday`, `next friday`, `vendredi prochain`, `prochain vendredi`.
fn read_weekday(at: usize, words: &[&str]) -> Option<(Day, usize)> {
    let (weekday, used) = match words {
        [first, second, ..] if words::is_next(first) => (words::weekday(second)?, 2),
        [first, ..] => (words::weekday(first)?, 1),
        [] => return None,
    };
    let next_after = words.get(used).is_some_and(|w| words::is_next(w));
    let next = used == 2 || next_after;
    let used = used + usize::from(next_after);
    Some((Day::Weekday { weekday, next }, at + used))
}

/// `the 5th`, `le 5`, `5th`, `le 1er`: a day of the month alone, when an article or an
/// ordinal ending says it is one.
fn read_day_of_month(tokens: &[Token], at: usize, after_article: bool) -> Option<(Day, usize)> {
    let day = day_number(tokens, at)?;
    let (ordinal, next) = skip_ordinal(tokens, at + 1);
    (ordinal || after_article).then_some((Day::Monthless(day), next))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::when::words::tokenize;

    fn read_text(input: &str) -> Result<Reading, ReadError> {
        read(&tokenize(input))
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_pieces_may_come_in_any_order() {
        assert_eq!(read_text("19h demain"), read_text("demain 19h"));
        assert_eq!(
            read_text("19h demain").unwrap().day,
            Some(Day::FromToday(1))
        );
    }

    #[test]
    fn a_month_abbreviation_that_is_also_a_weekday_is_a_month_next_to_a_day() {
        let day = |input| read_text(input).unwrap().day;
        assert_eq!(day("5 mar 19h"), Some(Day::Yearless { day: 5, month: 3 }));
        assert_eq!(day("mar 5 19h"), Some(Day::Yearless { day: 5, month: 3 }));
        assert_eq!(
            day("mar 19h"),
            Some(Day::Weekday {
                weekday: Weekday::Tue,
                next: false
            })
        );
    }

    #[test]
    fn a_weekday_next_to_a_date_is_kept_as_a_check() {
        let reading = read_text("vendredi 4 décembre 2026 19h").unwrap();
        assert_eq!(reading.day, Some(Day::On(date(2026, 12, 4))));
        assert_eq!(reading.weekday_check, Some(Weekday::Fri));
    }

    #[test]
    fn two_days_or_two_times_are_not_understood() {
        for input in [
            "demain vendredi 19h",
            "19h 20h",
            "in 2 hours tomorrow",
            "ce soir soir",
        ] {
            assert_eq!(read_text(input), Err(ReadError::NotUnderstood), "{input}");
        }
    }

    #[test]
    fn a_day_the_calendar_never_has_is_no_such_date() {
        for input in [
            "31 février",
            "2026-02-30",
            "30 feb",
            "2026-13-01",
            "29 feb 2027",
        ] {
            assert_eq!(read_text(input), Err(ReadError::NoSuchDate), "{input}");
        }
        assert_eq!(
            read_text("29 février").unwrap().day,
            Some(Day::Yearless { day: 29, month: 2 })
        );
    }
}
