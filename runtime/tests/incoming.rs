//! The shared incoming path against a real SQLite store: replies for here are sent in
//! order, a reply that cannot be sent is queued, a failing hub gets its failure reply,
//! a replayed event is not answered twice once its replies went.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test code: a panic is a failure with its reason.

mod support;

use std::convert::Infallible;

use passerelle_core::outbox::Destination;
use passerelle_core::reply::Message;
use passerelle_runtime::{Answer, Here, incoming};

use support::{due_at, due_on, hub, says, t0};

/// A place that takes `room` replies, then refuses.
struct Room1 {
    room: usize,
    answers: Vec<Answer>,
}

impl Here for Room1 {
    type Error = &'static str;

    async fn send(&mut self, _: &Message, answer: Answer) -> Result<(), Self::Error> {
        self.answers.push(answer);
        match self.room.checked_sub(1) {
            Some(left) => {
                self.room = left;
                Ok(())
            }
            None => Err("the room is unreachable"),
        }
    }
}

#[tokio::test]
async fn a_reply_that_cannot_be_sent_goes_to_the_outbox() {
    let (hub, _folder) = hub().await;
    let mut here = Room1 {
        room: 0,
        answers: Vec::new(),
    };
    let handled = incoming::handle(&hub, &says("bob", "/help"), t0(), &mut here).await;
    assert_eq!((handled.sent, handled.queued), (0, 1));
    assert!(handled.error.is_none());
    assert_eq!(here.answers, [Answer::Reply(0)]);
    let queued = due_at(&hub, t0()).await;
    assert_eq!(queued.len(), 1);
    assert_eq!(queued[0].destination, Destination::Room("#general".into()));
    assert!(queued[0].message.text.contains("/help"), "{queued:?}");
}

#[tokio::test]
async fn a_reply_for_the_asker_alone_that_cannot_be_sent_waits_for_them_in_private() {
    let (hub, _folder) = hub().await;
    let mut here = Room1 {
        room: 0,
        answers: Vec::new(),
    };
    // A slash command in a room, on a platform that can answer the asker alone there:
    // their profile card is for them only.
    let mut asked = says("bob", "");
    asked.platform = passerelle_core::model::Platform::Discord;
    asked.event =
        passerelle_core::incoming::Event::Invoked(passerelle_core::incoming::Invocation {
            command: "profile".into(),
            sub: None,
            options: Vec::new(),
        });
    let handled = incoming::handle(&hub, &asked, t0(), &mut here).await;
    assert_eq!(
        (handled.sent, handled.queued),
        (0, 1),
        "{:?}",
        handled.error
    );
    let queued = due_on(&hub, passerelle_core::model::Platform::Discord, t0()).await;
    assert_eq!(queued.len(), 1);
    assert_eq!(queued[0].destination, Destination::Direct("bob".into()));
    assert!(queued[0].message.asker_only, "{queued:?}");
}

#[tokio::test]
async fn a_failing_hub_gets_the_failure_reply() {
    let (hub, _folder) = hub().await;
    hub.store().close().await;
    let mut here = Room1 {
        room: 1,
        answers: Vec::new(),
    };
    let handled = incoming::handle(&hub, &says("bob", "/help"), t0(), &mut here).await;
    assert!(handled.error.is_some());
    assert_eq!((handled.sent, handled.queued), (1, 0));
    assert_eq!(here.answers, [Answer::Failure]);
}

/// The console's kind of place: it cannot fail.
struct Screen(Vec<String>);

impl Here for Screen {
    type Error = Infallible;

    async fn send(&mut self, message: &Message, _: Answer) -> Result<(), Infallible> {
        self.0.push(message.text.clone());
        Ok(())
    }
}

#[tokio::test]
async fn replies_for_here_are_sent_in_order() {
    let (hub, _folder) = hub().await;
    let mut screen = Screen(Vec::new());
    let handled = incoming::handle(&hub, &says("bob", "/help"), t0(), &mut screen).await;
    assert_eq!(handled.sent, screen.0.len());
    assert!(handled.sent >= 1 && handled.queued == 0);
    assert!(due_at(&hub, t0()).await.is_empty());
}

#[tokio::test]
async fn a_replay_after_the_replies_went_is_not_answered_again() {
    let (hub, _folder) = hub().await;
    let mut asked = says("bob", "/help");
    asked.id = Some("update-7".into());
    // Handled, but the process died before it could send the replies: the replay
    // sends them.
    let replies = hub.handle(&asked, t0()).await.unwrap();
    assert!(!replies.is_empty());
    let mut screen = Screen(Vec::new());
    incoming::handle(&hub, &asked, t0(), &mut screen).await;
    assert_eq!(
        screen.0,
        replies.iter().map(|m| m.text.clone()).collect::<Vec<_>>()
    );
    // Sent this time: a second replay says nothing.
    let mut again = Screen(Vec::new());
    let handled = incoming::handle(&hub, &asked, t0(), &mut again).await;
    assert_eq!(handled.sent, 0);
    assert!(again.0.is_empty(), "{:?}", again.0);
}

/// A place that asks to wait (a 429) at the first reply.
struct Busy;

impl Here for Busy {
    type Error = &'static str;

    async fn send(&mut self, _: &Message, _: Answer) -> Result<(), Self::Error> {
        Err("too many requests")
    }

    fn wait_asked(_: &Self::Error) -> Option<std::time::Duration> {
        Some(std::time::Duration::from_secs(8))
    }
}

#[tokio::test]
async fn replies_the_platform_asked_to_hold_wait_as_long_in_order() {
    let (hub, _folder) = hub().await;
    // /help in private: the whole list, which comes as one message per part.
    let mut asked = says("bob", "/help");
    asked.place = passerelle_core::incoming::Place::Direct;
    let replies = hub.handle(&asked, t0()).await.unwrap();
    let handled = incoming::handle(&hub, &asked, t0(), &mut Busy).await;
    assert_eq!((handled.sent, handled.queued), (0, replies.len()));
    assert!(
        due_at(&hub, t0()).await.is_empty(),
        "nothing before the wait"
    );
    let later = due_at(&hub, t0() + chrono::TimeDelta::seconds(8)).await;
    let texts: Vec<String> = later.iter().map(|o| o.message.text.clone()).collect();
    assert_eq!(
        texts,
        replies.iter().map(|m| m.text.clone()).collect::<Vec<_>>()
    );
}
