//! The outbox on Matrix: claims what the hub queued for this platform (announcements,
//! welcomes, DMs, role grants), sends it, and confirms or reports each message. Rate
//! limits are waited out as the homeserver asks; other failures back off.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};
use matrix_sdk::ruma::OwnedEventId;
use matrix_sdk::ruma::api::error::{ErrorKind, RetryAfter};
use passerelle_core::model::Platform;
use passerelle_core::outbox::{Destination, Outgoing};
use tokio::sync::watch;

use crate::bot::{Bot, resolve, user_id};

/// How many messages one claim takes at most.
const BATCH: u32 = 20;
/// The longest the worker sleeps: another process may queue something meanwhile.
const POLL: Duration = Duration::from_secs(5);
/// The shortest: a message due now but leased to another worker is not busy-waited on.
const MIN_WAIT: Duration = Duration::from_millis(250);

/// What to do after a failed send.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// The homeserver said when to try again (HTTP 429, `retry_after_ms`).
    RetryAt(Option<Duration>),
    /// A network error or a server error: try again after the outbox's backoff.
    Transient,
    /// The homeserver refused it (no such room, not allowed): trying again won't help.
    Permanent,
}

/// Classifies a failure by the homeserver's error code and HTTP status, when it sent one.
pub fn classify(kind: Option<&ErrorKind>, status: Option<u16>) -> Failure {
    match (kind, status) {
        (Some(ErrorKind::LimitExceeded(data)), _) => {
            Failure::RetryAt(data.retry_after.as_ref().map(|after| {
                match after {
                    RetryAfter::Delay(delay) => *delay,
                    RetryAfter::DateTime(at) => at
                        .duration_since(std::time::SystemTime::now())
                        .unwrap_or_default(),
                }
            }))
        }
        (_, Some(429)) => Failure::RetryAt(None),
        (_, Some(status)) if (400..500).contains(&status) && status != 408 => Failure::Permanent,
        _ => Failure::Transient,
    }
}

fn classify_error(error: &matrix_sdk::Error) -> Failure {
    match error {
        matrix_sdk::Error::Http(http) => {
            let api = http.as_client_api_error();
            classify(
                http.client_api_error_kind(),
                api.map(|error| error.status_code.as_u16()),
            )
        }
        matrix_sdk::Error::UnknownError(_) | matrix_sdk::Error::WrongRoomState(_) => {
            Failure::Permanent
        }
        _ => Failure::Transient,
    }
}

/// Delivers due messages until `shutdown`, as worker `worker`.
pub async fn run(bot: Arc<Bot>, worker: String, mut shutdown: watch::Receiver<bool>) {
    let store = bot.hub.store().clone();
    while !*shutdown.borrow_and_update() {
        let now = passerelle_runtime::now();
        match store
            .claim_outgoing(Platform::Matrix, &worker, now, BATCH)
            .await
        {
            Ok(batch) if !batch.is_empty() => {
                for outgoing in batch {
                    deliver_one(&bot, &worker, outgoing).await;
                }
                continue;
            }
            Ok(_) => {}
            Err(error) => tracing::warn!(%error, "cannot read the outbox"),
        }
        let wait = match store.next_due(Platform::Matrix).await {
            Ok(Some(at)) => until(at, now).clamp(MIN_WAIT, POLL),
            _ => POLL,
        };
        tokio::select! {
            () = tokio::time::sleep(wait) => {}
            () = bot.wake.notified() => {}
            _ = shutdown.changed() => {}
        }
    }
}

fn until(at: DateTime<Utc>, now: DateTime<Utc>) -> Duration {
    (at - now).to_std().unwrap_or_default()
}

async fn deliver_one(bot: &Bot, worker: &str, outgoing: Outgoing) {
    let store = bot.hub.store();
    let result = send(bot, &outgoing).await;
    let now = passerelle_runtime::now();
    let reported = match result {
        Ok(posted) => bot
            .hub
            .confirm_posted(&outgoing, posted.as_deref().unwrap_or_default(), now)
            .await
            .map(|()| None)
            .map_err(|passerelle_core::HubError::Store(error)| error),
        Err(error) => {
            let text = error.to_string();
            let outcome = match classify_error(&error) {
                Failure::RetryAt(after) => {
                    let wait = after.unwrap_or(Duration::from_secs(5));
                    let at = now + TimeDelta::from_std(wait).unwrap_or(TimeDelta::seconds(5));
                    store
                        .report_rate_limited(&outgoing, worker, &text, at, now)
                        .await
                }
                Failure::Transient => store.report_failure(&outgoing, worker, &text, now).await,
                Failure::Permanent => {
                    store
                        .report_permanent_failure(&outgoing, worker, &text, now)
                        .await
                }
            };
            outcome.map(Some)
        }
    };
    match reported {
        Ok(None) => tracing::debug!(id = outgoing.id, "delivered"),
        Ok(Some(outcome)) => tracing::info!(id = outgoing.id, ?outcome, "delivery failed"),
        Err(error) => tracing::warn!(%error, id = outgoing.id, "cannot record a delivery"),
    }
}

/// Sends one row; the Matrix event ID of what was posted, when it was a message.
async fn send(bot: &Bot, outgoing: &Outgoing) -> Result<Option<String>, matrix_sdk::Error> {
    // The same for every try of this row: a send that reached the homeserver before a
    // crash or a timeout is not posted twice.
    let txn = format!("psl-out-{}", outgoing.id);
    let not_found = |what: &str| {
        matrix_sdk::Error::UnknownError(format!("{what} is not known on Matrix").into())
    };
    let room_of = |configured: &str| {
        let configured = configured.to_owned();
        async move {
            let id = match bot.rooms.real(&configured) {
                Some(id) => id.to_owned(),
                None => resolve(&bot.client, &configured).await?,
            };
            bot.client
                .get_room(&id)
                .ok_or_else(|| not_found(&configured))
        }
    };
    let posted = match &outgoing.destination {
        Destination::Room(configured) => {
            let room = room_of(configured).await?;
            bot.send(&room, &outgoing.message, None, &txn).await?
        }
        Destination::Edit { room, message } => {
            let room = room_of(room).await?;
            let original = OwnedEventId::try_from(message.as_str())
                .map_err(|error| matrix_sdk::Error::UnknownError(Box::new(error)))?;
            bot.edit(&room, &original, &outgoing.message, &txn).await?
        }
        Destination::Direct(member) => {
            let member = user_id(member).ok_or_else(|| not_found(member))?;
            let room = bot.direct_room(&member).await?;
            bot.send(&room, &outgoing.message, Some(&member), &txn)
                .await?
        }
        Destination::Role(member) => {
            let member = user_id(member).ok_or_else(|| not_found(member))?;
            bot.grant(&member, &outgoing.message.text).await?;
            return Ok(None);
        }
    };
    Ok(Some(posted.to_string()))
}

#[cfg(test)]
mod tests {
    use matrix_sdk::ruma::api::error::LimitExceededErrorData;

    use super::*;

    fn limited(retry_after: Option<RetryAfter>) -> ErrorKind {
        let mut data = LimitExceededErrorData::new();
        data.retry_after = retry_after;
        ErrorKind::LimitExceeded(data)
    }

    #[test]
    fn a_rate_limit_is_waited_out_as_the_server_asks() {
        let kind = limited(Some(RetryAfter::Delay(Duration::from_millis(1500))));
        assert_eq!(
            classify(Some(&kind), Some(429)),
            Failure::RetryAt(Some(Duration::from_millis(1500)))
        );
        assert_eq!(
            classify(Some(&limited(None)), Some(429)),
            Failure::RetryAt(None)
        );
        assert_eq!(classify(None, Some(429)), Failure::RetryAt(None));
    }

    #[test]
    fn refusals_are_permanent_and_the_rest_is_retried() {
        assert_eq!(
            classify(Some(&ErrorKind::Forbidden), Some(403)),
            Failure::Permanent
        );
        assert_eq!(classify(None, Some(404)), Failure::Permanent);
        assert_eq!(classify(None, Some(502)), Failure::Transient);
        assert_eq!(classify(None, Some(408)), Failure::Transient);
        // No answer at all: the network.
        assert_eq!(classify(None, None), Failure::Transient);
    }
}
