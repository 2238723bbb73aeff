//! A fake Discord, for running the real bot (serenity 0.12.5) against it in tests: the REST
//! API v10 over HTTP and the gateway over WebSocket, both on `127.0.0.1`, speaking Discord's
//! documented JSON (checked against serenity's model types), every REST call recorded with
//! its answer and how long it took, and the failures Discord really gives injected on demand
//! (429 with its headers, 403, 5xx, slow answers, dropped connections, dropped gateways),
//! and, when a test asks ([`FakeDiscord::keep_limits`]), Discord's rate limits.
//!
//! The bot is pointed at it with serenity's proxy setting, which replaces
//! `https://discord.com` in every REST URL by [`FakeDiscord::url`]:
//! `HttpBuilder::new(token).proxy(fake.url()).ratelimiter_disabled(true)` (the rate limiter
//! would bypass the proxy), then `ClientBuilder::new_with_http(http, intents)`. serenity asks
//! `GET /api/v10/gateway` for the gateway's address and connects there.
//!
//! A test starts it with [`FakeDiscord::start`], waits for the bot with
//! [`FakeDiscord::wait_ready`], dispatches events made by the builders ([`message_create`],
//! [`slash_command`], …) with [`FakeDiscord::dispatch`], and awaits the bot's calls with
//! [`FakeDiscord::wait_for`] by route (`"POST /channels/{id}/messages"`).

mod api;
mod body;
mod call;
mod commands;
mod compose;
mod endpoint;
mod events;
mod failure;
mod gateway;
mod guild;
mod ids;
mod interactions;
mod learn;
mod limits;
mod messages;
mod objects;
mod payloads;
mod read;
mod rest;
mod server;
mod session;
mod state;
mod validate;

#[cfg(test)]
mod tests;

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex, MutexGuard};

use serde_json::Value;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::http;
use crate::record::{Recorder, lock};

pub use call::Call;
pub use endpoint::Posted;
pub use failure::Failure;
pub use limits::{Limits, Rate};
pub use objects::{BOT_PERMISSIONS, MEMBER_PERMISSIONS};
pub use payloads::{
    User, autocomplete, button_press, interaction_id, member_add, message_create,
    scheduled_event_user, slash_command,
};
pub use read::{buttons, content};

use failure::Reply;
use state::{Config, State};

/// The fake's one guild: its ID and name, its text channels and its roles (besides
/// `@everyone`, whose ID is the guild's), as (ID, name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Guild {
    pub id: u64,
    pub name: String,
    pub channels: Vec<(u64, String)>,
    pub roles: Vec<(u64, String)>,
}

/// What the server tasks and the test share.
#[derive(Debug)]
pub(crate) struct Shared {
    config: Config,
    state: Mutex<State>,
    /// Every REST call answered: wakes [`FakeDiscord::wait_for`].
    calls: Recorder<Call>,
    /// Bumped at each change of the gateway's session: wakes connections and waiters.
    gateway: watch::Sender<u64>,
}

impl Shared {
    fn state(&self) -> MutexGuard<'_, State> {
        lock(&self.state)
    }

    fn bump(&self) {
        self.gateway.send_modify(|version| *version += 1);
    }

    /// Runs a REST handler under the lock; what it dispatched is then written out.
    fn answer(&self, handler: impl FnOnce(&Config, &mut State) -> Reply) -> Reply {
        let reply = handler(&self.config, &mut self.state());
        self.bump();
        reply
    }
}

/// The running fake; it stops, dropping every connection, when dropped.
#[derive(Debug)]
pub struct FakeDiscord {
    shared: Arc<Shared>,
    address: SocketAddr,
    tasks: Vec<JoinHandle<()>>,
}

impl Drop for FakeDiscord {
    fn drop(&mut self) {
        for task in &self.tasks {
            task.abort();
        }
    }
}

impl FakeDiscord {
    /// A Discord with the bot user of the application `application_id` (same ID, username
    /// `Passerelle`), whose token is `token`, in one guild `guild`.
    pub async fn start(
        token: &str,
        application_id: u64,
        guild: Guild,
    ) -> std::io::Result<FakeDiscord> {
        let rest = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await?;
        let websocket = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await?;
        let address = rest.local_addr()?;
        let config = Config {
            token: token.to_owned(),
            application_id,
            bot: objects::user(application_id, "Passerelle", true),
            owner: guild.id ^ 0x0f0f,
            guild,
            joined_at: objects::now(),
            gateway_url: format!("ws://{}", websocket.local_addr()?),
        };
        let shared = Arc::new(Shared {
            state: Mutex::new(State::new(&config)),
            config,
            calls: Recorder::new(),
            gateway: watch::Sender::new(0),
        });
        let tasks = vec![
            tokio::spawn(http::serve(rest, shared.clone(), server::handle)),
            tokio::spawn(gateway::serve(websocket, shared.clone())),
        ];
        Ok(FakeDiscord {
            shared,
            address,
            tasks,
        })
    }

    /// `http://127.0.0.1:<port>`, no trailing slash: what the bot gives serenity as its
    /// proxy (serenity puts it where `https://discord.com` was, so REST goes to
    /// `{url}/api/v10/…`), and as our `api_url`.
    pub fn url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// `ws://127.0.0.1:<port>`, the gateway, as `GET /gateway` gives it.
    pub fn gateway_url(&self) -> String {
        self.shared.config.gateway_url.clone()
    }

    pub fn token(&self) -> &str {
        &self.shared.config.token
    }

    /// The bot's user object (as in messages it sends).
    pub fn bot_user(&self) -> Value {
        self.shared.config.bot.clone()
    }

    /// The guild's ID.
    pub fn guild_id(&self) -> u64 {
        self.shared.config.guild.id
    }
}
