//! What a scripted member's client receives: every message and reaction it is sent,
//! recorded as it syncs, invites accepted (with retries), and what went wrong.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use matrix_sdk::config::SyncSettings;
use matrix_sdk::deserialized_responses::EncryptionInfo;
use matrix_sdk::ruma::events::reaction::OriginalSyncReactionEvent;
use matrix_sdk::ruma::events::room::encrypted::OriginalSyncRoomEncryptedEvent;
use matrix_sdk::ruma::events::room::member::{MembershipState, StrippedRoomMemberEvent};
use matrix_sdk::ruma::events::room::message::{
    MessageType, OriginalSyncRoomMessageEvent, Relation,
};
use matrix_sdk::ruma::events::{
    AnySyncMessageLikeEvent, AnySyncTimelineEvent, SyncMessageLikeEvent,
};
use matrix_sdk::ruma::serde::Raw;
use matrix_sdk::ruma::{OwnedRoomId, OwnedUserId, RoomId};
use matrix_sdk::{Client, Room, RoomState};
use tokio::sync::watch;

use super::expect::{Kind, Received};

/// How many times an invite is tried before giving up, and a late room key waited for.
const JOIN_TRIES: u32 = 10;
const LATE_KEY_TRIES: u32 = 60;
/// The long poll, and how many failed syncs in a row end the loop.
const SYNC_TIMEOUT: Duration = Duration::from_secs(10);
const SYNC_FAILURES: u32 = 10;

#[derive(Debug)]
pub(super) struct Entry {
    pub(super) received: Received,
    /// Returned by a `wait_for` already.
    pub(super) taken: bool,
}

/// What the client's handlers and the test share.
#[derive(Debug)]
pub(super) struct Shared {
    pub(super) user_id: OwnedUserId,
    pub(super) entries: Mutex<Vec<Entry>>,
    pub(super) labels: Mutex<HashMap<OwnedRoomId, String>>,
    /// Rooms this member was invited to as a direct chat.
    pub(super) direct: Mutex<HashSet<OwnedRoomId>>,
    /// Invites being joined.
    pub(super) joining: Mutex<HashSet<OwnedRoomId>>,
    /// Sync errors, failed joins: shown when a wait fails.
    pub(super) troubles: Mutex<Vec<String>>,
    /// Bumped after every sync and every recorded event.
    pub(super) changed: watch::Sender<u64>,
    pub(super) started: Instant,
}

pub(super) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Shared {
    pub(super) fn bump(&self) {
        self.changed.send_modify(|count| *count += 1);
    }

    pub(super) fn trouble(&self, what: String) {
        lock(&self.troubles).push(format!(
            "{:>6.1}s {what}",
            self.started.elapsed().as_secs_f64()
        ));
        self.bump();
    }

    pub(super) fn label(&self, room: &RoomId) -> String {
        lock(&self.labels)
            .get(room)
            .cloned()
            .unwrap_or_else(|| room.to_string())
    }

    pub(super) async fn is_direct(&self, room: &Room) -> bool {
        lock(&self.direct).contains(room.room_id()) || room.is_direct().await.unwrap_or(false)
    }

    pub(super) fn push(&self, received: Received) {
        lock(&self.entries).push(Entry {
            received,
            taken: false,
        });
        self.bump();
    }

    pub(super) async fn record_message(
        &self,
        event: OriginalSyncRoomMessageEvent,
        room: &Room,
        encrypted: bool,
        decrypted_late: bool,
    ) {
        let content = event.content;
        let formatted = match &content.msgtype {
            MessageType::Text(text) => text.formatted.as_ref(),
            MessageType::Notice(notice) => notice.formatted.as_ref(),
            MessageType::Emote(emote) => emote.formatted.as_ref(),
            _ => None,
        }
        .map(|formatted| formatted.body.clone());
        let (replaces, reply_to) = match &content.relates_to {
            Some(Relation::Replacement(replacement)) => (Some(replacement.event_id.clone()), None),
            Some(Relation::Reply(reply)) => (None, Some(reply.in_reply_to.event_id.clone())),
            _ => (None, None),
        };
        let direct = self.is_direct(room).await;
        self.push(Received {
            room: room.room_id().to_owned(),
            room_label: self.label(room.room_id()),
            sender: event.sender,
            event_id: event.event_id,
            kind: Kind::Message {
                msgtype: content.msgtype().to_owned(),
                replaces,
                reply_to,
            },
            body: content.body().to_owned(),
            formatted,
            explicit_mentions: content.mentions.is_some(),
            mentions: content
                .mentions
                .map(|mentions| mentions.user_ids.into_iter().collect())
                .unwrap_or_default(),
            encrypted,
            decrypted_late,
            direct,
            at: Instant::now(),
        });
    }

    pub(super) async fn record_reaction(
        &self,
        event: OriginalSyncReactionEvent,
        room: &Room,
        encrypted: bool,
        decrypted_late: bool,
    ) {
        let annotation = event.content.relates_to;
        let direct = self.is_direct(room).await;
        self.push(Received {
            room: room.room_id().to_owned(),
            room_label: self.label(room.room_id()),
            sender: event.sender,
            event_id: event.event_id,
            kind: Kind::Reaction {
                to: annotation.event_id,
            },
            body: annotation.key,
            formatted: None,
            mentions: Vec::new(),
            explicit_mentions: false,
            encrypted,
            decrypted_late,
            direct,
            at: Instant::now(),
        });
    }

    /// Records an event that could not be decrypted, then retries as a real client
    /// would when the room key arrives later; a success is recorded as a new event.
    pub(super) async fn record_undecryptable(
        self: Arc<Self>,
        raw: Raw<OriginalSyncRoomEncryptedEvent>,
        room: Room,
    ) {
        let Ok(event) = raw.deserialize() else {
            self.trouble(format!(
                "an m.room.encrypted event in {} does not parse",
                room.room_id()
            ));
            return;
        };
        let direct = self.is_direct(&room).await;
        self.push(Received {
            room: room.room_id().to_owned(),
            room_label: self.label(room.room_id()),
            sender: event.sender.clone(),
            event_id: event.event_id.clone(),
            kind: Kind::Undecryptable {
                reason: "no room key yet".into(),
            },
            body: String::new(),
            formatted: None,
            mentions: Vec::new(),
            explicit_mentions: false,
            encrypted: true,
            decrypted_late: false,
            direct,
            at: Instant::now(),
        });
        tokio::spawn(async move {
            for _ in 0..LATE_KEY_TRIES {
                tokio::time::sleep(Duration::from_secs(1)).await;
                let Ok(decrypted) = room.decrypt_event(&raw, None).await else {
                    continue;
                };
                if decrypted.encryption_info().is_none() {
                    continue;
                }
                match decrypted.raw().deserialize() {
                    Ok(AnySyncTimelineEvent::MessageLike(
                        AnySyncMessageLikeEvent::RoomMessage(SyncMessageLikeEvent::Original(
                            message,
                        )),
                    )) => self.record_message(message, &room, true, true).await,
                    Ok(AnySyncTimelineEvent::MessageLike(AnySyncMessageLikeEvent::Reaction(
                        SyncMessageLikeEvent::Original(reaction),
                    ))) => self.record_reaction(reaction, &room, true, true).await,
                    _ => {}
                }
                return;
            }
            self.trouble(format!(
                "{} from {} in [{}] was never decrypted",
                event.event_id,
                event.sender,
                self.label(room.room_id())
            ));
        });
    }

    /// Joins an invited room, retrying: an invite can arrive before the join works.
    pub(super) async fn accept_invite(self: Arc<Self>, room: Room) {
        if !lock(&self.joining).insert(room.room_id().to_owned()) {
            return;
        }
        let mut delay = Duration::from_millis(250);
        for attempt in 1..=JOIN_TRIES {
            match room.join().await {
                Ok(()) => break,
                Err(_) if room.state() == RoomState::Joined => break,
                Err(error) if attempt == JOIN_TRIES => {
                    self.trouble(format!(
                        "could not join [{}] after {JOIN_TRIES} tries: {error}",
                        self.label(room.room_id())
                    ));
                }
                Err(_) => {
                    tokio::time::sleep(delay).await;
                    delay = (delay * 2).min(Duration::from_secs(4));
                }
            }
        }
        lock(&self.joining).remove(room.room_id());
        self.bump();
    }

    pub(super) fn on_invite(self: &Arc<Self>, event: &StrippedRoomMemberEvent, room: Room) {
        if event.state_key != self.user_id || event.content.membership != MembershipState::Invite {
            return;
        }
        let direct = event.content.is_direct.unwrap_or(false);
        if direct {
            lock(&self.direct).insert(room.room_id().to_owned());
        }
        lock(&self.labels)
            .entry(room.room_id().to_owned())
            .or_insert_with(|| {
                if direct {
                    format!("dm from {}", event.sender)
                } else {
                    format!("invited by {}", event.sender)
                }
            });
        tokio::spawn(self.clone().accept_invite(room));
    }
}

/// Syncs until aborted. Not `Client::sync`: its loop sleeps a second whenever the last
/// sync was less than a second ago, which would add up to a second to every reply.
pub(super) async fn sync_forever(client: Client, shared: Arc<Shared>) {
    let settings = SyncSettings::default().timeout(SYNC_TIMEOUT);
    let mut failures = 0;
    loop {
        match client.sync_once(settings.clone()).await {
            Ok(_) => failures = 0,
            Err(error) => {
                failures += 1;
                shared.trouble(format!("sync failed ({failures} in a row): {error}"));
                if failures >= SYNC_FAILURES {
                    shared.trouble("the sync loop gave up".into());
                    return;
                }
                tokio::time::sleep(Duration::from_millis(250) * failures).await;
            }
        }
        shared.bump();
    }
}

pub(super) fn add_handlers(client: &Client, shared: &Arc<Shared>) {
    client.add_event_handler({
        let shared = shared.clone();
        move |event: OriginalSyncRoomMessageEvent,
              room: Room,
              encryption: Option<EncryptionInfo>| {
            let shared = shared.clone();
            async move {
                shared
                    .record_message(event, &room, encryption.is_some(), false)
                    .await;
            }
        }
    });
    client.add_event_handler({
        let shared = shared.clone();
        move |event: OriginalSyncReactionEvent, room: Room, encryption: Option<EncryptionInfo>| {
            let shared = shared.clone();
            async move {
                shared
                    .record_reaction(event, &room, encryption.is_some(), false)
                    .await;
            }
        }
    });
    client.add_event_handler({
        let shared = shared.clone();
        move |raw: Raw<OriginalSyncRoomEncryptedEvent>, room: Room| {
            let shared = shared.clone();
            async move { shared.record_undecryptable(raw, room).await }
        }
    });
    client.add_event_handler({
        let shared = shared.clone();
        move |event: StrippedRoomMemberEvent, room: Room| {
            let shared = shared.clone();
            async move { shared.on_invite(&event, room) }
        }
    });
}
