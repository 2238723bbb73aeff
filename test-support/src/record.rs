//! The calls a fake answered, in the order it answered them, and a test waiting for one: the
//! first that matches after a mark, as soon as it is recorded, or an error after a timeout
//! that sums up the calls that came instead. And the lock the fakes take their state with.

use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use tokio::sync::watch;

/// A mutex's guard, even if a thread panicked holding it (a failed test's, not ours to
/// fail again).
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A call as an error message lists it, on one line.
pub(crate) trait Summary {
    fn summary(&self) -> String;
}

/// The calls recorded, and a signal to wake whoever waits for one.
#[derive(Debug)]
pub(crate) struct Recorder<C> {
    calls: Mutex<Vec<C>>,
    /// The number of calls recorded.
    count: watch::Sender<usize>,
}

impl<C: Clone + Summary> Recorder<C> {
    pub fn new() -> Recorder<C> {
        Recorder {
            calls: Mutex::new(Vec::new()),
            count: watch::Sender::new(0),
        }
    }

    pub fn record(&self, call: C) {
        let count = {
            let mut calls = lock(&self.calls);
            calls.push(call);
            calls.len()
        };
        self.count.send_replace(count);
    }

    /// Every call so far, in the order they were answered.
    pub fn all(&self) -> Vec<C> {
        lock(&self.calls).clone()
    }

    /// The calls `wanted` accepts, in order.
    pub fn filter(&self, wanted: impl Fn(&C) -> bool) -> Vec<C> {
        let calls = lock(&self.calls);
        calls.iter().filter(|c| wanted(c)).cloned().collect()
    }

    /// The first call `wanted` accepts.
    pub fn find(&self, wanted: impl Fn(&C) -> bool) -> Option<C> {
        lock(&self.calls).iter().find(|c| wanted(c)).cloned()
    }

    /// How many calls were recorded: a mark for [`Recorder::wait_after`].
    pub fn mark(&self) -> usize {
        lock(&self.calls).len()
    }

    /// The first call after `mark` that `wanted` accepts, among those recorded so far or
    /// until `timeout` has passed; else an error saying no `what` call came, and which did.
    pub async fn wait_after(
        &self,
        mark: usize,
        what: &str,
        wanted: impl Fn(&C) -> bool,
        timeout: Duration,
    ) -> anyhow::Result<C> {
        let deadline = tokio::time::Instant::now() + timeout;
        let mut recorded = self.count.subscribe();
        loop {
            recorded.borrow_and_update();
            let found = {
                let calls = lock(&self.calls);
                calls.iter().skip(mark).find(|c| wanted(c)).cloned()
            };
            if let Some(call) = found {
                return Ok(call);
            }
            if tokio::time::timeout_at(deadline, recorded.changed())
                .await
                .is_err()
            {
                let seen: Vec<String> = {
                    let calls = lock(&self.calls);
                    calls.iter().skip(mark).map(Summary::summary).collect()
                };
                anyhow::bail!(
                    "no matching {what} call within {timeout:?}; calls: [{}]",
                    seen.join(", ")
                );
            }
        }
    }
}
