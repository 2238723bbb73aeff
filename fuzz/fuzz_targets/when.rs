//! Dates, times and durations as members write them, read on an instant and in a zone the
//! input's first bytes pick: a start is always ahead of that instant, never a panic.
#![no_main]

use chrono::{DateTime, TimeDelta, Utc};
use libfuzzer_sys::fuzz_target;
use passerelle_core::when::{parse_date, parse_duration, parse_when};

const ZONES: [chrono_tz::Tz; 4] = [
    chrono_tz::Europe::Paris,
    chrono_tz::America::New_York,
    chrono_tz::Australia::Lord_Howe,
    chrono_tz::Asia::Kathmandu,
];

fuzz_target!(|input: (u32, u8, &str)| {
    let (minutes, zone, text) = input;
    let now =
        DateTime::<Utc>::UNIX_EPOCH + TimeDelta::days(20_000) + TimeDelta::minutes(minutes.into());
    let zone = ZONES[usize::from(zone) % ZONES.len()];
    if let Ok(understood) = parse_when(text, now, zone) {
        assert!(
            understood.start > now,
            "{text:?} read as {understood:?} on {now}"
        );
    }
    let _ = parse_date(text, now, zone);
    if let Some(duration) = parse_duration(text) {
        assert!(duration > TimeDelta::zero() && duration <= TimeDelta::days(7));
    }
});
