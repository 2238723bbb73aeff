//! Three `passerelle run` of one bot on one PostgreSQL, each its own Matrix device: one
//! syncs under a lease, the others stand by; the holder is killed (SIGKILL) again and
//! again while a member writes in the main room and in her encrypted DM with the bot.
//! Whoever takes over answers what was said meanwhile, reads the DM (its device got the
//! room keys while standing by), answers nothing twice but what was on its way at a
//! kill, and the takeover times are reported. And a device that takes the sync over
//! without standing by (a rolling restart) first reads what was sent to it.

use std::time::{Duration, Instant};

use anyhow::{Context, bail, ensure};
use libtest_mimic::Trial;
use matrix_sdk::ruma::{OwnedEventId, OwnedRoomId};
use passerelle_test_support::TestDb;
use passerelle_test_support::passerelle::holding;

use crate::support::bot::Bot;
use crate::support::community::{Community, FIRST_DM, REPLY};
use crate::support::expect::Kind;
use crate::support::member::Member;
use crate::support::trial::{Ctx, trial};

const POSTGRES_ENV: &str = "PASSERELLE_TEST_POSTGRES_URL";
const INSTANCES: usize = 3;
const KILLS: usize = 3;
/// What the issue asks: another instance takes over within 15 s.
const TAKEOVER: Duration = Duration::from_secs(15);
const HELP: &str = "Here is what I can do";
const FAQ_HEALTH: &str = "How do I get health cover and see a doctor in France?";
/// What the bot logs when it cannot read a message.
const UNREADABLE: &str = "a message could not be decrypted";

pub fn trials() -> Vec<Trial> {
    vec![
        trial(
            "instances::three_devices_share_the_sync_and_lose_nothing_when_its_holder_dies",
            three_devices_share_the_sync,
        ),
        trial(
            "instances::a_device_taking_over_at_once_first_reads_what_was_sent_to_it",
            taking_over_at_once,
        ),
    ]
}

/// What one round of writing asked: in the main room (by event), in the DM (how many).
#[derive(Debug, Default)]
struct Asked {
    main: Vec<OwnedEventId>,
    dm_help: usize,
    dm_health: usize,
}

async fn three_devices_share_the_sync(ctx: Ctx) -> anyhow::Result<()> {
    let Some(db) = TestDb::postgres_unless_skipped(POSTGRES_ENV).await? else {
        return Ok(());
    };
    let c = Community::create(&ctx).await?;
    let amina = c.join_main(&ctx, "amina").await?;
    let mut bots = Vec::new();
    for number in 1..=INSTANCES {
        let dir = ctx.dir.join(format!("instance-{number}"));
        bots.push(Bot::new_on(&dir, &c.setup, &db.url)?);
    }
    let said = bots[0].start_any().await?;
    ensure!(said.starts_with("listening as "), "the first says {said:?}");
    for bot in &mut bots[1..] {
        stand_by(bot).await?;
    }
    let lease = format!("matrix:{}", c.bot_id);

    // Amina opens an encrypted DM with the bot, once every device is known.
    let dm = amina.create_dm(&c.bot_id).await?;
    let mut asked = Asked::default();
    ask_in_dm(&amina, &dm, "!help", &mut asked).await?;
    amina
        .wait_for(&c.in_dm().containing(HELP), FIRST_DM)
        .await?;

    let mut takeovers = Vec::new();
    for kill in 0..KILLS {
        // She writes; the holder dies while it answers her.
        for _ in 0..2 {
            asked.main.push(amina.send_text(&c.main, "!help").await?);
        }
        ask_in_dm(&amina, &dm, "!help", &mut asked).await?;
        tokio::time::sleep(Duration::from_millis(150 * kill as u64)).await;
        let dead = holding(&db.url, &lease, bots.iter().map(Bot::process), TAKEOVER).await?;
        bots[dead].kill()?;
        let killed_at = Instant::now();
        // While nobody holds the sync: in the room, and encrypted in the DM.
        let probe = amina.send_text(&c.main, "!help").await?;
        asked.main.push(probe.clone());
        ask_in_dm(&amina, &dm, "!faq france health", &mut asked).await?;
        answered(&amina, &c, &[probe]).await?;
        takeovers.push(killed_at.elapsed());
        amina
            .wait_for(
                &c.in_dm().containing(FAQ_HEALTH).after(killed_at),
                TAKEOVER + REPLY,
            )
            .await
            .context("the DM said while nobody held the sync went unanswered")?;
        stand_by(&mut bots[dead]).await?;
    }
    answered(&amina, &c, &asked.main).await?;
    tokio::time::sleep(Duration::from_secs(2)).await;
    for bot in &mut bots {
        bot.stop().await?;
    }

    // Matrix drops a resent message by its transaction ID, but only from the device that
    // sent it first: a reply on its way at a kill can go twice, once per kill at most.
    let mut repeated = 0;
    for event in &asked.main {
        repeated += answers(&amina, &c, event).saturating_sub(1);
    }
    let dm_help = amina.received(&c.in_dm().containing(HELP)).len();
    let dm_health = amina.received(&c.in_dm().containing(FAQ_HEALTH)).len();
    ensure!(
        dm_help >= asked.dm_help && dm_health >= asked.dm_health,
        "in the DM, {dm_help} of {} helps and {dm_health} of {} answers came\n{}",
        asked.dm_help,
        asked.dm_health,
        amina.report()
    );
    repeated += dm_help - asked.dm_help + dm_health - asked.dm_health;
    println!(
        "{INSTANCES} instances, {KILLS} kills of the holder, {} messages answered, \
         {repeated} twice; takeover (kill to the next message answered): {takeovers:?}",
        asked.main.len() + asked.dm_help + asked.dm_health
    );
    ensure!(
        repeated <= KILLS,
        "{repeated} replies went twice\n{}",
        amina.report()
    );
    let slowest = takeovers.iter().max().copied().unwrap_or_default();
    ensure!(slowest <= TAKEOVER, "takeovers {takeovers:?}");
    for (number, bot) in bots.iter().enumerate() {
        let unreadable = bot.logged(UNREADABLE);
        ensure!(
            unreadable.is_empty(),
            "instance {} could not read: {unreadable:?}",
            number + 1
        );
        let secrets = bot.secrets_written().await?;
        ensure!(secrets.is_empty(), "secrets written: {secrets:?}");
    }
    let _ = db.drop_database().await;
    Ok(())
}

/// A rolling restart: device 2 is known but down while device 1 syncs and the member's
/// DM shares its room key with both; device 1 stops, and 2 starts with the lease free.
/// Before syncing on from 1's position (which would have the server drop the key sent
/// to it) it reads its own messages, so it reads her next message in that DM.
async fn taking_over_at_once(ctx: Ctx) -> anyhow::Result<()> {
    let Some(db) = TestDb::postgres_unless_skipped(POSTGRES_ENV).await? else {
        return Ok(());
    };
    let c = Community::create(&ctx).await?;
    let amina = c.join_main(&ctx, "amina").await?;
    let mut first = Bot::new_on(&ctx.dir.join("instance-1"), &c.setup, &db.url)?;
    let mut second = Bot::new_on(&ctx.dir.join("instance-2"), &c.setup, &db.url)?;
    let said = first.start_any().await?;
    ensure!(said.starts_with("listening as "), "the first says {said:?}");
    stand_by(&mut second).await?;
    second.stop().await?;

    let dm = amina.create_dm(&c.bot_id).await?;
    amina.send_text(&dm, "!help").await?;
    amina
        .wait_for(&c.in_dm().containing(HELP), FIRST_DM)
        .await?;
    // The first syncs on past the room key it shared with the second device.
    amina.send_text(&c.main, "!help").await?;
    amina.wait_for(&c.in_main().containing(HELP), REPLY).await?;
    first.stop().await?;

    let said = second.start_any().await?;
    ensure!(
        said.starts_with("listening as "),
        "the second says {said:?}"
    );
    amina.send_text(&dm, "!faq france health").await?;
    amina
        .wait_for(&c.in_dm().containing(FAQ_HEALTH), REPLY)
        .await
        .context("the second device could not read the DM")?;
    second.stop().await?;
    let unreadable = second.logged(UNREADABLE);
    ensure!(
        unreadable.is_empty(),
        "the second could not read: {unreadable:?}"
    );
    let _ = db.drop_database().await;
    Ok(())
}

/// Starts `bot` while another holds the sync, and waits until its device is ready.
async fn stand_by(bot: &mut Bot) -> anyhow::Result<()> {
    let said = bot.start_any().await?;
    ensure!(said.starts_with("standing by, "), "it says {said:?}");
    let ready = bot.wait_for_line("Matrix: ").await?;
    ensure!(
        ready.starts_with("ready to take over"),
        "then it says {ready:?}"
    );
    Ok(())
}

async fn ask_in_dm(
    amina: &Member,
    dm: &OwnedRoomId,
    text: &str,
    asked: &mut Asked,
) -> anyhow::Result<()> {
    amina.send_text(dm, text).await?;
    match text {
        "!help" => asked.dm_help += 1,
        _ => asked.dm_health += 1,
    }
    Ok(())
}

/// How many of the bot's messages in the main room reply to `event`.
fn answers(amina: &Member, c: &Community, event: &OwnedEventId) -> usize {
    amina
        .received(&c.in_main())
        .iter()
        .filter(|received| {
            matches!(&received.kind, Kind::Message { reply_to: Some(to), .. } if to == event)
        })
        .count()
}

/// Waits until each of `events` has its reply in the main room.
async fn answered(amina: &Member, c: &Community, events: &[OwnedEventId]) -> anyhow::Result<()> {
    let deadline = Instant::now() + TAKEOVER + REPLY;
    loop {
        let waiting: Vec<&OwnedEventId> = events
            .iter()
            .filter(|event| answers(amina, c, event) == 0)
            .collect();
        if waiting.is_empty() {
            return Ok(());
        }
        if Instant::now() >= deadline {
            bail!("unanswered: {waiting:?}\n{}", amina.report());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
