//! What the fakes' servers share: accepting connections on a `127.0.0.1` listener, each
//! served by its own task until the server's task is aborted (which drops them all);
//! HTTP/1.1 with keep-alive by hyper 1 (what reqwest speaks to `http://`), one handler per
//! request read whole ([`Received`]), which may drop the connection unanswered ([`Dropped`]);
//! a JSON answer, and percent-decoding.

use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::header::{CONTENT_TYPE, HeaderName, HeaderValue};
use hyper::http::request::Parts;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinSet;

/// Accepts connections until the task is aborted, which drops them all: each is served by
/// `connection` in a task of its own.
pub(crate) async fn accept<F, C>(listener: TcpListener, mut connection: F)
where
    F: FnMut(TcpStream) -> C,
    C: Future<Output = ()> + Send + 'static,
{
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else {
                    tokio::time::sleep(Duration::from_millis(10)).await;
                    continue;
                };
                let _ = stream.set_nodelay(true);
                connections.spawn(connection(stream));
            }
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
}

/// Serves HTTP/1.1 on every connection [`accept`] takes: each request is read whole, then
/// answered by `handler` with what the fake and the test share.
pub(crate) async fn serve<S, H, A>(listener: TcpListener, shared: Arc<S>, handler: H)
where
    S: Send + Sync + 'static,
    H: Fn(Arc<S>, Received) -> A + Copy + Send + 'static,
    A: Future<Output = Answer> + Send + 'static,
{
    accept(listener, |stream| {
        let shared = shared.clone();
        let service = service_fn(move |request| {
            let shared = shared.clone();
            async move {
                let request = Received::read(request).await;
                handler(shared, request).await
            }
        });
        async move {
            let _ = http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        }
    })
    .await;
}

/// What a handler gives hyper: the answer, or [`Dropped`] to give none.
pub(crate) type Answer = Result<Response<Full<Bytes>>, Dropped>;

/// An error a handler returns to make hyper close the connection unanswered.
#[derive(Debug)]
pub(crate) struct Dropped;

impl std::fmt::Display for Dropped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection dropped on purpose")
    }
}

impl std::error::Error for Dropped {}

/// A request, read whole.
#[derive(Debug)]
pub(crate) struct Received {
    /// When it came.
    pub at: Instant,
    pub head: Parts,
    /// Its body (empty if it could not be read).
    pub body: Bytes,
}

impl Received {
    async fn read(request: Request<Incoming>) -> Received {
        let at = Instant::now();
        let (head, body) = request.into_parts();
        let body = body
            .collect()
            .await
            .map(|b| b.to_bytes())
            .unwrap_or_default();
        Received { at, head, body }
    }

    /// A header's value, if it is text.
    pub fn header(&self, name: HeaderName) -> Option<&str> {
        self.head.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// The media type of a `Content-Type` value, lowercase, without its parameters.
pub(crate) fn essence(content_type: Option<&str>) -> Option<String> {
    content_type
        .and_then(|value| value.split(';').next())
        .map(|value| value.trim().to_ascii_lowercase())
}

/// An answer with `status` and `body`, `application/json` unless the body is empty.
pub(crate) fn json(status: u16, body: Bytes) -> Response<Full<Bytes>> {
    let has_body = !body.is_empty();
    let mut response = Response::new(Full::new(body));
    *response.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_REQUEST);
    if has_body {
        response
            .headers_mut()
            .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    }
    response
}

/// Percent-decoding (and `+` as a space in a form).
pub(crate) fn decode(text: &[u8], plus_is_space: bool) -> String {
    let mut bytes = Vec::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        let hex = |at: usize| text.get(at).and_then(|byte| char::from(*byte).to_digit(16));
        match text[i] {
            b'%' if hex(i + 1).is_some() && hex(i + 2).is_some() => {
                bytes.push((hex(i + 1).unwrap_or(0) * 16 + hex(i + 2).unwrap_or(0)) as u8);
                i += 3;
                continue;
            }
            b'+' if plus_is_space => bytes.push(b' '),
            byte => bytes.push(byte),
        }
        i += 1;
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// A plain HTTP/1.1 client: what a fake posts to the bot (Telegram's webhook, Discord's
/// interactions), and the fakes' own tests. One request on a new connection.
pub(crate) mod client {
    use std::net::SocketAddr;

    use http_body_util::{BodyExt, Full};
    use hyper::body::Bytes;
    use hyper::{HeaderMap, Request};
    use hyper_util::rt::TokioIo;
    use tokio::net::TcpStream;

    /// What came back: the status, the headers, the body.
    pub(crate) type Answer = (u16, HeaderMap, Bytes);

    /// `method` on `path` at `address` with `headers` (`Host` added) and `body`; an error if
    /// nothing listens there or the connection closed unanswered.
    pub(crate) async fn send(
        address: SocketAddr,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Vec<u8>,
    ) -> Result<Answer, String> {
        let failed =
            |error: &dyn std::fmt::Display| format!("{method} {path} on {address}: {error}");
        let stream = TcpStream::connect(address).await.map_err(|e| failed(&e))?;
        let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
            .await
            .map_err(|e| failed(&e))?;
        tokio::spawn(connection);
        let mut request = Request::builder()
            .method(method)
            .uri(path)
            .header("host", address.to_string());
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let request = request
            .body(Full::new(Bytes::from(body)))
            .map_err(|e| failed(&e))?;
        let response = sender.send_request(request).await.map_err(|e| failed(&e))?;
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let bytes = response
            .into_body()
            .collect()
            .await
            .map_err(|e| failed(&e))?
            .to_bytes();
        Ok((status, headers, bytes))
    }

    /// `POST` of `body` to `url` (`http://host:port/path`) with `headers`.
    pub(crate) async fn post(
        url: &str,
        headers: &[(&str, &str)],
        body: Vec<u8>,
    ) -> Result<Answer, String> {
        let rest = url
            .strip_prefix("http://")
            .ok_or_else(|| format!("only http:// addresses are posted to, not {url}"))?;
        let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
        let address = tokio::net::lookup_host(authority)
            .await
            .map_err(|e| format!("{authority}: {e}"))?
            .next()
            .ok_or_else(|| format!("{authority} has no address"))?;
        let path = if path.is_empty() { "/" } else { path };
        send(address, "POST", path, headers, body).await
    }
}
