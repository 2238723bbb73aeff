//! Times of day as written in English and French: `19:00`, `19h`, `19h30`, `19 h 30`,
//! `7pm`, `7 pm`, `7:30pm`, `7.30pm`, `noon`, `midnight`, `midi`, `minuit`.
//!
//! Without `am`/`pm` the clock has 24 hours: `at 7` is 07:00, `at 19` is 19:00. Hours go
//! from 0 to 23 and minutes from 0 to 59; anything else is not a time.

use super::words::{self, Token};

/// A time of day as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct TimeOfDay {
    pub hour: u32,
    pub minute: u32,
    /// Whether the words said which half of the day (`pm`, `noon`, `minuit`), so that
    /// `tonight` must not move it to the evening.
    pub half_given: bool,
}

impl TimeOfDay {
    fn new(hour: u32, minute: u32, half_given: bool) -> Option<Self> {
        (hour < 24 && minute < 60).then_some(TimeOfDay {
            hour,
            minute,
            half_given,
        })
    }
}

/// Reads a time starting at `tokens[at]`, and returns it with the index of the token
/// after it. A number alone is an hour only when `bare_hour` (after `at` or `à`).
pub(super) fn read_time(
    tokens: &[Token],
    at: usize,
    bare_hour: bool,
) -> Option<(TimeOfDay, usize)> {
    match tokens.get(at)? {
        Token::Word(word) => named(word).map(|time| (time, at + 1)),
        &Token::Num {
            value: hour,
            digits,
        } if digits <= 2 => numeric(tokens, at + 1, hour, bare_hour),
        _ => None,
    }
}

/// `noon`, `midi`, `midnight`, `minuit`.
fn named(word: &str) -> Option<TimeOfDay> {
    match word {
        "noon" | "midday" | "midi" => TimeOfDay::new(12, 0, true),
        "midnight" | "minuit" => TimeOfDay::new(0, 0, true),
        _ => None,
    }
}

/// What follows an hour written in digits, from `tokens[at]`.
fn numeric(tokens: &[Token], at: usize, hour: u32, bare_hour: bool) -> Option<(TimeOfDay, usize)> {
    match tokens.get(at) {
        Some(Token::Sym(':')) => {
            let (minute, after) = two_digit_minutes(tokens, at + 1)?;
            // `19:00:00`, as computers write it: whole minutes only.
            let after = match (tokens.get(after), tokens.get(after + 1)) {
                (
                    Some(Token::Sym(':')),
                    Some(Token::Num {
                        value: 0,
                        digits: 2,
                    }),
                ) => after + 2,
                (Some(Token::Sym(':')), _) => return None,
                _ => after,
            };
            with_meridiem(tokens, after, hour, minute, false)
        }
        Some(Token::Sym('.')) => {
            let (minute, after) = two_digit_minutes(tokens, at + 1)?;
            with_meridiem(tokens, after, hour, minute, true)
        }
        Some(Token::Word(word)) if matches!(word.as_str(), "h" | "heure" | "heures") => {
            match two_digit_minutes(tokens, at + 1) {
                // `19h 5 décembre`: the number is a day, not minutes.
                Some((_, after)) if starts_a_month(tokens, after) => {
                    Some((TimeOfDay::new(hour, 0, false)?, at + 1))
                }
                Some((minute, after)) => Some((TimeOfDay::new(hour, minute, false)?, after)),
                None => Some((TimeOfDay::new(hour, 0, false)?, at + 1)),
            }
        }
        _ => match meridiem(tokens, at) {
            Some(_) => with_meridiem(tokens, at, hour, 0, true),
            None if bare_hour => Some((TimeOfDay::new(hour, 0, false)?, at)),
            None => None,
        },
    }
}

fn starts_a_month(tokens: &[Token], at: usize) -> bool {
    tokens
        .get(at)
        .and_then(Token::word)
        .and_then(words::month)
        .is_some()
}

fn two_digit_minutes(tokens: &[Token], at: usize) -> Option<(u32, usize)> {
    match tokens.get(at)? {
        &Token::Num { value, digits: 2 } => Some((value, at + 1)),
        _ => None,
    }
}

/// `hour:minute`, then `am` or `pm` if written (required when `needed`).
fn with_meridiem(
    tokens: &[Token],
    at: usize,
    hour: u32,
    minute: u32,
    needed: bool,
) -> Option<(TimeOfDay, usize)> {
    match meridiem(tokens, at) {
        Some((pm, after)) => {
            if !(1..=12).contains(&hour) {
                return None;
            }
            let hour = match (hour, pm) {
                (12, false) => 0,
                (12, true) => 12,
                (hour, true) => hour + 12,
                (hour, false) => hour,
            };
            Some((TimeOfDay::new(hour, minute, true)?, after))
        }
        None if needed => None,
        None => Some((TimeOfDay::new(hour, minute, false)?, at)),
    }
}

/// `am`, `pm`, `a.m.`, `p.m.`: whether it is pm, and the index after it.
fn meridiem(tokens: &[Token], at: usize) -> Option<(bool, usize)> {
    let word = tokens.get(at).and_then(Token::word)?;
    match word {
        "am" => return Some((false, at + 1)),
        "pm" => return Some((true, at + 1)),
        "a" | "p" => {}
        _ => return None,
    }
    let dotted = matches!(tokens.get(at + 1), Some(Token::Sym('.')))
        && tokens.get(at + 2).and_then(Token::word) == Some("m");
    if !dotted {
        return None;
    }
    let after = match tokens.get(at + 3) {
        Some(Token::Sym('.')) => at + 4,
        _ => at + 3,
    };
    Some((word == "p", after))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::when::words::tokenize;

    /// The time read from the whole of `input`, as `(hour, minute)`.
    fn time(input: &str, bare_hour: bool) -> Option<(u32, u32)> {
        let tokens = tokenize(input);
        let (time, after) = read_time(&tokens, 0, bare_hour)?;
        (after == tokens.len()).then_some((time.hour, time.minute))
    }

    #[test]
    fn every_way_of_writing_a_time_is_read() {
        let table = [
            ("19:00", (19, 0)),
            ("19h", (19, 0)),
            ("19h30", (19, 30)),
            ("19 h 30", (19, 30)),
            ("19 heures 30", (19, 30)),
            ("7pm", (19, 0)),
            ("7 pm", (19, 0)),
            ("7:30pm", (19, 30)),
            ("7.30pm", (19, 30)),
            ("7 p.m.", (19, 0)),
            ("12am", (0, 0)),
            ("12pm", (12, 0)),
            ("9am", (9, 0)),
            ("0:15", (0, 15)),
            ("19:00:00", (19, 0)),
            ("noon", (12, 0)),
            ("midnight", (0, 0)),
            ("midi", (12, 0)),
            ("minuit", (0, 0)),
        ];
        for (input, expected) in table {
            assert_eq!(time(input, false), Some(expected), "{input}");
        }
    }

    #[test]
    fn a_bare_hour_is_on_the_24_hour_clock_only_after_at() {
        assert_eq!(time("7", true), Some((7, 0)));
        assert_eq!(time("19", true), Some((19, 0)));
        assert_eq!(time("7", false), None);
    }

    #[test]
    fn impossible_hours_and_minutes_are_not_times() {
        for input in [
            "25h", "24:00", "19:60", "19:5", "13pm", "0am", "7.30", "123h",
        ] {
            assert_eq!(time(input, false), None, "{input}");
        }
    }

    #[test]
    fn minutes_are_not_taken_from_a_following_day_of_the_month() {
        let tokens = tokenize("19h 05 décembre");
        let (time, after) = read_time(&tokens, 0, false).unwrap();
        assert_eq!((time.hour, time.minute, after), (19, 0, 2));
    }
}
