//! FAQ storage on every backend: versions, revisions, search with typos, removal.

use chrono::{NaiveDate, TimeDelta};
use libtest_mimic::Trial;
use passerelle_core::faq::search::{self, query_words};
use passerelle_core::faq::{Author, FaqFilter, Filing, NewEntry, RANKED_PER_PASS};
use passerelle_core::faq::{EntryId, RevisionAction, Version};
use passerelle_core::model::CommunityId;
use passerelle_core::store::Store;

use crate::store::{open, t0};
use crate::support::Backend;

pub fn trials(backend: Backend) -> Vec<Trial> {
    crate::trials!(
        backend,
        "faq_store",
        [
            an_entry_keeps_every_version_and_each_change,
            search_finds_words_without_accents_and_best_first,
            a_typo_is_corrected_from_the_vocabulary,
            a_word_in_many_entries_finds_the_best_and_the_communitys_own,
            a_removed_entry_leaves_search_and_lists_but_keeps_its_history,
        ]
    )
}

fn version(language: &str, title: &str, answer: &str) -> Version {
    Version {
        language: language.into(),
        title: title.into(),
        answer: answer.into(),
        author: Some("Camille".into()),
        reviewed_on: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
    }
}

fn filing(country: &str, topic: &str) -> Filing {
    Filing {
        country: country.into(),
        city: None,
        topic: topic.into(),
    }
}

async fn file(
    store: &Store,
    community: CommunityId,
    filing: Filing,
    versions: Vec<Version>,
) -> EntryId {
    let entry = NewEntry {
        file_key: None,
        filing,
        versions,
    };
    store
        .create_faq_entry(
            community,
            &entry,
            &Author::default(),
            RevisionAction::Created,
            t0(),
        )
        .await
        .unwrap()
}

async fn search(store: &Store, community: CommunityId, text: &str) -> Vec<EntryId> {
    let mut words = Vec::new();
    for word in query_words(text) {
        let near = match search::neighbourhood(&word) {
            Some(around) => store.faq_words_near(community, &around).await.unwrap(),
            None => Vec::new(),
        };
        words.push(search::correct(&word, &near));
    }
    let mut found: Vec<EntryId> = Vec::new();
    for hit in store.search_faq(community, &words, 20).await.unwrap() {
        if !found.contains(&hit.entry) {
            found.push(hit.entry);
        }
    }
    found
}

async fn an_entry_keeps_every_version_and_each_change(url: String) {
    let (store, community) = open(&url).await;
    let id = file(
        &store,
        community,
        filing("FR", "housing"),
        vec![version("fr", "Trouver un logement", "Le dossier…")],
    )
    .await;
    let english = version("en", "Finding a flat", "Your file…");
    let later = t0() + TimeDelta::days(1);
    let editor = Author {
        name: Some("Sam".into()),
        member: None,
    };
    assert!(
        store
            .save_faq_version(
                community,
                id,
                &english,
                &editor,
                RevisionAction::Edited,
                later
            )
            .await
            .unwrap()
    );
    let entry = store.faq_entry(community, id).await.unwrap().unwrap();
    // 2026-03-02T09:00:00Z is 1772442000000 ms, `mm8y7c00` in base 36.
    assert_eq!(entry.file_key, format!("fr-housing-{}-mm8y7c00", id.0));
    assert_eq!(
        entry
            .versions
            .iter()
            .map(|v| v.language.as_str())
            .collect::<Vec<_>>(),
        ["fr", "en"]
    );
    let today = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
    let stamped = store
        .mark_faq_reviewed(community, id, None, today, &editor, later)
        .await
        .unwrap();
    assert_eq!(stamped, Some(2));
    let history = store.faq_history(community, id).await.unwrap();
    let actions: Vec<(RevisionAction, Option<&str>)> = history
        .iter()
        .map(|r| (r.action, r.language.as_deref()))
        .collect();
    assert_eq!(
        actions,
        [
            (RevisionAction::Created, Some("fr")),
            (RevisionAction::Edited, Some("en")),
            (RevisionAction::Reviewed, Some("fr")),
            (RevisionAction::Reviewed, Some("en")),
        ]
    );
    assert_eq!(history[1].author.as_deref(), Some("Sam"));
    assert_eq!(history[0].author.as_deref(), Some("Camille"));
    let stale = store
        .faq_reviewed_before(community, NaiveDate::from_ymd_opt(2026, 6, 2).unwrap())
        .await
        .unwrap();
    assert_eq!(stale.len(), 1);
    let fresh = store.faq_reviewed_before(community, today).await.unwrap();
    assert!(fresh.is_empty());
}

async fn search_finds_words_without_accents_and_best_first(url: String) {
    let (store, community) = open(&url).await;
    let permit = file(
        &store,
        community,
        filing("FR", "paperwork"),
        vec![version(
            "fr",
            "Renouveler son titre de séjour",
            "Demandez le renouvellement en ligne sur l'ANEF.",
        )],
    )
    .await;
    let housing = file(
        &store,
        community,
        filing("FR", "housing"),
        vec![version(
            "fr",
            "Trouver un logement",
            "Un titre de propriété n'est pas demandé; le séjour en hôtel coûte cher.",
        )],
    )
    .await;
    assert_eq!(
        search(&store, community, "titre de sejour").await,
        [permit, housing]
    );
    assert_eq!(search(&store, community, "LOGEMENT").await, [housing]);
    assert!(search(&store, community, "de la").await.is_empty());
    assert!(search(&store, community, "weather").await.is_empty());
}

/// More matches than one pass ranks, the newest all another community's: the
/// community's own are still found, the one with the word in its title first.
async fn a_word_in_many_entries_finds_the_best_and_the_communitys_own(url: String) {
    let (store, community) = open(&url).await;
    let mut others = passerelle_test_support::community();
    others.slug = "others".into();
    let elsewhere = store.sync_community(&others, t0()).await.unwrap();
    let in_answer = file(
        &store,
        community,
        filing("FR", "paperwork"),
        vec![version(
            "en",
            "Moving to France",
            "Check which visa you need.",
        )],
    )
    .await;
    let in_title = file(
        &store,
        community,
        filing("FR", "paperwork"),
        vec![version(
            "en",
            "Which visa for France",
            "It depends on your stay.",
        )],
    )
    .await;
    for n in 0..=RANKED_PER_PASS {
        let answer = format!("Visa question {n}: ask the consulate.");
        file(
            &store,
            elsewhere,
            filing("FR", "paperwork"),
            vec![version("en", "Elsewhere", &answer)],
        )
        .await;
    }
    assert_eq!(
        search(&store, community, "visa").await,
        [in_title, in_answer]
    );
    // Two words: the entry holding both comes before those holding one.
    let both = file(
        &store,
        community,
        filing("FR", "paperwork"),
        vec![version(
            "en",
            "Student life",
            "A student visa lasts a year.",
        )],
    )
    .await;
    assert_eq!(
        search(&store, community, "student visa").await,
        [both, in_title, in_answer]
    );
}

async fn a_typo_is_corrected_from_the_vocabulary(url: String) {
    let (store, community) = open(&url).await;
    let permit = file(
        &store,
        community,
        filing("FR", "paperwork"),
        vec![version(
            "fr",
            "Titre de séjour",
            "Renouvellement sur l'ANEF.",
        )],
    )
    .await;
    assert_eq!(search(&store, community, "renouvelement").await, [permit]);
    assert_eq!(search(&store, community, "sejuor").await, [permit]);
}

async fn a_removed_entry_leaves_search_and_lists_but_keeps_its_history(url: String) {
    let (store, community) = open(&url).await;
    let id = file(
        &store,
        community,
        filing("CA", "health"),
        vec![version("en", "Health card", "Apply to the RAMQ.")],
    )
    .await;
    let all = FaqFilter::default();
    assert_eq!(store.faq_entries(community, all).await.unwrap().len(), 1);
    assert!(
        store
            .remove_faq_entry(community, id, &Author::default(), t0())
            .await
            .unwrap()
    );
    assert!(
        !store
            .remove_faq_entry(community, id, &Author::default(), t0())
            .await
            .unwrap()
    );
    assert!(store.faq_entries(community, all).await.unwrap().is_empty());
    assert!(store.faq_entry(community, id).await.unwrap().is_none());
    assert!(search(&store, community, "ramq").await.is_empty());
    assert!(store.faq_coverage(community).await.unwrap().is_empty());
    assert!(store.has_faq_history(community).await.unwrap());
    let history = store.faq_history(community, id).await.unwrap();
    assert_eq!(history.last().unwrap().action, RevisionAction::Removed);
    let (entry, removed) = store
        .faq_entry_by_key(community, &format!("ca-health-{}-mm8y7c00", id.0))
        .await
        .unwrap()
        .unwrap();
    assert!(removed);
    assert!(
        store
            .restore_faq_entry(community, entry.id, &Author::default(), t0())
            .await
            .unwrap()
    );
    assert_eq!(search(&store, community, "ramq").await, [id]);
}
