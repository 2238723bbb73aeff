//! Lengths of time: `1h30`, `90min`, `45 min`, `1 h 30`, `2 hours`, `1 heure 30`,
//! `3 days`, `deux semaines`.
//!
//! A length is a list of counts with units, largest unit first, each unit once; a number
//! right after hours is minutes (`1h30`). `and`/`et` may join the parts.

use chrono::TimeDelta;

use super::words::{self, Token};

/// The units a length may use, largest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Unit {
    Weeks,
    Days,
    Hours,
    Minutes,
}

impl Unit {
    fn named(word: &str) -> Option<Unit> {
        Some(match word {
            "w" | "wk" | "wks" | "week" | "weeks" | "sem" | "semaine" | "semaines" => Unit::Weeks,
            "d" | "day" | "days" | "j" | "jour" | "jours" => Unit::Days,
            "h" | "hr" | "hrs" | "hour" | "hours" | "heure" | "heures" => Unit::Hours,
            "m" | "min" | "mins" | "minute" | "minutes" | "mn" => Unit::Minutes,
            _ => return None,
        })
    }

    fn minutes(self) -> i64 {
        match self {
            Unit::Weeks => 7 * 24 * 60,
            Unit::Days => 24 * 60,
            Unit::Hours => 60,
            Unit::Minutes => 1,
        }
    }
}

/// More than anyone means (about 1900 years), and well within what dates can count.
const MOST_MINUTES: i64 = 1_000_000_000;

/// A length as read: its total in minutes and the smallest unit it used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Span {
    pub minutes: i64,
    pub smallest: Unit,
}

impl Span {
    pub(super) fn delta(self) -> TimeDelta {
        TimeDelta::minutes(self.minutes)
    }
}

/// Reads a length at `tokens[at]` using only units from `largest` to `smallest`, and
/// returns it with the index after it; `None` when no unit follows the first count.
pub(super) fn read_span(
    tokens: &[Token],
    at: usize,
    largest: Unit,
    smallest: Unit,
) -> Option<(Span, usize)> {
    let mut at = at;
    let mut total: i64 = 0;
    let mut last: Option<Unit> = None;
    loop {
        if last.is_some()
            && tokens
                .get(at)
                .and_then(Token::word)
                .is_some_and(|w| w == "and" || w == "et")
        {
            at += 1;
        }
        let Some((count, after_count)) = count(tokens, at) else {
            break;
        };
        let unit = match tokens
            .get(after_count)
            .and_then(Token::word)
            .and_then(Unit::named)
        {
            Some(unit) => unit,
            // `1h30`: a number right after hours is minutes.
            None if last == Some(Unit::Hours)
                && smallest >= Unit::Minutes
                && matches!(tokens.get(at), Some(Token::Num { digits: 2, .. }))
                && count < 60 =>
            {
                total += count;
                last = Some(Unit::Minutes);
                at = after_count;
                break;
            }
            None => break,
        };
        let in_order = last.is_none_or(|last| unit > last);
        if !in_order || unit < largest || unit > smallest {
            break;
        }
        total = total.checked_add(count.checked_mul(unit.minutes())?)?;
        if total > MOST_MINUTES {
            return None;
        }
        last = Some(unit);
        at = after_count + 1;
    }
    let smallest = last?;
    Some((
        Span {
            minutes: total,
            smallest,
        },
        at,
    ))
}

/// A count: digits, or a number in words (`two`, `deux`, `une`).
fn count(tokens: &[Token], at: usize) -> Option<(i64, usize)> {
    match tokens.get(at)? {
        &Token::Num { value, digits } if digits <= 6 => Some((i64::from(value), at + 1)),
        Token::Word(word) => words::number_word(word).map(|n| (i64::from(n), at + 1)),
        _ => None,
    }
}

/// Reads a duration: `1h30`, `1h30m`, `90m`, `90min`, `2h`, `45 min`, `1 h 30`, `2 hours`,
/// `1 heure 30`, `30 minutes`. `None` when not a positive duration of at most 7 days.
pub fn parse_duration(input: &str) -> Option<TimeDelta> {
    let tokens = words::tokenize(input);
    let (span, after) = read_span(&tokens, 0, Unit::Weeks, Unit::Minutes)?;
    let fits = after == tokens.len() && span.minutes > 0 && span.minutes <= 7 * 24 * 60;
    fits.then(|| span.delta())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn minutes(m: i64) -> Option<TimeDelta> {
        Some(TimeDelta::minutes(m))
    }

    #[test]
    fn every_listed_way_of_writing_a_duration_is_read() {
        let table = [
            ("1h30", minutes(90)),
            ("1h30m", minutes(90)),
            ("1h30min", minutes(90)),
            ("90m", minutes(90)),
            ("90min", minutes(90)),
            ("2h", minutes(120)),
            ("45 min", minutes(45)),
            ("1 h 30", minutes(90)),
            ("2 hours", minutes(120)),
            ("1 hour and 15 minutes", minutes(75)),
            ("1 heure 30", minutes(90)),
            ("2 heures et 15 minutes", minutes(135)),
            ("une heure", minutes(60)),
            ("30 minutes", minutes(30)),
            ("  2H  ", minutes(120)),
            ("3 days", minutes(3 * 24 * 60)),
            ("1 semaine", minutes(7 * 24 * 60)),
            ("1j 2h", minutes(26 * 60)),
        ];
        for (input, expected) in table {
            assert_eq!(parse_duration(input), expected, "{input}");
        }
    }

    #[test]
    fn nothing_zero_too_long_or_garbled_is_a_duration() {
        for input in [
            "",
            "0h",
            "0 min",
            "90",
            "blah",
            "8 days",
            "2 weeks",
            "1h30 blah",
            "30m 1h",
            "1h 2h",
            "-1h",
            "1h90",
            "99999999999 min",
            "h30",
        ] {
            assert_eq!(parse_duration(input), None, "{input}");
        }
    }

    proptest::proptest! {
        /// Every positive duration up to a week, written the ways the docs list, reads
        /// back as itself.
        #[test]
        fn a_written_duration_reads_back(total in 1i64..=7 * 24 * 60, style in 0..4) {
            let (h, m) = (total / 60, total % 60);
            let written = match (style, h, m) {
                (0, _, _) => format!("{total}min"),
                (1, 0, m) | (2, 0, m) => format!("{m} minutes"),
                (1, h, 0) => format!("{h}h"),
                (1, h, m) => format!("{h}h{m:02}"),
                (2, h, 0) => format!("{h} heures"),
                (2, h, m) => format!("{h} heures et {m} minutes"),
                _ => format!("{total} min"),
            };
            proptest::prop_assert_eq!(parse_duration(&written), minutes(total), "{}", written);
        }
    }
}
