//! What the Telegram tests share: the bot on the fake, its group, its members.

use std::path::Path;
use std::time::Duration;

use passerelle_core::model::{Platform, RoomPurpose};
use passerelle_test_support::Passerelle;
use passerelle_test_support::community::{self, config_toml, room};
use passerelle_test_support::telegram::{Call, Chat, FakeTelegram, User, message};
use serde_json::Value;

pub const TOKEN: &str = "123456:test-token-never-logged";
pub const GROUP: i64 = -1001234;
pub const READY: &str = "Telegram: listening as @";
pub const WAIT: Duration = Duration::from_secs(20);

/// A bot on `fake`, the test community's main room its one group, the demo FAQ in.
pub fn bot(dir: &Path, fake: &FakeTelegram) -> Passerelle {
    bot_with(dir, fake, "[community.events]\nmembers_create = true\n", "")
}

/// [`bot`], with `community` appended to the community's tables and `telegram` to the
/// `[telegram]` section.
pub fn bot_with(dir: &Path, fake: &FakeTelegram, community: &str, telegram: &str) -> Passerelle {
    let purposes = [RoomPurpose::Main, RoomPurpose::Announcements];
    bot_in(dir, fake, &purposes, community, telegram)
}

/// [`bot_with`], the group serving `purposes`.
pub fn bot_in(
    dir: &Path,
    fake: &FakeTelegram,
    purposes: &[RoomPurpose],
    community: &str,
    telegram: &str,
) -> Passerelle {
    let config = config(fake, purposes, community, telegram);
    let db = database(dir);
    let mut passerelle =
        Passerelle::new(env!("CARGO_BIN_EXE_passerelle"), "bot", dir, &config, &db).unwrap();
    passerelle
        .env("RUST_LOG", "warn,passerelle_telegram=debug")
        .env("PASSERELLE_TELEGRAM_TOKEN", TOKEN);
    passerelle.import_demo_faq().unwrap();
    passerelle
}

/// The config file [`bot_in`] runs on.
pub fn config(
    fake: &FakeTelegram,
    purposes: &[RoomPurpose],
    community: &str,
    telegram: &str,
) -> String {
    let mut test = community::community();
    test.rooms = vec![room(Platform::Telegram, &GROUP.to_string(), purposes)];
    format!(
        "{}\n{community}\n[telegram]\napi_url = \"{}\"\n{telegram}",
        config_toml(&test),
        fake.url()
    )
}

/// The database of the bot in `dir`.
pub fn database(dir: &Path) -> String {
    format!("sqlite:{}", dir.join("passerelle.db").display())
}

pub fn group() -> Chat {
    Chat::supergroup(GROUP, "Paris newcomers")
}

pub fn nadia() -> User {
    User::new(111, "Nadia").with_language("fr")
}

pub fn to_group(call: &Call) -> bool {
    call.chat_id() == Some(GROUP)
}

pub fn buttons(call: &Call) -> Vec<(String, String)> {
    let markup = call.param("reply_markup").unwrap_or(Value::Null);
    let markup = match markup {
        Value::String(text) => serde_json::from_str(&text).unwrap_or(Value::Null),
        other => other,
    };
    markup["inline_keyboard"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row.as_array().cloned().unwrap_or_default())
        .map(|button| {
            (
                button["text"].as_str().unwrap_or_default().to_owned(),
                button["callback_data"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
            )
        })
        .collect()
}

/// No log line of any run of `bot` holds the token.
pub fn no_token_in_logs(bot: &Passerelle) {
    for run in 1..=bot.runs() {
        let logs = bot.logs(run);
        for log in [logs.stdout, logs.stderr] {
            let text = std::fs::read_to_string(&log).unwrap_or_default();
            assert!(!text.contains(TOKEN), "the token in {}", log.display());
        }
    }
}

/// Omar, an organizer where administrators organize.
pub fn omar() -> User {
    User::new(222, "Omar")
}

/// Omar creates the picnic, Friday at 19:00 (`options` after it, like `capacity=1`), in
/// the group: its announcement, the first with buttons after `mark`.
pub async fn picnic(fake: &FakeTelegram, mark: usize, options: &str) -> Call {
    let create = format!("/event create Picnic when=\"friday 19:00\" {options}");
    fake.push_update(message(&group(), &omar(), create.trim_end()));
    fake.wait_for_after(
        mark,
        "sendMessage",
        |call| to_group(call) && !buttons(call).is_empty(),
        WAIT,
    )
    .await
    .unwrap()
}

/// The member's message a reply answers.
pub fn replying_to(call: &Call) -> Option<i64> {
    call.param("reply_parameters")?["message_id"].as_i64()
}
