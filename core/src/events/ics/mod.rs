//! iCalendar export: events as RFC 5545 text that calendar apps can import or subscribe to.
//!
//! Each event is one VEVENT with a stable UID (`event-<id>@<host>`), its start and end in
//! the event's own zone (`DTSTART;TZID=Europe/Paris:…`), and for a series an RRULE (with
//! `UNTIL` as the end of the last local day, in UTC) and an EXDATE per cancelled date.
//! Every zone used gets a VTIMEZONE built from chrono-tz's offsets: one observance at the
//! start of the window the events need, then one per change of offset or abbreviation.
//! Text is escaped, lines end in CRLF and are folded at 75 octets. The time of the export
//! (`DTSTAMP`) is given: nothing here reads the clock.

use chrono::{DateTime, NaiveTime, Utc};
use chrono_tz::Tz;

use crate::events::Event;
use crate::events::series::Repeat;
use crate::when::resolve_local;

/// The lines that open every calendar, before its name.
const HEADER: &[&str] = &[
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Passerelle//Passerelle events//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
];
/// Longest content line, in octets, without its CRLF (RFC 5545 §3.1).
const MAX_OCTETS: usize = 75;

/// Adds one content line, written like `format!`.
macro_rules! put {
    ($out:expr, $($arg:tt)*) => {
        push($out, &format!($($arg)*))
    };
}

// After `put!`, which it uses.
mod timezone;

use timezone::{timezone, zone_years};

/// One event as a calendar (for `/event ics ID`).
pub fn event_calendar(
    event: &Event,
    calendar_name: &str,
    host: &str,
    now: DateTime<Utc>,
) -> String {
    feed(std::slice::from_ref(event), calendar_name, host, now)
}

/// Every given event in one calendar (the community feed).
pub fn feed(events: &[Event], calendar_name: &str, host: &str, now: DateTime<Utc>) -> String {
    let mut out = String::new();
    for line in HEADER {
        push(&mut out, line);
    }
    put!(&mut out, "X-WR-CALNAME:{}", escape(calendar_name));
    for (zone, first, last) in zone_years(events, now) {
        timezone(&mut out, zone, first, last);
    }
    for event in events {
        vevent(&mut out, event, host, now);
    }
    put!(&mut out, "END:VCALENDAR");
    out
}

fn vevent(out: &mut String, event: &Event, host: &str, now: DateTime<Utc>) {
    let details = &event.details;
    let (zone, start) = (details.zone, first_start(event));
    let tzid = zone.name();
    put!(out, "BEGIN:VEVENT");
    let uid = format!("event-{}@{host}", event.id.0);
    put!(out, "UID:{}", escape(&uid));
    put!(out, "DTSTAMP:{}", utc(now));
    put!(out, "DTSTART;TZID={tzid}:{}", local(start, zone));
    // DTEND must be later than DTSTART; without it the event is an instant.
    let end = start.checked_add_signed(details.duration);
    if let Some(end) = end.filter(|end| *end > start) {
        put!(out, "DTEND;TZID={tzid}:{}", local(end, zone));
    }
    put!(out, "SUMMARY:{}", escape(&details.title));
    for (name, value) in [
        ("LOCATION", &details.place),
        ("DESCRIPTION", &details.description),
    ] {
        if let Some(value) = value.as_deref().filter(|value| !value.trim().is_empty()) {
            put!(out, "{name}:{}", escape(value));
        }
    }
    let status = if event.cancelled {
        "CANCELLED"
    } else {
        "CONFIRMED"
    };
    put!(out, "STATUS:{status}");
    if let Some(repeat) = &details.repeat {
        push(out, &rrule(event, repeat));
        let mut skipped = event.skipped.clone();
        skipped.sort_unstable();
        skipped.dedup();
        for date in skipped.iter().filter_map(|index| event.occurrence(*index)) {
            put!(out, "EXDATE;TZID={tzid}:{}", local(date.start, zone));
        }
    }
    put!(out, "END:VEVENT");
}

/// The first date of the event: its start, or for a series the first date its rule gives
/// (the same unless the start does not match the rule, e.g. a Monday for `BYDAY=TU`).
fn first_start(event: &Event) -> DateTime<Utc> {
    let first = event.all_dates().next();
    first.map_or(event.details.start, |date| date.start)
}

/// The rule, ending (`UNTIL`, in UTC as DTSTART has a zone) with the last local day.
fn rrule(event: &Event, repeat: &Repeat) -> String {
    let Some(day) = repeat.until else {
        return format!("RRULE:{}", repeat.rule());
    };
    let last = day
        .and_hms_opt(23, 59, 59)
        .unwrap_or(day.and_time(NaiveTime::MIN));
    let mut last = resolve_local(event.details.zone, last)
        .0
        .with_timezone(&Utc);
    let (counts, mut rule): (Vec<&str>, Vec<&str>) = repeat
        .rule()
        .split(';')
        .partition(|part| part.starts_with("COUNT="));
    if !counts.is_empty() {
        // RFC 5545 forbids COUNT with UNTIL; the hub applies both, so the series ends with
        // its last date.
        last = event.all_dates().last().map_or(last, |date| date.start);
    }
    let until = format!("UNTIL={}", utc(last));
    rule.push(&until);
    format!("RRULE:{}", rule.join(";"))
}

/// `+0100`, `-0500`, `+0530`; seconds only when there are some (`+000921`).
fn utc_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let seconds = seconds.unsigned_abs();
    let (hours, minutes, rest) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    match rest {
        0 => format!("{sign}{hours:02}{minutes:02}"),
        _ => format!("{sign}{hours:02}{minutes:02}{rest:02}"),
    }
}

fn utc(at: DateTime<Utc>) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

fn local(at: DateTime<Utc>, zone: Tz) -> String {
    at.with_timezone(&zone).format("%Y%m%dT%H%M%S").to_string()
}

/// A TEXT value (RFC 5545 §3.3.11): `\`, `;` and `,` escaped, line breaks as `\n`, other
/// control characters (not allowed) dropped.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    let text = text.replace("\r\n", "\n");
    for c in text.chars() {
        match c {
            '\\' | ';' | ',' => {
                escaped.push('\\');
                escaped.push(c);
            }
            '\n' | '\r' => escaped.push_str("\\n"),
            '\t' => escaped.push(c),
            c if c.is_control() => {}
            c => escaped.push(c),
        }
    }
    escaped
}

/// Adds a content line, folded into lines of at most 75 octets (continuations start with
/// a space) without cutting a UTF-8 character, each ended by CRLF.
fn push(out: &mut String, line: &str) {
    let mut rest = line;
    let mut room = MAX_OCTETS;
    while rest.len() > room {
        let mut cut = room;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        let (head, tail) = rest.split_at(cut);
        out.push_str(head);
        out.push_str("\r\n ");
        rest = tail;
        room = MAX_OCTETS - 1;
    }
    out.push_str(rest);
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests;
