//! Requests to join a room that lets nobody in unasked: what the hub queues, in what
//! order, for each way of deciding (the community of the transcripts has a rules gate).

use chrono::TimeDelta;
use libtest_mimic::Trial;
use passerelle_core::Hub;
use passerelle_core::incoming::{Admission, Event, Incoming, Place};
use passerelle_core::model::Platform;
use passerelle_core::outbox::{Destination, Outgoing};
use passerelle_test_support::says;

use crate::hub::{hub, hub_with, now};
use crate::support::Backend;

pub fn trials(backend: Backend) -> Vec<Trial> {
    crate::trials!(
        backend,
        "join_requests",
        [
            a_request_waits_for_the_rules_then_the_newcomer_is_let_in_and_greeted,
            let_in_at_once_the_questions_go_before_the_door_opens,
            without_a_rules_gate_the_questionnaire_lets_them_in_at_once,
            when_admins_decide_only_the_welcome_team_is_told,
            asking_again_before_accepting_brings_the_rules_back,
            requests_left_waiting_past_the_window_are_given_up,
        ]
    )
}

/// Amina asks to enter `#general`, `minutes` after the start.
async fn amina_asks(hub: &Hub, admission: Admission, minutes: i64) {
    let mut asked = says("amina", "");
    asked.sender.display_name = "Amina".into();
    asked.event = Event::AskedToJoin(admission);
    let said = hub
        .handle(&asked, now() + TimeDelta::minutes(minutes))
        .await
        .expect("handled");
    assert!(said.is_empty(), "a request is no message: {said:?}");
}

/// Amina says `text` in private.
async fn amina_says(hub: &Hub, text: &str, minutes: i64) -> Vec<String> {
    let mut said = says("amina", text);
    said.sender.display_name = "Amina".into();
    said.place = Place::Direct;
    let at = now() + TimeDelta::minutes(minutes);
    let replies = hub.handle(&said, at).await.expect("handled");
    replies.into_iter().map(|message| message.text).collect()
}

/// What the hub queued for the console since the last look, in the order it goes; each
/// row confirmed as delivered.
async fn queued(hub: &Hub, minutes: i64) -> Vec<Outgoing> {
    let claimed = hub
        .store()
        .claim_outgoing(
            Platform::Console,
            "test",
            now() + TimeDelta::minutes(minutes),
            100,
        )
        .await
        .expect("claimed");
    for outgoing in &claimed {
        hub.store()
            .confirm_delivery(outgoing.id)
            .await
            .expect("confirmed");
    }
    claimed
}

/// Each queued row as `kind destination: text`, the text cut short.
fn lines(queued: &[Outgoing]) -> Vec<String> {
    queued
        .iter()
        .map(|outgoing| {
            let (kind, to) = match &outgoing.destination {
                Destination::Room(room) => ("room", room),
                Destination::Direct(user) => ("direct", user),
                Destination::Role(user) => ("role", user),
                Destination::Admit(user) => ("admit", user),
                Destination::Edit { room, .. } => ("edit", room),
            };
            let text: String = outgoing.message.text.chars().take(40).collect();
            format!("{kind} {to}: {text}")
        })
        .collect()
}

fn position(lines: &[String], start: &str) -> usize {
    lines
        .iter()
        .position(|line| line.starts_with(start))
        .unwrap_or_else(|| panic!("no `{start}…` in {lines:#?}"))
}

async fn a_request_waits_for_the_rules_then_the_newcomer_is_let_in_and_greeted(url: String) {
    let hub = hub(&url).await;
    amina_asks(&hub, Admission::AfterRules, 0).await;
    let first = lines(&queued(&hub, 0).await);
    assert!(first[0].starts_with("direct amina: Hi Amina"), "{first:#?}");
    assert!(first[1].starts_with("direct amina: (1/"), "{first:#?}");
    position(&first, "room #welcome-team: 🚪 Amina asked to join");
    assert!(
        !first
            .iter()
            .any(|line| line.starts_with("admit") || line.starts_with("room #general")),
        "nobody lets her in before she accepts the rules: {first:#?}"
    );

    let accepted = amina_says(&hub, "/accept", 2).await;
    assert!(accepted[0].contains("accepting the rules"), "{accepted:?}");
    let then = lines(&queued(&hub, 2).await);
    let admitted = position(&then, "admit amina: #general");
    let greeted = position(&then, "room #general: Welcome to Paris Newcomers, Amina");
    assert!(admitted < greeted, "{then:#?}");

    // Telegram then says she joined: she is not new any more, nothing is said twice.
    let mut joined: Incoming = says("amina", "");
    joined.event = Event::Joined;
    hub.handle(&joined, now() + TimeDelta::minutes(3))
        .await
        .expect("joined");
    assert_eq!(lines(&queued(&hub, 3).await), Vec::<String>::new());
    // Accepting again lets nobody in twice.
    amina_says(&hub, "/accept", 4).await;
    assert!(
        !lines(&queued(&hub, 4).await)
            .iter()
            .any(|line| line.starts_with("admit")),
    );
}

async fn let_in_at_once_the_questions_go_before_the_door_opens(url: String) {
    let hub = hub(&url).await;
    amina_asks(&hub, Admission::AtOnce, 0).await;
    let queued = lines(&queued(&hub, 0).await);
    let question = position(&queued, "direct amina: (1/");
    let admitted = position(&queued, "admit amina: #general");
    let greeted = position(&queued, "room #general: ");
    assert!(question < admitted && admitted < greeted, "{queued:#?}");
    position(&queued, "room #welcome-team: 🆕 Amina joined");
}

async fn without_a_rules_gate_the_questionnaire_lets_them_in_at_once(url: String) {
    let hub = hub_with(&url, |community| community.onboarding.rules = None).await;
    amina_asks(&hub, Admission::AfterRules, 0).await;
    let queued = lines(&queued(&hub, 0).await);
    let question = position(&queued, "direct amina: (1/");
    let admitted = position(&queued, "admit amina: #general");
    assert!(question < admitted, "{queued:#?}");
}

async fn when_admins_decide_only_the_welcome_team_is_told(url: String) {
    let hub = hub(&url).await;
    amina_asks(&hub, Admission::ByAdmins, 0).await;
    let queued_now = lines(&queued(&hub, 0).await);
    assert_eq!(queued_now.len(), 1, "{queued_now:#?}");
    assert!(
        queued_now[0].starts_with("room #welcome-team: 🚪 Amina asked to join"),
        "{queued_now:#?}"
    );
    // An admin let her in: she joins, and is welcomed like anyone joining.
    let mut joined = says("amina", "");
    joined.event = Event::Joined;
    hub.handle(&joined, now() + TimeDelta::minutes(1))
        .await
        .expect("joined");
    let after = lines(&queued(&hub, 1).await);
    position(&after, "room #general: ");
    position(&after, "direct amina: (1/");
}

async fn asking_again_before_accepting_brings_the_rules_back(url: String) {
    let hub = hub(&url).await;
    amina_asks(&hub, Admission::AfterRules, 0).await;
    queued(&hub, 0).await;
    amina_asks(&hub, Admission::AfterRules, 10).await;
    let again = lines(&queued(&hub, 10).await);
    assert_eq!(again.len(), 1, "{again:#?}");
    assert!(
        again[0].starts_with("direct amina: Please accept"),
        "{again:#?}"
    );
}

async fn requests_left_waiting_past_the_window_are_given_up(url: String) {
    let hub = hub(&url).await;
    amina_asks(&hub, Admission::AfterRules, 0).await;
    let mut nadia = says("nadia", "");
    nadia.event = Event::AskedToJoin(Admission::AfterRules);
    hub.handle(&nadia, now()).await.expect("asked");
    amina_says(&hub, "/accept", 1).await;
    let window = TimeDelta::minutes(5);
    let at = |minutes| now() + TimeDelta::minutes(minutes);
    let early = hub
        .give_up_join_requests(Platform::Console, window, at(4))
        .await
        .expect("read");
    assert!(early.is_empty(), "{early:?}");
    // Amina accepted the rules and was let in: only Nadia's request is given up, once.
    let late = hub
        .give_up_join_requests(Platform::Console, window, at(6))
        .await
        .expect("read");
    let users: Vec<(&str, &str)> = late
        .iter()
        .map(|given_up| (given_up.user_id.as_str(), given_up.room.as_str()))
        .collect();
    assert_eq!(users, [("nadia", "#general")]);
    let again = hub
        .give_up_join_requests(Platform::Console, window, at(7))
        .await
        .expect("read");
    assert!(again.is_empty(), "{again:?}");
}
