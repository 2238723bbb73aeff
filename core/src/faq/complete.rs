//! Autocomplete for the FAQ's arguments: countries, topics and cities.

use crate::hub::complete::suits;
use crate::hub::{Hub, HubError, MAX_SUGGESTIONS, Suggestion};
use crate::lang::Lang;
use crate::model::Community;

use super::countries;

/// Countries whose name in `lang` (or code) suits `typed`.
pub(crate) fn complete_country(lang: Lang, typed: &str) -> Vec<Suggestion> {
    countries::all()
        .iter()
        .filter(|country| {
            suits(country.name(lang), typed) || country.code().eq_ignore_ascii_case(typed.trim())
        })
        .take(MAX_SUGGESTIONS)
        .map(|country| Suggestion::new(country.name(lang), country.code()))
        .collect()
}

/// The community's topics whose name suits `typed`.
pub(crate) fn complete_topic(community: &Community, lang: Lang, typed: &str) -> Vec<Suggestion> {
    community
        .faq
        .topics
        .all()
        .iter()
        .filter(|topic| suits(topic.name(lang), typed) || suits(&topic.key, typed))
        .take(MAX_SUGGESTIONS)
        .map(|topic| Suggestion::new(topic.name(lang), topic.key.clone()))
        .collect()
}

impl Hub {
    /// The cities entries are filed under whose name suits `typed`.
    pub(crate) async fn complete_city(&self, typed: &str) -> Result<Vec<Suggestion>, HubError> {
        Ok(self
            .faq_cities()
            .await?
            .into_iter()
            .filter(|city| suits(&city.name, typed))
            .take(MAX_SUGGESTIONS)
            .map(|city| Suggestion::new(city.name.clone(), city.name))
            .collect())
    }
}
