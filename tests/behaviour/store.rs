//! Store conformance: what every backend must do with members and the outbox.

use std::collections::HashSet;

use chrono::{DateTime, TimeDelta, Utc};
use libtest_mimic::Trial;
use passerelle_core::lang::Lang;
use passerelle_core::model::{CommunityId, Identity, MemberId, Platform, Role};
use passerelle_core::outbox::{self, Destination, NewOutgoing, Outgoing};
use passerelle_core::reply::Message;
use passerelle_core::store::{FailureOutcome, Store};

use crate::support::Backend;

pub fn trials(backend: Backend) -> Vec<Trial> {
    crate::trials!(
        backend,
        "store",
        [
            opening_twice_migrates_once,
            a_member_is_created_once_and_follows_their_display_name,
            preferences_and_roles_survive_reopening,
            concurrent_first_messages_create_one_member,
            due_messages_come_out_oldest_first_and_leave_once_confirmed,
            a_claimed_message_waits_for_its_lease_to_expire,
            failed_deliveries_back_off_then_are_given_up,
            a_permanent_failure_is_given_up_at_once,
            a_rate_limited_message_waits_as_long_as_the_platform_asks,
            a_released_message_waits_and_keeps_its_tries,
            concurrent_workers_never_claim_the_same_message,
            a_late_report_cannot_take_back_a_message_another_worker_holds,
            a_message_whose_worker_died_on_its_last_try_is_given_up,
            queued_messages_survive_a_restart,
        ]
    )
}

pub fn t0() -> DateTime<Utc> {
    "2026-03-02T09:00:00Z".parse().expect("an instant")
}

fn identity(user: &str) -> Identity {
    Identity {
        platform: Platform::Console,
        user_id: user.into(),
        display_name: user.into(),
    }
}

pub async fn open(url: &str) -> (Store, CommunityId) {
    let store = Store::open(url).await.expect("the test database opens");
    let community = store
        .sync_community(&passerelle_test_support::community(), t0())
        .await
        .expect("community synced");
    (store, community)
}

fn to_room(text: &str, not_before: DateTime<Utc>) -> NewOutgoing {
    NewOutgoing {
        platform: Platform::Console,
        destination: Destination::Room("#general".into()),
        about: None,
        member: None,
        message: Message::text(text),
        not_before,
    }
}

fn texts(batch: &[outbox::Outgoing]) -> Vec<&str> {
    batch
        .iter()
        .map(|outgoing| outgoing.message.text.as_str())
        .collect()
}

async fn opening_twice_migrates_once(url: String) {
    let (first, id) = open(&url).await;
    first.close().await;
    let (_, again) = open(&url).await;
    assert_eq!(id, again, "the community keeps its key");
}

async fn a_member_is_created_once_and_follows_their_display_name(url: String) {
    let (store, community) = open(&url).await;
    let first = store
        .ensure_member(community, &identity("nadia"), t0())
        .await
        .unwrap();
    let renamed = Identity {
        display_name: "Nadia B.".into(),
        ..identity("nadia")
    };
    let again = store
        .ensure_member(community, &renamed, t0())
        .await
        .unwrap();
    assert_eq!(first.id, again.id);
    assert_eq!(again.identities[0].display_name, "Nadia B.");
    assert_eq!(again.joined_at, t0());
    let other = store
        .ensure_member(community, &identity("bob"), t0())
        .await
        .unwrap();
    assert_ne!(other.id, first.id);
}

async fn preferences_and_roles_survive_reopening(url: String) {
    let (store, community) = open(&url).await;
    let member = store
        .ensure_member(community, &identity("nadia"), t0())
        .await
        .unwrap();
    store.set_language(member.id, Some(Lang::Fr)).await.unwrap();
    store
        .set_time_zone(member.id, Some(chrono_tz::America::Montreal))
        .await
        .unwrap();
    store
        .grant_role(member.id, Role::Organizer, t0())
        .await
        .unwrap();
    store
        .grant_role(member.id, Role::Organizer, t0())
        .await
        .unwrap();
    store.close().await;

    let (store, community) = open(&url).await;
    let member = store
        .find_member(community, Platform::Console, "nadia")
        .await
        .unwrap()
        .expect("still there");
    assert_eq!(member.language, Some(Lang::Fr));
    assert_eq!(member.time_zone, Some(chrono_tz::America::Montreal));
    assert_eq!(member.roles, [Role::Organizer]);
    store.set_language(member.id, None).await.unwrap();
    assert_eq!(store.member(member.id).await.unwrap().language, None);
}

async fn concurrent_first_messages_create_one_member(url: String) {
    let (store, community) = open(&url).await;
    let tasks: Vec<_> = (0..8)
        .map(|_| {
            let store = store.clone();
            tokio::spawn(async move {
                store
                    .ensure_member(community, &identity("nadia"), t0())
                    .await
            })
        })
        .collect();
    let mut ids = HashSet::new();
    for task in tasks {
        ids.insert(task.await.unwrap().expect("no task fails").id);
    }
    assert_eq!(ids.len(), 1, "one member, whoever wins: {ids:?}");
    let id: MemberId = *ids.iter().next().unwrap();
    assert_eq!(store.member(id).await.unwrap().identities.len(), 1);
}

async fn due_messages_come_out_oldest_first_and_leave_once_confirmed(url: String) {
    let (store, community) = open(&url).await;
    let later = to_room("later", t0() + TimeDelta::hours(1));
    let batch = [
        to_room("second", t0()),
        later,
        to_room("first", t0() - TimeDelta::minutes(1)),
    ];
    store.enqueue(community, &batch, t0()).await.unwrap();
    assert_eq!(
        store.next_due(Platform::Console).await.unwrap(),
        Some(t0() - TimeDelta::minutes(1))
    );

    let due = store
        .claim_outgoing(Platform::Console, "w", t0(), 10)
        .await
        .unwrap();
    assert_eq!(texts(&due), ["first", "second"]);
    assert_eq!(due[0].attempt, 1);
    assert!(
        store
            .claim_outgoing(Platform::Matrix, "w", t0(), 10)
            .await
            .unwrap()
            .is_empty()
    );
    for outgoing in &due {
        store.confirm_delivery(outgoing.id).await.unwrap();
    }
    assert_eq!(store.pending_outgoing(Platform::Console).await.unwrap(), 1);

    let an_hour_on = store
        .claim_outgoing(Platform::Console, "w", t0() + TimeDelta::hours(1), 10)
        .await
        .unwrap();
    assert_eq!(texts(&an_hour_on), ["later"]);
}

async fn a_claimed_message_waits_for_its_lease_to_expire(url: String) {
    let (store, community) = open(&url).await;
    store
        .enqueue(community, &[to_room("hello", t0())], t0())
        .await
        .unwrap();
    assert_eq!(
        store
            .claim_outgoing(Platform::Console, "a", t0(), 10)
            .await
            .unwrap()
            .len(),
        1
    );
    let during = t0() + outbox::LEASE - TimeDelta::seconds(1);
    assert!(
        store
            .claim_outgoing(Platform::Console, "b", during, 10)
            .await
            .unwrap()
            .is_empty()
    );
    // The first worker died without a word: after the lease, another one delivers.
    let after = store
        .claim_outgoing(Platform::Console, "b", t0() + outbox::LEASE, 10)
        .await
        .unwrap();
    assert_eq!(texts(&after), ["hello"]);
    assert_eq!(after[0].attempt, 2);
}

async fn failed_deliveries_back_off_then_are_given_up(url: String) {
    let (store, community) = open(&url).await;
    store
        .enqueue(community, &[to_room("hello", t0())], t0())
        .await
        .unwrap();
    let mut now = t0();
    for attempt in 1..outbox::MAX_ATTEMPTS {
        let claimed = store
            .claim_outgoing(Platform::Console, "w", now, 10)
            .await
            .unwrap();
        assert_eq!(claimed.len(), 1, "try {attempt}");
        assert_eq!(claimed[0].attempt, attempt);
        let outcome = store
            .report_failure(&claimed[0], "w", "timeout", now)
            .await
            .unwrap();
        let delay = outbox::retry_delay(attempt).unwrap();
        assert_eq!(outcome, FailureOutcome::RetryAt(now + delay));
        let early = now + delay - TimeDelta::seconds(1);
        assert!(
            store
                .claim_outgoing(Platform::Console, "w", early, 10)
                .await
                .unwrap()
                .is_empty()
        );
        now += delay;
    }
    let last = store
        .claim_outgoing(Platform::Console, "w", now, 10)
        .await
        .unwrap();
    let outcome = store
        .report_failure(&last[0], "w", "timeout", now)
        .await
        .unwrap();
    assert_eq!(outcome, FailureOutcome::GivenUp);
    assert_eq!(store.pending_outgoing(Platform::Console).await.unwrap(), 0);
    let much_later = now + TimeDelta::days(30);
    assert!(
        store
            .claim_outgoing(Platform::Console, "w", much_later, 10)
            .await
            .unwrap()
            .is_empty()
    );
}

async fn a_permanent_failure_is_given_up_at_once(url: String) {
    let (store, claimed) = hello_claimed(&url).await;
    let outcome = store
        .report_permanent_failure(&claimed, "w", "room not found", t0())
        .await
        .unwrap();
    assert_eq!(outcome, FailureOutcome::GivenUp);
    assert_eq!(store.pending_outgoing(Platform::Console).await.unwrap(), 0);
}

async fn a_rate_limited_message_waits_as_long_as_the_platform_asks(url: String) {
    let (store, claimed) = hello_claimed(&url).await;
    // Asked to wait 2 s, not the 5 s of the usual first backoff.
    let asked = t0() + TimeDelta::seconds(2);
    let outcome = store
        .report_rate_limited(&claimed, "w", "429", asked, t0())
        .await
        .unwrap();
    assert_eq!(outcome, FailureOutcome::RetryAt(asked));
    assert_eq!(first_due_at(&store, asked).await.attempt, 2);
}

/// A store with "hello" queued and claimed by worker w.
async fn hello_claimed(url: &str) -> (Store, Outgoing) {
    let (store, community) = open(url).await;
    store
        .enqueue(community, &[to_room("hello", t0())], t0())
        .await
        .unwrap();
    let claimed = store
        .claim_outgoing(Platform::Console, "w", t0(), 10)
        .await
        .unwrap();
    (store, claimed.into_iter().next().unwrap())
}

/// The one message due at `at` and not a millisecond earlier: "hello", claimed.
async fn first_due_at(store: &Store, at: DateTime<Utc>) -> Outgoing {
    let early = at - TimeDelta::milliseconds(1);
    assert!(
        store
            .claim_outgoing(Platform::Console, "w", early, 10)
            .await
            .unwrap()
            .is_empty()
    );
    let again = store
        .claim_outgoing(Platform::Console, "w", at, 10)
        .await
        .unwrap();
    assert_eq!(texts(&again), ["hello"]);
    again.into_iter().next().unwrap()
}

async fn a_released_message_waits_and_keeps_its_tries(url: String) {
    let (store, claimed) = hello_claimed(&url).await;
    let at = t0() + TimeDelta::seconds(30);
    // Not worker b's to release.
    let outcome = store.release(&claimed, "b", at).await.unwrap();
    assert_eq!(outcome, FailureOutcome::LeaseLost);
    let outcome = store.release(&claimed, "w", at).await.unwrap();
    assert_eq!(outcome, FailureOutcome::RetryAt(at));
    let again = first_due_at(&store, at).await;
    assert_eq!(again.attempt, 1, "a release is not a try");
}

async fn concurrent_workers_never_claim_the_same_message(url: String) {
    let (store, community) = open(&url).await;
    let batch: Vec<NewOutgoing> = (0..40).map(|i| to_room(&format!("m{i}"), t0())).collect();
    store.enqueue(community, &batch, t0()).await.unwrap();
    // Two processes on one database: two stores, two workers each.
    let (other, _) = open(&url).await;
    let workers: Vec<_> = [store.clone(), store.clone(), other.clone(), other]
        .into_iter()
        .enumerate()
        .map(|(n, store)| {
            tokio::spawn(async move {
                let mut mine = Vec::new();
                loop {
                    let batch = store
                        .claim_outgoing(Platform::Console, &format!("w{n}"), t0(), 3)
                        .await
                        .unwrap();
                    if batch.is_empty() {
                        return mine;
                    }
                    mine.extend(batch.into_iter().map(|outgoing| outgoing.id));
                }
            })
        })
        .collect();
    let mut all = Vec::new();
    for worker in workers {
        all.extend(worker.await.unwrap());
    }
    let unique: HashSet<i64> = all.iter().copied().collect();
    assert_eq!(all.len(), 40, "every message claimed exactly once");
    assert_eq!(unique.len(), 40);
}

async fn a_late_report_cannot_take_back_a_message_another_worker_holds(url: String) {
    let (store, community) = open(&url).await;
    store
        .enqueue(community, &[to_room("hello", t0())], t0())
        .await
        .unwrap();
    let first = store
        .claim_outgoing(Platform::Console, "a", t0(), 10)
        .await
        .unwrap();
    let later = t0() + outbox::LEASE;
    let second = store
        .claim_outgoing(Platform::Console, "b", later, 10)
        .await
        .unwrap();
    assert_eq!(second.len(), 1);
    // Worker a wakes up and reports its old try: too late, b holds the message.
    let outcome = store
        .report_failure(&first[0], "a", "timeout", later)
        .await
        .unwrap();
    assert_eq!(outcome, FailureOutcome::LeaseLost);
    assert!(
        store
            .claim_outgoing(Platform::Console, "c", later, 10)
            .await
            .unwrap()
            .is_empty(),
        "b's lease holds"
    );
    let outcome = store
        .report_failure(&second[0], "b", "timeout", later)
        .await
        .unwrap();
    assert!(matches!(outcome, FailureOutcome::RetryAt(_)));
}

async fn a_message_whose_worker_died_on_its_last_try_is_given_up(url: String) {
    let (store, community) = open(&url).await;
    store
        .enqueue(community, &[to_room("hello", t0())], t0())
        .await
        .unwrap();
    let mut now = t0();
    // Every worker dies mid-send: each claim is a try, and no one reports.
    for _ in 0..outbox::MAX_ATTEMPTS {
        assert_eq!(
            store
                .claim_outgoing(Platform::Console, "w", now, 10)
                .await
                .unwrap()
                .len(),
            1
        );
        now += outbox::LEASE;
    }
    assert!(
        store
            .claim_outgoing(Platform::Console, "w", now, 10)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(store.pending_outgoing(Platform::Console).await.unwrap(), 0);
}

async fn queued_messages_survive_a_restart(url: String) {
    let (store, community) = open(&url).await;
    store
        .enqueue(community, &[to_room("still here", t0())], t0())
        .await
        .unwrap();
    store.close().await;
    let (store, _) = open(&url).await;
    let claimed = store
        .claim_outgoing(Platform::Console, "w", t0(), 10)
        .await
        .unwrap();
    assert_eq!(texts(&claimed), ["still here"]);
}
