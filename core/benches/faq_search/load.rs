//! Filling the database: the generated entries filed as an import files them; then
//! which words the queries will use.

use super::*;

/// What the load left: the needle entries, and how many versions hold each word.
pub(crate) struct Loaded {
    pub(crate) needles: Vec<EntryId>,
    pub(crate) frequency: Vec<u32>,
    pub(crate) versions: usize,
    pub(crate) elapsed: Duration,
}

/// Files `count` generated entries in `tasks` tasks, as an import would.
pub(crate) async fn load(
    store: &Store,
    community: CommunityId,
    corpus: Arc<Corpus>,
    count: usize,
    tasks: usize,
) -> anyhow::Result<Loaded> {
    let done = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut set = JoinSet::new();
    for task in 0..tasks {
        let (store, corpus, done) = (store.clone(), Arc::clone(&corpus), Arc::clone(&done));
        set.spawn(async move {
            let mut frequency = vec![0u32; corpus.word_count()];
            let (mut needles, mut versions) = (Vec::new(), 0);
            let author = Author {
                name: Some("bench".into()),
                member: None,
            };
            let now = Utc::now();
            for n in (task..count).step_by(tasks) {
                let generated = corpus.entry(n, count);
                let id = store
                    .create_faq_entry(
                        community,
                        &generated.entry,
                        &author,
                        RevisionAction::Imported,
                        now,
                    )
                    .await?;
                if generated.needle {
                    needles.push(id);
                }
                versions += generated.entry.versions.len();
                for word in generated.words.iter().flatten() {
                    frequency[*word as usize] += 1;
                }
                let so_far = done.fetch_add(1, Ordering::Relaxed) + 1;
                if so_far % (count / 10).max(1) == 0 {
                    eprintln!(
                        "  … {so_far}/{count} entries, {}",
                        seconds(started.elapsed())
                    );
                }
            }
            anyhow::Ok((frequency, needles, versions))
        });
    }
    let mut loaded = Loaded {
        needles: Vec::new(),
        frequency: vec![0; corpus.word_count()],
        versions: 0,
        elapsed: Duration::ZERO,
    };
    while let Some(done) = set.join_next().await {
        let (frequency, needles, versions) = done??;
        for (total, more) in loaded.frequency.iter_mut().zip(frequency) {
            *total += more;
        }
        loaded.needles.extend(needles);
        loaded.versions += versions;
    }
    loaded.elapsed = started.elapsed();
    Ok(loaded)
}

/// The most frequent words and rare ones, described.
pub(crate) fn pools(corpus: &Corpus, frequency: &[u32], versions: usize) -> Pools {
    let mut ids: Vec<u32> = (0..frequency.len() as u32)
        .filter(|id| frequency[*id as usize] > 0)
        .collect();
    ids.sort_by_key(|id| std::cmp::Reverse(frequency[*id as usize]));
    let common: Vec<u32> = ids.iter().take(COMMON_WORDS).copied().collect();
    let rare: Vec<u32> = ids.iter().rev().take(RARE_WORDS).copied().collect();
    let share = |id: &u32| 100.0 * f64::from(frequency[*id as usize]) / versions.max(1) as f64;
    let range = |pool: &[u32]| {
        let counts = pool.iter().map(|id| frequency[*id as usize]);
        (counts.clone().min().unwrap_or(0), counts.max().unwrap_or(0))
    };
    let (rare_least, rare_most) = range(&rare);
    println!(
        "words: {} of {} made-up words used; common queries use the {} most frequent, each in {:.0}–{:.0} % of versions; rare queries the {} least frequent, each in {rare_least}–{rare_most} versions",
        ids.len(),
        corpus.word_count(),
        common.len(),
        common.last().map_or(0.0, share),
        common.first().map_or(0.0, share),
        rare.len(),
    );
    let words = |pool: &[u32]| pool.iter().map(|id| corpus.word(*id).to_owned()).collect();
    Pools {
        common: words(&common),
        rare: words(&rare),
    }
}
