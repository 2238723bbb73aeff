//! Interactions over HTTP (`interactions = "http"`): the endpoint passes Discord's check
//! when its URL is set, answers slash commands posted to it, and refuses (401, nothing
//! handled) what the application's key did not sign.

use std::time::Duration;

use passerelle_test_support::discord::{Posted, content, interaction_id, slash_command};
use reqwest::StatusCode;
use serde_json::json;

use super::*;

/// Posts what `posted` sent again, its body replaced by `body`; the status.
async fn repost(url: &str, posted: &Posted, body: &str, signed: bool) -> StatusCode {
    let mut request = reqwest::Client::new()
        .post(url)
        .header("content-type", "application/json")
        .body(body.to_owned());
    if signed {
        request = request
            .header("x-signature-ed25519", &posted.signature)
            .header("x-signature-timestamp", &posted.timestamp);
    }
    request.send().await.unwrap().status()
}

#[tokio::test(flavor = "multi_thread")]
async fn slash_commands_come_signed_over_http_and_forgeries_are_refused() {
    let fake = fake().await;
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let site = format!("http://127.0.0.1:{port}");
    let http = format!("[http]\nlisten = \"127.0.0.1:{port}\"\npublic_url = \"{site}\"\n");
    let discord = format!(
        "interactions = \"http\"\npublic_key = \"{}\"\n",
        fake.public_key()
    );
    let mut bot = bot_with(dir.path(), &fake, &http, &discord);
    bot.start(&["run"], READY, WAIT).await.unwrap();

    // Set in the developer portal: Discord checks the endpoint first.
    let endpoint = format!("{site}/discord/interactions");
    let mut set = Err(String::new());
    for _ in 0..100 {
        set = fake.set_interactions_endpoint(&endpoint).await;
        if set.is_ok() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    set.unwrap();

    // A member's /help, posted and answered through the callback: 202 to the post.
    let help = slash_command(Some(GUILD), GENERAL, &omar(), &[], 0, "help", json!([]));
    let posted = fake.post_interaction(help.clone()).await.unwrap();
    assert_eq!(posted.status, 202, "{:?}", posted.answer);
    let answered = response(&fake, &help).await;
    assert_eq!(answered.body["type"], json!(4));
    assert!(
        content(&answered.body).contains("/faq"),
        "{}",
        answered.body
    );

    // Forgeries: the signature of another body, none at all. Each 401, none handled.
    let forged = slash_command(
        Some(GUILD),
        GENERAL,
        &omar(),
        &[],
        0,
        "event",
        json!([{ "name": "create", "type": 1, "options": [
            { "name": "title", "type": 3, "value": "Forged" },
            { "name": "when", "type": 3, "value": "friday 19:00" },
        ]}]),
    )
    .to_string();
    assert_eq!(
        repost(&endpoint, &posted, &forged, true).await,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        repost(&endpoint, &posted, &forged, false).await,
        StatusCode::UNAUTHORIZED
    );
    // The same request again: taken, and not answered twice.
    assert_eq!(
        repost(&endpoint, &posted, &posted.body, true).await,
        StatusCode::ACCEPTED
    );

    // Something handled after them all, so that anything they caused would be there.
    let events = slash_command(Some(GUILD), GENERAL, &omar(), &[], 0, "events", json!([]));
    assert_eq!(
        fake.post_interaction(events.clone()).await.unwrap().status,
        202
    );
    response(&fake, &events).await;
    let help_id = interaction_id(&help);
    let callbacks = fake.calls_to("POST /interactions/{id}/{token}/callback");
    let to_help: Vec<_> = callbacks
        .iter()
        .filter(|call| call.path.contains(&format!("/interactions/{help_id}/")))
        .collect();
    // The replay's one try was refused as already answered; the answer stands.
    assert!(
        to_help.iter().filter(|call| call.status == 204).count() == 1,
        "{to_help:?}"
    );
    assert!(fake.original_response(help_id).is_some());
    assert!(
        fake.messages_in(GENERAL)
            .iter()
            .all(|message| !content(message).contains("Forged")),
        "a forged interaction was handled"
    );
    assert!(
        fake.calls()
            .iter()
            .all(|call| !content(&call.body).contains("Forged")),
        "a forged interaction was answered"
    );
    bot.stop(WAIT).await.unwrap();
    no_token_in_logs(&bot);
}
