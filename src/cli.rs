//! Command-line arguments and what each subcommand does.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use chrono::{DateTime, Utc};
use clap::{Parser, Subcommand};
use passerelle_core::Hub;
use passerelle_core::config::Config;
use passerelle_core::store::{self, Store};

use crate::faq_files;

/// The config used when none is given and there is no passerelle.toml here.
const DEMO_CONFIG: &str = include_str!("../config/demo/community.toml");
const LOCAL_CONFIG: &str = "passerelle.toml";
/// How the demo config is named in messages (and recognised).
const DEMO_SOURCE: &str = "the demo config";
const DEFAULT_DATABASE: &str = "sqlite:passerelle.db";

#[derive(Debug, Parser)]
#[command(
    name = "passerelle",
    version,
    about = "A community hub for expat, diaspora and newcomer communities"
)]
pub struct Args {
    /// The config file [default: ./passerelle.toml if present, else the demo community]
    #[arg(long, global = true, env = "PASSERELLE_CONFIG")]
    config: Option<PathBuf>,
    /// The database URL: sqlite:FILE, a file path, or postgres://USER@HOST/DATABASE
    /// [default: the config's, else sqlite:passerelle.db]
    #[arg(long, global = true, env = "PASSERELLE_DATABASE_URL")]
    db: Option<String>,
    /// Say more about what happens, on stderr
    #[arg(long, short, global = true)]
    pub verbose: bool,
    /// How log lines are written on stderr: text for people, or JSON (one object a line)
    /// for a log collector
    #[arg(
        long,
        global = true,
        value_enum,
        default_value = "text",
        env = "PASSERELLE_LOG_FORMAT"
    )]
    pub log_format: LogFormat,
    #[command(subcommand)]
    command: Command,
}

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Chat with the hub in a terminal, as any member
    Console {
        /// The community to open (slug or name), when the config has several
        #[arg(long)]
        community: Option<String>,
        /// Start the console's clock at this instant (RFC 3339) instead of now
        #[arg(long, value_parser = parse_instant)]
        now: Option<DateTime<Utc>>,
        /// Read console lines from this file instead of the terminal
        #[arg(long)]
        script: Option<PathBuf>,
    },
    /// Start the chat adapters enabled in the config
    Run,
    /// Bring the database schema up to date and exit
    Migrate,
    /// Copy a SQLite database to FILE, consistently, while the hub may keep running
    /// (PostgreSQL: use pg_dump, see the README)
    Backup {
        /// The new file; an existing one is never overwritten
        file: PathBuf,
    },
    /// Write the community's events as one iCalendar file (the feed to publish)
    Calendar {
        /// The community (slug or name), when the config has several
        #[arg(long)]
        community: Option<String>,
        /// Where to write it [default: standard output]
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Import or export the FAQ as a folder of files, one per entry
    Faq {
        #[command(subcommand)]
        command: FaqCommand,
    },
    /// Print, as JSON, the commands an adapter registers on its platform: Discord's
    /// application commands (a bulk overwrite) or Telegram's menus per language and scope
    Commands {
        #[arg(long, value_enum)]
        platform: MenuPlatform,
    },
    /// Work with the config file
    Config {
        #[command(subcommand)]
        command: ConfigCommand,
    },
}

#[derive(Debug, Subcommand)]
enum FaqCommand {
    /// Add or update entries from a folder of .md/.toml files (or one file); the file
    /// name is the entry's key, so importing twice changes nothing
    Import {
        path: PathBuf,
        /// Replace entries changed in chat since their file was last imported (otherwise
        /// such files are rejected, so no chat edit is lost)
        #[arg(long)]
        force: bool,
        /// The community (slug or name), when the config has several
        #[arg(long)]
        community: Option<String>,
    },
    /// Write every entry to FOLDER/KEY.md
    Export {
        folder: PathBuf,
        /// The community (slug or name), when the config has several
        #[arg(long)]
        community: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum MenuPlatform {
    Discord,
    Telegram,
}

#[derive(Debug, Subcommand)]
enum ConfigCommand {
    /// Validate a config and print what it would do
    Check {
        /// The file to check [default: as for --config]
        file: Option<PathBuf>,
    },
}

fn parse_instant(text: &str) -> Result<DateTime<Utc>, String> {
    DateTime::parse_from_rfc3339(text)
        .map(|instant| instant.to_utc())
        .map_err(|_| format!("`{text}` is not an RFC 3339 instant like 2026-12-05T19:00:00Z"))
}

pub async fn run(args: Args) -> anyhow::Result<()> {
    match &args.command {
        Command::Commands { platform } => {
            use passerelle_core::command::platforms;
            let menus = match platform {
                MenuPlatform::Discord => platforms::discord_commands(),
                MenuPlatform::Telegram => platforms::telegram_menus(),
            };
            let mut out = std::io::stdout().lock();
            writeln!(out, "{}", serde_json::to_string_pretty(&menus)?)
                .context("cannot write the commands")
        }
        Command::Console {
            community,
            now,
            script,
        } => {
            let (config, source) = load_config(args.config.as_deref())?;
            let community = config.community(community.as_deref())?.clone();
            if source == DEMO_SOURCE {
                let store = Store::open(&database_url(&args, &config)).await?;
                let hub = Hub::open(store.clone(), community.clone(), Utc::now()).await?;
                faq_files::load_demo(&hub, now.unwrap_or_else(Utc::now)).await?;
                store.close().await;
            }
            let options = passerelle_console::Options {
                database_url: database_url(&args, &config),
                community,
                now: *now,
                // An event's calendar file lands in the working folder, ready to open.
                files: Some(PathBuf::from(".")),
            };
            let mut session = passerelle_console::Session::open(options).await?;
            let mut stdout = std::io::stdout().lock();
            match script {
                Some(path) => {
                    let file = std::fs::File::open(path)
                        .with_context(|| format!("cannot read the script {}", path.display()))?;
                    passerelle_console::run_script(
                        &mut session,
                        std::io::BufReader::new(file),
                        &mut stdout,
                    )
                    .await?;
                }
                None if std::io::stdin().is_terminal() => {
                    drop(stdout);
                    passerelle_console::run_interactive(&mut session).await?;
                }
                None => {
                    let stdin = std::io::stdin().lock();
                    passerelle_console::run_script(&mut session, stdin, &mut stdout).await?;
                }
            }
            Ok(())
        }
        Command::Run => {
            let (config, source, text) = load_config_text(args.config.as_deref())?;
            let enabled = crate::run::enabled(&text, &source)?;
            if source == DEMO_SOURCE {
                // The demo's pages show its FAQ, as its console does.
                let store = Store::open(&database_url(&args, &config)).await?;
                let community = config.community(None)?.clone();
                let hub = Hub::open(store.clone(), community, Utc::now()).await?;
                faq_files::load_demo(&hub, Utc::now()).await?;
                store.close().await;
            }
            crate::run::run(&config, &database_url(&args, &config), enabled).await
        }
        Command::Migrate => {
            let (config, _) = load_config(args.config.as_deref())?;
            let url = database_url(&args, &config);
            Store::open(&url).await?;
            println!("{} is up to date", store::describe(&url));
            Ok(())
        }
        Command::Backup { file } => {
            let (config, _) = load_config(args.config.as_deref())?;
            let url = database_url(&args, &config);
            if file.exists() {
                anyhow::bail!("{} exists already: choose a new file", file.display());
            }
            let store = Store::open(&url).await?;
            let copied = store.backup_to(file).await;
            store.close().await;
            if !copied.with_context(|| format!("cannot copy it to {}", file.display()))? {
                anyhow::bail!(
                    "{} is copied with PostgreSQL's own tools: pg_dump (see the README's Backups)",
                    store::describe(&url)
                );
            }
            let size = std::fs::metadata(file).map(|meta| meta.len()).unwrap_or(0);
            println!(
                "Copied {} to {} ({:.1} MB)",
                store::describe(&url),
                file.display(),
                size as f64 / 1_000_000.0
            );
            Ok(())
        }
        Command::Calendar { community, output } => {
            let (config, _) = load_config(args.config.as_deref())?;
            let community = config.community(community.as_deref())?.clone();
            let store = Store::open(&database_url(&args, &config)).await?;
            let hub = Hub::open(store, community, Utc::now()).await?;
            let feed = hub.calendar_feed(Utc::now()).await?;
            match output {
                Some(path) => std::fs::write(path, feed)
                    .with_context(|| format!("cannot write {}", path.display()))?,
                None => print!("{feed}"),
            }
            Ok(())
        }
        Command::Faq { command } => {
            let (config, _) = load_config(args.config.as_deref())?;
            let (FaqCommand::Import { community, .. } | FaqCommand::Export { community, .. }) =
                command;
            let community = config.community(community.as_deref())?.clone();
            let store = Store::open(&database_url(&args, &config)).await?;
            let hub = Hub::open(store, community, Utc::now()).await?;
            match command {
                FaqCommand::Import { path, force, .. } => {
                    let report = faq_files::import(&hub, path, *force, Utc::now()).await?;
                    print!("{}", report.summary());
                    if !report.rejected.is_empty() {
                        bail!("{} file(s) rejected", report.rejected.len());
                    }
                }
                FaqCommand::Export { folder, .. } => {
                    let count = faq_files::export(&hub, folder).await?;
                    println!("exported {count} entries to {}", folder.display());
                }
            }
            Ok(())
        }
        Command::Config {
            command: ConfigCommand::Check { file },
        } => {
            let (config, source, text) =
                load_config_text(file.as_deref().or(args.config.as_deref()))?;
            let matrix = passerelle_matrix::Settings::from_config(&text)
                .with_context(|| format!("{source} is not a valid config"))?;
            let telegram = passerelle_telegram::Settings::from_config(&text)
                .with_context(|| format!("{source} is not a valid config"))?;
            let discord = passerelle_discord::Settings::from_config(&text)
                .with_context(|| format!("{source} is not a valid config"))?;
            let web = passerelle_web::Settings::from_config(&text)
                .with_context(|| format!("{source} is not a valid config"))?;
            if telegram.is_some() {
                for community in &config.communities {
                    passerelle_telegram::chats::check_rooms(&community.rooms)
                        .map_err(anyhow::Error::msg)
                        .with_context(|| format!("{source} is not a valid config"))?;
                }
            }
            print!(
                "{}",
                describe_config(
                    &config,
                    &source,
                    &database_url(&args, &config),
                    matrix.as_ref(),
                    telegram.as_ref(),
                    discord.as_ref()
                )
            );
            match web {
                Some(web) => println!(
                    "Web: `passerelle run` serves the pages on http://{}{}",
                    web.listen,
                    web.public_url
                        .map(|url| format!(", reached at {url}"))
                        .unwrap_or_default()
                ),
                None => println!("Web: not configured (no [http] section)"),
            }
            Ok(())
        }
    }
}

/// The config from `path`, else ./passerelle.toml, else the demo; with where it came from.
fn load_config(path: Option<&Path>) -> anyhow::Result<(Config, String)> {
    load_config_text(path).map(|(config, source, _)| (config, source))
}

/// [`load_config`], with the file's text (adapters read their own sections from it).
fn load_config_text(path: Option<&Path>) -> anyhow::Result<(Config, String, String)> {
    let local = Path::new(LOCAL_CONFIG);
    let path = path.or_else(|| local.exists().then_some(local));
    let Some(path) = path else {
        return Ok((
            Config::parse(DEMO_CONFIG)?,
            DEMO_SOURCE.to_owned(),
            DEMO_CONFIG.to_owned(),
        ));
    };
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the config {}", path.display()))?;
    let config = Config::parse(&text)
        .with_context(|| format!("{} is not a valid config", path.display()))?;
    Ok((config, path.display().to_string(), text))
}

/// Ctrl-C, or SIGTERM on Unix (what service managers send): listened for from this call
/// on, heard when the future is awaited. Called before anything says it is ready, so
/// that a signal sent as soon as it does stops it cleanly rather than by default.
pub(crate) fn stop_signal() -> impl std::future::Future<Output = ()> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let terminate = signal(SignalKind::terminate()).ok();
        let interrupt = signal(SignalKind::interrupt()).ok();
        async move {
            let terminated = async {
                match terminate {
                    Some(mut terminate) => {
                        terminate.recv().await;
                    }
                    None => std::future::pending().await,
                }
            };
            let interrupted = async {
                match interrupt {
                    Some(mut interrupt) => {
                        interrupt.recv().await;
                    }
                    None => {
                        let _ = tokio::signal::ctrl_c().await;
                    }
                }
            };
            tokio::select! {
                () = terminated => {}
                () = interrupted => {}
            }
        }
    }
    #[cfg(not(unix))]
    async {
        let _ = tokio::signal::ctrl_c().await;
    }
}

fn database_url(args: &Args, config: &Config) -> String {
    args.db
        .clone()
        .or_else(|| config.database_url.clone())
        .unwrap_or_else(|| DEFAULT_DATABASE.to_owned())
}

fn describe_config(
    config: &Config,
    source: &str,
    url: &str,
    matrix: Option<&passerelle_matrix::Settings>,
    telegram: Option<&passerelle_telegram::Settings>,
    discord: Option<&passerelle_discord::Settings>,
) -> String {
    let mut out = format!("{source} is valid.\nDatabase: {}\n", store::describe(url));
    for community in &config.communities {
        out.push_str(&format!(
            "Community {} ({}): speaks {} by default, time zone {}\n",
            community.name,
            community.slug,
            community.language.native_name(),
            community.time_zone.name()
        ));
        for room in &community.rooms {
            let purposes: Vec<&str> = room
                .purposes
                .iter()
                .map(|purpose| purpose.as_str())
                .collect();
            out.push_str(&format!(
                "  {} {}: {}\n",
                room.platform,
                room.id,
                purposes.join(", ")
            ));
        }
    }
    match matrix {
        Some(matrix) => out.push_str(&format!(
            "Matrix: `passerelle run` signs in as {} on {} (secrets from {} or {}, and {}), store in {}\n",
            matrix.user,
            matrix.homeserver,
            passerelle_matrix::settings::PASSWORD_VAR,
            passerelle_matrix::settings::TOKEN_VAR,
            passerelle_matrix::settings::PASSPHRASE_VAR,
            matrix.store.display()
        )),
        None => out.push_str("Matrix: not configured (no [matrix] section)\n"),
    }
    match telegram {
        Some(telegram) => out.push_str(&format!(
            "Telegram: `passerelle run` {} {} (token from {}); join requests: {}\n",
            match telegram.mode {
                passerelle_telegram::Mode::Polling => "polls",
                passerelle_telegram::Mode::Webhook => "takes updates by webhook from",
            },
            telegram.api_url,
            passerelle_telegram::settings::TOKEN_VARIABLE,
            telegram.join_requests_in_words()
        )),
        None => out.push_str("Telegram: not configured (no [telegram] section)\n"),
    }
    match discord {
        Some(discord) => out.push_str(&format!(
            "Discord: `passerelle run` connects to {} as application {} in guild {} (token \
             from {}); scheduled events {}; interactions {}\n",
            discord.api_url,
            discord.application_id,
            discord.guild_id,
            passerelle_discord::settings::TOKEN_VARIABLE,
            if discord.scheduled_events {
                "mirrored"
            } else {
                "off"
            },
            match discord.interactions {
                passerelle_discord::Interactions::Gateway => "by the gateway",
                passerelle_discord::Interactions::Http => "posted to /discord/interactions",
            }
        )),
        None => out.push_str("Discord: not configured (no [discord] section)\n"),
    }
    out
}
