//! Channels and their messages: `POST /channels/{id}/messages` (JSON or multipart), `GET`,
//! `PATCH` and `DELETE` of one, `GET /channels/{id}`, typing, and DMs (`POST
//! /users/@me/channels`, the same channel each time for one user; a DM to a user whose DMs
//! are closed is 403 50007). The bot's own messages come back on the gateway, as on
//! Discord (`MESSAGE_CREATE`/`MESSAGE_UPDATE`, with the messages intents).

use serde_json::{Value, json};

use super::Call;
use super::compose::{self, Origin};
use super::failure::Reply;
use super::ids::{id, read};
use super::state::{Channel, Config, State};
use super::validate;

/// `GUILD_MESSAGES` and `DIRECT_MESSAGES`.
const GUILD_MESSAGES: u64 = 1 << 9;
const DIRECT_MESSAGES: u64 = 1 << 12;

/// `/channels/{channel}/…`.
pub(crate) fn answer(
    config: &Config,
    state: &mut State,
    call: &Call,
    channel: &str,
    rest: &[&str],
) -> Reply {
    let Some(channel) = channel
        .parse()
        .ok()
        .filter(|c| state.channels.contains_key(c))
    else {
        return Reply::unknown_channel();
    };
    let message = rest.get(1).and_then(|m| m.parse::<u64>().ok());
    match (call.method.as_str(), rest) {
        ("GET", []) => state
            .channel_json(config, channel)
            .map_or_else(Reply::unknown_channel, Reply::ok),
        ("POST", ["typing"]) => Reply::no_content(),
        ("GET", ["messages"]) => {
            let messages = state.messages.get(&channel).cloned().unwrap_or_default();
            Reply::ok(Value::Array(messages.into_iter().rev().take(50).collect()))
        }
        ("POST", ["messages"]) => post(config, state, channel, &call.body),
        ("GET", ["messages", _]) => message
            .and_then(|m| state.message(channel, m).cloned())
            .map_or_else(Reply::unknown_message, Reply::ok),
        ("PATCH", ["messages", _]) => match message {
            Some(message) => patch(config, state, channel, message, &call.body),
            None => Reply::unknown_message(),
        },
        ("DELETE", ["messages", _]) => match message {
            Some(message) if state.remove_message(channel, message) => Reply::no_content(),
            _ => Reply::unknown_message(),
        },
        _ => Reply::not_found(),
    }
}

fn post(config: &Config, state: &mut State, channel: u64, body: &Value) -> Reply {
    if let Some(Channel::Dm { recipient }) = state.channels.get(&channel)
        && state.closed_dms.contains(recipient)
    {
        return Reply::cannot_send_to_user();
    }
    if let Err(refusal) = validate::message(body, &[], true) {
        return refusal;
    }
    let message = compose::message(config, state, channel, body, Origin::default());
    Reply::ok(store(config, state, message))
}

fn patch(config: &Config, state: &mut State, channel: u64, message: u64, body: &Value) -> Reply {
    let Some(existing) = state.message(channel, message) else {
        return Reply::unknown_message();
    };
    if existing["author"]["id"] != id(config.bot_id()) {
        return Reply::error(403, 50005, "Cannot edit a message authored by another user");
    }
    if let Err(refusal) = validate::message(body, &[], false) {
        return refusal;
    }
    edit(config, state, channel, message, body).map_or_else(Reply::unknown_message, Reply::ok)
}

/// Edits a stored message; the message as it is now, announced on the gateway.
pub(crate) fn edit(
    config: &Config,
    state: &mut State,
    channel: u64,
    message: u64,
    body: &Value,
) -> Option<Value> {
    let mut edited = state.message(channel, message)?.clone();
    compose::edit(state, &mut edited, body);
    if let Some(stored) = state.message_mut(channel, message) {
        *stored = edited.clone();
    }
    announce(config, state, "MESSAGE_UPDATE", &edited);
    Some(edited)
}

/// Keeps a new message of the bot and announces it; the message.
pub(crate) fn store(config: &Config, state: &mut State, message: Value) -> Value {
    let channel = read(&message["channel_id"]).unwrap_or(0);
    state
        .messages
        .entry(channel)
        .or_default()
        .push(message.clone());
    announce(config, state, "MESSAGE_CREATE", &message);
    message
}

/// What the gateway says of the bot's own message, when the bot asked for such events: the
/// message, with `guild_id` and the bot's `member` in the guild. Never for ephemeral ones.
fn announce(config: &Config, state: &mut State, event: &str, message: &Value) {
    let channel = read(&message["channel_id"]).unwrap_or(0);
    let ephemeral = message["flags"].as_u64().unwrap_or(0) & (1 << 6) != 0;
    let in_guild = matches!(state.channels.get(&channel), Some(Channel::Text { .. }));
    let intent = if in_guild {
        GUILD_MESSAGES
    } else {
        DIRECT_MESSAGES
    };
    if ephemeral || !state.gateway.wants(intent) {
        return;
    }
    let mut data = message.clone();
    if in_guild {
        data["guild_id"] = id(config.guild.id);
        if let Some(member) = state.members.get(&config.bot_id()) {
            let mut member = member.clone();
            if let Value::Object(fields) = &mut member {
                fields.remove("user");
            }
            data["member"] = member;
        }
    }
    state.gateway.push(event, data);
}

/// `POST /users/@me/channels` `{"recipient_id"}`: the user's DM channel.
pub(crate) fn open_dm(config: &Config, state: &mut State, body: &Value) -> Reply {
    let Some(user) = read(&body["recipient_id"]) else {
        let leaf = super::failure::required();
        return Reply::invalid_form(json!({ "recipient_id": leaf }));
    };
    if user == config.bot_id() {
        return Reply::error(400, 50007, "Cannot send messages to this user");
    }
    let channel = state.open_dm(user);
    state
        .channel_json(config, channel)
        .map_or_else(Reply::unknown_channel, Reply::ok)
}
