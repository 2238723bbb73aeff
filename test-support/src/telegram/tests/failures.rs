//! Refusals: injected failures with Telegram's exact bodies, private chats the bot may
//! not open, and the flood limits.

use std::time::Instant;

use super::*;

fn send(chat: i64, text: &str) -> String {
    json!({"chat_id": chat, "text": text}).to_string()
}

async fn send_raw(fake: &FakeTelegram, chat: i64, text: &str) -> (u16, String) {
    let path = format!("/bot{TOKEN}/sendMessage");
    let (status, body, _) = request(
        fake,
        "POST",
        &path,
        "application/json",
        send(chat, text).into_bytes(),
    )
    .await;
    (status, body)
}

#[tokio::test]
async fn an_injected_429_is_telegrams_body_exactly_and_only_once() {
    let fake = fake().await;
    fake.fail_next("sendMessage", Failure::TooManyRequests { retry_after: 8 });
    let (status, body) = send_raw(&fake, -100, "hello").await;
    assert_eq!(status, 429);
    assert_eq!(
        body,
        r#"{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 8","parameters":{"retry_after":8}}"#
    );
    assert_eq!(send_raw(&fake, -100, "hello").await.0, 200);
    let statuses: Vec<u16> = fake
        .calls_to("sendMessage")
        .iter()
        .map(|c| c.status)
        .collect();
    assert_eq!(statuses, [429, 200]);
    // The limits did not give it.
    assert_eq!(fake.limited(), 0);
}

#[tokio::test]
async fn injected_403_and_400_are_telegrams_bodies() {
    let fake = fake().await;
    fake.fail_next("sendMessage", Failure::cant_initiate());
    fake.fail_next("sendMessage", Failure::blocked());
    fake.fail_next("sendMessage", Failure::chat_not_found());
    fake.fail_next("sendMessage", Failure::thread_not_found());
    fake.fail_next(
        "sendMessage",
        Failure::BadRequest("message to edit not found".into()),
    );
    let expected = [
        (
            403,
            r#"{"ok":false,"error_code":403,"description":"Forbidden: bot can't initiate conversation with a user"}"#,
        ),
        (
            403,
            r#"{"ok":false,"error_code":403,"description":"Forbidden: bot was blocked by the user"}"#,
        ),
        (
            400,
            r#"{"ok":false,"error_code":400,"description":"Bad Request: chat not found"}"#,
        ),
        (
            400,
            r#"{"ok":false,"error_code":400,"description":"Bad Request: message thread not found"}"#,
        ),
        (
            400,
            r#"{"ok":false,"error_code":400,"description":"Bad Request: message to edit not found"}"#,
        ),
    ];
    for (status, body) in expected {
        assert_eq!(send_raw(&fake, -100, "x").await, (status, body.to_owned()));
    }
    assert_eq!(send_raw(&fake, -100, "x").await.0, 200);
}

#[tokio::test]
async fn lasting_and_filtered_failures_last_until_cleared() {
    let fake = fake().await;
    fake.fail_when(
        "sendMessage",
        |params| params["chat_id"] == json!(-200),
        Failure::Forbidden("bot was kicked from the supergroup chat".into()),
    );
    fake.fail_all("answerCallbackQuery", Failure::ServerError);
    for _ in 0..2 {
        let (status, body) = send_raw(&fake, -200, "x").await;
        assert_eq!(status, 403);
        assert!(
            body.contains("Forbidden: bot was kicked from the supergroup chat"),
            "{body}"
        );
        assert_eq!(send_raw(&fake, -300, "x").await.0, 200);
    }
    let (status, body) = call(
        &fake,
        "answerCallbackQuery",
        json!({"callback_query_id": "1"}),
    )
    .await;
    assert_eq!(
        (status, body),
        (
            500,
            json!({"ok": false, "error_code": 500, "description": "Internal Server Error"})
        )
    );
    fake.clear_failures();
    assert_eq!(send_raw(&fake, -200, "x").await.0, 200);
}

#[tokio::test]
async fn a_slow_answer_comes_late_and_a_dropped_one_never() {
    let fake = fake().await;
    fake.fail_next("sendMessage", Failure::Slow(Duration::from_millis(300)));
    let started = Instant::now();
    assert_eq!(send_raw(&fake, -100, "slow").await.0, 200);
    assert!(started.elapsed() >= Duration::from_millis(300));
    let slow = fake.calls_to("sendMessage").remove(0);
    assert!(slow.answered_in >= Duration::from_millis(300));
    assert!(slow.answered_at() >= slow.received + Duration::from_millis(300));

    fake.fail_next("getMe", Failure::Disconnect);
    let path = format!("/bot{TOKEN}/getMe");
    let answer = http::client::send(fake.address(), "POST", &path, &[], Vec::new()).await;
    assert!(answer.is_err(), "no answer");
    assert_eq!(fake.calls_to("getMe")[0].status, 0);
}

#[tokio::test]
async fn the_bot_writes_only_to_private_chats_it_may() {
    let fake = fake().await;
    let (status, body) = send_raw(&fake, 1001, "hello").await;
    assert_eq!(
        (status, body.contains(CANT_INITIATE)),
        (403, true),
        "{body}"
    );

    // A private message opens the chat.
    fake.push_update(message(
        &Chat::private(&alice()),
        &alice(),
        "/start onboard",
    ));
    let (status, body) = send_raw(&fake, 1001, "hello").await;
    assert_eq!(status, 200, "{body}");
    let answer: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        answer["result"]["chat"],
        json!({"id": 1001, "type": "private", "first_name": "Alice", "username": "alice"})
    );

    fake.block(1001);
    let (status, body) = send_raw(&fake, 1001, "hello").await;
    assert_eq!((status, body.contains(BLOCKED)), (403, true), "{body}");

    fake.allow_any_private(true);
    assert_eq!(send_raw(&fake, 1003, "hello").await.0, 200);
}

#[tokio::test]
async fn the_limits_answer_429_past_telegrams_rates_and_count_them() {
    let fake = fake().await;
    fake.keep_limits(Limits::telegram());
    assert_eq!(send_raw(&fake, -100, "one").await.0, 200);
    let (status, body) = send_raw(&fake, -100, "two").await;
    assert_eq!(status, 429);
    assert_eq!(
        body,
        r#"{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 1","parameters":{"retry_after":1}}"#
    );
    assert_eq!(send_raw(&fake, -101, "elsewhere").await.0, 200);
    assert_eq!(fake.limited(), 1);

    // A refused message does not count: one second after the first, the chat has room.
    tokio::time::sleep(Duration::from_millis(1000)).await;
    assert_eq!(send_raw(&fake, -100, "three").await.0, 200);
    assert_eq!(fake.limited(), 1);
}
