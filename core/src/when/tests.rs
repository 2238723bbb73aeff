//! Reading whole inputs: shared helpers, zones, weekdays, summer time and refusals. The
//! English and French tables are in `tests/`.

mod dates;
mod english;
mod french;

use super::*;
use chrono::{Offset, TimeDelta, TimeZone};
use chrono_tz::{America, Australia, Europe};

/// Monday 2 March 2026, 09:00 UTC: 10:00 in Paris.
pub(super) fn monday() -> DateTime<Utc> {
    utc("2026-03-02 09:00:00")
}

pub(super) fn utc(text: &str) -> DateTime<Utc> {
    let naive = NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").unwrap();
    Utc.from_utc_datetime(&naive)
}

pub(super) fn local(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
}

/// Each input, read on `now` in Paris, starts at the expected wall-clock time in its zone.
pub(super) fn check_all(now: DateTime<Utc>, table: &[(&str, &str)]) {
    for &(input, expected) in table {
        let understood = parse_when(input, now, Europe::Paris)
            .unwrap_or_else(|error| panic!("{input:?} on {now}: {error:?}"));
        assert_eq!(
            understood.start.naive_local(),
            local(expected),
            "{input:?} on {now}"
        );
        assert_eq!(understood.start.timezone(), understood.zone, "{input:?}");
    }
}

fn refused(input: &str) -> WhenError {
    parse_when(input, monday(), Europe::Paris).unwrap_err()
}

fn offset_hours(start: DateTime<Tz>) -> i32 {
    start.offset().fix().local_minus_utc() / 3600
}

#[test]
fn a_time_alone_is_today_while_ahead_else_tomorrow() {
    check_all(
        monday(),
        &[
            ("19:00", "2026-03-02 19:00"),
            ("19h", "2026-03-02 19:00"),
            ("9:00", "2026-03-03 09:00"),
            ("10:00", "2026-03-03 10:00"),
            ("10:01", "2026-03-02 10:01"),
        ],
    );
}

#[test]
fn today_is_today_in_the_zone_not_in_utc() {
    // 23:30 UTC on Monday is already Tuesday in Paris.
    check_all(
        utc("2026-03-02 23:30:00"),
        &[
            ("19:00", "2026-03-03 19:00"),
            ("tomorrow 9am", "2026-03-04 09:00"),
        ],
    );
    // 03:00 UTC on Monday is still Sunday evening in Montreal.
    let understood = parse_when(
        "tomorrow 10am America/Montreal",
        utc("2026-03-02 03:00:00"),
        Europe::Paris,
    )
    .unwrap();
    assert_eq!(understood.start.naive_local(), local("2026-03-02 10:00"));
}

#[test]
fn a_weekday_is_today_only_while_its_time_is_ahead_and_next_never_is() {
    // Friday 6 March 2026, 18:00 in Paris.
    let friday = utc("2026-03-06 17:00:00");
    check_all(
        friday,
        &[
            ("friday 19:30", "2026-03-06 19:30"),
            ("vendredi 19h30", "2026-03-06 19:30"),
            ("friday 17:00", "2026-03-13 17:00"),
            ("friday 18:00", "2026-03-13 18:00"),
            ("next friday 19:30", "2026-03-13 19:30"),
            ("vendredi prochain 19h30", "2026-03-13 19:30"),
            ("saturday 10am", "2026-03-07 10:00"),
            ("next saturday 10am", "2026-03-07 10:00"),
            ("thursday 10am", "2026-03-12 10:00"),
        ],
    );
    // Sunday 8 March 2026, 23:00 in Paris.
    check_all(
        utc("2026-03-08 22:00:00"),
        &[
            ("monday 10am", "2026-03-09 10:00"),
            ("dim 23h30", "2026-03-08 23:30"),
        ],
    );
}

#[test]
fn a_zone_written_last_is_the_zone_the_time_is_read_in() {
    let table = [
        ("19:00 Europe/Lisbon", Europe::Lisbon, "2026-03-02 19:00", 0),
        (
            "demain 19h America/Montreal",
            America::Montreal,
            "2026-03-03 19:00",
            -5,
        ),
        (
            "tomorrow 7pm america/new york",
            America::New_York,
            "2026-03-03 19:00",
            -5,
        ),
        ("19:00 UTC", Tz::UTC, "2026-03-02 19:00", 0),
        (
            "in 2 hours Europe/Lisbon",
            Europe::Lisbon,
            "2026-03-02 11:00",
            0,
        ),
    ];
    for (input, zone, expected, offset) in table {
        let understood = parse_when(input, monday(), Europe::Paris).unwrap();
        assert_eq!(understood.zone, zone, "{input}");
        assert!(understood.explicit_zone, "{input}");
        assert_eq!(understood.start.naive_local(), local(expected), "{input}");
        assert_eq!(offset_hours(understood.start), offset, "{input}");
    }
    let default = parse_when("19:00", monday(), Europe::Paris).unwrap();
    assert_eq!(
        (default.zone, default.explicit_zone),
        (Europe::Paris, false)
    );
}

#[test]
fn a_delay_is_counted_from_now_down_to_the_minute() {
    let now = utc("2026-03-02 09:00:45");
    let understood = parse_when("in 2 hours", now, Europe::Paris).unwrap();
    assert_eq!(understood.start, utc("2026-03-02 11:00:00"));
    let understood = parse_when("dans 1h30", now, Europe::Paris).unwrap();
    assert_eq!(understood.start, utc("2026-03-02 10:30:00"));
}

#[test]
fn wall_clock_times_across_summer_time_changes_follow_the_rule() {
    use Adjustment::{AmbiguousFold, SkippedGap};
    let gap = |asked: &str, used: &str| {
        Some(SkippedGap {
            asked: local(asked),
            used: local(used),
        })
    };
    let fold = |asked: &str| {
        Some(AmbiguousFold {
            asked: local(asked),
        })
    };
    let table = [
        (
            "2026-03-29 02:30",
            "2026-03-29 03:30",
            2,
            gap("2026-03-29 02:30", "2026-03-29 03:30"),
        ),
        (
            "29 mars 2h30",
            "2026-03-29 03:30",
            2,
            gap("2026-03-29 02:30", "2026-03-29 03:30"),
        ),
        (
            "2026-10-25 02:30",
            "2026-10-25 02:30",
            2,
            fold("2026-10-25 02:30"),
        ),
        ("2026-10-25 03:00", "2026-10-25 03:00", 1, None),
        (
            "2026-03-08 02:30 America/Montreal",
            "2026-03-08 03:30",
            -4,
            gap("2026-03-08 02:30", "2026-03-08 03:30"),
        ),
        (
            "2026-11-01 01:30 America/Montreal",
            "2026-11-01 01:30",
            -4,
            fold("2026-11-01 01:30"),
        ),
        (
            "2026-04-05 02:30 Australia/Sydney",
            "2026-04-05 02:30",
            11,
            fold("2026-04-05 02:30"),
        ),
        (
            "2026-10-04 02:30 Australia/Sydney",
            "2026-10-04 03:30",
            11,
            gap("2026-10-04 02:30", "2026-10-04 03:30"),
        ),
        (
            "2026-10-04 01:30 Australia/Sydney",
            "2026-10-04 01:30",
            10,
            None,
        ),
    ];
    for (input, expected, offset, adjustment) in table {
        let understood = parse_when(input, monday(), Europe::Paris).unwrap();
        assert_eq!(understood.start.naive_local(), local(expected), "{input}");
        assert_eq!(offset_hours(understood.start), offset, "{input}");
        assert_eq!(understood.adjustment, adjustment, "{input}");
    }
    assert_eq!(Australia::Sydney.name(), "Australia/Sydney");
}

#[test]
fn a_time_on_a_weekday_that_falls_in_the_gap_is_adjusted_too() {
    // Saturday 28 March 2026 in Paris: "sunday 2:30" is in the gap.
    let understood = parse_when("sunday 2:30", utc("2026-03-28 12:00:00"), Europe::Paris).unwrap();
    assert_eq!(understood.start.naive_local(), local("2026-03-29 03:30"));
    assert!(matches!(
        understood.adjustment,
        Some(Adjustment::SkippedGap { .. })
    ));
}

#[test]
fn nothing_written_is_empty() {
    assert_eq!(refused(""), WhenError::Empty);
    assert_eq!(refused("   "), WhenError::Empty);
}

#[test]
fn an_unknown_zone_is_refused_by_name() {
    assert_eq!(
        refused("19:00 Mars/Base"),
        WhenError::UnknownZone("Mars/Base".into())
    );
    assert_eq!(
        refused("demain 19h America/Nowhere Town"),
        WhenError::UnknownZone("America/Nowhere Town".into())
    );
}

#[test]
fn dates_the_calendar_does_not_have_are_refused() {
    for input in [
        "31 février 19h",
        "2026-02-30 10:00",
        "31 april 7pm",
        "29 feb 2027 10:00",
    ] {
        assert_eq!(
            refused(input),
            WhenError::NoSuchDate(input.into()),
            "{input}"
        );
    }
}

#[test]
fn what_cannot_be_read_is_not_understood() {
    for input in [
        "blah",
        "25h",
        "24:00",
        "19:60",
        "13pm",
        "5/12/2026 19h",
        "19h 20h",
        "demain vendredi 19h",
        "Europe/Paris",
        "19h Europe/Paris demain",
        "in 2 hours tomorrow",
        "at",
        "32 décembre 19h",
        "vendredi 5 mars 19h",
        "2026 19h",
        "in 999999 weeks at 10am",
    ] {
        assert_eq!(
            refused(input),
            WhenError::NotUnderstood(input.into()),
            "{input}"
        );
    }
    assert_eq!(refused("  blah  "), WhenError::NotUnderstood("blah".into()));
}

#[test]
fn a_day_without_a_time_is_missing_its_time() {
    for input in [
        "friday",
        "le 5 décembre",
        "demain",
        "in 3 days",
        "2026-12-05",
        "demain matin",
    ] {
        assert_eq!(
            refused(input),
            WhenError::MissingTime(input.into()),
            "{input}"
        );
    }
}

#[test]
fn a_past_instant_is_refused_with_how_it_was_understood() {
    let past = |input: &str| match refused(input) {
        WhenError::InThePast(start) => start.naive_local(),
        other => panic!("{input}: {other:?}"),
    };
    assert_eq!(past("yesterday 10am"), local("2026-03-01 10:00"));
    assert_eq!(past("hier 10h"), local("2026-03-01 10:00"));
    assert_eq!(past("today 8:00"), local("2026-03-02 08:00"));
    // Exactly now is not after now.
    assert_eq!(past("today 10:00"), local("2026-03-02 10:00"));
    // Today's date without a year does not roll over to next year.
    assert_eq!(past("2 mars 9h"), local("2026-03-02 09:00"));
    assert_eq!(past("2020-01-01 10:00"), local("2020-01-01 10:00"));
    // A delay of nothing is now (found by the fuzzer).
    assert_eq!(past("in 0 min"), local("2026-03-02 10:00"));
    assert_eq!(past("dans 0 minutes"), local("2026-03-02 10:00"));
    let evening = utc("2026-03-02 21:00:00");
    assert!(matches!(
        parse_when("tonight", evening, Europe::Paris),
        Err(WhenError::InThePast(_))
    ));
}

/// Words the date reader knows, and some it does not, to build inputs from.
const SOME_WORDS: &[&str] = &[
    "tomorrow",
    "demain",
    "today",
    "ce",
    "soir",
    "tonight",
    "friday",
    "vendredi",
    "next",
    "prochain",
    "at",
    "à",
    "19h",
    "19:00",
    "7pm",
    "12am",
    "24:00",
    "midi",
    "noon",
    "in",
    "dans",
    "2",
    "0",
    "days",
    "jours",
    "5",
    "31",
    "déc.",
    "december",
    "feb",
    "2026",
    "1999",
    "Europe/Paris",
    "UTC",
    "+02:00",
    "h",
    "min",
    "et",
    "and",
    "le",
    "the",
    "-",
    "/",
    ":",
    "9999999999",
];

proptest::proptest! {
    /// Whatever is typed, the readers answer (a start ahead of `now`, a date, or a
    /// reason) and never panic.
    #[test]
    fn any_text_is_read_or_refused(
        words in proptest::collection::vec(proptest::prelude::prop_oneof![
            proptest::sample::select(SOME_WORDS),
            proptest::sample::select(&["\u{a0}", "é", "١٢", "ⅻ", "🎉", "'"][..]),
        ], 0..7),
        noise in "\\PC{0,20}",
        minutes in -10_000_000i64..10_000_000,
    ) {
        let now = monday() + TimeDelta::minutes(minutes);
        for input in [words.join(" "), noise.clone(), format!("{} {noise}", words.join(" "))] {
            if let Ok(understood) = parse_when(&input, now, Europe::Paris) {
                proptest::prop_assert!(understood.start > now, "{:?} on {}", input, now);
            }
            let _ = parse_date(&input, now, Europe::Paris);
            let _ = parse_duration(&input);
        }
    }

    /// An instant as the hub writes it (`Fri 5 Dec 19:00`, `ven. 5 déc. 2027 19:00`)
    /// reads back as the same instant, in either language, in any of these zones, unless
    /// summer time makes the wall-clock time ambiguous.
    #[test]
    fn what_the_hub_writes_it_reads(
        minutes in 0i64..5_000_000,
        ahead in 1i64..(2 * 365 * 24 * 60),
        zone in proptest::sample::select(vec![
            Europe::Paris, America::New_York, Australia::Lord_Howe, chrono_tz::Asia::Kolkata,
        ]),
        french in proptest::bool::ANY,
    ) {
        let now = utc("2024-01-01 00:00:00") + TimeDelta::minutes(minutes);
        let start = (now + TimeDelta::minutes(ahead)).with_second(0).unwrap().with_nanosecond(0).unwrap();
        let local = start.with_timezone(&zone);
        proptest::prop_assume!(start > now);
        proptest::prop_assume!(resolve_local(zone, local.naive_local()).1.is_none());
        let lang = if french { crate::lang::Lang::Fr } else { crate::lang::Lang::En };
        let written = crate::i18n::format_date_time(lang, &local, now);
        let read = parse_when(&written, now, zone);
        proptest::prop_assert_eq!(read.map(|understood| understood.start), Ok(local), "{}", written);
    }
}
