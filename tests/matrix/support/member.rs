//! A scripted Matrix user: a matrix-sdk client (end-to-end encryption on, in-memory
//! store) that syncs in the background, accepts every invite, records every message and
//! reaction it receives, and lets a test send, react and wait for what should arrive.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use matrix_sdk::config::SyncSettings;
use matrix_sdk::deserialized_responses::EncryptionInfo;
use matrix_sdk::ruma::api::client::room::create_room::v3::{
    Request as CreateRoomRequest, RoomPreset,
};
use matrix_sdk::ruma::events::reaction::{OriginalSyncReactionEvent, ReactionEventContent};
use matrix_sdk::ruma::events::relation::Annotation;
use matrix_sdk::ruma::events::room::encrypted::OriginalSyncRoomEncryptedEvent;
use matrix_sdk::ruma::events::room::member::{MembershipState, StrippedRoomMemberEvent};
use matrix_sdk::ruma::events::room::message::{
    MessageType, OriginalSyncRoomMessageEvent, Relation, RoomMessageEventContent,
};
use matrix_sdk::ruma::events::{
    AnySyncMessageLikeEvent, AnySyncTimelineEvent, Mentions, SyncMessageLikeEvent,
};
use matrix_sdk::ruma::serde::Raw;
use matrix_sdk::ruma::{EventId, OwnedEventId, OwnedRoomId, OwnedUserId, RoomId, UserId};
use matrix_sdk::{Client, Room, RoomState};
use tokio::sync::watch;
use tokio::task::JoinHandle;

use super::expect::{Expect, Kind, Received};
use super::synapse::Synapse;

/// How long a member waits for an invite to become joinable, a room to appear, a
/// late room key.
const JOIN_TRIES: u32 = 10;
const ROOM_APPEARS: Duration = Duration::from_secs(30);
const LATE_KEY_TRIES: u32 = 60;
/// The long poll, and how many failed syncs in a row end the loop.
const SYNC_TIMEOUT: Duration = Duration::from_secs(10);
const SYNC_FAILURES: u32 = 10;

/// A logged-in member whose client syncs until it is dropped.
#[derive(Debug)]
pub struct Member {
    /// The name the test gave (`amina`).
    pub name: String,
    pub user_id: OwnedUserId,
    pub client: Client,
    shared: Arc<Shared>,
    sync: JoinHandle<()>,
}

#[derive(Debug)]
struct Entry {
    received: Received,
    /// Returned by a `wait_for` already.
    taken: bool,
}

/// What the client's handlers and the test share.
#[derive(Debug)]
struct Shared {
    user_id: OwnedUserId,
    entries: Mutex<Vec<Entry>>,
    labels: Mutex<HashMap<OwnedRoomId, String>>,
    /// Rooms this member was invited to as a direct chat.
    direct: Mutex<HashSet<OwnedRoomId>>,
    /// Invites being joined.
    joining: Mutex<HashSet<OwnedRoomId>>,
    /// Sync errors, failed joins: shown when a wait fails.
    troubles: Mutex<Vec<String>>,
    /// Bumped after every sync and every recorded event.
    changed: watch::Sender<u64>,
    started: Instant,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Shared {
    fn bump(&self) {
        self.changed.send_modify(|count| *count += 1);
    }

    fn trouble(&self, what: String) {
        lock(&self.troubles).push(format!(
            "{:>6.1}s {what}",
            self.started.elapsed().as_secs_f64()
        ));
        self.bump();
    }

    fn label(&self, room: &RoomId) -> String {
        lock(&self.labels)
            .get(room)
            .cloned()
            .unwrap_or_else(|| room.to_string())
    }

    async fn is_direct(&self, room: &Room) -> bool {
        lock(&self.direct).contains(room.room_id()) || room.is_direct().await.unwrap_or(false)
    }

    fn push(&self, received: Received) {
        lock(&self.entries).push(Entry {
            received,
            taken: false,
        });
        self.bump();
    }

    async fn record_message(
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

    async fn record_reaction(
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
            encrypted,
            decrypted_late,
            direct,
            at: Instant::now(),
        });
    }

    /// Records an event that could not be decrypted, then retries as a real client
    /// would when the room key arrives later; a success is recorded as a new event.
    async fn record_undecryptable(
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
    async fn accept_invite(self: Arc<Self>, room: Room) {
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

    fn on_invite(self: &Arc<Self>, event: &StrippedRoomMemberEvent, room: Room) {
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

impl Member {
    /// Logs `localpart` in on `synapse`, syncs once (which uploads its device keys) and
    /// starts syncing in the background. Messages from before that first sync are not
    /// recorded.
    pub async fn login(
        synapse: &Synapse,
        name: &str,
        localpart: &str,
        password: &str,
    ) -> anyhow::Result<Member> {
        let client = Client::builder()
            .homeserver_url(&synapse.url)
            .build()
            .await
            .context("cannot build a matrix-sdk client")?;
        client
            .matrix_auth()
            .login_username(localpart, password)
            .initial_device_display_name(&format!("{name}'s test client"))
            .send()
            .await
            .with_context(|| format!("{localpart} cannot log in"))?;
        let user_id = client
            .user_id()
            .context("no user ID after logging in")?
            .to_owned();
        client
            .sync_once(SyncSettings::default())
            .await
            .with_context(|| format!("{user_id}'s first sync failed"))?;
        let shared = Arc::new(Shared {
            user_id: user_id.clone(),
            entries: Mutex::default(),
            labels: Mutex::default(),
            direct: Mutex::default(),
            joining: Mutex::default(),
            troubles: Mutex::default(),
            changed: watch::Sender::new(0),
            started: Instant::now(),
        });
        add_handlers(&client, &shared);
        for room in client.invited_rooms() {
            tokio::spawn(shared.clone().accept_invite(room));
        }
        let sync = tokio::spawn(sync_forever(client.clone(), shared.clone()));
        Ok(Member {
            name: name.to_owned(),
            user_id,
            client,
            shared,
            sync,
        })
    }

    /// Names a room in failure messages.
    pub fn label_room(&self, room: &RoomId, label: &str) {
        lock(&self.shared.labels).insert(room.to_owned(), label.to_owned());
    }

    /// The room, once this member's client sees it joined.
    pub async fn joined_room(&self, room: &RoomId) -> anyhow::Result<Room> {
        let mut changed = self.shared.changed.subscribe();
        let deadline = tokio::time::Instant::now() + ROOM_APPEARS;
        loop {
            changed.borrow_and_update();
            if let Some(joined) = self.client.get_room(room)
                && joined.state() == RoomState::Joined
            {
                return Ok(joined);
            }
            if tokio::time::timeout_at(deadline, changed.changed())
                .await
                .is_err()
            {
                bail!(
                    "{} has not joined [{}] after {ROOM_APPEARS:?}{}",
                    self.user_id,
                    self.shared.label(room),
                    self.troubles()
                );
            }
        }
    }

    /// Creates a room, public (anyone may join by ID) or private, inviting `invite`.
    /// The creator has power level 100.
    pub async fn create_room(
        &self,
        label: &str,
        public: bool,
        invite: &[&UserId],
    ) -> anyhow::Result<OwnedRoomId> {
        let mut request = CreateRoomRequest::new();
        request.name = Some(label.to_owned());
        request.preset = Some(if public {
            RoomPreset::PublicChat
        } else {
            RoomPreset::PrivateChat
        });
        request.invite = invite.iter().map(|user| (*user).to_owned()).collect();
        let room = self
            .client
            .create_room(request)
            .await
            .with_context(|| format!("{} cannot create room {label}", self.user_id))?;
        self.label_room(room.room_id(), label);
        Ok(room.room_id().to_owned())
    }

    /// Creates an encrypted direct chat with `user`, as Element does.
    pub async fn create_dm(&self, user: &UserId) -> anyhow::Result<OwnedRoomId> {
        let room = self
            .client
            .create_dm(user)
            .await
            .with_context(|| format!("{} cannot create a DM with {user}", self.user_id))?;
        lock(&self.shared.direct).insert(room.room_id().to_owned());
        self.label_room(room.room_id(), &format!("dm with {user}"));
        Ok(room.room_id().to_owned())
    }

    pub async fn invite(&self, room: &RoomId, user: &UserId) -> anyhow::Result<()> {
        self.joined_room(room)
            .await?
            .invite_user_by_id(user)
            .await
            .with_context(|| format!("{} cannot invite {user} to {room}", self.user_id))
    }

    /// Joins a room by ID (a public one, or one this member is invited to).
    pub async fn join(&self, room: &RoomId, label: &str) -> anyhow::Result<()> {
        self.label_room(room, label);
        self.client
            .join_room_by_id(room)
            .await
            .with_context(|| format!("{} cannot join [{label}]", self.user_id))?;
        Ok(())
    }

    /// Sends plain text; returns the event's ID.
    pub async fn send_text(&self, room: &RoomId, text: &str) -> anyhow::Result<OwnedEventId> {
        self.send(room, RoomMessageEventContent::text_plain(text))
            .await
    }

    /// Sends `text` after a mention of `user` written as Element writes it: their display
    /// name as a pill, then `: `, with `m.mentions`.
    pub async fn send_mention(
        &self,
        room: &RoomId,
        user: &UserId,
        text: &str,
    ) -> anyhow::Result<OwnedEventId> {
        let joined = self.joined_room(room).await?;
        let name = match joined.get_member(user).await {
            Ok(Some(member)) => member.name().to_owned(),
            _ => user.localpart().to_owned(),
        };
        let content = RoomMessageEventContent::text_html(
            format!("{name}: {text}"),
            format!(
                "<a href=\"https://matrix.to/#/{user}\">{}</a>: {}",
                escape_html(&name),
                escape_html(text)
            ),
        )
        .add_mentions(Mentions::with_user_ids([user.to_owned()]));
        self.send(room, content).await
    }

    async fn send(
        &self,
        room: &RoomId,
        content: RoomMessageEventContent,
    ) -> anyhow::Result<OwnedEventId> {
        let joined = self.joined_room(room).await?;
        let sent = joined.send(content).await.with_context(|| {
            format!(
                "{} cannot send to [{}]",
                self.user_id,
                self.shared.label(room)
            )
        })?;
        Ok(sent.response.event_id)
    }

    /// Reacts to `event` with `key` (say `1️⃣`).
    pub async fn react(
        &self,
        room: &RoomId,
        event: &EventId,
        key: &str,
    ) -> anyhow::Result<OwnedEventId> {
        let joined = self.joined_room(room).await?;
        let content = ReactionEventContent::new(Annotation::new(event.to_owned(), key.to_owned()));
        let sent = joined
            .send(content)
            .await
            .with_context(|| format!("{} cannot react to {event}", self.user_id))?;
        Ok(sent.response.event_id)
    }

    /// The first event matching `expect` not returned before, waiting up to `timeout`
    /// for it; the error lists everything this member received.
    pub async fn wait_for(&self, expect: &Expect, timeout: Duration) -> anyhow::Result<Received> {
        let mut changed = self.shared.changed.subscribe();
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            changed.borrow_and_update();
            {
                let mut entries = lock(&self.shared.entries);
                if let Some(entry) = entries
                    .iter_mut()
                    .find(|entry| !entry.taken && expect.matches(&entry.received))
                {
                    entry.taken = true;
                    return Ok(entry.received.clone());
                }
            }
            if tokio::time::timeout_at(deadline, changed.changed())
                .await
                .is_err()
            {
                bail!(
                    "{} waited {timeout:?} for {expect}, in vain.\n{}",
                    self.user_id,
                    self.report()
                );
            }
        }
    }

    /// Waits `quiet`, then fails if a message from `sender` (in `room`, when given) came
    /// that no `wait_for` took. Edits and reactions do not count.
    pub async fn no_more_from(
        &self,
        sender: &UserId,
        room: Option<&RoomId>,
        quiet: Duration,
    ) -> anyhow::Result<()> {
        let mut expect = Expect::message_from(sender);
        if let Some(room) = room {
            expect = expect.in_room(room, &self.shared.label(room));
        }
        self.no_more(&expect, quiet).await
    }

    /// Waits `quiet`, then fails if an event matching `expect` came that no `wait_for`
    /// took.
    pub async fn no_more(&self, expect: &Expect, quiet: Duration) -> anyhow::Result<()> {
        tokio::time::sleep(quiet).await;
        let unexpected: Vec<String> = lock(&self.shared.entries)
            .iter()
            .filter(|entry| !entry.taken && expect.matches(&entry.received))
            .map(|entry| format!("  {}", entry.received))
            .collect();
        if unexpected.is_empty() {
            return Ok(());
        }
        bail!(
            "{} expected no more of {expect} (quiet period {quiet:?}) but got {}:\n{}\n{}",
            self.user_id,
            unexpected.len(),
            unexpected.join("\n"),
            self.report()
        )
    }

    /// Everything received, marked `*` when a wait took it, and the troubles met.
    pub fn report(&self) -> String {
        let entries = lock(&self.shared.entries);
        let mut report = format!(
            "{} ({}) received {} event(s), * = waited for:",
            self.name,
            self.user_id,
            entries.len()
        );
        for entry in entries.iter() {
            report.push_str(&format!(
                "\n  {} {:>6.1}s {}",
                if entry.taken { "*" } else { " " },
                entry
                    .received
                    .at
                    .duration_since(self.shared.started)
                    .as_secs_f64(),
                entry.received
            ));
        }
        drop(entries);
        report.push_str(&self.troubles());
        report
    }

    fn troubles(&self) -> String {
        let troubles = lock(&self.shared.troubles);
        if troubles.is_empty() {
            String::new()
        } else {
            format!(
                "\n{} met trouble:\n  {}",
                self.user_id,
                troubles.join("\n  ")
            )
        }
    }
}

impl Drop for Member {
    fn drop(&mut self) {
        self.sync.abort();
    }
}

/// Syncs until aborted. Not `Client::sync`: its loop sleeps a second whenever the last
/// sync was less than a second ago, which would add up to a second to every reply.
async fn sync_forever(client: Client, shared: Arc<Shared>) {
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

fn add_handlers(client: &Client, shared: &Arc<Shared>) {
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

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
