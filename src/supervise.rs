//! The adapters of one process, each supervised: one that stops on an error (its server
//! down, a token refused, a panic) is started again with backoff and logged, and never
//! takes the others down. The process gives up only when none can run: every adapter
//! failed to start [`GIVE_UP_AFTER`] times in a row without ever being ready.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use passerelle_runtime::Health;
use tokio::sync::{mpsc, watch};
use tokio::task::JoinSet;

/// How many failed starts in a row, with no adapter ever ready, make the process give up.
pub const GIVE_UP_AFTER: u32 = 3;
const FIRST_BACKOFF: Duration = Duration::from_secs(1);
const MAX_BACKOFF: Duration = Duration::from_secs(60);

/// One run of an adapter, until `shutdown` or an error; it calls [`Ready::now`] once it
/// is ready.
pub type Run = Pin<Box<dyn Future<Output = Result<(), String>> + Send>>;

/// An adapter as the supervisor starts it, as often as needed.
pub struct Adapter {
    pub name: &'static str,
    pub start: Box<dyn Fn(watch::Receiver<bool>, Ready) -> Run + Send + Sync>,
}

/// What a run calls once its adapter is ready.
#[derive(Debug, Clone)]
pub struct Ready {
    adapter: usize,
    name: &'static str,
    flag: Arc<AtomicBool>,
    tell: mpsc::UnboundedSender<News>,
    health: Health,
}

impl Ready {
    /// The adapter is up (connected, listening).
    pub fn now(&self) {
        if !self.flag.swap(true, Ordering::AcqRel) {
            self.health.set(self.name, true);
            let _ = self.tell.send(News::Ready(self.adapter));
        }
    }

    fn was(&self) -> bool {
        self.flag.load(Ordering::Acquire)
    }
}

impl std::fmt::Debug for Adapter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Adapter").field("name", &self.name).finish()
    }
}

/// What a supervisor tells the process.
#[derive(Debug)]
enum News {
    Ready(usize),
    Failed {
        adapter: usize,
        error: String,
        in_a_row: u32,
    },
}

/// Runs every adapter until `stop` is sent (what the caller does on SIGTERM), then waits
/// for each to stop cleanly; an error, after stopping them all, when none of them can
/// run. `health` says which adapters are up.
pub async fn supervise(
    adapters: Vec<Adapter>,
    stop: watch::Sender<bool>,
    health: Health,
) -> Result<(), String> {
    let (tell, mut news) = mpsc::unbounded_channel();
    let names: Vec<&str> = adapters.iter().map(|adapter| adapter.name).collect();
    let mut tasks = JoinSet::new();
    for (index, adapter) in adapters.into_iter().enumerate() {
        health.set(adapter.name, false);
        let started = keep_running(
            index,
            adapter,
            stop.subscribe(),
            tell.clone(),
            health.clone(),
        );
        tasks.spawn(started);
    }
    drop(tell);
    // Per adapter: whether it was ever ready, and its last failure with how many in a row.
    let mut ever_ready = vec![false; names.len()];
    let mut failing: Vec<Option<(u32, String)>> = vec![None; names.len()];
    let mut shutdown = stop.subscribe();
    let result = loop {
        tokio::select! {
            told = news.recv() => match told {
                Some(News::Ready(adapter)) => {
                    ever_ready[adapter] = true;
                    failing[adapter] = None;
                }
                Some(News::Failed { adapter, error, in_a_row }) => {
                    failing[adapter] = Some((in_a_row, error));
                    if none_can_run(&ever_ready, &failing) {
                        let errors: Vec<String> = names
                            .iter()
                            .zip(&failing)
                            .filter_map(|(name, failed)| {
                                failed.as_ref().map(|(_, error)| format!("{name}: {error}"))
                            })
                            .collect();
                        let _ = stop.send(true);
                        break Err(errors.join("; "));
                    }
                }
                None => break Ok(()),
            },
            _ = shutdown.changed() => break Ok(()),
        }
    };
    while tasks.join_next().await.is_some() {}
    result
}

/// No adapter was ever ready, and each failed to start [`GIVE_UP_AFTER`] times in a row.
fn none_can_run(ever_ready: &[bool], failing: &[Option<(u32, String)>]) -> bool {
    ever_ready.iter().all(|ready| !ready)
        && failing
            .iter()
            .all(|failed| failed.as_ref().is_some_and(|(n, _)| *n >= GIVE_UP_AFTER))
}

/// Starts `adapter` again each time it stops, until `shutdown`.
async fn keep_running(
    index: usize,
    adapter: Adapter,
    mut shutdown: watch::Receiver<bool>,
    tell: mpsc::UnboundedSender<News>,
    health: Health,
) {
    let mut backoff = FIRST_BACKOFF;
    let mut in_a_row = 0;
    while !*shutdown.borrow_and_update() {
        let ready = Ready {
            adapter: index,
            name: adapter.name,
            flag: Arc::new(AtomicBool::new(false)),
            tell: tell.clone(),
            health: health.clone(),
        };
        // Its own task: a panic is a failure like another.
        let ended = tokio::spawn((adapter.start)(shutdown.clone(), ready.clone())).await;
        if *shutdown.borrow() {
            return;
        }
        let error = match ended {
            Ok(Ok(())) => "stopped by itself".to_owned(),
            Ok(Err(error)) => error,
            Err(panic) => format!("panicked: {panic}"),
        };
        health.set(adapter.name, false);
        passerelle_runtime::METRICS
            .restarts
            .get_or_create(&passerelle_runtime::metrics::Part {
                adapter: adapter.name.to_owned(),
            })
            .inc();
        if ready.was() {
            // It ran for a while: this failure is counted afresh.
            backoff = FIRST_BACKOFF;
            in_a_row = 0;
        }
        in_a_row += 1;
        // A log line, so that JSON logs stay JSON.
        tracing::warn!(
            adapter = adapter.name,
            retry_in_seconds = backoff.as_secs(),
            "{}: {error}; starting it again in {} s",
            adapter.name,
            backoff.as_secs()
        );
        let _ = tell.send(News::Failed {
            adapter: index,
            error,
            in_a_row,
        });
        tokio::select! {
            () = tokio::time::sleep(backoff) => {}
            _ = shutdown.changed() => return,
        }
        backoff = (backoff * 2).min(MAX_BACKOFF);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failed(times: u32) -> Option<(u32, String)> {
        Some((times, "refused".to_owned()))
    }

    #[test]
    fn the_process_gives_up_only_when_every_adapter_keeps_failing_and_none_ever_ran() {
        assert!(none_can_run(&[false, false], &[failed(3), failed(4)]));
        // One still has tries left, or has not failed yet.
        assert!(!none_can_run(&[false, false], &[failed(3), failed(2)]));
        assert!(!none_can_run(&[false, false], &[failed(3), None]));
        // One ran once: its server may come back, so the process stays.
        assert!(!none_can_run(&[true, false], &[failed(9), failed(9)]));
    }
}
