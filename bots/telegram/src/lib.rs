//! Passerelle on Telegram: the hub as a Telegram bot, on teloxide 0.17.
//!
//! Built up in steps: [`settings`] reads `[telegram]`, [`render`] writes the hub's
//! messages as Telegram HTML cut to Telegram's length, [`translate`] reads updates,
//! [`classify`] reads a failed call for the outbox.

pub mod classify;
pub mod render;
pub mod settings;
pub mod translate;

pub use settings::Settings;
