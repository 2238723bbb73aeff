//! The generated FAQ: a seeded PRNG, an English and a French vocabulary drawn with a
//! Zipf-like frequency, entries spread over countries × topics, and the needle entries.

use super::*;

/// SplitMix64: small, fast, and the same sequence on every machine.
#[derive(Debug, Clone)]
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// The generator for item `n` of a stream: independent of the order items are made in.
    pub(crate) fn nth(seed: u64, n: usize) -> Self {
        let mut rng = Self(seed ^ (n as u64).wrapping_mul(0xA24B_AED4_963E_E407));
        rng.next_u64();
        rng
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n`; `n` must not be zero.
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// Uniform in `low..=high`.
    pub(crate) fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    /// Uniform in `[0, 1)`.
    pub(crate) fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// One language's words, most frequent first, and how often each is drawn.
pub(crate) struct Vocabulary {
    pub(crate) language: &'static str,
    /// As written (French ones may carry accents).
    pub(crate) words: Vec<String>,
    /// Running sums of the Zipf weights, to draw a rank.
    cumulative: Vec<f64>,
    little: &'static [&'static str],
}

impl Vocabulary {
    /// `size` new words; `taken` holds the folded words other vocabularies (and the
    /// needles) already use.
    fn generate(
        language: &'static str,
        spelling: &Spelling,
        size: usize,
        rng: &mut Rng,
        taken: &mut HashSet<String>,
    ) -> Self {
        let mut words = Vec::with_capacity(size);
        while words.len() < size {
            let syllables = *rng.pick(&[1, 2, 2, 2, 3, 3, 3, 4]);
            let mut word = String::new();
            for _ in 0..syllables {
                word.push_str(rng.pick::<&str>(spelling.onsets));
                word.push_str(rng.pick::<&str>(spelling.nuclei));
            }
            word.push_str(rng.pick::<&str>(spelling.codas));
            let folded = passerelle_core::text::fold(&word);
            let length = folded.chars().count();
            if !(3..=14).contains(&length) || search::is_stop_word(&folded) || !taken.insert(folded)
            {
                continue;
            }
            words.push(word);
        }
        let mut total = 0.0;
        let cumulative = (0..size)
            .map(|rank| {
                total += 1.0 / (rank as f64 + ZIPF_OFFSET).powf(ZIPF_EXPONENT);
                total
            })
            .collect();
        Self {
            language,
            words,
            cumulative,
            little: spelling.little,
        }
    }

    /// A rank, drawn with the Zipf-like weights.
    fn draw(&self, rng: &mut Rng) -> usize {
        let total = self.cumulative.last().copied().unwrap_or(0.0);
        let target = rng.unit() * total;
        self.cumulative
            .partition_point(|sum| *sum <= target)
            .min(self.words.len() - 1)
    }

    /// `count` words, about a third of them little ones; the ranks of the others go to
    /// `used`, offset by `base`.
    fn text(&self, rng: &mut Rng, count: usize, base: usize, used: &mut Vec<u32>) -> Vec<&str> {
        (0..count)
            .map(|_| {
                if rng.below(3) == 0 {
                    *rng.pick(self.little)
                } else {
                    let rank = self.draw(rng);
                    used.push((base + rank) as u32);
                    self.words[rank].as_str()
                }
            })
            .collect()
    }
}

/// Both vocabularies; word ids are English ranks, then French ranks after them.
pub(crate) struct Corpus {
    pub(crate) english: Vocabulary,
    pub(crate) french: Vocabulary,
}

/// One generated entry and the ids of the vocabulary words in each of its versions.
pub(crate) struct Generated {
    pub(crate) entry: NewEntry,
    pub(crate) words: Vec<Vec<u32>>,
    pub(crate) needle: bool,
}

impl Corpus {
    pub(crate) fn new() -> Self {
        let mut rng = Rng::new(SEED);
        let mut taken: HashSet<String> = NEEDLES
            .iter()
            .flat_map(|needle| needle.versions.iter())
            .flat_map(|(_, title, answer)| {
                passerelle_core::text::words(title).chain(passerelle_core::text::words(answer))
            })
            .collect();
        let english =
            Vocabulary::generate("en", &ENGLISH, WORDS_PER_LANGUAGE, &mut rng, &mut taken);
        let french = Vocabulary::generate("fr", &FRENCH, WORDS_PER_LANGUAGE, &mut rng, &mut taken);
        Self { english, french }
    }

    /// All words by id.
    pub(crate) fn word(&self, id: u32) -> &str {
        let id = id as usize;
        match id.checked_sub(self.english.words.len()) {
            None => &self.english.words[id],
            Some(french) => &self.french.words[french],
        }
    }

    pub(crate) fn word_count(&self) -> usize {
        self.english.words.len() + self.french.words.len()
    }

    /// Entry `n` of `count`: a needle at evenly spread places, else a generated one.
    pub(crate) fn entry(&self, n: usize, count: usize) -> Generated {
        if let Some(needle) = (0..NEEDLES.len()).find(|i| needle_place(*i, count) == n) {
            return needle_entry(n, &NEEDLES[needle]);
        }
        let mut rng = Rng::nth(SEED, n);
        let country = *rng.pick(COUNTRIES);
        let topic = *rng.pick(TOPICS);
        let languages: &[&Vocabulary] = match rng.below(20) {
            0..=8 => &[&self.english],
            9..=13 => &[&self.french],
            _ => &[&self.english, &self.french],
        };
        let mut versions = Vec::new();
        let mut words = Vec::new();
        for vocabulary in languages {
            let base = if vocabulary.language == "en" {
                0
            } else {
                self.english.words.len()
            };
            let mut used = Vec::new();
            let title_words = rng.between(5, 10);
            let title = sentence(
                &vocabulary.text(&mut rng, title_words, base, &mut used),
                "?",
            );
            let mut answer = Vec::new();
            let mut left = rng.between(60, 150);
            while left > 0 {
                let length = rng.between(8, 16).min(left);
                answer.push(sentence(
                    &vocabulary.text(&mut rng, length, base, &mut used),
                    ".",
                ));
                left -= length;
            }
            used.sort_unstable();
            used.dedup();
            words.push(used);
            versions.push(Version {
                language: vocabulary.language.into(),
                title,
                answer: answer.join(" "),
                author: Some("bench".into()),
                reviewed_on: reviewed_on(),
            });
        }
        let entry = NewEntry {
            file_key: Some(format!("{}-{topic}-{n}", country.to_lowercase())),
            filing: Filing {
                country: country.into(),
                city: None,
                topic: topic.into(),
            },
            versions,
        };
        Generated {
            entry,
            words,
            needle: false,
        }
    }
}

/// Words as a sentence: capitalized, ending with `end`.
fn sentence(words: &[&str], end: &str) -> String {
    let mut text = words.join(" ");
    if let Some(first) = text.chars().next() {
        let upper: String = first.to_uppercase().collect();
        text.replace_range(..first.len_utf8(), &upper);
    }
    text.push_str(end);
    text
}

fn reviewed_on() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 1).unwrap_or_default()
}

/// Where needle `i` of the corpus goes among `count` entries.
fn needle_place(i: usize, count: usize) -> usize {
    (2 * i + 1) * count / (2 * NEEDLES.len())
}

fn needle_entry(n: usize, needle: &Needle) -> Generated {
    let versions = needle
        .versions
        .iter()
        .map(|(language, title, answer)| Version {
            language: (*language).into(),
            title: (*title).into(),
            answer: (*answer).into(),
            author: Some("bench".into()),
            reviewed_on: reviewed_on(),
        })
        .collect::<Vec<_>>();
    Generated {
        words: vec![Vec::new(); versions.len()],
        entry: NewEntry {
            file_key: Some(format!("needle-{n}")),
            filing: Filing {
                country: needle.country.into(),
                city: None,
                topic: needle.topic.into(),
            },
            versions,
        },
        needle: true,
    }
}
