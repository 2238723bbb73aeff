//! Discord's rate limits, when kept: 5 posts per 5 s per channel, 50 requests a second in
//! all (interaction endpoints excepted), as fixed windows; 429 with Discord's body and
//! headers past them, counted; the remaining count on the posts let through.

use std::time::Instant;

use super::*;
use crate::discord::limits::{Bucket, Limiter, Refused, Request, SLACK, seconds};

const SECOND: Duration = Duration::from_secs(1);

fn post_in(channel: u64) -> Request {
    Request {
        global: true,
        channel: Some(channel),
    }
}

const OTHER: Request = Request {
    global: true,
    channel: None,
};

#[test]
fn requests_are_read_by_route() {
    let of = |method, path| Request::of(method, path, APPLICATION);
    assert_eq!(of("POST", "/channels/42/messages"), post_in(42));
    assert_eq!(of("PATCH", "/channels/42/messages/7"), OTHER);
    assert_eq!(of("GET", "/channels/42/messages"), OTHER);
    assert_eq!(of("GET", "/users/@me"), OTHER);
    let exempt = Request {
        global: false,
        channel: None,
    };
    assert_eq!(of("POST", "/interactions/9/tok/callback"), exempt);
    let followup = format!("/webhooks/{APPLICATION}/tok");
    assert_eq!(of("POST", &followup), exempt);
    let original = format!("/webhooks/{APPLICATION}/tok/messages/@original");
    assert_eq!(of("PATCH", &original), exempt);
    assert_eq!(
        of("POST", "/webhooks/77/tok"),
        OTHER,
        "not an interaction's"
    );
}

#[test]
fn a_channel_window_is_fixed_from_its_first_post() {
    let mut limiter = Limiter::new(Limits::discord());
    let start = Instant::now();
    let window = Duration::from_secs(5) - SLACK;
    for (post, at) in [0, 1000, 2000, 3000, 4000].into_iter().enumerate() {
        let bucket = limiter.admit(post_in(7), start + Duration::from_millis(at));
        let left = Bucket {
            limit: 5,
            remaining: 4 - post,
            reset_after: window - Duration::from_millis(at),
        };
        assert_eq!(bucket, Ok(Some(left)), "post {post}");
    }
    let at = start + Duration::from_millis(4500);
    let refused = Refused {
        global: false,
        retry_after: window - Duration::from_millis(4500),
        bucket: Some(Bucket {
            limit: 5,
            remaining: 0,
            reset_after: window - Duration::from_millis(4500),
        }),
    };
    assert_eq!(limiter.admit(post_in(7), at), Err(refused));
    assert!(limiter.admit(post_in(8), at).is_ok(), "another channel");
    // The window closes 5 s after its first post, and the whole count is back: five posts
    // just after, though four of the last window's are less than 5 s old.
    for post in 0..5 {
        let bucket = limiter.admit(post_in(7), start + window).unwrap().unwrap();
        assert_eq!(bucket.remaining, 4 - post);
        assert_eq!(bucket.reset_after, window);
    }
    assert!(limiter.admit(post_in(7), start + window).is_err());
}

#[test]
fn fifty_requests_a_second_in_all_and_a_refused_post_is_not_counted() {
    let mut limiter = Limiter::new(Limits::discord());
    let start = Instant::now();
    for request in 0..45 {
        assert_eq!(limiter.admit(OTHER, start), Ok(None), "request {request}");
    }
    for _ in 0..5 {
        assert!(limiter.admit(post_in(7), start).is_ok());
    }
    let at = start + Duration::from_millis(100);
    let refused = limiter.admit(post_in(8), at).unwrap_err();
    assert_eq!(
        (refused.global, refused.retry_after),
        (true, SECOND - SLACK - Duration::from_millis(100))
    );
    assert_eq!(refused.bucket.map(|b| b.remaining), Some(5), "8's bucket");
    let exempt = Request {
        global: false,
        channel: None,
    };
    assert_eq!(limiter.admit(exempt, at), Ok(None), "interactions");

    // A new global window: the post refused by its channel was counted there, not in 7.
    let later = start + SECOND;
    assert!(!limiter.admit(post_in(7), later).unwrap_err().global);
    for _ in 0..49 {
        assert!(limiter.admit(OTHER, later).is_ok());
    }
    assert!(limiter.admit(OTHER, later).unwrap_err().global);
}

#[test]
fn waits_are_written_in_seconds_rounded_up_to_the_millisecond() {
    assert_eq!(seconds(Duration::from_millis(4950)), 4.95);
    assert_eq!(seconds(Duration::from_micros(4_949_001)), 4.95);
    assert_eq!(seconds(Duration::from_nanos(1)), 0.001);
    assert_eq!(seconds(Duration::ZERO), 0.0);
}

/// A guild with `count` text channels, and their IDs.
async fn fake_with_channels(count: u64) -> (FakeDiscord, Vec<u64>) {
    let channels: Vec<u64> = (0..count).map(|n| GENERAL + 1000 + n).collect();
    let mut guild = guild();
    guild.channels = channels.iter().map(|c| (*c, format!("room-{c}"))).collect();
    let fake = FakeDiscord::start(TOKEN, APPLICATION, guild).await.unwrap();
    (fake, channels)
}

async fn post_headers(fake: &FakeDiscord, channel: u64, content: &str) -> (u16, HeaderMap, Value) {
    let path = format!("/channels/{channel}/messages");
    let body = json!({ "content": content });
    api_headers(fake, "POST", &path, &body).await
}

fn header(headers: &HeaderMap, name: &str) -> String {
    let value = headers.get(name).unwrap_or_else(|| panic!("no {name}"));
    value.to_str().unwrap().to_owned()
}

fn header_seconds(headers: &HeaderMap, name: &str) -> f64 {
    header(headers, name).parse().unwrap()
}

#[tokio::test]
async fn a_sixth_post_within_five_seconds_is_refused_until_the_window_closes() {
    let fake = fake().await;
    fake.keep_limits(Limits::discord());
    let started = Instant::now();
    let mut bucket = None;
    for post in 0..5 {
        let (status, headers, sent) = post_headers(&fake, GENERAL, &format!("{post}")).await;
        assert_eq!(status, 200, "{sent}");
        assert_eq!(header(&headers, "x-ratelimit-limit"), "5");
        assert_eq!(
            header(&headers, "x-ratelimit-remaining"),
            (4 - post).to_string()
        );
        let reset_after = header_seconds(&headers, "x-ratelimit-reset-after");
        assert!(reset_after > 0.0 && reset_after <= 5.0, "{reset_after}");
        let name = header(&headers, "x-ratelimit-bucket");
        assert_eq!(bucket.get_or_insert(name.clone()), &name, "one bucket");
    }
    let (status, headers, refused) = post_headers(&fake, GENERAL, "sixth").await;
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(status, 429);
    assert_eq!(
        (refused["message"].clone(), refused["global"].clone()),
        (json!("You are being rate limited."), json!(false))
    );
    let retry_after = refused["retry_after"].as_f64().unwrap();
    assert!(retry_after > 0.0 && retry_after <= 5.0, "{retry_after}");
    assert_eq!(header(&headers, "retry-after"), "5");
    assert_eq!(header(&headers, "x-ratelimit-limit"), "5");
    assert_eq!(header(&headers, "x-ratelimit-remaining"), "0");
    assert_eq!(
        header_seconds(&headers, "x-ratelimit-reset-after"),
        retry_after
    );
    let reset = header_seconds(&headers, "x-ratelimit-reset");
    let now = super::ids::unix_seconds();
    assert!((reset - now - retry_after).abs() < 1.0, "{reset} {now}");
    assert_eq!(Some(header(&headers, "x-ratelimit-bucket")), bucket);
    assert_eq!(header(&headers, "x-ratelimit-scope"), "user");
    assert!(!headers.contains_key("x-ratelimit-global"));
    assert_eq!(fake.limited(), 1);
    assert_eq!(
        fake.messages_in(GENERAL).len(),
        5,
        "the refused one made nothing"
    );
    let statuses: Vec<u16> = fake.calls().iter().map(|c| c.status).collect();
    assert_eq!(statuses, [200, 200, 200, 200, 200, 429]);

    tokio::time::sleep(Duration::from_secs_f64(retry_after)).await;
    let (status, headers, _) = post_headers(&fake, GENERAL, "seventh").await;
    assert_eq!(status, 200, "after retry_after");
    assert_eq!(
        header(&headers, "x-ratelimit-remaining"),
        "4",
        "a new window"
    );
    assert_eq!(fake.limited(), 1);
}

#[tokio::test]
async fn posts_in_six_channels_all_pass() {
    let (fake, channels) = fake_with_channels(6).await;
    fake.keep_limits(Limits::discord());
    for channel in &channels {
        let (status, headers, sent) = post_headers(&fake, *channel, "hello").await;
        assert_eq!(status, 200, "{sent}");
        assert_eq!(header(&headers, "x-ratelimit-remaining"), "4");
    }
    // A DM is a channel of its own too.
    let (status, dm) = post(
        &fake,
        "/users/@me/channels",
        json!({ "recipient_id": "42" }),
    )
    .await;
    assert_eq!(status, 200, "{dm}");
    let dm: u64 = dm["id"].as_str().unwrap().parse().unwrap();
    for _ in 0..5 {
        assert_eq!(post_headers(&fake, dm, "hi").await.0, 200);
    }
    assert_eq!(post_headers(&fake, dm, "hi").await.0, 429);
    assert_eq!(post_headers(&fake, channels[0], "again").await.0, 200);
    assert_eq!(fake.limited(), 1);
}

/// 50 requests one after the other (some 50 ms on localhost), which the global limit lets
/// through; when they started.
async fn fifty_requests(fake: &FakeDiscord) -> Instant {
    let started = Instant::now();
    for request in 0..50 {
        assert_eq!(get(fake, "/users/@me").await.0, 200, "request {request}");
    }
    started
}

/// Fails (rather than misleads) if the requests since `started` outlasted a window.
fn within_one_window(started: Instant) {
    let took = started.elapsed();
    assert!(took < SECOND - SLACK, "too slow to test: {took:?}");
}

#[tokio::test]
async fn past_fifty_requests_a_second_the_limit_is_global() {
    let fake = fake().await;
    fake.keep_limits(Limits::discord());
    let started = fifty_requests(&fake).await;
    let (status, headers, refused) = api_headers(&fake, "GET", "/users/@me", &Value::Null).await;
    let (post_status, post_headers, _) = post_headers(&fake, GENERAL, "hello").await;
    within_one_window(started);
    assert_eq!(status, 429);
    assert_eq!(
        (refused["message"].clone(), refused["global"].clone()),
        (json!("You are being rate limited."), json!(true))
    );
    let retry_after = refused["retry_after"].as_f64().unwrap();
    assert!(retry_after > 0.0 && retry_after <= 1.0, "{retry_after}");
    assert_eq!(header(&headers, "retry-after"), "1");
    assert_eq!(header(&headers, "x-ratelimit-global"), "true");
    assert_eq!(header(&headers, "x-ratelimit-scope"), "global");
    assert!(
        !headers.contains_key("x-ratelimit-bucket"),
        "no route bucket"
    );

    // A message post refused globally also tells its channel's bucket, untouched.
    assert_eq!(post_status, 429);
    assert_eq!(header(&post_headers, "x-ratelimit-scope"), "global");
    assert_eq!(header(&post_headers, "x-ratelimit-remaining"), "5");
    assert_eq!(fake.limited(), 2);
    assert!(fake.messages_in(GENERAL).is_empty());

    tokio::time::sleep(Duration::from_secs_f64(retry_after)).await;
    assert_eq!(get(&fake, "/users/@me").await.0, 200, "a new second");
}

#[tokio::test]
async fn interaction_endpoints_are_not_bound_by_the_global_limit() {
    let fake = fake().await;
    fake.keep_limits(Limits::discord());
    let faq = command(Some(GUILD), GENERAL, "faq");
    fake.dispatch("INTERACTION_CREATE", faq.clone());
    let started = fifty_requests(&fake).await;
    assert_eq!(get(&fake, "/users/@me").await.0, 429);
    within_one_window(started);
    let answer = json!({ "type": 4, "data": { "content": "Here" } });
    let (status, body) = post(&fake, &callback_path(&faq), answer).await;
    assert_eq!((status, body), (204, Value::Null), "the callback");
    let followups = webhook_path(&faq, "");
    for n in 0..3 {
        let more = json!({ "content": format!("more {n}") });
        assert_eq!(post(&fake, &followups, more).await.0, 200, "follow-up {n}");
    }
    let original = webhook_path(&faq, "/messages/@original");
    assert_eq!(get(&fake, &original).await.0, 200);
    assert_eq!(fake.limited(), 1);
}

#[tokio::test]
async fn injected_429s_are_not_counted_and_no_limits_are_kept_unless_asked() {
    let fake = fake().await;
    for post in 0..8 {
        let (status, headers, _) = post_headers(&fake, GENERAL, "free").await;
        assert_eq!(status, 200, "post {post}");
        assert_eq!(header(&headers, "x-ratelimit-remaining"), "4");
    }
    fake.keep_limits(Limits::discord());
    fake.fail_next(
        "POST /channels/{id}/messages",
        Failure::RateLimited {
            retry_after: 1.0,
            global: false,
        },
    );
    assert_eq!(post_headers(&fake, GENERAL, "injected").await.0, 429);
    assert_eq!(fake.limited(), 0);
    let (status, headers, _) = post_headers(&fake, GENERAL, "counted").await;
    assert_eq!(status, 200);
    assert_eq!(
        header(&headers, "x-ratelimit-remaining"),
        "4",
        "the injected one was not seen"
    );
}
