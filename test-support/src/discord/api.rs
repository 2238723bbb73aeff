//! What a test does with a running [`FakeDiscord`]: dispatch gateway events and watch the
//! session (READY, IDENTIFYs, RESUMEs, dropping the connection), read and await the REST
//! calls, inject failures, keep Discord's rate limits, and look at Discord's side of the
//! world as it is now.

use std::time::Duration;

use serde_json::Value;

use super::failure::Rule;
use super::ids::read;
use super::limits::Limiter;
use super::session::Kill;
use super::{Call, Failure, FakeDiscord, Limits};

impl FakeDiscord {
    /// Sends the event `event` with `data` (DISPATCH, op 0) in the gateway's session; its
    /// sequence number. The identified connection gets it at once; without one it waits
    /// (after READY and GUILD_CREATE, 1 and 2, for the first IDENTIFY), and a RESUME replays
    /// it if the client had not seen it. Never lost: if a new IDENTIFY replaces the session
    /// before it was written anywhere, it goes to the new session (with a new number).
    /// What it says is learned first (members, DMs, messages, interactions…), and what only
    /// the fake knows filled in (an interaction's `application_id`, its command's ID, the
    /// member's roles: the ones the fake knows added to those given).
    pub fn dispatch(&self, event: &str, data: Value) -> u64 {
        let seq = {
            let mut state = self.shared.state();
            let mut data = data;
            state.learn(&self.shared.config, event, &mut data);
            state.gateway.push(event, data)
        };
        self.shared.bump();
        seq
    }

    /// Waits until a connection is identified (READY written) or resumed (RESUMED written)
    /// and still open.
    pub async fn wait_ready(&self, timeout: Duration) -> anyhow::Result<()> {
        let mut changed = self.shared.gateway.subscribe();
        let waiting = async {
            loop {
                changed.borrow_and_update();
                if self.shared.state().gateway.live.is_some() {
                    return;
                }
                if changed.changed().await.is_err() {
                    return;
                }
            }
        };
        tokio::time::timeout(timeout, waiting)
            .await
            .map_err(|_| anyhow::anyhow!("no gateway session ready within {timeout:?}"))
    }

    /// How many IDENTIFYs the gateway answered.
    pub fn identifies(&self) -> usize {
        self.shared.state().gateway.identifies
    }

    /// How many RESUMEs of the open session the gateway answered.
    pub fn resumes(&self) -> usize {
        self.shared.state().gateway.resumes
    }

    /// The intents of the last IDENTIFY.
    pub fn intents(&self) -> Option<u64> {
        self.shared.state().gateway.intents
    }

    /// Cuts the gateway connection as a network failure would: the TCP connection closes
    /// with no close frame (the client sees 1006). The session stays open: the client should
    /// reconnect and RESUME, and get what it missed.
    pub fn drop_gateway(&self) {
        self.shared.state().gateway.kill_others(None, Kill::Drop);
        self.shared.bump();
    }

    /// Closes the gateway connection with a close frame of `code` (4000 `Unknown error`
    /// lets the client resume; 4004, 4010–4014 do not).
    pub fn close_gateway(&self, code: u16) {
        self.shared
            .state()
            .gateway
            .kill_others(None, Kill::Close(code));
        self.shared.bump();
    }

    /// Every REST call so far, in the order they were answered.
    pub fn calls(&self) -> Vec<Call> {
        self.shared.calls.all()
    }

    /// The calls whose route `route` names (`"POST /channels/{id}/messages"`, see
    /// [`Call::matches`]).
    pub fn calls_to(&self, route: &str) -> Vec<Call> {
        self.shared.calls.filter(|c| c.matches(route))
    }

    /// How many calls were recorded: a mark for [`FakeDiscord::wait_for_after`].
    pub fn mark(&self) -> usize {
        self.shared.calls.mark()
    }

    /// The first call on `route` that `matches`, among those recorded so far or until
    /// `timeout` has passed; an error listing the calls if none came.
    pub async fn wait_for(
        &self,
        route: &str,
        matches: impl Fn(&Call) -> bool,
        timeout: Duration,
    ) -> anyhow::Result<Call> {
        self.wait_for_after(0, route, matches, timeout).await
    }

    /// As [`FakeDiscord::wait_for`], among the calls after `mark`.
    pub async fn wait_for_after(
        &self,
        mark: usize,
        route: &str,
        matches: impl Fn(&Call) -> bool,
        timeout: Duration,
    ) -> anyhow::Result<Call> {
        let wanted = |c: &Call| c.matches(route) && matches(c);
        self.shared
            .calls
            .wait_after(mark, route, wanted, timeout)
            .await
    }

    /// The next call on `route` fails with `failure` (after those already asked).
    pub fn fail_next(&self, route: &str, failure: Failure) {
        self.add_rule(route, failure, true);
    }

    /// Every call on `route` fails with `failure`, until [`FakeDiscord::clear_failures`].
    pub fn fail_all(&self, route: &str, failure: Failure) {
        self.add_rule(route, failure, false);
    }

    pub fn clear_failures(&self) {
        self.shared.state().rules.clear();
    }

    fn add_rule(&self, route: &str, failure: Failure, once: bool) {
        let rule = Rule {
            route: route.to_owned(),
            failure,
            once,
        };
        self.shared.state().rules.push(rule);
    }

    /// Keeps Discord's rate limits from now on (`Limits::discord()`), every window empty:
    /// past them a call is 429 as Discord gives it, with `retry_after` until the window
    /// it met closes (see [`Limits`] for what counts and how).
    pub fn keep_limits(&self, limits: Limits) {
        self.shared.state().limiter = Some(Limiter::new(limits));
    }

    /// How many 429s the limits gave (injected ones not counted).
    pub fn limited(&self) -> u64 {
        self.shared.state().limited
    }

    /// `user` accepts no DMs from the bot: opening the DM channel works, as on Discord, but
    /// sending to it is 403 `Cannot send messages to this user` (50007).
    pub fn close_dms(&self, user: u64) {
        self.shared.state().closed_dms.insert(user);
    }

    /// A message as it is now (edits applied), the bot's or dispatched.
    pub fn message(&self, channel: u64, message: u64) -> Option<Value> {
        self.shared.state().message(channel, message).cloned()
    }

    /// The messages of `channel`, in order (deleted ones gone).
    pub fn messages_in(&self, channel: u64) -> Vec<Value> {
        let state = self.shared.state();
        state.messages.get(&channel).cloned().unwrap_or_default()
    }

    /// The DM channel of `user`, if the bot opened it or the user wrote in it.
    pub fn dm_channel(&self, user: u64) -> Option<u64> {
        self.shared.state().dms.get(&user).copied()
    }

    /// The guild's application commands as last bulk-overwritten (as answered).
    pub fn commands(&self) -> Option<Value> {
        self.shared.state().commands.clone()
    }

    /// The global application commands as last bulk-overwritten.
    pub fn global_commands(&self) -> Option<Value> {
        self.shared.state().global_commands.clone()
    }

    /// The roles of the guild member `user` now (none if not a member).
    pub fn member_roles(&self, user: u64) -> Vec<u64> {
        let state = self.shared.state();
        let roles = state
            .members
            .get(&user)
            .and_then(|m| m["roles"].as_array().cloned());
        roles
            .into_iter()
            .flatten()
            .filter_map(|r| read(&r))
            .collect()
    }

    /// The guild's scheduled events as they are now, in creation order: cancelled and
    /// completed ones with their status, deleted ones marked `"_deleted": true`.
    pub fn scheduled_events(&self) -> Vec<Value> {
        self.shared.state().events.clone()
    }

    /// The users interested in a scheduled event, by ID.
    pub fn interested(&self, event: u64) -> Vec<u64> {
        let state = self.shared.state();
        state
            .interested
            .get(&event)
            .into_iter()
            .flatten()
            .copied()
            .collect()
    }

    /// The body of an interaction's (first, accepted) callback: `{"type", "data"}`.
    pub fn interaction_response(&self, interaction_id: u64) -> Option<Value> {
        let state = self.shared.state();
        state.interactions.get(&interaction_id)?.response.clone()
    }

    /// The message an interaction's callback made or took as `@original`.
    pub fn original_response(&self, interaction_id: u64) -> Option<Value> {
        let state = self.shared.state();
        let interaction = state.interactions.get(&interaction_id)?;
        state
            .message(interaction.channel, interaction.original?)
            .cloned()
    }

    /// Whether `user` is a member of the guild now.
    pub fn is_member(&self, user: u64) -> bool {
        self.shared.state().members.contains_key(&user)
    }

    /// The user object the fake knows for `user` (or one made from the ID).
    pub fn user(&self, user: u64) -> Value {
        self.shared.state().user(user)
    }
}
