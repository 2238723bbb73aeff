//! Passerelle on Matrix: a bot account that serves one community's rooms through the hub.
//!
//! [`run`] logs in (or resumes the stored session), joins the community's rooms, then
//! syncs: each timeline event goes through [`translate`] to the hub, and the hub's replies
//! through [`render`] back to the room (`passerelle_runtime::incoming`); the runtime's
//! outbox worker sends what the hub queued, through [`deliver`].
//! The sync position is saved in the database only once a batch is handled, and the hub
//! records each event it handled with its effects, so a crash neither loses messages nor
//! answers one twice.
//!
//! Several processes on one PostgreSQL database run the bot one at a time (a lease):
//! each is its own device, with its own store folder; the others [`stand_by`], keeping
//! their device current, and the one that takes over syncs on from the saved position
//! once it has read what was sent to its own device ([`takeover`]).

mod bot;
mod deliver;
mod memory;
pub mod render;
mod session;
pub mod settings;
mod takeover;
pub mod translate;

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use matrix_sdk::config::SyncSettings;
use matrix_sdk::ruma::api::client::filter::FilterDefinition;
use matrix_sdk::ruma::api::client::sync::sync_events::v3::Filter;
use matrix_sdk::ruma::{OwnedRoomId, UInt};
use matrix_sdk::sync::SyncResponse;
use matrix_sdk::{Client, RoomState};
use passerelle_core::Hub;
use passerelle_core::model::Platform;
use passerelle_runtime::Outbox;
use tokio::sync::{Notify, watch};

pub use settings::{Secrets, Settings};
pub use takeover::stand_by;

use crate::bot::{Bot, Levels, Rooms};
use crate::translate::BotNames;

/// How long one sync request waits for news on the server.
const SYNC_TIMEOUT: Duration = Duration::from_secs(30);
/// How many events per room a sync returns at most (the server's default is 10): what
/// arrives while the bot is down is read from there.
const TIMELINE_LIMIT: u32 = 100;
/// How many times joining a room is tried before giving up on it.
const JOIN_TRIES: u32 = 6;

/// Runs the bot for `hub` until `shutdown` flips to true. Calls `ready` with the bot's
/// Matrix ID once it has joined the community's rooms and synced.
pub async fn run(
    hub: Hub,
    settings: Settings,
    secrets: Secrets,
    mut shutdown: watch::Receiver<bool>,
    ready: impl FnOnce(&str),
) -> anyhow::Result<()> {
    let (client, _lock, memory) = takeover::connect_caught_up(&hub, &settings, &secrets).await?;
    let rooms = join_community_rooms(&client, &hub).await?;
    let display_name = client.account().get_display_name().await.ok().flatten();
    let bot = Arc::new(Bot {
        names: BotNames {
            user_id: settings.user.clone(),
            display_name,
        },
        client: client.clone(),
        hub,
        settings,
        memory: memory.clone(),
        rooms,
        wake: Arc::new(Notify::new()),
        levels: Levels::default(),
    });

    let mut since = memory.since().await?;
    if since.is_none() {
        // The first start: what was said before is history, not questions for the bot.
        let response = client
            .sync_once(sync_settings(None, Duration::ZERO, TIMELINE_LIMIT))
            .await
            .context("the first Matrix sync failed")?;
        accept_invites(&bot, &response);
        memory.set_since(&response.next_batch).await?;
        since = Some(response.next_batch);
    }
    ready(bot.user_id().as_str());

    let worker = format!("matrix-{}", std::process::id());
    let outbox =
        Outbox::new(bot.hub.clone(), Platform::Matrix, worker).pacing(bot.settings.pacing.clone());
    let outbox = tokio::spawn(outbox.run(
        deliver::Delivery(bot.clone()),
        bot.wake.clone(),
        shutdown.clone(),
    ));
    let mut backoff = Duration::from_secs(1);
    while !*shutdown.borrow_and_update() {
        let request = client.sync_once(sync_settings(since.clone(), SYNC_TIMEOUT, TIMELINE_LIMIT));
        let response = tokio::select! {
            response = request => response,
            _ = shutdown.changed() => break,
        };
        match response {
            Ok(response) => {
                backoff = Duration::from_secs(1);
                handle_sync(&bot, &response).await?;
                memory.set_since(&response.next_batch).await?;
                since = Some(response.next_batch);
            }
            Err(error) if is_logged_out(&error) => return Err(session_ended(error)),
            Err(error) => {
                tracing::warn!(%error, ?backoff, "Matrix sync failed, trying again");
                back_off(&mut backoff, &mut shutdown).await;
            }
        }
    }
    outbox.await.context("the Matrix outbox worker panicked")?;
    Ok(())
}

/// A standing-by sync: the rooms' state and the device's messages, one event of timeline.
fn standing_by(since: Option<String>, timeout: Duration) -> SyncSettings {
    sync_settings(since, timeout, 1)
}

fn sync_settings(since: Option<String>, timeout: Duration, limit: u32) -> SyncSettings {
    let mut filter = FilterDefinition::default();
    filter.room.timeline.limit = Some(UInt::from(limit));
    let settings = SyncSettings::default()
        .filter(Filter::FilterDefinition(filter))
        .timeout(timeout);
    match since {
        Some(token) => settings.token(token),
        None => settings,
    }
}

/// Waits `backoff` after a failed sync (less if `signal` changes meanwhile), then
/// doubles it, up to a minute.
async fn back_off(backoff: &mut Duration, signal: &mut watch::Receiver<bool>) {
    tokio::select! {
        () = tokio::time::sleep(*backoff) => {}
        _ = signal.changed() => {}
    }
    *backoff = (*backoff * 2).min(Duration::from_secs(60));
}

/// `error`, the server having ended the bot's session: nothing to try again.
fn session_ended(error: matrix_sdk::Error) -> anyhow::Error {
    anyhow::Error::new(error).context("the homeserver ended the bot's Matrix session")
}

fn is_logged_out(error: &matrix_sdk::Error) -> bool {
    use matrix_sdk::ruma::api::error::ErrorKind;
    matches!(
        error.client_api_error_kind(),
        Some(ErrorKind::UnknownToken(_))
    )
}

/// Handles a sync batch: invites, then each joined room's timeline in order.
async fn handle_sync(bot: &Arc<Bot>, response: &SyncResponse) -> anyhow::Result<()> {
    accept_invites(bot, response);
    for (room_id, update) in &response.rooms.joined {
        let Some(room) = bot.client.get_room(room_id) else {
            continue;
        };
        // A room new to the bot is "limited" too; a full batch is what tells of a gap.
        if update.timeline.limited && update.timeline.events.len() >= TIMELINE_LIMIT as usize {
            tracing::warn!(room = %room_id, "more happened while the bot was away than one sync returns; the oldest events are skipped");
        }
        // Power levels changed in the timeline, or maybe in a gap before it: the levels
        // read so far may be out of date. (The client's store has the new ones already.)
        if update.timeline.limited
            || update
                .timeline
                .events
                .iter()
                .any(|event| translate::changes_power_levels(event.raw()))
        {
            bot.levels.forget();
        }
        // A community room the bot just joined: what was said before is not for it.
        let skip = match bot.rooms.configured(room_id) {
            Some(_) => translate::own_join(
                update.timeline.events.iter().map(|event| event.raw()),
                bot.user_id(),
            )
            .map_or(0, |at| at + 1),
            None => 0,
        };
        for event in &update.timeline.events[skip..] {
            bot.handle(&room, event).await?;
        }
    }
    Ok(())
}

/// Accepts, in the background and with retries, the invites from allowed servers and
/// users; declines the others.
fn accept_invites(bot: &Arc<Bot>, response: &SyncResponse) {
    for room_id in response.rooms.invited.keys() {
        let bot = bot.clone();
        let room_id = room_id.clone();
        tokio::spawn(async move {
            if let Err(error) = answer_invite(&bot, &room_id).await {
                tracing::warn!(%error, room = %room_id, "could not answer an invite");
            }
        });
    }
}

async fn answer_invite(bot: &Bot, room_id: &OwnedRoomId) -> anyhow::Result<()> {
    let Some(room) = bot.client.get_room(room_id) else {
        return Ok(());
    };
    if room.state() != RoomState::Invited {
        return Ok(());
    }
    let inviter = room.invite_details().await?.inviter_id;
    if !bot.settings.invite_allowed(inviter.as_str()) {
        tracing::info!(%inviter, room = %room_id, "invite declined: not from an allowed server or user");
        room.leave().await?;
        return Ok(());
    }
    join_with_retries(&bot.client, room_id.as_str()).await?;
    tracing::info!(%inviter, room = %room_id, "invite accepted");
    Ok(())
}

/// Joins a room by ID or alias, trying again for a while: an invite can arrive before
/// the homeserver lets the join through.
async fn join_with_retries(client: &Client, room: &str) -> anyhow::Result<OwnedRoomId> {
    let mut wait = Duration::from_millis(500);
    let mut tries = 0;
    loop {
        tries += 1;
        let id = bot::resolve(client, room).await;
        let joined = match id {
            Ok(id) => client
                .join_room_by_id(&id)
                .await
                .map(|room| room.room_id().to_owned()),
            Err(error) => Err(error),
        };
        match joined {
            Ok(id) => return Ok(id),
            Err(error) if tries < JOIN_TRIES => {
                tracing::info!(%error, room, ?wait, "cannot join yet, trying again");
                tokio::time::sleep(wait).await;
                wait *= 2;
            }
            Err(error) => {
                return Err(error).with_context(|| format!("cannot join the Matrix room {room}"));
            }
        }
    }
}

/// Joins every Matrix room of the community (resolving aliases), and maps each to the
/// name the config gives it.
async fn join_community_rooms(client: &Client, hub: &Hub) -> anyhow::Result<Rooms> {
    let mut rooms = Rooms::default();
    for room in &hub.community().rooms {
        if room.platform != Platform::Matrix {
            continue;
        }
        let already = match bot::resolve(client, &room.id).await {
            Ok(id) => client
                .get_room(&id)
                .filter(|found| found.state() == RoomState::Joined)
                .map(|_| id),
            Err(_) => None,
        };
        let id = match already {
            Some(id) => id,
            None => join_with_retries(client, &room.id).await?,
        };
        rooms.insert(&room.id, id);
    }
    Ok(rooms)
}
