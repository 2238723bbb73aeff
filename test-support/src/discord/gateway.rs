//! The gateway: WebSocket on its own `127.0.0.1` listener, JSON text frames (what serenity
//! reads besides zlib binary ones). HELLO on connect; heartbeat ACKed; IDENTIFY (token
//! checked, else close 4004) opens the session with READY and GUILD_CREATE, then the queued
//! dispatches; RESUME of the open session replays what came after the client's `seq`, then
//! RESUMED; an unknown session gets INVALID_SESSION `false`. New dispatches are written as
//! they come. Discord's close codes for the rest (4001–4005, 4012).

use std::sync::Arc;

use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::handshake::server::{Request, Response};
use tokio_tungstenite::tungstenite::protocol::CloseFrame;

use crate::http;

use super::Shared;
use super::ids::id;
use super::objects::{self, APPLICATION_FLAGS};
use super::session::Kill;

/// What Discord announces in HELLO, in milliseconds.
const HEARTBEAT_INTERVAL: u64 = 41_250;

/// Serves the gateway until the task is aborted, which drops every connection.
pub(crate) async fn serve(listener: TcpListener, shared: Arc<Shared>) {
    http::accept(listener, |stream| connection(stream, shared.clone())).await;
}

async fn connection(stream: TcpStream, shared: Arc<Shared>) {
    let mut query = String::new();
    // tungstenite's callback type, whose error is an HTTP response, is not ours to shrink.
    #[allow(clippy::result_large_err)]
    let read_query = |request: &Request, response: Response| {
        query = request.uri().query().unwrap_or_default().to_owned();
        Ok(response)
    };
    let Ok(ws) = tokio_tungstenite::accept_hdr_async(stream, read_query).await else {
        return;
    };
    let (number, kill) = shared.state().gateway.connect();
    let mut connection = Connection {
        shared: shared.clone(),
        number,
        ws,
        cursor: None,
        resumed: None,
    };
    let version_ok = super::call::query_param(&query, "v") == Some("10");
    connection.run(kill, version_ok).await;
    shared.state().gateway.disconnect(number);
    shared.bump();
}

/// How a connection ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum End {
    /// Dropped, no close frame.
    Drop,
    /// The fake closes it with this code (and Discord's reason for it).
    Close(u16),
    /// The client closed it: its close frame is answered.
    Closed,
}

struct Connection {
    shared: Arc<Shared>,
    number: u64,
    ws: WebSocketStream<TcpStream>,
    /// The next sequence to write, once identified or resumed.
    cursor: Option<u64>,
    /// The sequence of this connection's RESUMED.
    resumed: Option<u64>,
}

impl Connection {
    async fn run(&mut self, mut kill: watch::Receiver<Option<Kill>>, version_ok: bool) {
        let hello = json!({ "op": 10, "s": null, "t": null, "d": {
            "heartbeat_interval": HEARTBEAT_INTERVAL, "_trace": ["[\"fake-gateway\"]"],
        }});
        let end = if !version_ok {
            End::Close(4012)
        } else if self.send(&hello).await.is_err() {
            End::Drop
        } else {
            self.serve(&mut kill).await
        };
        match end {
            End::Drop => {}
            End::Close(code) => {
                let frame = CloseFrame {
                    code: code.into(),
                    reason: reason(code).into(),
                };
                let _ = self.ws.close(Some(frame)).await;
            }
            End::Closed => {
                // tungstenite queued the answering close frame: flushing sends it.
                let _ = self.ws.flush().await;
            }
        }
    }

    async fn serve(&mut self, kill: &mut watch::Receiver<Option<Kill>>) -> End {
        let mut changed = self.shared.gateway.subscribe();
        loop {
            tokio::select! {
                biased;
                Ok(()) = kill.changed() => {
                    let kill = *kill.borrow();
                    match kill {
                        Some(Kill::Drop) => return End::Drop,
                        Some(Kill::Close(code)) => return End::Close(code),
                        None => {}
                    }
                }
                message = self.ws.next() => {
                    let text = match message {
                        Some(Ok(Message::Text(text))) => text,
                        Some(Ok(Message::Binary(_))) => return End::Close(4002),
                        Some(Ok(Message::Ping(_) | Message::Pong(_) | Message::Frame(_))) => continue,
                        Some(Ok(Message::Close(_))) => return End::Closed,
                        Some(Err(_)) | None => return End::Drop,
                    };
                    if let Some(end) = self.receive(&text).await {
                        return end;
                    }
                }
                Ok(()) = changed.changed(), if self.cursor.is_some() => {
                    if self.flush().await.is_err() {
                        return End::Drop;
                    }
                }
            }
        }
    }

    /// Handles one payload from the client; `Some` ends the connection.
    async fn receive(&mut self, text: &str) -> Option<End> {
        let Ok(payload) = serde_json::from_str::<Value>(text) else {
            return Some(End::Close(4002));
        };
        let data = &payload["d"];
        let sent = match payload["op"].as_u64() {
            Some(1) => {
                let ack = json!({ "op": 11, "s": null, "t": null, "d": null });
                self.send(&ack).await
            }
            Some(2) if self.cursor.is_some() => {
                return Some(End::Close(4005));
            }
            Some(2) => {
                if !self.token_ok(data) {
                    return Some(End::Close(4004));
                }
                self.identify(data);
                self.flush().await
            }
            Some(6) => {
                if !self.token_ok(data) {
                    return Some(End::Close(4004));
                }
                if self.resume(data) {
                    self.flush().await
                } else {
                    let invalid = json!({ "op": 9, "s": null, "t": null, "d": false });
                    self.send(&invalid).await
                }
            }
            Some(3 | 4 | 8 | 31) if self.cursor.is_some() => Ok(()),
            Some(3 | 4 | 8 | 31) => return Some(End::Close(4003)),
            _ => return Some(End::Close(4001)),
        };
        sent.is_err().then_some(End::Drop)
    }

    /// The token given, with or without `Bot ` in front (serenity sends it with).
    fn token_ok(&self, data: &Value) -> bool {
        let token = data["token"].as_str().unwrap_or_default();
        token.strip_prefix("Bot ").unwrap_or(token) == self.shared.config.token
    }

    fn identify(&mut self, data: &Value) {
        let config = &self.shared.config;
        let shard = match &data["shard"] {
            Value::Array(shard) if shard.len() == 2 => Value::Array(shard.clone()),
            _ => json!([0, 1]),
        };
        {
            let mut state = self.shared.state();
            state.gateway.intents = data["intents"].as_u64();
            let guild_create = state.guild_create(config);
            let ready = |session_id: &str| {
                json!({
                    "v": 10,
                    "user": objects::current_user(&config.bot),
                    "user_settings": {},
                    "relationships": [],
                    "private_channels": [],
                    "presences": [],
                    "guilds": [{ "id": id(config.guild.id), "unavailable": true }],
                    "guild_join_requests": [],
                    "geo_ordered_rtc_regions": [],
                    "session_id": session_id,
                    "session_type": "normal",
                    "resume_gateway_url": config.gateway_url,
                    "shard": shard,
                    "application": { "id": id(config.application_id), "flags": APPLICATION_FLAGS },
                    "auth": {},
                    "_trace": ["[\"fake-gateway\"]"],
                })
            };
            self.cursor = Some(state.gateway.identify(ready, guild_create));
            self.resumed = None;
            state.gateway.kill_others(Some(self.number), Kill::Drop);
        }
        self.shared.bump();
    }

    /// A RESUME: whether it names the open session.
    fn resume(&mut self, data: &Value) -> bool {
        let session_id = data["session_id"].as_str().unwrap_or_default();
        let seq = data["seq"].as_u64().unwrap_or(0);
        let mut state = self.shared.state();
        let Some((cursor, resumed)) = state.gateway.resume(session_id, seq) else {
            return false;
        };
        self.cursor = Some(cursor);
        self.resumed = Some(resumed);
        state.gateway.kill_others(Some(self.number), Kill::Drop);
        true
    }

    /// Writes the dispatches not yet written to this connection.
    async fn flush(&mut self) -> Result<(), tokio_tungstenite::tungstenite::Error> {
        let Some(cursor) = self.cursor else {
            return Ok(());
        };
        let entries = {
            let mut state = self.shared.state();
            if state.gateway.is_cut(self.number) {
                return Ok(());
            }
            let entries = state.gateway.take(cursor, self.resumed);
            for entry in entries.iter().filter(|e| e.event == "INTERACTION_CREATE") {
                state.note_delivered(&entry.data);
            }
            entries
        };
        for entry in entries {
            self.cursor = Some(entry.seq + 1);
            let frame = json!({ "op": 0, "s": entry.seq, "t": entry.event, "d": entry.data });
            self.send(&frame).await?;
            if entry.control && entry.event != "GUILD_CREATE" {
                self.now_live();
            }
        }
        Ok(())
    }

    /// READY or RESUMED was written: this connection is the live one, unless a test cut it.
    fn now_live(&self) {
        {
            let mut state = self.shared.state();
            if !state.gateway.is_cut(self.number) {
                state.gateway.live = Some(self.number);
            }
        }
        self.shared.bump();
    }

    async fn send(&mut self, payload: &Value) -> Result<(), tokio_tungstenite::tungstenite::Error> {
        self.ws.send(Message::Text(payload.to_string())).await
    }
}

/// The reason Discord gives with a close code.
fn reason(code: u16) -> &'static str {
    match code {
        4000 => "Unknown error.",
        4001 => "Unknown opcode.",
        4002 => "Error while decoding payload.",
        4003 => "Not authenticated.",
        4004 => "Authentication failed.",
        4005 => "Already authenticated.",
        4007 => "Invalid seq.",
        4008 => "Rate limited.",
        4009 => "Session timed out.",
        4010 => "Invalid shard.",
        4011 => "Sharding required.",
        4012 => "Invalid API version.",
        4013 => "Invalid intent(s).",
        4014 => "Disallowed intent(s).",
        _ => "",
    }
}
