//! The real `passerelle run` against the fake Discord of the test support (REST over
//! HTTP, the gateway over `ws://`): what members of a Discord server see, through
//! serenity's real gateway path and the bot's own REST calls.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test code: a panic is a failure with its reason.

use passerelle_test_support::discord::{autocomplete, button_press};
use serde_json::{Value, json};

mod across;
mod delivery;
mod endpoint;
mod events;
mod instances;
mod newcomers;
mod supervision;
mod support;

use support::*;

#[tokio::test]
async fn slash_commands_are_registered_once_and_answered_in_the_members_language() {
    let fake = fake().await;
    let dir = tempfile::tempdir().unwrap();
    let mut bot = bot(dir.path(), &fake);
    let name = bot.start(&["run"], READY, WAIT).await.unwrap();
    assert_eq!(name, format!("Passerelle#{APPLICATION}"));

    // The catalog, as `passerelle commands --platform discord` prints it.
    let printed = bot
        .run_to_end(&["commands", "--platform", "discord"])
        .unwrap();
    let catalog: Value = serde_json::from_slice(&printed.stdout).unwrap();
    let registered = fake
        .wait_for(
            "PUT /applications/{id}/guilds/{id}/commands",
            |_| true,
            WAIT,
        )
        .await
        .unwrap();
    assert_eq!(registered.body, catalog);

    // /help, in English for Omar.
    let asked = slash(&fake, &omar(), &[], "help", json!([]));
    let answer = response(&fake, &asked).await;
    assert_eq!(answer.body["type"], 4, "{answer:?}");
    assert!(content(&answer.body).contains("/faq"), "{answer:?}");

    // /faq browse, in French once Nadia chose it.
    let chose = slash(
        &fake,
        &nadia(),
        &[],
        "lang",
        json!([{ "name": "language", "type": 3, "value": "fr" }]),
    );
    response(&fake, &chose).await;
    let asked = slash(
        &fake,
        &nadia(),
        &[],
        "faq",
        json!([{ "name": "browse", "type": 1, "options": [
            { "name": "country", "type": 3, "value": "france" },
            { "name": "topic", "type": 3, "value": "logement" }
        ]}]),
    );
    let answer = response(&fake, &asked).await;
    let text = content(&answer.body);
    assert!(
        text.starts_with("**Comment trouver et louer un logement en France ?**"),
        "{text}"
    );
    // Nobody is pinged by what the hub writes unless named.
    assert_eq!(answer.body["data"]["allowed_mentions"]["parse"], json!([]));

    // Started again: the commands are as registered, not sent a second time.
    bot.stop(WAIT).await.unwrap();
    bot.start(&["run"], READY, WAIT).await.unwrap();
    let asked = slash(&fake, &omar(), &[], "help", json!([]));
    response(&fake, &asked).await;
    assert_eq!(
        fake.calls_to("PUT /applications/{id}/guilds/{id}/commands")
            .len(),
        1
    );
    bot.stop(WAIT).await.unwrap();
    no_token_in_logs(&bot);
}

#[tokio::test]
async fn autocomplete_offers_the_countries_a_member_types() {
    let fake = fake().await;
    let dir = tempfile::tempdir().unwrap();
    let mut bot = bot(dir.path(), &fake);
    bot.start(&["run"], READY, WAIT).await.unwrap();

    let typing = autocomplete(
        Some(GUILD),
        GENERAL,
        &omar(),
        "faq",
        json!([{ "name": "browse", "type": 1, "options": [
            { "name": "country", "type": 3, "value": "fra", "focused": true }
        ]}]),
    );
    fake.dispatch("INTERACTION_CREATE", typing.clone());
    let answer = response(&fake, &typing).await;
    assert_eq!(answer.body["type"], 8, "{answer:?}");
    let choices = answer.body["data"]["choices"].as_array().unwrap();
    assert!(
        choices.iter().any(|choice| choice["name"] == "France"),
        "{choices:?}"
    );
    assert!(answer.answered_in.as_millis() < 3000);
    bot.stop(WAIT).await.unwrap();
}

#[tokio::test]
async fn organizers_create_events_members_may_not_and_buttons_fill_a_one_place_event() {
    let fake = fake().await;
    let dir = tempfile::tempdir().unwrap();
    // Only organizers create events here.
    let mut bot = bot_with(dir.path(), &fake, "", "");
    bot.start(&["run"], READY, WAIT).await.unwrap();

    let refused = slash(
        &fake,
        &nadia(),
        &[],
        "event",
        json!([{ "name": "create", "type": 1, "options": [
            { "name": "title", "type": 3, "value": "Picnic" },
            { "name": "when", "type": 3, "value": "friday 19:00" }
        ]}]),
    );
    let answer = response(&fake, &refused).await;
    assert!(buttons(&answer.body).is_empty(), "{answer:?}");

    let announced = picnic(&fake, &[("capacity", json!(1))]).await;
    let text = content(&announced.body);
    assert!(text.contains("Picnic"), "{text}");
    let labels: Vec<String> = buttons(&announced.body).into_iter().map(|b| b.0).collect();
    assert!(labels.len() >= 2, "{labels:?}");
    let going = buttons(&announced.body)[0].1.clone();
    assert!(
        going.len() <= 100,
        "custom_id within Discord's 100 characters"
    );

    // Nadia presses Going: a confirmation only she sees, and the announcement's counts
    // are edited in place, its buttons kept.
    let message = announced.response.clone();
    let announcement = message["id"].as_str().unwrap().to_owned();
    let mark = fake.mark();
    let pressed = button_press(Some(GUILD), GENERAL, &nadia(), &[], &message, &going);
    fake.dispatch("INTERACTION_CREATE", pressed.clone());
    let answer = response(&fake, &pressed).await;
    assert_eq!(answer.body["data"]["flags"], 64, "{answer:?}");
    assert!(content(&answer.body).contains("Picnic"), "{answer:?}");
    let edited = fake
        .wait_for_after(
            mark,
            "PATCH /channels/{id}/messages/{id}",
            |call| call.path.ends_with(&announcement),
            WAIT,
        )
        .await
        .unwrap();
    assert_ne!(content(&edited.body), content(&announced.body));

    // Killed and started again: the button still works, and the one place is taken:
    // Ali waits.
    bot.kill().unwrap();
    bot.start(&["run"], READY, WAIT).await.unwrap();
    let pressed = button_press(Some(GUILD), GENERAL, &ali(), &[], &message, &going);
    fake.dispatch("INTERACTION_CREATE", pressed.clone());
    let answer = response(&fake, &pressed).await;
    assert!(content(&answer.body).contains("waitlist"), "{answer:?}");
    assert!(
        !buttons(&edited.body).is_empty(),
        "the buttons stay: {edited:?}"
    );
    bot.stop(WAIT).await.unwrap();
}

#[tokio::test]
async fn a_gateway_drop_is_resumed_and_a_kill_answers_nothing_twice() {
    let fake = fake().await;
    let dir = tempfile::tempdir().unwrap();
    let mut bot = bot(dir.path(), &fake);
    bot.start(&["run"], READY, WAIT).await.unwrap();

    fake.drop_gateway();
    let asked = slash(&fake, &omar(), &[], "help", json!([]));
    response(&fake, &asked).await;
    assert_eq!(fake.resumes(), 1, "the session resumed");
    assert_eq!(fake.identifies(), 1, "without a new IDENTIFY");

    // Killed and started again: what was answered is not answered again.
    bot.kill().unwrap();
    bot.start(&["run"], READY, WAIT).await.unwrap();
    let asked = slash(&fake, &omar(), &[], "help", json!([]));
    response(&fake, &asked).await;
    let callbacks = fake.calls_to("POST /interactions/{id}/{token}/callback");
    assert_eq!(callbacks.len(), 2, "{callbacks:?}");
    bot.stop(WAIT).await.unwrap();
}
