//! An event's announcement is kept current: its platform message ID is recorded when it
//! is posted, answers queue edits of it, and a burst of answers is one edit.

use libtest_mimic::Trial;
use passerelle_core::Hub;
use passerelle_core::model::Platform;
use passerelle_core::outbox::{Destination, Outgoing};

use crate::atomic::say;
use crate::hub::{hub, now, organizer};
use crate::support::Backend;

pub fn trials(backend: Backend) -> Vec<Trial> {
    crate::trials!(
        backend,
        "kept",
        [
            a_burst_of_answers_is_one_edit_of_the_posted_announcement,
            an_edit_waits_for_its_announcement_to_be_posted,
            an_answer_that_changes_no_count_edits_nothing,
            an_edit_tried_once_is_followed_not_rewritten,
        ]
    )
}

async fn organizer_creates(hub: &Hub) {
    organizer(hub, "nadia").await;
    say(
        hub,
        "nadia",
        "/event create Picnic quand=\"jeudi 19h\" places=5",
    )
    .await;
}

async fn claim(hub: &Hub) -> Vec<Outgoing> {
    hub.store()
        .claim_outgoing(Platform::Console, "test", now(), 100)
        .await
        .unwrap()
}

/// Posts what was claimed, as message `posted-ID`.
async fn post(hub: &Hub, claimed: &[Outgoing]) {
    for outgoing in claimed {
        let id = format!("posted-{}", outgoing.id);
        hub.confirm_posted(outgoing, &id, now()).await.unwrap();
    }
}

fn announcement(claimed: &[Outgoing]) -> &Outgoing {
    claimed
        .iter()
        .find(|outgoing| outgoing.message.text.starts_with("New event"))
        .expect("the announcement")
}

async fn a_burst_of_answers_is_one_edit_of_the_posted_announcement(url: String) {
    let hub = hub(&url).await;
    organizer_creates(&hub).await;
    let claimed = claim(&hub).await;
    let first = announcement(&claimed).id;
    post(&hub, &claimed).await;
    for name in ["ali", "bea", "chloe"] {
        say(&hub, name, "/rsvp 1 yes").await;
    }
    let edits = claim(&hub).await;
    assert_eq!(edits.len(), 1, "{edits:?}");
    assert_eq!(
        edits[0].destination,
        Destination::Edit {
            room: "#announcements".into(),
            message: format!("posted-{first}"),
        }
    );
    assert!(
        edits[0]
            .message
            .text
            .contains("Going: 3 · Maybe: 0 · 2 places left"),
        "{}",
        edits[0].message.text
    );
    // After that edit went out, the next answer is an edit again.
    post(&hub, &edits).await;
    say(&hub, "dan", "/rsvp 1 maybe").await;
    let next = claim(&hub).await;
    assert_eq!(next.len(), 1, "{next:?}");
    assert!(next[0].message.text.contains("Maybe: 1"), "{next:?}");
}

async fn an_edit_waits_for_its_announcement_to_be_posted(url: String) {
    let hub = hub(&url).await;
    organizer_creates(&hub).await;
    // A worker holds the announcement, not posted yet, when the answer comes.
    let claimed = claim(&hub).await;
    say(&hub, "ali", "/rsvp 1 yes").await;
    assert!(claim(&hub).await.is_empty(), "the edit waits");
    post(&hub, &claimed).await;
    let edits = claim(&hub).await;
    assert_eq!(edits.len(), 1, "{edits:?}");
    assert!(matches!(edits[0].destination, Destination::Edit { .. }));
    assert!(edits[0].message.text.contains("Going: 1"), "{edits:?}");
}

async fn an_answer_that_changes_no_count_edits_nothing(url: String) {
    let hub = hub(&url).await;
    organizer_creates(&hub).await;
    say(&hub, "ali", "/rsvp 1 yes").await;
    // Not posted yet: the answer rewrote the waiting announcement itself.
    let claimed = claim(&hub).await;
    assert!(
        announcement(&claimed).message.text.contains("Going: 1"),
        "{claimed:?}"
    );
    post(&hub, &claimed).await;
    say(&hub, "ali", "/rsvp 1 yes").await;
    assert!(claim(&hub).await.is_empty(), "the same counts: no edit");
}

/// A try may have reached the platform, which keeps the first text sent under one
/// transaction ID: a newer text after a failed try is a row of its own, and the older
/// one is never sent after it.
async fn an_edit_tried_once_is_followed_not_rewritten(url: String) {
    let hub = hub(&url).await;
    organizer_creates(&hub).await;
    post(&hub, &claim(&hub).await).await;
    say(&hub, "ali", "/rsvp 1 yes").await;
    let tried = claim(&hub).await;
    assert_eq!(tried.len(), 1, "{tried:?}");
    hub.store()
        .report_failure(&tried[0], "test", "timed out", now())
        .await
        .unwrap();
    say(&hub, "bea", "/rsvp 1 yes").await;
    let later = now() + chrono::TimeDelta::minutes(5);
    let claimed = hub
        .store()
        .claim_outgoing(Platform::Console, "test", later, 100)
        .await
        .unwrap();
    assert_eq!(claimed.len(), 1, "only the newest edit goes: {claimed:?}");
    assert_ne!(claimed[0].id, tried[0].id);
    assert!(claimed[0].message.text.contains("Going: 2"), "{claimed:?}");
    post(&hub, &claimed).await;
    let left = hub
        .store()
        .claim_outgoing(Platform::Console, "test", later, 100)
        .await
        .unwrap();
    assert!(left.is_empty(), "the older edit went with it: {left:?}");
}
