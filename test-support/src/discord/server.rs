//! The REST side: hyper 1 on a `127.0.0.1` listener, HTTP/1.1 with keep-alive (what reqwest,
//! and so serenity, speaks to `http://`). Every request under `/api/v10` is read, checked for
//! `Authorization: Bot <token>` (401 `{"message": "401: Unauthorized", "code": 0}`), failed if
//! a test said so, answered as Discord answers it, and recorded with how long that took.
//! Any other path is 404 `{"message": "404: Not Found", "code": 0}`, recorded too.

use std::sync::Arc;
use std::time::{Duration, Instant};

use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::header::{AUTHORIZATION, CONTENT_TYPE, HeaderName, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use serde_json::Value;
use tokio::net::TcpListener;
use tokio::task::JoinSet;

use super::failure::{self, Failure, Reply, bucket_headers};
use super::{Call, Shared, body, rest};

/// Accepts connections until the task is aborted, which drops them all.
pub(crate) async fn serve(listener: TcpListener, shared: Arc<Shared>) {
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else {
                    tokio::time::sleep(Duration::from_millis(10)).await;
                    continue;
                };
                let _ = stream.set_nodelay(true);
                let shared = shared.clone();
                connections.spawn(async move {
                    let service = service_fn(move |request| {
                        let shared = shared.clone();
                        async move { handle(&shared, request).await }
                    });
                    let _ = http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
}

/// An error the service returns to make hyper close the connection unanswered.
#[derive(Debug)]
struct Dropped;

impl std::fmt::Display for Dropped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection dropped on purpose")
    }
}

impl std::error::Error for Dropped {}

async fn handle(
    shared: &Shared,
    request: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, Dropped> {
    let received = Instant::now();
    let (head, incoming) = request.into_parts();
    let bytes = incoming
        .collect()
        .await
        .map(|b| b.to_bytes())
        .unwrap_or_default();
    let full_path = head.uri.path();
    let api_path = full_path
        .strip_prefix("/api/v10")
        .filter(|p| p.starts_with('/'));
    let content_type = head.headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok());
    let parsed = body::read(content_type, &bytes);
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
    let authorization = head
        .headers
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    let reply = if api_path.is_none() {
        Reply::not_found()
    } else if !authorized(shared, &call.path, authorization) {
        Reply::unauthorized()
    } else {
        match injected(shared, &call).await {
            Some(Failure::Drop) => {
                call.answered_in = received.elapsed();
                shared.record(call);
                return Err(Dropped);
            }
            Some(failure) => failure
                .reply(&call.route())
                .unwrap_or_else(Reply::not_found),
            None => match parsed {
                Err(refusal) => refusal,
                Ok(_) => shared.answer(|config, state| rest::answer(config, state, &call)),
            },
        }
    };
    call.status = reply.status;
    call.response = reply.body.clone();
    call.answered_in = received.elapsed();
    let route = call.route();
    shared.record(call);
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

/// The failure a test injected for this call, after the wait of a slow one.
async fn injected(shared: &Shared, call: &Call) -> Option<Failure> {
    let failure = failure::take(&mut shared.state().rules, call)?;
    if let Failure::Slow(wait) = failure {
        tokio::time::sleep(wait).await;
        return None;
    }
    Some(failure)
}

/// The HTTP answer: JSON (none for 204), with a route's rate limit headers when it succeeds.
fn response(reply: Reply, route: &str) -> Response<Full<Bytes>> {
    let body = match reply.body {
        Value::Null => Bytes::new(),
        body => Bytes::from(body.to_string()),
    };
    let has_body = !body.is_empty();
    let mut response = Response::new(Full::new(body));
    *response.status_mut() = StatusCode::from_u16(reply.status).unwrap_or(StatusCode::BAD_REQUEST);
    let headers = response.headers_mut();
    if has_body {
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    }
    let mut extra = reply.headers;
    if (200..300).contains(&reply.status) {
        extra.extend(bucket_headers(route, 4, 1.0));
    }
    for (name, value) in extra {
        if let Ok(value) = HeaderValue::from_str(&value) {
            headers.insert(HeaderName::from_static(name), value);
        }
    }
    response
}
