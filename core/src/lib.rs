//! Passerelle's core: everything the hub knows and decides, with no chat platform in sight.
//!
//! A tour, from the outside in:
//! - [`incoming`] is what adapters hand the hub; [`reply`] is what it hands back.
//! - [`hub`] handles one event at a given instant: it parses [`command`]s, updates the
//!   [`store`], and returns messages for here while queueing the rest in the [`outbox`].
//! - Each of the hub's jobs has its own folder, with its domain types, its command
//!   grammar, its handlers (`hub`), its queries (`store`) and its texts (`en.ftl`,
//!   `fr.ftl`): [`events`], [`faq`], [`onboarding`] and [`account`] (a member's own
//!   settings and data). `jobs` is the one place that lists them.
//! - The shared layer names no job: [`model`] (communities, rooms, members, roles),
//!   [`config`], [`lang`], [`zone`], [`when`] (reading dates and durations), [`text`],
//!   [`i18n`], [`edge`], the store's pools and transactions, the outbox.
//!
//! Invariants: no chat platform crate is a dependency; nothing here reads the clock (the
//! instant is always a parameter) or sends a message (adapters do).

pub mod account;
pub mod command;
pub mod config;
pub mod edge;
pub mod events;
pub mod faq;
pub mod hub;
pub mod i18n;
pub mod incoming;
mod jobs;
pub mod lang;
pub mod markup;
pub mod model;
pub mod onboarding;
pub mod outbox;
pub mod reply;
pub mod store;
pub mod suggest;
pub mod text;
pub mod when;
pub mod zone;

pub use hub::{Hub, HubError};
pub use store::{Store, StoreError};
