//! The incoming path every adapter shares: an [`Incoming`] goes to [`Hub::handle`], the
//! replies for the place it came from are sent there at once, and a reply that cannot
//! be sent goes to the outbox, which retries it: nothing the hub answered is lost. Once
//! they all went, the hub notes it, so a replay of the event does not send them twice.

use std::fmt::Display;
use std::future::Future;
use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};
use passerelle_core::incoming::{Incoming, Place};
use passerelle_core::outbox::{Destination, NewOutgoing};
use passerelle_core::reply::Message;
use passerelle_core::{Hub, HubError};

/// Which reply to an event a message is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// The hub's reply number `n` (from 0): the same on every replay of the event, so a
    /// platform that dedupes by transaction ID keeps one copy.
    Reply(usize),
    /// What is said when the hub failed on the event. Not a reply a replay gives: once
    /// the event goes through, the real answer must not be taken for it.
    Failure,
}

/// How an adapter answers in the place an event came from.
pub trait Here {
    type Error: Display;

    /// Sends `message` where the event was said.
    fn send(
        &mut self,
        message: &Message,
        answer: Answer,
    ) -> impl Future<Output = Result<(), Self::Error>>;

    /// What the hub answered, before any of it is sent: a platform that acknowledges the
    /// event itself (a Telegram button press) does it here, as early as it can.
    fn answered(&mut self, _replies: &[Message]) -> impl Future<Output = ()> {
        async {}
    }

    /// How long the platform asked to wait before writing there again, when `error` says
    /// so (a 429): what could not be sent is queued for then.
    fn wait_asked(_error: &Self::Error) -> Option<Duration> {
        None
    }
}

/// What came of handling one event.
#[derive(Debug, Default)]
pub struct Handled {
    /// Replies sent in the place of the event.
    pub sent: usize,
    /// Replies that could not be sent there and went to the outbox.
    pub queued: usize,
    /// The hub failed on the event: `here` was given the failure reply instead.
    pub error: Option<HubError>,
}

/// Hands `incoming` to the hub at `now` and sends its replies through `here`, in order.
/// When the hub fails, `here` gets [`Hub::failure_reply`] and the error is returned in
/// [`Handled::error`] for the adapter to report; when it breaks (a panic), the event is
/// also set aside ([`Hub::set_aside`]) so that a replay skips it. A reply that `here`
/// cannot send is queued for the same place.
pub async fn handle<H: Here>(
    hub: &Hub,
    incoming: &Incoming,
    now: DateTime<Utc>,
    here: &mut H,
) -> Handled {
    let started = std::time::Instant::now();
    let (replies, error) = match crate::guard::guarded(hub.handle(incoming, now)).await {
        Ok(Ok(replies)) => (replies, None),
        Ok(Err(error)) => {
            crate::METRICS.store_errors.inc();
            (vec![hub.failure_reply(&error)], Some(error))
        }
        Err(panic) => {
            // A bug: the same event would trip it again, so it is set aside.
            tracing::error!(
                event = incoming.id,
                panic,
                "the hub broke on an event; set aside"
            );
            if let Err(error) = hub.set_aside(incoming, now).await {
                tracing::warn!(%error, event = incoming.id, "cannot set the event aside");
            }
            let error = HubError::Bug(panic);
            (vec![hub.failure_reply(&error)], Some(error))
        }
    };
    if let Some(command) = command_of(incoming) {
        crate::METRICS.command(incoming.platform.as_str(), command, started.elapsed());
    }
    here.answered(&replies).await;
    let mut handled = Handled {
        error,
        ..Handled::default()
    };
    // Once a reply could not be sent, the ones after it are queued behind it, in order.
    let mut queue_from: Option<DateTime<Utc>> = None;
    // Whether every reply was sent or queued: only then may a replay stop sending them.
    let mut kept = true;
    for (index, reply) in replies.into_iter().enumerate() {
        let answer = match handled.error {
            None => Answer::Reply(index),
            Some(_) => Answer::Failure,
        };
        if let Some(at) = queue_from {
            kept &= queue(hub, incoming, reply, at, now).await;
            handled.queued += 1;
            continue;
        }
        match here.send(&reply, answer).await {
            Ok(()) => handled.sent += 1,
            Err(error) => {
                tracing::warn!(%error, event = incoming.id, "a reply could not be sent, queued");
                let wait = H::wait_asked(&error).and_then(|wait| TimeDelta::from_std(wait).ok());
                let at = now + wait.unwrap_or_default();
                kept &= queue(hub, incoming, reply, at, now).await;
                queue_from = Some(at);
                handled.queued += 1;
            }
        }
    }
    // Every reply was sent or queued: a replay of the event must not send them again.
    if handled.error.is_none()
        && kept
        && handled.sent + handled.queued > 0
        && let Err(error) = hub.replies_delivered(incoming).await
    {
        tracing::warn!(%error, event = incoming.id, "cannot note that replies went");
    }
    handled
}

/// Hands a reply that could not be sent to the outbox, for the place of `incoming` (in
/// private, if it was for the asker alone), due `at`; whether it is there.
async fn queue(
    hub: &Hub,
    incoming: &Incoming,
    message: Message,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> bool {
    let destination = match &incoming.place {
        // What was for the asker alone is not posted for the room to see: it waits for
        // them in private instead.
        Place::Room(_) if message.asker_only => {
            Destination::Direct(incoming.sender.user_id.clone())
        }
        Place::Room(room) => Destination::Room(room.clone()),
        Place::Direct => Destination::Direct(incoming.sender.user_id.clone()),
    };
    let queued = NewOutgoing {
        platform: incoming.platform,
        destination,
        member: None,
        about: None,
        message,
        not_before: at,
    };
    match hub.enqueue(queued, now).await {
        Ok(()) => true,
        Err(error) => {
            tracing::error!(%error, event = incoming.id, "a reply could neither be sent nor queued");
            false
        }
    }
}

/// The catalog's name of the command `incoming` runs, if it runs one.
fn command_of(incoming: &Incoming) -> Option<&'static str> {
    use passerelle_core::command::{CommandName, invoked};
    use passerelle_core::incoming::Event;
    match &incoming.event {
        Event::Message(text) | Event::ChoicePicked(text) => invoked(text).map(CommandName::as_str),
        Event::Invoked(invocation) => {
            CommandName::find(&invocation.command).map(CommandName::as_str)
        }
        _ => None,
    }
}
