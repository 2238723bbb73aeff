//! The methods that send or change a message: `sendMessage`, `sendDocument`,
//! `editMessageText`, `editMessageReplyMarkup`, `deleteMessage`. Each is answered with
//! the `Message` Telegram would return (a new `message_id` in the chat's sequence, the
//! bot as `from`, the text as parsed, the inline keyboard echoed), or refused for what
//! Telegram refuses: a private chat the user never opened, a topic that is not one, a
//! reply to a missing message, `callback_data` over 64 bytes, a text empty or over
//! 4,096 UTF-16 units once parsed, broken HTML, an edit that changes nothing.

use std::time::Instant;

use serde_json::{Value, json};

use super::failure::{CHAT_NOT_FOUND, Refusal, THREAD_NOT_FOUND};
use super::html;
use super::params::Params;
use super::state::{State, unix_now};

/// The most a text may hold, and a caption, in UTF-16 units.
const TEXT_LIMIT: usize = 4096;
const CAPTION_LIMIT: usize = 1024;

pub(crate) const NOT_MODIFIED: &str = "Bad Request: message is not modified: specified new \
    message content and reply markup are exactly the same as a current content and reply \
    markup of the message";

pub(crate) fn send_message(
    state: &mut State,
    bot: &Value,
    params: &Params,
    now: Instant,
) -> Result<Value, Refusal> {
    let chat = chat_id(state, params)?;
    state.may_write(chat, now)?;
    let (text, entities) = text(params, "text", "entities")?;
    if text.trim().is_empty() {
        return Err(Refusal::bad_request("Bad Request: message text is empty"));
    }
    if units(&text) > TEXT_LIMIT {
        return Err(Refusal::bad_request("Bad Request: message is too long"));
    }
    let mut message = new_message(state, bot, chat, params)?;
    message["text"] = json!(text);
    if !entities.is_empty() {
        message["entities"] = json!(entities);
    }
    Ok(keep(state, message))
}

pub(crate) fn send_document(
    state: &mut State,
    bot: &Value,
    params: &Params,
    now: Instant,
) -> Result<Value, Refusal> {
    let chat = chat_id(state, params)?;
    state.may_write(chat, now)?;
    let document = match (params.file("document"), params.str("document")) {
        (Some(upload), _) => {
            let file_name = upload
                .file_name
                .clone()
                .unwrap_or_else(|| "document".into());
            let n = state.next();
            json!({
                "file_id": format!("BQACAgQAAxkDAAIB{n:08}"),
                "file_unique_id": format!("AgADB{n:06}"),
                "file_name": file_name,
                "mime_type": mime_type(&file_name, upload.content_type.as_deref()),
                "file_size": upload.bytes.len(),
            })
        }
        (None, Some(file_id)) if !file_id.starts_with("attach://") => {
            let known = state.messages.values().find_map(|message| {
                let document = &message["document"];
                (document["file_id"] == json!(file_id)).then(|| document.clone())
            });
            known.ok_or_else(|| {
                Refusal::bad_request("Bad Request: wrong file identifier/HTTP URL specified")
            })?
        }
        _ => {
            return Err(Refusal::bad_request(
                "Bad Request: there is no document in the request",
            ));
        }
    };
    let (caption, entities) = text(params, "caption", "caption_entities")?;
    if units(&caption) > CAPTION_LIMIT {
        return Err(Refusal::bad_request(
            "Bad Request: message caption is too long",
        ));
    }
    let mut message = new_message(state, bot, chat, params)?;
    message["document"] = document;
    if !caption.is_empty() {
        message["caption"] = json!(caption);
    }
    if !entities.is_empty() {
        message["caption_entities"] = json!(entities);
    }
    Ok(keep(state, message))
}

/// `editMessageText`, or `editMessageReplyMarkup` when `text_too` is false.
pub(crate) fn edit_message(
    state: &mut State,
    params: &Params,
    text_too: bool,
) -> Result<Value, Refusal> {
    if params.str("inline_message_id").is_some() {
        return Ok(json!(true));
    }
    let chat = chat_id(state, params)?;
    let id = params.int("message_id").unwrap_or_default();
    let bot_id = state.bot_id;
    let Some(current) = state.messages.get(&(chat, id)).cloned() else {
        return Err(Refusal::bad_request(
            "Bad Request: message to edit not found",
        ));
    };
    if current["from"]["id"].as_i64() != Some(bot_id) {
        return Err(Refusal::bad_request("Bad Request: message can't be edited"));
    }
    let mut edited = current.clone();
    if text_too {
        let (text, entities) = text(params, "text", "entities")?;
        if text.trim().is_empty() {
            return Err(Refusal::bad_request("Bad Request: message text is empty"));
        }
        if units(&text) > TEXT_LIMIT {
            return Err(Refusal::bad_request("Bad Request: MESSAGE_TOO_LONG"));
        }
        edited["text"] = json!(text);
        set_or_remove(
            &mut edited,
            "entities",
            (!entities.is_empty()).then(|| json!(entities)),
        );
    }
    // An edit without `reply_markup` takes the keyboard away.
    set_or_remove(&mut edited, "reply_markup", markup(params)?);
    if edited == current {
        return Err(Refusal::bad_request(NOT_MODIFIED));
    }
    edited["edit_date"] = json!(unix_now());
    state.messages.insert((chat, id), edited.clone());
    Ok(edited)
}

pub(crate) fn delete_message(state: &mut State, params: &Params) -> Result<Value, Refusal> {
    let chat = chat_id(state, params)?;
    let id = params.int("message_id").unwrap_or_default();
    match state.messages.remove(&(chat, id)) {
        Some(_) => Ok(json!(true)),
        None => Err(Refusal::bad_request(
            "Bad Request: message to delete not found",
        )),
    }
}

/// `chat_id`, a number or a known chat's `@username`.
pub(crate) fn chat_id(state: &State, params: &Params) -> Result<i64, Refusal> {
    if let Some(id) = params.int("chat_id") {
        return Ok(id);
    }
    let Some(name) = params.str("chat_id").filter(|name| !name.is_empty()) else {
        return Err(Refusal::bad_request("Bad Request: chat_id is empty"));
    };
    let username = name.trim_start_matches('@');
    state
        .chats
        .iter()
        .find(|(_, chat)| chat["username"].as_str() == Some(username))
        .map(|(id, _)| *id)
        .ok_or_else(|| Refusal::bad_request(CHAT_NOT_FOUND))
}

/// A message from the bot in `chat`, with its topic, the message it replies to and its
/// keyboard: all but its content.
fn new_message(
    state: &mut State,
    bot: &Value,
    chat: i64,
    params: &Params,
) -> Result<Value, Refusal> {
    let thread = params
        .int("message_thread_id")
        .filter(|_| state.is_forum(chat));
    if let Some(thread) = thread
        && !state.topics.contains(&(chat, thread))
    {
        return Err(Refusal::bad_request(THREAD_NOT_FOUND));
    }
    let replied = replied(state, chat, params)?;
    let markup = markup(params)?;
    let mut message = json!({
        "message_id": state.next_message_id(chat),
        "from": bot,
        "chat": state.chat(chat),
        "date": unix_now(),
    });
    if let Some(thread) = thread {
        message["message_thread_id"] = json!(thread);
        message["is_topic_message"] = json!(true);
    }
    set_or_remove(&mut message, "reply_to_message", replied);
    set_or_remove(&mut message, "reply_markup", markup);
    Ok(message)
}

/// The message a send replies to (`reply_parameters`, or the older
/// `reply_to_message_id`), without its own `reply_to_message`, as Telegram gives it.
fn replied(state: &State, chat: i64, params: &Params) -> Result<Option<Value>, Refusal> {
    let reply = params.json("reply_parameters").unwrap_or(Value::Null);
    let id = reply["message_id"]
        .as_i64()
        .or_else(|| params.int("reply_to_message_id"));
    let Some(id) = id else {
        return Ok(None);
    };
    let in_chat = reply["chat_id"].as_i64().unwrap_or(chat);
    match state.messages.get(&(in_chat, id)) {
        Some(message) => {
            let mut message = message.clone();
            if let Some(message) = message.as_object_mut() {
                message.remove("reply_to_message");
            }
            Ok(Some(message))
        }
        None if reply["allow_sending_without_reply"] == json!(true)
            || params.bool("allow_sending_without_reply") =>
        {
            Ok(None)
        }
        None => Err(Refusal::bad_request(
            "Bad Request: message to be replied not found",
        )),
    }
}

/// The inline keyboard to echo (other markups are not part of the message), its
/// buttons' `callback_data` checked (1–64 bytes).
fn markup(params: &Params) -> Result<Option<Value>, Refusal> {
    let Some(markup) = params.json("reply_markup") else {
        return Ok(None);
    };
    let Some(rows) = markup["inline_keyboard"].as_array() else {
        return Ok(None);
    };
    for button in rows.iter().filter_map(Value::as_array).flatten() {
        if button["text"].as_str().is_none_or(str::is_empty) {
            return Err(Refusal::bad_request("Bad Request: BUTTON_TEXT_INVALID"));
        }
        if let Some(data) = button.get("callback_data")
            && data
                .as_str()
                .is_none_or(|data| data.is_empty() || data.len() > 64)
        {
            return Err(Refusal::bad_request("Bad Request: BUTTON_DATA_INVALID"));
        }
    }
    Ok(Some(markup))
}

/// A text (or caption) and its entities, as `parse_mode` reads it: `HTML` parsed; no
/// parse mode, the text as given with the `entities` it came with; Markdown modes are
/// kept as written.
fn text(
    params: &Params,
    field: &str,
    entities_field: &str,
) -> Result<(String, Vec<Value>), Refusal> {
    let raw = params.str(field).unwrap_or_default();
    match params.str("parse_mode") {
        Some(mode) if mode.eq_ignore_ascii_case("html") => html::parse(raw),
        Some(_) => Ok((raw.to_owned(), Vec::new())),
        None => {
            let given = params.json(entities_field).unwrap_or(Value::Null);
            let entities = given.as_array().cloned().unwrap_or_default();
            Ok((raw.to_owned(), entities))
        }
    }
}

fn keep(state: &mut State, message: Value) -> Value {
    let chat = message["chat"]["id"].as_i64().unwrap_or_default();
    let id = message["message_id"].as_i64().unwrap_or_default();
    state.messages.insert((chat, id), message.clone());
    message
}

fn set_or_remove(message: &mut Value, field: &str, value: Option<Value>) {
    match (message.as_object_mut(), value) {
        (Some(message), Some(value)) => {
            message.insert(field.into(), value);
        }
        (Some(message), None) => {
            message.remove(field);
        }
        (None, _) => {}
    }
}

fn units(text: &str) -> usize {
    text.encode_utf16().count()
}

/// The MIME type Telegram gives a document: the part's own, or from the file name.
fn mime_type(file_name: &str, given: Option<&str>) -> String {
    if let Some(given) = given.filter(|given| *given != "application/octet-stream") {
        return given.to_owned();
    }
    let extension = file_name
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase());
    match extension.as_deref() {
        Some("ics") => "text/calendar",
        Some("txt") => "text/plain",
        Some("csv") => "text/csv",
        Some("json") => "application/json",
        Some("pdf") => "application/pdf",
        Some("zip") => "application/zip",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        _ => "application/octet-stream",
    }
    .to_owned()
}
