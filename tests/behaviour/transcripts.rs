//! Transcript tests: each `tests/transcripts/*.txt` is a console session, inputs and the
//! hub's expected lines interleaved, replayed against the community in
//! `tests/transcripts/community.toml` with the clock fixed at [`START`].

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use libtest_mimic::{Failed, Trial};
use passerelle_core::config::Config;

use crate::support::{Backend, test_db};

/// Every transcript starts at this instant (a Monday morning in Paris).
const START: &str = "2026-03-02T09:00:00Z";

fn folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/transcripts")
}

pub fn trials(backend: Backend) -> Vec<Trial> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder())
        .expect("tests/transcripts exists")
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let stem = path
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            Trial::test(
                format!("{}::transcripts::{stem}", backend.name()),
                move || replay(backend, &path),
            )
        })
        .collect()
}

fn replay(backend: Backend, path: &Path) -> Result<(), Failed> {
    let expected = std::fs::read_to_string(path)
        .map_err(|error| format!("cannot read {}: {error}", path.display()))?;
    let config_text = std::fs::read_to_string(folder().join("community.toml"))
        .map_err(|error| error.to_string())?;
    let config = Config::parse(&config_text).map_err(|error| format!("community.toml: {error}"))?;
    let community = config
        .community(None)
        .map_err(|error| error.to_string())?
        .clone();
    let start: DateTime<Utc> = START.parse().map_err(|_| "bad START")?;

    let runtime = passerelle_test_support::runtime().map_err(|error| error.to_string())?;
    let actual = runtime.block_on(async {
        let db = test_db(backend).await;
        let options = passerelle_console::Options {
            database_url: db.url.clone(),
            community,
            now: Some(start),
            files: None,
        };
        let mut session = passerelle_console::Session::open(options)
            .await
            .map_err(|error| error.to_string())?;
        let mut output = Vec::new();
        passerelle_console::run_script(&mut session, expected.as_bytes(), &mut output)
            .await
            .map_err(|error| error.to_string())?;
        let _ = db.drop_database().await;
        String::from_utf8(output).map_err(|error| error.to_string())
    })?;

    if actual == expected {
        return Ok(());
    }
    if std::env::var_os("BLESS").is_some() && backend == Backend::Sqlite {
        std::fs::write(path, &actual).map_err(|error| error.to_string())?;
        return Ok(());
    }
    Err(difference(path, &expected, &actual).into())
}

/// The first lines where the hub said something else than the transcript expects, with
/// invisible characters made visible.
fn difference(path: &Path, expected: &str, actual: &str) -> String {
    let expected: Vec<&str> = expected.lines().collect();
    let actual: Vec<&str> = actual.lines().collect();
    let first = expected
        .iter()
        .zip(&actual)
        .position(|(e, a)| e != a)
        .unwrap_or(expected.len().min(actual.len()));
    let show = |lines: &[&str]| {
        lines[first.min(lines.len())..(first + 6).min(lines.len())]
            .iter()
            .map(|line| format!("    {}", visible(line)))
            .collect::<Vec<_>>()
            .join("\n")
    };
    format!(
        "{} differs from line {}\n  expected:\n{}\n  actual:\n{}\n(run with BLESS=1 to accept the new output)",
        path.display(),
        first + 1,
        show(&expected),
        show(&actual)
    )
}

fn visible(line: &str) -> String {
    line.replace(['\u{a0}', '\u{202f}'], "⍽")
}
