//! A request's body as Discord takes it: `application/json`, or `multipart/form-data` with
//! the JSON in a `payload_json` part and files in `files[n]` parts (what serenity sends with
//! attachments). Read into one JSON value: the payload, with the files under `"_files"`.

use serde_json::{Value, json};

use super::failure::Reply;

/// The body as one JSON value (`null` when empty); 400 `50109` for JSON that does not parse.
pub(crate) fn read(content_type: Option<&str>, body: &[u8]) -> Result<Value, Reply> {
    if body.is_empty() {
        return Ok(Value::Null);
    }
    let essence = content_type
        .and_then(|value| value.split(';').next())
        .map(|value| value.trim().to_ascii_lowercase());
    match essence.as_deref() {
        Some("multipart/form-data") => {
            let boundary = content_type.and_then(boundary).ok_or_else(invalid_json)?;
            multipart(body, &boundary)
        }
        _ => serde_json::from_slice(body).map_err(|_| invalid_json()),
    }
}

fn invalid_json() -> Reply {
    Reply::error(400, 50109, "The request body contains invalid JSON.")
}

/// The `boundary` of a `multipart/form-data` content type.
fn boundary(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (key, value) = param.trim().split_once('=')?;
        key.eq_ignore_ascii_case("boundary")
            .then(|| value.trim_matches('"').to_owned())
    })
}

/// The parts: `payload_json` parsed, files listed under `_files`, other text fields added.
fn multipart(body: &[u8], boundary: &str) -> Result<Value, Reply> {
    let delimiter = format!("--{boundary}");
    let next = format!("\r\n--{boundary}");
    let start = find(body, delimiter.as_bytes()).ok_or_else(invalid_json)?;
    let mut rest = &body[start + delimiter.len()..];
    let mut payload = json!({});
    let mut files = Vec::new();
    let mut fields = Vec::new();
    while !rest.starts_with(b"--") {
        rest = rest.strip_prefix(b"\r\n").ok_or_else(invalid_json)?;
        let head_end = find(rest, b"\r\n\r\n").ok_or_else(invalid_json)?;
        let head = String::from_utf8_lossy(&rest[..head_end]).into_owned();
        rest = &rest[head_end + 4..];
        let end = find(rest, next.as_bytes()).ok_or_else(invalid_json)?;
        let content = &rest[..end];
        rest = &rest[end + next.len()..];

        let (mut name, mut file_name, mut content_type) = (None, None, None);
        for line in head.split("\r\n") {
            let Some((header, value)) = line.split_once(':') else {
                continue;
            };
            if header.trim().eq_ignore_ascii_case("content-type") {
                content_type = Some(value.trim().to_owned());
            } else if header.trim().eq_ignore_ascii_case("content-disposition") {
                name = parameter(value, "name");
                file_name = parameter(value, "filename");
            }
        }
        let text = String::from_utf8_lossy(content).into_owned();
        match (name.as_deref(), file_name) {
            (Some("payload_json"), None) => {
                payload = serde_json::from_str(&text).map_err(|_| invalid_json())?;
            }
            (Some(field), Some(file_name)) => files.push(json!({
                "field": field,
                "name": file_name,
                "content_type": content_type,
                "size": content.len(),
                "content": text,
            })),
            (Some(field), None) => fields.push((field.to_owned(), Value::String(text))),
            (None, _) => return Err(invalid_json()),
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

/// A parameter of a `Content-Disposition` value: `name="files[0]"`.
fn parameter(value: &str, wanted: &str) -> Option<String> {
    value.split(';').skip(1).find_map(|param| {
        let (key, value) = param.trim().split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case(wanted)
            .then(|| value.trim().trim_matches('"').replace("\\\"", "\""))
    })
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}
