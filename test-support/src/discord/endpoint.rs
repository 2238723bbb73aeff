//! Interactions over HTTP, as Discord posts them once an application's interactions
//! endpoint URL is set in the developer portal: each one `POST`ed as JSON, signed with the
//! application's Ed25519 key over `X-Signature-Timestamp` + body (`X-Signature-Ed25519`,
//! hexadecimal), instead of an `INTERACTION_CREATE` on the gateway. The response is either
//! an interaction response in the HTTP response (200, taken as the callback) or 202 once
//! the callback endpoint was used. Setting the URL first checks it as the portal does: a
//! signed `PING` must get `{"type":1}`, and one with a bad signature must be refused.

use std::time::{Instant, SystemTime, UNIX_EPOCH};

use ed25519_dalek::{Signer, SigningKey};
use serde_json::{Value, json};

use super::ids::read;
use super::{Call, FakeDiscord, interactions};
use crate::http::client;

/// An interaction posted to the endpoint: the request as sent, and the answer.
#[derive(Debug, Clone)]
pub struct Posted {
    pub timestamp: String,
    pub signature: String,
    pub body: String,
    pub status: u16,
    /// The response's body (`null` when empty).
    pub answer: Value,
}

impl FakeDiscord {
    /// The application's key: the same for one application ID, for every fake.
    fn signing_key(&self) -> SigningKey {
        let mut seed = [0x5a; 32];
        seed[..8].copy_from_slice(&self.shared.config.application_id.to_le_bytes());
        SigningKey::from_bytes(&seed)
    }

    /// The application's public key, as the developer portal shows it (hexadecimal).
    pub fn public_key(&self) -> String {
        hex(self.signing_key().verifying_key().as_bytes())
    }

    /// The signature Discord puts in `X-Signature-Ed25519` for `body` sent at `timestamp`.
    pub fn sign(&self, timestamp: &str, body: &[u8]) -> String {
        let mut signed = timestamp.as_bytes().to_vec();
        signed.extend_from_slice(body);
        hex(&self.signing_key().sign(&signed).to_bytes())
    }

    /// Sets the interactions endpoint URL, as the developer portal does: only if the
    /// endpoint answers a signed `PING` with `PONG` and refuses one signed by another key;
    /// the error says which it did not.
    pub async fn set_interactions_endpoint(&self, url: &str) -> Result<(), String> {
        let ping = json!({
            "id": "1000000000000000001",
            "application_id": self.shared.config.application_id.to_string(),
            "type": 1,
            "token": "ping-token",
            "version": 1,
        })
        .to_string();
        let posted = self.post_signed(url, &ping, true).await?;
        let (status, pong) = (posted.status, posted.answer);
        if status != 200 || pong["type"] != json!(1) {
            return Err(format!(
                "the PING got {status} {pong}, not 200 {{\"type\":1}}"
            ));
        }
        let status = self.post_signed(url, &ping, false).await?.status;
        if status != 401 {
            return Err(format!("a PING with a bad signature got {status}, not 401"));
        }
        self.shared.state().endpoint = Some(url.to_owned());
        Ok(())
    }

    /// Posts `interaction` (made by [`super::slash_command`] and the other builders) to
    /// the endpoint, signed, now; learned first as [`FakeDiscord::dispatch`] learns it.
    /// What was sent and answered; a 200's interaction response is taken as its callback.
    pub async fn post_interaction(&self, interaction: Value) -> Result<Posted, String> {
        let url = self.shared.state().endpoint.clone();
        let url = url.ok_or("no interactions endpoint URL is set")?;
        let mut data = interaction;
        {
            let mut state = self.shared.state();
            state.learn(&self.shared.config, "INTERACTION_CREATE", &mut data);
            state.note_delivered(&data);
        }
        let mut posted = self.post_signed(&url, &data.to_string(), true).await?;
        let status = posted.status;
        let answer = posted.answer.clone();
        if status == 200
            && let (Some(id), Some(token)) = (read(&data["id"]), data["token"].as_str())
        {
            let call = Call {
                method: "POST".into(),
                path: format!("/interactions/{id}/{token}/callback"),
                query: String::new(),
                body: answer.clone(),
                status: 0,
                response: Value::Null,
                received: Instant::now(),
                answered_in: std::time::Duration::ZERO,
            };
            let config = &self.shared.config;
            self.shared.answer(|_, state| {
                interactions::callback(config, state, &call, &id.to_string(), token)
            });
        }
        posted.answer = answer;
        Ok(posted)
    }

    /// Posts `body` to `url` with the headers Discord sends, signed by the application's
    /// key (or, when not `genuine`, by another).
    async fn post_signed(&self, url: &str, body: &str, genuine: bool) -> Result<Posted, String> {
        let timestamp = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|since| since.as_secs())
            .unwrap_or_default()
            .to_string();
        let signature = if genuine {
            self.sign(&timestamp, body.as_bytes())
        } else {
            let mut signed = timestamp.as_bytes().to_vec();
            signed.extend_from_slice(body.as_bytes());
            hex(&SigningKey::from_bytes(&[0x33; 32]).sign(&signed).to_bytes())
        };
        let headers = [
            ("content-type", "application/json"),
            (
                "user-agent",
                "Discord-Interactions/1.0 (+https://discord.com)",
            ),
            ("x-signature-ed25519", signature.as_str()),
            ("x-signature-timestamp", timestamp.as_str()),
        ];
        let (status, _, bytes) = client::post(url, &headers, body.as_bytes().to_vec()).await?;
        Ok(Posted {
            status,
            answer: serde_json::from_slice(&bytes).unwrap_or(Value::Null),
            timestamp,
            signature,
            body: body.to_owned(),
        })
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}
