//! Reading event dates: an ISO-only reader (`2026-12-05 19:00`) with the agreed API, until
//! the English and French natural-language reader replaces it.
use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeDelta, TimeZone, Utc};
use chrono_tz::Tz;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Understood {
    pub start: DateTime<Tz>,
    pub zone: Tz,
    pub explicit_zone: bool,
    pub adjustment: Option<Adjustment>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Adjustment {
    SkippedGap {
        asked: NaiveDateTime,
        used: NaiveDateTime,
    },
    AmbiguousFold {
        asked: NaiveDateTime,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WhenError {
    #[error("nothing to read")]
    Empty,
    #[error("not understood: {0}")]
    NotUnderstood(String),
    #[error("no time of day in {0}")]
    MissingTime(String),
    #[error("in the past: {0}")]
    InThePast(DateTime<Tz>),
    #[error("no such date: {0}")]
    NoSuchDate(String),
    #[error("unknown zone: {0}")]
    UnknownZone(String),
}

pub fn parse_when(input: &str, now: DateTime<Utc>, zone: Tz) -> Result<Understood, WhenError> {
    let local = NaiveDateTime::parse_from_str(input.trim(), "%Y-%m-%d %H:%M")
        .map_err(|_| WhenError::NotUnderstood(input.trim().to_owned()))?;
    let (start, adjustment) = resolve_local(zone, local);
    if start.with_timezone(&Utc) <= now {
        return Err(WhenError::InThePast(start));
    }
    Ok(Understood {
        start,
        zone,
        explicit_zone: false,
        adjustment,
    })
}

pub fn parse_date(input: &str, _now: DateTime<Utc>, _zone: Tz) -> Result<NaiveDate, WhenError> {
    NaiveDate::parse_from_str(input.trim(), "%Y-%m-%d")
        .map_err(|_| WhenError::NotUnderstood(input.to_owned()))
}

pub fn parse_duration(input: &str) -> Option<TimeDelta> {
    let input = input.trim();
    if let Some(m) = input.strip_suffix('m') {
        return m.parse().ok().map(TimeDelta::minutes);
    }
    let (h, m) = input.split_once('h')?;
    let hours: i64 = h.parse().ok()?;
    let minutes: i64 = if m.is_empty() { 0 } else { m.parse().ok()? };
    Some(TimeDelta::minutes(hours * 60 + minutes))
}

pub fn resolve_local(zone: Tz, local: NaiveDateTime) -> (DateTime<Tz>, Option<Adjustment>) {
    match zone.from_local_datetime(&local) {
        chrono::LocalResult::Single(t) => (t, None),
        chrono::LocalResult::Ambiguous(a, _) => {
            (a, Some(Adjustment::AmbiguousFold { asked: local }))
        }
        chrono::LocalResult::None => {
            let used = local + TimeDelta::hours(1);
            let t = zone
                .from_local_datetime(&used)
                .earliest()
                .unwrap_or_else(|| Utc.from_utc_datetime(&local).with_timezone(&zone));
            (t, Some(Adjustment::SkippedGap { asked: local, used }))
        }
    }
}
