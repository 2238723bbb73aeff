//! Passerelle on Telegram: the hub as a Telegram bot, on teloxide 0.17.
//!
//! [`settings`] reads `[telegram]`, [`render`] writes the hub's messages as Telegram
//! HTML cut to Telegram's length, [`translate`] reads updates, [`classify`] reads a
//! failed call for the outbox, [`bot`] sends and builds `Incoming`s, [`chats`] knows the
//! community's chats and topics and which ones Telegram asked to wait for, [`deliver`]
//! is the outbox's adapter, [`upkeep`] keeps the command menu and the chats'
//! administrators current. [`run`] is the loop: long polling from the offset kept in
//! the store, each update handled in order and only then acknowledged, so a crash
//! replays it and the hub's handled events stop double answers.

pub mod bot;
pub mod chats;
pub mod classify;
pub mod deliver;
pub mod render;
pub mod settings;
pub mod translate;
pub mod upkeep;

use std::future::IntoFuture;
use std::sync::Arc;
use std::time::Duration;

use chrono::TimeDelta;
use passerelle_core::Hub;
use passerelle_core::model::Platform;
use passerelle_runtime::Outbox;
use teloxide::payloads::GetUpdatesSetters;
use teloxide::prelude::Requester;
use teloxide::types::{AllowedUpdate, Update, UpdateKind};
use tokio::sync::{Notify, watch};

pub use settings::{Settings, Token};

use crate::bot::{Bot, Reply};
use crate::translate::{Seen, seen};

/// How long one `getUpdates` waits for news: under the 17 s after which teloxide's
/// HTTP client gives up on a request (`teloxide::net::default_reqwest_settings`), or an
/// idle poll would end as a network error every time.
const POLL_TIMEOUT: u32 = 10;
/// How many updates `getUpdates` gives at most (Telegram's default limit).
const BATCH: usize = 100;
/// Where the bot keeps the next update it has not handled.
const OFFSET: &str = "update_offset";
/// At the very first start, what is older than this is history, not questions.
const STALE: TimeDelta = TimeDelta::minutes(5);

/// Runs the bot for `hub` until `shutdown` flips to true; calls `ready` with its
/// `@username` once Telegram said who it is.
pub async fn run(
    hub: Hub,
    settings: Settings,
    token: Token,
    mut shutdown: watch::Receiver<bool>,
    ready: impl FnOnce(&str),
) -> Result<(), String> {
    chats::check_rooms(&hub.community().rooms)?;
    let url = settings
        .api_url
        .parse()
        .map_err(|error| format!("api_url `{}`: {error}", settings.api_url))?;
    let api = teloxide::Bot::new(token.expose()).set_api_url(url);
    let me = api.get_me().await.map_err(|error| {
        format!(
            "Telegram did not accept the bot: {}",
            token.scrub(&error.to_string())
        )
    })?;
    let bot = Arc::new(Bot {
        api,
        hub,
        settings,
        username: me.username().to_owned(),
        token,
        upkeep: upkeep::Upkeep::default(),
        wake: Arc::new(Notify::new()),
        holds: chats::Holds::default(),
    });
    let stored = bot
        .hub
        .adapter_value(Platform::Telegram, OFFSET)
        .await
        .map_err(|error| error.to_string())?;
    let first_start = stored.is_none();
    let mut offset: i32 = stored.and_then(|offset| offset.parse().ok()).unwrap_or(0);
    ready(&bot.username);

    let worker = format!("telegram-{}", std::process::id());
    let outbox = Outbox::new(bot.hub.clone(), Platform::Telegram, worker)
        .pacing(bot.settings.pacing.clone());
    let wake = bot.wake.clone();
    let outbox = tokio::spawn(outbox.run(
        deliver::Delivery(bot.clone()),
        wake.clone(),
        shutdown.clone(),
    ));
    let mut backoff = Duration::from_secs(1);
    while !*shutdown.borrow_and_update() {
        upkeep::Upkeep::run(&bot).await;
        let request = bot
            .api
            .get_updates()
            .offset(offset)
            .timeout(POLL_TIMEOUT)
            .allowed_updates([
                AllowedUpdate::Message,
                AllowedUpdate::CallbackQuery,
                AllowedUpdate::ChatMember,
                AllowedUpdate::ChatJoinRequest,
            ]);
        let updates = tokio::select! {
            updates = request.into_future() => updates,
            _ = shutdown.changed() => break,
        };
        match updates {
            Ok(updates) => {
                backoff = Duration::from_secs(1);
                // Fewer than a full batch: nothing else waits at Telegram.
                let caught_up = updates.len() < BATCH;
                for update in updates {
                    let next = i32::try_from(update.id.0)
                        .unwrap_or(i32::MAX)
                        .saturating_add(1);
                    if !(first_start && is_stale(&update)) {
                        handle(&bot, &update).await;
                    }
                    // Acknowledged only once handled: a crash before this replays it.
                    offset = next;
                    if let Err(error) = bot
                        .hub
                        .set_adapter_value(Platform::Telegram, OFFSET, &offset.to_string())
                        .await
                    {
                        tracing::warn!(%error, "cannot keep the Telegram update offset");
                    }
                }
                wake.notify_one();
                if caught_up {
                    upkeep::decline_unhandled(&bot).await;
                }
            }
            Err(error) => {
                tracing::warn!(
                    error = bot.scrubbed(&error),
                    ?backoff,
                    "getUpdates failed, trying again"
                );
                tokio::select! {
                    () = tokio::time::sleep(backoff) => {}
                    _ = shutdown.changed() => {}
                }
                backoff = (backoff * 2).min(Duration::from_secs(60));
            }
        }
    }
    let _ = outbox.await;
    Ok(())
}

/// Whether `update` was written before the bot's very first start, long enough ago to
/// be history.
fn is_stale(update: &Update) -> bool {
    let date = match &update.kind {
        UpdateKind::Message(message) => message.date,
        UpdateKind::ChatMember(change) => change.date,
        UpdateKind::ChatJoinRequest(request) => request.date,
        _ => return false,
    };
    passerelle_runtime::now() - date > STALE
}

/// The member who wrote to the bot in private (so it may write to them now).
fn opened_private(seen: &Seen) -> Option<i64> {
    match seen {
        Seen::Text { chat, from, .. } if chat.private => Some(from.id),
        Seen::Pressed {
            chat: Some(chat),
            from,
            ..
        } if chat.private => Some(from.id),
        _ => None,
    }
}

/// Hands one update to the hub and sends its replies where it came from.
async fn handle(bot: &Bot, update: &Update) {
    let Some(seen) = seen(update, &bot.username) else {
        return;
    };
    if let Some(user) = opened_private(&seen) {
        match bot
            .hub
            .opened_private(
                Platform::Telegram,
                &user.to_string(),
                passerelle_runtime::now(),
            )
            .await
        {
            Ok(0) => {}
            Ok(_) => bot.wake.notify_one(),
            Err(error) => {
                tracing::warn!(%error, "cannot bring a member's private messages forward")
            }
        }
    }
    if matches!(update.kind, UpdateKind::ChatMember(_)) {
        // Someone may have become or stopped being an administrator.
        bot.upkeep.forget_administrators();
    }
    let now = passerelle_runtime::now();
    let to = match &seen {
        Seen::Text { chat, message, .. } => Bot::reply_place(chat, Some(*message)),
        Seen::Pressed {
            chat: Some(chat), ..
        } => Bot::reply_place(chat, None),
        Seen::Pressed { from, .. } => bot::To {
            chat: from.id,
            topic: None,
            reply_to: None,
        },
        Seen::Joined { chat, .. } | Seen::Left { chat, .. } => bot::To {
            chat: *chat,
            topic: None,
            reply_to: None,
        },
        // Nothing is said where a join request came from: it was no message.
        Seen::JoinRequest { user_chat, .. } => bot::To {
            chat: *user_chat,
            topic: None,
            reply_to: None,
        },
    };
    let mut press = match &seen {
        Seen::Pressed { query, .. } => Some(query.clone()),
        _ => None,
    };
    for incoming in bot.incoming(update.id.0, &seen).await {
        let mut here = Reply {
            bot,
            to,
            now,
            press: press.take(),
        };
        let handled =
            passerelle_runtime::incoming::handle(&bot.hub, &incoming, now, &mut here).await;
        if let Some(error) = handled.error {
            tracing::warn!(%error, update = update.id.0, "the hub failed on an update");
        }
    }
    // A press the hub had nothing for (a key it never gave) is answered all the same.
    if let Some(query) = press {
        bot.answer_press(query, None).await;
    }
}
