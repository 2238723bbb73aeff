//! The whole catalog checked against Discord's and Telegram's limits, and against the
//! text parser, so that what the platforms register and what the hub reads cannot drift.

use super::*;
use crate::command::catalog::{Form, Kind};
use crate::command::{ParseError, Problem, parse};

fn discord_name(name: &str) -> bool {
    (1..=discord::MAX_NAME).contains(&name.chars().count())
        && name
            .chars()
            .all(|c| c.is_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

fn text_len(value: &Value) -> usize {
    match value {
        Value::String(text) => text.chars().count(),
        Value::Array(items) => items.iter().map(text_len).sum(),
        Value::Object(map) => map.values().map(text_len).sum(),
        _ => 0,
    }
}

fn check_described(what: &Value, path: &str) {
    let description = what["description"].as_str().unwrap_or_default();
    let len = description.chars().count();
    assert!(
        (1..=discord::MAX_DESCRIPTION).contains(&len),
        "{path}: description of {len}"
    );
    let fr = what["description_localizations"]["fr"]
        .as_str()
        .unwrap_or_default();
    assert!(
        (1..=discord::MAX_DESCRIPTION).contains(&fr.chars().count()),
        "{path}: fr"
    );
}

fn check_options(options: &[Value], path: &str) {
    assert!(
        options.len() <= discord::MAX_OPTIONS,
        "{path}: too many options"
    );
    let mut optional_seen = false;
    let mut names = std::collections::HashSet::new();
    for option in options {
        let name = option["name"].as_str().unwrap_or_default();
        let path = format!("{path} {name}");
        assert!(discord_name(name), "{path}: bad name");
        assert!(names.insert(name.to_owned()), "{path}: twice");
        check_described(option, &path);
        if option["type"] == 1 {
            check_options(
                option["options"].as_array().map_or(&[][..], Vec::as_slice),
                &path,
            );
            continue;
        }
        let required = option["required"].as_bool().unwrap_or(false);
        assert!(
            !(required && optional_seen),
            "{path}: required after optional"
        );
        optional_seen |= !required;
        if let Some(choices) = option["choices"].as_array() {
            assert!(choices.len() <= discord::MAX_CHOICES, "{path}: choices");
            assert!(
                option.get("autocomplete").is_none(),
                "{path}: choices and autocomplete"
            );
        }
    }
}

#[test]
fn every_discord_command_is_within_discords_limits() {
    let commands = discord_commands();
    let commands = commands.as_array().expect("an array");
    assert_eq!(commands.len(), CommandName::all().count());
    for command in commands {
        let name = command["name"].as_str().unwrap_or_default();
        assert!(discord_name(name), "{name}");
        let french = command["name_localizations"]["fr"]
            .as_str()
            .unwrap_or_default();
        assert!(discord_name(french), "{name}: {french}");
        assert!(
            CommandName::find(french).is_some_and(|found| found.as_str() == name),
            "{name}: the French name {french} must be an alias the text parser reads"
        );
        assert_eq!(command["type"], 1);
        check_described(command, name);
        check_options(
            command["options"].as_array().map_or(&[][..], Vec::as_slice),
            name,
        );
        assert!(
            text_len(command) <= discord::MAX_COMMAND_CHARS,
            "{name} is too long"
        );
    }
}

#[test]
fn event_ids_are_integers_the_hub_completes() {
    let commands = discord_commands();
    let rsvp = commands
        .as_array()
        .and_then(|all| all.iter().find(|command| command["name"] == "rsvp"))
        .expect("rsvp");
    assert_eq!(rsvp["options"][0]["name"], "event");
    assert_eq!(rsvp["options"][0]["type"], 4);
    assert_eq!(rsvp["options"][0]["autocomplete"], true);
    assert_eq!(rsvp["options"][1]["choices"][0]["value"], "yes");
}

#[test]
fn every_telegram_menu_is_within_telegrams_limits() {
    let menus = telegram_menus();
    let menus = menus.as_array().expect("an array");
    assert_eq!(menus.len(), Lang::ALL.len() * 3);
    for menu in menus {
        for command in menu["commands"].as_array().expect("commands") {
            let name = command["command"].as_str().unwrap_or_default();
            assert!((1..=telegram::MAX_NAME).contains(&name.len()), "{name}");
            assert!(
                name.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
            );
            let description = command["description"].as_str().unwrap_or_default();
            assert!((1..=telegram::MAX_DESCRIPTION).contains(&description.chars().count()));
        }
    }
    let group = &menus[1];
    assert_eq!(group["scope"]["type"], "all_group_chats");
    let names: Vec<&str> = group["commands"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|command| command["command"].as_str())
        .collect();
    assert!(names.contains(&"rsvp") && !names.contains(&"welcome") && !names.contains(&"forget"));
}

#[test]
fn every_declared_subcommand_and_alias_reaches_its_grammar() {
    for command in CommandName::all() {
        let info = command.info();
        for sub in info.subs {
            for word in std::iter::once(sub.name).chain(sub.aliases.iter().copied()) {
                let line = format!("/{} {word}", info.name);
                if let Err(ParseError::Invalid {
                    problem: Problem::BadAction(_),
                    ..
                }) = parse(&line)
                {
                    panic!("{line}: the grammar does not know the subcommand");
                }
                assert_eq!(
                    info.sub(word).map(|found| found.name),
                    Some(sub.name),
                    "{line}"
                );
            }
        }
    }
}

/// A value of `kind` the grammar accepts, for checking that it reads each argument.
fn sample(kind: Kind) -> &'static str {
    match kind {
        Kind::EventId | Kind::EntryId | Kind::Number => "1",
        Kind::Country => "fr",
        Kind::Topic => "housing",
        Kind::Duration => "1h",
        Kind::Language => "fr",
        Kind::Zone => "Europe/Paris",
        Kind::Choice(values) => values[0],
        _ => "x",
    }
}

#[test]
fn every_key_argument_is_a_key_its_grammar_reads() {
    use crate::command::catalog::args_from_options;
    for command in CommandName::all() {
        let info = command.info();
        for sub in info.subs {
            let required: Vec<(&str, String)> = sub
                .params
                .iter()
                .filter(|param| param.required)
                .map(|param| (param.name, sample(param.kind).to_owned()))
                .collect();
            for param in sub.params.iter().filter(|param| param.form == Form::Key) {
                let mut options = required.clone();
                if !param.required {
                    options.push((param.name, sample(param.kind).to_owned()));
                }
                let args = args_from_options(info, Some(sub.name), &options);
                if let Err(ParseError::Invalid {
                    problem: Problem::UnexpectedOption(key),
                    ..
                }) = crate::command::read(command, args)
                {
                    panic!(
                        "/{} {}: the grammar does not read {key}=",
                        info.name, sub.name
                    );
                }
            }
        }
    }
}
