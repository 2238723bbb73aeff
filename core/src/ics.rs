//! Placeholder until the iCalendar writer lands.
use chrono::{DateTime, Utc};

use crate::events::Event;

pub fn event_calendar(event: &Event, name: &str, host: &str, now: DateTime<Utc>) -> String {
    feed(std::slice::from_ref(event), name, host, now)
}

pub fn feed(events: &[Event], _name: &str, _host: &str, _now: DateTime<Utc>) -> String {
    format!("BEGIN:VCALENDAR\r\n{}END:VCALENDAR\r\n", events.len())
}
