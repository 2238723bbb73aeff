//! The message objects the bot's requests make, as Discord returns them: its fields filled
//! in (author, timestamps, type), attachments from the uploaded files, embeds typed `rich`,
//! components numbered, and the mentions Discord keeps under `allowed_mentions`.

use serde_json::{Value, json};

use super::ids::{id, read, snowflake, timestamp_now};
use super::state::{Config, State};

/// The flags a bot may set on a message: suppress embeds, ephemeral (interaction responses
/// only), suppress notifications, components v2.
const SETTABLE_FLAGS: u64 = (1 << 2) | (1 << 6) | (1 << 12) | (1 << 15);

/// Where a message comes from, beyond its body.
#[derive(Debug, Clone, Default)]
pub(crate) struct Origin {
    /// 0 a plain message, 20 a response to a command (19, a reply, is read from the body).
    pub kind: u64,
    /// `interaction_metadata` and the legacy `interaction`, for interaction responses.
    pub interaction: Option<(Value, Value)>,
    /// Flags the fake adds (128, `LOADING`, for a deferred response).
    pub flags: u64,
}

/// A new message from the bot in `channel`, made from a request's `body`.
pub(crate) fn message(
    config: &Config,
    state: &State,
    channel: u64,
    body: &Value,
    origin: Origin,
) -> Value {
    let message_id = snowflake();
    let mut kind = origin.kind;
    let reference = body.get("message_reference").filter(|r| r.is_object());
    let referenced = reference.and_then(|reference| {
        let channel = read(&reference["channel_id"]).unwrap_or(channel);
        state.message(channel, read(&reference["message_id"])?)
    });
    let mut message = json!({
        "type": 0,
        "id": id(message_id),
        "channel_id": id(channel),
        "author": config.bot,
        "content": body["content"].as_str().unwrap_or_default(),
        "timestamp": timestamp_now(),
        "edited_timestamp": null,
        "tts": body["tts"].as_bool().unwrap_or(false),
        "mention_everyone": false,
        "mentions": [],
        "mention_roles": [],
        "attachments": attachments(channel, body, &[]),
        "embeds": embeds(&body["embeds"]),
        "pinned": false,
        "flags": (body["flags"].as_u64().unwrap_or(0) & SETTABLE_FLAGS) | origin.flags,
        "components": components(&body["components"]),
    });
    if let Some(reference) = reference {
        if kind == 0 {
            kind = 19;
        }
        message["message_reference"] = json!({
            "type": 0,
            "channel_id": id(channel),
            "message_id": reference["message_id"],
        });
        message["referenced_message"] = referenced.cloned().unwrap_or(Value::Null);
    }
    message["type"] = json!(kind);
    if !body["nonce"].is_null() {
        message["nonce"] = body["nonce"].clone();
    }
    if let Some((metadata, legacy)) = origin.interaction {
        message["application_id"] = id(config.application_id);
        message["webhook_id"] = id(config.application_id);
        message["interaction_metadata"] = metadata;
        message["interaction"] = legacy;
    }
    mentions(state, &mut message, &body["allowed_mentions"]);
    message
}

/// `message` edited by a request's `body`: the fields it gives replaced, `edited_timestamp` set.
pub(crate) fn edit(state: &State, message: &mut Value, body: &Value) {
    let channel = read(&message["channel_id"]).unwrap_or(0);
    if let Some(content) = body.get("content") {
        message["content"] = json!(content.as_str().unwrap_or_default());
    }
    if body.get("embeds").is_some() {
        message["embeds"] = embeds(&body["embeds"]);
    }
    if body.get("components").is_some() {
        message["components"] = components(&body["components"]);
    }
    if body.get("attachments").is_some() || body.get("_files").is_some() {
        let kept = message["attachments"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        message["attachments"] = attachments(channel, body, &kept);
    }
    if let Some(flags) = body["flags"].as_u64() {
        // Only SUPPRESS_EMBEDS changes on an edit; the rest stays.
        let old = message["flags"].as_u64().unwrap_or(0);
        message["flags"] = json!((old & !(1 << 2)) | (flags & (1 << 2)));
    }
    message["edited_timestamp"] = json!(timestamp_now());
    mentions(state, message, &body["allowed_mentions"]);
}

/// Attachments: those of `kept` still listed in `attachments` (by ID; all when an edit lists
/// none), then one per uploaded file, described as its `attachments` entry says.
fn attachments(channel: u64, body: &Value, kept: &[Value]) -> Value {
    let listed = body["attachments"].as_array().cloned().unwrap_or_default();
    let mut out: Vec<Value> = kept
        .iter()
        .filter(|old| {
            body.get("attachments").is_none() || listed.iter().any(|l| l["id"] == old["id"])
        })
        .cloned()
        .collect();
    for file in body["_files"].as_array().into_iter().flatten() {
        let field = file["field"].as_str().unwrap_or_default();
        let number = field.trim_start_matches("files[").trim_end_matches(']');
        let entry = listed
            .iter()
            .find(|l| l["id"].to_string().trim_matches('"') == number);
        let name = file["name"].as_str().unwrap_or("file");
        let attachment = snowflake();
        let url = format!("https://cdn.discordapp.com/attachments/{channel}/{attachment}/{name}");
        out.push(json!({
            "id": id(attachment),
            "filename": entry.and_then(|e| e["filename"].as_str()).unwrap_or(name),
            "description": entry.map_or(Value::Null, |e| e["description"].clone()),
            "content_type": file["content_type"],
            "size": file["size"],
            "url": url,
            "proxy_url": url.replace("cdn.discordapp.com", "media.discordapp.net"),
        }));
    }
    Value::Array(out)
}

/// Embeds as Discord returns them: `type` `rich` unless given.
fn embeds(given: &Value) -> Value {
    let mut embeds = given.as_array().cloned().unwrap_or_default();
    for embed in &mut embeds {
        if embed.get("type").is_none() {
            embed["type"] = json!("rich");
        }
    }
    Value::Array(embeds)
}

/// Components as given, each numbered (`id`) in order where it had no number.
fn components(given: &Value) -> Value {
    let mut rows = given.as_array().cloned().unwrap_or_default();
    let mut next = 1;
    for row in &mut rows {
        number(row, &mut next);
        for item in row["components"].as_array_mut().into_iter().flatten() {
            number(item, &mut next);
        }
    }
    Value::Array(rows)
}

fn number(component: &mut Value, next: &mut u64) {
    if component.get("id").is_none() {
        component["id"] = json!(*next);
    }
    *next += 1;
}

/// Sets `mentions`, `mention_roles` and `mention_everyone` from the content: the users,
/// roles and `@everyone`/`@here` it names that `allowed_mentions` lets ping (all without it).
fn mentions(state: &State, message: &mut Value, allowed: &Value) {
    let content = message["content"].as_str().unwrap_or_default().to_owned();
    let parse: Vec<&str> = allowed["parse"]
        .as_array()
        .map(|p| p.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let listed = |kind: &str, wanted: u64| {
        allowed[kind]
            .as_array()
            .is_some_and(|ids| ids.iter().any(|i| read(i) == Some(wanted)))
    };
    let may = |kind: &str, wanted: u64| {
        allowed.is_null() || parse.contains(&kind) || listed(kind, wanted)
    };
    let users: Vec<Value> = tagged(&content, &["<@!", "<@"])
        .into_iter()
        .filter(|user| may("users", *user))
        .map(|user| state.user(user))
        .collect();
    let roles: Vec<Value> = tagged(&content, &["<@&"])
        .into_iter()
        .filter(|role| may("roles", *role))
        .map(id)
        .collect();
    let everyone = (content.contains("@everyone") || content.contains("@here"))
        && (allowed.is_null() || parse.contains(&"everyone"));
    message["mentions"] = Value::Array(users);
    message["mention_roles"] = Value::Array(roles);
    message["mention_everyone"] = json!(everyone);
}

/// The IDs in `<@123>`-like tags opening with one of `openers`, each once, in order.
pub(crate) fn tagged(content: &str, openers: &[&str]) -> Vec<u64> {
    let mut found = Vec::new();
    for (at, _) in content.match_indices('<') {
        let rest = &content[at..];
        let Some(opener) = openers.iter().find(|o| rest.starts_with(**o)) else {
            continue;
        };
        let digits: String = rest[opener.len()..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        let closed = rest[opener.len() + digits.len()..].starts_with('>');
        if let (true, Ok(tagged)) = (closed, digits.parse::<u64>())
            && !found.contains(&tagged)
        {
            found.push(tagged);
        }
    }
    found
}
