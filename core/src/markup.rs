//! The hub's light markup, read once for every adapter: `**bold**`, `_italic_`,
//! `` `code` ``, bare URLs, line breaks, and lines starting with `- ` as a list. Each
//! adapter writes the [`Span`]s in its platform's dialect (Matrix HTML, Telegram HTML).

/// One piece of a message, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span<'a> {
    /// Text without markup and without line breaks.
    Text(&'a str),
    /// A line break outside a list.
    Newline,
    /// `**`: `true` opens, `false` closes.
    Bold(bool),
    /// `_`: `true` opens, `false` closes.
    Italic(bool),
    /// `` `…` ``: its text, as written.
    Code(&'a str),
    /// A bare `http(s)://` URL, without the punctuation that ends a sentence around it.
    Url(&'a str),
    /// Lines starting with `- ` begin a list…
    ListStart,
    /// …each such line an item (the `- ` taken away)…
    ItemStart,
    /// …ended by its line break…
    ItemEnd,
    /// …until a line without it (or the end of the text, which also ends the last item).
    ListEnd,
}

/// The spans of `text`. Markup left open at the end is closed.
pub fn spans(text: &str) -> Vec<Span<'_>> {
    let mut out = Vec::new();
    let mut bold = false;
    let mut italic = false;
    let mut list = false;
    let mut previous: Option<char> = None;
    let mut rest = text;
    let mut plain_from: Option<usize> = None;
    let offset = |rest: &str| text.len() - rest.len();
    macro_rules! flush {
        () => {
            if let Some(start) = plain_from.take() {
                out.push(Span::Text(&text[start..offset(rest)]));
            }
        };
    }
    while let Some(c) = rest.chars().next() {
        if previous.is_none_or(|previous| previous == '\n') {
            let item = rest.strip_prefix("- ");
            match (item, list) {
                (Some(_), false) => out.extend([Span::ListStart, Span::ItemStart]),
                (Some(_), true) => out.push(Span::ItemStart),
                (None, true) => out.push(Span::ListEnd),
                (None, false) => {}
            }
            list = item.is_some();
            if let Some(after) = item {
                rest = after;
                previous = Some(' ');
                continue;
            }
        }
        if let Some(after) = rest.strip_prefix("**") {
            flush!();
            bold = !bold;
            out.push(Span::Bold(bold));
            rest = after;
            previous = Some('*');
            continue;
        }
        if c == '`'
            && let Some(end) = rest[1..].find('`')
        {
            flush!();
            out.push(Span::Code(&rest[1..=end]));
            rest = &rest[end + 2..];
            previous = Some('`');
            continue;
        }
        if c == '_' && (italic || opens_italic(previous, &rest[1..])) {
            flush!();
            italic = !italic;
            out.push(Span::Italic(italic));
            rest = &rest[1..];
            previous = Some('_');
            continue;
        }
        if rest.starts_with("https://") || rest.starts_with("http://") {
            flush!();
            let url = url_at(rest);
            out.push(Span::Url(url));
            rest = &rest[url.len()..];
            previous = url.chars().last();
            continue;
        }
        if c == '\n' {
            flush!();
            out.push(if list { Span::ItemEnd } else { Span::Newline });
        } else if plain_from.is_none() {
            plain_from = Some(offset(rest));
        }
        previous = Some(c);
        rest = &rest[c.len_utf8()..];
    }
    flush!();
    if italic {
        out.push(Span::Italic(false));
    }
    if bold {
        out.push(Span::Bold(false));
    }
    if list {
        out.push(Span::ListEnd);
    }
    out
}

/// `_` opens italics at the start of a word when another `_` closes it at a word's end
/// (so `time_zone` stays as it is).
fn opens_italic(previous: Option<char>, after: &str) -> bool {
    if previous.is_some_and(char::is_alphanumeric) || after.starts_with(char::is_whitespace) {
        return false;
    }
    after
        .char_indices()
        .any(|(at, c)| c == '_' && !after[at + 1..].starts_with(char::is_alphanumeric) && at > 0)
}

/// The URL starting `text`, without the punctuation that ends a sentence around it.
fn url_at(text: &str) -> &str {
    let end = text.find(char::is_whitespace).unwrap_or(text.len());
    text[..end].trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '»', '"', '\''])
}

#[cfg(test)]
mod tests {
    use super::Span::*;
    use super::*;

    #[test]
    fn markers_become_spans_and_text_stays_whole() {
        assert_eq!(
            spans("**Picnic** on _Sat_\nSee `/event 3` at https://x.org."),
            [
                Bold(true),
                Text("Picnic"),
                Bold(false),
                Text(" on "),
                Italic(true),
                Text("Sat"),
                Italic(false),
                Newline,
                Text("See "),
                Code("/event 3"),
                Text(" at "),
                Url("https://x.org"),
                Text("."),
            ]
        );
    }

    #[test]
    fn dash_lines_are_a_list_and_open_markup_is_closed() {
        assert_eq!(
            spans("Bring:\n- bread\n- **cheese\nThanks"),
            [
                Text("Bring:"),
                Newline,
                ListStart,
                ItemStart,
                Text("bread"),
                ItemEnd,
                ItemStart,
                Bold(true),
                Text("cheese"),
                ItemEnd,
                ListEnd,
                Text("Thanks"),
                Bold(false),
            ]
        );
        assert_eq!(
            spans("- one\n- two"),
            [
                ListStart,
                ItemStart,
                Text("one"),
                ItemEnd,
                ItemStart,
                Text("two"),
                ListEnd
            ]
        );
    }
}
