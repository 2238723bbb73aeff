//! The Synapse homeserver a run shares: started by `scripts/synapse.sh` in a temporary
//! folder on first use, users registered through the same script, stopped at the end.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use anyhow::{Context, bail};
use matrix_sdk::ruma::OwnedUserId;

/// A running Synapse.
#[derive(Debug)]
pub struct Synapse {
    /// `http://127.0.0.1:PORT`
    pub url: String,
    /// Its config, database and logs (`homeserver.log`, `stdout.log`).
    pub dir: PathBuf,
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
    let output = Command::new("bash")
        .arg(script())
        .args(args)
        .output()
        .context("cannot run bash scripts/synapse.sh")?;
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

impl Synapse {
    /// Starts a Synapse in a new temporary folder (installing it on the first run).
    pub fn start() -> anyhow::Result<Synapse> {
        let folder = tempfile::Builder::new()
            .prefix("passerelle-synapse-")
            .tempdir()
            .context("cannot create Synapse's folder")?;
        let dir = folder.path().to_owned();
        let dir_text = dir.to_str().context("Synapse's folder is not UTF-8")?;
        let url = run_script(&["start", dir_text])?;
        if !url.starts_with("http://") {
            bail!("scripts/synapse.sh start printed {url:?}, not a URL");
        }
        Ok(Synapse {
            url,
            dir,
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
        if let Some(dir) = self.dir.to_str()
            && let Err(error) = run_script(&["stop", dir])
        {
            eprintln!("warning: {error:#}");
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
