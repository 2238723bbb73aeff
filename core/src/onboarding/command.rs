//! The grammar of onboarding, welcome-team and privacy commands:
//!
//! ```text
//! /onboard [restart | skip | back | STEP VALUE…]   the questionnaire (STEP answers one)
//! /accept                                          the community's rules
//! /welcome queue | stats | claim NAME | unclaim NAME | done NAME | note NAME TEXT…
//! /profile [NAME] | set FIELD=VALUE… | visibility [all | none | FIELD…]
//! /forget [yes]
//! /meet [on | off]
//! ```
//!
//! French words work too: `recommencer`, `passer`, `retour`; `file`, `prendre`,
//! `rendre`, `fini`, `stats`; `modifier`, `visibilité`, `tout`, `rien`; `oui`.

use crate::command::Problem;
use crate::command::lexer::Arg;
use crate::onboarding::{Field, Step};
use crate::text::fold;

/// The longest note a welcomer may write, in characters.
pub const MAX_NOTE_CHARS: usize = 1000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OnboardCommand {
    /// Where they were, or the start again once finished.
    Resume,
    Restart,
    Skip,
    Back,
    /// An answer to one question (what choices send).
    Answer {
        step: Step,
        value: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WelcomeCommand {
    Queue,
    Stats,
    Claim(String),
    Unclaim(String),
    Done(String),
    Note { name: String, text: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProfileCommand {
    /// Their own profile, everything in it.
    Show,
    /// What another member lets others see.
    Of(String),
    /// Fields to set; an empty value clears one.
    Set(Vec<(Field, String)>),
    /// `None` shows the current choice; `Some` sets the visible fields.
    Visibility(Option<Vec<Field>>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeetCommand {
    Suggest,
    On,
    Off,
}

/// Arguments as words, `key=value` kept as written.
fn words(args: Vec<Arg>) -> Vec<String> {
    args.into_iter()
        .map(|arg| match arg {
            Arg::Word(word) => word,
            Arg::Option { key, value } => format!("{key}={value}"),
        })
        .collect()
}

pub(crate) fn parse_onboard(args: Vec<Arg>) -> Result<OnboardCommand, Problem> {
    let mut words = words(args).into_iter();
    let Some(first) = words.next() else {
        return Ok(OnboardCommand::Resume);
    };
    let rest: Vec<String> = words.collect();
    let alone = |command: OnboardCommand| {
        if rest.is_empty() {
            Ok(command)
        } else {
            Err(Problem::TooManyWords)
        }
    };
    match fold(&first).as_str() {
        "restart" | "recommencer" | "again" | "reprendre-a-zero" => alone(OnboardCommand::Restart),
        "resume" | "continue" | "continuer" | "reprendre" => alone(OnboardCommand::Resume),
        "skip" | "passer" => alone(OnboardCommand::Skip),
        "back" | "retour" => alone(OnboardCommand::Back),
        _ => match first.parse::<Step>() {
            Ok(step) if !rest.is_empty() => Ok(OnboardCommand::Answer {
                step,
                value: rest.join(" "),
            }),
            Ok(_) => Err(Problem::MissingText),
            Err(_) => Err(Problem::BadAction(first)),
        },
    }
}

pub(crate) fn parse_welcome(args: Vec<Arg>) -> Result<WelcomeCommand, Problem> {
    let mut words = words(args).into_iter();
    let Some(first) = words.next() else {
        return Ok(WelcomeCommand::Queue);
    };
    let rest: Vec<String> = words.collect();
    let name = |rest: &[String]| match rest {
        [] => Err(Problem::MissingName),
        [name] => Ok(name.clone()),
        _ => Err(Problem::TooManyWords),
    };
    match fold(&first).as_str() {
        "queue" | "list" | "file" | "liste" if rest.is_empty() => Ok(WelcomeCommand::Queue),
        "stats" | "statistics" | "statistiques" if rest.is_empty() => Ok(WelcomeCommand::Stats),
        "queue" | "list" | "file" | "liste" | "stats" | "statistics" | "statistiques" => {
            Err(Problem::TooManyWords)
        }
        "claim" | "take" | "prendre" => name(&rest).map(WelcomeCommand::Claim),
        "unclaim" | "release" | "rendre" | "lacher" => name(&rest).map(WelcomeCommand::Unclaim),
        "done" | "close" | "fini" | "termine" | "clore" => name(&rest).map(WelcomeCommand::Done),
        "note" => {
            let mut rest = rest.into_iter();
            let name = rest.next().ok_or(Problem::MissingName)?;
            let text = rest.collect::<Vec<_>>().join(" ");
            if text.trim().is_empty() {
                return Err(Problem::MissingText);
            }
            if text.chars().count() > MAX_NOTE_CHARS {
                return Err(Problem::TextTooLong {
                    key: "note",
                    limit: MAX_NOTE_CHARS,
                });
            }
            Ok(WelcomeCommand::Note { name, text })
        }
        _ => Err(Problem::BadAction(first)),
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
                let field = Field::find(&key).ok_or(Problem::BadField(key))?;
                set.push((field, value));
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
                        let field = Field::find(&word).ok_or(Problem::BadField(word))?;
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
        _ if rest.is_empty() => match first {
            Arg::Word(name) => Ok(ProfileCommand::Of(name)),
            Arg::Option { key, .. } => Err(Problem::UnexpectedOption(key)),
        },
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

pub(crate) fn parse_meet(args: Vec<Arg>) -> Result<MeetCommand, Problem> {
    match words(args).as_slice() {
        [] => Ok(MeetCommand::Suggest),
        [word] => match fold(word).as_str() {
            "on" | "yes" | "oui" | "in" => Ok(MeetCommand::On),
            "off" | "no" | "non" | "out" => Ok(MeetCommand::Off),
            _ => Err(Problem::BadSwitch(word.clone())),
        },
        _ => Err(Problem::TooManyWords),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::{Command, parse};

    fn command(line: &str) -> Command {
        parse(line).unwrap_or_else(|error| panic!("{line}: {error:?}"))
    }

    fn problem(line: &str) -> Problem {
        match parse(line) {
            Err(crate::command::ParseError::Invalid { problem, .. }) => problem,
            other => panic!("expected a problem with {line:?}, got {other:?}"),
        }
    }

    #[test]
    fn onboard_resumes_restarts_and_answers_one_step() {
        assert_eq!(
            command("/onboard"),
            Command::Onboard(OnboardCommand::Resume)
        );
        assert_eq!(
            command("/onboard recommencer"),
            Command::Onboard(OnboardCommand::Restart)
        );
        assert_eq!(
            command("/onboard city Saint Denis"),
            Command::Onboard(OnboardCommand::Answer {
                step: Step::City,
                value: "Saint Denis".into()
            })
        );
        assert_eq!(problem("/onboard city"), Problem::MissingText);
        assert_eq!(
            problem("/onboard dance"),
            Problem::BadAction("dance".into())
        );
    }

    #[test]
    fn welcome_commands_take_a_name_and_notes_keep_their_words() {
        assert_eq!(command("/welcome"), Command::Welcome(WelcomeCommand::Queue));
        assert_eq!(
            command("/welcome claim @nadia"),
            Command::Welcome(WelcomeCommand::Claim("@nadia".into()))
        );
        assert_eq!(
            command("/accueil note nadia called her, all=good"),
            Command::Welcome(WelcomeCommand::Note {
                name: "nadia".into(),
                text: "called her, all=good".into()
            })
        );
        assert_eq!(problem("/welcome claim"), Problem::MissingName);
        assert_eq!(problem("/welcome note nadia"), Problem::MissingText);
        assert_eq!(
            problem("/welcome hug nadia"),
            Problem::BadAction("hug".into())
        );
    }

    #[test]
    fn profile_sets_fields_and_visibility() {
        assert_eq!(
            command("/profile set ville=Lyon origin=\"Brazil\""),
            Command::Profile(ProfileCommand::Set(vec![
                (Field::City, "Lyon".into()),
                (Field::Origin, "Brazil".into())
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
            Problem::BadField("shoe".into())
        );
    }

    #[test]
    fn forget_needs_yes_to_act() {
        assert_eq!(command("/forget"), Command::Forget { confirmed: false });
        assert_eq!(command("/oublier oui"), Command::Forget { confirmed: true });
        assert_eq!(problem("/forget maybe"), Problem::BadAction("maybe".into()));
    }
}
