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
    let _: Gateway = read("GET /gateway", &get(&fake, "/gateway").await.1);
    let _: BotGateway = read("GET /gateway/bot", &get(&fake, "/gateway/bot").await.1);
    let _: CurrentUser = read("GET /users/@me", &get(&fake, "/users/@me").await.1);
    let (_, application) = get(&fake, "/oauth2/applications/@me").await;
    let _: CurrentApplicationInfo = read("the application", &application);

    let open = json!({ "recipient_id": alice().id.to_string() });
    let (_, dm) = post(&fake, "/users/@me/channels", open).await;
    let dm: PrivateChannel = read("a DM channel", &dm);
    assert_eq!(dm.recipient.id.get(), alice().id);

    let body = json!({
        "content": "Hi <@1300000000000000001>",
        "embeds": [{ "title": "Picnic", "description": "Saturday", "fields": [{ "name": "Where", "value": "Parc", "inline": false }] }],
        "allowed_mentions": { "parse": [] },
        "message_reference": null,
    });
    let message = post_message(&fake, dm.id.get(), body).await;
    let message: SerenityMessage = read("a message", &message);
    assert!(message.mentions.is_empty(), "allowed_mentions kept nobody");

    let commands = json!([{ "name": "event", "description": "Events", "options": [
        { "type": 1, "name": "list", "description": "List them" },
    ]}]);
    let path = format!("/applications/{APPLICATION}/guilds/{GUILD}/commands");
    let (_, commands) = api(&fake, "PUT", &path, commands).await;
    let commands: Vec<Command> = read("the commands", &commands);
    assert_eq!(commands[0].options[0].name, "list");

    let event = json!({
        "name": "Picnic", "privacy_level": 2, "entity_type": 3,
        "scheduled_start_time": "2999-06-01T10:00:00Z", "scheduled_end_time": "2999-06-01T14:00:00+02:00",
        "entity_metadata": { "location": "Parc de la Tête d'Or" },
    });
    let (_, event) = post(&fake, &format!("/guilds/{GUILD}/scheduled-events"), event).await;
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
    let users: Vec<ScheduledEventUser> = read("the interested", &get(&fake, &path).await.1);
    assert_eq!(users[0].member.as_ref().unwrap().user.id.get(), alice().id);

    let (_, member) = get(&fake, &format!("/guilds/{GUILD}/members/{}", alice().id)).await;
    let _: Member = read("a member", &member);
    let (_, roles) = get(&fake, &format!("/guilds/{GUILD}/roles")).await;
    let _: Vec<Role> = read("the roles", &roles);
}

#[tokio::test]
async fn serenity_reads_what_the_gateway_says_of_the_bots_own_doings() {
    let fake = fake().await;
    let mut client = Client::connect(&fake).await;
    client.identify(ALL_INTENTS).await;
    fake.dispatch("GUILD_MEMBER_ADD", member_add(GUILD, &alice(), &[]));
    assert_eq!(client.next().await["t"], "GUILD_MEMBER_ADD");
    let sent = post_message(&fake, GENERAL, json!({ "content": "Welcome!" })).await;
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
    let role = format!("/guilds/{GUILD}/members/{}/roles/{NEWCOMER}", alice().id);
    api(&fake, "PUT", &role, Value::Null).await;
    let update = client.next().await;
    let _: GuildMemberUpdateEvent = read("GUILD_MEMBER_UPDATE", &update["d"]);
    event("GUILD_MEMBER_UPDATE", &update["d"]);

    let picnic = json!({
        "name": "Picnic", "privacy_level": 2, "entity_type": 3,
        "scheduled_start_time": "2999-06-01T10:00:00Z", "scheduled_end_time": "2999-06-01T14:00:00Z",
        "entity_metadata": { "location": "Parc" },
    });
    let (_, made) = post(&fake, &format!("/guilds/{GUILD}/scheduled-events"), picnic).await;
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
    let faq = command(Some(GUILD), GENERAL, "faq");
    fake.dispatch("INTERACTION_CREATE", faq.clone());
    post(&fake, &callback_path(&faq), json!({ "type": 5 })).await;
    let original = webhook_path(&faq, "/messages/@original");
    let (_, thinking) = get(&fake, &original).await;
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
    let sent = post_message(&fake, GENERAL, body).await;
    let press = button_press(Some(GUILD), GENERAL, &alice(), &[], &sent, "yes");
    fake.dispatch("INTERACTION_CREATE", press.clone());
    let noted = json!({ "type": 4, "data": { "content": "Noted", "flags": 64 } });
    post(&fake, &callback_path(&press), noted).await;
    let reply: SerenityMessage = read(
        "a reply to a button",
        &fake.original_response(interaction_id(&press)).unwrap(),
    );
    assert!(matches!(
        reply.interaction_metadata.as_deref(),
        Some(MessageInteractionMetadata::Component(_))
    ));
}
