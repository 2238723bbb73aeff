//! Full-text search over FAQ versions (FTS5 on SQLite, `tsvector` on PostgreSQL), the
//! vocabulary typos are corrected against, and what the main-room suggester said.

use chrono::{DateTime, Utc};

use crate::faq::EntryId;
use crate::faq::search::{self, Neighbourhood};
use crate::model::{CommunityId, Platform};
use crate::store::{Store, StoreError, by_backend, on_conn, to_millis};

/// One version matching a search, best first.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Hit {
    #[sqlx(try_from = "i64")]
    pub entry: EntryId,
    pub language: String,
    /// Higher is better; only comparable within one search.
    pub score: f64,
    /// The folded title and answer, to see which words matched.
    pub search_title: String,
    pub search_answer: String,
}

/// When the suggester keeps quiet in a room: it offered this entry there since
/// `entry_since`, or anything there since `room_since`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quiet {
    pub entry_since: DateTime<Utc>,
    pub room_since: DateTime<Utc>,
}

/// The most matches of one pass ranked by the database's score: past that many, the
/// newest are (a common word is in most versions, and ranking every one of them costs
/// as much as they are many: bm25 takes about 3 µs a match at 100,000 entries). Every
/// pass before the last holds better versions than the next (see [`search::Tier`]), so
/// this only chooses among equally good ones.
pub const RANKED_PER_PASS: i64 = 500;

/// One pass on SQLite, over `$table` (the whole text, or the titles alone). bm25 is lower
/// for better matches; titles weigh four times the answer. The matches are found first,
/// once (MATERIALIZED), newest first, which FTS5 reads in its own order and stops at the
/// bound; then they are joined in that order (CROSS JOIN fixes it in SQLite): the other
/// way round, SQLite would walk every entry of the community, or run the full-text query
/// for each.
macro_rules! sqlite_pass {
    ($table:literal, $weights:literal) => {
        concat!(
            "WITH matched AS MATERIALIZED (
                 SELECT rowid AS id, -bm25(",
            $table,
            $weights,
            ") AS score
                 FROM ",
            $table,
            " WHERE ",
            $table,
            " MATCH $1
                 ORDER BY rowid DESC LIMIT $4)
             SELECT v.entry_id AS entry, v.language, matched.score,
                v.search_title, v.search_answer,
                (SELECT COUNT(*) FROM matched) AS ranked
             FROM matched CROSS JOIN faq_versions v CROSS JOIN faq_entries e
             WHERE v.id = matched.id AND e.id = v.entry_id
               AND e.community_id = $2 AND e.removed_at IS NULL
             ORDER BY matched.score DESC, v.entry_id LIMIT $3"
        )
    };
}

const SQLITE_ANYWHERE: &str = sqlite_pass!("faq_search", ", 4.0, 1.0");
const SQLITE_IN_TITLES: &str = sqlite_pass!("faq_title_search", "");

/// One pass on PostgreSQL, over the vector `$column`: the matches newest first, up to the
/// bound, then ranked on the whole text. `ts_rank` reads each one's vector, so it runs on
/// those only.
macro_rules! postgres_pass {
    ($column:literal) => {
        concat!(
            "WITH matched AS MATERIALIZED (
                 SELECT id FROM faq_versions WHERE ",
            $column,
            " @@ to_tsquery('simple', $1)
                 ORDER BY id DESC LIMIT $4)
             SELECT v.entry_id AS entry, v.language,
                CAST(ts_rank(v.search, to_tsquery('simple', $1)) AS FLOAT8) AS score,
                v.search_title, v.search_answer,
                (SELECT COUNT(*) FROM matched) AS ranked
             FROM matched JOIN faq_versions v ON v.id = matched.id
                JOIN faq_entries e ON e.id = v.entry_id
             WHERE e.community_id = $2 AND e.removed_at IS NULL
             ORDER BY score DESC, v.entry_id LIMIT $3"
        )
    };
}

const POSTGRES_ANYWHERE: &str = postgres_pass!("search");
const POSTGRES_IN_TITLES: &str = postgres_pass!("search_in_title");

/// A hit, and how many matches its pass ranked.
#[derive(sqlx::FromRow)]
struct TierHit {
    #[sqlx(flatten)]
    hit: Hit,
    ranked: i64,
}

impl Store {
    /// Live versions matching any of `words` (folded, as [`search::query_words`] gives
    /// them): up to `limit`, from the narrowest pass (every word in the title) to the
    /// widest (any word), each pass best first. When they found fewer than `limit` and
    /// the last was cut at [`RANKED_PER_PASS`], it runs again over every match.
    pub async fn search_faq(
        &self,
        community: CommunityId,
        words: &[String],
        limit: u32,
    ) -> Result<Vec<Hit>, StoreError> {
        let mut hits: Vec<Hit> = Vec::new();
        let mut cut = false;
        for tier in search::Tier::of(words) {
            let found = self
                .search_tier(community, words, *tier, limit, Some(RANKED_PER_PASS))
                .await?;
            // Any word holds every match of the others. Without hits, it may have ranked
            // only other communities' or removed entries: it may be cut.
            cut = *tier == search::Tier::Any
                && found
                    .first()
                    .is_none_or(|first| first.ranked >= RANKED_PER_PASS);
            add_new(&mut hits, found.into_iter().map(|found| found.hit));
            if hits.len() >= limit as usize {
                hits.truncate(limit as usize);
                return Ok(hits);
            }
        }
        if cut {
            let found = self
                .search_tier(community, words, search::Tier::Any, limit, None)
                .await?;
            add_new(&mut hits, found.into_iter().map(|found| found.hit));
            hits.truncate(limit as usize);
        }
        Ok(hits)
    }

    /// One pass of a search: the `limit` best live versions of the community among the
    /// newest `ranked` matches of `tier` (all of them without `ranked`).
    async fn search_tier(
        &self,
        community: CommunityId,
        words: &[String],
        tier: search::Tier,
        limit: u32,
        ranked: Option<i64>,
    ) -> Result<Vec<TierHit>, StoreError> {
        Ok(by_backend!(self, |conn|
            sqlite => {
                let sql = if tier.in_titles() { SQLITE_IN_TITLES } else { SQLITE_ANYWHERE };
                sqlx::query_as(sql)
                    .bind(tier.fts5(words))
                    .bind(community.0)
                    .bind(i64::from(limit))
                    .bind(ranked.unwrap_or(-1))
                    .fetch_all(&mut *conn)
                    .await?
            },
            postgres => {
                let sql = if tier.in_titles() { POSTGRES_IN_TITLES } else { POSTGRES_ANYWHERE };
                // Planned for each search's own words (not prepared once): a common word
                // is best found by walking the newest versions, a rare one through the
                // index, and a plan made for no word in particular does one of them for
                // every search.
                sqlx::query_as(sql)
                    .persistent(false)
                    .bind(tier.tsquery(words))
                    .bind(community.0)
                    .bind(i64::from(limit))
                    .bind(ranked)
                    .fetch_all(&mut *conn)
                    .await?
            }
        ))
    }

    /// The bare full-text query, without the community, the removed filter or the rows'
    /// text: what the search costs the database at least (for the benchmark).
    pub async fn search_faq_raw(
        &self,
        words: &[String],
        limit: u32,
    ) -> Result<Vec<i64>, StoreError> {
        Ok(by_backend!(self, |conn|
            sqlite => {
                const RAW: &str = "SELECT rowid FROM faq_search WHERE faq_search MATCH $1
                     ORDER BY bm25(faq_search, 4.0, 1.0) LIMIT $2";
                sqlx::query_scalar(RAW)
                    .bind(search::Tier::Any.fts5(words))
                    .bind(i64::from(limit))
                    .fetch_all(&mut *conn)
                    .await?
            },
            postgres => {
                const RAW: &str = "SELECT id FROM faq_versions, to_tsquery('simple', $1) AS query
                     WHERE search @@ query ORDER BY ts_rank(search, query) DESC LIMIT $2";
                sqlx::query_scalar(RAW)
                    .bind(search::Tier::Any.tsquery(words))
                    .bind(i64::from(limit))
                    .fetch_all(&mut *conn)
                    .await?
            }
        ))
    }

    /// Words of the community's FAQ in `near`, for typo correction.
    pub async fn faq_words_near(
        &self,
        community: CommunityId,
        near: &Neighbourhood,
    ) -> Result<Vec<String>, StoreError> {
        const NEAR: &str = "SELECT word FROM faq_words
             WHERE community_id = $1 AND word >= $2 AND word < $3
               AND LENGTH(word) BETWEEN $4 AND $5";
        let shortest = i64::try_from(near.shortest).unwrap_or(i64::MAX);
        let longest = i64::try_from(near.longest).unwrap_or(i64::MAX);
        Ok(on_conn!(self, |conn| {
            sqlx::query_scalar(NEAR)
                .bind(community.0)
                .bind(&near.from)
                .bind(&near.to)
                .bind(shortest)
                .bind(longest)
                .fetch_all(&mut *conn)
                .await?
        }))
    }

    /// Records that the suggester offered `entry` in a room, unless [`Quiet`] says it
    /// must not; whether it may speak.
    pub async fn claim_faq_suggestion(
        &self,
        community: CommunityId,
        platform: Platform,
        room: &str,
        entry: EntryId,
        quiet: Quiet,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        // One statement, so the check and the record cannot interleave with another's.
        const CLAIM: &str =
            "INSERT INTO faq_suggestions (community_id, platform, room, entry_id, at)
             SELECT $1, $2, $3, $4, $7 WHERE NOT EXISTS (SELECT 1 FROM faq_suggestions
                 WHERE community_id = $1 AND platform = $2 AND room = $3
                   AND (at >= $5 OR (entry_id = $4 AND at >= $6)))
             ON CONFLICT (community_id, platform, room, entry_id) DO UPDATE SET at = excluded.at
             RETURNING entry_id";
        let claimed: Option<i64> = on_conn!(self, |conn| {
            sqlx::query_scalar(CLAIM)
                .bind(community.0)
                .bind(platform.as_str())
                .bind(room)
                .bind(entry.0)
                .bind(to_millis(quiet.room_since))
                .bind(to_millis(quiet.entry_since))
                .bind(to_millis(now))
                .fetch_optional(&mut *conn)
                .await?
        });
        Ok(claimed.is_some())
    }
}

/// Adds to `hits` those of `found` it does not hold yet (the same version found by an
/// earlier, narrower pass keeps its place).
fn add_new(hits: &mut Vec<Hit>, found: impl IntoIterator<Item = Hit>) {
    for hit in found {
        let seen = hits
            .iter()
            .any(|known| known.entry == hit.entry && known.language == hit.language);
        if !seen {
            hits.push(hit);
        }
    }
}
