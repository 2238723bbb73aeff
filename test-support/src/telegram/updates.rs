//! The updates a test makes happen, as the Bot API's `Update` JSON
//! (<https://core.telegram.org/bots/api#update>): a message (commands marked with
//! `bot_command` entities), a button pressed, a member's status changed, members added, a
//! join request. What only the server knows is filled in when the update is pushed: the
//! `update_id`, a message's `message_id` (counted per chat, with the bot's own), the
//! `date` (now, unless [`Update::at`] gave one) and a callback query's `id`.

use serde_json::{Value, json};

use super::objects::{Chat, Status, User, entities, member};

/// One update, without its `update_id`: its kind (the field it goes in, `message`,
/// `callback_query`, …) and that field's object.
#[derive(Debug, Clone, PartialEq)]
pub struct Update {
    kind: String,
    body: Value,
}

impl Update {
    /// Any update the Bot API documents: `kind` is its field, `body` its object.
    pub fn new(kind: &str, body: Value) -> Update {
        Update {
            kind: kind.to_owned(),
            body,
        }
    }

    pub fn kind(&self) -> &str {
        &self.kind
    }

    pub fn body(&self) -> &Value {
        &self.body
    }

    /// The object, to change a field no builder sets.
    pub fn body_mut(&mut self) -> &mut Value {
        &mut self.body
    }

    /// Dated `date` (Unix seconds) rather than when it is pushed: a message sent while
    /// the bot was away.
    pub fn at(mut self, date: i64) -> Update {
        if self.kind != "callback_query" {
            self.body["date"] = json!(date);
        }
        self
    }

    /// A message in the forum topic `thread_id`.
    pub fn in_topic(mut self, thread_id: i64) -> Update {
        self.body["message_thread_id"] = json!(thread_id);
        self.body["is_topic_message"] = json!(true);
        self
    }

    /// A message that replies to `message` (a `Message` the fake sent or was pushed).
    pub fn replying_to(mut self, message: &Value) -> Update {
        let mut replied = message.clone();
        if let Some(replied) = replied.as_object_mut() {
            replied.remove("reply_to_message");
        }
        self.body["reply_to_message"] = replied;
        self
    }

    /// The whole `Update`, as `getUpdates` returns it.
    pub(crate) fn json(&self, update_id: u32) -> Value {
        let mut update = serde_json::Map::new();
        update.insert("update_id".into(), json!(update_id));
        update.insert(self.kind.clone(), self.body.clone());
        Value::Object(update)
    }
}

/// `from` writes `text` in `chat`; a `/command` in it gets its `bot_command` entity.
pub fn message(chat: &Chat, from: &User, text: &str) -> Update {
    let mut message = json!({ "chat": chat.json(), "from": from.json(), "text": text });
    let found = entities(text);
    if !found.is_empty() {
        message["entities"] = Value::Array(found);
    }
    Update::new("message", message)
}

/// `original` (a pushed `Message`) edited to say `text`: an `edited_message` update.
pub fn edited_message(original: &Value, text: &str, edit_date: i64) -> Update {
    let mut edited = original.clone();
    edited["text"] = json!(text);
    edited["edit_date"] = json!(edit_date);
    match entities(text) {
        found if found.is_empty() => {
            if let Some(edited) = edited.as_object_mut() {
                edited.remove("entities");
            }
        }
        found => edited["entities"] = Value::Array(found),
    }
    Update::new("edited_message", edited)
}

/// `from` presses the inline button with `data` under `message` (a `Message` the bot
/// sent, as the fake answered it). `chat_instance` is set: teloxide drops a callback
/// query without one.
pub fn callback_query(from: &User, message: &Value, data: &str) -> Update {
    let chat = message["chat"]["id"].as_i64().unwrap_or_default();
    Update::new(
        "callback_query",
        json!({
            "from": from.json(),
            "message": message,
            "chat_instance": chat_instance(chat),
            "data": data,
        }),
    )
}

/// `user`'s status in `chat` goes from `old` to `new` (a `chat_member` update, which the
/// bot gets only when `allowed_updates` names it), changed by the user themself.
pub fn chat_member(chat: &Chat, user: &User, old: Status, new: Status) -> Update {
    Update::new(
        "chat_member",
        json!({
            "chat": chat.json(),
            "from": user.json(),
            "old_chat_member": member(user, old),
            "new_chat_member": member(user, new),
        }),
    )
}

/// `from` adds `members` to `chat` (the service message; `from` among `members` when
/// they joined by themselves).
pub fn new_chat_members(chat: &Chat, from: &User, members: &[User]) -> Update {
    let members: Vec<Value> = members.iter().map(User::json).collect();
    Update::new(
        "message",
        json!({ "chat": chat.json(), "from": from.json(), "new_chat_members": members }),
    )
}

/// `user` asks to join `chat`; the bot may write to them in `user_chat_id` (their
/// private chat) for 5 minutes.
pub fn chat_join_request(chat: &Chat, user: &User, user_chat_id: i64) -> Update {
    Update::new(
        "chat_join_request",
        json!({ "chat": chat.json(), "from": user.json(), "user_chat_id": user_chat_id }),
    )
}

/// A stable `chat_instance` for a chat: the Bot API's is an opaque string, one per chat.
fn chat_instance(chat: i64) -> String {
    (chat as u64)
        .wrapping_mul(0x9e37_79b9_7f4a_7c15)
        .to_string()
}
