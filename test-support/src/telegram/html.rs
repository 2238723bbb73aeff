//! The `HTML` parse mode (<https://core.telegram.org/bots/api#html-style>): the tags
//! and the entities Telegram reads, turned into the plain text and the entities
//! (UTF-16 offsets) it answers with, or refused as Telegram refuses them
//! (`Bad Request: can't parse entities: …`), so a reply cut inside a tag fails here too.

use serde_json::{Value, json};

use super::failure::Refusal;

/// What `<name …>` makes: an entity type, or nothing of its own (`code` in `pre`).
fn kind(name: &str) -> Option<&'static str> {
    Some(match name {
        "b" | "strong" => "bold",
        "i" | "em" => "italic",
        "u" | "ins" => "underline",
        "s" | "strike" | "del" => "strikethrough",
        "span" | "tg-spoiler" => "spoiler",
        "a" => "text_link",
        "code" => "code",
        "pre" => "pre",
        "blockquote" => "blockquote",
        "tg-emoji" => "custom_emoji",
        _ => return None,
    })
}

struct Open {
    name: String,
    /// Where its entity is in the list, if it makes one.
    entity: Option<usize>,
}

fn refuse(reason: String) -> Refusal {
    Refusal::bad_request(format!("Bad Request: can't parse entities: {reason}"))
}

/// `html`'s text and entities.
pub(crate) fn parse(html: &str) -> Result<(String, Vec<Value>), Refusal> {
    let mut text = String::new();
    let mut units = 0usize;
    let mut entities: Vec<Value> = Vec::new();
    let mut open: Vec<Open> = Vec::new();
    let mut at = 0;
    while at < html.len() {
        let rest = &html[at..];
        if let Some(tag) = rest.strip_prefix("</") {
            let end = tag
                .find('>')
                .ok_or_else(|| refuse(format!("Unclosed end tag at byte offset {at}")))?;
            let name = tag[..end].trim().to_ascii_lowercase();
            let Some(top) = open.pop() else {
                return Err(refuse(format!("Unexpected end tag at byte offset {at}")));
            };
            if top.name != name {
                return Err(refuse(format!(
                    "Unmatched end tag at byte offset {at}, expected \"</{}>\", found \"</{name}>\"",
                    top.name
                )));
            }
            if let Some(entity) = top.entity {
                let offset = entities[entity]["offset"].as_u64().unwrap_or(0) as usize;
                entities[entity]["length"] = json!(units - offset);
            }
            at += 2 + end + 1;
        } else if let Some(tag) = rest.strip_prefix('<') {
            let end = tag
                .find('>')
                .ok_or_else(|| refuse(format!("Unclosed start tag at byte offset {at}")))?;
            let inside = &tag[..end];
            let name_end = inside
                .find(|c: char| c.is_whitespace() || c == '/')
                .unwrap_or(inside.len());
            let name = inside[..name_end].to_ascii_lowercase();
            let Some(kind) = kind(&name) else {
                return Err(refuse(format!(
                    "Unsupported start tag \"{name}\" at byte offset {at}"
                )));
            };
            let attributes = attributes(&inside[name_end..]);
            let attribute = |key: &str| {
                attributes
                    .iter()
                    .find(|(k, _)| k == key)
                    .map(|(_, v)| v.as_str())
            };
            if name == "span" && attribute("class") != Some("tg-spoiler") {
                return Err(refuse(format!(
                    "Tag \"span\" must have class \"tg-spoiler\" at byte offset {at}"
                )));
            }
            let language = attribute("class").and_then(|c| c.strip_prefix("language-"));
            let in_pre = open.last().is_some_and(|top| top.name == "pre");
            let mut entity = json!({ "type": kind, "offset": units, "length": 0 });
            let makes = match name.as_str() {
                "a" => attribute("href")
                    .map(|href| entity["url"] = json!(href))
                    .is_some(),
                "code" if in_pre => {
                    let pre = open.last().and_then(|top| top.entity);
                    if let (Some(pre), Some(language)) = (pre, language) {
                        entities[pre]["language"] = json!(language);
                    }
                    false
                }
                "tg-emoji" => {
                    entity["custom_emoji_id"] = json!(attribute("emoji-id").unwrap_or_default());
                    true
                }
                "blockquote" if attribute("expandable").is_some() => {
                    entity["type"] = json!("expandable_blockquote");
                    true
                }
                _ => true,
            };
            let entity = makes.then(|| {
                entities.push(entity);
                entities.len() - 1
            });
            open.push(Open { name, entity });
            at += 1 + end + 1;
        } else if rest.starts_with('&')
            && let Some((decoded, length)) = character(rest)
        {
            text.push(decoded);
            units += decoded.len_utf16();
            at += length;
        } else {
            let c = rest.chars().next().unwrap_or_default();
            text.push(c);
            units += c.len_utf16();
            at += c.len_utf8();
        }
    }
    if let Some(top) = open.last() {
        return Err(refuse(format!(
            "Can't find end tag corresponding to start tag \"{}\"",
            top.name
        )));
    }
    entities.retain(|entity| entity["length"].as_u64() != Some(0));
    Ok((text, entities))
}

/// A tag's attributes: `key="value"`, `key='value'`, `key=value` or a bare `key`.
fn attributes(text: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut rest = text.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
    while !rest.is_empty() {
        let key_end = rest
            .find(|c: char| c == '=' || c.is_whitespace())
            .unwrap_or(rest.len());
        let key = rest[..key_end].to_ascii_lowercase();
        rest = rest[key_end..].trim_start();
        let mut value = String::new();
        if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            let (quoted, tail) = match after.chars().next() {
                Some(quote @ ('"' | '\'')) => {
                    let body = &after[1..];
                    let end = body.find(quote).unwrap_or(body.len());
                    (&body[..end], body.get(end + 1..).unwrap_or_default())
                }
                _ => {
                    let end = after.find(char::is_whitespace).unwrap_or(after.len());
                    (&after[..end], &after[end..])
                }
            };
            value = unescape(quoted);
            rest = tail;
        }
        found.push((key, value));
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
    }
    found
}

fn unescape(text: &str) -> String {
    let mut out = String::new();
    let mut at = 0;
    while at < text.len() {
        match character(&text[at..]) {
            Some((c, length)) if text[at..].starts_with('&') => {
                out.push(c);
                at += length;
            }
            _ => {
                let c = text[at..].chars().next().unwrap_or_default();
                out.push(c);
                at += c.len_utf8();
            }
        }
    }
    out
}

/// The character `&lt;`, `&gt;`, `&amp;`, `&quot;` or `&#…;` at the start of `text`,
/// with its length; an `&` that starts none of them is just an `&`.
fn character(text: &str) -> Option<(char, usize)> {
    let end = text[..text.len().min(12)].find(';')?;
    let name = &text[1..end];
    let decoded = match name {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "quot" => '"',
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code)?
        }
    };
    Some((decoded, end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_become_entities_in_utf16_units() {
        let (text, entities) =
            parse("é🎉 <b>bold <i>both</i></b> &lt;3 <a href=\"https://x.org/?a=1&amp;b\">x</a>")
                .unwrap();
        assert_eq!(text, "é🎉 bold both <3 x");
        assert_eq!(
            entities,
            [
                json!({"type": "bold", "offset": 4, "length": 9}),
                json!({"type": "italic", "offset": 9, "length": 4}),
                json!({"type": "text_link", "offset": 17, "length": 1, "url": "https://x.org/?a=1&b"}),
            ]
        );
        let (_, entities) = parse("<pre><code class=\"language-rust\">fn</code></pre>").unwrap();
        assert_eq!(
            entities,
            [json!({"type": "pre", "offset": 0, "length": 2, "language": "rust"})]
        );
    }

    #[test]
    fn broken_html_is_refused_as_telegram_words_it() {
        let reason = |html: &str| parse(html).unwrap_err().description;
        assert_eq!(
            reason("<b>cut"),
            "Bad Request: can't parse entities: Can't find end tag corresponding to start tag \"b\""
        );
        assert_eq!(
            reason("a <br> b"),
            "Bad Request: can't parse entities: Unsupported start tag \"br\" at byte offset 2"
        );
        assert_eq!(
            reason("x <b"),
            "Bad Request: can't parse entities: Unclosed start tag at byte offset 2"
        );
        assert!(reason("<b><i>x</b></i>").contains("Unmatched end tag at byte offset 7"));
    }
}
