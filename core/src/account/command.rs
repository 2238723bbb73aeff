//! The grammar of a member's own commands:
//!
//! ```text
//! /lang [CODE | NAME]
//! /tz [Area/City]
//! /profile [me | NAME | member NAME] | set FIELD=VALUE… | visibility [all | none | FIELD…]
//! /link [CODE]
//! /unlink PLATFORM
//! /forget [yes]
//! ```
//!
//! French words work too: `modifier`, `visibilité`, `tout`, `rien`; `oui`.

use chrono_tz::Tz;

use crate::command::lexer::Arg;
use crate::command::{Problem, joined, plain_words, words};
use crate::lang::Lang;
use crate::model::Platform;
use crate::onboarding::Field;
use crate::text::fold;
use crate::zone;

/// A member's own command, read.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// `/lang [code]`; without a code, offers the languages as choices.
    Lang {
        lang: Option<Lang>,
    },
    /// `/tz [Area/City]`; without a zone, shows the current one.
    Tz {
        zone: Option<Tz>,
    },
    Profile(ProfileCommand),
    /// `/link [CODE]`: without a code, gives one; with one, links the account it came
    /// from to this one.
    Link {
        code: Option<String>,
    },
    /// `/unlink PLATFORM`: takes that account off the member.
    Unlink {
        platform: Platform,
    },
    /// `/forget [yes]`: delete everything about me.
    Forget {
        confirmed: bool,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProfileCommand {
    /// Their own profile, everything in it.
    Show,
    /// What another member lets others see.
    Of(String),
    /// What to set; an empty value clears it.
    Set(Vec<(Setting, String)>),
    /// `None` shows the current choice; `Some` sets the visible fields.
    Visibility(Option<Vec<Field>>),
}

/// What `/profile set` changes: an answer of the questionnaire, or one of the member's
/// own choices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setting {
    Field(Field),
    /// The one name they go by on every platform.
    Name,
    /// The platform their private messages go to.
    Dm,
}

impl Setting {
    fn find(key: &str) -> Option<Self> {
        match fold(key).as_str() {
            "name" | "nom" => Some(Self::Name),
            "dm" | "private" | "prive" | "mp" => Some(Self::Dm),
            _ => Field::find(key).map(Self::Field),
        }
    }
}

pub(crate) fn parse_lang(args: Vec<Arg>) -> Result<Option<Lang>, Problem> {
    let words = plain_words(args)?;
    match joined(&words) {
        None => Ok(None),
        Some(input) => Lang::parse(&input)
            .map(Some)
            .ok_or(Problem::UnknownLanguage(input)),
    }
}

pub(crate) fn parse_tz(args: Vec<Arg>) -> Result<Option<Tz>, Problem> {
    let words = plain_words(args)?;
    match joined(&words) {
        None => Ok(None),
        Some(input) => zone::parse_zone(&input)
            .map(Some)
            .map_err(Problem::UnknownZone),
    }
}

pub(crate) fn parse_profile(args: Vec<Arg>) -> Result<ProfileCommand, Problem> {
    let mut args = args.into_iter();
    let Some(first) = args.next() else {
        return Ok(ProfileCommand::Show);
    };
    let rest: Vec<Arg> = args.collect();
    let verb = match &first {
        Arg::Word(word) => fold(word),
        Arg::Option { .. } => "set".to_owned(),
    };
    match verb.as_str() {
        "set" | "modifier" | "changer" => {
            let options = match first {
                Arg::Option { .. } => std::iter::once(first).chain(rest).collect(),
                Arg::Word(_) => rest,
            };
            let mut set = Vec::new();
            for arg in options {
                let Arg::Option { key, value } = arg else {
                    return Err(Problem::MissingOption("field=value"));
                };
                let setting = Setting::find(&key).ok_or(Problem::bad("bad-field", key))?;
                set.push((setting, value));
            }
            if set.is_empty() {
                return Err(Problem::MissingOption("field=value"));
            }
            Ok(ProfileCommand::Set(set))
        }
        "visibility" | "visibilite" | "visible" => {
            let words = words(rest);
            if words.is_empty() {
                return Ok(ProfileCommand::Visibility(None));
            }
            let mut fields = Vec::new();
            for word in words {
                match fold(&word).as_str() {
                    "all" | "everything" | "tout" | "tous" => fields = Field::ALL.to_vec(),
                    "none" | "nothing" | "rien" | "aucun" | "private" | "prive" => fields.clear(),
                    _ => {
                        let field = Field::find(&word).ok_or(Problem::bad("bad-field", word))?;
                        if !fields.contains(&field) {
                            fields.push(field);
                        }
                    }
                }
            }
            fields.sort();
            Ok(ProfileCommand::Visibility(Some(fields)))
        }
        "me" | "moi" | "myself" | "mine" if rest.is_empty() => Ok(ProfileCommand::Show),
        "member" | "membre" => match words(rest).as_slice() {
            [name] => Ok(ProfileCommand::Of(name.clone())),
            [] => Err(Problem::MissingName),
            _ => Err(Problem::TooManyWords),
        },
        _ if rest.is_empty() => match first {
            Arg::Word(name) => Ok(ProfileCommand::Of(name)),
            Arg::Option { key, .. } => Err(Problem::UnexpectedOption(key)),
        },
        _ => Err(Problem::TooManyWords),
    }
}

pub(crate) fn parse_link(args: Vec<Arg>) -> Result<Option<String>, Problem> {
    let words = plain_words(args)?;
    Ok(joined(&words))
}

pub(crate) fn parse_unlink(args: Vec<Arg>) -> Result<Platform, Problem> {
    match plain_words(args)?.as_slice() {
        [] => Err(Problem::MissingOption("platform")),
        [word] => word
            .parse::<Platform>()
            .ok()
            .filter(|platform| *platform != Platform::Console)
            .ok_or_else(|| Problem::bad("bad-platform", word.clone())),
        _ => Err(Problem::TooManyWords),
    }
}

pub(crate) fn parse_forget(args: Vec<Arg>) -> Result<bool, Problem> {
    match words(args).as_slice() {
        [] => Ok(false),
        [word] if matches!(fold(word).as_str(), "yes" | "oui" | "confirm" | "confirmer") => {
            Ok(true)
        }
        [word] => Err(Problem::BadAction(word.clone())),
        _ => Err(Problem::TooManyWords),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::parse;
    use crate::command::problem_in as problem;

    fn command(line: &str) -> Command {
        match parse(line) {
            Ok(crate::jobs::Command::Account(command)) => command,
            other => panic!("{line}: {other:?}"),
        }
    }

    #[test]
    fn profile_sets_fields_and_visibility() {
        assert_eq!(
            command("/profile set ville=Lyon origin=\"Brazil\""),
            Command::Profile(ProfileCommand::Set(vec![
                (Setting::Field(Field::City), "Lyon".into()),
                (Setting::Field(Field::Origin), "Brazil".into())
            ]))
        );
        assert_eq!(
            command("/profile set nom=\"Nadia S.\" dm=telegram"),
            Command::Profile(ProfileCommand::Set(vec![
                (Setting::Name, "Nadia S.".into()),
                (Setting::Dm, "telegram".into())
            ]))
        );
        assert_eq!(
            command("/profil visibilité ville intérêts"),
            Command::Profile(ProfileCommand::Visibility(Some(vec![
                Field::City,
                Field::Interests
            ])))
        );
        assert_eq!(
            command("/profile visibility none"),
            Command::Profile(ProfileCommand::Visibility(Some(Vec::new())))
        );
        assert_eq!(
            command("/profile bob"),
            Command::Profile(ProfileCommand::Of("bob".into()))
        );
        assert_eq!(
            problem("/profile set shoe=42"),
            Problem::bad("bad-field", "shoe")
        );
    }

    #[test]
    fn link_takes_a_code_as_typed_and_unlink_a_platform() {
        assert_eq!(command("/link"), Command::Link { code: None });
        assert_eq!(
            command("/lier k7m 4qx"),
            Command::Link {
                code: Some("k7m 4qx".into())
            }
        );
        assert_eq!(
            command("/unlink Telegram"),
            Command::Unlink {
                platform: Platform::Telegram
            }
        );
        assert_eq!(problem("/unlink"), Problem::MissingOption("platform"));
        assert_eq!(
            problem("/unlink myspace"),
            Problem::bad("bad-platform", "myspace")
        );
    }

    #[test]
    fn forget_needs_yes_to_act() {
        assert_eq!(command("/forget"), Command::Forget { confirmed: false });
        assert_eq!(command("/oublier oui"), Command::Forget { confirmed: true });
        assert_eq!(problem("/forget maybe"), Problem::BadAction("maybe".into()));
    }
}
