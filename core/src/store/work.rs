//! Units of work: one transaction that several store calls write through, so a change
//! and every message it causes commit together or not at all.
//!
//! [`Store::begin_work`] opens the transaction and returns a store bound to it; every
//! call on that store runs on the transaction's connection (a call that opens its own
//! transaction gets a savepoint inside it). [`Store::commit`] ends it; a unit of work
//! dropped without a commit is rolled back.

use std::ops::{Deref, DerefMut};
use std::sync::Arc;

use sqlx::pool::PoolConnection;
use sqlx::{Database, Postgres, Sqlite, Transaction};
use tokio::sync::{MappedMutexGuard, Mutex, MutexGuard, OwnedMutexGuard};

use super::{Pool, Store, StoreError};

/// The open transaction of a unit of work, shared by the clones of its store.
#[derive(Debug)]
pub(super) enum Work {
    /// With its turn at writing (see `Store::turns`), given back when it commits.
    Sqlite(
        Mutex<Option<Transaction<'static, Sqlite>>>,
        std::sync::Mutex<Option<OwnedMutexGuard<()>>>,
    ),
    Postgres(Mutex<Option<Transaction<'static, Postgres>>>),
}

/// The connection one store call runs on: its own from the pool, or the unit of work's.
pub(crate) enum Held<'a, DB: Database> {
    Pooled(PoolConnection<DB>),
    Work(MappedMutexGuard<'a, Transaction<'static, DB>>),
}

/// A [`Held`] connection of either backend.
pub(crate) enum Connection<'a> {
    Sqlite(Held<'a, Sqlite>),
    Postgres(Held<'a, Postgres>),
}

impl<DB: Database> Deref for Held<'_, DB> {
    type Target = DB::Connection;

    fn deref(&self) -> &Self::Target {
        match self {
            Self::Pooled(connection) => connection,
            Self::Work(transaction) => transaction,
        }
    }
}

impl<DB: Database> DerefMut for Held<'_, DB> {
    fn deref_mut(&mut self) -> &mut Self::Target {
        match self {
            Self::Pooled(connection) => connection,
            Self::Work(transaction) => transaction,
        }
    }
}

/// The unit of work's transaction, or an error when it has ended or is in use.
fn lock<'a, DB: Database>(
    slot: &'a Mutex<Option<Transaction<'static, DB>>>,
) -> Result<Held<'a, DB>, StoreError> {
    // One call at a time: a store call made while another holds the connection is a
    // bug (it would wait for itself), so it fails instead of hanging.
    let guard = slot.try_lock().map_err(|_| {
        StoreError::Corrupt("a unit of work was used by two calls at once".to_owned())
    })?;
    MutexGuard::try_map(guard, Option::as_mut)
        .map(Held::Work)
        .map_err(|_| StoreError::Corrupt("a unit of work was used after it ended".to_owned()))
}

impl Store {
    /// The connection for one call: the unit of work's, or one from the pool.
    pub(crate) async fn hold(&self) -> Result<Connection<'_>, StoreError> {
        Ok(match (&self.work, &self.pool) {
            (Some(work), _) => match work.as_ref() {
                Work::Sqlite(slot, _) => Connection::Sqlite(lock(slot)?),
                Work::Postgres(slot) => Connection::Postgres(lock(slot)?),
            },
            (None, Pool::Sqlite(pool)) => Connection::Sqlite(Held::Pooled(pool.acquire().await?)),
            (None, Pool::Postgres(pool)) => {
                Connection::Postgres(Held::Pooled(pool.acquire().await?))
            }
        })
    }

    /// Opens a unit of work: the store returned (and its clones) writes in one
    /// transaction until [`Store::commit`]. On SQLite it takes the write lock at once,
    /// so two units of work wait for each other instead of failing halfway.
    pub async fn begin_work(&self) -> Result<Self, StoreError> {
        if self.work.is_some() {
            return Ok(self.clone());
        }
        let work = match &self.pool {
            Pool::Sqlite(pool) => {
                let turn = Arc::clone(&self.turns).lock_owned().await;
                Work::Sqlite(
                    Mutex::new(Some(pool.begin_with("BEGIN IMMEDIATE").await?)),
                    std::sync::Mutex::new(Some(turn)),
                )
            }
            Pool::Postgres(pool) => Work::Postgres(Mutex::new(Some(pool.begin().await?))),
        };
        Ok(Self {
            pool: self.pool.clone(),
            work: Some(Arc::new(work)),
            turns: Arc::clone(&self.turns),
        })
    }

    /// Commits the unit of work this store is bound to; later calls on it fail. A store
    /// that is not bound to one has nothing to commit.
    pub async fn commit(&self) -> Result<(), StoreError> {
        match self.work.as_deref() {
            None => {}
            Some(Work::Sqlite(slot, turn)) => {
                take(slot)?.commit().await?;
                // The next unit of work may go; a poisoned lock still holds the turn.
                drop(turn.lock().map(|mut turn| turn.take()));
            }
            Some(Work::Postgres(slot)) => take(slot)?.commit().await?,
        }
        Ok(())
    }

    /// In a unit of work, a point to come back to with [`Store::back_to_savepoint`]:
    /// what is written after it can be undone alone, a failed statement included (on
    /// PostgreSQL one spoils the whole transaction otherwise). Outside one, nothing.
    pub async fn savepoint(&self) -> Result<(), StoreError> {
        self.on_savepoint("SAVEPOINT passerelle_attempt").await
    }

    /// Undoes what was written since [`Store::savepoint`], and keeps the rest.
    pub async fn back_to_savepoint(&self) -> Result<(), StoreError> {
        self.on_savepoint("ROLLBACK TO SAVEPOINT passerelle_attempt")
            .await?;
        self.release_savepoint().await
    }

    /// Keeps what was written since [`Store::savepoint`].
    pub async fn release_savepoint(&self) -> Result<(), StoreError> {
        self.on_savepoint("RELEASE SAVEPOINT passerelle_attempt")
            .await
    }

    async fn on_savepoint(&self, sql: &'static str) -> Result<(), StoreError> {
        if self.work.is_none() {
            return Ok(());
        }
        super::on_conn!(self, |conn| sqlx::query(sql)
            .execute(&mut *conn)
            .await?
            .rows_affected());
        Ok(())
    }
}

fn take<DB: Database>(
    slot: &Mutex<Option<Transaction<'static, DB>>>,
) -> Result<Transaction<'static, DB>, StoreError> {
    slot.try_lock()
        .ok()
        .and_then(|mut guard| guard.take())
        .ok_or_else(|| StoreError::Corrupt("a unit of work was committed twice".to_owned()))
}

impl StoreError {
    /// Whether running the same work again may succeed: a deadlock or serialization
    /// failure on PostgreSQL, a busy database on SQLite. Nothing of the failed try was
    /// kept, so trying again is safe.
    pub fn is_retryable(&self) -> bool {
        let Self::Query(sqlx::Error::Database(error)) = self else {
            return false;
        };
        matches!(
            error.code().as_deref(),
            // PostgreSQL: serialization_failure, deadlock_detected.
            Some("40001" | "40P01")
            // SQLite: SQLITE_BUSY, SQLITE_LOCKED and their extended codes.
            | Some("5" | "6" | "261" | "517" | "262")
        )
    }

    /// Whether the database could not be reached at all (down, unreachable, or every
    /// connection busy past the wait): nothing was saved, and saying so is honest.
    pub fn is_unavailable(&self) -> bool {
        matches!(
            self,
            Self::TimedOut(_)
                | Self::Query(
                    sqlx::Error::PoolTimedOut
                        | sqlx::Error::PoolClosed
                        | sqlx::Error::Io(_)
                        | sqlx::Error::Tls(_)
                        | sqlx::Error::Protocol(_)
                        | sqlx::Error::WorkerCrashed
                )
        )
    }

    /// Whether the error may pass by itself, the database being away for a while:
    /// unreachable, refusing or dropping connections, busy. Not a closed store, nor a
    /// query the database refuses.
    pub fn may_pass(&self) -> bool {
        if matches!(self, Self::Query(sqlx::Error::PoolClosed)) {
            return false;
        }
        if self.is_unavailable() || self.is_retryable() {
            return true;
        }
        let Self::Query(sqlx::Error::Database(error)) = self else {
            return false;
        };
        let code = error.code();
        let code = code.as_deref().unwrap_or_default();
        // PostgreSQL: a connection exception (class 08), the server shutting down or
        // starting (57P01-57P03), too many connections (53300), and a database not
        // accepting connections (55000, as `ALLOW_CONNECTIONS false` says it).
        code.starts_with("08") || matches!(code, "57P01" | "57P02" | "57P03" | "53300" | "55000")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_database_away_may_pass_a_closed_store_may_not() {
        let away = StoreError::Query(sqlx::Error::PoolTimedOut);
        assert!(away.may_pass());
        assert!(StoreError::TimedOut(std::time::Duration::from_secs(3)).may_pass());
        assert!(!StoreError::Query(sqlx::Error::PoolClosed).may_pass());
        assert!(!StoreError::Corrupt("a unit of work was committed twice".into()).may_pass());
        assert!(!StoreError::Query(sqlx::Error::RowNotFound).may_pass());
    }
}
