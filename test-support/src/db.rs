//! Throwaway databases on each backend: a SQLite file in a temporary folder, or a fresh
//! PostgreSQL database with a random name on a server, dropped after.

mod rows;

pub use rows::rows;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

use anyhow::{Context, bail};
use sqlx::Connection;
use sqlx::postgres::PgConnection;

/// The two database backends the store runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// As test names write it: `sqlite`, `postgres`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Sqlite => "sqlite",
            Self::Postgres => "postgres",
        }
    }

    /// As people write it: `SQLite`, `PostgreSQL`.
    pub fn label(self) -> &'static str {
        match self {
            Self::Sqlite => "SQLite",
            Self::Postgres => "PostgreSQL",
        }
    }
}

/// A database that lives as long as one test or one benchmark run.
#[derive(Debug)]
pub struct TestDb {
    /// What `Store::open` takes.
    pub url: String,
    place: Place,
}

#[derive(Debug)]
enum Place {
    /// Removed when dropped, with the database file in it.
    File {
        _folder: tempfile::TempDir,
        path: PathBuf,
    },
    Server {
        server: String,
        name: String,
        dropped: bool,
    },
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// The server URL in the environment variable `name`, if it is set and not blank.
pub fn server_from_env(name: &str) -> Option<String> {
    std::env::var(name)
        .ok()
        .filter(|url| !url.trim().is_empty())
}

impl TestDb {
    /// The SQLite database `file` in a new temporary folder.
    pub fn sqlite(file: &str) -> anyhow::Result<Self> {
        let folder = tempfile::tempdir().context("cannot create a temporary folder")?;
        let path = folder.path().join(file);
        Ok(Self {
            url: format!("sqlite:{}", path.display()),
            place: Place::File {
                _folder: folder,
                path,
            },
        })
    }

    /// A new database with a name of its own (process, counter, clock) on the PostgreSQL
    /// `server`.
    pub async fn postgres(server: &str) -> anyhow::Result<Self> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |elapsed| elapsed.subsec_nanos());
        let name = format!(
            "passerelle_test_{}_{}_{nanos}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        let mut admin = PgConnection::connect(server)
            .await
            .with_context(|| format!("cannot reach PostgreSQL at {server}"))?;
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&mut admin)
            .await
            .with_context(|| format!("cannot create the database {name}"))?;
        Ok(Self {
            url: database_url(server, &name),
            place: Place::Server {
                server: server.to_owned(),
                name,
                dropped: false,
            },
        })
    }

    /// A database on `backend`: `test.db`, or one on the PostgreSQL server that the
    /// environment variable `server_env` names (an error when it names none).
    pub async fn on(backend: Backend, server_env: &str) -> anyhow::Result<Self> {
        match backend {
            Backend::Sqlite => Self::sqlite("test.db"),
            Backend::Postgres => match server_from_env(server_env) {
                Some(server) => Self::postgres(&server).await,
                None => bail!("{server_env} is not set, and PostgreSQL runs need a server"),
            },
        }
    }

    /// A fresh PostgreSQL database, for what only runs there (several instances): `None`,
    /// with a note, when `server_env` names no server and this is not CI; in CI (`CI`
    /// set), a missing server is an error, never a skip.
    pub async fn postgres_unless_skipped(server_env: &str) -> anyhow::Result<Option<Self>> {
        let in_ci = std::env::var("CI").is_ok_and(|value| !value.is_empty() && value != "false");
        if server_from_env(server_env).is_none() && !in_ci {
            eprintln!("note: skipped, set {server_env} to run it");
            return Ok(None);
        }
        Self::on(Backend::Postgres, server_env).await.map(Some)
    }

    /// On the PostgreSQL server `server_env` names when it names one, else the SQLite
    /// database `file`.
    pub async fn from_env(server_env: &str, file: &str) -> anyhow::Result<Self> {
        match server_from_env(server_env) {
            Some(server) => Self::postgres(&server).await,
            None => Self::sqlite(file),
        }
    }

    pub fn backend(&self) -> Backend {
        match self.place {
            Place::File { .. } => Backend::Sqlite,
            Place::Server { .. } => Backend::Postgres,
        }
    }

    /// The SQLite file, on SQLite.
    pub fn sqlite_file(&self) -> Option<&Path> {
        match &self.place {
            Place::File { path, .. } => Some(path),
            Place::Server { .. } => None,
        }
    }

    /// The server's URL and the database's name, on PostgreSQL.
    pub fn postgres_database(&self) -> Option<(&str, &str)> {
        match &self.place {
            Place::File { .. } => None,
            Place::Server { server, name, .. } => Some((server, name)),
        }
    }

    /// Drops the PostgreSQL database (a SQLite folder goes when the value is dropped).
    /// Dropping the value without this does it too, on a thread of its own.
    pub async fn drop_database(mut self) -> anyhow::Result<()> {
        let Place::Server {
            server,
            name,
            dropped,
        } = &mut self.place
        else {
            return Ok(());
        };
        *dropped = true;
        drop_on(server, name)
            .await
            .with_context(|| format!("could not drop the database {name}"))
    }
}

async fn drop_on(server: &str, name: &str) -> Result<(), sqlx::Error> {
    let mut admin = PgConnection::connect(server).await?;
    let sql = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    sqlx::query(sqlx::AssertSqlSafe(sql))
        .execute(&mut admin)
        .await?;
    admin.close().await
}

impl Drop for TestDb {
    /// A test that panicked before [`TestDb::drop_database`] leaves no database behind.
    fn drop(&mut self) {
        let Place::Server {
            server,
            name,
            dropped: false,
        } = &self.place
        else {
            return;
        };
        let (server, name) = (server.clone(), name.clone());
        // Its own thread and runtime: this may run inside another runtime, unwinding.
        let dropping = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()?;
            runtime
                .block_on(drop_on(&server, &name))
                .map_err(std::io::Error::other)
        });
        if let Ok(Err(error)) = dropping.join() {
            eprintln!("warning: could not drop a test database: {error}");
        }
    }
}

/// `server` (a PostgreSQL URL) naming the database `name` instead of its own.
pub fn database_url(server: &str, name: &str) -> String {
    let (base, query) = server
        .split_once('?')
        .map_or((server, None), |(base, query)| (base, Some(query)));
    let authority_end = base.find("://").map_or(0, |i| i + 3);
    let base = match base[authority_end..].find('/') {
        Some(slash) => &base[..authority_end + slash],
        None => base,
    };
    match query {
        Some(query) => format!("{base}/{name}?{query}"),
        None => format!("{base}/{name}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_database_name_replaces_the_servers_own() {
        let cases = [
            (
                "postgres://u:p@host:5432/postgres",
                "postgres://u:p@host:5432/db",
            ),
            ("postgres://host", "postgres://host/db"),
            (
                "postgres://host/postgres?sslmode=disable",
                "postgres://host/db?sslmode=disable",
            ),
            (
                "postgresql://host:1/x?a=b/c",
                "postgresql://host:1/db?a=b/c",
            ),
        ];
        for (server, url) in cases {
            assert_eq!(database_url(server, "db"), url, "{server}");
        }
    }

    #[test]
    fn a_sqlite_database_is_a_file_in_its_own_folder() -> anyhow::Result<()> {
        let db = TestDb::sqlite("x.db")?;
        let file = db.sqlite_file().context("a file")?.to_owned();
        assert_eq!(db.backend(), Backend::Sqlite);
        assert_eq!(db.url, format!("sqlite:{}", file.display()));
        assert!(file.parent().is_some_and(Path::exists));
        drop(db);
        assert!(!file.parent().is_some_and(Path::exists), "the folder goes");
        Ok(())
    }
}
