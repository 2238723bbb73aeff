//! The queries: which words they use, the two paths timed for each, and the table.

use super::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// 1–3 of the most frequent words.
    Common,
    /// 1–3 words found in few versions.
    Rare,
    /// A phrase of the needle entries.
    Needle,
    /// 1–3 common or rare words, one with two neighbouring letters swapped.
    Typo,
}

pub(crate) const KINDS: [Kind; 4] = [Kind::Common, Kind::Rare, Kind::Needle, Kind::Typo];

impl Kind {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Self::Common => "common",
            Self::Rare => "rare",
            Self::Needle => "needle",
            Self::Typo => "typo",
        }
    }
}

pub(crate) struct Query {
    pub(crate) kind: Kind,
    pub(crate) text: String,
    /// For a typo: the folded words meant.
    pub(crate) meant: Vec<String>,
}

/// The words queries draw from, by how many versions hold them.
pub(crate) struct Pools {
    pub(crate) common: Vec<String>,
    pub(crate) rare: Vec<String>,
}

/// `count` queries: a quarter common, a quarter rare, 15 % needles, the rest typos.
pub(crate) fn generate(pools: &Pools, count: usize, seed: u64) -> Vec<Query> {
    let mut rng = Rng::new(seed);
    (0..count)
        .map(|_| {
            let kind = match rng.below(20) {
                0..=4 => Kind::Common,
                5..=9 => Kind::Rare,
                10..=12 => Kind::Needle,
                _ => Kind::Typo,
            };
            query(kind, pools, &mut rng)
        })
        .collect()
}

fn query(kind: Kind, pools: &Pools, rng: &mut Rng) -> Query {
    let prefix = *rng.pick(&[
        "",
        "",
        "",
        "how do I ",
        "where is the ",
        "comment ",
        "what about ",
    ]);
    let mut words: Vec<String> = Vec::new();
    let mut meant = Vec::new();
    match kind {
        Kind::Needle => {
            let text = format!("{prefix}{}", rng.pick(NEEDLE_QUERIES));
            return Query { kind, text, meant };
        }
        Kind::Common | Kind::Rare => {
            let pool = if kind == Kind::Common {
                &pools.common
            } else {
                &pools.rare
            };
            for _ in 0..rng.between(1, 3) {
                words.push(rng.pick(pool).clone());
            }
        }
        Kind::Typo => {
            let count = rng.between(1, 3);
            let wrong = rng.below(count);
            for i in 0..count {
                let pool = if rng.below(2) == 0 {
                    &pools.common
                } else {
                    &pools.rare
                };
                loop {
                    let word = passerelle_core::text::fold(rng.pick::<String>(pool));
                    if i != wrong {
                        words.push(word);
                        break;
                    }
                    if let Some(typo) = swap_letters(&word, rng) {
                        meant.push(word);
                        words.push(typo);
                        break;
                    }
                }
            }
        }
    }
    Query {
        kind,
        text: format!("{prefix}{}", words.join(" ")),
        meant,
    }
}

/// `word` with two different neighbouring letters swapped, never the first (typo
/// correction keeps the first letter); `None` for words under five letters.
fn swap_letters(word: &str, rng: &mut Rng) -> Option<String> {
    let mut letters: Vec<char> = word.chars().collect();
    if letters.len() < 5 {
        return None;
    }
    let places: Vec<usize> = (1..letters.len() - 1)
        .filter(|&i| letters[i] != letters[i + 1])
        .collect();
    if places.is_empty() {
        return None;
    }
    let at = *rng.pick(&places);
    letters.swap(at, at + 1);
    Some(letters.into_iter().collect())
}

/// What one query cost and found.
pub(crate) struct Sample {
    pub(crate) kind: Kind,
    /// Query words and typo correction (`faq_words_near` per word).
    pub(crate) correct: Duration,
    /// `search_faq`, limit 20.
    pub(crate) search: Duration,
    /// Ranking the hits in the hub and loading the best through `faq_entry`.
    pub(crate) load: Duration,
    /// The three above: the whole hub path.
    pub(crate) hub: Duration,
    /// `search_faq_raw` with the corrected words, limit 20.
    pub(crate) raw: Duration,
    pub(crate) hits: usize,
    pub(crate) raw_hits: usize,
    pub(crate) first: Option<EntryId>,
    /// For a typo: whether correction found the words meant.
    pub(crate) corrected: Option<bool>,
}

/// Runs `query` down the hub's path, then the raw full-text query with the same words.
pub(crate) async fn run(
    store: &Store,
    community: CommunityId,
    query: &Query,
) -> anyhow::Result<Sample> {
    let started = Instant::now();
    let asked = search::query_words(&query.text);
    let mut words = Vec::with_capacity(asked.len());
    for word in &asked {
        let near = match search::neighbourhood(word) {
            Some(around) => store.faq_words_near(community, &around).await?,
            None => Vec::new(),
        };
        words.push(search::correct(word, &near));
    }
    let correct = started.elapsed();
    let hits = store.search_faq(community, &words, SEARCH_LIMIT).await?;
    let searched = started.elapsed();
    // As `Hub::best_entries`: the hub's ranking, then the best entries loaded.
    let mut found: Vec<(Entry, f64)> = Vec::new();
    for (id, coverage) in search::rank(&words, &hits).into_iter().take(SHOWN) {
        if let Some(entry) = store.faq_entry(community, id).await? {
            found.push((entry, coverage));
        }
    }
    let hub = started.elapsed();
    let raw_started = Instant::now();
    let raw = store.search_faq_raw(&words, SEARCH_LIMIT).await?;
    let raw_time = raw_started.elapsed();
    let corrected =
        (query.kind == Kind::Typo).then(|| query.meant.iter().all(|meant| words.contains(meant)));
    Ok(Sample {
        kind: query.kind,
        correct,
        search: searched - correct,
        load: hub - searched,
        hub,
        raw: raw_time,
        hits: hits.len(),
        raw_hits: raw.len(),
        first: found.first().map(|(entry, _)| entry.id),
        corrected,
    })
}

/// The table of timings, all queries then by kind.
pub(crate) fn report(samples: &[Sample]) {
    let pick = |kind: Option<Kind>, field: fn(&Sample) -> Duration| -> Vec<Duration> {
        samples
            .iter()
            .filter(|sample| kind.is_none_or(|kind| sample.kind == kind))
            .map(field)
            .collect()
    };
    println!(
        "\n  {:<34} {:>5} {:>8} {:>8} {:>8} {:>8}",
        "milliseconds", "n", "p50", "p90", "p99", "max"
    );
    row("hub path, all", pick(None, |s| s.hub));
    row("  query words + typo correction", pick(None, |s| s.correct));
    row("  search_faq (limit 20)", pick(None, |s| s.search));
    row("  hub ranking + best 5 (faq_entry)", pick(None, |s| s.load));
    row("raw FTS query, all", pick(None, |s| s.raw));
    for kind in KINDS {
        row(
            &format!("hub path, {}", kind.name()),
            pick(Some(kind), |s| s.hub),
        );
        row(
            &format!("raw FTS query, {}", kind.name()),
            pick(Some(kind), |s| s.raw),
        );
    }
    row(
        "typo correction alone, typo",
        pick(Some(Kind::Typo), |s| s.correct),
    );
}
