//! The Matrix end-to-end suite: the real `passerelle` binary (`passerelle run`) against
//! a real Synapse, with members scripted through matrix-sdk as their own clients; and
//! one community on Matrix, Telegram and Discord at once (`across`); three instances of
//! the bot on one PostgreSQL, their holder killed again and again (`instances`).
//!
//! One Synapse serves the whole run: `scripts/synapse.sh` installs it from PyPI once,
//! then starts it in a temporary folder when the first trial needs it, and it is stopped
//! at the end. If it cannot start, every trial fails saying why: nothing is skipped.
//! Each trial registers its own users (`TRIAL.NAME`), creates its own rooms and runs
//! its own bot process, so trials can run side by side.
//!
//! ```sh
//! cargo test --test matrix                       # everything
//! cargo test --test matrix -- harness::          # the harness's own checks (no bot)
//! cargo test --test matrix -- restart --nocapture
//! ```
//!
//! A failure prints what each member received, the bot's stderr, and keeps the trial's
//! folder (config, database, store, logs) and Synapse's log.

// matrix-sdk's futures are deep: proving them `Send` needs more than the default 128.
#![recursion_limit = "256"]

mod across;
mod burst;
mod harness;
mod instances;
mod keyless;
mod scenarios;
mod support;

use std::process::ExitCode;

use libtest_mimic::Arguments;

fn main() -> ExitCode {
    let args = Arguments::from_args();
    let mut trials = harness::trials();
    trials.extend(scenarios::trials());
    trials.extend(burst::trials());
    trials.extend(keyless::trials());
    trials.extend(across::trials());
    trials.extend(instances::trials());
    let conclusion = libtest_mimic::run(&args, trials);
    if let Some(error) = support::synapse::stop_shared(conclusion.has_failed()) {
        eprintln!("error: Synapse could not start, so no Matrix test ran:\n{error}");
        return ExitCode::FAILURE;
    }
    conclusion.exit_code()
}
