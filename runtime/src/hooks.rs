//! Requests a platform pushes to the process over HTTP instead of being polled (Telegram's
//! webhook, Discord's interactions endpoint): the web server receives them and hands each
//! to the hook the platform's adapter mounted, which checks it came from the platform and
//! answers. Neither side names the other: the web crate knows no chat platform, the
//! adapters no HTTP server.

use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};

/// One request pushed to the process.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HookRequest {
    /// What follows the platform's prefix in the path (Telegram's path secret).
    pub path: String,
    /// The headers, names in lower case.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl HookRequest {
    /// The value of the header `name` (in lower case), if it came once.
    pub fn header(&self, name: &str) -> Option<&str> {
        let mut found = self.headers.iter().filter(|(key, _)| key == name);
        match (found.next(), found.next()) {
            (Some((_, value)), None) => Some(value),
            _ => None,
        }
    }
}

/// What the hook answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HookResponse {
    pub status: u16,
    /// A JSON body, if any.
    pub json: Option<String>,
}

impl HookResponse {
    pub fn status(status: u16) -> Self {
        Self { status, json: None }
    }

    pub fn json(status: u16, json: String) -> Self {
        Self {
            status,
            json: Some(json),
        }
    }

    /// 401: the request did not prove it came from the platform; nothing was handled.
    pub fn unauthorized() -> Self {
        Self::status(401)
    }
}

/// An answer to come.
pub type Answering = Pin<Box<dyn Future<Output = HookResponse> + Send>>;

/// What an adapter mounts: it receives a request and answers it.
pub type Hook = Arc<dyn Fn(HookRequest) -> Answering + Send + Sync>;

/// Where each platform's hook is; cheap to clone, shared by the web server and the
/// adapters. A platform *expected* (its adapter configured to be pushed to) but not
/// mounted yet, or being restarted, is answered 503 so the platform tries again later.
#[derive(Clone, Default)]
pub struct Hooks {
    mounted: Arc<Mutex<BTreeMap<String, Option<Hook>>>>,
}

impl std::fmt::Debug for Hooks {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<String> = self.lock().keys().cloned().collect();
        f.debug_struct("Hooks").field("platforms", &names).finish()
    }
}

/// Where a platform's request ends up.
pub enum Found {
    /// Nothing here takes pushes from that platform.
    Unknown,
    /// The adapter is configured for it, but not (or no longer) listening.
    NotReady,
    Hook(Hook),
}

impl std::fmt::Debug for Found {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Unknown => "Unknown",
            Self::NotReady => "NotReady",
            Self::Hook(_) => "Hook",
        })
    }
}

impl Hooks {
    fn lock(&self) -> std::sync::MutexGuard<'_, BTreeMap<String, Option<Hook>>> {
        self.mounted.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The process will take pushes from `platform` once its adapter mounts its hook.
    pub fn expect(&self, platform: &str) {
        self.lock().entry(platform.to_owned()).or_insert(None);
    }

    /// `platform`'s adapter takes its pushes with `hook` from now on.
    pub fn mount(&self, platform: &str, hook: Hook) {
        self.lock().insert(platform.to_owned(), Some(hook));
    }

    /// `platform`'s adapter stopped: its pushes wait (503) until it mounts again.
    pub fn unmount(&self, platform: &str) {
        if let Some(hook) = self.lock().get_mut(platform) {
            *hook = None;
        }
    }

    pub fn find(&self, platform: &str) -> Found {
        match self.lock().get(platform) {
            None => Found::Unknown,
            Some(None) => Found::NotReady,
            Some(Some(hook)) => Found::Hook(hook.clone()),
        }
    }
}

/// Whether `a` and `b` are equal, in a time that does not tell where they first differ.
pub fn same_secret(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn echo() -> Hook {
        Arc::new(|request: HookRequest| {
            Box::pin(async move { HookResponse::json(200, request.path) }) as Answering
        })
    }

    #[tokio::test]
    async fn a_hook_is_found_once_mounted_and_waits_while_unmounted() {
        let hooks = Hooks::default();
        assert!(matches!(hooks.find("telegram"), Found::Unknown));
        hooks.expect("telegram");
        assert!(matches!(hooks.find("telegram"), Found::NotReady));
        hooks.mount("telegram", echo());
        let Found::Hook(hook) = hooks.find("telegram") else {
            panic!("the hook was mounted");
        };
        let request = HookRequest {
            path: "abc".into(),
            ..HookRequest::default()
        };
        assert_eq!(hook(request).await, HookResponse::json(200, "abc".into()));
        hooks.unmount("telegram");
        assert!(matches!(hooks.find("telegram"), Found::NotReady));
        // Expecting again does not take a mounted hook away.
        hooks.mount("telegram", echo());
        hooks.expect("telegram");
        assert!(matches!(hooks.find("telegram"), Found::Hook(_)));
    }

    #[test]
    fn a_header_said_twice_is_not_taken() {
        let request = HookRequest {
            headers: vec![
                ("x-secret".into(), "a".into()),
                ("x-other".into(), "b".into()),
                ("x-other".into(), "c".into()),
            ],
            ..HookRequest::default()
        };
        assert_eq!(request.header("x-secret"), Some("a"));
        assert_eq!(request.header("x-other"), None);
        assert_eq!(request.header("x-missing"), None);
    }

    #[test]
    fn secrets_compare_whole() {
        assert!(same_secret(b"abc", b"abc"));
        assert!(!same_secret(b"abc", b"abd"));
        assert!(!same_secret(b"abc", b"ab"));
        assert!(!same_secret(b"", b"a"));
    }
}
