//! A call's parameters, read every way the Bot API takes them ("Making requests"): the
//! URL query string, `application/json`, `application/x-www-form-urlencoded`, and
//! `multipart/form-data` (what teloxide sends for an upload: the file as a part with a
//! file name, named by `attach://<name>` in the field it fills; other fields as text,
//! objects JSON-serialized).

use serde_json::{Map, Value};

use super::failure::Refusal;

/// A file uploaded with a call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upload {
    /// The parameter it fills (`document`), or its part's name if none names it.
    pub field: String,
    pub file_name: Option<String>,
    pub content_type: Option<String>,
    pub bytes: Vec<u8>,
}

/// The parameters of one call: named values (text fields stay strings) and files.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Params {
    pub fields: Map<String, Value>,
    pub files: Vec<Upload>,
}

impl Params {
    /// Reads a call: `query` first, then the body as `content_type` says.
    pub fn read(
        content_type: Option<&str>,
        query: Option<&str>,
        body: &[u8],
    ) -> Result<Params, Refusal> {
        let mut params = Params::default();
        if let Some(query) = query {
            params.fields.extend(urlencoded(query.as_bytes()));
        }
        let essence = content_type
            .and_then(|value| value.split(';').next())
            .map(|value| value.trim().to_ascii_lowercase());
        match essence.as_deref() {
            _ if body.is_empty() => {}
            Some("application/json") => match serde_json::from_slice::<Value>(body) {
                Ok(Value::Object(fields)) => params.fields.extend(fields),
                _ => return Err(Refusal::bad_request("Bad Request: can't parse JSON object")),
            },
            Some("application/x-www-form-urlencoded") => params.fields.extend(urlencoded(body)),
            Some("multipart/form-data") => {
                let boundary = content_type.and_then(boundary).ok_or_else(|| {
                    Refusal::bad_request("Bad Request: can't parse multipart/form-data")
                })?;
                multipart(&mut params, body, &boundary)?;
            }
            _ => {}
        }
        Ok(params)
    }

    /// An integer given as a number or as text (form fields).
    pub fn int(&self, name: &str) -> Option<i64> {
        match self.fields.get(name)? {
            Value::Number(number) => number.as_i64(),
            Value::String(text) => text.trim().parse().ok(),
            _ => None,
        }
    }

    pub fn str(&self, name: &str) -> Option<&str> {
        self.fields.get(name)?.as_str()
    }

    /// A boolean given as one or as `true`/`false` text.
    pub fn bool(&self, name: &str) -> bool {
        match self.fields.get(name) {
            Some(Value::Bool(value)) => *value,
            Some(Value::String(text)) => text == "true",
            _ => false,
        }
    }

    /// An object or array, given as JSON or JSON-serialized in a text field.
    pub fn json(&self, name: &str) -> Option<Value> {
        match self.fields.get(name)? {
            Value::String(text) => serde_json::from_str(text).ok(),
            Value::Null => None,
            value => Some(value.clone()),
        }
    }

    /// The file uploaded for parameter `name`.
    pub fn file(&self, name: &str) -> Option<&Upload> {
        self.files.iter().find(|file| file.field == name)
    }
}

/// `a=1&b=two%20words` as text fields.
fn urlencoded(text: &[u8]) -> Map<String, Value> {
    text.split(|byte| *byte == b'&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let mut halves = pair.splitn(2, |byte| *byte == b'=');
            let key = decode(halves.next().unwrap_or_default(), true);
            let value = decode(halves.next().unwrap_or_default(), true);
            (key, Value::String(value))
        })
        .collect()
}

/// Percent-decoding (and `+` as a space in a form).
pub(crate) fn decode(text: &[u8], plus_is_space: bool) -> String {
    let mut bytes = Vec::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        let hex = |at: usize| text.get(at).and_then(|byte| char::from(*byte).to_digit(16));
        match text[i] {
            b'%' if hex(i + 1).is_some() && hex(i + 2).is_some() => {
                bytes.push((hex(i + 1).unwrap_or(0) * 16 + hex(i + 2).unwrap_or(0)) as u8);
                i += 3;
                continue;
            }
            b'+' if plus_is_space => bytes.push(b' '),
            byte => bytes.push(byte),
        }
        i += 1;
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// The `boundary` of a `multipart/form-data` content type.
fn boundary(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (key, value) = param.trim().split_once('=')?;
        key.eq_ignore_ascii_case("boundary")
            .then(|| value.trim_matches('"').to_owned())
    })
}

/// The parts of a multipart body: text fields, and files (then matched to the
/// `attach://` fields that name them).
fn multipart(params: &mut Params, body: &[u8], boundary: &str) -> Result<(), Refusal> {
    let bad = || Refusal::bad_request("Bad Request: can't parse multipart/form-data");
    let delimiter = format!("--{boundary}");
    let mut rest = body;
    let start = find(rest, delimiter.as_bytes()).ok_or_else(bad)?;
    rest = &rest[start + delimiter.len()..];
    let next = format!("\r\n--{boundary}");
    while !rest.starts_with(b"--") {
        rest = rest.strip_prefix(b"\r\n").ok_or_else(bad)?;
        let head_end = find(rest, b"\r\n\r\n").ok_or_else(bad)?;
        let head = String::from_utf8_lossy(&rest[..head_end]).into_owned();
        rest = &rest[head_end + 4..];
        let end = find(rest, next.as_bytes()).ok_or_else(bad)?;
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
                for (key, value) in disposition(value) {
                    match key.as_str() {
                        "name" => name = Some(value),
                        "name*" => {
                            let encoded = value.rsplit("''").next().unwrap_or_default();
                            name = Some(decode(encoded.as_bytes(), false));
                        }
                        "filename" => file_name = Some(value),
                        _ => {}
                    }
                }
            }
        }
        let name = name.ok_or_else(bad)?;
        match file_name {
            None => {
                let text = String::from_utf8_lossy(content).into_owned();
                params.fields.insert(name, Value::String(text));
            }
            Some(file_name) => params.files.push(Upload {
                field: name,
                file_name: Some(file_name),
                content_type,
                bytes: content.to_vec(),
            }),
        }
    }
    for (field, value) in &params.fields {
        let Some(attached) = value.as_str().and_then(|v| v.strip_prefix("attach://")) else {
            continue;
        };
        if let Some(file) = params.files.iter_mut().find(|file| file.field == attached) {
            file.field = field.clone();
        }
    }
    Ok(())
}

/// `form-data; name="a"; filename="b \"c\".ics"` as (key, value) pairs.
fn disposition(value: &str) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    let mut chars = value.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| *c == ';' || c.is_whitespace()) {
            chars.next();
        }
        let mut key = String::new();
        while let Some(c) = chars.next_if(|c| *c != '=' && *c != ';') {
            key.push(c);
        }
        if key.is_empty() {
            return pairs;
        }
        if chars.next_if_eq(&'=').is_none() {
            // A bare token (`form-data`).
            continue;
        }
        let mut text = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => text.extend(chars.next()),
                    '"' => break,
                    c => text.push(c),
                }
            }
        } else {
            text = chars.by_ref().take_while(|c| *c != ';').collect();
        }
        pairs.push((key.trim().to_ascii_lowercase(), text));
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}
