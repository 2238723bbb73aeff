//! Newcomers on Discord: joining the server brings a welcome in the welcome channel and
//! the questionnaire by DM with buttons; closed DMs are shown to the welcome team; a hub
//! role granted adds its Discord role.

use passerelle_test_support::discord::{User, button_press, member_add, message_create};
use serde_json::json;

use crate::support::*;

#[tokio::test]
async fn a_newcomer_is_welcomed_in_the_welcome_channel_and_questioned_by_dm() {
    let fake = fake().await;
    let dir = tempfile::tempdir().unwrap();
    let mut bot = bot(dir.path(), &fake);
    bot.start(&["run"], READY, WAIT).await.unwrap();

    let amina = User::new(940_000_000_000_000_333, "Amina");
    fake.dispatch("GUILD_MEMBER_ADD", member_add(GUILD, &amina, &[]));
    let welcome = fake
        .wait_for("POST /channels/{id}/messages", posted_in(WELCOME), WAIT)
        .await
        .unwrap();
    // She is named as a mention, and only she is pinged.
    let text = content(&welcome.body);
    assert!(text.contains(&format!("<@{}>", amina.id)), "{text}");
    assert_eq!(
        welcome.body["allowed_mentions"]["users"],
        json!([amina.id.to_string()])
    );

    // The questionnaire, in a DM, its choices as buttons.
    let opened = fake
        .wait_for("POST /users/@me/channels", |_| true, WAIT)
        .await
        .unwrap();
    assert_eq!(opened.body["recipient_id"], amina.id.to_string());
    let dm: u64 = opened.response["id"].as_str().unwrap().parse().unwrap();
    assert_eq!(fake.dm_channel(amina.id), Some(dm));
    let question = with_buttons_in(&fake, dm).await;
    let choices = buttons(&question.body);
    assert!(!choices.is_empty(), "{question:?}");

    // Pressing one in the DM answers it: the next question comes there.
    let mark = fake.mark();
    let pressed = button_press(None, dm, &amina, &[], &question.response, &choices[0].1);
    fake.dispatch("INTERACTION_CREATE", pressed.clone());
    let answer = response(&fake, &pressed).await;
    assert_eq!(answer.body["type"], 4, "{answer:?}");
    assert_ne!(
        answer.body["data"]["flags"], 64,
        "a DM needs no ephemeral reply"
    );

    // A typed answer in the DM is read too.
    let mark_typed = fake.mark();
    fake.dispatch(
        "MESSAGE_CREATE",
        message_create(None, dm, &amina, "/profile"),
    );
    fake.wait_for_after(
        mark_typed,
        "POST /channels/{id}/messages",
        posted_in(dm),
        WAIT,
    )
    .await
    .unwrap();
    assert!(fake.mark() > mark);
    bot.stop(WAIT).await.unwrap();
}

#[tokio::test]
async fn closed_dms_bring_a_start_button_and_show_on_the_welcome_case() {
    let fake = fake().await;
    let dir = tempfile::tempdir().unwrap();
    const WELCOMERS: u64 = 930_000_000_000_000_009;
    let mut bot = bot_with(
        dir.path(),
        &fake,
        "",
        &format!("[[discord.role]]\nrole = \"welcomer\"\ndiscord_roles = [\"{WELCOMERS}\"]\n"),
    );
    bot.start(&["run"], READY, WAIT).await.unwrap();
    let amina = User::new(940_000_000_000_000_333, "Amina");
    fake.close_dms(amina.id);
    fake.dispatch("GUILD_MEMBER_ADD", member_add(GUILD, &amina, &[]));
    fake.wait_for(
        "POST /channels/{id}/messages",
        |call| call.status == 403,
        WAIT,
    )
    .await
    .unwrap();

    // The welcome carries a Start button: the questions go on in the channel, for her
    // eyes only.
    let start = with_buttons_in(&fake, WELCOME).await;
    assert!(
        content(&start.body).contains(&format!("<@{}>", amina.id)),
        "{start:?}"
    );
    let pressed = button_press(
        Some(GUILD),
        WELCOME,
        &amina,
        &[],
        &start.response,
        &buttons(&start.body)[0].1,
    );
    fake.dispatch("INTERACTION_CREATE", pressed.clone());
    let question = response(&fake, &pressed).await;
    assert_eq!(question.body["data"]["flags"], 64, "{question:?}");
    let choices = buttons(&question.body);
    assert!(!choices.is_empty(), "{question:?}");
    let pressed = button_press(
        Some(GUILD),
        WELCOME,
        &amina,
        &[],
        &start.response,
        &choices[0].1,
    );
    fake.dispatch("INTERACTION_CREATE", pressed.clone());
    let next = response(&fake, &pressed).await;
    assert_eq!(next.body["data"]["flags"], 64, "{next:?}");
    assert_ne!(content(&next.body), content(&question.body));

    let walid = User::new(940_000_000_000_000_777, "Walid");
    let mut text = String::new();
    for _ in 0..20 {
        let asked = slash(
            &fake,
            &walid,
            &[WELCOMERS],
            "welcome",
            json!([{ "name": "queue", "type": 1, "options": [] }]),
        );
        let answer = response(&fake, &asked).await;
        // Newcomers' details for the welcomer's eyes only.
        assert_eq!(answer.body["data"]["flags"], 64, "{answer:?}");
        text = content(&answer.body);
        if text.contains("cannot be reached") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(text.contains("Amina"), "{text}");
    assert!(
        text.contains("cannot be reached in private on Discord"),
        "{text}"
    );
    bot.stop(WAIT).await.unwrap();
}

#[tokio::test]
async fn a_role_granted_by_a_routing_rule_adds_its_discord_role() {
    let fake = fake().await;
    let dir = tempfile::tempdir().unwrap();
    let mut bot = bot_with(
        dir.path(),
        &fake,
        "[[community.onboarding.route]]\norigin = \"BR\"\nrole = \"brasil\"\n",
        &format!("[[discord.grant]]\nrole = \"brasil\"\ndiscord_role = \"{BRASIL}\"\n"),
    );
    bot.start(&["run"], READY, WAIT).await.unwrap();
    let nadia = nadia();
    let asked = slash(
        &fake,
        &nadia,
        &[],
        "profile",
        json!([{ "name": "set", "type": 1, "options": [
            { "name": "origin", "type": 3, "value": "Brazil" }
        ]}]),
    );
    response(&fake, &asked).await;
    let added = fake
        .wait_for(
            "PUT /guilds/{id}/members/{id}/roles/{id}",
            |call| call.path.ends_with(&BRASIL.to_string()),
            WAIT,
        )
        .await
        .unwrap();
    assert_eq!(added.status, 204);
    assert!(fake.member_roles(nadia.id).contains(&BRASIL));
    bot.stop(WAIT).await.unwrap();
}
