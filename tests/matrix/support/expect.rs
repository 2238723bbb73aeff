//! What a scripted member received (`Received`), and what a test waits for (`Expect`),
//! both printable so that a failure says what was awaited and what came instead.

use std::fmt;
use std::time::Instant;

use matrix_sdk::ruma::{EventId, OwnedEventId, OwnedRoomId, OwnedUserId, RoomId, UserId};

/// One event a member's client received in a room.
#[derive(Debug, Clone)]
pub struct Received {
    pub room: OwnedRoomId,
    /// The test's name for the room (`main`, `dm with @x:localhost`), else its ID.
    pub room_label: String,
    pub sender: OwnedUserId,
    pub event_id: OwnedEventId,
    pub kind: Kind,
    /// A message's plain `body`, a reaction's key.
    pub body: String,
    /// `formatted_body` when the format is `org.matrix.custom.html`.
    pub formatted: Option<String>,
    /// `m.mentions.user_ids`.
    pub mentions: Vec<OwnedUserId>,
    /// The event has `m.mentions` (even empty): it pings only whom it names.
    pub explicit_mentions: bool,
    /// It arrived as `m.room.encrypted` and was decrypted.
    pub encrypted: bool,
    /// Only decrypted on a later try, once its room key arrived.
    pub decrypted_late: bool,
    /// The room is a direct chat for this member.
    pub direct: bool,
    /// When this member's client handled it.
    pub at: Instant,
}

/// The kind of a [`Received`] event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// `m.room.message`, with its `msgtype`, the event it edits (`m.replace`) and the
    /// one it replies to (`m.in_reply_to`), if any.
    Message {
        msgtype: String,
        replaces: Option<OwnedEventId>,
        reply_to: Option<OwnedEventId>,
    },
    /// `m.reaction` on the event `to`.
    Reaction { to: OwnedEventId },
    /// `m.room.encrypted` that could not be decrypted (yet).
    Undecryptable { reason: String },
}

impl Received {
    /// It names `user` as a mention: in `m.mentions` or as a matrix.to pill.
    pub fn mentions(&self, user: &UserId) -> bool {
        self.mentions.iter().any(|mentioned| mentioned == user)
            || self
                .formatted
                .as_deref()
                .is_some_and(|html| html.contains(&format!("matrix.to/#/{user}")))
    }

    /// The lines `1. …`, `2. …` at the end of the body: the choices offered.
    pub fn choices(&self) -> Vec<String> {
        let mut choices: Vec<String> = self
            .body
            .lines()
            .rev()
            .map_while(|line| {
                let (number, text) = line.trim().split_once(". ")?;
                number.parse::<u32>().ok()?;
                Some(text.trim().to_owned())
            })
            .collect();
        choices.reverse();
        choices
    }

    /// The first `#N` in the body: an event or FAQ entry number.
    pub fn first_number(&self) -> Option<u64> {
        self.body.split('#').skip(1).find_map(|after| {
            let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
            digits.parse().ok()
        })
    }
}

impl fmt::Display for Received {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut flags = Vec::new();
        if self.direct {
            flags.push("dm");
        }
        if self.encrypted {
            flags.push("encrypted");
        }
        if self.decrypted_late {
            flags.push("decrypted late");
        }
        let flags = if flags.is_empty() {
            String::new()
        } else {
            format!(" ({})", flags.join(", "))
        };
        let body = self.body.replace('\n', "\n        ");
        match &self.kind {
            Kind::Message {
                msgtype,
                replaces,
                reply_to,
            } => {
                let msgtype = if msgtype == "m.text" {
                    String::new()
                } else {
                    format!(" [{msgtype}]")
                };
                let edit = replaces
                    .as_ref()
                    .map(|edited| format!(" [edit of {edited}]"))
                    .unwrap_or_default();
                let reply = reply_to
                    .as_ref()
                    .map(|replied| format!(" [reply to {replied}]"))
                    .unwrap_or_default();
                write!(
                    f,
                    "[{}] {}{msgtype}{edit}{reply}{flags} {}: {body}",
                    self.room_label, self.sender, self.event_id
                )
            }
            Kind::Reaction { to } => write!(
                f,
                "[{}] {} reacted {body} to {to}{flags}",
                self.room_label, self.sender
            ),
            Kind::Undecryptable { reason } => write!(
                f,
                "[{}] {} sent {} that could not be decrypted: {reason}",
                self.room_label, self.sender, self.event_id
            ),
        }
    }
}

/// A description of an awaited event: a message (edits only when asked) or a reaction.
#[derive(Debug, Clone)]
pub struct Expect {
    reaction: bool,
    sender: Option<OwnedUserId>,
    room: Option<(OwnedRoomId, String)>,
    direct: bool,
    encrypted: bool,
    containing: Vec<String>,
    mentioning: Option<OwnedUserId>,
    on: Option<OwnedEventId>,
    /// The message it edits (`m.replace`); `None`: not an edit.
    edits: Option<OwnedEventId>,
    after: Option<Instant>,
}

impl Expect {
    /// A message from `sender`.
    pub fn message_from(sender: &UserId) -> Expect {
        Expect {
            reaction: false,
            sender: Some(sender.to_owned()),
            room: None,
            direct: false,
            encrypted: false,
            containing: Vec::new(),
            mentioning: None,
            on: None,
            edits: None,
            after: None,
        }
    }

    /// A reaction from `sender` with `key` (say `1️⃣`).
    pub fn reaction_from(sender: &UserId, key: &str) -> Expect {
        Expect {
            reaction: true,
            ..Expect::message_from(sender).containing(key)
        }
    }

    /// In that room (`label` is how the failure message names it).
    pub fn in_room(mut self, room: &RoomId, label: &str) -> Expect {
        self.room = Some((room.to_owned(), label.to_owned()));
        self
    }

    /// In a direct chat, end-to-end encrypted.
    pub fn in_encrypted_dm(mut self) -> Expect {
        self.direct = true;
        self.encrypted = true;
        self
    }

    /// Arrived encrypted (and was decrypted).
    pub fn encrypted(mut self) -> Expect {
        self.encrypted = true;
        self
    }

    /// Its body contains `text` (a reaction's key is its body).
    pub fn containing(mut self, text: &str) -> Expect {
        self.containing.push(text.to_owned());
        self
    }

    /// It mentions `user` (`m.mentions` or a pill).
    pub fn mentioning(mut self, user: &UserId) -> Expect {
        self.mentioning = Some(user.to_owned());
        self
    }

    /// A reaction to that event.
    pub fn on(mut self, event: &EventId) -> Expect {
        self.on = Some(event.to_owned());
        self
    }

    /// An edit of that message.
    pub fn editing(mut self, event: &EventId) -> Expect {
        self.edits = Some(event.to_owned());
        self
    }

    /// Received after that instant (say, after the command it answers was sent).
    pub fn after(mut self, instant: Instant) -> Expect {
        self.after = Some(instant);
        self
    }

    pub fn matches(&self, received: &Received) -> bool {
        let kind = match &received.kind {
            Kind::Message { replaces, .. } => !self.reaction && *replaces == self.edits,
            Kind::Reaction { to } => {
                self.reaction && self.on.as_ref().is_none_or(|event| event == to)
            }
            Kind::Undecryptable { .. } => false,
        };
        kind && self.after.is_none_or(|after| received.at > after)
            && self
                .sender
                .as_ref()
                .is_none_or(|sender| *sender == received.sender)
            && self
                .room
                .as_ref()
                .is_none_or(|(room, _)| *room == received.room)
            && (!self.direct || received.direct)
            && (!self.encrypted || received.encrypted)
            && self
                .containing
                .iter()
                .all(|text| received.body.contains(text.as_str()))
            && self
                .mentioning
                .as_ref()
                .is_none_or(|user| received.mentions(user))
    }
}

impl fmt::Display for Expect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.reaction {
            "a reaction"
        } else {
            "a message"
        })?;
        if let Some(sender) = &self.sender {
            write!(f, " from {sender}")?;
        }
        if let Some((_, label)) = &self.room {
            write!(f, " in [{label}]")?;
        }
        if self.direct {
            f.write_str(" in a DM")?;
        }
        if self.encrypted {
            f.write_str(", end-to-end encrypted")?;
        }
        if let Some(event) = &self.on {
            write!(f, " on {event}")?;
        }
        if let Some(event) = &self.edits {
            write!(f, " editing {event}")?;
        }
        for text in &self.containing {
            write!(f, ", containing {text:?}")?;
        }
        if let Some(user) = &self.mentioning {
            write!(f, ", mentioning {user}")?;
        }
        Ok(())
    }
}
