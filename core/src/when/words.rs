//! Tokens and vocabulary: what people type, cut into numbers, words and signs, and the
//! English and French words for days, months and parts of the day.
//!
//! Words are lower-cased and stripped of accents before they are looked up, so
//! `Décembre`, `decembre` and `DÉCEMBRE` are one word.

use chrono::Weekday;

/// One piece of the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Token {
    /// Digits, with how many were written (`05` has two). Too many digits saturate.
    Num { value: u32, digits: usize },
    /// Letters, lower-cased and without accents; inner apostrophes and hyphens are kept
    /// (`aujourd'hui`, `apres-demain`).
    Word(String),
    /// Any other visible character: `:`, `-`, `.`, `/`, `,`…
    Sym(char),
}

impl Token {
    /// The word, if this token is one.
    pub(super) fn word(&self) -> Option<&str> {
        match self {
            Token::Word(word) => Some(word),
            _ => None,
        }
    }
}

/// Cuts `input` into tokens, ignoring spaces.
pub(super) fn tokenize(input: &str) -> Vec<Token> {
    let chars: Vec<char> = fold(input).chars().collect();
    let letter_at = |at: usize| chars.get(at).is_some_and(|c| c.is_alphabetic());
    let mut tokens = Vec::new();
    let mut at = 0;
    while let Some(&c) = chars.get(at) {
        if c.is_whitespace() {
            at += 1;
        } else if c.is_ascii_digit() {
            let start = at;
            while chars.get(at).is_some_and(char::is_ascii_digit) {
                at += 1;
            }
            let digits: String = chars[start..at].iter().collect();
            let value = digits.parse().unwrap_or(u32::MAX);
            tokens.push(Token::Num {
                value,
                digits: at - start,
            });
        } else if c.is_alphabetic() {
            let start = at;
            while letter_at(at) || (matches!(chars.get(at), Some('\'' | '-')) && letter_at(at + 1))
            {
                at += 1;
            }
            tokens.push(Token::Word(chars[start..at].iter().collect()));
        } else {
            tokens.push(Token::Sym(c));
            at += 1;
        }
    }
    tokens
}

pub(super) use crate::text::fold;

/// `friday`, `fri`, `vendredi`, `ven` → Friday.
pub(super) fn weekday(word: &str) -> Option<Weekday> {
    Some(match word {
        "monday" | "mon" | "lundi" | "lun" => Weekday::Mon,
        "tuesday" | "tue" | "tues" | "mardi" | "mar" => Weekday::Tue,
        "wednesday" | "wed" | "mercredi" | "mer" => Weekday::Wed,
        "thursday" | "thu" | "thur" | "thurs" | "jeudi" | "jeu" => Weekday::Thu,
        "friday" | "fri" | "vendredi" | "ven" | "vend" => Weekday::Fri,
        "saturday" | "sat" | "samedi" | "sam" => Weekday::Sat,
        "sunday" | "sun" | "dimanche" | "dim" => Weekday::Sun,
        _ => return None,
    })
}

/// `december`, `dec`, `décembre`, `déc` → 12.
pub(crate) fn month(word: &str) -> Option<u32> {
    Some(match word {
        "january" | "jan" | "janvier" | "janv" => 1,
        "february" | "feb" | "fevrier" | "fev" | "fevr" => 2,
        "march" | "mar" | "mars" => 3,
        "april" | "apr" | "avril" | "avr" => 4,
        "may" | "mai" => 5,
        "june" | "jun" | "juin" => 6,
        "july" | "jul" | "juillet" | "juil" => 7,
        "august" | "aug" | "aout" => 8,
        "september" | "sep" | "sept" | "septembre" => 9,
        "october" | "oct" | "octobre" => 10,
        "november" | "nov" | "novembre" => 11,
        "december" | "dec" | "decembre" => 12,
        _ => return None,
    })
}

/// Words and phrases for a day counted from today (`tomorrow` = 1), with how many words
/// they take.
pub(super) fn days_from_today(words: &[&str]) -> Option<(i64, usize)> {
    const PHRASES: &[(&[&str], i64)] = &[
        (&["day", "after", "tomorrow"], 2),
        (&["day", "before", "yesterday"], -2),
        (&["apres", "demain"], 2),
        (&["avant", "hier"], -2),
        (&["today"], 0),
        (&["aujourd'hui"], 0),
        (&["aujourdhui"], 0),
        (&["tomorrow"], 1),
        (&["tmrw"], 1),
        (&["demain"], 1),
        (&["apres-demain"], 2),
        (&["yesterday"], -1),
        (&["hier"], -1),
        (&["avant-hier"], -2),
    ];
    PHRASES
        .iter()
        .find(|(phrase, _)| words.starts_with(phrase))
        .map(|(phrase, days)| (*days, phrase.len()))
}

/// A part of the day, which says which half of the clock a bare hour is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Part {
    Morning,
    Afternoon,
    /// `tonight`, `ce soir`: also a time of its own, 20:00.
    Evening,
}

/// `soir`, `tonight`, `matin`, `après-midi`… with how many words they take.
pub(super) fn part_of_day(words: &[&str]) -> Option<(Part, usize)> {
    const PHRASES: &[(&[&str], Part)] = &[
        (&["apres", "midi"], Part::Afternoon),
        (&["apres-midi"], Part::Afternoon),
        (&["l'apres-midi"], Part::Afternoon),
        (&["afternoon"], Part::Afternoon),
        (&["matin"], Part::Morning),
        (&["morning"], Part::Morning),
        (&["tonight"], Part::Evening),
        (&["tonite"], Part::Evening),
        (&["evening"], Part::Evening),
        (&["night"], Part::Evening),
        (&["soir"], Part::Evening),
        (&["soiree"], Part::Evening),
    ];
    PHRASES
        .iter()
        .find(|(phrase, _)| words.starts_with(phrase))
        .map(|(phrase, part)| (*part, phrase.len()))
}

/// `next friday`, `vendredi prochain`.
pub(super) fn is_next(word: &str) -> bool {
    matches!(word, "next" | "prochain" | "prochaine")
}

/// Words that join the others without meaning anything of their own.
pub(super) fn is_filler(word: &str) -> bool {
    matches!(
        word,
        "at" | "a"
            | "on"
            | "the"
            | "this"
            | "le"
            | "ce"
            | "cet"
            | "cette"
            | "vers"
            | "around"
            | "du"
            | "de"
            | "in"
    )
}

/// Words after which a number alone is an hour (`at 7`, `à 19`).
pub(super) fn introduces_an_hour(word: &str) -> bool {
    matches!(word, "at" | "a" | "vers" | "around")
}

/// Words after which a number alone is a day of the month (`the 5`, `le 5`).
pub(super) fn introduces_a_day(word: &str) -> bool {
    matches!(word, "the" | "le" | "on")
}

/// `5th`, `1st`, `1er`, `2e`, `3ème`.
pub(super) fn is_ordinal_suffix(word: &str) -> bool {
    matches!(
        word,
        "st" | "nd" | "rd" | "th" | "er" | "re" | "e" | "eme" | "ieme"
    )
}

/// `one`, `une`, `deux`, `a`… → the number, for counts such as `in two days`.
pub(super) fn number_word(word: &str) -> Option<u32> {
    Some(match word {
        "a" | "an" | "one" | "un" | "une" => 1,
        "two" | "deux" => 2,
        "three" | "trois" => 3,
        "four" | "quatre" => 4,
        "five" | "cinq" => 5,
        "six" => 6,
        "seven" | "sept" => 7,
        "eight" | "huit" => 8,
        "nine" | "neuf" => 9,
        "ten" | "dix" => 10,
        "eleven" | "onze" => 11,
        "twelve" | "douze" => 12,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(value: u32, digits: usize) -> Token {
        Token::Num { value, digits }
    }

    fn word(w: &str) -> Token {
        Token::Word(w.into())
    }

    #[test]
    fn numbers_words_and_signs_are_cut_apart() {
        assert_eq!(
            tokenize("2026-12-05T19:00"),
            [
                num(2026, 4),
                Token::Sym('-'),
                num(12, 2),
                Token::Sym('-'),
                num(5, 2),
                word("t"),
                num(19, 2),
                Token::Sym(':'),
                num(0, 2),
            ]
        );
        assert_eq!(tokenize(" 19h30 "), [num(19, 2), word("h"), num(30, 2)]);
    }

    #[test]
    fn accents_case_and_curly_apostrophes_are_folded() {
        assert_eq!(
            tokenize("Aujourd’hui APRÈS-DEMAIN"),
            [word("aujourd'hui"), word("apres-demain")]
        );
    }

    #[test]
    fn a_hyphen_between_numbers_is_a_sign() {
        assert_eq!(tokenize("a-12"), [word("a"), Token::Sym('-'), num(12, 2)]);
    }

    #[test]
    fn too_many_digits_saturate_instead_of_failing() {
        assert_eq!(tokenize("99999999999"), [num(u32::MAX, 11)]);
    }

    #[test]
    fn phrases_are_matched_on_their_first_words() {
        assert_eq!(days_from_today(&["apres", "demain", "10h"]), Some((2, 2)));
        assert_eq!(days_from_today(&["demain"]), Some((1, 1)));
        assert_eq!(days_from_today(&["soir"]), None);
        assert_eq!(part_of_day(&["soir"]), Some((Part::Evening, 1)));
    }
}
