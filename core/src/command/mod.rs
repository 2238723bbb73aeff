//! Chat commands: the typed [`Command`] every adapter feeds the hub, and its parser.
//!
//! Text platforms (console, Matrix, Telegram) write commands as `/name args…` or
//! `!name args…` (see [`lexer`] for the grammar); Discord maps slash-command options
//! into the same [`Command`]. A line that fails to parse yields a [`ParseError`] the hub
//! explains in the member's language, with the usage and a "did you mean" when close.

pub mod lexer;

use crate::events::command as event;
use crate::events::{EventCommand, EventFilter};
use crate::faq::FaqCommand;
use crate::faq::command as faq;
use crate::onboarding::command as onboarding;
pub use crate::onboarding::command::ProfileCommand;
use crate::onboarding::{MeetCommand, OnboardCommand, WelcomeCommand};

use chrono_tz::Tz;

use crate::events::{Answer, EventId};
use crate::lang::Lang;
use crate::suggest;
use crate::zone::{self, UnknownZone};
use lexer::{Arg, LexError};

/// The longest command the hub reads, in characters. Longer lines are refused, not cut.
pub const MAX_COMMAND_CHARS: usize = 4000;

/// A command the hub understands, with its arguments checked.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// `/help [command]`
    Help { topic: Option<CommandName> },
    /// `/lang [code]`; without a code, offers the languages as choices.
    Lang { lang: Option<Lang> },
    /// `/tz [Area/City]`; without a zone, shows the current one.
    Tz { zone: Option<Tz> },
    /// `/profile …`
    Profile(ProfileCommand),
    /// `/event …` (boxed: drafts are large)
    Event(Box<EventCommand>),
    /// `/events [all|mine|week]`
    Events { filter: EventFilter },
    /// `/rsvp ID yes|maybe|no [date=…]`
    Rsvp {
        event: EventId,
        answer: Answer,
        /// One date of a series, as written; the next one otherwise.
        date: Option<String>,
    },
    /// `/remind ID on|off`
    Remind { event: EventId, wanted: bool },
    /// `/faq …`
    Faq(Box<FaqCommand>),
    /// `/onboard …`: the newcomer questionnaire.
    Onboard(OnboardCommand),
    /// `/accept`: the community's rules.
    Accept,
    /// `/welcome …`: the welcome team's queue.
    Welcome(WelcomeCommand),
    /// `/forget [yes]`: delete everything about me.
    Forget { confirmed: bool },
    /// `/meet [on|off]`
    Meet(MeetCommand),
}

/// Names every command, for help, usage and suggestions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CommandName {
    Help,
    Lang,
    Tz,
    Profile,
    Event,
    Events,
    Rsvp,
    Remind,
    Faq,
    Onboard,
    Accept,
    Welcome,
    Meet,
    Forget,
}

impl CommandName {
    /// In the order `/help` lists them.
    pub const ALL: [Self; 14] = [
        Self::Help,
        Self::Lang,
        Self::Tz,
        Self::Profile,
        Self::Events,
        Self::Event,
        Self::Rsvp,
        Self::Remind,
        Self::Faq,
        Self::Onboard,
        Self::Accept,
        Self::Meet,
        Self::Welcome,
        Self::Forget,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Help => "help",
            Self::Lang => "lang",
            Self::Tz => "tz",
            Self::Profile => "profile",
            Self::Event => "event",
            Self::Events => "events",
            Self::Rsvp => "rsvp",
            Self::Remind => "remind",
            Self::Faq => "faq",
            Self::Onboard => "onboard",
            Self::Accept => "accept",
            Self::Welcome => "welcome",
            Self::Meet => "meet",
            Self::Forget => "forget",
        }
    }

    /// Other names accepted for the command, French ones included.
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            Self::Help => &["aide"],
            Self::Lang => &["language", "langue"],
            Self::Tz => &["timezone", "fuseau"],
            Self::Profile => &["profil", "me", "moi"],
            Self::Event => &["événement", "evenement", "évènement"],
            Self::Events => &["événements", "evenements", "évènements", "agenda"],
            Self::Rsvp => &["réponse", "reponse", "inscription"],
            Self::Remind => &["rappel", "rappels", "reminders"],
            Self::Faq => &["questions", "aide-pratique"],
            Self::Onboard => &["onboarding", "questionnaire", "intro"],
            Self::Accept => &["accepter", "agree"],
            Self::Welcome => &["accueil", "welcome-team"],
            Self::Meet => &["rencontrer", "rencontres", "match"],
            Self::Forget => &["oublier", "forget-me", "oubliez-moi"],
        }
    }

    /// Finds a command by its name or an alias, in any case, with or without its prefix.
    pub fn find(name: &str) -> Option<Self> {
        let name = name.trim_start_matches(['/', '!']).to_lowercase();
        Self::ALL
            .into_iter()
            .find(|command| command.as_str() == name || command.aliases().contains(&name.as_str()))
    }

    /// The command `name` is most likely a typo of.
    pub fn closest(name: &str) -> Option<Self> {
        let names = Self::ALL.iter().flat_map(|command| {
            std::iter::once(command.as_str()).chain(command.aliases().iter().copied())
        });
        suggest::closest(name.trim_start_matches(['/', '!']), names).and_then(Self::find)
    }
}

/// Why a line could not be read as a command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    NotACommand,
    TooLong,
    UnclosedQuote,
    Unknown {
        /// As typed, with its prefix (`/wether`, `!rank`).
        typed: String,
        suggestion: Option<CommandName>,
        /// What followed the name, kept in the suggestion when it makes a valid command.
        rest: String,
    },
    Invalid {
        command: CommandName,
        problem: Problem,
    },
}

/// What is wrong with a known command's arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    TooManyWords,
    /// The command takes no argument at all.
    TakesNothing,
    UnexpectedOption(String),
    UnknownLanguage(String),
    UnknownZone(UnknownZone),
    UnknownHelpTopic {
        input: String,
        suggestion: Option<CommandName>,
    },
    /// A required `key=` is missing (`when`, `title`).
    MissingOption(&'static str),
    /// An edit that changes nothing.
    NothingToChange,
    MissingEventId,
    BadEventId(String),
    /// `/rsvp ID` without yes, maybe or no.
    MissingAnswer(EventId),
    BadAnswer(String),
    BadDuration(String),
    BadCapacity(String),
    BadFilter(String),
    BadRepeat(String),
    BadReminders(String),
    /// `/event host ID` without `add` or `remove`.
    BadHostAction(String),
    /// `/remind ID` without `on` or `off`.
    BadSwitch(String),
    MissingEntryId,
    BadEntryId(String),
    /// `/faq search` without words.
    MissingSearchWords,
    /// `lang=` that is not a language code.
    BadLanguageCode(String),
    TextTooLong {
        key: &'static str,
        limit: usize,
    },
    /// A value that must fit on one line (`title=`, `city=`).
    NotOneLine(&'static str),
    /// A welcome-team command without the newcomer's name.
    MissingName,
    /// A sub-command the command does not have (`/welcome hug`).
    BadAction(String),
    /// A note or answer with nothing in it.
    MissingText,
    /// A profile field that does not exist (`/profile set shoe=42`).
    BadField(String),
}

pub fn parse(text: &str) -> Result<Command, ParseError> {
    if !lexer::is_command(text) {
        return Err(ParseError::NotACommand);
    }
    if text.chars().count() > MAX_COMMAND_CHARS {
        return Err(ParseError::TooLong);
    }
    let invocation = lexer::lex(text).map_err(|error| match error {
        LexError::NotACommand => ParseError::NotACommand,
        LexError::UnclosedQuote => ParseError::UnclosedQuote,
    })?;
    let Some(command) = CommandName::find(&invocation.name) else {
        let suggestion = CommandName::closest(&invocation.name);
        let keeps_rest = suggestion.is_some_and(|command| {
            parse(&format!("/{} {}", command.as_str(), invocation.rest)).is_ok()
        });
        return Err(ParseError::Unknown {
            typed: format!("{}{}", invocation.prefix, invocation.name),
            suggestion,
            rest: if keeps_rest {
                invocation.rest
            } else {
                String::new()
            },
        });
    };
    let invalid = |problem| ParseError::Invalid { command, problem };
    match command {
        CommandName::Help => {
            let words = plain_words(invocation.args).map_err(invalid)?;
            let topic = match at_most_one(words).map_err(invalid)? {
                None => None,
                Some(input) => Some(CommandName::find(&input).ok_or_else(|| {
                    invalid(Problem::UnknownHelpTopic {
                        suggestion: CommandName::closest(&input),
                        input,
                    })
                })?),
            };
            Ok(Command::Help { topic })
        }
        CommandName::Lang => {
            let words = plain_words(invocation.args).map_err(invalid)?;
            let lang = match joined(&words) {
                None => None,
                Some(input) => Some(
                    Lang::parse(&input).ok_or_else(|| invalid(Problem::UnknownLanguage(input)))?,
                ),
            };
            Ok(Command::Lang { lang })
        }
        CommandName::Tz => {
            let words = plain_words(invocation.args).map_err(invalid)?;
            let zone = match joined(&words) {
                None => None,
                Some(input) => Some(
                    zone::parse_zone(&input)
                        .map_err(|unknown| invalid(Problem::UnknownZone(unknown)))?,
                ),
            };
            Ok(Command::Tz { zone })
        }
        CommandName::Profile => onboarding::parse_profile(invocation.args)
            .map(Command::Profile)
            .map_err(invalid),
        CommandName::Event => event::parse_event(invocation.args)
            .map(|command| Command::Event(Box::new(command)))
            .map_err(invalid),
        CommandName::Events => {
            let words = plain_words(invocation.args).map_err(invalid)?;
            event::parse_events(words)
                .map(|filter| Command::Events { filter })
                .map_err(invalid)
        }
        CommandName::Rsvp => event::parse_rsvp(invocation.args)
            .map(|(event, answer, date)| Command::Rsvp {
                event,
                answer,
                date,
            })
            .map_err(invalid),
        CommandName::Remind => {
            let words = plain_words(invocation.args).map_err(invalid)?;
            event::parse_remind(words)
                .map(|(event, wanted)| Command::Remind { event, wanted })
                .map_err(invalid)
        }
        CommandName::Faq => faq::parse_faq(invocation.args)
            .map(|command| Command::Faq(Box::new(command)))
            .map_err(invalid),
        CommandName::Onboard => onboarding::parse_onboard(invocation.args)
            .map(Command::Onboard)
            .map_err(invalid),
        CommandName::Accept => {
            if invocation.args.is_empty() {
                Ok(Command::Accept)
            } else {
                Err(invalid(Problem::TakesNothing))
            }
        }
        CommandName::Welcome => onboarding::parse_welcome(invocation.args)
            .map(Command::Welcome)
            .map_err(invalid),
        CommandName::Meet => onboarding::parse_meet(invocation.args)
            .map(Command::Meet)
            .map_err(invalid),
        CommandName::Forget => onboarding::parse_forget(invocation.args)
            .map(|confirmed| Command::Forget { confirmed })
            .map_err(invalid),
    }
}

/// The positional words, refusing `key=value` options (no command here takes one yet).
pub(crate) fn plain_words(args: Vec<Arg>) -> Result<Vec<String>, Problem> {
    args.into_iter()
        .map(|arg| match arg {
            Arg::Word(word) => Ok(word),
            Arg::Option { key, .. } => Err(Problem::UnexpectedOption(key)),
        })
        .collect()
}

fn at_most_one(mut words: Vec<String>) -> Result<Option<String>, Problem> {
    if words.len() > 1 {
        return Err(Problem::TooManyWords);
    }
    Ok(words.pop())
}

/// The words as one value (`America/New York`, `Français`), if there are any.
fn joined(words: &[String]) -> Option<String> {
    (!words.is_empty()).then(|| words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Europe;

    fn problem(line: &str) -> Problem {
        match parse(line) {
            Err(ParseError::Invalid { problem, .. }) => problem,
            other => panic!("expected a problem with {line:?}, got {other:?}"),
        }
    }

    #[test]
    fn each_command_parses_into_its_typed_form() {
        assert_eq!(parse("/help"), Ok(Command::Help { topic: None }));
        assert_eq!(
            parse("/help tz"),
            Ok(Command::Help {
                topic: Some(CommandName::Tz)
            })
        );
        assert_eq!(
            parse("!aide /fuseau"),
            Ok(Command::Help {
                topic: Some(CommandName::Tz)
            })
        );
        assert_eq!(
            parse("/lang fr"),
            Ok(Command::Lang {
                lang: Some(Lang::Fr)
            })
        );
        assert_eq!(
            parse("/langue Français"),
            Ok(Command::Lang {
                lang: Some(Lang::Fr)
            })
        );
        assert_eq!(parse("/lang"), Ok(Command::Lang { lang: None }));
        assert_eq!(
            parse("/tz Europe/Paris"),
            Ok(Command::Tz {
                zone: Some(Europe::Paris)
            })
        );
        assert_eq!(parse("/tz"), Ok(Command::Tz { zone: None }));
        assert_eq!(
            parse("/PROFILE"),
            Ok(Command::Profile(ProfileCommand::Show))
        );
    }

    #[test]
    fn a_near_miss_suggests_the_command_and_keeps_the_arguments() {
        assert_eq!(
            parse("/lnag fr"),
            Err(ParseError::Unknown {
                typed: "/lnag".into(),
                suggestion: Some(CommandName::Lang),
                rest: "fr".into()
            })
        );
    }

    #[test]
    fn a_suggestion_drops_arguments_that_would_fail_anyway() {
        assert!(matches!(
            parse("!lnag xx"),
            Err(ParseError::Unknown { typed, suggestion: Some(CommandName::Lang), rest }) if typed == "!lnag" && rest.is_empty()
        ));
    }

    #[test]
    fn an_unknown_command_far_from_any_gets_no_suggestion() {
        assert!(matches!(
            parse("/weather"),
            Err(ParseError::Unknown {
                suggestion: None,
                ..
            })
        ));
    }

    #[test]
    fn bad_arguments_say_what_is_wrong() {
        assert_eq!(problem("/lang xx"), Problem::UnknownLanguage("xx".into()));
        assert!(matches!(problem("/tz Mars/Base"), Problem::UnknownZone(_)));
        assert_eq!(problem("/accept now"), Problem::TakesNothing);
        assert_eq!(problem("/help lang tz"), Problem::TooManyWords);
        assert_eq!(
            problem("/tz zone=Europe/Paris"),
            Problem::UnexpectedOption("zone".into())
        );
        assert_eq!(
            problem("/help lnag"),
            Problem::UnknownHelpTopic {
                input: "lnag".into(),
                suggestion: Some(CommandName::Lang)
            }
        );
    }

    #[test]
    fn overlong_and_unclosed_lines_are_refused() {
        let long = format!("/help {}", "x".repeat(MAX_COMMAND_CHARS));
        assert_eq!(parse(&long), Err(ParseError::TooLong));
        assert_eq!(parse("/tz \"Europe/Paris"), Err(ParseError::UnclosedQuote));
    }

    #[test]
    fn ordinary_chat_is_not_a_command() {
        assert_eq!(parse("hello everyone"), Err(ParseError::NotACommand));
    }

    #[test]
    fn every_alias_is_unique_across_commands() {
        let mut seen = std::collections::HashSet::new();
        for command in CommandName::ALL {
            for name in std::iter::once(command.as_str()).chain(command.aliases().iter().copied()) {
                assert!(seen.insert(name), "{name} names two commands");
            }
        }
    }
}
