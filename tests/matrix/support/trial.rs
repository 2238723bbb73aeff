//! One trial: its own tokio runtime, temporary folder and user names, a time limit, and
//! on failure a report with the bot's logs, the folder kept for a closer look.

use std::future::Future;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Context;
use libtest_mimic::{Failed, Trial};
use matrix_sdk::ruma::OwnedUserId;
use passerelle_test_support::process::tail;

use super::member::Member;
use super::synapse::{self, Synapse};

/// A trial that takes longer has failed.
const LIMIT: Duration = Duration::from_secs(600);

/// What a trial's body gets: the homeserver, a folder, and unique user names.
#[derive(Debug)]
pub struct Ctx {
    pub synapse: &'static Synapse,
    /// Deleted after a success, kept after a failure.
    pub dir: PathBuf,
    /// Every user the trial registers is `PREFIX.NAME`, so trials can share Synapse.
    pub prefix: String,
}

impl Ctx {
    /// The Matrix ID `name` gets in this trial.
    pub fn localpart(&self, name: &str) -> String {
        format!("{}.{name}", self.prefix)
    }

    /// Registers `name`; returns its Matrix ID and password.
    pub fn register(&self, name: &str) -> anyhow::Result<(OwnedUserId, String)> {
        let localpart = self.localpart(name);
        let password = format!("password-of-{localpart}");
        let user_id = self.synapse.register(&localpart, &password)?;
        Ok((user_id, password))
    }

    /// Registers `name` and logs it in as a scripted member.
    pub async fn member(&self, name: &str) -> anyhow::Result<Member> {
        let (_, password) = self.register(name)?;
        Member::login(self.synapse, name, &self.localpart(name), &password).await
    }
}

/// A trial named `name` running `body` on a fresh runtime, against the shared Synapse.
pub fn trial<F, Fut>(name: &'static str, body: F) -> Trial
where
    F: FnOnce(Ctx) -> Fut + Send + 'static,
    Fut: Future<Output = anyhow::Result<()>> + Send + 'static,
{
    Trial::test(name, move || run(name, body).map_err(Failed::from))
}

fn run<F, Fut>(name: &'static str, body: F) -> Result<(), String>
where
    F: FnOnce(Ctx) -> Fut + Send + 'static,
    Fut: Future<Output = anyhow::Result<()>> + Send + 'static,
{
    let synapse = synapse::shared().map_err(|_| {
        "Synapse could not start, so no Matrix test can run: why is printed at the end of the run"
            .to_owned()
    })?;
    let runtime = passerelle_test_support::runtime()
        .map_err(|error| format!("cannot build a tokio runtime: {error}"))?;
    let folder = tempfile::Builder::new()
        .prefix(&format!("passerelle-matrix-{}-", user_prefix(name)))
        .tempdir()
        .context("cannot create the trial's folder")
        .map_err(|error| format!("{error:#}"))?;
    let ctx = Ctx {
        synapse,
        dir: folder.path().to_owned(),
        prefix: user_prefix(name),
    };
    let outcome = runtime.block_on(async move {
        match tokio::time::timeout(LIMIT, tokio::spawn(body(ctx))).await {
            Ok(Ok(result)) => result.map_err(|error| format!("{error:#}")),
            Ok(Err(join)) => Err(match join.try_into_panic() {
                Ok(panic) => panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|text| (*text).to_owned()))
                    .unwrap_or_else(|| "the trial panicked".into()),
                Err(join) => format!("the trial was cancelled: {join}"),
            }),
            Err(_) => Err(format!("the trial did not end within {LIMIT:?}")),
        }
    });
    // Drops what the body still held: bot processes are killed, clients stop syncing.
    runtime.shutdown_timeout(Duration::from_secs(10));
    outcome.map_err(|message| {
        let dir = folder.keep();
        format!("{message}\n{}", logs(&dir, synapse))
    })
}

/// `group::some_test` → `some-test`: a trial's last name, as a Matrix localpart allows.
fn user_prefix(name: &str) -> String {
    name.rsplit("::")
        .next()
        .unwrap_or(name)
        .chars()
        .map(|c| {
            if c.is_ascii_lowercase() || c.is_ascii_digit() {
                c
            } else {
                '-'
            }
        })
        .collect()
}

/// The bot's logs in `dir`, and where to look further.
pub fn logs(dir: &Path, synapse: &Synapse) -> String {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|entry| Some(entry.ok()?.path()))
                .filter(|path| {
                    path.file_name()
                        .and_then(|name| name.to_str())
                        .is_some_and(|name| name.starts_with("bot-run-") && name.ends_with(".log"))
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let mut report = String::new();
    for file in files {
        report.push_str(&format!(
            "--- {} ---\n{}",
            file.file_name().unwrap_or_default().to_string_lossy(),
            tail(&file, 80)
        ));
    }
    report.push_str(&format!(
        "The trial's folder is kept: {}\nSynapse's log: {}",
        dir.display(),
        synapse.log_path().display()
    ));
    report
}
