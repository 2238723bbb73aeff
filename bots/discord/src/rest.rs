//! Discord's HTTP API as the bot calls it: JSON in and out, the token in the
//! `Authorization` header only, Discord's global limit (50 requests a second, the
//! interaction endpoints aside) kept for every call, and a refusal read whole
//! ([`RestError`]: the status, Discord's error code, and a 429's `retry_after`), which
//! serenity's own client loses when it is pointed at another server (see
//! `../shared/PLATFORMS.md`).

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use reqwest::{Method, StatusCode};
use serde_json::Value;
use tokio::time::Instant;

use crate::settings::Token;

/// The API version the bot speaks.
pub const VERSION: &str = "v10";

/// Discord's global limit: requests a second, per bot.
pub const GLOBAL_PER_SECOND: usize = 50;

/// The HTTP client for one bot.
#[derive(Debug, Clone)]
pub struct Rest {
    client: reqwest::Client,
    /// `{api_url}/api/v10`.
    base: String,
    token: Token,
    /// When the calls of the last second went, for the global limit.
    sent: Arc<Mutex<VecDeque<Instant>>>,
}

/// A call Discord refused, or one that never got an answer (`status` 0).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("Discord answered {status}{}: {message}", code.map(|code| format!(" (code {code})")).unwrap_or_default())]
pub struct RestError {
    pub status: u16,
    /// Discord's JSON error code (50007: cannot send messages to this user).
    pub code: Option<u64>,
    pub message: String,
    /// A 429's wait, from its body or its `Retry-After` header.
    pub retry_after: Option<Duration>,
    /// The 429 is the global limit, not the route's.
    pub global: bool,
}

impl RestError {
    fn network(error: &reqwest::Error) -> Self {
        Self {
            status: 0,
            code: None,
            // Without the URL: it is the API's, and says nothing a log needs.
            message: error.without_url_text(),
            retry_after: None,
            global: false,
        }
    }
}

/// A reqwest error's text without the URL it names.
trait WithoutUrl {
    fn without_url_text(&self) -> String;
}

impl WithoutUrl for reqwest::Error {
    fn without_url_text(&self) -> String {
        let mut error = format!("{self}");
        if let Some(url) = self.url() {
            error = error.replace(url.as_str(), "the API");
        }
        error
    }
}

impl Rest {
    /// A client for the API at `api_url` (`https://discord.com`).
    pub fn new(api_url: &str, token: Token) -> Self {
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(30))
            .user_agent(concat!(
                "DiscordBot (https://github.com/passerelle, ",
                env!("CARGO_PKG_VERSION"),
                ")"
            ))
            .build()
            .unwrap_or_default();
        Self {
            client,
            base: format!("{}/api/{VERSION}", api_url.trim_end_matches('/')),
            token,
            sent: Arc::new(Mutex::new(VecDeque::new())),
        }
    }

    /// Waits until a call to `path` keeps within Discord's global limit, and counts it.
    /// Interactions' own endpoints are not bound by it (discord-api-docs).
    pub async fn admit(&self, path: &str) {
        if path.starts_with("/interactions/") || path.starts_with("/webhooks/") {
            return;
        }
        loop {
            let wait = {
                let mut sent = self.sent.lock().unwrap_or_else(PoisonError::into_inner);
                let now = Instant::now();
                while sent
                    .front()
                    .is_some_and(|at| now.duration_since(*at) >= Duration::from_secs(1))
                {
                    sent.pop_front();
                }
                if sent.len() < GLOBAL_PER_SECOND {
                    sent.push_back(now);
                    return;
                }
                sent.front()
                    .map(|oldest| *oldest + Duration::from_secs(1) - now)
                    .unwrap_or_default()
            };
            tokio::time::sleep(wait).await;
        }
    }

    pub async fn get(&self, path: &str) -> Result<Value, RestError> {
        self.call(Method::GET, path, None).await
    }

    pub async fn post(&self, path: &str, body: &Value) -> Result<Value, RestError> {
        self.call(Method::POST, path, Some(body)).await
    }

    pub async fn patch(&self, path: &str, body: &Value) -> Result<Value, RestError> {
        self.call(Method::PATCH, path, Some(body)).await
    }

    pub async fn put(&self, path: &str, body: &Value) -> Result<Value, RestError> {
        self.call(Method::PUT, path, Some(body)).await
    }

    /// `method` on `path` (under `/api/v10`), with a JSON `body`: the answer's JSON
    /// (`null` for a 204).
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
    ) -> Result<Value, RestError> {
        self.admit(path).await;
        let mut request = self
            .client
            .request(method, format!("{}{path}", self.base))
            .header("Authorization", format!("Bot {}", self.token.expose()));
        if let Some(body) = body {
            request = request
                .header("Content-Type", "application/json")
                .body(body.to_string());
        }
        answer(request.send().await).await
    }

    /// A message with a file: `payload` as `payload_json`, the file as `files[0]`.
    pub async fn post_file(
        &self,
        path: &str,
        payload: &Value,
        name: &str,
        media_type: &str,
        content: Vec<u8>,
    ) -> Result<Value, RestError> {
        let file = reqwest::multipart::Part::bytes(content)
            .file_name(name.to_owned())
            .mime_str(media_type)
            .map_err(|error| RestError::network(&error))?;
        self.admit(path).await;
        let form = reqwest::multipart::Form::new()
            .text("payload_json", payload.to_string())
            .part("files[0]", file);
        let request = self
            .client
            .post(format!("{}{path}", self.base))
            .header("Authorization", format!("Bot {}", self.token.expose()))
            .multipart(form);
        answer(request.send().await).await
    }
}

/// Reads an answer: its JSON when it succeeded, else what Discord said.
async fn answer(sent: Result<reqwest::Response, reqwest::Error>) -> Result<Value, RestError> {
    let response = sent.map_err(|error| RestError::network(&error))?;
    let status = response.status();
    let header_wait = response
        .headers()
        .get("Retry-After")
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<f64>().ok());
    let text = response
        .text()
        .await
        .map_err(|error| RestError::network(&error))?;
    if status.is_success() {
        if status == StatusCode::NO_CONTENT || text.trim().is_empty() {
            return Ok(Value::Null);
        }
        return serde_json::from_str(&text).map_err(|error| RestError {
            status: status.as_u16(),
            code: None,
            message: format!("an answer that is not JSON: {error}"),
            retry_after: None,
            global: false,
        });
    }
    let body: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
    let wait = body["retry_after"].as_f64().or(header_wait);
    Err(RestError {
        status: status.as_u16(),
        code: body["code"].as_u64(),
        message: body["message"]
            .as_str()
            .map(str::to_owned)
            .unwrap_or_else(|| status.canonical_reason().unwrap_or("").to_owned()),
        retry_after: wait
            .filter(|wait| wait.is_finite() && *wait >= 0.0)
            .map(Duration::from_secs_f64),
        global: body["global"].as_bool().unwrap_or(false),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn the_global_limit_holds_the_51st_call_of_a_second_but_not_interactions() {
        let rest = Rest::new("http://127.0.0.1:9", Token::new("token").expect("a token"));
        let start = Instant::now();
        for _ in 0..GLOBAL_PER_SECOND {
            rest.admit("/channels/1/messages").await;
        }
        assert_eq!(start.elapsed(), Duration::ZERO);
        rest.admit("/interactions/1/token/callback").await;
        assert_eq!(start.elapsed(), Duration::ZERO);
        rest.admit("/channels/2/messages").await;
        assert_eq!(start.elapsed(), Duration::from_secs(1));
    }
}
