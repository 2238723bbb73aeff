//! A fake Telegram Bot API server, for running the real bot (teloxide pointed at it with
//! `Bot::set_api_url`) in tests: HTTP on `127.0.0.1`, the JSON of the methods and
//! updates the adapter uses as the Bot API documents them (checked against teloxide
//! 0.17's types), every call recorded with its answer and how long it took, and the
//! failures Telegram really gives injected on demand: 429 with `retry_after`, 403, 400,
//! slow answers, dropped connections, and, when asked, Telegram's flood limits.
//!
//! A test starts it with [`FakeTelegram::start`], gives the bot [`FakeTelegram::url`],
//! pushes updates made by the builders ([`message`], [`callback_query`], …) and awaits
//! the bot's calls with [`FakeTelegram::wait_for`]. Like Telegram, it lets the bot
//! write only to private chats their user opened (a private message, a button pressed
//! there, [`FakeTelegram::open_private`]) or that a join request opened (5 minutes, or
//! until it is approved or declined): any other is 403 `bot can't initiate conversation
//! with a user`. It never answers 5xx unless a test asks: teloxide sleeps 10 s after one.

mod call;
mod failure;
mod html;
mod limits;
mod messages;
mod methods;
mod objects;
mod params;
mod poll;
mod server;
mod state;
mod updates;
mod webhook;

#[cfg(test)]
mod tests;

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use serde_json::Value;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::http;
use crate::record::{Recorder, lock};

pub use call::Call;
pub use failure::{BLOCKED, CANT_INITIATE, CHAT_NOT_FOUND, Failure, THREAD_NOT_FOUND};
pub use limits::{Limits, Rate};
pub use methods::Profile;
pub use objects::{Chat, ChatKind, Status, User, entities, member};
pub use params::Upload;
pub use updates::{
    Update, callback_query, chat_join_request, chat_member, edited_message, message,
    new_chat_members,
};
pub use webhook::Posted;

use failure::Rule;
use state::State;

/// What the server task and the test share.
#[derive(Debug)]
pub(crate) struct Shared {
    token: String,
    profile: Profile,
    state: Mutex<State>,
    /// Bumped at each update pushed and each `getUpdates`: wakes the waiting polls.
    pushed: watch::Sender<u64>,
    /// Every call answered: wakes [`FakeTelegram::wait_for`].
    calls: Recorder<Call>,
}

impl Shared {
    fn state(&self) -> MutexGuard<'_, State> {
        lock(&self.state)
    }
}

/// The running fake; it stops, dropping every connection, when dropped.
#[derive(Debug)]
pub struct FakeTelegram {
    shared: Arc<Shared>,
    address: SocketAddr,
    server: JoinHandle<()>,
    /// Posts updates to the webhook, when one is set.
    poster: JoinHandle<()>,
}

impl Drop for FakeTelegram {
    fn drop(&mut self) {
        self.server.abort();
        self.poster.abort();
    }
}

impl FakeTelegram {
    /// A fake for the bot with `token` (`<bot id>:<secret>`): the bot is `@passerelle_test_bot`,
    /// with its ID from the token, privacy mode on.
    pub async fn start(token: &str) -> std::io::Result<FakeTelegram> {
        let id = token
            .split_once(':')
            .and_then(|(id, _)| id.parse().ok())
            .unwrap_or(7_000_000_001);
        let profile = Profile {
            user: User::bot(id, "Passerelle", "passerelle_test_bot"),
            can_join_groups: true,
            can_read_all_group_messages: false,
        };
        FakeTelegram::start_as(token, profile).await
    }

    /// A fake for the bot with `token`, which is `profile`.
    pub async fn start_as(token: &str, profile: Profile) -> std::io::Result<FakeTelegram> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await?;
        let address = listener.local_addr()?;
        let shared = Arc::new(Shared {
            token: token.to_owned(),
            state: Mutex::new(State::new(profile.user.id)),
            profile,
            pushed: watch::Sender::new(0),
            calls: Recorder::new(),
        });
        let server = tokio::spawn(http::serve(listener, shared.clone(), server::handle));
        let poster = tokio::spawn(webhook::post_updates(shared.clone()));
        Ok(FakeTelegram {
            shared,
            address,
            server,
            poster,
        })
    }

    /// The API URL to give the bot (`http://127.0.0.1:<port>/`).
    pub fn url(&self) -> String {
        format!("http://{}/", self.address)
    }

    pub fn address(&self) -> SocketAddr {
        self.address
    }

    pub fn token(&self) -> &str {
        &self.shared.token
    }

    /// The bot, as `getMe` describes it.
    pub fn bot(&self) -> &User {
        &self.shared.profile.user
    }

    /// Queues `update` for the bot's next `getUpdates`; returns it as it will be
    /// delivered (its `update_id`, a message's `message_id` and `date` filled in).
    pub fn push_update(&self, update: Update) -> Value {
        let pushed = self.shared.state().push(update, Instant::now());
        self.shared.pushed.send_modify(|count| *count += 1);
        pushed
    }

    /// Updates queued and not yet confirmed by an `offset`.
    pub fn pending_updates(&self) -> usize {
        self.shared.state().updates.len()
    }

    /// Every call so far, in the order they were answered.
    pub fn calls(&self) -> Vec<Call> {
        self.shared.calls.all()
    }

    pub fn calls_to(&self, method: &str) -> Vec<Call> {
        self.shared.calls.filter(|c| c.method == method)
    }

    /// How many calls were recorded: a mark for [`FakeTelegram::wait_for_after`].
    pub fn mark(&self) -> usize {
        self.shared.calls.mark()
    }

    /// The first call to `method` that `matches`, among those recorded so far or until
    /// `timeout` has passed; an error listing the calls if none came.
    pub async fn wait_for(
        &self,
        method: &str,
        matches: impl Fn(&Call) -> bool,
        timeout: Duration,
    ) -> anyhow::Result<Call> {
        self.wait_for_after(0, method, matches, timeout).await
    }

    /// As [`FakeTelegram::wait_for`], among the calls after `mark`.
    pub async fn wait_for_after(
        &self,
        mark: usize,
        method: &str,
        matches: impl Fn(&Call) -> bool,
        timeout: Duration,
    ) -> anyhow::Result<Call> {
        let wanted = |c: &Call| c.method == method && matches(c);
        self.shared
            .calls
            .wait_after(mark, method, wanted, timeout)
            .await
    }

    /// The next call to `method` fails with `failure` (after those already asked).
    pub fn fail_next(&self, method: &str, failure: Failure) {
        self.add_rule(method, None, failure, true);
    }

    /// Every call to `method` fails with `failure`, until [`FakeTelegram::clear_failures`].
    pub fn fail_all(&self, method: &str, failure: Failure) {
        self.add_rule(method, None, failure, false);
    }

    /// Every call to `method` whose parameters `matches` accepts fails with `failure`.
    pub fn fail_when(
        &self,
        method: &str,
        matches: impl Fn(&Value) -> bool + Send + Sync + 'static,
        failure: Failure,
    ) {
        self.add_rule(method, Some(Arc::new(matches)), failure, false);
    }

    pub fn clear_failures(&self) {
        self.shared.state().rules.clear();
    }

    fn add_rule(
        &self,
        method: &str,
        matches: Option<failure::Matcher>,
        failure: Failure,
        once: bool,
    ) {
        self.shared.state().rules.push(Rule {
            method: method.to_owned(),
            matches,
            failure,
            once,
        });
    }

    /// Keeps Telegram's flood limits from now on (`Limits::telegram()`).
    pub fn keep_limits(&self, limits: Limits) {
        self.shared.state().limiter = Some(limits::Limiter::new(limits));
    }

    /// How many 429s the limits gave (injected ones not counted).
    pub fn limited(&self) -> u64 {
        self.shared.state().limited
    }

    /// Describes a chat before any update shows it (its type, title, forum or not).
    pub fn add_chat(&self, chat: &Chat) {
        self.shared.state().learn_chat(&chat.json());
    }

    /// A topic of the forum `chat`, which messages may name by `message_thread_id`.
    pub fn add_topic(&self, chat: i64, thread_id: i64) {
        self.shared.state().topics.insert((chat, thread_id));
    }

    /// What `getChatAdministrators` answers for `chat` (see [`member`]).
    pub fn set_administrators(&self, chat: i64, members: Vec<Value>) {
        self.shared.state().administrators.insert(chat, members);
    }

    /// The user opened the bot's private chat: the bot may write to them.
    pub fn open_private(&self, user: i64) {
        self.shared.state().opened.insert(user);
    }

    /// The user blocked the bot: 403 `bot was blocked by the user`.
    pub fn block(&self, user: i64) {
        self.shared.state().blocked.insert(user);
    }

    /// Lets the bot write to any private chat, opened or not (off: Telegram's rule).
    pub fn allow_any_private(&self, allow: bool) {
        self.shared.state().strict_private = !allow;
    }

    /// A message as it is now (edits applied), pushed or sent.
    pub fn message(&self, chat: i64, message_id: i64) -> Option<Value> {
        self.shared
            .state()
            .messages
            .get(&(chat, message_id))
            .cloned()
    }

    /// The commands `setMyCommands` set for `scope` (e.g. `{"type":"default"}`) and
    /// `language_code` (`""` for all).
    pub fn commands(&self, scope: &Value, language_code: &str) -> Option<Value> {
        let key = (scope.to_string(), language_code.to_owned());
        self.shared.state().commands.get(&key).cloned()
    }

    /// The IDs of the callback queries pushed and never answered.
    pub fn unanswered_callbacks(&self) -> Vec<String> {
        let state = self.shared.state();
        let open = state.callbacks.iter().filter(|(_, answered)| !**answered);
        open.map(|(id, _)| id.clone()).collect()
    }

    /// The webhook set (its URL and secret token), if any.
    pub fn webhook(&self) -> Option<(String, Option<String>)> {
        let state = self.shared.state();
        state
            .webhook
            .as_ref()
            .map(|hook| (hook.url.clone(), hook.secret.clone()))
    }

    /// Every post of an update to the webhook so far.
    pub fn webhook_posts(&self) -> Vec<Posted> {
        self.shared.state().webhook_posts.clone()
    }

    /// When the update with `update_id` was first delivered by `getUpdates`.
    pub fn delivered_at(&self, update_id: u32) -> Option<Instant> {
        let delivered = |call: &Call| {
            call.method == "getUpdates"
                && call
                    .result()
                    .and_then(Value::as_array)
                    .is_some_and(|updates| {
                        updates
                            .iter()
                            .any(|u| u["update_id"].as_u64() == Some(u64::from(update_id)))
                    })
        };
        self.shared
            .calls
            .find(delivered)
            .map(|call| call.answered_at())
    }
}
