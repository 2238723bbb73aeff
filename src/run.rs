//! `passerelle run`: every chat adapter the config enables (Matrix, Telegram, Discord), each
//! with its community's hub and reminder scheduler, until Ctrl-C or SIGTERM, or until
//! one stops on an error (which stops the others: supervision comes later).

use anyhow::{Context, bail};
use chrono::Utc;
use passerelle_core::Hub;
use passerelle_core::config::Config;
use passerelle_core::store::Store;
use tokio::sync::watch;
use tokio::task::JoinSet;

/// The adapters a config enables, with their secrets from the environment.
#[derive(Debug, Default)]
pub struct Enabled {
    pub matrix: Option<(passerelle_matrix::Settings, passerelle_matrix::Secrets)>,
    pub telegram: Option<(passerelle_telegram::Settings, passerelle_telegram::Token)>,
    pub discord: Option<(passerelle_discord::Settings, passerelle_discord::Token)>,
}

/// Reads the adapters' sections of the config `text` (from `source`) and their secrets.
pub fn enabled(text: &str, source: &str) -> anyhow::Result<Enabled> {
    let invalid = || format!("{source} is not a valid config");
    let mut enabled = Enabled::default();
    if let Some(matrix) = passerelle_matrix::Settings::from_config(text).with_context(invalid)? {
        let secrets = passerelle_matrix::Secrets::from_env(|name| std::env::var(name).ok())
            .map_err(anyhow::Error::msg)?;
        enabled.matrix = Some((matrix, secrets));
    }
    if let Some(telegram) =
        passerelle_telegram::Settings::from_config(text).with_context(invalid)?
    {
        let Some(token) =
            passerelle_telegram::Token::from_env(passerelle_telegram::settings::TOKEN_VARIABLE)
        else {
            bail!(
                "[telegram] is configured but {} is not set: put the bot's token from BotFather there",
                passerelle_telegram::settings::TOKEN_VARIABLE
            );
        };
        enabled.telegram = Some((telegram, token));
    }
    if let Some(discord) = passerelle_discord::Settings::from_config(text).with_context(invalid)? {
        let Some(token) =
            passerelle_discord::Token::from_env(passerelle_discord::settings::TOKEN_VARIABLE)
        else {
            bail!(
                "[discord] is configured but {} is not set: put the bot's token from the Discord developer portal there",
                passerelle_discord::settings::TOKEN_VARIABLE
            );
        };
        enabled.discord = Some((discord, token));
    }
    if enabled.matrix.is_none() && enabled.telegram.is_none() && enabled.discord.is_none() {
        bail!(
            "no chat adapter is enabled in {source}: add a [matrix], [telegram] or [discord] section (see config/passerelle.example.toml), or try `passerelle console`"
        );
    }
    Ok(enabled)
}

/// Runs what `enabled` holds on the database `url`.
pub async fn run(config: &Config, url: &str, enabled: Enabled) -> anyhow::Result<()> {
    let store = Store::open(url).await?;
    let (stop, shutdown) = watch::channel(false);
    let mut tasks: JoinSet<anyhow::Result<()>> = JoinSet::new();
    if let Some((settings, secrets)) = enabled.matrix {
        let hub = hub(config, &store, settings.community.as_deref()).await?;
        schedule_reminders(&mut tasks, &hub, "matrix", &shutdown);
        let shutdown = shutdown.clone();
        tasks.spawn(async move {
            passerelle_matrix::run(hub, settings, secrets, shutdown, |user| {
                println!("Matrix: listening as {user}");
            })
            .await
        });
    }
    if let Some((settings, token)) = enabled.telegram {
        let hub = hub(config, &store, settings.community.as_deref()).await?;
        schedule_reminders(&mut tasks, &hub, "telegram", &shutdown);
        let shutdown = shutdown.clone();
        tasks.spawn(async move {
            passerelle_telegram::run(hub, settings, token, shutdown, |username| {
                println!("Telegram: listening as @{username}");
            })
            .await
            .map_err(anyhow::Error::msg)
        });
    }
    if let Some((settings, token)) = enabled.discord {
        let hub = hub(config, &store, settings.community.as_deref()).await?;
        schedule_reminders(&mut tasks, &hub, "discord", &shutdown);
        let shutdown = shutdown.clone();
        tasks.spawn(async move {
            passerelle_discord::run(hub, settings, token, shutdown, |name| {
                println!("Discord: listening as {name}");
            })
            .await
            .map_err(anyhow::Error::msg)
        });
    }
    let first = tokio::select! {
        ended = tasks.join_next() => ended,
        () = crate::cli::stop_signal() => {
            eprintln!("stopping…");
            None
        }
    };
    let _ = stop.send(true);
    let mut result = match first {
        Some(ended) => ended.context("an adapter panicked")?,
        None => Ok(()),
    };
    while let Some(ended) = tasks.join_next().await {
        let ended = ended.context("an adapter panicked")?;
        if result.is_ok() {
            result = ended;
        }
    }
    store.close().await;
    result
}

async fn hub(config: &Config, store: &Store, community: Option<&str>) -> anyhow::Result<Hub> {
    let community = config.community(community)?.clone();
    Ok(Hub::open(store.clone(), community, Utc::now()).await?)
}

fn schedule_reminders(
    tasks: &mut JoinSet<anyhow::Result<()>>,
    hub: &Hub,
    adapter: &str,
    shutdown: &watch::Receiver<bool>,
) {
    let worker = format!("reminders-{adapter}-{}", std::process::id());
    let scheduler = passerelle_runtime::run_reminders(
        hub.clone(),
        worker,
        passerelle_runtime::SchedulerSettings::default(),
        shutdown.clone(),
    );
    tasks.spawn(async move { scheduler.await.map(|_| ()).map_err(anyhow::Error::from) });
}
