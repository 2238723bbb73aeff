//! How the fake refuses: the failures a test injects ([`Failure`], kept as rules per
//! method) and the error answers the Bot API sends, word for word
//! (`{"ok":false,"error_code":…,"description":…}`, `parameters.retry_after` on a 429).
//! The descriptions are Telegram's own; teloxide 0.17 turns the ones it knows into
//! `ApiError` variants by exact text (its `errors.rs`), and a 429's `retry_after` into
//! `RequestError::RetryAfter`.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use serde_json::{Value, json};

/// A private chat the user never opened (teloxide 0.17 knows this text only with
/// `Unauthorized:`, which Telegram no longer sends: it reads this one as
/// `ApiError::Unknown`).
pub const CANT_INITIATE: &str = "Forbidden: bot can't initiate conversation with a user";
/// The user blocked the bot (`ApiError::BotBlocked`).
pub const BLOCKED: &str = "Forbidden: bot was blocked by the user";
/// A chat the bot is not in, or that does not exist (`ApiError::ChatNotFound`).
pub const CHAT_NOT_FOUND: &str = "Bad Request: chat not found";
/// A `message_thread_id` that is not a topic of the forum (`ApiError::Unknown`).
pub const THREAD_NOT_FOUND: &str = "Bad Request: message thread not found";

/// What a test makes one answer be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// 429, `Too Many Requests: retry after N`, with `parameters.retry_after` = N.
    TooManyRequests { retry_after: u32 },
    /// 403 with this description (`Forbidden: ` put in front if it lacks it).
    Forbidden(String),
    /// 400 with this description (`Bad Request: ` put in front if it lacks it).
    BadRequest(String),
    /// The usual answer, after this long.
    Slow(Duration),
    /// 500 `Internal Server Error`. teloxide sleeps 10 s after any 5xx: only for a test
    /// that means it.
    ServerError,
    /// The connection is closed without an answer.
    Disconnect,
}

impl Failure {
    pub fn cant_initiate() -> Failure {
        Failure::Forbidden(CANT_INITIATE.into())
    }

    pub fn blocked() -> Failure {
        Failure::Forbidden(BLOCKED.into())
    }

    pub fn chat_not_found() -> Failure {
        Failure::BadRequest(CHAT_NOT_FOUND.into())
    }

    pub fn thread_not_found() -> Failure {
        Failure::BadRequest(THREAD_NOT_FOUND.into())
    }

    /// The error answer it makes, if it makes one (not for `Slow` nor `Disconnect`).
    pub(crate) fn refusal(&self) -> Option<Refusal> {
        match self {
            Failure::TooManyRequests { retry_after } => Some(Refusal::too_many(*retry_after)),
            Failure::Forbidden(text) => Some(Refusal::new(403, prefixed("Forbidden: ", text))),
            Failure::BadRequest(text) => {
                Some(Refusal::bad_request(prefixed("Bad Request: ", text)))
            }
            Failure::ServerError => Some(Refusal::new(500, "Internal Server Error".into())),
            Failure::Slow(_) | Failure::Disconnect => None,
        }
    }
}

fn prefixed(prefix: &str, text: &str) -> String {
    if text.starts_with(prefix) {
        text.to_owned()
    } else {
        format!("{prefix}{text}")
    }
}

/// An error answer: its status (`error_code`), description and `retry_after`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub code: u16,
    pub description: String,
    pub retry_after: Option<u32>,
}

impl Refusal {
    pub(crate) fn new(code: u16, description: String) -> Refusal {
        Refusal {
            code,
            description,
            retry_after: None,
        }
    }

    /// 400; `description` starts with `Bad Request: `.
    pub(crate) fn bad_request(description: impl Into<String>) -> Refusal {
        Refusal::new(400, description.into())
    }

    pub(crate) fn forbidden(description: &str) -> Refusal {
        Refusal::new(403, description.into())
    }

    pub(crate) fn too_many(retry_after: u32) -> Refusal {
        Refusal {
            code: 429,
            description: format!("Too Many Requests: retry after {retry_after}"),
            retry_after: Some(retry_after),
        }
    }

    /// A wrong token.
    pub(crate) fn unauthorized() -> Refusal {
        Refusal::new(401, "Unauthorized".into())
    }

    /// A method the Bot API does not have, or a path that is no method.
    pub(crate) fn not_found() -> Refusal {
        Refusal::new(404, "Not Found".into())
    }

    /// An earlier `getUpdates` still waiting when a newer one comes.
    pub(crate) fn conflict() -> Refusal {
        Refusal::new(
            409,
            "Conflict: terminated by other getUpdates request; make sure that only one bot \
             instance is running"
                .into(),
        )
    }

    /// `getUpdates` while a webhook is set.
    pub(crate) fn webhook_active() -> Refusal {
        Refusal::new(
            409,
            "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook \
             to delete the webhook first"
                .into(),
        )
    }

    /// The body as Telegram writes it, its fields in Telegram's order.
    pub fn text(&self) -> String {
        let description = Value::String(self.description.clone());
        let parameters = match self.retry_after {
            Some(seconds) => format!(",\"parameters\":{{\"retry_after\":{seconds}}}"),
            None => String::new(),
        };
        format!(
            "{{\"ok\":false,\"error_code\":{},\"description\":{description}{parameters}}}",
            self.code
        )
    }

    /// The body, as a value.
    pub fn body(&self) -> Value {
        let mut body = json!({
            "ok": false,
            "error_code": self.code,
            "description": self.description,
        });
        if let Some(retry_after) = self.retry_after {
            body["parameters"] = json!({ "retry_after": retry_after });
        }
        body
    }
}

/// Which calls a rule fails: those to its method whose parameters it accepts.
pub(crate) type Matcher = Arc<dyn Fn(&Value) -> bool + Send + Sync>;

/// An injected failure: for the next call to `method` that matches (`once`), or all.
pub(crate) struct Rule {
    pub method: String,
    pub matches: Option<Matcher>,
    pub failure: Failure,
    pub once: bool,
}

impl fmt::Debug for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Rule")
            .field("method", &self.method)
            .field("filtered", &self.matches.is_some())
            .field("failure", &self.failure)
            .field("once", &self.once)
            .finish()
    }
}

/// The failure for a call to `method` with `params`: the oldest one-time rule that
/// matches (then gone), else the oldest lasting one.
pub(crate) fn take(rules: &mut Vec<Rule>, method: &str, params: &Value) -> Option<Failure> {
    let applies =
        |rule: &Rule| rule.method == method && rule.matches.as_ref().is_none_or(|m| m(params));
    if let Some(at) = rules.iter().position(|rule| rule.once && applies(rule)) {
        return Some(rules.remove(at).failure);
    }
    rules
        .iter()
        .find(|rule| applies(rule))
        .map(|rule| rule.failure.clone())
}
