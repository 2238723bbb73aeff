//! The fake's own promises, checked with plain clients (a small hyper client for REST,
//! tokio-tungstenite for the gateway), with serenity 0.12.5's model types reading what it
//! sends, and with a real serenity client against it.

mod answers;
mod client;
mod failures;
mod gateway;
mod guild;
mod interactions;
mod limits;
mod models;
mod rest;

use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use hyper::HeaderMap;
use serde_json::{Value, json};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

use super::*;
use crate::http;

const TOKEN: &str = "MTIzNDU2Nzg5MDEyMzQ1Njc4.fake.discord-token";
const APPLICATION: u64 = 1_100_000_000_000_000_001;
const GUILD: u64 = 1_200_000_000_000_000_001;
const GENERAL: u64 = 1_200_000_000_000_000_101;
const EVENTS: u64 = 1_200_000_000_000_000_102;
const NEWCOMER: u64 = 1_200_000_000_000_000_201;
const HELPER: u64 = 1_200_000_000_000_000_202;
/// A DM channel no guild knows.
const DM: u64 = 1_400_000_000_000_000_001;
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

/// Alice's slash command `name`, no options, no roles given, in `channel` (of the guild, or
/// a DM with no guild).
fn command(guild: Option<u64>, channel: u64, name: &str) -> Value {
    slash_command(guild, channel, &alice(), &[], 0, name, json!([]))
}

/// `Bot <token>`, the right `Authorization`.
fn bot_token() -> String {
    format!("Bot {TOKEN}")
}

/// A request to `/api/v10{path}` with `authorization` (serenity sends `Bot <token>`) and a
/// body of `content_type`: status, headers and the body as JSON (`null` when empty).
async fn send(
    fake: &FakeDiscord,
    method: &str,
    path: &str,
    authorization: Option<&str>,
    content_type: &str,
    body: Vec<u8>,
) -> (u16, HeaderMap, Value) {
    let mut headers = vec![("content-type", content_type)];
    headers.extend(authorization.map(|value| ("authorization", value)));
    let path = format!("/api/v10{path}");
    let (status, headers, bytes) = http::client::send(fake.address, method, &path, &headers, body)
        .await
        .unwrap();
    let json = if bytes.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&bytes).unwrap()
    };
    (status, headers, json)
}

/// `method` on `/api/v10{path}` with a JSON body (none for `null`), the right token: status,
/// headers and body.
async fn api_headers(
    fake: &FakeDiscord,
    method: &str,
    path: &str,
    body: &Value,
) -> (u16, HeaderMap, Value) {
    let bytes = if body.is_null() {
        Vec::new()
    } else {
        body.to_string().into_bytes()
    };
    let token = bot_token();
    let json = "application/json";
    send(fake, method, path, Some(&token), json, bytes).await
}

/// `method` on `/api/v10{path}` with a JSON body, the right token: status and body.
async fn api(fake: &FakeDiscord, method: &str, path: &str, body: Value) -> (u16, Value) {
    let (status, _, json) = api_headers(fake, method, path, &body).await;
    (status, json)
}

async fn get(fake: &FakeDiscord, path: &str) -> (u16, Value) {
    api(fake, "GET", path, Value::Null).await
}

async fn post(fake: &FakeDiscord, path: &str, body: Value) -> (u16, Value) {
    api(fake, "POST", path, body).await
}

/// The bot's message in `channel`, which must be accepted: as answered.
async fn post_message(fake: &FakeDiscord, channel: u64, body: Value) -> Value {
    let (status, sent) = post(fake, &format!("/channels/{channel}/messages"), body).await;
    assert_eq!(status, 200, "{sent}");
    sent
}

/// `POST /api/v10{path}` as serenity sends a file: multipart, the file `picnic.ics` (a
/// calendar) as `files[0]`, then `payload`. Status and body.
async fn upload(
    fake: &FakeDiscord,
    path: &str,
    authorization: Option<&str>,
    payload: &Value,
) -> (u16, Value) {
    let boundary = "b0undary";
    let body = format!(
        "--{boundary}\r\n\
         Content-Disposition: form-data; name=\"files[0]\"; filename=\"picnic.ics\"\r\n\
         Content-Type: text/calendar\r\n\r\n\
         BEGIN:VCALENDAR\r\n\
         --{boundary}\r\n\
         Content-Disposition: form-data; name=\"payload_json\"\r\n\r\n\
         {payload}\r\n\
         --{boundary}--\r\n"
    );
    let content_type = format!("multipart/form-data; boundary={boundary}");
    let body = body.into_bytes();
    let (status, _, answer) = send(fake, "POST", path, authorization, &content_type, body).await;
    (status, answer)
}

/// An interaction's callback, under `/api/v10`.
fn callback_path(interaction: &Value) -> String {
    let token = interaction["token"].as_str().unwrap();
    format!(
        "/interactions/{}/{token}/callback",
        interaction_id(interaction)
    )
}

/// The webhook of an interaction's token, and `rest` after it, under `/api/v10`.
fn webhook_path(interaction: &Value, rest: &str) -> String {
    let token = interaction["token"].as_str().unwrap();
    format!("/webhooks/{APPLICATION}/{token}{rest}")
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

/// A fake, and a client connected to it that identified with no intents.
async fn identified() -> (FakeDiscord, Client) {
    let fake = fake().await;
    let mut client = Client::connect(&fake).await;
    client.identify(0).await;
    (fake, client)
}
