//! The guild's routes: its roles and channels, a member (`GET /guilds/{g}/members/{u}`),
//! and a member's roles (`PUT`/`DELETE …/members/{u}/roles/{r}`, 204; an unknown role 404
//! 10011, an unknown member 10007), announced as `GUILD_MEMBER_UPDATE` with the members
//! intent. Scheduled events are in `events`.

use serde_json::Value;

use super::Call;
use super::events;
use super::failure::Reply;
use super::ids::id;
use super::state::{Channel, Config, State};

/// `GUILD_MEMBERS`.
const GUILD_MEMBERS: u64 = 1 << 1;

/// `/guilds/{guild}/…`.
pub(crate) fn answer(
    config: &Config,
    state: &mut State,
    call: &Call,
    guild: &str,
    rest: &[&str],
) -> Reply {
    if guild.parse::<u64>().ok() != Some(config.guild.id) {
        return Reply::unknown_guild();
    }
    let user = rest.get(1).and_then(|u| u.parse::<u64>().ok());
    match (call.method.as_str(), rest) {
        ("GET", ["roles"]) => Reply::ok(Value::Array(state.roles_json(config))),
        ("GET", ["channels"]) => {
            let channels = state
                .channels
                .iter()
                .filter_map(|(channel, kind)| match kind {
                    Channel::Text { .. } => state.channel_json(config, *channel),
                    Channel::Dm { .. } => None,
                });
            Reply::ok(Value::Array(channels.collect()))
        }
        ("GET", ["members", _]) => user
            .and_then(|user| state.members.get(&user).cloned())
            .map_or_else(Reply::unknown_member, Reply::ok),
        ("PUT" | "DELETE", ["members", _, "roles", role]) => {
            let Some(user) = user else {
                return Reply::unknown_member();
            };
            let role = role.parse::<u64>().ok();
            match role.filter(|r| config.guild.roles.iter().any(|(known, _)| known == r)) {
                Some(role) => set_role(config, state, user, role, call.method == "PUT"),
                None => Reply::unknown_role(),
            }
        }
        (_, ["scheduled-events", rest @ ..]) => events::answer(config, state, call, rest),
        _ => Reply::not_found(),
    }
}

/// Gives or takes `role`: 204, and `GUILD_MEMBER_UPDATE` if that changed something.
fn set_role(config: &Config, state: &mut State, user: u64, role: u64, give: bool) -> Reply {
    let Some(member) = state.members.get_mut(&user) else {
        return Reply::unknown_member();
    };
    let mut roles: Vec<Value> = member["roles"].as_array().cloned().unwrap_or_default();
    let had = roles.contains(&id(role));
    match (give, had) {
        (true, false) => roles.push(id(role)),
        (false, true) => roles.retain(|r| *r != id(role)),
        _ => return Reply::no_content(),
    }
    member["roles"] = Value::Array(roles);
    let mut update = member.clone();
    update["guild_id"] = id(config.guild.id);
    if state.gateway.wants(GUILD_MEMBERS) {
        state.gateway.push("GUILD_MEMBER_UPDATE", update);
    }
    Reply::no_content()
}
