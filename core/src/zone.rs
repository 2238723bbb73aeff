//! Reading time zones as people type them: IANA names, any case, spaces, accents, or
//! just a city.
//!
//! Only zones that follow a place's clock are accepted (`Europe/Paris`, and `UTC`):
//! fixed offsets such as `EST` or `Etc/GMT+2` ignore summer time, and the latter's sign
//! is the opposite of what people expect (`Etc/GMT+2` is two hours *behind* UTC).

use chrono_tz::{TZ_VARIANTS, Tz};

use crate::suggest;

/// Why a time zone was not understood, with the closest known zone if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownZone {
    pub input: String,
    pub suggestion: Option<Tz>,
}

/// Reads `Europe/Paris`, `europe/paris`, `America/New York`, `America/São Paulo`, `UTC`,
/// or a city alone (`Montréal`, `Buenos Aires`).
pub fn parse_zone(input: &str) -> Result<Tz, UnknownZone> {
    // Zone names are written without accents (`São Paulo` → `sao_paulo`).
    let cleaned = crate::text::fold(input).replace(' ', "_");
    if let Ok(zone) = Tz::from_str_insensitive(&cleaned)
        && follows_a_place(zone)
    {
        return Ok(zone);
    }
    if !cleaned.contains('/')
        && let Some(zone) = by_city(&cleaned)
    {
        return Ok(zone);
    }
    let suggestion = suggest::closest(&cleaned, usable().map(|zone| zone.name()))
        .and_then(|name| name.parse().ok());
    Err(UnknownZone {
        input: input.trim().to_owned(),
        suggestion,
    })
}

fn follows_a_place(zone: Tz) -> bool {
    let name = zone.name();
    matches!(name, "UTC" | "Etc/UTC") || (name.contains('/') && !name.starts_with("Etc/"))
}

fn usable() -> impl Iterator<Item = &'static Tz> {
    TZ_VARIANTS.iter().filter(|zone| follows_a_place(**zone))
}

/// The zone named after `city`. When an old alias and the current name both match
/// (`America/Buenos_Aires`, `America/Argentina/Buenos_Aires`), the current one, which is
/// the more precise, wins.
fn by_city(city: &str) -> Option<Tz> {
    let mut matches: Vec<Tz> = usable()
        .filter(|zone| {
            zone.name()
                .rsplit('/')
                .next()
                .is_some_and(|last| last.eq_ignore_ascii_case(city))
        })
        .copied()
        .collect();
    matches.sort_by_key(|zone| std::cmp::Reverse(zone.name().matches('/').count()));
    match matches.as_slice() {
        [only] => Some(*only),
        [deepest, next, ..]
            if deepest.name().matches('/').count() > next.name().matches('/').count() =>
        {
            Some(*deepest)
        }
        _ => None,
    }
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
    fn accents_are_welcome() {
        assert_eq!(parse_zone("Montréal"), Ok(America::Montreal));
        assert_eq!(parse_zone("São Paulo"), Ok(America::Sao_Paulo));
        assert_eq!(parse_zone("America/São_Paulo"), Ok(America::Sao_Paulo));
    }

    #[test]
    fn a_city_with_an_old_alias_gets_its_current_zone() {
        assert_eq!(
            parse_zone("Buenos Aires"),
            Ok(America::Argentina::Buenos_Aires)
        );
        assert_eq!(parse_zone("Louisville"), Ok(America::Kentucky::Louisville));
    }

    #[test]
    fn fixed_offsets_are_refused_because_they_ignore_summer_time() {
        for input in ["EST", "GMT+2", "Etc/GMT+2", "UTC+2"] {
            assert!(parse_zone(input).is_err(), "{input}");
        }
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
