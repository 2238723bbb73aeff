//! Application commands: `GET` and `PUT` (bulk overwrite) of
//! `/applications/{app}/guilds/{guild}/commands` and of the global
//! `/applications/{app}/commands`. A bulk overwrite is checked as Discord checks it (≤ 100
//! commands; a slash command's and its options' names 1–32 lowercase letters, digits, `-`
//! or `_`; descriptions 1–100; ≤ 25 options and choices; names unique) and answered with
//! the stored commands: each given its ID (kept for a name already there), the
//! application's, the guild's, a version, and Discord's defaults.

use serde_json::{Value, json};

use super::Call;
use super::failure::{Reply, bad_length, field_error, max_length, nested};
use super::ids::{id, read, snowflake};
use super::state::{Config, State};

/// `/applications/{application}/…`.
pub(crate) fn answer(
    config: &Config,
    state: &mut State,
    call: &Call,
    application: &str,
    rest: &[&str],
) -> Reply {
    if application != config.application_id.to_string() {
        return Reply::missing_access();
    }
    let guild = match rest {
        ["commands"] => None,
        ["guilds", guild, "commands"] => match guild.parse::<u64>() {
            Ok(guild) if guild == config.guild.id => Some(guild),
            _ => return Reply::missing_access(),
        },
        _ => return Reply::not_found(),
    };
    let stored = match guild {
        Some(_) => &mut state.commands,
        None => &mut state.global_commands,
    };
    match call.method.as_str() {
        "GET" => Reply::ok(stored.clone().unwrap_or_else(|| json!([]))),
        "PUT" => {
            let Some(given) = call.body.as_array() else {
                let leaf = field_error("BASE_TYPE_ARRAY", "Must be an array.");
                return Reply::invalid_form(leaf);
            };
            if let Err(errors) = check(given) {
                return Reply::invalid_form(errors);
            }
            let previous = stored.take().unwrap_or_else(|| json!([]));
            let made: Vec<Value> = given
                .iter()
                .map(|command| complete(config, guild, &previous, command))
                .collect();
            *stored = Some(Value::Array(made.clone()));
            Reply::ok(Value::Array(made))
        }
        _ => Reply::not_found(),
    }
}

/// A command as Discord stores it.
fn complete(config: &Config, guild: Option<u64>, previous: &Value, given: &Value) -> Value {
    let kind = given["type"].as_u64().unwrap_or(1);
    let same = previous.as_array().and_then(|old| {
        old.iter()
            .find(|c| c["name"] == given["name"] && c["type"] == kind)
    });
    let command_id = same.and_then(|c| read(&c["id"])).unwrap_or_else(snowflake);
    let mut command = json!({
        "id": id(command_id),
        "application_id": id(config.application_id),
        "version": id(snowflake()),
        "type": kind,
        "name": given["name"],
        "name_localizations": given.get("name_localizations").cloned().unwrap_or(Value::Null),
        "description": given["description"].as_str().unwrap_or_default(),
        "description_localizations": given.get("description_localizations").cloned().unwrap_or(Value::Null),
        "default_member_permissions": given.get("default_member_permissions").cloned().unwrap_or(Value::Null),
        "nsfw": given["nsfw"].as_bool().unwrap_or(false),
        "integration_types": given.get("integration_types").cloned().unwrap_or(json!([0])),
        "contexts": given.get("contexts").cloned().unwrap_or(Value::Null),
    });
    if let Some(options) = given["options"].as_array().filter(|o| !o.is_empty()) {
        command["options"] = Value::Array(options.clone());
    }
    match guild {
        Some(guild) => command["guild_id"] = id(guild),
        None => {
            command["dm_permission"] = given.get("dm_permission").cloned().unwrap_or(json!(true))
        }
    }
    command
}

/// The whole overwrite's faults, as the `errors` of a 50035.
fn check(commands: &[Value]) -> Result<(), Value> {
    if commands.len() > 100 {
        return Err(max_length(100));
    }
    let mut names = Vec::new();
    for (at, command) in commands.iter().enumerate() {
        let at = at.to_string();
        let kind = command["type"].as_u64().unwrap_or(1);
        let name = command["name"].as_str().unwrap_or_default();
        if kind == 1 {
            check_entry(command, &[&at])?;
        } else if name.is_empty() || name.chars().count() > 32 {
            return Err(nested(&[&at, "name"], bad_length(1, 32)));
        }
        if names.contains(&(kind, name)) {
            let leaf = field_error(
                "APPLICATION_COMMANDS_DUPLICATE_NAME",
                &format!("Application command names must be unique: {name}"),
            );
            return Err(nested(&[&at, "name"], leaf));
        }
        names.push((kind, name));
    }
    Ok(())
}

/// A slash command or one of its options, at `path`: name, description, options, choices.
fn check_entry(entry: &Value, path: &[&str]) -> Result<(), Value> {
    fn at<'a>(path: &[&'a str], field: &'a str) -> Vec<&'a str> {
        path.iter().copied().chain([field]).collect()
    }
    let name = entry["name"].as_str().unwrap_or_default();
    if !valid_name(name) {
        let leaf = field_error(
            "APPLICATION_COMMAND_INVALID_NAME",
            "Command name is invalid",
        );
        return Err(nested(&at(path, "name"), leaf));
    }
    let description = entry["description"]
        .as_str()
        .unwrap_or_default()
        .chars()
        .count();
    if !(1..=100).contains(&description) {
        return Err(nested(&at(path, "description"), bad_length(1, 100)));
    }
    if let Some(choices) = entry["choices"].as_array() {
        if choices.len() > 25 {
            return Err(nested(&at(path, "choices"), max_length(25)));
        }
        for (number, choice) in choices.iter().enumerate() {
            let length = choice["name"].as_str().unwrap_or_default().chars().count();
            if !(1..=100).contains(&length) {
                let number = number.to_string();
                let path: Vec<&str> = path
                    .iter()
                    .copied()
                    .chain(["choices", &number, "name"])
                    .collect();
                return Err(nested(&path, bad_length(1, 100)));
            }
        }
    }
    if let Some(options) = entry["options"].as_array() {
        if options.len() > 25 {
            return Err(nested(&at(path, "options"), max_length(25)));
        }
        for (number, option) in options.iter().enumerate() {
            let number = number.to_string();
            let path: Vec<&str> = path.iter().copied().chain(["options", &number]).collect();
            check_entry(option, &path)?;
        }
    }
    Ok(())
}

/// A slash command's name: 1–32 of lowercase letters, digits, `-` and `_`.
fn valid_name(name: &str) -> bool {
    let length = name.chars().count();
    (1..=32).contains(&length)
        && name
            .chars()
            .all(|c| c == '-' || c == '_' || (c.is_alphanumeric() && !c.is_uppercase()))
}
