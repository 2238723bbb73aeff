//! The community's chats as Telegram has them: a room is a chat (`-1001234`) or a forum
//! topic of one (`-1001234/42`); what was said in a chat and topic is the room that
//! fits best; and the chats Telegram asked to leave alone for a while (a 429).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use passerelle_core::model::{Platform, Room};
use teloxide::RequestError;

use crate::bot::{Bot, To};

/// Where a community room of Telegram is: `chat` or `chat/topic` (a forum topic).
pub fn room_ref(room: &str) -> Option<To> {
    let (chat, topic) = match room.split_once('/') {
        Some((chat, topic)) => (chat, Some(topic.parse().ok()?)),
        None => (room, None),
    };
    Some(To {
        chat: chat.parse().ok()?,
        topic,
        reply_to: None,
    })
}

/// Checks that every Telegram room of `rooms` is a chat ID or a chat and a topic.
pub fn check_rooms(rooms: &[Room]) -> Result<(), String> {
    match rooms
        .iter()
        .filter(|room| room.platform == Platform::Telegram)
        .find(|room| room_ref(&room.id).is_none())
    {
        Some(room) => Err(format!(
            "room `{}` is no Telegram chat: a chat's ID is a number (-1001234567890), a \
             forum topic's a number too (topic = 42)",
            room.id
        )),
        None => Ok(()),
    }
}

impl Bot {
    /// The community's Telegram rooms, by ID (`chat` or `chat/topic`).
    fn community_rooms(&self) -> impl Iterator<Item = &str> + '_ {
        self.hub
            .community()
            .rooms
            .iter()
            .filter(|room| room.platform == Platform::Telegram)
            .map(|room| room.id.as_str())
    }

    /// The community's Telegram chats, by ID, each once.
    pub fn community_chats(&self) -> Vec<i64> {
        let mut chats: Vec<i64> = self
            .community_rooms()
            .filter_map(|room| room_ref(room).map(|to| to.chat))
            .collect();
        chats.sort_unstable();
        chats.dedup();
        chats
    }

    /// Whether `chat` is (or holds) one of the community's Telegram rooms.
    pub fn is_community_chat(&self, chat: i64) -> bool {
        self.community_chats().contains(&chat)
    }

    /// The community room of what was said in `chat`, in forum topic `topic`: that
    /// topic's room, else the chat's, else the chat's first room; `None` for a chat
    /// that is not the community's.
    pub fn room_of(&self, chat: i64, topic: Option<i32>) -> Option<String> {
        let rooms: Vec<&str> = self
            .community_rooms()
            .filter(|room| room_ref(room).is_some_and(|to| to.chat == chat))
            .collect();
        let exact = |wanted: Option<i32>| {
            rooms
                .iter()
                .find(|room| room_ref(room).is_some_and(|to| to.topic == wanted))
        };
        topic
            .and_then(|topic| exact(Some(topic)))
            .or_else(|| exact(None))
            .or_else(|| rooms.first())
            .map(|room| (*room).to_owned())
    }
}

/// When each chat may be written to again, after Telegram answered 429: replies and the
/// outbox alike wait, so a storm of refusals is not made worse by more tries.
#[derive(Debug, Default)]
pub struct Holds(Mutex<HashMap<i64, Instant>>);

impl Holds {
    /// How long `chat` must still wait, if it must.
    pub fn left(&self, chat: i64) -> Option<Duration> {
        let mut holds = self.lock();
        let now = Instant::now();
        holds.retain(|_, until| *until > now);
        holds.get(&chat).map(|until| *until - now)
    }

    /// What Telegram said of a call to `chat`: a 429 holds it for as long as asked.
    pub fn note(&self, chat: i64, error: &RequestError) {
        if let RequestError::RetryAfter(after) = error {
            let until = Instant::now() + after.duration();
            let mut holds = self.lock();
            let held = holds.entry(chat).or_insert(until);
            *held = (*held).max(until);
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<i64, Instant>> {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_room_is_a_chat_or_a_topic_of_one() {
        let chat = room_ref("-1001234").expect("a chat");
        assert_eq!((chat.chat, chat.topic), (-1001234, None));
        let topic = room_ref("-1001234/42").expect("a topic");
        assert_eq!((topic.chat, topic.topic), (-1001234, Some(42)));
        assert_eq!(room_ref("#general"), None);
        assert_eq!(room_ref("-1001234/general"), None);
    }

    #[test]
    fn a_room_that_is_no_telegram_chat_is_refused() {
        let room = |id: &str| Room {
            platform: Platform::Telegram,
            id: id.into(),
            purposes: Vec::new(),
        };
        assert_eq!(check_rooms(&[room("-1001"), room("-1001/7")]), Ok(()));
        let big_topic = check_rooms(&[room("-1001/3000000000")]).unwrap_err();
        assert!(big_topic.contains("`-1001/3000000000`"), "{big_topic}");
        assert!(check_rooms(&[room("#general")]).is_err());
    }
}
