//! What the fake dispatches (READY, GUILD_CREATE, and every builder's payload), read by
//! serenity 0.12.5's own model types: serenity drops an event whose JSON lacks a field it
//! requires (and skips a guild channel it cannot read), so a field missing here would make
//! the bot deaf without an error.

use serenity::model::application::{
    CommandDataOptionValue, CommandInteraction, ComponentInteraction, Interaction,
};
use serenity::model::channel::Message as SerenityMessage;
use serenity::model::event::{
    Event, GuildCreateEvent, GuildMemberAddEvent, GuildScheduledEventUserAddEvent,
    MessageCreateEvent,
};
use serenity::model::gateway::Ready;
use serenity::model::id::RoleId;

use super::*;

pub(super) fn read<T: serde::de::DeserializeOwned>(what: &str, value: &Value) -> T {
    match serde_json::from_value(value.clone()) {
        Ok(read) => read,
        Err(error) => panic!("serenity cannot read {what}: {error}\n{value:#}"),
    }
}

/// As the shard reads a dispatch: `{"t", "d"}` into `Event`, not its `Unknown` fallback.
pub(super) fn event(name: &str, data: &Value) -> Event {
    let event: Event = read(name, &json!({ "t": name, "d": data }));
    assert!(
        !matches!(event, Event::Unknown(_)),
        "{name} read as Unknown: {data:#}"
    );
    event
}

#[tokio::test]
async fn serenity_reads_ready_and_the_whole_guild() {
    let fake = fake().await;
    let mut client = Client::connect(&fake).await;
    let (ready, guild) = client.identify(ALL_INTENTS).await;
    assert!(matches!(event("READY", &ready), Event::Ready(_)));
    assert!(matches!(
        event("GUILD_CREATE", &guild),
        Event::GuildCreate(_)
    ));
    let ready: Ready = read("READY", &ready);
    assert_eq!(ready.user.id.get(), APPLICATION);
    assert!(ready.user.bot);
    assert_eq!(ready.application.id.get(), APPLICATION);
    assert_eq!(ready.guilds[0].id.get(), GUILD);

    let created: GuildCreateEvent = read("GUILD_CREATE", &guild);
    let guild = &created.guild;
    assert_eq!(guild.name, "Expats in Lyon");
    assert_eq!(
        guild.channels.len(),
        2,
        "a channel serenity could not read was skipped"
    );
    assert_eq!(guild.channels[&GENERAL.into()].name, "general");
    assert_eq!(guild.roles.len(), 3, "@everyone and two roles");
    assert_eq!(guild.roles[&NEWCOMER.into()].name, "newcomer");
    assert!(
        guild.members.contains_key(&APPLICATION.into()),
        "the bot is a member"
    );
}

#[test]
fn a_field_serenity_needs_is_missed_by_these_checks() {
    let mut built = command(Some(GUILD), GENERAL, "faq");
    if let Value::Object(fields) = &mut built {
        fields.remove("attachment_size_limit");
    }
    assert!(serde_json::from_value::<Interaction>(built.clone()).is_err());
    let read = serde_json::from_value::<Event>(json!({ "t": "INTERACTION_CREATE", "d": built }));
    assert!(
        matches!(read, Ok(Event::Unknown(_))),
        "serenity drops it quietly: {read:?}"
    );
}

#[test]
fn serenity_reads_a_slash_command_in_the_guild_and_in_a_dm() {
    let options = json!([
        { "name": "when", "type": 3, "value": "friday" },
        { "name": "seats", "type": 4, "value": 12 },
        { "name": "who", "type": 6, "value": "1300000000000000002" },
    ]);
    let built = slash_command(
        Some(GUILD),
        GENERAL,
        &alice(),
        &[NEWCOMER],
        1 << 11,
        "event",
        options,
    );
    let Interaction::Command(command) = read::<Interaction>("a slash command", &built) else {
        panic!("not a command interaction");
    };
    assert_eq!(command.data.name, "event");
    assert_eq!(command.locale, "fr");
    assert_eq!(command.user.id.get(), alice().id, "the member's user");
    let member = command.member.as_ref().unwrap();
    assert_eq!(member.roles, vec![RoleId::new(NEWCOMER)]);
    assert_eq!(member.permissions.unwrap().bits(), 1 << 11);
    assert_eq!(
        command.data.options[1].value,
        CommandDataOptionValue::Integer(12)
    );
    assert!(matches!(
        event("INTERACTION_CREATE", &built),
        Event::InteractionCreate(_)
    ));

    let subcommand = json!([{ "name": "join", "type": 1, "options": [{ "name": "id", "type": 3, "value": "7" }] }]);
    let in_dm = slash_command(None, DM, &alice(), &[], 0, "event", subcommand);
    let command: CommandInteraction = read("a DM slash command", &in_dm);
    assert_eq!(command.user.name, "alice");
    assert!(command.guild_id.is_none() && command.member.is_none());
    assert!(matches!(
        command.data.options[0].value,
        CommandDataOptionValue::SubCommand(_)
    ));
}

#[test]
fn serenity_reads_an_autocomplete_with_its_focused_option() {
    let options = json!([{ "name": "faq", "type": 3, "value": "vis" }]);
    let built = autocomplete(Some(GUILD), GENERAL, &alice(), "faq", options);
    let Interaction::Autocomplete(command) = read::<Interaction>("an autocomplete", &built) else {
        panic!("not an autocomplete");
    };
    let focused = command.data.autocomplete().unwrap();
    assert_eq!((focused.name, focused.value), ("faq", "vis"));

    let numeric = json!([{ "name": "page", "type": 4, "value": 2, "focused": true }]);
    let built = autocomplete(None, DM, &alice(), "faq", numeric);
    let command: CommandInteraction = read("a numeric autocomplete", &built);
    assert_eq!(command.data.autocomplete().unwrap().value, "2");
}

#[tokio::test]
async fn serenity_reads_a_button_press_on_a_message_the_bot_sent() {
    let fake = fake().await;
    let body = json!({ "content": "Coming?", "components": [{ "type": 1, "components": [
        { "type": 2, "style": 1, "label": "Yes", "custom_id": "rsvp:1:yes" },
        { "type": 2, "style": 5, "label": "Map", "url": "https://example.org" },
    ]}]});
    let sent = post_message(&fake, GENERAL, body).await;
    let built = button_press(Some(GUILD), GENERAL, &alice(), &[], &sent, "rsvp:1:yes");
    let Interaction::Component(press) = read::<Interaction>("a button press", &built) else {
        panic!("not a component interaction");
    };
    assert_eq!(press.data.custom_id, "rsvp:1:yes");
    assert_eq!(press.message.components[0].components.len(), 2);
    let _: ComponentInteraction = read(
        "a DM button press",
        &button_press(None, 9, &alice(), &[], &sent, "x"),
    );
}

#[test]
fn serenity_reads_members_messages_and_interest() {
    let added = member_add(GUILD, &alice(), &[NEWCOMER]);
    let added: GuildMemberAddEvent = read("GUILD_MEMBER_ADD", &added);
    assert_eq!(added.member.guild_id.get(), GUILD);
    assert_eq!(added.member.roles, vec![RoleId::new(NEWCOMER)]);

    let text = format!("hello <@{APPLICATION}> and <@&{HELPER}>");
    let in_guild: MessageCreateEvent = read(
        "MESSAGE_CREATE",
        &message_create(Some(GUILD), GENERAL, &alice(), &text),
    );
    assert_eq!(in_guild.message.mentions[0].id.get(), APPLICATION);
    assert_eq!(in_guild.message.mention_roles, vec![RoleId::new(HELPER)]);
    assert!(in_guild.message.member.is_some());
    let in_dm: SerenityMessage = read("a DM", &message_create(None, 7, &alice(), "hi"));
    assert!(in_dm.guild_id.is_none());

    let interest = scheduled_event_user(GUILD, 42, alice().id);
    let interest: GuildScheduledEventUserAddEvent =
        read("GUILD_SCHEDULED_EVENT_USER_ADD", &interest);
    assert_eq!(interest.scheduled_event_id.get(), 42);
}
