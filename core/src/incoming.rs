//! What adapters hand the hub: who did what, where.

use crate::lang::Lang;
use crate::model::{Identity, Platform, Role};

/// One thing that happened on a platform, translated by its adapter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Incoming {
    /// The platform's ID for this event (a Matrix event ID, a Telegram update ID), when
    /// it has one: an event handled once is never handled again, only its replies are
    /// given back.
    pub id: Option<String>,
    pub platform: Platform,
    pub sender: Sender,
    pub place: Place,
    pub event: Event,
}

impl Incoming {
    /// The sender as one of a member's identities: who they are on this platform.
    pub fn identity(&self) -> Identity {
        Identity {
            platform: self.platform,
            user_id: self.sender.user_id.clone(),
            display_name: self.sender.display_name.clone(),
        }
    }
}

/// The person behind an event, as their platform knows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sender {
    /// The platform's stable user ID (`@nadia:example.org`, `123456789`).
    pub user_id: String,
    pub display_name: String,
    /// Roles the adapter derives from platform roles or power levels (see the config).
    pub roles: Vec<Role>,
    /// The language their platform reports (a client locale), when the hub speaks it.
    pub language: Option<Lang>,
}

/// Where it happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// A community room, by the platform's room ID.
    Room(String),
    /// A private conversation between the sender and the hub.
    Direct,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A message; commands are messages that start with `/` or `!`.
    Message(String),
    /// The sender picked one of the choices of an earlier reply; carries its command.
    ChoicePicked(String),
    /// A command with typed options, as a platform with a command menu sends it (a
    /// Discord slash command): read by the same grammar as text, its values whole.
    Invoked(Invocation),
    /// The sender joined the community (entered one of its rooms).
    Joined,
    /// The sender left the community.
    Left,
    /// The sender asked to enter the community room of the place, which lets nobody in
    /// unasked (a Telegram join request; a Matrix knock would be one, though the Matrix
    /// adapter does not read knocks yet); the hub may write to them in private meanwhile.
    AskedToJoin(Admission),
    /// A message the platform delivered that could not be read (end-to-end encrypted
    /// with a key this device does not have): in private, the sender is asked to send
    /// it again; in a room, nothing.
    Unreadable,
}

/// A command invoked from a platform's command menu.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invocation {
    /// The command's name as the catalog declares it (`event`).
    pub command: String,
    /// Its subcommand (`create`), for a command that has them.
    pub sub: Option<String>,
    /// Each option given, by its declared name, its value as text.
    pub options: Vec<(String, String)>,
}

/// How a request to join is decided, as the platform's settings say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admission {
    /// The questionnaire starts in private; the hub lets them in once they accept the
    /// rules (at once when the community has no rules gate).
    AfterRules,
    /// The hub lets them in at once, and greets them.
    AtOnce,
    /// The room's admins decide; the welcome team is told.
    ByAdmins,
}
