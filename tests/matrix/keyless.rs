//! A newcomer whose client publishes no encryption keys (a bridge, a minimal client)
//! gets the questionnaire in a DM it can read: not encrypted. Their client is plain
//! client-server API calls through `curl`, no matrix-sdk, so nothing uploads device keys
//! behind its back.

use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context, bail, ensure};
use libtest_mimic::Trial;
use serde_json::{Value, json};

use crate::support::community::{Community, FIRST_DM, REPLY};
use crate::support::trial::{Ctx, trial};

pub fn trials() -> Vec<Trial> {
    vec![trial(
        "bot::a_newcomer_without_keys_gets_a_dm_they_can_read",
        a_newcomer_without_keys_gets_a_dm_they_can_read,
    )]
}

async fn a_newcomer_without_keys_gets_a_dm_they_can_read(ctx: Ctx) -> anyhow::Result<()> {
    let mut c = Community::create(&ctx).await?;
    c.bot.start().await?;
    let (_, password) = ctx.register("keyless")?;
    let mut newcomer = Keyless::login(&ctx.synapse.url, &ctx.localpart("keyless"), &password)?;
    newcomer.join(c.main.as_str())?;

    let dm = newcomer.accept_invite_from(c.bot_id.as_str(), FIRST_DM)?;
    let seen = newcomer.wait_in(&dm, REPLY, |event| {
        event["type"] == "m.room.message"
            && event["content"]["body"]
                .as_str()
                .is_some_and(|body| body.contains("Which country do you come from?"))
    })?;
    ensure!(
        !seen.iter().any(|event| event["type"] == "m.room.encrypted"),
        "the bot wrote encrypted messages they cannot read: {seen:#?}"
    );
    ensure!(
        newcomer.state(&dm, "m.room.encryption")?.is_none(),
        "the DM is encrypted"
    );
    c.bot.stop().await
}

#[derive(Debug)]
pub struct Keyless {
    base: String,
    token: String,
    since: Option<String>,
}

impl Keyless {
    pub fn login(homeserver: &str, localpart: &str, password: &str) -> anyhow::Result<Self> {
        let body = json!({
            "type": "m.login.password",
            "identifier": {"type": "m.id.user", "user": localpart},
            "password": password,
        });
        let answer = curl(
            homeserver,
            "POST",
            "/_matrix/client/v3/login",
            None,
            Some(&body),
        )?;
        let token = answer["access_token"]
            .as_str()
            .with_context(|| format!("no access token in {answer}"))?;
        Ok(Self {
            base: homeserver.to_owned(),
            token: token.to_owned(),
            since: None,
        })
    }

    pub fn join(&self, room: &str) -> anyhow::Result<()> {
        let path = format!("/_matrix/client/v3/join/{}", encode(room));
        curl(
            &self.base,
            "POST",
            &path,
            Some(&self.token),
            Some(&json!({})),
        )?;
        Ok(())
    }

    fn sync(&mut self) -> anyhow::Result<Value> {
        let mut path = "/_matrix/client/v3/sync?timeout=1000".to_owned();
        if let Some(since) = &self.since {
            path.push_str(&format!("&since={}", encode(since)));
        }
        let answer = curl(&self.base, "GET", &path, Some(&self.token), None)?;
        self.since = answer["next_batch"].as_str().map(str::to_owned);
        Ok(answer)
    }

    /// Joins the first room `from` invites it to, within `limit`; returns its ID.
    pub fn accept_invite_from(&mut self, from: &str, limit: Duration) -> anyhow::Result<String> {
        let deadline = Instant::now() + limit;
        while Instant::now() < deadline {
            let answer = self.sync()?;
            if let Some(invites) = answer["rooms"]["invite"].as_object() {
                for (room, state) in invites {
                    let events = state["invite_state"]["events"].as_array();
                    let from_them = events
                        .into_iter()
                        .flatten()
                        .any(|event| event["type"] == "m.room.member" && event["sender"] == from);
                    if from_them {
                        self.join(room)?;
                        return Ok(room.clone());
                    }
                }
            }
        }
        bail!("no invite from {from} within {limit:?}")
    }

    /// The timeline events of `room` until one matches `found`, within `limit`.
    pub fn wait_in(
        &mut self,
        room: &str,
        limit: Duration,
        found: impl Fn(&Value) -> bool,
    ) -> anyhow::Result<Vec<Value>> {
        let deadline = Instant::now() + limit;
        let mut seen = Vec::new();
        while Instant::now() < deadline {
            let answer = self.sync()?;
            let events = answer["rooms"]["join"][room]["timeline"]["events"].as_array();
            for event in events.into_iter().flatten() {
                seen.push(event.clone());
                if found(event) {
                    return Ok(seen);
                }
            }
        }
        bail!("nothing awaited came in {room} within {limit:?}; came: {seen:#?}")
    }

    /// The room's state event of `kind`, if any.
    pub fn state(&self, room: &str, kind: &str) -> anyhow::Result<Option<Value>> {
        let path = format!("/_matrix/client/v3/rooms/{}/state/{kind}/", encode(room));
        match curl(&self.base, "GET", &path, Some(&self.token), None) {
            Ok(value) => Ok(Some(value)),
            Err(error) if format!("{error}").contains("M_NOT_FOUND") => Ok(None),
            Err(error) => Err(error),
        }
    }
}

fn encode(text: &str) -> String {
    text.bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (byte as char).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect()
}

fn curl(
    base: &str,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<&Value>,
) -> anyhow::Result<Value> {
    let mut command = Command::new("curl");
    command
        .args(["-sS", "-m", "30", "-X", method])
        .arg(format!("{base}{path}"));
    if let Some(token) = token {
        command.args(["-H", &format!("Authorization: Bearer {token}")]);
    }
    if let Some(body) = body {
        command.args([
            "-H",
            "Content-Type: application/json",
            "-d",
            &body.to_string(),
        ]);
    }
    let output = command.output().context("cannot run curl")?;
    let text = String::from_utf8_lossy(&output.stdout);
    let value: Value = serde_json::from_str(&text)
        .with_context(|| format!("{method} {path}: not JSON: {text}"))?;
    if !output.status.success() || value.get("errcode").is_some() {
        bail!("{method} {path} failed: {text}");
    }
    Ok(value)
}
