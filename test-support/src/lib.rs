//! What Passerelle's tests and benchmarks share, so each is written once: throwaway
//! databases on either backend ([`db`]), the test community ([`community`]), a
//! process harness whose processes die with the test ([`process`], and [`passerelle`]
//! for the real binary), a fake Telegram Bot API server ([`telegram`]), and a fake
//! Discord, REST and gateway ([`discord`]); the benchmarks' shared printing ([`bench`]).
//!
//! A dev-dependency only: nothing here belongs in a release build.

pub mod bench;
pub mod community;
pub mod db;
pub mod discord;
mod http;
mod multipart;
pub mod passerelle;
pub mod process;
mod record;
pub mod telegram;

pub use community::{community, room, says};
pub use db::{Backend, TestDb};
pub use passerelle::Passerelle;
pub use process::{Launch, Process};

/// The runtime a test or benchmark runs its async body on: two worker threads, timers
/// and I/O on.
pub fn runtime() -> std::io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
}
