//! The FAQ search benchmark: how long `/faq <words>` takes with a large FAQ, along the
//! hub's whole path and for the bare full-text query. It prints figures and asserts
//! nothing about timing.
//!
//! ```sh
//! cargo bench -p passerelle-core --bench faq_search
//! PASSERELLE_BENCH_POSTGRES_URL=$(scripts/postgres.sh) cargo bench -p passerelle-core --bench faq_search
//! ```
//!
//! SQLite in a temporary folder by default; with `PASSERELLE_BENCH_POSTGRES_URL`, a
//! database created for the run on that server (`passerelle_test_<pid>_…`, dropped
//! after). `PASSERELLE_BENCH_FAQ_ENTRIES` (default 100000) entries are generated from a
//! fixed seed, so every run loads the same FAQ; `PASSERELLE_BENCH_FAQ_QUERIES` (default
//! 1000) queries are then timed one after the other, after a warm-up of 50. When they
//! take longer than `PASSERELLE_BENCH_FAQ_BUDGET_SECONDS` (default 600; a tenth of it
//! for the warm-up), the run stops there and says so.

// `core/clippy.toml` keeps the clock out of the library; a benchmark is there to read it.
#![allow(clippy::disallowed_methods)]

use std::collections::HashSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::Context;
use chrono::{NaiveDate, Utc};
use passerelle_core::Store;
use passerelle_core::faq::search;
use passerelle_core::faq::{Author, Filing, NewEntry};
use passerelle_core::faq::{Entry, EntryId, RevisionAction, Version};
use passerelle_core::model::CommunityId;
use passerelle_test_support::bench::{env_number, nearest_rank};
use passerelle_test_support::{Backend, TestDb};
use sqlx::Connection;
use sqlx::postgres::PgConnection;
use tokio::task::JoinSet;

const POSTGRES_ENV: &str = "PASSERELLE_BENCH_POSTGRES_URL";
const ENTRIES_ENV: &str = "PASSERELLE_BENCH_FAQ_ENTRIES";
const QUERIES_ENV: &str = "PASSERELLE_BENCH_FAQ_QUERIES";
const BUDGET_ENV: &str = "PASSERELLE_BENCH_FAQ_BUDGET_SECONDS";

/// Every run generates the same entries and queries.
const SEED: u64 = 0x5041_5353_4552_454C;
/// Made-up words per language.
const WORDS_PER_LANGUAGE: usize = 3000;
/// The word of rank `r` (from 0) is drawn with weight `1 / (r + OFFSET)^EXPONENT`.
const ZIPF_OFFSET: f64 = 2.7;
const ZIPF_EXPONENT: f64 = 1.1;
/// Common queries use the most frequent words…
const COMMON_WORDS: usize = 30;
/// …rare ones the least frequent.
const RARE_WORDS: usize = 200;
/// What the hub asks of `search_faq`, and how many entries it shows.
const SEARCH_LIMIT: u32 = 20;
const SHOWN: usize = 5;
const WARM_UP: usize = 50;
/// Tasks filing entries at once on PostgreSQL; SQLite has one writer anyway.
const POSTGRES_LOADERS: usize = 8;

mod corpus;
mod data;
mod load;
mod measure;
mod queries;

use corpus::*;
use data::*;
use load::*;
use measure::*;
use queries::*;

fn main() -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let entries = env_number(ENTRIES_ENV, 100_000)?.max(NEEDLES.len());
        let queries = env_number(QUERIES_ENV, 1000)?.max(1);
        let db = TestDb::from_env(POSTGRES_ENV, "faq.db").await?;
        let result = bench(&db, entries, queries).await;
        if let Err(error) = db.drop_database().await {
            eprintln!("{error:#}");
        }
        result
    })
}

async fn bench(db: &TestDb, entries: usize, count: usize) -> anyhow::Result<()> {
    println!(
        "FAQ search benchmark: {} · {entries} entries · {count} queries · {} CPUs (available parallelism) · {}",
        db.backend().label(),
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        Utc::now().format("%Y-%m-%d %H:%M UTC"),
    );
    let corpus = Arc::new(Corpus::new());
    println!(
        "corpus: {} countries × {} topics, en/fr versions, titles 5–10 words, answers 60–150; {} + {} made-up words (Zipf, exponent {ZIPF_EXPONENT}), a third of the text little words; {} needle entries",
        COUNTRIES.len(),
        TOPICS.len(),
        corpus.english.words.len(),
        corpus.french.words.len(),
        NEEDLES.len(),
    );

    let store = Store::open(&db.url).await?;
    let community = store
        .sync_community(&passerelle_test_support::community(), Utc::now())
        .await?;
    let loaders = if db.backend() == Backend::Postgres {
        POSTGRES_LOADERS
    } else {
        1
    };
    let loaded = load(&store, community, Arc::clone(&corpus), entries, loaders).await?;
    println!(
        "load: {entries} entries ({} versions) in {}: {:.0} entries/s, {loaders} task(s), one transaction per entry (Store::create_faq_entry)",
        loaded.versions,
        seconds(loaded.elapsed),
        entries as f64 / loaded.elapsed.as_secs_f64(),
    );
    if let Some(took) = settle(db).await? {
        println!("settle: VACUUM ANALYZE in {}", seconds(took));
    }
    println!("database: {}", size(db).await?);
    let pools = pools(&corpus, &loaded.frequency, loaded.versions);

    let budget = Duration::from_secs(env_number(BUDGET_ENV, 600)? as u64);
    let warm_up = generate(&pools, WARM_UP, SEED ^ 0xFFFF);
    let started = Instant::now();
    let mut warmed = 0;
    for query in &warm_up {
        run(&store, community, query).await?;
        warmed += 1;
        if started.elapsed() > budget / 10 {
            break;
        }
    }
    println!(
        "warm-up: {warmed} queries in {}",
        seconds(started.elapsed())
    );

    let queries = generate(&pools, count, SEED ^ 0xABCD);
    let mut samples = Vec::with_capacity(count);
    let started = Instant::now();
    for query in &queries {
        samples.push(run(&store, community, query).await?);
        if started.elapsed() > budget {
            break;
        }
    }
    let kinds: Vec<String> = KINDS
        .iter()
        .map(|kind| {
            let n = samples.iter().filter(|s| s.kind == *kind).count();
            format!("{n} {}", kind.name())
        })
        .collect();
    println!(
        "queries: {} ({}) from one client, one after the other, in {}",
        samples.len(),
        kinds.join(", "),
        seconds(started.elapsed()),
    );
    if samples.len() < count {
        println!(
            "  ! stopped after {} ({BUDGET_ENV}): {} of the {count} queries ran; the figures are theirs",
            seconds(budget),
            samples.len(),
        );
    }
    summary(&samples, &loaded.needles);
    report(&samples);
    store.close().await;
    Ok(())
}

/// What the queries found, to check the figures measure real searches.
fn summary(samples: &[Sample], needles: &[EntryId]) {
    let found = samples.iter().filter(|s| s.hits > 0).count();
    let hits: usize = samples.iter().map(|s| s.hits).sum();
    let needle = samples.iter().filter(|s| s.kind == Kind::Needle);
    let needle_first = needle
        .clone()
        .filter(|s| s.first.is_some_and(|first| needles.contains(&first)))
        .count();
    let typos: Vec<bool> = samples.iter().filter_map(|s| s.corrected).collect();
    let same = samples.iter().filter(|s| s.raw_hits == s.hits).count();
    println!(
        "found: something for {found}/{}, {:.1} versions on average (limit {SEARCH_LIMIT}); a needle entry first for {needle_first}/{} needle queries; typos corrected to the words meant {}/{}; the raw query returned as many rows {same}/{}",
        samples.len(),
        hits as f64 / samples.len().max(1) as f64,
        needle.count(),
        typos.iter().filter(|ok| **ok).count(),
        typos.len(),
        samples.len(),
    );
}
