//! Autocomplete for a member's settings: languages and time zones.

use crate::hub::complete::suits;
use crate::hub::{MAX_SUGGESTIONS, Suggestion};
use crate::lang::Lang;

use crate::i18n::language_name;

/// The languages the hub speaks, named in `lang` and in their own.
pub(crate) fn complete_language(lang: Lang, typed: &str) -> Vec<Suggestion> {
    Lang::ALL
        .iter()
        .filter(|known| {
            suits(known.native_name(), typed)
                || suits(&language_name(lang, **known), typed)
                || known.code().eq_ignore_ascii_case(typed.trim())
        })
        .map(|known| Suggestion::new(known.native_name(), known.code()))
        .collect()
}

/// IANA time zones whose name suits `typed` (`paris`, `america/mon`).
pub(crate) fn complete_zone(typed: &str) -> Vec<Suggestion> {
    chrono_tz::TZ_VARIANTS
        .iter()
        .map(|zone| zone.name())
        .filter(|name| name.contains('/') && suits(name, typed))
        .take(MAX_SUGGESTIONS)
        .map(|name| Suggestion::new(name, name))
        .collect()
}
