//! The numbers and times the fake makes up: snowflakes unique across the process and
//! increasing with time (Discord's layout: milliseconds since 2015 above bit 22), interaction
//! tokens, and timestamps as Discord writes them (ISO 8601, microseconds, `+00:00`).

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::Value;

/// Discord's epoch, the first millisecond of 2015, in Unix milliseconds.
const DISCORD_EPOCH_MS: u64 = 1_420_070_400_000;

static LAST: AtomicU64 = AtomicU64::new(0);

/// A new snowflake: the current time in Discord's layout, or one more than the last one made
/// if that is later, so that no two are ever equal and they increase.
pub fn snowflake() -> u64 {
    let now = unix_ms().saturating_sub(DISCORD_EPOCH_MS) << 22;
    let previous = LAST
        .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |last| {
            Some(now.max(last + 1))
        })
        .unwrap_or_else(|last| last);
    now.max(previous + 1)
}

/// A continuation token for an interaction: opaque text of the usual length, unique.
pub fn interaction_token(interaction: u64) -> String {
    let tail = snowflake().wrapping_mul(0x9E37_79B9_7F4A_7C15);
    format!(
        "aW50ZXJhY3Rpb246{interaction}OnRlc3Q{tail:016x}{:016x}",
        tail.rotate_left(17)
    )
}

/// Now, as Discord writes timestamps: `2025-01-31T18:04:05.123456+00:00`.
pub fn timestamp_now() -> String {
    chrono::Utc::now()
        .format("%Y-%m-%dT%H:%M:%S%.6f+00:00")
        .to_string()
}

/// Now, in Unix seconds with milliseconds (rate limit headers).
pub fn unix_seconds() -> f64 {
    unix_ms() as f64 / 1000.0
}

fn unix_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_millis() as u64)
}

/// A snowflake as JSON: a string, as Discord sends every ID.
pub fn id(value: u64) -> Value {
    Value::String(value.to_string())
}

/// An ID read from JSON, given as a string (Discord's way) or a number.
pub fn read(value: &Value) -> Option<u64> {
    match value {
        Value::String(text) => text.parse().ok(),
        Value::Number(number) => number.as_u64(),
        _ => None,
    }
}
