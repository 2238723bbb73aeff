//! The hub: takes what happened on a platform and the current instant, updates the store,
//! and returns what to say where. It never reads the clock and never sends anything.
//!
//! Replies meant for the place the event came from are returned to the adapter at once;
//! every other reply (a DM from a room, another room, another platform) goes into the
//! outbox, which adapters drain.

/// The value of a [`Step`], or returns its replies from the handler.
macro_rules! step {
    ($step:expr) => {
        match $step {
            Ok(value) => value,
            Err(reply) => return Ok(reply),
        }
    };
}
pub(crate) use step;

mod adapter;
mod clean;
pub(crate) mod complete;
mod context;
pub(crate) mod help;
mod private;

pub use crate::jobs::TickReport;
use clean::cleaned;
pub use complete::{MAX_SUGGESTIONS, Suggestion};
pub(crate) use context::Context;

use std::sync::Arc;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::command::catalog::Who;
use crate::command::{self, CommandName, ParseError};
use crate::i18n;
use crate::incoming::{Event, Incoming, Place};
use crate::jobs::Command;
use crate::lang::Lang;
use crate::model::{
    Community, CommunityId, Identity, Member, MemberId, Platform, Role, RoomPurpose,
};
use crate::outbox::{Destination, NewOutgoing};
use crate::reply::{Choice, Message, Reply, Target};
use crate::store::{Keep, Seen, Store, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum HubError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The hub broke on the event (a panic, caught by the caller): a bug, which the same
    /// event would trip again.
    #[error("the hub failed on the event: {0}")]
    Bug(String),
}

impl HubError {
    /// Whether the database could not be reached: nothing was saved.
    pub fn is_unavailable(&self) -> bool {
        match self {
            Self::Store(error) => error.is_unavailable(),
            Self::Bug(_) => false,
        }
    }

    /// Whether the error may pass by itself (see [`StoreError::may_pass`]).
    pub fn may_pass(&self) -> bool {
        match self {
            Self::Store(error) => error.may_pass(),
            Self::Bug(_) => false,
        }
    }
}

/// How many times one event is handled again when the database asks to (a deadlock, a
/// busy file) before the error is reported.
const TRIES: u32 = 3;

/// The longest one try at handling an event may take: past it the database is taken
/// for away (a server that stopped answering), nothing of the try is kept, and the
/// member is told so.
const DEADLINE: std::time::Duration = std::time::Duration::from_secs(5);

/// One community's hub, over its store.
#[derive(Debug, Clone)]
pub struct Hub {
    pub(crate) store: Store,
    pub(crate) community: Arc<Community>,
    pub(crate) community_id: CommunityId,
    /// When this process's ticks last pruned (milliseconds since the epoch; `i64::MIN`
    /// before the first): nothing a member said, only how often to look.
    pub(crate) pruned_at: Arc<std::sync::atomic::AtomicI64>,
}

impl Hub {
    /// Opens the hub for `community`, recording it in the store.
    pub async fn open(
        store: Store,
        community: Community,
        now: DateTime<Utc>,
    ) -> Result<Self, HubError> {
        let community_id = store.sync_community(&community, now).await?;
        let hub = Self {
            store,
            community: Arc::new(community),
            community_id,
            pruned_at: Arc::new(std::sync::atomic::AtomicI64::new(i64::MIN)),
        };
        hub.ensure_reminders(now).await?;
        Ok(hub)
    }

    pub fn community(&self) -> &Community {
        &self.community
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The community's key in the store.
    pub fn community_id(&self) -> CommunityId {
        self.community_id
    }

    /// Handles one event and returns the messages for the place it came from. Messages
    /// for anywhere else are in the outbox when this returns.
    ///
    /// Everything the event changes and every message it causes commit in one
    /// transaction: a crash at any moment leaves either all of it or none of it.
    pub async fn handle(
        &self,
        incoming: &Incoming,
        now: DateTime<Utc>,
    ) -> Result<Vec<Message>, HubError> {
        let incoming = &*cleaned(incoming);
        let mut tries = 0;
        loop {
            tries += 1;
            let try_once = async {
                let hub = self.in_work().await?;
                let here = hub.handle_in_work(incoming, now).await?;
                Ok((hub, here))
            };
            // The commit is outside the deadline: one that went through must not be
            // reported as lost (the member would send it again).
            let handled = match tokio::time::timeout(DEADLINE, try_once).await {
                Ok(Ok((hub, here))) => hub
                    .store
                    .commit()
                    .await
                    .map(|()| here)
                    .map_err(HubError::from),
                Ok(Err(error)) => Err(error),
                Err(_) => Err(HubError::Store(StoreError::TimedOut(DEADLINE))),
            };
            match handled {
                Err(HubError::Store(error)) if error.is_retryable() && tries < TRIES => {
                    tracing::debug!(%error, tries, "the database asked to try again");
                }
                handled => return handled,
            }
        }
    }

    /// This hub, writing through a new unit of work.
    async fn in_work(&self) -> Result<Self, HubError> {
        Ok(Self {
            store: self.store.begin_work().await?,
            community: Arc::clone(&self.community),
            community_id: self.community_id,
            pruned_at: Arc::clone(&self.pruned_at),
        })
    }

    /// [`Hub::handle`] inside its unit of work: an event seen before gets its replies
    /// again, and changes nothing.
    async fn handle_in_work(
        &self,
        incoming: &Incoming,
        now: DateTime<Utc>,
    ) -> Result<Vec<Message>, HubError> {
        let Some(id) = &incoming.id else {
            let here = self.apply(incoming, now).await?;
            return Ok(answering(incoming, leaving(incoming, here)));
        };
        let platform = incoming.platform;
        if let Seen::Before(replies) = self
            .store
            .mark_handled(self.community_id, platform, id, now)
            .await?
        {
            tracing::debug!(event = id, "an event handled before: its replies again");
            return Ok(replies);
        }
        let here = self.apply(incoming, now).await?;
        let here = answering(incoming, leaving(incoming, here));
        let sender = self
            .store
            .find_member_id(self.community_id, platform, &incoming.sender.user_id)
            .await?;
        self.store
            .save_replies(self.community_id, platform, id, sender, &here)
            .await?;
        Ok(here)
    }

    /// Applies one event: what it changes, what it says here, and what it queues.
    async fn apply(
        &self,
        incoming: &Incoming,
        now: DateTime<Utc>,
    ) -> Result<Vec<Message>, HubError> {
        let replies = match &incoming.event {
            Event::Message(text) if command::lexer::is_command(text) => {
                self.command(incoming, text, now).await?
            }
            // In private, plain text answers the questionnaire when it waits for one.
            Event::Message(text)
                if let Some(replies) = self.private_text(incoming, text, now).await? =>
            {
                replies
            }
            // Ordinary chat: a failed suggestion is logged, never answered with an apology,
            // and leaves nothing half-written (a savepoint).
            Event::Message(text) => {
                self.store.savepoint().await?;
                match self.chat(incoming, text, now).await {
                    Ok(replies) => {
                        self.store.release_savepoint().await?;
                        replies
                    }
                    Err(error) => {
                        tracing::warn!(%error, "the FAQ suggester failed on a chat message");
                        self.store.back_to_savepoint().await?;
                        Vec::new()
                    }
                }
            }
            Event::ChoicePicked(command) => self.command(incoming, command, now).await?,
            Event::Invoked(invocation) => {
                let parsed = command::parse_invocation(invocation);
                let name = CommandName::find(&invocation.command);
                self.read_command(incoming, parsed, name, now).await?
            }
            Event::Joined => {
                self.on_joined(incoming, now).await?;
                Vec::new()
            }
            Event::AskedToJoin(admission) => {
                self.on_asked_to_join(incoming, *admission, now).await?;
                Vec::new()
            }
            Event::Unreadable if incoming.place == Place::Direct => {
                let member = self.member_for(incoming, now).await?;
                let (lang, _) = self.voice(&member);
                vec![Reply::here(Message::text(i18n::t(lang, "unreadable")))]
            }
            Event::Unreadable => Vec::new(),
            Event::Left => {
                let found = self
                    .store
                    .find_member(
                        self.community_id,
                        incoming.platform,
                        &incoming.sender.user_id,
                    )
                    .await?;
                if let Some(member) = found {
                    self.store.mark_left(member.id, now).await?;
                }
                Vec::new()
            }
        };
        self.route(incoming, replies, now).await
    }

    /// Grants a hub role to the member known on `platform` as `user_id` (the console's
    /// `:role`; platform adapters pass platform roles with each event instead).
    pub async fn grant_role(
        &self,
        identity: &Identity,
        role: Role,
        now: DateTime<Utc>,
    ) -> Result<(), HubError> {
        let member = self
            .store
            .ensure_member(self.community_id, identity, now)
            .await?;
        self.store.grant_role(member.id, role, now).await?;
        Ok(())
    }

    /// Posts `message` to every room serving `purpose`, on every platform, through the
    /// outbox (announcements, welcomes).
    pub async fn post(
        &self,
        purpose: RoomPurpose,
        message: Message,
        now: DateTime<Utc>,
    ) -> Result<(), HubError> {
        let queued: Vec<NewOutgoing> = self.to_rooms(purpose, &message, now).collect();
        Ok(self.store.enqueue(self.community_id, &queued, now).await?)
    }

    /// The adapter posted `outgoing` as the platform's message `message_id` (see
    /// [`Store::confirm_posted`]).
    pub async fn confirm_posted(
        &self,
        outgoing: &crate::outbox::Outgoing,
        message_id: &str,
        now: DateTime<Utc>,
    ) -> Result<(), HubError> {
        Ok(self
            .store
            .confirm_posted(self.community_id, outgoing, message_id, now)
            .await?)
    }

    /// Puts a message in the outbox: a reply an adapter could not send at once, so that
    /// it is retried rather than lost.
    pub async fn enqueue(&self, message: NewOutgoing, now: DateTime<Utc>) -> Result<(), HubError> {
        Ok(self
            .store
            .enqueue(self.community_id, &[message], now)
            .await?)
    }

    /// One outgoing message per room serving `purpose`.
    pub(crate) fn to_rooms<'a>(
        &'a self,
        purpose: RoomPurpose,
        message: &'a Message,
        now: DateTime<Utc>,
    ) -> impl Iterator<Item = NewOutgoing> + 'a {
        self.community
            .rooms_for(purpose)
            .map(move |room| NewOutgoing {
                platform: room.platform,
                destination: Destination::Room(room.id.clone()),
                member: None,
                about: None,
                message: message.clone(),
                not_before: now,
            })
    }

    /// A DM to `member` (see [`direct_to`]).
    pub(crate) async fn direct(
        &self,
        member: MemberId,
        platform: Option<Platform>,
        message: Message,
        now: DateTime<Utc>,
    ) -> Result<Option<NewOutgoing>, HubError> {
        let found = self.store.member(member).await?;
        Ok(direct_to(&found, platform, message, now))
    }

    /// The language and time zone to write to `member` in.
    pub(crate) fn voice(&self, member: &Member) -> (Lang, Tz) {
        (
            member.language.unwrap_or(self.community.language),
            member.time_zone.unwrap_or(self.community.time_zone),
        )
    }

    /// What to say when handling failed on our side, in the community's language.
    pub fn apology(&self) -> Message {
        Message::text(i18n::t(self.community.language, "something-wrong"))
    }

    /// What to say when handling `error` failed: that nothing was taken when the
    /// database could not be reached, else [`Hub::apology`].
    pub fn failure_reply(&self, error: &HubError) -> Message {
        if error.is_unavailable() {
            Message::text(i18n::t(self.community.language, "store-unavailable"))
        } else {
            self.apology()
        }
    }

    pub(crate) async fn member_for(
        &self,
        incoming: &Incoming,
        now: DateTime<Utc>,
    ) -> Result<Member, HubError> {
        Ok(self
            .store
            .ensure_member(self.community_id, &incoming.identity(), now)
            .await?)
    }

    async fn command(
        &self,
        incoming: &Incoming,
        text: &str,
        now: DateTime<Utc>,
    ) -> Result<Vec<Reply>, HubError> {
        self.read_command(incoming, command::parse(text), command::invoked(text), now)
            .await
    }

    /// Answers a command as it was read (`parsed`), `name` the catalog's command it
    /// invokes when it names one.
    async fn read_command(
        &self,
        incoming: &Incoming,
        parsed: Result<Command, ParseError>,
        name: Option<CommandName>,
        now: DateTime<Utc>,
    ) -> Result<Vec<Reply>, HubError> {
        match &parsed {
            // Text like `/usr/bin` is chat: no reply, and nothing is written.
            Err(ParseError::NotACommand) => return Ok(Vec::new()),
            // In a room, an unknown command may be another bot's (`!rank`): stay quiet.
            // In private it can only be for us, so it gets a pointer to /help.
            Err(ParseError::Unknown {
                suggestion: None, ..
            }) if incoming.place != Place::Direct => {
                return Ok(Vec::new());
            }
            _ => {}
        }
        let member = self.member_for(incoming, now).await?;
        let ctx = self.context(incoming, member, now);
        // Commands the catalog keeps for members who accepted the rules.
        let gated = parsed.is_ok() && name.is_some_and(|name| name.info().who == Who::Accepted);
        if gated && let Some(replies) = self.rules_first(&ctx).await? {
            return Ok(replies);
        }
        match parsed {
            Ok(command) => self.dispatch(&ctx, command).await,
            Err(error) => Ok(vec![Reply::here(help::explain(ctx.lang, &error))]),
        }
    }

    /// Who is asking: stored roles, platform roles and `Member` merged, in their voice.
    pub(crate) fn context<'a>(
        &self,
        incoming: &'a Incoming,
        member: Member,
        now: DateTime<Utc>,
    ) -> Context<'a> {
        let mut roles: Vec<Role> = std::iter::once(Role::Member)
            .chain(member.roles.iter().copied())
            .chain(incoming.sender.roles.iter().copied())
            .collect();
        roles.sort();
        roles.dedup();
        let (lang, zone) = self.voice(&member);
        Context {
            incoming,
            lang,
            zone,
            member,
            roles,
            now,
        }
    }

    /// Returns the replies for here and queues the others.
    pub(crate) async fn route(
        &self,
        incoming: &Incoming,
        replies: Vec<Reply>,
        now: DateTime<Utc>,
    ) -> Result<Vec<Message>, HubError> {
        let mut here = Vec::new();
        let mut queued = Vec::new();
        for reply in replies {
            match reply.target.clone() {
                Target::Here => here.push(reply.message),
                Target::Member(id) => {
                    let member = self.store.member(id).await?;
                    let is_sender = member
                        .identity_on(incoming.platform)
                        .is_some_and(|identity| identity.user_id == incoming.sender.user_id);
                    if is_sender && incoming.place == Place::Direct {
                        here.push(reply.message);
                        continue;
                    }
                    // Where the sender is acting, their own private chat there; anyone
                    // else, where they prefer.
                    let acting = is_sender.then_some(incoming.platform);
                    queued.extend(self.direct(id, acting, reply.message, now).await?);
                }
                Target::Rooms(purpose) => {
                    queued.extend(self.to_rooms(purpose, &reply.message, now))
                }
                Target::Kept { purpose, key } | Target::Update { purpose, key } => {
                    let post = matches!(reply.target, Target::Kept { .. });
                    for room in self.community.rooms_for(purpose) {
                        let keep = Keep {
                            platform: room.platform,
                            room: &room.id,
                            key: &key,
                            post,
                        };
                        self.store
                            .keep(self.community_id, &keep, &reply.message, now)
                            .await?;
                    }
                }
            }
        }
        // All or nothing: one transaction for everything this event says elsewhere.
        self.store.enqueue(self.community_id, &queued, now).await?;
        Ok(here)
    }
}

/// What a handler step gives: the value to go on with, or the replies that end the
/// command here (a date that could not be read, an event that is not there).
pub(crate) type Step<T> = Result<T, Vec<Reply>>;

/// One message for here.
pub(crate) fn say(text: String) -> Vec<Reply> {
    vec![Reply::here(Message::text(text))]
}

/// One message for here, with choices.
pub(crate) fn say_with(text: String, choices: Vec<Choice>) -> Vec<Reply> {
    vec![Reply::here(Message::text(text).with_choices(choices))]
}

/// The messages for here, as they leave for the platform the event came from.
fn leaving(incoming: &Incoming, messages: Vec<Message>) -> Vec<Message> {
    let platform = incoming.platform;
    messages
        .into_iter()
        .map(|message| message.leaving_for(platform))
        .collect()
}

/// The messages for here, marked as replies to the member's message when it was said
/// in a room.
fn answering(incoming: &Incoming, mut messages: Vec<Message>) -> Vec<Message> {
    let in_room = matches!(incoming.place, Place::Room(_));
    if in_room && matches!(incoming.event, Event::Message(_)) {
        for message in &mut messages {
            message.in_reply = true;
        }
    }
    messages
}

/// A DM to `member`, on the account [`Member::private_account`] picks (`platform`, when
/// given, is where they are acting). `None` (and a warning) for a member with none.
pub(crate) fn direct_to(
    member: &Member,
    platform: Option<Platform>,
    message: Message,
    now: DateTime<Utc>,
) -> Option<NewOutgoing> {
    let Some(identity) = member.private_account(platform) else {
        tracing::warn!(
            member = member.id.0,
            "a message for a member with no identity is dropped"
        );
        return None;
    };
    Some(NewOutgoing {
        platform: identity.platform,
        destination: Destination::Direct(identity.user_id.clone()),
        member: Some(member.id),
        about: None,
        message,
        not_before: now,
    })
}
