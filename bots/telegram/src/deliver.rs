//! The outbox on Telegram: each claimed row sent as the runtime's worker asks (room
//! messages, private messages, edits of kept announcements, join requests granted), its
//! failure read by [`crate::classify`].

use std::sync::Arc;

use passerelle_core::model::Platform;
use passerelle_core::outbox::{Destination, Outgoing};
use passerelle_runtime::{Deliver, Failed, Failure, Sent};
use teloxide::prelude::Requester;
use teloxide::types::{ChatId, UserId};

use crate::bot::{Bot, SendError};
use crate::chats::room_ref;
use crate::classify::{Refusal, classify};
use crate::translate::OPEN;

/// How long a private message waits for its member to open a chat with the bot.
const WAIT_FOR_OPENING: std::time::Duration = std::time::Duration::from_secs(14 * 24 * 3600);

/// The bot as the outbox worker's adapter.
#[derive(Debug, Clone)]
pub struct Delivery(pub Arc<Bot>);

impl Deliver for Delivery {
    async fn send(&mut self, outgoing: &Outgoing) -> Result<Sent, Failed> {
        let bot = &self.0;
        let now = passerelle_runtime::now();
        let place = |id: &str| {
            room_ref(id).ok_or_else(|| {
                Failed::new(
                    Failure::Permanent,
                    format!("`{id}` is not a Telegram chat ID"),
                )
            })
        };
        let chat = |id: &str| place(id).map(|to| to.chat);
        let sent = match &outgoing.destination {
            Destination::Room(room) | Destination::Direct(room) => bot
                .send(place(room)?, &outgoing.message, now)
                .await
                .map(Some),
            Destination::Edit { room, message } => {
                let message = message.parse::<i32>().map_err(|_| {
                    Failed::new(
                        Failure::Permanent,
                        format!("`{message}` is not a message ID"),
                    )
                })?;
                bot.edit(chat(room)?, message, &outgoing.message, now)
                    .await
                    .map(Some)
            }
            // A join request granted: Telegram adds them to the chat (a `chat_member`
            // update follows).
            Destination::Admit(user) => {
                let user = user.parse::<u64>().map_err(|_| {
                    Failed::new(
                        Failure::Permanent,
                        format!("`{user}` is not a Telegram user ID"),
                    )
                })?;
                bot.api
                    .approve_chat_join_request(ChatId(chat(&outgoing.message.text)?), UserId(user))
                    .await
                    .map(|_| None)
                    .map_err(SendError::from)
            }
            // A role granted by the hub: invite links to the chats it opens, if any.
            Destination::Role(user) => {
                let chats = bot.settings.invites_for(&outgoing.message.text);
                if chats.is_empty() {
                    tracing::debug!(
                        role = outgoing.message.text,
                        "this role means nothing on Telegram"
                    );
                    Ok(None)
                } else {
                    bot.invite(chat(user)?, &chats, now).await.map(|_| None)
                }
            }
        };
        match sent {
            Ok(Some(id)) => Ok(Sent::Message(id.to_string())),
            Ok(None) => Ok(Sent::Done),
            Err(SendError::Telegram(error)) => match (classify(&error), &outgoing.destination) {
                (
                    (_, Some(Refusal::NotStarted)),
                    Destination::Direct(user) | Destination::Role(user),
                ) => {
                    // A bot cannot open a private chat on Telegram: the member is asked
                    // to, and the message waits for them (brought forward when they do).
                    let link = format!("https://t.me/{}?start={OPEN}", bot.username);
                    if let Err(error) = bot
                        .hub
                        .ask_to_open_private(Platform::Telegram, user, &link, now)
                        .await
                    {
                        tracing::warn!(%error, "cannot ask a member to open a private chat");
                    }
                    Err(Failed::new(
                        Failure::Later(WAIT_FOR_OPENING),
                        bot.scrubbed(&error),
                    ))
                }
                (
                    (failure, Some(Refusal::Blocked)),
                    Destination::Direct(user) | Destination::Role(user),
                ) => {
                    // They blocked the bot: the welcome team should know.
                    if let Err(error) = bot.hub.private_refused(Platform::Telegram, user, now).await
                    {
                        tracing::warn!(%error, "cannot mark a member unreachable in private");
                    }
                    Err(Failed::new(failure, bot.scrubbed(&error)))
                }
                ((failure, _), _) => Err(Failed::new(failure, bot.scrubbed(&error))),
            },
            // Not tried: it goes back, and the try does not count.
            Err(SendError::Held(wait)) => Err(Failed::new(
                Failure::Later(wait),
                "Telegram asked to wait before writing to this chat",
            )),
            Err(error) => Err(Failed::new(Failure::Transient, bot.scrubbed(&error))),
        }
    }
}
