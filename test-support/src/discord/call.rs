//! A REST call the bot made, as the fake recorded it, and routes: a call's route with its IDs
//! and tokens as placeholders (`POST /channels/{id}/messages`), and the patterns tests name
//! calls and failures by, which match either placeholders or the very IDs.

use std::time::{Duration, Instant};

use serde_json::Value;

use crate::record::Summary;

/// One request the bot made, with the fake's answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    /// `GET`, `POST`, `PATCH`, `PUT` or `DELETE`.
    pub method: String,
    /// The path after `/api/v10`, without the query: `/channels/123/messages`.
    pub path: String,
    /// The query string as sent, without `?` (serenity writes `&with_user_count=true`).
    pub query: String,
    /// The JSON body; for multipart, the `payload_json` part, with the files listed under
    /// `"_files": [{"name", "content_type", "content"}]` (content as lossy UTF-8 text);
    /// `null` without a body.
    pub body: Value,
    /// The HTTP status answered; 0 when the connection was dropped on purpose.
    pub status: u16,
    /// The body answered; `null` for 204 and dropped connections.
    pub response: Value,
    /// When its request arrived.
    pub received: Instant,
    /// How long the fake took to answer (an injected delay included).
    pub answered_in: Duration,
}

impl Call {
    /// `POST /channels/{id}/messages`: every all-digit segment is `{id}`, the token of an
    /// interaction or webhook URL is `{token}`.
    pub fn route(&self) -> String {
        format!("{} {}", self.method, placeholders(&self.path).join("/"))
    }

    /// Whether the route `pattern` names this call: `METHOD /path` where each segment is
    /// either the same as the path's or a `{placeholder}` standing where the route has one.
    pub fn matches(&self, pattern: &str) -> bool {
        let Some((method, path)) = pattern.trim().split_once(' ') else {
            return false;
        };
        if !method.eq_ignore_ascii_case(&self.method) {
            return false;
        }
        let wanted: Vec<&str> = path.trim().split('/').collect();
        let raw: Vec<&str> = self.path.split('/').collect();
        let route = placeholders(&self.path);
        wanted.len() == raw.len()
            && wanted
                .iter()
                .zip(raw.iter().zip(&route))
                .all(|(want, (raw, route))| {
                    want == raw || (is_placeholder(want) && is_placeholder(route))
                })
    }

    /// A query parameter's value (`with_member` → `true`).
    pub fn query_param(&self, name: &str) -> Option<&str> {
        query_param(&self.query, name)
    }

    /// When its answer left.
    pub fn answered_at(&self) -> Instant {
        self.received + self.answered_in
    }
}

/// A query parameter in `a=1&b=2` (empty pairs, as serenity's leading `&`, skipped).
pub(crate) fn query_param<'a>(query: &'a str, name: &str) -> Option<&'a str> {
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

fn is_placeholder(segment: &str) -> bool {
    segment.len() > 2 && segment.starts_with('{') && segment.ends_with('}')
}

/// The path's segments with IDs and tokens replaced.
fn placeholders(path: &str) -> Vec<String> {
    let segments: Vec<&str> = path.split('/').collect();
    let tokened = matches!(segments.get(1), Some(&"interactions" | &"webhooks"));
    segments
        .iter()
        .enumerate()
        .map(|(at, segment)| {
            if tokened && at == 3 {
                "{token}".to_owned()
            } else if !segment.is_empty() && segment.bytes().all(|b| b.is_ascii_digit()) {
                "{id}".to_owned()
            } else {
                (*segment).to_owned()
            }
        })
        .collect()
}

/// A call in an error message: route, status, and the start of its content.
impl Summary for Call {
    fn summary(&self) -> String {
        let mut line = format!("{} {} {}", self.method, self.path, self.status);
        let content = self.body["content"]
            .as_str()
            .or_else(|| self.body["data"]["content"].as_str());
        if let Some(content) = content {
            let short: String = content.chars().take(60).collect();
            line.push_str(&format!(" {short:?}"));
        }
        line
    }
}
