//! Calendar feeds: the community's events as one iCalendar file to subscribe to, and
//! each event's, with an `ETag` (the file's content, its creation stamps aside) and a
//! `Last-Modified` (when this process first served that content), answered `304 Not
//! Modified` when the calendar app already has them.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Arc, Mutex, PoisonError};

use axum::http::header::{
    CACHE_CONTROL, CONTENT_TYPE, ETAG, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED,
};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};

/// A feed's `ETag`, and since when it has had it.
type Stamp = (String, DateTime<Utc>);

/// The content each feed last had, and since when.
#[derive(Debug, Clone, Default)]
pub struct Stamps {
    seen: Arc<Mutex<HashMap<String, Stamp>>>,
}

impl Stamps {
    /// The `ETag` of `body` and since when the feed at `path` has had it.
    fn stamp(&self, path: &str, body: &str, now: DateTime<Utc>) -> Stamp {
        let tag = etag(body);
        let mut seen = self.seen.lock().unwrap_or_else(PoisonError::into_inner);
        match seen.get(path) {
            Some((known, since)) if *known == tag => (tag, *since),
            _ => {
                // Whole seconds: what `Last-Modified` can say.
                let since = DateTime::from_timestamp(now.timestamp(), 0).unwrap_or(now);
                seen.insert(path.to_owned(), (tag.clone(), since));
                (tag, since)
            }
        }
    }
}

/// A strong validator of the calendar's content: its lines but `DTSTAMP`, which says
/// when the file was written, not what it holds.
pub fn etag(body: &str) -> String {
    let mut hasher = DefaultHasher::new();
    for line in body.lines().filter(|line| !line.starts_with("DTSTAMP")) {
        line.hash(&mut hasher);
    }
    format!("\"{:016x}\"", hasher.finish())
}

/// The calendar `body` served at `path`, or `304` when the request's validators match.
pub fn calendar(
    stamps: &Stamps,
    path: &str,
    body: String,
    request: &HeaderMap,
    now: DateTime<Utc>,
) -> Response {
    let (tag, since) = stamps.stamp(path, &body, now);
    let modified = since.format("%a, %d %b %Y %H:%M:%S GMT").to_string();
    let matches = match request.get(IF_NONE_MATCH).and_then(|v| v.to_str().ok()) {
        Some(wanted) => wanted
            .split(',')
            .any(|one| one.trim() == tag || one.trim() == "*"),
        None => request
            .get(IF_MODIFIED_SINCE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| DateTime::parse_from_rfc2822(&v.replace("GMT", "+0000")).ok())
            .is_some_and(|asked| asked >= since),
    };
    let mut headers = HeaderMap::new();
    for (name, value) in [(ETAG, tag.as_str()), (LAST_MODIFIED, modified.as_str())] {
        if let Ok(value) = HeaderValue::from_str(value) {
            headers.insert(name, value);
        }
    }
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    if matches {
        return (StatusCode::NOT_MODIFIED, headers).into_response();
    }
    headers.insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/calendar; charset=utf-8"),
    );
    (StatusCode::OK, headers, body).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tag_ignores_when_the_file_was_written() {
        let one = "BEGIN:VEVENT\nDTSTAMP:20260302T090000Z\nSUMMARY:Picnic\nEND:VEVENT\n";
        let later = one.replace("20260302T090000Z", "20260309T090000Z");
        assert_eq!(etag(one), etag(&later));
        assert_ne!(etag(one), etag(&one.replace("Picnic", "Dinner")));
    }

    #[test]
    fn a_known_tag_is_not_modified() {
        let stamps = Stamps::default();
        let now = Utc::now();
        let body = "BEGIN:VCALENDAR\nEND:VCALENDAR\n".to_owned();
        let first = calendar(&stamps, "/c.ics", body.clone(), &HeaderMap::new(), now);
        assert_eq!(first.status(), StatusCode::OK);
        let tag = first.headers()[ETAG].clone();
        let mut again = HeaderMap::new();
        again.insert(IF_NONE_MATCH, tag);
        let second = calendar(&stamps, "/c.ics", body, &again, now);
        assert_eq!(second.status(), StatusCode::NOT_MODIFIED);
    }
}
