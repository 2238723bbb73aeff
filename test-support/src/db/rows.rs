//! Every row of every table of a database, as text: what "nothing changed" compares and
//! what a search for a leaked secret reads.

use std::collections::BTreeMap;

use sqlx::{Connection, Row};

/// Each table's rows as text (PostgreSQL's row literal, SQLite's `quote()` of each
/// column joined by commas), sorted; tables by name.
pub async fn rows(url: &str) -> Result<BTreeMap<String, Vec<String>>, sqlx::Error> {
    let mut all = BTreeMap::new();
    if url.starts_with("postgres") {
        let mut db = sqlx::PgConnection::connect(url).await?;
        let names: Vec<String> =
            sqlx::query_scalar("SELECT tablename::text FROM pg_tables WHERE schemaname = 'public'")
                .fetch_all(&mut db)
                .await?;
        for name in names {
            let sql = sqlx::AssertSqlSafe(format!("SELECT t::text FROM \"{name}\" t"));
            let mut rows: Vec<String> = sqlx::query_scalar(sql).fetch_all(&mut db).await?;
            rows.sort();
            all.insert(name, rows);
        }
        db.close().await?;
    } else {
        let mut db = sqlx::SqliteConnection::connect(url).await?;
        let names: Vec<String> =
            sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table'")
                .fetch_all(&mut db)
                .await?;
        for name in names {
            let sql = sqlx::AssertSqlSafe(format!("SELECT name FROM pragma_table_info('{name}')"));
            let columns: Vec<String> = sqlx::query_scalar(sql).fetch_all(&mut db).await?;
            let quoted: Vec<String> = columns
                .iter()
                .map(|column| format!("quote(\"{column}\")"))
                .collect();
            let sql = sqlx::AssertSqlSafe(format!(
                "SELECT {} FROM \"{name}\"",
                quoted.join(" || ',' || ")
            ));
            let mut rows = Vec::new();
            for row in sqlx::query(sql).fetch_all(&mut db).await? {
                rows.push(row.try_get::<String, _>(0)?);
            }
            rows.sort();
            all.insert(name, rows);
        }
        db.close().await?;
    }
    Ok(all)
}
