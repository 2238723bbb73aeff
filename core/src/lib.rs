//! Passerelle's core: everything the hub knows and decides, with no chat platform in sight.
//!
//! A tour, from the outside in:
//! - [`incoming`] is what adapters hand the hub; [`reply`] is what it hands back.
//! - [`hub`] handles one event at a given instant: it parses [`command`]s, updates the
//!   [`store`], and returns messages for here while queueing the rest in the [`outbox`].
//! - [`model`] holds the domain (communities, rooms, members, roles); [`config`] reads it
//!   from a file; [`lang`], [`zone`] and [`i18n`] speak to people in their language and hours.
//!
//! Invariants: no chat platform crate is a dependency; nothing here reads the clock (the
//! instant is always a parameter) or sends a message (adapters do).

pub mod command;
pub mod config;
pub mod edge;
pub mod events;
pub mod faq;
pub mod hub;
pub mod i18n;
pub mod ics;
pub mod incoming;
pub mod lang;
pub mod model;
pub mod onboarding;
pub mod outbox;
pub mod reminders;
pub mod reply;
pub mod series;
pub mod store;
pub mod suggest;
pub mod text;
pub mod when;
pub mod zone;

pub use hub::{Hub, HubError};
pub use store::{Store, StoreError};
