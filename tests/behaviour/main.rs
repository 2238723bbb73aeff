//! The behaviour suite: every transcript and every store and hub test, run once on
//! SQLite and once on PostgreSQL.
//!
//! `cargo test` runs it; `cargo test --test behaviour -- sqlite::transcripts::lang`
//! runs one. PostgreSQL runs need `PASSERELLE_TEST_POSTGRES_URL` (a server URL; each
//! test creates its own database there); without it they are listed as ignored, except
//! in CI where they fail. `BLESS=1` rewrites transcripts with what the hub now says.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test code: a panic is a failure with its reason.

mod across;
mod adapter_state;
mod atomic;
mod complete;
mod edge;
mod events;
mod faq_hub;
mod faq_store;
mod hub;
mod join_requests;
mod kept;
mod leases;
mod onboarding;
mod outage;
mod permissions;
mod prune;
mod reminders;
mod series;
mod store;
mod support;
mod transcripts;
mod upgrade;

use libtest_mimic::{Arguments, Trial};
use support::Backend;

fn main() {
    let args = Arguments::from_args();
    let mut trials: Vec<Trial> = Vec::new();
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let skip = match backend {
            Backend::Sqlite => None,
            Backend::Postgres => support::postgres_skip_reason(),
        };
        let suite = transcripts::trials(backend)
            .into_iter()
            .chain(store::trials(backend))
            .chain(hub::trials(backend))
            .chain(events::trials(backend))
            .chain(reminders::trials(backend))
            .chain(series::trials(backend))
            .chain(faq_store::trials(backend))
            .chain(faq_hub::trials(backend))
            .chain(onboarding::trials(backend))
            .chain(join_requests::trials(backend))
            .chain(atomic::trials(backend))
            .chain(outage::trials(backend))
            .chain(permissions::trials(backend))
            .chain(prune::trials(backend))
            .chain(edge::trials(backend))
            .chain(kept::trials(backend))
            .chain(leases::trials(backend))
            .chain(complete::trials(backend))
            .chain(adapter_state::trials(backend))
            .chain(across::trials(backend))
            .chain(upgrade::trials(backend));
        trials.extend(suite.map(|trial| trial.with_ignored_flag(skip.is_some())));
        if let Some(reason) = &skip {
            eprintln!("note: PostgreSQL tests are ignored: {reason}");
        }
    }
    libtest_mimic::run(&args, trials).exit();
}

/// One trial per test function, named `BACKEND::GROUP::FUNCTION`.
#[macro_export]
macro_rules! trials {
    ($backend:expr, $group:literal, [$($test:ident),* $(,)?]) => {{
        let backend: $crate::support::Backend = $backend;
        vec![$(
            libtest_mimic::Trial::test(
                format!("{}::{}::{}", backend.name(), $group, stringify!($test)),
                move || {
                    $crate::support::with_db(backend, $test);
                    Ok(())
                },
            ),
        )*]
    }};
}
