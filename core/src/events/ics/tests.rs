//! The calendar writer read back by a real iCalendar parser.

use super::*;
use crate::events::series::RepeatChoice;
use crate::events::{EventDetails, EventId};
use chrono::{NaiveDate, TimeDelta, TimeZone};
use chrono_tz::{Asia, Europe};
use icalendar::parser::{Component, read_calendar, unfold};
use icalendar::{Component as _, EventLike as _};

const HOST: &str = "paris-newcomers.passerelle";

fn utc_at(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap()
}

fn one_off(id: i64, zone: Tz, (y, m, d, h): (i32, u32, u32, u32)) -> Event {
    let start = zone.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap();
    let details = EventDetails {
        title: "Apéro".to_owned(),
        description: None,
        place: None,
        start: start.with_timezone(&Utc),
        zone,
        duration: TimeDelta::hours(2),
        capacity: None,
        rsvp_until: None,
        repeat: None,
        reminders: None,
    };
    let (hosts, skipped) = (vec![], vec![]);
    let (cancelled, first_occurrence) = (false, 0);
    Event {
        id: EventId(id),
        details,
        hosts,
        cancelled,
        first_occurrence,
        skipped,
    }
}

/// Thursdays at 19:00 in Paris from 19 March to 30 April 2026, without 2 April.
fn weekly_paris() -> Event {
    let Ok(RepeatChoice::Every(mut repeat)) = Repeat::parse("weekly") else {
        panic!("weekly");
    };
    repeat.until = NaiveDate::from_ymd_opt(2026, 4, 30);
    let mut event = one_off(12, Europe::Paris, (2026, 3, 19, 19));
    event.details.title = "Soirée d'échange, français; anglais".to_owned();
    event.details.place = Some("Café de la Gare, 12 rue du Départ".to_owned());
    event.details.description = Some("Venez nombreux\nà bientôt".to_owned());
    event.details.repeat = Some(repeat);
    event.skipped = vec![2];
    event
}

fn calendar_of(events: &[Event]) -> String {
    feed(events, "Paris newcomers", HOST, utc_at(2026, 3, 1, 12))
}

fn value<'a>(component: &'a Component<'a>, name: &str) -> &'a str {
    component.find_prop(name).unwrap().val.as_str()
}

fn tzid<'a>(component: &'a Component<'a>, name: &str) -> &'a str {
    let params = &component.find_prop(name).unwrap().params;
    let tzid = params.iter().find(|param| param.key == "TZID").unwrap();
    tzid.val.as_ref().unwrap().as_str()
}

fn children<'a>(parent: &'a Component<'a>, name: &str) -> Vec<&'a Component<'a>> {
    parent
        .components
        .iter()
        .filter(|c| c.name == name)
        .collect()
}

#[test]
fn long_lines_fold_at_75_octets_between_characters() {
    let title = "Soirée dégustation à l'Hôtel de Ville : crêpes, galettes, cidre \
                 et café gourmand pour fêter l'été avec les nouveaux arrivés — éééé";
    let line = format!("SUMMARY:{}", escape(title));
    let mut out = String::new();
    push(&mut out, &line);
    let lines: Vec<&str> = out.strip_suffix("\r\n").unwrap().split("\r\n").collect();
    assert!(lines.len() >= 3, "{lines:?}");
    for (number, folded) in lines.iter().enumerate() {
        assert!(folded.len() <= MAX_OCTETS, "{folded:?}");
        assert_eq!(folded.starts_with(' '), number > 0, "{folded:?}");
    }
    assert_eq!(unfold(&out), format!("{line}\r\n"));
    // 8 octets of name, then 2-octet characters: the 75th octet would cut one in half.
    let line = format!("SUMMARY:{}", "é".repeat(60));
    let mut out = String::new();
    push(&mut out, &line);
    assert_eq!(out.split("\r\n").next().map(str::len), Some(74));
    assert_eq!(unfold(&out), format!("{line}\r\n"));
}

#[test]
fn text_is_escaped() {
    let escaped = escape("a\\b;c,d\r\ne\nf\u{7}g\th");
    assert_eq!(escaped, "a\\\\b\\;c\\,d\\ne\\nfg\th");
    assert_eq!(escape("Café à 19h"), "Café à 19h");
}

#[test]
fn offsets_are_written_in_hours_and_minutes() {
    let offsets = [3600, -5 * 3600, 0, 5 * 3600 + 1800, -(3 * 3600 + 1800), 561];
    let written = ["+0100", "-0500", "+0000", "+0530", "-0330", "+000921"];
    assert_eq!(offsets.map(utc_offset), written);
}

#[test]
fn a_weekly_series_parses_with_its_rule_exception_and_zone() {
    let text = calendar_of(&[weekly_paris()]);
    assert!(text.ends_with("\r\n") && !text.replace("\r\n", "").contains(['\r', '\n']));
    let unfolded = unfold(&text);
    let calendar = read_calendar(&unfolded).unwrap();
    let version = calendar.properties.iter().find(|p| p.name == "VERSION");
    assert_eq!(version.unwrap().val, "2.0");
    let names: Vec<&str> = calendar
        .components
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(names, ["VTIMEZONE", "VEVENT"]);

    let zone = &calendar.components[0];
    assert_eq!(value(zone, "TZID"), "Europe/Paris");
    assert!(!children(zone, "STANDARD").is_empty());
    let summers = children(zone, "DAYLIGHT");
    let summer = summers
        .iter()
        .find(|c| value(c, "DTSTART") == "20260329T020000");
    let summer = summer.unwrap();
    assert_eq!(value(summer, "TZOFFSETFROM"), "+0100");
    assert_eq!(value(summer, "TZOFFSETTO"), "+0200");
    assert_eq!(value(summer, "TZNAME"), "CEST");
    let winter = "BEGIN:STANDARD\r\nDTSTART:20261025T030000\r\n\
                  TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\n";
    assert!(text.contains(winter));

    let event = &calendar.components[1];
    assert_eq!(value(event, "UID"), "event-12@paris-newcomers.passerelle");
    assert_eq!(value(event, "DTSTAMP"), "20260301T120000Z");
    assert_eq!(value(event, "DTSTART"), "20260319T190000");
    assert_eq!(value(event, "DTEND"), "20260319T210000");
    // The end of 30 April in Paris (CEST) is 21:59:59 UTC.
    assert_eq!(value(event, "RRULE"), "FREQ=WEEKLY;UNTIL=20260430T215959Z");
    assert_eq!(value(event, "EXDATE"), "20260402T190000");
    for name in ["DTSTART", "DTEND", "EXDATE"] {
        assert_eq!(tzid(event, name), "Europe/Paris");
    }
    assert_eq!(value(event, "STATUS"), "CONFIRMED");
}

#[test]
fn the_parsed_series_expands_to_the_dates_of_the_event() {
    let event = weekly_paris();
    let calendar: icalendar::Calendar = calendar_of(std::slice::from_ref(&event)).parse().unwrap();
    let parsed = calendar.calendar_events().next().unwrap();
    assert_eq!(parsed.get_summary(), Some(event.details.title.as_str()));
    assert_eq!(parsed.get_location(), event.details.place.as_deref());
    assert_eq!(
        parsed.get_description(),
        event.details.description.as_deref()
    );
    let dates = parsed.get_recurrence().unwrap().all(100).dates;
    let dates: Vec<_> = dates.iter().map(|date| date.with_timezone(&Utc)).collect();
    // 19:00 in Paris is 18:00 UTC before 29 March, 17:00 UTC after; 2 April is skipped.
    let expected = [
        (3, 19, 18),
        (3, 26, 18),
        (4, 9, 17),
        (4, 16, 17),
        (4, 23, 17),
        (4, 30, 17),
    ]
    .map(|(m, d, h)| utc_at(2026, m, d, h));
    assert_eq!(dates, expected);
    let hub: Vec<_> = event.occurrences().map(|date| date.start).collect();
    assert_eq!(hub, expected);
}

#[test]
fn a_rule_with_a_count_and_a_last_day_ends_with_the_last_date_of_the_series() {
    // Commands refuse both ends at once; a row written otherwise still exports validly.
    let mut event = weekly_paris();
    event.details.repeat =
        Repeat::from_stored("FREQ=WEEKLY;COUNT=3", NaiveDate::from_ymd_opt(2026, 4, 30));
    let text = calendar_of(&[event]);
    // The third Thursday, 2 April at 19:00 CEST, comes before the end of 30 April.
    assert!(text.contains("\r\nRRULE:FREQ=WEEKLY;UNTIL=20260402T170000Z\r\n"));
}

#[test]
fn a_zone_without_changes_has_one_standard_observance() {
    for (zone, offset, name) in [(Asia::Tokyo, "+0900", "JST"), (Tz::UTC, "+0000", "UTC")] {
        let text = calendar_of(&[one_off(3, zone, (2026, 5, 1, 19))]);
        let unfolded = unfold(&text);
        let calendar = read_calendar(&unfolded).unwrap();
        let vtimezone = &calendar.components[0];
        assert_eq!(value(vtimezone, "TZID"), zone.name());
        assert!(children(vtimezone, "DAYLIGHT").is_empty());
        let standard = children(vtimezone, "STANDARD");
        assert_eq!(standard.len(), 1, "{zone}");
        assert_eq!(value(standard[0], "TZOFFSETFROM"), offset);
        assert_eq!(value(standard[0], "TZOFFSETTO"), offset);
        assert_eq!(value(standard[0], "TZNAME"), name);
    }
}

#[test]
fn a_feed_is_the_same_every_time_with_one_timezone_per_zone() {
    let mut cancelled = one_off(5, Asia::Tokyo, (2026, 6, 1, 9));
    cancelled.cancelled = true;
    let later = one_off(6, Europe::Paris, (2026, 7, 14, 21));
    let events = [weekly_paris(), cancelled, later];
    let text = calendar_of(&events);
    assert_eq!(text, calendar_of(&events));
    let unfolded = unfold(&text);
    let calendar = read_calendar(&unfolded).unwrap();
    let names: Vec<&str> = calendar
        .components
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(
        names,
        ["VTIMEZONE", "VTIMEZONE", "VEVENT", "VEVENT", "VEVENT"]
    );
    let uids: Vec<&str> = calendar.components[2..]
        .iter()
        .map(|c| value(c, "UID"))
        .collect();
    assert_eq!(uids, [12, 5, 6].map(|id| format!("event-{id}@{HOST}")));
    let tokyo = &calendar.components[3];
    assert_eq!(value(tokyo, "STATUS"), "CANCELLED");
    for absent in ["LOCATION", "DESCRIPTION", "RRULE", "EXDATE"] {
        assert!(tokyo.find_prop(absent).is_none(), "{absent}");
    }
}

proptest::proptest! {
    /// Whatever an organizer writes in a title, a place or a description (accents,
    /// `;`, `,`, `\`, long lines folded mid-way), a calendar app reads it back as written.
    #[test]
    fn any_text_of_an_event_reads_back_from_the_calendar(
        title in "\\PC{1,120}",
        place in "\\PC{1,90}",
        description in proptest::collection::vec("\\PC{0,90}", 1..4),
    ) {
        // The hub keeps no empty description (`description=""` is none).
        proptest::prop_assume!(!description.concat().is_empty());
        let mut event = one_off(7, Europe::Paris, (2026, 5, 14, 19));
        event.details.title = title;
        event.details.place = Some(place);
        event.details.description = Some(description.join("\n"));
        let text = calendar_of(std::slice::from_ref(&event));
        for line in text.split("\r\n") {
            proptest::prop_assert!(line.len() <= MAX_OCTETS, "{:?}", line);
        }
        let calendar: icalendar::Calendar = text.parse().unwrap();
        let parsed = calendar.calendar_events().next().unwrap();
        proptest::prop_assert_eq!(parsed.get_summary(), Some(event.details.title.as_str()));
        proptest::prop_assert_eq!(parsed.get_location(), event.details.place.as_deref());
        proptest::prop_assert_eq!(parsed.get_description(), event.details.description.as_deref());
    }
}
