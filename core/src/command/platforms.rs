//! What the catalog becomes on platforms with a command menu: Discord's application
//! commands (a bulk overwrite of a guild's commands) and Telegram's menus per language
//! and scope (`setMyCommands`). Both are plain JSON values, so that an adapter sends
//! them as they are and `passerelle commands` prints them.

use serde_json::{Value, json};

use super::CommandName;
use super::catalog::{Info, Kind, Param, Places, Sub};
use crate::i18n::t;
use crate::lang::Lang;

/// Discord's limits on application commands (discord-api-docs).
pub mod discord {
    pub const MAX_NAME: usize = 32;
    pub const MAX_DESCRIPTION: usize = 100;
    pub const MAX_OPTIONS: usize = 25;
    pub const MAX_CHOICES: usize = 25;
    /// Names, descriptions, values and choices of one command together.
    pub const MAX_COMMAND_CHARS: usize = 8000;
}

/// Telegram's limits on a command menu (Bot API, `BotCommand`).
pub mod telegram {
    pub const MAX_NAME: usize = 32;
    pub const MAX_DESCRIPTION: usize = 256;
}

/// Discord's option types.
const SUB_COMMAND: u8 = 1;
const STRING: u8 = 3;
const INTEGER: u8 = 4;
/// `CHAT_INPUT`: a slash command.
const CHAT_INPUT: u8 = 1;

/// `text` cut to `max` characters, on a character boundary.
fn cut(text: String, max: usize) -> String {
    if text.chars().count() <= max {
        return text;
    }
    let kept: String = text.chars().take(max - 1).collect();
    format!("{}…", kept.trim_end())
}

/// A description in English, with its French localization, each within `max`.
fn described(id: &str, max: usize) -> (String, Value) {
    (
        cut(t(Lang::En, id), max),
        json!({ "fr": cut(t(Lang::Fr, id), max) }),
    )
}

/// The application commands of the whole catalog, for
/// `PUT /applications/{application}/guilds/{guild}/commands`.
pub fn discord_commands() -> Value {
    Value::Array(
        CommandName::all()
            .map(|command| discord_command(command.info()))
            .collect(),
    )
}

fn discord_command(info: &Info) -> Value {
    let (description, localized) =
        described(&format!("{}-summary", info.help), discord::MAX_DESCRIPTION);
    let options: Vec<Value> = if info.subs.is_empty() {
        discord_options(info.params)
    } else {
        info.subs.iter().map(discord_sub).collect()
    };
    json!({
        "type": CHAT_INPUT,
        "name": info.name,
        "name_localizations": { "fr": info.fr },
        "description": description,
        "description_localizations": localized,
        "options": options,
    })
}

fn discord_sub(sub: &Sub) -> Value {
    let (description, localized) =
        described(&format!("{}-summary", sub.help), discord::MAX_DESCRIPTION);
    json!({
        "type": SUB_COMMAND,
        "name": sub.name,
        "description": description,
        "description_localizations": localized,
        "options": discord_options(sub.params),
    })
}

/// The options, required ones first as Discord asks.
fn discord_options(params: &[Param]) -> Vec<Value> {
    let required = params.iter().filter(|param| param.required);
    let optional = params.iter().filter(|param| !param.required);
    required.chain(optional).map(discord_option).collect()
}

fn discord_option(param: &Param) -> Value {
    let (description, localized) = described(param.help, discord::MAX_DESCRIPTION);
    let kind = match param.kind {
        Kind::EventId | Kind::EntryId | Kind::Number => INTEGER,
        _ => STRING,
    };
    let mut option = json!({
        "type": kind,
        "name": param.name,
        "description": description,
        "description_localizations": localized,
        "required": param.required,
    });
    if kind == INTEGER {
        option["min_value"] = json!(if param.kind == Kind::Number { 0 } else { 1 });
    }
    if let Kind::Choice(values) = param.kind {
        option["choices"] = values
            .iter()
            .map(|value| json!({ "name": value, "value": value }))
            .collect();
    } else if param.kind.completes() {
        option["autocomplete"] = json!(true);
    }
    option
}

/// Telegram's command menus: one `setMyCommands` call's body per language and scope
/// (private chats, groups, and group administrators, who also see the team commands).
pub fn telegram_menus() -> Value {
    let mut calls = Vec::new();
    for &lang in Lang::ALL.iter() {
        for (scope, fits) in [
            ("all_private_chats", fits_private as fn(&Info) -> bool),
            ("all_group_chats", fits_group),
            ("all_chat_administrators", fits_admins),
        ] {
            let commands: Vec<Value> = CommandName::all()
                .map(CommandName::info)
                .filter(|info| fits(info))
                .map(|info| {
                    json!({
                        "command": info.name,
                        "description": cut(t(lang, &format!("{}-summary", info.help)), telegram::MAX_DESCRIPTION),
                    })
                })
                .collect();
            calls.push(json!({
                "scope": { "type": scope },
                "language_code": lang.code(),
                "commands": commands,
            }));
        }
    }
    Value::Array(calls)
}

fn fits_private(_: &Info) -> bool {
    true
}

fn fits_group(info: &Info) -> bool {
    info.places == Places::Anywhere && !info.who.is_staff()
}

fn fits_admins(info: &Info) -> bool {
    info.places == Places::Anywhere
}

#[cfg(test)]
mod tests;
