//! `passerelle run`: every chat adapter the config enables (Matrix, Telegram, Discord)
//! and the web pages (`[http]`), each supervised ([`crate::supervise`]) with its
//! community's hub, and one reminder scheduler per community, until Ctrl-C or SIGTERM,
//! or until none can run.

use anyhow::{Context, bail};
use chrono::Utc;
use passerelle_core::Hub;
use passerelle_core::config::Config;
use passerelle_core::store::Store;
use tokio::sync::watch;
use tokio::task::JoinSet;

use crate::supervise::{Adapter, supervise};

/// The adapters a config enables, with their secrets from the environment.
#[derive(Debug, Default)]
pub struct Enabled {
    pub matrix: Option<(passerelle_matrix::Settings, passerelle_matrix::Secrets)>,
    pub telegram: Option<(passerelle_telegram::Settings, passerelle_telegram::Token)>,
    pub discord: Option<(passerelle_discord::Settings, passerelle_discord::Token)>,
    pub web: Option<passerelle_web::Settings>,
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
    enabled.web = passerelle_web::Settings::from_config(text).with_context(invalid)?;
    let public_url = enabled.web.as_ref().and_then(|web| web.public_url.clone());
    if let Some((telegram, _)) = &mut enabled.telegram {
        if telegram.mode == passerelle_telegram::Mode::Webhook && public_url.is_none() {
            bail!(
                "[telegram] mode = \"webhook\" needs [http] with listen and public_url: Telegram posts the updates to {{public_url}}/telegram/…"
            );
        }
        telegram.public_url = public_url.clone();
    }
    if let Some((discord, _)) = &enabled.discord
        && discord.interactions == passerelle_discord::Interactions::Http
        && enabled.web.is_none()
    {
        bail!(
            "[discord] interactions = \"http\" needs [http]: Discord posts interactions to {{public_url}}/discord/interactions"
        );
    }
    let chat = enabled.matrix.is_some() || enabled.telegram.is_some() || enabled.discord.is_some();
    if !chat && enabled.web.is_none() {
        bail!(
            "nothing to run in {source}: add a [matrix], [telegram] or [discord] section, or [http] for the web pages (see config/passerelle.example.toml), or try `passerelle console`"
        );
    }
    Ok(enabled)
}

/// Runs what `enabled` holds on the database `url`: each adapter supervised, one
/// reminder scheduler per community served.
pub async fn run(config: &Config, url: &str, enabled: Enabled) -> anyhow::Result<()> {
    let store = Store::open(url).await?;
    // Held until the process ends: a second `run` on the same SQLite file is refused.
    let _instance = match store.sqlite_file() {
        Some(file) => Some(crate::single::hold(
            &file,
            &passerelle_core::store::describe(url),
        )?),
        None => None,
    };
    let (stop, shutdown) = watch::channel(false);
    let mut hubs: Vec<Hub> = Vec::new();
    // The community the web pages serve, and where people read them: replies link there.
    let site = match &enabled.web {
        Some(web) => web
            .public_url
            .clone()
            .map(|url| {
                Ok::<_, anyhow::Error>((
                    config.community(web.community.as_deref())?.slug.clone(),
                    url,
                ))
            })
            .transpose()?,
        None => None,
    };
    let site = site.as_ref();
    let mut adapters = Vec::new();
    // Who this process is among those sharing a PostgreSQL database.
    let holder = passerelle_runtime::lease::holder_name();
    // Where the web server hands what platforms push to their adapters.
    let hooks = passerelle_runtime::hooks::Hooks::default();
    if let Some((settings, secrets)) = enabled.matrix {
        let hub = hub_for(
            config,
            &store,
            settings.community.as_deref(),
            &mut hubs,
            site,
        )
        .await?;
        let lease = format!("matrix:{}", settings.user);
        // While another process holds the sync, this one keeps its own device current.
        let stand_by: StandBy = Box::new({
            let (hub, settings, secrets) = (hub.clone(), settings.clone(), secrets.clone());
            move |stop| {
                let (hub, settings, secrets) = (hub.clone(), settings.clone(), secrets.clone());
                Box::pin(async move {
                    let ready = |device: &str| {
                        println!("Matrix: ready to take over, as device {device}");
                    };
                    passerelle_matrix::stand_by(&hub, &settings, &secrets, stop, ready)
                        .await
                        .map_err(|error| format!("{error:#}"))
                })
            }
        });
        adapters.push(single(
            &store,
            lease,
            &holder,
            Some(stand_by),
            Adapter {
                name: "Matrix",
                start: Box::new(move |shutdown, ready| {
                    let (hub, settings, secrets) = (hub.clone(), settings.clone(), secrets.clone());
                    Box::pin(async move {
                        passerelle_matrix::run(hub, settings, secrets, shutdown, move |user| {
                            println!("Matrix: listening as {user}");
                            ready.now();
                        })
                        .await
                        .map_err(|error| format!("{error:#}"))
                    })
                }),
            },
        ));
    }
    if let Some((settings, token)) = enabled.telegram {
        let hub = hub_for(
            config,
            &store,
            settings.community.as_deref(),
            &mut hubs,
            site,
        )
        .await?;
        if settings.mode == passerelle_telegram::Mode::Webhook {
            hooks.expect(passerelle_telegram::webhook::HOOK);
        }
        let hooks = hooks.clone();
        // The long poll is one per bot; with a webhook every process takes updates.
        let polls = settings.mode == passerelle_telegram::Mode::Polling;
        let bot = token
            .expose()
            .split(':')
            .next()
            .unwrap_or_default()
            .to_owned();
        let adapter = Adapter {
            name: "Telegram",
            start: Box::new(move |shutdown, ready| {
                let (hub, settings, token) = (hub.clone(), settings.clone(), token.clone());
                let hooks = hooks.clone();
                Box::pin(async move {
                    let listening = move |username: &str| {
                        println!("Telegram: listening as @{username}");
                        ready.now();
                    };
                    passerelle_telegram::run(hub, settings, token, hooks, shutdown, listening).await
                })
            }),
        };
        adapters.push(match polls {
            true => single(&store, format!("telegram:{bot}"), &holder, None, adapter),
            false => adapter,
        });
    }
    let discord_guild = enabled
        .discord
        .as_ref()
        .map(|(settings, _)| settings.guild_id);
    if let Some((settings, token)) = enabled.discord {
        let hub = hub_for(
            config,
            &store,
            settings.community.as_deref(),
            &mut hubs,
            site,
        )
        .await?;
        use passerelle_discord::Part;
        let over_http = settings.interactions == passerelle_discord::Interactions::Http;
        if over_http {
            hooks.expect(passerelle_discord::endpoint::HOOK);
        }
        let lease = format!("discord:{}", settings.application_id);
        // The parts of the bot in this process wake each other (queued messages).
        let process = passerelle_discord::InProcess {
            hooks: hooks.clone(),
            signals: passerelle_discord::Signals::default(),
        };
        let part = |name: &'static str, said: &'static str, part| {
            let (hub, settings, token) = (hub.clone(), settings.clone(), token.clone());
            let process = process.clone();
            Adapter {
                name,
                start: Box::new(move |shutdown, ready| {
                    let (hub, settings, token) = (hub.clone(), settings.clone(), token.clone());
                    let process = process.clone();
                    Box::pin(async move {
                        let listening = move |who: &str| {
                            println!("{name}: {said} {who}");
                            ready.now();
                        };
                        passerelle_discord::run(
                            hub, settings, token, part, process, shutdown, listening,
                        )
                        .await
                    })
                }),
            }
        };
        if store.is_shared() && over_http {
            // Discord posts interactions to any instance; one holds the gateway.
            let gateway = part("Discord", "listening as", Part::Gateway);
            adapters.push(single(&store, lease, &holder, None, gateway));
            let endpoint = part("Discord interactions", "answered here for", Part::Endpoint);
            adapters.push(endpoint);
        } else {
            let whole = part("Discord", "listening as", Part::Whole);
            adapters.push(single(&store, lease, &holder, None, whole));
        }
    }
    let health = passerelle_runtime::Health::default();
    if let Some(mut settings) = enabled.web {
        // Links to Discord messages need the server's ID.
        settings.discord_guild = discord_guild;
        let hub = hub_for(
            config,
            &store,
            settings.community.as_deref(),
            &mut hubs,
            site,
        )
        .await?;
        let (health, hooks) = (health.clone(), hooks.clone());
        adapters.push(Adapter {
            name: "Web",
            start: Box::new(move |shutdown, ready| {
                let (hub, settings, health) = (hub.clone(), settings.clone(), health.clone());
                let hooks = hooks.clone();
                Box::pin(async move {
                    let listening = move |address| {
                        println!("Web: listening on http://{address}");
                        ready.now();
                    };
                    passerelle_web::serve(hub, settings, health, hooks, shutdown, listening).await
                })
            }),
        });
    }
    // Listened for before any part says it is ready.
    let mut signal = std::pin::pin!(crate::cli::stop_signal());
    let mut reminders: JoinSet<anyhow::Result<()>> = JoinSet::new();
    for hub in &hubs {
        schedule_reminders(&mut reminders, hub, &shutdown);
    }
    let supervised = supervise(adapters, stop.clone(), health);
    tokio::pin!(supervised);
    let result = loop {
        tokio::select! {
            biased;
            result = &mut supervised => {
                break result.map_err(|errors| anyhow::anyhow!("no adapter can run: {errors}"));
            }
            () = &mut signal => {
                tracing::info!("stopping on a signal");
                let _ = stop.send(true);
                break (&mut supervised).await.map_err(anyhow::Error::msg);
            }
            Some(ended) = reminders.join_next() => {
                // A scheduler stops by itself only on an error it cannot get past.
                let error = match ended {
                    Ok(Ok(())) => continue,
                    Ok(Err(error)) => error.context("the reminder scheduler stopped"),
                    Err(panic) => anyhow::anyhow!("the reminder scheduler panicked: {panic}"),
                };
                let _ = stop.send(true);
                let _ = (&mut supervised).await;
                break Err(error);
            }
        }
    };
    let _ = stop.send(true);
    while let Some(ended) = reminders.join_next().await {
        if let Ok(Err(error)) = ended {
            tracing::warn!(%error, "the reminder scheduler stopped on an error");
        }
    }
    store.close().await;
    result
}

/// What keeps a process ready to take over a platform's connection while another holds
/// it, until its signal flips to true.
type StandBy = Box<dyn Fn(watch::Receiver<bool>) -> crate::supervise::Run + Send + Sync>;

/// On a database several processes may share (PostgreSQL), `adapter` runs only while
/// this process, `holder`, holds the lease `lease` on its platform's single connection;
/// until then it stands by (running `stand_by`), ready, and says who holds it. Elsewhere
/// it runs as it is.
fn single(
    store: &Store,
    lease: String,
    holder: &str,
    stand_by: Option<StandBy>,
    adapter: Adapter,
) -> Adapter {
    use passerelle_runtime::lease::{Ended, run_standing_by};
    if !store.is_shared() {
        return adapter;
    }
    let (store, holder) = (store.clone(), holder.to_owned());
    let Adapter { name, start } = adapter;
    let start = std::sync::Arc::new(start);
    let stand_by = std::sync::Arc::new(stand_by);
    Adapter {
        name,
        start: Box::new(move |shutdown, ready| {
            let (store, lease, holder) = (store.clone(), lease.clone(), holder.clone());
            let (start, stand_by) = (start.clone(), stand_by.clone());
            Box::pin(async move {
                let standing_by = ready.clone();
                let waiting = move |held: Option<passerelle_core::store::Holder>| {
                    let by = held.map_or_else(|| "another process".to_owned(), |held| held.holder);
                    println!("{name}: standing by, {by} holds the connection");
                    standing_by.now();
                };
                let stand_by = |stop| match stand_by.as_ref() {
                    Some(stand_by) => stand_by(stop),
                    None => Box::pin(async { Ok(()) }),
                };
                let run = |stop| start(stop, ready);
                let ended =
                    run_standing_by(&store, &lease, &holder, shutdown, waiting, stand_by, run)
                        .await;
                match ended {
                    Ended::Ran(result) => result,
                    Ended::Waited => Ok(()),
                    Ended::Lost => Err("another process took over the connection".to_owned()),
                }
            })
        }),
    }
}

/// The hub of the community `community` names (the config's only one when `None`): one
/// per community, shared by its adapters; `site` is the community with web pages, and
/// their address.
async fn hub_for(
    config: &Config,
    store: &Store,
    community: Option<&str>,
    hubs: &mut Vec<Hub>,
    site: Option<&(String, String)>,
) -> anyhow::Result<Hub> {
    let mut community = config.community(community)?.clone();
    if let Some((slug, url)) = site
        && *slug == community.slug
    {
        community.public_url = Some(url.clone());
    }
    if let Some(hub) = hubs
        .iter()
        .find(|hub| hub.community().slug == community.slug)
    {
        return Ok(hub.clone());
    }
    let hub = Hub::open(store.clone(), community, Utc::now()).await?;
    hubs.push(hub.clone());
    Ok(hub)
}

fn schedule_reminders(
    tasks: &mut JoinSet<anyhow::Result<()>>,
    hub: &Hub,
    shutdown: &watch::Receiver<bool>,
) {
    let worker = format!("reminders-{}-{}", hub.community().slug, std::process::id());
    let scheduler = passerelle_runtime::run_reminders(
        hub.clone(),
        worker,
        passerelle_runtime::SchedulerSettings::default(),
        shutdown.clone(),
    );
    tasks.spawn(async move { scheduler.await.map(|_| ()).map_err(anyhow::Error::from) });
}
