//! What members type, at the hub's edges: control characters are taken out the same way
//! on both backends (PostgreSQL refuses NUL, SQLite kept it), and a room-wide mention a
//! member typed never comes back able to ping; a message the platform could not decrypt
//! is asked for again, in private.

use libtest_mimic::Trial;
use passerelle_core::incoming::{Event, Incoming, Place, Sender};
use passerelle_test_support::says;

use crate::atomic::{drain, say};
use crate::hub::{hub, now, organizer};
use crate::support::Backend;

pub fn trials(backend: Backend) -> Vec<Trial> {
    crate::trials!(
        backend,
        "edge",
        [
            nul_and_control_characters_are_taken_out,
            a_name_with_control_characters_is_stored_without_them,
            room_wide_mentions_typed_by_members_never_ping,
            a_message_that_could_not_be_read_is_asked_again_in_private_only,
        ]
    )
}

const NO_PING: [&str; 3] = ["@room", "@everyone", "@here"];

fn pings(text: &str) -> bool {
    NO_PING.iter().any(|ping| text.contains(ping))
}

async fn nul_and_control_characters_are_taken_out(url: String) {
    let hub = hub(&url).await;
    organizer(&hub, "nadia").await;
    let created = say(
        &hub,
        "nadia",
        "/event create Pic\u{0}nic\u{7} quand=\"jeudi 19h\" lieu=\"Parc\u{0}\tMontsouris\"",
    )
    .await;
    assert!(created.contains("Created **#1 Picnic**"), "{created}");
    let shown = say(&hub, "ali", "/event 1").await;
    assert!(shown.contains("Where: Parc Montsouris"), "{shown}");
    assert!(
        !shown.chars().any(|c| c.is_control() && c != '\n'),
        "{shown:?}"
    );
}

async fn a_name_with_control_characters_is_stored_without_them(url: String) {
    let hub = hub(&url).await;
    let incoming = Incoming {
        sender: Sender {
            user_id: "zoe".into(),
            display_name: "Zo\u{0}é\u{1b}".into(),
            roles: Vec::new(),
            language: None,
        },
        ..says("zoe", "/profile")
    };
    hub.handle(&incoming, now()).await.unwrap();
    let card: String = drain(&hub)
        .await
        .into_iter()
        .map(|(_, text)| text)
        .collect();
    assert!(card.contains("Zoé"), "{card:?}");
    assert!(!card.contains('\u{0}'), "{card:?}");
}

async fn room_wide_mentions_typed_by_members_never_ping(url: String) {
    let hub = hub(&url).await;
    // Quoted back in an error.
    let error = say(&hub, "ali", "/rsvp @everyone yes").await;
    assert!(error.contains("everyone"), "{error}");
    assert!(!pings(&error), "{error}");
    // A newcomer named "@room": the welcome and the team's notice name them.
    let joins = Incoming {
        sender: Sender {
            user_id: "prankster".into(),
            display_name: "@room".into(),
            roles: Vec::new(),
            language: None,
        },
        place: Place::Room("#general".into()),
        event: Event::Joined,
        ..says("prankster", "")
    };
    hub.handle(&joins, now()).await.unwrap();
    let queued = drain(&hub).await;
    assert!(
        queued.iter().any(|(_, text)| text.contains("room")),
        "the newcomer is named: {queued:?}"
    );
    for (to, text) in &queued {
        assert!(!pings(text), "to {to:?}: {text}");
    }
}

async fn a_message_that_could_not_be_read_is_asked_again_in_private_only(url: String) {
    let hub = hub(&url).await;
    let unreadable = |name: &str, place: Place, id: &str| Incoming {
        id: Some(id.into()),
        place,
        event: Event::Unreadable,
        ..says(name, "")
    };
    let in_private = unreadable("ana", Place::Direct, "$undecryptable-1");
    let asked = hub.handle(&in_private, now()).await.unwrap();
    assert_eq!(asked.len(), 1, "{asked:?}");
    assert!(
        asked[0].text.contains("Could you send it again?"),
        "{asked:?}"
    );
    // Handled once: a replay of the event gets the same reply back, nothing more.
    let again = hub.handle(&in_private, now()).await.unwrap();
    assert_eq!(again, asked);

    // In her own language.
    hub.handle(&says("zoe", "/lang fr"), now()).await.unwrap();
    let zoe = unreadable("zoe", Place::Direct, "$undecryptable-2");
    let asked = hub.handle(&zoe, now()).await.unwrap();
    assert!(
        asked[0].text.contains("Pouvez-vous le renvoyer ?"),
        "{asked:?}"
    );

    // In a room it may not have been for the bot at all: nothing is said.
    let room = unreadable("ana", says("ana", "").place, "$undecryptable-3");
    assert!(hub.handle(&room, now()).await.unwrap().is_empty());
}
