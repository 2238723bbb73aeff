//! Webhooks: set and read back, the secret token's rules, 409 for `getUpdates` meanwhile,
//! and the updates posted in order with the secret, a refused one posted again.

use std::sync::Mutex;
use std::sync::atomic::{AtomicU32, Ordering};

use hyper::body::Bytes;
use tokio::net::TcpListener;

use super::*;
use crate::http::{Answer, Received};

/// A bot's end of a webhook: what it was posted, refusing the first `refuse` posts.
#[derive(Default)]
struct Receiver {
    refuse: AtomicU32,
    posts: Mutex<Vec<(Option<String>, Value)>>,
}

async fn receive(receiver: Arc<Receiver>, request: Received) -> Answer {
    let secret = request
        .head
        .headers
        .get("x-telegram-bot-api-secret-token")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let body = serde_json::from_slice(&request.body).unwrap_or(Value::Null);
    receiver.posts.lock().unwrap().push((secret, body));
    let refused = receiver
        .refuse
        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
        .is_ok();
    Ok(http::json(if refused { 500 } else { 200 }, Bytes::new()))
}

#[tokio::test]
async fn updates_go_to_the_webhook_in_order_with_the_secret() {
    let fake = fake().await;
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook/path", listener.local_addr().unwrap());
    let receiver = Arc::new(Receiver {
        refuse: AtomicU32::new(1),
        ..Receiver::default()
    });
    let server = tokio::spawn(http::serve(listener, receiver.clone(), receive));

    let (status, refused) = call(
        &fake,
        "setWebhook",
        json!({ "url": url, "secret_token": "no spaces" }),
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(
        refused["description"],
        "Bad Request: secret token contains unallowed characters"
    );
    ok(
        &fake,
        "setWebhook",
        json!({ "url": url, "secret_token": "s3cret_-X" }),
    )
    .await;
    let info = ok(&fake, "getWebhookInfo", json!({})).await;
    assert_eq!(info["url"], json!(url));
    let (status, conflict) = call(&fake, "getUpdates", json!({})).await;
    assert_eq!(status, 409);
    assert!(
        conflict["description"]
            .as_str()
            .unwrap()
            .contains("webhook is active")
    );

    let alice = User::new(501, "Alice");
    let first = fake.push_update(message(&Chat::private(&alice), &alice, "one"));
    let second = fake.push_update(message(&Chat::private(&alice), &alice, "two"));
    let deadline = Instant::now() + Duration::from_secs(10);
    while fake.pending_updates() > 0 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(fake.pending_updates(), 0, "both taken");
    let posts = receiver.posts.lock().unwrap().clone();
    let ids: Vec<&Value> = posts.iter().map(|(_, body)| &body["update_id"]).collect();
    // The first was refused once, posted again, and only then the second.
    assert_eq!(
        ids,
        [
            &first["update_id"],
            &first["update_id"],
            &second["update_id"]
        ]
    );
    assert!(
        posts
            .iter()
            .all(|(secret, _)| secret.as_deref() == Some("s3cret_-X"))
    );
    let statuses: Vec<Option<u16>> = fake.webhook_posts().iter().map(|p| p.status).collect();
    assert_eq!(statuses, [Some(500), Some(200), Some(200)]);
    let info = ok(&fake, "getWebhookInfo", json!({})).await;
    assert_eq!(
        info["last_error_message"],
        "Wrong response from the webhook: 500"
    );

    ok(&fake, "deleteWebhook", json!({})).await;
    assert_eq!(fake.webhook(), None);
    assert_eq!(ok(&fake, "getUpdates", json!({})).await, json!([]));
    server.abort();
}
