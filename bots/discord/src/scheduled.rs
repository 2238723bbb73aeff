//! Hub events mirrored as the guild's scheduled events (`scheduled_events = true`): the
//! next date of each upcoming event (the nearest 100, Discord's limit) as an external
//! event with its place and end time, created, updated and cancelled as the hub's
//! change. What was mirrored is kept in the store, so a restart neither loses nor
//! repeats it; one created just before a crash is found again on Discord and adopted.
//! Members who click "Interested" answer maybe for that date; taking it back turns that
//! maybe into no.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use passerelle_core::events::Upcoming;
use passerelle_core::incoming::{Event, Incoming, Place, Sender};
use passerelle_core::model::Platform;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::bot::{Bot, message_id};
use crate::rest::RestError;

/// Where the mirror is kept in the store.
const MIRRORED: &str = "scheduled_events";
/// Discord keeps at most 100 scheduled events per guild.
pub const MAX_EVENTS: u32 = 100;
/// Entity type `EXTERNAL`, privacy `GUILD_ONLY`, status `CANCELED` (discord-api-docs).
const EXTERNAL: u8 = 3;
const GUILD_ONLY: u8 = 2;
const CANCELED: u8 = 4;
/// Discord's error code for a scheduled event that is not there (deleted by hand).
const UNKNOWN_EVENT: u64 = 10070;

/// One hub event's mirror on Discord.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Mirror {
    /// The scheduled event's ID.
    id: u64,
    /// The body it was last given: unchanged, nothing to send.
    shown: String,
    start: DateTime<Utc>,
    /// For a series, the date mirrored.
    series_date: Option<NaiveDate>,
    /// The number of the date mirrored (absent in what an earlier version kept).
    #[serde(default)]
    occurrence: i64,
}

/// Every mirror, by hub event number.
type Mirrors = BTreeMap<i64, Mirror>;

/// The scheduled event's body for `date` of a hub event.
pub fn body(date: &Upcoming, community: &str) -> Value {
    let time = |at: DateTime<Utc>| at.to_rfc3339_opts(SecondsFormat::Secs, true);
    let mut body = json!({
        "name": cut(&date.title, 100),
        "privacy_level": GUILD_ONLY,
        "scheduled_start_time": time(date.start),
        "scheduled_end_time": time(date.end),
        "entity_type": EXTERNAL,
        "entity_metadata": { "location": cut(date.place.as_deref().unwrap_or(community), 100) },
    });
    if let Some(description) = &date.description {
        body["description"] = json!(cut(description, 1000));
    }
    body
}

fn cut(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}

async fn load(bot: &Bot) -> Mirrors {
    match bot.hub.adapter_value(Platform::Discord, MIRRORED).await {
        Ok(Some(text)) => serde_json::from_str(&text).unwrap_or_default(),
        Ok(None) => Mirrors::new(),
        Err(error) => {
            tracing::warn!(%error, "cannot read the scheduled events mirrored");
            Mirrors::new()
        }
    }
}

async fn save(bot: &Bot, mirrors: &Mirrors) {
    let text = serde_json::to_string(mirrors).unwrap_or_default();
    if let Err(error) = bot
        .hub
        .set_adapter_value(Platform::Discord, MIRRORED, &text)
        .await
    {
        tracing::warn!(%error, "cannot keep the scheduled events mirrored");
    }
}

/// Brings the guild's scheduled events in line with the hub's upcoming events.
pub async fn sync(bot: &Bot) {
    let now = passerelle_runtime::now();
    let upcoming = match bot.hub.upcoming_dates(now, MAX_EVENTS).await {
        Ok(upcoming) => upcoming,
        Err(error) => {
            tracing::warn!(%error, "cannot read the upcoming events to mirror");
            return;
        }
    };
    let mut mirrors = load(bot).await;
    let path = format!("/guilds/{}/scheduled-events", bot.settings.guild_id);
    let community = bot.hub.community().name.clone();
    // Created on Discord but not noted (a crash between the two): found, not made twice.
    let mut on_discord: Option<Vec<Value>> = None;
    for date in &upcoming {
        let body = body(date, &community);
        let shown = body.to_string();
        let known = mirrors.get(&date.event).cloned();
        if known.as_ref().is_some_and(|mirror| mirror.shown == shown) {
            continue;
        }
        let result = match &known {
            Some(mirror) => {
                match bot
                    .rest
                    .patch(&format!("{path}/{}", mirror.id), &body)
                    .await
                {
                    Err(RestError {
                        code: Some(UNKNOWN_EVENT),
                        ..
                    }) => bot.rest.post(&path, &body).await,
                    other => other,
                }
            }
            None => {
                if on_discord.is_none() {
                    on_discord = Some(
                        bot.rest
                            .get(&path)
                            .await
                            .ok()
                            .and_then(|list| list.as_array().cloned())
                            .unwrap_or_default(),
                    );
                }
                let made = on_discord
                    .iter()
                    .flatten()
                    .find(|event| is_ours(bot, event, &body, &mirrors))
                    .cloned();
                match made {
                    Some(event) => {
                        bot.rest
                            .patch(
                                &format!("{path}/{}", event["id"].as_str().unwrap_or_default()),
                                &body,
                            )
                            .await
                    }
                    None => bot.rest.post(&path, &body).await,
                }
            }
        };
        match result
            .map_err(|error| error.to_string())
            .and_then(|made| message_id(&made).map_err(|error| error.to_string()))
        {
            Ok(id) => {
                mirrors.insert(
                    date.event,
                    Mirror {
                        id,
                        shown,
                        start: date.start,
                        series_date: date.series_date,
                        occurrence: date.occurrence,
                    },
                );
                save(bot, &mirrors).await;
            }
            Err(error) => tracing::warn!(%error, event = date.event, "cannot mirror an event"),
        }
    }
    // Mirrors of events no longer upcoming: cancelled on Discord unless they are over.
    let gone: Vec<i64> = mirrors
        .keys()
        .filter(|event| !upcoming.iter().any(|date| date.event == **event))
        .copied()
        .collect();
    for event in gone {
        let Some(mirror) = mirrors.remove(&event) else {
            continue;
        };
        if mirror.start > now {
            let cancel = json!({ "status": CANCELED });
            if let Err(error) = bot
                .rest
                .patch(&format!("{path}/{}", mirror.id), &cancel)
                .await
                && error.code != Some(UNKNOWN_EVENT)
            {
                tracing::warn!(%error, event, "cannot cancel a mirrored event");
                mirrors.insert(event, mirror);
                continue;
            }
        }
        save(bot, &mirrors).await;
    }
}

/// Whether `event`, on Discord, is one the bot made for `body` and noted nowhere.
fn is_ours(bot: &Bot, event: &Value, body: &Value, mirrors: &Mirrors) -> bool {
    let id = event["id"].as_str().and_then(|id| id.parse::<u64>().ok());
    let noted = mirrors.values().any(|mirror| Some(mirror.id) == id);
    !noted
        && event["creator_id"].as_str() == Some(&bot.user_id.to_string())
        && event["name"] == body["name"]
        && same_instant(
            &event["scheduled_start_time"],
            &body["scheduled_start_time"],
        )
}

fn same_instant(a: &Value, b: &Value) -> bool {
    let read = |value: &Value| {
        value
            .as_str()
            .and_then(|text| DateTime::parse_from_rfc3339(text).ok())
    };
    read(a).is_some() && read(a) == read(b)
}

/// A member clicked "Interested" on the scheduled event `scheduled`: they answer maybe
/// for the date it mirrors.
pub async fn interested(bot: &Bot, scheduled: u64, user: u64) {
    if let Some((event, mirror)) = mirrored(bot, scheduled).await {
        answer(bot, event, &mirror, user, "maybe").await;
    }
}

/// The hub event that the scheduled event `scheduled` mirrors, and its mirror.
async fn mirrored(bot: &Bot, scheduled: u64) -> Option<(i64, Mirror)> {
    load(bot)
        .await
        .into_iter()
        .find(|(_, mirror)| mirror.id == scheduled)
}

/// A member took their "Interested" back: a maybe they still give becomes no (an answer
/// they gave otherwise, Going say, stays).
pub async fn not_interested(bot: &Bot, scheduled: u64, user: u64) {
    let Some((event, mirror)) = mirrored(bot, scheduled).await else {
        return;
    };
    let maybe = bot
        .hub
        .answers_maybe(
            Platform::Discord,
            &user.to_string(),
            event,
            mirror.occurrence,
        )
        .await;
    match maybe {
        Ok(true) => answer(bot, event, &mirror, user, "no").await,
        Ok(false) => {}
        Err(error) => tracing::warn!(%error, "cannot read a member's answer"),
    }
}

/// `user` answers `answer` for the date of hub event `event` that `mirror` shows.
async fn answer(bot: &Bot, event: i64, mirror: &Mirror, user: u64, answer: &str) {
    let on = mirror
        .series_date
        .map(|date| format!(" date={date}"))
        .unwrap_or_default();
    let member = bot
        .rest
        .get(&format!("/guilds/{}/members/{user}", bot.settings.guild_id))
        .await
        .unwrap_or(Value::Null);
    let name = member["nick"]
        .as_str()
        .or(member["user"]["global_name"].as_str())
        .or(member["user"]["username"].as_str())
        .unwrap_or("Discord member")
        .to_owned();
    let incoming = Incoming {
        id: None,
        platform: Platform::Discord,
        sender: Sender {
            user_id: user.to_string(),
            display_name: name,
            roles: Vec::new(),
            language: None,
        },
        place: Place::Direct,
        event: Event::ChoicePicked(format!("/rsvp {event} {answer}{on}")),
    };
    // Discord's own interface shows it: nothing is said.
    if let Err(error) = bot.hub.handle(&incoming, passerelle_runtime::now()).await {
        tracing::warn!(%error, "the hub failed on an interested member");
    }
    bot.wake.notify_one();
}
