//! How onboarding speaks: each question with its choices, hints for answers it cannot
//! read, a profile as lines, and the welcome text with its placeholders filled.

use chrono::NaiveDate;

use crate::faq::countries;
use crate::i18n::{t, t_with};
use crate::lang::Lang;
use crate::onboarding::answer::Hint;
use crate::onboarding::arrival::{self, Arrival, ArrivalError};
use crate::onboarding::{Field, Profile, Progress, Settings, Step, languages};
use crate::reply::{Choice, Message};

use crate::i18n::language_choices;

/// A country code as its name in `lang` (the code itself if unknown).
pub(crate) fn country_name(lang: Lang, code: &str) -> String {
    countries::by_code(code)
        .map_or_else(|| code.to_owned(), |country| country.name(lang).to_owned())
}

pub(crate) fn arrival_text(lang: Lang, arrival: Arrival) -> String {
    match arrival {
        Arrival::Here => t(lang, "onboarding-arrival-here"),
        Arrival::Planned { year, month } => t_with(
            lang,
            "onboarding-arrival-planned",
            &[
                ("month", arrival::month_name(lang, month).into()),
                ("year", year.to_string().into()),
            ],
        ),
    }
}

/// ISO 639-1 codes as language names in `lang`, comma-separated.
pub(crate) fn language_names(lang: Lang, codes: &[String]) -> String {
    let names: Vec<String> = codes
        .iter()
        .map(|code| {
            languages::by_code(code).map_or_else(|| code.clone(), |l| l.name(lang).to_owned())
        })
        .collect();
    names.join(", ")
}

fn interest_names(lang: Lang, settings: &Settings, keys: &[String]) -> String {
    let names: Vec<&str> = keys
        .iter()
        .map(|key| {
            settings
                .interest(key)
                .map_or(key.as_str(), |i| i.name(lang))
        })
        .collect();
    names.join(", ")
}

/// The value of one field, written for people; `None` when empty.
pub(crate) fn field_value(
    lang: Lang,
    settings: &Settings,
    profile: &Profile,
    field: Field,
) -> Option<String> {
    match field {
        Field::Origin => profile
            .origin
            .as_deref()
            .map(|code| country_name(lang, code)),
        Field::Country => profile
            .country
            .as_deref()
            .map(|code| country_name(lang, code)),
        Field::City => profile.city.clone(),
        Field::Arrival => profile.arrival.map(|arrival| arrival_text(lang, arrival)),
        Field::Languages => {
            (!profile.languages.is_empty()).then(|| language_names(lang, &profile.languages))
        }
        Field::Interests => (!profile.interests.is_empty())
            .then(|| interest_names(lang, settings, &profile.interests)),
    }
}

/// "From: Brazil" and so on, one line per field in `fields` that holds something.
pub(crate) fn profile_lines(
    lang: Lang,
    settings: &Settings,
    profile: &Profile,
    fields: &[Field],
) -> Vec<String> {
    fields
        .iter()
        .filter_map(|field| {
            let value = field_value(lang, settings, profile, *field)?;
            Some(t_with(
                lang,
                &format!("profile-field-{}", field.as_str()),
                &[("value", value.into())],
            ))
        })
        .collect()
}

/// The field's name in `lang`, for lists ("city, interests").
pub(crate) fn field_name(lang: Lang, field: Field) -> String {
    t(lang, &format!("field-{}", field.as_str()))
}

/// The question for `step`, with its choices, skip and back.
pub(crate) fn question(
    lang: Lang,
    settings: &Settings,
    progress: &Progress,
    profile: &Profile,
    cities: &[String],
    today: NaiveDate,
) -> Message {
    let Some(step) = progress.step else {
        return Message::text(t(lang, "onboarding-finished-already"));
    };
    let (number, total) = progress.position(&settings.asked());
    let mut text = format!(
        "{} {}",
        t_with(
            lang,
            "onboarding-question-number",
            &[("number", number.into()), ("total", total.into())]
        ),
        t(lang, &format!("onboarding-ask-{}", step.as_str()))
    );
    let answer = |value: &str| format!("/onboard {} {value}", step.as_str());
    let mut choices = match step {
        Step::Language => language_choices()
            .into_iter()
            .map(|choice| {
                let code = choice
                    .command
                    .rsplit(' ')
                    .next()
                    .unwrap_or_default()
                    .to_owned();
                Choice::new(choice.label, answer(&code))
            })
            .collect(),
        Step::City => cities
            .iter()
            .map(|city| Choice::new(city.clone(), answer(city)))
            .collect(),
        Step::Arrival => std::iter::once(Arrival::Here)
            .chain(arrival::next_months(today, 3))
            .map(|arrival| {
                let label = match arrival {
                    Arrival::Here => t(lang, "onboarding-choice-here"),
                    Arrival::Planned { year, month } => {
                        format!("{} {year}", arrival::month_name(lang, month))
                    }
                };
                Choice::new(label, answer(&arrival.to_stored()))
            })
            .collect(),
        Step::Interests => {
            if !profile.interests.is_empty() {
                let chosen = interest_names(lang, settings, &profile.interests);
                text.push('\n');
                text.push_str(&t_with(
                    lang,
                    "onboarding-interests-chosen",
                    &[("interests", chosen.into())],
                ));
            }
            let mut choices: Vec<Choice> = settings
                .interests
                .iter()
                .map(|interest| {
                    let mark = if profile.interests.contains(&interest.key) {
                        "✓ "
                    } else {
                        ""
                    };
                    Choice::new(
                        format!("{mark}{}", interest.name(lang)),
                        answer(&format!("+{}", interest.key)),
                    )
                })
                .collect();
            choices.push(Choice::new(
                t(lang, "onboarding-choice-done"),
                answer("done"),
            ));
            choices
        }
        Step::Origin | Step::Country | Step::Languages => Vec::new(),
    };
    choices.push(Choice::new(
        t(lang, "onboarding-choice-skip"),
        "/onboard skip",
    ));
    if !progress.path.is_empty() {
        choices.push(Choice::new(
            t(lang, "onboarding-choice-back"),
            "/onboard back",
        ));
    }
    Message::text(text).with_choices(choices)
}

/// Why an answer was not understood, in a line.
pub(crate) fn hint(lang: Lang, settings: &Settings, hint: &Hint) -> String {
    match hint {
        Hint::Language => t(lang, "onboarding-hint-language"),
        Hint::UnknownCountry {
            written,
            suggestion: Some(country),
        } => t_with(
            lang,
            "onboarding-hint-country-suggest",
            &[
                ("input", written.as_str().into()),
                ("country", country.name(lang).into()),
            ],
        ),
        Hint::UnknownCountry { written, .. } => t_with(
            lang,
            "onboarding-hint-country",
            &[("input", written.as_str().into())],
        ),
        Hint::CityTooLong => t(lang, "onboarding-hint-city"),
        Hint::Arrival(ArrivalError::OutOfRange) => t(lang, "onboarding-hint-arrival-range"),
        Hint::Arrival(ArrivalError::Unreadable) => t(lang, "onboarding-hint-arrival"),
        Hint::UnknownLanguage {
            written,
            suggestion: Some(language),
        } => t_with(
            lang,
            "onboarding-hint-language-suggest",
            &[
                ("input", written.as_str().into()),
                ("language", language.name(lang).into()),
            ],
        ),
        Hint::UnknownLanguage { written, .. } => t_with(
            lang,
            "onboarding-hint-languages",
            &[("input", written.as_str().into())],
        ),
        Hint::UnknownInterest(written) => {
            let names: Vec<&str> = settings.interests.iter().map(|i| i.name(lang)).collect();
            t_with(
                lang,
                "onboarding-hint-interest",
                &[
                    ("input", written.as_str().into()),
                    ("interests", names.join(", ").into()),
                ],
            )
        }
        Hint::Empty => t(lang, "onboarding-hint-empty"),
    }
}

/// The welcome for the welcome room: the community's own text, else the built-in one.
pub(crate) fn welcome(lang: Lang, settings: &Settings, name: &str, community: &str) -> String {
    let rules = settings.rules.as_ref().map_or(String::new(), |rules| {
        t_with(
            lang,
            "onboarding-rules-pointer",
            &[("rules", rules.text_in(lang).into())],
        )
    });
    match settings.welcome_in(lang) {
        Some(template) => template
            .replace("{name}", name)
            .replace("{community}", community)
            .replace("{rules}", &rules)
            .trim()
            .to_owned(),
        None => t_with(
            lang,
            "onboarding-welcome",
            &[("name", name.into()), ("community", community.into())],
        ),
    }
}
