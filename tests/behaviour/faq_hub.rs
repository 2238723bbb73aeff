//! The FAQ through the hub where a transcript cannot say it: the main-room suggester (a
//! community setting) and importing entry files, on every backend.

use chrono::TimeDelta;
use libtest_mimic::Trial;
use passerelle_core::Hub;
use passerelle_core::faq::RevisionAction;
use passerelle_core::faq::files::{self, FileError, Format};
use passerelle_core::faq::import::Outcome;
use passerelle_core::incoming::{Event, Incoming, Place, Sender};
use passerelle_core::model::{Platform, Role};

use crate::hub::{hub, hub_with, now};
use crate::support::Backend;

pub fn trials(backend: Backend) -> Vec<Trial> {
    crate::trials!(
        backend,
        "faq_hub",
        [
            a_question_in_the_main_room_gets_a_matching_entry_once,
            the_suggester_stays_quiet_unless_the_community_asks_for_it,
            importing_a_file_creates_then_leaves_then_updates_its_entry,
            a_file_older_than_chat_changes_is_refused_unless_forced,
            search_ranks_alike_on_every_backend,
            a_removed_entry_comes_back_when_its_file_is_imported,
        ]
    )
}

const PERMIT: &str = "+++\ncountry = \"FR\"\ntopic = \"paperwork\"\n+++\n\n## fr: Renouveler son titre de séjour\n\nFaites la demande sur l'ANEF.\n\n## en: Renewing a residence permit\n\nApply on ANEF.\n";

async fn try_import(
    hub: &Hub,
    text: &str,
    force: bool,
    minutes: i64,
) -> Result<Outcome, FileError> {
    let file = files::parse(Format::Markdown, "permit", text).unwrap();
    hub.import_faq(&file, force, now() + TimeDelta::minutes(minutes))
        .await
        .unwrap()
}

async fn import(hub: &Hub, text: &str, minutes: i64) -> Outcome {
    try_import(hub, text, false, minutes).await.unwrap()
}

async fn chat(hub: &Hub, room: &str, text: &str, minutes: i64) -> Vec<String> {
    let incoming = Incoming {
        id: None,
        platform: Platform::Console,
        sender: Sender {
            user_id: "sam".into(),
            display_name: "Sam".into(),
            roles: vec![Role::Member],
            language: None,
        },
        place: Place::Room(room.into()),
        event: Event::Message(text.into()),
    };
    let at = now() + TimeDelta::minutes(minutes);
    let replies = hub.handle(&incoming, at).await.unwrap();
    replies.into_iter().map(|message| message.text).collect()
}

async fn a_question_in_the_main_room_gets_a_matching_entry_once(url: String) {
    let hub = hub_with(&url, |community| community.faq.suggest = true).await;
    assert_eq!(import(&hub, PERMIT, 0).await, Outcome::Created);
    let asked = chat(&hub, "#general", "How do I renew my residence permit?", 1).await;
    assert_eq!(asked, ["This may help: #1 Renewing a residence permit"]);
    // Not again soon, neither the same entry nor anything else in that room.
    assert!(
        chat(&hub, "#general", "Anyone renewed a residence permit?", 2)
            .await
            .is_empty()
    );
    // Not for chat that is no question, nor for a question it cannot answer well.
    assert!(
        chat(&hub, "#general", "I renewed my residence permit", 30)
            .await
            .is_empty()
    );
    assert!(
        chat(&hub, "#general", "Where is the best permit for bread?", 40)
            .await
            .is_empty()
    );
    // Not in rooms other than the main one.
    assert!(
        chat(&hub, "#welcome", "How do I renew my residence permit?", 50)
            .await
            .is_empty()
    );
    // A week on, the same entry may be offered again.
    let week = 7 * 24 * 60 + 5;
    assert_eq!(
        chat(&hub, "#general", "how to renew a residence permit?", week)
            .await
            .len(),
        1
    );
}

async fn the_suggester_stays_quiet_unless_the_community_asks_for_it(url: String) {
    let hub = hub(&url).await;
    import(&hub, PERMIT, 0).await;
    assert!(
        chat(&hub, "#general", "How do I renew my residence permit?", 1)
            .await
            .is_empty()
    );
}

async fn importing_a_file_creates_then_leaves_then_updates_its_entry(url: String) {
    let hub = hub(&url).await;
    assert_eq!(import(&hub, PERMIT, 0).await, Outcome::Created);
    assert_eq!(import(&hub, PERMIT, 1).await, Outcome::Unchanged);
    let edited = PERMIT.replace("Apply on ANEF.", "Apply on ANEF, four months ahead.");
    assert_eq!(import(&hub, &edited, 2).await, Outcome::Updated);
    let moved = edited.replace("country = \"FR\"", "country = \"Belgique\"");
    assert_eq!(import(&hub, &moved, 3).await, Outcome::Updated);
    let files = hub.export_faq().await.unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].country.value, "BE");
    assert_eq!(
        files[0].versions[1].answer,
        "Apply on ANEF, four months ahead."
    );
    let wrong = PERMIT.replace("paperwork", "astrology");
    let file = files::parse(Format::Markdown, "permit", &wrong).unwrap();
    let rejected = hub
        .import_faq(&file, false, now())
        .await
        .unwrap()
        .unwrap_err();
    assert_eq!(rejected.line, 3);
}

async fn search_ranks_alike_on_every_backend(url: String) {
    let hub = hub(&url).await;
    let entry = |title: &str, answer: &str| {
        format!("+++\ncountry = \"FR\"\ntopic = \"banking\"\n+++\n\n## en: {title}\n\n{answer}\n")
    };
    let files = [
        (
            "account",
            entry("Opening a bank account", "Bring your passport."),
        ),
        (
            "taxes",
            entry(
                "Tax return",
                "Your bank, your bank statements and the bank's forms.",
            ),
        ),
        ("rent", entry("Rent guarantee", "Ask Visale.")),
    ];
    for (key, text) in &files {
        let file = files::parse(Format::Markdown, key, text).unwrap();
        hub.import_faq(&file, false, now()).await.unwrap().unwrap();
    }
    let found = chat(&hub, "#general", "/faq search bank", 1).await;
    assert!(
        found[0].starts_with("**Opening a bank account**"),
        "{found:?}"
    );
    assert!(found[1].contains("Tax return"), "{found:?}");
    assert!(!found[1].contains("Rent"), "{found:?}");
}

async fn a_file_older_than_chat_changes_is_refused_unless_forced(url: String) {
    let hub = hub(&url).await;
    import(&hub, PERMIT, 0).await;
    let store = hub.store();
    let community = store.sync_community(hub.community(), now()).await.unwrap();
    let (stored, _) = store
        .faq_entry_by_key(community, "permit")
        .await
        .unwrap()
        .unwrap();
    let mut edited = stored.versions[1].clone();
    edited.answer = "Edited in chat.".into();
    store
        .save_faq_version(
            community,
            stored.id,
            &edited,
            &Default::default(),
            RevisionAction::Edited,
            now(),
        )
        .await
        .unwrap();
    let refused = try_import(&hub, PERMIT, false, 1).await.unwrap_err();
    assert!(
        refused.message.contains("changed in chat"),
        "{}",
        refused.message
    );
    assert_eq!(
        hub.export_faq().await.unwrap()[0].versions[1].answer,
        "Edited in chat."
    );
    assert_eq!(
        try_import(&hub, PERMIT, true, 2).await,
        Ok(Outcome::Updated)
    );
    assert_eq!(
        hub.export_faq().await.unwrap()[0].versions[1].answer,
        "Apply on ANEF."
    );
    // Once the file is in again, the next import of it goes through as usual.
    let newer = PERMIT.replace("Apply on ANEF.", "Apply on ANEF, early.");
    assert_eq!(import(&hub, &newer, 3).await, Outcome::Updated);
}

async fn a_removed_entry_comes_back_when_its_file_is_imported(url: String) {
    let hub = hub(&url).await;
    import(&hub, PERMIT, 0).await;
    let store = hub.store();
    let community = store.sync_community(hub.community(), now()).await.unwrap();
    let entry = hub.export_faq().await.unwrap();
    assert_eq!(entry.len(), 1);
    let stored = store
        .faq_entry_by_key(community, "permit")
        .await
        .unwrap()
        .unwrap()
        .0;
    store
        .remove_faq_entry(community, stored.id, &Default::default(), now())
        .await
        .unwrap();
    assert!(hub.export_faq().await.unwrap().is_empty());
    // Removed in chat after its import: only a forced import brings it back.
    assert!(try_import(&hub, PERMIT, false, 5).await.is_err());
    assert_eq!(
        try_import(&hub, PERMIT, true, 6).await,
        Ok(Outcome::Updated)
    );
    assert_eq!(hub.export_faq().await.unwrap().len(), 1);
    let history = store.faq_history(community, stored.id).await.unwrap();
    assert_eq!(history.last().unwrap().action, RevisionAction::Imported);
}
