//! The Matrix round trip: how long a member waits for the bot's answer, from sending a
//! command to receiving the reply, through a real Synapse and the real `passerelle run`.
//! It prints figures and asserts nothing about timing.
//!
//! ```sh
//! cargo bench --bench matrix_roundtrip
//! cargo bench --bench matrix_roundtrip -- --count 50
//! PASSERELLE_BENCH_MATRIX_COMMANDS=1000 cargo bench --bench matrix_roundtrip
//! ```
//!
//! It starts Synapse (`scripts/synapse.sh`) and the bot as the Matrix tests do, lets one
//! member send 5 commands to warm up, then `--count` (or `PASSERELLE_BENCH_MATRIX_COMMANDS`,
//! default 200) commands one after the other, cycling through `!help faq`,
//! `!faq france housing` and `!events`, each timed from just before it is sent to the
//! moment the member's client handles the reply. Replies go unencrypted (the main room).
//! For scale, it first times the same number of messages (at most 100) from one member
//! to another in that room: the homeserver's and the clients' share of the round trip.
//! It also reads the bot's resident memory from `/proc`: idle with Matrix connected
//! (10 s after it said it listens, nothing asked yet), then after the commands.

// matrix-sdk's futures are deep: proving them `Send` needs more than the default 128.
#![recursion_limit = "256"]

#[allow(dead_code)]
#[path = "../tests/matrix/support/mod.rs"]
mod support;

use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Context;
use passerelle_test_support::bench::Resident;
use support::community::{Community, REPLY};
use support::expect::Expect;
use support::synapse;
use support::trial::{Ctx, logs};

const COUNT_ENV: &str = "PASSERELLE_BENCH_MATRIX_COMMANDS";
const DEFAULT_COUNT: usize = 200;
const WARM_UP: usize = 5;
const BASELINE_MAX: usize = 100;
/// How long the bot sits idle before its memory is read.
const SETTLE: Duration = Duration::from_secs(10);

/// Each command, and a fragment of its reply.
const COMMANDS: [(&str, &str); 3] = [
    ("!help faq", "!faq search WORDS"),
    (
        "!faq france housing",
        "How do I find and rent a home in France?",
    ),
    ("!events", "No events coming up"),
];

fn main() -> ExitCode {
    let count = match count() {
        Ok(count) => count,
        Err(error) => {
            eprintln!("error: {error:#}");
            return ExitCode::FAILURE;
        }
    };
    let synapse = match synapse::shared() {
        Ok(synapse) => synapse,
        Err(error) => {
            eprintln!("error: Synapse could not start:\n{error}");
            return ExitCode::FAILURE;
        }
    };
    let outcome = run(synapse, count);
    synapse::stop_shared(outcome.is_err());
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

/// `--count N`, else the environment, else 200. Other arguments (`--bench`) are
/// cargo's.
fn count() -> anyhow::Result<usize> {
    let args: Vec<String> = std::env::args().collect();
    let written = match args.iter().position(|arg| arg == "--count") {
        Some(at) => Some(args.get(at + 1).context("--count needs a number")?.clone()),
        None => std::env::var(COUNT_ENV).ok(),
    };
    match written {
        Some(written) => written
            .parse::<usize>()
            .ok()
            .filter(|count| *count > 0)
            .with_context(|| format!("the count {written:?} is not a positive number")),
        None => Ok(DEFAULT_COUNT),
    }
}

fn run(synapse: &'static synapse::Synapse, count: usize) -> Result<(), String> {
    let runtime = passerelle_test_support::runtime()
        .map_err(|error| format!("cannot build a tokio runtime: {error}"))?;
    let folder = tempfile::Builder::new()
        .prefix("passerelle-matrix-bench-")
        .tempdir()
        .map_err(|error| format!("cannot create a folder: {error}"))?;
    let ctx = Ctx {
        synapse,
        dir: folder.path().to_owned(),
        prefix: "bench".into(),
    };
    let outcome = runtime.block_on(measure(&ctx, count));
    runtime.shutdown_timeout(Duration::from_secs(10));
    match outcome {
        Ok((baseline, latencies, memory)) => {
            print_figures(
                "one way, member to member (no bot), through Synapse",
                &baseline,
            );
            print_figures(
                "round trip, command sent → bot's reply received, through Synapse",
                &latencies,
            );
            println!("matrix_roundtrip: the bot's memory");
            println!("  idle, Matrix connected: {}", memory[0]);
            println!("  after {count} commands: {}", memory[1]);
            Ok(())
        }
        Err(error) => {
            let dir = folder.keep();
            Err(format!("{error:#}\n{}", logs(&dir, synapse)))
        }
    }
}

/// The round trips between members, the bot's, and its memory idle and after them.
type Measured = (Vec<Duration>, Vec<Duration>, [Resident; 2]);

async fn measure(ctx: &Ctx, count: usize) -> anyhow::Result<Measured> {
    let mut community = Community::create(ctx).await?;
    let mia = community.join_main(ctx, "mia").await?;
    let zoe = community.join_main(ctx, "zoe").await?;
    let mut baseline = Vec::new();
    for turn in 0..WARM_UP + count.min(BASELINE_MAX) {
        let text = format!("hello {turn}");
        let sent = Instant::now();
        mia.send_text(&community.main, &text).await?;
        let received = zoe
            .wait_for(
                &Expect::message_from(&mia.user_id)
                    .in_room(&community.main, "main")
                    .containing(&text),
                REPLY,
            )
            .await?;
        if turn >= WARM_UP {
            baseline.push(received.at.duration_since(sent));
        }
    }
    community.bot.start().await?;
    let pid = community.bot.pid().context("the bot is not running")?;
    tokio::time::sleep(SETTLE).await;
    let idle = Resident::of(pid).context("cannot read the bot's memory")?;
    eprintln!(
        "matrix_roundtrip: Synapse and the bot are up; {WARM_UP} warm-up commands, then {count} timed"
    );
    let mut latencies = Vec::with_capacity(count);
    for turn in 0..WARM_UP + count {
        let (command, reply) = COMMANDS[turn % COMMANDS.len()];
        let sent = Instant::now();
        mia.send_text(&community.main, command).await?;
        let received = mia
            .wait_for(&community.in_main().containing(reply).after(sent), REPLY)
            .await
            .with_context(|| format!("command {} ({command})", turn + 1))?;
        if turn >= WARM_UP {
            latencies.push(received.at.duration_since(sent));
        }
    }
    let after = Resident::of(pid).context("cannot read the bot's memory")?;
    community.bot.stop().await?;
    Ok((baseline, latencies, [idle, after]))
}

fn print_figures(what: &str, latencies: &[Duration]) {
    let mut sorted = latencies.to_vec();
    sorted.sort();
    let ms = |duration: Duration| duration.as_secs_f64() * 1000.0;
    // Nearest rank: the smallest value with at least `p` % of the values at or below it.
    let percentile = |p: usize| ms(sorted[(sorted.len() * p).div_ceil(100).max(1) - 1]);
    let total: Duration = sorted.iter().sum();
    println!("matrix_roundtrip: {what}");
    println!("  count {}", sorted.len());
    println!("  mean  {:8.1} ms", ms(total) / sorted.len() as f64);
    println!("  p50   {:8.1} ms", percentile(50));
    println!("  p90   {:8.1} ms", percentile(90));
    println!("  p99   {:8.1} ms", percentile(99));
    println!("  max   {:8.1} ms", ms(sorted[sorted.len() - 1]));
}
