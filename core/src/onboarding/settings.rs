//! How a community welcomes newcomers (`[community.onboarding]` in the config): the
//! questions, interests, welcome text, rules and routing rules.

use chrono::TimeDelta;

use super::{Profile, Step};
use crate::lang::Lang;
use crate::text::fold;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// The questions, in order.
    pub steps: Vec<Step>,
    /// What `interests` offers.
    pub interests: Vec<Interest>,
    /// The welcome posted in the welcome room, per language; empty for the built-in one.
    /// `{name}`, `{community}` and `{rules}` are replaced.
    pub welcome: Vec<(Lang, String)>,
    /// The rules gate, when the community has one.
    pub rules: Option<Rules>,
    pub routes: Vec<Route>,
    /// Nudge the welcome team when a newcomer is still unclaimed after this long.
    pub unclaimed_after: TimeDelta,
    /// Nudge a welcomer whose claimed newcomer has had no news for this long.
    pub idle_after: TimeDelta,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            steps: Step::ALL.to_vec(),
            interests: Vec::new(),
            welcome: Vec::new(),
            rules: None,
            routes: Vec::new(),
            unclaimed_after: TimeDelta::hours(12),
            idle_after: TimeDelta::days(3),
        }
    }
}

impl Settings {
    /// The steps actually asked: no interests question without interests.
    pub fn asked(&self) -> Vec<Step> {
        self.steps
            .iter()
            .copied()
            .filter(|step| *step != Step::Interests || !self.interests.is_empty())
            .collect()
    }

    /// The configured welcome in `lang`, else in any language configured.
    pub fn welcome_in(&self, lang: Lang) -> Option<&str> {
        self.welcome
            .iter()
            .find(|(l, _)| *l == lang)
            .or(self.welcome.first())
            .map(|(_, text)| text.as_str())
    }

    pub fn interest(&self, key: &str) -> Option<&Interest> {
        self.interests.iter().find(|interest| interest.key == key)
    }

    /// The interest `written` names: its key or its name in any language, folded.
    pub fn find_interest(&self, written: &str) -> Option<&Interest> {
        let wanted = fold(written.trim());
        self.interests.iter().find(|interest| {
            [&interest.key, &interest.en, &interest.fr]
                .into_iter()
                .any(|name| fold(name) == wanted)
        })
    }
}

/// One interest a newcomer may pick.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Interest {
    pub key: String,
    pub en: String,
    pub fr: String,
}

impl Interest {
    pub fn name(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Fr => &self.fr,
        }
    }
}

/// The rules a newcomer accepts with `/accept` before getting the member role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rules {
    /// The rules, per language.
    pub text: Vec<(Lang, String)>,
    /// The platform role adapters grant on acceptance, if any.
    pub member_role: Option<String>,
    /// Remind once after this long without an answer.
    pub remind_after: TimeDelta,
}

impl Rules {
    pub fn text_in(&self, lang: Lang) -> &str {
        self.text
            .iter()
            .find(|(l, _)| *l == lang)
            .or(self.text.first())
            .map_or("", |(_, text)| text.as_str())
    }
}

/// A routing rule: a newcomer whose answers meet `when` is given `role` on their
/// platform and pointed to `room`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    pub when: Condition,
    pub role: Option<String>,
    pub room: Option<String>,
}

/// What a routing rule looks at. Countries are alpha-2 codes, languages ISO 639-1 codes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Condition {
    Origin(String),
    Country(String),
    /// Compared folded: `Montreal` meets `Montréal`.
    City(String),
    Language(String),
    Interest(String),
}

impl Condition {
    pub fn met_by(&self, profile: &Profile) -> bool {
        match self {
            Self::Origin(code) => profile.origin.as_deref() == Some(code),
            Self::Country(code) => profile.country.as_deref() == Some(code),
            Self::City(city) => profile
                .city
                .as_deref()
                .is_some_and(|own| fold(own) == fold(city)),
            Self::Language(code) => profile.languages.contains(code),
            Self::Interest(key) => profile.interests.contains(key),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_match_codes_and_folded_cities() {
        let settings = Settings {
            routes: vec![
                Route {
                    when: Condition::Origin("BR".into()),
                    role: Some("brasil".into()),
                    room: None,
                },
                Route {
                    when: Condition::City("Montréal".into()),
                    role: None,
                    room: Some("#montreal".into()),
                },
                Route {
                    when: Condition::Interest("hiking".into()),
                    role: None,
                    room: Some("#randonnee".into()),
                },
            ],
            ..Settings::default()
        };
        let profile = Profile {
            origin: Some("BR".into()),
            city: Some("montreal".into()),
            ..Profile::default()
        };
        let rooms: Vec<_> = profile
            .routes(&settings)
            .iter()
            .map(|route| route.role.clone().or(route.room.clone()))
            .collect();
        assert_eq!(
            rooms,
            [Some("brasil".to_owned()), Some("#montreal".to_owned())]
        );
    }

    #[test]
    fn no_interest_question_without_interests() {
        let settings = Settings::default();
        assert!(!settings.asked().contains(&Step::Interests));
        assert_eq!(settings.asked().len(), 6);
    }
}
