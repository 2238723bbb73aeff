//! The bot on Telegram: what it knows (its name, the community's chats, the hub), how it
//! sends a hub message (HTML, cut to length, choices as an inline keyboard whose buttons
//! carry stored keys), and how what it saw becomes an `Incoming`.

use std::time::Duration;

use chrono::{DateTime, Utc};
use passerelle_core::Hub;
use passerelle_core::incoming::{Event, Incoming, Place, Sender};
use passerelle_core::lang::Lang;
use passerelle_core::model::Platform;
use passerelle_core::reply::Message;
use passerelle_runtime::{Answer, Here};
use teloxide::RequestError;
use teloxide::payloads::{
    AnswerCallbackQuerySetters, CreateChatInviteLinkSetters, EditMessageTextSetters,
    SendDocumentSetters, SendMessageSetters,
};
use teloxide::prelude::Requester;
use teloxide::types::{
    CallbackQueryId, ChatId, InlineKeyboardButton, InlineKeyboardMarkup, InputFile, MessageId,
    ParseMode, ReplyParameters, ThreadId,
};

use crate::chats::Holds;
use crate::render::{notice, render};
use crate::settings::{Settings, Token};
use crate::translate::{Chat, Person, Seen};
use crate::upkeep::Upkeep;

/// The bot, shared by the update loop and the outbox worker.
#[derive(Debug)]
pub struct Bot {
    pub api: teloxide::Bot,
    pub hub: Hub,
    pub settings: Settings,
    /// Its `@username`, without the `@`.
    pub username: String,
    pub token: Token,
    pub upkeep: Upkeep,
    /// Wakes the outbox worker (a member opened a private chat: what waited may go).
    pub wake: std::sync::Arc<tokio::sync::Notify>,
    /// Chats Telegram asked not to write to for a while (a 429), until when.
    pub holds: Holds,
}

/// The longest 429 a later part of a long message waits out in place, and how often.
const PART_WAIT: Duration = Duration::from_secs(10);
const PART_WAITS: u32 = 3;

/// How long an invite link for a granted role stays valid.
const INVITE_DAYS: i64 = 7;

/// Where a message goes on Telegram.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct To {
    pub chat: i64,
    pub topic: Option<i32>,
    /// The member's message it answers, in a group.
    pub reply_to: Option<i32>,
}

impl Bot {
    /// Sends `message` to `to`, in as many Telegram messages as its length needs, the
    /// choices under the last: the ID of the last one.
    pub async fn send(
        &self,
        to: To,
        message: &Message,
        now: DateTime<Utc>,
    ) -> Result<i32, SendError> {
        if let Some(wait) = self.holds.left(to.chat) {
            return Err(SendError::Held(wait));
        }
        let keyboard = self.keyboard(message, now).await?;
        let parts = render(&message.text, &message.mentions);
        let count = parts.len();
        let mut last = None;
        for (index, part) in parts.into_iter().enumerate() {
            let mut request = self
                .api
                .send_message(ChatId(to.chat), part)
                .parse_mode(ParseMode::Html);
            if let Some(topic) = to.topic {
                request = request.message_thread_id(ThreadId(MessageId(topic)));
            }
            if index == 0
                && let Some(reply_to) = to.reply_to
            {
                request = request.reply_parameters(
                    ReplyParameters::new(MessageId(reply_to)).allow_sending_without_reply(),
                );
            }
            if index + 1 == count
                && let Some(keyboard) = &keyboard
            {
                request = request.reply_markup(keyboard.clone());
            }
            let mut waits = 0;
            let sent = loop {
                match request.clone().await {
                    // A later part waits a short 429 out where it is: failing now would
                    // send the whole message again, and its first parts twice.
                    Err(RequestError::RetryAfter(after))
                        if index > 0 && waits < PART_WAITS && after.duration() <= PART_WAIT =>
                    {
                        waits += 1;
                        tokio::time::sleep(after.duration()).await;
                    }
                    sent => break sent,
                }
            };
            last = Some(self.noted(to.chat, sent)?.id.0);
        }
        if let Some(file) = &message.file {
            // A calendar file goes as a document, after the text that presents it.
            let document =
                InputFile::memory(file.content.clone().into_bytes()).file_name(file.name.clone());
            let mut request = self.api.send_document(ChatId(to.chat), document);
            if let Some(topic) = to.topic {
                request = request.message_thread_id(ThreadId(MessageId(topic)));
            }
            last = Some(self.noted(to.chat, request.await)?.id.0);
        }
        last.ok_or(SendError::Empty)
    }

    /// Invites `user` to each of `chats` with a link for one person, valid a week, sent
    /// in private (Telegram shows the chat's name and picture with the link).
    pub async fn invite(
        &self,
        user: i64,
        chats: &[i64],
        now: DateTime<Utc>,
    ) -> Result<i32, SendError> {
        let mut links = Vec::new();
        for chat in chats {
            let link = self
                .api
                .create_chat_invite_link(ChatId(*chat))
                .member_limit(1)
                .expire_date(now + chrono::TimeDelta::days(INVITE_DAYS))
                .await?;
            links.push(format!("🔗 {}", link.invite_link));
        }
        let to = To {
            chat: user,
            topic: None,
            reply_to: None,
        };
        self.send(to, &Message::text(links.join("\n")), now).await
    }

    /// Puts `message` in place of the bot's message `id` in `chat` (an announcement kept
    /// current): its first part, and its buttons again, or the edit would take them away.
    pub async fn edit(
        &self,
        chat: i64,
        id: i32,
        message: &Message,
        now: DateTime<Utc>,
    ) -> Result<i32, SendError> {
        if let Some(wait) = self.holds.left(chat) {
            return Err(SendError::Held(wait));
        }
        let text = render(&message.text, &message.mentions)
            .into_iter()
            .next()
            .unwrap_or_default();
        let mut request = self
            .api
            .edit_message_text(ChatId(chat), MessageId(id), text)
            .parse_mode(ParseMode::Html);
        if let Some(keyboard) = self.keyboard(message, now).await? {
            request = request.reply_markup(keyboard);
        }
        match request.await {
            // The message already reads so: an edit sent again after a crash, whose
            // first sending went through. It is done, not a failure.
            Err(RequestError::Api(teloxide::ApiError::MessageNotModified)) => Ok(id),
            result => Ok(self.noted(chat, result)?.id.0),
        }
    }

    /// Answers a button press, or the member's client keeps spinning; with `notice` shown
    /// to them when there is one.
    pub async fn answer_press(&self, query: String, notice: Option<String>) {
        let mut answer = self.api.answer_callback_query(CallbackQueryId(query));
        if let Some(notice) = notice {
            answer = answer.text(notice);
        }
        if let Err(error) = answer.await {
            tracing::warn!(
                error = self.scrubbed(&error),
                "cannot answer a button press"
            );
        }
    }

    /// `sent`, its 429 noted for `chat`.
    pub(crate) fn noted<T>(
        &self,
        chat: i64,
        sent: Result<T, RequestError>,
    ) -> Result<T, SendError> {
        sent.map_err(|error| {
            self.holds.note(chat, &error);
            SendError::Telegram(error)
        })
    }

    /// The choices of `message` as buttons, one per row, each carrying a stored key.
    pub(crate) async fn keyboard(
        &self,
        message: &Message,
        now: DateTime<Utc>,
    ) -> Result<Option<InlineKeyboardMarkup>, SendError> {
        if message.choices.is_empty() {
            return Ok(None);
        }
        let mut rows = Vec::new();
        for choice in &message.choices {
            let key = self
                .hub
                .offer_choice(Platform::Telegram, &choice.command, now)
                .await
                .map_err(|error| SendError::Hub(error.to_string()))?;
            rows.push(vec![InlineKeyboardButton::callback(
                choice.label.clone(),
                key,
            )]);
        }
        Ok(Some(InlineKeyboardMarkup::new(rows)))
    }

    /// What `seen` is for the hub, each with an ID made from the update's; nothing for
    /// chats that are not the community's and for buttons whose key the hub never gave.
    pub async fn incoming(&self, update: u32, seen: &Seen) -> Vec<Incoming> {
        let one = |chat: Option<Chat>, from: &Person, event| -> Vec<Incoming> {
            match self.place(chat) {
                Some(place) => vec![Incoming {
                    id: Some(update.to_string()),
                    platform: Platform::Telegram,
                    sender: self.sender(from),
                    place,
                    event,
                }],
                None => Vec::new(),
            }
        };
        match seen {
            // `/start open`: the chat is open, nothing else was said.
            Seen::Text { text, .. } if text.is_empty() => Vec::new(),
            Seen::Text {
                chat, from, text, ..
            } => one(Some(*chat), from, Event::Message(text.clone())),
            Seen::Pressed {
                chat, from, key, ..
            } => match self.hub.offered_choice(Platform::Telegram, key).await {
                Ok(Some(command)) => one(*chat, from, Event::ChoicePicked(command)),
                Ok(None) => Vec::new(),
                Err(error) => {
                    tracing::warn!(%error, "cannot read a button's choice");
                    Vec::new()
                }
            },
            Seen::Joined { chat, members } => match self.room_of(*chat, None) {
                Some(room) => members
                    .iter()
                    .enumerate()
                    .map(|(index, member)| Incoming {
                        id: Some(format!("{update}.{index}")),
                        platform: Platform::Telegram,
                        sender: self.sender(member),
                        place: Place::Room(room.clone()),
                        event: Event::Joined,
                    })
                    .collect(),
                None => Vec::new(),
            },
            Seen::Left { chat, member } => one(Some(Chat::group(*chat)), member, Event::Left),
            Seen::JoinRequest { chat, from, .. } => one(
                Some(Chat::group(*chat)),
                from,
                Event::AskedToJoin(self.settings.join_requests.admission()),
            ),
        }
    }

    /// A community room, or a private chat; `None` for a group that is not the
    /// community's.
    fn place(&self, chat: Option<Chat>) -> Option<Place> {
        match chat {
            Some(chat) if !chat.private => {
                let room = self.room_of(chat.id, chat.topic);
                if room.is_none() {
                    // How an operator finds a group's ID to configure it.
                    tracing::info!(
                        chat = chat.id,
                        "a message in a chat that is no room of the community"
                    );
                }
                room.map(Place::Room)
            }
            _ => Some(Place::Direct),
        }
    }

    fn sender(&self, person: &Person) -> Sender {
        Sender {
            user_id: person.id.to_string(),
            display_name: person.name.clone(),
            roles: self
                .settings
                .roles_for(person.id, self.upkeep.is_administrator(person.id)),
            language: person
                .language
                .as_deref()
                .and_then(|code| Lang::parse(code.split(['-', '_']).next().unwrap_or(code))),
        }
    }
}

/// Why a message could not be sent.
#[derive(Debug, thiserror::Error)]
pub enum SendError {
    #[error(transparent)]
    Telegram(#[from] RequestError),
    #[error("cannot store the message's choices: {0}")]
    Hub(String),
    #[error("the message has no text")]
    Empty,
    #[error("Telegram asked to wait {0:?} more before writing to this chat")]
    Held(Duration),
}

impl SendError {
    /// How long Telegram asked to wait, for a 429.
    pub fn wait_asked(&self) -> Option<Duration> {
        match self {
            Self::Telegram(RequestError::RetryAfter(after)) => Some(after.duration()),
            Self::Held(wait) => Some(*wait),
            _ => None,
        }
    }
}

/// A reply that could not be sent: why (the token taken out), and how long Telegram
/// asked to wait, if it did.
#[derive(Debug)]
pub struct NotSent {
    pub why: String,
    pub wait: Option<Duration>,
}

impl std::fmt::Display for NotSent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.why)
    }
}

/// Replies to an update, where it was said.
#[derive(Debug)]
pub struct Reply<'b> {
    pub bot: &'b Bot,
    pub to: To,
    pub now: DateTime<Utc>,
    /// The button press to answer, once the hub said what it means.
    pub press: Option<String>,
}

impl Here for Reply<'_> {
    type Error = NotSent;

    async fn send(&mut self, message: &Message, _: Answer) -> Result<(), NotSent> {
        self.bot
            .send(self.to, message, self.now)
            .await
            .map(|_| ())
            .map_err(|error| NotSent {
                why: self.bot.scrubbed(&error),
                // The hub counts from when the update came: so must the wait.
                wait: error.wait_asked().map(|wait| {
                    let since = passerelle_runtime::now() - self.now;
                    wait + since.to_std().unwrap_or_default()
                }),
            })
    }

    async fn answered(&mut self, replies: &[Message]) {
        if let Some(query) = self.press.take() {
            let notice = replies.first().map(|reply| notice(&reply.text));
            self.bot.answer_press(query, notice).await;
        }
    }

    fn wait_asked(error: &NotSent) -> Option<Duration> {
        error.wait
    }
}

impl Bot {
    /// `error` as text, without the token its URL may hold.
    pub fn scrubbed(&self, error: &impl std::fmt::Display) -> String {
        self.token.scrub(&error.to_string())
    }

    /// Where the replies to what was seen in `chat` go.
    pub fn reply_place(chat: &Chat, message: Option<i32>) -> To {
        To {
            chat: chat.id,
            topic: chat.topic,
            reply_to: if chat.private { None } else { message },
        }
    }
}
