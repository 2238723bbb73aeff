//! Reading `/faq france logement`, `/faq housing in Montréal`: which country, city and
//! topic the words name, in any order, with a "did you mean" for a near miss.

use super::countries::{self, Country};
use super::search;
use super::topics::{Topic, Topics};
use crate::lang::Lang;
use crate::text::fold;

/// A city some entry is filed under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct City {
    /// ISO 3166-1 alpha-2.
    pub country: String,
    /// As written on the entries (`Montréal`).
    pub name: String,
}

/// What the words named; any part may be missing.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Place<'a> {
    pub country: Option<&'static Country>,
    pub city: Option<City>,
    pub topic: Option<&'a Topic>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlaceError {
    /// A word that names nothing known, and the words as they were probably meant.
    Unknown {
        word: String,
        corrected: Option<String>,
    },
    /// Two countries, two cities or two topics.
    TwoOfAKind(String, String),
}

/// Reads `words` against the countries, the community's topics and the cities of its
/// entries. Little words (`in`, `en`, `de`) are skipped unless part of a longer name.
pub fn resolve<'a>(
    words: &[String],
    topics: &'a Topics,
    cities: &[City],
    lang: Lang,
) -> Result<Place<'a>, PlaceError> {
    let longest = countries::MAX_NAME_WORDS.max(topics.max_words()).max(4);
    let mut place = Place::default();
    let mut same_named: Vec<City> = Vec::new();
    let mut start = 0;
    while start < words.len() {
        let mut matched = None;
        for end in (start + 1..=words.len().min(start + longest)).rev() {
            let phrase = words[start..end].join(" ");
            let single = end == start + 1;
            if let Some(found) = name(&phrase, single, topics, cities) {
                matched = Some((end, phrase, found));
                break;
            }
        }
        let Some((end, phrase, found)) = matched else {
            let word = &words[start];
            if search::is_stop_word(&fold(word)) {
                start += 1;
                continue;
            }
            return Err(PlaceError::Unknown {
                word: word.clone(),
                corrected: correction(words, start, topics, lang),
            });
        };
        let clash = |earlier: &str| PlaceError::TwoOfAKind(earlier.to_owned(), phrase.clone());
        match found {
            Named::Topic(topic) => match place.topic {
                Some(earlier) if earlier.key != topic.key => {
                    return Err(clash(earlier.name(lang)));
                }
                _ => place.topic = Some(topic),
            },
            Named::City(found) => match same_named.first() {
                Some(earlier) if fold(&earlier.name) != fold(&found[0].name) => {
                    return Err(clash(&earlier.name));
                }
                _ => same_named = found,
            },
            Named::Country(country) => match place.country {
                Some(earlier) if earlier != country => {
                    return Err(clash(earlier.name(lang)));
                }
                _ => place.country = Some(country),
            },
        }
        start = end;
    }
    // A city names its country (the named country's city, when several share the name);
    // a different country with it is a contradiction.
    if let Some(first) = same_named.first() {
        let city = place
            .country
            .and_then(|country| {
                same_named
                    .iter()
                    .find(|city| city.country == country.code())
            })
            .unwrap_or(first);
        place.city = Some(city.clone());
    }
    if let Some(city) = &place.city {
        match place.country {
            Some(country) if country.code() != city.country => {
                return Err(PlaceError::TwoOfAKind(
                    country.name(lang).to_owned(),
                    city.name.clone(),
                ));
            }
            _ => place.country = countries::by_code(&city.country),
        }
    }
    Ok(place)
}

/// `DE`, `CAN`: two or three capitals, the way codes are written.
fn is_code(word: &str) -> bool {
    (2..=3).contains(&word.len()) && word.bytes().all(|b| b.is_ascii_uppercase())
}

enum Named<'a> {
    Topic(&'a Topic),
    /// Every city of that name (London, GB and London, CA).
    City(Vec<City>),
    Country(&'static Country),
}

fn name<'a>(phrase: &str, single: bool, topics: &'a Topics, cities: &[City]) -> Option<Named<'a>> {
    if let Some(topic) = topics.find(phrase) {
        return Some(Named::Topic(topic));
    }
    let folded = fold(phrase);
    let same_name: Vec<&City> = cities
        .iter()
        .filter(|city| fold(&city.name) == folded)
        .collect();
    if !same_name.is_empty() {
        return Some(Named::City(same_name.into_iter().cloned().collect()));
    }
    // A lone little word is not a country code here (`in` India, `de` Germany), unless
    // written in capitals like a code (`DE`, `IN`).
    if single && search::is_stop_word(&folded) && !is_code(phrase) {
        return None;
    }
    countries::find(phrase).map(Named::Country)
}

/// The words with the one at `index` replaced by the topic or country it is closest to.
fn correction(words: &[String], index: usize, topics: &Topics, lang: Lang) -> Option<String> {
    let word = &words[index];
    let replacement = match topics.closest(word) {
        Some(topic) => topic.name(lang).to_lowercase(),
        None => countries::closest(word)?.name(lang).to_owned(),
    };
    let mut corrected: Vec<&str> = words.iter().map(String::as_str).collect();
    corrected[index] = &replacement;
    Some(corrected.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &str) -> Vec<String> {
        line.split(' ').map(str::to_owned).collect()
    }

    fn montreal() -> Vec<City> {
        let city = |country: &str, name: &str| City {
            country: country.into(),
            name: name.into(),
        };
        vec![
            city("CA", "Montréal"),
            city("CA", "London"),
            city("GB", "London"),
        ]
    }

    /// Country code, city and topic key.
    type Read = (Option<&'static str>, Option<String>, Option<String>);

    fn read(line: &str) -> Result<Read, PlaceError> {
        let topics = Topics::default();
        let place = resolve(&words(line), &topics, &montreal(), Lang::En)?;
        Ok((
            place.country.map(Country::code),
            place.city.map(|city| city.name),
            place.topic.map(|topic| topic.key.clone()),
        ))
    }

    #[test]
    fn country_and_topic_read_in_either_order_and_either_language() {
        let expected = Ok((Some("FR"), None, Some("housing".to_owned())));
        assert_eq!(read("france logement"), expected);
        assert_eq!(read("housing France"), expected);
        assert_eq!(read("logement en France"), expected);
        assert_eq!(read("FR housing"), expected);
        assert_eq!(read("Frankreich flat"), expected);
    }

    #[test]
    fn long_names_and_cities_are_read_whole() {
        assert_eq!(
            read("titre de séjour united kingdom"),
            Ok((Some("GB"), None, Some("paperwork".to_owned())))
        );
        assert_eq!(
            read("montreal health"),
            Ok((
                Some("CA"),
                Some("Montréal".to_owned()),
                Some("health".to_owned())
            ))
        );
        assert_eq!(read("in the"), Ok((None, None, None)));
    }

    #[test]
    fn a_near_miss_offers_the_corrected_words() {
        assert_eq!(
            read("frnace housing"),
            Err(PlaceError::Unknown {
                word: "frnace".into(),
                corrected: Some("France housing".into())
            })
        );
        assert_eq!(
            read("france logment"),
            Err(PlaceError::Unknown {
                word: "logment".into(),
                corrected: Some("france housing".into())
            })
        );
        assert!(matches!(
            read("france zzzzqqq"),
            Err(PlaceError::Unknown {
                corrected: None,
                ..
            })
        ));
    }

    #[test]
    fn two_countries_or_a_city_elsewhere_are_refused() {
        assert!(matches!(
            read("france canada"),
            Err(PlaceError::TwoOfAKind(..))
        ));
        assert!(matches!(
            read("france montréal"),
            Err(PlaceError::TwoOfAKind(..))
        ));
        assert_eq!(read("canada montréal").map(|p| p.0), Ok(Some("CA")));
    }

    #[test]
    fn a_city_name_found_in_two_countries_follows_the_country_named() {
        assert_eq!(read("london uk").map(|p| p.0), Ok(Some("GB")));
        assert_eq!(read("canada london").map(|p| p.0), Ok(Some("CA")));
    }

    #[test]
    fn codes_in_capitals_are_countries_even_when_they_are_little_words() {
        assert_eq!(read("DE housing").map(|p| p.0), Ok(Some("DE")));
        assert_eq!(read("housing in IN").map(|p| p.0), Ok(Some("IN")));
        assert_eq!(read("de housing").map(|p| p.0), Ok(None));
    }
}
