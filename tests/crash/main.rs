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

fn crash_console(backend: Backend) -> Result<(), Failed> {
    let number =
        |name, default| env_number(name, default).map_err(|error| Failed::from(format!("{error}")));
    let seed = number("PASSERELLE_CRASH_SEED", fresh_seed())? as u64;
    let kills = number("PASSERELLE_CRASH_KILLS", 30)?;
    let steps = number("PASSERELLE_CRASH_STEPS", 400)?;
    let runtime = passerelle_test_support::runtime()?;
    runtime
        .block_on(async {
            let db = TestDb::on(backend, POSTGRES_ENV).await?;
            let dir = tempfile::tempdir()?;
            let mut passerelle = Passerelle::new(
                env!("CARGO_BIN_EXE_passerelle"),
                "console",
                dir.path(),
                &config_toml(&community()),
                &db.url,
            )?;
            let (script, expected) = workload::workload(seed, steps, true);
            let started = Instant::now();
            let run = run::drive(&mut passerelle, &workload::setup(true), &script, seed, kills)
                .await;
            let checked = match run {
                Ok(run) => {
                    let told = check::printed(dir.path(), &run);
                    check::check(&db.url, &told, &run, &expected, &str::to_owned)
                        .await
                        .map(|counted| (run, counted))
                }
                Err(error) => Err(error),
            };
            let outcome = match checked {
                Ok((run, counted)) => {
                    println!(
                        "{}: seed {seed}, {} lines, {} kills, {} lines sent again, {} FAQ additions \
                         unanswered; {} promotions, reminders and cancellations delivered, \
                         {} printed again after a kill; {:.1} s",
                        backend.name(),
                        script.len(),
                        run.killed.iter().filter(|killed| **killed).count(),
                        run.sent_again,
                        run.unsure.len(),
                        counted.delivered,
                        counted.repeated,
                        started.elapsed().as_secs_f64()
                    );
                    Ok(())
                }
                Err(error) => {
                    // Keep the folder: the logs of every process are the story.
                    let kept = dir.keep();
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

/// The workload through `passerelle run` on the fake Telegram (no clock to move: no
/// reminders), half the lines of the console's.
fn crash_telegram(backend: Backend) -> Result<(), Failed> {
    let number =
        |name, default| env_number(name, default).map_err(|error| Failed::from(format!("{error}")));
    let seed = number("PASSERELLE_CRASH_SEED", fresh_seed())? as u64;
    let kills = number("PASSERELLE_CRASH_KILLS", 30)?;
    let steps = number("PASSERELLE_CRASH_STEPS", 400)? / 2;
    let runtime = passerelle_test_support::runtime()?;
    runtime
        .block_on(async {
            let db = TestDb::on(backend, POSTGRES_ENV).await?;
            let dir = tempfile::tempdir()?;
            let fake = passerelle_test_support::telegram::FakeTelegram::start(telegram::TOKEN).await?;
            let people = telegram::People::new();
            let mut bot = Passerelle::new(
                env!("CARGO_BIN_EXE_passerelle"),
                "bot",
                dir.path(),
                &telegram::config(&fake, &people),
                &db.url,
            )?;
            // One instance, restarted under its name: on PostgreSQL it takes its lease on
            // the long poll back at once instead of waiting for it to run out.
            bot.env("PASSERELLE_TELEGRAM_TOKEN", telegram::TOKEN)
                .env("PASSERELLE_INSTANCE", "crash-test")
                .env("RUST_LOG", "warn");
            let (script, expected) = workload::workload(seed, steps, false);
            let started = Instant::now();
            let setup = workload::setup(false);
            let driven =
                telegram::drive(&db.url, &mut bot, &fake, &people, &setup, &script, seed, kills).await;
            let checked = match driven {
                Ok((run, marks)) => {
                    let told = telegram::sent(&fake, &people, &marks);
                    let name = |id: &str| people.name(id);
                    check::check(&db.url, &told, &run, &expected, &name)
                        .await
                        .map(|counted| (run, counted))
                }
                Err(error) => Err(error),
            };
            let outcome = match checked {
                Ok((run, counted)) => {
                    println!(
                        "{} on Telegram: seed {seed}, {} updates, {} kills, {} left unconfirmed \
                         by a kill and handed in again; {} promotions and cancellations \
                         delivered, {} sent again after a kill; {:.1} s",
                        backend.name(),
                        script.len(),
                        run.killed.iter().filter(|killed| **killed).count(),
                        run.sent_again,
                        counted.delivered,
                        counted.repeated,
                        started.elapsed().as_secs_f64()
                    );
                    Ok(())
                }
                Err(error) => {
                    let kept = dir.keep();
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

/// A seed from the clock, for a run nobody asked to repeat.
fn fresh_seed() -> usize {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |elapsed| elapsed.as_nanos());
    (nanos % 1_000_000_007) as usize
}
