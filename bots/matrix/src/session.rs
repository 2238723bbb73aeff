//! Logging in once and resuming ever after: the session file and matrix-sdk's encrypted
//! store live in the `store` folder, so a restart keeps the device, its keys and the
//! room state. The bot never logs out (that would delete its device's keys). One process
//! at a time uses a store: each instance of the bot is its own device.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use matrix_sdk::authentication::matrix::MatrixSession;
use matrix_sdk::config::RequestConfig;
use matrix_sdk::ruma::{OwnedDeviceId, OwnedUserId};
use matrix_sdk::{Client, SessionMeta, SessionTokens};

use crate::settings::{Login, Secrets, Settings};

/// How many times one request is retried by matrix-sdk itself (it honours a 429's
/// `retry_after_ms` in between); the outbox retries further, later.
const REQUEST_RETRIES: usize = 3;

/// A client logged in as the bot, with its store opened, and the store's lock: the
/// client is this process's alone while the lock is held.
pub async fn connect(
    settings: &Settings,
    secrets: &Secrets,
) -> anyhow::Result<(Client, StoreLock)> {
    std::fs::create_dir_all(&settings.store).with_context(|| {
        format!(
            "cannot create the Matrix store {}",
            settings.store.display()
        )
    })?;
    let lock = StoreLock::take(&settings.store)?;
    let client = Client::builder()
        .homeserver_url(&settings.homeserver)
        .sqlite_store(settings.store.join("sdk"), Some(&secrets.store_passphrase))
        .request_config(RequestConfig::new().retry_limit(REQUEST_RETRIES))
        .build()
        .await
        .context("cannot open the Matrix store (a different passphrase than last time?)")?;
    forget_sdk_sync_token(&client).await?;
    let file = session_file(&settings.store);
    if file.exists() {
        let text = std::fs::read_to_string(&file)
            .with_context(|| format!("cannot read {}", file.display()))?;
        let session: MatrixSession = serde_json::from_str(&text)
            .with_context(|| format!("{} is not a Matrix session", file.display()))?;
        if session.meta.user_id.as_str() != settings.user {
            bail!(
                "the Matrix store {} belongs to {}, not {}: use another store folder",
                settings.store.display(),
                session.meta.user_id,
                settings.user
            );
        }
        client
            .restore_session(session)
            .await
            .context("cannot resume the Matrix session")?;
        return Ok((client, lock));
    }
    let session = match &secrets.login {
        Login::Password(password) => {
            client
                .matrix_auth()
                .login_username(&settings.user, password)
                .initial_device_display_name(&settings.device_name)
                .send()
                .await
                .with_context(|| format!("Matrix login as {} failed", settings.user))?;
            client
                .matrix_auth()
                .session()
                .context("no session after logging in")?
        }
        Login::AccessToken(token) => {
            let (user_id, device_id) = whoami(settings, token).await?;
            let session = MatrixSession {
                meta: SessionMeta { user_id, device_id },
                tokens: SessionTokens {
                    access_token: token.clone(),
                    refresh_token: None,
                },
            };
            client
                .restore_session(session.clone())
                .await
                .context("cannot use the Matrix access token")?;
            session
        }
    };
    save_session(&file, &session)?;
    Ok((client, lock))
}

/// Drops matrix-sdk's own sync position before the session is resumed (when it is read).
/// The bot always syncs from its own position, saved once a batch is handled; the sdk
/// saves the end of a batch as soon as it has read it, and takes a response ending
/// there for one it already has (Synapse hands the same response out again for a few
/// minutes). After a crash mid-batch, that would drop the batch unhandled.
async fn forget_sdk_sync_token(client: &Client) -> anyhow::Result<()> {
    use matrix_sdk::store::StateStoreDataKey;
    client
        .state_store()
        .remove_kv_data(StateStoreDataKey::SyncToken)
        .await
        .context("cannot reset matrix-sdk's sync position")
}

/// Who an access token belongs to, and its device, asked with a throwaway client.
async fn whoami(settings: &Settings, token: &str) -> anyhow::Result<(OwnedUserId, OwnedDeviceId)> {
    let probe = Client::builder()
        .homeserver_url(&settings.homeserver)
        .build()
        .await?;
    let user_id: OwnedUserId = settings
        .user
        .as_str()
        .try_into()
        .context("user is not a Matrix ID")?;
    probe
        .restore_session(MatrixSession {
            meta: SessionMeta {
                user_id,
                device_id: "UNKNOWN".into(),
            },
            tokens: SessionTokens {
                access_token: token.to_owned(),
                refresh_token: None,
            },
        })
        .await?;
    let answer = probe
        .whoami()
        .await
        .context("the homeserver refused the Matrix access token")?;
    let device_id = answer
        .device_id
        .context("this access token has no device: log in with a password instead")?;
    if answer.user_id.as_str() != settings.user {
        bail!(
            "the Matrix access token is {}'s, not {}'s",
            answer.user_id,
            settings.user
        );
    }
    Ok((answer.user_id, device_id))
}

fn session_file(store: &Path) -> PathBuf {
    store.join("session.json")
}

/// Writes the session readable by its owner only: it holds the access token.
fn save_session(file: &Path, session: &MatrixSession) -> anyhow::Result<()> {
    use std::io::Write;
    #[cfg(unix)]
    use std::os::unix::fs::OpenOptionsExt;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    options.mode(0o600);
    let mut out = options
        .open(file)
        .with_context(|| format!("cannot write {}", file.display()))?;
    out.write_all(serde_json::to_string(session)?.as_bytes())?;
    Ok(())
}

/// A store folder in use: the kernel lets go when the process ends, however it ends.
#[derive(Debug)]
pub struct StoreLock {
    _held: passerelle_runtime::lock::Held,
}

impl StoreLock {
    /// Takes the lock of the store folder `store`, or says that another process has it:
    /// two processes on one store would be one device twice, its keys diverging.
    fn take(store: &Path) -> anyhow::Result<StoreLock> {
        let path = store.join("lock");
        match passerelle_runtime::lock::hold(&path)
            .with_context(|| format!("cannot lock {}", path.display()))?
        {
            Some(held) => Ok(StoreLock { _held: held }),
            None => bail!(
                "another process uses the Matrix store {}: give each instance of the bot \
                 its own store folder ([matrix] store)",
                store.display()
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_store_serves_one_process_at_a_time() {
        let dir = tempfile::tempdir().unwrap();
        let first = StoreLock::take(dir.path()).unwrap();
        let refused = StoreLock::take(dir.path()).unwrap_err().to_string();
        assert!(
            refused.starts_with("another process uses the Matrix store"),
            "{refused}"
        );
        drop(first);
        StoreLock::take(dir.path()).unwrap();
    }
}
