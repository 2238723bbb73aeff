//! The fake's own promises, checked with plain clients (a small hyper client for REST,
//! tokio-tungstenite for the gateway), with serenity 0.12.5's model types reading what it
//! sends, and with a real serenity client against it.

mod answers;
mod client;
mod failures;
mod gateway;
mod guild;
mod interactions;
mod models;
mod rest;

use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use http_body_util::{BodyExt, Full};
use hyper::Request;
use hyper::body::Bytes;
use hyper_util::rt::TokioIo;
use serde_json::{Value, json};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

use super::*;

const TOKEN: &str = "MTIzNDU2Nzg5MDEyMzQ1Njc4.fake.discord-token";
const APPLICATION: u64 = 1_100_000_000_000_000_001;
const GUILD: u64 = 1_200_000_000_000_000_001;
const GENERAL: u64 = 1_200_000_000_000_000_101;
const EVENTS: u64 = 1_200_000_000_000_000_102;
const NEWCOMER: u64 = 1_200_000_000_000_000_201;
const HELPER: u64 = 1_200_000_000_000_000_202;
const WAIT: Duration = Duration::from_secs(5);

fn guild() -> Guild {
    Guild {
        id: GUILD,
        name: "Expats in Lyon".into(),
        channels: vec![(GENERAL, "general".into()), (EVENTS, "events".into())],
        roles: vec![(NEWCOMER, "newcomer".into()), (HELPER, "helper".into())],
    }
}

async fn fake() -> FakeDiscord {
    FakeDiscord::start(TOKEN, APPLICATION, guild())
        .await
        .unwrap()
}

fn alice() -> payloads::User {
    User::new(1_300_000_000_000_000_001, "alice").with_locale("fr")
}

/// A request to the fake, as serenity makes them (`Authorization: Bot <token>`): status,
/// headers and the body as JSON (`null` when empty).
async fn send(
    fake: &FakeDiscord,
    method: &str,
    path: &str,
    content_type: &str,
    body: Vec<u8>,
    authorization: Option<&str>,
) -> (u16, hyper::HeaderMap, Value) {
    let stream = TcpStream::connect(fake.address).await.unwrap();
    let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .unwrap();
    tokio::spawn(connection);
    let mut request = Request::builder()
        .method(method)
        .uri(path)
        .header("host", fake.address.to_string())
        .header("content-type", content_type);
    if let Some(authorization) = authorization {
        request = request.header("authorization", authorization);
    }
    let request = request.body(Full::new(Bytes::from(body))).unwrap();
    let response = sender.send_request(request).await.unwrap();
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let json = if bytes.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&bytes).unwrap()
    };
    (status, headers, json)
}

/// `method` on `/api/v10{path}` with a JSON body, the right token.
async fn api(fake: &FakeDiscord, method: &str, path: &str, body: Value) -> (u16, Value) {
    let bytes = if body.is_null() {
        Vec::new()
    } else {
        body.to_string().into_bytes()
    };
    let authorization = format!("Bot {TOKEN}");
    let path = format!("/api/v10{path}");
    let (status, _, json) = send(
        fake,
        method,
        &path,
        "application/json",
        bytes,
        Some(&authorization),
    )
    .await;
    (status, json)
}

/// A gateway client speaking as serenity does (text JSON, `?v=10`).
struct Client {
    ws: WebSocketStream<MaybeTlsStream<TcpStream>>,
}

impl Client {
    async fn connect(fake: &FakeDiscord) -> Client {
        // serenity parses `{url}?v=10` with `url::Url`, which makes the path `/`.
        let url = format!("{}/?v=10", fake.gateway_url());
        let (ws, _) = tokio_tungstenite::connect_async(url).await.unwrap();
        let mut client = Client { ws };
        let hello = client.next().await;
        assert_eq!(hello["op"], 10, "{hello}");
        assert_eq!(hello["d"]["heartbeat_interval"], 41_250);
        client
    }

    async fn send(&mut self, payload: Value) {
        self.ws
            .send(Message::Text(payload.to_string()))
            .await
            .unwrap();
    }

    /// The next payload (panics after 5 s or on a close).
    async fn next(&mut self) -> Value {
        loop {
            let message = tokio::time::timeout(WAIT, self.ws.next()).await.unwrap();
            match message {
                Some(Ok(Message::Text(text))) => return serde_json::from_str(&text).unwrap(),
                Some(Ok(Message::Ping(_) | Message::Pong(_))) => continue,
                other => panic!("expected a payload, got {other:?}"),
            }
        }
    }

    /// How the connection ends: the close code, or `None` if it was dropped.
    async fn closed(&mut self) -> Option<u16> {
        loop {
            let message = tokio::time::timeout(WAIT, self.ws.next()).await.unwrap();
            match message {
                Some(Ok(Message::Close(frame))) => return frame.map(|f| f.code.into()),
                Some(Ok(_)) => continue,
                Some(Err(_)) | None => return None,
            }
        }
    }

    /// IDENTIFY; READY's and GUILD_CREATE's data.
    async fn identify(&mut self, intents: u64) -> (Value, Value) {
        self.send(json!({ "op": 2, "d": {
            "token": format!("Bot {TOKEN}"), "intents": intents, "compress": true,
            "large_threshold": 250, "shard": [0, 1],
            "properties": { "os": "linux", "browser": "serenity", "device": "serenity" },
        }}))
        .await;
        let ready = self.next().await;
        assert_eq!(
            (ready["t"].clone(), ready["s"].clone()),
            (json!("READY"), json!(1))
        );
        let guild = self.next().await;
        assert_eq!(
            (guild["t"].clone(), guild["s"].clone()),
            (json!("GUILD_CREATE"), json!(2))
        );
        (ready["d"].clone(), guild["d"].clone())
    }
}

/// Every intent serenity's `GatewayIntents::all()` asks.
const ALL_INTENTS: u64 = (1 << 26) - 1;
