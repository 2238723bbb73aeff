//! `/help`, and the replies that explain a command the hub could not read.

use crate::command::{CommandName, ParseError, Problem};
use crate::i18n::{t, t_with};
use crate::lang::Lang;
use crate::reply::{Choice, Message, Reply};

use super::Context;

fn usage(lang: Lang, command: CommandName) -> String {
    t(lang, &format!("cmd-{}-usage", command.as_str()))
}

fn summary(lang: Lang, command: CommandName) -> String {
    t(lang, &format!("cmd-{}-summary", command.as_str()))
}

/// `/help` lists every command; `/help NAME` explains one.
pub(super) fn help(ctx: &Context<'_>, topic: Option<CommandName>) -> Reply {
    let lang = ctx.lang;
    let text =
        match topic {
            None => {
                let mut lines = vec![t(lang, "help-intro")];
                lines.extend(CommandName::ALL.into_iter().map(|command| {
                    format!("`{}` — {}", usage(lang, command), summary(lang, command))
                }));
                lines.push(t(lang, "help-more"));
                lines.join("\n")
            }
            Some(command) => {
                let aliases: Vec<String> = command
                    .aliases()
                    .iter()
                    .map(|alias| format!("/{alias}"))
                    .collect();
                [
                    format!("`{}`", usage(lang, command)),
                    summary(lang, command),
                    t(lang, &format!("cmd-{}-details", command.as_str())),
                    t_with(
                        lang,
                        "help-aliases",
                        &[("aliases", aliases.join(", ").into())],
                    ),
                ]
                .join("\n")
            }
        };
    Reply::here(Message::text(text))
}

/// A short reply saying what is wrong, how the command is written, and what was probably
/// meant, as a choice the member can pick.
pub(super) fn explain(lang: Lang, error: &ParseError) -> Message {
    match error {
        ParseError::NotACommand => Message::default(),
        ParseError::TooLong => Message::text(t_with(
            lang,
            "too-long",
            &[("limit", crate::command::MAX_COMMAND_CHARS.into())],
        )),
        ParseError::UnclosedQuote => Message::text(t(lang, "unclosed-quote")),
        ParseError::Unknown {
            name,
            suggestion,
            rest,
        } => {
            let unknown = t_with(lang, "unknown-command", &[("name", name.as_str().into())]);
            match suggestion {
                Some(command) => {
                    let corrected = format!("/{} {rest}", command.as_str())
                        .trim_end()
                        .to_owned();
                    let question = t_with(
                        lang,
                        "did-you-mean",
                        &[("suggestion", corrected.as_str().into())],
                    );
                    Message::text(format!("{unknown} {question}"))
                        .with_choices(vec![Choice::new(corrected.clone(), corrected)])
                }
                None => Message::text(format!("{unknown} {}", t(lang, "see-help"))),
            }
        }
        ParseError::Invalid { command, problem } => {
            let (what, choices) = describe(lang, *command, problem);
            let usage_line = t_with(lang, "usage", &[("usage", usage(lang, *command).into())]);
            Message::text(format!("{what}\n{usage_line}")).with_choices(choices)
        }
    }
}

fn describe(lang: Lang, command: CommandName, problem: &Problem) -> (String, Vec<Choice>) {
    let name = command.as_str();
    match problem {
        Problem::TooManyWords => (
            t_with(lang, "too-many-words", &[("command", name.into())]),
            Vec::new(),
        ),
        Problem::UnexpectedOption(key) => (
            t_with(
                lang,
                "unexpected-option",
                &[("command", name.into()), ("key", key.as_str().into())],
            ),
            Vec::new(),
        ),
        Problem::UnknownLanguage(input) => {
            let available: Vec<String> = Lang::ALL
                .iter()
                .map(|lang| format!("{} ({})", lang.native_name(), lang.code()))
                .collect();
            let text = t_with(
                lang,
                "lang-unknown",
                &[
                    ("input", input.as_str().into()),
                    ("available", available.join(", ").into()),
                ],
            );
            (text, super::account::language_choices())
        }
        Problem::UnknownZone(unknown) => {
            let mut text = t_with(
                lang,
                "tz-unknown",
                &[("input", unknown.input.as_str().into())],
            );
            let mut choices = Vec::new();
            if let Some(zone) = unknown.suggestion {
                let corrected = format!("/tz {}", zone.name());
                text = format!(
                    "{text} {}",
                    t_with(lang, "did-you-mean", &[("suggestion", zone.name().into())])
                );
                choices.push(Choice::new(zone.name(), corrected));
            }
            (text, choices)
        }
        Problem::UnknownHelpTopic { input, suggestion } => {
            let mut text = t_with(
                lang,
                "help-unknown-topic",
                &[("input", input.as_str().into())],
            );
            let mut choices = Vec::new();
            if let Some(command) = suggestion {
                let corrected = format!("/help {}", command.as_str());
                text = format!(
                    "{text} {}",
                    t_with(
                        lang,
                        "did-you-mean",
                        &[("suggestion", corrected.as_str().into())]
                    )
                );
                choices.push(Choice::new(corrected.clone(), corrected));
            }
            (text, choices)
        }
    }
}
