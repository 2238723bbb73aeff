//! `/help`, and the replies that explain a command the hub could not read.

use crate::command::{CommandName, ParseError, Problem};
use crate::i18n::{self, t, t_with};
use crate::lang::Lang;
use crate::reply::{Choice, Message, Reply};

use super::Context;

/// What the member typed, cut short enough to quote back in a chat line.
fn clip(input: &str) -> String {
    const MAX: usize = 40;
    match input.char_indices().nth(MAX) {
        Some((end, _)) => format!("{}…", &input[..end]),
        None => input.to_owned(),
    }
}

/// "a, b and c", in `lang`.
fn and_list(lang: Lang, items: &[String]) -> String {
    match items {
        [] => String::new(),
        [only] => only.clone(),
        [init @ .., last] => format!("{} {} {last}", init.join(", "), t(lang, "and")),
    }
}

fn usage(lang: Lang, command: CommandName) -> String {
    t(lang, &format!("cmd-{}-usage", command.as_str()))
}

fn summary(lang: Lang, command: CommandName) -> String {
    t(lang, &format!("cmd-{}-summary", command.as_str()))
}

/// `/help` lists every command (by name only in a room, where the whole list would
/// fill everyone's screen); `/help NAME` explains one.
pub(crate) fn help(ctx: &Context<'_>, topic: Option<CommandName>) -> Reply {
    let lang = ctx.lang;
    let in_room = matches!(ctx.incoming.place, crate::incoming::Place::Room(_));
    let text =
        match topic {
            None if in_room => {
                let names: Vec<String> = CommandName::all()
                    .map(|command| format!("/{}", command.as_str()))
                    .collect();
                t_with(lang, "help-short", &[("names", names.join(" ").into())])
            }
            None => {
                let mut lines = vec![t(lang, "help-intro")];
                lines.extend(CommandName::all().map(|command| {
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

/// A short reply saying what is wrong and the way out: what was probably meant, as a
/// choice the member can pick, or how the command is written.
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
            typed,
            suggestion,
            rest,
        } => {
            let unknown = t_with(lang, "unknown-command", &[("name", clip(typed).into())]);
            match suggestion {
                Some(command) => {
                    let corrected = format!("/{} {rest}", command.as_str());
                    let corrected = corrected.trim_end();
                    suggest(lang, unknown, corrected, corrected)
                }
                None => Message::text(format!("{unknown} {}", t(lang, "see-help"))),
            }
        }
        ParseError::Invalid { command, problem } => invalid(lang, *command, problem),
    }
}

/// "`problem` Did you mean `command`?", with `command` as a choice labelled `label`.
fn suggest(lang: Lang, problem: String, command: &str, label: &str) -> Message {
    let question = t_with(
        lang,
        "did-you-mean",
        &[("suggestion", clip(command).into())],
    );
    Message::text(format!("{problem} {question}"))
        .with_choices(vec![Choice::new(clip(label), command)])
}

fn invalid(lang: Lang, command: CommandName, problem: &Problem) -> Message {
    let name = command.as_str();
    let with_usage = |what: String| {
        let usage_line = t_with(lang, "usage", &[("usage", usage(lang, command).into())]);
        Message::text(format!("{what}\n{usage_line}"))
    };
    match problem {
        Problem::TakesNothing => {
            with_usage(t_with(lang, "takes-nothing", &[("command", name.into())]))
        }
        Problem::TooManyWords => {
            with_usage(t_with(lang, "too-many-words", &[("command", name.into())]))
        }
        Problem::UnexpectedOption(key) => with_usage(t_with(
            lang,
            "unexpected-option",
            &[("command", name.into()), ("key", clip(key).into())],
        )),
        Problem::MissingOption(key) => {
            with_usage(t_with(lang, "missing-option", &[("key", (*key).into())]))
        }
        Problem::Missing(message) => with_usage(t(lang, message)),
        Problem::Bad { message, input } => {
            with_usage(t_with(lang, message, &[("input", clip(input).into())]))
        }
        Problem::Choose { message, choices } => Message::text(t(lang, message)).with_choices(
            choices
                .iter()
                .map(|(label, command)| Choice::new(t(lang, label), command.clone()))
                .collect(),
        ),
        Problem::MissingName => with_usage(t(lang, "missing-name")),
        Problem::MissingText => with_usage(t(lang, "missing-text")),
        Problem::BadAction(input) => with_usage(t_with(
            lang,
            "bad-action",
            &[("command", name.into()), ("input", clip(input).into())],
        )),
        Problem::NotOneLine(key) => {
            with_usage(t_with(lang, "not-one-line", &[("key", (*key).into())]))
        }
        Problem::TextTooLong { key, limit } => with_usage(t_with(
            lang,
            "text-too-long",
            &[("key", (*key).into()), ("limit", (*limit).into())],
        )),
        Problem::UnknownLanguage(input) => {
            let available: Vec<String> = Lang::ALL
                .iter()
                .map(|known| format!("{} ({})", i18n::language_name(lang, *known), known.code()))
                .collect();
            let text = t_with(
                lang,
                "lang-unknown",
                &[
                    ("input", clip(input).into()),
                    ("available", and_list(lang, &available).into()),
                ],
            );
            Message::text(text).with_choices(i18n::language_choices())
        }
        Problem::UnknownZone(unknown) => {
            let text = t_with(
                lang,
                "tz-unknown",
                &[("input", clip(&unknown.input).into())],
            );
            match unknown.suggestion {
                Some(zone) => suggest(lang, text, &format!("/tz {}", zone.name()), zone.name()),
                None => Message::text(format!("{text} {}", t(lang, "tz-hint"))),
            }
        }
        Problem::UnknownHelpTopic { input, suggestion } => {
            let text = t_with(lang, "help-unknown-topic", &[("input", clip(input).into())]);
            match suggestion {
                Some(command) => {
                    let corrected = format!("/help {}", command.as_str());
                    suggest(lang, text, &corrected, &corrected)
                }
                None => Message::text(format!("{text} {}", t(lang, "help-see-list"))),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn long_input_is_clipped_on_a_character_boundary() {
        assert_eq!(clip("Europe/Paris"), "Europe/Paris");
        let long = "é".repeat(100);
        assert_eq!(clip(&long), format!("{}…", "é".repeat(40)));
    }

    /// Every word the catalog knows: names, aliases, subcommands, `key=`.
    fn catalog_words() -> Vec<String> {
        let mut words = Vec::new();
        for command in CommandName::all() {
            let info = command.info();
            words.push(info.name.to_owned());
            words.extend(info.aliases.iter().map(|alias| (*alias).to_owned()));
            let params = info
                .subs
                .iter()
                .flat_map(|sub| sub.params)
                .chain(info.params);
            words.extend(params.map(|param| format!("{}=", param.name)));
            for sub in info.subs {
                words.push(sub.name.to_owned());
                words.extend(sub.aliases.iter().map(|alias| (*alias).to_owned()));
            }
        }
        words
    }

    /// A word a member might type after a command.
    fn typed_word() -> impl Strategy<Value = String> {
        let values = [
            "12",
            "#3",
            "0",
            "-1",
            "99999999999999999999",
            "yes",
            "non",
            "tomorrow 19:00",
            "vendredi",
            "5 déc. 18h",
            "2026-02-30",
            "1h30",
            "0h",
            "Europe/Paris",
            "Mars/Base",
            "FR",
            "Côte d'Ivoire",
            "housing",
            "fr",
            "xx",
            "\"",
            "«",
            "»",
            "=",
            "\\",
            "@",
            "",
        ];
        prop_oneof![
            proptest::sample::select(catalog_words()),
            proptest::sample::select(values.map(str::to_owned).to_vec()),
            "\\PC{0,12}",
        ]
    }

    proptest::proptest! {
        /// Whatever is typed, it reads as a command or gets a reply saying what is wrong,
        /// in each language (a missing message or argument panics in a debug build).
        #[test]
        fn any_line_reads_or_is_explained(
            prefix in proptest::sample::select(vec!["/", "!", "/ ", ""]),
            name in prop_oneof![proptest::sample::select(catalog_words()), "\\PC{0,8}"],
            words in proptest::collection::vec(typed_word(), 0..7),
        ) {
            let line = format!("{prefix}{name} {}", words.join(" "));
            if let Err(error) = crate::command::parse(&line) {
                for lang in Lang::ALL {
                    let said = explain(lang, &error);
                    let silent = matches!(error, ParseError::NotACommand);
                    prop_assert_eq!(said.text.trim().is_empty(), silent, "{:?}: {:?}", line, error);
                }
            }
        }
    }
}
