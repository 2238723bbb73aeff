//! A request's body as Discord takes it: `application/json`, or `multipart/form-data` with
//! the JSON in a `payload_json` part and files in `files[n]` parts (what serenity sends with
//! attachments). Read into one JSON value: the payload, with the files under `"_files"`.

use serde_json::{Value, json};

use crate::http::essence;
use crate::multipart::{self, Part};

use super::failure::Reply;

/// The body as one JSON value (`null` when empty); 400 `50109` for JSON that does not parse.
pub(crate) fn read(content_type: Option<&str>, body: &[u8]) -> Result<Value, Reply> {
    if body.is_empty() {
        return Ok(Value::Null);
    }
    match essence(content_type).as_deref() {
        Some("multipart/form-data") => {
            let parts = content_type.and_then(|value| multipart::parts(value, body));
            from_parts(parts.ok_or_else(invalid_json)?)
        }
        _ => serde_json::from_slice(body).map_err(|_| invalid_json()),
    }
}

fn invalid_json() -> Reply {
    Reply::error(400, 50109, "The request body contains invalid JSON.")
}

/// The parts: `payload_json` parsed, files listed under `_files`, other text fields added.
fn from_parts(parts: Vec<Part<'_>>) -> Result<Value, Reply> {
    let mut payload = json!({});
    let mut files = Vec::new();
    let mut fields = Vec::new();
    for part in parts {
        let text = part.text();
        match part.file_name {
            Some(file_name) => files.push(json!({
                "field": part.name,
                "name": file_name,
                "content_type": part.content_type,
                "size": part.content.len(),
                "content": text,
            })),
            None if part.name == "payload_json" => {
                payload = serde_json::from_str(&text).map_err(|_| invalid_json())?;
            }
            None => fields.push((part.name, Value::String(text))),
        }
    }
    if let Value::Object(map) = &mut payload {
        for (field, value) in fields {
            map.entry(field).or_insert(value);
        }
        map.insert("_files".into(), Value::Array(files));
    }
    Ok(payload)
}
