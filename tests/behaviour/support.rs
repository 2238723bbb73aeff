//! Test databases on each backend: a SQLite file in a temporary folder, or a fresh
//! PostgreSQL database with a random name on the server named by
//! `PASSERELLE_TEST_POSTGRES_URL`.

use std::future::Future;
use std::sync::atomic::{AtomicU32, Ordering};

use sqlx::Connection;
use sqlx::postgres::PgConnection;

/// The server the PostgreSQL runs use; each test gets its own database on it.
pub const POSTGRES_ENV: &str = "PASSERELLE_TEST_POSTGRES_URL";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn name(self) -> &'static str {
        match self {
            Self::Sqlite => "sqlite",
            Self::Postgres => "postgres",
        }
    }
}

/// Why PostgreSQL runs are left out here, if they are. In CI they never are: a missing
/// URL there fails every PostgreSQL test instead.
pub fn postgres_skip_reason() -> Option<String> {
    let missing = std::env::var(POSTGRES_ENV).map_or(true, |url| url.trim().is_empty());
    let in_ci = std::env::var("CI").is_ok_and(|value| !value.is_empty() && value != "false");
    (missing && !in_ci).then(|| format!("set {POSTGRES_ENV} to run on PostgreSQL"))
}

/// A database that lives as long as one test.
#[derive(Debug)]
pub struct TestDb {
    pub url: String,
    cleanup: Cleanup,
}

#[derive(Debug)]
enum Cleanup {
    Folder(#[allow(dead_code)] tempfile::TempDir),
    Database { server: String, name: String },
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

impl TestDb {
    pub async fn new(backend: Backend) -> Self {
        match backend {
            Backend::Sqlite => {
                let folder = tempfile::tempdir().expect("a temporary folder");
                let url = format!("sqlite:{}", folder.path().join("test.db").display());
                Self {
                    url,
                    cleanup: Cleanup::Folder(folder),
                }
            }
            Backend::Postgres => {
                let server = std::env::var(POSTGRES_ENV).unwrap_or_else(|_| {
                    panic!("{POSTGRES_ENV} is not set, and CI needs PostgreSQL")
                });
                let nanos = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |elapsed| elapsed.subsec_nanos());
                let name = format!(
                    "passerelle_test_{}_{}_{nanos}",
                    std::process::id(),
                    COUNTER.fetch_add(1, Ordering::Relaxed)
                );
                let mut admin = PgConnection::connect(&server)
                    .await
                    .unwrap_or_else(|error| panic!("cannot reach PostgreSQL at {server}: {error}"));
                sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                    .execute(&mut admin)
                    .await
                    .expect("a fresh test database");
                Self {
                    url: database_url(&server, &name),
                    cleanup: Cleanup::Database { server, name },
                }
            }
        }
    }

    pub async fn drop_database(self) {
        if let Cleanup::Database { server, name } = &self.cleanup
            && let Ok(mut admin) = PgConnection::connect(server).await
        {
            let sql = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
            let _ = sqlx::query(sqlx::AssertSqlSafe(sql))
                .execute(&mut admin)
                .await;
        }
    }
}

/// `server` with its database name replaced by `name`.
fn database_url(server: &str, name: &str) -> String {
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

/// Runs an async test on a fresh database of `backend`, on its own runtime.
pub fn with_db<F, Fut>(backend: Backend, test: F)
where
    F: FnOnce(String) -> Fut,
    Fut: Future<Output = ()>,
{
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime");
    runtime.block_on(async {
        let db = TestDb::new(backend).await;
        test(db.url.clone()).await;
        db.drop_database().await;
    });
}
