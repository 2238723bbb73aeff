//! FAQ entries, their versions and revisions: every write. Reads are in `faq_reads.rs`, search
//! and the vocabulary it corrects typos against in `faq_search.rs`; every version write
//! keeps both up to date.

mod reads;
mod search;

pub use search::{Hit, Quiet, RANKED_PER_PASS};

use chrono::{DateTime, NaiveDate, Utc};

use crate::faq::{EntryId, RevisionAction, Version};
use crate::model::{CommunityId, MemberId};
use crate::store::{Pool, Store, StoreError, on_conn, to_millis};
use crate::text::fold;

/// Where an entry is filed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filing {
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub city: Option<String>,
    /// A topic key.
    pub topic: String,
}

/// An entry to file: its file name (`faq-ID` when `None`), filing and versions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEntry {
    pub file_key: Option<String>,
    pub filing: Filing,
    pub versions: Vec<Version>,
}

/// Who makes a change: a member, or a name from an imported file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Author {
    pub name: Option<String>,
    pub member: Option<MemberId>,
}

/// Which entries to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FaqFilter<'a> {
    pub country: Option<&'a str>,
    /// Folded (`montreal`).
    pub city: Option<&'a str>,
    pub topic: Option<&'a str>,
}

/// How many live entries a place has, for the `/faq` menu.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Coverage {
    pub country: String,
    pub city: Option<String>,
    pub topic: String,
    pub entries: i64,
}

/// Takes a live entry of the community for the rest of the transaction; whether it is
/// there.
macro_rules! lock_entry {
    ($tx:expr, $community:expr, $entry:expr) => {{
        const LOCK: &str = "UPDATE faq_entries SET removed_at = removed_at
             WHERE id = $1 AND community_id = $2 AND removed_at IS NULL RETURNING id";
        sqlx::query_scalar::<_, i64>(LOCK)
            .bind($entry.0)
            .bind($community.0)
            .fetch_optional($tx)
            .await?
            .is_some()
    }};
}

/// Records one change to an entry.
macro_rules! record_revision {
    ($tx:expr, $entry_id:expr, $language:expr, $action:expr, $title:expr, $answer:expr, $author:expr, $now:expr) => {{
        const INSERT: &str = "INSERT INTO faq_revisions
             (entry_id, language, action, title, answer, author, author_id, at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
        let author: &Author = $author;
        let action: RevisionAction = $action;
        sqlx::query(INSERT)
            .bind($entry_id)
            .bind($language)
            .bind(action.as_str())
            .bind($title)
            .bind($answer)
            .bind(author.name.as_deref())
            .bind(author.member.map(|member| member.0))
            .bind(to_millis($now))
            .execute($tx)
            .await?;
    }};
}

/// Adds or replaces a version, records the change, and adds its words to the vocabulary
/// (`$words_sql` inserts the words of a JSON array given as `$2`).
macro_rules! write_version {
    ($tx:expr, $words_sql:expr, $community:expr, $entry_id:expr, $version:expr, $author:expr, $action:expr, $now:expr) => {{
        const UPSERT: &str = "INSERT INTO faq_versions (entry_id, language, title, answer,
                 author, author_id, reviewed_on, updated_at, search_title, search_answer)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
             ON CONFLICT (entry_id, language) DO UPDATE SET title = excluded.title,
                 answer = excluded.answer, author = excluded.author,
                 author_id = excluded.author_id, reviewed_on = excluded.reviewed_on,
                 updated_at = excluded.updated_at, search_title = excluded.search_title,
                 search_answer = excluded.search_answer";
        let version: &Version = $version;
        let author: &Author = $author;
        sqlx::query(UPSERT)
            .bind($entry_id)
            .bind(&version.language)
            .bind(&version.title)
            .bind(&version.answer)
            .bind(version.author.as_deref())
            .bind(author.member.map(|member| member.0))
            .bind(version.reviewed_on.to_string())
            .bind(to_millis($now))
            .bind(search_text(&version.title))
            .bind(search_text(&version.answer))
            .execute(&mut *$tx)
            .await?;
        let by = Author {
            name: author.name.clone().or_else(|| version.author.clone()),
            member: author.member,
        };
        record_revision!(
            &mut *$tx,
            $entry_id,
            Some(version.language.as_str()),
            $action,
            Some(version.title.as_str()),
            Some(version.answer.as_str()),
            &by,
            $now
        );
        sqlx::query($words_sql)
            .bind($community.0)
            .bind(vocabulary(version))
            .execute(&mut *$tx)
            .await?;
    }};
}

impl Store {
    /// Files a new entry with its versions. Without a `file_key`, it gets one from
    /// [`chat_key`].
    pub async fn create_faq_entry(
        &self,
        community: CommunityId,
        entry: &NewEntry,
        author: &Author,
        action: RevisionAction,
        now: DateTime<Utc>,
    ) -> Result<EntryId, StoreError> {
        const INSERT: &str = "INSERT INTO faq_entries
             (community_id, file_key, country, city, city_folded, topic, created_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";
        const NAME: &str = "UPDATE faq_entries SET file_key = $2 WHERE id = $1";
        let NewEntry {
            file_key,
            filing,
            versions,
        } = entry;
        let words_sql = self.vocabulary_sql();
        let id: i64 = on_conn!(self, |conn| {
            let mut tx = conn.begin().await?;
            let id: i64 = sqlx::query_scalar(INSERT)
                .bind(community.0)
                .bind(file_key)
                .bind(&filing.country)
                .bind(&filing.city)
                .bind(filing.city.as_deref().map(fold))
                .bind(&filing.topic)
                .bind(author.member.map(|member| member.0))
                .bind(to_millis(now))
                .fetch_one(&mut *tx)
                .await?;
            if file_key.is_none() {
                sqlx::query(NAME)
                    .bind(id)
                    .bind(chat_key(filing, id, now))
                    .execute(&mut *tx)
                    .await?;
            }
            for version in versions {
                write_version!(tx, words_sql, community, id, version, author, action, now);
            }
            tx.commit().await?;
            id
        });
        Ok(EntryId(id))
    }

    /// Adds or replaces one language version of a live entry; `false` if it is gone.
    pub async fn save_faq_version(
        &self,
        community: CommunityId,
        entry: EntryId,
        version: &Version,
        author: &Author,
        action: RevisionAction,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let words_sql = self.vocabulary_sql();
        Ok(on_conn!(self, |conn| {
            let mut tx = conn.begin().await?;
            if !lock_entry!(&mut *tx, community, entry) {
                return Ok(false);
            }
            write_version!(
                tx, words_sql, community, entry.0, version, author, action, now
            );
            tx.commit().await?;
            true
        }))
    }

    /// Files a live entry elsewhere; `false` if it is gone.
    pub async fn move_faq_entry(
        &self,
        community: CommunityId,
        entry: EntryId,
        filing: &Filing,
        author: &Author,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        const MOVE: &str =
            "UPDATE faq_entries SET country = $2, city = $3, city_folded = $4, topic = $5
             WHERE id = $1";
        Ok(on_conn!(self, |conn| {
            let mut tx = conn.begin().await?;
            if !lock_entry!(&mut *tx, community, entry) {
                return Ok(false);
            }
            sqlx::query(MOVE)
                .bind(entry.0)
                .bind(&filing.country)
                .bind(&filing.city)
                .bind(filing.city.as_deref().map(fold))
                .bind(&filing.topic)
                .execute(&mut *tx)
                .await?;
            let place = describe_filing(filing);
            record_revision!(
                &mut *tx,
                entry.0,
                None::<&str>,
                RevisionAction::Moved,
                Some(place.as_str()),
                None::<&str>,
                author,
                now
            );
            tx.commit().await?;
            true
        }))
    }

    /// Takes a live entry out of the FAQ, keeping its history; `false` if it is gone.
    pub async fn remove_faq_entry(
        &self,
        community: CommunityId,
        entry: EntryId,
        author: &Author,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        const REMOVE: &str = "UPDATE faq_entries SET removed_at = $2 WHERE id = $1";
        Ok(on_conn!(self, |conn| {
            let mut tx = conn.begin().await?;
            if !lock_entry!(&mut *tx, community, entry) {
                return Ok(false);
            }
            sqlx::query(REMOVE)
                .bind(entry.0)
                .bind(to_millis(now))
                .execute(&mut *tx)
                .await?;
            record_revision!(
                &mut *tx,
                entry.0,
                None::<&str>,
                RevisionAction::Removed,
                None::<&str>,
                None::<&str>,
                author,
                now
            );
            tx.commit().await?;
            true
        }))
    }

    /// Brings back an entry removed earlier (an import of its file); `false` if it was
    /// not removed.
    pub async fn restore_faq_entry(
        &self,
        community: CommunityId,
        entry: EntryId,
        author: &Author,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        const RESTORE: &str = "UPDATE faq_entries SET removed_at = NULL
             WHERE id = $1 AND community_id = $2 AND removed_at IS NOT NULL";
        Ok(on_conn!(self, |conn| {
            let mut tx = conn.begin().await?;
            let restored = sqlx::query(RESTORE)
                .bind(entry.0)
                .bind(community.0)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if restored == 0 {
                return Ok(false);
            }
            record_revision!(
                &mut *tx,
                entry.0,
                None::<&str>,
                RevisionAction::Imported,
                None::<&str>,
                None::<&str>,
                author,
                now
            );
            tx.commit().await?;
            true
        }))
    }

    /// Whether the entry was changed in chat (written, edited, moved, removed) after the
    /// last time a file was imported into it; `false` if no file ever was.
    pub async fn faq_changed_since_import(&self, entry: EntryId) -> Result<bool, StoreError> {
        const CHANGED: &str = "SELECT EXISTS (SELECT 1 FROM faq_revisions later
             WHERE later.entry_id = $1
               AND later.action IN ('created', 'edited', 'moved', 'removed')
               AND later.id > (SELECT MAX(imported.id) FROM faq_revisions imported
                               WHERE imported.entry_id = $1 AND imported.action = 'imported'))";
        Ok(on_conn!(self, |conn| {
            sqlx::query_scalar(CHANGED)
                .bind(entry.0)
                .fetch_one(&mut *conn)
                .await?
        }))
    }

    /// Stamps the versions of a live entry (all, or the one in `language`) as reviewed on
    /// `today`; returns how many were stamped, `None` if the entry is gone.
    pub async fn mark_faq_reviewed(
        &self,
        community: CommunityId,
        entry: EntryId,
        language: Option<&str>,
        today: NaiveDate,
        author: &Author,
        now: DateTime<Utc>,
    ) -> Result<Option<usize>, StoreError> {
        const LANGUAGES: &str = "SELECT language FROM faq_versions
             WHERE entry_id = $1 AND (CAST($2 AS TEXT) IS NULL OR language = $2) ORDER BY id";
        const STAMP: &str =
            "UPDATE faq_versions SET reviewed_on = $3 WHERE entry_id = $1 AND language = $2";
        Ok(on_conn!(self, |conn| {
            let mut tx = conn.begin().await?;
            if !lock_entry!(&mut *tx, community, entry) {
                return Ok(None);
            }
            let stamped: Vec<String> = sqlx::query_scalar(LANGUAGES)
                .bind(entry.0)
                .bind(language)
                .fetch_all(&mut *tx)
                .await?;
            for language in &stamped {
                sqlx::query(STAMP)
                    .bind(entry.0)
                    .bind(language)
                    .bind(today.to_string())
                    .execute(&mut *tx)
                    .await?;
                record_revision!(
                    &mut *tx,
                    entry.0,
                    Some(language.as_str()),
                    RevisionAction::Reviewed,
                    None::<&str>,
                    None::<&str>,
                    author,
                    now
                );
            }
            tx.commit().await?;
            Some(stamped.len())
        }))
    }
}

/// How a move is recorded in the revision's title: country, city and topic separated by
/// tabs (see [`Filing::from_record`]).
fn describe_filing(filing: &Filing) -> String {
    format!(
        "{}\t{}\t{}",
        filing.country,
        filing.city.as_deref().unwrap_or_default(),
        filing.topic
    )
}

impl Filing {
    /// The filing a `moved` revision records.
    pub fn from_record(record: &str) -> Option<Self> {
        let mut parts = record.split('\t');
        let (country, city, topic) = (parts.next()?, parts.next()?, parts.next()?);
        Some(Self {
            country: country.to_owned(),
            city: (!city.is_empty()).then(|| city.to_owned()),
            topic: topic.to_owned(),
        })
    }
}

impl Store {
    /// Inserts the words of a JSON array (`$2`) into the community's (`$1`) vocabulary.
    fn vocabulary_sql(&self) -> &'static str {
        match self.pool {
            Pool::Sqlite(_) => {
                "INSERT INTO faq_words (community_id, word)
                 SELECT $1, value FROM json_each($2) WHERE true ON CONFLICT DO NOTHING"
            }
            Pool::Postgres(_) => {
                "INSERT INTO faq_words (community_id, word)
                 SELECT $1, value FROM json_array_elements_text(CAST($2 AS JSON)) AS words (value)
                 ORDER BY value ON CONFLICT DO NOTHING"
            }
        }
    }
}

/// The file name of an entry written in chat: `fr-housing-12-mi3k9x2a`. The instant in
/// base 36 keeps it apart from entries of another database that an import brings in.
fn chat_key(filing: &Filing, id: i64, now: DateTime<Utc>) -> String {
    let mut millis = u64::try_from(now.timestamp_millis()).unwrap_or_default();
    let mut stamp = Vec::new();
    loop {
        let digit = (millis % 36) as u32;
        stamp.push(char::from_digit(digit, 36).unwrap_or('0'));
        millis /= 36;
        if millis == 0 {
            break;
        }
    }
    let stamp: String = stamp.into_iter().rev().collect();
    format!(
        "{}-{}-{id}-{stamp}",
        filing.country.to_lowercase(),
        filing.topic
    )
}

/// What the full-text index reads: the folded words alone, so `caf.fr`, `a/b` and
/// `name@host` are separate words on both backends.
fn search_text(text: &str) -> String {
    crate::text::words(text).collect::<Vec<_>>().join(" ")
}

/// The distinct folded words of a version, sorted, as a JSON array.
fn vocabulary(version: &Version) -> String {
    let mut words: Vec<String> = crate::text::words(&version.title)
        .chain(crate::text::words(&version.answer))
        .filter(|word| word.chars().count() >= 2)
        .collect();
    words.sort();
    words.dedup();
    serde_json::Value::from(words).to_string()
}
