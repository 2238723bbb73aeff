//! What autocomplete answers: a few values for an argument being typed. Each job finds
//! its own ([`crate::Hub::complete`] asks the right one); this is their common shape.

use crate::text::fold;

/// Discord shows at most 25 choices.
pub const MAX_SUGGESTIONS: usize = 25;

/// One value to offer: what the member sees, and what the command receives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub label: String,
    pub value: String,
}

impl Suggestion {
    pub fn new(label: impl Into<String>, value: impl Into<String>) -> Self {
        Self {
            label: label.into(),
            value: value.into(),
        }
    }
}

/// Whether `candidate` suits what was typed: every typed word starts a word of it,
/// accents and case aside. Nothing typed suits everything.
pub(crate) fn suits(candidate: &str, typed: &str) -> bool {
    let words: Vec<String> = fold(candidate)
        .split(|c: char| !c.is_alphanumeric())
        .map(str::to_owned)
        .collect();
    fold(typed)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|typed| !typed.is_empty())
        .all(|typed| words.iter().any(|word| word.starts_with(typed)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_words_start_words_of_the_candidate() {
        assert!(suits("Picnic at the lake", "pic lak"));
        assert!(suits("Île-de-France", "ile"));
        assert!(suits("anything", ""));
        assert!(!suits("Picnic", "lake"));
        assert!(suits("Europe/Paris", "paris"));
    }
}
