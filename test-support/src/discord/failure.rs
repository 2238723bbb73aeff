//! How the fake answers, and how it refuses: a [`Reply`] (status, JSON body, headers), the
//! error bodies Discord documents (`{"message", "code"}`, `50035 Invalid Form Body` with its
//! nested `errors`, the 429 body and its rate limit headers), and the failures a test injects
//! ([`Failure`], kept as rules per route).

use std::time::Duration;

use serde_json::{Value, json};

use super::call::Call;
use super::ids::unix_seconds;
use super::limits::{Bucket, seconds};

/// What a test makes one answer be.
#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    /// 429 `You are being rate limited.` with `retry_after` (seconds) and `global`, and the
    /// headers Discord sends with it (`Retry-After`, `X-RateLimit-*`).
    RateLimited { retry_after: f64, global: bool },
    /// 403 `{"message", "code"}` (e.g. 50013 `Missing Permissions`).
    Forbidden { code: u64, message: String },
    /// This status (500, 502, 503…) with `{"message": "500: Internal Server Error", "code": 0}`.
    ServerError(u16),
    /// The connection is closed with no answer.
    Drop,
    /// The usual answer, after this long.
    Slow(Duration),
}

impl Failure {
    /// 403 `Missing Permissions` (50013).
    pub fn missing_permissions() -> Failure {
        Failure::Forbidden {
            code: 50013,
            message: "Missing Permissions".into(),
        }
    }

    /// The answer it makes, if it makes one (not for `Drop` nor `Slow`).
    pub(crate) fn reply(&self, route: &str) -> Option<Reply> {
        match self {
            Failure::RateLimited {
                retry_after,
                global,
            } => Some(Reply::rate_limited(*retry_after, *global, route)),
            Failure::Forbidden { code, message } => Some(Reply::error(403, *code, message)),
            Failure::ServerError(status) => Some(Reply::json(
                *status,
                json!({ "message": format!("{status}: {}", reason(*status)), "code": 0 }),
            )),
            Failure::Drop | Failure::Slow(_) => None,
        }
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Server Error",
    }
}

/// An injected failure: for the next call on `route` (`once`), or for all of them.
#[derive(Debug)]
pub(crate) struct Rule {
    pub route: String,
    pub failure: Failure,
    pub once: bool,
}

/// The failure for `call`: the first rule that matches (a one-time rule is then gone).
pub(crate) fn take(rules: &mut Vec<Rule>, call: &Call) -> Option<Failure> {
    let at = rules.iter().position(|rule| call.matches(&rule.route))?;
    if rules[at].once {
        return Some(rules.remove(at).failure);
    }
    Some(rules[at].failure.clone())
}

/// One answer: its status, its JSON body (`null`: none, as for 204) and extra headers.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Reply {
    pub status: u16,
    pub body: Value,
    pub headers: Vec<(&'static str, String)>,
}

impl Reply {
    pub fn json(status: u16, body: Value) -> Reply {
        Reply {
            status,
            body,
            headers: Vec::new(),
        }
    }

    pub fn ok(body: Value) -> Reply {
        Reply::json(200, body)
    }

    /// 204 No Content.
    pub fn no_content() -> Reply {
        Reply::json(204, Value::Null)
    }

    /// Discord's error body: `{"message": …, "code": …}`.
    pub fn error(status: u16, code: u64, message: &str) -> Reply {
        Reply::json(status, json!({ "message": message, "code": code }))
    }

    /// 400 `Invalid Form Body` (50035) with `errors`, nested as the body is.
    pub fn invalid_form(errors: Value) -> Reply {
        Reply::json(
            400,
            json!({ "message": "Invalid Form Body", "code": 50035, "errors": errors }),
        )
    }

    pub fn unauthorized() -> Reply {
        Reply::error(401, 0, "401: Unauthorized")
    }

    pub fn not_found() -> Reply {
        Reply::error(404, 0, "404: Not Found")
    }

    pub fn unknown_channel() -> Reply {
        Reply::error(404, 10003, "Unknown Channel")
    }

    pub fn unknown_guild() -> Reply {
        Reply::error(404, 10004, "Unknown Guild")
    }

    pub fn unknown_member() -> Reply {
        Reply::error(404, 10007, "Unknown Member")
    }

    pub fn unknown_message() -> Reply {
        Reply::error(404, 10008, "Unknown Message")
    }

    pub fn unknown_role() -> Reply {
        Reply::error(404, 10011, "Unknown Role")
    }

    pub fn unknown_webhook() -> Reply {
        Reply::error(404, 10015, "Unknown Webhook")
    }

    pub fn unknown_interaction() -> Reply {
        Reply::error(404, 10062, "Unknown interaction")
    }

    pub fn unknown_event() -> Reply {
        Reply::error(404, 10070, "Unknown Guild Scheduled Event")
    }

    pub fn already_acknowledged() -> Reply {
        Reply::error(400, 40060, "Interaction has already been acknowledged.")
    }

    pub fn missing_access() -> Reply {
        Reply::error(403, 50001, "Missing Access")
    }

    /// A DM to a user who does not accept them.
    pub fn cannot_send_to_user() -> Reply {
        Reply::error(403, 50007, "Cannot send messages to this user")
    }

    /// 429 as the rate limits page shows it: the body, `Retry-After` in whole seconds, and
    /// for a route limit its bucket's headers (`X-RateLimit-Global` for the global one).
    /// An injected one's bucket is 5 requests, none left, reset after `retry_after`.
    pub fn rate_limited(retry_after: f64, global: bool, route: &str) -> Reply {
        let bucket = (!global).then(|| Bucket {
            limit: 5,
            remaining: 0,
            reset_after: Duration::try_from_secs_f64(retry_after).unwrap_or_default(),
        });
        Reply::too_many(retry_after, global, route, bucket)
    }

    /// 429 with `retry_after` (seconds) in the body and, whole, in `Retry-After`;
    /// `X-RateLimit-Scope` `global` (with `X-RateLimit-Global: true`) or `user`; and the
    /// headers of the route's `bucket`, if it has one (the page: "normal route rate-limiting
    /// headers will also be sent in this response").
    pub fn too_many(retry_after: f64, global: bool, route: &str, bucket: Option<Bucket>) -> Reply {
        let body = json!({
            "message": "You are being rate limited.",
            "retry_after": retry_after,
            "global": global,
        });
        let mut reply = Reply::json(429, body);
        reply
            .headers
            .push(("retry-after", format!("{}", retry_after.ceil() as u64)));
        if global {
            reply.headers.push(("x-ratelimit-global", "true".into()));
            reply.headers.push(("x-ratelimit-scope", "global".into()));
        } else {
            reply.headers.push(("x-ratelimit-scope", "user".into()));
        }
        if let Some(bucket) = bucket {
            reply.headers.extend(bucket_headers(route, &bucket));
        }
        reply
    }
}

/// The headers of a route's bucket: its limit, what remains, when it resets (Unix seconds
/// and seconds from now, with milliseconds); the bucket named by a hash of the route, which
/// leaves out its IDs (the page: "non-inclusive of top-level resources in the path").
pub(crate) fn bucket_headers(route: &str, bucket: &Bucket) -> Vec<(&'static str, String)> {
    let name = route.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x100_0000_01b3)
    });
    let reset_after = seconds(bucket.reset_after);
    vec![
        ("x-ratelimit-limit", bucket.limit.to_string()),
        ("x-ratelimit-remaining", bucket.remaining.to_string()),
        (
            "x-ratelimit-reset",
            format!("{:.3}", unix_seconds() + reset_after),
        ),
        ("x-ratelimit-reset-after", format!("{reset_after:.3}")),
        ("x-ratelimit-bucket", format!("{name:016x}")),
    ]
}

/// A field's error in a 50035 body: `{"_errors": [{"code", "message"}]}`.
pub(crate) fn field_error(code: &str, message: &str) -> Value {
    json!({ "_errors": [{ "code": code, "message": message }] })
}

/// `errors` with `leaf` at `path` (`["components", "0", "custom_id"]`).
pub(crate) fn nested(path: &[&str], leaf: Value) -> Value {
    path.iter().rev().fold(leaf, |inner, key| {
        let mut map = serde_json::Map::new();
        map.insert((*key).to_owned(), inner);
        Value::Object(map)
    })
}

/// The 50035 leaf for a text of the wrong length.
pub(crate) fn bad_length(min: usize, max: usize) -> Value {
    field_error(
        "BASE_TYPE_BAD_LENGTH",
        &format!("Must be between {min} and {max} in length."),
    )
}

/// The 50035 leaf for a text or list too long.
pub(crate) fn max_length(max: usize) -> Value {
    field_error(
        "BASE_TYPE_MAX_LENGTH",
        &format!("Must be {max} or fewer in length."),
    )
}

/// The 50035 leaf for a missing field.
pub(crate) fn required() -> Value {
    field_error("BASE_TYPE_REQUIRED", "This field is required")
}
