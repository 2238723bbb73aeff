//! `multipart/form-data` bodies, as both fakes take them (RFC 7578: what reqwest sends for
//! an upload): the boundary of the content type, and the parts, each with its name, its file
//! name and content type if it is a file, and its bytes. What a part means is the fake's.

use crate::http::decode;

/// One part of a multipart body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Part<'a> {
    /// The `name` of its `Content-Disposition` (or its RFC 5987 `name*`).
    pub name: String,
    /// The `filename`: a file has one, a text field none.
    pub file_name: Option<String>,
    pub content_type: Option<String>,
    pub content: &'a [u8],
}

impl Part<'_> {
    /// The content as text (lossy UTF-8).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(self.content).into_owned()
    }
}

/// The parts of `body`, sent as `content_type` (`multipart/form-data; boundary=…`); `None`
/// if it names no boundary or the body does not parse (a part with no name included).
pub(crate) fn parts<'a>(content_type: &str, body: &'a [u8]) -> Option<Vec<Part<'a>>> {
    let boundary = boundary(content_type)?;
    let delimiter = format!("--{boundary}");
    let next = format!("\r\n--{boundary}");
    let start = find(body, delimiter.as_bytes())?;
    let mut rest = &body[start + delimiter.len()..];
    let mut parts = Vec::new();
    while !rest.starts_with(b"--") {
        rest = rest.strip_prefix(b"\r\n")?;
        let head_end = find(rest, b"\r\n\r\n")?;
        let head = String::from_utf8_lossy(&rest[..head_end]).into_owned();
        rest = &rest[head_end + 4..];
        let end = find(rest, next.as_bytes())?;
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
        parts.push(Part {
            name: name?,
            file_name,
            content_type,
            content,
        });
    }
    Some(parts)
}

/// The `boundary` of a `multipart/form-data` content type.
fn boundary(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (key, value) = param.trim().split_once('=')?;
        key.eq_ignore_ascii_case("boundary")
            .then(|| value.trim_matches('"').to_owned())
    })
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
