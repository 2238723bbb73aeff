//! The gateway: HELLO, IDENTIFY → READY → GUILD_CREATE, heartbeats, dispatches in order and
//! never lost, RESUME after a drop replaying what the client missed, sessions refused.

use super::*;

#[tokio::test]
async fn identify_gets_ready_then_the_guild_then_what_was_queued() {
    let fake = fake().await;
    let queued = fake.dispatch("GUILD_MEMBER_ADD", member_add(GUILD, &alice(), &[]));
    assert_eq!(queued, 3, "after READY and GUILD_CREATE");
    let mut client = Client::connect(&fake).await;
    assert!(
        fake.wait_ready(Duration::from_millis(50)).await.is_err(),
        "not before IDENTIFY"
    );
    let (ready, guild) = client.identify(513).await;
    assert_eq!(ready["v"], 10);
    assert_eq!(ready["user"]["id"], APPLICATION.to_string());
    assert_eq!(
        ready["guilds"],
        json!([{ "id": GUILD.to_string(), "unavailable": true }])
    );
    assert_eq!(ready["resume_gateway_url"], fake.gateway_url());
    assert_eq!(ready["shard"], json!([0, 1]));
    assert_eq!(guild["id"], GUILD.to_string());
    assert_eq!(guild["channels"][0]["guild_id"], GUILD.to_string());
    let member = client.next().await;
    assert_eq!(
        (member["t"].clone(), member["s"].clone()),
        (json!("GUILD_MEMBER_ADD"), json!(3))
    );
    fake.wait_ready(WAIT).await.unwrap();
    assert_eq!((fake.identifies(), fake.intents()), (1, Some(513)));

    client.send(json!({ "op": 1, "d": 3 })).await;
    assert_eq!(client.next().await["op"], 11);
    for text in ["one", "two", "three"] {
        fake.dispatch(
            "MESSAGE_CREATE",
            message_create(Some(GUILD), GENERAL, &alice(), text),
        );
    }
    for (seq, text) in (4..).zip(["one", "two", "three"]) {
        let message = client.next().await;
        assert_eq!(
            (message["s"].clone(), message["d"]["content"].clone()),
            (json!(seq), json!(text))
        );
    }
}

#[tokio::test]
async fn a_dropped_connection_resumes_and_gets_what_it_missed_in_order() {
    let fake = fake().await;
    let mut client = Client::connect(&fake).await;
    let (ready, _) = client.identify(0).await;
    let session_id = ready["session_id"].as_str().unwrap().to_owned();
    fake.dispatch("MESSAGE_CREATE", message_create(None, 7, &alice(), "seen"));
    assert_eq!(client.next().await["s"], 3);
    fake.dispatch(
        "MESSAGE_CREATE",
        message_create(None, 7, &alice(), "missed"),
    );

    fake.drop_gateway();
    fake.dispatch(
        "MESSAGE_CREATE",
        message_create(None, 7, &alice(), "while away"),
    );
    assert!(
        fake.wait_ready(Duration::from_millis(50)).await.is_err(),
        "no session after a drop"
    );
    assert_eq!(client.closed().await, None, "dropped, no close frame");

    let mut client = Client::connect(&fake).await;
    client
        .send(json!({ "op": 6, "d": { "token": TOKEN, "session_id": session_id, "seq": 3 } }))
        .await;
    let replayed: Vec<Value> = vec![
        client.next().await,
        client.next().await,
        client.next().await,
    ];
    let order: Vec<(Value, Value)> = replayed
        .iter()
        .map(|p| (p["t"].clone(), p["d"]["content"].clone()))
        .collect();
    assert_eq!(
        order,
        vec![
            (json!("MESSAGE_CREATE"), json!("missed")),
            (json!("MESSAGE_CREATE"), json!("while away")),
            (json!("RESUMED"), Value::Null),
        ]
    );
    assert_eq!(replayed[2]["s"], 6, "RESUMED has its number");
    fake.wait_ready(WAIT).await.unwrap();
    assert_eq!((fake.identifies(), fake.resumes()), (1, 1));
    let after = fake.dispatch("MESSAGE_CREATE", message_create(None, 7, &alice(), "after"));
    assert_eq!(client.next().await["s"], after);
}

#[tokio::test]
async fn a_close_frame_is_sent_when_asked_and_for_a_wrong_token() {
    let (fake, mut client) = identified().await;
    fake.close_gateway(4000);
    assert_eq!(client.closed().await, Some(4000));

    let mut client = Client::connect(&fake).await;
    client
        .send(json!({ "op": 2, "d": { "token": "Bot nope", "intents": 0 } }))
        .await;
    assert_eq!(client.closed().await, Some(4004));
}

#[tokio::test]
async fn an_unknown_session_is_invalid_and_a_new_identify_gets_what_was_never_sent() {
    let fake = fake().await;
    let mut client = Client::connect(&fake).await;
    client
        .send(json!({ "op": 6, "d": { "token": TOKEN, "session_id": "nope", "seq": 1 } }))
        .await;
    assert_eq!(
        client.next().await,
        json!({ "op": 9, "s": null, "t": null, "d": false })
    );

    let (first, _) = client.identify(0).await;
    fake.drop_gateway();
    assert_eq!(client.closed().await, None);
    fake.dispatch("MESSAGE_CREATE", message_create(None, 7, &alice(), "kept"));
    let mut client = Client::connect(&fake).await;
    let (second, _) = client.identify(0).await;
    assert_ne!(first["session_id"], second["session_id"], "a new session");
    let kept = client.next().await;
    assert_eq!(
        (kept["s"].clone(), kept["d"]["content"].clone()),
        (json!(3), json!("kept"))
    );
    assert_eq!(fake.identifies(), 2);
}

#[tokio::test]
async fn a_second_identify_on_one_connection_is_refused() {
    let (_fake, mut client) = identified().await;
    client
        .send(json!({ "op": 2, "d": { "token": TOKEN, "intents": 0 } }))
        .await;
    assert_eq!(client.closed().await, Some(4005));
}

#[tokio::test]
async fn a_clients_close_frame_is_answered() {
    let (_fake, mut client) = identified().await;
    let frame = tokio_tungstenite::tungstenite::protocol::CloseFrame {
        code: 1000.into(),
        reason: "".into(),
    };
    client.ws.close(Some(frame)).await.unwrap();
    assert_eq!(
        client.closed().await,
        Some(1000),
        "as serenity awaits on shutdown"
    );
}
