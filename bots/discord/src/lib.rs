//! Passerelle on Discord, being built (issue 16). So far the pure parts: [`settings`]
//! reads `[discord]` and takes the token from the environment only; [`render`] writes
//! the hub's messages as Discord markdown cut to Discord's 2,000 characters. The
//! gateway, the slash commands and the outbox's adapter come next, on serenity 0.12.

pub mod render;
pub mod settings;

pub use settings::{Settings, Token};
