//! Updates by webhook (`mode = "webhook"`): the bot registers
//! `{public_url}/telegram/{path secret}` with `setWebhook` and a `secret_token`, mounts a
//! hook on the process's web server, and takes each update Telegram posts there once both
//! secrets match. It answers `200` only once the update is handled, so Telegram posts
//! again what a crash cut short, and the hub's handled events stop double answers.
//!
//! Both secrets are derived from the bot's token (HMAC-SHA256 under a fixed label), so
//! every process of one bot agrees on them without sharing anything else, and neither
//! tells the token.

use std::sync::Arc;
use std::time::Duration;

use hmac::{Hmac, Mac};
use passerelle_runtime::hooks::{Answering, HookRequest, HookResponse, Hooks, same_secret};
use sha2::Sha256;
use teloxide::payloads::SetWebhookSetters;
use teloxide::prelude::Requester;
use teloxide::types::Update;
use tokio::sync::watch;

use crate::bot::Bot;
use crate::settings::Token;

/// The header Telegram puts the secret token in.
pub const SECRET_HEADER: &str = "x-telegram-bot-api-secret-token";
/// The name of the platform's hook on the web server (its path starts with it).
pub const HOOK: &str = "telegram";
/// How often the command menu and the administrators are looked after, and the join
/// requests left waiting declined, with no poll to do it between.
const UPKEEP_EVERY: Duration = Duration::from_secs(10);

/// The webhook's two secrets for one bot.
#[derive(Clone, PartialEq, Eq)]
pub struct Secrets {
    /// The last part of the webhook's path.
    pub path: String,
    /// What Telegram sends in [`SECRET_HEADER`]: 64 characters of `0-9a-f`, within
    /// Telegram's 1–256 of `A-Za-z0-9_-`.
    pub header: String,
}

impl std::fmt::Debug for Secrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secrets(…)")
    }
}

impl Secrets {
    pub fn of(token: &Token) -> Self {
        let derive = |label: &str| {
            let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(token.expose().as_bytes()) else {
                unreachable!("HMAC takes a key of any length");
            };
            mac.update(label.as_bytes());
            let bytes = mac.finalize().into_bytes();
            bytes
                .iter()
                .map(|byte| format!("{byte:02x}"))
                .collect::<String>()
        };
        let mut path = derive("passerelle telegram webhook path");
        path.truncate(32);
        Self {
            path,
            header: derive("passerelle telegram webhook secret token"),
        }
    }

    /// Whether `request` carries both secrets.
    pub fn admit(&self, request: &HookRequest) -> bool {
        let header = request.header(SECRET_HEADER).unwrap_or_default();
        // Both compared whole, whatever the first gave.
        let path = same_secret(request.path.as_bytes(), self.path.as_bytes());
        let header = same_secret(header.as_bytes(), self.header.as_bytes());
        path && header
    }
}

/// Takes updates by webhook for `bot` until `shutdown`: mounts the hook, registers the
/// webhook at `public_url`, then looks after the upkeep.
pub async fn serve(
    bot: &Arc<Bot>,
    hooks: &Hooks,
    public_url: &str,
    mut shutdown: watch::Receiver<bool>,
) -> Result<(), String> {
    let secrets = Secrets::of(&bot.token);
    let address = format!("{public_url}/{HOOK}/{}", secrets.path);
    let url = address
        .parse()
        .map_err(|error| format!("the webhook's address is not a URL: {error}"))?;
    // One update at a time, in the order they came, as the long poll does.
    let one_by_one = Arc::new(tokio::sync::Mutex::new(()));
    let hook_bot = bot.clone();
    let hook_secrets = secrets.clone();
    hooks.mount(
        HOOK,
        Arc::new(move |request: HookRequest| {
            let (bot, secrets, one_by_one) =
                (hook_bot.clone(), hook_secrets.clone(), one_by_one.clone());
            Box::pin(async move {
                if !secrets.admit(&request) {
                    tracing::warn!("a request to the Telegram webhook without its secrets");
                    return HookResponse::unauthorized();
                }
                let _turn = one_by_one.lock().await;
                receive(&bot, &request.body).await
            }) as Answering
        }),
    );
    let registered = bot
        .api
        .set_webhook(url)
        .secret_token(secrets.header.clone())
        .allowed_updates(crate::ALLOWED_UPDATES)
        .await;
    if let Err(error) = registered {
        hooks.unmount(HOOK);
        return Err(format!(
            "Telegram did not take the webhook at {public_url}/{HOOK}/…: {}",
            bot.scrubbed(&error)
        ));
    }
    tracing::info!(url = %format!("{public_url}/{HOOK}/…"), "Telegram posts updates to the webhook");
    while !*shutdown.borrow_and_update() {
        crate::upkeep::Upkeep::run(bot).await;
        crate::upkeep::decline_unhandled(bot).await;
        tokio::select! {
            () = tokio::time::sleep(UPKEEP_EVERY) => {}
            _ = shutdown.changed() => {}
        }
    }
    // The webhook stays set: another process, or the next start, takes the updates.
    hooks.unmount(HOOK);
    Ok(())
}

/// Handles one update Telegram posted: `200` once handled, or at once for one that
/// cannot be read (posting it again would change nothing).
async fn receive(bot: &Bot, body: &[u8]) -> HookResponse {
    match serde_json::from_slice::<Update>(body) {
        Ok(update) => {
            crate::handle(bot, &update).await;
            bot.wake.notify_one();
        }
        Err(error) => tracing::warn!(%error, "an update Telegram posted could not be read"),
    }
    HookResponse::status(200)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(path: &str, header: Option<&str>) -> HookRequest {
        HookRequest {
            path: path.to_owned(),
            headers: header
                .map(|value| vec![(SECRET_HEADER.to_owned(), value.to_owned())])
                .unwrap_or_default(),
            body: Vec::new(),
        }
    }

    #[test]
    fn the_secrets_come_from_the_token_and_fit_telegrams_rules() {
        let token = Token::new("123456:ABC-secret").expect("a token");
        let secrets = Secrets::of(&token);
        assert_eq!(secrets, Secrets::of(&token), "every process agrees");
        let other = Secrets::of(&Token::new("123456:ABC-other").expect("a token"));
        assert_ne!(secrets.path, other.path);
        assert_ne!(secrets.header, other.header);
        assert_eq!(secrets.path.len(), 32);
        assert_eq!(secrets.header.len(), 64);
        let allowed = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
        assert!(secrets.header.chars().all(allowed));
        assert!(!secrets.header.contains("ABC") && !secrets.path.contains("123456"));
        assert_eq!(format!("{secrets:?}"), "Secrets(…)");
    }

    #[test]
    fn a_request_needs_both_secrets() {
        let secrets = Secrets::of(&Token::new("123456:ABC-secret").expect("a token"));
        let (path, header) = (secrets.path.as_str(), secrets.header.as_str());
        assert!(secrets.admit(&request(path, Some(header))));
        assert!(!secrets.admit(&request(path, None)), "missing header");
        assert!(
            !secrets.admit(&request(path, Some("wrong"))),
            "wrong header"
        );
        assert!(
            !secrets.admit(&request("wrong", Some(header))),
            "wrong path"
        );
        assert!(!secrets.admit(&request(header, Some(path))), "swapped");
    }
}
