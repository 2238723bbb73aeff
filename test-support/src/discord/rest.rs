//! The REST routes, by path: the gateway's address, the bot and its application, then each
//! resource's own module (channels and messages, DMs, commands, interactions and their
//! webhooks, the guild and its scheduled events). What matches no route is 404
//! `{"message": "404: Not Found", "code": 0}`, as on Discord.

use serde_json::json;

use super::failure::Reply;
use super::state::{Config, State};
use super::{Call, commands, guild, interactions, messages, objects};

/// The answer to `call` (authorized, not failed by a test).
pub(crate) fn answer(config: &Config, state: &mut State, call: &Call) -> Reply {
    let segments: Vec<&str> = call.path.split('/').skip(1).collect();
    match (call.method.as_str(), segments.as_slice()) {
        ("GET", ["gateway"]) => Reply::ok(json!({ "url": config.gateway_url })),
        ("GET", ["gateway", "bot"]) => {
            let remaining = 1000_usize.saturating_sub(state.gateway.identifies);
            Reply::ok(json!({
                "url": config.gateway_url,
                "shards": 1,
                "session_start_limit": {
                    "total": 1000,
                    "remaining": remaining,
                    "reset_after": 86_400_000,
                    "max_concurrency": 1,
                },
            }))
        }
        ("GET", ["users", "@me"]) => Reply::ok(objects::current_user(&config.bot)),
        ("GET", ["users", user]) => match user.parse::<u64>() {
            Ok(user) => Reply::ok(state.user(user)),
            Err(_) => Reply::error(404, 10013, "Unknown User"),
        },
        ("GET", ["oauth2", "applications", "@me"] | ["applications", "@me"]) => {
            Reply::ok(objects::application(config.application_id, &config.bot))
        }
        ("POST", ["users", "@me", "channels"]) => messages::open_dm(config, state, &call.body),
        (_, ["applications", application, rest @ ..]) => {
            commands::answer(config, state, call, application, rest)
        }
        ("POST", ["interactions", interaction, token, "callback"]) => {
            interactions::callback(config, state, call, interaction, token)
        }
        (_, ["webhooks", application, token, rest @ ..]) => {
            interactions::webhook(config, state, call, application, token, rest)
        }
        (_, ["channels", channel, rest @ ..]) => {
            messages::answer(config, state, call, channel, rest)
        }
        (_, ["guilds", guild, rest @ ..]) => guild::answer(config, state, call, guild, rest),
        _ => Reply::not_found(),
    }
}
