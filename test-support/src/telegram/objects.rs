//! The Bot API objects a test names: users, chats, a member's status in a chat, and the
//! entities Telegram finds in a text, as the Bot API documents their JSON
//! (<https://core.telegram.org/bots/api#available-types>) and teloxide 0.17 reads it.

use serde_json::{Map, Value, json};

/// A Telegram user or bot (`User`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: i64,
    pub is_bot: bool,
    pub first_name: String,
    pub last_name: Option<String>,
    pub username: Option<String>,
    /// An IETF language tag, as the user's client sends it (`fr`, `en-GB`).
    pub language_code: Option<String>,
}

impl User {
    /// A person with only an ID and a first name.
    pub fn new(id: i64, first_name: &str) -> User {
        User {
            id,
            is_bot: false,
            first_name: first_name.to_owned(),
            last_name: None,
            username: None,
            language_code: None,
        }
    }

    /// A bot: bots always have a username.
    pub fn bot(id: i64, first_name: &str, username: &str) -> User {
        User {
            is_bot: true,
            ..User::new(id, first_name).with_username(username)
        }
    }

    pub fn with_username(mut self, username: &str) -> User {
        self.username = Some(username.to_owned());
        self
    }

    pub fn with_last_name(mut self, last_name: &str) -> User {
        self.last_name = Some(last_name.to_owned());
        self
    }

    pub fn with_language(mut self, language_code: &str) -> User {
        self.language_code = Some(language_code.to_owned());
        self
    }

    /// Its JSON: the optional fields only when set, as Telegram sends it.
    pub fn json(&self) -> Value {
        let mut user = Map::new();
        user.insert("id".into(), json!(self.id));
        user.insert("is_bot".into(), json!(self.is_bot));
        user.insert("first_name".into(), json!(self.first_name));
        insert_some(&mut user, "last_name", &self.last_name);
        insert_some(&mut user, "username", &self.username);
        insert_some(&mut user, "language_code", &self.language_code);
        Value::Object(user)
    }
}

/// What kind of chat a [`Chat`] is (its `type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChatKind {
    Private,
    Group,
    Supergroup,
    Channel,
}

impl ChatKind {
    /// As the Bot API writes it in `type`.
    pub fn name(self) -> &'static str {
        match self {
            ChatKind::Private => "private",
            ChatKind::Group => "group",
            ChatKind::Supergroup => "supergroup",
            ChatKind::Channel => "channel",
        }
    }
}

/// A chat (`Chat`): a private chat has the user's ID and names, a group its title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chat {
    pub id: i64,
    pub kind: ChatKind,
    pub title: Option<String>,
    pub username: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    /// A supergroup with topics: messages go to a topic by `message_thread_id`.
    pub is_forum: bool,
}

impl Chat {
    /// The private chat of the bot with `user`: its ID is the user's.
    pub fn private(user: &User) -> Chat {
        Chat {
            id: user.id,
            kind: ChatKind::Private,
            title: None,
            username: user.username.clone(),
            first_name: Some(user.first_name.clone()),
            last_name: user.last_name.clone(),
            is_forum: false,
        }
    }

    /// A basic group (negative ID, e.g. `-4012345678`).
    pub fn group(id: i64, title: &str) -> Chat {
        Chat::public(id, ChatKind::Group, title)
    }

    /// A supergroup (ID `-100…`).
    pub fn supergroup(id: i64, title: &str) -> Chat {
        Chat::public(id, ChatKind::Supergroup, title)
    }

    /// A supergroup with topics.
    pub fn forum(id: i64, title: &str) -> Chat {
        Chat {
            is_forum: true,
            ..Chat::supergroup(id, title)
        }
    }

    fn public(id: i64, kind: ChatKind, title: &str) -> Chat {
        Chat {
            id,
            kind,
            title: Some(title.to_owned()),
            username: None,
            first_name: None,
            last_name: None,
            is_forum: false,
        }
    }

    /// A chat a test never described: private for a positive ID, else a supergroup.
    pub(crate) fn guess(id: i64) -> Chat {
        if id > 0 {
            Chat {
                id,
                kind: ChatKind::Private,
                title: None,
                username: None,
                first_name: None,
                last_name: None,
                is_forum: false,
            }
        } else {
            Chat::supergroup(id, &format!("Chat {id}"))
        }
    }

    /// Its JSON, the fields its kind has, as in a `Message`'s `chat`.
    pub fn json(&self) -> Value {
        let mut chat = Map::new();
        chat.insert("id".into(), json!(self.id));
        chat.insert("type".into(), json!(self.kind.name()));
        insert_some(&mut chat, "title", &self.title);
        insert_some(&mut chat, "username", &self.username);
        insert_some(&mut chat, "first_name", &self.first_name);
        insert_some(&mut chat, "last_name", &self.last_name);
        if self.is_forum {
            chat.insert("is_forum".into(), json!(true));
        }
        Value::Object(chat)
    }
}

/// A member's status in a chat (`ChatMember`'s `status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// The owner (`creator`).
    Creator,
    /// An administrator with every right a group has.
    Administrator,
    Member,
    /// A member who may not send messages.
    Restricted,
    Left,
    /// Banned (`kicked`), for ever.
    Kicked,
}

/// The `ChatMember` of `user` with `status`, with every field its kind requires
/// (`ChatMemberAdministrator`'s `can_*` rights; `ChatMemberRestricted`'s permissions).
pub fn member(user: &User, status: Status) -> Value {
    member_of(user.json(), status)
}

/// The `ChatMember` of a user given as JSON.
pub(crate) fn member_of(user: Value, status: Status) -> Value {
    let mut member = json!({ "user": user });
    let fields = match status {
        Status::Creator => json!({ "status": "creator", "is_anonymous": false }),
        Status::Administrator => json!({
            "status": "administrator",
            "can_be_edited": false,
            "is_anonymous": false,
            "can_manage_chat": true,
            "can_delete_messages": true,
            "can_manage_video_chats": true,
            "can_restrict_members": true,
            "can_promote_members": false,
            "can_change_info": true,
            "can_invite_users": true,
            "can_post_stories": true,
            "can_edit_stories": true,
            "can_delete_stories": true,
            "can_pin_messages": true,
            "can_manage_topics": true,
        }),
        Status::Member => json!({ "status": "member" }),
        Status::Restricted => json!({
            "status": "restricted",
            "is_member": true,
            "can_send_messages": false,
            "can_send_audios": false,
            "can_send_documents": false,
            "can_send_photos": false,
            "can_send_videos": false,
            "can_send_video_notes": false,
            "can_send_voice_notes": false,
            "can_send_polls": false,
            "can_send_other_messages": false,
            "can_add_web_page_previews": false,
            "can_change_info": false,
            "can_invite_users": false,
            "can_pin_messages": false,
            "can_manage_topics": false,
            "until_date": 0,
        }),
        Status::Left => json!({ "status": "left" }),
        Status::Kicked => json!({ "status": "kicked", "until_date": 0 }),
    };
    if let (Some(member), Value::Object(fields)) = (member.as_object_mut(), fields) {
        member.extend(fields);
    }
    member
}

/// The entities Telegram finds in a plain text it is sent: `bot_command` for a
/// `/command` or `/command@bot` at the start of a word, `mention` for `@username`
/// (5 to 32 characters). Offsets and lengths count UTF-16 code units, as the Bot API's.
pub fn entities(text: &str) -> Vec<Value> {
    let chars: Vec<char> = text.chars().collect();
    let word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let units = |run: &[char]| run.iter().map(|c| c.len_utf16()).sum::<usize>();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let starts_word = i == 0 || chars[i - 1].is_whitespace();
        let sigil = chars[i];
        let name_len = chars[i + 1..].iter().take_while(|c| word(**c)).count();
        if !starts_word || !matches!(sigil, '/' | '@') || name_len == 0 {
            i += 1;
            continue;
        }
        let mut end = i + 1 + name_len;
        let kind = if sigil == '/' {
            if chars.get(end) == Some(&'@') {
                let bot_len = chars[end + 1..].iter().take_while(|c| word(**c)).count();
                if bot_len > 0 {
                    end += 1 + bot_len;
                }
            }
            Some("bot_command")
        } else {
            (5..=32).contains(&name_len).then_some("mention")
        };
        if let Some(kind) = kind {
            found.push(json!({
                "type": kind,
                "offset": units(&chars[..i]),
                "length": units(&chars[i..end]),
            }));
        }
        i = end;
    }
    found
}

fn insert_some(object: &mut Map<String, Value>, key: &str, value: &Option<String>) {
    if let Some(value) = value {
        object.insert(key.into(), json!(value));
    }
}
