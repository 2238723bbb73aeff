//! What only one of several processes on one database may run (a platform's single
//! connection: Telegram's long poll, Discord's gateway, the Matrix bot's sync), run under
//! a lease in the database: the process waits until it holds the lease, runs while it
//! renews it, stops when it loses it, and lets go of it when it ends. When the holder
//! dies, another takes over within [`TAKEOVER`].

use std::future::Future;
use std::time::Duration;

use chrono::{TimeDelta, Utc};
use passerelle_core::store::{Holder, Store};
use tokio::sync::watch;
use tokio::time::Instant;

/// How long a lease lasts unless renewed.
pub const TTL: Duration = Duration::from_secs(10);
/// How often the holder renews it.
const RENEW_EVERY: Duration = Duration::from_secs(3);
/// How often a process waiting for it tries to take it.
const TRY_EVERY: Duration = Duration::from_secs(2);
/// The longest from the holder's death to another holding the lease.
pub const TAKEOVER: Duration = Duration::from_secs(12);
/// A holder that could not renew for this long stops, before the lease runs out and
/// another may take it: two never run at once.
const GIVE_BACK_AFTER: Duration = Duration::from_secs(6);

/// The environment variable that names this instance for good (a pod's name).
pub const INSTANCE_VARIABLE: &str = "PASSERELLE_INSTANCE";

/// A name for this process among those sharing the database: [`INSTANCE_VARIABLE`] when
/// set, so that the instance started again under it takes its leases back at once;
/// else its host, process ID and start, so that a restarted process is another holder
/// (and waits for the dead one's leases to run out).
pub fn holder_name() -> String {
    if let Ok(name) = std::env::var(INSTANCE_VARIABLE)
        && !name.trim().is_empty()
    {
        return name.trim().to_owned();
    }
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|host| host.trim().to_owned())
        .unwrap_or_else(|_| "host".to_owned());
    let started = Utc::now().timestamp_millis();
    format!("{host}-{}-{started}", std::process::id())
}

/// Why a leased run ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Ended {
    /// It ran and stopped by itself or on `shutdown`, with its result.
    Ran(Result<(), String>),
    /// The lease was lost (not renewed in time, or taken): the run was stopped.
    Lost,
    /// `shutdown` came while waiting for the lease.
    Waited,
}

/// Waits until `holder` holds the lease `name` (calling `waiting` once with who holds it,
/// if it must wait), then runs `run` with a stop signal that is raised on `shutdown` or
/// when the lease is lost, renewing the lease meanwhile; lets go of it at the end.
pub async fn run_leased<F, Fut>(
    store: &Store,
    name: &str,
    holder: &str,
    shutdown: watch::Receiver<bool>,
    waiting: impl FnOnce(Option<Holder>),
    run: F,
) -> Ended
where
    F: FnOnce(watch::Receiver<bool>) -> Fut,
    Fut: Future<Output = Result<(), String>>,
{
    let nothing = |_| async { Ok(()) };
    run_standing_by(store, name, holder, shutdown, waiting, nothing, run).await
}

/// [`run_leased`], running `stand_by` while it waits: what keeps this process ready to
/// take over (a Matrix device keeping its keys current). Once the lease is held,
/// `stand_by`'s signal is raised and `run` starts when it has ended (its error is only
/// logged then). A `stand_by` that fails before that ends the wait with its error.
pub async fn run_standing_by<S, SFut, F, Fut>(
    store: &Store,
    name: &str,
    holder: &str,
    mut shutdown: watch::Receiver<bool>,
    waiting: impl FnOnce(Option<Holder>),
    stand_by: S,
    run: F,
) -> Ended
where
    S: FnOnce(watch::Receiver<bool>) -> SFut,
    SFut: Future<Output = Result<(), String>>,
    F: FnOnce(watch::Receiver<bool>) -> Fut,
    Fut: Future<Output = Result<(), String>>,
{
    let ttl = TimeDelta::from_std(TTL).unwrap_or(TimeDelta::seconds(10));
    let mut waiting = Some(waiting);
    let (end_standing_by, standing_by_ends) = watch::channel(false);
    // Started once the lease is found held by another: a process that takes it at once
    // has nothing to stand by for.
    let mut stand_by = Some((stand_by, standing_by_ends));
    let mut standing_by = None;
    let mut stood_by = false;
    let mut asked;
    loop {
        if *shutdown.borrow() {
            return Ended::Waited;
        }
        asked = Instant::now();
        match store.take_lease(name, holder, Utc::now(), ttl).await {
            Ok(true) => break,
            Ok(false) => {
                if let Some(waiting) = waiting.take() {
                    waiting(store.lease_holder(name).await.ok().flatten());
                }
                if let Some((stand_by, ends)) = stand_by.take() {
                    standing_by = Some(Box::pin(stand_by(ends)));
                }
            }
            Err(error) => tracing::warn!(%error, lease = name, "cannot take the lease"),
        }
        let standing = async {
            match standing_by.as_mut() {
                Some(standing_by) => standing_by.await,
                None => std::future::pending().await,
            }
        };
        // A shutdown sender gone is a shutdown: no looping on a closed channel.
        let closed = tokio::select! {
            changed = shutdown.changed() => changed.is_err(),
            () = tokio::time::sleep(TRY_EVERY) => false,
            ended = standing, if !stood_by => {
                stood_by = true;
                if let Err(error) = ended {
                    return Ended::Ran(Err(error));
                }
                false
            }
        };
        if closed {
            return Ended::Waited;
        }
    }
    tracing::info!(lease = name, holder, "holding the lease");
    let (stop, stopped) = watch::channel(false);
    let shut = shutdown.clone();
    let renewing = renew(store, name, holder, ttl, asked, shutdown, stop);
    let running = async {
        let _ = end_standing_by.send(true);
        if !stood_by
            && let Some(standing_by) = standing_by
            && let Err(error) = standing_by.await
        {
            tracing::warn!(%error, lease = name, "standing by ended badly; taking over all the same");
        }
        // Shut down or lost while standing by finished: the run would start for nothing.
        if *shut.borrow() || *stopped.borrow() {
            return Ok(());
        }
        run(stopped).await
    };
    tokio::pin!(renewing, running);
    let mut lost = None;
    let result = loop {
        tokio::select! {
            result = &mut running => break result,
            gone = &mut renewing, if lost.is_none() => lost = Some(gone),
        }
    };
    if let Err(error) = store.release_lease(name, holder).await {
        tracing::warn!(%error, lease = name, "cannot let go of the lease; it runs out by itself");
    }
    match lost {
        Some(true) => Ended::Lost,
        _ => Ended::Ran(result),
    }
}

/// Renews the lease until `shutdown` (then raises `stop`, returns `false`) or until it is
/// lost (raises `stop`, returns `true`): taken by another, or not renewed in time. The
/// lease holds until [`TTL`] after the call that took or renewed it began (`asked`);
/// the holder gives it back [`GIVE_BACK_AFTER`] from then, a renewal still under way
/// included, so that it has stopped before another may take it.
async fn renew(
    store: &Store,
    name: &str,
    holder: &str,
    ttl: TimeDelta,
    asked: Instant,
    mut shutdown: watch::Receiver<bool>,
    stop: watch::Sender<bool>,
) -> bool {
    let mut give_back_at = asked + GIVE_BACK_AFTER;
    loop {
        let next = (Instant::now() + RENEW_EVERY).min(give_back_at);
        let closed = tokio::select! {
            changed = shutdown.changed() => changed.is_err(),
            () = tokio::time::sleep_until(next) => false,
        };
        if closed || *shutdown.borrow() {
            let _ = stop.send(true);
            return false;
        }
        let asked = Instant::now();
        let renewal = store.take_lease(name, holder, Utc::now(), ttl);
        match tokio::time::timeout_at(give_back_at, renewal).await {
            Ok(Ok(true)) => give_back_at = asked + GIVE_BACK_AFTER,
            Ok(Ok(false)) => {
                tracing::warn!(
                    lease = name,
                    "the lease was taken by another process; stopping"
                );
                let _ = stop.send(true);
                return true;
            }
            Ok(Err(error)) if Instant::now() >= give_back_at => {
                tracing::warn!(%error, lease = name, "cannot renew the lease; stopping");
                let _ = stop.send(true);
                return true;
            }
            Ok(Err(error)) => tracing::warn!(%error, lease = name, "cannot renew the lease yet"),
            Err(_) => {
                tracing::warn!(
                    lease = name,
                    "the lease could not be renewed in time; stopping"
                );
                let _ = stop.send(true);
                return true;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn store() -> Store {
        Store::open("sqlite::memory:").await.unwrap()
    }

    /// A run that lasts until it is told to stop, then says how it ended.
    async fn until_stopped(mut stop: watch::Receiver<bool>) -> Result<(), String> {
        while !*stop.borrow() {
            if stop.changed().await.is_err() {
                break;
            }
        }
        Ok(())
    }

    #[tokio::test]
    async fn the_second_waits_for_the_first_to_let_go() {
        let store = store().await;
        let (shutdown_a, a_shut) = watch::channel(false);
        let (_shutdown_b, b_shut) = watch::channel(false);
        let first = tokio::spawn({
            let store = store.clone();
            async move { run_leased(&store, "telegram:1", "a", a_shut, |_| {}, until_stopped).await }
        });
        while store.lease_holder("telegram:1").await.unwrap().is_none() {
            tokio::task::yield_now().await;
        }
        let (told, mut heard) = tokio::sync::mpsc::unbounded_channel();
        let second = tokio::spawn({
            let store = store.clone();
            async move {
                let waiting = move |holder: Option<Holder>| {
                    let _ = told.send(holder.map(|holder| holder.holder));
                };
                run_leased(&store, "telegram:1", "b", b_shut, waiting, |_| async {
                    Ok(())
                })
                .await
            }
        });
        assert_eq!(heard.recv().await.flatten().as_deref(), Some("a"));
        assert!(!second.is_finished(), "ran while the first held it");
        let _ = shutdown_a.send(true);
        assert_eq!(first.await.unwrap(), Ended::Ran(Ok(())));
        let started = Instant::now();
        assert_eq!(second.await.unwrap(), Ended::Ran(Ok(())));
        assert!(started.elapsed() <= TRY_EVERY + Duration::from_secs(1));
        assert_eq!(store.lease_holder("telegram:1").await.unwrap(), None);
    }

    #[tokio::test]
    async fn a_holder_whose_lease_is_taken_stops() {
        let store = store().await;
        let (_shutdown, shut) = watch::channel(false);
        let taken = async {
            tokio::time::sleep(Duration::from_millis(200)).await;
            // As if it had run out: another process takes it.
            store.release_lease("discord:9", "a").await.unwrap();
            let now = Utc::now();
            assert!(
                store
                    .take_lease("discord:9", "b", now, TimeDelta::seconds(60))
                    .await
                    .unwrap()
            );
        };
        let (ended, ()) = tokio::join!(
            run_leased(&store, "discord:9", "a", shut, |_| {}, until_stopped),
            taken
        );
        assert_eq!(ended, Ended::Lost);
        let holder = store.lease_holder("discord:9").await.unwrap().unwrap();
        assert_eq!(
            holder.holder, "b",
            "the one that lost it does not let go of another's"
        );
    }

    /// The lease `matrix:@b`, taken by process `a` for a minute.
    async fn held_by_a(store: &Store) {
        let now = Utc::now();
        let ttl = TimeDelta::seconds(60);
        assert!(store.take_lease("matrix:@b", "a", now, ttl).await.unwrap());
    }

    /// Process b standing by while a holds the lease `matrix:@b`: says "standing by",
    /// "taking over" when its stand-by is told to end, "stood by" once `last_sync` is
    /// done, and "running" if its run starts.
    fn b_standing_by(
        store: &Store,
        shut: watch::Receiver<bool>,
        last_sync: impl Future<Output = ()> + Send + 'static,
    ) -> (
        tokio::task::JoinHandle<Ended>,
        tokio::sync::mpsc::UnboundedReceiver<&'static str>,
    ) {
        let (told, heard) = tokio::sync::mpsc::unbounded_channel();
        let log = told.clone();
        let stand_by = move |stop| async move {
            let _ = log.send("standing by");
            until_stopped(stop).await?;
            let _ = log.send("taking over");
            last_sync.await;
            let _ = log.send("stood by");
            Ok(())
        };
        let run = move |_| async move {
            let _ = told.send("running");
            Ok(())
        };
        let store = store.clone();
        let waited = tokio::spawn(async move {
            run_standing_by(&store, "matrix:@b", "b", shut, |_| {}, stand_by, run).await
        });
        (waited, heard)
    }

    #[tokio::test]
    async fn standing_by_runs_while_waiting_and_ends_before_the_run() {
        let store = store().await;
        let (_shutdown, shut) = watch::channel(false);
        held_by_a(&store).await;
        let (waited, mut heard) = b_standing_by(&store, shut, async {});
        assert_eq!(heard.recv().await, Some("standing by"));
        store.release_lease("matrix:@b", "a").await.unwrap();
        assert_eq!(waited.await.unwrap(), Ended::Ran(Ok(())));
        for then in ["taking over", "stood by", "running"] {
            assert_eq!(heard.recv().await, Some(then));
        }
    }

    #[tokio::test]
    async fn standing_by_that_fails_ends_the_wait_with_its_error() {
        let store = store().await;
        let (_shutdown, shut) = watch::channel(false);
        held_by_a(&store).await;
        let stand_by = |_| async { Err("the store is locked".to_owned()) };
        let run = |_| async { Err("ran without the lease".to_owned()) };
        let ended = run_standing_by(&store, "matrix:@b", "b", shut, |_| {}, stand_by, run).await;
        assert_eq!(ended, Ended::Ran(Err("the store is locked".to_owned())));
    }

    #[tokio::test]
    async fn a_process_that_takes_the_lease_at_once_does_not_stand_by() {
        let store = store().await;
        let (_shutdown, shut) = watch::channel(false);
        let stand_by = |_| async { panic!("stood by with the lease free") };
        let ended = run_standing_by(
            &store,
            "matrix:@b",
            "b",
            shut,
            |_| {},
            stand_by,
            |_| async { Ok(()) },
        )
        .await;
        assert_eq!(ended, Ended::Ran(Ok(())));
    }

    #[tokio::test]
    async fn a_shutdown_while_standing_by_ends_does_not_start_the_run() {
        let store = store().await;
        let (shutdown, shut) = watch::channel(false);
        held_by_a(&store).await;
        // Its last sync, during which the shutdown comes.
        let (finish, finishing) = tokio::sync::oneshot::channel::<()>();
        let last_sync = async {
            let _ = finishing.await;
        };
        let (waited, mut heard) = b_standing_by(&store, shut, last_sync);
        assert_eq!(heard.recv().await, Some("standing by"));
        store.release_lease("matrix:@b", "a").await.unwrap();
        assert_eq!(heard.recv().await, Some("taking over"));
        shutdown.send(true).unwrap();
        finish.send(()).unwrap();
        assert_eq!(waited.await.unwrap(), Ended::Ran(Ok(())));
        assert_eq!(heard.recv().await, Some("stood by"));
        assert_eq!(heard.recv().await, None, "the run never started");
    }

    /// On PostgreSQL a renewal can wait on a locked row for as long as the lock is held:
    /// the holder must not go on running past its lease meanwhile.
    #[tokio::test]
    async fn a_holder_whose_renewal_hangs_stops_before_its_lease_runs_out() {
        use sqlx::Connection;
        let server = "PASSERELLE_TEST_POSTGRES_URL";
        let Some(db) = passerelle_test_support::TestDb::postgres_unless_skipped(server)
            .await
            .unwrap()
        else {
            return;
        };
        let store = Store::open(&db.url).await.unwrap();
        let (_shutdown, shut) = watch::channel(false);
        let (stopped, stopped_at) = tokio::sync::oneshot::channel();
        let holding = tokio::spawn({
            let store = store.clone();
            let run = |stop| async move {
                let ran = until_stopped(stop).await;
                let _ = stopped.send(Instant::now());
                ran
            };
            async move { run_leased(&store, "telegram:1", "a", shut, |_| {}, run).await }
        });
        while store.lease_holder("telegram:1").await.unwrap().is_none() {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        // A stuck transaction holds the lease's row: the next renewal waits on it.
        let mut stuck = sqlx::PgConnection::connect(&db.url).await.unwrap();
        let locked = Instant::now();
        sqlx::raw_sql("BEGIN; SELECT 1 FROM leases FOR UPDATE")
            .execute(&mut stuck)
            .await
            .unwrap();
        let stopped_at = tokio::time::timeout(TTL * 2, stopped_at)
            .await
            .expect("still running, the lease long over")
            .unwrap();
        assert!(
            stopped_at - locked < TTL,
            "stopped {:?} after the lock, its lease lasting {TTL:?}",
            stopped_at - locked
        );
        sqlx::raw_sql("ROLLBACK").execute(&mut stuck).await.unwrap();
        assert_eq!(holding.await.unwrap(), Ended::Lost);
        store.close().await;
        db.drop_database().await.unwrap();
    }
}
