//! The fake's own promises, checked over plain HTTP (a small hyper client, no teloxide):
//! the JSON it answers, long polling and offsets, recording, injected failures, limits.

mod failures;
mod sending;
mod updates;
mod webhook;

use std::time::Duration;

use serde_json::{Value, json};

use super::*;
use crate::http;

const TOKEN: &str = "123456789:test-secret";

async fn fake() -> FakeTelegram {
    FakeTelegram::start(TOKEN).await.unwrap()
}

/// A request to `path` on the fake, answered with its status, its body as text and as
/// JSON.
async fn request(
    fake: &FakeTelegram,
    verb: &str,
    path: &str,
    content_type: &str,
    body: Vec<u8>,
) -> (u16, String, Value) {
    let headers = [("content-type", content_type)];
    let (status, headers, bytes) = http::client::send(fake.address(), verb, path, &headers, body)
        .await
        .unwrap();
    assert_eq!(headers["content-type"], "application/json", "{path}");
    let text = String::from_utf8(bytes.to_vec()).unwrap();
    let json = serde_json::from_str(&text).unwrap();
    (status, text, json)
}

/// `method` called with JSON `params`, as teloxide calls it.
async fn call(fake: &FakeTelegram, method: &str, params: Value) -> (u16, Value) {
    let path = format!("/bot{TOKEN}/{method}");
    let (status, _, body) = request(
        fake,
        "POST",
        &path,
        "application/json",
        params.to_string().into_bytes(),
    )
    .await;
    (status, body)
}

/// The `result` of a call that must succeed.
async fn ok(fake: &FakeTelegram, method: &str, params: Value) -> Value {
    let (status, body) = call(fake, method, params).await;
    assert_eq!(status, 200, "{method}: {body}");
    assert_eq!(body["ok"], json!(true), "{method}: {body}");
    body["result"].clone()
}

fn alice() -> User {
    User::new(1001, "Alice")
        .with_username("alice")
        .with_language("fr")
}

fn group() -> Chat {
    Chat::supergroup(-1001234567890, "Expats in Paris")
}

#[tokio::test]
async fn get_me_has_every_field_teloxide_needs_to_start() {
    let fake = fake().await;
    let me = ok(&fake, "getMe", json!({})).await;
    assert_eq!(
        me,
        json!({
            "id": 123456789,
            "is_bot": true,
            "first_name": "Passerelle",
            "username": "passerelle_test_bot",
            "can_join_groups": true,
            "can_read_all_group_messages": false,
            "supports_inline_queries": false,
            "can_connect_to_business": false,
            "has_main_web_app": false,
        })
    );
    // Method names are case-insensitive, as on Telegram, and GET works too.
    let path = format!("/bot{TOKEN}/getme");
    let (status, _, body) = request(&fake, "GET", &path, "", Vec::new()).await;
    assert_eq!((status, &body["result"]["id"]), (200, &json!(123456789)));

    let webhook = ok(&fake, "getWebhookInfo", json!({})).await;
    assert_eq!(
        webhook,
        json!({"url": "", "has_custom_certificate": false, "pending_update_count": 0})
    );
    assert_eq!(ok(&fake, "deleteWebhook", json!({})).await, json!(true));
    let methods: Vec<String> = fake.calls().into_iter().map(|c| c.method).collect();
    assert_eq!(
        methods,
        ["getMe", "getMe", "getWebhookInfo", "deleteWebhook"]
    );
    assert!(fake.calls().iter().all(|call| call.status == 200));
}

#[tokio::test]
async fn a_wrong_token_is_401_and_an_unknown_method_404() {
    let fake = fake().await;
    let wrong = request(
        &fake,
        "POST",
        "/bot1:wrong/getMe",
        "application/json",
        b"{}".to_vec(),
    )
    .await;
    assert_eq!(wrong.0, 401);
    assert_eq!(
        wrong.1,
        r#"{"ok":false,"error_code":401,"description":"Unauthorized"}"#
    );
    let unknown = request(
        &fake,
        "POST",
        &format!("/bot{TOKEN}/sendPigeon"),
        "application/json",
        b"{}".to_vec(),
    )
    .await;
    assert_eq!(unknown.0, 404);
    assert_eq!(
        unknown.1,
        r#"{"ok":false,"error_code":404,"description":"Not Found"}"#
    );
    let elsewhere = request(&fake, "GET", "/favicon.ico", "application/json", Vec::new()).await;
    assert_eq!(elsewhere.0, 404);
    // Even these are recorded.
    let statuses: Vec<u16> = fake.calls().iter().map(|c| c.status).collect();
    assert_eq!(statuses, [401, 404, 404]);
}

#[tokio::test]
async fn form_and_query_parameters_are_read_like_json() {
    let fake = fake().await;
    fake.open_private(alice().id);
    let path = format!("/bot{TOKEN}/sendMessage?chat_id=1001");
    let (status, _, body) = request(
        &fake,
        "POST",
        &path,
        "application/x-www-form-urlencoded",
        b"text=caf%C3%A9+au+lait&reply_markup=%7B%22inline_keyboard%22%3A%5B%5D%7D".to_vec(),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["result"]["text"], json!("café au lait"));
    assert_eq!(
        body["result"]["reply_markup"],
        json!({"inline_keyboard": []})
    );
    let call = fake.calls_to("sendMessage").remove(0);
    assert_eq!(call.chat_id(), Some(1001));
    assert_eq!(
        call.param("reply_markup"),
        Some(json!({"inline_keyboard": []}))
    );
}

#[tokio::test]
async fn wait_for_returns_a_call_as_it_arrives_or_says_what_came() {
    let fake = Arc::new(fake().await);
    let waiter = {
        let fake = fake.clone();
        tokio::spawn(async move {
            fake.wait_for(
                "sendMessage",
                |c| c.text() == Some("two"),
                Duration::from_secs(5),
            )
            .await
        })
    };
    fake.open_private(alice().id);
    for text in ["one", "two"] {
        ok(&fake, "sendMessage", json!({"chat_id": 1001, "text": text})).await;
    }
    let found = waiter.await.unwrap().unwrap();
    assert_eq!(found.text(), Some("two"));
    assert!(found.answered_in < Duration::from_secs(1));

    let mark = fake.mark();
    let missing = fake
        .wait_for_after(mark, "sendMessage", |_| true, Duration::from_millis(100))
        .await
        .unwrap_err();
    assert!(
        missing.to_string().contains("no matching sendMessage"),
        "{missing}"
    );
}
