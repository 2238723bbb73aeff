//! Answering interactions: `POST /interactions/{id}/{token}/callback` (204; a second
//! callback is 400 40060; a first one more than 3 s after the interaction was written to the
//! bot, or for an interaction the fake never dispatched, 404 10062), and the webhook of its
//! token for 15 minutes: `@original` (GET, PATCH, DELETE), follow-ups (POST, and GET, PATCH,
//! DELETE of one). Callbacks 4 and 5 make the original message in the interaction's channel
//! (5 as `LOADING` until edited), 6 and 7 take the pressed message as it, 7 editing it.

use std::time::Duration;

use serde_json::{Value, json};

use super::Call;
use super::compose::{self, Origin};
use super::failure::{Reply, max_length, nested};
use super::ids::{id, read};
use super::messages;
use super::state::{Config, Interaction, State};
use super::validate;

/// How long after its creation an interaction may first be answered.
const RESPONSE_WINDOW: Duration = Duration::from_secs(3);
/// How long its token lasts.
const TOKEN_LIFETIME: Duration = Duration::from_secs(15 * 60);
/// `LOADING`: the "is thinking…" message of a deferred response.
const LOADING: u64 = 1 << 7;

/// `POST /interactions/{id}/{token}/callback`.
pub(crate) fn callback(
    config: &Config,
    state: &mut State,
    call: &Call,
    interaction_id: &str,
    token: &str,
) -> Reply {
    let Some(interaction_id) = interaction_id.parse::<u64>().ok() else {
        return Reply::unknown_interaction();
    };
    let Some(interaction) = state.interactions.get(&interaction_id).cloned() else {
        return Reply::unknown_interaction();
    };
    if interaction.token != token {
        return Reply::unknown_interaction();
    }
    if interaction.response.is_some() {
        return Reply::already_acknowledged();
    }
    if interaction
        .delivered
        .is_some_and(|at| at.elapsed() > RESPONSE_WINDOW)
    {
        return Reply::unknown_interaction();
    }
    let body = &call.body;
    // A multipart callback has its files beside `type` and `data`: they are the data's.
    let mut data = body["data"].clone();
    if let Some(files) = body.get("_files") {
        data["_files"] = files.clone();
    }
    let data = &data;
    let original = match body["type"].as_u64() {
        Some(1 | 8 | 9 | 10 | 12) => {
            if let Some(choices) = data["choices"].as_array()
                && choices.len() > 25
            {
                return Reply::invalid_form(nested(&["data", "choices"], max_length(25)));
            }
            None
        }
        Some(4) => {
            if let Err(refusal) = validate::message(data, &["data"], true) {
                return refusal;
            }
            let origin = origin(state, &interaction, interaction_id, 0);
            let message = compose::message(config, state, interaction.channel, data, origin);
            Some(messages::store(config, state, message))
        }
        Some(5) => {
            let ephemeral = data["flags"].as_u64().unwrap_or(0) & (1 << 6);
            let thinking = json!({ "content": "", "flags": ephemeral });
            let origin = origin(state, &interaction, interaction_id, LOADING);
            let message = compose::message(config, state, interaction.channel, &thinking, origin);
            Some(messages::store(config, state, message))
        }
        Some(6) => interaction
            .message
            .and_then(|m| state.message(interaction.channel, m).cloned()),
        Some(7) => {
            if let Err(refusal) = validate::message(data, &["data"], false) {
                return refusal;
            }
            let pressed = interaction.message.unwrap_or(0);
            messages::edit(config, state, interaction.channel, pressed, data)
        }
        _ => {
            let choices = "Value must be one of {1, 4, 5, 6, 7, 8, 9, 10, 12}.";
            let leaf = super::failure::field_error("BASE_TYPE_CHOICES", choices);
            return Reply::invalid_form(json!({ "type": leaf }));
        }
    };
    if let Some(stored) = state.interactions.get_mut(&interaction_id) {
        stored.response = Some(body.clone());
        stored.original = original.and_then(|m| read(&m["id"]));
    }
    Reply::no_content()
}

/// What marks a message as an interaction's response: its type (20 for a command's), its
/// `interaction_metadata` and legacy `interaction`, and extra flags.
fn origin(state: &State, interaction: &Interaction, interaction_id: u64, flags: u64) -> Origin {
    let user = state.user(interaction.user);
    let owners = json!({ "0": id(interaction.guild.unwrap_or(0)) });
    let mut metadata = json!({
        "id": id(interaction_id),
        "type": interaction.kind,
        "user": user,
        "authorizing_integration_owners": owners,
    });
    if let Some(message) = interaction.message {
        metadata["interacted_message_id"] = id(message);
    } else {
        metadata["name"] = json!(interaction.name);
        metadata["command_type"] = json!(1);
    }
    let legacy = json!({
        "id": id(interaction_id),
        "type": interaction.kind,
        "name": interaction.name,
        "user": user,
    });
    Origin {
        kind: if interaction.message.is_some() { 0 } else { 20 },
        interaction: Some((metadata, legacy)),
        flags,
    }
}

/// `/webhooks/{application}/{token}/…`: the interaction's messages.
pub(crate) fn webhook(
    config: &Config,
    state: &mut State,
    call: &Call,
    application: &str,
    token: &str,
    rest: &[&str],
) -> Reply {
    let found = state
        .interactions
        .iter()
        .find(|(_, i)| i.token == token)
        .map(|(number, i)| (*number, i.clone()));
    let Some((interaction_id, interaction)) =
        found.filter(|_| application == config.application_id.to_string())
    else {
        return Reply::unknown_webhook();
    };
    if interaction
        .delivered
        .is_some_and(|at| at.elapsed() > TOKEN_LIFETIME)
    {
        return Reply::error(401, 50027, "Invalid Webhook Token");
    }
    let channel = interaction.channel;
    let target = match rest {
        ["messages", "@original"] => interaction.original,
        ["messages", number] => number
            .parse::<u64>()
            .ok()
            .filter(|m| interaction.original == Some(*m) || interaction.followups.contains(m)),
        _ => None,
    };
    match (call.method.as_str(), rest) {
        ("POST", []) => followup(config, state, &interaction, interaction_id, &call.body),
        ("GET", ["messages", _]) => target
            .and_then(|m| state.message(channel, m).cloned())
            .map_or_else(Reply::unknown_message, Reply::ok),
        ("PATCH", ["messages", _]) => {
            let Some(message) = target else {
                return Reply::unknown_message();
            };
            if let Err(refusal) = validate::message(&call.body, &[], false) {
                return refusal;
            }
            if let Some(stored) = state.message_mut(channel, message) {
                let flags = stored["flags"].as_u64().unwrap_or(0);
                stored["flags"] = json!(flags & !LOADING);
            }
            messages::edit(config, state, channel, message, &call.body)
                .map_or_else(Reply::unknown_message, Reply::ok)
        }
        ("DELETE", ["messages", _]) => match target {
            Some(message) if state.remove_message(channel, message) => Reply::no_content(),
            _ => Reply::unknown_message(),
        },
        _ => Reply::not_found(),
    }
}

/// A follow-up message: only once the interaction was answered.
fn followup(
    config: &Config,
    state: &mut State,
    interaction: &Interaction,
    interaction_id: u64,
    body: &Value,
) -> Reply {
    if interaction.response.is_none() {
        return Reply::unknown_webhook();
    }
    if let Err(refusal) = validate::message(body, &[], true) {
        return refusal;
    }
    let origin = origin(state, interaction, interaction_id, 0);
    let message = compose::message(config, state, interaction.channel, body, origin);
    let message = messages::store(config, state, message);
    if let (Some(stored), Some(number)) = (
        state.interactions.get_mut(&interaction_id),
        read(&message["id"]),
    ) {
        stored.followups.push(number);
    }
    Reply::ok(message)
}
