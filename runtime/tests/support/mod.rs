//! What the runtime's tests share: a hub on a fresh SQLite file, its clock, and what
//! members say.

#![allow(dead_code)] // Each test file uses part of it.

use chrono::{DateTime, Utc};
use passerelle_core::incoming::{Event, Incoming, Place, Sender};
use passerelle_core::lang::Lang;
use passerelle_core::model::{Community, Platform, Room, RoomPurpose};
use passerelle_core::outbox::Outgoing;
use passerelle_core::{Hub, Store};
use tempfile::TempDir;

pub fn t0() -> DateTime<Utc> {
    "2026-03-02T09:00:00Z".parse().unwrap()
}

/// A hub on a fresh SQLite file, with one console room for chat and announcements.
pub async fn hub() -> (Hub, TempDir) {
    let folder = tempfile::tempdir().unwrap();
    let url = format!("sqlite:{}", folder.path().join("outbox.db").display());
    let community = Community {
        slug: "runtime".into(),
        name: "Runtime".into(),
        language: Lang::En,
        time_zone: chrono_tz::Europe::Paris,
        rooms: vec![Room {
            platform: Platform::Console,
            id: "#general".into(),
            purposes: vec![RoomPurpose::Main, RoomPurpose::Announcements],
        }],
        events: Default::default(),
        faq: Default::default(),
        onboarding: Default::default(),
    };
    let store = Store::open(&url).await.unwrap();
    (Hub::open(store, community, t0()).await.unwrap(), folder)
}

pub async fn due_at(hub: &Hub, at: DateTime<Utc>) -> Vec<Outgoing> {
    hub.store()
        .claim_outgoing(Platform::Console, "checker", at, 100)
        .await
        .unwrap()
}

pub fn says(name: &str, text: &str) -> Incoming {
    Incoming {
        id: None,
        platform: Platform::Console,
        sender: Sender {
            user_id: name.into(),
            display_name: name.into(),
            roles: Vec::new(),
            language: None,
        },
        place: Place::Room("#general".into()),
        event: Event::Message(text.into()),
    }
}
