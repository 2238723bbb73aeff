//! What two accounts' members become when they are linked, decided without the store:
//! their questionnaire answers, and their answers to one date of an event.

use crate::events::Status;
use crate::onboarding::{Field, Profile};

/// `older`'s and `newer`'s profiles as one: an answer given on one side fills the other's
/// blank; where both answered differently, `newer`'s stands and the field is listed.
/// Languages, interests and visible fields are joined; `/meet` is on if it was on for
/// either.
pub(crate) fn profiles(older: &Profile, newer: &Profile) -> (Profile, Vec<Field>) {
    let mut merged = older.clone();
    let mut differed = Vec::new();
    let mut one = |field: Field, kept: &mut Option<String>, new: &Option<String>| match (
        kept.as_ref(),
        new,
    ) {
        (_, None) => {}
        (None, Some(_)) => kept.clone_from(new),
        (Some(old), Some(value)) if old != value => {
            kept.clone_from(new);
            differed.push(field);
        }
        _ => {}
    };
    one(Field::Origin, &mut merged.origin, &newer.origin);
    one(Field::Country, &mut merged.country, &newer.country);
    one(Field::City, &mut merged.city, &newer.city);
    match (merged.arrival, newer.arrival) {
        (_, None) => {}
        (None, new) => merged.arrival = new,
        (Some(old), Some(new)) if old != new => {
            merged.arrival = Some(new);
            differed.push(Field::Arrival);
        }
        _ => {}
    }
    joined(&mut merged.languages, &newer.languages);
    joined(&mut merged.interests, &newer.interests);
    for field in &newer.visible {
        if !merged.visible.contains(field) {
            merged.visible.push(*field);
        }
    }
    merged.visible.sort();
    merged.meet |= newer.meet;
    differed.sort();
    (merged, differed)
}

fn joined(kept: &mut Vec<String>, more: &[String]) {
    for value in more {
        if !kept.contains(value) {
            kept.push(value.clone());
        }
    }
}

/// One account's answer to one date of an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Held {
    pub status: Status,
    pub answered_at: i64,
    /// The order of arrival: the waitlist's order.
    pub turn: i64,
}

/// Whether `first` is the answer to keep over `second` for the same date: a place
/// held stands; then a place in line, the earlier one; then the more recent answer.
pub(crate) fn keeps_first(first: &Held, second: &Held) -> bool {
    use Status::{Going, Waitlisted};
    match (first.status, second.status) {
        (Going, _) => true,
        (_, Going) => false,
        (Waitlisted, Waitlisted) => first.turn <= second.turn,
        (Waitlisted, _) => true,
        (_, Waitlisted) => false,
        _ => first.answered_at >= second.answered_at,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::onboarding::arrival::Arrival;

    fn held(status: Status, answered_at: i64, turn: i64) -> Held {
        Held {
            status,
            answered_at,
            turn,
        }
    }

    #[test]
    fn a_blank_takes_the_other_answer_and_a_difference_takes_the_newer() {
        let older = Profile {
            origin: Some("BR".into()),
            city: Some("Lyon".into()),
            languages: vec!["pt".into()],
            visible: vec![Field::City],
            ..Profile::default()
        };
        let newer = Profile {
            country: Some("FR".into()),
            city: Some("Paris".into()),
            arrival: Some(Arrival::Here),
            languages: vec!["fr".into(), "pt".into()],
            visible: vec![Field::Origin],
            meet: true,
            ..Profile::default()
        };
        let (merged, differed) = profiles(&older, &newer);
        assert_eq!(merged.origin.as_deref(), Some("BR"));
        assert_eq!(merged.country.as_deref(), Some("FR"));
        assert_eq!(merged.city.as_deref(), Some("Paris"));
        assert_eq!(merged.arrival, Some(Arrival::Here));
        assert_eq!(merged.languages, ["pt", "fr"]);
        assert_eq!(merged.visible, [Field::Origin, Field::City]);
        assert!(merged.meet);
        assert_eq!(differed, [Field::City]);
    }

    #[test]
    fn the_same_answer_twice_is_no_difference() {
        let one = Profile {
            city: Some("Lyon".into()),
            ..Profile::default()
        };
        assert_eq!(profiles(&one, &one), (one.clone(), Vec::new()));
        assert_eq!(profiles(&one, &Profile::default()).0, one);
    }

    #[test]
    fn a_place_stands_then_the_earlier_turn_then_the_latest_answer() {
        let going = held(Status::Going, 1, 9);
        let waiting = held(Status::Waitlisted, 5, 3);
        let later_in_line = held(Status::Waitlisted, 2, 4);
        let maybe = held(Status::Maybe, 8, 8);
        let no = held(Status::NotGoing, 9, 9);
        assert!(keeps_first(&going, &waiting));
        assert!(!keeps_first(&waiting, &going));
        assert!(keeps_first(&waiting, &later_in_line));
        assert!(!keeps_first(&later_in_line, &waiting));
        assert!(keeps_first(&waiting, &no));
        assert!(!keeps_first(&maybe, &waiting));
        assert!(keeps_first(&no, &maybe), "the more recent answer");
        assert!(!keeps_first(&maybe, &no));
    }
}
