//! Reading what the bot sent Discord: a message body's text and its buttons, whether
//! from a REST call or an interaction response (whose message is under `data`).

use serde_json::Value;

/// The message in `body`: `body` itself, or its `data` for an interaction response.
fn message_of(body: &Value) -> &Value {
    if body.get("data").is_some() {
        &body["data"]
    } else {
        body
    }
}

/// The text of a message body.
pub fn content(body: &Value) -> String {
    message_of(body)["content"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// The buttons of a message body: label and `custom_id`.
pub fn buttons(body: &Value) -> Vec<(String, String)> {
    message_of(body)["components"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .map(|button| {
            (
                button["label"].as_str().unwrap_or_default().to_owned(),
                button["custom_id"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}
