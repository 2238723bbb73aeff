//! The HTTP side: hyper 1 on a `127.0.0.1` listener, HTTP/1.1 with keep-alive (what
//! reqwest, and so teloxide, speaks to `http://`). Every request to
//! `/bot<TOKEN>/<method>` (GET or POST) is read, failed if a test said so, answered as
//! the Bot API answers it, `application/json`, and recorded with how long its answer
//! took. A wrong token is 401 `Unauthorized`, any other path or an unknown method 404
//! `Not Found`, as on Telegram; nothing answers 5xx unless a test asks.

use std::sync::Arc;
use std::time::{Duration, Instant};

use hyper::body::Bytes;
use hyper::header::CONTENT_TYPE;
use serde_json::{Value, json};

use crate::http::{self, Answer, Dropped, Received, decode};

use super::failure::{self, Failure, Refusal};
use super::methods;
use super::params::Params;
use super::poll;
use super::{Call, Shared};

/// Answers a request to the Bot API, and records it.
pub(crate) async fn handle(shared: Arc<Shared>, request: Received) -> Answer {
    let (received, head) = (request.at, &request.head);
    let path = decode(head.uri.path().as_bytes(), false);
    let mut segments = path.split('/').filter(|segment| !segment.is_empty());
    let (token, name) = (segments.next(), segments.next());
    let extra = segments.next().is_some();
    let token = token.and_then(|segment| segment.strip_prefix("bot"));
    let method = name.and_then(methods::known);
    let content_type = request.header(CONTENT_TYPE);
    let params = Params::read(content_type, head.uri.query(), &request.body);
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
    let outcome = match (route(&shared, token, method, extra), params) {
        (Err(refusal), _) | (Ok(_), Err(refusal)) => Err(refusal),
        (Ok(method), Ok(params)) => match injected(&shared, method, &call.params).await {
            Some(Failure::Disconnect) => {
                call.answered_in = received.elapsed();
                shared.calls.record(call);
                return Err(Dropped);
            }
            Some(failure) => match failure.refusal() {
                Some(refusal) => Err(refusal),
                None => answer(&shared, method, &params).await,
            },
            None => answer(&shared, method, &params).await,
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
    call.status = status;
    call.response = body;
    call.answered_in = received.elapsed();
    shared.calls.record(call);
    Ok(http::json(status, Bytes::from(text)))
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
