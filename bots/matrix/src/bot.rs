//! The bot at run time: who it is, the community's rooms on Matrix, and turning one
//! timeline event into hub input and the hub's replies into messages.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};
use matrix_sdk::attachment::AttachmentConfig;
use matrix_sdk::deserialized_responses::TimelineEvent;
use matrix_sdk::ruma::api::client::keys::get_keys;
use matrix_sdk::ruma::api::client::room::create_room;
use matrix_sdk::ruma::events::reaction::ReactionEventContent;
use matrix_sdk::ruma::events::relation::Annotation;
use matrix_sdk::ruma::events::relation::{InReplyTo, Reply};
use matrix_sdk::ruma::events::room::message::{
    Relation, ReplacementMetadata, RoomMessageEventContent,
};
use matrix_sdk::ruma::events::room::power_levels::UserPowerLevel;
use matrix_sdk::ruma::events::{AnySyncTimelineEvent, Mentions};
use matrix_sdk::ruma::{
    EventId, OwnedEventId, OwnedRoomId, OwnedTransactionId, OwnedUserId, RoomId, UserId,
};
use matrix_sdk::{Client, Room};
use passerelle_core::Hub;
use passerelle_core::incoming::{Event, Incoming, Place, Sender};
use passerelle_core::model::{Platform, Role};
use passerelle_core::reply::Message;
use passerelle_runtime::{Answer, Here};
use tokio::sync::Notify;

use crate::memory::{Memory, Offered};
use crate::render::render;
use crate::settings::Settings;
use crate::translate::{self, BotNames, Said, Seen};

/// The community's Matrix rooms: the IDs (or aliases) the config names them by, and the
/// room IDs the homeserver uses.
#[derive(Debug, Default, Clone)]
pub struct Rooms {
    configured: HashMap<OwnedRoomId, String>,
    real: HashMap<String, OwnedRoomId>,
}

impl Rooms {
    pub fn insert(&mut self, configured: &str, real: OwnedRoomId) {
        self.configured.insert(real.clone(), configured.to_owned());
        self.real.insert(configured.to_owned(), real);
    }

    pub fn configured(&self, real: &RoomId) -> Option<&str> {
        self.configured.get(real).map(String::as_str)
    }

    pub fn real(&self, configured: &str) -> Option<&RoomId> {
        self.real.get(configured).map(|id| id.as_ref())
    }

    pub fn all(&self) -> impl Iterator<Item = &RoomId> {
        self.configured.keys().map(|id| id.as_ref())
    }
}

#[derive(Debug)]
pub struct Bot {
    pub client: Client,
    pub hub: Hub,
    pub settings: Settings,
    pub memory: Memory,
    pub rooms: Rooms,
    pub names: BotNames,
    /// Woken when handling an event may have queued messages for the outbox.
    pub wake: Arc<Notify>,
    /// Each sender's highest power level in the community's rooms, once read.
    pub levels: Levels,
}

/// Members' highest power levels in the community's rooms, read from the client's store
/// once per member rather than room by room for every message; forgotten whenever a
/// sync may have changed a room's power levels. Derived from the rooms' state, which the
/// homeserver keeps: nothing is lost with it.
#[derive(Debug, Default)]
pub struct Levels(Mutex<HashMap<OwnedUserId, i64>>);

impl Levels {
    fn get(&self, who: &UserId) -> Option<i64> {
        self.lock().get(who).copied()
    }

    fn keep(&self, who: &UserId, level: i64) {
        self.lock().insert(who.to_owned(), level);
    }

    /// Forgets every level read: the next message reads them again.
    pub fn forget(&self) {
        self.lock().clear();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<OwnedUserId, i64>> {
        // A panic while holding it leaves a map that is still whole.
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl Bot {
    pub fn user_id(&self) -> &UserId {
        self.client.user_id().unwrap_or_else(|| {
            // Only reachable before login, which `connect` has done.
            unreachable!("the Matrix client is logged in")
        })
    }

    /// Handles one timeline event of a joined room. The hub records its event ID with
    /// the effects, so a replayed event changes nothing and only gets its replies again;
    /// they carry transaction IDs made from the event, so the homeserver drops those it
    /// already has.
    pub async fn handle(&self, room: &Room, event: &TimelineEvent) -> anyhow::Result<()> {
        let Some(event_id) = event.event_id() else {
            return Ok(());
        };
        let parsed: AnySyncTimelineEvent = match event.raw().deserialize() {
            Ok(parsed) => parsed,
            Err(error) => {
                tracing::debug!(%event_id, %error, "unreadable event skipped");
                return Ok(());
            }
        };
        let read = if parsed.event_type().to_string() == "m.room.encrypted" {
            tracing::warn!(%event_id, room = %room.room_id(), "a message could not be decrypted");
            (parsed.sender() != self.user_id())
                .then(|| (parsed.sender().to_owned(), Seen::Unreadable))
        } else {
            translate::read_event(&parsed, self.user_id())
        };
        let Some((who, seen)) = read else {
            return Ok(());
        };
        let Some(incoming) = self.incoming(room, &who, seen, &event_id).await? else {
            return Ok(());
        };
        let now = passerelle_runtime::now();
        let mut here = Answering {
            bot: self,
            room,
            who: &who,
            event_id: &event_id,
            now,
        };
        let handled =
            passerelle_runtime::incoming::handle(&self.hub, &incoming, now, &mut here).await;
        if let Some(error) = handled.error {
            tracing::error!(%error, %event_id, "the hub failed on an event");
        }
        self.wake.notify_one();
        Ok(())
    }

    /// What the hub should hear of `seen`, by `who` in `room`; `None` for rooms outside
    /// the community and for what means nothing there.
    async fn incoming(
        &self,
        room: &Room,
        who: &UserId,
        seen: Seen,
        event_id: &EventId,
    ) -> anyhow::Result<Option<Incoming>> {
        let place = match self.rooms.configured(room.room_id()) {
            Some(configured) => Place::Room(configured.to_owned()),
            None if self.is_direct_with(room, who).await? => Place::Direct,
            None => return Ok(None),
        };
        let event = match seen {
            Seen::Text(body) => match translate::command_text(&body, &self.names) {
                Said::Text(text) => Event::Message(text),
                Said::Number(number) => {
                    let offered = self.memory.last_offered(room.room_id(), who).await?;
                    match offered.and_then(|offered| offered.commands.get(number - 1).cloned()) {
                        Some(command) => Event::ChoicePicked(command),
                        None => Event::Message(body),
                    }
                }
            },
            Seen::Reaction { to, key } => {
                let Some(index) = translate::keycap_index(&key) else {
                    return Ok(None);
                };
                let offered = self.memory.offered_under(&to).await?;
                match offered.and_then(|commands| commands.get(index).cloned()) {
                    Some(command) => Event::ChoicePicked(command),
                    None => return Ok(None),
                }
            }
            Seen::Joined if matches!(place, Place::Room(_)) => Event::Joined,
            Seen::Left if matches!(place, Place::Room(_)) => Event::Left,
            Seen::Joined | Seen::Left => return Ok(None),
            Seen::Unreadable => Event::Unreadable,
        };
        Ok(Some(Incoming {
            id: Some(event_id.to_string()),
            platform: Platform::Matrix,
            sender: self.sender(room, who).await,
            place,
            event,
        }))
    }

    /// Whether `room` (not a community room) is a private conversation between `who` and
    /// the bot: only the two of them are in it or invited, whether or not a client
    /// marked it as direct. The first time, it becomes where the bot writes to them.
    async fn is_direct_with(&self, room: &Room, who: &UserId) -> anyhow::Result<bool> {
        if self.memory.direct_room(who).await?.as_deref() == Some(room.room_id()) {
            return Ok(true);
        }
        if room.active_members_count() <= 2 {
            self.memory.set_direct_room(who, room.room_id()).await?;
            return Ok(true);
        }
        Ok(false)
    }

    async fn sender(&self, room: &Room, who: &UserId) -> Sender {
        let display_name = match room.get_member_no_sync(who).await {
            Ok(Some(member)) => member.name().to_owned(),
            _ => who.localpart().to_owned(),
        };
        Sender {
            user_id: who.to_string(),
            display_name,
            roles: self.roles_of(who).await,
            language: None,
        }
    }

    /// Roles from the config: the member's highest power level in the community's
    /// rooms, and the lists of users.
    async fn roles_of(&self, who: &UserId) -> Vec<Role> {
        if let Some(highest) = self.levels.get(who) {
            return self.settings.roles_for(who.as_str(), highest);
        }
        let mut highest = 0;
        for id in self.rooms.all() {
            let Some(room) = self.client.get_room(id) else {
                continue;
            };
            if let Ok(levels) = room.power_levels().await {
                let level = match levels.for_user(who) {
                    UserPowerLevel::Infinite => i64::MAX,
                    UserPowerLevel::Int(level) => level.into(),
                    _ => 0,
                };
                highest = highest.max(level);
            }
        }
        self.levels.keep(who, highest);
        self.settings.roles_for(who.as_str(), highest)
    }

    /// Sends `message` to `room`: its file, its text (HTML and plain), and one keycap
    /// reaction per choice. Its choices are remembered for `member` (or anyone). Every
    /// request's transaction ID starts with `txn`, the same for every try of one
    /// message, so a homeserver that already has it keeps one copy.
    pub async fn send(
        &self,
        room: &Room,
        message: &Message,
        member: Option<&UserId>,
        txn: &str,
    ) -> Result<OwnedEventId, matrix_sdk::Error> {
        self.send_answer(room, message, member, txn, None).await
    }

    /// [`Bot::send`], as a reply to the message `answers` when given.
    async fn send_answer(
        &self,
        room: &Room,
        message: &Message,
        member: Option<&UserId>,
        txn: &str,
        answers: Option<&EventId>,
    ) -> Result<OwnedEventId, matrix_sdk::Error> {
        let rendered = render(message);
        // Notices, as Matrix asks of automated senders (and other bots leave them be).
        let mut content = RoomMessageEventContent::notice_html(rendered.body, rendered.html);
        if let Some(answered) = answers {
            content.relates_to = Some(Relation::Reply(Reply::new(InReplyTo::new(
                answered.to_owned(),
            ))));
        }
        // Always explicit, empty when nobody is named: then no text in the body (a
        // quoted `@room`, a display name) can ping anyone.
        let users = rendered.mentions.iter().filter_map(|id| user_id(id));
        content = content.add_mentions(Mentions::with_user_ids(users));
        let sent = room
            .send(content)
            .with_transaction_id(OwnedTransactionId::from(txn))
            .await?;
        if let Some(file) = &message.file {
            let media_type = file
                .media_type
                .parse::<mime::Mime>()
                .unwrap_or(mime::TEXT_PLAIN_UTF_8);
            room.send_attachment(
                &file.name,
                &media_type,
                file.content.clone().into_bytes(),
                AttachmentConfig::new().txn_id(OwnedTransactionId::from(format!("{txn}-file"))),
            )
            .await?;
        }
        let event_id = sent.response.event_id.clone();
        if message.choices.is_empty() {
            return Ok(event_id);
        }
        let offered = Offered {
            commands: message.choices.iter().map(|c| c.command.clone()).collect(),
            at: passerelle_runtime::now().timestamp_millis(),
        };
        self.memory
            .offer(room.room_id(), member, &sent.response.event_id, &offered)
            .await?;
        for index in 0..message.choices.len() {
            let Some(key) = translate::keycap(index) else {
                break;
            };
            let annotation = Annotation::new(sent.response.event_id.clone(), key.to_owned());
            let reaction = room
                .send(ReactionEventContent::new(annotation))
                .with_transaction_id(OwnedTransactionId::from(format!("{txn}-k{index}")));
            if let Err(error) = reaction.await {
                tracing::debug!(%error, "a choice reaction could not be added");
            }
        }
        Ok(event_id)
    }

    /// Replaces the text of the bot's message `original` in `room` with `message`'s
    /// (`m.replace`); its choices stay those first offered.
    pub async fn edit(
        &self,
        room: &Room,
        original: &EventId,
        message: &Message,
        txn: &str,
    ) -> Result<OwnedEventId, matrix_sdk::Error> {
        let rendered = render(message);
        let content = RoomMessageEventContent::notice_html(rendered.body, rendered.html)
            .add_mentions(Mentions::new())
            .make_replacement(ReplacementMetadata::new(original.to_owned(), None));
        let sent = room
            .send(content)
            .with_transaction_id(OwnedTransactionId::from(txn))
            .await?;
        Ok(sent.response.event_id)
    }

    /// The room to write to `member` in private: the one they or the bot opened before,
    /// else a new encrypted DM the bot invites them to.
    pub async fn direct_room(&self, member: &UserId) -> Result<Room, matrix_sdk::Error> {
        if let Some(id) = self.memory.direct_room(member).await?
            && let Some(room) = self.client.get_room(&id)
            && still_there(&room, member).await
        {
            return Ok(room);
        }
        let room = match self.client.get_dm_room(member) {
            Some(room) if still_there(&room, member).await => room,
            _ => self.open_direct_room(member).await?,
        };
        self.memory.set_direct_room(member, room.room_id()).await?;
        Ok(room)
    }

    /// A new DM with `member`: encrypted when their client can decrypt it (they
    /// published device keys), else plain, or they could never read what the bot says.
    async fn open_direct_room(&self, member: &UserId) -> Result<Room, matrix_sdk::Error> {
        if self.has_device_keys(member).await? {
            tracing::info!(%member, "opening an encrypted direct room");
            return self.client.create_dm(member).await;
        }
        tracing::info!(%member, "opening a direct room without encryption: they publish no keys");
        let mut request = create_room::v3::Request::new();
        request.invite = vec![member.to_owned()];
        request.is_direct = true;
        request.preset = Some(create_room::v3::RoomPreset::TrustedPrivateChat);
        self.client.create_room(request).await
    }

    /// Whether `member` has at least one device with published keys (`/keys/query`).
    async fn has_device_keys(&self, member: &UserId) -> Result<bool, matrix_sdk::Error> {
        let mut request = get_keys::v3::Request::new();
        request.device_keys.insert(member.to_owned(), Vec::new());
        let response = self.client.send(request).await?;
        // Their server did not answer: not knowing is not "no keys" (a plain DM would
        // stay plain for good). The outbox tries again later.
        if !response.failures.is_empty() {
            return Err(matrix_sdk::Error::UnknownError(
                format!("cannot learn the keys of {member}: their server did not answer").into(),
            ));
        }
        Ok(response
            .device_keys
            .get(member)
            .is_some_and(|devices| !devices.is_empty()))
    }

    /// What a role the hub grants means on Matrix (config `[[matrix.grant]]`): invites
    /// to rooms, a power level in the community's rooms.
    pub async fn grant(&self, member: &UserId, role: &str) -> Result<(), matrix_sdk::Error> {
        let Some(grant) = self.settings.grant(role) else {
            tracing::debug!(role, "this role means nothing on Matrix");
            return Ok(());
        };
        for target in &grant.invite {
            let id = resolve(&self.client, target).await?;
            let Some(room) = self.client.get_room(&id) else {
                tracing::warn!(room = target, "cannot invite to a room the bot is not in");
                continue;
            };
            if !still_there(&room, member).await {
                room.invite_user_by_id(member).await?;
            }
        }
        if let Some(level) = grant.power_level {
            let level = matrix_sdk::ruma::Int::new_saturating(level);
            for id in self.rooms.all() {
                if let Some(room) = self.client.get_room(id) {
                    room.update_power_levels(vec![(member, level)]).await?;
                }
            }
        }
        Ok(())
    }
}

/// The room of one event, where its replies go.
struct Answering<'a> {
    bot: &'a Bot,
    room: &'a Room,
    who: &'a UserId,
    event_id: &'a EventId,
    now: DateTime<Utc>,
}

impl Here for Answering<'_> {
    type Error = matrix_sdk::Error;

    async fn send(&mut self, message: &Message, answer: Answer) -> Result<(), Self::Error> {
        let txn = match answer {
            Answer::Reply(index) => reply_txn(self.event_id, index),
            // A failure's reply has its own transaction ID: the real answer, once the
            // event goes through on a replay, must not be taken for it.
            Answer::Failure => format!(
                "{}-failed-{}",
                reply_txn(self.event_id, 0),
                self.now.timestamp_millis()
            ),
        };
        let answers = message.in_reply.then_some(self.event_id);
        self.bot
            .send_answer(self.room, message, Some(self.who), &txn, answers)
            .await?;
        Ok(())
    }
}

/// A room ID, or the room an alias (`#room:server`) points to.
pub async fn resolve(client: &Client, room: &str) -> Result<OwnedRoomId, matrix_sdk::Error> {
    if room.starts_with('#') {
        let alias = matrix_sdk::ruma::OwnedRoomAliasId::try_from(room)
            .map_err(|error| matrix_sdk::Error::UnknownError(Box::new(error)))?;
        return Ok(client.resolve_room_alias(&alias).await?.room_id);
    }
    OwnedRoomId::try_from(room).map_err(|error| matrix_sdk::Error::UnknownError(Box::new(error)))
}

/// Whether `member` is in `room` or invited to it (or not yet known there to have left).
pub(crate) async fn still_there(room: &Room, member: &UserId) -> bool {
    use matrix_sdk::ruma::events::room::member::MembershipState;
    match room.get_member_no_sync(member).await {
        Ok(Some(found)) => matches!(
            found.membership(),
            MembershipState::Join | MembershipState::Invite
        ),
        // A room the bot just opened does not know its invite until the next sync: the
        // member is not known to have left, so a second message goes to the same room
        // rather than opening another.
        Ok(None) => true,
        Err(_) => false,
    }
}

/// The transaction ID of reply number `index` to `event`: the same after a restart.
fn reply_txn(event: &EventId, index: usize) -> String {
    format!("psl-{}-{index}", event.as_str().trim_start_matches('$'))
}

/// The user ID of a member known to the hub by their Matrix ID.
pub fn user_id(text: &str) -> Option<OwnedUserId> {
    OwnedUserId::try_from(text).ok()
}
