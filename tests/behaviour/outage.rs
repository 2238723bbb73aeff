//! The database server away: through a TCP proxy that goes silent (a black hole: the
//! network drops every packet) or refuses connections, a member hears within seconds
//! that nothing was saved, nothing is half-applied, and the hub recovers by itself once
//! the server is back. PostgreSQL only: SQLite is a file, it has no server to lose.

use std::time::{Duration, Instant};

use libtest_mimic::Trial;
use passerelle_test_support::says;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

use crate::atomic::say;
use crate::hub::{hub, now, organizer};
use crate::support::Backend;

/// Well above the hub's deadline (5 s) and far below an outage's length.
const TOLD_WITHIN: Duration = Duration::from_secs(12);

pub fn trials(backend: Backend) -> Vec<Trial> {
    match backend {
        Backend::Postgres => crate::trials!(
            backend,
            "outage",
            [
                a_silent_server_is_answered_within_seconds,
                a_refusing_server_is_answered_within_seconds,
            ]
        ),
        Backend::Sqlite => Vec::new(),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Forward,
    /// Nothing goes through and nothing comes back, connections stay open.
    Silent,
    /// The server is down: connections are closed, new ones refused.
    Refuse,
}

/// A TCP proxy to the database server that can go silent or refuse.
struct Proxy {
    port: u16,
    mode: watch::Sender<Mode>,
}

impl Proxy {
    async fn start(target: String) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let (mode, watching) = watch::channel(Mode::Forward);
        tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                if *watching.borrow() == Mode::Refuse {
                    continue;
                }
                let target = target.clone();
                let watching = watching.clone();
                tokio::spawn(async move { pipe(client, &target, watching).await });
            }
        });
        Self { port, mode }
    }

    fn set(&self, mode: Mode) {
        self.mode.send_replace(mode);
    }
}

/// Forwards bytes both ways while the proxy forwards. Silent, it forwards nothing, as on
/// a dead network; refusing, it closes the connection, as a stopped server does.
async fn pipe(mut client: TcpStream, target: &str, mut mode: watch::Receiver<Mode>) {
    let Ok(mut server) = TcpStream::connect(target).await else {
        return;
    };
    let (mut up, mut down) = ([0u8; 8192], [0u8; 8192]);
    loop {
        let silent = *mode.borrow() == Mode::Silent;
        tokio::select! {
            read = client.read(&mut up), if !silent => match read {
                Ok(read @ 1..) if server.write_all(&up[..read]).await.is_ok() => {}
                _ => return,
            },
            read = server.read(&mut down), if !silent => match read {
                Ok(read @ 1..) if client.write_all(&down[..read]).await.is_ok() => {}
                _ => return,
            },
            changed = mode.changed() => {
                if changed.is_err() || *mode.borrow() == Mode::Refuse {
                    return;
                }
            }
        }
    }
}

/// `url` with its host and port replaced by the proxy's.
fn through(url: &str, port: u16) -> (String, String) {
    let (scheme, rest) = url.split_once("://").unwrap();
    let (credentials, rest) = rest.rsplit_once('@').unwrap();
    let (host, path) = rest.split_once('/').unwrap();
    (
        format!("{scheme}://{credentials}@127.0.0.1:{port}/{path}"),
        host.to_owned(),
    )
}

async fn away(url: String, mode: Mode) {
    let (_, target) = through(&url, 0);
    let proxy = Proxy::start(target).await;
    let (proxied, _) = through(&url, proxy.port);
    let hub = hub(&proxied).await;
    organizer(&hub, "nadia").await;
    say(
        &hub,
        "nadia",
        "/event create Picnic quand=\"jeudi 19h\" places=1",
    )
    .await;

    proxy.set(mode);
    for _ in 0..2 {
        let asked = Instant::now();
        let error = hub
            .handle(&says("ali", "/rsvp 1 yes"), now())
            .await
            .expect_err("the database is away");
        assert!(
            asked.elapsed() < TOLD_WITHIN,
            "told after {:?}",
            asked.elapsed()
        );
        assert!(error.is_unavailable(), "{error}");
        let told = hub.failure_reply(&error).text;
        assert!(told.contains("can't save anything right now"), "{told}");
    }

    proxy.set(Mode::Forward);
    let mut back = None;
    for _ in 0..20 {
        match hub.handle(&says("ali", "/event 1"), now()).await {
            Ok(here) => {
                back = Some(here[0].text.clone());
                break;
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(500)).await,
        }
    }
    let back = back.expect("the hub works again once the server is back");
    assert!(
        back.contains("Going: 0"),
        "nothing of the failed answers was kept: {back}"
    );
    assert!(say(&hub, "ali", "/rsvp 1 yes").await.contains("going"));
}

async fn a_silent_server_is_answered_within_seconds(url: String) {
    away(url, Mode::Silent).await;
}

async fn a_refusing_server_is_answered_within_seconds(url: String) {
    away(url, Mode::Refuse).await;
}
