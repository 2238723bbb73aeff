//! Updates by long polling (`mode = "polling"`, the default): `getUpdates` from the
//! offset kept in the store, each update handled in order and only then acknowledged.
//! A webhook left set (from the webhook mode) is taken away first, or every poll would
//! get 409.

use std::future::IntoFuture;
use std::sync::Arc;
use std::time::Duration;

use chrono::TimeDelta;
use passerelle_core::model::Platform;
use teloxide::payloads::GetUpdatesSetters;
use teloxide::prelude::Requester;
use teloxide::types::{Update, UpdateKind};
use tokio::sync::watch;

use crate::bot::Bot;
use crate::{ALLOWED_UPDATES, handle, upkeep};

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

/// Polls for `bot` until `shutdown`.
pub(crate) async fn run(bot: &Arc<Bot>, mut shutdown: watch::Receiver<bool>) -> Result<(), String> {
    let stored = bot
        .hub
        .adapter_value(Platform::Telegram, OFFSET)
        .await
        .map_err(|error| error.to_string())?;
    let first_start = stored.is_none();
    let mut offset: i32 = stored.and_then(|offset| offset.parse().ok()).unwrap_or(0);
    take_webhook_away(bot).await;
    let mut backoff = Duration::from_secs(1);
    while !*shutdown.borrow_and_update() {
        upkeep::Upkeep::run(bot).await;
        let request = bot
            .api
            .get_updates()
            .offset(offset)
            .timeout(POLL_TIMEOUT)
            .allowed_updates(ALLOWED_UPDATES);
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
                        handle(bot, &update).await;
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
                bot.wake.notify_one();
                if caught_up {
                    upkeep::decline_unhandled(bot).await;
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
    Ok(())
}

/// Deletes the webhook if one is set (its pending updates kept, for the poll to take).
async fn take_webhook_away(bot: &Bot) {
    match bot.api.get_webhook_info().await {
        Ok(info) if info.url.is_some() => match bot.api.delete_webhook().await {
            Ok(_) => tracing::info!("the Telegram webhook was deleted: the bot polls now"),
            Err(error) => {
                tracing::warn!(
                    error = bot.scrubbed(&error),
                    "cannot delete the Telegram webhook"
                );
            }
        },
        Ok(_) => {}
        Err(error) => {
            tracing::warn!(
                error = bot.scrubbed(&error),
                "cannot read the Telegram webhook"
            );
        }
    }
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
