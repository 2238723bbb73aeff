//! Hub messages out: the core's light markup ([`passerelle_core::markup`]) as Telegram
//! HTML (`parse_mode = "HTML"`), members named in a message as text mentions, cut into
//! messages Telegram accepts.
//!
//! A member is mentioned where the text first names them, as
//! `<a href="tg://user?id=…">name</a>`; a mention whose user ID is not a Telegram one
//! (a positive number) stays plain text.
//!
//! Telegram counts a message's length after its entities are parsed, in UTF-16 units, and
//! takes at most [`MAX_UNITS`]. Longer texts are cut at a line break where one fits, else
//! at a space, else anywhere; a cut never falls inside a tag: the tags open there are
//! closed at the end of one message and opened again at the start of the next. A mention
//! is never cut: when it does not fit, the message ends before it.

use std::cmp::Reverse;

use passerelle_core::markup::{Span, spans};
use passerelle_core::reply::Mention;

/// The longest message text Telegram takes, in UTF-16 units.
pub const MAX_UNITS: usize = 4096;

/// `text` as Telegram HTML, in as many messages as its length needs, with the members of
/// `mentions` (by Telegram user ID) mentioned where the text first names them.
pub fn render(text: &str, mentions: &[Mention]) -> Vec<String> {
    render_within(text, mentions, MAX_UNITS)
}

/// The longest notice a button press can be answered with, in characters.
pub const MAX_NOTICE: usize = 200;

/// The first line of `text` as plain text, short enough for a button press's notice.
pub fn notice(text: &str) -> String {
    let mut line = String::new();
    for span in spans(text) {
        match span {
            Span::Text(text) | Span::Url(text) | Span::Code(text) => line.push_str(text),
            Span::ItemStart => line.push_str("• "),
            Span::Newline | Span::ItemEnd if !line.trim().is_empty() => break,
            _ => {}
        }
    }
    let line = line.trim();
    if line.chars().count() <= MAX_NOTICE {
        return line.to_owned();
    }
    let mut short: String = line.chars().take(MAX_NOTICE - 1).collect();
    short.push('…');
    short
}

fn render_within(text: &str, mentions: &[Mention], max: usize) -> Vec<String> {
    let mut out = Chunker::new(max);
    // The members still to mention: each only where the text first names them.
    let mut named: Vec<&Mention> = mentions
        .iter()
        .filter(|mention| is_user_id(&mention.user_id) && !mention.name.is_empty())
        .collect();
    for span in spans(text) {
        match span {
            Span::Text(text) => named_text(text, &mut named, &mut out),
            Span::Url(text) => out.text(text),
            Span::Newline | Span::ItemEnd => out.line_break(),
            Span::Bold(true) => out.open("b"),
            Span::Bold(false) => out.close("b"),
            Span::Italic(true) => out.open("i"),
            Span::Italic(false) => out.close("i"),
            Span::Code(code) => {
                out.open("code");
                out.text(code);
                out.close("code");
            }
            Span::ItemStart => out.text("• "),
            Span::ListStart | Span::ListEnd => {}
        }
    }
    out.finish()
}

/// A run of plain text, the members of `named` it names mentioned (and taken out of
/// `named`, to be mentioned once).
fn named_text(mut text: &str, named: &mut Vec<&Mention>, out: &mut Chunker) {
    // The earliest name in the text; of two starting there, the longer.
    while let Some((at, _, index)) = named
        .iter()
        .enumerate()
        .filter_map(|(index, mention)| {
            let at = text.find(mention.name.as_str())?;
            Some((at, Reverse(mention.name.len()), index))
        })
        .min()
    {
        let mention = named.remove(index);
        out.text(&text[..at]);
        out.mention(&mention.user_id, &mention.name);
        text = &text[at + mention.name.len()..];
    }
    out.text(text);
}

/// Whether `id` is a Telegram user ID: a positive number.
fn is_user_id(id: &str) -> bool {
    id.bytes().all(|b| b.is_ascii_digit()) && id.parse::<u64>().is_ok_and(|id| id > 0)
}

/// How long `text` is for Telegram.
pub fn units(text: &str) -> usize {
    text.encode_utf16().count()
}

fn escape(text: &str, into: &mut String) {
    for c in text.chars() {
        match c {
            '&' => into.push_str("&amp;"),
            '<' => into.push_str("&lt;"),
            '>' => into.push_str("&gt;"),
            other => into.push(other),
        }
    }
}

/// A line break in the message being written: where it could be cut.
struct Break {
    /// Its byte offset in the message's HTML.
    at: usize,
    /// The tags open there.
    open: Vec<&'static str>,
    /// The message's length before it, in UTF-16 units.
    units: usize,
}

/// Writes HTML into messages of at most `max` units each.
struct Chunker {
    max: usize,
    done: Vec<String>,
    html: String,
    units: usize,
    open: Vec<&'static str>,
    last_break: Option<Break>,
}

impl Chunker {
    fn new(max: usize) -> Self {
        Self {
            max,
            done: Vec::new(),
            html: String::new(),
            units: 0,
            open: Vec::new(),
            last_break: None,
        }
    }

    fn open(&mut self, tag: &'static str) {
        self.html.push_str(&format!("<{tag}>"));
        self.open.push(tag);
    }

    fn close(&mut self, tag: &'static str) {
        if let Some(at) = self.open.iter().rposition(|open| *open == tag) {
            // Tags close in the order they opened, as Telegram's parser wants.
            for inner in self.open.split_off(at).into_iter().rev() {
                self.html.push_str(&format!("</{inner}>"));
            }
        }
    }

    fn line_break(&mut self) {
        if self.units + 1 > self.max {
            // The break falls at the cut: the next message starts the new line.
            self.cut();
            return;
        }
        self.last_break = Some(Break {
            at: self.html.len(),
            open: self.open.clone(),
            units: self.units,
        });
        self.html.push('\n');
        self.units += 1;
    }

    fn text(&mut self, text: &str) {
        let mut rest = text;
        while !rest.is_empty() {
            let needed = units(rest);
            if self.units + needed <= self.max {
                escape(rest, &mut self.html);
                self.units += needed;
                return;
            }
            if let Some(at) = self.last_break.take() {
                self.cut_at(at);
                continue;
            }
            let fits = fitting(rest, self.max - self.units);
            if fits == 0 && self.units == 0 {
                // Not even one character fits an empty message: cannot happen with a
                // sane maximum, but never loop.
                escape(rest, &mut self.html);
                return;
            }
            escape(&rest[..fits], &mut self.html);
            self.units += units(&rest[..fits]);
            rest = rest[fits..].trim_start_matches(' ');
            self.cut();
        }
    }

    /// A text mention of the user `user_id`, `name` its text. It is never cut: when it does
    /// not fit, the message ends at the last line break, else just before it. A name
    /// longer than a whole message goes as plain text.
    fn mention(&mut self, user_id: &str, name: &str) {
        let needed = units(name);
        if needed > self.max {
            self.text(name);
            return;
        }
        while self.units + needed > self.max {
            match self.last_break.take() {
                Some(at) => self.cut_at(at),
                None => {
                    // Cut before the name, not after the space before it.
                    let kept = self.html.trim_end_matches(' ').len();
                    self.units -= self.html.len() - kept;
                    self.html.truncate(kept);
                    self.cut();
                }
            }
        }
        self.html
            .push_str(&format!("<a href=\"tg://user?id={user_id}\">"));
        escape(name, &mut self.html);
        self.html.push_str("</a>");
        self.units += needed;
    }

    /// Ends the message here, and starts the next with the tags open now.
    fn cut(&mut self) {
        let mut html = std::mem::take(&mut self.html);
        for tag in self.open.iter().rev() {
            html.push_str(&format!("</{tag}>"));
        }
        if self.units > 0 {
            self.done.push(html);
        }
        self.html = reopen(&self.open);
        self.units = 0;
        self.last_break = None;
    }

    /// Ends the message at the line break `at`; what followed starts the next one.
    fn cut_at(&mut self, at: Break) {
        let after = self.html.split_off(at.at);
        let mut html = std::mem::take(&mut self.html);
        for tag in at.open.iter().rev() {
            html.push_str(&format!("</{tag}>"));
        }
        self.done.push(html);
        self.html = reopen(&at.open) + &after[1..];
        self.units -= at.units + 1;
    }

    fn finish(mut self) -> Vec<String> {
        if self.units > 0 {
            self.cut();
        }
        self.done
    }
}

fn reopen(tags: &[&'static str]) -> String {
    tags.iter().map(|tag| format!("<{tag}>")).collect()
}

/// How many bytes of `text` fit in `room` units: up to its last space that fits, or as
/// many characters as fit when no space does.
fn fitting(text: &str, room: usize) -> usize {
    let mut used = 0;
    let mut end = 0;
    let mut last_space = None;
    for (at, c) in text.char_indices() {
        used += c.len_utf16();
        if used > room {
            break;
        }
        end = at + c.len_utf8();
        if c == ' ' {
            last_space = Some(at);
        }
    }
    match last_space {
        Some(space) if end < text.len() && space > 0 => space,
        _ => end,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_becomes_telegram_html_escaped() {
        assert_eq!(
            render(
                "**Picnic** on _Sat_ <3\nSee `/event 3` & https://x.org/?a=1&b=2.",
                &[]
            ),
            [
                "<b>Picnic</b> on <i>Sat</i> &lt;3\nSee <code>/event 3</code> &amp; \
              https://x.org/?a=1&amp;b=2."
            ]
        );
        assert_eq!(
            render("Bring:\n- bread\n- cheese", &[]),
            ["Bring:\n• bread\n• cheese"]
        );
    }

    #[test]
    fn a_long_text_is_cut_at_line_breaks_within_the_limit() {
        let line = "x".repeat(99);
        let text = vec![line.as_str(); 60].join("\n"); // 6,059 characters
        let messages = render(&text, &[]);
        assert_eq!(messages.len(), 2);
        for message in &messages {
            assert!(units(message) <= MAX_UNITS);
            assert!(!message.starts_with('\n') && !message.ends_with('\n'));
            assert!(message.split('\n').all(|part| part == line));
        }
        assert_eq!(messages.join("\n"), text);
    }

    #[test]
    fn a_notice_is_the_first_line_in_plain_text_within_telegrams_200() {
        assert_eq!(
            notice("You're going to **#1 Picnic** (Fri).\nSee you there!"),
            "You're going to #1 Picnic (Fri)."
        );
        let long = notice(&"word ".repeat(100));
        assert_eq!(long.chars().count(), MAX_NOTICE);
        assert!(long.ends_with('…'));
    }

    #[test]
    fn length_is_counted_in_utf16_units_as_telegram_does() {
        // An emoji is two units: eleven of them do not fit in twenty.
        let text = "😀".repeat(11);
        let messages = render_within(&text, &[], 20);
        assert_eq!(messages, ["😀".repeat(10), "😀".to_owned()]);
    }

    #[test]
    fn a_cut_never_falls_inside_a_tag() {
        let messages = render_within("**one two\nthree four**", &[], 12);
        assert_eq!(messages, ["<b>one two</b>", "<b>three four</b>"]);
        let messages = render_within("`aaaa bbbb cccc`", &[], 10);
        assert_eq!(messages, ["<code>aaaa bbbb</code>", "<code>cccc</code>"]);
    }

    #[test]
    fn a_line_without_breaks_is_cut_at_a_space() {
        let messages = render_within("alpha beta gamma delta", &[], 12);
        assert_eq!(messages, ["alpha beta", "gamma delta"]);
    }

    #[test]
    fn escapes_count_as_the_character_they_stand_for() {
        let messages = render_within("a<b<c", &[], 5);
        assert_eq!(messages, ["a&lt;b&lt;c"]);
    }

    fn nadia(name: &str) -> Mention {
        Mention {
            user_id: "123456789".into(),
            name: name.into(),
        }
    }

    /// Whether `html` is what Telegram's parser takes: tags closed in the order they
    /// opened, nothing left open, no `<` or `>` outside a tag.
    fn well_formed(html: &str) -> bool {
        let mut open = Vec::new();
        let mut rest = html;
        while let Some(at) = rest.find(['<', '>']) {
            if rest[at..].starts_with('>') {
                return false;
            }
            let Some(end) = rest[at..].find('>') else {
                return false;
            };
            let tag = &rest[at + 1..at + end];
            match tag.strip_prefix('/') {
                Some(name) if open.pop() != Some(name) => return false,
                Some(_) => {}
                None => open.push(tag.split(' ').next().unwrap_or(tag)),
            }
            rest = &rest[at + end + 1..];
        }
        open.is_empty()
    }

    /// The text Telegram shows for `html`: its tags taken away, its escapes read.
    fn shown(html: &str) -> String {
        let mut text = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => text.push(c),
                _ => {}
            }
        }
        text.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&")
    }

    #[test]
    fn a_member_named_is_a_text_mention_their_name_escaped() {
        assert_eq!(
            render("Welcome Nadia <3 & co!", &[nadia("Nadia <3")]),
            ["Welcome <a href=\"tg://user?id=123456789\">Nadia &lt;3</a> &amp; co!"]
        );
        assert_eq!(
            render("Hi **Nadia B**!", &[nadia("Nadia B")]),
            ["Hi <b><a href=\"tg://user?id=123456789\">Nadia B</a></b>!"]
        );
    }

    #[test]
    fn a_member_is_mentioned_only_where_the_text_first_names_them() {
        assert_eq!(
            render(
                "Welcome Nadia! **Nadia**, say hi. Nadia?",
                &[nadia("Nadia")]
            ),
            ["Welcome <a href=\"tg://user?id=123456789\">Nadia</a>! <b>Nadia</b>, say hi. Nadia?"]
        );
        let sam = Mention {
            user_id: "42".into(),
            name: "Sam".into(),
        };
        assert_eq!(
            render(
                "Sam and Nadia B, meet Nadia B and Sam.",
                &[nadia("Nadia B"), sam]
            ),
            ["<a href=\"tg://user?id=42\">Sam</a> and \
              <a href=\"tg://user?id=123456789\">Nadia B</a>, meet Nadia B and Sam."]
        );
    }

    #[test]
    fn a_mention_without_a_telegram_user_id_or_name_stays_plain_text() {
        for user_id in ["@nadia:example.org", "nadia_b", "", "0", "-5", "+5", "12 3"] {
            let mention = Mention {
                user_id: user_id.into(),
                name: "Nadia".into(),
            };
            assert_eq!(render("Hi Nadia", &[mention]), ["Hi Nadia"], "{user_id:?}");
        }
        assert_eq!(render("Hi Nadia", &[nadia("")]), ["Hi Nadia"]);
        assert_eq!(render("Hi Nadia", &[nadia("Nadine")]), ["Hi Nadia"]);
    }

    #[test]
    fn a_mention_in_a_long_text_is_never_cut() {
        // 4,090 units of words, then the name: it does not fit in the first message.
        let words = "word ".repeat(818);
        let text = format!("**{words}Nadia Bouchard** is here.");
        let messages = render(&text, &[nadia("Nadia Bouchard")]);
        assert_eq!(messages.len(), 2);
        for message in &messages {
            assert!(well_formed(message), "{message}");
            assert!(units(&shown(message)) <= MAX_UNITS);
        }
        assert_eq!(
            messages[1],
            "<b><a href=\"tg://user?id=123456789\">Nadia Bouchard</a></b> is here."
        );
        assert_eq!(shown(&messages[0]), words.trim_end());
    }

    #[test]
    fn a_mention_that_does_not_fit_starts_the_next_message() {
        // At the last line break where one is, else just before the name.
        let messages = render_within("_Hi\nwelcome Nadia B_ & co", &[nadia("Nadia B")], 12);
        assert_eq!(
            messages,
            [
                "<i>Hi</i>",
                "<i>welcome</i>",
                "<i><a href=\"tg://user?id=123456789\">Nadia B</a></i> &amp; co"
            ]
        );
        assert!(messages.iter().all(|message| well_formed(message)));
        // A name longer than a message is cut as text is.
        let messages = render_within("Nadia Bouchard", &[nadia("Nadia Bouchard")], 10);
        assert_eq!(messages, ["Nadia", "Bouchard"]);
    }
}
