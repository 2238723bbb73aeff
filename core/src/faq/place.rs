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
                Some(earlier) if earlier.key != topic.key => return Err(clash(&earlier.key)),
                _ => place.topic = Some(topic),
            },
            Named::City(city) => match &place.city {
                Some(earlier) if *earlier != city => return Err(clash(&earlier.name)),
                _ => place.city = Some(city),
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
    // A city names its country; a different country with it is a contradiction.
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

enum Named<'a> {
    Topic(&'a Topic),
    City(City),
    Country(&'static Country),
}

fn name<'a>(phrase: &str, single: bool, topics: &'a Topics, cities: &[City]) -> Option<Named<'a>> {
    if let Some(topic) = topics.find(phrase) {
        return Some(Named::Topic(topic));
    }
    let folded = fold(phrase);
    if let Some(city) = cities.iter().find(|city| fold(&city.name) == folded) {
        return Some(Named::City(city.clone()));
    }
    // A lone little word is not a country code here (`in` India, `de` Germany).
    if single && search::is_stop_word(&folded) {
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
        vec![City {
            country: "CA".into(),
            name: "Montréal".into(),
        }]
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
}
