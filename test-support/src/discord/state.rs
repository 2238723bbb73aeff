//! What the fake knows, behind one lock: the failures to inject, the rate limits kept, the
//! gateway's session, and Discord's side of the world as the test's dispatches and the
//! bot's calls made it: users, members, channels (the guild's and DMs), messages,
//! application commands, scheduled events and who is interested, interactions.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::time::Instant;

use serde_json::Value;

use super::Guild;
use super::failure::Rule;
use super::ids::id;
use super::limits::Limiter;
use super::objects;
use super::session::Gateway;

/// What never changes once the fake is started.
#[derive(Debug)]
pub(crate) struct Config {
    pub token: String,
    pub application_id: u64,
    pub bot: Value,
    pub guild: Guild,
    /// The guild's owner: a user who is not the bot.
    pub owner: u64,
    /// When the bot joined the guild.
    pub joined_at: String,
    /// `ws://127.0.0.1:<port>`, what `GET /gateway` answers.
    pub gateway_url: String,
}

impl Config {
    pub fn bot_id(&self) -> u64 {
        self.application_id
    }
}

/// A channel the fake knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Channel {
    /// One of the guild's text channels.
    Text { name: String, position: usize },
    /// The bot's DM channel with this user.
    Dm { recipient: u64 },
}

/// An interaction the test dispatched, and what the bot did with it.
#[derive(Debug, Clone)]
pub(crate) struct Interaction {
    pub token: String,
    /// 2 command, 3 component, 4 autocomplete, 5 modal submit.
    pub kind: u64,
    pub channel: u64,
    /// The guild it came from; `None` in a DM.
    pub guild: Option<u64>,
    pub user: u64,
    /// The command's name (commands, autocomplete).
    pub name: String,
    /// The message a component was pressed on.
    pub message: Option<u64>,
    /// When it was first written to the bot's WebSocket; the 3 s and 15 min count from then.
    pub delivered: Option<Instant>,
    /// The first callback's body.
    pub response: Option<Value>,
    /// The message its callback made or points to (`@original`).
    pub original: Option<u64>,
    /// Its follow-up messages.
    pub followups: Vec<u64>,
}

#[derive(Debug, Default)]
pub(crate) struct State {
    pub rules: Vec<Rule>,
    /// Discord's rate limits, when a test keeps them.
    pub limiter: Option<Limiter>,
    /// 429s given by the limits (not the injected ones).
    pub limited: u64,
    pub gateway: Gateway,
    pub users: HashMap<u64, Value>,
    /// Guild members (objects with `user`) by user ID.
    pub members: BTreeMap<u64, Value>,
    pub channels: BTreeMap<u64, Channel>,
    /// Messages by channel, in order, edits applied.
    pub messages: HashMap<u64, Vec<Value>>,
    /// The DM channel of each user.
    pub dms: HashMap<u64, u64>,
    /// Users whose DMs refuse the bot.
    pub closed_dms: HashSet<u64>,
    pub commands: Option<Value>,
    pub global_commands: Option<Value>,
    /// Scheduled events in creation order; deleted ones kept, marked `"_deleted": true`.
    pub events: Vec<Value>,
    /// Users interested in each scheduled event.
    pub interested: HashMap<u64, BTreeSet<u64>>,
    pub interactions: HashMap<u64, Interaction>,
    /// The interactions endpoint URL, once set and verified (`endpoint`).
    pub endpoint: Option<String>,
}

impl State {
    pub fn new(config: &Config) -> State {
        let mut state = State::default();
        for (position, (channel, name)) in config.guild.channels.iter().enumerate() {
            let channel_kind = Channel::Text {
                name: name.clone(),
                position,
            };
            state.channels.insert(*channel, channel_kind);
        }
        state.users.insert(config.bot_id(), config.bot.clone());
        let bot_member = objects::member(&config.bot, &[], &config.joined_at);
        state.members.insert(config.bot_id(), bot_member);
        state
    }

    /// A user object: as seen, else one made from the ID.
    pub fn user(&self, user: u64) -> Value {
        self.users
            .get(&user)
            .cloned()
            .unwrap_or_else(|| objects::user(user, &format!("user{user}"), false))
    }

    /// The channel object of a known channel.
    pub fn channel_json(&self, config: &Config, channel: u64) -> Option<Value> {
        match self.channels.get(&channel)? {
            Channel::Text { name, position } => Some(objects::text_channel(
                config.guild.id,
                channel,
                name,
                *position,
            )),
            Channel::Dm { recipient } => Some(objects::dm_channel(channel, &self.user(*recipient))),
        }
    }

    /// The guild's roles, `@everyone` first.
    pub fn roles_json(&self, config: &Config) -> Vec<Value> {
        let everyone = objects::role(config.guild.id, "@everyone", 0, objects::MEMBER_PERMISSIONS);
        let roles = config.guild.roles.iter().enumerate();
        std::iter::once(everyone)
            .chain(roles.map(|(at, (role, name))| objects::role(*role, name, at + 1, 0)))
            .collect()
    }

    /// The `GUILD_CREATE` payload for the guild as it is now.
    pub fn guild_create(&self, config: &Config) -> Value {
        let guild = objects::guild(
            config.guild.id,
            &config.guild.name,
            config.owner,
            self.roles_json(config),
        );
        let channels = self
            .channels
            .keys()
            .filter_map(|channel| match self.channels.get(channel) {
                Some(Channel::Text { .. }) => self.channel_json(config, *channel),
                _ => None,
            })
            .collect();
        let bot = self.members.get(&config.bot_id()).cloned();
        let events = self.live_events().cloned().collect();
        objects::guild_create(
            guild,
            &config.joined_at,
            self.members.len(),
            bot.into_iter().collect(),
            channels,
            events,
        )
    }

    /// Scheduled events not deleted.
    pub fn live_events(&self) -> impl Iterator<Item = &Value> {
        self.events
            .iter()
            .filter(|event| event.get("_deleted").is_none())
    }

    pub fn message(&self, channel: u64, message: u64) -> Option<&Value> {
        let wanted = id(message);
        self.messages
            .get(&channel)?
            .iter()
            .find(|m| m["id"] == wanted)
    }

    pub fn message_mut(&mut self, channel: u64, message: u64) -> Option<&mut Value> {
        let wanted = id(message);
        self.messages
            .get_mut(&channel)?
            .iter_mut()
            .find(|m| m["id"] == wanted)
    }

    /// Forgets a message; whether it was there.
    pub fn remove_message(&mut self, channel: u64, message: u64) -> bool {
        let wanted = id(message);
        let Some(messages) = self.messages.get_mut(&channel) else {
            return false;
        };
        let before = messages.len();
        messages.retain(|m| m["id"] != wanted);
        messages.len() != before
    }

    /// The DM channel of `user`, made if it did not exist.
    pub fn open_dm(&mut self, user: u64) -> u64 {
        if let Some(channel) = self.dms.get(&user) {
            return *channel;
        }
        let channel = super::ids::snowflake();
        self.note_dm(user, channel);
        channel
    }

    /// `channel` is the DM channel of `user`.
    pub fn note_dm(&mut self, user: u64, channel: u64) {
        self.dms.entry(user).or_insert(channel);
        self.channels
            .entry(channel)
            .or_insert(Channel::Dm { recipient: user });
    }
}
