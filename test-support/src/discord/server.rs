//! The REST side: hyper 1 on a `127.0.0.1` listener, HTTP/1.1 with keep-alive (what reqwest,
//! and so serenity, speaks to `http://`). Every request under `/api/v10` is read, checked for
//! `Authorization: Bot <token>` (401 `{"message": "401: Unauthorized", "code": 0}`), failed if
//! a test said so, refused (429) if it goes past the rate limits a test keeps, answered as
//! Discord answers it, and recorded with how long that took.
//! Any other path is 404 `{"message": "404: Not Found", "code": 0}`, recorded too.

use std::sync::Arc;
use std::time::{Duration, Instant};

use http_body_util::Full;
use hyper::Response;
use hyper::body::Bytes;
use hyper::header::{AUTHORIZATION, CONTENT_TYPE, HeaderName, HeaderValue};
use serde_json::Value;

use crate::http::{self, Answer, Dropped, Received};

use super::failure::{self, Failure, Reply, bucket_headers};
use super::limits::{Bucket, Request, seconds};
use super::{Call, Shared, body, rest};

/// Answers a request to the REST API, and records it.
pub(crate) async fn handle(shared: Arc<Shared>, request: Received) -> Answer {
    let (received, head) = (request.at, &request.head);
    let full_path = head.uri.path();
    let api_path = full_path
        .strip_prefix("/api/v10")
        .filter(|p| p.starts_with('/'));
    let parsed = body::read(request.header(CONTENT_TYPE), &request.body);
    let mut call = Call {
        method: head.method.as_str().to_owned(),
        path: api_path.unwrap_or(full_path).to_owned(),
        query: head.uri.query().unwrap_or_default().to_owned(),
        body: parsed.clone().unwrap_or(Value::Null),
        status: 0,
        response: Value::Null,
        received,
        answered_in: Duration::ZERO,
    };
    let reply = if api_path.is_none() {
        Reply::not_found()
    } else if !authorized(&shared, &call.path, request.header(AUTHORIZATION)) {
        Reply::unauthorized()
    } else {
        match injected(&shared, &call).await {
            Some(Failure::Drop) => {
                call.answered_in = received.elapsed();
                shared.calls.record(call);
                return Err(Dropped);
            }
            Some(failure) => failure
                .reply(&call.route())
                .unwrap_or_else(Reply::not_found),
            None => match admit(&shared, &call) {
                Err(too_many) => too_many,
                Ok(bucket) => {
                    let mut reply = match parsed {
                        Err(refusal) => refusal,
                        Ok(_) => shared.answer(|config, state| rest::answer(config, state, &call)),
                    };
                    if let Some(bucket) = bucket
                        && (200..300).contains(&reply.status)
                    {
                        reply.headers.extend(bucket_headers(&call.route(), &bucket));
                    }
                    reply
                }
            },
        }
    };
    call.status = reply.status;
    call.response = reply.body.clone();
    call.answered_in = received.elapsed();
    let route = call.route();
    shared.calls.record(call);
    Ok(response(reply, &route))
}

/// Whether the request may be answered: `Bot <token>` is needed, except where Discord
/// takes none (`GET /gateway`; interaction callbacks and webhooks, whose token is in the
/// path), where a wrong one still fails.
fn authorized(shared: &Shared, path: &str, authorization: Option<&str>) -> bool {
    let given = authorization.map(|value| value.strip_prefix("Bot ") == Some(&shared.config.token));
    let open =
        path == "/gateway" || path.starts_with("/interactions/") || path.starts_with("/webhooks/");
    given.unwrap_or(open)
}

/// Discord's rate limits, if a test keeps them: the call is let through, with its
/// channel's bucket after it if it posts a message, or refused with a 429 (counted).
fn admit(shared: &Shared, call: &Call) -> Result<Option<Bucket>, Reply> {
    let mut state = shared.state();
    let Some(limiter) = state.limiter.as_mut() else {
        return Ok(None);
    };
    let request = Request::of(&call.method, &call.path, shared.config.application_id);
    let refused = match limiter.admit(request, Instant::now()) {
        Ok(bucket) => return Ok(bucket),
        Err(refused) => refused,
    };
    state.limited += 1;
    let retry_after = seconds(refused.retry_after);
    let route = call.route();
    Err(Reply::too_many(
        retry_after,
        refused.global,
        &route,
        refused.bucket,
    ))
}

/// The failure a test injected for this call, after the wait of a slow one.
async fn injected(shared: &Shared, call: &Call) -> Option<Failure> {
    let failure = failure::take(&mut shared.state().rules, call)?;
    if let Failure::Slow(wait) = failure {
        tokio::time::sleep(wait).await;
        return None;
    }
    Some(failure)
}

/// The HTTP answer: JSON (none for 204), with a route's rate limit headers when it succeeds:
/// its bucket's if the limits kept gave them, else a bucket of 5 with 4 left.
fn response(reply: Reply, route: &str) -> Response<Full<Bytes>> {
    let body = match reply.body {
        Value::Null => Bytes::new(),
        body => Bytes::from(body.to_string()),
    };
    let mut response = http::json(reply.status, body);
    let mut extra = reply.headers;
    let bucketed = extra.iter().any(|(name, _)| *name == "x-ratelimit-bucket");
    if (200..300).contains(&reply.status) && !bucketed {
        let usual = Bucket {
            limit: 5,
            remaining: 4,
            reset_after: Duration::from_secs(1),
        };
        extra.extend(bucket_headers(route, &usual));
    }
    let headers = response.headers_mut();
    for (name, value) in extra {
        if let Ok(value) = HeaderValue::from_str(&value) {
            headers.insert(HeaderName::from_static(name), value);
        }
    }
    response
}
