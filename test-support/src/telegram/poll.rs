//! `getUpdates` as Telegram answers it: `offset` confirms (forgets) every update below
//! it, a negative one keeps only that many of the newest; `limit` (1–100, default 100)
//! caps the batch; `timeout` (seconds) is a long poll, answered as soon as an update is
//! queued; `allowed_updates` replaces the kinds the bot gets (kept until changed; an
//! empty list is the default, which leaves out `chat_member`, `message_reaction` and
//! `message_reaction_count`), and an update of another kind is forgotten when it would
//! be delivered. A `getUpdates` still waiting when another one comes ends with 409
//! `Conflict: terminated by other getUpdates request…`, as on Telegram; so does every
//! `getUpdates` while a webhook is set (`webhook`).

use std::time::{Duration, Instant};

use serde_json::Value;

use super::Shared;
use super::failure::Refusal;
use super::params::Params;
use super::state::State;

/// The kinds the default leaves out.
const NOT_BY_DEFAULT: [&str; 3] = ["chat_member", "message_reaction", "message_reaction_count"];

pub(crate) async fn get_updates(shared: &Shared, params: &Params) -> Result<Value, Refusal> {
    let limit = params.int("limit").unwrap_or(100).clamp(1, 100) as usize;
    let timeout = Duration::from_secs(params.int("timeout").unwrap_or(0).clamp(0, 3600) as u64);
    let deadline = Instant::now() + timeout;
    let mut woken = shared.pushed.subscribe();
    let this = {
        let mut state = shared.state();
        if state.webhook.is_some() {
            return Err(Refusal::webhook_active());
        }
        state.polls += 1;
        allow_updates(&mut state, params);
        match params.int("offset") {
            Some(offset) if offset > 0 => {
                state.updates.retain(|(id, _)| i64::from(*id) >= offset);
            }
            Some(offset) if offset < 0 => {
                let keep = offset.unsigned_abs() as usize;
                while state.updates.len() > keep {
                    state.updates.pop_front();
                }
            }
            _ => {}
        }
        state.polls
    };
    // Wakes an older poll, which then ends with 409.
    shared.pushed.send_modify(|count| *count += 1);
    woken.borrow_and_update();
    loop {
        {
            let mut state = shared.state();
            if state.polls != this {
                return Err(Refusal::conflict());
            }
            let allowed = state.allowed_updates.clone();
            state
                .updates
                .retain(|(_, update)| delivered(update, allowed.as_deref()));
            let batch: Vec<Value> = state
                .updates
                .iter()
                .take(limit)
                .map(|(_, update)| update.clone())
                .collect();
            if !batch.is_empty() || Instant::now() >= deadline {
                return Ok(Value::Array(batch));
            }
        }
        let wait = tokio::time::timeout_at(deadline.into(), woken.changed()).await;
        if let Ok(Err(_)) = wait {
            // The fake is shutting down.
            return Ok(Value::Array(Vec::new()));
        }
    }
}

/// Keeps the kinds of update `params` asks for in `allowed_updates`, if it names them:
/// `getUpdates` and `setWebhook` both take them, for the poll and the webhook alike.
pub(crate) fn allow_updates(state: &mut State, params: &Params) {
    if let Some(Value::Array(kinds)) = params.json("allowed_updates") {
        let kinds: Vec<String> = kinds
            .iter()
            .filter_map(|kind| kind.as_str().map(str::to_owned))
            .collect();
        state.allowed_updates = (!kinds.is_empty()).then_some(kinds);
    }
}

/// Whether an update of its kind reaches a bot that asked for `allowed`.
pub(crate) fn delivered(update: &Value, allowed: Option<&[String]>) -> bool {
    let Some(kind) = update
        .as_object()
        .and_then(|fields| fields.keys().find(|key| *key != "update_id"))
    else {
        return true;
    };
    match allowed {
        Some(allowed) => allowed.iter().any(|name| name == kind),
        None => !NOT_BY_DEFAULT.contains(&kind.as_str()),
    }
}
