//! `parse_date`: dates alone, read on Monday 2 March 2026 in Paris.

use super::{monday, utc};
use crate::when::{WhenError, parse_date};
use chrono::NaiveDate;
use chrono_tz::{America, Europe};

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

#[test]
fn every_way_of_writing_a_date_is_read() {
    let table = [
        ("2026-12-05", "2026-12-05"),
        ("5 décembre", "2026-12-05"),
        ("5 decembre", "2026-12-05"),
        ("le 5 décembre", "2026-12-05"),
        ("december 5", "2026-12-05"),
        ("dec 5 2026", "2026-12-05"),
        ("5 dec 2027", "2027-12-05"),
        ("tomorrow", "2026-03-03"),
        ("demain", "2026-03-03"),
        ("après-demain", "2026-03-04"),
        ("today", "2026-03-02"),
        ("friday", "2026-03-06"),
        ("vendredi", "2026-03-06"),
        ("next friday", "2026-03-06"),
        ("vendredi prochain", "2026-03-06"),
        ("monday", "2026-03-02"),
        ("next monday", "2026-03-09"),
        ("lundi prochain", "2026-03-09"),
        ("2 mars", "2026-03-02"),
        ("1 mars", "2027-03-01"),
        ("the 5th", "2026-03-05"),
        ("in 3 days", "2026-03-05"),
        ("dans 2 semaines", "2026-03-16"),
        ("vendredi 6 mars", "2026-03-06"),
    ];
    for (input, expected) in table {
        assert_eq!(
            parse_date(input, monday(), Europe::Paris),
            Ok(date(expected)),
            "{input}"
        );
    }
}

#[test]
fn past_dates_are_left_to_the_caller() {
    let read = |input| parse_date(input, monday(), Europe::Paris);
    assert_eq!(read("yesterday"), Ok(date("2026-03-01")));
    assert_eq!(read("hier"), Ok(date("2026-03-01")));
    assert_eq!(read("2020-01-01"), Ok(date("2020-01-01")));
}

#[test]
fn a_time_after_the_date_is_left_out() {
    let read = |input| parse_date(input, monday(), Europe::Paris);
    assert_eq!(read("2026-12-09 20:00"), Ok(date("2026-12-09")));
    assert_eq!(read("tomorrow 19h"), Ok(date("2026-03-03")));
    assert_eq!(read("jeudi 5 mars 19h30"), Ok(date("2026-03-05")));
    assert_eq!(read("demain soir"), Ok(date("2026-03-03")));
}

#[test]
fn today_is_today_in_the_zone_given() {
    let sunday_evening_in_montreal = utc("2026-03-02 03:00:00");
    assert_eq!(
        parse_date("today", sunday_evening_in_montreal, America::Montreal),
        Ok(date("2026-03-01"))
    );
    assert_eq!(
        parse_date("today", sunday_evening_in_montreal, Europe::Paris),
        Ok(date("2026-03-02"))
    );
}

#[test]
fn anything_but_a_date_is_refused() {
    let read = |input| parse_date(input, monday(), Europe::Paris);
    assert_eq!(read("  "), Err(WhenError::Empty));
    for input in ["blah", "19h", "tonight", "in 2 hours", "5/12/2026"] {
        assert_eq!(
            read(input),
            Err(WhenError::NotUnderstood(input.into())),
            "{input}"
        );
    }
    assert_eq!(
        read("vendredi 5 mars"),
        Err(WhenError::NotUnderstood("vendredi 5 mars".into()))
    );
    for input in ["31 février", "2026-02-30"] {
        assert_eq!(
            read(input),
            Err(WhenError::NoSuchDate(input.into())),
            "{input}"
        );
    }
}
