//! The crash harness: the real `passerelle console` driven through a seeded workload and
//! killed with SIGKILL at random moments, restarted each time, on SQLite and on
//! PostgreSQL; then what must hold is read from the database and from what it printed.
//!
//! `cargo test --test crash` runs the short version (30 kills per backend). The long run:
//! `PASSERELLE_CRASH_KILLS=150 PASSERELLE_CRASH_STEPS=1500 cargo test --release --test
//! crash -- --nocapture`. `PASSERELLE_CRASH_SEED=N` repeats a run; every run prints its
//! seed. PostgreSQL runs need `PASSERELLE_TEST_POSTGRES_URL`, as the behaviour suite.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test code: a panic is a failure with its reason.

mod check;
mod run;
mod telegram;
mod workload;

use std::time::Instant;

use libtest_mimic::{Arguments, Failed, Trial};
use passerelle_test_support::bench::env_number;
use passerelle_test_support::community::{community, config_toml};
use passerelle_test_support::{Backend, Passerelle, TestDb};

const POSTGRES_ENV: &str = "PASSERELLE_TEST_POSTGRES_URL";

fn main() {
    let args = Arguments::from_args();
    let in_ci = std::env::var("CI").is_ok_and(|value| !value.is_empty() && value != "false");
    let mut trials = vec![Trial::test(
        "model::a_withdrawal_promotes_the_first_who_waits",
        || {
            workload::the_model_promotes_the_first_who_waits();
            Ok(())
        },
    )];
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let skip = backend == Backend::Postgres
            && !in_ci
            && passerelle_test_support::db::server_from_env(POSTGRES_ENV).is_none();
        trials.push(
            Trial::test(format!("{}::console", backend.name()), move || {
                crash_console(backend)
            })
            .with_ignored_flag(skip),
        );
        trials.push(
            Trial::test(format!("{}::telegram", backend.name()), move || {
                crash_telegram(backend)
            })
            .with_ignored_flag(skip),
        );
    }
    libtest_mimic::run(&args, trials).exit();
}

/// What a run is asked for: its seed, its kills, its workload's length.
#[derive(Debug, Clone, Copy)]
struct Knobs {
    seed: u64,
    kills: usize,
    steps: usize,
}

/// One crash trial on a fresh database of `backend`: `body` drives the binary and checks
/// what it left, in a folder of its own, and says what happened in one line. When it
/// fails, the folder (every process's logs) is kept and the seed said.
fn crash<F, Fut>(backend: Backend, steps: usize, body: F) -> Result<(), Failed>
where
    F: FnOnce(Knobs, std::path::PathBuf, String) -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<String>>,
{
    let number =
        |name, default| env_number(name, default).map_err(|error| Failed::from(format!("{error}")));
    let knobs = Knobs {
        seed: number("PASSERELLE_CRASH_SEED", fresh_seed())? as u64,
        kills: number("PASSERELLE_CRASH_KILLS", 30)?,
        steps: number("PASSERELLE_CRASH_STEPS", steps)?,
    };
    let runtime = passerelle_test_support::runtime()?;
    runtime
        .block_on(async {
            let db = TestDb::on(backend, POSTGRES_ENV).await?;
            let dir = tempfile::tempdir()?;
            let started = Instant::now();
            let outcome = match body(knobs, dir.path().to_owned(), db.url.clone()).await {
                Ok(said) => {
                    let took = started.elapsed().as_secs_f64();
                    println!("{}: seed {}, {said}; {took:.1} s", backend.name(), knobs.seed);
                    Ok(())
                }
                Err(error) => {
                    let (seed, kept) = (knobs.seed, dir.keep());
                    Err(anyhow::anyhow!(
                        "seed {seed} (PASSERELLE_CRASH_SEED={seed} repeats it), logs in {}: {error:#}",
                        kept.display()
                    ))
                }
            };
            let _ = db.drop_database().await;
            outcome
        })
        .map_err(|error| Failed::from(format!("{error:#}")))
}

/// The workload through the console, the clock moving.
fn crash_console(backend: Backend) -> Result<(), Failed> {
    crash(backend, 400, |knobs, dir, url| async move {
        let config = config_toml(&community());
        let binary = env!("CARGO_BIN_EXE_passerelle");
        let mut console = Passerelle::new(binary, "console", &dir, &config, &url)?;
        let (script, expected) = workload::workload(knobs.seed, knobs.steps, true);
        let setup = workload::setup(true);
        let run = run::drive(&mut console, &setup, &script, knobs.seed, knobs.kills).await?;
        let told = check::printed(&dir, &run);
        let counted = check::check(&url, &told, &run, &expected, &str::to_owned).await?;
        Ok(format!(
            "console, {} lines, {} kills, {} lines sent again, {} FAQ additions unanswered; {} \
             promotions, reminders and cancellations delivered, {} printed again after a kill",
            script.len(),
            run.killed.iter().filter(|killed| **killed).count(),
            run.sent_again,
            run.unsure.len(),
            counted.delivered,
            counted.repeated,
        ))
    })
}

/// The workload through `passerelle run` on the fake Telegram (no clock to move: no
/// reminders), half the lines of the console's.
fn crash_telegram(backend: Backend) -> Result<(), Failed> {
    crash(backend, 200, |knobs, dir, url| async move {
        let fake = passerelle_test_support::telegram::FakeTelegram::start(telegram::TOKEN).await?;
        let people = telegram::People::new();
        let config = telegram::config(&fake, &people);
        let mut bot =
            Passerelle::new(env!("CARGO_BIN_EXE_passerelle"), "bot", &dir, &config, &url)?;
        // One instance, restarted under its name: on PostgreSQL it takes its lease on the
        // long poll back at once instead of waiting for it to run out.
        bot.env("PASSERELLE_TELEGRAM_TOKEN", telegram::TOKEN)
            .env("PASSERELLE_INSTANCE", "crash-test")
            .env("RUST_LOG", "warn");
        let (script, expected) = workload::workload(knobs.seed, knobs.steps, false);
        let setup = workload::setup(false);
        let (run, marks) = telegram::drive(
            &url,
            &mut bot,
            &fake,
            &people,
            &setup,
            &script,
            knobs.seed,
            knobs.kills,
        )
        .await?;
        let told = telegram::sent(&fake, &people, &marks);
        let name = |id: &str| people.name(id);
        let counted = check::check(&url, &told, &run, &expected, &name).await?;
        Ok(format!(
            "Telegram, {} updates, {} kills, {} left unconfirmed by a kill and handed in again; {} \
             promotions and cancellations delivered, {} sent again after a kill",
            script.len(),
            run.killed.iter().filter(|killed| **killed).count(),
            run.sent_again,
            counted.delivered,
            counted.repeated,
        ))
    })
}

/// A seed from the clock, for a run nobody asked to repeat.
fn fresh_seed() -> usize {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |elapsed| elapsed.as_nanos());
    (nanos % 1_000_000_007) as usize
}
