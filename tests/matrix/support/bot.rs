//! The `passerelle` process under test: its config file, database and Matrix store in
//! the trial's folder, the demo FAQ imported, `passerelle run` started and awaited until
//! it says it listens, then killed (SIGKILL) or stopped (SIGTERM). Each run's stdout and
//! stderr are kept as `bot-run-N.stdout.log` and `bot-run-N.stderr.log`.

use std::fs::File;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::Duration;

use anyhow::{Context, bail};
use matrix_sdk::ruma::{OwnedRoomId, OwnedUserId};
use tokio::sync::mpsc;

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
}

/// The bot: set up once, then started and stopped as many times as a test likes.
#[derive(Debug)]
pub struct Bot {
    pub user: OwnedUserId,
    dir: PathBuf,
    config: PathBuf,
    db: String,
    password: String,
    runs: usize,
    running: Option<Running>,
}

#[derive(Debug)]
struct Running {
    child: Child,
    stderr: PathBuf,
}

/// A TOML basic string: JSON's escapes are TOML's.
fn toml_string(text: &str) -> String {
    serde_json::Value::String(text.to_owned()).to_string()
}

fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_passerelle")
}

/// The end of a log file, for failure messages.
pub fn tail(path: &Path, lines: usize) -> String {
    let Ok(text) = std::fs::read_to_string(path) else {
        return format!("({} cannot be read)", path.display());
    };
    let all: Vec<&str> = text.lines().collect();
    let start = all.len().saturating_sub(lines);
    let mut tail = String::new();
    if start > 0 {
        tail.push_str(&format!("  … {start} earlier lines\n"));
    }
    for line in &all[start..] {
        tail.push_str("  ");
        tail.push_str(line);
        tail.push('\n');
    }
    if all.is_empty() {
        tail.push_str("  (empty)\n");
    }
    tail
}

impl Bot {
    /// Writes the config into `dir` and imports the demo FAQ into a new SQLite database.
    pub fn new(dir: &Path, setup: &BotSetup) -> anyhow::Result<Bot> {
        let config = dir.join("passerelle.toml");
        let store = dir.join("matrix-store");
        let welcomers: Vec<String> = setup
            .welcomers
            .iter()
            .map(|user| toml_string(user.as_str()))
            .collect();
        let text = format!(
            r#"[[community]]
slug = "test"
name = {name}
language = "en"
time_zone = "Europe/Paris"

[[community.room]]
platform = "matrix"
id = {main}
purpose = ["main", "announcements", "welcome"]

[[community.room]]
platform = "matrix"
id = {team}
purpose = "welcome-team"

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
"#,
            name = toml_string(COMMUNITY_NAME),
            main = toml_string(setup.main_room.as_str()),
            team = toml_string(setup.team_room.as_str()),
            homeserver = toml_string(&setup.homeserver),
            user = toml_string(setup.user.as_str()),
            store = toml_string(&store.to_string_lossy()),
            welcomers = welcomers.join(", "),
        );
        std::fs::write(&config, text).context("cannot write the bot's config")?;
        let bot = Bot {
            user: setup.user.clone(),
            dir: dir.to_owned(),
            config,
            db: format!("sqlite:{}", dir.join("passerelle.db").display()),
            password: setup.password.clone(),
            runs: 0,
            running: None,
        };
        bot.import_demo_faq()?;
        Ok(bot)
    }

    fn command(&self) -> Command {
        let mut command = Command::new(binary());
        command
            .arg("--config")
            .arg(&self.config)
            .arg("--db")
            .arg(&self.db)
            .current_dir(&self.dir)
            .env_remove("PASSERELLE_CONFIG")
            .env_remove("PASSERELLE_DATABASE_URL")
            .env("RUST_LOG", RUST_LOG)
            .env("NO_COLOR", "1")
            .stdin(Stdio::null());
        command
    }

    /// `passerelle faq import config/demo/faq --community test`.
    fn import_demo_faq(&self) -> anyhow::Result<()> {
        let faq = Path::new(env!("CARGO_MANIFEST_DIR")).join("config/demo/faq");
        let output = self
            .command()
            .args(["faq", "import"])
            .arg(faq)
            .args(["--community", "test"])
            .output()
            .context("cannot run passerelle faq import")?;
        if !output.status.success() {
            bail!(
                "passerelle faq import failed ({}):\n{}{}",
                output.status,
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            );
        }
        Ok(())
    }

    /// Starts `passerelle run` and waits until it prints that it listens.
    pub async fn start(&mut self) -> anyhow::Result<()> {
        if self.running.is_some() {
            bail!("the bot is already running");
        }
        self.runs += 1;
        let run = self.runs;
        let stderr = self.dir.join(format!("bot-run-{run}.stderr.log"));
        let stdout_log = self.dir.join(format!("bot-run-{run}.stdout.log"));
        let mut child = self
            .command()
            .arg("run")
            .env("PASSERELLE_MATRIX_PASSWORD", &self.password)
            .env("PASSERELLE_MATRIX_STORE_PASSPHRASE", PASSPHRASE)
            .stdout(Stdio::piped())
            .stderr(File::create(&stderr).context("cannot create the bot's stderr log")?)
            .spawn()
            .context("cannot start passerelle run")?;
        let stdout = child.stdout.take().context("no stdout pipe")?;
        let mut stdout_file =
            File::create(&stdout_log).context("cannot create the bot's stdout log")?;
        let (lines, mut next_line) = mpsc::unbounded_channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                let _ = writeln!(stdout_file, "{line}");
                let _ = lines.send(line);
            }
        });
        self.running = Some(Running {
            child,
            stderr: stderr.clone(),
        });
        let ready = async {
            while let Some(line) = next_line.recv().await {
                if let Some(who) = line.strip_prefix(READY_LINE) {
                    return Ok(who.to_owned());
                }
            }
            Err(())
        };
        match tokio::time::timeout(READY, ready).await {
            Ok(Ok(who)) if who.trim_start().starts_with(self.user.as_str()) => Ok(()),
            Ok(Ok(who)) => bail!(
                "run {run}: the bot listens as {who}, not {}; its stderr:\n{}",
                self.user,
                tail(&stderr, 60)
            ),
            Ok(Err(())) => {
                let status = self.wait_exit(Duration::from_secs(5)).await;
                self.running = None;
                bail!(
                    "run {run}: passerelle run ended ({}) before saying {READY_LINE:?}; its stderr:\n{}",
                    status.map_or("still running".into(), |status| status.to_string()),
                    tail(&stderr, 60)
                )
            }
            Err(_) => bail!(
                "run {run}: passerelle run did not say {READY_LINE:?} within {READY:?}; its stderr:\n{}",
                tail(&stderr, 60)
            ),
        }
    }

    /// Polls the child until it exits or `limit` passes.
    async fn wait_exit(&mut self, limit: Duration) -> Option<ExitStatus> {
        let running = self.running.as_mut()?;
        let deadline = tokio::time::Instant::now() + limit;
        loop {
            if let Ok(Some(status)) = running.child.try_wait() {
                return Some(status);
            }
            if tokio::time::Instant::now() >= deadline {
                return None;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// SIGKILL, as a crash or a power cut would.
    pub fn kill(&mut self) -> anyhow::Result<()> {
        let mut running = self.running.take().context("the bot is not running")?;
        running.child.kill().context("cannot kill the bot")?;
        running.child.wait().context("cannot reap the bot")?;
        Ok(())
    }

    /// SIGTERM, then waits for a clean exit (status 0).
    pub async fn stop(&mut self) -> anyhow::Result<()> {
        let pid = self
            .running
            .as_ref()
            .context("the bot is not running")?
            .child
            .id();
        let sent = Command::new("kill")
            .args(["-TERM", &pid.to_string()])
            .status()
            .context("cannot run kill")?;
        if !sent.success() {
            bail!("kill -TERM {pid} failed");
        }
        let status = self.wait_exit(STOPS).await;
        let running = self.running.take().context("the bot is not running")?;
        let Some(status) = status else {
            let mut child = running.child;
            let _ = child.kill();
            let _ = child.wait();
            bail!(
                "the bot did not stop within {STOPS:?} of SIGTERM; its stderr:\n{}",
                tail(&running.stderr, 40)
            );
        };
        if !status.success() {
            bail!(
                "the bot stopped with {status} after SIGTERM; its stderr:\n{}",
                tail(&running.stderr, 40)
            );
        }
        Ok(())
    }
}

impl Drop for Bot {
    fn drop(&mut self) {
        if let Some(mut running) = self.running.take() {
            let _ = running.child.kill();
            let _ = running.child.wait();
        }
    }
}
