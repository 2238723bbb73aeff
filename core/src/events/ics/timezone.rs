//! The VTIMEZONE of each zone a calendar uses, built from chrono-tz's offsets.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Offset, TimeDelta, TimeZone, Utc};
use chrono_tz::{OffsetComponents, OffsetName, Tz};

use super::{escape, first_start, push, utc_offset};
use crate::events::Event;

/// Each zone used (in the order of their names) with the years of its first and last
/// events, now counting as an event.
pub(super) fn zone_years(events: &[Event], now: DateTime<Utc>) -> Vec<(Tz, i32, i32)> {
    let mut zones: BTreeMap<&str, (Tz, i32, i32)> = BTreeMap::new();
    for event in events {
        let (zone, year) = (event.details.zone, first_start(event).year());
        let span = zones.entry(zone.name()).or_insert((zone, year, now.year()));
        (span.1, span.2) = (span.1.min(year), span.2.max(year));
    }
    zones.into_values().collect()
}

/// How a zone's clocks are set at an instant.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Observance {
    /// Seconds east of UTC.
    offset: i32,
    name: Option<String>,
    daylight: bool,
}

fn observance(zone: Tz, at: DateTime<Utc>) -> Observance {
    let offset = zone.offset_from_utc_datetime(&at.naive_utc());
    Observance {
        offset: offset.fix().local_minus_utc(),
        name: offset.abbreviation().map(str::to_owned),
        daylight: offset.dst_offset() > TimeDelta::zero(),
    }
}

/// The observance at `from`, then each change before `until` with the instant it takes
/// effect: found an hour at a time, then to the second by bisection.
fn changes(
    zone: Tz,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Vec<(DateTime<Utc>, Observance)> {
    let mut current = observance(zone, from);
    let mut found = vec![(from, current.clone())];
    let mut at = from;
    while at < until {
        let next = at + TimeDelta::hours(1);
        if observance(zone, next) == current {
            at = next;
            continue;
        }
        let (mut same, mut changed) = (at, next);
        while changed - same > TimeDelta::seconds(1) {
            let middle = same + (changed - same) / 2;
            if observance(zone, middle) == current {
                same = middle;
            } else {
                changed = middle;
            }
        }
        current = observance(zone, changed);
        found.push((changed, current.clone()));
        at = changed;
    }
    found
}

/// The VTIMEZONE of `zone` for events from the year `first` to the year `last`: it covers
/// from the 1st of January of the year before to that of eleven years after.
pub(super) fn timezone(out: &mut String, zone: Tz, first: i32, last: i32) {
    let new_year = |year| {
        NaiveDate::from_ymd_opt(year, 1, 1).map(|day| day.and_time(NaiveTime::MIN).and_utc())
    };
    let Some(from) = new_year(first.saturating_sub(1)) else {
        return;
    };
    let until = new_year(last.saturating_add(11)).unwrap_or(from);
    put!(out, "BEGIN:VTIMEZONE");
    put!(out, "TZID:{}", zone.name());
    let mut before = None;
    for (at, observance) in changes(zone, from, until) {
        let old = before.unwrap_or(observance.offset);
        let kind = if observance.daylight {
            "DAYLIGHT"
        } else {
            "STANDARD"
        };
        // The onset is written as the clocks showed it just before the change.
        let onset = at + TimeDelta::seconds(i64::from(old));
        put!(out, "BEGIN:{kind}");
        put!(out, "DTSTART:{}", onset.format("%Y%m%dT%H%M%S"));
        put!(out, "TZOFFSETFROM:{}", utc_offset(old));
        put!(out, "TZOFFSETTO:{}", utc_offset(observance.offset));
        if let Some(name) = &observance.name {
            put!(out, "TZNAME:{}", escape(name));
        }
        put!(out, "END:{kind}");
        before = Some(observance.offset);
    }
    put!(out, "END:VTIMEZONE");
}
