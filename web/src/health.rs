//! `/healthz`, the process is up; `/readyz`, it can do its work: the database answers,
//! every adapter is connected, and no message for one of them has waited in the outbox
//! past [`STUCK_AFTER`] (JSON with each part's state, `503` when not ready); `/metrics`, what
//! the process counted ([`passerelle_runtime::METRICS`]) and the outbox's backlog, in
//! Prometheus's text format.

use std::time::Duration;

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use chrono::{TimeDelta, Utc};
use passerelle_runtime::METRICS;
use serde_json::{Map, Value, json};

use crate::Web;

/// How long a due message may wait before the outbox counts as stuck.
pub const STUCK_AFTER: TimeDelta = TimeDelta::minutes(5);
/// How long the database has to answer.
const DATABASE_WITHIN: Duration = Duration::from_secs(2);

pub async fn alive() -> Response {
    Json(json!({ "status": "up" })).into_response()
}

pub async fn ready(State(web): State<Web>) -> Response {
    let store = web.hub.store();
    let now = Utc::now();
    let database = tokio::time::timeout(DATABASE_WITHIN, store.ping()).await;
    let database_up = matches!(database, Ok(Ok(())));
    let mut ready = database_up;
    let mut adapters = Map::new();
    let parts = web.health.parts();
    for (name, up) in &parts {
        ready &= *up;
        adapters.insert(name.clone(), json!(if *up { "up" } else { "down" }));
    }
    let mut outbox = Map::new();
    if database_up
        && let Ok(Ok(backlog)) = tokio::time::timeout(DATABASE_WITHIN, store.backlog(now)).await
    {
        for waiting in backlog {
            let age = waiting
                .oldest
                .map(|oldest| now - oldest)
                .unwrap_or_default();
            let stuck = is_stuck(&waiting.platform, age, &parts);
            ready &= !stuck;
            outbox.insert(
                waiting.platform,
                json!({ "due": waiting.due, "oldest_seconds": age.num_seconds(), "stuck": stuck }),
            );
        }
    }
    let body = json!({
        "status": if ready { "ready" } else { "not ready" },
        "database": if database_up { "up" } else { "down" },
        "adapters": Value::Object(adapters),
        "outbox": Value::Object(outbox),
    });
    let status = if ready {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (status, Json(body)).into_response()
}

/// Whether messages for `platform` waiting `age` mean the outbox is stuck: only for a
/// platform this process delivers to (one it has no adapter for waits for another).
fn is_stuck(platform: &str, age: TimeDelta, parts: &[(String, bool)]) -> bool {
    age > STUCK_AFTER
        && parts
            .iter()
            .any(|(name, _)| name.eq_ignore_ascii_case(platform))
}

/// `/metrics`: the process's counts, and the outbox's backlog read now.
pub async fn metrics(State(web): State<Web>) -> Response {
    let now = Utc::now();
    match tokio::time::timeout(DATABASE_WITHIN, web.hub.store().backlog(now)).await {
        Ok(Ok(backlog)) => METRICS.set_backlog(backlog.into_iter().map(|waiting| {
            let age = waiting
                .oldest
                .map(|oldest| now - oldest)
                .unwrap_or_default();
            (
                waiting.platform,
                waiting.due,
                age.to_std().unwrap_or_default(),
            )
        })),
        _ => tracing::warn!("the outbox's backlog could not be read for the metrics"),
    }
    (
        [(
            CONTENT_TYPE,
            "application/openmetrics-text; version=1.0.0; charset=utf-8",
        )],
        METRICS.encode(),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_platform_served_here_can_be_stuck() {
        let parts = [("Telegram".to_owned(), true), ("Web".to_owned(), true)];
        let long = STUCK_AFTER + TimeDelta::seconds(1);
        assert!(is_stuck("telegram", long, &parts));
        assert!(!is_stuck("telegram", STUCK_AFTER, &parts));
        assert!(!is_stuck("matrix", long, &parts), "no Matrix adapter here");
    }
}
