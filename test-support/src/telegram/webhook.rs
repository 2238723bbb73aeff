//! Webhooks as a local Bot API server gives them (which, unlike `api.telegram.org`, takes
//! `http://` and any port): `setWebhook` (`url`, an empty one deleting it; `secret_token`,
//! 1–256 of `A-Za-z0-9_-`, else 400 `Bad Request: secret token contains unallowed
//! characters`; `allowed_updates`; `drop_pending_updates`), `getWebhookInfo` and
//! `deleteWebhook`. While a webhook is set, `getUpdates` is 409, and the updates are posted
//! to it one at a time, in order, the secret in `X-Telegram-Bot-Api-Secret-Token`; one the
//! bot does not answer with a 2xx is posted again a second later (Telegram waits longer),
//! the ones after it waiting behind it.

use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::Shared;
use super::failure::Refusal;
use super::params::Params;
use super::poll::{allow_updates, delivered};
use super::state::{State, unix_now};
use crate::http::client;

/// How long before an update the bot refused is posted again.
const RETRY: Duration = Duration::from_secs(1);

/// The webhook set.
#[derive(Debug, Clone)]
pub(crate) struct Webhook {
    pub url: String,
    pub secret: Option<String>,
    /// When the last post failed (Unix time) and why, as `getWebhookInfo` tells it.
    pub last_error: Option<(i64, String)>,
}

/// One post of an update to the webhook, and what the bot answered (`None`: nothing).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Posted {
    pub update_id: u32,
    pub status: Option<u16>,
    pub at: Instant,
}

/// `setWebhook`.
pub(crate) fn set(state: &mut State, params: &Params) -> Result<Value, Refusal> {
    let url = params.str("url").unwrap_or_default();
    if url.is_empty() {
        state.webhook = None;
        return Ok(json!(true));
    }
    let secret = params.str("secret_token").map(str::to_owned);
    if let Some(secret) = &secret {
        let allowed = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
        if secret.is_empty() || secret.len() > 256 || !secret.chars().all(allowed) {
            return Err(Refusal::bad_request(
                "Bad Request: secret token contains unallowed characters",
            ));
        }
    }
    allow_updates(state, params);
    if params.bool("drop_pending_updates") {
        state.updates.clear();
    }
    state.webhook = Some(Webhook {
        url: url.to_owned(),
        secret,
        last_error: None,
    });
    Ok(json!(true))
}

/// `getWebhookInfo`.
pub(crate) fn info(state: &State) -> Value {
    let mut info = json!({
        "url": state.webhook.as_ref().map_or("", |hook| hook.url.as_str()),
        "has_custom_certificate": false,
        "pending_update_count": state.updates.len(),
    });
    if let Some(hook) = &state.webhook {
        info["max_connections"] = json!(40);
        if let Some((date, message)) = &hook.last_error {
            info["last_error_date"] = json!(date);
            info["last_error_message"] = json!(message);
        }
        if let Some(kinds) = &state.allowed_updates {
            info["allowed_updates"] = json!(kinds);
        }
    }
    info
}

/// Posts the updates to the webhook while one is set, until the fake stops.
pub(crate) async fn post_updates(shared: Arc<Shared>) {
    let mut woken = shared.pushed.subscribe();
    loop {
        woken.borrow_and_update();
        let next = {
            let mut state = shared.state();
            let allowed = state.allowed_updates.clone();
            match state.webhook.clone() {
                Some(hook) => {
                    state
                        .updates
                        .retain(|(_, update)| delivered(update, allowed.as_deref()));
                    state
                        .updates
                        .front()
                        .map(|(id, update)| (hook, *id, update.clone()))
                }
                None => None,
            }
        };
        let Some((hook, update_id, update)) = next else {
            if woken.changed().await.is_err() {
                return;
            }
            continue;
        };
        let mut headers = vec![("content-type", "application/json")];
        if let Some(secret) = &hook.secret {
            headers.push(("x-telegram-bot-api-secret-token", secret));
        }
        let answer = client::post(&hook.url, &headers, update.to_string().into_bytes()).await;
        let status = answer.as_ref().ok().map(|(status, _, _)| *status);
        let taken = status.is_some_and(|status| (200..300).contains(&status));
        {
            let mut state = shared.state();
            state.webhook_posts.push(Posted {
                update_id,
                status,
                at: Instant::now(),
            });
            if taken && state.updates.front().map(|(id, _)| *id) == Some(update_id) {
                state.updates.pop_front();
            }
            if !taken && let Some(hook) = &mut state.webhook {
                let message = match status {
                    Some(status) => format!("Wrong response from the webhook: {status}"),
                    None => "Connection refused".to_owned(),
                };
                hook.last_error = Some((unix_now(), message));
            }
        }
        if !taken {
            tokio::time::sleep(RETRY).await;
        }
    }
}
