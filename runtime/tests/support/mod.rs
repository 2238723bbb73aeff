//! What the runtime's tests share: a hub on a fresh SQLite file, its clock, and what
//! members say.

#![allow(dead_code)] // Each test file uses part of it.

use chrono::{DateTime, Utc};
use passerelle_core::model::{Platform, RoomPurpose};
use passerelle_core::outbox::Outgoing;
use passerelle_core::{Hub, Store};
pub use passerelle_test_support::says;
use passerelle_test_support::{TestDb, room};

pub fn t0() -> DateTime<Utc> {
    "2026-03-02T09:00:00Z".parse().unwrap()
}

/// A hub on a fresh SQLite file: the test community, its one console room for chat and
/// announcements.
pub async fn hub() -> (Hub, TestDb) {
    let db = TestDb::sqlite("outbox.db").unwrap();
    let mut community = passerelle_test_support::community();
    community.rooms = vec![room(
        Platform::Console,
        "#general",
        &[RoomPurpose::Main, RoomPurpose::Announcements],
    )];
    let store = Store::open(&db.url).await.unwrap();
    (Hub::open(store, community, t0()).await.unwrap(), db)
}

pub async fn due_at(hub: &Hub, at: DateTime<Utc>) -> Vec<Outgoing> {
    due_on(hub, Platform::Console, at).await
}

/// [`due_at`], for `platform`.
pub async fn due_on(hub: &Hub, platform: Platform, at: DateTime<Utc>) -> Vec<Outgoing> {
    hub.store()
        .claim_outgoing(platform, "checker", at, 100)
        .await
        .unwrap()
}
