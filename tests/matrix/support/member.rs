//! A scripted Matrix user: a matrix-sdk client (end-to-end encryption on, in-memory
//! store) that syncs in the background, accepts every invite, records every message and
//! reaction it receives, and lets a test send, react and wait for what should arrive.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use matrix_sdk::config::SyncSettings;
use matrix_sdk::ruma::api::client::room::create_room::v3::{
    Request as CreateRoomRequest, RoomPreset,
};
use matrix_sdk::ruma::events::Mentions;
use matrix_sdk::ruma::events::reaction::ReactionEventContent;
use matrix_sdk::ruma::events::relation::Annotation;
use matrix_sdk::ruma::events::room::message::RoomMessageEventContent;
use matrix_sdk::ruma::{EventId, OwnedEventId, OwnedRoomId, OwnedUserId, RoomId, UserId};
use matrix_sdk::{Client, Room, RoomState};
use tokio::sync::watch;
use tokio::task::JoinHandle;

use super::expect::{Expect, Received};
use super::inbox::{Shared, add_handlers, lock, sync_forever};
use super::synapse::Synapse;

/// How long a member waits for a room to appear.
const ROOM_APPEARS: Duration = Duration::from_secs(30);

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

    /// Every event received so far that matches `expect`, waited for or not.
    #[allow(dead_code)]
    pub fn received(&self, expect: &Expect) -> Vec<Received> {
        lock(&self.shared.entries)
            .iter()
            .filter(|entry| expect.matches(&entry.received))
            .map(|entry| entry.received.clone())
            .collect()
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

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
