//! A lock on a file that one process holds for as long as it runs: the kernel lets go
//! when the process ends, however it ends (a kill included). What two processes must not
//! use at once (a SQLite database's platform connections, a Matrix device's store) is
//! guarded by one.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::Path;

/// Held until dropped.
#[derive(Debug)]
pub struct Held {
    _file: File,
}

/// Takes the lock of `path` (created if missing), or `None` when another process holds
/// it.
pub fn hold(path: &Path) -> std::io::Result<Option<Held>> {
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)?;
    match file.try_lock() {
        Ok(()) => Ok(Some(Held { _file: file })),
        Err(TryLockError::WouldBlock) => Ok(None),
        Err(TryLockError::Error(error)) => Err(error),
    }
}
