//! Updates: their JSON as the builders make it and the fake fills it, long polling,
//! confirmation by offset, `allowed_updates`, two pollers at once, a join request.

use std::time::Instant;

use super::*;

#[tokio::test]
async fn a_long_poll_answers_as_soon_as_an_update_is_pushed() {
    let fake = Arc::new(fake().await);
    let started = Instant::now();
    let poll = {
        let fake = fake.clone();
        tokio::spawn(
            async move { ok(&fake, "getUpdates", json!({"offset": 0, "timeout": 10})).await },
        )
    };
    tokio::time::sleep(Duration::from_millis(200)).await;
    let pushed = fake.push_update(message(
        &group(),
        &alice(),
        "/faq@passerelle_test_bot france",
    ));
    let updates = poll.await.unwrap();
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(updates, json!([pushed]));

    let update = &updates[0];
    let id = update["update_id"].as_u64().unwrap();
    assert!(id > 0);
    let message = &update["message"];
    assert_eq!(message["message_id"], json!(1));
    assert!(message["date"].as_i64().unwrap() > 1_700_000_000);
    assert_eq!(
        message["chat"],
        json!({"id": -1001234567890i64, "type": "supergroup", "title": "Expats in Paris"})
    );
    assert_eq!(
        message["from"],
        json!({"id": 1001, "is_bot": false, "first_name": "Alice", "username": "alice", "language_code": "fr"})
    );
    assert_eq!(message["text"], json!("/faq@passerelle_test_bot france"));
    assert_eq!(
        message["entities"],
        json!([{"type": "bot_command", "offset": 0, "length": 24}])
    );

    // Until confirmed, the update comes again; an offset above it confirms it.
    let again = ok(&fake, "getUpdates", json!({"timeout": 0})).await;
    assert_eq!(again, updates);
    let after = ok(&fake, "getUpdates", json!({"offset": id + 1, "timeout": 0})).await;
    assert_eq!(after, json!([]));
    assert_eq!(fake.pending_updates(), 0);
    assert!(fake.delivered_at(id as u32).is_some());

    // An empty long poll waits its whole timeout.
    let started = Instant::now();
    let empty = ok(&fake, "getUpdates", json!({"offset": id + 1, "timeout": 1})).await;
    assert_eq!(empty, json!([]));
    assert!(started.elapsed() >= Duration::from_millis(950));
}

#[tokio::test]
async fn offsets_confirm_limits_cap_and_a_negative_offset_keeps_the_newest() {
    let fake = fake().await;
    let ids: Vec<u64> = (0..5)
        .map(|n| {
            fake.push_update(message(&group(), &alice(), &format!("hello {n}")))["update_id"]
                .as_u64()
                .unwrap()
        })
        .collect();
    assert!(ids.windows(2).all(|pair| pair[1] == pair[0] + 1), "{ids:?}");

    let two = ok(&fake, "getUpdates", json!({"limit": 2})).await;
    let got: Vec<u64> = two
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["update_id"].as_u64().unwrap())
        .collect();
    assert_eq!(got, ids[..2]);
    let rest = ok(&fake, "getUpdates", json!({"offset": ids[2]})).await;
    assert_eq!(rest.as_array().unwrap().len(), 3);
    assert_eq!(fake.pending_updates(), 3);

    // teloxide's "drop pending updates": offset -1, limit 1.
    let newest = ok(
        &fake,
        "getUpdates",
        json!({"offset": -1, "limit": 1, "timeout": 0}),
    )
    .await;
    assert_eq!(newest[0]["update_id"].as_u64(), Some(ids[4]));
    assert_eq!(fake.pending_updates(), 1);

    // Message IDs count per chat.
    let texts: Vec<i64> = (0..2)
        .map(|_| fake.push_update(message(&Chat::private(&alice()), &alice(), "hi"))["message"]["message_id"].as_i64().unwrap())
        .collect();
    assert_eq!(texts, [1, 2]);
}

#[tokio::test]
async fn chat_member_updates_come_only_when_allowed_updates_names_them() {
    let fake = fake().await;
    let joined = || chat_member(&group(), &alice(), Status::Left, Status::Member);
    fake.push_update(joined());
    fake.push_update(message(&group(), &alice(), "hi"));
    let default = ok(&fake, "getUpdates", json!({"timeout": 0})).await;
    assert_eq!(default.as_array().unwrap().len(), 1);
    assert!(default[0].get("message").is_some());

    let allowed = json!([
        "message",
        "callback_query",
        "chat_member",
        "chat_join_request"
    ]);
    fake.push_update(joined());
    let offset = default[0]["update_id"].as_u64().unwrap() + 1;
    let asked = ok(
        &fake,
        "getUpdates",
        json!({"offset": offset, "allowed_updates": allowed}),
    )
    .await;
    let update = &asked[0]["chat_member"];
    assert_eq!(update["chat"]["id"], json!(-1001234567890i64));
    assert_eq!(update["from"]["id"], json!(1001));
    assert!(update["date"].as_i64().is_some());
    assert_eq!(
        update["old_chat_member"],
        json!({"user": alice().json(), "status": "left"})
    );
    assert_eq!(
        update["new_chat_member"],
        json!({"user": alice().json(), "status": "member"})
    );

    // The choice lasts until changed.
    fake.push_update(joined());
    let offset = asked[0]["update_id"].as_u64().unwrap() + 1;
    let kept = ok(&fake, "getUpdates", json!({"offset": offset})).await;
    assert!(kept[0].get("chat_member").is_some());
}

#[tokio::test]
async fn a_second_poller_ends_the_first_with_409() {
    let fake = Arc::new(fake().await);
    let first = {
        let fake = fake.clone();
        tokio::spawn(async move { call(&fake, "getUpdates", json!({"timeout": 10})).await })
    };
    tokio::time::sleep(Duration::from_millis(200)).await;
    let second = {
        let fake = fake.clone();
        tokio::spawn(async move { call(&fake, "getUpdates", json!({"timeout": 10})).await })
    };
    let (status, body) = first.await.unwrap();
    assert_eq!(status, 409);
    assert_eq!(
        body["description"],
        json!(
            "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"
        )
    );
    fake.push_update(message(&group(), &alice(), "hello"));
    let (status, body) = second.await.unwrap();
    assert_eq!(status, 200);
    assert_eq!(body["result"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn a_button_press_is_a_callback_query_answered_once() {
    let fake = fake().await;
    fake.open_private(alice().id);
    let keyboard = json!({"inline_keyboard": [[{"text": "Going", "callback_data": "rsvp:1:yes"}]]});
    let sent = ok(
        &fake,
        "sendMessage",
        json!({"chat_id": -1001234567890i64, "text": "Picnic", "reply_markup": keyboard}),
    )
    .await;
    let pushed = fake.push_update(callback_query(&alice(), &sent, "rsvp:1:yes"));
    let query = &pushed["callback_query"];
    assert!(query["id"].as_str().is_some_and(|id| !id.is_empty()));
    assert!(
        query["chat_instance"]
            .as_str()
            .is_some_and(|c| !c.is_empty())
    );
    assert_eq!(query["message"], sent);
    assert_eq!(query["data"], json!("rsvp:1:yes"));
    assert_eq!(fake.unanswered_callbacks(), [query["id"].as_str().unwrap()]);

    let answer = json!({"callback_query_id": query["id"], "text": "You're going"});
    assert_eq!(
        ok(&fake, "answerCallbackQuery", answer.clone()).await,
        json!(true)
    );
    assert!(fake.unanswered_callbacks().is_empty());
    let (status, body) = call(&fake, "answerCallbackQuery", answer).await;
    assert_eq!(status, 400);
    assert_eq!(
        body["description"],
        json!("Bad Request: query is too old and response timeout expired or query ID is invalid")
    );
}

#[tokio::test]
async fn an_approved_join_request_joins_the_member() {
    let fake = fake().await;
    let allowed = json!(["message", "chat_member", "chat_join_request"]);
    ok(
        &fake,
        "getUpdates",
        json!({"allowed_updates": allowed, "timeout": 0}),
    )
    .await;
    let request = fake.push_update(chat_join_request(&group(), &alice(), alice().id));
    assert_eq!(request["chat_join_request"]["user_chat_id"], json!(1001));
    assert!(request["chat_join_request"]["date"].as_i64().is_some());

    // The request opens the private chat for 5 minutes.
    let dm = ok(
        &fake,
        "sendMessage",
        json!({"chat_id": 1001, "text": "Welcome! Where do you live?"}),
    )
    .await;
    assert_eq!(dm["chat"]["type"], json!("private"));
    assert_eq!(dm["chat"]["first_name"], json!("Alice"));

    let decision = json!({"chat_id": -1001234567890i64, "user_id": 1001});
    assert_eq!(
        ok(&fake, "approveChatJoinRequest", decision.clone()).await,
        json!(true)
    );
    // Processed, the request no longer opens the private chat.
    let (status, body) = call(&fake, "sendMessage", json!({"chat_id": 1001, "text": "Hi"})).await;
    assert_eq!((status, &body["description"]), (403, &json!(CANT_INITIATE)));
    let (status, body) = call(&fake, "declineChatJoinRequest", decision).await;
    assert_eq!(
        (status, body["description"].as_str()),
        (400, Some("Bad Request: HIDE_REQUESTER_MISSING"))
    );

    let offset = request["update_id"].as_u64().unwrap() + 1;
    let joined = ok(&fake, "getUpdates", json!({"offset": offset})).await;
    let update = &joined[0]["chat_member"];
    assert_eq!(update["new_chat_member"]["status"], json!("member"));
    assert_eq!(update["new_chat_member"]["user"]["id"], json!(1001));
    assert_eq!(update["via_join_request"], json!(true));
    assert_eq!(update["from"]["id"], json!(123456789));
}

#[tokio::test]
async fn members_added_are_a_service_message() {
    let fake = fake().await;
    let bob = User::new(1002, "Bob");
    let pushed = fake.push_update(new_chat_members(
        &group(),
        &alice(),
        &[alice(), bob.clone()],
    ));
    let service = &pushed["message"];
    assert_eq!(
        service["new_chat_members"],
        json!([alice().json(), bob.json()])
    );
    assert!(service.get("text").is_none());
    let old = fake.push_update(message(&group(), &bob, "/start").at(1_600_000_000));
    assert_eq!(old["message"]["date"], json!(1_600_000_000));
    assert_eq!(
        entities("é /lang fr @passerelle_test_bot x/no"),
        [
            json!({"type": "bot_command", "offset": 2, "length": 5}),
            json!({"type": "mention", "offset": 11, "length": 20}),
        ]
    );
}
