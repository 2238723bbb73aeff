//! The hub through its API, where a transcript cannot show it: other platforms, failures.

use chrono::{DateTime, Utc};
use libtest_mimic::Trial;
use passerelle_core::Hub;
use passerelle_core::config::Config;
use passerelle_core::incoming::{Event, Incoming, Place, Sender};
use passerelle_core::model::{Community, Platform, Role, RoomPurpose};
use passerelle_core::outbox::Destination;
use passerelle_core::reply::Message;
use passerelle_core::store::Store;

use crate::support::Backend;

pub fn trials(backend: Backend) -> Vec<Trial> {
    crate::trials!(
        backend,
        "hub",
        [
            a_matrix_member_gets_their_profile_by_matrix_dm,
            a_post_reaches_the_rooms_of_its_purpose_on_every_platform,
            platform_roles_count_without_being_stored,
            ordinary_chat_writes_nothing,
            a_store_failure_is_an_error_the_adapter_can_apologise_for,
            answers_in_a_room_are_replies_to_the_message,
            replies_link_to_the_web_pages_when_there_are_some,
        ]
    )
}

pub fn now() -> DateTime<Utc> {
    "2026-03-02T09:00:00Z".parse().expect("an instant")
}

pub async fn hub(url: &str) -> Hub {
    hub_with(url, |_| {}).await
}

/// The test community, changed by `change` (settings a transcript cannot set).
pub async fn hub_with(url: &str, change: impl FnOnce(&mut Community)) -> Hub {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/transcripts/community.toml"
    ))
    .expect("the test community");
    let config = Config::parse(&text).expect("a valid config");
    let store = Store::open(url).await.expect("the database opens");
    let mut community = config.communities[0].clone();
    change(&mut community);
    Hub::open(store, community, now())
        .await
        .expect("the hub opens")
}

/// Makes the console member `name` an organizer.
pub async fn organizer(hub: &Hub, name: &str) {
    let identity = passerelle_core::model::Identity {
        platform: Platform::Console,
        user_id: name.into(),
        display_name: name.into(),
    };
    hub.grant_role(&identity, Role::Organizer, now())
        .await
        .unwrap();
}

fn from_matrix(text: &str, roles: Vec<Role>) -> Incoming {
    Incoming {
        id: None,
        platform: Platform::Matrix,
        sender: Sender {
            user_id: "@nadia:example.org".into(),
            display_name: "Nadia".into(),
            roles,
            language: None,
        },
        place: Place::Room("!general:example.org".into()),
        event: Event::Message(text.into()),
    }
}

async fn a_matrix_member_gets_their_profile_by_matrix_dm(url: String) {
    let hub = hub(&url).await;
    let here = hub
        .handle(&from_matrix("!profile", vec![]), now())
        .await
        .unwrap();
    assert_eq!(here.len(), 1);
    assert!(here[0].text.contains("private"), "{}", here[0].text);
    assert!(
        hub.store()
            .claim_outgoing(Platform::Console, "c", now(), 10)
            .await
            .unwrap()
            .is_empty()
    );
    let queued = hub
        .store()
        .claim_outgoing(Platform::Matrix, "m", now(), 10)
        .await
        .unwrap();
    assert_eq!(queued.len(), 1);
    assert_eq!(
        queued[0].destination,
        Destination::Direct("@nadia:example.org".into())
    );
    assert!(
        queued[0].message.text.contains("Nadia (Matrix)"),
        "{}",
        queued[0].message.text
    );
}

async fn a_post_reaches_the_rooms_of_its_purpose_on_every_platform(url: String) {
    let hub = hub(&url).await;
    let hello = Message::text("Picnic on Saturday!");
    hub.post(RoomPurpose::Main, hello.clone(), now())
        .await
        .unwrap();
    let console = hub
        .store()
        .claim_outgoing(Platform::Console, "c", now(), 10)
        .await
        .unwrap();
    let matrix = hub
        .store()
        .claim_outgoing(Platform::Matrix, "m", now(), 10)
        .await
        .unwrap();
    assert_eq!(console.len(), 1);
    assert_eq!(console[0].destination, Destination::Room("#general".into()));
    assert_eq!(matrix.len(), 1);
    assert_eq!(
        matrix[0].destination,
        Destination::Room("!general:example.org".into())
    );
    assert_eq!(matrix[0].message, hello);
    hub.post(RoomPurpose::WelcomeTeam, hello, now())
        .await
        .unwrap();
    let team = hub
        .store()
        .claim_outgoing(Platform::Console, "c", now(), 10)
        .await
        .unwrap();
    assert_eq!(
        team[0].destination,
        Destination::Room("#welcome-team".into())
    );
    assert!(
        hub.store()
            .claim_outgoing(Platform::Matrix, "m", now(), 10)
            .await
            .unwrap()
            .is_empty()
    );
}

async fn platform_roles_count_without_being_stored(url: String) {
    let hub = hub(&url).await;
    hub.handle(&from_matrix("!profile", vec![Role::Organizer]), now())
        .await
        .unwrap();
    let profile = hub
        .store()
        .claim_outgoing(Platform::Matrix, "m", now(), 10)
        .await
        .unwrap();
    assert!(
        profile[0].message.text.contains("event organizer"),
        "{}",
        profile[0].message.text
    );
    let community = hub
        .store()
        .sync_community(hub.community(), now())
        .await
        .unwrap();
    let member = hub
        .store()
        .find_member(community, Platform::Matrix, "@nadia:example.org")
        .await
        .unwrap()
        .expect("the member exists");
    assert!(
        member.roles.is_empty(),
        "platform roles are not stored: {:?}",
        member.roles
    );
}

async fn ordinary_chat_writes_nothing(url: String) {
    let hub = hub(&url).await;
    let here = hub
        .handle(&from_matrix("hello everyone!", vec![]), now())
        .await
        .unwrap();
    assert!(here.is_empty());
    let community = hub
        .store()
        .sync_community(hub.community(), now())
        .await
        .unwrap();
    let found = hub
        .store()
        .find_member(community, Platform::Matrix, "@nadia:example.org")
        .await
        .unwrap();
    assert_eq!(found, None);
}

async fn a_store_failure_is_an_error_the_adapter_can_apologise_for(url: String) {
    let hub = hub(&url).await;
    hub.store().close().await;
    assert!(
        hub.handle(&from_matrix("/help", vec![]), now())
            .await
            .is_err()
    );
    assert!(hub.apology().text.starts_with("Sorry"));
}

async fn answers_in_a_room_are_replies_to_the_message(url: String) {
    let hub = hub(&url).await;
    let here = hub
        .handle(&from_matrix("!faq france", vec![]), now())
        .await
        .unwrap();
    assert!(!here.is_empty() && here.iter().all(|message| message.in_reply));
    let private = Incoming {
        place: Place::Direct,
        ..from_matrix("!help", vec![])
    };
    let here = hub.handle(&private, now()).await.unwrap();
    assert!(!here.is_empty() && here.iter().all(|message| !message.in_reply));
}

async fn replies_link_to_the_web_pages_when_there_are_some(url: String) {
    let site = "https://paris.example.org";
    let hub = hub_with(&url, |community| community.public_url = Some(site.into())).await;
    let ask = |text: &str| Incoming {
        id: None,
        platform: Platform::Console,
        sender: Sender {
            user_id: "nadia".into(),
            display_name: "Nadia".into(),
            roles: vec![Role::Editor],
            language: None,
        },
        place: Place::Direct,
        event: Event::Message(text.into()),
    };
    let added = hub
        .handle(
            &ask("/faq add france housing title=\"Finding a flat\" answer=\"Start early.\""),
            now(),
        )
        .await
        .unwrap();
    assert!(!added.is_empty());
    let card = hub.handle(&ask("/faq 1"), now()).await.unwrap();
    assert!(
        card[0]
            .text
            .contains("https://paris.example.org/faq/entry/1"),
        "{card:?}"
    );
    let feed = hub.handle(&ask("/events ics"), now()).await.unwrap();
    let slug = &hub.community().slug;
    assert!(
        feed[0]
            .text
            .contains(&format!("subscribe to {site}/calendar/{slug}.ics")),
        "{feed:?}"
    );
}
