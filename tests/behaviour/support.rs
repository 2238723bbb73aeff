//! Where the suite's tests run: each on a fresh database of its backend
//! (`passerelle_test_support::TestDb`), PostgreSQL ones on the server named by
//! `PASSERELLE_TEST_POSTGRES_URL`.

use std::future::Future;

pub use passerelle_test_support::{Backend, TestDb};

/// The server the PostgreSQL runs use; each test gets its own database on it.
pub const POSTGRES_ENV: &str = "PASSERELLE_TEST_POSTGRES_URL";

/// Why PostgreSQL runs are left out here, if they are. In CI they never are: a missing
/// URL there fails every PostgreSQL test instead.
pub fn postgres_skip_reason() -> Option<String> {
    let missing = passerelle_test_support::db::server_from_env(POSTGRES_ENV).is_none();
    let in_ci = std::env::var("CI").is_ok_and(|value| !value.is_empty() && value != "false");
    (missing && !in_ci).then(|| format!("set {POSTGRES_ENV} to run on PostgreSQL"))
}

/// A fresh database of `backend`; a test that cannot have one fails.
pub async fn test_db(backend: Backend) -> TestDb {
    TestDb::on(backend, POSTGRES_ENV)
        .await
        .unwrap_or_else(|error| panic!("no test database: {error:#}"))
}

/// Runs an async test on a fresh database of `backend`, on its own runtime.
pub fn with_db<F, Fut>(backend: Backend, test: F)
where
    F: FnOnce(String) -> Fut,
    Fut: Future<Output = ()>,
{
    let runtime = passerelle_test_support::runtime().expect("a runtime");
    runtime.block_on(async {
        let db = test_db(backend).await;
        test(db.url.clone()).await;
        let _ = db.drop_database().await;
    });
}

/// The one number `sql` selects, on either backend (a count, an ID).
pub async fn scalar(url: &str, sql: &str) -> i64 {
    use sqlx::Connection;
    let sql = sqlx::AssertSqlSafe(sql.to_owned());
    if url.starts_with("postgres") {
        let mut db = sqlx::PgConnection::connect(url).await.expect("PostgreSQL");
        sqlx::query_scalar(sql)
            .fetch_one(&mut db)
            .await
            .expect("a number")
    } else {
        let mut db = sqlx::SqliteConnection::connect(url).await.expect("SQLite");
        sqlx::query_scalar(sql)
            .fetch_one(&mut db)
            .await
            .expect("a number")
    }
}
