//! Taking over the bot's sync from another instance: standing by while another holds
//! it, and reading what was sent to this device before syncing on from the shared
//! position. Synapse deletes a device's to-device messages (the room keys of encrypted
//! DMs among them) up to the position it is given: a device that synced straight from
//! the position another device reached would lose what was sent to it meanwhile.

use std::time::Duration;

use anyhow::Context;
use matrix_sdk::Client;
use passerelle_core::Hub;
use tokio::sync::watch;

use crate::memory::Memory;
use crate::session::{self, StoreLock};
use crate::{SYNC_TIMEOUT, Secrets, Settings, back_off, is_logged_out, session_ended, standing_by};

/// Keeps this process's device ready while another process runs the bot on the same
/// database (see [`crate::run`]) until `stop` flips to true: it syncs, handling nothing, so the
/// device's keys are published, the room keys members send it arrive, and the room
/// state is current. When `stop` comes, one last sync takes what arrived meanwhile: the
/// bot's sync, from where the other process left off, would drop it unread. Calls
/// `ready` with the device's ID once its keys are published and it has synced.
pub async fn stand_by(
    hub: &Hub,
    settings: &Settings,
    secrets: &Secrets,
    mut stop: watch::Receiver<bool>,
    ready: impl FnOnce(&str),
) -> anyhow::Result<()> {
    let mut ready = Some(ready);
    let (client, _lock) = session::connect(settings, secrets).await?;
    let memory = Memory::new(hub.clone(), client.clone());
    // The device's own position, for this run only: a restart syncs from the start.
    let mut token = None;
    let mut stopping = false;
    let mut backoff = Duration::from_secs(1);
    loop {
        stopping |= *stop.borrow_and_update();
        let timeout = if stopping {
            Duration::ZERO
        } else {
            SYNC_TIMEOUT
        };
        let request = client.sync_once(standing_by(token.clone(), timeout));
        let response = if stopping {
            request.await
        } else {
            tokio::select! {
                response = request => response,
                changed = stop.changed() => {
                    // A sender gone is a stop too.
                    stopping |= changed.is_err();
                    continue;
                }
            }
        };
        match response {
            Ok(response) if stopping => {
                tracing::debug!(next = response.next_batch, "caught up before taking over");
                if let Some(device) = client.device_id() {
                    memory.set_caught_up(device.as_str()).await?;
                }
                return Ok(());
            }
            Ok(response) => {
                backoff = Duration::from_secs(1);
                token = Some(response.next_batch);
                if let (Some(ready), Some(device)) = (ready.take(), client.device_id()) {
                    ready(device.as_str());
                }
            }
            Err(error) if is_logged_out(&error) => return Err(session_ended(error)),
            Err(error) if stopping => {
                tracing::warn!(%error, "could not catch up before taking over; room keys sent meanwhile may be missing");
                return Ok(());
            }
            Err(error) => {
                tracing::warn!(%error, ?backoff, "Matrix sync failed while standing by, trying again");
                back_off(&mut backoff, &mut stop).await;
            }
        }
    }
}

/// Connects for the run, having read what was sent to this device: unless it wrote the
/// shared position itself or caught up since another did (standing by), it syncs once on
/// its own first, then connects afresh (matrix-sdk ignores a response that ends where
/// the last one it saw ended, which the run's first sync may well do).
pub(crate) async fn connect_caught_up(
    hub: &Hub,
    settings: &Settings,
    secrets: &Secrets,
) -> anyhow::Result<(Client, StoreLock, Memory)> {
    let (client, lock) = session::connect(settings, secrets).await?;
    let memory = Memory::new(hub.clone(), client.clone());
    let device = client
        .device_id()
        .context("the Matrix session has no device")?
        .to_string();
    if memory.caught_up().await?.as_deref() == Some(device.as_str()) {
        return Ok((client, lock, memory));
    }
    if memory.since().await?.is_none() {
        memory.set_caught_up(&device).await?;
        return Ok((client, lock, memory));
    }
    match client.sync_once(standing_by(None, Duration::ZERO)).await {
        Ok(_) => tracing::info!(device, "read this device's messages before taking over"),
        Err(error) if is_logged_out(&error) => return Err(session_ended(error)),
        Err(error) => {
            tracing::warn!(%error, "could not catch up before taking over; room keys sent meanwhile may be missing")
        }
    }
    drop((memory, client, lock));
    let (client, lock) = session::connect(settings, secrets).await?;
    let memory = Memory::new(hub.clone(), client.clone());
    memory.set_caught_up(&device).await?;
    Ok((client, lock, memory))
}
