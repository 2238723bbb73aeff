//! The grammar of onboarding and welcome-team commands:
//!
//! ```text
//! /onboard [restart | skip | back | STEP VALUE…]   the questionnaire (STEP answers one)
//! /accept                                          the community's rules
//! /welcome queue | stats | claim NAME | unclaim NAME | done NAME | note NAME TEXT…
//! /meet [on | off]
//! ```
//!
//! French words work too: `recommencer`, `passer`, `retour`; `file`, `prendre`,
//! `rendre`, `fini`, `stats`.

use crate::command::lexer::Arg;
use crate::command::{Problem, words};
use crate::onboarding::Step;
use crate::text::fold;

/// The longest note a welcomer may write, in characters.
pub const MAX_NOTE_CHARS: usize = 1000;

/// An onboarding or welcome-team command, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// `/onboard …`: the newcomer questionnaire.
    Onboard(OnboardCommand),
    /// `/accept`: the community's rules.
    Accept,
    /// `/welcome …`: the welcome team's queue.
    Welcome(WelcomeCommand),
    /// `/meet [on|off]`
    Meet(MeetCommand),
}

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
    Note {
        name: String,
        text: String,
    },
    /// A private message to the newcomer, signed by the welcomer.
    Say {
        name: String,
        text: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeetCommand {
    Suggest,
    On,
    Off,
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
        // `/onboard answer STEP VALUE…`, as a platform with typed options sends it.
        "answer" | "repondre" => match rest.split_first() {
            Some((step, value)) => answer(step, value),
            None => Err(Problem::MissingText),
        },
        _ => answer(&first, &rest),
    }
}

/// The answer `value` to the question `step`.
fn answer(step: &str, value: &[String]) -> Result<OnboardCommand, Problem> {
    match step.parse::<Step>() {
        Ok(step) if !value.is_empty() => Ok(OnboardCommand::Answer {
            step,
            value: value.join(" "),
        }),
        Ok(_) => Err(Problem::MissingText),
        Err(_) => Err(Problem::BadAction(step.to_owned())),
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
        verb @ ("note" | "say" | "dire" | "ecrire" | "message") => {
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
            Ok(match verb {
                "note" => WelcomeCommand::Note { name, text },
                _ => WelcomeCommand::Say { name, text },
            })
        }
        _ => Err(Problem::BadAction(first)),
    }
}

pub(crate) fn parse_meet(args: Vec<Arg>) -> Result<MeetCommand, Problem> {
    match words(args).as_slice() {
        [] => Ok(MeetCommand::Suggest),
        [word] => match fold(word).as_str() {
            "on" | "yes" | "oui" | "in" => Ok(MeetCommand::On),
            "off" | "no" | "non" | "out" => Ok(MeetCommand::Off),
            _ => Err(Problem::bad("bad-switch", word.clone())),
        },
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
            Ok(crate::jobs::Command::Onboarding(command)) => command,
            other => panic!("{line}: {other:?}"),
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
}
