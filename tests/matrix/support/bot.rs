//! The `passerelle` process under test, on the test support's harness: the test
//! community on Matrix as its config, its database (or a shared one) and Matrix store in
//! its folder, the demo FAQ imported, `passerelle run` started and awaited until it says it
//! listens, then killed (SIGKILL) or stopped (SIGTERM). Each run's stdout and stderr are
//! kept as `bot-run-N.stdout.log` and `bot-run-N.stderr.log`.

use std::ffi::OsStr;
use std::path::Path;
use std::time::Duration;

use anyhow::{Context, bail};
use matrix_sdk::ruma::{OwnedRoomId, OwnedUserId};
use passerelle_core::model::{Platform, Room, RoomPurpose};
use passerelle_test_support::Passerelle;
use passerelle_test_support::community::{self, config_toml, room, toml_string};
use passerelle_test_support::process::tail;

/// How long the bot may take to sync and join its rooms, and to stop after SIGTERM.
pub const READY: Duration = Duration::from_secs(60);
pub const STOPS: Duration = Duration::from_secs(30);

/// What the bot starts with.
const RUST_LOG: &str = "warn,passerelle=info,passerelle_matrix=debug";
const READY_LINE: &str = "Matrix: listening as ";
const PASSPHRASE: &str = "passerelle test store passphrase";
pub const COMMUNITY_NAME: &str = "Test Community";

/// Where the bot runs: its Matrix account and the community's rooms.
#[derive(Debug, Clone)]
pub struct BotSetup {
    pub homeserver: String,
    pub user: OwnedUserId,
    pub password: String,
    /// Purposes main, announcements and welcome.
    pub main_room: OwnedRoomId,
    /// Purpose welcome-team.
    pub team_room: OwnedRoomId,
    /// Members who have the hub role welcomer through `[[matrix.role]] users`.
    pub welcomers: Vec<OwnedUserId>,
    /// The community on other platforms too.
    pub elsewhere: Elsewhere,
}

/// What a community spanning other platforms adds: their rooms, their config sections
/// (`[telegram]`, `[discord]`…) and the environment they read their tokens from.
#[derive(Debug, Clone, Default)]
pub struct Elsewhere {
    pub rooms: Vec<Room>,
    pub config: String,
    pub env: Vec<(String, String)>,
}

/// The bot: set up once, then started and stopped as many times as a test likes.
#[derive(Debug)]
pub struct Bot {
    pub user: OwnedUserId,
    passerelle: Passerelle,
    /// Its database.
    db: String,
    /// What it was given that must never be written down: passwords, passphrase, tokens.
    secrets: Vec<String>,
}

/// The config: the test community with the trial's rooms, and the bot's account.
fn config(setup: &BotSetup, store: &Path) -> String {
    let mut test = community::community();
    test.name = COMMUNITY_NAME.into();
    test.rooms = vec![
        room(
            Platform::Matrix,
            setup.main_room.as_str(),
            &[
                RoomPurpose::Main,
                RoomPurpose::Announcements,
                RoomPurpose::Welcome,
            ],
        ),
        room(
            Platform::Matrix,
            setup.team_room.as_str(),
            &[RoomPurpose::WelcomeTeam],
        ),
    ];
    test.rooms.extend(setup.elsewhere.rooms.iter().cloned());
    let welcomers: Vec<String> = setup
        .welcomers
        .iter()
        .map(|user| toml_string(user.as_str()))
        .collect();
    format!(
        r#"{community}
[community.events]
members_create = true

[community.onboarding]
questions = ["origin", "residence"]
unclaimed_after = "12h"
idle_after = "3d"

[[community.onboarding.interest]]
key = "outings"
en = "Outings and picnics"
fr = "Sorties et pique-niques"

[matrix]
homeserver = {homeserver}
user = {user}
store = {store}
invites_from = ["localhost"]

[[matrix.role]]
role = "organizer"
power_level = 50

[[matrix.role]]
role = "welcomer"
users = [{welcomers}]
{elsewhere}
"#,
        community = config_toml(&test),
        homeserver = toml_string(&setup.homeserver),
        user = toml_string(setup.user.as_str()),
        store = toml_string(&store.to_string_lossy()),
        welcomers = welcomers.join(", "),
        elsewhere = setup.elsewhere.config,
    )
}

impl Bot {
    /// Writes the config into `dir` and imports the demo FAQ into a new SQLite database.
    pub fn new(dir: &Path, setup: &BotSetup) -> anyhow::Result<Bot> {
        let db = format!("sqlite:{}", dir.join("passerelle.db").display());
        Bot::new_on(dir, setup, &db)
    }

    /// [`Bot::new`] on the database `db`: several on one PostgreSQL database are
    /// instances of one bot, each with its own folder (and so its own Matrix store, the
    /// config naming it relative to the folder the process runs in).
    pub fn new_on(dir: &Path, setup: &BotSetup, db: &str) -> anyhow::Result<Bot> {
        std::fs::create_dir_all(dir)?;
        let db = db.to_owned();
        let text = config(setup, Path::new("matrix-store"));
        let mut passerelle =
            Passerelle::new(env!("CARGO_BIN_EXE_passerelle"), "bot", dir, &text, &db)?;
        passerelle
            .env("RUST_LOG", RUST_LOG)
            .env("PASSERELLE_MATRIX_PASSWORD", &setup.password)
            .env("PASSERELLE_MATRIX_STORE_PASSPHRASE", PASSPHRASE);
        for (key, value) in &setup.elsewhere.env {
            passerelle.env(key, value);
        }
        let faq = Path::new(env!("CARGO_MANIFEST_DIR")).join("config/demo/faq");
        passerelle.run_to_end(&[
            OsStr::new("faq"),
            OsStr::new("import"),
            faq.as_os_str(),
            OsStr::new("--community"),
            OsStr::new(community::SLUG),
        ])?;
        let secrets = [setup.password.clone(), PASSPHRASE.to_owned()]
            .into_iter()
            .chain(setup.elsewhere.env.iter().map(|(_, value)| value.clone()))
            .collect();
        Ok(Bot {
            user: setup.user.clone(),
            passerelle,
            db,
            secrets,
        })
    }

    /// Starts `passerelle run` and waits until it prints that it listens.
    pub async fn start(&mut self) -> anyhow::Result<()> {
        let run = self.passerelle.runs() + 1;
        let who = self
            .passerelle
            .start(&["run"], READY_LINE, READY)
            .await
            .with_context(|| format!("run {run}"))?;
        if !who.trim_start().starts_with(self.user.as_str()) {
            bail!(
                "run {run}: the bot listens as {who}, not {}; its stderr:\n{}",
                self.user,
                tail(&self.passerelle.logs(run).stderr, 60)
            );
        }
        Ok(())
    }

    /// Starts `passerelle run` and waits until it says what it does on Matrix: listens,
    /// or stands by while another instance does. Returns what it said.
    #[allow(dead_code)]
    pub async fn start_any(&mut self) -> anyhow::Result<String> {
        let run = self.passerelle.runs() + 1;
        let said = self
            .passerelle
            .start(&["run"], "Matrix: ", READY)
            .await
            .with_context(|| format!("run {run}"))?;
        Ok(said.trim().to_owned())
    }

    /// The next line the running bot prints that starts with `prefix`, without it.
    #[allow(dead_code)]
    pub async fn wait_for_line(&mut self, prefix: &str) -> anyhow::Result<String> {
        let line = self.passerelle.wait_for_line(prefix, READY).await?;
        Ok(line.trim().to_owned())
    }

    /// The process, for what the test support does with any (which instance holds a
    /// lease, its logs).
    #[allow(dead_code)]
    pub fn process(&self) -> &Passerelle {
        &self.passerelle
    }

    /// SIGKILL, as a crash or a power cut would.
    pub fn kill(&mut self) -> anyhow::Result<()> {
        self.passerelle.kill()
    }

    /// The running bot's process ID (the round-trip benchmark reads its memory).
    #[allow(dead_code)]
    pub fn pid(&self) -> Option<u32> {
        self.passerelle.pid()
    }

    /// SIGTERM, then waits for a clean exit (status 0).
    pub async fn stop(&mut self) -> anyhow::Result<()> {
        self.passerelle.stop(STOPS).await
    }

    /// The lines of its logs, all runs, that contain `text`.
    #[allow(dead_code)]
    pub fn logged(&self, text: &str) -> Vec<String> {
        let mut found = Vec::new();
        for run in 1..=self.passerelle.runs() {
            let logs = self.passerelle.logs(run);
            for log in [logs.stdout, logs.stderr] {
                let read = std::fs::read_to_string(&log).unwrap_or_default();
                found.extend(
                    read.lines()
                        .filter(|line| line.contains(text))
                        .map(str::to_owned),
                );
            }
        }
        found
    }

    /// Where a secret it was given, or a Matrix access token (Synapse's begin with
    /// `syt_`), is written: in the log of any run or in any row of its database.
    #[allow(dead_code)]
    pub async fn secrets_written(&self) -> anyhow::Result<Vec<String>> {
        let mut found = Vec::new();
        let secrets: Vec<&str> = self
            .secrets
            .iter()
            .map(String::as_str)
            .chain(["syt_"])
            .collect();
        for run in 1..=self.passerelle.runs() {
            let logs = self.passerelle.logs(run);
            for log in [logs.stdout, logs.stderr] {
                let text = std::fs::read_to_string(&log).unwrap_or_default();
                for secret in secrets.iter().filter(|secret| text.contains(**secret)) {
                    found.push(format!("{secret:?} in {}", log.display()));
                }
            }
        }
        for (table, rows) in passerelle_test_support::db::rows(&self.db).await? {
            for row in rows {
                for secret in secrets.iter().filter(|secret| row.contains(**secret)) {
                    found.push(format!("{secret:?} in table {table}: {row}"));
                }
            }
        }
        Ok(found)
    }
}
