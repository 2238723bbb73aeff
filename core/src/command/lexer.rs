//! Splits a chat line into a command name and its arguments.
//!
//! Grammar, shared by every text platform:
//!
//! ```text
//! line    := prefix name ["@" bot] (space arg)*
//! prefix  := "/" | "!"
//! name    := letter (letter | digit | "_" | "-")*
//! arg     := key "=" value | value
//! key     := letter (letter | digit | "_" | "-")*
//! value   := quoted | bare
//! quoted  := "…" | «…» | “…” | „…“ | ‘…’      (inner spaces kept, outer ones trimmed)
//! ```
//!
//! Inside `"…"` a backslash escapes the next character. Apostrophes are ordinary letters,
//! so `l'heure` needs no quoting.

/// A command as written: its lower-cased name and its arguments in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invocation {
    /// `/` or `!`, as typed.
    pub prefix: char,
    pub name: String,
    pub args: Vec<Arg>,
    /// Everything after the name, as typed (used to repeat a corrected command).
    pub rest: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Word(String),
    Option { key: String, value: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LexError {
    /// The line is ordinary chat, not a command.
    NotACommand,
    /// A quoted value never closes.
    UnclosedQuote,
}

/// Whether `text` is addressed to the hub as a command (it may still be malformed).
pub fn is_command(text: &str) -> bool {
    let mut chars = text.trim_start().chars();
    matches!(chars.next(), Some('/' | '!')) && chars.next().is_some_and(char::is_alphabetic)
}

pub fn lex(text: &str) -> Result<Invocation, LexError> {
    let text = text.trim();
    if !is_command(text) {
        return Err(LexError::NotACommand);
    }
    let prefix = if text.starts_with('!') { '!' } else { '/' };
    let body = &text[1..];
    let head_len = body.find(char::is_whitespace).unwrap_or(body.len());
    let (head, rest) = body.split_at(head_len);
    let name = head.split_once('@').map_or(head, |(name, _bot)| name);
    if !is_identifier(name) {
        return Err(LexError::NotACommand);
    }
    Ok(Invocation {
        prefix,
        name: name.to_lowercase(),
        args: split_args(rest)?,
        rest: rest.trim().to_owned(),
    })
}

fn is_identifier(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_alphabetic)
        && chars.all(|c| c.is_alphanumeric() || c == '_' || c == '-')
}

fn closing_quote(open: char) -> Option<char> {
    match open {
        '"' => Some('"'),
        '«' => Some('»'),
        '“' => Some('”'),
        '„' => Some('“'),
        '‘' => Some('’'),
        _ => None,
    }
}

fn split_args(input: &str) -> Result<Vec<Arg>, LexError> {
    let mut args = Vec::new();
    let mut chars = input.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        let Some(&first) = chars.peek() else {
            return Ok(args);
        };
        if closing_quote(first).is_some() {
            args.push(Arg::Word(read_quoted(&mut chars)?));
            continue;
        }
        let mut word = String::new();
        while let Some(c) = chars.next_if(|c| !c.is_whitespace()) {
            word.push(c);
            if c == '=' && is_identifier(&word[..word.len() - 1]) {
                break;
            }
        }
        match word.strip_suffix('=').filter(|key| is_identifier(key)) {
            Some(key) => {
                let value = match chars.peek() {
                    Some(&c) if closing_quote(c).is_some() => read_quoted(&mut chars)?,
                    _ => read_bare(&mut chars),
                };
                args.push(Arg::Option {
                    key: key.to_lowercase(),
                    value,
                });
            }
            None => args.push(Arg::Word(word)),
        }
    }
}

fn read_bare(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> String {
    let mut value = String::new();
    while let Some(c) = chars.next_if(|c| !c.is_whitespace()) {
        value.push(c);
    }
    value
}

fn read_quoted(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> Result<String, LexError> {
    let open = chars.next().ok_or(LexError::UnclosedQuote)?;
    let close = closing_quote(open).ok_or(LexError::UnclosedQuote)?;
    let mut value = String::new();
    loop {
        match chars.next() {
            None => return Err(LexError::UnclosedQuote),
            Some('\\') if open == '"' => value.push(chars.next().ok_or(LexError::UnclosedQuote)?),
            Some(c) if c == close => return Ok(value.trim().to_owned()),
            Some(c) => value.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(w: &str) -> Arg {
        Arg::Word(w.into())
    }

    fn opt(k: &str, v: &str) -> Arg {
        Arg::Option {
            key: k.into(),
            value: v.into(),
        }
    }

    fn args(line: &str) -> Vec<Arg> {
        lex(line).unwrap().args
    }

    #[test]
    fn slash_and_bang_prefixes_are_the_same_command() {
        assert_eq!(lex("/help tz").unwrap().name, "help");
        assert_eq!(lex("!HELP tz").unwrap().name, "help");
        assert_eq!(lex("  /help  ").unwrap().args, []);
    }

    #[test]
    fn a_telegram_bot_suffix_is_dropped() {
        assert_eq!(lex("/help@PasserelleBot").unwrap().name, "help");
    }

    #[test]
    fn chat_that_only_looks_like_a_command_is_not_one() {
        for line in ["hello", "/", "! wow", "/ 1", "/123", "/usr/bin", "!!!", ""] {
            assert_eq!(lex(line), Err(LexError::NotACommand), "{line:?}");
        }
    }

    #[test]
    fn words_and_options_keep_their_order() {
        assert_eq!(
            args("/event create Picnic when=tomorrow capacity=12"),
            [
                word("create"),
                word("Picnic"),
                opt("when", "tomorrow"),
                opt("capacity", "12")
            ]
        );
    }

    #[test]
    fn every_kind_of_quote_groups_words() {
        assert_eq!(
            args(r#"/x title="Picnic by the river""#),
            [opt("title", "Picnic by the river")]
        );
        assert_eq!(
            args("/x title=« Pique-nique au bord de l'eau »"),
            [opt("title", "Pique-nique au bord de l'eau")]
        );
        assert_eq!(
            args("/x “two words” „zwei Wörter“ ‘a b’"),
            [word("two words"), word("zwei Wörter"), word("a b")]
        );
    }

    #[test]
    fn quoted_text_keeps_equals_signs_and_escaped_quotes() {
        assert_eq!(
            args(r#"/x "a=b" note="say \"hi\"""#),
            [word("a=b"), opt("note", r#"say "hi""#)]
        );
    }

    #[test]
    fn apostrophes_and_urls_are_plain_words() {
        assert_eq!(
            args("/x l'heure https://a.example/?q=1"),
            [word("l'heure"), word("https://a.example/?q=1")]
        );
    }

    #[test]
    fn an_option_may_be_empty() {
        assert_eq!(args("/x where= now"), [opt("where", ""), word("now")]);
    }

    #[test]
    fn an_unclosed_quote_is_an_error() {
        assert_eq!(lex(r#"/x title="Picnic"#), Err(LexError::UnclosedQuote));
        assert_eq!(lex("/x « oups"), Err(LexError::UnclosedQuote));
    }

    #[test]
    fn the_rest_is_kept_as_typed() {
        assert_eq!(lex("/lnag  fr ").unwrap().rest, "fr");
    }

    /// `"…"` with `\` before each `\` and `"`: how a writer quotes any value.
    fn quoted(value: &str) -> String {
        format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
    }

    proptest::proptest! {
        #[test]
        fn any_value_quoted_reads_back_trimmed(
            key in "[a-zA-Z][a-zA-Z0-9_-]{0,8}",
            value in "\\PC*",
            word in "\\PC*",
        ) {
            let line = format!("/x {}={} {}", key, quoted(&value), quoted(&word));
            proptest::prop_assert_eq!(
                args(&line),
                [opt(&key.to_lowercase(), value.trim()), self::word(word.trim())]
            );
        }

        #[test]
        fn bare_words_read_as_typed(words in proptest::collection::vec("[^\\s\"«“„‘=]+", 0..6)) {
            let line = format!("/x {}", words.join(" "));
            let expected: Vec<Arg> = words.iter().map(|w| word(w)).collect();
            proptest::prop_assert_eq!(args(&line), expected);
        }

        #[test]
        fn any_line_lexes_or_says_why(line in "\\PC*") {
            match lex(&line) {
                Ok(invocation) => proptest::prop_assert!(is_command(&line) && !invocation.name.is_empty()),
                Err(LexError::NotACommand) => {}
                Err(LexError::UnclosedQuote) => proptest::prop_assert!(is_command(&line)),
            }
        }
    }
}
