//! Failures a test injects by route: 429 with Discord's body and headers, 403, 5xx, slow
//! answers, dropped connections.

use super::*;

#[tokio::test]
async fn a_rate_limit_is_injected_with_discords_body_and_headers() {
    let fake = fake().await;
    let route = "POST /channels/{id}/messages";
    fake.fail_next(
        route,
        Failure::RateLimited {
            retry_after: 1.5,
            global: false,
        },
    );
    let path = format!("/api/v10/channels/{GENERAL}/messages");
    let auth = format!("Bot {TOKEN}");
    let body = json!({ "content": "hi" }).to_string().into_bytes();
    let (status, headers, refused) = send(
        &fake,
        "POST",
        &path,
        "application/json",
        body.clone(),
        Some(&auth),
    )
    .await;
    assert_eq!(status, 429);
    assert_eq!(
        refused,
        json!({ "message": "You are being rate limited.", "retry_after": 1.5, "global": false })
    );
    assert_eq!(headers["retry-after"], "2");
    assert_eq!(headers["x-ratelimit-remaining"], "0");
    assert_eq!(headers["x-ratelimit-reset-after"], "1.500");
    assert_eq!(headers["x-ratelimit-scope"], "user");
    for name in [
        "x-ratelimit-limit",
        "x-ratelimit-reset",
        "x-ratelimit-bucket",
    ] {
        assert!(headers.contains_key(name), "{name}");
    }
    let (status, headers, _) = send(
        &fake,
        "POST",
        &path,
        "application/json",
        body.clone(),
        Some(&auth),
    )
    .await;
    assert_eq!(status, 200, "only the next one");
    assert_eq!(headers["x-ratelimit-remaining"], "4");
    assert_eq!(
        fake.messages_in(GENERAL).len(),
        1,
        "the refused one made nothing"
    );

    fake.fail_all(
        route,
        Failure::RateLimited {
            retry_after: 0.25,
            global: true,
        },
    );
    let (status, headers, refused) =
        send(&fake, "POST", &path, "application/json", body, Some(&auth)).await;
    assert_eq!((status, refused["global"].clone()), (429, json!(true)));
    assert_eq!(headers["x-ratelimit-global"], "true");
    fake.clear_failures();
    let recorded: Vec<u16> = fake.calls().iter().map(|c| c.status).collect();
    assert_eq!(recorded, vec![429, 200, 429]);
}

#[tokio::test]
async fn other_failures_are_injected_by_route() {
    let fake = fake().await;
    let messages = format!("/channels/{GENERAL}/messages");
    fake.fail_next(
        "POST /channels/{id}/messages",
        Failure::missing_permissions(),
    );
    let (status, body) = api(&fake, "POST", &messages, json!({ "content": "x" })).await;
    assert_eq!(
        (status, body),
        (
            403,
            json!({ "message": "Missing Permissions", "code": 50013 })
        )
    );
    fake.fail_next(
        &format!("POST /channels/{GENERAL}/messages"),
        Failure::ServerError(502),
    );
    let (status, body) = api(&fake, "POST", &messages, json!({ "content": "x" })).await;
    assert_eq!(
        (status, body["message"].clone()),
        (502, json!("502: Bad Gateway"))
    );
    fake.fail_next(
        "POST /channels/{id}/messages",
        Failure::Slow(Duration::from_millis(200)),
    );
    let (status, _) = api(&fake, "POST", &messages, json!({ "content": "x" })).await;
    assert_eq!(status, 200);
    assert!(fake.calls()[2].answered_in >= Duration::from_millis(200));

    fake.fail_next("POST /channels/{id}/messages", Failure::Drop);
    let stream = TcpStream::connect(fake.address).await.unwrap();
    let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .unwrap();
    tokio::spawn(connection);
    let request = Request::post(format!("/api/v10{messages}"))
        .header("authorization", format!("Bot {TOKEN}"))
        .header("content-type", "application/json")
        .body(Full::new(Bytes::from(r#"{"content":"x"}"#)))
        .unwrap();
    assert!(sender.send_request(request).await.is_err(), "no answer");
    assert_eq!(fake.calls()[3].status, 0);
}
