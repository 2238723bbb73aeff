//! Hub events as the guild's scheduled events: created, moved and cancelled with the
//! hub's event, "Interested" counted as maybe and taking it back as no.

use passerelle_test_support::discord::scheduled_event_user;
use serde_json::{Value, json};

use crate::support::*;

/// The scheduled events as they are now, once `done` holds for them.
async fn scheduled_when(
    fake: &passerelle_test_support::discord::FakeDiscord,
    done: impl Fn(&[Value]) -> bool,
) -> Vec<Value> {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let events = fake.scheduled_events();
        if done(&events) || tokio::time::Instant::now() > deadline {
            return events;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

/// What Omar, an organizer, sees of event 1's answers.
async fn attendees(fake: &passerelle_test_support::discord::FakeDiscord) -> String {
    let asked = slash(
        fake,
        &omar(),
        &[ORGANIZERS],
        "event",
        json!([{ "name": "attendees", "type": 1, "options": [
            { "name": "event", "type": 4, "value": 1 }
        ]}]),
    );
    content(&response(fake, &asked).await.body)
}

#[tokio::test]
async fn a_hub_event_is_mirrored_moved_and_cancelled_and_interested_means_maybe_until_taken_back() {
    let fake = fake().await;
    let dir = tempfile::tempdir().unwrap();
    let mut bot = bot_with(
        dir.path(),
        &fake,
        "[community.events]\nmembers_create = true\n",
        "scheduled_events = true\n",
    );
    bot.start(&["run"], READY, WAIT).await.unwrap();

    picnic(&fake, &[("where", json!("Parc Monceau"))]).await;
    let events = scheduled_when(&fake, |events| !events.is_empty()).await;
    assert_eq!(events.len(), 1, "{events:?}");
    let mirrored = &events[0];
    assert_eq!(mirrored["name"], "Picnic");
    assert_eq!(mirrored["entity_type"], 3);
    assert_eq!(mirrored["entity_metadata"]["location"], "Parc Monceau");
    let start = mirrored["scheduled_start_time"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(mirrored["scheduled_end_time"].is_string(), "{mirrored:?}");
    let id: u64 = mirrored["id"].as_str().unwrap().parse().unwrap();

    // Moved in the hub: moved on Discord, the same scheduled event.
    let moved = slash(
        &fake,
        &omar(),
        &[ORGANIZERS],
        "event",
        json!([{ "name": "edit", "type": 1, "options": [
            { "name": "event", "type": 4, "value": 1 },
            { "name": "when", "type": 3, "value": "saturday 15:00" }
        ]}]),
    );
    response(&fake, &moved).await;
    let events = scheduled_when(&fake, |events| {
        events.len() == 1 && events[0]["scheduled_start_time"].as_str() != Some(start.as_str())
    })
    .await;
    assert_eq!(events.len(), 1, "{events:?}");
    assert_ne!(
        events[0]["scheduled_start_time"].as_str(),
        Some(start.as_str())
    );
    assert_eq!(events[0]["id"], mirrored["id"]);

    // Nadia, a member of the server, clicks "Interested": she may come.
    let hello = slash(&fake, &nadia(), &[], "help", json!([]));
    response(&fake, &hello).await;
    fake.dispatch(
        "GUILD_SCHEDULED_EVENT_USER_ADD",
        scheduled_event_user(GUILD, id, nadia().id),
    );
    let mut text = String::new();
    for _ in 0..40 {
        text = attendees(&fake).await;
        if text.contains("Nadia") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(text.contains("Nadia"), "{text}");

    // She takes it back: she no longer may come.
    fake.dispatch(
        "GUILD_SCHEDULED_EVENT_USER_REMOVE",
        scheduled_event_user(GUILD, id, nadia().id),
    );
    for _ in 0..40 {
        text = attendees(&fake).await;
        if !text.contains("Nadia") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(!text.contains("Maybe (1)"), "{text}");

    // Cancelled in the hub: cancelled on Discord.
    let cancelled = slash(
        &fake,
        &omar(),
        &[ORGANIZERS],
        "event",
        json!([{ "name": "cancel", "type": 1, "options": [
            { "name": "event", "type": 4, "value": 1 }
        ]}]),
    );
    response(&fake, &cancelled).await;
    let events = scheduled_when(&fake, |events| events[0]["status"] == 4).await;
    assert_eq!(events[0]["status"], 4, "{events:?}");

    // Started again: nothing is mirrored twice.
    bot.stop(WAIT).await.unwrap();
    bot.start(&["run"], READY, WAIT).await.unwrap();
    picnic(&fake, &[]).await;
    let events = scheduled_when(&fake, |events| events.len() == 2).await;
    assert_eq!(events.len(), 2, "{events:?}");
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(fake.scheduled_events().len(), 2);
    bot.stop(WAIT).await.unwrap();
}
