//! Interactions over HTTP (`interactions = "http"`): Discord posts each slash command,
//! button press and autocomplete to the interactions endpoint URL set in the developer
//! portal (`{public_url}/discord/interactions`), signed with the application's key.
//! A request whose Ed25519 signature over `X-Signature-Timestamp` + body does not check
//! out with the public key, or whose timestamp is over five minutes off, is refused with
//! 401 and not read further. `PING` is answered `PONG`; anything else is answered as
//! over the gateway, through the callback endpoint, and the request then gets 202, as
//! Discord asks when the callback was used.

use std::sync::Arc;
use std::time::Duration;

use ed25519_dalek::{Signature, VerifyingKey};
use passerelle_runtime::hooks::{Answering, HookRequest, HookResponse, Hooks};
use serenity::all::Interaction;

use crate::gateway::Handler;
use crate::interaction::DEFER_AFTER;

/// The name of the platform's hook on the web server.
pub const HOOK: &str = "discord";
pub const SIGNATURE_HEADER: &str = "x-signature-ed25519";
pub const TIMESTAMP_HEADER: &str = "x-signature-timestamp";
/// How far a request's timestamp may be from the clock: a captured request replayed
/// later is refused.
const FRESH: i64 = 5 * 60;
/// How long the request waits for the interaction's first answer before it gets its
/// 202: past the deferral, within Discord's 3 s.
const ANSWERED_BY: Duration = DEFER_AFTER.saturating_add(Duration::from_millis(400));

/// Checks that a request comes from Discord.
#[derive(Debug, Clone)]
pub struct Verifier {
    key: VerifyingKey,
}

impl Verifier {
    pub fn new(public_key: &[u8; 32]) -> Result<Self, String> {
        VerifyingKey::from_bytes(public_key)
            .map(|key| Self { key })
            .map_err(|_| "public_key is not an Ed25519 public key".to_owned())
    }

    /// Whether `request` is signed by the application's key, at a time within
    /// [`FRESH`] of `now` (Unix seconds).
    pub fn admit(&self, request: &HookRequest, now: i64) -> bool {
        let (Some(signature), Some(timestamp)) = (
            request.header(SIGNATURE_HEADER),
            request.header(TIMESTAMP_HEADER),
        ) else {
            return false;
        };
        let Some(signature) = hex64(signature) else {
            return false;
        };
        if timestamp
            .parse::<i64>()
            .map_or(true, |at| (now - at).abs() > FRESH)
        {
            return false;
        }
        let mut signed = timestamp.as_bytes().to_vec();
        signed.extend_from_slice(&request.body);
        self.key
            .verify_strict(&signed, &Signature::from_bytes(&signature))
            .is_ok()
    }
}

/// 128 hexadecimal digits as 64 bytes.
fn hex64(text: &str) -> Option<[u8; 64]> {
    if text.len() != 128 {
        return None;
    }
    let mut bytes = [0u8; 64];
    for (byte, pair) in bytes.iter_mut().zip(text.as_bytes().chunks(2)) {
        let pair = std::str::from_utf8(pair).ok()?;
        *byte = u8::from_str_radix(pair, 16).ok()?;
    }
    Some(bytes)
}

/// Takes interactions posted to the endpoint with `handler` from now on.
pub fn mount(hooks: &Hooks, handler: Arc<Handler>, verifier: Verifier) {
    hooks.mount(
        HOOK,
        Arc::new(move |request: HookRequest| {
            let (handler, verifier) = (handler.clone(), verifier.clone());
            Box::pin(async move {
                if !verifier.admit(&request, passerelle_runtime::now().timestamp()) {
                    tracing::warn!("an interaction posted without a valid signature");
                    return HookResponse::unauthorized();
                }
                receive(handler, &request.body).await
            }) as Answering
        }),
    );
}

/// Answers one signed interaction.
async fn receive(handler: Arc<Handler>, body: &[u8]) -> HookResponse {
    let interaction = match serde_json::from_slice::<Interaction>(body) {
        Ok(interaction) => interaction,
        Err(error) => {
            tracing::warn!(%error, "an interaction Discord posted could not be read");
            return HookResponse::status(400);
        }
    };
    if let Interaction::Ping(_) = interaction {
        return HookResponse::json(200, r#"{"type":1}"#.to_owned());
    }
    // Answered through the callback as over the gateway; the request gets its 202 once
    // that is done, or deferred, and the rest (edits, follow-ups) goes on after it.
    let answering = tokio::spawn(async move { handler.interaction(interaction).await });
    let _ = tokio::time::timeout(ANSWERED_BY, answering).await;
    HookResponse::status(202)
}

#[cfg(test)]
mod tests {
    use ed25519_dalek::{Signer, SigningKey};

    use super::*;

    const NOW: i64 = 1_800_000_000;

    fn signed(key: &SigningKey, timestamp: &str, body: &str) -> HookRequest {
        let signature = key.sign(format!("{timestamp}{body}").as_bytes());
        let hex: String = signature
            .to_bytes()
            .iter()
            .map(|byte| format!("{byte:02x}"))
            .collect();
        HookRequest {
            path: String::new(),
            headers: vec![
                (SIGNATURE_HEADER.to_owned(), hex),
                (TIMESTAMP_HEADER.to_owned(), timestamp.to_owned()),
            ],
            body: body.as_bytes().to_vec(),
        }
    }

    #[test]
    fn only_a_fresh_request_signed_by_the_application_is_admitted() {
        let key = SigningKey::from_bytes(&[7; 32]);
        let verifier = Verifier::new(key.verifying_key().as_bytes()).expect("a key");
        let now = NOW.to_string();
        let good = signed(&key, &now, r#"{"type":1}"#);
        assert!(verifier.admit(&good, NOW));

        let mut other_body = good.clone();
        other_body.body = br#"{"type":2}"#.to_vec();
        assert!(!verifier.admit(&other_body, NOW), "the body changed");
        let mut other_time = good.clone();
        other_time.headers[1].1 = (NOW + 1).to_string();
        assert!(!verifier.admit(&other_time, NOW), "the timestamp changed");
        let stranger = SigningKey::from_bytes(&[8; 32]);
        assert!(!verifier.admit(&signed(&stranger, &now, r#"{"type":1}"#), NOW));
        let mut unsigned = good.clone();
        unsigned.headers.remove(0);
        assert!(!verifier.admit(&unsigned, NOW), "no signature");
        let mut garbled = good.clone();
        garbled.headers[0].1.replace_range(0..2, "zz");
        assert!(!verifier.admit(&garbled, NOW), "not hexadecimal");
        // Replayed ten minutes later: stale.
        assert!(!verifier.admit(&good, NOW + 600));
        assert!(verifier.admit(&good, NOW + 60));
    }
}
