//! What the bot keeps up to date beside the updates: the command menu registered from
//! the catalog (`setMyCommands` per language and scope, only when it changed), who
//! administers the community's chats (`getChatAdministrators`, for roles given to
//! administrators), and, when the settings ask, join requests left waiting declined. A call that fails is logged and tried again a few minutes later,
//! never fatal.

use std::collections::HashSet;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use chrono::TimeDelta;
use passerelle_core::command::platforms::telegram_menus;
use passerelle_core::model::Platform;
use teloxide::payloads::SetMyCommandsSetters;
use teloxide::prelude::Requester;
use teloxide::types::{BotCommand, BotCommandScope, ChatId, UserId};

use crate::bot::Bot;
use crate::chats::room_ref;

/// How often the administrators are read again (and a failed menu tried again).
const EVERY: Duration = Duration::from_secs(5 * 60);
/// Where the menus last registered are kept, to register them only when they change.
const MENUS: &str = "command_menus";

/// What the upkeep knows, in memory: all of it is read again from Telegram.
#[derive(Debug, Default)]
pub struct Upkeep {
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    menus_done: bool,
    menus_tried: Option<Instant>,
    administrators: HashSet<i64>,
    administrators_read: Option<Instant>,
}

impl Upkeep {
    /// Whether `user` administers one of the community's chats, as last read.
    pub fn is_administrator(&self, user: i64) -> bool {
        self.lock().administrators.contains(&user)
    }

    /// The administrators are read again at the next [`Upkeep::run`] (a member's status
    /// changed in a chat).
    pub fn forget_administrators(&self) {
        self.lock().administrators_read = None;
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Does what is due: the menus until they are registered, the administrators every
    /// few minutes (when a role rule asks for them).
    pub async fn run(bot: &Bot) {
        let due = |at: Option<Instant>| at.is_none_or(|at| at.elapsed() >= EVERY);
        let (menus, administrators) = {
            let state = bot.upkeep.lock();
            (
                !state.menus_done && due(state.menus_tried),
                due(state.administrators_read),
            )
        };
        if menus {
            let done = register_menus(bot).await;
            let mut state = bot.upkeep.lock();
            state.menus_done = done;
            state.menus_tried = Some(Instant::now());
        }
        let wanted = bot.settings.roles.iter().any(|rule| rule.administrators);
        if administrators && wanted {
            let found = read_administrators(bot).await;
            let mut state = bot.upkeep.lock();
            state.administrators_read = Some(Instant::now());
            if let Some(found) = found {
                state.administrators = found;
            }
        }
    }
}

/// Telegram lets the bot write to someone who asks to join for five minutes.
const JOIN_WINDOW: TimeDelta = TimeDelta::minutes(5);

/// Declines the requests to join still waiting when their window closed, when the
/// settings ask for it: asked again, they start afresh. Called once the updates waiting
/// are handled, so an `/accept` sent in time is never beaten to it. A decline that fails
/// is logged; the request then stays with the chat's admins.
pub async fn decline_unhandled(bot: &Bot) {
    if !bot.settings.decline_unhandled {
        return;
    }
    let now = passerelle_runtime::now();
    let given_up = match bot
        .hub
        .give_up_join_requests(Platform::Telegram, JOIN_WINDOW, now)
        .await
    {
        Ok(given_up) => given_up,
        Err(error) => {
            tracing::warn!(%error, "cannot read the join requests left waiting");
            return;
        }
    };
    for request in given_up {
        let (Some(to), Ok(user)) = (room_ref(&request.room), request.user_id.parse::<u64>()) else {
            continue;
        };
        if let Err(error) = bot
            .api
            .decline_chat_join_request(ChatId(to.chat), UserId(user))
            .await
        {
            tracing::warn!(
                error = bot.scrubbed(&error),
                "cannot decline a join request"
            );
        }
    }
}

/// Registers the catalog's menus unless they are the ones registered last; whether the
/// registered menus are now the catalog's.
async fn register_menus(bot: &Bot) -> bool {
    let menus = telegram_menus();
    let fingerprint = menus.to_string();
    let stored = bot.hub.adapter_value(Platform::Telegram, MENUS).await;
    if stored.as_ref().ok().and_then(Option::as_deref) == Some(fingerprint.as_str()) {
        return true;
    }
    for menu in menus.as_array().into_iter().flatten() {
        let (Ok(scope), Ok(commands)) = (
            serde_json::from_value::<BotCommandScope>(menu["scope"].clone()),
            serde_json::from_value::<Vec<BotCommand>>(menu["commands"].clone()),
        ) else {
            tracing::error!(%menu, "a command menu teloxide cannot read");
            return false;
        };
        let language = menu["language_code"].as_str().unwrap_or("en").to_owned();
        let sent = bot
            .api
            .set_my_commands(commands)
            .scope(scope)
            .language_code(language)
            .await;
        if let Err(error) = sent {
            tracing::warn!(
                error = bot.scrubbed(&error),
                "cannot register the command menu, trying again later"
            );
            return false;
        }
    }
    if let Err(error) = bot
        .hub
        .set_adapter_value(Platform::Telegram, MENUS, &fingerprint)
        .await
    {
        tracing::warn!(%error, "cannot remember the registered command menu");
    }
    true
}

/// The administrators of every community chat; `None` when one could not be read.
async fn read_administrators(bot: &Bot) -> Option<HashSet<i64>> {
    let mut found = HashSet::new();
    for chat in bot.community_chats() {
        match bot.api.get_chat_administrators(ChatId(chat)).await {
            Ok(members) => found.extend(
                members
                    .iter()
                    .filter(|member| !member.user.is_bot)
                    .map(|member| member.user.id.0 as i64),
            ),
            Err(error) => {
                tracing::warn!(
                    error = bot.scrubbed(&error),
                    chat,
                    "cannot read a chat's administrators"
                );
                return None;
            }
        }
    }
    Some(found)
}
