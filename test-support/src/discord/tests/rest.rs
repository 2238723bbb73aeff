//! REST: authorization, recording, messages (posted, edited, limits, multipart), DMs
//! (closed ones refused).

use super::*;

#[tokio::test]
async fn the_token_is_checked_and_unknown_routes_are_not_found() {
    let fake = fake().await;
    let get_as = |path: &'static str, authorization| {
        send(
            &fake,
            "GET",
            path,
            authorization,
            "application/json",
            vec![],
        )
    };
    let (status, _, body) = get_as("/users/@me", Some("Bot wrong")).await;
    assert_eq!(
        (status, body),
        (401, json!({ "message": "401: Unauthorized", "code": 0 }))
    );
    assert_eq!(get_as("/users/@me", None).await.0, 401);
    let (status, _, body) = get_as("/gateway", None).await;
    assert_eq!(
        (status, body["url"].clone()),
        (200, json!(fake.gateway_url()))
    );
    let (status, body) = get(&fake, "/voice/regions/nope").await;
    assert_eq!(
        (status, body),
        (404, json!({ "message": "404: Not Found", "code": 0 }))
    );
    assert_eq!(fake.calls().len(), 4, "every call recorded");
    assert_eq!(fake.calls()[3].route(), "GET /voice/regions/nope");
}

#[tokio::test]
async fn a_message_is_posted_edited_and_kept() {
    let fake = fake().await;
    let sent = post_message(&fake, GENERAL, json!({ "content": "Picnic on Saturday" })).await;
    assert_eq!(sent["author"], fake.bot_user());
    assert_eq!(sent["channel_id"], GENERAL.to_string());
    let id: u64 = sent["id"].as_str().unwrap().parse().unwrap();

    let path = format!("/channels/{GENERAL}/messages/{id}");
    let sunday = json!({ "content": "Picnic on Sunday" });
    let (status, edited) = api(&fake, "PATCH", &path, sunday).await;
    assert_eq!(status, 200);
    assert_eq!(edited["content"], "Picnic on Sunday");
    assert!(edited["edited_timestamp"].is_string());
    assert_eq!(
        fake.message(GENERAL, id).unwrap()["content"],
        "Picnic on Sunday"
    );
    assert_eq!(fake.messages_in(GENERAL).len(), 1);

    let call = fake
        .wait_for(
            "PATCH /channels/{channel.id}/messages/{message.id}",
            |_| true,
            WAIT,
        )
        .await
        .unwrap();
    assert_eq!(call.route(), "PATCH /channels/{id}/messages/{id}");
    assert_eq!(call.body["content"], "Picnic on Sunday");
    let posted = |channel: u64| fake.calls_to(&format!("POST /channels/{channel}/messages"));
    assert_eq!(posted(GENERAL).len(), 1);
    assert!(posted(EVENTS).is_empty());
}

#[tokio::test]
async fn messages_are_held_to_discords_limits() {
    let fake = fake().await;
    let path = format!("/channels/{GENERAL}/messages");
    let (status, body) = post(&fake, &path, json!({ "content": "x".repeat(2001) })).await;
    assert_eq!(status, 400);
    assert_eq!(body["code"], 50035);
    assert_eq!(
        body["errors"]["content"]["_errors"][0]["code"],
        "BASE_TYPE_MAX_LENGTH"
    );
    let (status, body) = post(&fake, &path, json!({ "content": "" })).await;
    assert_eq!((status, body["code"].clone()), (400, json!(50006)));
    let row = |id: &str| json!({ "type": 1, "components": [{ "type": 2, "style": 1, "label": "x", "custom_id": id }] });
    let six: Vec<Value> = (0..6).map(|n| row(&n.to_string())).collect();
    let (status, body) = post(&fake, &path, json!({ "content": "x", "components": six })).await;
    assert_eq!(
        (
            status,
            body["errors"]["components"]["_errors"][0]["code"].clone()
        ),
        (400, json!("BASE_TYPE_MAX_LENGTH"))
    );
    let long = json!({ "content": "x", "components": [row(&"x".repeat(101))] });
    let (status, body) = post(&fake, &path, long).await;
    assert_eq!(status, 400);
    assert!(
        body["errors"]["components"]["0"]["components"]["0"]["custom_id"].is_object(),
        "{body}"
    );
    let (status, body) = post(&fake, "/channels/1/messages", json!({ "content": "x" })).await;
    assert_eq!(
        (status, body),
        (404, json!({ "message": "Unknown Channel", "code": 10003 }))
    );
    assert!(fake.messages_in(GENERAL).is_empty());
}

#[tokio::test]
async fn a_file_comes_as_multipart_with_payload_json() {
    let fake = fake().await;
    let payload = json!({
        "content": "See attached",
        "attachments": [{ "id": 0, "filename": "picnic.ics" }],
    });
    let path = format!("/channels/{GENERAL}/messages");
    let (status, sent) = upload(&fake, &path, Some(&bot_token()), &payload).await;
    assert_eq!(status, 200, "{sent}");
    assert_eq!(sent["attachments"][0]["filename"], "picnic.ics");
    assert_eq!(sent["attachments"][0]["size"], 15);
    let call = &fake.calls()[0];
    assert_eq!(call.body["content"], "See attached");
    assert_eq!(call.body["_files"][0]["name"], "picnic.ics");
    assert_eq!(call.body["_files"][0]["content"], "BEGIN:VCALENDAR");
}

#[tokio::test]
async fn a_dm_opens_once_and_closed_dms_refuse_messages() {
    let fake = fake().await;
    let open = |user: u64| json!({ "recipient_id": user.to_string() });
    let (status, dm) = post(&fake, "/users/@me/channels", open(alice().id)).await;
    assert_eq!((status, dm["type"].clone()), (200, json!(1)));
    assert_eq!(dm["recipients"][0]["id"], alice().id.to_string());
    let (_, again) = post(&fake, "/users/@me/channels", open(alice().id)).await;
    assert_eq!(again["id"], dm["id"]);
    let channel: u64 = dm["id"].as_str().unwrap().parse().unwrap();
    assert_eq!(fake.dm_channel(alice().id), Some(channel));

    let bob = User::new(1_300_000_000_000_000_002, "bob");
    fake.close_dms(bob.id);
    let (status, dm) = post(&fake, "/users/@me/channels", open(bob.id)).await;
    assert_eq!(status, 200, "opening works");
    let path = format!("/channels/{}/messages", dm["id"].as_str().unwrap());
    let (status, body) = post(&fake, &path, json!({ "content": "Welcome!" })).await;
    assert_eq!(
        (status, body),
        (
            403,
            json!({ "message": "Cannot send messages to this user", "code": 50007 })
        )
    );
    let hi = json!({ "content": "Hi" });
    let (status, _) = post(&fake, &format!("/channels/{channel}/messages"), hi).await;
    assert_eq!(status, 200, "alice's DMs are open");
}
