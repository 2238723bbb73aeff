//! What platforms push to the process (`POST /telegram/{secret}`, Telegram's webhook;
//! `POST /discord/interactions`, Discord's interactions endpoint), handed whole to the
//! hook the platform's adapter mounted (`passerelle_runtime::hooks`), which checks it.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use passerelle_runtime::hooks::{Found, HookRequest};

use crate::Web;

/// `POST /telegram/{secret}`.
pub(crate) async fn telegram(
    State(web): State<Web>,
    Path(secret): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    pushed(&web, "telegram", secret, &headers, body).await
}

/// `POST /discord/interactions`.
pub(crate) async fn discord(State(web): State<Web>, headers: HeaderMap, body: Bytes) -> Response {
    pushed(&web, "discord", String::new(), &headers, body).await
}

async fn pushed(
    web: &Web,
    platform: &str,
    path: String,
    headers: &HeaderMap,
    body: Bytes,
) -> Response {
    let hook = match web.hooks.find(platform) {
        Found::Hook(hook) => hook,
        Found::NotReady => return StatusCode::SERVICE_UNAVAILABLE.into_response(),
        Found::Unknown => return StatusCode::NOT_FOUND.into_response(),
    };
    let headers = headers
        .iter()
        .filter_map(|(name, value)| {
            Some((name.as_str().to_owned(), value.to_str().ok()?.to_owned()))
        })
        .collect();
    // In a task of its own: a platform that hangs up midway does not cut the handling
    // of what it posted short.
    let answering = tokio::spawn(hook(HookRequest {
        path,
        headers,
        body: body.to_vec(),
    }));
    let Ok(answer) = answering.await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let status = StatusCode::from_u16(answer.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    match answer.json {
        Some(json) => (status, [(CONTENT_TYPE, "application/json")], json).into_response(),
        None => status.into_response(),
    }
}
