//! Several adapters in one `passerelle run`, each supervised: one whose platform refuses
//! it at start is started again with backoff while the other keeps answering, and the
//! process gives up only when none can run.

use std::path::Path;
use std::time::Duration;

use passerelle_test_support::telegram::{self, Chat, FakeTelegram};
use serde_json::json;

use crate::support::*;

const TELEGRAM_TOKEN: &str = "123456:telegram-test-token";

/// The bot on both fakes: the Discord test community, and `[telegram]` beside it.
fn both(
    dir: &Path,
    discord: &passerelle_test_support::discord::FakeDiscord,
    telegram: &FakeTelegram,
) -> passerelle_test_support::Passerelle {
    let mut bot = bot_with(
        dir,
        discord,
        "",
        &format!("[telegram]\napi_url = \"{}\"\n", telegram.url()),
    );
    bot.env("PASSERELLE_TELEGRAM_TOKEN", TELEGRAM_TOKEN);
    bot
}

/// Whether run `run` of `bot` printed a line starting with `prefix`, within `limit`.
async fn printed(
    bot: &passerelle_test_support::Passerelle,
    run: usize,
    prefix: &str,
    limit: Duration,
) -> bool {
    let deadline = tokio::time::Instant::now() + limit;
    while tokio::time::Instant::now() < deadline {
        let out = std::fs::read_to_string(bot.logs(run).stdout).unwrap_or_default();
        if out.lines().any(|line| line.starts_with(prefix)) {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    false
}

#[tokio::test]
async fn an_adapter_refused_at_start_is_started_again_while_the_other_answers() {
    let discord = fake().await;
    let telegram = FakeTelegram::start(TELEGRAM_TOKEN).await.unwrap();
    telegram.fail_all("getMe", telegram::Failure::Disconnect);
    let dir = tempfile::tempdir().unwrap();
    let mut bot = both(dir.path(), &discord, &telegram);
    bot.start(&["run"], READY, WAIT).await.unwrap();

    // Telegram cannot start; Discord answers all the same.
    let asked = slash(&discord, &omar(), &[], "help", json!([]));
    response(&discord, &asked).await;
    telegram
        .wait_for("getMe", |call| call.status == 0, WAIT)
        .await
        .unwrap();

    // Telegram comes back: the adapter is started again and answers.
    telegram.clear_failures();
    assert!(printed(&bot, 1, "Telegram: listening as @", WAIT).await);
    let nadia = telegram::User::new(111, "Nadia");
    telegram.push_update(telegram::message(&Chat::private(&nadia), &nadia, "/help"));
    telegram
        .wait_for("sendMessage", |call| call.chat_id() == Some(111), WAIT)
        .await
        .unwrap();
    let errors = std::fs::read_to_string(bot.logs(1).stderr).unwrap();
    assert!(errors.contains("Telegram: "), "{errors}");
    assert!(errors.contains("starting it again"), "{errors}");
    bot.stop(WAIT).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_process_gives_up_when_no_adapter_can_run() {
    let discord = fake().await;
    let telegram = FakeTelegram::start(TELEGRAM_TOKEN).await.unwrap();
    telegram.fail_all("getMe", telegram::Failure::Disconnect);
    let dir = tempfile::tempdir().unwrap();
    let mut bot = both(dir.path(), &discord, &telegram);
    // A token Discord does not know.
    bot.env("PASSERELLE_DISCORD_TOKEN", "not-the-token");
    // Run to its end on a thread of its own: the fakes answer on this one meanwhile.
    let failed = tokio::task::spawn_blocking(move || bot.run_to_end(&["run"]))
        .await
        .unwrap()
        .unwrap_err()
        .to_string();
    assert!(failed.contains("no adapter can run"), "{failed}");
    assert!(failed.contains("Discord: "), "{failed}");
    assert!(failed.contains("Telegram: "), "{failed}");
}
