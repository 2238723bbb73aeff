//! One community on Matrix, Telegram and Discord in one `passerelle run`: Synapse (real),
//! the fake Telegram and the fake Discord. An event made on Telegram is announced on
//! Discord and Matrix and fills from both; a Telegram newcomer is greeted by a welcomer
//! on Matrix, both ways; a member links their Discord and Telegram accounts; and when
//! Telegram's server goes away, Matrix and Discord keep answering. No secret it was
//! given is then in its logs or its database.

use std::time::Duration;

use anyhow::{Context, anyhow, ensure};
use libtest_mimic::Trial;
use passerelle_core::model::{Platform, RoomPurpose};
use passerelle_test_support::community::room;
use passerelle_test_support::discord::{
    self, Call, FakeDiscord, Guild, button_press, buttons, content, slash_command,
};
use passerelle_test_support::telegram::{self, Chat, FakeTelegram, Status, chat_member};
use sqlx::{Connection, SqliteConnection};

use crate::support::bot::Elsewhere;
use crate::support::community::{Community, FIRST_DM, REPLY};
use crate::support::trial::{Ctx, trial};

const TELEGRAM_TOKEN: &str = "123456:telegram-test-token";
const GROUP: i64 = -1001234;
const DISCORD_TOKEN: &str = "MTIzNDU2Nzg5MDEyMzQ1Njc4.test.token-never-logged";
const APPLICATION: u64 = 900_000_000_000_000_001;
const GUILD: u64 = 910_000_000_000_000_001;
const GENERAL: u64 = 920_000_000_000_000_001;
/// How long a fake platform may wait for the bot.
const WAIT: Duration = Duration::from_secs(30);

pub fn trials() -> Vec<Trial> {
    vec![trial(
        "across::one_community_on_three_platforms",
        one_community_on_three_platforms,
    )]
}

/// The community's Telegram group and Discord channel, and the adapters' sections.
fn elsewhere(telegram: &FakeTelegram, discord: &FakeDiscord) -> Elsewhere {
    let purposes = [RoomPurpose::Main, RoomPurpose::Announcements];
    Elsewhere {
        rooms: vec![
            room(
                Platform::Telegram,
                &GROUP.to_string(),
                &[
                    RoomPurpose::Main,
                    RoomPurpose::Announcements,
                    RoomPurpose::Welcome,
                ],
            ),
            room(Platform::Discord, &GENERAL.to_string(), &purposes),
        ],
        config: format!(
            "[telegram]\napi_url = \"{}\"\n[[telegram.role]]\nrole = \"organizer\"\nusers = [222]\n\
             [discord]\napplication_id = \"{APPLICATION}\"\nguild_id = \"{GUILD}\"\napi_url = \"{}\"\n",
            telegram.url(),
            discord.url()
        ),
        env: vec![
            ("PASSERELLE_TELEGRAM_TOKEN".into(), TELEGRAM_TOKEN.into()),
            ("PASSERELLE_DISCORD_TOKEN".into(), DISCORD_TOKEN.into()),
        ],
    }
}

async fn one_community_on_three_platforms(ctx: Ctx) -> anyhow::Result<()> {
    let guild = Guild {
        id: GUILD,
        name: "Paris newcomers".into(),
        channels: vec![(GENERAL, "general".into())],
        roles: Vec::new(),
    };
    let discord = FakeDiscord::start(DISCORD_TOKEN, APPLICATION, guild).await?;
    let telegram = FakeTelegram::start(TELEGRAM_TOKEN).await?;
    let mut c = Community::create_with(&ctx, elsewhere(&telegram, &discord)).await?;
    let maya = c.join_main(&ctx, "maya").await?;
    c.bot.start().await?;
    telegram.wait_for("getUpdates", |_| true, WAIT).await?;
    discord
        .wait_for(
            "PUT /applications/{id}/guilds/{id}/commands",
            |_| true,
            WAIT,
        )
        .await?;

    // Omar, an organizer on Telegram, makes a one-place picnic.
    let group = Chat::supergroup(GROUP, "Paris newcomers");
    let omar = telegram::User::new(222, "Omar");
    telegram.push_update(telegram::message(
        &group,
        &omar,
        "/event create Picnic when=\"friday 19:00\" capacity=1",
    ));
    // It is announced on Matrix and on Discord, with Discord's buttons.
    let on_matrix = maya
        .wait_for(
            &c.in_main().containing("New event").containing("Picnic"),
            REPLY,
        )
        .await?;
    let id = on_matrix
        .first_number()
        .with_context(|| format!("no #ID in {on_matrix}"))?;
    let on_discord = discord
        .wait_for(
            "POST /channels/{id}/messages",
            |call| call.path.contains(&GENERAL.to_string()) && !buttons(&call.body).is_empty(),
            WAIT,
        )
        .await?;
    ensure!(
        content(&on_discord.body).contains("Picnic"),
        "{on_discord:?}"
    );

    // Nadia takes the place on Discord; Maya, on Matrix, waits.
    let nadia = discord::User::new(940_000_000_000_000_111, "Nadia");
    let answer = press(&discord, &nadia, &on_discord, 0).await?;
    ensure!(content(&answer.body).contains("going"), "{answer:?}");
    maya.send_text(&c.main, &format!("!rsvp {id} yes")).await?;
    maya.wait_for(&c.in_main().containing("waitlist"), REPLY)
        .await?;
    // Nadia cannot go after all: Maya is told on Matrix, in private.
    press(&discord, &nadia, &on_discord, 2).await?;
    maya.wait_for(&c.in_dm().containing("a place opened"), FIRST_DM)
        .await?;

    // Amina joins the Telegram group and answers the questions in private.
    let amina = telegram::User::new(333, "Amina");
    telegram.push_update(chat_member(&group, &amina, Status::Left, Status::Member));
    c.walid
        .wait_for(&c.in_team().containing("Amina"), REPLY)
        .await?;
    let private = Chat::private(&amina);
    telegram.push_update(telegram::message(&private, &amina, "/start"));
    for (question, answer) in [
        ("Which country do you come from?", "Brazil"),
        ("Which country do you live in now", "France"),
        ("And which city?", "Paris"),
    ] {
        to_amina(&telegram, question).await?;
        telegram.push_update(telegram::message(&private, &amina, answer));
    }
    to_amina(&telegram, "that's everything").await?;
    // Walid, on Matrix, greets her: she reads him on Telegram, he reads her on Matrix.
    c.walid.send_text(&c.team, "!welcome claim Amina").await?;
    c.walid
        .wait_for(&c.in_team().containing("Amina"), REPLY)
        .await?;
    c.walid
        .send_text(&c.team, "!welcome say Amina Hello Amina! Coffee on Friday?")
        .await?;
    c.walid
        .wait_for(&c.in_team().containing("Sent to Amina on Telegram"), REPLY)
        .await?;
    to_amina(&telegram, "Coffee on Friday?").await?;
    telegram.push_update(telegram::message(
        &private,
        &amina,
        "Yes please, near Bastille?",
    ));
    to_amina(&telegram, "Passed on to").await?;
    c.walid
        .wait_for(
            &c.in_dm()
                .containing("From Amina (newcomer, on Telegram)")
                .containing("near Bastille"),
            FIRST_DM,
        )
        .await?;

    // Nadia, on Telegram too, says maybe; then links her two accounts.
    let nadia_on_telegram = telegram::User::new(555, "Nadia");
    telegram.push_update(telegram::message(
        &group,
        &nadia_on_telegram,
        &format!("/rsvp {id} maybe"),
    ));
    telegram
        .wait_for(
            "sendMessage",
            |call| {
                call.chat_id() == Some(GROUP)
                    && call.text().is_some_and(|text| text.contains("maybe"))
            },
            WAIT,
        )
        .await?;
    let asked = slash_command(
        Some(GUILD),
        GENERAL,
        &nadia,
        &[],
        0,
        "link",
        serde_json::json!([]),
    );
    discord.dispatch("INTERACTION_CREATE", asked.clone());
    let given = response(&discord, &asked).await?;
    let text = content(&given.body);
    let code = text
        .split("**")
        .nth(1)
        .with_context(|| format!("no code in {text}"))?;
    ensure!(
        given.body["data"]["flags"] == 64,
        "the code is not for Nadia alone: {given:?}"
    );
    let alone = Chat::private(&nadia_on_telegram);
    telegram.push_update(telegram::message(
        &alone,
        &nadia_on_telegram,
        &format!("/link {code}"),
    ));
    let linked = telegram
        .wait_for(
            "sendMessage",
            |call| {
                call.chat_id() == Some(555)
                    && call.text().is_some_and(|text| text.contains("Linked"))
            },
            WAIT,
        )
        .await?;
    let linked = linked.text().unwrap_or_default().to_owned();
    ensure!(
        linked.contains("Nadia (Telegram), Nadia (Discord)"),
        "{linked}"
    );
    // One member, one answer to the picnic: her latest, maybe.
    let db = format!("sqlite:{}", ctx.dir.join("passerelle.db").display());
    let mut db = SqliteConnection::connect(&db).await?;
    let members: i64 = sqlx::query_scalar(
        "SELECT COUNT(DISTINCT member_id) FROM identities WHERE user_id IN ('555', '940000000000000111')",
    )
    .fetch_one(&mut db)
    .await?;
    ensure!(members == 1, "{members} members for Nadia's two accounts");
    let answers: Vec<String> = sqlx::query_scalar(
        "SELECT status FROM rsvps WHERE event_id = $1 AND member_id =
             (SELECT member_id FROM identities WHERE user_id = '555')",
    )
    .bind(i64::try_from(id)?)
    .fetch_all(&mut db)
    .await?;
    ensure!(answers == ["maybe"], "Nadia's answers: {answers:?}");

    // Telegram's server goes away; Matrix and Discord still answer.
    drop(telegram);
    maya.send_text(&c.main, "!help").await?;
    maya.wait_for(&c.in_main().containing("Here is what I can do"), REPLY)
        .await?;
    let help = slash_command(
        Some(GUILD),
        GENERAL,
        &nadia,
        &[],
        0,
        "help",
        serde_json::json!([]),
    );
    discord.dispatch("INTERACTION_CREATE", help.clone());
    let answered = response(&discord, &help).await?;
    ensure!(content(&answered.body).contains("/rsvp"), "{answered:?}");
    c.bot.stop().await?;
    // After all that, no log line and no row holds a password, a token or the
    // passphrase the bot was given, nor the Matrix access token it was handed.
    let written = c.bot.secrets_written().await?;
    ensure!(written.is_empty(), "secrets written down: {written:#?}");
    Ok(())
}

/// `user` presses button number `index` of `message`; the interaction's response.
async fn press(
    discord: &FakeDiscord,
    user: &discord::User,
    message: &Call,
    index: usize,
) -> anyhow::Result<Call> {
    let (_, custom_id) = buttons(&message.body)
        .get(index)
        .cloned()
        .ok_or_else(|| anyhow!("no button {index} on {message:?}"))?;
    let pressed = button_press(
        Some(GUILD),
        GENERAL,
        user,
        &[],
        &message.response,
        &custom_id,
    );
    discord.dispatch("INTERACTION_CREATE", pressed.clone());
    response(discord, &pressed).await
}

/// The response to `interaction`, once its callback came.
async fn response(discord: &FakeDiscord, interaction: &serde_json::Value) -> anyhow::Result<Call> {
    let id = interaction["id"].as_str().unwrap_or_default().to_owned();
    discord
        .wait_for(
            "POST /interactions/{id}/{token}/callback",
            |call| call.path.contains(&format!("/interactions/{id}/")),
            WAIT,
        )
        .await
}

/// The bot's next private message to Amina containing `text`.
async fn to_amina(telegram: &FakeTelegram, text: &str) -> anyhow::Result<telegram::Call> {
    telegram
        .wait_for(
            "sendMessage",
            |call| {
                call.chat_id() == Some(333) && call.text().is_some_and(|said| said.contains(text))
            },
            WAIT,
        )
        .await
}
