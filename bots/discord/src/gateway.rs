//! The gateway's events, as serenity hands them over, turned into the hub's: slash
//! commands, autocomplete and button presses (answered through [`Responder`]), members
//! joining and leaving the guild, and messages in DMs (and in rooms, with text
//! commands on). Each event carries Discord's ID, so one delivered twice (a resumed
//! session replays) is answered once.

use std::sync::{Arc, Mutex, PoisonError};

use passerelle_core::incoming::{Event, Incoming, Place};
use passerelle_core::model::Platform;
use serde_json::json;
use serenity::all::{
    CommandInteraction, ComponentInteraction, Context, EventHandler, GuildId,
    GuildScheduledEventUserAddEvent, GuildScheduledEventUserRemoveEvent, Interaction, Member,
    Message as DiscordMessage, Ready, ResumedEvent, User,
};
use serenity::async_trait;

use crate::bot::Bot;
use crate::interaction::{AUTOCOMPLETE_RESULT, Responder};
use crate::translate::{invocation, standing, typing};

/// What to call once the gateway said who the bot is.
pub type OnReady = Box<dyn FnOnce(&str) + Send>;

/// serenity's event handler for the bot.
pub struct Handler {
    pub bot: Arc<Bot>,
    pub on_ready: Mutex<Option<OnReady>>,
}

impl std::fmt::Debug for Handler {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Handler").finish_non_exhaustive()
    }
}

#[async_trait]
impl EventHandler for Handler {
    async fn ready(&self, _ctx: Context, ready: Ready) {
        let name = format!("{}#{}", ready.user.name, ready.user.id);
        tracing::info!(session = ready.session_id, "the Discord gateway is ready");
        let on_ready = self
            .on_ready
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if let Some(on_ready) = on_ready {
            on_ready(&name);
        }
    }

    async fn resume(&self, _ctx: Context, _event: ResumedEvent) {
        tracing::info!("the Discord gateway session resumed");
    }

    async fn interaction_create(&self, _ctx: Context, interaction: Interaction) {
        self.interaction(interaction).await;
    }

    async fn guild_scheduled_event_user_add(
        &self,
        _ctx: Context,
        subscribed: GuildScheduledEventUserAddEvent,
    ) {
        if self.ours(subscribed.guild_id) && subscribed.user_id.get() != self.bot.user_id {
            crate::scheduled::interested(
                &self.bot,
                subscribed.scheduled_event_id.get(),
                subscribed.user_id.get(),
            )
            .await;
        }
    }

    async fn guild_scheduled_event_user_remove(
        &self,
        _ctx: Context,
        unsubscribed: GuildScheduledEventUserRemoveEvent,
    ) {
        if self.ours(unsubscribed.guild_id) && unsubscribed.user_id.get() != self.bot.user_id {
            crate::scheduled::not_interested(
                &self.bot,
                unsubscribed.scheduled_event_id.get(),
                unsubscribed.user_id.get(),
            )
            .await;
        }
    }

    async fn guild_member_addition(&self, _ctx: Context, member: Member) {
        if !self.ours(member.guild_id) || member.user.bot {
            return;
        }
        let joined = member.joined_at.map(|at| at.unix_timestamp()).unwrap_or(0);
        let incoming = Incoming {
            id: Some(format!("join:{}:{joined}", member.user.id)),
            platform: Platform::Discord,
            sender: self.bot.sender(&member.user, Some(standing(&member)), None),
            // A whole server is joined, no room: the hub greets in its welcome rooms.
            place: Place::Direct,
            event: Event::Joined,
        };
        self.quietly(&incoming).await;
    }

    async fn guild_member_removal(
        &self,
        _ctx: Context,
        guild: GuildId,
        user: User,
        _member: Option<Member>,
    ) {
        if !self.ours(guild) || user.bot {
            return;
        }
        let incoming = Incoming {
            id: None,
            platform: Platform::Discord,
            sender: self.bot.sender(&user, None, None),
            place: Place::Direct,
            event: Event::Left,
        };
        self.quietly(&incoming).await;
    }

    async fn message(&self, _ctx: Context, message: DiscordMessage) {
        if message.author.bot || message.content.trim().is_empty() {
            return;
        }
        let place = match message.guild_id {
            None => Place::Direct,
            Some(guild) if self.ours(guild) && self.bot.settings.text_commands => {
                let room = message.channel_id.get().to_string();
                if !self
                    .bot
                    .hub
                    .community()
                    .rooms
                    .iter()
                    .any(|r| r.platform == Platform::Discord && r.id == room)
                {
                    return;
                }
                Place::Room(room)
            }
            Some(_) => return,
        };
        let standing = message
            .member
            .as_ref()
            .map(|member| crate::settings::Standing {
                roles: member.roles.iter().map(|role| role.get()).collect(),
                ..Default::default()
            });
        let incoming = Incoming {
            id: Some(message.id.get().to_string()),
            platform: Platform::Discord,
            sender: self.bot.sender(&message.author, standing, None),
            place: place.clone(),
            event: Event::Message(message.content.clone()),
        };
        let reply_to = matches!(place, Place::Room(_)).then(|| message.id.get());
        let mut here = crate::deliver::InChannel {
            bot: self.bot.clone(),
            channel: message.channel_id.get(),
            reply_to,
        };
        let now = passerelle_runtime::now();
        let handled =
            passerelle_runtime::incoming::handle(&self.bot.hub, &incoming, now, &mut here).await;
        self.after(handled, &incoming);
    }
}

impl Handler {
    /// Whether `guild` is the configured one.
    fn ours(&self, guild: GuildId) -> bool {
        guild.get() == self.bot.settings.guild_id
    }

    /// The place of an interaction: a DM, or the channel of the guild it came from.
    fn place(&self, guild: Option<GuildId>, channel: u64) -> Option<Place> {
        match guild {
            None => Some(Place::Direct),
            Some(guild) if self.ours(guild) => Some(Place::Room(channel.to_string())),
            Some(_) => None,
        }
    }

    /// Answers an interaction, from the gateway or posted to the endpoint.
    pub async fn interaction(&self, interaction: Interaction) {
        match interaction {
            Interaction::Command(command) => self.command(&command).await,
            Interaction::Autocomplete(command) => self.autocomplete(&command).await,
            Interaction::Component(press) => self.press(&press).await,
            _ => {}
        }
    }

    async fn command(&self, command: &CommandInteraction) {
        let Some(place) = self.place(command.guild_id, command.channel_id.get()) else {
            return;
        };
        let incoming = Incoming {
            id: Some(command.id.get().to_string()),
            platform: Platform::Discord,
            sender: self.bot.sender(
                &command.user,
                command.member.as_deref().map(standing),
                Some(&command.locale),
            ),
            place,
            event: Event::Invoked(invocation(&command.data)),
        };
        let responder = Responder::new(
            self.bot.clone(),
            command.id.get(),
            command.token.clone(),
            false,
        );
        self.answer(&incoming, responder).await;
    }

    async fn press(&self, press: &ComponentInteraction) {
        let responder = Responder::new(
            self.bot.clone(),
            press.id.get(),
            press.token.clone(),
            press.guild_id.is_some(),
        );
        let Some(place) = self.place(press.guild_id, press.channel_id.get()) else {
            return;
        };
        let command = match self
            .bot
            .hub
            .offered_choice(Platform::Discord, &press.data.custom_id)
            .await
        {
            Ok(Some(command)) => command,
            Ok(None) => {
                tracing::debug!(key = press.data.custom_id, "a button the hub never offered");
                responder.close_silently().await;
                return;
            }
            Err(error) => {
                tracing::warn!(%error, "cannot read a button's choice");
                responder.close_silently().await;
                return;
            }
        };
        let incoming = Incoming {
            id: Some(press.id.get().to_string()),
            platform: Platform::Discord,
            sender: self.bot.sender(
                &press.user,
                press.member.as_ref().map(standing),
                Some(&press.locale),
            ),
            place,
            event: Event::ChoicePicked(command),
        };
        self.answer(&incoming, responder).await;
    }

    /// Hands `incoming` to the hub and answers the interaction with its replies.
    async fn answer(&self, incoming: &Incoming, mut responder: Responder) {
        let deferral = responder.defer_later();
        let now = passerelle_runtime::now();
        let handled =
            passerelle_runtime::incoming::handle(&self.bot.hub, incoming, now, &mut responder)
                .await;
        deferral.abort();
        if handled.sent == 0 {
            responder.close_silently().await;
        }
        self.after(handled, incoming);
    }

    async fn autocomplete(&self, command: &CommandInteraction) {
        let Some(typing) = typing(&command.data) else {
            return;
        };
        let lang = crate::translate::language(&command.locale)
            .unwrap_or(self.bot.hub.community().language);
        let now = passerelle_runtime::now();
        let found = self
            .bot
            .hub
            .complete_argument(
                &typing.command,
                typing.sub.as_deref(),
                &typing.option,
                &typing.typed,
                lang,
                now,
            )
            .await
            .unwrap_or_else(|error| {
                tracing::warn!(%error, "autocomplete failed");
                Vec::new()
            });
        let integer = typing.integer;
        let choices: Vec<_> = found
            .into_iter()
            .filter_map(|suggestion| {
                let value = if integer {
                    json!(suggestion.value.parse::<i64>().ok()?)
                } else {
                    json!(suggestion.value)
                };
                Some(json!({ "name": cut(&suggestion.label, 100), "value": value }))
            })
            .collect();
        let body = json!({ "type": AUTOCOMPLETE_RESULT, "data": { "choices": choices } });
        let path = format!("/interactions/{}/{}/callback", command.id, command.token);
        if let Err(error) = self.bot.rest.post(&path, &body).await {
            tracing::warn!(%error, "cannot answer an autocomplete");
        }
    }

    /// Hands an event that is answered nowhere (a member joining) to the hub.
    async fn quietly(&self, incoming: &Incoming) {
        let now = passerelle_runtime::now();
        match self.bot.hub.handle(incoming, now).await {
            Ok(_) => self.bot.wake.notify_one(),
            Err(error) => tracing::warn!(%error, "the hub failed on a Discord event"),
        }
    }

    fn after(&self, handled: passerelle_runtime::incoming::Handled, incoming: &Incoming) {
        if let Some(error) = handled.error {
            tracing::warn!(%error, event = incoming.id, "the hub failed on a Discord event");
        }
        // What the event queued for elsewhere may go now, and events may have changed.
        self.bot.wake.notify_one();
        self.bot.calendar.notify_one();
    }
}

/// `text` within `max` characters.
fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let kept: String = text.chars().take(max - 1).collect();
    format!("{kept}…")
}
