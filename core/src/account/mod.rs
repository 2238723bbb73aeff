//! The member's own account: `/lang`, `/tz`, `/profile`, linked accounts (`/link`,
//! `/unlink`) and `/forget`.

pub(crate) mod catalog;
pub mod command;
mod complete;
mod forget;
pub(crate) mod hub;
mod link;
mod profile;
mod store;

pub use command::{Command, ProfileCommand, Setting};
pub(crate) use complete::{complete_language, complete_zone};
pub use store::Forgotten;

/// This job's messages.
pub(crate) const TEXTS: crate::i18n::Texts = crate::i18n::Texts {
    en: include_str!("en.ftl"),
    fr: include_str!("fr.ftl"),
};
