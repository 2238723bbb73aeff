//! A call the bot made, as the fake recorded it: the method, its parameters and files,
//! when it came, the answer and how long that took; and a one-line summary of it for a
//! test's failure message.

use std::time::{Duration, Instant};

use serde_json::Value;

use crate::record::Summary;

use super::params::Upload;

/// One call the bot made, with the fake's answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    /// As the Bot API spells it (`sendMessage`), or as the path had it if unknown.
    pub method: String,
    /// The parameters, an object: JSON as sent, form and multipart fields as text.
    pub params: Value,
    /// Files uploaded with it (multipart).
    pub files: Vec<Upload>,
    /// When its request arrived.
    pub received: Instant,
    /// How long the fake took to answer (a long poll's wait and an injected delay
    /// included).
    pub answered_in: Duration,
    /// The HTTP status answered; 0 when the connection was dropped on purpose.
    pub status: u16,
    /// The body answered (`{"ok":true,"result":…}` or an error).
    pub response: Value,
}

impl Call {
    /// The `result` of a successful answer.
    pub fn result(&self) -> Option<&Value> {
        (self.response["ok"] == Value::Bool(true)).then(|| &self.response["result"])
    }

    /// A parameter, objects given as JSON text (multipart, forms) parsed.
    pub fn param(&self, name: &str) -> Option<Value> {
        match self.params.get(name)? {
            Value::String(text) => Some(
                serde_json::from_str::<Value>(text)
                    .ok()
                    .filter(|value| value.is_object() || value.is_array())
                    .unwrap_or_else(|| Value::String(text.clone())),
            ),
            value => Some(value.clone()),
        }
    }

    /// `chat_id`, given as a number or as text.
    pub fn chat_id(&self) -> Option<i64> {
        match self.params.get("chat_id")? {
            Value::Number(number) => number.as_i64(),
            Value::String(text) => text.parse().ok(),
            _ => None,
        }
    }

    /// `text` as sent (before any parse mode).
    pub fn text(&self) -> Option<&str> {
        self.params.get("text")?.as_str()
    }

    /// When its answer left.
    pub fn answered_at(&self) -> Instant {
        self.received + self.answered_in
    }
}

/// A call in an error message: method, status, chat and text.
impl Summary for Call {
    fn summary(&self) -> String {
        let mut line = format!("{} {}", self.method, self.status);
        if let Some(chat) = self.chat_id() {
            line.push_str(&format!(" chat {chat}"));
        }
        if let Some(text) = self.text() {
            let short: String = text.chars().take(60).collect();
            line.push_str(&format!(" {short:?}"));
        }
        line
    }
}
