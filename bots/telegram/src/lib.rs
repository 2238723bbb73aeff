//! Passerelle on Telegram: the hub as a Telegram bot, on teloxide 0.17.
//!
//! [`settings`] reads `[telegram]`, [`render`] writes the hub's messages as Telegram
//! HTML cut to Telegram's length, [`translate`] reads updates, [`classify`] reads a
//! failed call for the outbox, [`bot`] sends and builds `Incoming`s, [`chats`] knows the
//! community's chats and topics and which ones Telegram asked to wait for, [`deliver`]
//! is the outbox's adapter, [`upkeep`] keeps the command menu and the chats'
//! administrators current. [`run`] starts the outbox's worker and takes updates, by
//! long polling ([`poll`]) or by webhook ([`webhook`]): each update handled in order and
//! only then acknowledged, so a crash replays it and the hub's handled events stop
//! double answers.

pub mod bot;
pub mod chats;
pub mod classify;
pub mod deliver;
mod poll;
pub mod render;
pub mod settings;
pub mod translate;
pub mod upkeep;
pub mod webhook;

use std::sync::Arc;

use passerelle_core::Hub;
use passerelle_core::model::Platform;
use passerelle_runtime::Outbox;
use passerelle_runtime::hooks::Hooks;
use teloxide::prelude::Requester;
use teloxide::types::{AllowedUpdate, Update, UpdateKind};
use tokio::sync::{Notify, watch};

pub use settings::{Mode, Settings, Token};

use crate::bot::{Bot, Reply};
use crate::translate::{Seen, seen};

/// The updates the bot asks for, by poll or by webhook.
const ALLOWED_UPDATES: [AllowedUpdate; 4] = [
    AllowedUpdate::Message,
    AllowedUpdate::CallbackQuery,
    AllowedUpdate::ChatMember,
    AllowedUpdate::ChatJoinRequest,
];

/// Runs the bot for `hub` until `shutdown` flips to true; calls `ready` with its
/// `@username` once Telegram said who it is. In webhook mode, its hook is mounted on
/// `hooks`, where the web server finds it.
pub async fn run(
    hub: Hub,
    settings: Settings,
    token: Token,
    hooks: Hooks,
    shutdown: watch::Receiver<bool>,
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
    ready(&bot.username);
    let worker = format!("telegram-{}", std::process::id());
    let outbox = Outbox::new(bot.hub.clone(), Platform::Telegram, worker)
        .pacing(bot.settings.pacing.clone());
    let outbox = tokio::spawn(outbox.run(
        deliver::Delivery(bot.clone()),
        bot.wake.clone(),
        shutdown.clone(),
    ));
    let taken = match (bot.settings.mode, bot.settings.public_url.clone()) {
        (Mode::Polling, _) => poll::run(&bot, shutdown).await,
        (Mode::Webhook, Some(public_url)) => {
            webhook::serve(&bot, &hooks, &public_url, shutdown).await
        }
        (Mode::Webhook, None) => {
            Err("mode = \"webhook\" needs [http] with public_url, where Telegram posts".into())
        }
    };
    if taken.is_ok() {
        let _ = outbox.await;
    } else {
        // The process stops the others; the outbox's rows wait for the next start.
        outbox.abort();
    }
    taken
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
pub(crate) async fn handle(bot: &Bot, update: &Update) {
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
