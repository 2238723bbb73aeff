//! The real `passerelle` binary under test: a clean environment (nothing of the
//! developer's `PASSERELLE_*` or `RUST_LOG` leaks in), a config file and a database in a
//! folder, one-shot commands, and a long-running one (`passerelle run`) started and
//! awaited until its ready line, killed (SIGKILL) or stopped (SIGTERM), and started again.
//! Each run's output is kept as `NAME-run-N.stdout.log` and `NAME-run-N.stderr.log`.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

use anyhow::{Context, bail};

use crate::process::{self, Launch, Logs, Process};

/// `binary` with none of this process's `PASSERELLE_*` variables, nor `RUST_LOG`.
pub fn clean_command(binary: &Path) -> Launch {
    let mut launch = process::command(binary);
    for (key, _) in std::env::vars_os() {
        if key.to_string_lossy().starts_with("PASSERELLE_") {
            launch.env_remove(key);
        }
    }
    launch.env_remove("RUST_LOG");
    launch
}

/// The binary, set up once in a folder, then run as often as a test likes.
#[derive(Debug)]
pub struct Passerelle {
    binary: PathBuf,
    /// Names the logs: `NAME-run-N.*.log`.
    name: String,
    dir: PathBuf,
    config: PathBuf,
    db: String,
    env: Vec<(String, String)>,
    runs: usize,
    running: Option<Process>,
}

impl Passerelle {
    /// `binary` run in `dir`, on `config` (written there as `passerelle.toml`) and the
    /// database `db`.
    pub fn new(
        binary: impl Into<PathBuf>,
        name: &str,
        dir: &Path,
        config: &str,
        db: &str,
    ) -> anyhow::Result<Passerelle> {
        let path = dir.join("passerelle.toml");
        std::fs::write(&path, config)
            .with_context(|| format!("cannot write {}", path.display()))?;
        Ok(Passerelle {
            binary: binary.into(),
            name: name.to_owned(),
            dir: dir.to_owned(),
            config: path,
            db: db.to_owned(),
            env: vec![("NO_COLOR".into(), "1".into())],
            runs: 0,
            running: None,
        })
    }

    /// Sets `key` in the environment of every later run.
    pub fn env(&mut self, key: &str, value: &str) -> &mut Self {
        self.env.push((key.to_owned(), value.to_owned()));
        self
    }

    /// `passerelle --config … --db …`, in its folder, its environment set.
    pub fn command(&self) -> Launch {
        let mut launch = clean_command(&self.binary);
        launch
            .arg("--config")
            .arg(&self.config)
            .arg("--db")
            .arg(&self.db)
            .current_dir(&self.dir)
            .envs(self.env.iter().map(|(key, value)| (key, value)));
        launch
    }

    /// Imports the demo FAQ (`config/demo/faq`) into its database, as a community starts.
    pub fn import_demo_faq(&self) -> anyhow::Result<Output> {
        let faq = Path::new(env!("CARGO_MANIFEST_DIR")).join("../config/demo/faq");
        self.run_to_end(&[OsStr::new("faq"), OsStr::new("import"), faq.as_os_str()])
    }

    /// Runs `passerelle … ARGS` to its end; fails with its output unless it succeeds.
    pub fn run_to_end<S: AsRef<OsStr>>(&self, args: &[S]) -> anyhow::Result<Output> {
        let mut launch = self.command();
        launch.args(args);
        let shown = args
            .iter()
            .map(|arg| arg.as_ref().to_string_lossy())
            .collect::<Vec<_>>()
            .join(" ");
        let output = process::output(launch, b"")
            .with_context(|| format!("cannot run passerelle {shown}"))?;
        if !output.status.success() {
            bail!(
                "passerelle {shown} failed ({}):\n{}{}",
                output.status,
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            );
        }
        Ok(output)
    }

    /// Starts `passerelle … ARGS` and waits until it prints a line starting with
    /// `ready` (the rest of that line is returned), for at most `limit`.
    pub async fn start(
        &mut self,
        args: &[&str],
        ready: &str,
        limit: Duration,
    ) -> anyhow::Result<String> {
        let running = self.spawn(args, false)?;
        match running.wait_for_line(ready, limit).await {
            Ok(rest) => Ok(rest),
            Err(error) => {
                if running.exited().is_some() {
                    self.running = None;
                }
                Err(error)
            }
        }
    }

    /// Starts `passerelle … ARGS` with its stdin a pipe, for [`Passerelle::feed`].
    pub fn start_fed(&mut self, args: &[&str]) -> anyhow::Result<()> {
        self.spawn(args, true).map(|_| ())
    }

    /// Starts run number `runs + 1` of `passerelle … ARGS`, its stdin a pipe when `fed`.
    fn spawn(&mut self, args: &[&str], fed: bool) -> anyhow::Result<&mut Process> {
        if self.running.is_some() {
            bail!("passerelle is already running");
        }
        self.runs += 1;
        let logs = self.logs(self.runs);
        let mut launch = self.command();
        launch.args(args);
        let name = format!("passerelle {}", args.join(" "));
        let process = match fed {
            true => Process::start_fed(&name, launch, &logs)?,
            false => Process::start(&name, launch, &logs)?,
        };
        Ok(self.running.insert(process))
    }

    /// Writes `line` to the stdin of the run under way ([`Passerelle::start_fed`]).
    pub fn feed(&mut self, line: &str) -> anyhow::Result<()> {
        let running = self.running.as_mut().context("passerelle is not running")?;
        running.feed(line).context("cannot write to passerelle")
    }

    /// Waits until the run under way prints a line starting with `prefix`.
    pub async fn wait_for_line(&mut self, prefix: &str, limit: Duration) -> anyhow::Result<String> {
        let running = self.running.as_mut().context("passerelle is not running")?;
        running.wait_for_line(prefix, limit).await
    }

    /// SIGKILL to the run under way, then whether it had printed a line starting with
    /// `prefix` that was not yet read.
    pub async fn kill_seeing(&mut self, prefix: &str) -> anyhow::Result<bool> {
        let mut running = self.running.take().context("passerelle is not running")?;
        running.kill().context("cannot kill passerelle")?;
        Ok(running.printed_before_end(prefix).await)
    }

    /// Ends the input of the run under way ([`Passerelle::start_fed`]) and waits up to
    /// `limit` for it to exit cleanly.
    pub async fn end_input(&mut self, limit: Duration) -> anyhow::Result<()> {
        let mut running = self.running.take().context("passerelle is not running")?;
        running.end_input(limit).await
    }

    /// SIGKILL, as a crash or a power cut would.
    pub fn kill(&mut self) -> anyhow::Result<()> {
        let mut running = self.running.take().context("passerelle is not running")?;
        running.kill().context("cannot kill passerelle")?;
        Ok(())
    }

    /// SIGTERM, then a clean exit (status 0) within `limit`.
    pub async fn stop(&mut self, limit: Duration) -> anyhow::Result<()> {
        let mut running = self.running.take().context("passerelle is not running")?;
        running.stop(limit).await
    }

    /// The process ID of the run under way, if one is.
    pub fn pid(&self) -> Option<u32> {
        self.running.as_ref().map(Process::id)
    }

    /// How many times it was started.
    pub fn runs(&self) -> usize {
        self.runs
    }

    /// The logs of run `run` (from 1).
    pub fn logs(&self, run: usize) -> Logs {
        let log = |stream: &str| {
            self.dir
                .join(format!("{}-run-{run}.{stream}.log", self.name))
        };
        Logs {
            stdout: log("stdout"),
            stderr: log("stderr"),
        }
    }
}

/// Which of `instances` holds the lease `name` in the PostgreSQL database `url` (a
/// holder's name holds its process ID), waiting up to `within` for a live one to.
pub async fn holding<'a>(
    url: &str,
    name: &str,
    instances: impl IntoIterator<Item = &'a Passerelle>,
    within: Duration,
) -> anyhow::Result<usize> {
    use sqlx::Connection;
    let pids: Vec<Option<u32>> = instances.into_iter().map(Passerelle::pid).collect();
    let mut db = sqlx::PgConnection::connect(url).await?;
    let deadline = std::time::Instant::now() + within;
    loop {
        let holder: Option<String> =
            sqlx::query_scalar("SELECT holder FROM leases WHERE name = $1")
                .bind(name)
                .fetch_optional(&mut db)
                .await?;
        let found = pids.iter().position(|pid| {
            pid.map(|pid| format!("-{pid}-")).is_some_and(|pid| {
                holder
                    .as_deref()
                    .is_some_and(|holder| holder.contains(&pid))
            })
        });
        if let Some(found) = found {
            return Ok(found);
        }
        if std::time::Instant::now() >= deadline {
            bail!("no live instance holds {name} within {within:?}: {holder:?}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// `count` processes of `binary` on one config and one database, each in a folder of
/// its own (gone with the first value), with `env` set: several instances of one hub.
pub fn instances(
    binary: &str,
    count: usize,
    config: &str,
    db: &str,
    env: &[(&str, &str)],
) -> anyhow::Result<(Vec<tempfile::TempDir>, Vec<Passerelle>)> {
    let mut dirs = Vec::new();
    let mut instances = Vec::new();
    for _ in 0..count {
        let dir = tempfile::tempdir()?;
        let mut instance = Passerelle::new(binary, "bot", dir.path(), config, db)?;
        for (key, value) in env {
            instance.env(key, value);
        }
        dirs.push(dir);
        instances.push(instance);
    }
    Ok((dirs, instances))
}
