//! The newcomer questionnaire and what it fills: the steps and how they follow each
//! other, a member's profile, and the community's routing rules.
//!
//! Everything here is pure: the hub keeps the state in the store and asks these types
//! what comes next. Answers are read by [`answer`]; countries by `faq::countries`,
//! languages by [`languages`], arrival months by [`arrival`].

pub mod answer;
pub mod arrival;
pub(crate) mod catalog;
pub mod command;
pub(crate) mod config;
pub(crate) mod hub;
pub mod languages;
pub mod settings;
pub(crate) mod store;

pub use command::{Command, MAX_NOTE_CHARS, MeetCommand, OnboardCommand, WelcomeCommand};
pub use settings::{Condition, Interest, Route, Rules, Settings};
pub use store::{Case, GivenUp, JoinRequest, Note, Nudge, Onboarding};

/// This job's messages.
pub(crate) const TEXTS: crate::i18n::Texts = crate::i18n::Texts {
    en: include_str!("en.ftl"),
    fr: include_str!("fr.ftl"),
};

use std::fmt;
use std::str::FromStr;

use crate::model::UnknownName;
use arrival::Arrival;

/// One question of the questionnaire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Step {
    /// The language the hub writes to them in.
    Language,
    /// The country they come from.
    Origin,
    /// The country they live in now or are moving to.
    Country,
    /// The city they live in or are moving to.
    City,
    /// Already here, or the month they plan to arrive.
    Arrival,
    /// The languages they speak.
    Languages,
    /// What they would like to do, from the community's list.
    Interests,
}

impl Step {
    pub const ALL: [Self; 7] = [
        Self::Language,
        Self::Origin,
        Self::Country,
        Self::City,
        Self::Arrival,
        Self::Languages,
        Self::Interests,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Language => "language",
            Self::Origin => "origin",
            Self::Country => "country",
            Self::City => "city",
            Self::Arrival => "arrival",
            Self::Languages => "languages",
            Self::Interests => "interests",
        }
    }
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Step {
    type Err = UnknownName;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|step| step.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| UnknownName(s.to_owned()))
    }
}

/// Where a member is in the questionnaire: the question waiting, and the questions
/// answered or skipped before it, which `back` walks.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Progress {
    /// `None` once finished.
    pub step: Option<Step>,
    pub path: Vec<Step>,
}

impl Progress {
    /// The start of the community's questionnaire.
    pub fn start(steps: &[Step]) -> Self {
        Self {
            step: steps.first().copied(),
            path: Vec::new(),
        }
    }

    /// After `done` was answered or skipped: the question that follows it.
    pub fn after(&self, steps: &[Step], done: Step) -> Self {
        let mut path: Vec<Step> = self
            .path
            .iter()
            .copied()
            .filter(|step| *step != done)
            .collect();
        path.push(done);
        let next = steps
            .iter()
            .skip_while(|step| **step != done)
            .nth(1)
            .copied();
        Self { step: next, path }
    }

    /// One question back; `None` when there is none before.
    pub fn back(&self) -> Option<Self> {
        let mut path = self.path.clone();
        let step = path.pop()?;
        Some(Self {
            step: Some(step),
            path,
        })
    }

    pub fn is_finished(&self) -> bool {
        self.step.is_none()
    }

    /// How far along, for "question 3 of 7".
    pub fn position(&self, steps: &[Step]) -> (usize, usize) {
        let index = self
            .step
            .and_then(|step| steps.iter().position(|s| *s == step))
            .unwrap_or(steps.len());
        (index + 1, steps.len())
    }

    pub fn path_text(&self) -> String {
        let names: Vec<&str> = self.path.iter().map(|step| step.as_str()).collect();
        names.join(",")
    }

    pub fn from_stored(step: Option<&str>, path: &str) -> Self {
        Self {
            step: step.and_then(|step| step.parse().ok()),
            path: path
                .split(',')
                .filter_map(|step| step.parse().ok())
                .collect(),
        }
    }
}

/// A part of the profile, as `/profile set` and `/profile visibility` name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Origin,
    Country,
    City,
    Arrival,
    Languages,
    Interests,
}

impl Field {
    pub const ALL: [Self; 6] = [
        Self::Origin,
        Self::Country,
        Self::City,
        Self::Arrival,
        Self::Languages,
        Self::Interests,
    ];

    pub fn as_str(self) -> &'static str {
        self.step().as_str()
    }

    /// The question that fills it.
    pub fn step(self) -> Step {
        match self {
            Self::Origin => Step::Origin,
            Self::Country => Step::Country,
            Self::City => Step::City,
            Self::Arrival => Step::Arrival,
            Self::Languages => Step::Languages,
            Self::Interests => Step::Interests,
        }
    }

    /// The field by its name, in English or French, any case.
    pub fn find(name: &str) -> Option<Self> {
        let name = crate::text::fold(name);
        let field = match name.as_str() {
            "origin" | "origine" | "from" => Self::Origin,
            "country" | "pays" => Self::Country,
            "city" | "ville" => Self::City,
            "arrival" | "arrivee" => Self::Arrival,
            "languages" | "language" | "langues" | "spoken" => Self::Languages,
            "interests" | "interest" | "interets" | "centres-d-interet" => Self::Interests,
            _ => return None,
        };
        Some(field)
    }
}

/// What a member told the hub about themselves. Countries are ISO 3166-1 alpha-2 codes,
/// languages ISO 639-1 codes, interests the community's keys.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Profile {
    pub origin: Option<String>,
    pub country: Option<String>,
    pub city: Option<String>,
    pub arrival: Option<Arrival>,
    pub languages: Vec<String>,
    pub interests: Vec<String>,
    /// The fields other members may see.
    pub visible: Vec<Field>,
    /// Opted in to `/meet`.
    pub meet: bool,
}

impl Profile {
    /// Empties `field`.
    pub fn clear(&mut self, field: Field) {
        match field {
            Field::Origin => self.origin = None,
            Field::Country => self.country = None,
            Field::City => self.city = None,
            Field::Arrival => self.arrival = None,
            Field::Languages => self.languages.clear(),
            Field::Interests => self.interests.clear(),
        }
    }

    /// The routes whose condition this profile meets, in the config's order.
    pub fn routes<'a>(&self, settings: &'a Settings) -> Vec<&'a Route> {
        settings
            .routes
            .iter()
            .filter(|route| route.when.met_by(self))
            .collect()
    }
}

/// Comma-separated values as stored (`pt,en`), without empty ones.
pub fn split_list(stored: &str) -> Vec<String> {
    stored
        .split(',')
        .map(str::trim)
        .filter(|value| !value.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [Step; 7] = Step::ALL;

    #[test]
    fn answering_moves_on_and_back_returns_in_order() {
        let start = Progress::start(&ALL);
        assert_eq!(start.step, Some(Step::Language));
        let second = start.after(&ALL, Step::Language);
        let third = second.after(&ALL, Step::Origin);
        assert_eq!(third.step, Some(Step::Country));
        assert_eq!(third.position(&ALL), (3, 7));
        let back = third.back().unwrap();
        assert_eq!(back.step, Some(Step::Origin));
        assert_eq!(back.back().unwrap().step, Some(Step::Language));
        assert_eq!(back.back().unwrap().back(), None);
    }

    #[test]
    fn answering_again_does_not_repeat_the_path_and_the_last_one_finishes() {
        let mut progress = Progress::start(&ALL);
        for step in ALL {
            progress = progress.after(&ALL, step);
        }
        assert!(progress.is_finished());
        let again = progress.back().unwrap().after(&ALL, Step::Interests);
        assert_eq!(again.path.len(), 7);
        assert!(again.is_finished());
    }

    #[test]
    fn progress_round_trips_through_storage() {
        let progress = Progress::start(&ALL)
            .after(&ALL, Step::Language)
            .after(&ALL, Step::Origin);
        let stored = Progress::from_stored(progress.step.map(Step::as_str), &progress.path_text());
        assert_eq!(stored, progress);
    }

    #[test]
    fn a_community_may_ask_fewer_questions() {
        let steps = [Step::Origin, Step::Interests];
        let progress = Progress::start(&steps).after(&steps, Step::Origin);
        assert_eq!(progress.step, Some(Step::Interests));
        assert!(progress.after(&steps, Step::Interests).is_finished());
    }

    #[test]
    fn fields_are_named_in_english_and_french() {
        assert_eq!(Field::find("Ville"), Some(Field::City));
        assert_eq!(Field::find("intérêts"), Some(Field::Interests));
        assert_eq!(Field::find("shoe size"), None);
    }
}
