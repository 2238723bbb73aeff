//! The hub's edges: what members type is cleaned on the way in, and what the hub says
//! cannot ping a whole room on the way out.
//!
//! - In: control characters (NUL and the rest of C0 and C1, but line breaks) are taken
//!   out of text and names, and a tab is a space. Both databases then store the same
//!   thing (PostgreSQL refuses NUL in text; SQLite would keep it and echo it).
//! - Out: `@room`, `@everyone` and `@here`, which notify everyone on Matrix and Discord,
//!   get an invisible word joiner after the `@` wherever they appear in a message, since
//!   that text may quote a member (a name, a title, a mistyped argument). The hub names
//!   members only through explicit mentions ([`crate::reply::Mention`]).
//! - Out: the commands a message names (`/help tz`) are written with the prefix that
//!   works on the platform it goes to (`!help tz` on Matrix, whose clients keep `/…`
//!   for themselves).

use std::borrow::Cow;

/// Joins the `@` to the word after it without letting it read as a mention.
const JOINER: char = '\u{2060}';

/// The words after `@` that notify everyone in a room.
const EVERYONE: [&str; 3] = ["room", "everyone", "here"];

/// `text` without control characters: line breaks stay, a tab is a space, `\r\n` is a
/// line break.
pub fn clean(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c.is_control() && c != '\n') {
        return Cow::Borrowed(text);
    }
    let text = text.replace("\r\n", "\n");
    Cow::Owned(
        text.chars()
            .filter_map(|c| match c {
                '\n' => Some('\n'),
                '\t' => Some(' '),
                c if c.is_control() => None,
                c => Some(c),
            })
            .collect(),
    )
}

/// `text` with every room-wide mention made harmless (see the module's note).
pub fn defuse(text: &str) -> Cow<'_, str> {
    let mut out = String::new();
    let mut copied = 0;
    for (at, _) in text.match_indices('@') {
        let after = &text[at + 1..];
        let names_everyone = EVERYONE.iter().any(|word| {
            after.len() >= word.len()
                && after.is_char_boundary(word.len())
                && after[..word.len()].eq_ignore_ascii_case(word)
                && !after[word.len()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric)
        });
        if names_everyone {
            out.push_str(&text[copied..=at]);
            out.push(JOINER);
            copied = at + 1;
        }
    }
    if copied == 0 {
        return Cow::Borrowed(text);
    }
    out.push_str(&text[copied..]);
    Cow::Owned(out)
}

/// `text` with the commands it names written with `prefix` instead of `/`: a `/`
/// that starts a word (after a space, a quote, a bracket or a backtick) and is followed
/// by a command's name or alias, whole.
pub fn prefixed(text: &str, prefix: char) -> Cow<'_, str> {
    if prefix == '/' || !text.contains('/') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    let mut previous: Option<char> = None;
    for (at, c) in text.char_indices() {
        let starts_word = previous
            .is_none_or(|p| p.is_whitespace() || matches!(p, '`' | '"' | '(' | '“' | '«' | '\''));
        if c == '/' && starts_word && names_a_command(&text[at + 1..]) {
            out.push(prefix);
            changed = true;
        } else {
            out.push(c);
        }
        previous = Some(c);
    }
    match changed {
        true => Cow::Owned(out),
        false => Cow::Borrowed(text),
    }
}

/// Whether `after` starts with a command's name or alias, as a whole word.
fn names_a_command(after: &str) -> bool {
    let end = after
        .find(|c: char| !(c.is_alphanumeric() || c == '-'))
        .unwrap_or(after.len());
    let word = &after[..end];
    !word.is_empty()
        && crate::command::CommandName::find(word).is_some_and(|found| {
            found.as_str() == word.to_lowercase()
                || found.aliases().contains(&word.to_lowercase().as_str())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_take_the_platform_prefix() {
        assert_eq!(prefixed("Type /help tz.", '!'), "Type !help tz.");
        assert_eq!(
            prefixed("`/rsvp ID yes` or (/aide)", '!'),
            "`!rsvp ID yes` or (!aide)"
        );
        assert_eq!(prefixed("Type /help", '/'), "Type /help");
    }

    #[test]
    fn slashes_that_are_not_commands_stay() {
        for text in [
            "see https://example.org/faq",
            "a/b and /usr/bin",
            "20/12",
            "/helpful",
            "Europe/Paris",
        ] {
            assert!(matches!(prefixed(text, '!'), Cow::Borrowed(_)), "{text}");
        }
    }

    #[test]
    fn control_characters_are_taken_out() {
        assert_eq!(clean("Pic\u{0}nic"), "Picnic");
        assert_eq!(clean("a\tb\r\nc\u{7}\u{1b}[31m"), "a b\nc[31m");
        assert_eq!(clean("caf\u{9c}é"), "café");
        assert!(matches!(clean("plain text\nline two"), Cow::Borrowed(_)));
    }

    #[test]
    fn room_wide_mentions_cannot_ping() {
        assert_eq!(defuse("hi @room!"), "hi @\u{2060}room!");
        assert_eq!(defuse("@everyone"), "@\u{2060}everyone");
        assert_eq!(
            defuse("“@HERE” is not a number"),
            "“@\u{2060}HERE” is not a number"
        );
        assert_eq!(defuse("@room and @here"), "@\u{2060}room and @\u{2060}here");
    }

    #[test]
    fn other_text_is_left_alone() {
        for text in ["@roommate", "mail me@home", "@nadia:example.org", "@", "é@"] {
            assert!(matches!(defuse(text), Cow::Borrowed(_)), "{text}");
        }
    }
}
