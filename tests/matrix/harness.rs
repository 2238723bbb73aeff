//! The harness's own checks, with no bot: members talking in a public and an invited
//! room, mentions and reactions, an end-to-end encrypted DM between two matrix-sdk
//! clients, failure messages that show what came instead, and a bot that cannot start
//! showing its stderr.

use std::time::{Duration, Instant};

use anyhow::{bail, ensure};
use libtest_mimic::Trial;

use crate::support::bot::{Bot, BotSetup};
use crate::support::community::{FIRST_DM, KEYCAPS};
use crate::support::expect::Expect;
use crate::support::trial::{Ctx, logs, trial};

/// Between two members on the same homeserver.
const WAIT: Duration = Duration::from_secs(20);

pub fn trials() -> Vec<Trial> {
    vec![
        trial(
            "harness::members_talk_in_a_public_room",
            members_talk_in_a_public_room,
        ),
        trial(
            "harness::encrypted_dm_between_two_members",
            encrypted_dm_between_two_members,
        ),
        trial(
            "harness::waits_say_what_came_instead",
            waits_say_what_came_instead,
        ),
        trial(
            "harness::a_bot_that_cannot_start_shows_its_stderr",
            a_bot_that_cannot_start_shows_its_stderr,
        ),
    ]
}

async fn members_talk_in_a_public_room(ctx: Ctx) -> anyhow::Result<()> {
    let ana = ctx.member("ana").await?;
    let ben = ctx.member("ben").await?;
    let lobby = ana.create_room("lobby", true, &[]).await?;
    ben.join(&lobby, "lobby").await?;

    let hello = ana
        .send_text(&lobby, "Shall we go?\n1. Going\n2. Maybe")
        .await?;
    let got = ben
        .wait_for(
            &Expect::message_from(&ana.user_id)
                .in_room(&lobby, "lobby")
                .containing("Shall we go?"),
            WAIT,
        )
        .await?;
    ensure!(
        got.event_id == hello && !got.direct && !got.encrypted,
        "Ben got {got}"
    );
    ensure!(
        got.choices() == ["Going", "Maybe"],
        "choices read {:?} from {got}",
        got.choices()
    );

    ben.send_mention(&lobby, &ana.user_id, "help").await?;
    let mention = ana
        .wait_for(
            &Expect::message_from(&ben.user_id)
                .in_room(&lobby, "lobby")
                .mentioning(&ana.user_id),
            WAIT,
        )
        .await?;
    ensure!(
        mention.body == format!("{}: help", ana.user_id.localpart()),
        "the mention reads {:?}",
        mention.body
    );

    ben.react(&lobby, &hello, KEYCAPS[0]).await?;
    ana.wait_for(
        &Expect::reaction_from(&ben.user_id, KEYCAPS[0]).on(&hello),
        WAIT,
    )
    .await?;

    // A private room: Ben is invited and his client joins by itself.
    let private = ana.create_room("private", false, &[]).await?;
    ana.invite(&private, &ben.user_id).await?;
    ben.joined_room(&private).await?;
    ben.send_text(&private, "joined by invite").await?;
    ana.wait_for(
        &Expect::message_from(&ben.user_id)
            .in_room(&private, "private")
            .containing("joined by invite"),
        WAIT,
    )
    .await?;
    Ok(())
}

async fn encrypted_dm_between_two_members(ctx: Ctx) -> anyhow::Result<()> {
    let ana = ctx.member("ana").await?;
    let ben = ctx.member("ben").await?;
    let created = Instant::now();
    let dm = ana.create_dm(&ben.user_id).await?;

    // As the bot does: the first message goes out before the invitee has joined.
    ana.send_text(&dm, "first, sent before you joined").await?;
    let first = ben
        .wait_for(
            &Expect::message_from(&ana.user_id)
                .in_encrypted_dm()
                .containing("first, sent before you joined"),
            FIRST_DM,
        )
        .await?;
    ensure!(first.room == dm, "the DM is {dm}, Ben got {first}");
    let first_after = first.at.duration_since(created);

    let sent = Instant::now();
    let second = ana.send_text(&dm, "second, now that you are here").await?;
    let got = ben
        .wait_for(
            &Expect::message_from(&ana.user_id)
                .in_encrypted_dm()
                .containing("second"),
            WAIT,
        )
        .await?;
    let second_after = got.at.duration_since(sent);

    ben.send_text(&dm, "a reply from Ben").await?;
    ana.wait_for(
        &Expect::message_from(&ben.user_id)
            .in_encrypted_dm()
            .containing("a reply from Ben"),
        WAIT,
    )
    .await?;
    // matrix-sdk sends reactions in clear, even in an encrypted room (as Element does).
    ben.react(&dm, &second, KEYCAPS[1]).await?;
    let reaction = ana
        .wait_for(
            &Expect::reaction_from(&ben.user_id, KEYCAPS[1]).on(&second),
            WAIT,
        )
        .await?;
    ensure!(
        reaction.direct && !reaction.encrypted,
        "the reaction came as {reaction}"
    );
    eprintln!(
        "encrypted DM: first message decrypted {first_after:.1?} after creating the room{}, \
         the next one {second_after:.1?} after sending",
        if first.decrypted_late {
            " (its key came late)"
        } else {
            ""
        }
    );
    Ok(())
}

async fn waits_say_what_came_instead(ctx: Ctx) -> anyhow::Result<()> {
    let ana = ctx.member("ana").await?;
    let notes = ana.create_room("notes", true, &[]).await?;
    ana.send_text(&notes, "note one").await?;
    ana.send_text(&notes, "note two").await?;
    let mine = Expect::message_from(&ana.user_id).in_room(&notes, "notes");
    ana.wait_for(&mine.clone().containing("note two"), WAIT)
        .await?;

    let Err(error) = ana
        .wait_for(
            &mine.clone().containing("never sent"),
            Duration::from_secs(2),
        )
        .await
    else {
        bail!("waiting for a message never sent succeeded");
    };
    let error = format!("{error:#}");
    for part in [
        "waited 2s for a message from",
        "in [notes], containing \"never sent\"",
        "note one",
        "* ",
        "note two",
    ] {
        ensure!(error.contains(part), "no {part:?} in:\n{error}");
    }

    let Err(error) = ana
        .no_more_from(&ana.user_id, Some(&notes), Duration::from_millis(500))
        .await
    else {
        bail!("no_more_from missed the message nobody waited for");
    };
    let error = format!("{error:#}");
    ensure!(
        error.contains("but got 1:") && error.contains("note one"),
        "{error}"
    );
    ana.wait_for(&mine.containing("note one"), WAIT).await?;
    ana.no_more_from(&ana.user_id, Some(&notes), Duration::from_millis(500))
        .await?;
    Ok(())
}

/// A wrong password: `passerelle run` must end with its one-line error, and the harness
/// must show it.
async fn a_bot_that_cannot_start_shows_its_stderr(ctx: Ctx) -> anyhow::Result<()> {
    let (bot_id, _) = ctx.register("passerelle")?;
    let orga = ctx.member("orga").await?;
    let main = orga.create_room("main", true, &[]).await?;
    let team = orga.create_room("welcome-team", false, &[&bot_id]).await?;
    let mut bot = Bot::new(
        &ctx.dir,
        &BotSetup {
            homeserver: ctx.synapse.url.clone(),
            user: bot_id,
            password: "not the password".into(),
            main_room: main,
            team_room: team,
            welcomers: vec![orga.user_id.clone()],
            elsewhere: Default::default(),
        },
    )?;
    let Err(error) = bot.start().await else {
        bail!("the bot started with a wrong password");
    };
    let error = format!("{error:#}");
    ensure!(
        error.contains("its stderr:") && error.contains("\n  error: "),
        "{error}"
    );
    let report = logs(&ctx.dir, ctx.synapse);
    ensure!(
        report.contains("--- bot-run-1.stderr.log ---") && report.contains("Synapse's log"),
        "{report}"
    );
    eprintln!("a bot that cannot start says: {error}");
    Ok(())
}
