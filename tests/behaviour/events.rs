//! Events in the store: places fill in order, the waitlist moves up, and concurrent
//! answers never overfill an event, on every backend.

use std::collections::HashSet;

use chrono::{DateTime, TimeDelta, Utc};
use libtest_mimic::Trial;
use passerelle_core::events::{Answer, EventDetails, EventId, Status};
use passerelle_core::model::{CommunityId, Identity, MemberId, Platform};
use passerelle_core::store::Store;

use crate::support::Backend;

pub fn trials(backend: Backend) -> Vec<Trial> {
    crate::trials!(
        backend,
        "events",
        [
            places_fill_in_order_and_the_rest_wait,
            a_withdrawal_promotes_the_first_in_line,
            raising_the_capacity_promotes_in_order,
            saying_yes_again_keeps_your_place,
            concurrent_answers_never_overfill_an_event,
            a_cancelled_event_takes_no_answers,
        ]
    )
}

fn t0() -> DateTime<Utc> {
    "2026-03-02T09:00:00Z".parse().expect("an instant")
}

async fn setup(
    url: &str,
    capacity: Option<u32>,
    people: usize,
) -> (Store, CommunityId, EventId, Vec<MemberId>) {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/transcripts/community.toml"
    ))
    .expect("the test community");
    let config = passerelle_core::config::Config::parse(&text).expect("a valid config");
    let store = Store::open(url).await.expect("the database opens");
    let community = store
        .sync_community(&config.communities[0], t0())
        .await
        .unwrap();
    let mut members = Vec::new();
    for n in 0..people {
        let identity = Identity {
            platform: Platform::Console,
            user_id: format!("m{n}"),
            display_name: format!("M{n}"),
        };
        members.push(
            store
                .ensure_member(community, &identity, t0())
                .await
                .unwrap()
                .id,
        );
    }
    let event = EventDetails {
        title: "Picnic".into(),
        description: None,
        place: None,
        start: t0() + TimeDelta::days(3),
        zone: chrono_tz::Europe::Paris,
        duration: TimeDelta::hours(2),
        capacity,
        rsvp_until: None,
        repeat: None,
        reminders: None,
    };
    let id = store
        .create_event(community, &event, members[0], t0())
        .await
        .unwrap();
    (store, community, id, members)
}

async fn answer(
    store: &Store,
    event: EventId,
    member: MemberId,
    answer: Answer,
    minutes: i64,
) -> (Status, Option<u32>, Vec<MemberId>) {
    let outcome = store
        .rsvp(event, 0, member, answer, t0() + TimeDelta::minutes(minutes))
        .await
        .unwrap()
        .expect("the event takes answers");
    (outcome.status, outcome.position, outcome.promoted)
}

async fn places_fill_in_order_and_the_rest_wait(url: String) {
    let (store, _, event, m) = setup(&url, Some(2), 4).await;
    assert_eq!(
        answer(&store, event, m[1], Answer::Yes, 1).await,
        (Status::Going, None, vec![])
    );
    assert_eq!(
        answer(&store, event, m[2], Answer::Yes, 2).await,
        (Status::Going, None, vec![])
    );
    assert_eq!(
        answer(&store, event, m[3], Answer::Yes, 3).await,
        (Status::Waitlisted, Some(1), vec![])
    );
    assert_eq!(
        answer(&store, event, m[0], Answer::Yes, 4).await,
        (Status::Waitlisted, Some(2), vec![])
    );
    let counts = store.event_counts(event, 0).await.unwrap();
    assert_eq!((counts.going, counts.waitlisted), (2, 2));
}

async fn a_withdrawal_promotes_the_first_in_line(url: String) {
    let (store, _, event, m) = setup(&url, Some(1), 4).await;
    answer(&store, event, m[1], Answer::Yes, 1).await;
    answer(&store, event, m[2], Answer::Yes, 2).await;
    answer(&store, event, m[3], Answer::Yes, 3).await;
    assert_eq!(
        answer(&store, event, m[1], Answer::Maybe, 4).await,
        (Status::Maybe, None, vec![m[2]])
    );
    assert_eq!(
        store.answer_of(event, 0, m[2]).await.unwrap(),
        Some((Status::Going, None))
    );
    assert_eq!(
        store.answer_of(event, 0, m[3]).await.unwrap(),
        Some((Status::Waitlisted, Some(1)))
    );
    // Someone waiting who gives up promotes nobody.
    assert_eq!(
        answer(&store, event, m[3], Answer::No, 5).await,
        (Status::NotGoing, None, vec![])
    );
}

async fn raising_the_capacity_promotes_in_order(url: String) {
    let (store, community, event, m) = setup(&url, Some(1), 4).await;
    for (n, member) in m[1..].iter().enumerate() {
        answer(&store, event, *member, Answer::Yes, n as i64).await;
    }
    let mut edited = store.event(community, event).await.unwrap().unwrap();
    edited.details.capacity = Some(2);
    assert_eq!(
        store.update_event(&edited, 0, t0()).await.unwrap(),
        Some(vec![(0, m[2])])
    );
    edited.details.capacity = None;
    assert_eq!(
        store.update_event(&edited, 0, t0()).await.unwrap(),
        Some(vec![(0, m[3])])
    );
    assert_eq!(store.event_counts(event, 0).await.unwrap().going, 3);
}

async fn saying_yes_again_keeps_your_place(url: String) {
    let (store, _, event, m) = setup(&url, Some(1), 4).await;
    answer(&store, event, m[1], Answer::Yes, 1).await;
    answer(&store, event, m[2], Answer::Yes, 2).await;
    answer(&store, event, m[3], Answer::Yes, 3).await;
    assert_eq!(
        answer(&store, event, m[2], Answer::Yes, 9).await,
        (Status::Waitlisted, Some(1), vec![])
    );
    assert_eq!(
        answer(&store, event, m[1], Answer::Yes, 9).await,
        (Status::Going, None, vec![])
    );
}

async fn concurrent_answers_never_overfill_an_event(url: String) {
    let (store, _, event, m) = setup(&url, Some(5), 30).await;
    // Two processes on one database, fifteen people each answering at the same moment.
    let other = Store::open(&url).await.unwrap();
    let tasks: Vec<_> = m
        .iter()
        .enumerate()
        .map(|(n, member)| {
            let store = if n % 2 == 0 {
                store.clone()
            } else {
                other.clone()
            };
            let member = *member;
            tokio::spawn(async move { store.rsvp(event, 0, member, Answer::Yes, t0()).await })
        })
        .collect();
    let mut going = 0;
    let mut positions = HashSet::new();
    for task in tasks {
        let outcome = task
            .await
            .unwrap()
            .expect("no answer fails")
            .expect("the event takes answers");
        match outcome.status {
            Status::Going => going += 1,
            Status::Waitlisted => {
                assert!(positions.insert(outcome.position.expect("a place in line")))
            }
            other => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(going, 5, "exactly the capacity");
    assert_eq!(positions.len(), 25);
    assert_eq!(store.event_counts(event, 0).await.unwrap().going, 5);
}

async fn a_cancelled_event_takes_no_answers(url: String) {
    let (store, _, event, m) = setup(&url, None, 3).await;
    answer(&store, event, m[1], Answer::Yes, 1).await;
    answer(&store, event, m[2], Answer::Maybe, 2).await;
    assert_eq!(
        store.cancel_event(event, 0, t0()).await.unwrap(),
        Some(vec![m[1]])
    );
    assert_eq!(store.cancel_event(event, 0, t0()).await.unwrap(), None);
    assert_eq!(
        store.rsvp(event, 0, m[2], Answer::Yes, t0()).await.unwrap(),
        None
    );
}
