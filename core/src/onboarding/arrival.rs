//! When a newcomer arrives: already here, or a month to come, read from what they type
//! (`déjà là`, `juin`, `June 2027`, `06/2027`, `next month`) and stored as `here` or
//! `2027-06`.

use chrono::{Datelike, NaiveDate};

use crate::lang::Lang;
use crate::text::fold;

/// A newcomer's arrival.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arrival {
    /// Already arrived.
    Here,
    /// Arriving some time in this month (1 to 12).
    Planned { year: i32, month: u32 },
}

/// Why an answer gives no arrival.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ArrivalError {
    /// Neither "already here" nor a month.
    #[error("not an arrival date")]
    Unreadable,
    /// A month already past, or more than [`MAX_YEARS_AHEAD`] years away.
    #[error("arrival month out of range")]
    OutOfRange,
}

/// How far ahead an arrival may be planned.
pub const MAX_YEARS_AHEAD: i32 = 5;

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// Folded answers meaning "already here", in English and French.
const HERE: &[&str] = &[
    "here",
    "already here",
    "i'm here",
    "im here",
    "i am here",
    "i'm already here",
    "i am already here",
    "arrived",
    "already arrived",
    "i've arrived",
    "i have arrived",
    "already",
    "yes",
    "now",
    "ici",
    "deja",
    "deja la",
    "deja ici",
    "je suis la",
    "je suis ici",
    "je suis deja la",
    "je suis arrive",
    "je suis arrivee",
    "je suis deja arrive",
    "je suis deja arrivee",
    "arrive",
    "arrivee",
    "deja arrive",
    "deja arrivee",
    "oui",
    "maintenant",
];

impl Arrival {
    /// The stored form: `here`, or the month as `2027-06`.
    pub fn to_stored(&self) -> String {
        match self {
            Self::Here => "here".to_owned(),
            Self::Planned { year, month } => format!("{year:04}-{month:02}"),
        }
    }

    /// Reads what [`Arrival::to_stored`] wrote; anything else is `None`.
    pub fn from_stored(s: &str) -> Option<Arrival> {
        if s == "here" {
            return Some(Self::Here);
        }
        let (year, month) = s.split_once('-')?;
        let digits = |part: &str, length: usize| {
            part.len() == length && part.bytes().all(|b| b.is_ascii_digit())
        };
        if !digits(year, 4) || !digits(month, 2) {
            return None;
        }
        let month: u32 = month.parse().ok()?;
        (1..=12).contains(&month).then_some(Self::Planned {
            year: year.parse().ok()?,
            month,
        })
    }

    fn planned(index: i32) -> Self {
        Self::Planned {
            year: index.div_euclid(12),
            month: index.rem_euclid(12) as u32 + 1,
        }
    }
}

/// Months counted from year 0, so that the next month is one more.
fn month_index(year: i32, month: u32) -> i32 {
    year * 12 + month as i32 - 1
}

/// Reads an arrival, blind to case and accents: already here (`here`, `déjà là`, `je
/// suis arrivé(e)`, `oui`), or a month (`june`, `juin 2027`, `2027-06`, `6/2027`, `next
/// month`, `ce mois-ci`). A month without a year is its next coming, this month
/// included.
pub fn parse(input: &str, today: NaiveDate) -> Result<Arrival, ArrivalError> {
    let folded = fold(input).replace("(e)", "");
    let words: Vec<&str> = folded
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .map(|word| word.trim_matches('\''))
        .filter(|word| !word.is_empty())
        .collect();
    let phrase = words.join(" ");
    if HERE.contains(&phrase.as_str()) {
        return Ok(Arrival::Here);
    }
    let current = month_index(today.year(), today.month());
    let index = match phrase.as_str() {
        "this month" | "ce mois ci" | "ce mois" => current,
        "next month" | "le mois prochain" | "mois prochain" => current + 1,
        _ => read_month(&words, today)?,
    };
    if index < current || index > current + 12 * MAX_YEARS_AHEAD {
        return Err(ArrivalError::OutOfRange);
    }
    Ok(Arrival::planned(index))
}

/// A month written by name or number, with or without a year, as a month index.
fn read_month(words: &[&str], today: NaiveDate) -> Result<i32, ArrivalError> {
    let words = match words {
        ["in" | "en", rest @ ..] => rest,
        _ => words,
    };
    let next_coming = |month: u32| {
        let year = if month >= today.month() {
            today.year()
        } else {
            today.year() + 1
        };
        month_index(year, month)
    };
    match words {
        [name] | [name, "prochain"] | ["next", name] => {
            crate::when::month_by_name(name).map(next_coming)
        }
        [name, year] => match (crate::when::month_by_name(name), year_number(year)) {
            (Some(month), Some(year)) => Some(month_index(year, month)),
            _ => numeric_month(words[0], words[1]).or_else(|| numeric_month(words[1], words[0])),
        },
        _ => None,
    }
    .ok_or(ArrivalError::Unreadable)
}

/// `2027` as a year: four digits.
fn year_number(word: &str) -> Option<i32> {
    (word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()))
        .then(|| word.parse().ok())
        .flatten()
}

/// A year and a month number (`2027`, `06`) as a month index.
fn numeric_month(year: &str, month: &str) -> Option<i32> {
    let year = year_number(year)?;
    if month.is_empty() || month.len() > 2 || !month.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let month: u32 = month.parse().ok()?;
    (1..=12).contains(&month).then(|| month_index(year, month))
}

/// The month's name for display (`June`, `juin`); empty outside 1 to 12.
pub fn month_name(lang: Lang, month: u32) -> &'static str {
    let names = match lang {
        Lang::En => &MONTHS_EN,
        Lang::Fr => &MONTHS_FR,
    };
    month
        .checked_sub(1)
        .and_then(|index| names.get(index as usize))
        .copied()
        .unwrap_or_default()
}

/// The `count` months after today's month, in order, for choice buttons.
pub fn next_months(today: NaiveDate, count: usize) -> Vec<Arrival> {
    let current = month_index(today.year(), today.month());
    (1..)
        .take(count)
        .map(|ahead| Arrival::planned(current + ahead))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

    fn planned(year: i32, month: u32) -> Result<Arrival, ArrivalError> {
        Ok(Arrival::Planned { year, month })
    }

    /// 15 March 2026.
    fn today() -> NaiveDate {
        day(2026, 3, 15)
    }

    #[test]
    fn already_here_in_english_and_french() {
        for input in [
            "here",
            "Already here",
            "I'm here",
            "I’m here!",
            "i am here",
            "arrived",
            "already",
            "Yes",
            "ici",
            "Déjà là",
            "deja la",
            "je suis là",
            "Je suis arrivé(e)",
            "je suis arrivée",
            "arrivé",
            "arrivée",
            "déjà arrivé",
            "oui",
            "already arrived",
            "now",
            "  NOW. ",
        ] {
            assert_eq!(parse(input, today()), Ok(Arrival::Here), "{input}");
        }
    }

    #[test]
    fn a_month_without_a_year_is_its_next_coming() {
        for input in ["june", "Jun", "juin", "in June", "en juin", "juin prochain"] {
            assert_eq!(parse(input, today()), planned(2026, 6), "{input}");
        }
        assert_eq!(
            parse("march", today()),
            planned(2026, 3),
            "this month counts"
        );
        assert_eq!(parse("février", today()), planned(2027, 2));
        assert_eq!(parse("jan", today()), planned(2027, 1));
    }

    #[test]
    fn months_with_a_year_by_name_or_number() {
        for input in [
            "June 2027",
            "juin 2027",
            "2027-06",
            "06/2027",
            "6/2027",
            "JUIN 2027",
            "2027/6",
        ] {
            assert_eq!(parse(input, today()), planned(2027, 6), "{input}");
        }
    }

    #[test]
    fn abbreviations_and_accents_in_both_languages() {
        for (input, month) in [
            ("sept", 9),
            ("Sept.", 9),
            ("sep", 9),
            ("févr", 2),
            ("fev", 2),
            ("feb", 2),
            ("déc", 12),
            ("Décembre", 12),
            ("août", 8),
            ("aout", 8),
            ("aug", 8),
            ("mai", 5),
            ("may", 5),
            ("juil", 7),
            ("avr", 4),
            ("oct", 10),
            ("nov", 11),
        ] {
            let Ok(Arrival::Planned { month: read, .. }) = parse(input, today()) else {
                panic!("{input} unread");
            };
            assert_eq!(read, month, "{input}");
        }
    }

    #[test]
    fn this_month_and_next_month() {
        for input in ["this month", "ce mois-ci", "Ce mois ci"] {
            assert_eq!(parse(input, today()), planned(2026, 3), "{input}");
        }
        for input in ["next month", "le mois prochain", "mois prochain"] {
            assert_eq!(parse(input, today()), planned(2026, 4), "{input}");
        }
        assert_eq!(parse("next month", day(2026, 12, 31)), planned(2027, 1));
    }

    #[test]
    fn past_months_and_far_futures_are_out_of_range() {
        assert_eq!(parse("2026-02", today()), Err(ArrivalError::OutOfRange));
        assert_eq!(parse("june 2025", today()), Err(ArrivalError::OutOfRange));
        assert_eq!(
            parse("2031-03", today()),
            planned(2031, 3),
            "five years ahead is fine"
        );
        assert_eq!(parse("2031-04", today()), Err(ArrivalError::OutOfRange));
        assert_eq!(parse("2026-03", today()), planned(2026, 3));
    }

    #[test]
    fn anything_else_is_unreadable() {
        for input in [
            "",
            "  ",
            "soon",
            "banana",
            "13/2027",
            "2027-13",
            "2027-00",
            "juin juin",
            "06/27",
            "15/06/2027",
            "2027",
            "june 27",
            "next",
        ] {
            assert_eq!(
                parse(input, today()),
                Err(ArrivalError::Unreadable),
                "{input:?}"
            );
        }
    }

    #[test]
    fn stored_forms_round_trip() {
        for arrival in [
            Arrival::Here,
            Arrival::Planned {
                year: 2027,
                month: 6,
            },
            Arrival::Planned {
                year: 2026,
                month: 12,
            },
            Arrival::Planned {
                year: 2030,
                month: 1,
            },
        ] {
            assert_eq!(Arrival::from_stored(&arrival.to_stored()), Some(arrival));
        }
        assert_eq!(
            Arrival::Planned {
                year: 2027,
                month: 6
            }
            .to_stored(),
            "2027-06"
        );
        assert_eq!(Arrival::Here.to_stored(), "here");
        for junk in [
            "",
            "HERE",
            "2027-6",
            "27-06",
            "2027-13",
            "2027-00",
            "2027-06-01",
            "june",
        ] {
            assert_eq!(Arrival::from_stored(junk), None, "{junk}");
        }
    }

    #[test]
    fn month_names_for_display() {
        assert_eq!(month_name(Lang::En, 6), "June");
        assert_eq!(month_name(Lang::Fr, 6), "juin");
        assert_eq!(month_name(Lang::Fr, 8), "août");
        assert_eq!(month_name(Lang::En, 12), "December");
        assert_eq!(month_name(Lang::En, 0), "");
        assert_eq!(month_name(Lang::Fr, 13), "");
    }

    #[test]
    fn next_months_start_after_this_month_and_cross_the_year() {
        assert_eq!(
            next_months(day(2026, 11, 20), 3),
            [
                Arrival::Planned {
                    year: 2026,
                    month: 12
                },
                Arrival::Planned {
                    year: 2027,
                    month: 1
                },
                Arrival::Planned {
                    year: 2027,
                    month: 2
                },
            ]
        );
        assert!(next_months(today(), 0).is_empty());
        assert_eq!(next_months(today(), 12).len(), 12);
    }
}
