//! Discord's limits on what a message may hold, checked as Discord checks them, with its
//! error bodies: `content` ≤ 2,000 characters, ≤ 10 embeds (title ≤ 256, description ≤
//! 4,096), ≤ 5 action rows of 1–5 components, `custom_id` 1–100 characters and unique,
//! button labels ≤ 80; 50035 `Invalid Form Body` with the path of the field at fault, or
//! 50006 `Cannot send an empty message`.

use std::collections::HashSet;

use serde_json::Value;

use super::failure::{Reply, bad_length, field_error, max_length, nested};

/// Checks a message's body (to create it, or an edit) with errors placed under `prefix`
/// (`["data"]` for an interaction callback).
pub(crate) fn message(body: &Value, prefix: &[&str], creating: bool) -> Result<(), Reply> {
    let fail = |path: &[&str], leaf: Value| {
        let full: Vec<&str> = prefix.iter().chain(path).copied().collect();
        Err(Reply::invalid_form(nested(&full, leaf)))
    };
    if let Some(content) = body["content"].as_str()
        && content.chars().count() > 2000
    {
        return fail(&["content"], max_length(2000));
    }
    if let Some(embeds) = body["embeds"].as_array() {
        if embeds.len() > 10 {
            return fail(&["embeds"], max_length(10));
        }
        for (at, embed) in embeds.iter().enumerate() {
            let at = at.to_string();
            for (field, limit) in [("title", 256), ("description", 4096)] {
                if embed[field]
                    .as_str()
                    .is_some_and(|t| t.chars().count() > limit)
                {
                    return fail(&["embeds", &at, field], max_length(limit));
                }
            }
        }
    }
    if let Some(rows) = body["components"].as_array()
        && let Err((path, leaf)) = components(rows)
    {
        let path: Vec<&str> = path.iter().map(String::as_str).collect();
        return fail(&path, leaf);
    }
    if creating && is_empty(body) {
        return Err(Reply::error(400, 50006, "Cannot send an empty message"));
    }
    Ok(())
}

/// Whether a new message would show nothing.
fn is_empty(body: &Value) -> bool {
    let blank = |field: &str| match &body[field] {
        Value::Null => true,
        Value::String(text) => text.is_empty(),
        Value::Array(items) => items.is_empty(),
        _ => false,
    };
    ["content", "embeds", "components", "sticker_ids", "_files"]
        .iter()
        .all(|field| blank(field))
        && body["poll"].is_null()
}

type Fault = (Vec<String>, Value);

fn components(rows: &[Value]) -> Result<(), Fault> {
    let at = |parts: &[&str]| parts.iter().map(|p| (*p).to_owned()).collect::<Vec<_>>();
    if rows.len() > 5 {
        return Err((at(&["components"]), max_length(5)));
    }
    let mut custom_ids = HashSet::new();
    for (row_at, row) in rows.iter().enumerate() {
        let row_at = row_at.to_string();
        let items = row["components"].as_array().map_or(&[][..], Vec::as_slice);
        if items.is_empty() || items.len() > 5 {
            let path = at(&["components", &row_at, "components"]);
            return Err((path, bad_length(1, 5)));
        }
        for (item_at, item) in items.iter().enumerate() {
            let item_at = item_at.to_string();
            let path = |field: &str| at(&["components", &row_at, "components", &item_at, field]);
            let link = item["type"] == 2 && item["style"] == 5;
            match item["custom_id"].as_str() {
                None if link => {}
                None => return Err((path("custom_id"), bad_length(1, 100))),
                Some(id) if id.is_empty() || id.chars().count() > 100 => {
                    return Err((path("custom_id"), bad_length(1, 100)));
                }
                Some(id) if !custom_ids.insert(id.to_owned()) => {
                    let duplicated = field_error(
                        "COMPONENT_CUSTOM_ID_DUPLICATED",
                        "Component custom id cannot be duplicated",
                    );
                    return Err((path("custom_id"), duplicated));
                }
                Some(_) => {}
            }
            if item["label"]
                .as_str()
                .is_some_and(|l| l.chars().count() > 80)
            {
                return Err((path("label"), max_length(80)));
            }
        }
    }
    Ok(())
}
