//! Five commands at once, the bot killed after the first answer, then restarted: every
//! command is answered exactly once, whether the bot comes back while Synapse still
//! hands out the same `/sync` response (a few seconds here, `scripts/synapse.sh`) or
//! after, and the event the burst created exists once.

use std::time::Duration;

use anyhow::ensure;
use libtest_mimic::Trial;

use crate::support::community::{Community, QUIET, REPLY};
use crate::support::trial::{Ctx, trial};

/// How long Synapse keeps a `/sync` response (`sync_response_cache_duration`), and a
/// margin.
const PAST_SYNC_CACHE: Duration = Duration::from_secs(12);

/// The burst, and a stable fragment of each answer.
const BURST: [(&str, &str); 5] = [
    (
        "!faq france housing",
        "How do I find and rent a home in France?",
    ),
    (
        "!faq france health",
        "How do I get health cover and see a doctor in France?",
    ),
    ("!faq france jobs", "How do I look for a job in France?"),
    (
        r#"!event create "Burst picnic" when="tomorrow 18:00""#,
        "New event: #1 Burst picnic",
    ),
    (
        "!faq france paperwork",
        "How do I apply for or renew my residence permit?",
    ),
];

pub fn trials() -> Vec<Trial> {
    vec![
        trial(
            "crash::a_burst_killed_midway_and_restarted_at_once",
            |ctx| burst_killed(ctx, Duration::ZERO),
        ),
        trial(
            "crash::a_burst_killed_midway_and_restarted_after_the_sync_cache",
            |ctx| burst_killed(ctx, PAST_SYNC_CACHE),
        ),
    ]
}

async fn burst_killed(ctx: Ctx, down_for: Duration) -> anyhow::Result<()> {
    let mut c = Community::create(&ctx).await?;
    c.bot.start().await?;

    for (command, _) in BURST {
        c.orga.send_text(&c.main, command).await?;
    }
    // The first answer is out: the rest of the batch is under way.
    let (_, first) = BURST[0];
    c.orga
        .wait_for(&c.in_main().containing(first), REPLY)
        .await?;
    c.bot.kill()?;
    tokio::time::sleep(down_for).await;
    c.bot.start().await?;

    for (_, answer) in &BURST[1..] {
        c.orga
            .wait_for(&c.in_main().containing(answer), REPLY)
            .await?;
    }
    c.orga.no_more_from(&c.bot_id, None, QUIET).await?;

    c.orga.send_text(&c.main, "!events").await?;
    let listed = c
        .orga
        .wait_for(&c.in_main().containing("Coming up"), REPLY)
        .await?;
    ensure!(
        listed.body.matches("Burst picnic").count() == 1,
        "the burst created its event once: {listed}"
    );
    c.bot.stop().await
}
