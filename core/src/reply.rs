//! What the hub says back: platform-neutral messages and where they should go.
//!
//! Message text uses a light markup every adapter can render: `**bold**`, `_italic_`,
//! `` `code` ``, bare URLs, and line breaks. Choices are buttons, numbered options or
//! reactions depending on the platform; each carries the command it stands for, so
//! picking one still works after a restart.

use serde::{Deserialize, Serialize};

use crate::model::{MemberId, RoomPurpose};

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Message {
    pub text: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<Choice>,
    /// A file sent with the message (a calendar, an export).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<Attachment>,
    /// Members the text names, for platforms that can notify them (a Matrix pill).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mentions: Vec<Mention>,
    /// Instants the text names, for platforms that show an instant in each reader's own
    /// zone (Discord's `<t:…>`); the others keep the text as written.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub moments: Vec<Moment>,
    /// Only the member who asked may see it, though it is said in a room: adapters whose
    /// platform shows a message to one reader (a Discord ephemeral reply) do so.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub asker_only: bool,
    /// It answers the message the event came with, in a room where others talk too:
    /// adapters send it as a reply to that message (Matrix `m.in_reply_to`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub in_reply: bool,
}

/// A member named in a message's text, by the platform's user ID.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    pub user_id: String,
    /// How the text names them.
    pub name: String,
}

/// An instant named in a message's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Moment {
    /// How the text writes it, in the reader's zone (`Fri 12 Dec, 19:00`).
    pub text: String,
    /// The instant, in seconds since the Unix epoch.
    pub at: i64,
}

/// A text file attached to a message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    /// File name offered to the member (`event-3.ics`).
    pub name: String,
    /// Media type (`text/calendar`).
    pub media_type: String,
    pub content: String,
}

impl Message {
    pub fn text(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            choices: Vec::new(),
            file: None,
            mentions: Vec::new(),
            moments: Vec::new(),
            asker_only: false,
            in_reply: false,
        }
    }

    /// The message for the member who asked only (see [`Message::asker_only`]).
    pub fn for_asker_only(mut self) -> Self {
        self.asker_only = true;
        self
    }

    /// Marks `moment`'s text in the message as the instant it writes.
    pub fn with_moment(mut self, moment: Moment) -> Self {
        if self.text.contains(&moment.text) && !self.moments.contains(&moment) {
            self.moments.push(moment);
        }
        self
    }

    /// Marks `name` in the text as a mention of the platform user `user_id`.
    pub fn mentioning(mut self, user_id: &str, name: &str) -> Self {
        self.mentions.push(Mention {
            user_id: user_id.to_owned(),
            name: name.to_owned(),
        });
        self
    }

    /// The message as it leaves for `platform`: unable to ping a whole room
    /// ([`crate::edge::defuse`]), its commands written with the platform's prefix
    /// ([`crate::edge::prefixed`]).
    pub fn leaving_for(mut self, platform: crate::model::Platform) -> Self {
        if let std::borrow::Cow::Owned(text) = crate::edge::defuse(&self.text) {
            self.text = text;
        }
        let prefix = platform.command_prefix();
        if let std::borrow::Cow::Owned(text) = crate::edge::prefixed(&self.text, prefix) {
            self.text = text;
        }
        // Labels are shown as text too on some platforms.
        for choice in &mut self.choices {
            if let std::borrow::Cow::Owned(label) = crate::edge::defuse(&choice.label) {
                choice.label = label;
            }
        }
        self
    }

    pub fn with_file(mut self, file: Attachment) -> Self {
        self.file = Some(file);
        self
    }

    pub fn with_choices(mut self, choices: Vec<Choice>) -> Self {
        self.choices = choices;
        self
    }
}

/// One option offered under a message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub label: String,
    /// The command picking it runs, as if the member had typed it (`/lang fr`).
    pub command: String,
}

impl Choice {
    pub fn new(label: impl Into<String>, command: impl Into<String>) -> Self {
        Self {
            label: label.into(),
            command: command.into(),
        }
    }
}

/// Where a reply goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Where the incoming event happened (the room, or the DM).
    Here,
    /// A private message to a member, on the platform they just used when possible.
    Member(MemberId),
    /// Every room serving this purpose, on every platform.
    Rooms(RoomPurpose),
    /// Every room serving this purpose, kept current: the first message under `key` is
    /// posted, each later one edits it there (an event's announcement as answers come).
    Kept { purpose: RoomPurpose, key: String },
    /// Only the edit of what was posted under `key` in those rooms; nothing where
    /// nothing was.
    Update { purpose: RoomPurpose, key: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub target: Target,
    pub message: Message,
}

impl Reply {
    pub fn here(message: Message) -> Self {
        Self {
            target: Target::Here,
            message,
        }
    }

    pub fn to_member(member: MemberId, message: Message) -> Self {
        Self {
            target: Target::Member(member),
            message,
        }
    }
}
