//! The bot on Discord: what it knows (the hub, its REST client, its user ID), how it
//! writes a hub message (Discord markdown cut to length, choices as buttons carrying
//! stored keys, pings only for the members the message names), and who a Discord user
//! is for the hub.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use chrono::{DateTime, Utc};
use passerelle_core::Hub;
use passerelle_core::incoming::Sender;
use passerelle_core::model::Platform;
use passerelle_core::reply::Message;
use serde_json::{Value, json};
use tokio::sync::Notify;

use crate::render::render;
use crate::rest::{Rest, RestError};
use crate::settings::{Settings, Standing};

/// Discord's limits on buttons: five to a row, five rows.
pub const BUTTONS_PER_ROW: usize = 5;
pub const MAX_ROWS: usize = 5;
/// The longest button label Discord takes.
const MAX_LABEL: usize = 80;
/// A message only its recipient sees (an interaction's reply).
pub const EPHEMERAL: u64 = 1 << 6;

/// The bot, shared by the gateway's handlers and the outbox worker.
#[derive(Debug)]
pub struct Bot {
    pub rest: Rest,
    pub hub: Hub,
    pub settings: Settings,
    /// Its user ID (from `GET /users/@me`).
    pub user_id: u64,
    /// Wakes the outbox worker.
    pub wake: Arc<Notify>,
    /// Wakes the mirror of scheduled events (an event may have changed).
    pub calendar: Arc<Notify>,
    /// Each user's DM channel, as Discord gave it (it gives the same one each time).
    dms: Mutex<HashMap<u64, u64>>,
}

/// What the parts of one bot in a process tell each other (see [`crate::Part`]): that
/// messages were queued, for the outbox worker; that an event may have changed, for the
/// scheduled events' mirror.
#[derive(Debug, Clone, Default)]
pub struct Signals {
    pub wake: Arc<Notify>,
    pub calendar: Arc<Notify>,
}

/// Why a message did not go.
#[derive(Debug, thiserror::Error)]
pub enum SendError {
    #[error(transparent)]
    Discord(#[from] RestError),
    #[error("the hub failed: {0}")]
    Hub(String),
    #[error("Discord's answer had no message ID")]
    NoId,
}

impl SendError {
    /// How long Discord asked to wait (a 429), when it did.
    pub fn wait_asked(&self) -> Option<std::time::Duration> {
        match self {
            Self::Discord(RestError {
                status: 429,
                retry_after,
                ..
            }) => *retry_after,
            _ => None,
        }
    }
}

/// One Discord message's body, and the file sent with it, if any.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    pub body: Value,
    pub file: Option<passerelle_core::reply::Attachment>,
}

impl Bot {
    pub fn new(rest: Rest, hub: Hub, settings: Settings, user_id: u64, signals: Signals) -> Self {
        Self {
            rest,
            hub,
            settings,
            user_id,
            wake: signals.wake,
            calendar: signals.calendar,
            dms: Mutex::new(HashMap::new()),
        }
    }

    /// `message` as the bodies of as many Discord messages as its length needs, the
    /// choices (as buttons) and the file with the last.
    pub async fn parts(
        &self,
        message: &Message,
        now: DateTime<Utc>,
    ) -> Result<Vec<Part>, SendError> {
        let mut texts = render(&message.text, &message.mentions, &message.moments);
        if texts.is_empty() {
            texts.push(String::new());
        }
        let components = self.buttons(message, now).await?;
        let pinged: Vec<&str> = message
            .mentions
            .iter()
            .map(|mention| mention.user_id.as_str())
            .filter(|id| id.parse::<u64>().is_ok())
            .collect();
        let count = texts.len();
        Ok(texts
            .into_iter()
            .enumerate()
            .map(|(index, content)| {
                let last = index + 1 == count;
                let mut body = json!({
                    "content": content,
                    // Only members the hub names are pinged: never @everyone, @here or a
                    // role, whatever a member wrote.
                    "allowed_mentions": { "parse": [], "users": pinged },
                });
                if last && !components.is_empty() {
                    body["components"] = Value::Array(components.clone());
                }
                Part {
                    body,
                    file: if last { message.file.clone() } else { None },
                }
            })
            .collect())
    }

    /// The choices of `message` as rows of buttons, each carrying a stored key.
    async fn buttons(
        &self,
        message: &Message,
        now: DateTime<Utc>,
    ) -> Result<Vec<Value>, SendError> {
        let most = BUTTONS_PER_ROW * MAX_ROWS;
        if message.choices.len() > most {
            tracing::warn!(
                choices = message.choices.len(),
                "Discord shows {most} buttons at most: the others are left out"
            );
        }
        let mut buttons = Vec::new();
        for choice in message.choices.iter().take(most) {
            let key = self
                .hub
                .offer_choice(Platform::Discord, &choice.command, now)
                .await
                .map_err(|error| SendError::Hub(error.to_string()))?;
            buttons.push(json!({
                "type": 2,
                "style": 2,
                "label": label(&choice.label),
                "custom_id": key,
            }));
        }
        Ok(buttons
            .chunks(BUTTONS_PER_ROW)
            .map(|row| json!({ "type": 1, "components": row }))
            .collect())
    }

    /// Posts `message` in `channel`, the first part as a reply to `reply_to` when given:
    /// the ID of the last message.
    pub async fn post(
        &self,
        channel: u64,
        message: &Message,
        reply_to: Option<u64>,
        now: DateTime<Utc>,
    ) -> Result<u64, SendError> {
        let path = format!("/channels/{channel}/messages");
        let mut last = None;
        for (index, mut part) in self.parts(message, now).await?.into_iter().enumerate() {
            if index == 0
                && let Some(reply_to) = reply_to
            {
                part.body["message_reference"] =
                    json!({ "message_id": reply_to.to_string(), "fail_if_not_exists": false });
            }
            let sent = self.send_part(&path, &part).await?;
            last = Some(message_id(&sent)?);
        }
        last.ok_or(SendError::NoId)
    }

    /// Sends one part to `path`, with its file as multipart when it has one.
    pub async fn send_part(&self, path: &str, part: &Part) -> Result<Value, SendError> {
        Ok(match &part.file {
            Some(file) => {
                let mut payload = part.body.clone();
                // An interaction's response carries its message under `data`.
                let in_data = payload.get("data").is_some_and(Value::is_object);
                let message = if in_data {
                    &mut payload["data"]
                } else {
                    &mut payload
                };
                message["attachments"] = json!([{ "id": 0, "filename": file.name }]);
                self.rest
                    .post_file(
                        path,
                        &payload,
                        &file.name,
                        &file.media_type,
                        file.content.clone().into_bytes(),
                    )
                    .await?
            }
            None => self.rest.post(path, &part.body).await?,
        })
    }

    /// Puts `message` in place of the bot's message `id` in `channel` (an announcement
    /// kept current): its first part, and its buttons again.
    pub async fn edit(
        &self,
        channel: u64,
        id: u64,
        message: &Message,
        now: DateTime<Utc>,
    ) -> Result<u64, SendError> {
        let mut parts = self.parts(message, now).await?;
        let mut first = parts.remove(0).body;
        if let Some(last) = parts.pop()
            && let Some(components) = last.body.get("components")
        {
            first["components"] = components.clone();
        }
        let edited = self
            .rest
            .patch(&format!("/channels/{channel}/messages/{id}"), &first)
            .await?;
        message_id(&edited)
    }

    /// The DM channel with `user`, opened if it is not yet.
    pub async fn dm_channel(&self, user: u64) -> Result<u64, SendError> {
        if let Some(channel) = self.known_dm(user) {
            return Ok(channel);
        }
        let opened = self
            .rest
            .post(
                "/users/@me/channels",
                &json!({ "recipient_id": user.to_string() }),
            )
            .await?;
        let channel = message_id(&opened)?;
        self.dms
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(user, channel);
        Ok(channel)
    }

    fn known_dm(&self, user: u64) -> Option<u64> {
        let dms = self.dms.lock().unwrap_or_else(PoisonError::into_inner);
        dms.get(&user).copied()
    }

    /// Whether `channel` is a DM channel the bot opened.
    pub fn is_dm(&self, channel: u64) -> bool {
        let dms = self.dms.lock().unwrap_or_else(PoisonError::into_inner);
        dms.values().any(|known| *known == channel)
    }

    /// Gives `user` the Discord roles the hub role `role` adds.
    pub async fn add_roles(&self, user: u64, role: &str) -> Result<(), SendError> {
        for discord_role in self.settings.discord_roles_for(role) {
            let path = format!(
                "/guilds/{}/members/{user}/roles/{discord_role}",
                self.settings.guild_id
            );
            self.rest.put(&path, &Value::Null).await?;
        }
        Ok(())
    }

    /// Who `user` is for the hub: their ID, name, hub roles and language.
    pub fn sender(
        &self,
        user: &serenity::all::User,
        standing: Option<Standing>,
        locale: Option<&str>,
    ) -> Sender {
        Sender {
            user_id: user.id.get().to_string(),
            display_name: user
                .global_name
                .clone()
                .unwrap_or_else(|| user.name.clone()),
            roles: standing
                .map(|standing| self.settings.roles_for(&standing))
                .unwrap_or_default(),
            language: locale.and_then(crate::translate::language),
        }
    }
}

/// A button label within Discord's limit.
fn label(text: &str) -> String {
    if text.chars().count() <= MAX_LABEL {
        return text.to_owned();
    }
    let kept: String = text.chars().take(MAX_LABEL - 1).collect();
    format!("{kept}…")
}

/// The `id` of a Discord object, a snowflake as text.
pub fn message_id(object: &Value) -> Result<u64, SendError> {
    object["id"]
        .as_str()
        .and_then(|id| id.parse().ok())
        .ok_or(SendError::NoId)
}
