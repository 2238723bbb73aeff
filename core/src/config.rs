//! The config file: the database and each community with its rooms, validated into
//! domain values with the line of every mistake.
//!
//! ```toml
//! [database]
//! url = "sqlite:passerelle.db"
//!
//! [[community]]
//! slug = "paris"
//! name = "Paris Newcomers"
//! language = "en"
//! time_zone = "Europe/Paris"
//!
//! [[community.room]]
//! platform = "console"
//! id = "#general"
//! purpose = "main"            # or a list: ["main", "announcements"]
//! ```

use crate::onboarding::config as onboarding;

use std::collections::HashSet;

use serde::Deserialize;
use toml::Spanned;

use crate::lang::Lang;
use chrono::TimeDelta;

use crate::events::EventSettings;
use crate::faq::FaqSettings;
use crate::faq::topics::{Topic, Topics};
use crate::model::{Community, Room, RoomPurpose};
use crate::zone;

/// A validated config.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// From `[database] url`, when set.
    pub database_url: Option<String>,
    pub communities: Vec<Community>,
}

/// A mistake in the config, with the line it is on when known.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{message}", line.map(|line| format!("line {line}: ")).unwrap_or_default())]
pub struct ConfigError {
    pub line: Option<usize>,
    pub message: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    database: Option<RawDatabase>,
    #[serde(default)]
    community: Vec<RawCommunity>,
    /// Each adapter reads its own section from the same text (`bots/matrix`,
    /// `bots/telegram`, `bots/discord`, and `web` its `[http]`).
    #[allow(dead_code)]
    matrix: Option<serde::de::IgnoredAny>,
    #[allow(dead_code)]
    telegram: Option<serde::de::IgnoredAny>,
    #[allow(dead_code)]
    discord: Option<serde::de::IgnoredAny>,
    #[allow(dead_code)]
    http: Option<serde::de::IgnoredAny>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDatabase {
    url: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCommunity {
    slug: Spanned<String>,
    name: Spanned<String>,
    language: Spanned<String>,
    time_zone: Spanned<String>,
    #[serde(default)]
    room: Vec<RawRoom>,
    events: Option<RawEvents>,
    faq: Option<RawFaq>,
    onboarding: Option<onboarding::RawOnboarding>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFaq {
    stale_after_months: Option<Spanned<u32>>,
    suggest: Option<bool>,
    #[serde(default)]
    topic: Vec<RawTopic>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTopic {
    key: Spanned<String>,
    en: String,
    fr: String,
    #[serde(default)]
    aliases: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvents {
    members_create: Option<bool>,
    public_attendees: Option<bool>,
    reminders: Option<Spanned<Vec<String>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRoom {
    platform: Spanned<String>,
    id: Spanned<String>,
    /// A topic or thread inside the room (a Telegram forum topic): the room is then
    /// `ID/TOPIC`.
    topic: Option<Spanned<Word>>,
    purpose: Spanned<OneOrMany>,
}

/// A number or a text.
#[derive(Deserialize)]
#[serde(untagged)]
enum Word {
    Number(i64),
    Text(String),
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

/// `[community.faq]`, checked.
fn faq_settings(
    raw: RawFaq,
    at: impl Fn(std::ops::Range<usize>, String) -> ConfigError,
) -> Result<FaqSettings, ConfigError> {
    let mut settings = FaqSettings::default();
    if let Some(months) = raw.stale_after_months {
        if !(1..=120).contains(months.get_ref()) {
            return Err(at(
                months.span(),
                "stale_after_months is between 1 and 120".into(),
            ));
        }
        settings.stale_after_months = months.into_inner();
    }
    settings.suggest = raw.suggest.unwrap_or(false);
    let mut topics = Vec::new();
    for topic in raw.topic {
        let key = topic.key.get_ref();
        let valid = !key.is_empty()
            && key
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !valid {
            return Err(at(
                topic.key.span(),
                format!("topic key `{key}` must be lowercase letters, digits and dashes"),
            ));
        }
        topics.push(Topic {
            key: topic.key.into_inner(),
            name_en: topic.en,
            name_fr: topic.fr,
            aliases: topic.aliases,
        });
    }
    settings.topics = Topics::with(topics);
    Ok(settings)
}

impl Config {
    pub fn parse(text: &str) -> Result<Self, ConfigError> {
        let raw: RawConfig = toml::from_str(text).map_err(|error| ConfigError {
            line: error.span().map(|span| line_of(text, span.start)),
            message: error.message().trim().to_owned(),
        })?;
        let at = |span: std::ops::Range<usize>, message: String| ConfigError {
            line: Some(line_of(text, span.start)),
            message,
        };
        if raw.community.is_empty() {
            return Err(ConfigError {
                line: None,
                message: "no community: add a [[community]] table".into(),
            });
        }
        let mut slugs = HashSet::new();
        let mut rooms_seen = HashSet::new();
        let mut communities = Vec::new();
        for raw in raw.community {
            let slug = raw.slug.get_ref();
            if slug.is_empty()
                || !slug
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            {
                return Err(at(
                    raw.slug.span(),
                    format!("slug `{slug}` must be lowercase letters, digits and dashes"),
                ));
            }
            if !slugs.insert(slug.clone()) {
                return Err(at(
                    raw.slug.span(),
                    format!("two communities have the slug `{slug}`"),
                ));
            }
            if raw.name.get_ref().trim().is_empty() {
                return Err(at(raw.name.span(), "the community name is empty".into()));
            }
            let language = Lang::parse(raw.language.get_ref()).ok_or_else(|| {
                let supported: Vec<_> = Lang::ALL.iter().map(|lang| lang.code()).collect();
                at(
                    raw.language.span(),
                    format!(
                        "unknown language `{}` (supported: {})",
                        raw.language.get_ref(),
                        supported.join(", ")
                    ),
                )
            })?;
            let time_zone = zone::parse_zone(raw.time_zone.get_ref()).map_err(|unknown| {
                let hint = unknown
                    .suggestion
                    .map(|zone| format!(", did you mean {}?", zone.name()))
                    .unwrap_or_else(|| ", write it as Area/City, e.g. Europe/Paris".into());
                at(
                    raw.time_zone.span(),
                    format!("unknown time zone `{}`{hint}", unknown.input),
                )
            })?;
            let mut rooms = Vec::new();
            for room in raw.room {
                let platform = room.platform.get_ref().parse().map_err(|_| {
                    at(
                        room.platform.span(),
                        format!(
                            "unknown platform `{}` (one of console, matrix, telegram, discord)",
                            room.platform.get_ref()
                        ),
                    )
                })?;
                let mut id = room.id.get_ref().trim().to_owned();
                if id.is_empty() {
                    return Err(at(room.id.span(), "the room id is empty".into()));
                }
                if let Some(topic) = &room.topic {
                    let written = match topic.get_ref() {
                        Word::Number(number) => number.to_string(),
                        Word::Text(text) => text.trim().to_owned(),
                    };
                    if written.is_empty() || written.contains('/') || id.contains('/') {
                        return Err(at(
                            topic.span(),
                            format!("topic `{written}` is not a topic's ID (a number, like 42)"),
                        ));
                    }
                    id = format!("{id}/{written}");
                }
                if !rooms_seen.insert((platform, id.clone())) {
                    return Err(at(
                        room.id.span(),
                        format!("room `{id}` on {platform} is listed twice"),
                    ));
                }
                let names = match room.purpose.get_ref() {
                    OneOrMany::One(name) => vec![name.clone()],
                    OneOrMany::Many(names) => names.clone(),
                };
                let purposes = names
                    .iter()
                    .map(|name| {
                        RoomPurpose::ALL.into_iter().find(|purpose| purpose.as_str() == name).ok_or_else(|| {
                            at(
                                room.purpose.span(),
                                format!(
                                    "unknown room purpose `{name}` (one of main, announcements, welcome, welcome-team)"
                                ),
                            )
                        })
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                if purposes.is_empty() {
                    return Err(at(
                        room.purpose.span(),
                        "a room needs at least one purpose".into(),
                    ));
                }
                rooms.push(Room {
                    platform,
                    id,
                    purposes,
                });
            }
            if rooms.is_empty() {
                return Err(at(
                    raw.slug.span(),
                    format!("community `{slug}` has no room: add a [[community.room]]"),
                ));
            }
            let mut events = EventSettings::default();
            if let Some(raw_events) = raw.events {
                events.members_create = raw_events.members_create.unwrap_or(false);
                events.public_attendees = raw_events.public_attendees.unwrap_or(false);
                if let Some(reminders) = raw_events.reminders {
                    let mut offsets = Vec::new();
                    for written in reminders.get_ref() {
                        let offset = crate::when::parse_duration(written)
                            .filter(|offset| *offset <= TimeDelta::days(7))
                            .ok_or_else(|| {
                                at(
                                    reminders.span(),
                                    format!(
                                        "reminder `{written}` is not a duration of at most 7 days (write \"24h\", \"1h\", \"30min\")"
                                    ),
                                )
                            })?;
                        offsets.push(offset);
                    }
                    offsets.sort_by(|a, b| b.cmp(a));
                    offsets.dedup();
                    events.reminders = offsets;
                }
            }
            communities.push(Community {
                slug: raw.slug.into_inner(),
                name: raw.name.into_inner().trim().to_owned(),
                language,
                time_zone,
                rooms,
                events,
                faq: match raw.faq {
                    Some(faq) => faq_settings(faq, at)?,
                    None => FaqSettings::default(),
                },
                onboarding: match raw.onboarding {
                    Some(raw) => onboarding::settings(raw, at)?,
                    None => crate::onboarding::Settings::default(),
                },
                // The web's `[http]` section says it, read by the web crate.
                public_url: None,
            });
        }
        Ok(Self {
            database_url: raw.database.and_then(|database| database.url),
            communities,
        })
    }

    /// The community named `wanted` (slug or name, any case), or the only one.
    pub fn community(&self, wanted: Option<&str>) -> Result<&Community, ConfigError> {
        let error = |message: String| ConfigError {
            line: None,
            message,
        };
        let known = || {
            self.communities
                .iter()
                .map(|c| c.slug.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        match wanted {
            Some(wanted) => self
                .communities
                .iter()
                .find(|c| {
                    c.slug.eq_ignore_ascii_case(wanted) || c.name.eq_ignore_ascii_case(wanted)
                })
                .ok_or_else(|| {
                    error(format!(
                        "no community `{wanted}` in the config (there is {})",
                        known()
                    ))
                }),
            None => match self.communities.as_slice() {
                [only] => Ok(only),
                _ => Err(error(format!(
                    "the config has several communities: choose one with --community ({})",
                    known()
                ))),
            },
        }
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Platform;
    use proptest::strategy::Strategy as _;

    const VALID: &str = r##"
[database]
url = "sqlite:test.db"

[[community]]
slug = "paris"
name = "Paris Newcomers"
language = "fr"
time_zone = "Europe/Paris"

[[community.room]]
platform = "console"
id = "#general"
purpose = ["main", "announcements"]

[[community.room]]
platform = "matrix"
id = "!abc:example.org"
purpose = "welcome"
"##;

    #[test]
    fn event_settings_have_defaults_and_are_checked() {
        let paris = Config::parse(VALID).unwrap().communities.remove(0);
        assert_eq!(paris.events, EventSettings::default());
        let open = format!(
            "{VALID}\n[community.events]\nmembers_create = true\nreminders = [\"1h\", \"2d\"]\n"
        );
        let events = Config::parse(&open).unwrap().communities.remove(0).events;
        assert!(events.members_create && !events.public_attendees);
        assert_eq!(events.reminders, [TimeDelta::days(2), TimeDelta::hours(1)]);
        let wrong = format!("{VALID}\n[community.events]\nreminders = [\"soon\"]\n");
        let error = error_of(&wrong);
        assert!(error.message.contains("`soon`"), "{}", error.message);
        assert_eq!(error.line, Some(wrong.lines().count()));
    }

    fn error_of(text: &str) -> ConfigError {
        Config::parse(text).unwrap_err()
    }

    #[test]
    fn a_valid_config_becomes_communities_with_rooms() {
        let config = Config::parse(VALID).unwrap();
        assert_eq!(config.database_url.as_deref(), Some("sqlite:test.db"));
        let paris = config.community(None).unwrap();
        assert_eq!(paris.language, Lang::Fr);
        assert_eq!(paris.rooms.len(), 2);
        assert_eq!(
            paris.rooms[0].purposes,
            [RoomPurpose::Main, RoomPurpose::Announcements]
        );
        assert_eq!(paris.rooms[1].platform, Platform::Matrix);
        assert_eq!(
            config.community(Some("PARIS NEWCOMERS")).unwrap().slug,
            "paris"
        );
    }

    #[test]
    fn a_topic_inside_a_room_is_a_room_of_its_own() {
        let forum = format!(
            "{VALID}\n[[community.room]]\nplatform = \"telegram\"\nid = \"-1001\"\ntopic = 42\npurpose = \"announcements\"\n"
        );
        let paris = Config::parse(&forum).unwrap().communities.remove(0);
        assert_eq!(paris.rooms[2].id, "-1001/42");
        let bad = forum.replace("topic = 42", "topic = \"4/2\"");
        assert!(error_of(&bad).message.contains("not a topic"), "{bad}");
    }

    #[test]
    fn mistakes_name_their_line() {
        let error = error_of(&VALID.replace("Europe/Paris", "Mars/Base"));
        assert_eq!(error.line, Some(9));
        assert!(error.message.contains("Mars/Base"), "{error}");
        let error = error_of(&VALID.replace("\"welcome\"", "\"lobby\""));
        assert_eq!(error.line, Some(19));
        assert_eq!(
            error_of(&VALID.replace("\"matrix\"", "\"irc\"")).line,
            Some(17)
        );
        assert_eq!(
            error_of(&VALID.replace("language = \"fr\"", "language = \"xx\"")).line,
            Some(8)
        );
    }

    #[test]
    fn typos_in_keys_and_duplicates_are_refused() {
        assert!(
            error_of(&VALID.replace("time_zone", "timezone"))
                .message
                .contains("timezone")
        );
        let twice = VALID
            .replace("!abc:example.org", "#general")
            .replace("\"matrix\"", "\"console\"");
        assert!(error_of(&twice).message.contains("listed twice"));
        assert!(error_of("").message.contains("no community"));
    }

    #[test]
    fn several_communities_need_a_choice() {
        let two = format!(
            "{VALID}{}",
            VALID
                .replace("[database]\nurl = \"sqlite:test.db\"", "")
                .replace("paris", "lyon")
                .replace("#general", "#lyon")
                .replace("!abc", "!def")
        );
        let config = Config::parse(&two).unwrap();
        assert!(
            config
                .community(None)
                .unwrap_err()
                .message
                .contains("--community")
        );
        assert_eq!(config.community(Some("lyon")).unwrap().slug, "lyon");
        assert!(config.community(Some("nice")).is_err());
    }

    /// The example config, one line changed: removed, doubled, or its value replaced.
    fn mutated(line: usize, how: u8, value: &str) -> String {
        let example = include_str!("../../config/passerelle.example.toml");
        let mut lines: Vec<String> = example.lines().map(str::to_owned).collect();
        let at = line % lines.len();
        match how % 3 {
            0 => drop(lines.remove(at)),
            1 => lines.insert(at, lines[at].clone()),
            _ => {
                let key = lines[at].split('=').next().unwrap_or_default().to_owned();
                lines[at] = format!("{key}= {value}");
            }
        }
        lines.join("\n")
    }

    proptest::proptest! {
        /// Whatever the file holds, reading it gives a config or a mistake with a
        /// message, never a panic.
        #[test]
        fn any_text_reads_or_says_what_is_wrong(
            noise in "\\PC{0,200}",
            line in 0usize..1000,
            how in 0u8..3,
            value in proptest::prelude::prop_oneof![
                "\\PC{0,20}",
                proptest::sample::select(vec![
                    "\"\"", "0", "-1", "\"xx\"", "\"25h\"", "[]", "{}", "\"Mars/Base\"",
                    "18446744073709551616", "\"0h\"", "\"#general\"", "true",
                ]).prop_map(str::to_owned),
            ],
        ) {
            for text in [noise, mutated(line, how, &value)] {
                if let Err(error) = Config::parse(&text) {
                    proptest::prop_assert!(!error.message.trim().is_empty(), "{}", text);
                }
            }
        }
    }
}
