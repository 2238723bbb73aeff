//! One community on Telegram and Discord in one `passerelle run`: an event created on
//! Telegram is announced on both with each platform's buttons, and answers from both
//! count against its one place.

use passerelle_test_support::discord::button_press;
use passerelle_test_support::telegram::{self, Chat, FakeTelegram, callback_query};

use crate::support::*;

const TELEGRAM_TOKEN: &str = "123456:telegram-test-token";
const GROUP: i64 = -1001234;

#[tokio::test]
async fn an_event_made_on_telegram_fills_from_discord_and_waitlists_on_telegram() {
    let discord = fake().await;
    let telegram = FakeTelegram::start(TELEGRAM_TOKEN).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let omar_on_telegram = telegram::User::new(222, "Omar");
    let mut bot = bot_with(
        dir.path(),
        &discord,
        &format!(
            "[[community.room]]\nplatform = \"telegram\"\nid = \"{GROUP}\"\npurpose = \"announcements\"\n"
        ),
        &format!(
            "[telegram]\napi_url = \"{}\"\n[[telegram.role]]\nrole = \"organizer\"\nusers = [222]\n",
            telegram.url()
        ),
    );
    bot.env("PASSERELLE_TELEGRAM_TOKEN", TELEGRAM_TOKEN);
    bot.start(&["run"], READY, WAIT).await.unwrap();

    // Omar creates a one-place picnic on Telegram.
    let group = Chat::supergroup(GROUP, "Paris newcomers");
    telegram.push_update(telegram::message(
        &group,
        &omar_on_telegram,
        "/event create Picnic when=\"friday 19:00\" capacity=1",
    ));
    // Announced on Discord, with Discord's buttons…
    let on_discord = with_buttons_in(&discord, GENERAL).await;
    assert!(
        content(&on_discord.body).contains("Picnic"),
        "{on_discord:?}"
    );
    // …and in the Telegram group, with Telegram's.
    let on_telegram = telegram
        .wait_for(
            "sendMessage",
            |call| call.chat_id() == Some(GROUP) && call.param("reply_markup").is_some(),
            WAIT,
        )
        .await
        .unwrap();

    // Nadia, on Discord, takes the place.
    let going = buttons(&on_discord.body)[0].1.clone();
    let pressed = button_press(
        Some(GUILD),
        GENERAL,
        &nadia(),
        &[],
        &on_discord.response,
        &going,
    );
    discord.dispatch("INTERACTION_CREATE", pressed.clone());
    let answer = response(&discord, &pressed).await;
    assert!(content(&answer.body).contains("going"), "{answer:?}");

    // Ali, on Telegram, presses Going too: the one place is taken, he waits.
    let markup = on_telegram.param("reply_markup").unwrap();
    let going_on_telegram = markup["inline_keyboard"][0][0]["callback_data"]
        .as_str()
        .unwrap()
        .to_owned();
    let ali = telegram::User::new(444, "Ali");
    let mark = telegram.mark();
    telegram.push_update(callback_query(
        &ali,
        on_telegram.result().unwrap(),
        &going_on_telegram,
    ));
    let waiting = telegram
        .wait_for_after(
            mark,
            "sendMessage",
            |call| {
                call.chat_id() == Some(GROUP)
                    && call.text().is_some_and(|text| text.contains("waitlist"))
            },
            WAIT,
        )
        .await
        .unwrap();
    assert!(waiting.text().unwrap().contains("number 1"), "{waiting:?}");

    // Both announcements show the one going.
    let announcement = on_discord.response["id"].as_str().unwrap().to_owned();
    discord
        .wait_for(
            "PATCH /channels/{id}/messages/{id}",
            |call| call.path.ends_with(&announcement) && content(&call.body).contains("Going: 1"),
            WAIT,
        )
        .await
        .unwrap();
    telegram
        .wait_for(
            "editMessageText",
            |call| call.text().is_some_and(|text| text.contains("Going: 1")),
            WAIT,
        )
        .await
        .unwrap();
    bot.stop(WAIT).await.unwrap();
}
