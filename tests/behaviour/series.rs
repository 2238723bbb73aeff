//! Series and community settings through the hub's API: moving a series keeps answers
//! with their dates; members may create events and see names where a community says so.

use chrono::TimeDelta;
use libtest_mimic::Trial;

use crate::hub::{hub, hub_with, now};
use crate::reminders::say;
use crate::support::Backend;

pub fn trials(backend: Backend) -> Vec<Trial> {
    crate::trials!(
        backend,
        "series",
        [
            moving_a_series_keeps_the_answers_of_its_next_date,
            members_create_events_where_the_community_allows_it,
            attendee_names_are_public_where_the_community_says_so,
        ]
    )
}

async fn moving_a_series_keeps_the_answers_of_its_next_date(url: String) {
    let hub = hub(&url).await;
    say(
        &hub,
        "nadia",
        "/event create Apéro when=\"thursday 19:00\" repeat=weekly",
        now(),
    )
    .await;
    // A week later, Bob answers for the next date, then the series moves to Fridays.
    let later = now() + TimeDelta::days(7);
    let going = say(&hub, "bob", "/rsvp 1 yes", later).await;
    assert!(going.contains("Thu 12 Mar 19:00"), "{going}");
    let moved = say(&hub, "nadia", "/event edit 1 when=\"friday 20:00\"", later).await;
    assert!(moved.contains("Updated"), "{moved}");
    let card = say(&hub, "bob", "/event 1", later).await;
    assert!(card.contains("Fri 13 Mar 20:00"), "{card}");
    assert!(card.contains("You: going"), "{card}");
    // The week after, and across the change to summer time, it is still Friday 20:00.
    let summer = say(&hub, "bob", "/rsvp 1 yes date=2026-04-03", later).await;
    assert!(summer.contains("Fri 3 Apr 20:00"), "{summer}");
    let no_thursday = say(&hub, "bob", "/rsvp 1 yes date=2026-03-19", later).await;
    assert!(
        no_thursday.contains("has no date on 19 Mar"),
        "{no_thursday}"
    );
}

async fn members_create_events_where_the_community_allows_it(url: String) {
    let closed = hub(&url).await;
    let refused = say(
        &closed,
        "bob",
        "/event create Picnic when=\"saturday 12:00\"",
        now(),
    )
    .await;
    assert!(refused.contains("Only organizers"), "{refused}");
    let open = hub_with(&url, |community| community.events.members_create = true).await;
    let created = say(
        &open,
        "bob",
        "/event create Picnic when=\"saturday 12:00\"",
        now(),
    )
    .await;
    assert!(created.contains("Created **#1 Picnic**"), "{created}");
    // The creator hosts it: they may change it, others may not.
    let edited = say(&open, "bob", "/event edit 1 where=\"Parc Monceau\"", now()).await;
    assert!(edited.contains("Updated"), "{edited}");
    let refused = say(&open, "chloe", "/event cancel 1", now()).await;
    assert!(refused.contains("Only its hosts"), "{refused}");
}

async fn attendee_names_are_public_where_the_community_says_so(url: String) {
    let private = hub(&url).await;
    say(
        &private,
        "nadia",
        "/event create Picnic when=\"saturday 12:00\"",
        now(),
    )
    .await;
    say(&private, "bob", "/rsvp 1 yes", now()).await;
    let counts = say(&private, "chloe", "/event attendees 1", now()).await;
    assert!(
        counts.contains("1 going") && !counts.contains("bob"),
        "{counts}"
    );
    let public = hub_with(&url, |community| community.events.public_attendees = true).await;
    let names = say(&public, "chloe", "/event attendees 1", now()).await;
    assert!(names.contains("Going (1): bob"), "{names}");
}
