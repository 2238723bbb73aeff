//! Discord in (pure): a slash command's options as the hub's [`Invocation`], the option
//! being typed for autocomplete, a member's roles and permissions as a [`Standing`], a
//! client locale as a language, and a `!cmd` message for text commands.

use passerelle_core::incoming::Invocation;
use passerelle_core::lang::Lang;
use serenity::all::{
    CommandData, CommandDataOption, CommandDataOptionValue, CommandOptionType, Member, Permissions,
};

use crate::settings::Standing;

/// A slash command as the hub reads it: its name, its subcommand, its options as text.
pub fn invocation(data: &CommandData) -> Invocation {
    let (sub, options) = split_sub(&data.options);
    Invocation {
        command: data.name.clone(),
        sub,
        options: options
            .iter()
            .filter_map(|option| Some((option.name.clone(), text(&option.value)?)))
            .collect(),
    }
}

/// The subcommand, if the first option is one, and the options that are values.
fn split_sub(options: &[CommandDataOption]) -> (Option<String>, &[CommandDataOption]) {
    match options.first() {
        Some(CommandDataOption {
            name,
            value: CommandDataOptionValue::SubCommand(inner),
            ..
        }) => (Some(name.clone()), inner),
        _ => (None, options),
    }
}

/// An option's value as text; `None` for the kinds the catalog never declares.
fn text(value: &CommandDataOptionValue) -> Option<String> {
    match value {
        CommandDataOptionValue::String(text) => Some(text.clone()),
        CommandDataOptionValue::Integer(number) => Some(number.to_string()),
        CommandDataOptionValue::Number(number) => Some(number.to_string()),
        CommandDataOptionValue::Boolean(yes) => Some(yes.to_string()),
        CommandDataOptionValue::Autocomplete { value, .. } => Some(value.clone()),
        _ => None,
    }
}

/// What is being typed in an autocomplete: the command, its subcommand, the focused
/// option's name and what was typed so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Typing {
    pub command: String,
    pub sub: Option<String>,
    pub option: String,
    pub typed: String,
    /// The option takes a whole number (an event's ID): choices must be numbers.
    pub integer: bool,
}

/// The option being typed, when the interaction is an autocomplete.
pub fn typing(data: &CommandData) -> Option<Typing> {
    let (sub, options) = split_sub(&data.options);
    options.iter().find_map(|option| match &option.value {
        CommandDataOptionValue::Autocomplete { kind, value } => Some(Typing {
            command: data.name.clone(),
            sub: sub.clone(),
            option: option.name.clone(),
            typed: value.clone(),
            integer: *kind == CommandOptionType::Integer,
        }),
        _ => None,
    })
}

/// What a guild member has on Discord: their roles, and the permissions the
/// interaction reports (the member's in that channel).
pub fn standing(member: &Member) -> Standing {
    let permissions = member.permissions.unwrap_or_else(Permissions::empty);
    Standing {
        roles: member.roles.iter().map(|role| role.get()).collect(),
        administrator: permissions.contains(Permissions::ADMINISTRATOR),
        manage_events: permissions.contains(Permissions::MANAGE_EVENTS),
    }
}

/// The hub language of a Discord locale (`fr`, `en-US`, `en-GB`), when the hub speaks it.
pub fn language(locale: &str) -> Option<Lang> {
    let primary = locale.split('-').next().unwrap_or(locale);
    Lang::parse(primary)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn data(value: serde_json::Value) -> CommandData {
        serde_json::from_value(value).expect("Discord's command data")
    }

    #[test]
    fn a_command_with_a_subcommand_reads_its_options_as_text() {
        let read = invocation(&data(json!({
            "id": "1", "name": "event", "type": 1,
            "options": [{ "name": "create", "type": 1, "options": [
                { "name": "title", "type": 3, "value": "Picnic \"at\" the lake" },
                { "name": "capacity", "type": 4, "value": 12 }
            ]}]
        })));
        assert_eq!(read.command, "event");
        assert_eq!(read.sub.as_deref(), Some("create"));
        assert_eq!(
            read.options,
            vec![
                ("title".to_owned(), "Picnic \"at\" the lake".to_owned()),
                ("capacity".to_owned(), "12".to_owned())
            ]
        );
    }

    #[test]
    fn a_command_without_options_is_its_name() {
        let read = invocation(&data(json!({ "id": "1", "name": "help", "type": 1 })));
        assert_eq!(
            (read.command.as_str(), read.sub, read.options.len()),
            ("help", None, 0)
        );
    }

    #[test]
    fn the_focused_option_is_what_autocomplete_completes() {
        let typing = typing(&data(json!({
            "id": "1", "name": "faq", "type": 1,
            "options": [{ "name": "browse", "type": 1, "options": [
                { "name": "country", "type": 3, "value": "fr", "focused": true }
            ]}]
        })));
        assert_eq!(
            typing,
            Some(Typing {
                command: "faq".into(),
                sub: Some("browse".into()),
                option: "country".into(),
                typed: "fr".into(),
                integer: false,
            })
        );
    }

    #[test]
    fn locales_become_languages_the_hub_speaks() {
        assert_eq!(language("fr"), Some(Lang::Fr));
        assert_eq!(language("en-GB"), Some(Lang::En));
        assert_eq!(language("ja"), None);
    }
}
