//! The console's input syntax: who says what where, and the `:` directives.
//!
//! ```text
//! NAME: TEXT          NAME says TEXT in the current room
//! NAME (dm): TEXT     NAME writes to the hub in private
//! N                   the last speaker picks choice N where they are
//! :join NAME | :leave NAME | :room ROOM | :role NAME ROLE
//! :clock RFC3339 | :advance DURATION | :restart | :help | :quit
//! # comment
//! ```
//!
//! Lines that start with `[`, `* `, `! ` or two spaces are the console's own output; a
//! script may contain them (a transcript does) and they are not read as input.

use chrono::{DateTime, TimeDelta, Utc};
use passerelle_core::lang::Lang;
use passerelle_core::model::Role;

/// Who hears a line: the current room, or the hub alone (`NAME (dm): TEXT`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Audience {
    Room,
    Private,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    Blank,
    Comment,
    /// A line of output, kept in scripts as the expected result.
    Output,
    Say {
        name: String,
        to: Audience,
        text: String,
    },
    Pick(usize),
    Directive(Directive),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Directive {
    /// A member joins; the language is what their platform would report.
    Join(String, Option<Lang>),
    Leave(String),
    Room(String),
    Role(String, Role),
    Clock(DateTime<Utc>),
    Advance(TimeDelta),
    Restart,
    Help,
    Quit,
}

/// What is wrong with a line, in words for the person typing it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LineError {
    #[error("unknown directive `{0}`; directives: {DIRECTIVES}")]
    UnknownDirective(String),
    #[error("usage: {0}")]
    Usage(&'static str),
    #[error("unknown role `{0}`; roles: member, welcomer, editor, organizer, admin")]
    UnknownRole(String),
    #[error("`{0}` is not a date and time like 2026-12-05T19:00:00Z")]
    BadInstant(String),
    #[error("`{0}` is not a duration like 90m, 2h, 3d or 1h30m")]
    BadDuration(String),
    #[error(
        "not understood; write `NAME: TEXT`, `NAME (dm): TEXT` or a directive (:help lists them)"
    )]
    NotUnderstood,
}

pub const DIRECTIVES: &str = ":join NAME [LANG], :leave NAME, :room ROOM, :role NAME ROLE, :clock RFC3339, :advance DURATION, :restart, :help, :quit";

pub fn is_output(line: &str) -> bool {
    line.starts_with('[')
        || line.starts_with("* ")
        || line.starts_with("! ")
        || (line.starts_with("  ") && !line.trim().is_empty())
}

pub fn parse(line: &str) -> Result<Line, LineError> {
    if is_output(line) {
        return Ok(Line::Output);
    }
    let line = line.trim();
    if line.is_empty() {
        return Ok(Line::Blank);
    }
    if line.starts_with('#') {
        return Ok(Line::Comment);
    }
    if let Some(directive) = line.strip_prefix(':') {
        return directive_of(directive).map(Line::Directive);
    }
    if let Ok(number) = line.parse::<usize>() {
        return Ok(Line::Pick(number));
    }
    let (who, text) = line.split_once(':').ok_or(LineError::NotUnderstood)?;
    let (name, to) = match who.trim_end().strip_suffix("(dm)") {
        Some(name) => (name.trim_end(), Audience::Private),
        None => (who, Audience::Room),
    };
    if !is_name(name) {
        return Err(LineError::NotUnderstood);
    }
    Ok(Line::Say {
        name: name.to_owned(),
        to,
        text: text.trim().to_owned(),
    })
}

fn is_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

fn directive_of(text: &str) -> Result<Directive, LineError> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let (&name, args) = words
        .split_first()
        .ok_or(LineError::UnknownDirective(":".into()))?;
    let one = |usage: &'static str| match args {
        [arg] => Ok((*arg).to_owned()),
        _ => Err(LineError::Usage(usage)),
    };
    let none = |directive: Directive, usage: &'static str| {
        if args.is_empty() {
            Ok(directive)
        } else {
            Err(LineError::Usage(usage))
        }
    };
    match name.to_lowercase().as_str() {
        "join" => match args {
            [who] => Ok(Directive::Join((*who).to_owned(), None)),
            [who, lang] => Lang::parse(lang)
                .map(|lang| Directive::Join((*who).to_owned(), Some(lang)))
                .ok_or(LineError::Usage(":join NAME [en|fr]")),
            _ => Err(LineError::Usage(":join NAME [LANG]")),
        },
        "leave" => one(":leave NAME").map(Directive::Leave),
        "room" => one(":room ROOM").map(Directive::Room),
        "role" => match args {
            [who, role] => {
                let role = role
                    .parse()
                    .map_err(|_| LineError::UnknownRole((*role).to_owned()))?;
                Ok(Directive::Role((*who).to_owned(), role))
            }
            _ => Err(LineError::Usage(":role NAME ROLE")),
        },
        "clock" => {
            let text = one(":clock RFC3339, e.g. :clock 2026-12-05T19:00:00+01:00")?;
            DateTime::parse_from_rfc3339(&text)
                .map(|instant| Directive::Clock(instant.to_utc()))
                .map_err(|_| LineError::BadInstant(text))
        }
        "advance" => {
            let text = one(":advance DURATION, e.g. :advance 90m")?;
            parse_duration(&text)
                .map(Directive::Advance)
                .ok_or(LineError::BadDuration(text))
        }
        "restart" => none(Directive::Restart, ":restart"),
        "help" => none(Directive::Help, ":help"),
        "quit" | "exit" => none(Directive::Quit, ":quit"),
        other => Err(LineError::UnknownDirective(format!(":{other}"))),
    }
}

/// `90m`, `2h`, `3d`, `45s`, `1h30m`: whole numbers with a unit each, added up.
pub fn parse_duration(text: &str) -> Option<TimeDelta> {
    let mut total = TimeDelta::zero();
    let mut digits = String::new();
    for c in text.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        let amount: i64 = digits.parse().ok()?;
        digits.clear();
        let part = match c {
            's' => TimeDelta::try_seconds(amount)?,
            'm' => TimeDelta::try_minutes(amount)?,
            'h' => TimeDelta::try_hours(amount)?,
            'd' => TimeDelta::try_days(amount)?,
            'w' => TimeDelta::try_weeks(amount)?,
            _ => return None,
        };
        total = total.checked_add(&part)?;
    }
    (digits.is_empty() && total > TimeDelta::zero()).then_some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn say(name: &str, to: Audience, text: &str) -> Line {
        Line::Say {
            name: name.into(),
            to,
            text: text.into(),
        }
    }

    #[test]
    fn members_speak_in_the_room_or_in_private() {
        assert_eq!(
            parse("nadia: /help"),
            Ok(say("nadia", Audience::Room, "/help"))
        );
        assert_eq!(
            parse("Nadia (dm): hello: there"),
            Ok(say("Nadia", Audience::Private, "hello: there"))
        );
        assert_eq!(
            parse("jean-luc.b(dm):/lang fr"),
            Ok(say("jean-luc.b", Audience::Private, "/lang fr"))
        );
        assert_eq!(parse("nadia:"), Ok(say("nadia", Audience::Room, "")));
    }

    #[test]
    fn directives_take_their_arguments() {
        assert_eq!(
            parse(":join nadia"),
            Ok(Line::Directive(Directive::Join("nadia".into(), None)))
        );
        assert_eq!(
            parse(":join amelie fr"),
            Ok(Line::Directive(Directive::Join(
                "amelie".into(),
                Some(Lang::Fr)
            )))
        );
        assert_eq!(
            parse(":role nadia organizer"),
            Ok(Line::Directive(Directive::Role(
                "nadia".into(),
                Role::Organizer
            )))
        );
        assert_eq!(
            parse(":advance 1h30m"),
            Ok(Line::Directive(Directive::Advance(TimeDelta::minutes(90))))
        );
        assert_eq!(parse(":restart"), Ok(Line::Directive(Directive::Restart)));
        assert!(matches!(
            parse(":clock 2026-12-05T19:00:00+01:00"),
            Ok(Line::Directive(Directive::Clock(_)))
        ));
    }

    #[test]
    fn bad_directives_say_what_is_expected() {
        assert!(
            matches!(parse(":dance"), Err(LineError::UnknownDirective(name)) if name == ":dance")
        );
        assert_eq!(parse(":join"), Err(LineError::Usage(":join NAME [LANG]")));
        assert_eq!(
            parse(":join amelie klingon"),
            Err(LineError::Usage(":join NAME [en|fr]"))
        );
        assert_eq!(
            parse(":role nadia boss"),
            Err(LineError::UnknownRole("boss".into()))
        );
        assert_eq!(
            parse(":advance soon"),
            Err(LineError::BadDuration("soon".into()))
        );
        assert_eq!(
            parse(":clock tomorrow"),
            Err(LineError::BadInstant("tomorrow".into()))
        );
    }

    #[test]
    fn output_comments_and_numbers_are_recognised() {
        assert_eq!(parse("[#general] passerelle: hi"), Ok(Line::Output));
        assert_eq!(parse("  [1] English"), Ok(Line::Output));
        assert_eq!(parse("# a comment"), Ok(Line::Comment));
        assert_eq!(parse("   "), Ok(Line::Blank));
        assert_eq!(parse("2"), Ok(Line::Pick(2)));
        assert_eq!(parse("hello there"), Err(LineError::NotUnderstood));
        assert_eq!(parse("two words: hi"), Err(LineError::NotUnderstood));
    }

    #[test]
    fn durations_add_up_their_parts() {
        assert_eq!(parse_duration("3d"), Some(TimeDelta::days(3)));
        assert_eq!(parse_duration("2h15m"), Some(TimeDelta::minutes(135)));
        assert_eq!(parse_duration("90"), None);
        assert_eq!(parse_duration("0m"), None);
        assert_eq!(parse_duration("5x"), None);
        assert_eq!(parse_duration("100000000000d100000000000d"), None);
    }
}
