//! Nothing half-done, nothing twice: a change and every message it causes commit
//! together, and an event handed in again (by its platform ID) changes nothing more.
//! The outbox is made to refuse rows (a trigger), as a crash right after the change
//! would have lost them; the change must not be there either.

use libtest_mimic::Trial;
use passerelle_core::Hub;
use passerelle_core::incoming::Incoming;
use passerelle_core::model::Platform;
use passerelle_core::outbox::{Destination, NewOutgoing};
use passerelle_core::reply::Message;
use passerelle_test_support::says;
use sqlx::Connection;

use crate::hub::{hub, now, organizer};
use crate::support::Backend;

pub fn trials(backend: Backend) -> Vec<Trial> {
    crate::trials!(
        backend,
        "atomic",
        [
            a_withdrawal_whose_promotion_message_fails_changes_nothing,
            a_cancellation_whose_messages_fail_changes_nothing,
            an_event_whose_announcement_fails_is_not_created,
            a_replayed_event_create_creates_one_event,
            a_replayed_rsvp_keeps_its_first_answer,
            outbox_ids_are_never_reused,
            an_event_set_aside_is_skipped_when_it_comes_again,
        ]
    )
}

pub async fn say(hub: &Hub, name: &str, text: &str) -> String {
    let here = hub.handle(&says(name, text), now()).await.unwrap();
    here.iter().map(|message| message.text.as_str()).collect()
}

/// Every insert into the outbox fails until [`heal`], on either backend.
async fn break_the_outbox(url: &str) {
    let sql: &[&str] = if url.starts_with("postgres") {
        &[
            "CREATE FUNCTION refuse() RETURNS trigger AS $$
             BEGIN RAISE EXCEPTION 'the outbox refuses rows'; END $$ LANGUAGE plpgsql",
            "CREATE TRIGGER refuse BEFORE INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION refuse()",
        ]
    } else {
        &["CREATE TRIGGER refuse BEFORE INSERT ON outbox
           BEGIN SELECT RAISE(ABORT, 'the outbox refuses rows'); END"]
    };
    run(url, sql).await;
}

async fn heal(url: &str) {
    let sql = if url.starts_with("postgres") {
        "DROP TRIGGER refuse ON outbox"
    } else {
        "DROP TRIGGER refuse"
    };
    run(url, &[sql]).await;
}

pub async fn run(url: &str, statements: &[&str]) {
    for statement in statements {
        let statement = sqlx::AssertSqlSafe(statement.to_string());
        if url.starts_with("postgres") {
            let mut db = sqlx::PgConnection::connect(url).await.unwrap();
            sqlx::raw_sql(statement).execute(&mut db).await.unwrap();
        } else {
            let mut db = sqlx::SqliteConnection::connect(url).await.unwrap();
            sqlx::raw_sql(statement).execute(&mut db).await.unwrap();
        }
    }
}

/// An organizer's event with one place, taken by ali; bea waits.
async fn full_event(url: &str) -> Hub {
    let hub = hub(url).await;
    organizer(&hub, "nadia").await;
    say(
        &hub,
        "nadia",
        "/event create Picnic quand=\"jeudi 19h\" places=1",
    )
    .await;
    assert!(say(&hub, "ali", "/rsvp 1 yes").await.contains("going"));
    assert!(say(&hub, "bea", "/rsvp 1 yes").await.contains("waitlist"));
    drain(&hub).await;
    hub
}

/// What the outbox holds for the console, taken out.
pub async fn drain(hub: &Hub) -> Vec<(Destination, String)> {
    let claimed = hub
        .store()
        .claim_outgoing(Platform::Console, "test", now(), 100)
        .await
        .unwrap();
    for outgoing in &claimed {
        hub.store().confirm_delivery(outgoing.id).await.unwrap();
    }
    claimed
        .into_iter()
        .map(|outgoing| (outgoing.destination, outgoing.message.text))
        .collect()
}

async fn a_withdrawal_whose_promotion_message_fails_changes_nothing(url: String) {
    let hub = full_event(&url).await;
    break_the_outbox(&url).await;
    assert!(
        hub.handle(&says("ali", "/rsvp 1 no"), now()).await.is_err(),
        "the promotion could not be queued"
    );
    heal(&url).await;
    // Ali still has the place, Bea still waits: nobody is going without being told.
    assert!(say(&hub, "ali", "/event 1").await.contains("You: going"));
    assert!(
        say(&hub, "bea", "/event 1")
            .await
            .contains("waitlist (number 1)")
    );
    // Asked again, it all happens, message included.
    say(&hub, "ali", "/rsvp 1 no").await;
    let told = drain(&hub).await;
    assert!(
        told.iter()
            .any(|(to, text)| *to == Destination::Direct("bea".into())
                && text.contains("a place opened")),
        "{told:?}"
    );
}

async fn a_cancellation_whose_messages_fail_changes_nothing(url: String) {
    let hub = full_event(&url).await;
    break_the_outbox(&url).await;
    assert!(
        hub.handle(&says("nadia", "/event cancel 1"), now())
            .await
            .is_err()
    );
    heal(&url).await;
    assert!(!say(&hub, "ali", "/event 1").await.contains("ancel"));
    say(&hub, "nadia", "/event cancel 1").await;
    let told = drain(&hub).await;
    assert!(
        told.iter()
            .any(|(to, _)| *to == Destination::Direct("ali".into())),
        "the attendee is told: {told:?}"
    );
}

async fn an_event_whose_announcement_fails_is_not_created(url: String) {
    let hub = hub(&url).await;
    organizer(&hub, "nadia").await;
    break_the_outbox(&url).await;
    let created = hub
        .handle(
            &says("nadia", "/event create Picnic quand=\"jeudi 19h\""),
            now(),
        )
        .await;
    assert!(created.is_err());
    heal(&url).await;
    assert!(
        say(&hub, "ali", "/events")
            .await
            .contains("No events coming up")
    );
}

/// `says`, with the platform's event ID `id`.
fn event(id: &str, name: &str, text: &str) -> Incoming {
    Incoming {
        id: Some(id.into()),
        ..says(name, text)
    }
}

async fn a_replayed_event_create_creates_one_event(url: String) {
    let hub = hub(&url).await;
    organizer(&hub, "nadia").await;
    let create = event(
        "$create",
        "nadia",
        "/event create Picnic quand=\"jeudi 19h\"",
    );
    let first = hub.handle(&create, now()).await.unwrap();
    let announced = drain(&hub).await;
    let again = hub.handle(&create, now()).await.unwrap();
    assert_eq!(again, first, "the replay gets the same replies");
    assert!(drain(&hub).await.is_empty(), "and announces nothing again");
    assert_eq!(announced.len(), 1, "{announced:?}");
    let listed = say(&hub, "ali", "/events").await;
    assert_eq!(listed.matches("Picnic").count(), 1, "{listed}");
}

async fn a_replayed_rsvp_keeps_its_first_answer(url: String) {
    let hub = full_event(&url).await;
    let withdraw = event("$no", "ali", "/rsvp 1 no");
    hub.handle(&withdraw, now()).await.unwrap();
    assert_eq!(drain(&hub).await.len(), 1, "bea is told once");
    assert!(say(&hub, "ali", "/rsvp 1 yes").await.contains("full"));
    // The old "no" comes again (a sync handed out twice): ali stays on the waitlist.
    hub.handle(&withdraw, now()).await.unwrap();
    assert!(
        say(&hub, "ali", "/event 1")
            .await
            .contains("waitlist (number 1)")
    );
    assert!(drain(&hub).await.is_empty());
}

/// Adapters make transaction IDs from outbox rows: a reused ID would make a platform
/// take a new message for an old one.
async fn outbox_ids_are_never_reused(url: String) {
    let hub = hub(&url).await;
    let message = || NewOutgoing {
        platform: Platform::Console,
        destination: Destination::Room("#general".into()),
        member: None,
        about: None,
        message: Message::text("hello"),
        not_before: now(),
    };
    hub.enqueue(message(), now()).await.unwrap();
    let first = hub
        .store()
        .claim_outgoing(Platform::Console, "test", now(), 10)
        .await
        .unwrap();
    hub.store().confirm_delivery(first[0].id).await.unwrap();
    hub.enqueue(message(), now()).await.unwrap();
    let second = hub
        .store()
        .claim_outgoing(Platform::Console, "test", now(), 10)
        .await
        .unwrap();
    assert!(
        second[0].id > first[0].id,
        "{} after {}",
        second[0].id,
        first[0].id
    );
}

/// An event the hub broke on is set aside by the runtime: when the platform hands it in
/// again, nothing is done and nothing is said (the member had the apology).
async fn an_event_set_aside_is_skipped_when_it_comes_again(url: String) {
    let hub = hub(&url).await;
    organizer(&hub, "nadia").await;
    let mut create = says("nadia", "/event create Picnic when=\"friday 19:00\"");
    create.id = Some("update-41".into());
    hub.set_aside(&create, now()).await.unwrap();
    let replayed = hub.handle(&create, now()).await.unwrap();
    assert!(replayed.is_empty(), "{replayed:?}");
    assert!(
        say(&hub, "nadia", "/events")
            .await
            .contains("No events coming up")
    );
    // Another event goes through as ever.
    create.id = Some("update-42".into());
    let created = hub.handle(&create, now()).await.unwrap();
    assert!(created[0].text.contains("Created"), "{created:?}");
}
