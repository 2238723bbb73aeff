//! Telegram, measured against the fake Bot API server with the real `passerelle run`. It
//! prints figures and asserts nothing about timing.
//!
//! ```sh
//! cargo bench --bench telegram
//! cargo bench --bench telegram -- --count 200
//! ```
//!
//! - **Round trip**: `--count` commands (default 1,000) in a group, one after the other,
//!   cycling through `/help faq`, `/faq france logement` and `/events`, each timed from
//!   the update's push to the fake receiving the reply's `sendMessage`. Beside it, the
//!   floor: the same through a bare teloxide bot that echoes each message as it comes,
//!   on the same fake (long polling and one call, nothing else).
//! - **Fan-out**: an announcement to 60 groups and a private message to 200 members,
//!   queued in the outbox, then delivered at the default pacing by the bot with the
//!   fake keeping Telegram's limits (1/s per chat, 20/min per group, 30/s in all): the
//!   time from the first send to the last against the least those limits allow, and
//!   how many 429s the fake answered.

#![allow(clippy::unwrap_used, clippy::expect_used)] // A bench: a panic is a failure with its reason.

#[allow(dead_code)]
#[path = "../tests/telegram/support.rs"]
mod support;

use std::time::{Duration, Instant};

use passerelle_core::Hub;
use passerelle_core::config::Config;
use passerelle_core::model::{Platform, RoomPurpose};
use passerelle_core::outbox::{Destination, NewOutgoing};
use passerelle_core::reply::Message;
use passerelle_core::store::Store;
use passerelle_test_support::bench::{count_arg, print_times};
use passerelle_test_support::telegram::{Call, FakeTelegram, Limits, User, message};
use support::{READY, TOKEN, WAIT, bot, config, database, group, replying_to};
use teloxide::payloads::{GetUpdatesSetters, SendMessageSetters};
use teloxide::prelude::Requester;
use teloxide::types::{ReplyParameters, UpdateKind};

const DEFAULT_COUNT: usize = 1_000;
const WARM_UP: usize = 5;
const COMMANDS: [&str; 3] = ["/help faq", "/faq france logement", "/events"];
const GROUPS: i64 = 60;
const MEMBERS: i64 = 200;

#[tokio::main]
async fn main() {
    let count = count_arg(DEFAULT_COUNT);
    round_trip(count).await;
    fan_out().await;
}

/// `count` commands one after the other: how long each took, from the push to the reply
/// reaching the fake.
async fn commands(fake: &FakeTelegram, count: usize) -> Vec<Duration> {
    let member = User::new(111, "Nadia");
    let mut times = Vec::with_capacity(count);
    for index in 0..count {
        let mark = fake.mark();
        let start = Instant::now();
        let text = COMMANDS[index % COMMANDS.len()];
        let pushed = fake.push_update(message(&group(), &member, text));
        let id = pushed["message"]["message_id"].as_i64();
        let reply = fake
            .wait_for_after(mark, "sendMessage", |call| replying_to(call) == id, WAIT)
            .await
            .expect("a reply");
        times.push(reply.received - start);
    }
    times
}

async fn round_trip(count: usize) {
    let fake = FakeTelegram::start(TOKEN).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut bot = bot(dir.path(), &fake);
    bot.env("RUST_LOG", "warn");
    bot.start(&["run"], READY, WAIT).await.unwrap();
    commands(&fake, WARM_UP).await;
    let hub = commands(&fake, count).await;
    bot.stop(WAIT).await.unwrap();

    let floor_fake = FakeTelegram::start(TOKEN).await.unwrap();
    let echo = tokio::spawn(echo_bot(floor_fake.url()));
    commands(&floor_fake, WARM_UP).await;
    let floor = commands(&floor_fake, count).await;
    echo.abort();

    println!("Telegram round trip, {count} commands (push → sendMessage at the fake):");
    print_times("passerelle run", &hub);
    print_times("bare echo bot (floor)", &floor);
}

/// A teloxide bot that answers each message with its own text, as a reply: Telegram's
/// long polling and one call, nothing else.
async fn echo_bot(url: String) {
    let api = teloxide::Bot::new(TOKEN).set_api_url(url.parse().unwrap());
    let mut offset = 0;
    loop {
        let Ok(updates) = api.get_updates().offset(offset).timeout(30).await else {
            continue;
        };
        for update in updates {
            offset = i32::try_from(update.id.0).unwrap_or(i32::MAX) + 1;
            if let UpdateKind::Message(said) = update.kind {
                let text = said.text().unwrap_or("…").to_owned();
                let _ = api
                    .send_message(said.chat.id, text)
                    .reply_parameters(ReplyParameters::new(said.id))
                    .await;
            }
        }
    }
}

async fn fan_out() {
    let fake = FakeTelegram::start(TOKEN).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let rooms: String = (1..=GROUPS)
        .map(|n| {
            format!(
                "[[community.room]]\nplatform = \"telegram\"\nid = \"{}\"\npurpose = \"announcements\"\n",
                announcements(n)
            )
        })
        .collect();
    let text = config(&fake, &[RoomPurpose::Main], &rooms, "");
    let mut bot = support::bot_in(dir.path(), &fake, &[RoomPurpose::Main], &rooms, "");
    bot.env("RUST_LOG", "warn");

    // Queued as the hub queues them, before the bot starts.
    let community = Config::parse(&text).unwrap().communities.remove(0);
    let store = Store::open(&database(dir.path())).await.unwrap();
    let now = chrono::Utc::now();
    let hub = Hub::open(store.clone(), community, now).await.unwrap();
    hub.post(
        RoomPurpose::Announcements,
        Message::text("New event: **#1 Picnic**\nWhen: Fri 11 Dec 19:00"),
        now,
    )
    .await
    .unwrap();
    for member in 0..MEMBERS {
        let private = NewOutgoing {
            platform: Platform::Telegram,
            destination: Destination::Direct((10_000 + member).to_string()),
            member: None,
            about: None,
            message: Message::text("Picnic is cancelled. Sorry!"),
            not_before: now,
        };
        hub.enqueue(private, now).await.unwrap();
    }
    store.close().await;

    fake.allow_any_private(true);
    fake.keep_limits(Limits::telegram());
    let mark = fake.mark();
    bot.start(&["run"], READY, WAIT).await.unwrap();
    let total = (GROUPS + MEMBERS) as usize;
    let deadline = Instant::now() + Duration::from_secs(120);
    let sent = loop {
        let sent: Vec<Call> = fake.calls()[mark..]
            .iter()
            .filter(|call| call.method == "sendMessage" && call.status == 200)
            .cloned()
            .collect();
        if sent.len() >= total || Instant::now() > deadline {
            break sent;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    bot.stop(WAIT).await.unwrap();
    let first = sent.iter().map(|call| call.received).min().unwrap();
    let last = sent.iter().map(|call| call.received).max().unwrap();
    let took = (last - first).as_secs_f64();
    // 30 in any second: the n-th message no sooner than (n - 1) / 30 whole seconds after
    // the first; one message per chat, so the per-chat limits do not bind.
    let least = ((total - 1) / 30) as f64;
    let groups = sent.iter().filter(|call| to_group_like(call)).count();
    println!(
        "Telegram fan-out, {GROUPS} groups + {MEMBERS} private messages at the default pacing:"
    );
    println!(
        "  delivered {} ({groups} to groups), first to last {took:.2} s, least the limits allow {least:.2} s ({:.3}×), 429s answered: {}",
        sent.len(),
        took / least,
        fake.limited()
    );
}

/// The ID of announcement group `n`.
fn announcements(n: i64) -> i64 {
    -2_000_000 - n
}

fn to_group_like(call: &Call) -> bool {
    call.chat_id().is_some_and(|chat| chat < 0)
}
