//! The gateway's session, apart from any socket: the log of dispatches with their sequence
//! numbers, kept so that none is lost (queued before the first IDENTIFY, replayed after the
//! client's `seq` on RESUME, carried into a new session if never written), and the counters
//! tests read (IDENTIFYs, RESUMEs, intents, the connection that is ready).

use std::collections::HashMap;

use serde_json::Value;
use tokio::sync::watch;

use super::ids::snowflake;

/// How the fake ends a connection when a test asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kill {
    /// The TCP connection is closed with no close frame, as a network drop.
    Drop,
    /// A close frame with this code.
    Close(u16),
}

/// One dispatch of the session.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub seq: u64,
    pub event: String,
    pub data: Value,
    /// Made by the fake for one connection (`READY`, its `GUILD_CREATE`, `RESUMED`), not
    /// dispatched by the test: never carried into another session.
    pub control: bool,
    /// Already written to some connection.
    pub written: bool,
}

#[derive(Debug)]
pub(crate) struct Gateway {
    pub session_id: String,
    /// Whether a client identified for this session (else it only collects dispatches).
    pub identified: bool,
    pub log: Vec<Entry>,
    next_seq: u64,
    pub identifies: usize,
    pub resumes: usize,
    pub intents: Option<u64>,
    /// The connection READY or RESUMED was written to, while it lasts.
    pub live: Option<u64>,
    /// Each open connection's switch, by connection number.
    pub connections: HashMap<u64, watch::Sender<Option<Kill>>>,
    next_connection: u64,
}

impl Default for Gateway {
    fn default() -> Gateway {
        Gateway {
            session_id: new_session_id(),
            identified: false,
            log: Vec::new(),
            // 1 and 2 are READY's and GUILD_CREATE's.
            next_seq: 3,
            identifies: 0,
            resumes: 0,
            intents: None,
            live: None,
            connections: HashMap::new(),
            next_connection: 1,
        }
    }
}

impl Gateway {
    /// Adds a dispatch to the session; its sequence number.
    pub fn push(&mut self, event: &str, data: Value) -> u64 {
        self.push_entry(event, data, false)
    }

    fn push_entry(&mut self, event: &str, data: Value, control: bool) -> u64 {
        let seq = self.next_seq;
        self.next_seq += 1;
        self.log.push(Entry {
            seq,
            event: event.to_owned(),
            data,
            control,
            written: false,
        });
        seq
    }

    /// Whether the client asked for all of `intents` (none asked before an IDENTIFY).
    pub fn wants(&self, intents: u64) -> bool {
        self.intents.is_some_and(|asked| asked & intents == intents)
    }

    /// A new connection: its number and its switch.
    pub fn connect(&mut self) -> (u64, watch::Receiver<Option<Kill>>) {
        let number = self.next_connection;
        self.next_connection += 1;
        let (switch, receiver) = watch::channel(None);
        self.connections.insert(number, switch);
        (number, receiver)
    }

    /// Whether a test ended `connection` (or it is gone).
    pub fn is_cut(&self, connection: u64) -> bool {
        self.connections
            .get(&connection)
            .is_none_or(|switch| switch.borrow().is_some())
    }

    pub fn disconnect(&mut self, connection: u64) {
        self.connections.remove(&connection);
        if self.live == Some(connection) {
            self.live = None;
        }
    }

    /// Ends every connection but `keep` with `kill`.
    pub fn kill_others(&mut self, keep: Option<u64>, kill: Kill) {
        for (number, switch) in &self.connections {
            if Some(*number) != keep {
                switch.send_replace(Some(kill));
            }
        }
        if self.live != keep {
            self.live = None;
        }
    }

    /// An IDENTIFY: the session READY opens (this one if no client identified for it yet,
    /// else a new one that takes the dispatches never written); READY (`ready` made from the
    /// session ID) and GUILD_CREATE go first, as 1 and 2. The first sequence to write.
    pub fn identify(&mut self, ready: impl FnOnce(&str) -> Value, guild_create: Value) -> u64 {
        if self.identified {
            let unsent: Vec<Entry> = self
                .log
                .drain(..)
                .filter(|entry| !entry.written && !entry.control)
                .collect();
            self.session_id = new_session_id();
            self.next_seq = 3;
            for entry in unsent {
                self.push(&entry.event, entry.data);
            }
        }
        self.identified = true;
        self.identifies += 1;
        let opening = [
            ("READY", ready(&self.session_id)),
            ("GUILD_CREATE", guild_create),
        ];
        for (seq, (event, data)) in (1..).zip(opening) {
            let entry = Entry {
                seq,
                event: event.to_owned(),
                data,
                control: true,
                written: false,
            };
            self.log.insert(seq as usize - 1, entry);
        }
        1
    }

    /// A RESUME of `session_id` after `seq`: the first sequence to write and RESUMED's, or
    /// `None` for a session that is not (or no longer) the one open.
    pub fn resume(&mut self, session_id: &str, seq: u64) -> Option<(u64, u64)> {
        if !self.identified || session_id != self.session_id {
            return None;
        }
        self.resumes += 1;
        let resumed = self.push_entry("RESUMED", Value::Object(Default::default()), true);
        Some((seq + 1, resumed))
    }

    /// The entries to write from `cursor` on, marked written; a RESUMED other than `own`
    /// (an earlier connection's) is passed over.
    pub fn take(&mut self, cursor: u64, own: Option<u64>) -> Vec<Entry> {
        let mut out = Vec::new();
        for entry in self.log.iter_mut().filter(|entry| entry.seq >= cursor) {
            let foreign = entry.control && entry.event == "RESUMED" && Some(entry.seq) != own;
            entry.written = true;
            if !foreign {
                out.push(entry.clone());
            }
        }
        out
    }
}

fn new_session_id() -> String {
    format!(
        "{:032x}",
        u128::from(snowflake()).wrapping_mul(0x2545_f491_4f6c_dd1d)
    )
}
