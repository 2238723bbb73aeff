//! Reminders through the hub's API: once each with two processes on one database, sent
//! late after downtime or when a dead worker's lease ends, dropped once the date has
//! started, moved with their event.

use chrono::{DateTime, TimeDelta, Utc};
use libtest_mimic::Trial;
use passerelle_core::Hub;
use passerelle_core::model::{Platform, Role};
use passerelle_core::outbox::{Destination, Outgoing};

use crate::hub::{hub, now};
use crate::support::Backend;

pub fn trials(backend: Backend) -> Vec<Trial> {
    crate::trials!(
        backend,
        "reminders",
        [
            two_processes_send_each_reminder_once,
            a_worker_whose_lease_ran_out_sends_nothing,
            a_reminder_a_dead_worker_held_is_next_due_when_its_lease_ends,
            a_reminder_whose_date_started_is_dropped,
            moving_an_event_moves_its_reminders,
            a_cancelled_event_reminds_nobody,
            an_edit_after_downtime_keeps_the_reminders_due,
            events_without_reminders_get_them_when_the_hub_opens,
        ]
    )
}

/// `who` says `text` in #general at `at`.
pub async fn say(hub: &Hub, who: &str, text: &str, at: DateTime<Utc>) -> String {
    let mut incoming = passerelle_test_support::says(who, text);
    if who == "nadia" {
        incoming.sender.roles = vec![Role::Organizer];
    }
    let replies = hub.handle(&incoming, at).await.expect("handled");
    replies
        .into_iter()
        .map(|message| message.text)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every reminder queued so far, as (recipient, text).
async fn reminders_sent(hub: &Hub) -> Vec<(String, String)> {
    let far = now() + TimeDelta::days(365);
    let queued: Vec<Outgoing> = hub
        .store()
        .claim_outgoing(Platform::Console, "reader", far, 10_000)
        .await
        .unwrap();
    let mut sent: Vec<(String, String)> = queued
        .into_iter()
        .filter(|outgoing| outgoing.message.text.starts_with("Reminder"))
        .filter_map(|outgoing| match outgoing.destination {
            Destination::Direct(user) => Some((user, outgoing.message.text)),
            Destination::Room(_)
            | Destination::Role(_)
            | Destination::Admit(_)
            | Destination::Edit { .. } => None,
        })
        .collect();
    sent.sort();
    sent
}

/// Event #1, a picnic at [`start`], with bob going.
async fn picnic_with_bob(hub: &Hub) {
    let created = say(
        hub,
        "nadia",
        "/event create Picnic when=\"2026-03-10 19:00\"",
        now(),
    )
    .await;
    assert!(created.contains("Created"), "{created}");
    say(hub, "bob", "/rsvp 1 yes", now()).await;
}

/// 19:00 Paris on 10 March 2026 is 18:00 UTC.
fn start() -> DateTime<Utc> {
    "2026-03-10T18:00:00Z".parse().unwrap()
}

async fn two_processes_send_each_reminder_once(url: String) {
    let first = hub(&url).await;
    let second = hub(&url).await;
    const EVENTS: usize = 12;
    for n in 1..=EVENTS {
        let created = say(
            &first,
            "nadia",
            &format!("/event create Talk {n} when=\"2026-03-10 19:00\""),
            now(),
        )
        .await;
        assert!(created.contains("Created"), "{created}");
        for member in ["bob", "chloe"] {
            say(&second, member, &format!("/rsvp {n} yes"), now()).await;
        }
    }
    // Both processes were down until 30 minutes before: both reminders of every event
    // are due, and the events have not started.
    let late = start() - TimeDelta::minutes(30);
    let (a, b) = tokio::join!(
        async {
            let mut total = 0;
            for _ in 0..5 {
                total += first.tick_all("first", late).await.unwrap().sent;
            }
            total
        },
        async {
            let mut total = 0;
            for _ in 0..5 {
                total += second.tick_all("second", late).await.unwrap().sent;
            }
            total
        }
    );
    assert_eq!(
        a + b,
        EVENTS * 2,
        "each reminder handled by exactly one process"
    );
    let sent = reminders_sent(&first).await;
    assert_eq!(
        sent.len(),
        EVENTS * 2 * 2,
        "two reminders to two members each"
    );
    let mut distinct = sent.clone();
    distinct.dedup();
    assert_eq!(
        distinct.len(),
        EVENTS * 2,
        "24 h and 1 h reminders differ only in time left"
    );
    assert_eq!(first.tick_all("first", late).await.unwrap().sent, 0);
}

async fn a_worker_whose_lease_ran_out_sends_nothing(url: String) {
    use passerelle_core::events::reminders::LEASE;
    use passerelle_core::events::{Finished, ReminderOutcome};
    let hub = hub(&url).await;
    picnic_with_bob(&hub).await;
    let (store, community) = (hub.store(), hub.community_id());
    let late = start() - TimeDelta::minutes(30);
    // Worker a claims both reminders of the picnic, then stalls past its lease; b takes them.
    let by_a = store
        .claim_reminders(community, "a", late, 10)
        .await
        .unwrap();
    assert_eq!(by_a.len(), 2);
    let later = late + LEASE + TimeDelta::seconds(1);
    let by_b = store
        .claim_reminders(community, "b", later, 10)
        .await
        .unwrap();
    assert_eq!(by_b, by_a, "the same reminders, their lease over");
    // What a worker would send: a's text, stale by now, must never be queued.
    let finished = |due: &[passerelle_core::events::reminders::DueReminder], text: &str| {
        let message = passerelle_core::outbox::NewOutgoing {
            platform: Platform::Console,
            destination: Destination::Direct("bob".into()),
            member: None,
            about: None,
            message: passerelle_core::reply::Message::text(text),
            not_before: later,
        };
        due.iter()
            .map(|reminder| Finished {
                reminder: *reminder,
                outcome: ReminderOutcome::Sent(vec![message.clone()]),
                next: Vec::new(),
            })
            .collect::<Vec<_>>()
    };
    // b finishes one of them; a, back, finishes both: only the other is a's.
    let b_done = store
        .finish_reminders(
            community,
            "b",
            &finished(&by_b[..1], "Reminder from b"),
            later,
        )
        .await
        .unwrap();
    assert_eq!(b_done, [true]);
    let a_done = store
        .finish_reminders(community, "a", &finished(&by_a, "Reminder from a"), later)
        .await
        .unwrap();
    assert_eq!(a_done, [false, false], "a's lease is lost on both");
    let b_done = store
        .finish_reminders(community, "b", &finished(&by_b, "Reminder from b"), later)
        .await
        .unwrap();
    assert_eq!(b_done, [false, true], "the first one is done already");
    let sent = reminders_sent(&hub).await;
    let from_b = ("bob".to_owned(), "Reminder from b".to_owned());
    assert_eq!(sent, [from_b.clone(), from_b], "b's two, none of a's");
}

async fn a_reminder_a_dead_worker_held_is_next_due_when_its_lease_ends(url: String) {
    use passerelle_core::events::reminders::LEASE;
    let hub = hub(&url).await;
    picnic_with_bob(&hub).await;
    let day_before = start() - TimeDelta::hours(24);
    assert_eq!(hub.next_reminder_due().await.unwrap(), Some(day_before));
    // A worker claims the day-before reminder, then dies before sending it.
    let claimed = hub
        .store()
        .claim_reminders(hub.community_id(), "dead", day_before, 1)
        .await
        .unwrap();
    assert_eq!(claimed.len(), 1);
    let given_back = day_before + LEASE;
    assert_eq!(
        hub.next_reminder_due().await.unwrap(),
        Some(given_back),
        "not at its due time: it cannot be taken before the lease ends"
    );
    assert_eq!(hub.tick_all("live", day_before).await.unwrap().sent, 0);
    assert_eq!(hub.tick_all("live", given_back).await.unwrap().sent, 1);
    assert_eq!(
        hub.next_reminder_due().await.unwrap(),
        Some(start() - TimeDelta::hours(1)),
        "then the hour-before one"
    );
    assert_eq!(reminders_sent(&hub).await.len(), 1);
}

async fn a_reminder_whose_date_started_is_dropped(url: String) {
    let hub = hub(&url).await;
    picnic_with_bob(&hub).await;
    let report = hub
        .tick_all("a", start() + TimeDelta::minutes(5))
        .await
        .unwrap();
    assert_eq!((report.sent, report.dropped), (0, 2));
    assert!(reminders_sent(&hub).await.is_empty());
}

async fn moving_an_event_moves_its_reminders(url: String) {
    let hub = hub(&url).await;
    picnic_with_bob(&hub).await;
    let day_before = start() - TimeDelta::hours(23);
    assert_eq!(hub.tick_all("a", day_before).await.unwrap().sent, 1);
    let moved = say(
        &hub,
        "nadia",
        "/event edit 1 when=\"2026-03-12 19:00\"",
        day_before,
    )
    .await;
    assert!(moved.contains("Updated"), "{moved}");
    // Nothing is due at the old time any more.
    assert_eq!(
        hub.tick_all("a", start() - TimeDelta::minutes(30))
            .await
            .unwrap()
            .sent,
        0
    );
    // Both reminders come again before the new date.
    let new_start = start() + TimeDelta::days(2);
    assert_eq!(
        hub.tick_all("a", new_start - TimeDelta::hours(24))
            .await
            .unwrap()
            .sent,
        1
    );
    assert_eq!(
        hub.tick_all("a", new_start - TimeDelta::hours(1))
            .await
            .unwrap()
            .sent,
        1
    );
    let sent = reminders_sent(&hub).await;
    assert_eq!(sent.len(), 3);
    assert!(sent.iter().all(|(user, _)| user == "bob"));
    assert_eq!(
        sent.iter()
            .filter(|(_, text)| text.contains("Thu 12 Mar"))
            .count(),
        2
    );
}

async fn a_cancelled_event_reminds_nobody(url: String) {
    let hub = hub(&url).await;
    picnic_with_bob(&hub).await;
    say(&hub, "nadia", "/event cancel 1", now()).await;
    let report = hub
        .tick_all("a", start() - TimeDelta::minutes(30))
        .await
        .unwrap();
    assert_eq!((report.sent, report.dropped), (0, 0));
    assert_eq!(hub.next_reminder_due().await.unwrap(), None);
}

async fn an_edit_after_downtime_keeps_the_reminders_due(url: String) {
    let hub = hub(&url).await;
    say(
        &hub,
        "nadia",
        "/event create Yoga when=\"2026-03-10 19:00\" repeat=weekly",
        now(),
    )
    .await;
    say(&hub, "bob", "/rsvp 1 yes", now()).await;
    // Nobody ticked for a day; an organizer edits the series before anyone does.
    let late = start() - TimeDelta::minutes(30);
    say(&hub, "nadia", "/event edit 1 until=2026-06-30", late).await;
    assert_eq!(hub.tick_all("a", late).await.unwrap().sent, 2);
}

async fn events_without_reminders_get_them_when_the_hub_opens(url: String) {
    let first = hub(&url).await;
    picnic_with_bob(&first).await;
    // As if the event came from before reminders existed.
    sqlx_free_reminders(&url).await;
    let reopened = hub(&url).await;
    assert_eq!(
        reopened.next_reminder_due().await.unwrap(),
        Some(start() - TimeDelta::hours(24))
    );
    assert_eq!(
        reopened
            .tick_all("a", start() - TimeDelta::hours(1))
            .await
            .unwrap()
            .sent,
        2
    );
}

/// Deletes every reminder row, straight in the database.
async fn sqlx_free_reminders(url: &str) {
    use sqlx::Connection;
    if url.starts_with("postgres") {
        let mut db = sqlx::postgres::PgConnection::connect(url).await.unwrap();
        sqlx::query("DELETE FROM reminders")
            .execute(&mut db)
            .await
            .unwrap();
    } else {
        let mut db = sqlx::sqlite::SqliteConnection::connect(url).await.unwrap();
        sqlx::query("DELETE FROM reminders")
            .execute(&mut db)
            .await
            .unwrap();
    }
}
