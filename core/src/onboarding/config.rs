//! `[community.onboarding]`: questions, interests, welcome, rules and routing rules.
//!
//! ```toml
//! [community.onboarding]
//! questions = ["language", "origin", "residence", "arrival", "languages", "interests"]
//! unclaimed_after = "12h"
//! idle_after = "3d"
//! welcome.en = "Welcome {name}! …"
//!
//! [community.onboarding.rules]
//! en = "Be kind."
//! member_role = "member"
//! remind_after = "1d"
//!
//! [[community.onboarding.interest]]
//! key = "hiking"
//! en = "Hiking"
//! fr = "Randonnée"
//!
//! [[community.onboarding.route]]
//! origin = "BR"
//! role = "brasil"
//! ```

use std::collections::BTreeMap;
use std::ops::Range;

use chrono::TimeDelta;
use serde::Deserialize;
use toml::Spanned;

use crate::config::ConfigError;
use crate::faq::countries;
use crate::lang::Lang;
use crate::onboarding::{Condition, Interest, Route, Rules, Settings, Step, languages};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawOnboarding {
    questions: Option<Spanned<Vec<String>>>,
    unclaimed_after: Option<Spanned<String>>,
    idle_after: Option<Spanned<String>>,
    #[serde(default)]
    welcome: BTreeMap<String, String>,
    rules: Option<RawRules>,
    #[serde(default)]
    interest: Vec<RawInterest>,
    #[serde(default)]
    route: Vec<RawRoute>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRules {
    en: Option<String>,
    fr: Option<String>,
    member_role: Option<String>,
    remind_after: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawInterest {
    key: Spanned<String>,
    en: String,
    fr: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRoute {
    origin: Option<Spanned<String>>,
    country: Option<Spanned<String>>,
    city: Option<Spanned<String>>,
    language: Option<Spanned<String>>,
    interest: Option<Spanned<String>>,
    role: Option<String>,
    room: Option<String>,
}

/// `[community.onboarding]`, checked.
pub(crate) fn settings(
    raw: RawOnboarding,
    at: impl Fn(Range<usize>, String) -> ConfigError,
) -> Result<Settings, ConfigError> {
    let mut settings = Settings::default();
    if let Some(questions) = raw.questions {
        let mut steps = Vec::new();
        for name in questions.get_ref() {
            let named: Vec<Step> = match name.as_str() {
                "residence" => vec![Step::Country, Step::City],
                other => match other.parse::<Step>() {
                    Ok(step) => vec![step],
                    Err(_) => {
                        return Err(at(
                            questions.span(),
                            format!(
                                "unknown question `{name}` (language, origin, residence, country, city, arrival, languages, interests)"
                            ),
                        ));
                    }
                },
            };
            for step in named {
                if !steps.contains(&step) {
                    steps.push(step);
                }
            }
        }
        settings.steps = steps;
    }
    let duration = |written: Option<Spanned<String>>, default: TimeDelta, key: &str| {
        let Some(written) = written else {
            return Ok(default);
        };
        crate::when::parse_duration(written.get_ref())
            .filter(|delta| *delta > TimeDelta::zero() && *delta <= TimeDelta::days(60))
            .ok_or_else(|| {
                at(
                    written.span(),
                    format!(
                        "{key} `{}` is not a duration of at most 60 days (write \"12h\", \"3d\")",
                        written.get_ref()
                    ),
                )
            })
    };
    settings.unclaimed_after = duration(
        raw.unclaimed_after,
        settings.unclaimed_after,
        "unclaimed_after",
    )?;
    settings.idle_after = duration(raw.idle_after, settings.idle_after, "idle_after")?;
    for (code, text) in raw.welcome {
        let lang = Lang::parse(&code).ok_or_else(|| ConfigError {
            line: None,
            message: format!("welcome.{code}: unknown language (en or fr)"),
        })?;
        settings.welcome.push((lang, text.trim().to_owned()));
    }
    if let Some(rules) = raw.rules {
        let text: Vec<(Lang, String)> = [(Lang::En, rules.en), (Lang::Fr, rules.fr)]
            .into_iter()
            .filter_map(|(lang, text)| Some((lang, text?.trim().to_owned())))
            .collect();
        if text.is_empty() {
            return Err(ConfigError {
                line: None,
                message: "[community.onboarding.rules] needs the rules in en or fr".into(),
            });
        }
        settings.rules = Some(Rules {
            text,
            member_role: rules.member_role.filter(|role| !role.trim().is_empty()),
            remind_after: duration(rules.remind_after, TimeDelta::days(1), "remind_after")?,
        });
    }
    for interest in raw.interest {
        let key = interest.key.get_ref();
        let valid = !key.is_empty()
            && key
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !valid || settings.interest(key).is_some() {
            return Err(at(
                interest.key.span(),
                format!(
                    "interest key `{key}` must be unique, in lowercase letters, digits and dashes"
                ),
            ));
        }
        settings.interests.push(Interest {
            key: interest.key.into_inner(),
            en: interest.en,
            fr: interest.fr,
        });
    }
    for route in raw.route {
        let route = read_route(route, &settings, &at)?;
        settings.routes.push(route);
    }
    Ok(settings)
}

fn read_route(
    raw: RawRoute,
    settings: &Settings,
    at: &impl Fn(Range<usize>, String) -> ConfigError,
) -> Result<Route, ConfigError> {
    let country = |written: Spanned<String>| {
        countries::find(written.get_ref())
            .map(|country| country.code().to_owned())
            .ok_or_else(|| {
                at(
                    written.span(),
                    format!("unknown country `{}`", written.get_ref()),
                )
            })
    };
    let mut conditions = Vec::new();
    if let Some(origin) = raw.origin {
        conditions.push(Condition::Origin(country(origin)?));
    }
    if let Some(written) = raw.country {
        conditions.push(Condition::Country(country(written)?));
    }
    if let Some(city) = raw.city {
        conditions.push(Condition::City(city.into_inner()));
    }
    if let Some(language) = raw.language {
        let found = languages::find(language.get_ref()).ok_or_else(|| {
            at(
                language.span(),
                format!("unknown language `{}`", language.get_ref()),
            )
        })?;
        conditions.push(Condition::Language(found.code().to_owned()));
    }
    if let Some(interest) = raw.interest {
        if settings.interest(interest.get_ref()).is_none() {
            return Err(at(
                interest.span(),
                format!(
                    "route on interest `{}`, which no [[community.onboarding.interest]] has as key",
                    interest.get_ref()
                ),
            ));
        }
        conditions.push(Condition::Interest(interest.into_inner()));
    }
    let when = match conditions.len() {
        1 => conditions.remove(0),
        _ => {
            return Err(ConfigError {
                line: None,
                message: "each [[community.onboarding.route]] has exactly one of origin, country, city, language, interest".into(),
            });
        }
    };
    if raw.role.is_none() && raw.room.is_none() {
        return Err(ConfigError {
            line: None,
            message: "a [[community.onboarding.route]] needs a role, a room, or both".into(),
        });
    }
    Ok(Route {
        when,
        role: raw.role,
        room: raw.room,
    })
}
