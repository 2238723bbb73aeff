//! Hub messages out: the core's light markup ([`passerelle_core::markup`]) as Discord
//! markdown, members named in a message as `<@id>` mentions, cut into messages of at
//! most [`MAX_CHARS`] characters.
//!
//! Text is escaped (a backslash before each character Discord's markdown reads), so
//! what members wrote shows as written; URLs and code go as they are. A long message is
//! cut at a line break where one fits, else at a space, else between two characters;
//! bold and italic open at a cut are closed at the end of one message and opened again
//! at the start of the next.

use passerelle_core::markup::{Span, spans};
use passerelle_core::reply::{Mention, Moment};

/// The longest message content Discord takes, in characters.
pub const MAX_CHARS: usize = 2000;

/// `text` as Discord markdown, in as many messages as its length needs, with the members
/// of `mentions` (by Discord user ID) mentioned where the text first names them, and
/// the `moments` it names written as Discord timestamps, which each reader sees in
/// their own zone.
pub fn render(text: &str, mentions: &[Mention], moments: &[Moment]) -> Vec<String> {
    render_within(text, mentions, moments, MAX_CHARS)
}

/// A piece of text Discord writes its own way.
#[derive(Debug)]
struct Mark<'a> {
    find: &'a str,
    raw: String,
    /// Only its first occurrence (a member pinged once).
    once: bool,
}

fn render_within(text: &str, mentions: &[Mention], moments: &[Moment], max: usize) -> Vec<String> {
    let mut pieces = Vec::new();
    let members = mentions
        .iter()
        .filter(|mention| is_snowflake(&mention.user_id) && !mention.name.is_empty())
        .map(|mention| Mark {
            find: &mention.name,
            raw: format!("<@{}>", mention.user_id),
            once: true,
        });
    let instants = moments
        .iter()
        .filter(|moment| !moment.text.is_empty())
        .map(|moment| Mark {
            find: &moment.text,
            raw: format!("<t:{0}:F> (<t:{0}:R>)", moment.at),
            once: false,
        });
    let mut marks: Vec<Mark> = members.chain(instants).collect();
    for span in spans(text) {
        match span {
            Span::Text(text) => text_pieces(text, &mut marks, max, &mut pieces),
            Span::Url(url) => pieces.push(Piece::Verbatim(url.to_owned())),
            Span::Code(code) => pieces.push(Piece::Verbatim(format!("`{code}`"))),
            Span::Newline | Span::ItemEnd => pieces.push(Piece::Newline),
            Span::ItemStart => pieces.push(Piece::Verbatim("- ".to_owned())),
            Span::Bold(true) => pieces.push(Piece::Open(BOLD)),
            Span::Bold(false) => pieces.push(Piece::Close(BOLD)),
            Span::Italic(true) => pieces.push(Piece::Open(ITALIC)),
            Span::Italic(false) => pieces.push(Piece::Close(ITALIC)),
            Span::ListStart | Span::ListEnd => {}
        }
    }
    pack(pieces, max)
}

const BOLD: &str = "**";
const ITALIC: &str = "_";

/// One indivisible piece of the output, and where a cut may fall.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    /// Escaped text without spaces; a cut may fall between two words that touch.
    Word(String),
    Space,
    Newline,
    /// A URL, code, a mention or a list's dash: as it is.
    Verbatim(String),
    Open(&'static str),
    Close(&'static str),
}

impl Piece {
    fn text(&self) -> &str {
        match self {
            Self::Word(text) | Self::Verbatim(text) => text,
            Self::Space => " ",
            Self::Newline => "\n",
            Self::Open(marker) | Self::Close(marker) => marker,
        }
    }

    fn len(&self) -> usize {
        self.text().chars().count()
    }
}

/// The pieces of a run of plain text: its words escaped, the marks in it as Discord
/// writes them, words too long for a message cut in chunks.
fn text_pieces(text: &str, marks: &mut Vec<Mark>, max: usize, out: &mut Vec<Piece>) {
    let first = marks
        .iter()
        .enumerate()
        .filter_map(|(index, mark)| text.find(mark.find).map(|at| (at, index)))
        .min();
    if let Some((at, index)) = first {
        let (raw, length) = (marks[index].raw.clone(), marks[index].find.len());
        if marks[index].once {
            marks.remove(index);
        }
        text_pieces(&text[..at], marks, max, out);
        out.push(Piece::Verbatim(raw));
        text_pieces(&text[at + length..], marks, max, out);
        return;
    }
    for (index, word) in text.split(' ').enumerate() {
        if index > 0 {
            out.push(Piece::Space);
        }
        let chars: Vec<char> = word.chars().collect();
        // Escaping at most doubles a word: a chunk of a quarter message always fits.
        for chunk in chars.chunks((max / 4).max(1)) {
            let escaped = escape(&chunk.iter().collect::<String>());
            if !escaped.is_empty() {
                out.push(Piece::Word(escaped));
            }
        }
    }
}

/// `text` with a backslash before every character Discord's markdown reads.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '~' | '`' | '|' | '>' | '<' | '#' | '[' | ']'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn is_snowflake(id: &str) -> bool {
    !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit())
}

/// The pieces in messages of at most `max` characters.
fn pack(pieces: Vec<Piece>, max: usize) -> Vec<String> {
    let mut parts = Vec::new();
    // The current message: its pieces, each with the markers open after it.
    let mut current: Vec<(Piece, Vec<&'static str>)> = Vec::new();
    let mut open: Vec<&'static str> = Vec::new();
    let mut queue: std::collections::VecDeque<Piece> = pieces.into();
    while let Some(piece) = queue.pop_front() {
        let mut after = open.clone();
        match &piece {
            Piece::Open(marker) => after.push(marker),
            Piece::Close(marker) => {
                if let Some(at) = after.iter().rposition(|open| open == marker) {
                    after.remove(at);
                }
            }
            _ => {}
        }
        let used: usize = current.iter().map(|(piece, _)| piece.len()).sum();
        if used + piece.len() + closing(&after) <= max {
            current.push((piece, after.clone()));
            open = after;
            continue;
        }
        if current
            .iter()
            .all(|(piece, _)| matches!(piece, Piece::Open(_)))
        {
            // Not even an empty message holds it: cut it where it is.
            let room = max.saturating_sub(used + closing(&after)).max(1);
            let text: Vec<char> = piece.text().chars().collect();
            queue.push_front(Piece::Verbatim(
                text[room.min(text.len())..].iter().collect(),
            ));
            queue.push_front(Piece::Verbatim(
                text[..room.min(text.len())].iter().collect(),
            ));
            continue;
        }
        // Cut after the last line break, else at the last space, else between words.
        let cut = last(&current, |piece| *piece == Piece::Newline)
            .or_else(|| last(&current, |piece| *piece == Piece::Space))
            .unwrap_or(current.len());
        let mut rest: Vec<(Piece, Vec<&'static str>)> = current.split_off(cut);
        let at_cut = current
            .last()
            .map(|(_, open)| open.clone())
            .unwrap_or_default();
        if matches!(current.last(), Some((Piece::Newline | Piece::Space, _))) {
            current.pop();
        }
        parts.push(finish(&current, &at_cut));
        // The next message opens again what was open at the cut.
        current = at_cut
            .iter()
            .scan(Vec::new(), |stack, marker| {
                stack.push(*marker);
                Some((Piece::Open(marker), stack.clone()))
            })
            .collect();
        current.append(&mut rest);
        queue.push_front(piece);
    }
    if !current.is_empty() || parts.is_empty() {
        parts.push(finish(&current, &open));
    }
    parts.retain(|part| !part.trim().is_empty());
    parts
}

/// The index just after the last piece of `current` that `is` accepts (the piece kept
/// in the first message, to be dropped there).
fn last(current: &[(Piece, Vec<&'static str>)], is: impl Fn(&Piece) -> bool) -> Option<usize> {
    current
        .iter()
        .rposition(|(piece, _)| is(piece))
        .filter(|at| *at > 0)
        .map(|at| at + 1)
}

fn closing(open: &[&'static str]) -> usize {
    open.iter().map(|marker| marker.chars().count()).sum()
}

/// The message made of `pieces`, the markers still `open` closed.
fn finish(pieces: &[(Piece, Vec<&'static str>)], open: &[&'static str]) -> String {
    let mut out: String = pieces.iter().map(|(piece, _)| piece.text()).collect();
    let trimmed = out.trim_end_matches(['\n', ' ']).len();
    out.truncate(trimmed);
    for marker in open.iter().rev() {
        out.push_str(marker);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> String {
        let parts = render(text, &[], &[]);
        assert_eq!(parts.len(), 1, "{parts:?}");
        parts.into_iter().next().unwrap_or_default()
    }

    #[test]
    fn markup_becomes_markdown_and_what_members_wrote_is_escaped() {
        assert_eq!(
            one("**Picnic** at _the park_: bring *food* ~ `code_x` https://a.b/c_(d)"),
            "**Picnic** at _the park_: bring \\*food\\* \\~ `code_x` https://a.b/c_(d)"
        );
        assert_eq!(one("- one\n- two\nend"), "- one\n- two\nend");
        assert_eq!(
            one("# not a title > nor a quote"),
            "\\# not a title \\> nor a quote"
        );
    }

    #[test]
    fn a_member_named_is_mentioned_once() {
        let nadia = Mention {
            user_id: "123456789".into(),
            name: "Nadia B".into(),
        };
        let parts = render("Welcome Nadia B! Nadia B, say hi.", &[nadia], &[]);
        assert_eq!(parts, ["Welcome <@123456789>! Nadia B, say hi."]);
        let elsewhere = Mention {
            user_id: "@nadia:example.org".into(),
            name: "Nadia".into(),
        };
        assert_eq!(render("Hi Nadia", &[elsewhere], &[]), ["Hi Nadia"]);
    }

    #[test]
    fn a_long_message_is_cut_at_line_breaks_within_the_limit() {
        let line = "word ".repeat(10).trim_end().to_owned(); // 49 characters
        let text = vec![line.as_str(); 100].join("\n");
        let parts = render(&text, &[], &[]);
        assert!(parts.len() >= 3, "{}", parts.len());
        for part in &parts {
            assert!(
                part.chars().count() <= MAX_CHARS,
                "{}",
                part.chars().count()
            );
            assert!(part.lines().all(|l| l == line), "a line was cut: {part}");
        }
        assert_eq!(parts.join("\n"), text);
    }

    #[test]
    fn a_cut_never_leaves_bold_open() {
        let text = format!("**{}**", "bold words ".repeat(30));
        let parts = render_within(&text, &[], &[], 100);
        assert!(parts.len() > 1);
        for part in &parts {
            assert!(part.starts_with("**") && part.ends_with("**"), "{part}");
            assert!(part.chars().count() <= 100, "{part}");
        }
    }

    #[test]
    fn a_word_longer_than_a_message_is_cut_anywhere() {
        let word = "x".repeat(250);
        let parts = render_within(&word, &[], &[], 100);
        assert!(parts.iter().all(|part| part.chars().count() <= 100));
        assert_eq!(parts.concat(), word);
    }

    #[test]
    fn instants_are_discord_timestamps_each_reader_sees_in_their_zone() {
        let friday = Moment {
            text: "Fri 12 Dec, 19:00".into(),
            at: 1_765_562_400,
        };
        let parts = render(
            "**#1 Picnic**\nFri 12 Dec, 19:00 — bring food (Fri 12 Dec, 19:00)",
            &[],
            &[friday],
        );
        assert_eq!(
            parts,
            [
                "**\\#1 Picnic**\n<t:1765562400:F> (<t:1765562400:R>) — bring food \
              (<t:1765562400:F> (<t:1765562400:R>))"
            ]
        );
    }
}
