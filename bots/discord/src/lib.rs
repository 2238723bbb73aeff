//! Passerelle on Discord: the hub as a Discord application, the gateway on serenity
//! 0.12 and REST through a small client of its own.
//!
//! [`settings`] reads `[discord]`; [`render`] writes the hub's messages as Discord
//! markdown cut to 2,000 characters; [`translate`] reads slash commands, autocomplete
//! and members (pure); [`rest`] calls Discord's HTTP API and reads its refusals whole,
//! [`classify`] decides what the outbox does with them; [`bot`] writes messages (buttons
//! carrying stored keys, pings only for the members named); [`interaction`] answers an
//! interaction within Discord's 3 s (or defers); [`gateway`] turns the gateway's events
//! into the hub's; [`endpoint`] takes interactions Discord posts over HTTP, signed; [`deliver`] is the outbox's adapter; [`commands`] registers the
//! catalog's slash commands when they changed; [`scheduled`] mirrors hub events as the
//! guild's scheduled events. [`run`] starts it all, or a [`Part`] of it.

pub mod bot;
pub mod classify;
pub mod commands;
pub mod deliver;
pub mod endpoint;
pub mod gateway;
pub mod interaction;
pub mod render;
pub mod rest;
pub mod scheduled;
pub mod settings;
pub mod translate;

use std::sync::{Arc, Mutex};

use passerelle_core::Hub;
use passerelle_core::model::Platform;
use passerelle_runtime::Outbox;
use passerelle_runtime::hooks::Hooks;
use serenity::all::{ClientBuilder, GatewayIntents, HttpBuilder};
use tokio::sync::watch;

pub use bot::Signals;
pub use settings::{Interactions, Settings, Token};

use crate::bot::Bot;
use crate::rest::Rest;

/// The gateway intents the bot asks for; server members and message content are
/// privileged, switched on in the developer portal.
pub fn intents(settings: &Settings) -> GatewayIntents {
    let mut intents = GatewayIntents::GUILDS
        | GatewayIntents::GUILD_MEMBERS
        | GatewayIntents::GUILD_MESSAGES
        | GatewayIntents::DIRECT_MESSAGES
        | GatewayIntents::GUILD_SCHEDULED_EVENTS;
    if settings.text_commands {
        intents |= GatewayIntents::MESSAGE_CONTENT;
    }
    intents
}

/// Which part of the bot a process runs. One process runs it whole. Several on one
/// database with interactions over HTTP run the gateway (with the commands' registration
/// and the scheduled events' mirror) in one of them at a time, under a lease, and the
/// interactions endpoint with the outbox in every one: Discord posts each interaction to
/// any of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Whole,
    Gateway,
    Endpoint,
}

/// What the bot shares with the rest of its process: the web server's hooks, where the
/// endpoint is mounted with interactions over HTTP, and the signals between its parts.
#[derive(Debug, Clone, Default)]
pub struct InProcess {
    pub hooks: Hooks,
    pub signals: Signals,
}

/// Runs `part` of the bot for `hub` until `shutdown` flips to true; calls `ready` with
/// its `name#id` once the gateway said who it is (the endpoint: its name, once mounted).
pub async fn run(
    hub: Hub,
    settings: Settings,
    token: Token,
    part: Part,
    process: InProcess,
    mut shutdown: watch::Receiver<bool>,
    ready: impl FnOnce(&str) + Send + 'static,
) -> Result<(), String> {
    let rest = Rest::new(&settings.api_url, token.clone());
    let me = rest
        .get("/users/@me")
        .await
        .map_err(|error| format!("Discord did not accept the bot: {error}"))?;
    let user_id = bot::message_id(&me).map_err(|error| error.to_string())?;
    let InProcess { hooks, signals } = process;
    let bot = Arc::new(Bot::new(rest, hub, settings, user_id, signals));
    let endpoint = match (part, bot.settings.interactions, &bot.settings.public_key) {
        (Part::Gateway, _, _) | (_, Interactions::Gateway, _) => false,
        (_, Interactions::Http, None) => {
            return Err("interactions = \"http\" needs public_key".into());
        }
        (_, Interactions::Http, Some(key)) => {
            let handler = Arc::new(gateway::Handler {
                bot: bot.clone(),
                on_ready: Mutex::new(None),
            });
            endpoint::mount(&hooks, handler, endpoint::Verifier::new(key)?);
            true
        }
    };
    let outbox = (part != Part::Gateway).then(|| {
        let worker = format!("discord-{}", std::process::id());
        let outbox = Outbox::new(bot.hub.clone(), Platform::Discord, worker)
            .pacing(bot.settings.pacing.clone());
        tokio::spawn(outbox.run(
            deliver::Delivery(bot.clone()),
            bot.wake.clone(),
            shutdown.clone(),
        ))
    });
    let result = match part {
        Part::Endpoint => {
            ready(me["username"].as_str().unwrap_or("the bot"));
            while !*shutdown.borrow_and_update() {
                if shutdown.changed().await.is_err() {
                    break;
                }
            }
            Ok(())
        }
        Part::Whole | Part::Gateway => gateway(&bot, &token, shutdown, ready).await,
    };
    if endpoint {
        hooks.unmount(endpoint::HOOK);
    }
    if let Some(outbox) = outbox {
        if result.is_ok() {
            let _ = outbox.await;
        } else {
            // The process stops the others; the outbox's rows wait for the next start.
            outbox.abort();
        }
    }
    result
}

/// Registers the commands, then runs the gateway session (and the scheduled events'
/// mirror) until `shutdown`.
async fn gateway(
    bot: &Arc<Bot>,
    token: &Token,
    mut shutdown: watch::Receiver<bool>,
    ready: impl FnOnce(&str) + Send + 'static,
) -> Result<(), String> {
    commands::register(bot).await;
    // serenity asks `GET /gateway` as it starts: a call against the global limit too.
    bot.rest.admit("/gateway").await;
    let mut http = HttpBuilder::new(token.expose());
    if bot.settings.api_url != settings::DISCORD_API {
        // Another server speaking Discord's API: serenity's rate limiter would bypass
        // it, and our outbox paces and retries anyway.
        http = http.proxy(&bot.settings.api_url).ratelimiter_disabled(true);
    }
    let handler = gateway::Handler {
        bot: bot.clone(),
        on_ready: Mutex::new(Some(Box::new(ready))),
    };
    let mut client = ClientBuilder::new_with_http(http.build(), intents(&bot.settings))
        .event_handler(handler)
        .await
        .map_err(|error| {
            format!(
                "cannot start the Discord gateway: {}",
                token.scrub(&error.to_string())
            )
        })?;
    let shards = client.shard_manager.clone();
    let calendar = bot
        .settings
        .scheduled_events
        .then(|| tokio::spawn(mirror_events(bot.clone(), shutdown.clone())));
    let result = tokio::select! {
        ended = client.start() => ended.map_err(|error| {
            format!("the Discord gateway stopped: {}", token.scrub(&error.to_string()))
        }),
        _ = shutdown.changed() => Ok(()),
    };
    shards.shutdown_all().await;
    if let Some(calendar) = calendar {
        calendar.abort();
    }
    result
}

/// How often the scheduled events are checked against the hub when nothing woke them
/// (dates pass, series move on).
const MIRROR_EVERY: std::time::Duration = std::time::Duration::from_secs(60);

/// Keeps the guild's scheduled events in line with the hub until `shutdown`.
async fn mirror_events(bot: Arc<Bot>, mut shutdown: watch::Receiver<bool>) {
    while !*shutdown.borrow_and_update() {
        scheduled::sync(&bot).await;
        tokio::select! {
            () = bot.calendar.notified() => {
                // A burst of answers changes one event many times: once is enough.
                tokio::time::sleep(std::time::Duration::from_millis(300)).await;
            }
            () = tokio::time::sleep(MIRROR_EVERY) => {}
            _ = shutdown.changed() => {}
        }
    }
}
