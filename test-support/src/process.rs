//! Processes a test starts, and that die with it: each runs in a process group of its
//! own, killed when its [`Process`] is dropped (a test that fails or panics), and under
//! `setpriv --pdeathsig KILL`, so the kernel kills it when the test process itself dies,
//! even by SIGKILL. Its stdout is kept in a log and read for a ready line, its stderr
//! kept in another log.
//!
//! The kernel sends the death signal when the *thread* that started the child ends, not
//! the process; so every child is started by one thread that lives as long as the test
//! process (`spawner`), never by a test's thread or a runtime's worker that may end
//! first. The workspace forbids `unsafe`, so `prctl` cannot be called between fork and
//! exec here: `setpriv` (util-linux) does it, then execs the program. Without `setpriv`
//! on the `PATH`, children are started bare, with a warning: they still die with their
//! `Process`, not with a killed test process.

use std::ffi::OsStr;
use std::fs::File;
use std::future::Future;
use std::io::{self, BufRead, BufReader, Write};
use std::ops::{Deref, DerefMut};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::sync::OnceLock;
use std::sync::mpsc as std_mpsc;
use std::time::Duration;

use anyhow::{Context, bail};
use nix::errno::Errno;
use nix::sys::signal::{Signal, killpg};
use nix::unistd::Pid;
use tokio::sync::mpsc;

/// A command that runs its program in a new process group, with the death signal set:
/// made by [`command`], configured as a [`Command`] (arguments, environment, folder),
/// started by [`Process::start`] or [`output`].
#[derive(Debug)]
pub struct Launch(Command);

impl Deref for Launch {
    type Target = Command;

    fn deref(&self) -> &Command {
        &self.0
    }
}

impl DerefMut for Launch {
    fn deref_mut(&mut self) -> &mut Command {
        &mut self.0
    }
}

/// `program`, to be configured and started.
pub fn command(program: impl AsRef<OsStr>) -> Launch {
    let mut command = match setpriv() {
        Some(setpriv) => {
            let mut command = Command::new(setpriv);
            command.args(["--pdeathsig", "KILL", "--"]).arg(program);
            command
        }
        None => Command::new(program),
    };
    command.process_group(0);
    Launch(command)
}

/// `setpriv` on the `PATH`, looked for once.
fn setpriv() -> Option<&'static Path> {
    static FOUND: OnceLock<Option<PathBuf>> = OnceLock::new();
    FOUND
        .get_or_init(|| {
            let path = std::env::var_os("PATH").unwrap_or_default();
            let found = std::env::split_paths(&path)
                .map(|folder| folder.join("setpriv"))
                .find(|candidate| candidate.is_file());
            if found.is_none() {
                eprintln!(
                    "warning: no setpriv (util-linux) on the PATH: processes a test starts \
                     survive the test process if it is killed"
                );
            }
            found
        })
        .as_deref()
}

/// A command for the spawner, and where its child goes.
struct Request {
    command: Command,
    reply: std_mpsc::Sender<io::Result<Child>>,
}

/// Starts `command` from the spawner thread, the parent whose end kills the child.
fn spawn(command: Command) -> io::Result<Child> {
    static SPAWNER: OnceLock<Option<std_mpsc::Sender<Request>>> = OnceLock::new();
    let spawner = SPAWNER.get_or_init(|| {
        let (requests, incoming) = std_mpsc::channel::<Request>();
        // Never joined: it must outlive every child, so it ends with the process.
        std::thread::Builder::new()
            .name("test-support-spawner".into())
            .spawn(move || {
                for mut request in incoming {
                    let _ = request.reply.send(request.command.spawn());
                }
            })
            .ok()
            .map(|_| requests)
    });
    let gone = || io::Error::other("the spawner thread is gone");
    let spawner = spawner.as_ref().ok_or_else(gone)?;
    let (reply, child) = std_mpsc::channel();
    spawner
        .send(Request { command, reply })
        .map_err(|_| gone())?;
    child.recv().map_err(|_| gone())?
}

/// Runs `launch` to its end, `stdin` written to it, and returns what it printed.
pub fn output(mut launch: Launch, stdin: &[u8]) -> io::Result<Output> {
    launch
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = spawn(launch.0)?;
    let mut input = child
        .stdin
        .take()
        .ok_or_else(|| io::Error::other("no stdin"))?;
    let stdin = stdin.to_vec();
    // From another thread: the child may echo its input, and a full stdout pipe would
    // otherwise block both sides.
    let writer = std::thread::spawn(move || input.write_all(&stdin));
    let output = child.wait_with_output()?;
    writer
        .join()
        .map_err(|_| io::Error::other("the stdin writer panicked"))??;
    Ok(output)
}

/// Where a process's output is kept.
#[derive(Debug, Clone)]
pub struct Logs {
    pub stdout: PathBuf,
    pub stderr: PathBuf,
}

/// A started process: its group is killed when this is dropped.
#[derive(Debug)]
pub struct Process {
    /// What messages call it (`passerelle run`).
    name: String,
    child: Child,
    /// Set once the child is reaped: its group ID may then be another's.
    status: Option<ExitStatus>,
    lines: mpsc::UnboundedReceiver<String>,
    stderr: PathBuf,
    /// Its stdin, when it was started to be fed ([`Process::start_fed`]).
    stdin: Option<std::process::ChildStdin>,
}

impl Process {
    /// Starts `launch`, its stdout copied line by line into `logs.stdout` (and read by
    /// [`Process::wait_for_line`]), its stderr into `logs.stderr`, stdin empty.
    pub fn start(name: &str, launch: Launch, logs: &Logs) -> anyhow::Result<Process> {
        Self::start_with(name, launch, logs, false)
    }

    /// As [`Process::start`], with its stdin a pipe that [`Process::feed`] writes to.
    pub fn start_fed(name: &str, launch: Launch, logs: &Logs) -> anyhow::Result<Process> {
        Self::start_with(name, launch, logs, true)
    }

    fn start_with(
        name: &str,
        mut launch: Launch,
        logs: &Logs,
        fed: bool,
    ) -> anyhow::Result<Process> {
        let stderr = File::create(&logs.stderr)
            .with_context(|| format!("cannot create {}", logs.stderr.display()))?;
        let mut stdout_log = File::create(&logs.stdout)
            .with_context(|| format!("cannot create {}", logs.stdout.display()))?;
        launch
            .stdin(if fed { Stdio::piped() } else { Stdio::null() })
            .stdout(Stdio::piped())
            .stderr(stderr);
        let mut child = spawn(launch.0).with_context(|| format!("cannot start {name}"))?;
        let stdout = child.stdout.take().context("no stdout pipe")?;
        let stdin = child.stdin.take();
        let (sender, lines) = mpsc::unbounded_channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                let _ = writeln!(stdout_log, "{line}");
                let _ = sender.send(line);
            }
        });
        Ok(Process {
            name: name.to_owned(),
            child,
            status: None,
            lines,
            stderr: logs.stderr.clone(),
            stdin,
        })
    }

    /// Whether a line starting with `prefix` is among those it printed and nobody read
    /// yet, up to its end (for a process just killed).
    pub async fn printed_before_end(&mut self, prefix: &str) -> bool {
        let mut seen = false;
        while let Some(line) = self.lines.recv().await {
            seen |= line.starts_with(prefix);
        }
        seen
    }

    /// Closes its stdin (the end of its input) and waits up to `limit` for a clean exit.
    pub async fn end_input(&mut self, limit: Duration) -> anyhow::Result<()> {
        drop(self.stdin.take());
        match self.wait_exit(limit).await {
            Some(status) if status.success() => Ok(()),
            status => bail!(
                "{} ended with {status:?} at the end of its input; its stderr:\n{}",
                self.name,
                tail(&self.stderr, 40)
            ),
        }
    }

    /// Writes `line` and a line break to its stdin, at once.
    pub fn feed(&mut self, line: &str) -> io::Result<()> {
        let stdin = self
            .stdin
            .as_mut()
            .ok_or_else(|| io::Error::other("not started to be fed"))?;
        stdin.write_all(format!("{line}\n").as_bytes())?;
        stdin.flush()
    }

    /// Its process ID, which is also its group's.
    pub fn id(&self) -> u32 {
        self.child.id()
    }

    /// Waits until it prints a line starting with `prefix`, and returns the rest of it;
    /// fails with its stderr when it ends first or `limit` passes.
    pub async fn wait_for_line(&mut self, prefix: &str, limit: Duration) -> anyhow::Result<String> {
        let lines = &mut self.lines;
        let found = tokio::time::timeout(limit, async {
            while let Some(line) = lines.recv().await {
                if let Some(rest) = line.strip_prefix(prefix) {
                    return Some(rest.to_owned());
                }
            }
            None
        })
        .await;
        match found {
            Ok(Some(rest)) => Ok(rest),
            Ok(None) => {
                let status = self.wait_exit(Duration::from_secs(5)).await;
                bail!(
                    "{} ended ({}) before saying {prefix:?}; its stderr:\n{}",
                    self.name,
                    status.map_or("still running".into(), |status| status.to_string()),
                    tail(&self.stderr, 60)
                )
            }
            Err(_) => bail!(
                "{} did not say {prefix:?} within {limit:?}; its stderr:\n{}",
                self.name,
                tail(&self.stderr, 60)
            ),
        }
    }

    /// How it ended, if it has.
    pub fn exited(&mut self) -> Option<ExitStatus> {
        if self.status.is_none() {
            self.status = self.child.try_wait().ok().flatten();
        }
        self.status
    }

    /// Waits until it ends or `limit` passes.
    pub async fn wait_exit(&mut self, limit: Duration) -> Option<ExitStatus> {
        let deadline = tokio::time::Instant::now() + limit;
        loop {
            if let Some(status) = self.exited() {
                return Some(status);
            }
            if tokio::time::Instant::now() >= deadline {
                return None;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Sends `signal` to its whole group, unless it is reaped already.
    pub fn signal(&mut self, signal: Signal) -> io::Result<()> {
        if self.status.is_some() {
            return Ok(());
        }
        let group = Pid::from_raw(i32::try_from(self.child.id()).map_err(io::Error::other)?);
        match killpg(group, signal) {
            Ok(()) | Err(Errno::ESRCH) => Ok(()),
            Err(error) => Err(io::Error::from(error)),
        }
    }

    /// SIGKILL to its group, as a crash or a power cut would; then reaps it.
    pub fn kill(&mut self) -> io::Result<ExitStatus> {
        self.signal(Signal::SIGKILL)?;
        let status = self.child.wait()?;
        self.status = Some(status);
        Ok(status)
    }

    /// SIGTERM to its group, then waits up to `limit` for a clean exit (status 0); kills
    /// it when it does not end in time.
    pub async fn stop(&mut self, limit: Duration) -> anyhow::Result<()> {
        self.signal(Signal::SIGTERM)
            .with_context(|| format!("cannot send SIGTERM to {}", self.name))?;
        match self.wait_exit(limit).await {
            Some(status) if status.success() => Ok(()),
            Some(status) => bail!(
                "{} stopped with {status} after SIGTERM; its stderr:\n{}",
                self.name,
                tail(&self.stderr, 40)
            ),
            None => {
                let _ = self.kill();
                bail!(
                    "{} did not stop within {limit:?} of SIGTERM; its stderr:\n{}",
                    self.name,
                    tail(&self.stderr, 40)
                )
            }
        }
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.kill();
    }
}

/// Runs `future` to its end on a runtime of its own, for code outside any runtime (a
/// process stopped from `main`).
pub fn blocking<F: Future>(future: F) -> io::Result<F::Output> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()?;
    Ok(runtime.block_on(future))
}

/// The last `lines` lines of a log file, indented, for failure messages.
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

#[cfg(test)]
mod tests;
