//! Answering an interaction: the first reply is the interaction's own response
//! (`CHANNEL_MESSAGE_WITH_SOURCE`), later ones are follow-ups on its token. When the
//! hub takes longer than Discord's 3 s, the interaction is deferred first and the first
//! reply then edits the "thinking…" message. What cannot go this way (the token is
//! gone, Discord refused) goes to the outbox as an ordinary message, through the
//! runtime.

use std::sync::Arc;
use std::time::Duration;

use passerelle_core::reply::Message;
use passerelle_runtime::{Answer, Here};
use serde_json::json;
use tokio::sync::Mutex;

use crate::bot::{Bot, EPHEMERAL, Part, SendError};

/// How long the bot waits for the hub before deferring (Discord allows 3 s).
pub const DEFER_AFTER: Duration = Duration::from_millis(2200);

/// Interaction response types (discord-api-docs).
const CHANNEL_MESSAGE: u8 = 4;
const DEFERRED_CHANNEL_MESSAGE: u8 = 5;
pub const AUTOCOMPLETE_RESULT: u8 = 8;

/// Where the interaction's response stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    /// Nothing answered yet.
    Open,
    /// Deferred: Discord shows "thinking…" until the original message is edited.
    Deferred,
    /// The original response is there; more go as follow-ups.
    Answered,
}

/// One interaction being answered: the runtime's [`Here`] for it.
#[derive(Debug, Clone)]
pub struct Responder {
    bot: Arc<Bot>,
    id: u64,
    token: String,
    /// Replies only the member sees (a button's confirmation in a channel).
    ephemeral: bool,
    stage: Arc<Mutex<Stage>>,
}

impl Responder {
    pub fn new(bot: Arc<Bot>, id: u64, token: String, ephemeral: bool) -> Self {
        Self {
            bot,
            id,
            token,
            ephemeral,
            stage: Arc::new(Mutex::new(Stage::Open)),
        }
    }

    fn flags(&self) -> u64 {
        if self.ephemeral { EPHEMERAL } else { 0 }
    }

    /// Defers the response after [`DEFER_AFTER`] unless it was given by then: the task
    /// to abort once the hub answered.
    pub fn defer_later(&self) -> tokio::task::JoinHandle<()> {
        let this = self.clone();
        tokio::spawn(async move {
            tokio::time::sleep(DEFER_AFTER).await;
            let mut stage = this.stage.lock().await;
            if *stage != Stage::Open {
                return;
            }
            let body = json!({
                "type": DEFERRED_CHANNEL_MESSAGE,
                "data": { "flags": this.flags() },
            });
            match this.bot.rest.post(&this.callback(), &body).await {
                Ok(_) => *stage = Stage::Deferred,
                Err(error) => tracing::warn!(%error, "cannot defer an interaction"),
            }
        })
    }

    /// Acknowledges an interaction the hub had nothing to say to, so the member's client
    /// does not report a failure: a reply deferred, then taken away.
    pub async fn close_silently(&self) {
        let mut stage = self.stage.lock().await;
        if *stage == Stage::Answered {
            return;
        }
        if *stage == Stage::Open {
            let body = json!({ "type": DEFERRED_CHANNEL_MESSAGE, "data": { "flags": EPHEMERAL } });
            if let Err(error) = self.bot.rest.post(&self.callback(), &body).await {
                tracing::warn!(%error, "cannot acknowledge an interaction");
                return;
            }
        }
        let original = format!("{}/messages/@original", self.webhook());
        if let Err(error) = self
            .bot
            .rest
            .call(reqwest::Method::DELETE, &original, None)
            .await
        {
            tracing::debug!(%error, "cannot take the deferred reply away");
        }
        *stage = Stage::Answered;
    }

    fn callback(&self) -> String {
        format!("/interactions/{}/{}/callback", self.id, self.token)
    }

    fn webhook(&self) -> String {
        format!(
            "/webhooks/{}/{}",
            self.bot.settings.application_id, self.token
        )
    }

    async fn respond(&self, message: &Message) -> Result<(), SendError> {
        let now = passerelle_runtime::now();
        let mut stage = self.stage.lock().await;
        // Only the asker sees it (a button's confirmation in a channel, a card meant
        // for them): ephemeral.
        let flags = if message.asker_only {
            EPHEMERAL
        } else {
            self.flags()
        };
        for mut part in self.bot.parts(message, now).await? {
            part.body["flags"] = json!(flags);
            match *stage {
                Stage::Open => {
                    let response = Part {
                        body: json!({ "type": CHANNEL_MESSAGE, "data": part.body }),
                        ..part
                    };
                    self.bot.send_part(&self.callback(), &response).await?;
                }
                Stage::Deferred => {
                    let original = format!("{}/messages/@original", self.webhook());
                    self.bot.rest.patch(&original, &part.body).await?;
                }
                Stage::Answered => {
                    self.bot.send_part(&self.webhook(), &part).await?;
                }
            }
            *stage = Stage::Answered;
        }
        Ok(())
    }
}

impl Here for Responder {
    type Error = SendError;

    async fn send(&mut self, message: &Message, _answer: Answer) -> Result<(), SendError> {
        self.respond(message).await
    }

    fn wait_asked(error: &SendError) -> Option<Duration> {
        error.wait_asked()
    }
}
