//! Chat commands: the shared part of reading them, whatever the job.
//!
//! Text platforms (console, Matrix, Telegram) write commands as `/name args…` or
//! `!name args…` (see [`lexer`] for the grammar); Discord sends a slash command's options,
//! which [`catalog::args_from_options`] turns into the same arguments. Each command is
//! declared once in its job's catalog ([`catalog`]), and `crate::jobs` lists them: the
//! name finds the declaration, whose own parser reads the arguments. A line that fails
//! yields a [`ParseError`] the hub explains in the member's language, with the usage and
//! a "did you mean" when close. [`platforms`] derives what Discord and Telegram register.

pub mod catalog;
pub mod lexer;
pub mod platforms;

use crate::incoming::Invocation;
use crate::jobs::{self, Command};
use crate::suggest;
use crate::zone::UnknownZone;
use catalog::Info;
use lexer::{Arg, LexError};

/// The longest command the hub reads, in characters. Longer lines are refused, not cut.
pub const MAX_COMMAND_CHARS: usize = 4000;

/// A command of the catalog: its place in `crate::jobs`' list.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct CommandName(usize);

impl CommandName {
    /// Every command, in the order `/help` lists them.
    pub fn all() -> impl Iterator<Item = Self> {
        (0..jobs::count()).map(Self)
    }

    pub fn as_str(self) -> &'static str {
        self.info().name
    }

    /// Other names accepted for the command, French ones included.
    pub fn aliases(self) -> &'static [&'static str] {
        self.info().aliases
    }

    /// All the catalog says of it.
    pub fn info(self) -> &'static Info {
        jobs::info(self.0)
    }

    /// Finds a command by its name or an alias, in any case, with or without its prefix.
    pub fn find(name: &str) -> Option<Self> {
        let name = name.trim_start_matches(['/', '!']);
        Self::all().find(|command| command.info().is_named(name))
    }

    /// The command `name` is most likely a typo of.
    pub fn closest(name: &str) -> Option<Self> {
        let names = Self::all().flat_map(|command| {
            std::iter::once(command.as_str()).chain(command.aliases().iter().copied())
        });
        suggest::closest(name.trim_start_matches(['/', '!']), names).and_then(Self::find)
    }
}

impl std::fmt::Debug for CommandName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "/{}", self.as_str())
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

/// What is wrong with a known command's arguments. The shared kinds are explained by
/// the hub; a job's own mistakes name the message (from the job's catalog) that says
/// what is wrong, so that the shared layer knows no job's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    TooManyWords,
    /// The command takes no argument at all.
    TakesNothing,
    UnexpectedOption(String),
    /// A required `key=` is missing (`when`, `title`).
    MissingOption(&'static str),
    /// A sub-command the command does not have (`/welcome hug`).
    BadAction(String),
    /// A note or answer with nothing in it.
    MissingText,
    /// A command about a member without the member's name.
    MissingName,
    TextTooLong {
        key: &'static str,
        limit: usize,
    },
    /// A value that must fit on one line (`title=`, `city=`).
    NotOneLine(&'static str),
    UnknownLanguage(String),
    UnknownZone(UnknownZone),
    UnknownHelpTopic {
        input: String,
        suggestion: Option<CommandName>,
    },
    /// Something missing, said by the job's message `message`.
    Missing(&'static str),
    /// `input` refused, said by the job's message `message` (with `$input`).
    Bad {
        message: &'static str,
        input: String,
    },
    /// Something missing that the member can pick: the job's message, and choices as
    /// (label message, command).
    Choose {
        message: &'static str,
        choices: Vec<(&'static str, String)>,
    },
}

impl Problem {
    /// `input` refused, as the message `message` says.
    pub fn bad(message: &'static str, input: impl Into<String>) -> Self {
        Self::Bad {
            message,
            input: input.into(),
        }
    }
}

/// Reads `text` as a command of the catalog.
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
    read(command, invocation.args)
}

/// Reads a command invoked with typed options (a Discord slash command), as
/// [`catalog::args_from_options`] turns them into arguments.
pub fn parse_invocation(invocation: &Invocation) -> Result<Command, ParseError> {
    let Some(command) = CommandName::find(&invocation.command) else {
        return Err(ParseError::Unknown {
            typed: format!("/{}", invocation.command),
            suggestion: CommandName::closest(&invocation.command),
            rest: String::new(),
        });
    };
    let length: usize = invocation
        .options
        .iter()
        .map(|(_, value)| value.chars().count())
        .sum();
    if length > MAX_COMMAND_CHARS {
        return Err(ParseError::TooLong);
    }
    let options: Vec<(&str, String)> = invocation
        .options
        .iter()
        .map(|(name, value)| (name.as_str(), value.clone()))
        .collect();
    let args = catalog::args_from_options(command.info(), invocation.sub.as_deref(), &options);
    read(command, args)
}

/// The catalog's command `text` invokes, if it names one.
pub fn invoked(text: &str) -> Option<CommandName> {
    let invocation = lexer::lex(text).ok()?;
    CommandName::find(&invocation.name)
}

/// Reads the arguments of `command`, however they came (words from text, or a
/// platform's typed options through [`catalog::args_from_options`]).
pub fn read(command: CommandName, args: Vec<Arg>) -> Result<Command, ParseError> {
    jobs::parse(command.0, args).map_err(|problem| ParseError::Invalid { command, problem })
}

/// What is wrong with `line`, which must be a known command with a mistake (for tests).
#[cfg(test)]
pub(crate) fn problem_in(line: &str) -> Problem {
    match parse(line) {
        Err(ParseError::Invalid { problem, .. }) => problem,
        other => panic!("expected a problem with {line:?}, got {other:?}"),
    }
}

/// `/help [command]`: the command it asks about.
pub(crate) fn parse_help(args: Vec<Arg>) -> Result<Option<CommandName>, Problem> {
    let words = plain_words(args)?;
    match at_most_one(words)? {
        None => Ok(None),
        Some(input) => {
            CommandName::find(&input)
                .map(Some)
                .ok_or_else(|| Problem::UnknownHelpTopic {
                    suggestion: CommandName::closest(&input),
                    input,
                })
        }
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

pub(crate) fn at_most_one(mut words: Vec<String>) -> Result<Option<String>, Problem> {
    if words.len() > 1 {
        return Err(Problem::TooManyWords);
    }
    Ok(words.pop())
}

/// The arguments as words, `key=value` kept as written.
pub(crate) fn words(args: Vec<Arg>) -> Vec<String> {
    args.into_iter()
        .map(|arg| match arg {
            Arg::Word(word) => word,
            Arg::Option { key, value } => format!("{key}={value}"),
        })
        .collect()
}

/// The words as one value (`America/New York`, `Français`), if there are any.
pub(crate) fn joined(words: &[String]) -> Option<String> {
    (!words.is_empty()).then(|| words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::account::{self, ProfileCommand};
    use crate::command::problem_in as problem;
    use crate::lang::Lang;
    use chrono_tz::Europe;

    fn named(name: &str) -> CommandName {
        CommandName::find(name).unwrap_or_else(|| panic!("no command {name}"))
    }

    fn account(line: &str) -> account::Command {
        match parse(line) {
            Ok(Command::Account(command)) => command,
            other => panic!("{line}: {other:?}"),
        }
    }

    #[test]
    fn each_command_parses_into_its_typed_form() {
        assert_eq!(parse("/help"), Ok(Command::Help { topic: None }));
        assert_eq!(
            parse("/help tz"),
            Ok(Command::Help {
                topic: Some(named("tz"))
            })
        );
        assert_eq!(
            parse("!aide /fuseau"),
            Ok(Command::Help {
                topic: Some(named("tz"))
            })
        );
        let lang = |lang| account::Command::Lang { lang };
        assert_eq!(account("/lang fr"), lang(Some(Lang::Fr)));
        assert_eq!(account("/langue Français"), lang(Some(Lang::Fr)));
        assert_eq!(account("/lang"), lang(None));
        assert_eq!(
            account("/tz Europe/Paris"),
            account::Command::Tz {
                zone: Some(Europe::Paris)
            }
        );
        assert_eq!(account("/tz"), account::Command::Tz { zone: None });
        assert_eq!(
            account("/PROFILE"),
            account::Command::Profile(ProfileCommand::Show)
        );
    }

    #[test]
    fn a_near_miss_suggests_the_command_and_keeps_the_arguments() {
        assert_eq!(
            parse("/lnag fr"),
            Err(ParseError::Unknown {
                typed: "/lnag".into(),
                suggestion: Some(named("lang")),
                rest: "fr".into()
            })
        );
    }

    #[test]
    fn a_suggestion_drops_arguments_that_would_fail_anyway() {
        assert_eq!(
            parse("!lnag xx"),
            Err(ParseError::Unknown {
                typed: "!lnag".into(),
                suggestion: Some(named("lang")),
                rest: String::new()
            })
        );
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
                suggestion: Some(named("lang"))
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
        for command in CommandName::all() {
            for name in std::iter::once(command.as_str()).chain(command.aliases().iter().copied()) {
                assert!(seen.insert(name), "{name} names two commands");
            }
        }
    }

    #[test]
    fn typed_options_are_read_whole_not_lexed_again() {
        let event = named("event");
        let options = [
            ("title", "Say \"hi\" = wave".to_owned()),
            ("when", "fri 19:00".to_owned()),
        ];
        let args = catalog::args_from_options(event.info(), Some("create"), &options);
        let read = read(event, args).expect("reads");
        let Command::Events(crate::events::Command::Event(created)) = read else {
            panic!("{read:?}");
        };
        let crate::events::EventCommand::Create(draft) = *created else {
            panic!("not a creation");
        };
        assert_eq!(draft.title.as_deref(), Some("Say \"hi\" = wave"));
        assert_eq!(draft.when.as_deref(), Some("fri 19:00"));
    }

    #[test]
    fn an_invocation_is_read_like_its_text_and_unknown_ones_are_named() {
        let invocation = |command: &str, sub: Option<&str>, options: &[(&str, &str)]| Invocation {
            command: command.into(),
            sub: sub.map(str::to_owned),
            options: options
                .iter()
                .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
                .collect(),
        };
        assert_eq!(
            parse_invocation(&invocation("tz", None, &[("zone", "Europe/Paris")])),
            parse("/tz Europe/Paris")
        );
        assert_eq!(
            parse_invocation(&invocation("help", None, &[])),
            parse("/help")
        );
        assert!(matches!(
            parse_invocation(&invocation("wether", None, &[])),
            Err(ParseError::Unknown { .. })
        ));
        let long = "x".repeat(MAX_COMMAND_CHARS + 1);
        assert_eq!(
            parse_invocation(&invocation("faq", Some("search"), &[("words", &long)])),
            Err(ParseError::TooLong)
        );
    }
}
