//! Interactions: callbacks once only and within 3 s, the messages they make, `@original`
//! and follow-ups through the webhook of their token.

use super::*;

#[tokio::test]
async fn a_second_callback_is_already_acknowledged() {
    let fake = fake().await;
    let faq = command(Some(GUILD), GENERAL, "faq");
    fake.dispatch("INTERACTION_CREATE", faq.clone());
    let answer = json!({ "type": 4, "data": { "content": "Here", "flags": 64 } });
    let (status, body) = post(&fake, &callback_path(&faq), answer.clone()).await;
    assert_eq!((status, body), (204, Value::Null));
    let (status, body) = post(&fake, &callback_path(&faq), answer.clone()).await;
    assert_eq!(
        (status, body),
        (
            400,
            json!({ "message": "Interaction has already been acknowledged.", "code": 40060 })
        )
    );
    assert_eq!(
        fake.interaction_response(interaction_id(&faq)),
        Some(answer.clone())
    );

    let original = fake.original_response(interaction_id(&faq)).unwrap();
    assert_eq!(
        (original["content"].clone(), original["flags"].clone()),
        (json!("Here"), json!(64))
    );
    assert_eq!(original["type"], 20);
    assert_eq!(original["interaction_metadata"]["name"], "faq");
    assert_eq!(fake.messages_in(GENERAL), vec![original]);

    let call = fake.calls_to("POST /interactions/{id}/{token}/callback");
    assert_eq!(call.len(), 2);
    let stranger = command(Some(GUILD), GENERAL, "faq");
    let (status, body) = post(&fake, &callback_path(&stranger), answer).await;
    assert_eq!(
        (status, body),
        (
            404,
            json!({ "message": "Unknown interaction", "code": 10062 })
        )
    );
}

#[tokio::test]
async fn a_deferred_answer_is_edited_through_original_and_followed_up() {
    let fake = fake().await;
    let events = command(None, DM, "events");
    fake.dispatch("INTERACTION_CREATE", events.clone());
    let followups = webhook_path(&events, "");
    let (status, _) = post(&fake, &followups, json!({ "content": "early" })).await;
    assert_eq!(status, 404, "no follow-up before the answer");
    let deferred = post(&fake, &callback_path(&events), json!({ "type": 5 })).await;
    assert_eq!(deferred.0, 204);
    let original = webhook_path(&events, "/messages/@original");
    let (_, thinking) = get(&fake, &original).await;
    assert_eq!(thinking["flags"], 128, "LOADING");
    let three = json!({ "content": "Three events" });
    let (status, edited) = api(&fake, "PATCH", &original, three).await;
    assert_eq!(
        (status, edited["content"].clone(), edited["flags"].clone()),
        (200, json!("Three events"), json!(0))
    );
    let (status, more) = post(&fake, &followups, json!({ "content": "And one more" })).await;
    assert_eq!(status, 200);
    let path = webhook_path(
        &events,
        &format!("/messages/{}", more["id"].as_str().unwrap()),
    );
    let two = json!({ "content": "And two more" });
    assert_eq!(api(&fake, "PATCH", &path, two).await.0, 200);
    let texts: Vec<Value> = fake
        .messages_in(DM)
        .iter()
        .map(|m| m["content"].clone())
        .collect();
    assert_eq!(texts, vec![json!("Three events"), json!("And two more")]);
    assert_eq!(fake.dm_channel(alice().id), Some(DM));
}

#[tokio::test]
async fn a_button_press_updates_its_message() {
    let fake = fake().await;
    let body = json!({ "content": "Coming?", "components": [{ "type": 1, "components": [
        { "type": 2, "style": 1, "label": "Yes", "custom_id": "rsvp:1:yes" },
    ]}]});
    let sent = post_message(&fake, EVENTS, body).await;
    let press = button_press(Some(GUILD), EVENTS, &alice(), &[], &sent, "rsvp:1:yes");
    fake.dispatch("INTERACTION_CREATE", press.clone());
    let update = json!({ "type": 7, "data": { "content": "Coming? (1 yes)" } });
    assert_eq!(post(&fake, &callback_path(&press), update).await.0, 204);
    let id: u64 = sent["id"].as_str().unwrap().parse().unwrap();
    let now = fake.message(EVENTS, id).unwrap();
    assert_eq!(now["content"], "Coming? (1 yes)");
    assert_eq!(now["components"], sent["components"], "the buttons stay");
    assert_eq!(
        fake.original_response(interaction_id(&press)).unwrap()["id"],
        sent["id"]
    );
}

#[tokio::test]
async fn an_interaction_answered_after_three_seconds_is_unknown() {
    let (fake, mut client) = identified().await;
    let choices = json!([{ "name": "seats", "type": 4, "value": 1 }]);
    let typing = autocomplete(Some(GUILD), GENERAL, &alice(), "event", choices);
    fake.dispatch("INTERACTION_CREATE", typing.clone());
    let written = client.next().await;
    assert_eq!(
        written["d"]["application_id"],
        APPLICATION.to_string(),
        "filled in"
    );
    tokio::time::sleep(Duration::from_millis(3100)).await;
    let answer = json!({ "type": 8, "data": { "choices": [] } });
    let (status, body) = post(&fake, &callback_path(&typing), answer).await;
    assert_eq!((status, body["code"].clone()), (404, json!(10062)));
    assert_eq!(fake.interaction_response(interaction_id(&typing)), None);
}

#[tokio::test]
async fn a_callback_may_carry_only_a_file() {
    let fake = fake().await;
    let ics = command(None, 1_400_000_000_000_000_002, "ics");
    fake.dispatch("INTERACTION_CREATE", ics.clone());
    let payload =
        json!({ "type": 4, "data": { "attachments": [{ "id": 0, "filename": "picnic.ics" }] } });
    let (status, answer) = upload(&fake, &callback_path(&ics), None, &payload).await;
    assert_eq!(status, 204, "{answer}");
    let original = fake.original_response(interaction_id(&ics)).unwrap();
    assert_eq!(original["attachments"][0]["filename"], "picnic.ics");
    assert_eq!(
        original["interaction_metadata"]["authorizing_integration_owners"],
        json!({ "0": "0" })
    );
}
