//! Reading FAQ entries and their history back; writes are in `faq.rs`.

use chrono::NaiveDate;

use super::{Coverage, FaqFilter};
use crate::faq::{Entry, EntryId, Revision, RevisionAction, Version};
use crate::model::CommunityId;
use crate::store::{Store, StoreError, from_millis, on_conn};

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    file_key: String,
    country: String,
    city: Option<String>,
    topic: String,
    language: String,
    title: String,
    answer: String,
    author: Option<String>,
    reviewed_on: String,
}

const ROW_COLUMNS: &str = "e.id, e.file_key, e.country, e.city, e.topic, v.language, v.title,
     v.answer, v.author, v.reviewed_on";

#[derive(sqlx::FromRow)]
struct RevisionRow {
    language: Option<String>,
    action: String,
    title: Option<String>,
    answer: Option<String>,
    author: Option<String>,
    at: i64,
}

impl Store {
    /// A live entry of the community.
    pub async fn faq_entry(
        &self,
        community: CommunityId,
        entry: EntryId,
    ) -> Result<Option<Entry>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!(
            "SELECT {ROW_COLUMNS} FROM faq_entries e JOIN faq_versions v ON v.entry_id = e.id
             WHERE e.id = $1 AND e.community_id = $2 AND e.removed_at IS NULL ORDER BY v.id"
        ));
        let rows: Vec<Row> = on_conn!(self, |conn| {
            sqlx::query_as(sql)
                .bind(entry.0)
                .bind(community.0)
                .fetch_all(&mut *conn)
                .await?
        });
        Ok(group(rows)?.pop())
    }

    /// The entry filed under `file_key`, and whether it was removed.
    pub async fn faq_entry_by_key(
        &self,
        community: CommunityId,
        file_key: &str,
    ) -> Result<Option<(Entry, bool)>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!(
            "SELECT {ROW_COLUMNS}, e.removed_at FROM faq_entries e
             JOIN faq_versions v ON v.entry_id = e.id
             WHERE e.file_key = $1 AND e.community_id = $2 ORDER BY v.id"
        ));
        #[derive(sqlx::FromRow)]
        struct Keyed {
            #[sqlx(flatten)]
            row: Row,
            removed_at: Option<i64>,
        }
        let rows: Vec<Keyed> = on_conn!(self, |conn| {
            sqlx::query_as(sql)
                .bind(file_key)
                .bind(community.0)
                .fetch_all(&mut *conn)
                .await?
        });
        let removed = rows.first().is_some_and(|row| row.removed_at.is_some());
        let entry = group(rows.into_iter().map(|keyed| keyed.row).collect())?.pop();
        Ok(entry.map(|entry| (entry, removed)))
    }

    /// Live entries matching `filter`, by number.
    pub async fn faq_entries(
        &self,
        community: CommunityId,
        filter: FaqFilter<'_>,
    ) -> Result<Vec<Entry>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!(
            "SELECT {ROW_COLUMNS} FROM faq_entries e JOIN faq_versions v ON v.entry_id = e.id
             WHERE e.community_id = $1 AND e.removed_at IS NULL
               AND (CAST($2 AS TEXT) IS NULL OR e.country = $2)
               AND (CAST($3 AS TEXT) IS NULL OR e.city_folded = $3)
               AND (CAST($4 AS TEXT) IS NULL OR e.topic = $4)
             ORDER BY e.id, v.id"
        ));
        let rows: Vec<Row> = on_conn!(self, |conn| {
            sqlx::query_as(sql)
                .bind(community.0)
                .bind(filter.country)
                .bind(filter.city)
                .bind(filter.topic)
                .fetch_all(&mut *conn)
                .await?
        });
        group(rows)
    }

    /// Live entries with a version reviewed before `day`, by number.
    pub async fn faq_reviewed_before(
        &self,
        community: CommunityId,
        day: NaiveDate,
    ) -> Result<Vec<Entry>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!(
            "SELECT {ROW_COLUMNS} FROM faq_entries e JOIN faq_versions v ON v.entry_id = e.id
             WHERE e.community_id = $1 AND e.removed_at IS NULL
               AND EXISTS (SELECT 1 FROM faq_versions old
                           WHERE old.entry_id = e.id AND old.reviewed_on < $2)
             ORDER BY e.id, v.id"
        ));
        let rows: Vec<Row> = on_conn!(self, |conn| {
            sqlx::query_as(sql)
                .bind(community.0)
                .bind(day.to_string())
                .fetch_all(&mut *conn)
                .await?
        });
        group(rows)
    }

    /// Live entries per country, city and topic.
    pub async fn faq_coverage(&self, community: CommunityId) -> Result<Vec<Coverage>, StoreError> {
        const COVERAGE: &str = "SELECT country, city, topic, COUNT(*) AS entries
             FROM faq_entries WHERE community_id = $1 AND removed_at IS NULL
             GROUP BY country, city, topic ORDER BY country, city, topic";
        Ok(on_conn!(self, |conn| {
            sqlx::query_as(COVERAGE)
                .bind(community.0)
                .fetch_all(&mut *conn)
                .await?
        }))
    }

    /// Whether the community ever had an entry, removed ones included.
    pub async fn has_faq_history(&self, community: CommunityId) -> Result<bool, StoreError> {
        const ANY: &str = "SELECT EXISTS (SELECT 1 FROM faq_entries WHERE community_id = $1)";
        Ok(on_conn!(self, |conn| {
            sqlx::query_scalar(ANY)
                .bind(community.0)
                .fetch_one(&mut *conn)
                .await?
        }))
    }

    /// Every change to an entry of the community, oldest first; removed entries too.
    pub async fn faq_history(
        &self,
        community: CommunityId,
        entry: EntryId,
    ) -> Result<Vec<Revision>, StoreError> {
        const HISTORY: &str = "SELECT r.language, r.action, r.title, r.answer, r.author, r.at
             FROM faq_revisions r JOIN faq_entries e ON e.id = r.entry_id
             WHERE r.entry_id = $1 AND e.community_id = $2 ORDER BY r.id";
        let rows: Vec<RevisionRow> = on_conn!(self, |conn| {
            sqlx::query_as(HISTORY)
                .bind(entry.0)
                .bind(community.0)
                .fetch_all(&mut *conn)
                .await?
        });
        rows.into_iter()
            .map(|row| {
                Ok(Revision {
                    action: RevisionAction::parse(&row.action).ok_or_else(|| {
                        StoreError::Corrupt(format!("revision action `{}`", row.action))
                    })?,
                    language: row.language,
                    title: row.title,
                    answer: row.answer,
                    author: row.author,
                    at: from_millis(row.at)?,
                })
            })
            .collect()
    }
}

/// Rows ordered by entry, one per version, into entries.
fn group(rows: Vec<Row>) -> Result<Vec<Entry>, StoreError> {
    let mut entries: Vec<Entry> = Vec::new();
    for row in rows {
        let reviewed_on = row
            .reviewed_on
            .parse::<NaiveDate>()
            .map_err(|_| StoreError::Corrupt(format!("review day `{}`", row.reviewed_on)))?;
        let version = Version {
            language: row.language,
            title: row.title,
            answer: row.answer,
            author: row.author,
            reviewed_on,
        };
        match entries.last_mut() {
            Some(entry) if entry.id.0 == row.id => entry.versions.push(version),
            _ => entries.push(Entry {
                id: EntryId(row.id),
                file_key: row.file_key,
                country: row.country,
                city: row.city,
                topic: row.topic,
                versions: vec![version],
            }),
        }
    }
    Ok(entries)
}
