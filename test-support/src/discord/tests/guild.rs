//! The guild's REST side: members' roles, application commands, scheduled events.

use super::*;

#[tokio::test]
async fn roles_are_given_and_taken_from_known_members() {
    let fake = fake().await;
    fake.dispatch("GUILD_MEMBER_ADD", member_add(GUILD, &alice(), &[NEWCOMER]));
    let role = |role: u64| format!("/guilds/{GUILD}/members/{}/roles/{role}", alice().id);
    assert_eq!(api(&fake, "PUT", &role(HELPER), Value::Null).await.0, 204);
    assert_eq!(fake.member_roles(alice().id), vec![NEWCOMER, HELPER]);
    let taken = api(&fake, "DELETE", &role(NEWCOMER), Value::Null).await;
    assert_eq!(taken.0, 204);
    assert_eq!(fake.member_roles(alice().id), vec![HELPER]);
    let (status, body) = api(&fake, "PUT", &role(999), Value::Null).await;
    assert_eq!(
        (status, body),
        (404, json!({ "message": "Unknown Role", "code": 10011 }))
    );
    let (status, member) = get(&fake, &format!("/guilds/{GUILD}/members/{}", alice().id)).await;
    assert_eq!(
        (status, member["roles"].clone()),
        (200, json!([HELPER.to_string()]))
    );
    fake.dispatch("INTERACTION_CREATE", command(Some(GUILD), GENERAL, "faq"));
    assert_eq!(
        fake.member_roles(alice().id),
        vec![HELPER],
        "a builder given no roles keeps them"
    );
    fake.dispatch("GUILD_MEMBER_UPDATE", member_add(GUILD, &alice(), &[]));
    assert!(
        fake.member_roles(alice().id).is_empty(),
        "an update sets them"
    );
    let (status, body) = get(&fake, &format!("/guilds/{GUILD}/members/5")).await;
    assert_eq!((status, body["code"].clone()), (404, json!(10007)));
}

#[tokio::test]
async fn commands_are_overwritten_and_checked() {
    let fake = fake().await;
    let path = format!("/applications/{APPLICATION}/guilds/{GUILD}/commands");
    let overwrite = |name: &str, description: &str| {
        let commands = json!([{ "name": name, "description": description }]);
        api(&fake, "PUT", &path, commands)
    };
    let (status, made) = overwrite("faq", "Answers").await;
    assert_eq!(status, 200, "{made}");
    assert_eq!(made[0]["application_id"], APPLICATION.to_string());
    assert_eq!(made[0]["guild_id"], GUILD.to_string());
    assert_eq!(made[0]["type"], 1);
    let (_, again) = overwrite("faq", "FAQ").await;
    assert_eq!(
        again[0]["id"], made[0]["id"],
        "a command keeps its ID by name"
    );
    assert_eq!(fake.commands().unwrap()[0]["description"], "FAQ");
    assert_eq!(get(&fake, &path).await.1, again);

    let (status, body) = overwrite("Faq", "x").await;
    assert_eq!((status, body["code"].clone()), (400, json!(50035)));
    assert_eq!(
        body["errors"]["0"]["name"]["_errors"][0]["code"],
        "APPLICATION_COMMAND_INVALID_NAME"
    );
    let (_, body) = overwrite("faq", &"x".repeat(101)).await;
    assert_eq!(
        body["errors"]["0"]["description"]["_errors"][0]["code"],
        "BASE_TYPE_BAD_LENGTH"
    );
    assert_eq!(
        fake.commands().unwrap()[0]["description"],
        "FAQ",
        "a refused overwrite changes nothing"
    );
}

#[tokio::test]
async fn scheduled_events_follow_discords_rules() {
    let fake = fake().await;
    let path = format!("/guilds/{GUILD}/scheduled-events");
    let picnic = json!({
        "name": "Picnic", "privacy_level": 2, "entity_type": 3,
        "scheduled_start_time": "2999-06-01T10:00:00Z", "scheduled_end_time": "2999-06-01T14:00:00Z",
        "entity_metadata": { "location": "Parc" },
    });
    let mut no_place = picnic.clone();
    no_place["entity_metadata"] = json!({});
    let (status, body) = post(&fake, &path, no_place).await;
    assert_eq!(status, 400);
    assert!(
        body["errors"]["entity_metadata"]["location"]["_errors"].is_array(),
        "{body}"
    );
    let mut no_end = picnic.clone();
    no_end["scheduled_end_time"] = Value::Null;
    assert_eq!(post(&fake, &path, no_end).await.1["code"], 50035);

    let (status, made) = post(&fake, &path, picnic.clone()).await;
    assert_eq!((status, made["status"].clone()), (200, json!(1)));
    assert_eq!(made["scheduled_start_time"], "2999-06-01T10:00:00+00:00");
    let one = format!("{path}/{}", made["id"].as_str().unwrap());
    let (status, body) = api(&fake, "PATCH", &one, json!({ "status": 3 })).await;
    assert_eq!(status, 400, "SCHEDULED cannot become COMPLETED: {body}");
    let (status, cancelled) = api(&fake, "PATCH", &one, json!({ "status": 4 })).await;
    assert_eq!((status, cancelled["status"].clone()), (200, json!(4)));
    let (status, body) = api(&fake, "PATCH", &one, json!({ "name": "Later" })).await;
    assert_eq!((status, body["code"].clone()), (400, json!(180_000)));
    assert_eq!(fake.scheduled_events()[0]["status"], 4);

    for _ in 0..99 {
        assert_eq!(post(&fake, &path, picnic.clone()).await.0, 200);
    }
    let (_, last) = post(&fake, &path, picnic.clone()).await;
    let (status, body) = post(&fake, &path, picnic.clone()).await;
    assert_eq!(
        (status, body["code"].clone()),
        (400, json!(30038)),
        "100 open, the cancelled one apart"
    );
    let last = format!("{path}/{}", last["id"].as_str().unwrap());
    assert_eq!(api(&fake, "DELETE", &last, Value::Null).await.0, 204);
    assert_eq!(get(&fake, &last).await.1["code"], 10070);
    assert_eq!(post(&fake, &path, picnic).await.0, 200, "room again");
    assert_eq!(fake.scheduled_events().len(), 102);
}
