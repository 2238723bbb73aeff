//! The HTTP side: hyper 1 on a `127.0.0.1` listener, HTTP/1.1 with keep-alive (what
//! reqwest, and so teloxide, speaks to `http://`). Every request to
//! `/bot<TOKEN>/<method>` (GET or POST) is read, failed if a test said so, answered as
//! the Bot API answers it, `application/json`, and recorded with how long its answer
//! took. A wrong token is 401 `Unauthorized`, any other path or an unknown method 404
//! `Not Found`, as on Telegram; nothing answers 5xx unless a test asks.

use std::sync::Arc;
use std::time::{Duration, Instant};

use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::header::{CONTENT_TYPE, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use serde_json::{Value, json};
use tokio::net::TcpListener;
use tokio::task::JoinSet;

use super::failure::{self, Failure, Refusal};
use super::methods;
use super::params::{Params, decode};
use super::poll;
use super::{Call, Shared};

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
    let (head, body) = request.into_parts();
    let body = body
        .collect()
        .await
        .map(|b| b.to_bytes())
        .unwrap_or_default();
    let path = decode(head.uri.path().as_bytes(), false);
    let mut segments = path.split('/').filter(|segment| !segment.is_empty());
    let (token, name) = (segments.next(), segments.next());
    let extra = segments.next().is_some();
    let token = token.and_then(|segment| segment.strip_prefix("bot"));
    let method = name.and_then(methods::known);
    let content_type = head.headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok());
    let params = Params::read(content_type, head.uri.query(), &body);
    let mut call = Call {
        method: method.or(name).unwrap_or_default().to_owned(),
        params: Value::Object(
            params
                .as_ref()
                .map(|p| p.fields.clone())
                .unwrap_or_default(),
        ),
        files: params.as_ref().map(|p| p.files.clone()).unwrap_or_default(),
        received,
        answered_in: Duration::ZERO,
        status: 0,
        response: Value::Null,
    };
    let outcome = match (route(shared, token, method, extra), params) {
        (Err(refusal), _) | (Ok(_), Err(refusal)) => Err(refusal),
        (Ok(method), Ok(params)) => match injected(shared, method, &call.params).await {
            Some(Failure::Disconnect) => {
                call.answered_in = received.elapsed();
                shared.record(call);
                return Err(Dropped);
            }
            Some(failure) => match failure.refusal() {
                Some(refusal) => Err(refusal),
                None => answer(shared, method, &params).await,
            },
            None => answer(shared, method, &params).await,
        },
    };
    let (status, body, text) = match outcome {
        Ok(result) => {
            let body = json!({ "ok": true, "result": result });
            let text = body.to_string();
            (200, body, text)
        }
        Err(refusal) => (refusal.code, refusal.body(), refusal.text()),
    };
    let bytes = Bytes::from(text);
    call.status = status;
    call.response = body;
    call.answered_in = received.elapsed();
    shared.record(call);
    let mut response = Response::new(Full::new(bytes));
    *response.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_REQUEST);
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    Ok(response)
}

/// The method a path names: a path that is not `/bot<TOKEN>/<method>` is not found, a
/// wrong token unauthorized (before the method is looked at).
fn route(
    shared: &Shared,
    token: Option<&str>,
    method: Option<&'static str>,
    extra: bool,
) -> Result<&'static str, Refusal> {
    match token {
        None => Err(Refusal::not_found()),
        Some(token) if token != shared.token => Err(Refusal::unauthorized()),
        Some(_) => method.filter(|_| !extra).ok_or_else(Refusal::not_found),
    }
}

/// The failure a test injected for this call, after the wait of a slow one.
async fn injected(shared: &Shared, method: &str, params: &Value) -> Option<Failure> {
    let failure = failure::take(&mut shared.state().rules, method, params)?;
    if let Failure::Slow(wait) = failure {
        tokio::time::sleep(wait).await;
        return None;
    }
    Some(failure)
}

async fn answer(shared: &Shared, method: &str, params: &Params) -> Result<Value, Refusal> {
    if method == "getUpdates" {
        return poll::get_updates(shared, params).await;
    }
    let (result, pushed) = {
        let mut state = shared.state();
        let before = state.next_update_id;
        let result = methods::answer(&mut state, &shared.profile, method, params, Instant::now());
        (result, state.next_update_id != before)
    };
    if pushed {
        shared.pushed.send_modify(|count| *count += 1);
    }
    result
}
