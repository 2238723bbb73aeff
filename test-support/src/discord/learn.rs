//! What the fake takes from the events a test dispatches, so that its REST side agrees with
//! them: users and members (and their roles), DM channels, messages, interactions (to check
//! their callbacks), interested users of scheduled events. It also fills in what a builder
//! cannot know: an interaction's `application_id`, its command's registered ID, its
//! channel's name, a member's roles (those the fake knows, and those the builder was given:
//! a role the bot granted is not lost to a builder given none; `GUILD_MEMBER_UPDATE` sets
//! them exactly), and the users a message mentions as the fake knows them.

use std::time::Instant;

use serde_json::{Value, json};

use super::ids::{id, read};
use super::state::{Channel, Config, Interaction, State};

impl State {
    /// Learns from `data`, dispatched as `event`, filling in what it lacks.
    pub(crate) fn learn(&mut self, config: &Config, event: &str, data: &mut Value) {
        match event {
            "INTERACTION_CREATE" => self.learn_interaction(config, data),
            "MESSAGE_CREATE" => {
                self.learn_author(data);
                self.fill_mentions(data);
                if let Some(channel) = read(&data["channel_id"]) {
                    self.messages.entry(channel).or_default().push(data.clone());
                }
            }
            "GUILD_MEMBER_ADD" | "GUILD_MEMBER_UPDATE" => {
                let mut member = data.clone();
                if let Value::Object(fields) = &mut member {
                    fields.remove("guild_id");
                }
                self.learn_member(member);
            }
            "GUILD_MEMBER_REMOVE" => {
                if let Some(user) = read(&data["user"]["id"]) {
                    self.members.remove(&user);
                }
            }
            "GUILD_SCHEDULED_EVENT_USER_ADD" | "GUILD_SCHEDULED_EVENT_USER_REMOVE" => {
                let (Some(event_id), Some(user)) = (
                    read(&data["guild_scheduled_event_id"]),
                    read(&data["user_id"]),
                ) else {
                    return;
                };
                let interested = self.interested.entry(event_id).or_default();
                if event.ends_with("_ADD") {
                    interested.insert(user);
                } else {
                    interested.remove(&user);
                }
            }
            _ => {}
        }
    }

    /// The interaction in `data` was written to the bot now (if not before).
    pub(crate) fn note_delivered(&mut self, data: &Value) {
        let found = read(&data["id"]).and_then(|i| self.interactions.get_mut(&i));
        if let Some(interaction) = found
            && interaction.delivered.is_none()
        {
            interaction.delivered = Some(Instant::now());
        }
    }

    fn learn_interaction(&mut self, config: &Config, data: &mut Value) {
        data["application_id"] = id(config.application_id);
        let kind = data["type"].as_u64().unwrap_or(0);
        let name = data["data"]["name"].as_str().unwrap_or_default().to_owned();
        if matches!(kind, 2 | 4)
            && let Some(command) = self.registered(&name)
        {
            data["data"]["id"] = command;
        }
        let channel = read(&data["channel_id"]).unwrap_or(0);
        if let Some(Channel::Text { name, .. }) = self.channels.get(&channel) {
            data["channel"]["name"] = json!(name);
        }
        let user = if data["member"].is_object() {
            let user = data["member"]["user"].clone();
            // The member has the roles the fake knows (granted by the bot, dispatched) and
            // those the builder was given.
            let known = read(&user["id"]).and_then(|u| self.members.get(&u));
            let mut roles = known.map_or_else(Vec::new, |k| array(&k["roles"]));
            for role in array(&data["member"]["roles"]) {
                if !roles.contains(&role) {
                    roles.push(role);
                }
            }
            data["member"]["roles"] = Value::Array(roles);
            self.learn_member(data["member"].clone());
            user
        } else {
            data["user"].clone()
        };
        let user_id = read(&user["id"]).unwrap_or(0);
        self.learn_user(&user);
        if data["guild_id"].is_null() {
            self.note_dm(user_id, channel);
        }
        let Some(interaction_id) = read(&data["id"]) else {
            return;
        };
        let interaction = Interaction {
            token: data["token"].as_str().unwrap_or_default().to_owned(),
            kind,
            channel,
            guild: read(&data["guild_id"]),
            user: user_id,
            name,
            message: read(&data["message"]["id"]),
            delivered: None,
            response: None,
            original: None,
            followups: Vec::new(),
        };
        self.interactions.insert(interaction_id, interaction);
    }

    /// The ID of the command registered under `name` (in the guild, else globally).
    fn registered(&self, name: &str) -> Option<Value> {
        [&self.commands, &self.global_commands]
            .into_iter()
            .flatten()
            .filter_map(Value::as_array)
            .flatten()
            .find(|command| command["name"] == name)
            .map(|command| command["id"].clone())
    }

    /// Learns a message's author; in the guild, the member the fake knows fills in the
    /// message's `member` (a builder cannot know its roles), else is learned from it.
    fn learn_author(&mut self, message: &mut Value) {
        let author = message["author"].clone();
        self.learn_user(&author);
        let (Some(user), Some(channel)) = (read(&author["id"]), read(&message["channel_id"]))
        else {
            return;
        };
        if message["guild_id"].is_null() {
            self.note_dm(user, channel);
        } else if let Some(known) = self.members.get(&user) {
            for field in ["roles", "joined_at"] {
                message["member"][field] = known[field].clone();
            }
        } else if message["member"].is_object() {
            let mut member = message["member"].clone();
            member["user"] = author;
            self.learn_member(member);
        }
    }

    /// Replaces each mentioned user with the fake's own knowledge of them.
    fn fill_mentions(&self, message: &mut Value) {
        for mention in message["mentions"].as_array_mut().into_iter().flatten() {
            if let Some(known) = read(&mention["id"]).and_then(|user| self.users.get(&user)) {
                *mention = known.clone();
            }
        }
    }

    /// A member (with `user`) as it is now; one already known keeps when it joined.
    fn learn_member(&mut self, member: Value) {
        let user = member["user"].clone();
        let Some(user_id) = read(&user["id"]) else {
            return;
        };
        self.learn_user(&user);
        let mut member = member;
        if let Value::Object(fields) = &mut member {
            fields.remove("permissions");
        }
        if let Some(known) = self.members.get(&user_id)
            && !known["joined_at"].is_null()
        {
            member["joined_at"] = known["joined_at"].clone();
        }
        self.members.insert(user_id, member);
    }

    fn learn_user(&mut self, user: &Value) {
        if let Some(user_id) = read(&user["id"]) {
            self.users.insert(user_id, user.clone());
        }
    }
}

fn array(value: &Value) -> Vec<Value> {
    value.as_array().cloned().unwrap_or_default()
}
