//! What the bot sends and changes: messages and their answers, HTML, replies, topics,
//! edits, a document uploaded as multipart, commands, administrators, invite links.

use super::*;

const GROUP: i64 = -1001234567890;

#[tokio::test]
async fn send_message_is_recorded_and_answered_with_increasing_ids() {
    let fake = fake().await;
    fake.open_private(alice().id);
    let keyboard = json!({"inline_keyboard": [[
        {"text": "Going", "callback_data": "c:1"},
        {"text": "Not going", "callback_data": "c:2"},
    ]]});
    let first = ok(
        &fake,
        "sendMessage",
        json!({
            "chat_id": 1001,
            "text": "<b>Picnic</b> &amp; games",
            "parse_mode": "HTML",
            "reply_markup": keyboard,
            "link_preview_options": {"is_disabled": true},
        }),
    )
    .await;
    let second = ok(
        &fake,
        "sendMessage",
        json!({"chat_id": 1001, "text": "Second"}),
    )
    .await;
    let in_group = ok(
        &fake,
        "sendMessage",
        json!({"chat_id": GROUP, "text": "Hello"}),
    )
    .await;

    assert_eq!(first["message_id"], json!(1));
    assert_eq!(second["message_id"], json!(2));
    assert_eq!(in_group["message_id"], json!(1));
    assert!(first["date"].as_i64().unwrap() > 1_700_000_000);
    assert_eq!(first["from"], fake.bot().json());
    assert_eq!(first["chat"], json!({"id": 1001, "type": "private"}));
    assert_eq!(first["text"], json!("Picnic & games"));
    assert_eq!(
        first["entities"],
        json!([{"type": "bold", "offset": 0, "length": 6}])
    );
    assert_eq!(first["reply_markup"], keyboard);
    assert_eq!(in_group["chat"]["type"], json!("supergroup"));

    let calls = fake.calls_to("sendMessage");
    assert_eq!(calls.len(), 3);
    assert_eq!(calls[0].text(), Some("<b>Picnic</b> &amp; games"));
    assert_eq!(calls[0].param("reply_markup"), Some(keyboard));
    assert_eq!(calls[2].chat_id(), Some(GROUP));
    assert_eq!(calls[1].result(), Some(&second));
    assert!(
        calls
            .windows(2)
            .all(|pair| pair[0].received <= pair[1].received)
    );
    assert_eq!(fake.message(1001, 1), Some(first));
}

#[tokio::test]
async fn a_reply_carries_the_message_it_replies_to_and_a_topic_its_thread() {
    let fake = fake().await;
    let forum = Chat::forum(GROUP, "Expats");
    fake.add_chat(&forum);
    fake.add_topic(GROUP, 7);
    let asked = fake.push_update(message(&forum, &alice(), "/help").in_topic(7));
    let asked = &asked["message"];

    let reply = ok(
        &fake,
        "sendMessage",
        json!({
            "chat_id": GROUP,
            "message_thread_id": 7,
            "text": "Here is the help",
            "reply_parameters": {"message_id": asked["message_id"]},
        }),
    )
    .await;
    assert_eq!(&reply["reply_to_message"], asked);
    assert_eq!(reply["message_thread_id"], json!(7));
    assert_eq!(reply["is_topic_message"], json!(true));
    assert_eq!(reply["chat"]["is_forum"], json!(true));
    // The older parameter works too.
    let older = ok(
        &fake,
        "sendMessage",
        json!({"chat_id": GROUP, "text": "Again", "reply_to_message_id": asked["message_id"]}),
    )
    .await;
    assert_eq!(older["reply_to_message"]["message_id"], asked["message_id"]);

    let refused = |params: Value| {
        let fake = &fake;
        async move { call(fake, "sendMessage", params).await.1["description"].clone() }
    };
    assert_eq!(
        refused(json!({"chat_id": GROUP, "message_thread_id": 1, "text": "x"})).await,
        json!(THREAD_NOT_FOUND)
    );
    assert_eq!(
        refused(json!({"chat_id": GROUP, "text": "x", "reply_parameters": {"message_id": 999}}))
            .await,
        json!("Bad Request: message to be replied not found")
    );
    let data = "x".repeat(65);
    let too_long = json!({"inline_keyboard": [[{"text": "A", "callback_data": data}]]});
    assert_eq!(
        refused(json!({"chat_id": GROUP, "text": "x", "reply_markup": too_long})).await,
        json!("Bad Request: BUTTON_DATA_INVALID")
    );
    assert_eq!(
        refused(json!({"chat_id": GROUP, "text": "é".repeat(4097)})).await,
        json!("Bad Request: message is too long")
    );
    assert_eq!(
        refused(json!({"chat_id": GROUP, "text": "<b>cut", "parse_mode": "HTML"})).await,
        json!(
            "Bad Request: can't parse entities: Can't find end tag corresponding to start tag \"b\""
        )
    );
    // 4,096 UTF-16 units is the most: an emoji counts two.
    let longest = format!("{}🎉", "a".repeat(4094));
    ok(
        &fake,
        "sendMessage",
        json!({"chat_id": GROUP, "text": longest}),
    )
    .await;
}

#[tokio::test]
async fn edits_return_the_message_and_refuse_to_change_nothing() {
    let fake = fake().await;
    let keyboard = json!({"inline_keyboard": [[{"text": "Going", "callback_data": "c:1"}]]});
    let sent = ok(
        &fake,
        "sendMessage",
        json!({"chat_id": GROUP, "text": "Picnic: 1 going", "reply_markup": keyboard}),
    )
    .await;
    let edit = json!({
        "chat_id": GROUP,
        "message_id": sent["message_id"],
        "text": "Picnic: 2 going",
        "reply_markup": keyboard,
    });
    let edited = ok(&fake, "editMessageText", edit.clone()).await;
    assert_eq!(edited["message_id"], sent["message_id"]);
    assert_eq!(edited["text"], json!("Picnic: 2 going"));
    assert_eq!(edited["reply_markup"], keyboard);
    assert!(edited["edit_date"].as_i64().is_some());

    let (status, body) = call(&fake, "editMessageText", edit).await;
    assert_eq!(status, 400);
    assert!(
        body["description"]
            .as_str()
            .unwrap()
            .starts_with("Bad Request: message is not modified")
    );
    let gone = json!({"chat_id": GROUP, "message_id": 99, "text": "x"});
    assert_eq!(
        call(&fake, "editMessageText", gone).await.1["description"],
        json!("Bad Request: message to edit not found")
    );
    // An edit without a keyboard takes it away.
    let bare = json!({"chat_id": GROUP, "message_id": sent["message_id"], "text": "Closed"});
    let closed = ok(&fake, "editMessageText", bare).await;
    assert!(closed.get("reply_markup").is_none());
    assert_eq!(fake.message(GROUP, 1).unwrap()["text"], json!("Closed"));
}

#[tokio::test]
async fn a_document_upload_is_recorded_with_its_file() {
    let fake = fake().await;
    fake.open_private(alice().id);
    let calendar = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n";
    let boundary = "a1b2c3d4e5f60718-0000000000000001-2222222222222222-3333333333333333";
    let part = |head: &str, body: &str| format!("--{boundary}\r\n{head}\r\n\r\n{body}\r\n");
    let body = [
        part("Content-Disposition: form-data; name=\"chat_id\"", "1001"),
        part(
            "Content-Disposition: form-data; name=\"document\"",
            "attach://f7e1",
        ),
        part(
            "Content-Disposition: form-data; name=\"caption\"",
            "Your picnic",
        ),
        part(
            "Content-Disposition: form-data; name=\"reply_markup\"",
            r#"{"inline_keyboard":[[{"text":"Map","url":"https://example.org"}]]}"#,
        ),
        part(
            "Content-Disposition: form-data; name=\"f7e1\"; filename=\"picnic \\\"june\\\".ics\"",
            calendar,
        ),
        format!("--{boundary}--\r\n"),
    ]
    .concat();
    let path = format!("/bot{TOKEN}/sendDocument");
    let content_type = format!("multipart/form-data; boundary={boundary}");
    let (status, _, answer) = request(&fake, "POST", &path, &content_type, body.into_bytes()).await;
    assert_eq!(status, 200, "{answer}");

    let call = fake.calls_to("sendDocument").remove(0);
    assert_eq!(call.chat_id(), Some(1001));
    assert_eq!(call.params["caption"], json!("Your picnic"));
    assert_eq!(call.params["document"], json!("attach://f7e1"));
    assert_eq!(
        call.param("reply_markup").unwrap()["inline_keyboard"][0][0]["text"],
        json!("Map")
    );
    assert_eq!(call.files.len(), 1);
    let file = &call.files[0];
    assert_eq!(file.field, "document");
    assert_eq!(file.file_name.as_deref(), Some("picnic \"june\".ics"));
    assert_eq!(file.bytes, calendar.as_bytes());

    let message = &answer["result"];
    let document = &message["document"];
    assert_eq!(document["file_name"], json!("picnic \"june\".ics"));
    assert_eq!(document["mime_type"], json!("text/calendar"));
    assert_eq!(document["file_size"], json!(calendar.len()));
    assert!(
        document["file_id"]
            .as_str()
            .is_some_and(|id| !id.is_empty())
    );
    assert!(document["file_unique_id"].as_str().is_some());
    assert_eq!(message["caption"], json!("Your picnic"));
    assert_eq!(message["chat"]["id"], json!(1001));

    // Sent again by its file_id.
    let again = json!({"chat_id": 1001, "document": document["file_id"]});
    assert_eq!(
        ok(&fake, "sendDocument", again).await["document"],
        *document
    );
}

#[tokio::test]
async fn commands_administrators_and_invite_links() {
    let fake = fake().await;
    let scope = json!({"type": "all_private_chats"});
    let commands = json!([{"command": "faq", "description": "Questions fréquentes"}]);
    let set = json!({"commands": commands, "scope": scope, "language_code": "fr"});
    assert_eq!(ok(&fake, "setMyCommands", set).await, json!(true));
    assert_eq!(fake.commands(&scope, "fr"), Some(commands.clone()));
    let got = ok(
        &fake,
        "getMyCommands",
        json!({"scope": scope, "language_code": "fr"}),
    )
    .await;
    assert_eq!(got, commands);
    assert_eq!(ok(&fake, "getMyCommands", json!({})).await, json!([]));
    let bad = json!({"commands": [{"command": "Faq", "description": "x"}]});
    assert_eq!(
        call(&fake, "setMyCommands", bad).await.1["description"],
        json!("Bad Request: BOT_COMMAND_INVALID")
    );
    let delete = json!({"scope": scope, "language_code": "fr"});
    assert_eq!(ok(&fake, "deleteMyCommands", delete).await, json!(true));
    assert_eq!(fake.commands(&scope, "fr"), None);

    let owner = User::new(1, "Olga");
    fake.set_administrators(
        GROUP,
        vec![
            member(&owner, Status::Creator),
            member(&alice(), Status::Administrator),
        ],
    );
    let admins = ok(&fake, "getChatAdministrators", json!({"chat_id": GROUP})).await;
    assert_eq!(
        admins[0],
        json!({"user": owner.json(), "status": "creator", "is_anonymous": false})
    );
    let admin = &admins[1];
    assert_eq!(admin["status"], json!("administrator"));
    for right in [
        "can_be_edited",
        "is_anonymous",
        "can_manage_chat",
        "can_delete_messages",
        "can_manage_video_chats",
        "can_restrict_members",
        "can_promote_members",
        "can_change_info",
        "can_invite_users",
        "can_post_stories",
        "can_edit_stories",
        "can_delete_stories",
    ] {
        assert!(admin[right].is_boolean(), "{right}");
    }
    let one = ok(
        &fake,
        "getChatMember",
        json!({"chat_id": GROUP, "user_id": 1001}),
    )
    .await;
    assert_eq!(one, *admin);
    assert_eq!(
        call(&fake, "getChatAdministrators", json!({"chat_id": 1001}))
            .await
            .1["description"],
        json!("Bad Request: there are no administrators in the private chat")
    );

    let link = ok(
        &fake,
        "createChatInviteLink",
        json!({"chat_id": GROUP, "member_limit": 1}),
    )
    .await;
    assert!(
        link["invite_link"]
            .as_str()
            .unwrap()
            .starts_with("https://t.me/+")
    );
    assert_eq!(link["creator"], fake.bot().json());
    assert_eq!(link["member_limit"], json!(1));
    for flag in ["creates_join_request", "is_primary", "is_revoked"] {
        assert_eq!(link[flag], json!(false), "{flag}");
    }
}
