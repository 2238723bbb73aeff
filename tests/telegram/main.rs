//! The real `passerelle run` against the fake Bot API server of the test support: what a
//! member in a Telegram group sees, through teloxide's real HTTP path.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test code: a panic is a failure with its reason.

use passerelle_test_support::telegram::{
    Chat, FakeTelegram, Status, User, callback_query, member, message,
};
use serde_json::Value;

mod delivery;
mod instances;
mod newcomers;
mod support;

use support::*;

#[tokio::test]
async fn a_member_asks_the_faq_in_a_group_and_gets_the_answer_as_a_reply_in_her_language() {
    let fake = FakeTelegram::start(TOKEN).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut bot = bot(dir.path(), &fake);
    let username = bot.start(&["run"], READY, WAIT).await.unwrap();
    assert_eq!(username, fake.bot().json()["username"].as_str().unwrap());

    let asked = fake.push_update(message(
        &group(),
        &nadia(),
        &format!("/faq@{username} france logement"),
    ));
    let reply = fake.wait_for("sendMessage", to_group, WAIT).await.unwrap();
    let text = reply.text().unwrap_or_default().to_owned();
    // The demo FAQ's housing entry for France, in the community's language (the member
    // did not choose one), its title bold.
    assert!(
        text.starts_with("<b>How do I find and rent a home in France?</b>"),
        "{text}"
    );
    assert_eq!(
        reply
            .param("parse_mode")
            .and_then(|mode| mode.as_str().map(str::to_owned))
            .as_deref(),
        Some("HTML")
    );
    let replied_to = reply.param("reply_parameters").map(|value| match value {
        Value::String(text) => serde_json::from_str(&text).unwrap_or(Value::Null),
        other => other,
    });
    assert_eq!(
        replied_to.map(|value| value["message_id"].clone()),
        Some(asked["message"]["message_id"].clone())
    );

    // In French once she chose it, and as `!faq` too.
    let mark = fake.mark();
    fake.push_update(message(&Chat::private(&nadia()), &nadia(), "/lang fr"));
    fake.wait_for_after(
        mark,
        "sendMessage",
        |call| call.chat_id() == Some(111),
        WAIT,
    )
    .await
    .unwrap();
    let mark = fake.mark();
    fake.push_update(message(&group(), &nadia(), "!faq france logement"));
    let reply = fake
        .wait_for_after(mark, "sendMessage", to_group, WAIT)
        .await
        .unwrap();
    let text = reply.text().unwrap_or_default();
    assert!(
        text.starts_with("<b>Comment trouver et louer un logement en France ?</b>"),
        "{text}"
    );

    bot.stop(WAIT).await.unwrap();
    no_token_in_logs(&bot);
}

#[tokio::test]
async fn a_button_works_after_a_restart_nothing_is_answered_twice_and_a_full_event_has_a_waitlist()
{
    let fake = FakeTelegram::start(TOKEN).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut bot = bot(dir.path(), &fake);
    bot.start(&["run"], READY, WAIT).await.unwrap();

    let announced = picnic(&fake, 0, "capacity=1").await;
    let going = buttons(&announced)
        .into_iter()
        .next()
        .expect("the announcement's first button");
    assert!(
        going.1.len() <= 64,
        "callback_data fits Telegram's 64 bytes"
    );

    // Killed and started again: the button still works, and nothing said before is
    // answered a second time.
    bot.kill().unwrap();
    let before = fake.mark();
    bot.start(&["run"], READY, WAIT).await.unwrap();
    let pressed = fake.push_update(callback_query(
        &nadia(),
        announced.result().unwrap(),
        &going.1,
    ));
    let query = pressed["callback_query"]["id"].as_str().unwrap().to_owned();
    let answered = fake
        .wait_for(
            "answerCallbackQuery",
            |call| {
                call.param("callback_query_id")
                    .and_then(|id| id.as_str().map(str::to_owned))
                    == Some(query.clone())
            },
            WAIT,
        )
        .await
        .unwrap();
    // The press is answered with a notice: the reply's first line.
    let notice = answered.param("text").unwrap_or_default();
    assert!(
        notice
            .as_str()
            .is_some_and(|text| text.starts_with("You're going to #1 Picnic")),
        "{answered:?}"
    );
    let answer = fake
        .wait_for_after(before, "sendMessage", to_group, WAIT)
        .await
        .unwrap();
    assert!(
        answer
            .text()
            .is_some_and(|text| text.starts_with("You're going")),
        "{answer:?}"
    );
    // The one place is taken: the next to press Going is told they wait.
    let mark = fake.mark();
    fake.push_update(callback_query(
        &User::new(444, "Ali"),
        announced.result().unwrap(),
        &going.1,
    ));
    let waiting = fake
        .wait_for_after(mark, "sendMessage", to_group, WAIT)
        .await
        .unwrap();
    assert!(
        waiting
            .text()
            .is_some_and(|text| text.contains("you are number 1 on the waitlist")),
        "{waiting:?}"
    );
    let creations = fake
        .calls_to("sendMessage")
        .iter()
        .filter(|call| {
            !buttons(call).is_empty() && call.text().is_some_and(|text| text.contains("Picnic"))
        })
        .count();
    assert_eq!(creations, 1, "the event's announcement went once");
    bot.stop(WAIT).await.unwrap();
}

#[tokio::test]
async fn administrators_organize_members_may_not_and_the_menu_is_registered_once() {
    let fake = FakeTelegram::start(TOKEN).await.unwrap();
    let omar = omar();
    fake.set_administrators(GROUP, vec![member(&omar, Status::Administrator)]);
    let dir = tempfile::tempdir().unwrap();
    let mut bot = bot_with(
        dir.path(),
        &fake,
        "",
        "[[telegram.role]]\nrole = \"organizer\"\nadministrators = true\n",
    );
    bot.start(&["run"], READY, WAIT).await.unwrap();

    fake.push_update(message(
        &group(),
        &nadia(),
        "/event create Picnic when=\"friday 19:00\"",
    ));
    let refused = fake.wait_for("sendMessage", to_group, WAIT).await.unwrap();
    assert!(buttons(&refused).is_empty(), "{refused:?}");
    assert!(
        refused
            .text()
            .is_some_and(|text| text.starts_with("Only organizers can create events")),
        "{refused:?}"
    );
    let mark = fake.mark();
    picnic(&fake, mark, "").await;

    // The menus: English and French, for private chats, groups and administrators.
    let menus = fake.calls_to("setMyCommands");
    assert_eq!(menus.len(), 6, "{menus:?}");
    let group_menu = fake
        .commands(&serde_json::json!({"type": "all_group_chats"}), "fr")
        .expect("the French group menu");
    let names: Vec<&str> = group_menu
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|command| command["command"].as_str())
        .collect();
    assert!(
        names.contains(&"rsvp") && !names.contains(&"welcome"),
        "{names:?}"
    );
    bot.stop(WAIT).await.unwrap();
    bot.start(&["run"], READY, WAIT).await.unwrap();
    fake.push_update(message(&group(), &nadia(), "/help"));
    fake.wait_for_after(
        mark,
        "sendMessage",
        |call| call.text().is_some_and(|text| text.contains("/rsvp")),
        WAIT,
    )
    .await
    .unwrap();
    assert_eq!(
        fake.calls_to("setMyCommands").len(),
        6,
        "unchanged menus are not sent again"
    );
    bot.stop(WAIT).await.unwrap();
}

#[tokio::test]
async fn in_private_a_deep_link_starts_onboarding_and_a_calendar_is_a_document() {
    let fake = FakeTelegram::start(TOKEN).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut bot = bot(dir.path(), &fake);
    bot.start(&["run"], READY, WAIT).await.unwrap();
    let private = Chat::private(&nadia());

    // What t.me/<bot>?start=onboard sends.
    fake.push_update(message(&private, &nadia(), "/start onboard"));
    let question = fake
        .wait_for("sendMessage", |call| call.chat_id() == Some(111), WAIT)
        .await
        .unwrap();
    assert!(
        !buttons(&question).is_empty(),
        "the questionnaire offers choices: {question:?}"
    );

    picnic(&fake, 0, "").await;
    fake.push_update(message(&private, &nadia(), "/event ics 1"));
    let document = fake
        .wait_for("sendDocument", |call| call.chat_id() == Some(111), WAIT)
        .await
        .unwrap();
    let file = document.files.first().expect("an uploaded file");
    assert_eq!(file.file_name.as_deref(), Some("event-1.ics"));
    assert!(String::from_utf8_lossy(&file.bytes).starts_with("BEGIN:VCALENDAR"));
    bot.stop(WAIT).await.unwrap();
}

#[tokio::test]
async fn in_a_forum_announcements_go_to_their_topic_and_replies_stay_in_theirs() {
    const EVENTS: i64 = 7;
    let fake = FakeTelegram::start(TOKEN).await.unwrap();
    fake.add_chat(&Chat::forum(GROUP, "Paris newcomers"));
    fake.add_topic(GROUP, EVENTS);
    let dir = tempfile::tempdir().unwrap();
    let topic_room = format!(
        "[[community.room]]\nplatform = \"telegram\"\nid = \"{GROUP}\"\ntopic = {EVENTS}\n\
         purpose = \"announcements\"\n\n[community.events]\nmembers_create = true\n"
    );
    let mut bot = bot_in(
        dir.path(),
        &fake,
        &[passerelle_core::model::RoomPurpose::Main],
        &topic_room,
        "",
    );
    bot.start(&["run"], READY, WAIT).await.unwrap();
    let thread = |call: &passerelle_test_support::telegram::Call| {
        call.param("message_thread_id").and_then(|id| id.as_i64())
    };

    // Created in the General topic: the announcement goes to the events topic.
    let announced = picnic(&fake, 0, "").await;
    assert_eq!(thread(&announced), Some(EVENTS), "{announced:?}");
    assert_eq!(announced.status, 200, "{announced:?}");

    // Asked inside the events topic: answered there.
    let mark = fake.mark();
    fake.push_update(message(&group(), &nadia(), "/faq france logement").in_topic(EVENTS));
    let answer = fake
        .wait_for_after(mark, "sendMessage", to_group, WAIT)
        .await
        .unwrap();
    assert_eq!(thread(&answer), Some(EVENTS), "{answer:?}");
    bot.stop(WAIT).await.unwrap();
}
