//! What the Matrix trials and the round-trip benchmark share: the homeserver, scripted
//! members, the bot process, the test community, and running one trial.

pub mod bot;
pub mod community;
pub mod expect;
mod inbox;
pub mod member;
pub mod synapse;
pub mod trial;
