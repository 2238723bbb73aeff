//! Discord's objects as API v10 documents them, complete (every field, `null` where unset),
//! each checked against the serenity 0.12.5 struct that reads it (`tests/models.rs`,
//! `tests/answers.rs`): users, members, roles, channels, the guild of `GUILD_CREATE`, the
//! application.

use serde_json::{Value, json};

use super::ids::{id, timestamp_now};

/// What `@everyone` may do in the fake guild: view, send, embed, attach, read history, add
/// reactions, use external emojis, application commands, connect and speak, change nickname.
pub const MEMBER_PERMISSIONS: u64 = (1 << 0)
    | (1 << 6)
    | (1 << 10)
    | (1 << 11)
    | (1 << 14)
    | (1 << 15)
    | (1 << 16)
    | (1 << 18)
    | (1 << 20)
    | (1 << 21)
    | (1 << 26)
    | (1 << 31);

/// What the bot may do: a member's rights, and mention everyone, manage roles, manage and
/// create events, send in threads.
pub const BOT_PERMISSIONS: u64 =
    MEMBER_PERMISSIONS | (1 << 17) | (1 << 28) | (1 << 33) | (1 << 38) | (1 << 44);

/// The file size limit interactions announce (`attachment_size_limit`): 10 MiB.
pub const ATTACHMENT_SIZE_LIMIT: u64 = 10 * 1024 * 1024;

/// A user as others see it (messages, members, interactions).
pub fn user(user_id: u64, name: &str, bot: bool) -> Value {
    let mut user = json!({
        "id": id(user_id),
        "username": name,
        "discriminator": "0",
        "global_name": name,
        "avatar": null,
        "banner": null,
        "accent_color": null,
        "public_flags": 0,
        "flags": 0,
        "avatar_decoration_data": null,
        "collectibles": null,
        "primary_guild": null,
    });
    if bot {
        // Bots keep a four-digit discriminator and have no display name.
        user["discriminator"] = json!("0001");
        user["global_name"] = Value::Null;
        user["bot"] = json!(true);
    }
    user
}

/// The bot as `GET /users/@me` and `READY` show it: its public fields and its account's.
pub fn current_user(bot: &Value) -> Value {
    let mut user = bot.clone();
    user["verified"] = json!(true);
    user["mfa_enabled"] = json!(false);
    user["email"] = Value::Null;
    user["locale"] = json!("en-US");
    user["premium_type"] = json!(0);
    user
}

/// A guild member, `user` inside, joined `joined_at`.
pub fn member(user: &Value, roles: &[u64], joined_at: &str) -> Value {
    json!({
        "user": user,
        "nick": null,
        "avatar": null,
        "banner": null,
        "roles": roles.iter().map(|role| id(*role)).collect::<Vec<_>>(),
        "joined_at": joined_at,
        "premium_since": null,
        "deaf": false,
        "mute": false,
        "flags": 0,
        "pending": false,
        "communication_disabled_until": null,
        "unusual_dm_activity_until": null,
        "avatar_decoration_data": null,
    })
}

/// A role; `@everyone` is the one whose ID is the guild's.
pub fn role(role_id: u64, name: &str, position: usize, permissions: u64) -> Value {
    json!({
        "id": id(role_id),
        "name": name,
        "description": null,
        "color": 0,
        "colors": { "primary_color": 0, "secondary_color": null, "tertiary_color": null },
        "hoist": false,
        "icon": null,
        "unicode_emoji": null,
        "position": position,
        "permissions": permissions.to_string(),
        "managed": false,
        "mentionable": false,
        "flags": 0,
    })
}

/// A guild text channel (type 0).
pub fn text_channel(guild: u64, channel: u64, name: &str, position: usize) -> Value {
    json!({
        "id": id(channel),
        "type": 0,
        "guild_id": id(guild),
        "name": name,
        "position": position,
        "permission_overwrites": [],
        "topic": null,
        "nsfw": false,
        "last_message_id": null,
        "rate_limit_per_user": 0,
        "parent_id": null,
        "last_pin_timestamp": null,
        "flags": 0,
    })
}

/// A DM channel (type 1) with `recipient`.
pub fn dm_channel(channel: u64, recipient: &Value) -> Value {
    json!({
        "id": id(channel),
        "type": 1,
        "last_message_id": null,
        "last_pin_timestamp": null,
        "flags": 0,
        "recipients": [recipient],
    })
}

/// The guild's fixed parts, as every guild object has them.
pub fn guild(guild: u64, name: &str, owner: u64, roles: Vec<Value>) -> Value {
    json!({
        "id": id(guild),
        "name": name,
        "icon": null,
        "icon_hash": null,
        "splash": null,
        "discovery_splash": null,
        "owner_id": id(owner),
        "afk_channel_id": null,
        "afk_timeout": 300,
        "widget_enabled": false,
        "widget_channel_id": null,
        "verification_level": 1,
        "default_message_notifications": 1,
        "explicit_content_filter": 2,
        "roles": roles,
        "emojis": [],
        "features": [],
        "mfa_level": 0,
        "application_id": null,
        "system_channel_id": null,
        "system_channel_flags": 0,
        "rules_channel_id": null,
        "max_presences": null,
        "max_members": 500_000,
        "vanity_url_code": null,
        "description": null,
        "banner": null,
        "premium_tier": 0,
        "premium_subscription_count": 0,
        "preferred_locale": "en-US",
        "public_updates_channel_id": null,
        "max_video_channel_users": 25,
        "max_stage_video_channel_users": 50,
        "nsfw_level": 0,
        "stickers": [],
        "premium_progress_bar_enabled": false,
        "safety_alerts_channel_id": null,
        "incidents_data": null,
    })
}

/// `GUILD_CREATE`'s extra fields added to `guild`: when the bot joined, its members (the
/// bot alone: others come only with the presences intent), channels and events.
pub fn guild_create(
    mut guild: Value,
    joined_at: &str,
    member_count: usize,
    members: Vec<Value>,
    channels: Vec<Value>,
    events: Vec<Value>,
) -> Value {
    guild["system_channel_id"] = channels
        .first()
        .map_or(Value::Null, |channel| channel["id"].clone());
    let extra = json!({
        "joined_at": joined_at,
        "large": false,
        "unavailable": false,
        "member_count": member_count,
        "voice_states": [],
        "members": members,
        "channels": channels,
        "threads": [],
        "presences": [],
        "stage_instances": [],
        "guild_scheduled_events": events,
        "soundboard_sounds": [],
    });
    if let (Value::Object(guild), Value::Object(extra)) = (&mut guild, extra) {
        guild.extend(extra);
    }
    guild
}

/// The application, as `GET /oauth2/applications/@me` answers.
pub fn application(application_id: u64, bot: &Value) -> Value {
    json!({
        "id": id(application_id),
        "name": bot["username"],
        "icon": null,
        "description": "",
        "summary": "",
        "type": null,
        "bot": bot,
        "bot_public": true,
        "bot_require_code_grant": false,
        "verify_key": format!("{:064x}", u128::from(application_id as u32)),
        "flags": APPLICATION_FLAGS,
        "owner": user(application_id ^ 0x5a5a, "owner", false),
        "team": null,
        "approximate_guild_count": 1,
        "redirect_uris": [],
        "interactions_endpoint_url": null,
        "role_connections_verification_url": null,
        "tags": [],
        "integration_types_config": { "0": {} },
    })
}

/// The application's flags: the members and message content intents allowed, as for a bot
/// in fewer than 100 guilds (`GATEWAY_GUILD_MEMBERS_LIMITED`, `…_MESSAGE_CONTENT_LIMITED`).
pub const APPLICATION_FLAGS: u64 = (1 << 15) | (1 << 19);

/// Now, for `joined_at` and the like.
pub fn now() -> String {
    timestamp_now()
}
