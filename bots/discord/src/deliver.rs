//! The outbox on Discord: each claimed row sent as the runtime's worker asks (channel
//! messages, DMs, edits of kept announcements, Discord roles for granted hub roles), its
//! failure read by [`crate::classify`]; and [`InChannel`], the runtime's `Here` for a
//! message said in a channel or a DM.

use std::sync::Arc;
use std::time::Duration;

use passerelle_core::model::Platform;
use passerelle_core::outbox::{Destination, Outgoing};
use passerelle_core::reply::Message;
use passerelle_runtime::{Answer, Deliver, Failed, Failure, Here, Sent};

use crate::bot::{Bot, SendError};
use crate::classify::{Refusal, classify};

/// The bot as the outbox worker's adapter.
#[derive(Debug, Clone)]
pub struct Delivery(pub Arc<Bot>);

/// `id` as a snowflake, or a permanent failure naming `what` it should be.
fn snowflake(id: &str, what: &str) -> Result<u64, Failed> {
    id.parse().map_err(|_| {
        Failed::new(
            Failure::Permanent,
            format!("`{id}` is not a Discord {what}"),
        )
    })
}

impl Deliver for Delivery {
    async fn send(&mut self, outgoing: &Outgoing) -> Result<Sent, Failed> {
        let bot = &self.0;
        let now = passerelle_runtime::now();
        let sent = match &outgoing.destination {
            Destination::Room(room) => bot
                .post(snowflake(room, "channel ID")?, &outgoing.message, None, now)
                .await
                .map(Some),
            Destination::Direct(user) => {
                let user = snowflake(user, "user ID")?;
                match bot.dm_channel(user).await {
                    Ok(channel) => bot
                        .post(channel, &outgoing.message, None, now)
                        .await
                        .map(Some),
                    Err(error) => Err(error),
                }
            }
            Destination::Edit { room, message } => bot
                .edit(
                    snowflake(room, "channel ID")?,
                    snowflake(message, "message ID")?,
                    &outgoing.message,
                    now,
                )
                .await
                .map(Some),
            // A hub role granted: the Discord roles it adds, if any.
            Destination::Role(user) => bot
                .add_roles(snowflake(user, "user ID")?, &outgoing.message.text)
                .await
                .map(|()| None),
            // Discord has no requests to join a server that a bot grants.
            Destination::Admit(_) => {
                tracing::debug!("a join request granted means nothing on Discord");
                Ok(None)
            }
        };
        match sent {
            Ok(Some(id)) => Ok(Sent::Message(id.to_string())),
            Ok(None) => Ok(Sent::Done),
            Err(SendError::Discord(error)) => {
                let (failure, refusal) = classify(&error);
                if let (Some(Refusal::DmsClosed), Destination::Direct(user)) =
                    (refusal, &outgoing.destination)
                {
                    // Their DMs are closed: the welcome team should know.
                    if let Err(error) = bot.hub.private_refused(Platform::Discord, user, now).await
                    {
                        tracing::warn!(%error, "cannot mark a member unreachable in private");
                    }
                }
                Err(Failed::new(failure, error))
            }
            Err(error) => Err(Failed::new(Failure::Transient, error)),
        }
    }
}

/// A message said in a channel or a DM, answered there (in a channel, as a reply).
#[derive(Debug, Clone)]
pub struct InChannel {
    pub bot: Arc<Bot>,
    pub channel: u64,
    pub reply_to: Option<u64>,
}

impl Here for InChannel {
    type Error = SendError;

    async fn send(&mut self, message: &Message, _answer: Answer) -> Result<(), SendError> {
        let reply_to = self.reply_to.filter(|_| message.in_reply);
        self.bot
            .post(self.channel, message, reply_to, passerelle_runtime::now())
            .await
            .map(|_| ())
    }

    fn wait_asked(error: &SendError) -> Option<Duration> {
        error.wait_asked()
    }
}
