//! What the fake server knows, behind one lock: the updates waiting to be fetched, the
//! failures to inject, and Telegram's side of the world as the pushed updates and the
//! bot's calls made it: chats, users, forum topics, messages, private chats the bot may
//! write to, join requests, callback queries, commands.

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde_json::{Value, json};

use super::failure::{BLOCKED, CANT_INITIATE, Refusal, Rule};
use super::limits::Limiter;
use super::objects::Chat;
use super::updates::Update;
use super::webhook::{Posted, Webhook};

/// How long a join request lets the bot write to its user (the Bot API: 5 minutes).
pub(crate) const JOIN_REQUEST_WINDOW: Duration = Duration::from_secs(5 * 60);

/// The first update ID: Telegram's start "from a certain positive number".
const FIRST_UPDATE_ID: u32 = 100_000_001;

#[derive(Debug)]
pub(crate) struct State {
    pub bot_id: i64,
    /// Updates not yet confirmed, oldest first, as `getUpdates` returns them.
    pub updates: VecDeque<(u32, Value)>,
    pub next_update_id: u32,
    /// The update kinds the bot asked for; `None`: the default (all but `chat_member`,
    /// `message_reaction` and `message_reaction_count`).
    pub allowed_updates: Option<Vec<String>>,
    /// Counts `getUpdates` calls: a waiting one that sees a newer one ends with 409.
    pub polls: u64,
    pub rules: Vec<Rule>,
    pub limiter: Option<Limiter>,
    /// 429s given by the limits (not the injected ones).
    pub limited: u64,
    pub chats: HashMap<i64, Value>,
    pub users: HashMap<i64, Value>,
    pub topics: HashSet<(i64, i64)>,
    next_message_id: HashMap<i64, i64>,
    /// Every message, pushed or sent, by chat and ID.
    pub messages: HashMap<(i64, i64), Value>,
    /// Whether the bot may write only to users who opened its chat (Telegram's rule).
    pub strict_private: bool,
    pub opened: HashSet<i64>,
    pub blocked: HashSet<i64>,
    /// Until when a join request lets the bot write to a private chat.
    pub join_windows: HashMap<i64, Instant>,
    /// Join requests waiting for a decision: (chat, user) → the request.
    pub join_requests: HashMap<(i64, i64), Value>,
    /// Callback queries pushed, and whether they were answered.
    pub callbacks: BTreeMap<String, bool>,
    /// `setMyCommands` by scope (its JSON) and language code.
    pub commands: BTreeMap<(String, String), Value>,
    /// `getChatAdministrators` per chat.
    pub administrators: HashMap<i64, Vec<Value>>,
    /// The webhook set, if any, and every post of an update to it.
    pub webhook: Option<Webhook>,
    pub webhook_posts: Vec<Posted>,
    counter: u64,
}

impl State {
    pub fn new(bot_id: i64) -> State {
        State {
            bot_id,
            updates: VecDeque::new(),
            next_update_id: FIRST_UPDATE_ID,
            allowed_updates: None,
            polls: 0,
            rules: Vec::new(),
            limiter: None,
            limited: 0,
            chats: HashMap::new(),
            users: HashMap::new(),
            topics: HashSet::new(),
            next_message_id: HashMap::new(),
            messages: HashMap::new(),
            strict_private: true,
            opened: HashSet::new(),
            blocked: HashSet::new(),
            join_windows: HashMap::new(),
            join_requests: HashMap::new(),
            callbacks: BTreeMap::new(),
            commands: BTreeMap::new(),
            administrators: HashMap::new(),
            webhook: None,
            webhook_posts: Vec::new(),
            counter: 0,
        }
    }

    /// A new number for IDs the fake makes up (files, callback queries, links).
    pub fn next(&mut self) -> u64 {
        self.counter += 1;
        self.counter
    }

    /// The next message ID in `chat`: one sequence per chat, for everyone's messages.
    pub fn next_message_id(&mut self, chat: i64) -> i64 {
        let next = self.next_message_id.entry(chat).or_insert(1);
        let id = *next;
        *next += 1;
        id
    }

    /// A chat as a `Message` carries it: as described or seen, else from its ID (a
    /// private chat with what is known of the user).
    pub fn chat(&self, id: i64) -> Value {
        if let Some(chat) = self.chats.get(&id) {
            return chat.clone();
        }
        let mut chat = Chat::guess(id).json();
        if let Some(user) = self.users.get(&id) {
            for field in ["first_name", "last_name", "username"] {
                if let Some(value) = user.get(field) {
                    chat[field] = value.clone();
                }
            }
        }
        chat
    }

    pub fn is_forum(&self, chat: i64) -> bool {
        self.chats
            .get(&chat)
            .is_some_and(|chat| chat["is_forum"] == json!(true))
    }

    /// Whether the bot may send to `chat` now: a private chat must be opened by its
    /// user (or a join request's window be open), and not blocked.
    pub fn may_write(&self, chat: i64, now: Instant) -> Result<(), Refusal> {
        if chat <= 0 {
            return Ok(());
        }
        if self.blocked.contains(&chat) {
            return Err(Refusal::forbidden(BLOCKED));
        }
        let in_window = self
            .join_windows
            .get(&chat)
            .is_some_and(|until| now < *until);
        if self.strict_private && !self.opened.contains(&chat) && !in_window {
            return Err(Refusal::forbidden(CANT_INITIATE));
        }
        Ok(())
    }

    /// Takes in a pushed update: fills what the server sets (`update_id`, a message's
    /// ID and date, a callback query's ID), learns what it shows, and queues it.
    pub fn push(&mut self, update: Update, now: Instant) -> Value {
        let kind = update.kind().to_owned();
        let mut body = update.body().clone();
        let date = unix_now();
        match kind.as_str() {
            "message" | "edited_message" | "channel_post" | "edited_channel_post" => {
                self.learn_message(&mut body, date, kind == "message");
            }
            "callback_query" => {
                if body.get("id").is_none() {
                    body["id"] = json!(format!("{}", 4_000_000_000_000_000_000 + self.next()));
                }
                if let Some(id) = body["id"].as_str() {
                    self.callbacks.insert(id.to_owned(), false);
                }
                self.learn_user(&body["from"]);
                let chat = &body["message"]["chat"];
                if chat["type"] == json!("private")
                    && let Some(id) = chat["id"].as_i64()
                {
                    self.opened.insert(id);
                }
            }
            _ => {
                if body.get("date").is_none() {
                    body["date"] = json!(date);
                }
                self.learn_chat(&body["chat"]);
                self.learn_user(&body["from"]);
            }
        }
        if kind == "chat_join_request"
            && let (Some(chat), Some(user)) =
                (body["chat"]["id"].as_i64(), body["from"]["id"].as_i64())
        {
            self.join_requests.insert((chat, user), body.clone());
            if let Some(private) = body["user_chat_id"].as_i64() {
                self.join_windows.insert(private, now + JOIN_REQUEST_WINDOW);
            }
        }
        let id = self.next_update_id;
        self.next_update_id += 1;
        let update = Update::new(&kind, body);
        self.updates.push_back((id, update.json(id)));
        update.json(id)
    }

    fn learn_message(&mut self, message: &mut Value, date: i64, new: bool) {
        let Some(chat) = message["chat"]["id"].as_i64() else {
            return;
        };
        if message.get("message_id").is_none() {
            message["message_id"] = json!(self.next_message_id(chat));
        }
        if message.get("date").is_none() {
            message["date"] = json!(date);
        }
        self.learn_chat(&message["chat"]);
        self.learn_user(&message["from"]);
        if message["chat"]["type"] == json!("private") && new {
            self.opened.insert(chat);
        }
        if let Some(thread) = message["message_thread_id"].as_i64() {
            self.topics.insert((chat, thread));
        }
        if let Some(id) = message["message_id"].as_i64() {
            self.messages.insert((chat, id), message.clone());
        }
    }

    pub fn learn_chat(&mut self, chat: &Value) {
        if let Some(id) = chat["id"].as_i64() {
            self.chats.insert(id, chat.clone());
        }
    }

    fn learn_user(&mut self, user: &Value) {
        if let Some(id) = user["id"].as_i64() {
            self.users.insert(id, user.clone());
        }
    }
}

/// Now, in Unix seconds, as the Bot API's dates.
pub(crate) fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_secs() as i64)
}
