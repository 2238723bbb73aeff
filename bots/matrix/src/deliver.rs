//! The outbox on Matrix: how one row the hub queued for this platform (an announcement,
//! an edit of it, a welcome, a DM, a role grant) is sent, and how a failure reads. The
//! shared worker ([`passerelle_runtime::Outbox`]) claims, retries and confirms; Matrix
//! needs no pacing, and a 429 is retried at the homeserver's `retry_after_ms`.

use std::sync::Arc;

use matrix_sdk::ruma::OwnedEventId;
use matrix_sdk::ruma::api::error::{ErrorKind, RetryAfter};
use passerelle_core::outbox::{Destination, Outgoing};
use passerelle_runtime::{Deliver, Failed, Failure, Sent};

use crate::bot::{Bot, resolve, still_there, user_id};

/// Classifies a failure by the homeserver's error code and HTTP status, when it sent one.
pub fn classify(kind: Option<&ErrorKind>, status: Option<u16>) -> Failure {
    match (kind, status) {
        (Some(ErrorKind::LimitExceeded(data)), _) => {
            Failure::RetryAfter(data.retry_after.as_ref().map(|after| {
                match after {
                    RetryAfter::Delay(delay) => *delay,
                    RetryAfter::DateTime(at) => at
                        .duration_since(std::time::SystemTime::now())
                        .unwrap_or_default(),
                }
            }))
        }
        (_, Some(429)) => Failure::RetryAfter(None),
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

/// The bot as the outbox worker's adapter.
#[derive(Debug)]
pub struct Delivery(pub Arc<Bot>);

impl Deliver for Delivery {
    async fn send(&mut self, outgoing: &Outgoing) -> Result<Sent, Failed> {
        send(&self.0, outgoing)
            .await
            .map_err(|error| Failed::new(classify_error(&error), error))
    }
}

/// Sends one row: with the Matrix event ID of what was posted, when it was a message.
async fn send(bot: &Bot, outgoing: &Outgoing) -> Result<Sent, matrix_sdk::Error> {
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
            return Ok(Sent::Done);
        }
        // A request to join granted: on Matrix, an invite into the room. (The adapter
        // does not read knocks yet, so the hub queues none for Matrix today.)
        Destination::Admit(member) => {
            let member = user_id(member).ok_or_else(|| not_found(member))?;
            let room = room_of(&outgoing.message.text).await?;
            if !still_there(&room, &member).await {
                room.invite_user_by_id(&member).await?;
            }
            return Ok(Sent::Done);
        }
    };
    Ok(Sent::Message(posted.to_string()))
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

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
            Failure::RetryAfter(Some(Duration::from_millis(1500)))
        );
        assert_eq!(
            classify(Some(&limited(None)), Some(429)),
            Failure::RetryAfter(None)
        );
        assert_eq!(classify(None, Some(429)), Failure::RetryAfter(None));
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
