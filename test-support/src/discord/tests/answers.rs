//! What the fake answers over REST, and says on the gateway of the bot's own doings, read
//! by serenity 0.12.5's model types, as the bot's HTTP client and shard read them.

use serenity::model::application::{Command, CurrentApplicationInfo, MessageInteractionMetadata};
use serenity::model::channel::{Message as SerenityMessage, PrivateChannel};
use serenity::model::event::{Event, GuildMemberUpdateEvent};
use serenity::model::gateway::{BotGateway, Gateway};
use serenity::model::guild::{Member, Role, ScheduledEvent, ScheduledEventUser};
use serenity::model::user::CurrentUser;

use super::models::{event, read};
use super::*;

#[tokio::test]
async fn serenity_reads_what_rest_answers() {
    let fake = fake().await;
    let (_, gateway) = api(&fake, "GET", "/gateway", Value::Null).await;
    let _: Gateway = read("GET /gateway", &gateway);
    let (_, bot_gateway) = api(&fake, "GET", "/gateway/bot", Value::Null).await;
    let _: BotGateway = read("GET /gateway/bot", &bot_gateway);
    let (_, me) = api(&fake, "GET", "/users/@me", Value::Null).await;
    let _: CurrentUser = read("GET /users/@me", &me);
    let (_, application) = api(&fake, "GET", "/oauth2/applications/@me", Value::Null).await;
    let _: CurrentApplicationInfo = read("the application", &application);

    let (_, dm) = api(
        &fake,
        "POST",
        "/users/@me/channels",
        json!({ "recipient_id": alice().id.to_string() }),
    )
    .await;
    let dm: PrivateChannel = read("a DM channel", &dm);
    assert_eq!(dm.recipient.id.get(), alice().id);

    let body = json!({
        "content": "Hi <@1300000000000000001>",
        "embeds": [{ "title": "Picnic", "description": "Saturday", "fields": [{ "name": "Where", "value": "Parc", "inline": false }] }],
        "allowed_mentions": { "parse": [] },
        "message_reference": null,
    });
    let (_, message) = api(
        &fake,
        "POST",
        &format!("/channels/{}/messages", dm.id),
        body,
    )
    .await;
    let message: SerenityMessage = read("a message", &message);
    assert!(message.mentions.is_empty(), "allowed_mentions kept nobody");

    let commands = json!([{ "name": "event", "description": "Events", "options": [
        { "type": 1, "name": "list", "description": "List them" },
    ]}]);
    let (_, commands) = api(
        &fake,
        "PUT",
        &format!("/applications/{APPLICATION}/guilds/{GUILD}/commands"),
        commands,
    )
    .await;
    let commands: Vec<Command> = read("the commands", &commands);
    assert_eq!(commands[0].options[0].name, "list");

    let event = json!({
        "name": "Picnic", "privacy_level": 2, "entity_type": 3,
        "scheduled_start_time": "2999-06-01T10:00:00Z", "scheduled_end_time": "2999-06-01T14:00:00+02:00",
        "entity_metadata": { "location": "Parc de la Tête d'Or" },
    });
    let (_, event) = api(
        &fake,
        "POST",
        &format!("/guilds/{GUILD}/scheduled-events"),
        event,
    )
    .await;
    let read_event: ScheduledEvent = read("a scheduled event", &event);
    fake.dispatch("GUILD_MEMBER_ADD", member_add(GUILD, &alice(), &[]));
    fake.dispatch(
        "GUILD_SCHEDULED_EVENT_USER_ADD",
        scheduled_event_user(GUILD, read_event.id.get(), alice().id),
    );
    let path = format!(
        "/guilds/{GUILD}/scheduled-events/{}/users?limit=100&with_member=true",
        read_event.id
    );
    let (_, users) = api(&fake, "GET", &path, Value::Null).await;
    let users: Vec<ScheduledEventUser> = read("the interested", &users);
    assert_eq!(users[0].member.as_ref().unwrap().user.id.get(), alice().id);

    let (_, member) = api(
        &fake,
        "GET",
        &format!("/guilds/{GUILD}/members/{}", alice().id),
        Value::Null,
    )
    .await;
    let _: Member = read("a member", &member);
    let (_, roles) = api(&fake, "GET", &format!("/guilds/{GUILD}/roles"), Value::Null).await;
    let _: Vec<Role> = read("the roles", &roles);
}

#[tokio::test]
async fn serenity_reads_what_the_gateway_says_of_the_bots_own_doings() {
    let fake = fake().await;
    let mut client = Client::connect(&fake).await;
    client.identify(ALL_INTENTS).await;
    fake.dispatch("GUILD_MEMBER_ADD", member_add(GUILD, &alice(), &[]));
    assert_eq!(client.next().await["t"], "GUILD_MEMBER_ADD");
    let body = json!({ "content": "Welcome!" });
    let (_, sent) = api(
        &fake,
        "POST",
        &format!("/channels/{GENERAL}/messages"),
        body,
    )
    .await;
    let created = client.next().await;
    let Event::MessageCreate(created) = event("MESSAGE_CREATE", &created["d"]) else {
        panic!("not a message");
    };
    assert_eq!(created.message.guild_id.map(|g| g.get()), Some(GUILD));
    let path = format!(
        "/channels/{GENERAL}/messages/{}",
        sent["id"].as_str().unwrap()
    );
    api(&fake, "PATCH", &path, json!({ "content": "Welcome, all!" })).await;
    event("MESSAGE_UPDATE", &client.next().await["d"]);
    api(
        &fake,
        "PUT",
        &format!("/guilds/{GUILD}/members/{}/roles/{NEWCOMER}", alice().id),
        Value::Null,
    )
    .await;
    let update = client.next().await;
    let _: GuildMemberUpdateEvent = read("GUILD_MEMBER_UPDATE", &update["d"]);
    event("GUILD_MEMBER_UPDATE", &update["d"]);

    let picnic = json!({
        "name": "Picnic", "privacy_level": 2, "entity_type": 3,
        "scheduled_start_time": "2999-06-01T10:00:00Z", "scheduled_end_time": "2999-06-01T14:00:00Z",
        "entity_metadata": { "location": "Parc" },
    });
    let (_, made) = api(
        &fake,
        "POST",
        &format!("/guilds/{GUILD}/scheduled-events"),
        picnic,
    )
    .await;
    let created = client.next().await;
    assert!(matches!(
        event("GUILD_SCHEDULED_EVENT_CREATE", &created["d"]),
        Event::GuildScheduledEventCreate(_)
    ));
    let path = format!(
        "/guilds/{GUILD}/scheduled-events/{}",
        made["id"].as_str().unwrap()
    );
    api(&fake, "PATCH", &path, json!({ "status": 4 })).await;
    assert!(matches!(
        event("GUILD_SCHEDULED_EVENT_UPDATE", &client.next().await["d"]),
        Event::GuildScheduledEventUpdate(_)
    ));
    api(&fake, "DELETE", &path, Value::Null).await;
    assert!(matches!(
        event("GUILD_SCHEDULED_EVENT_DELETE", &client.next().await["d"]),
        Event::GuildScheduledEventDelete(_)
    ));
}

#[tokio::test]
async fn serenity_reads_the_messages_interactions_make() {
    let fake = fake().await;
    let command = slash_command(Some(GUILD), GENERAL, &alice(), &[], 0, "faq", json!([]));
    fake.dispatch("INTERACTION_CREATE", command.clone());
    let callback = format!(
        "/interactions/{}/{}/callback",
        interaction_id(&command),
        command["token"].as_str().unwrap()
    );
    api(&fake, "POST", &callback, json!({ "type": 5 })).await;
    let original = format!(
        "/webhooks/{APPLICATION}/{}/messages/@original",
        command["token"].as_str().unwrap()
    );
    let (_, thinking) = api(&fake, "GET", &original, Value::Null).await;
    let thinking: SerenityMessage = read("a deferred response", &thinking);
    assert!(matches!(
        thinking.interaction_metadata.as_deref(),
        Some(MessageInteractionMetadata::Command(_))
    ));
    let (_, done) = api(&fake, "PATCH", &original, json!({ "content": "Done" })).await;
    let _: SerenityMessage = read("an edited response", &done);

    let body = json!({ "content": "Coming?", "components": [{ "type": 1, "components": [
        { "type": 2, "style": 3, "label": "Yes", "custom_id": "yes" },
    ]}]});
    let (_, sent) = api(
        &fake,
        "POST",
        &format!("/channels/{GENERAL}/messages"),
        body,
    )
    .await;
    let press = button_press(Some(GUILD), GENERAL, &alice(), &[], &sent, "yes");
    fake.dispatch("INTERACTION_CREATE", press.clone());
    let callback = format!(
        "/interactions/{}/{}/callback",
        interaction_id(&press),
        press["token"].as_str().unwrap()
    );
    api(
        &fake,
        "POST",
        &callback,
        json!({ "type": 4, "data": { "content": "Noted", "flags": 64 } }),
    )
    .await;
    let reply: SerenityMessage = read(
        "a reply to a button",
        &fake.original_response(interaction_id(&press)).unwrap(),
    );
    assert!(matches!(
        reply.interaction_metadata.as_deref(),
        Some(MessageInteractionMetadata::Component(_))
    ));
}
