//! What adapters keep in the database: the short keys their buttons carry, and their
//! position on their platform, both found again after a restart.

use libtest_mimic::Trial;
use passerelle_core::model::Platform;

use crate::store::{open, t0};
use crate::support::Backend;

pub fn trials(backend: Backend) -> Vec<Trial> {
    crate::trials!(
        backend,
        "adapter_state",
        [
            a_buttons_key_finds_its_command_after_a_restart,
            an_adapters_position_is_kept_per_platform,
            a_member_is_asked_once_a_day_to_open_a_private_chat_and_forgetting_them_forgets_it,
        ]
    )
}

async fn a_buttons_key_finds_its_command_after_a_restart(url: String) {
    let (store, community) = open(&url).await;
    let going = store
        .offer_choice(
            community,
            Platform::Telegram,
            "/rsvp 12 yes date=2026-12-05",
            t0(),
        )
        .await
        .unwrap();
    let not_going = store
        .offer_choice(community, Platform::Telegram, "/rsvp 12 no", t0())
        .await
        .unwrap();
    assert_ne!(going, not_going);
    // Short enough for Telegram's 64 bytes of callback data, with room to spare.
    assert!(going.len() <= 8, "{going}");
    let again = store
        .offer_choice(
            community,
            Platform::Telegram,
            "/rsvp 12 yes date=2026-12-05",
            t0(),
        )
        .await
        .unwrap();
    assert_eq!(again, going, "the same command keeps its key");
    store.close().await;

    let (store, community) = open(&url).await;
    assert_eq!(
        store
            .offered_choice(community, Platform::Telegram, &going)
            .await
            .unwrap()
            .as_deref(),
        Some("/rsvp 12 yes date=2026-12-05")
    );
    for unknown in ["c999999", "zz", "", "c"] {
        assert_eq!(
            store
                .offered_choice(community, Platform::Telegram, unknown)
                .await
                .unwrap(),
            None,
            "{unknown}"
        );
    }
    assert_eq!(
        store
            .offered_choice(community, Platform::Discord, &going)
            .await
            .unwrap(),
        None,
        "a key is its platform's"
    );
}

async fn an_adapters_position_is_kept_per_platform(url: String) {
    let (store, community) = open(&url).await;
    let offset = |store: passerelle_core::Store, platform| async move {
        store
            .adapter_value(community, platform, "update_offset")
            .await
            .unwrap()
    };
    assert_eq!(offset(store.clone(), Platform::Telegram).await, None);
    for value in ["41", "42"] {
        store
            .set_adapter_value(community, Platform::Telegram, "update_offset", value)
            .await
            .unwrap();
    }
    store.close().await;
    let (store, _) = open(&url).await;
    assert_eq!(
        offset(store.clone(), Platform::Telegram).await.as_deref(),
        Some("42")
    );
    assert_eq!(offset(store, Platform::Discord).await, None);
}

async fn a_member_is_asked_once_a_day_to_open_a_private_chat_and_forgetting_them_forgets_it(
    url: String,
) {
    use passerelle_core::incoming::{Event, Place};

    let hub = crate::hub::hub(&url).await;
    let now = crate::hub::now();
    let private = |text: &str| {
        let mut incoming = passerelle_test_support::says("nadia", text);
        incoming.place = Place::Direct;
        incoming.event = Event::Message(text.into());
        incoming
    };
    hub.handle(&private("/profile"), now).await.unwrap();
    let link = "https://t.me/bot?start=open";
    for later in [0, 1] {
        hub.ask_to_open_private(
            Platform::Console,
            "nadia",
            link,
            now + chrono::TimeDelta::hours(later),
        )
        .await
        .unwrap();
    }
    let asked = hub
        .store()
        .claim_outgoing(
            Platform::Console,
            "test",
            now + chrono::TimeDelta::hours(2),
            50,
        )
        .await
        .unwrap();
    let pointed: Vec<&str> = asked
        .iter()
        .map(|outgoing| outgoing.message.text.as_str())
        .filter(|text| text.contains(link))
        .collect();
    assert_eq!(pointed.len(), 1, "asked once, in the main room: {asked:?}");
    assert!(pointed[0].starts_with("nadia, "), "{}", pointed[0]);

    hub.handle(&private("/forget yes"), now).await.unwrap();
    assert_eq!(
        hub.adapter_value(Platform::Console, "asked_to_open:nadia")
            .await
            .unwrap(),
        None,
        "forgotten with the member"
    );
}
