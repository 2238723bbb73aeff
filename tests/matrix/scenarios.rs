//! The bot on Matrix, end to end: commands in a room, events and RSVPs by command, by
//! reaction and by number, a newcomer's welcome and encrypted DM questionnaire, and
//! restarts after SIGKILL that answer nothing twice and lose nothing.
//!
//! Members who are not newcomers join the main room before the bot's first start, as in
//! a community that existed before the bot: they are not greeted.

use std::time::Instant;

use anyhow::{Context, ensure};
use libtest_mimic::Trial;
use matrix_sdk::ruma::OwnedRoomId;

use crate::support::community::{Community, FIRST_DM, KEYCAPS, QUIET, REPLY};
use crate::support::expect::{Expect, Kind, Received};
use crate::support::member::Member;
use crate::support::trial::{Ctx, trial};

/// Stable fragments of the bot's texts (core/src/i18n/en*.ftl, config/demo/faq/).
const HELP: &str = "Here is what I can do";
const FAQ_HOUSING: &str = "How do I find and rent a home in France?";
const FAQ_HEALTH: &str = "How do I get health cover and see a doctor in France?";
const WELCOME: &str = "Welcome to Test Community";
const INTRO: &str = "welcome to Test Community!";
const ASK_ORIGIN: &str = "(1/3) Which country do you come from?";
const ASK_COUNTRY: &str = "(2/3) Which country do you live in now";
const ASK_CITY: &str = "(3/3) And which city?";
const DONE: &str = "Thank you, that's everything!";

pub fn trials() -> Vec<Trial> {
    vec![
        trial("bot::commands_in_a_room", commands_in_a_room),
        trial("bot::event_create_and_rsvp", event_create_and_rsvp),
        trial(
            "bot::newcomer_gets_welcome_and_dm_questionnaire",
            newcomer_gets_welcome_and_dm_questionnaire,
        ),
        trial(
            "bot::restart_answers_nothing_twice",
            restart_answers_nothing_twice,
        ),
        trial(
            "bot::a_message_it_cannot_decrypt_is_asked_again",
            a_message_it_cannot_decrypt_is_asked_again,
        ),
        trial("bot::done_when", done_when),
    ]
}

async fn commands_in_a_room(ctx: Ctx) -> anyhow::Result<()> {
    let mut c = Community::create(&ctx).await?;
    let amina = c.join_main(&ctx, "amina").await?;
    c.bot.start().await?;

    // Three ways to ask for help, one reply each, each after its own question.
    let sent = Instant::now();
    let asked = amina.send_text(&c.main, "!help").await?;
    let reply = amina
        .wait_for(&c.in_main().containing(HELP).after(sent), REPLY)
        .await?;
    // Commands as Matrix clients let them through (`/help` is Element's own).
    ensure!(
        reply.body.contains("!help tz") && !reply.body.contains("/help"),
        "the help does not write commands with !: {reply}"
    );
    // In a busy room, it says whom it answers.
    ensure!(
        matches!(&reply.kind, Kind::Message { reply_to: Some(to), .. } if *to == asked),
        "the answer is not a reply to {asked}: {reply}"
    );
    ensure!(
        matches!(&reply.kind, Kind::Message { msgtype, .. } if msgtype == "m.notice")
            && reply.formatted.is_some(),
        "the reply is not an m.notice with an HTML body: {reply}"
    );
    // Explicit mentions, none here: whatever the text says, it pings nobody.
    ensure!(
        reply.explicit_mentions && reply.mentions.is_empty(),
        "the reply does not carry an empty m.mentions: {reply}"
    );
    let sent = Instant::now();
    amina.send_text(&c.main, "/help").await?;
    amina
        .wait_for(&c.in_main().containing(HELP).after(sent), REPLY)
        .await?;
    let sent = Instant::now();
    amina.send_mention(&c.main, &c.bot_id, "help").await?;
    amina
        .wait_for(&c.in_main().containing(HELP).after(sent), REPLY)
        .await?;

    amina.send_text(&c.main, "!faq france housing").await?;
    amina
        .wait_for(&c.in_main().containing(FAQ_HOUSING), REPLY)
        .await?;

    // Roles follow power levels as they change: at 0, amina cannot change the
    // organizer's event; at 50, she is an organizer and can.
    c.orga
        .send_text(&c.main, r#"!event create "Walk" when="tomorrow 10:00""#)
        .await?;
    let walk = amina
        .wait_for(
            &c.in_main().containing("New event").containing("Walk"),
            REPLY,
        )
        .await?;
    let id = walk
        .first_number()
        .with_context(|| format!("no #ID in {walk}"))?;
    let edit = format!(r#"!event edit {id} where="Parc Monceau""#);
    amina.send_text(&c.main, &edit).await?;
    amina
        .wait_for(&c.in_main().containing("Only its hosts"), REPLY)
        .await?;
    c.orga
        .joined_room(&c.main)
        .await?
        .update_power_levels(vec![(&amina.user_id, 50.into())])
        .await
        .context("cannot raise amina's power level")?;
    let sent = Instant::now();
    amina.send_text(&c.main, &edit).await?;
    amina
        .wait_for(&c.in_main().containing("Updated").after(sent), REPLY)
        .await?;

    // Another bot's command gets no answer, and nothing came twice.
    amina.send_text(&c.main, "!rank").await?;
    amina.no_more_from(&c.bot_id, None, QUIET).await?;
    c.bot.stop().await
}

async fn event_create_and_rsvp(ctx: Ctx) -> anyhow::Result<()> {
    let mut c = Community::create(&ctx).await?;
    let amina = c.join_main(&ctx, "amina").await?;
    let bruno = c.join_main(&ctx, "bruno").await?;
    let chloe = c.join_main(&ctx, "chloe").await?;
    c.bot.start().await?;

    c.orga
        .send_text(
            &c.main,
            r#"!event create "Picnic" when="tomorrow 18:00" capacity=1"#,
        )
        .await?;
    // Asked in the announcement room: the announcement is the one answer.
    let announce = c.in_main().containing("New event").containing("Picnic");
    let announcement = c.orga.wait_for(&announce, REPLY).await?;
    c.orga
        .no_more(&c.in_main().containing("Created"), QUIET)
        .await?;
    let id = announcement
        .first_number()
        .with_context(|| format!("no #ID in {announcement}"))?;
    ensure!(
        announcement.choices() == ["Going", "Maybe", "Can't go"],
        "the announcement offers {:?}: {announcement}",
        announcement.choices()
    );
    for key in KEYCAPS {
        c.orga
            .wait_for(
                &Expect::reaction_from(&c.bot_id, key).on(&announcement.event_id),
                REPLY,
            )
            .await?;
    }

    // Chloé answers the announcement with its number.
    chloe.wait_for(&announce, REPLY).await?;
    chloe.send_text(&c.main, "2").await?;
    chloe
        .wait_for(&c.in_main().containing("maybe").containing("Picnic"), REPLY)
        .await?;

    // Amina takes the only place by command.
    amina.send_text(&c.main, &format!("!rsvp {id} yes")).await?;
    amina
        .wait_for(
            &c.in_main()
                .containing("You're going to")
                .containing("Picnic"),
            REPLY,
        )
        .await?;

    // Bruno reacts 1️⃣ (Going) on the announcement: it is full, he waits.
    bruno.wait_for(&announce, REPLY).await?;
    bruno
        .react(&c.main, &announcement.event_id, KEYCAPS[0])
        .await?;
    let waitlist = Expect::message_from(&c.bot_id)
        .containing("is full")
        .containing("waitlist");
    bruno.wait_for(&waitlist, REPLY).await?;
    bruno.no_more(&waitlist, QUIET).await?;

    // The announcement followed every answer: it is edited to the counts now.
    c.orga
        .wait_for(
            &c.in_main()
                .editing(&announcement.event_id)
                .containing("Going: 1 · Maybe: 1 · Full, 1 on the waitlist"),
            REPLY,
        )
        .await?;
    c.bot.stop().await
}

/// A newcomer who joined the main room, once greeted there, asked the first question in
/// an encrypted DM, and shown to the welcome team.
struct Arrival {
    member: Member,
    welcome: Received,
    dm: OwnedRoomId,
    /// What the bot says in that DM, encrypted.
    in_dm: Expect,
}

async fn newcomer_arrives(c: &Community, ctx: &Ctx, name: &str) -> anyhow::Result<Arrival> {
    let member = c.join_main(ctx, name).await?;
    let welcome = member
        .wait_for(&c.in_main().containing(WELCOME), REPLY)
        .await?;
    let intro = member
        .wait_for(&c.in_dm().containing(INTRO), FIRST_DM)
        .await?;
    let dm = intro.room.clone();
    member.label_room(&dm, "dm with the bot");
    let in_dm = c.in_room(&dm, "dm with the bot").encrypted();
    member
        .wait_for(&in_dm.clone().containing(ASK_ORIGIN), REPLY)
        .await?;
    c.walid
        .wait_for(&c.in_team().containing("joined"), REPLY)
        .await?;
    Ok(Arrival {
        member,
        welcome,
        dm,
        in_dm,
    })
}

async fn newcomer_gets_welcome_and_dm_questionnaire(ctx: Ctx) -> anyhow::Result<()> {
    let mut c = Community::create(&ctx).await?;
    c.bot.start().await?;

    let Arrival {
        member: nina,
        welcome,
        dm,
        in_dm,
    } = newcomer_arrives(&c, &ctx, "nina").await?;

    nina.send_text(&dm, "Brazil").await?;
    nina.wait_for(&in_dm.clone().containing(ASK_COUNTRY), REPLY)
        .await?;
    nina.send_text(&dm, "France").await?;
    nina.wait_for(&in_dm.containing(ASK_CITY), REPLY).await?;
    nina.no_more_from(&c.bot_id, None, QUIET).await?;
    c.bot.stop().await?;

    // Checked last, so that a welcome without a mention does not hide the rest.
    ensure!(
        welcome.mentions(&nina.user_id),
        "the welcome does not mention {} (no m.mentions, no matrix.to pill): {welcome}\nits HTML: {:?}",
        nina.user_id,
        welcome.formatted
    );
    Ok(())
}

/// A member writes to the bot in private with a key it never got (here, a made-up
/// Megolm session): it asks for the message again instead of staying silent.
async fn a_message_it_cannot_decrypt_is_asked_again(ctx: Ctx) -> anyhow::Result<()> {
    let mut c = Community::create(&ctx).await?;
    let lina = c.join_main(&ctx, "lina").await?;
    c.bot.start().await?;
    let private = lina
        .create_room("lina and the bot", false, &[&c.bot_id])
        .await?;
    lina.send_text(&private, "!help").await?;
    lina.wait_for(
        &c.in_room(&private, "lina and the bot")
            .containing("Here is what I can do"),
        FIRST_DM,
    )
    .await?;
    let made_up = serde_json::json!({
        "algorithm": "m.megolm.v1.aes-sha2",
        "sender_key": "Q1V0ZSBrZXkgdGhhdCBubyBkZXZpY2UgZXZlciBoZWxk",
        "device_id": "NOSUCHDEVICE",
        "session_id": "c2Vzc2lvbiBubyBkZXZpY2UgZXZlciBzaGFyZWQgd2l0aA",
        "ciphertext": "AwgAEnDaLvZrC1dkOqt4ZMVTLPbdNhvN6sSgwGbnLrPxXSKsZ7wNSQ",
    });
    let room = lina.joined_room(&private).await?;
    room.send_raw("m.room.encrypted", made_up)
        .await
        .context("cannot send the made-up encrypted event")?;
    lina.wait_for(
        &c.in_room(&private, "lina and the bot")
            .containing("Could you send it again?"),
        REPLY,
    )
    .await?;
    lina.no_more_from(&c.bot_id, Some(&private), QUIET).await?;
    c.bot.stop().await
}

async fn restart_answers_nothing_twice(ctx: Ctx) -> anyhow::Result<()> {
    let mut c = Community::create(&ctx).await?;
    let rita = c.join_main(&ctx, "rita").await?;
    c.bot.start().await?;

    rita.send_text(&c.main, "!help").await?;
    rita.wait_for(&c.in_main().containing(HELP), REPLY).await?;
    c.bot.kill()?;

    rita.send_text(&c.main, "!faq france health").await?;
    c.bot.start().await?;
    rita.wait_for(&c.in_main().containing(FAQ_HEALTH), REPLY)
        .await?;
    rita.no_more_from(&c.bot_id, None, QUIET).await?;
    c.bot.stop().await
}

/// The issue's acceptance scenario, in one go.
async fn done_when(ctx: Ctx) -> anyhow::Result<()> {
    let mut c = Community::create(&ctx).await?;
    let amina = c.join_main(&ctx, "amina").await?;
    c.bot.start().await?;

    // A newcomer joins: welcome in the room, questions in an encrypted DM.
    let Arrival {
        member: nina,
        dm,
        in_dm,
        ..
    } = newcomer_arrives(&c, &ctx, "nina").await?;

    // The organizer creates an event; Nina sees the reply and the announcement.
    c.orga
        .send_text(
            &c.main,
            r#"!event create "Apéro" when="tomorrow 19:00" capacity=5"#,
        )
        .await?;
    let announcement = nina
        .wait_for(
            &c.in_main().containing("New event").containing("Apéro"),
            REPLY,
        )
        .await?;
    let id = announcement
        .first_number()
        .with_context(|| format!("no #ID in {announcement}"))?;

    // She answers a question and asks the FAQ.
    nina.send_text(&dm, "Brazil").await?;
    nina.wait_for(&in_dm.clone().containing(ASK_COUNTRY), REPLY)
        .await?;
    nina.send_text(&c.main, "!faq france housing").await?;
    nina.wait_for(&c.in_main().containing(FAQ_HOUSING), REPLY)
        .await?;

    // The bot crashes; meanwhile she answers, RSVPs, and Amina reacts 2️⃣ (Maybe).
    c.bot.kill()?;
    nina.send_text(&dm, "France").await?;
    nina.send_text(&c.main, &format!("!rsvp {id} yes")).await?;
    amina
        .react(&c.main, &announcement.event_id, KEYCAPS[1])
        .await?;
    c.bot.start().await?;

    nina.wait_for(&in_dm.clone().containing(ASK_CITY), REPLY)
        .await?;
    nina.wait_for(
        &c.in_main()
            .containing("You're going to")
            .containing("Apéro"),
        REPLY,
    )
    .await?;
    let maybe = c.in_main().containing("maybe").containing("Apéro");
    amina.wait_for(&maybe, REPLY).await?;
    nina.wait_for(&maybe, REPLY).await?;

    nina.send_text(&dm, "Paris").await?;
    nina.wait_for(&in_dm.containing(DONE), REPLY).await?;
    c.walid
        .wait_for(&c.in_team().containing("answered the questions"), REPLY)
        .await?;

    // Nothing twice: not in her rooms, not in the team's.
    nina.no_more_from(&c.bot_id, None, QUIET).await?;
    c.walid
        .no_more_from(&c.bot_id, Some(&c.team), QUIET)
        .await?;
    c.bot.stop().await
}
