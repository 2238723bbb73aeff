//! Onboarding through the hub's API, where a transcript cannot look: after `/forget`,
//! no row of any table points to the member or carries their name, while the welcome
//! statistics still count them.

use chrono::TimeDelta;
use libtest_mimic::Trial;
use passerelle_core::Hub;
use passerelle_core::incoming::{Admission, Event, Incoming, Place, Sender};
use passerelle_core::model::{Identity, Platform, Role};
use passerelle_core::outbox::Destination;
use sqlx::{Connection, PgConnection, Row, SqliteConnection};

use crate::hub::{hub, now};
use crate::support::Backend;

pub fn trials(backend: Backend) -> Vec<Trial> {
    crate::trials!(
        backend,
        "onboarding",
        [
            forgetting_leaves_no_row_about_the_member,
            a_full_event_gives_a_forgotten_place_to_the_waitlist,
            a_newcomer_who_blocked_the_bot_shows_on_their_case_until_they_write,
        ]
    )
}

fn incoming(who: &str, display: &str, place: Place, event: Event) -> Incoming {
    Incoming {
        id: None,
        platform: Platform::Console,
        sender: Sender {
            user_id: who.into(),
            display_name: display.into(),
            roles: Vec::new(),
            language: None,
        },
        place,
        event,
    }
}

/// `who` says `text`, in private or in the main room; returns what the hub said here.
async fn say(hub: &Hub, who: &str, direct: bool, text: &str, minutes: i64) -> Vec<String> {
    let place = if direct {
        Place::Direct
    } else {
        Place::Room("#general".into())
    };
    let event = incoming(who, who, place, Event::Message(text.into()));
    let at = now() + TimeDelta::minutes(minutes);
    let messages = hub.handle(&event, at).await.expect("handled");
    messages.into_iter().map(|message| message.text).collect()
}

async fn grant(hub: &Hub, who: &str, role: Role) {
    let identity = Identity {
        platform: Platform::Console,
        user_id: who.into(),
        display_name: who.into(),
    };
    hub.grant_role(&identity, role, now())
        .await
        .expect("granted");
}

/// Nadia asks to join, joins, answers, takes a place at an event, is claimed and noted by the team,
/// nudged about, and writes an FAQ entry as an editor.
async fn a_busy_newcomer(hub: &Hub) {
    grant(hub, "olga", Role::Organizer).await;
    grant(hub, "walid", Role::Welcomer).await;
    let created = say(
        hub,
        "olga",
        false,
        "/event create Picnic when=\"friday 12:00\" capacity=1",
        0,
    )
    .await;
    assert!(created[0].contains("Picnic"), "{created:?}");
    // She asks to join (a request kept until she accepts the rules), then joins.
    let asked = incoming(
        "nadia",
        "Nadia Benali",
        Place::Room("#general".into()),
        Event::AskedToJoin(Admission::AfterRules),
    );
    hub.handle(&asked, now()).await.expect("asked");
    let joined = incoming(
        "nadia",
        "Nadia Benali",
        Place::Room("#general".into()),
        Event::Joined,
    );
    hub.handle(&joined, now()).await.expect("joined");
    for answer in [
        "English",
        "Brazil",
        "Canada",
        "Montréal",
        "already here",
        "Portuguese",
        "hiking, food",
    ] {
        say(hub, "nadia", true, answer, 1).await;
    }
    say(hub, "nadia", true, "/accept", 2).await;
    let going = say(hub, "nadia", false, "/rsvp 1 yes", 3).await;
    assert!(going[0].contains("Picnic"), "{going:?}");
    // She co-hosts it; the announcement, posted, names her.
    let hosting = say(hub, "olga", false, "/event host 1 add nadia", 3).await;
    assert!(hosting[0].contains("now hosts"), "{hosting:?}");
    for outgoing in hub
        .store()
        .claim_outgoing(Platform::Console, "test", now(), 100)
        .await
        .expect("claimed")
        .into_iter()
        .filter(|outgoing| outgoing.key.is_some())
    {
        let posted = format!("posted-{}", outgoing.id);
        hub.confirm_posted(&outgoing, &posted, now())
            .await
            .expect("posted");
    }
    say(hub, "nadia", true, "/meet on", 3).await;
    say(hub, "nadia", true, "/profile visibility all", 3).await;
    say(hub, "nadia", false, "/remind 1 off", 3).await;
    say(hub, "walid", true, "/welcome claim nadia", 4).await;
    say(
        hub,
        "walid",
        true,
        "/welcome note nadia Called Nadia Benali, all good",
        5,
    )
    .await;
    // The idle nudge to walid is queued and, like the rest, never delivered here.
    hub.tick_all("test", now() + TimeDelta::days(4))
        .await
        .expect("ticked");
    grant(hub, "nadia", Role::Editor).await;
    let added = say(
        hub,
        "nadia",
        false,
        "/faq add france housing title=\"Finding a flat\" answer=\"Start early.\"",
        6,
    )
    .await;
    assert!(
        added.iter().any(|text| text.contains("Finding a flat")),
        "{added:?}"
    );
}

async fn forgetting_leaves_no_row_about_the_member(url: String) {
    let hub = hub(&url).await;
    a_busy_newcomer(&hub).await;
    let asked = say(&hub, "nadia", true, "/forget", 10).await;
    assert!(asked[0].contains("Are you sure"), "{asked:?}");
    let done = say(&hub, "nadia", true, "/forget yes", 11).await;
    for deleted in [
        "profile",
        "1 answer to an event",
        "1 welcome-team note",
        "FAQ text",
    ] {
        assert!(done[0].contains(deleted), "{deleted} missing in {done:?}");
    }

    let references = foreign_keys_to_members(&url).await;
    assert!(references.len() >= 10, "{references:?}");
    for (table, column) in &references {
        let sql = format!(
            "SELECT COUNT(*) FROM {table}
             WHERE {column} IS NOT NULL AND {column} NOT IN (SELECT id FROM members)"
        );
        assert_eq!(count(&url, sql).await, 0, "{table}.{column}");
    }
    let identities = "SELECT COUNT(*) FROM identities WHERE user_id = 'nadia'";
    assert_eq!(count(&url, identities.into()).await, 0);
    for (table, column) in text_columns(&url).await {
        let sql = format!("SELECT COUNT(*) FROM {table} WHERE LOWER({column}) LIKE '%nadia%'");
        assert_eq!(
            count(&url, sql).await,
            0,
            "her name is still in {table}.{column}"
        );
    }
    // Only rows without her remain: her case, for the statistics, and the FAQ text.
    let cases = "SELECT COUNT(*) FROM welcome_cases WHERE member_id IS NULL";
    assert_eq!(count(&url, cases.into()).await, 1);
    let stats = say(&hub, "walid", true, "/welcome stats", 12).await;
    assert!(stats[0].contains("1 joined, 1 contacted"), "{stats:?}");
    // Writing again starts afresh.
    let profile = say(&hub, "nadia", true, "/profile", 13).await;
    assert!(!profile[0].contains("Brazil"), "{profile:?}");
}

async fn a_full_event_gives_a_forgotten_place_to_the_waitlist(url: String) {
    let hub = hub(&url).await;
    grant(&hub, "olga", Role::Organizer).await;
    say(
        &hub,
        "olga",
        false,
        "/event create Picnic when=\"friday 12:00\" capacity=1",
        0,
    )
    .await;
    say(&hub, "nadia", false, "/rsvp 1 yes", 1).await;
    let waiting = say(&hub, "bob", false, "/rsvp 1 yes", 2).await;
    assert!(waiting[0].contains("waitlist"), "{waiting:?}");
    say(&hub, "nadia", true, "/forget yes", 3).await;
    let queued = hub
        .store()
        .claim_outgoing(Platform::Console, "test", now() + TimeDelta::minutes(3), 10)
        .await
        .unwrap();
    let to_bob: Vec<_> = queued
        .iter()
        .filter(|o| o.destination == Destination::Direct("bob".into()))
        .collect();
    assert!(
        to_bob[0].message.text.contains("a place opened"),
        "{queued:?}"
    );
}

async fn a_newcomer_who_blocked_the_bot_shows_on_their_case_until_they_write(url: String) {
    let hub = hub(&url).await;
    grant(&hub, "walid", Role::Welcomer).await;
    let joined = incoming(
        "amina",
        "Amina",
        Place::Room("#general".into()),
        Event::Joined,
    );
    hub.handle(&joined, now()).await.expect("joined");
    let team = |queued: &[passerelle_core::outbox::Outgoing]| -> Vec<String> {
        queued
            .iter()
            .filter(|o| o.destination == Destination::Room("#welcome-team".into()))
            .map(|o| o.message.text.clone())
            .collect()
    };
    let store = hub.store();
    let at = now() + TimeDelta::minutes(1);
    let before = store
        .claim_outgoing(Platform::Console, "t", at, 100)
        .await
        .unwrap();
    assert_eq!(team(&before).len(), 1, "{before:?}");

    // Her platform refuses private messages for good, twice: the team is told once.
    for _ in 0..2 {
        hub.private_refused(Platform::Console, "amina", at)
            .await
            .expect("marked");
    }
    let told = store
        .claim_outgoing(Platform::Console, "t", at, 100)
        .await
        .unwrap();
    assert_eq!(team(&told).len(), 1, "{told:?}");
    assert!(
        team(&told)[0]
            .contains("Amina blocked the bot or closed their private messages on Console"),
        "{told:?}"
    );
    let queue = say(&hub, "walid", true, "/welcome queue", 2).await;
    assert!(
        queue[0].contains("cannot be reached in private on Console"),
        "{queue:?}"
    );

    // She writes to the bot: reachable again.
    hub.opened_private(Platform::Console, "amina", at)
        .await
        .expect("opened");
    let queue = say(&hub, "walid", true, "/welcome queue", 3).await;
    assert!(!queue[0].contains("cannot be reached"), "{queue:?}");
}

/// Every (table, column) with a foreign key to `members`.
pub(crate) async fn foreign_keys_to_members(url: &str) -> Vec<(String, String)> {
    let sql = if url.starts_with("sqlite") {
        "SELECT m.name, f.\"from\" FROM sqlite_master m, pragma_foreign_key_list(m.name) f
         WHERE m.type = 'table' AND f.\"table\" = 'members'"
    } else {
        "SELECT kcu.table_name::text, kcu.column_name::text
         FROM information_schema.table_constraints tc
         JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name
         JOIN information_schema.constraint_column_usage ccu
           ON ccu.constraint_name = tc.constraint_name
         WHERE tc.constraint_type = 'FOREIGN KEY' AND ccu.table_name = 'members'"
    };
    pairs(url, sql).await
}

/// Every (table, column) holding text, the FTS index's shadow tables aside.
async fn text_columns(url: &str) -> Vec<(String, String)> {
    let sql = if url.starts_with("sqlite") {
        "SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p
         WHERE m.type = 'table' AND p.type = 'TEXT' AND m.name NOT LIKE 'faq_search%'
           AND m.name NOT LIKE '_sqlx%'"
    } else {
        "SELECT table_name::text, column_name::text FROM information_schema.columns
         WHERE table_schema = 'public' AND data_type = 'text' AND table_name NOT LIKE '_sqlx%'"
    };
    pairs(url, sql).await
}

/// Runs `$body` with `$db`, a connection to whichever backend `$url` names.
macro_rules! with_connection {
    ($url:expr, |$db:ident| $body:expr) => {
        if $url.starts_with("sqlite") {
            let mut $db = SqliteConnection::connect($url).await.expect("connects");
            $body
        } else {
            let mut $db = PgConnection::connect($url).await.expect("connects");
            $body
        }
    };
}

async fn pairs(url: &str, sql: &'static str) -> Vec<(String, String)> {
    with_connection!(url, |db| sqlx::query_as(sql)
        .fetch_all(&mut db)
        .await
        .expect("the schema reads"))
}

pub(crate) async fn count(url: &str, sql: String) -> i64 {
    with_connection!(url, |db| sqlx::query(sqlx::AssertSqlSafe(sql))
        .fetch_one(&mut db)
        .await
        .expect("counted")
        .get(0))
}
