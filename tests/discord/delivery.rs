//! What Discord refuses, and what the bot does then: a 429 waited out as long as
//! Discord asks, a server error retried, an interaction whose answer cannot go answered
//! by a message instead; and text commands typed in a channel.

use std::time::Duration;

use passerelle_test_support::discord::{Failure, autocomplete, message_create};
use serde_json::json;

use crate::support::*;

const POST: &str = "POST /channels/{id}/messages";

#[tokio::test]
async fn an_announcement_refused_with_429_then_500_goes_once_when_discord_allows() {
    let fake = fake().await;
    let dir = tempfile::tempdir().unwrap();
    let mut bot = bot(dir.path(), &fake);
    bot.start(&["run"], READY, WAIT).await.unwrap();
    fake.fail_next(
        POST,
        Failure::RateLimited {
            retry_after: 1.5,
            global: false,
        },
    );
    fake.fail_next(POST, Failure::ServerError(502));
    let announced = picnic(&fake, &[]).await;
    let refused: Vec<_> = fake
        .calls_to(POST)
        .into_iter()
        .filter(|call| call.status != 200)
        .collect();
    assert_eq!(
        refused.iter().map(|call| call.status).collect::<Vec<_>>(),
        [429, 502],
        "{refused:?}"
    );
    // Not before the 1.5 s Discord asked for.
    assert!(
        announced.received - refused[0].received >= Duration::from_millis(1500),
        "{:?} after the 429",
        announced.received - refused[0].received
    );
    let posted = fake
        .calls_to(POST)
        .iter()
        .filter(|call| call.status == 200 && content(&call.body).contains("Picnic"))
        .count();
    assert_eq!(posted, 1);
    bot.stop(WAIT).await.unwrap();
}

#[tokio::test]
async fn an_answer_the_interaction_cannot_carry_is_posted_in_the_channel() {
    let fake = fake().await;
    let dir = tempfile::tempdir().unwrap();
    let mut bot = bot(dir.path(), &fake);
    bot.start(&["run"], READY, WAIT).await.unwrap();
    fake.fail_next(
        "POST /interactions/{id}/{token}/callback",
        Failure::ServerError(503),
    );
    slash(&fake, &omar(), &[], "help", json!([]));
    let posted = fake
        .wait_for(
            POST,
            |call| posted_in(GENERAL)(call) && call.status == 200,
            WAIT,
        )
        .await
        .unwrap();
    assert!(content(&posted.body).contains("/faq"), "{posted:?}");
    bot.stop(WAIT).await.unwrap();
}

#[tokio::test]
async fn events_complete_by_their_title_with_their_number_as_the_value() {
    let fake = fake().await;
    let dir = tempfile::tempdir().unwrap();
    let mut bot = bot(dir.path(), &fake);
    bot.start(&["run"], READY, WAIT).await.unwrap();
    picnic(&fake, &[]).await;
    let typing = autocomplete(
        Some(GUILD),
        GENERAL,
        &omar(),
        "event",
        json!([{ "name": "show", "type": 1, "options": [
            { "name": "event", "type": 4, "value": "pic", "focused": true }
        ]}]),
    );
    fake.dispatch("INTERACTION_CREATE", typing.clone());
    let answer = response(&fake, &typing).await;
    let choices = answer.body["data"]["choices"].as_array().unwrap();
    assert_eq!(choices.len(), 1, "{choices:?}");
    assert_eq!(choices[0]["value"], 1, "a number for an integer option");
    assert!(
        choices[0]["name"].as_str().unwrap().contains("Picnic"),
        "{choices:?}"
    );
    bot.stop(WAIT).await.unwrap();
}

#[tokio::test]
async fn text_commands_in_a_channel_are_answered_as_replies_when_switched_on() {
    let fake = fake().await;
    let dir = tempfile::tempdir().unwrap();
    let mut bot = bot_with(dir.path(), &fake, "", "text_commands = true\n");
    bot.start(&["run"], READY, WAIT).await.unwrap();
    let said = message_create(Some(GUILD), GENERAL, &nadia(), "!faq france logement");
    fake.dispatch("MESSAGE_CREATE", said.clone());
    let reply = fake.wait_for(POST, posted_in(GENERAL), WAIT).await.unwrap();
    assert!(
        content(&reply.body).starts_with("**How do I find and rent a home in France?**"),
        "{reply:?}"
    );
    assert_eq!(reply.body["message_reference"]["message_id"], said["id"]);
    bot.stop(WAIT).await.unwrap();
}
