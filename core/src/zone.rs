//! Reading time zones as people type them: IANA names, any case, spaces, or just a city.

use chrono_tz::{TZ_VARIANTS, Tz};

use crate::suggest;

/// Why a time zone was not understood, with the closest known zone if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownZone {
    pub input: String,
    pub suggestion: Option<Tz>,
}

/// Reads `Europe/Paris`, `europe/paris`, `America/New York`, `UTC`, or a city alone
/// (`Montreal`) when exactly one zone is named after it.
pub fn parse_zone(input: &str) -> Result<Tz, UnknownZone> {
    let cleaned = input.trim().replace(' ', "_");
    if let Ok(zone) = Tz::from_str_insensitive(&cleaned) {
        return Ok(zone);
    }
    if !cleaned.contains('/') {
        let mut by_city = TZ_VARIANTS.iter().filter(|zone| {
            zone.name()
                .rsplit('/')
                .next()
                .is_some_and(|city| city.eq_ignore_ascii_case(&cleaned))
        });
        if let (Some(zone), None) = (by_city.next(), by_city.next()) {
            return Ok(*zone);
        }
    }
    let suggestion = suggest::closest(&cleaned, TZ_VARIANTS.iter().map(|zone| zone.name()))
        .and_then(|name| name.parse().ok());
    Err(UnknownZone {
        input: input.trim().to_owned(),
        suggestion,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::{America, Europe};

    #[test]
    fn iana_names_are_read_in_any_case_and_with_spaces() {
        assert_eq!(parse_zone("Europe/Paris"), Ok(Europe::Paris));
        assert_eq!(parse_zone("europe/paris"), Ok(Europe::Paris));
        assert_eq!(parse_zone("America/New York"), Ok(America::New_York));
        assert_eq!(parse_zone("UTC"), Ok(Tz::UTC));
    }

    #[test]
    fn a_city_alone_is_enough_when_it_names_one_zone() {
        assert_eq!(parse_zone("Montreal"), Ok(America::Montreal));
        assert_eq!(parse_zone("lisbon"), Ok(Europe::Lisbon));
    }

    #[test]
    fn an_unknown_zone_is_refused_with_a_suggestion_when_close() {
        let refused = parse_zone("Mars/Base").unwrap_err();
        assert_eq!(refused.input, "Mars/Base");
        assert_eq!(refused.suggestion, None);
        assert_eq!(
            parse_zone("Europe/Pariss").unwrap_err().suggestion,
            Some(Europe::Paris)
        );
    }
}
