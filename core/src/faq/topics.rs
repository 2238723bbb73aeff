//! FAQ topics: a default set every community has, plus the community's own, each with a
//! name per language and the words members use for it.

use std::collections::HashMap;

use crate::lang::Lang;
use crate::suggest;
use crate::text::fold;

/// A topic entries are filed under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Topic {
    /// Stable key, stored and written in files (`housing`).
    pub key: String,
    pub name_en: String,
    pub name_fr: String,
    /// Other words for it, in any language.
    pub aliases: Vec<String>,
}

impl Topic {
    pub fn name(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.name_en,
            Lang::Fr => &self.name_fr,
        }
    }

    fn words(&self) -> impl Iterator<Item = &str> {
        [self.key.as_str(), &self.name_en, &self.name_fr]
            .into_iter()
            .chain(self.aliases.iter().map(String::as_str))
    }
}

/// `(key, English, French, aliases)` for the topics every community has.
const DEFAULTS: [(&str, &str, &str, &[&str]); 9] = [
    (
        "housing",
        "Housing",
        "Logement",
        &[
            "flat",
            "apartment",
            "rent",
            "renting",
            "accommodation",
            "appartement",
            "loyer",
            "location",
            "logements",
            "se loger",
        ],
    ),
    (
        "jobs",
        "Jobs",
        "Emploi",
        &[
            "job",
            "work",
            "employment",
            "career",
            "travail",
            "boulot",
            "emplois",
            "travailler",
        ],
    ),
    (
        "health",
        "Health",
        "Santé",
        &[
            "healthcare",
            "health care",
            "doctor",
            "insurance",
            "medecin",
            "soins",
            "assurance maladie",
        ],
    ),
    (
        "schooling",
        "Schooling",
        "Scolarité",
        &[
            "school",
            "schools",
            "education",
            "ecole",
            "ecoles",
            "creche",
            "daycare",
            "university",
            "universite",
        ],
    ),
    (
        "paperwork",
        "Paperwork and visas",
        "Papiers et visas",
        &[
            "papers",
            "visa",
            "visas",
            "permit",
            "residence permit",
            "papiers",
            "demarches",
            "administration",
            "titre de sejour",
            "immigration",
        ],
    ),
    (
        "banking",
        "Banking",
        "Banque",
        &[
            "bank",
            "banks",
            "money",
            "account",
            "bank account",
            "banques",
            "compte bancaire",
            "argent",
            "impots",
            "taxes",
        ],
    ),
    (
        "transport",
        "Transport",
        "Transports",
        &[
            "transit",
            "public transport",
            "metro",
            "bus",
            "driving",
            "driving licence",
            "permis de conduire",
            "voiture",
        ],
    ),
    (
        "language",
        "Language courses",
        "Cours de langue",
        &[
            "languages",
            "language course",
            "langue",
            "langues",
            "cours",
            "francisation",
            "learn french",
            "apprendre le francais",
        ],
    ),
    (
        "daily-life",
        "Daily life",
        "Vie quotidienne",
        &[
            "daily life",
            "everyday life",
            "life",
            "quotidien",
            "vie",
            "shopping",
            "courses du quotidien",
        ],
    ),
];

/// The topics of one community, findable by any of their words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Topics {
    topics: Vec<Topic>,
    by_word: HashMap<String, usize>,
}

impl Default for Topics {
    fn default() -> Self {
        Self::with(Vec::new())
    }
}

impl Topics {
    /// The default topics followed by `extra`; an extra topic with a default's key
    /// replaces it (new names, its aliases added).
    pub fn with(extra: Vec<Topic>) -> Self {
        let mut topics: Vec<Topic> = DEFAULTS
            .iter()
            .map(|(key, en, fr, aliases)| Topic {
                key: (*key).into(),
                name_en: (*en).into(),
                name_fr: (*fr).into(),
                aliases: aliases.iter().map(|alias| (*alias).into()).collect(),
            })
            .collect();
        for topic in extra {
            match topics.iter_mut().find(|known| known.key == topic.key) {
                Some(known) => {
                    known.name_en = topic.name_en;
                    known.name_fr = topic.name_fr;
                    known.aliases.extend(topic.aliases);
                }
                None => topics.push(topic),
            }
        }
        // The first topic to claim a word keeps it: a community's own topic cannot take
        // a default's word away.
        let mut by_word = HashMap::new();
        for (index, topic) in topics.iter().enumerate() {
            for word in topic.words() {
                by_word.entry(fold(word)).or_insert(index);
            }
        }
        Self { topics, by_word }
    }

    pub fn all(&self) -> &[Topic] {
        &self.topics
    }

    pub fn by_key(&self, key: &str) -> Option<&Topic> {
        self.topics.iter().find(|topic| topic.key == key)
    }

    /// The topic `phrase` names (key, a localized name or an alias, in any case and with
    /// or without accents).
    pub fn find(&self, phrase: &str) -> Option<&Topic> {
        self.by_word
            .get(&fold(phrase))
            .map(|index| &self.topics[*index])
    }

    /// The topic `phrase` is most likely a typo of.
    pub fn closest(&self, phrase: &str) -> Option<&Topic> {
        let found = suggest::closest(&fold(phrase), self.by_word.keys().map(String::as_str))?;
        self.find(found)
    }

    /// Most words in any topic's name or alias.
    pub fn max_words(&self) -> usize {
        self.by_word
            .keys()
            .map(|word| word.split(' ').count())
            .max()
            .unwrap_or(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topics_are_found_by_key_name_or_alias_in_either_language() {
        let topics = Topics::default();
        for typed in ["housing", "Logement", "LOGEMENT", "flat", "se loger"] {
            assert_eq!(
                topics.find(typed).map(|t| t.key.as_str()),
                Some("housing"),
                "{typed}"
            );
        }
        assert_eq!(topics.find("Santé").map(|t| t.key.as_str()), Some("health"));
        assert_eq!(topics.find("sante").map(|t| t.key.as_str()), Some("health"));
        assert_eq!(
            topics.find("titre de séjour").map(|t| t.key.as_str()),
            Some("paperwork")
        );
        assert_eq!(topics.find("weather"), None);
    }

    #[test]
    fn a_typo_gets_the_nearest_topic() {
        let topics = Topics::default();
        assert_eq!(
            topics.closest("logment").map(|t| t.key.as_str()),
            Some("housing")
        );
        assert_eq!(
            topics.closest("helth").map(|t| t.key.as_str()),
            Some("health")
        );
    }

    #[test]
    fn a_community_adds_topics_and_renames_defaults() {
        let pets = Topic {
            key: "pets".into(),
            name_en: "Pets".into(),
            name_fr: "Animaux".into(),
            aliases: vec!["chiens".into(), "housing".into()],
        };
        let jobs = Topic {
            key: "jobs".into(),
            name_en: "Work".into(),
            name_fr: "Travail".into(),
            aliases: vec!["stage".into()],
        };
        let topics = Topics::with(vec![pets, jobs]);
        assert_eq!(topics.find("animaux").map(|t| t.key.as_str()), Some("pets"));
        assert_eq!(topics.find("chiens").map(|t| t.key.as_str()), Some("pets"));
        // A default keeps its own words.
        assert_eq!(
            topics.find("housing").map(|t| t.key.as_str()),
            Some("housing")
        );
        assert_eq!(topics.find("stage").map(|t| t.key.as_str()), Some("jobs"));
        assert_eq!(
            topics.by_key("jobs").map(|t| t.name(Lang::Fr)),
            Some("Travail")
        );
        assert_eq!(topics.all().len(), 10);
    }

    #[test]
    fn no_word_names_two_default_topics() {
        let mut seen = HashMap::new();
        for (key, en, fr, aliases) in DEFAULTS {
            for word in [key, en, fr].into_iter().chain(aliases.iter().copied()) {
                if let Some(other) = seen.insert(fold(word), key) {
                    assert_eq!(other, key, "{word} names {other} and {key}");
                }
            }
        }
    }
}
