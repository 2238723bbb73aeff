//! Failures a test injects by route: 429 with Discord's body and headers, 403, 5xx, slow
//! answers, dropped connections.

use super::*;

#[tokio::test]
async fn a_rate_limit_is_injected_with_discords_body_and_headers() {
    let fake = fake().await;
    let route = "POST /channels/{id}/messages";
    let limited = |retry_after, global| Failure::RateLimited {
        retry_after,
        global,
    };
    fake.fail_next(route, limited(1.5, false));
    let path = format!("/channels/{GENERAL}/messages");
    let body = json!({ "content": "hi" });
    let (status, headers, refused) = api_headers(&fake, "POST", &path, &body).await;
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
    let (status, headers, _) = api_headers(&fake, "POST", &path, &body).await;
    assert_eq!(status, 200, "only the next one");
    assert_eq!(headers["x-ratelimit-remaining"], "4");
    assert_eq!(
        fake.messages_in(GENERAL).len(),
        1,
        "the refused one made nothing"
    );

    fake.fail_all(route, limited(0.25, true));
    let (status, headers, refused) = api_headers(&fake, "POST", &path, &body).await;
    assert_eq!((status, refused["global"].clone()), (429, json!(true)));
    assert_eq!(headers["x-ratelimit-global"], "true");
    fake.clear_failures();
    let recorded: Vec<u16> = fake.calls().iter().map(|c| c.status).collect();
    assert_eq!(recorded, vec![429, 200, 429]);
}

#[tokio::test]
async fn other_failures_are_injected_by_route() {
    let fake = fake().await;
    let route = "POST /channels/{id}/messages";
    let messages = format!("/channels/{GENERAL}/messages");
    let x = || json!({ "content": "x" });
    fake.fail_next(route, Failure::missing_permissions());
    let (status, body) = post(&fake, &messages, x()).await;
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
    let (status, body) = post(&fake, &messages, x()).await;
    assert_eq!(
        (status, body["message"].clone()),
        (502, json!("502: Bad Gateway"))
    );
    fake.fail_next(route, Failure::Slow(Duration::from_millis(200)));
    assert_eq!(post(&fake, &messages, x()).await.0, 200);
    assert!(fake.calls()[2].answered_in >= Duration::from_millis(200));

    fake.fail_next(route, Failure::Drop);
    let path = format!("/api/v10{messages}");
    let token = bot_token();
    let headers = [
        ("authorization", token.as_str()),
        ("content-type", "application/json"),
    ];
    let body = x().to_string().into_bytes();
    let answer = http::client::send(fake.address, "POST", &path, &headers, body).await;
    assert!(answer.is_err(), "no answer");
    assert_eq!(fake.calls()[3].status, 0);
}
