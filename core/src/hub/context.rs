//! Who is asking, for one command ([`Context`]), and how what is for their eyes alone
//! is said: in private, or in the room to them alone where the platform whispers.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::i18n;
use crate::incoming::{Event, Incoming, Place};
use crate::lang::Lang;
use crate::model::{Member, Role};
use crate::reply::{Message, Reply};

/// Who is asking, resolved against the store, for one command.
#[derive(Debug)]
pub(crate) struct Context<'a> {
    pub(crate) incoming: &'a Incoming,
    pub(crate) member: Member,
    /// Stored roles, platform roles and `Member`, merged.
    pub(crate) roles: Vec<Role>,
    pub(crate) lang: Lang,
    pub(crate) zone: Tz,
    pub(crate) now: DateTime<Utc>,
}

impl Context<'_> {
    /// Whether what is said here can be for the asker alone: a command from a platform's
    /// menu, or a button pressed, on a platform that whispers in rooms.
    pub(crate) fn whispers(&self) -> bool {
        matches!(self.incoming.place, Place::Room(_))
            && self.incoming.platform.whispers()
            && matches!(
                self.incoming.event,
                Event::Invoked(_) | Event::ChoicePicked(_)
            )
    }

    /// `message` for the asker's eyes only: here in private; in a room, here for them
    /// alone where the platform can ([`Context::whispers`]), else in private with the
    /// `notice` here.
    pub(crate) fn privately(&self, message: Message, notice: &str) -> Vec<Reply> {
        match &self.incoming.place {
            Place::Direct => vec![Reply::here(message)],
            Place::Room(_) if self.whispers() => vec![Reply::here(message.for_asker_only())],
            Place::Room(_) => vec![
                Reply::here(Message::text(i18n::t(self.lang, notice))),
                Reply::to_member(self.member.id, message),
            ],
        }
    }
}
