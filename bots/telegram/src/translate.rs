//! Telegram updates in: what the hub needs to know of each, or nothing for what it
//! ignores quietly (stickers and files, edits, channel posts, other bots).
//!
//! Pure: the bot supplies its own username, and turns a [`Seen`] into an `Incoming` with
//! what it knows of the community's chats and of the member's roles.

use teloxide::types::{ChatMemberUpdated, Message, Update, UpdateKind, User};

/// A Telegram user, as the hub sees a sender.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub id: i64,
    /// First and last name, as Telegram shows them.
    pub name: String,
    pub username: Option<String>,
    /// Their client's language (`fr`, `pt-br`), when it tells.
    pub language: Option<String>,
}

/// Where a message was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chat {
    pub id: i64,
    /// A private chat with the bot, not a group.
    pub private: bool,
    /// The forum topic, in a supergroup with topics.
    pub topic: Option<i32>,
}

impl Chat {
    /// A group or supergroup, outside any topic.
    pub fn group(id: i64) -> Self {
        Self {
            id,
            private: false,
            topic: None,
        }
    }
}

/// What an update means for the hub.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seen {
    /// Text a member wrote: a command (written for this bot) or chat.
    Text {
        chat: Chat,
        /// The message's ID, for replies to it.
        message: i32,
        from: Person,
        text: String,
    },
    /// A button pressed: the key its `callback_data` carries.
    Pressed {
        /// To answer with `answerCallbackQuery`, always.
        query: String,
        from: Person,
        /// The chat of the message the button is under, when Telegram still has it.
        chat: Option<Chat>,
        key: String,
    },
    /// Members who entered a chat (`chat_member`, or a `new_chat_members` message).
    Joined { chat: i64, members: Vec<Person> },
    /// A member who left a chat or was removed.
    Left { chat: i64, member: Person },
    /// A request to join a chat; the bot may write to `user_chat` for five minutes.
    JoinRequest {
        chat: i64,
        from: Person,
        user_chat: i64,
    },
}

/// What `update` means, for the bot called `@bot_username`; `None` for what is ignored.
pub fn seen(update: &Update, bot_username: &str) -> Option<Seen> {
    match &update.kind {
        UpdateKind::Message(message) => from_message(message, bot_username),
        UpdateKind::CallbackQuery(query) => {
            let key = query.data.clone()?;
            let chat = query.message.as_ref().map(|message| {
                let chat = message.chat();
                Chat {
                    id: chat.id.0,
                    private: chat.is_private(),
                    topic: message.regular_message().and_then(topic_of),
                }
            });
            Some(Seen::Pressed {
                query: query.id.0.clone(),
                from: person(&query.from),
                chat,
                key,
            })
        }
        UpdateKind::ChatMember(change) => membership(change),
        UpdateKind::ChatJoinRequest(request) => Some(Seen::JoinRequest {
            chat: request.chat.id.0,
            from: person(&request.from),
            user_chat: request.user_chat_id.0,
        }),
        _ => None,
    }
}

fn from_message(message: &Message, bot_username: &str) -> Option<Seen> {
    let from = message.from.as_ref()?;
    if let Some(members) = message.new_chat_members() {
        let members: Vec<Person> = members
            .iter()
            .filter(|member| !member.is_bot)
            .map(person)
            .collect();
        return (!members.is_empty()).then_some(Seen::Joined {
            chat: message.chat.id.0,
            members,
        });
    }
    if from.is_bot || message.via_bot.is_some() {
        return None;
    }
    let text = message.text()?;
    let text = for_this_bot(text, bot_username)?;
    Some(Seen::Text {
        chat: Chat {
            id: message.chat.id.0,
            private: message.chat.is_private(),
            topic: topic_of(message),
        },
        message: message.id.0,
        from: person(from),
        text,
    })
}

/// A forum topic's thread, not a reply thread in an ordinary group.
fn topic_of(message: &Message) -> Option<i32> {
    message
        .is_topic_message
        .then(|| message.thread_id.map(|thread| thread.0.0))
        .flatten()
}

fn membership(change: &ChatMemberUpdated) -> Option<Seen> {
    let member = &change.new_chat_member.user;
    if member.is_bot {
        return None;
    }
    let (was, is) = (
        change.old_chat_member.is_present(),
        change.new_chat_member.is_present(),
    );
    match (was, is) {
        (false, true) => Some(Seen::Joined {
            chat: change.chat.id.0,
            members: vec![person(member)],
        }),
        (true, false) => Some(Seen::Left {
            chat: change.chat.id.0,
            member: person(member),
        }),
        _ => None,
    }
}

/// `text` as the hub reads it: `/cmd@this_bot args` is `/cmd args`; a command for
/// another bot (`/cmd@other_bot`) is not ours (`None`); `/start PAYLOAD` (what a deep
/// link `t.me/bot?start=PAYLOAD` sends) is the command the payload names; everything
/// else stays.
pub fn for_this_bot(text: &str, bot_username: &str) -> Option<String> {
    let text = addressed(text, bot_username)?;
    Some(match text.strip_prefix("/start") {
        Some(rest) if rest.is_empty() || rest.starts_with(' ') => started(rest.trim()),
        _ => text,
    })
}

/// The deep link's payload that only opens the private chat: what waited goes, nothing
/// else is said.
pub const OPEN: &str = "open";

/// The command a deep link's payload stands for: `onboard`, `help`, or an event's
/// answer (`rsvp-12-yes`); nothing for [`OPEN`]; the help for anything else, and for
/// `/start` alone.
fn started(payload: &str) -> String {
    let words: Vec<&str> = payload.split('-').collect();
    match words.as_slice() {
        [OPEN] => String::new(),
        ["onboard"] => "/onboard".to_owned(),
        ["rsvp", event, answer]
            if event.bytes().all(|b| b.is_ascii_digit()) && !event.is_empty() =>
        {
            format!("/rsvp {event} {answer}")
        }
        ["event", event] if event.bytes().all(|b| b.is_ascii_digit()) && !event.is_empty() => {
            format!("/event {event}")
        }
        _ => "/help".to_owned(),
    }
}

/// `/cmd@this_bot args` as `/cmd args`; `None` for a command for another bot.
fn addressed(text: &str, bot_username: &str) -> Option<String> {
    let Some(command) = text.strip_prefix('/') else {
        return Some(text.to_owned());
    };
    let name_end = command.find(char::is_whitespace).unwrap_or(command.len());
    let (name, rest) = command.split_at(name_end);
    match name.split_once('@') {
        Some((name, addressee)) if addressee.eq_ignore_ascii_case(bot_username) => {
            Some(format!("/{name}{rest}"))
        }
        Some(_) => None,
        None => Some(text.to_owned()),
    }
}

fn person(user: &User) -> Person {
    let name = match &user.last_name {
        Some(last) => format!("{} {last}", user.first_name),
        None => user.first_name.clone(),
    };
    Person {
        id: user.id.0 as i64,
        name,
        username: user.username.clone(),
        language: user.language_code.clone(),
    }
}

#[cfg(test)]
mod tests;
