//! The Bot API methods the fake answers (all but `getUpdates`, which waits: `poll`),
//! each with the result the Bot API documents for it, and Telegram's flood limits kept
//! in front of the ones that send, when a test asked for them.

use std::time::Instant;

use serde_json::{Value, json};

use super::failure::Refusal;
use super::limits;
use super::messages::{chat_id, delete_message, edit_message, send_document, send_message};
use super::objects::{Status, User, member_of};
use super::params::Params;
use super::state::State;
use super::updates::Update;
use super::webhook;

/// Every method the fake knows, as the Bot API spells them (calls match them in any
/// case, as Telegram's do).
const METHODS: &[&str] = &[
    "getMe",
    "getWebhookInfo",
    "setWebhook",
    "deleteWebhook",
    "getUpdates",
    "sendMessage",
    "sendDocument",
    "sendChatAction",
    "editMessageText",
    "editMessageReplyMarkup",
    "deleteMessage",
    "answerCallbackQuery",
    "setMyCommands",
    "deleteMyCommands",
    "getMyCommands",
    "getChatAdministrators",
    "getChatMember",
    "approveChatJoinRequest",
    "declineChatJoinRequest",
    "createChatInviteLink",
];

/// The method a path names, in the Bot API's spelling.
pub(crate) fn known(name: &str) -> Option<&'static str> {
    METHODS
        .iter()
        .copied()
        .find(|method| method.eq_ignore_ascii_case(name))
}

/// What the bot is, for `getMe`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    pub user: User,
    pub can_join_groups: bool,
    /// Privacy mode off: the bot sees every message in groups.
    pub can_read_all_group_messages: bool,
}

/// The answer to `method` (known, not `getUpdates`).
pub(crate) fn answer(
    state: &mut State,
    profile: &Profile,
    method: &str,
    params: &Params,
    now: Instant,
) -> Result<Value, Refusal> {
    let limited = limits::counts(method) && state.limiter.is_some();
    let chat = params.int("chat_id").unwrap_or_default();
    if limited && let Some(Err(wait)) = state.limiter.as_ref().map(|l| l.check(chat, now)) {
        state.limited += 1;
        return Err(Refusal::too_many(wait));
    }
    let bot = profile.user.json();
    let result = match method {
        "getMe" => {
            let mut me = bot;
            me["can_join_groups"] = json!(profile.can_join_groups);
            me["can_read_all_group_messages"] = json!(profile.can_read_all_group_messages);
            me["supports_inline_queries"] = json!(false);
            me["can_connect_to_business"] = json!(false);
            me["has_main_web_app"] = json!(false);
            Ok(me)
        }
        "getWebhookInfo" => Ok(webhook::info(state)),
        "setWebhook" => webhook::set(state, params),
        "deleteWebhook" => {
            state.webhook = None;
            if params.bool("drop_pending_updates") {
                state.updates.clear();
            }
            Ok(json!(true))
        }
        "sendMessage" => send_message(state, &bot, params, now),
        "sendDocument" => send_document(state, &bot, params, now),
        "sendChatAction" => chat_id(state, params).map(|_| json!(true)),
        "editMessageText" => edit_message(state, params, true),
        "editMessageReplyMarkup" => edit_message(state, params, false),
        "deleteMessage" => delete_message(state, params),
        "answerCallbackQuery" => answer_callback_query(state, params),
        "setMyCommands" => set_my_commands(state, params),
        "deleteMyCommands" => {
            state.commands.remove(&commands_key(params));
            Ok(json!(true))
        }
        "getMyCommands" => Ok(state
            .commands
            .get(&commands_key(params))
            .cloned()
            .unwrap_or_else(|| json!([]))),
        "getChatAdministrators" => administrators(state, params),
        "getChatMember" => chat_member(state, params),
        "approveChatJoinRequest" | "declineChatJoinRequest" => {
            join_request(state, &bot, params, method == "approveChatJoinRequest", now)
        }
        "createChatInviteLink" => invite_link(state, bot, params),
        _ => Err(Refusal::not_found()),
    };
    if limited
        && result.is_ok()
        && let Some(limiter) = state.limiter.as_mut()
    {
        limiter.record(chat, now);
    }
    result
}

fn answer_callback_query(state: &mut State, params: &Params) -> Result<Value, Refusal> {
    let id = params.str("callback_query_id").unwrap_or_default();
    match state.callbacks.get_mut(id) {
        Some(answered) if !*answered => {
            *answered = true;
            Ok(json!(true))
        }
        _ => Err(Refusal::bad_request(
            "Bad Request: query is too old and response timeout expired or query ID is invalid",
        )),
    }
}

/// The key of a command list: its scope (default: `{"type":"default"}`) and language.
fn commands_key(params: &Params) -> (String, String) {
    let scope = params
        .json("scope")
        .unwrap_or_else(|| json!({ "type": "default" }));
    let language = params.str("language_code").unwrap_or_default();
    (scope.to_string(), language.to_owned())
}

/// `setMyCommands`: at most 100 commands of 1–32 of `a-z0-9_`, each described.
fn set_my_commands(state: &mut State, params: &Params) -> Result<Value, Refusal> {
    let commands = params.json("commands").unwrap_or_else(|| json!([]));
    let Some(list) = commands.as_array() else {
        return Err(Refusal::bad_request(
            "Bad Request: can't parse commands JSON object",
        ));
    };
    if list.len() > 100 {
        return Err(Refusal::bad_request("Bad Request: BOT_COMMANDS_TOO_MUCH"));
    }
    for command in list {
        let name = command["command"].as_str().unwrap_or_default();
        let valid = (1..=32).contains(&name.len())
            && name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !valid {
            return Err(Refusal::bad_request("Bad Request: BOT_COMMAND_INVALID"));
        }
        if command["description"]
            .as_str()
            .is_none_or(|text| text.trim().is_empty())
        {
            return Err(Refusal::bad_request(
                "Bad Request: command description must be non-empty",
            ));
        }
    }
    let key = commands_key(params);
    if list.is_empty() {
        state.commands.remove(&key);
    } else {
        state.commands.insert(key, commands);
    }
    Ok(json!(true))
}

fn administrators(state: &State, params: &Params) -> Result<Value, Refusal> {
    let chat = chat_id(state, params)?;
    if chat > 0 {
        return Err(Refusal::bad_request(
            "Bad Request: there are no administrators in the private chat",
        ));
    }
    Ok(json!(
        state.administrators.get(&chat).cloned().unwrap_or_default()
    ))
}

/// A member as the administrators list has them, else a plain member the fake has seen.
fn chat_member(state: &State, params: &Params) -> Result<Value, Refusal> {
    let chat = chat_id(state, params)?;
    let user = params.int("user_id").unwrap_or_default();
    let listed = state.administrators.get(&chat).and_then(|members| {
        members
            .iter()
            .find(|member| member["user"]["id"].as_i64() == Some(user))
    });
    if let Some(listed) = listed {
        return Ok(listed.clone());
    }
    match state.users.get(&user) {
        Some(known) => Ok(json!({ "user": known, "status": "member" })),
        None => Err(Refusal::bad_request("Bad Request: user not found")),
    }
}

/// Approving or declining a pending join request, which closes the window it opened on
/// the user's private chat ("until the join request is processed"); an approved user
/// joins, which makes a `chat_member` update (`via_join_request`), changed by the bot.
fn join_request(
    state: &mut State,
    bot: &Value,
    params: &Params,
    approve: bool,
    now: Instant,
) -> Result<Value, Refusal> {
    let chat = chat_id(state, params)?;
    let user = params.int("user_id").unwrap_or_default();
    let Some(request) = state.join_requests.remove(&(chat, user)) else {
        return Err(Refusal::bad_request("Bad Request: HIDE_REQUESTER_MISSING"));
    };
    // Processed, the request no longer lets the bot write to the user.
    if let Some(private) = request["user_chat_id"].as_i64() {
        state.join_windows.remove(&private);
    }
    if approve {
        let joined = &request["from"];
        let update = json!({
            "chat": request["chat"],
            "from": bot,
            "old_chat_member": member_of(joined.clone(), Status::Left),
            "new_chat_member": member_of(joined.clone(), Status::Member),
            "via_join_request": true,
        });
        state.push(Update::new("chat_member", update), now);
    }
    Ok(json!(true))
}

/// A new link: `https://t.me/+…`, made by the bot, with the name, expiry, member
/// limit and join-request flag asked for.
fn invite_link(state: &mut State, bot: Value, params: &Params) -> Result<Value, Refusal> {
    chat_id(state, params)?;
    let n = state.next();
    let mut link = json!({
        "invite_link": format!("https://t.me/+FakeInvite{n:07}"),
        "creator": bot,
        "creates_join_request": params.bool("creates_join_request"),
        "is_primary": false,
        "is_revoked": false,
    });
    if let Some(name) = params.str("name") {
        link["name"] = json!(name);
    }
    for field in ["expire_date", "member_limit"] {
        if let Some(value) = params.int(field) {
            link[field] = json!(value);
        }
    }
    Ok(link)
}
