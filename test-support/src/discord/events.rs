//! Guild scheduled events: `GET`/`POST /guilds/{g}/scheduled-events`, `GET`/`PATCH`/`DELETE`
//! of one, and `GET …/{id}/users` (who is interested, as the test's
//! `GUILD_SCHEDULED_EVENT_USER_ADD`/`_REMOVE` dispatches said). Checked as documented: an
//! EXTERNAL (3) event needs `entity_metadata.location` and `scheduled_end_time` and no
//! channel; no start in the past, no end before the start; at most 100 SCHEDULED or ACTIVE
//! per guild (30038); status only SCHEDULED→ACTIVE→COMPLETED or SCHEDULED→CANCELED, and a
//! finished event no longer changes (180000). The inner `code` strings of those 50035 errors
//! Discord does not document: they are the fake's. Announced on the gateway with the
//! scheduled events intent. Status never changes by itself here (no clock).

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{Value, json};

use super::Call;
use super::failure::{Reply, bad_length, field_error, nested, required};
use super::ids::{id, read, snowflake};
use super::state::{Config, State};

/// `GUILD_SCHEDULED_EVENTS`.
const SCHEDULED_EVENTS: u64 = 1 << 16;
const EXTERNAL: u64 = 3;

/// `/guilds/{guild}/scheduled-events/…`.
pub(crate) fn answer(config: &Config, state: &mut State, call: &Call, rest: &[&str]) -> Reply {
    let counted = call.query_param("with_user_count") == Some("true");
    let event = rest.first().and_then(|e| e.parse::<u64>().ok());
    let at = event.and_then(|event| {
        let wanted = id(event);
        let live = |e: &Value| e["id"] == wanted && e.get("_deleted").is_none();
        state.events.iter().position(live)
    });
    match (call.method.as_str(), rest, at) {
        ("GET", [], _) => {
            let events = state.live_events().map(|e| with_count(state, e, counted));
            Reply::ok(Value::Array(events.collect()))
        }
        ("POST", [], _) => create(config, state, &call.body),
        (_, [_, ..], None) => Reply::unknown_event(),
        ("GET", [_], Some(at)) => Reply::ok(with_count(state, &state.events[at], counted)),
        ("PATCH", [_], Some(at)) => modify(state, at, &call.body),
        ("DELETE", [_], Some(at)) => {
            state.events[at]["_deleted"] = json!(true);
            let mut gone = state.events[at].clone();
            if let Value::Object(fields) = &mut gone {
                fields.remove("_deleted");
            }
            announce(state, "GUILD_SCHEDULED_EVENT_DELETE", gone);
            Reply::no_content()
        }
        ("GET", [_, "users"], Some(at)) => users(state, &state.events[at], call),
        _ => Reply::not_found(),
    }
}

fn create(config: &Config, state: &mut State, body: &Value) -> Reply {
    let name = body["name"].as_str().map(|n| n.chars().count());
    if !(1..=100).contains(&name.unwrap_or(0)) {
        let leaf = if name.is_none() {
            required()
        } else {
            bad_length(1, 100)
        };
        return Reply::invalid_form(json!({ "name": leaf }));
    }
    if body["privacy_level"] != 2 {
        let leaf = field_error("BASE_TYPE_CHOICES", "Value must be one of {2}.");
        return Reply::invalid_form(json!({ "privacy_level": leaf }));
    }
    if !matches!(body["entity_type"].as_u64(), Some(1..=3)) {
        let leaf = field_error("BASE_TYPE_CHOICES", "Value must be one of {1, 2, 3}.");
        return Reply::invalid_form(json!({ "entity_type": leaf }));
    }
    let mut event = json!({
        "id": id(snowflake()),
        "guild_id": id(config.guild.id),
        "channel_id": body.get("channel_id").cloned().unwrap_or(Value::Null),
        "creator_id": id(config.bot_id()),
        "name": body["name"],
        "description": body.get("description").cloned().unwrap_or(Value::Null),
        "scheduled_start_time": body.get("scheduled_start_time").cloned().unwrap_or(Value::Null),
        "scheduled_end_time": body.get("scheduled_end_time").cloned().unwrap_or(Value::Null),
        "privacy_level": 2,
        "status": 1,
        "entity_type": body["entity_type"],
        "entity_id": null,
        "entity_metadata": body.get("entity_metadata").cloned().unwrap_or(Value::Null),
        "creator": config.bot,
        "image": null,
        "recurrence_rule": body.get("recurrence_rule").cloned().unwrap_or(Value::Null),
    });
    if let Err(errors) = check(&mut event, true) {
        return Reply::invalid_form(errors);
    }
    let open = state
        .live_events()
        .filter(|e| matches!(e["status"].as_u64(), Some(1 | 2)));
    if open.count() >= 100 {
        let message = "Maximum number of uncompleted guild scheduled events reached (100)";
        return Reply::error(400, 30038, message);
    }
    state.events.push(event.clone());
    announce(state, "GUILD_SCHEDULED_EVENT_CREATE", event.clone());
    Reply::ok(event)
}

fn modify(state: &mut State, at: usize, body: &Value) -> Reply {
    let old = state.events[at].clone();
    let status = old["status"].as_u64().unwrap_or(1);
    if matches!(status, 3 | 4) {
        return Reply::error(400, 180_000, "Cannot update a finished event");
    }
    let mut event = old.clone();
    let fields = [
        "name",
        "description",
        "channel_id",
        "scheduled_start_time",
        "scheduled_end_time",
        "entity_type",
        "entity_metadata",
        "privacy_level",
        "status",
    ];
    for field in fields {
        if let Some(value) = body.get(field) {
            event[field] = value.clone();
        }
    }
    let new_status = event["status"].as_u64().unwrap_or(status);
    let allowed = matches!((status, new_status), (1, 2) | (2, 3) | (1, 4)) || status == new_status;
    if !allowed {
        let leaf = field_error(
            "GUILD_SCHEDULED_EVENT_INVALID_STATUS_TRANSITION",
            "Invalid Guild Scheduled Event Status Transition",
        );
        return Reply::invalid_form(json!({ "status": leaf }));
    }
    let moved = body.get("scheduled_start_time").is_some() && new_status == 1;
    if let Err(errors) = check(&mut event, moved) {
        return Reply::invalid_form(errors);
    }
    state.events[at] = event.clone();
    announce(state, "GUILD_SCHEDULED_EVENT_UPDATE", event.clone());
    Reply::ok(event)
}

/// The rules on times and entity types; normalizes the times to Discord's writing.
fn check(event: &mut Value, start_ahead: bool) -> Result<(), Value> {
    let start = time(&event["scheduled_start_time"])
        .ok_or_else(|| json!({ "scheduled_start_time": required() }))?;
    if start_ahead && start < Utc::now() {
        let leaf = field_error(
            "GUILD_SCHEDULED_EVENT_SCHEDULE_PAST",
            "Cannot schedule event in the past.",
        );
        return Err(json!({ "scheduled_start_time": leaf }));
    }
    event["scheduled_start_time"] = json!(start.to_rfc3339_opts(SecondsFormat::AutoSi, false));
    let end = time(&event["scheduled_end_time"]);
    if let Some(end) = end {
        if end <= start {
            let leaf = field_error(
                "GUILD_SCHEDULED_EVENT_END_BEFORE_START",
                "Cannot schedule event to end before starting.",
            );
            return Err(json!({ "scheduled_end_time": leaf }));
        }
        event["scheduled_end_time"] = json!(end.to_rfc3339_opts(SecondsFormat::AutoSi, false));
    }
    if event["entity_type"] == EXTERNAL {
        let location = event["entity_metadata"]["location"]
            .as_str()
            .map(|l| l.chars().count());
        match location {
            None => return Err(nested(&["entity_metadata", "location"], required())),
            Some(0 | 101..) => {
                return Err(nested(&["entity_metadata", "location"], bad_length(1, 100)));
            }
            Some(_) => {}
        }
        if end.is_none() {
            return Err(json!({ "scheduled_end_time": required() }));
        }
        if !event["channel_id"].is_null() {
            let leaf = field_error("BASE_TYPE_NULL", "This field must be null.");
            return Err(json!({ "channel_id": leaf }));
        }
    } else if event["channel_id"].is_null() {
        return Err(json!({ "channel_id": required() }));
    }
    Ok(())
}

fn time(value: &Value) -> Option<DateTime<Utc>> {
    let text = value.as_str()?;
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

fn with_count(state: &State, event: &Value, counted: bool) -> Value {
    let mut event = event.clone();
    if counted {
        let interested = read(&event["id"]).and_then(|e| state.interested.get(&e));
        event["user_count"] = json!(interested.map_or(0, |users| users.len()));
    }
    event
}

/// Who is interested: ascending by user ID, `limit` (≤ 100) of them after `after` (or the
/// last ones before `before`), each with its member if `with_member=true`.
fn users(state: &State, event: &Value, call: &Call) -> Reply {
    let event_id = read(&event["id"]).unwrap_or(0);
    let limit = call
        .query_param("limit")
        .and_then(|l| l.parse::<usize>().ok())
        .unwrap_or(100)
        .clamp(1, 100);
    let with_member = call.query_param("with_member") == Some("true");
    let before = call
        .query_param("before")
        .and_then(|b| b.parse::<u64>().ok());
    let after = call
        .query_param("after")
        .and_then(|a| a.parse::<u64>().ok())
        .unwrap_or(0);
    let all: Vec<u64> = state
        .interested
        .get(&event_id)
        .into_iter()
        .flatten()
        .copied()
        .collect();
    let chosen: Vec<u64> = match before {
        Some(before) => {
            let earlier: Vec<u64> = all.into_iter().filter(|u| *u < before).collect();
            earlier[earlier.len().saturating_sub(limit)..].to_vec()
        }
        None => all.into_iter().filter(|u| *u > after).take(limit).collect(),
    };
    let users = chosen.into_iter().map(|user| {
        let mut entry =
            json!({ "guild_scheduled_event_id": id(event_id), "user": state.user(user) });
        if let Some(member) = state.members.get(&user).filter(|_| with_member) {
            entry["member"] = member.clone();
        }
        entry
    });
    Reply::ok(Value::Array(users.collect()))
}

fn announce(state: &mut State, event: &str, data: Value) {
    if state.gateway.wants(SCHEDULED_EVENTS) {
        state.gateway.push(event, data);
    }
}
