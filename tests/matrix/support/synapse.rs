//! The Synapse homeserver a run shares: prepared by `scripts/synapse.sh` in a temporary
//! folder on first use and run (`synapse.sh serve`) as a process of the test support's
//! harness, so it dies with the run even when the run is killed; users registered
//! through the same script; stopped at the end.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, OnceLock, PoisonError};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use matrix_sdk::ruma::OwnedUserId;
use passerelle_test_support::process::{self, Logs, Process, tail};

/// How long Synapse may take to answer once started, and to stop after SIGTERM.
const ANSWERS: Duration = Duration::from_secs(60);
const STOPS: Duration = Duration::from_secs(10);

/// A running Synapse.
#[derive(Debug)]
pub struct Synapse {
    /// `http://127.0.0.1:PORT`
    pub url: String,
    /// Its config, database and logs (`homeserver.log`, `stdout.log`, `stderr.log`).
    pub dir: PathBuf,
    process: Mutex<Option<Process>>,
    folder: Option<tempfile::TempDir>,
}

static SHARED: OnceLock<Result<Synapse, String>> = OnceLock::new();

/// The run's Synapse, started by the first caller; every caller gets the same error when
/// it cannot start.
pub fn shared() -> Result<&'static Synapse, String> {
    SHARED
        .get_or_init(|| Synapse::start().map_err(|error| format!("{error:#}")))
        .as_ref()
        .map_err(Clone::clone)
}

/// Stops the run's Synapse if it was started, keeping its folder when `keep` (to read
/// its logs after failures). Returns the start error, if it failed to start.
pub fn stop_shared(keep: bool) -> Option<String> {
    match SHARED.get()? {
        Ok(synapse) => {
            synapse.stop();
            if keep {
                eprintln!("Synapse's folder is kept: {}", synapse.dir.display());
            } else {
                let _ = std::fs::remove_dir_all(&synapse.dir);
            }
            None
        }
        Err(error) => Some(error.clone()),
    }
}

fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/synapse.sh")
}

/// Runs `scripts/synapse.sh ARGS…` and returns its stdout, or fails with its stderr.
fn run_script(args: &[&str]) -> anyhow::Result<String> {
    let mut launch = process::command("bash");
    launch.arg(script()).args(args);
    let output = process::output(launch, b"").context("cannot run bash scripts/synapse.sh")?;
    let stdout = String::from_utf8_lossy(&output.stdout).trim().to_owned();
    if !output.status.success() {
        bail!(
            "`scripts/synapse.sh {}` failed ({}):\n{}{}",
            args.join(" "),
            output.status,
            String::from_utf8_lossy(&output.stderr),
            stdout
        );
    }
    Ok(stdout)
}

/// Whether Synapse at `url` answers the client API.
fn answers(url: &str) -> bool {
    Command::new("curl")
        .args(["-fsS", "-m", "2", &format!("{url}/_matrix/client/versions")])
        .output()
        .is_ok_and(|output| output.status.success())
}

impl Synapse {
    /// Starts a Synapse in a new temporary folder (installing it on the first run), and
    /// waits until it answers.
    pub fn start() -> anyhow::Result<Synapse> {
        let folder = tempfile::Builder::new()
            .prefix("passerelle-synapse-")
            .tempdir()
            .context("cannot create Synapse's folder")?;
        let dir = folder.path().to_owned();
        let dir_text = dir.to_str().context("Synapse's folder is not UTF-8")?;
        let url = run_script(&["prepare", dir_text])?;
        if !url.starts_with("http://") {
            bail!("scripts/synapse.sh prepare printed {url:?}, not a URL");
        }
        let mut launch = process::command("bash");
        launch.arg(script()).args(["serve", dir_text]);
        let logs = Logs {
            stdout: dir.join("stdout.log"),
            stderr: dir.join("stderr.log"),
        };
        let mut synapse = Process::start("Synapse", launch, &logs)?;
        let started = Instant::now();
        while !answers(&url) {
            if let Some(status) = synapse.exited() {
                bail!(
                    "Synapse ended ({status}) before answering on {url}; its output:\n{}{}{}",
                    tail(&logs.stdout, 30),
                    tail(&logs.stderr, 30),
                    tail(&dir.join("homeserver.log"), 30)
                );
            }
            if started.elapsed() > ANSWERS {
                bail!(
                    "Synapse did not answer on {url} within {ANSWERS:?}; its log:\n{}",
                    tail(&dir.join("homeserver.log"), 30)
                );
            }
            std::thread::sleep(Duration::from_millis(250));
        }
        Ok(Synapse {
            url,
            dir,
            process: Mutex::new(Some(synapse)),
            folder: Some(folder),
        })
    }

    /// Registers `localpart` with `password` and returns its Matrix ID.
    pub fn register(&self, localpart: &str, password: &str) -> anyhow::Result<OwnedUserId> {
        let dir = self.dir.to_str().context("Synapse's folder is not UTF-8")?;
        let printed = run_script(&["register", dir, localpart, password])
            .with_context(|| format!("cannot register {localpart}"))?;
        OwnedUserId::try_from(printed.as_str())
            .with_context(|| format!("registering {localpart} printed {printed:?}"))
    }

    /// Where to look when the homeserver misbehaves.
    pub fn log_path(&self) -> PathBuf {
        self.dir.join("homeserver.log")
    }

    /// Stops it (the folder stays until [`stop_shared`] or the value is dropped).
    pub fn stop(&self) {
        let running = self
            .process
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if let Some(mut running) = running {
            // Only that it ends matters: its exit status on SIGTERM is its own business.
            if process::blocking(running.stop(STOPS)).is_err() {
                let _ = running.kill();
            }
        }
    }
}

impl Drop for Synapse {
    fn drop(&mut self) {
        if let Some(folder) = self.folder.take() {
            self.stop();
            drop(folder);
        }
    }
}
