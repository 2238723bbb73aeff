//! Discord, measured against the fake Discord with the real `passerelle run`. It prints
//! figures and asserts nothing about timing.
//!
//! ```sh
//! cargo bench --bench discord
//! cargo bench --bench discord -- --count 200
//! ```
//!
//! - **Round trip**: `--count` slash commands (default 1,000) in a channel, one after the
//!   other, cycling through `/help`, `/faq browse france logement` and `/events`, each
//!   timed from the interaction's dispatch on the gateway to the fake receiving its
//!   callback. Beside it, the floor: the same through a bare serenity bot that answers
//!   each command at once with a fixed text, on the same fake.
//! - **Fan-out**: ten announcements to 50 channels (500 messages) queued in the outbox,
//!   then delivered at the default pacing with the fake keeping Discord's limits (5
//!   messages per channel every 5 s, 50 requests a second in all): the time from the
//!   first post to the last against the least those limits allow, and how many 429s the
//!   fake answered.

#![allow(clippy::unwrap_used, clippy::expect_used)] // A bench: a panic is a failure with its reason.

#[allow(dead_code)]
#[path = "../tests/discord/support.rs"]
mod support;

use std::time::{Duration, Instant};

use passerelle_core::Hub;
use passerelle_core::config::Config;
use passerelle_core::model::RoomPurpose;
use passerelle_core::reply::Message;
use passerelle_core::store::Store;
use passerelle_test_support::bench::{count_arg, print_times};
use passerelle_test_support::discord::{Call, FakeDiscord, Limits, slash_command};
use serde_json::{Value, json};
use serenity::all::{
    Context, CreateInteractionResponse, CreateInteractionResponseMessage, EventHandler,
    GatewayIntents, HttpBuilder, Interaction,
};
use support::{
    GENERAL, GUILD, READY, TOKEN, WAIT, bot, bot_with, config, database, fake_with, omar,
};

const DEFAULT_COUNT: usize = 1_000;
const WARM_UP: usize = 5;
const CHANNELS: u64 = 50;
const ANNOUNCEMENTS: usize = 10;

#[tokio::main]
async fn main() {
    let count = count_arg(DEFAULT_COUNT);
    round_trip(count).await;
    fan_out().await;
}

/// The slash commands the round trip cycles through, as Discord sends their options.
fn commands() -> [(&'static str, Value); 3] {
    [
        ("help", json!([])),
        (
            "faq",
            json!([{ "name": "browse", "type": 1, "options": [
                { "name": "country", "type": 3, "value": "france" },
                { "name": "topic", "type": 3, "value": "logement" }
            ]}]),
        ),
        ("events", json!([])),
    ]
}

/// `count` commands one after the other: how long each took, from its dispatch to its
/// callback reaching the fake.
async fn run_commands(fake: &FakeDiscord, count: usize) -> Vec<Duration> {
    let commands = commands();
    let mut times = Vec::with_capacity(count);
    for index in 0..count {
        let (name, options) = &commands[index % commands.len()];
        let interaction =
            slash_command(Some(GUILD), GENERAL, &omar(), &[], 0, name, options.clone());
        let start = Instant::now();
        fake.dispatch("INTERACTION_CREATE", interaction.clone());
        let id = interaction["id"].as_str().unwrap().to_owned();
        let answered = fake
            .wait_for(
                "POST /interactions/{id}/{token}/callback",
                |call| call.path.contains(&format!("/interactions/{id}/")),
                WAIT,
            )
            .await
            .expect("an answer");
        times.push(answered.received - start);
    }
    times
}

async fn round_trip(count: usize) {
    let fake = fake_with(&[]).await;
    let dir = tempfile::tempdir().unwrap();
    let mut bot = bot(dir.path(), &fake);
    bot.env("RUST_LOG", "warn");
    bot.start(&["run"], READY, WAIT).await.unwrap();
    run_commands(&fake, WARM_UP).await;
    let hub = run_commands(&fake, count).await;
    bot.stop(WAIT).await.unwrap();

    let floor_fake = fake_with(&[]).await;
    let echo = tokio::spawn(bare_bot(floor_fake.url()));
    floor_fake.wait_ready(WAIT).await.unwrap();
    run_commands(&floor_fake, WARM_UP).await;
    let floor = run_commands(&floor_fake, count).await;
    echo.abort();

    println!("Discord round trip, {count} slash commands (dispatch → callback at the fake):");
    print_times("passerelle run", &hub);
    print_times("bare serenity bot (floor)", &floor);
}

/// A serenity bot that answers every slash command at once with a fixed text: the
/// gateway and one REST call, nothing else.
async fn bare_bot(url: String) {
    struct Answer;
    #[serenity::async_trait]
    impl EventHandler for Answer {
        async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
            if let Interaction::Command(command) = interaction {
                let reply = CreateInteractionResponse::Message(
                    CreateInteractionResponseMessage::new().content("ok"),
                );
                let _ = command.create_response(&ctx.http, reply).await;
            }
        }
    }
    let http = HttpBuilder::new(TOKEN)
        .proxy(url)
        .ratelimiter_disabled(true)
        .build();
    let mut client = serenity::all::ClientBuilder::new_with_http(http, GatewayIntents::GUILDS)
        .event_handler(Answer)
        .await
        .unwrap();
    client.start().await.unwrap();
}

/// The ID of announcement channel `n`.
fn channel(n: u64) -> u64 {
    950_000_000_000_000_000 + n
}

async fn fan_out() {
    let extra: Vec<(u64, String)> = (1..=CHANNELS)
        .map(|n| (channel(n), format!("announcements-{n}")))
        .collect();
    let fake = fake_with(&extra).await;
    let dir = tempfile::tempdir().unwrap();
    let rooms: String = (1..=CHANNELS)
        .map(|n| {
            format!(
                "[[community.room]]\nplatform = \"discord\"\nid = \"{}\"\npurpose = \"announcements\"\n",
                channel(n)
            )
        })
        .collect();
    let text = config(&fake, &rooms, "");
    let mut bot = bot_with(dir.path(), &fake, &rooms, "");
    bot.env("RUST_LOG", "warn");

    // Queued as the hub queues them, before the bot starts.
    let community = Config::parse(&text).unwrap().communities.remove(0);
    let store = Store::open(&database(dir.path())).await.unwrap();
    let now = chrono::Utc::now();
    let hub = Hub::open(store.clone(), community, now).await.unwrap();
    for n in 1..=ANNOUNCEMENTS {
        let message = format!("New event: **#{n} Picnic**\nWhen: Fri 11 Dec 19:00");
        hub.post(RoomPurpose::Announcements, Message::text(message), now)
            .await
            .unwrap();
    }
    store.close().await;

    fake.keep_limits(Limits::discord());
    let mark = fake.mark();
    bot.start(&["run"], READY, WAIT).await.unwrap();
    let is_announcement = |call: &Call| {
        call.method == "POST"
            && call.status == 200
            && call.path.starts_with("/channels/95")
            && call.path.ends_with("/messages")
    };
    // The two rooms of the test community that serve announcements get them too.
    let total = ANNOUNCEMENTS * CHANNELS as usize;
    let deadline = Instant::now() + Duration::from_secs(120);
    let sent = loop {
        let sent: Vec<Call> = fake.calls()[mark..]
            .iter()
            .filter(|call| is_announcement(call))
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
    // n messages at r per window w: the last no sooner than ⌊(n − 1) / r⌋ windows after
    // the first. All of them count against the global 50/s (the two rooms of the test
    // community get the announcements too); each channel against its 5 per 5 s.
    let all = sent.len() + 2 * ANNOUNCEMENTS;
    let global = ((all - 1) / 50) as f64;
    let per_channel = ((ANNOUNCEMENTS - 1) / 5) as f64 * 5.0;
    let least = global.max(per_channel);
    println!(
        "Discord fan-out, {ANNOUNCEMENTS} announcements to {CHANNELS} channels at the default pacing:"
    );
    println!(
        "  delivered {}, first to last {took:.2} s, least the limits allow {least:.2} s ({:.3}×), 429s answered: {}",
        sent.len(),
        took / least,
        fake.limited()
    );
}
