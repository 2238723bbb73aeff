//! A call's parameters, read every way the Bot API takes them ("Making requests"): the
//! URL query string, `application/json`, `application/x-www-form-urlencoded`, and
//! `multipart/form-data` (what teloxide sends for an upload: the file as a part with a
//! file name, named by `attach://<name>` in the field it fills; other fields as text,
//! objects JSON-serialized).

use serde_json::{Map, Value};

use crate::http::{decode, essence};
use crate::multipart::{self, Part};

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
        match essence(content_type).as_deref() {
            _ if body.is_empty() => {}
            Some("application/json") => match serde_json::from_slice::<Value>(body) {
                Ok(Value::Object(fields)) => params.fields.extend(fields),
                _ => return Err(Refusal::bad_request("Bad Request: can't parse JSON object")),
            },
            Some("application/x-www-form-urlencoded") => params.fields.extend(urlencoded(body)),
            Some("multipart/form-data") => {
                let parts = content_type.and_then(|value| multipart::parts(value, body));
                let parts = parts.ok_or_else(|| {
                    Refusal::bad_request("Bad Request: can't parse multipart/form-data")
                })?;
                params.add(parts);
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

    /// The parts of a multipart body: text fields, and files (then matched to the
    /// `attach://` fields that name them).
    fn add(&mut self, parts: Vec<Part<'_>>) {
        for part in parts {
            match part.file_name {
                None => {
                    let text = String::from_utf8_lossy(part.content).into_owned();
                    self.fields.insert(part.name, Value::String(text));
                }
                Some(file_name) => self.files.push(Upload {
                    field: part.name,
                    file_name: Some(file_name),
                    content_type: part.content_type,
                    bytes: part.content.to_vec(),
                }),
            }
        }
        for (field, value) in &self.fields {
            let Some(attached) = value.as_str().and_then(|v| v.strip_prefix("attach://")) else {
                continue;
            };
            if let Some(file) = self.files.iter_mut().find(|file| file.field == attached) {
                file.field = field.clone();
            }
        }
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
