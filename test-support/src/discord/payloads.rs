//! Builders for the events a test dispatches, in the shapes the gateway documents, every
//! field serenity 0.12.5 needs filled (`tests/models.rs` reads each with serenity's own
//! types). IDs are fresh snowflakes, unique in the process. What only the fake knows is
//! filled in by [`FakeDiscord::dispatch`](super::FakeDiscord::dispatch): an interaction's
//! `application_id` (a placeholder until then), its command's registered ID, the channel's
//! name, a member's roles (those the fake knows added to those given).

use serde_json::{Value, json};

use super::compose::tagged;
use super::ids::{id, interaction_token, read, snowflake};
use super::objects::{self, ATTACHMENT_SIZE_LIMIT, BOT_PERMISSIONS, MEMBER_PERMISSIONS};

/// The `application_id` of a built interaction until it is dispatched.
const PLACEHOLDER_APPLICATION: u64 = 1;

/// Someone on Discord: a human user, with the locale their client sends in interactions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: u64,
    pub name: String,
    pub locale: Option<String>,
}

impl User {
    pub fn new(id: u64, name: &str) -> User {
        User {
            id,
            name: name.to_owned(),
            locale: None,
        }
    }

    /// The user's client speaks `locale` (`fr`, `pt-BR`).
    pub fn with_locale(mut self, locale: &str) -> User {
        self.locale = Some(locale.to_owned());
        self
    }

    /// The user object.
    pub fn json(&self) -> Value {
        objects::user(self.id, &self.name, false)
    }

    fn locale(&self) -> &str {
        self.locale.as_deref().unwrap_or("en-US")
    }
}

/// `GUILD_MEMBER_ADD`: the member, joined now, with `roles`, and `guild_id`.
pub fn member_add(guild: u64, user: &User, roles: &[u64]) -> Value {
    let mut member = objects::member(&user.json(), roles, &objects::now());
    member["guild_id"] = id(guild);
    member
}

/// `MESSAGE_CREATE` of a new message by `user`: in the guild's `channel` (with `guild_id`
/// and `member`), or with `guild` `None` in `channel` as the user's DM with the bot. Users
/// and roles tagged in `content` (`<@id>`, `<@&id>`) are its mentions.
pub fn message_create(guild: Option<u64>, channel: u64, user: &User, content: &str) -> Value {
    let mentions: Vec<Value> = tagged(content, &["<@!", "<@"])
        .into_iter()
        .map(|mentioned| objects::user(mentioned, &format!("user{mentioned}"), false))
        .collect();
    let roles: Vec<Value> = tagged(content, &["<@&"]).into_iter().map(id).collect();
    let mut message = json!({
        "type": 0,
        "id": id(snowflake()),
        "channel_id": id(channel),
        "author": user.json(),
        "content": content,
        "timestamp": objects::now(),
        "edited_timestamp": null,
        "tts": false,
        "mention_everyone": content.contains("@everyone") || content.contains("@here"),
        "mentions": mentions,
        "mention_roles": roles,
        "attachments": [],
        "embeds": [],
        "pinned": false,
        "flags": 0,
        "components": [],
        "nonce": id(snowflake()),
    });
    if let Some(guild) = guild {
        let mut member = objects::member(&user.json(), &[], &objects::now());
        if let Value::Object(fields) = &mut member {
            fields.remove("user");
        }
        message["guild_id"] = id(guild);
        message["member"] = member;
    }
    message
}

/// `INTERACTION_CREATE` of a slash command (type 2): `/name` with `options` as Discord sends
/// them (`[{"name", "type", "value"}]`, or a subcommand `{"name", "type": 1, "options"}`),
/// by a member with `roles` and `permissions` in a guild, or by `user` in a DM.
pub fn slash_command(
    guild: Option<u64>,
    channel: u64,
    user: &User,
    roles: &[u64],
    permissions: u64,
    name: &str,
    options: Value,
) -> Value {
    let mut interaction = interaction(2, guild, channel, user, roles, permissions);
    interaction["data"] = command_data(guild, name, options);
    interaction
}

/// `INTERACTION_CREATE` of an autocomplete (type 4) while `user` types an option of `/name`:
/// the option marked `"focused": true` (else the last one) is what is typed, as text.
pub fn autocomplete(
    guild: Option<u64>,
    channel: u64,
    user: &User,
    name: &str,
    options: Value,
) -> Value {
    let mut options = options;
    if let Value::Array(list) = &mut options
        && !focus(list)
        && let Some(last) = last_leaf(list)
    {
        last["focused"] = json!(true);
        focus(list);
    }
    let mut interaction = interaction(4, guild, channel, user, &[], MEMBER_PERMISSIONS);
    interaction["data"] = command_data(guild, name, options);
    interaction
}

/// `INTERACTION_CREATE` of a button (type 3, component type 2) with `custom_id`, pressed on
/// `message` (the message object, as `FakeDiscord::message` gives it).
pub fn button_press(
    guild: Option<u64>,
    channel: u64,
    user: &User,
    roles: &[u64],
    message: &Value,
    custom_id: &str,
) -> Value {
    let mut interaction = interaction(3, guild, channel, user, roles, MEMBER_PERMISSIONS);
    interaction["message"] = message.clone();
    interaction["data"] = json!({ "custom_id": custom_id, "component_type": 2 });
    interaction
}

/// `GUILD_SCHEDULED_EVENT_USER_ADD` (or `_REMOVE`): `user` is (no longer) interested.
pub fn scheduled_event_user(guild: u64, event: u64, user: u64) -> Value {
    json!({
        "guild_scheduled_event_id": id(event),
        "user_id": id(user),
        "guild_id": id(guild),
    })
}

/// The ID of an interaction built here (0 if it has none).
pub fn interaction_id(interaction: &Value) -> u64 {
    read(&interaction["id"]).unwrap_or(0)
}

/// What every interaction has: in a guild its `member` (with `permissions`), `guild`,
/// `guild_id`, `guild_locale`; in a DM its `user`; the invoker's `locale`.
fn interaction(
    kind: u64,
    guild: Option<u64>,
    channel: u64,
    user: &User,
    roles: &[u64],
    permissions: u64,
) -> Value {
    let interaction_id = snowflake();
    let mut interaction = json!({
        "id": id(interaction_id),
        "application_id": id(PLACEHOLDER_APPLICATION),
        "type": kind,
        "channel_id": id(channel),
        "token": interaction_token(interaction_id),
        "version": 1,
        "app_permissions": BOT_PERMISSIONS.to_string(),
        "locale": user.locale(),
        "entitlements": [],
        "authorizing_integration_owners": { "0": id(guild.unwrap_or(0)) },
        "context": if guild.is_some() { 0 } else { 1 },
        "attachment_size_limit": ATTACHMENT_SIZE_LIMIT,
    });
    match guild {
        Some(guild) => {
            let mut member = objects::member(&user.json(), roles, &objects::now());
            member["permissions"] = json!(permissions.to_string());
            interaction["member"] = member;
            interaction["guild_id"] = id(guild);
            interaction["guild"] = json!({ "id": id(guild), "locale": "en-US", "features": [] });
            interaction["guild_locale"] = json!("en-US");
            interaction["channel"] = json!({
                "id": id(channel), "type": 0, "guild_id": id(guild), "flags": 0,
                "permissions": BOT_PERMISSIONS.to_string(), "parent_id": null,
                "last_message_id": null, "rate_limit_per_user": 0, "nsfw": false,
            });
        }
        None => {
            interaction["user"] = user.json();
            interaction["channel"] = json!({
                "id": id(channel), "type": 1, "flags": 0, "last_message_id": null,
                "recipients": [user.json()],
            });
        }
    }
    interaction
}

/// A command's `data`: type 1 (CHAT_INPUT), options when there are some.
fn command_data(guild: Option<u64>, name: &str, options: Value) -> Value {
    let mut data = json!({ "id": id(snowflake()), "name": name, "type": 1 });
    if options.as_array().is_some_and(|o| !o.is_empty()) {
        data["options"] = options;
    }
    if let Some(guild) = guild {
        data["guild_id"] = id(guild);
    }
    data
}

/// Makes the focused option's value text, as Discord sends it; whether one is focused.
fn focus(options: &mut [Value]) -> bool {
    for option in options {
        if option["focused"] == json!(true) {
            if let Some(value) = option.get("value").filter(|v| !v.is_string()) {
                option["value"] = json!(value.to_string());
            }
            return true;
        }
        if let Some(inner) = option["options"].as_array_mut()
            && focus(inner)
        {
            return true;
        }
    }
    false
}

/// The last option that has a value, subcommands entered.
fn last_leaf(options: &mut [Value]) -> Option<&mut Value> {
    let last = options.last_mut()?;
    if last["options"].is_array() {
        let inner = last["options"].as_array_mut()?;
        return last_leaf(inner);
    }
    Some(last)
}
