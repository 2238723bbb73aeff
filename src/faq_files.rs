//! `passerelle faq import` and `export`: a folder of entry files (one per entry, TOML or
//! Markdown) in and out of a community, with a report; and the demo FAQ the console
//! loads into the demo community on its first start.

use std::collections::HashSet;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use chrono::{DateTime, Utc};
use passerelle_core::Hub;
use passerelle_core::faq::files::{self, FileError, Format};
use passerelle_core::faq::import::Outcome;

/// The demo community's FAQ, as in `config/demo/faq/`.
const DEMO: [(&str, &str); 8] = [
    (
        "france-health.md",
        include_str!("../config/demo/faq/france-health.md"),
    ),
    (
        "france-housing.md",
        include_str!("../config/demo/faq/france-housing.md"),
    ),
    (
        "france-jobs.md",
        include_str!("../config/demo/faq/france-jobs.md"),
    ),
    (
        "france-paperwork.md",
        include_str!("../config/demo/faq/france-paperwork.md"),
    ),
    (
        "montreal-health.md",
        include_str!("../config/demo/faq/montreal-health.md"),
    ),
    (
        "montreal-housing.md",
        include_str!("../config/demo/faq/montreal-housing.md"),
    ),
    (
        "montreal-jobs.md",
        include_str!("../config/demo/faq/montreal-jobs.md"),
    ),
    (
        "montreal-paperwork.md",
        include_str!("../config/demo/faq/montreal-paperwork.md"),
    ),
];

/// Imports above this many files show a progress bar on a terminal.
const PROGRESS_FROM: usize = 20;

/// What an import did, file by file.
#[derive(Debug, Default)]
pub struct Report {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub rejected: Vec<(PathBuf, FileError)>,
}

impl Report {
    /// `created 3, updated 1, unchanged 4, rejected 1`, then one line per rejection.
    pub fn summary(&self) -> String {
        let mut out = format!(
            "created {}, updated {}, unchanged {}, rejected {}\n",
            self.created,
            self.updated,
            self.unchanged,
            self.rejected.len()
        );
        for (path, error) in &self.rejected {
            out.push_str(&format!(
                "  {}:{}: {}\n",
                path.display(),
                error.line,
                error.message
            ));
        }
        out
    }
}

/// The entry files at `path`: the file itself, or the folder's `.toml` and `.md` files by
/// name (hidden ones left out).
fn entry_files(path: &Path) -> anyhow::Result<Vec<PathBuf>> {
    if path.is_file() {
        return Ok(vec![path.to_owned()]);
    }
    let listing = std::fs::read_dir(path)
        .with_context(|| format!("cannot read the folder {}", path.display()))?;
    let mut found = Vec::new();
    for item in listing {
        let item = item.with_context(|| format!("cannot read the folder {}", path.display()))?;
        let path = item.path();
        let hidden = item.file_name().to_string_lossy().starts_with('.');
        if !hidden && path.is_file() && Format::from_path(&path).is_some() {
            found.push(path);
        }
    }
    found.sort();
    Ok(found)
}

/// Imports every entry file at `path` into the hub's community.
pub async fn import(
    hub: &Hub,
    path: &Path,
    force: bool,
    now: DateTime<Utc>,
) -> anyhow::Result<Report> {
    let paths = entry_files(path)?;
    let mut sources = Vec::with_capacity(paths.len());
    let mut unreadable = Vec::new();
    for path in paths {
        match std::fs::read_to_string(&path) {
            Ok(text) => sources.push((path, text)),
            Err(error) => {
                let message = match error.kind() {
                    std::io::ErrorKind::InvalidData => "not UTF-8 text".to_owned(),
                    _ => format!("cannot read it: {error}"),
                };
                unreadable.push((path, FileError { line: 1, message }));
            }
        }
    }
    let progress = std::io::stderr().is_terminal() && sources.len() >= PROGRESS_FROM;
    let mut report = import_texts(hub, &sources, force, now, progress).await?;
    report.rejected.extend(unreadable);
    Ok(report)
}

/// Imports files already read, as `(path, text)`.
async fn import_texts(
    hub: &Hub,
    sources: &[(PathBuf, String)],
    force: bool,
    now: DateTime<Utc>,
    progress: bool,
) -> anyhow::Result<Report> {
    let mut report = Report::default();
    let mut keys = HashSet::new();
    for (done, (path, text)) in sources.iter().enumerate() {
        if progress {
            draw_progress(done, sources.len());
        }
        let key = path
            .file_stem()
            .map(|stem| stem.to_string_lossy().into_owned())
            .unwrap_or_default();
        let reject = |message: String| (path.clone(), FileError { line: 1, message });
        if !files::valid_key(&key) {
            report.rejected.push(reject(format!(
                "`{key}` cannot name an entry: use lowercase letters, digits, - and _ (the file name is the entry's key)"
            )));
            continue;
        }
        if !keys.insert(key.clone()) {
            report
                .rejected
                .push(reject(format!("another file already has the key `{key}`")));
            continue;
        }
        let format = Format::from_path(path).unwrap_or(Format::Markdown);
        let outcome = match files::parse(format, &key, text) {
            Ok(file) => hub.import_faq(&file, force, now).await?,
            Err(error) => Err(error),
        };
        match outcome {
            Ok(Outcome::Created) => report.created += 1,
            Ok(Outcome::Updated) => report.updated += 1,
            Ok(Outcome::Unchanged) => report.unchanged += 1,
            Err(error) => report.rejected.push((path.clone(), error)),
        }
    }
    if progress {
        eprint!("\r{:60}\r", "");
    }
    Ok(report)
}

fn draw_progress(done: usize, total: usize) {
    const WIDTH: usize = 30;
    let filled = done * WIDTH / total.max(1);
    eprint!(
        "\r[{}{}] {done}/{total}",
        "#".repeat(filled),
        "-".repeat(WIDTH - filled)
    );
    let _ = std::io::stderr().flush();
}

/// Writes each live entry to `folder/KEY.md`; returns how many.
pub async fn export(hub: &Hub, folder: &Path) -> anyhow::Result<usize> {
    std::fs::create_dir_all(folder)
        .with_context(|| format!("cannot create the folder {}", folder.display()))?;
    let entries = hub.export_faq().await?;
    for entry in &entries {
        let path = folder.join(format!("{}.md", entry.key));
        std::fs::write(&path, files::render_markdown(entry))
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(entries.len())
}

/// Loads the demo FAQ into a community whose FAQ was never written to.
pub async fn load_demo(hub: &Hub, now: DateTime<Utc>) -> anyhow::Result<()> {
    if hub.faq_started().await? {
        return Ok(());
    }
    let sources: Vec<(PathBuf, String)> = DEMO
        .iter()
        .map(|(name, text)| {
            (
                PathBuf::from("config/demo/faq").join(name),
                (*text).to_owned(),
            )
        })
        .collect();
    let report = import_texts(hub, &sources, false, now, false).await?;
    anyhow::ensure!(
        report.rejected.is_empty(),
        "the demo FAQ does not load: {}",
        report.summary()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_demo_file_is_listed_and_reads() {
        let on_disk = entry_files(Path::new("config/demo/faq")).unwrap();
        assert_eq!(on_disk.len(), DEMO.len());
        for (name, text) in DEMO {
            let key = name.trim_end_matches(".md");
            files::parse(Format::Markdown, key, text).unwrap();
        }
    }
}
