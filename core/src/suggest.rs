//! "Did you mean …": the closest known word to a near miss.

/// The candidate closest to `input` if it is close enough to be a typo of it:
/// nothing under three letters, one edit up to four, two from five letters, three from
/// nine.
/// Comparison ignores case; ties go to the first candidate.
pub fn closest<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let input = input.to_lowercase();
    let length = input.chars().count();
    let allowed = match length {
        // One or two letters are too little to guess from.
        0..=2 => return None,
        3..=4 => 1,
        5..=8 => 2,
        _ => 3,
    };
    candidates
        .into_iter()
        // Each edit changes the length by one at most: far longer or shorter words cannot
        // be close, and skipping them keeps a long input cheap.
        .filter(|candidate| candidate.chars().count().abs_diff(length) <= allowed)
        .map(|candidate| (edit_distance(&input, &candidate.to_lowercase()), candidate))
        .filter(|(distance, _)| *distance <= allowed)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

/// Optimal string alignment distance: insertions, deletions, substitutions and swaps of
/// two neighbouring characters each cost one.
pub fn edit_distance(a: &str, b: &str) -> usize {
    strsim::osa_distance(a, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swapped_letters_count_as_one_typo() {
        assert_eq!(edit_distance("hlep", "help"), 1);
        assert_eq!(closest("hlep", ["help", "lang", "tz"]), Some("help"));
    }

    #[test]
    fn distant_words_get_no_suggestion() {
        assert_eq!(closest("weather", ["help", "lang", "tz", "profile"]), None);
        assert_eq!(closest("", ["help"]), None);
        assert_eq!(closest("ma", ["me", "help"]), None);
    }

    #[test]
    fn a_very_long_input_is_compared_quickly_and_matches_nothing() {
        let long = "x".repeat(5000);
        assert_eq!(closest(&long, ["help", "profile"]), None);
    }

    #[test]
    fn longer_words_tolerate_more_typos() {
        assert_eq!(closest("profil", ["profile"]), Some("profile"));
        assert_eq!(
            closest("Europe/Pari", ["Europe/Paris", "Europe/Rome"]),
            Some("Europe/Paris")
        );
    }
}
