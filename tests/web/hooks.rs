//! What platforms push over HTTP: Telegram's webhook and Discord's interactions endpoint,
//! through the real `passerelle run`, taken when they prove where they come from and
//! refused (401, nothing handled) when they do not.

use std::time::Duration;

use passerelle_core::model::{Platform, RoomPurpose};
use passerelle_test_support::Passerelle;
use passerelle_test_support::community::{community, config_toml, room};
use passerelle_test_support::telegram::{self, Chat, FakeTelegram};
use reqwest::StatusCode;

use super::WAIT;

/// A free port on 127.0.0.1, for a site whose public address must be known before it
/// starts.
fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// `passerelle run` with `section` and `[http]` on a free port, reached at its own
/// address; the bot and that address.
fn site_with(
    dir: &std::path::Path,
    platform: Platform,
    room_id: &str,
    section: &str,
) -> (Passerelle, String) {
    let mut test = community();
    test.rooms = vec![room(
        platform,
        room_id,
        &[RoomPurpose::Main, RoomPurpose::Announcements],
    )];
    let port = free_port();
    let site = format!("http://127.0.0.1:{port}");
    let config = format!(
        "{}\n{section}\n[http]\nlisten = \"127.0.0.1:{port}\"\npublic_url = \"{site}\"\n",
        config_toml(&test),
    );
    let db = format!("sqlite:{}", dir.join("hooks.db").display());
    let bot =
        Passerelle::new(env!("CARGO_BIN_EXE_passerelle"), "hooks", dir, &config, &db).unwrap();
    (bot, site)
}

/// What `read` gives once `done` with it (or at the test's deadline).
async fn until<T>(read: impl Fn() -> T, done: impl Fn(&T) -> bool) -> T {
    let deadline = std::time::Instant::now() + WAIT;
    loop {
        let value = read();
        if done(&value) || std::time::Instant::now() > deadline {
            return value;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Posts `body` to `url` with `headers`; the status.
async fn post(url: &str, headers: &[(&str, &str)], body: &str) -> StatusCode {
    let mut request = reqwest::Client::new().post(url).body(body.to_owned());
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.send().await.unwrap().status()
}

#[tokio::test(flavor = "multi_thread")]
async fn telegram_posts_updates_to_the_webhook_and_forgeries_are_refused() {
    const TOKEN: &str = "123456:webhook-test-token";
    const GROUP: i64 = -1005678;
    let fake = FakeTelegram::start(TOKEN).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let section = format!(
        "[telegram]\napi_url = \"{}\"\nmode = \"webhook\"\n",
        fake.url()
    );
    let (mut bot, site) = site_with(dir.path(), Platform::Telegram, &GROUP.to_string(), &section);
    bot.env("PASSERELLE_TELEGRAM_TOKEN", TOKEN);
    bot.start(&["run"], "Telegram: listening as", WAIT)
        .await
        .unwrap();
    fake.wait_for("setWebhook", |_| true, WAIT).await.unwrap();
    let (url, secret) = fake.webhook().expect("a webhook is set");
    let secret = secret.expect("with a secret token");
    assert!(url.starts_with(&format!("{site}/telegram/")), "{url}");
    assert!(!url.contains("webhook-test-token") && !secret.contains("webhook-test-token"));
    assert!(
        fake.calls_to("getUpdates").is_empty(),
        "no polling beside the webhook"
    );

    // A member's command comes by the webhook and is answered.
    let group = Chat::supergroup(GROUP, "Paris newcomers");
    let omar = telegram::User::new(222, "Omar");
    let asked = fake.push_update(telegram::message(&group, &omar, "/help"));
    let to_group = |call: &telegram::Call| call.chat_id() == Some(GROUP);
    fake.wait_for("sendMessage", to_group, WAIT).await.unwrap();
    // Answered 200 once handled, and so taken off Telegram's queue.
    let posts = until(|| fake.webhook_posts(), |posts| !posts.is_empty()).await;
    assert_eq!(posts.len(), 1);
    assert_eq!(posts[0].status, Some(200));

    // Forged posts: a wrong secret, none, a wrong path. Each 401, none handled.
    let forged = serde_json::json!({
        "update_id": 999_999_999,
        "message": {
            "message_id": 77, "date": chrono::Utc::now().timestamp(),
            "chat": { "id": GROUP, "type": "supergroup", "title": "Paris newcomers" },
            "from": { "id": 666, "is_bot": false, "first_name": "Mallory" },
            "text": "/event create Forged when=\"friday 19:00\"",
            "entities": [{ "type": "bot_command", "offset": 0, "length": 6 }],
        },
    })
    .to_string();
    let header = "X-Telegram-Bot-Api-Secret-Token";
    let json = ("content-type", "application/json");
    let wrong_path = format!("{site}/telegram/not-the-path");
    for (target, headers) in [
        (url.as_str(), vec![json, (header, "guessed")]),
        (url.as_str(), vec![json]),
        (wrong_path.as_str(), vec![json, (header, secret.as_str())]),
    ] {
        assert_eq!(
            post(target, &headers, &forged).await,
            StatusCode::UNAUTHORIZED,
            "{target} {headers:?}"
        );
    }
    // A replay of the update already handled: taken, and not answered twice.
    let replayed = asked.to_string();
    let with_secret = [json, (header, secret.as_str())];
    assert_eq!(post(&url, &with_secret, &replayed).await, StatusCode::OK);
    // Something handled after them all, so that anything they caused would be there.
    let mark = fake.mark();
    fake.push_update(telegram::message(&group, &omar, "/events"));
    fake.wait_for_after(mark, "sendMessage", to_group, WAIT)
        .await
        .unwrap();
    let answers = fake.calls_to("sendMessage");
    let replies_to_help = answers
        .iter()
        .filter(|call| call.text().is_some_and(|text| text.contains("/faq")))
        .count();
    assert_eq!(replies_to_help, 1, "the replay was answered again");
    assert!(
        answers
            .iter()
            .all(|call| !call.text().unwrap_or_default().contains("Forged")),
        "a forged update was handled"
    );

    // Killed, the bot misses a post; Telegram posts it again once it is back.
    bot.kill().unwrap();
    let mark = fake.mark();
    fake.push_update(telegram::message(&group, &omar, "/help"));
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert!(
        fake.webhook_posts()
            .iter()
            .any(|post| post.status.is_none())
    );
    bot.start(&["run"], "Telegram: listening as", WAIT)
        .await
        .unwrap();
    fake.wait_for_after(mark, "sendMessage", to_group, WAIT)
        .await
        .unwrap();
    bot.stop(WAIT).await.unwrap();
}
