//! The shared outbox worker against a real SQLite store, through a fake adapter: what
//! each verdict does to the row, and pacing.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test code: a panic is a failure with its reason.

mod support;

use std::collections::VecDeque;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};
use passerelle_core::Hub;
use passerelle_core::model::{Identity, Platform, Role};
use passerelle_core::outbox::{self, Destination, NewOutgoing, Outgoing};
use passerelle_core::reply::Message;
use passerelle_runtime::{Deliver, Failed, Failure, Outbox, Pacing, Rate, Sent};
use tokio::sync::{Notify, watch};
use tokio::time::Instant;

use support::{due_at, hub, says, t0};

fn to(destination: Destination, text: &str) -> NewOutgoing {
    NewOutgoing {
        platform: Platform::Console,
        destination,
        member: None,
        about: None,
        message: Message::text(text),
        not_before: t0(),
    }
}

fn room(id: &str) -> Destination {
    Destination::Room(id.into())
}

async fn queue(hub: &Hub, messages: &[NewOutgoing]) {
    let community = hub.store().sync_community(hub.community(), t0()).await;
    let community = community.unwrap();
    hub.store()
        .enqueue(community, messages, t0())
        .await
        .unwrap();
}

/// Queues one message of each of `texts` to `destination`, in order.
async fn queue_texts(hub: &Hub, destination: Destination, texts: &[&str]) {
    let messages: Vec<NewOutgoing> = texts
        .iter()
        .map(|text| to(destination.clone(), text))
        .collect();
    queue(hub, &messages).await;
}

/// A platform that answers each send with the next verdict of its script, then with
/// "posted" for good; it keeps what it was handed, and when.
#[derive(Default)]
struct Fake {
    script: VecDeque<Result<Sent, Failed>>,
    sent: Vec<(Instant, Outgoing)>,
}

impl Fake {
    fn answering(script: impl IntoIterator<Item = Result<Sent, Failed>>) -> Self {
        Self {
            script: script.into_iter().collect(),
            sent: Vec::new(),
        }
    }

    fn failing(failure: Failure) -> Self {
        Self::answering([Err(Failed::new(failure, "no"))])
    }
}

impl Deliver for Fake {
    async fn send(&mut self, outgoing: &Outgoing) -> Result<Sent, Failed> {
        self.sent.push((Instant::now(), outgoing.clone()));
        let posted = Sent::Message(format!("m-{}", outgoing.id));
        self.script.pop_front().unwrap_or(Ok(posted))
    }
}

/// How many messages wait, given-up ones aside.
async fn pending(hub: &Hub) -> u64 {
    hub.store()
        .pending_outgoing(Platform::Console)
        .await
        .unwrap()
}

/// A DM to `member` tried once at t0, and failed with `failure`.
async fn failed_once(hub: &Hub, member: &str, failure: Failure) -> (Outbox, Fake) {
    queue_texts(hub, Destination::Direct(member.into()), &["hello"]).await;
    let (mut outbox, mut fake) = (console(hub), Fake::failing(failure));
    deliver(&mut outbox, &mut fake, t0()).await;
    (outbox, fake)
}

/// One pass at `at`, on a clock that stays there.
async fn deliver(outbox: &mut Outbox, fake: &mut Fake, at: DateTime<Utc>) {
    outbox.deliver_due(fake, || at).await.unwrap();
}

/// A pass on the system clock, at one message per `per` in each room: the worker, and
/// what it sent.
async fn one_a_room_per(hub: &Hub, per: Duration) -> (Outbox, Fake) {
    let pacing = Pacing {
        room: vec![Rate::new(1, per)],
        ..Pacing::none()
    };
    let mut outbox = console(hub).pacing(pacing);
    let mut fake = Fake::default();
    outbox.deliver_due(&mut fake, Utc::now).await.unwrap();
    (outbox, fake)
}

fn console(hub: &Hub) -> Outbox {
    Outbox::new(hub.clone(), Platform::Console, "worker")
}

/// A platform that takes `delay` to answer each send, and notes before each how many
/// messages were still in the outbox.
struct Slow {
    hub: Hub,
    delay: Duration,
    waiting: Vec<u64>,
}

impl Deliver for Slow {
    async fn send(&mut self, _: &Outgoing) -> Result<Sent, Failed> {
        self.waiting.push(pending(&self.hub).await);
        tokio::time::sleep(self.delay).await;
        Ok(Sent::Done)
    }
}

#[tokio::test]
async fn a_send_slower_than_the_confirmation_window_is_confirmed_before_the_next() {
    let (hub, _folder) = hub().await;
    queue_texts(&hub, room("#general"), &["one", "two", "three"]).await;
    let mut slow = Slow {
        hub: hub.clone(),
        delay: Duration::from_millis(60),
        waiting: Vec::new(),
    };
    assert!(slow.delay > passerelle_runtime::outbox::CONFIRM_WITHIN);
    let mut outbox = console(&hub);
    outbox.deliver_due(&mut slow, Utc::now).await.unwrap();
    // Each had left the outbox before the next was sent: a crash resends none of them.
    assert_eq!(slow.waiting, [3, 2, 1]);
    assert_eq!((pending(&hub).await, outbox.counters().delivered()), (0, 3));
}

#[tokio::test]
async fn a_delivered_message_leaves_and_its_edits_replace_the_posted_one() {
    let (hub, _folder) = hub().await;
    let nadia = Identity {
        platform: Platform::Console,
        user_id: "nadia".into(),
        display_name: "Nadia".into(),
    };
    hub.grant_role(&nadia, Role::Organizer, t0()).await.unwrap();
    let create = "/event create Picnic when=\"2026-03-07 12:00\"";
    hub.handle(&says("nadia", create), t0()).await.unwrap();
    let (mut outbox, mut fake) = (console(&hub), Fake::default());
    deliver(&mut outbox, &mut fake, t0()).await;
    let announcement = fake.sent[0].1.clone();
    assert!(
        announcement.message.text.starts_with("New event"),
        "{announcement:?}"
    );
    assert_eq!(pending(&hub).await, 0);
    assert_eq!(outbox.counters().delivered(), 1);

    hub.handle(&says("ali", "/rsvp 1 yes"), t0()).await.unwrap();
    deliver(&mut outbox, &mut fake, t0()).await;
    let posted = format!("m-{}", announcement.id);
    let edit = Destination::Edit {
        room: "#general".into(),
        message: posted,
    };
    assert_eq!(
        fake.sent[1].1.destination, edit,
        "the ID it was confirmed with"
    );
    assert_eq!(outbox.counters().delivered(), 2);
}

#[tokio::test]
async fn a_rate_limited_message_waits_as_long_as_the_platform_asks() {
    let (hub, _folder) = hub().await;
    queue_texts(&hub, room("#general"), &["asked"]).await;
    queue_texts(&hub, room("#welcome"), &["default"]).await;
    let asked = Err(Failed::new(
        Failure::RetryAfter(Some(Duration::from_secs(30))),
        "429",
    ));
    let default = Err(Failed::new(Failure::RetryAfter(None), "429"));
    let (mut outbox, mut fake) = (console(&hub), Fake::answering([asked, default]));
    deliver(&mut outbox, &mut fake, t0()).await;
    assert_eq!(outbox.counters().rate_limited(), 2);
    // Without a delay from the platform, 5 s; never the backoff.
    assert!(
        due_at(&hub, t0() + TimeDelta::milliseconds(4999))
            .await
            .is_empty()
    );
    let texts = |due: &[Outgoing]| {
        due.iter()
            .map(|o| o.message.text.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        texts(&due_at(&hub, t0() + TimeDelta::seconds(5)).await),
        ["default"]
    );
    assert!(
        due_at(&hub, t0() + TimeDelta::milliseconds(29_999))
            .await
            .is_empty()
    );
    assert_eq!(
        texts(&due_at(&hub, t0() + TimeDelta::seconds(30)).await),
        ["asked"]
    );
}

#[tokio::test]
async fn after_a_rate_limit_the_next_messages_to_that_place_wait_untried() {
    let (hub, _folder) = hub().await;
    queue_texts(&hub, room("#general"), &["first", "second"]).await;
    queue_texts(&hub, room("#welcome"), &["elsewhere"]).await;
    let limited = Err(Failed::new(
        Failure::RetryAfter(Some(Duration::from_secs(30))),
        "429",
    ));
    let (mut outbox, mut fake) = (console(&hub), Fake::answering([limited]));
    deliver(&mut outbox, &mut fake, t0()).await;
    let tried: Vec<&str> = fake
        .sent
        .iter()
        .map(|(_, o)| o.message.text.as_str())
        .collect();
    assert_eq!(tried, ["first", "elsewhere"], "the second was not tried");
    assert_eq!(outbox.counters().rate_limited(), 1);
    let due = due_at(&hub, t0() + TimeDelta::seconds(30)).await;
    let texts: Vec<&str> = due.iter().map(|o| o.message.text.as_str()).collect();
    assert_eq!(texts, ["first", "second"], "in their order, when asked");
}

#[tokio::test]
async fn a_transient_failure_backs_off() {
    let (hub, _folder) = hub().await;
    let (mut outbox, mut fake) = failed_once(&hub, "bob", Failure::Transient).await;
    assert_eq!(fake.sent.len(), 1, "tried once in the pass");
    assert_eq!(outbox.counters().failed(), 1);
    let backoff = outbox::retry_delay(1).unwrap();
    assert!(
        due_at(&hub, t0() + backoff - TimeDelta::milliseconds(1))
            .await
            .is_empty()
    );
    deliver(&mut outbox, &mut fake, t0() + backoff).await;
    assert_eq!(fake.sent[1].1.attempt, 2);
    assert_eq!(pending(&hub).await, 0);
}

#[tokio::test]
async fn a_permanent_failure_is_set_aside() {
    let (hub, _folder) = hub().await;
    let (outbox, _) = failed_once(&hub, "blocked", Failure::Permanent).await;
    assert_eq!(outbox.counters().given_up(), 1);
    assert_eq!(pending(&hub).await, 0);
    assert!(due_at(&hub, t0() + TimeDelta::days(30)).await.is_empty());
}

#[tokio::test]
async fn a_halted_adapter_records_nothing_and_the_lease_holds() {
    let (hub, _folder) = hub().await;
    queue(
        &hub,
        &[to(room("#general"), "one"), to(room("#general"), "two")],
    )
    .await;
    let (mut outbox, mut fake) = (console(&hub), Fake::failing(Failure::Halt));
    deliver(&mut outbox, &mut fake, t0()).await;
    assert_eq!(fake.sent.len(), 1, "the pass stops at the halt");
    assert!(
        due_at(&hub, t0() + outbox::LEASE - TimeDelta::seconds(1))
            .await
            .is_empty()
    );
    let after = due_at(&hub, t0() + outbox::LEASE).await;
    assert_eq!(after.len(), 2);
    assert_eq!(after[0].attempt, 2, "as after a crash, the claim was a try");
}

#[tokio::test]
async fn sends_to_one_room_are_spaced_and_the_platform_rate_holds() {
    let (hub, _folder) = hub().await;
    let mut messages: Vec<NewOutgoing> = (0..3)
        .map(|n| to(room("#slow"), &format!("s{n}")))
        .collect();
    messages.extend((0..6).map(|n| to(room(&format!("#r{n}")), &format!("r{n}"))));
    queue(&hub, &messages).await;
    let step = Duration::from_millis(200);
    let pacing = Pacing {
        room: vec![Rate::new(1, step)],
        direct: Vec::new(),
        platform: vec![Rate::new(3, step)],
    };
    let mut outbox = console(&hub).pacing(pacing);
    let mut fake = Fake::default();
    outbox.deliver_due(&mut fake, Utc::now).await.unwrap();
    assert_eq!(fake.sent.len(), 9);
    // The fake reads the clock a moment after the worker does: allow for that moment.
    let window = step - Duration::from_millis(50);
    let slow: Vec<Instant> = fake
        .sent
        .iter()
        .filter(|(_, outgoing)| outgoing.destination == room("#slow"))
        .map(|(at, _)| *at)
        .collect();
    for pair in slow.windows(2) {
        assert!(pair[1] - pair[0] >= window, "{slow:?}");
    }
    for (at, _) in &fake.sent {
        let in_window = fake
            .sent
            .iter()
            .filter(|(other, _)| *other <= *at && *at - *other < window)
            .count();
        assert!(in_window <= 3, "more than 3 sends within {window:?}");
    }
}

#[tokio::test]
async fn a_message_beyond_the_pace_horizon_goes_back_untried() {
    let (hub, _folder) = hub().await;
    queue_texts(&hub, room("#general"), &["first", "second"]).await;
    let (mut outbox, mut fake) = one_a_room_per(&hub, Duration::from_secs(3600)).await;
    assert_eq!(fake.sent.len(), 1);
    assert_eq!(outbox.counters().deferred(), 1);
    // A newer message to that room goes behind it, not before.
    queue_texts(&hub, room("#general"), &["third"]).await;
    outbox.deliver_due(&mut fake, Utc::now).await.unwrap();
    assert_eq!(fake.sent.len(), 1);
    assert_eq!(outbox.counters().deferred(), 2);
    let soon = Utc::now() + TimeDelta::minutes(59);
    assert!(
        due_at(&hub, soon).await.is_empty(),
        "due when its pace allows"
    );
    let later = due_at(&hub, Utc::now() + TimeDelta::minutes(61)).await;
    let texts: Vec<&str> = later.iter().map(|row| row.message.text.as_str()).collect();
    assert_eq!(texts, ["second", "third"]);
    assert_eq!(later[0].attempt, 1, "going back is not a try");
}

#[tokio::test]
async fn a_paced_room_does_not_hold_up_the_others() {
    let (hub, _folder) = hub().await;
    queue_texts(&hub, room("#slow"), &["s1", "s2", "s3"]).await;
    queue_texts(&hub, room("#fast"), &["f1"]).await;
    let (_, fake) = one_a_room_per(&hub, Duration::from_millis(200)).await;
    let order: Vec<&str> = fake
        .sent
        .iter()
        .map(|(_, row)| row.message.text.as_str())
        .collect();
    assert_eq!(order, ["s1", "f1", "s2", "s3"]);
}

#[tokio::test]
async fn the_worker_delivers_when_woken_and_stops_on_shutdown() {
    let (hub, _folder) = hub().await;
    let wake = Arc::new(Notify::new());
    let (stop, shutdown) = watch::channel(false);
    let outbox = Outbox::new(hub.clone(), Platform::Console, "runner");
    let counters = outbox.counters();
    let worker = tokio::spawn(outbox.run(Fake::default(), wake.clone(), shutdown));
    queue_texts(&hub, room("#general"), &["now"]).await;
    wake.notify_one();
    for _ in 0..200 {
        if counters.delivered() == 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(counters.delivered(), 1);
    stop.send_replace(true);
    let counted = worker.await.unwrap();
    assert_eq!(counted.delivered(), 1);
}
