//! One `passerelle run` per SQLite database: the platform connections (a Telegram long
//! poll, a Discord gateway session, a Matrix device's sync) must each be held once, and
//! SQLite serves one process. A second `run` on the same file is refused at once.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use passerelle_runtime::lock;

/// Held for as long as the process runs; the kernel lets go when it ends, however it
/// ends (a kill included).
#[derive(Debug)]
pub struct Instance {
    _lock: lock::Held,
}

/// The lock file beside `database`.
fn lock_file(database: &Path) -> PathBuf {
    let mut name = database.as_os_str().to_owned();
    name.push(".run-lock");
    PathBuf::from(name)
}

/// Takes the database's run lock, or says which database another process is serving.
pub fn hold(database: &Path, described: &str) -> anyhow::Result<Instance> {
    let path = lock_file(database);
    match lock::hold(&path).with_context(|| format!("cannot lock {}", path.display()))? {
        Some(held) => Ok(Instance { _lock: held }),
        None => bail!(
            "another `passerelle run` is serving {described}: a SQLite database serves one \
             process (for several, use PostgreSQL)"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_hold_on_the_same_database_is_refused_until_the_first_ends() {
        let dir = tempfile::tempdir().unwrap();
        let database = dir.path().join("hub.db");
        let first = hold(&database, "SQLite database hub.db").unwrap();
        let refused = hold(&database, "SQLite database hub.db").unwrap_err();
        assert!(
            refused
                .to_string()
                .starts_with("another `passerelle run` is serving SQLite database hub.db"),
            "{refused}"
        );
        drop(first);
        hold(&database, "SQLite database hub.db").unwrap();
    }
}
