//! Matrix events in, hub input out: pure functions, no client, no network.
//!
//! [`read_event`] turns a (decrypted) timeline event into what happened; [`command_text`]
//! turns a message body into what the hub reads, given where it was said. Looking up
//! rooms, names and power levels is the event loop's job.

use matrix_sdk::ruma::events::room::member::MembershipState;
use matrix_sdk::ruma::events::room::message::MessageType;
use matrix_sdk::ruma::events::{
    AnySyncMessageLikeEvent, AnySyncStateEvent, AnySyncTimelineEvent, SyncMessageLikeEvent,
    SyncStateEvent,
};
use matrix_sdk::ruma::serde::Raw;
use matrix_sdk::ruma::{OwnedEventId, OwnedUserId, UserId};

/// What a timeline event means for the hub.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seen {
    /// A text message (its body, without the quote of a rich reply).
    Text(String),
    /// A reaction `key` to the event `to`.
    Reaction { to: OwnedEventId, key: String },
    /// The sender joined the room (not a profile change of someone already in it).
    Joined,
    /// The sender left, or was kicked or banned, after being in the room.
    Left,
    /// An encrypted message this device could not decrypt.
    Unreadable,
}

/// `event`'s sender and meaning, or `None` for anything the hub does not care about
/// (notices, edits, state other than membership, the bot's own events).
pub fn read_event(event: &AnySyncTimelineEvent, bot: &UserId) -> Option<(OwnedUserId, Seen)> {
    if event.sender() == bot {
        return None;
    }
    let seen = match event {
        AnySyncTimelineEvent::MessageLike(AnySyncMessageLikeEvent::RoomMessage(
            SyncMessageLikeEvent::Original(message),
        )) => {
            // An edit (`m.replace`) repeats a message already handled.
            if message.content.relates_to.as_ref().is_some_and(|relation| {
                matches!(
                    relation,
                    matrix_sdk::ruma::events::room::message::Relation::Replacement(_)
                )
            }) {
                return None;
            }
            match &message.content.msgtype {
                MessageType::Text(text) => Seen::Text(strip_reply_quote(&text.body).to_owned()),
                _ => return None,
            }
        }
        AnySyncTimelineEvent::MessageLike(AnySyncMessageLikeEvent::Reaction(
            SyncMessageLikeEvent::Original(reaction),
        )) => Seen::Reaction {
            to: reaction.content.relates_to.event_id.clone(),
            key: reaction.content.relates_to.key.clone(),
        },
        AnySyncTimelineEvent::State(AnySyncStateEvent::RoomMember(SyncStateEvent::Original(
            member,
        ))) => {
            // A membership event is about its state key; only self-changes count (an
            // invite sent by someone else is not the invitee's doing).
            if member.state_key.as_str() != member.sender.as_str() {
                let kicked = matches!(
                    member.content.membership,
                    MembershipState::Leave | MembershipState::Ban
                );
                if !kicked {
                    return None;
                }
            }
            let before = member
                .unsigned
                .prev_content
                .as_ref()
                .map(|previous| previous.membership.clone());
            let was_in = before == Some(MembershipState::Join);
            match member.content.membership {
                MembershipState::Join if !was_in => Seen::Joined,
                MembershipState::Leave | MembershipState::Ban if was_in => Seen::Left,
                _ => return None,
            }
        }
        _ => return None,
    };
    let who = match (&seen, event) {
        (
            Seen::Left,
            AnySyncTimelineEvent::State(AnySyncStateEvent::RoomMember(SyncStateEvent::Original(
                member,
            ))),
        ) => member.state_key.clone(),
        _ => event.sender().to_owned(),
    };
    Some((who, seen))
}

/// Where the bot's own arrival in a room is among `events`, if it is: what came before
/// is history the bot was not there for.
pub fn own_join<'a>(
    events: impl IntoIterator<Item = &'a Raw<AnySyncTimelineEvent>>,
    bot: &UserId,
) -> Option<usize> {
    events.into_iter().position(|raw| {
        let field = |name: &str| raw.get_field::<String>(name).ok().flatten();
        let json = |path: &[&str]| {
            let value = raw.get_field::<serde_json::Value>(path[0]).ok().flatten()?;
            let found = path[1..]
                .iter()
                .try_fold(value, |value, key| value.get(key).cloned())?;
            found.as_str().map(str::to_owned)
        };
        field("type").as_deref() == Some("m.room.member")
            && field("state_key").as_deref() == Some(bot.as_str())
            && json(&["content", "membership"]).as_deref() == Some("join")
            // A new display name is a join after a join.
            && json(&["unsigned", "prev_content", "membership"]).as_deref() != Some("join")
    })
}

/// Whether `raw` sets a room's power levels (a state event of type `m.room.power_levels`).
pub fn changes_power_levels(raw: &Raw<AnySyncTimelineEvent>) -> bool {
    raw.get_field::<String>("type").ok().flatten().as_deref() == Some("m.room.power_levels")
        && raw
            .get_field::<String>("state_key")
            .ok()
            .flatten()
            .is_some()
}

/// A rich reply's body starts with the quoted message (`> <@a:b> text`) and a blank line.
fn strip_reply_quote(body: &str) -> &str {
    if !body.starts_with("> ") {
        return body;
    }
    match body.split_once("\n\n") {
        Some((quote, rest)) if quote.lines().all(|line| line.starts_with('>')) => rest,
        _ => body,
    }
}

/// How the bot is addressed by name.
#[derive(Debug, Clone)]
pub struct BotNames {
    pub user_id: String,
    pub display_name: Option<String>,
}

impl BotNames {
    /// The names a message may start with to address the bot: its display name, its
    /// Matrix ID and its localpart.
    fn prefixes(&self) -> Vec<&str> {
        let localpart = self
            .user_id
            .trim_start_matches('@')
            .split(':')
            .next()
            .unwrap_or_default();
        let mut names = vec![self.user_id.as_str(), localpart];
        names.extend(self.display_name.as_deref());
        names.retain(|name| !name.is_empty());
        // Longest first: `@passerelle:example.org` before `passerelle`.
        names.sort_by_key(|name| std::cmp::Reverse(name.len()));
        names
    }
}

/// What the hub should read from a message body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Said {
    /// Text for the hub as is: a command (`/…`, `!…`) or, in private, an answer.
    Text(String),
    /// A bare number: the member picks that choice (1-based) of the last message with
    /// choices they were shown here.
    Number(usize),
}

/// Reads `body`. A mention of the bot (`passerelle: faq france`, `@passerelle:example.org
/// help`) becomes the command it is followed by.
pub fn command_text(body: &str, bot: &BotNames) -> Said {
    let body = body.trim();
    if let Ok(number) = body.parse::<usize>()
        && (1..=99).contains(&number)
    {
        return Said::Number(number);
    }
    for name in bot.prefixes() {
        let Some(rest) = strip_prefix_ignore_case(body, name) else {
            continue;
        };
        // `passerelles …` is not a mention of `passerelle`.
        if !(rest.is_empty()
            || rest.starts_with([':', ','])
            || rest.starts_with(char::is_whitespace))
        {
            continue;
        }
        let rest = rest.trim_start_matches([':', ',']).trim();
        return Said::Text(match rest.chars().next() {
            None => "/help".to_owned(),
            Some('/' | '!') => rest.to_owned(),
            Some(_) => format!("/{rest}"),
        });
    }
    Said::Text(body.to_owned())
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

/// The keycap emoji for choice `index` (0-based), for the first ten choices.
pub fn keycap(index: usize) -> Option<&'static str> {
    KEYCAPS.get(index).copied()
}

/// The choice (0-based) a keycap reaction stands for.
pub fn keycap_index(key: &str) -> Option<usize> {
    // Clients differ on the variation selector: `1️⃣` and `1⃣` both mean 1.
    let plain = key.replace('\u{fe0f}', "");
    KEYCAPS
        .iter()
        .position(|keycap| keycap.replace('\u{fe0f}', "") == plain)
}

const KEYCAPS: [&str; 10] = [
    "1\u{fe0f}\u{20e3}",
    "2\u{fe0f}\u{20e3}",
    "3\u{fe0f}\u{20e3}",
    "4\u{fe0f}\u{20e3}",
    "5\u{fe0f}\u{20e3}",
    "6\u{fe0f}\u{20e3}",
    "7\u{fe0f}\u{20e3}",
    "8\u{fe0f}\u{20e3}",
    "9\u{fe0f}\u{20e3}",
    "\u{1f51f}",
];

#[cfg(test)]
mod tests {
    use matrix_sdk::ruma::user_id;
    use serde_json::json;

    use super::*;

    fn event(json: serde_json::Value) -> AnySyncTimelineEvent {
        Raw::<AnySyncTimelineEvent>::from_json_string(json.to_string())
            .and_then(|raw| raw.deserialize())
            .expect("a valid event")
    }

    fn message(sender: &str, content: serde_json::Value) -> AnySyncTimelineEvent {
        event(json!({
            "type": "m.room.message", "event_id": "$m", "sender": sender,
            "origin_server_ts": 1, "content": content,
        }))
    }

    fn member(
        sender: &str,
        state_key: &str,
        membership: &str,
        before: Option<&str>,
    ) -> AnySyncTimelineEvent {
        let mut value = json!({
            "type": "m.room.member", "event_id": "$j", "sender": sender,
            "state_key": state_key, "origin_server_ts": 1,
            "content": { "membership": membership },
        });
        if let Some(before) = before {
            value["unsigned"] = json!({ "prev_content": { "membership": before } });
        }
        event(value)
    }

    const BOT: &str = "@passerelle:example.org";

    fn read(event: &AnySyncTimelineEvent) -> Option<(String, Seen)> {
        read_event(event, user_id!("@passerelle:example.org"))
            .map(|(who, seen)| (who.to_string(), seen))
    }

    #[test]
    fn text_messages_are_read_without_the_quote_of_a_reply() {
        let plain = message(
            "@nadia:example.org",
            json!({"msgtype": "m.text", "body": "!help"}),
        );
        assert_eq!(
            read(&plain),
            Some(("@nadia:example.org".into(), Seen::Text("!help".into())))
        );
        let reply = message(
            "@nadia:example.org",
            json!({"msgtype": "m.text", "body": "> <@passerelle:example.org> Pick one\n> 1. Going\n\n1"}),
        );
        assert_eq!(
            read(&reply).map(|(_, seen)| seen),
            Some(Seen::Text("1".into()))
        );
    }

    #[test]
    fn own_messages_notices_and_edits_are_ignored() {
        let own = message(BOT, json!({"msgtype": "m.text", "body": "hello"}));
        assert_eq!(read(&own), None);
        let notice = message(
            "@nadia:example.org",
            json!({"msgtype": "m.notice", "body": "x"}),
        );
        assert_eq!(read(&notice), None);
        let edit = message(
            "@nadia:example.org",
            json!({"msgtype": "m.text", "body": "* !help",
                   "m.new_content": {"msgtype": "m.text", "body": "!help"},
                   "m.relates_to": {"rel_type": "m.replace", "event_id": "$old"}}),
        );
        assert_eq!(read(&edit), None);
    }

    #[test]
    fn reactions_carry_the_event_and_key() {
        let reaction = event(json!({
            "type": "m.reaction", "event_id": "$r", "sender": "@nadia:example.org",
            "origin_server_ts": 1,
            "content": {"m.relates_to": {"rel_type": "m.annotation", "event_id": "$q", "key": "2️⃣"}},
        }));
        assert_eq!(
            read(&reaction).map(|(_, seen)| seen),
            Some(Seen::Reaction {
                to: "$q".try_into().expect("an event id"),
                key: "2️⃣".into()
            })
        );
    }

    #[test]
    fn joining_counts_once_and_profile_changes_do_not() {
        let nadia = "@nadia:example.org";
        assert_eq!(
            read(&member(nadia, nadia, "join", None)),
            Some((nadia.into(), Seen::Joined))
        );
        assert_eq!(
            read(&member(nadia, nadia, "join", Some("invite"))),
            Some((nadia.into(), Seen::Joined))
        );
        // A new display name or avatar is a join after a join.
        assert_eq!(read(&member(nadia, nadia, "join", Some("join"))), None);
        assert_eq!(
            read(&member(nadia, nadia, "leave", Some("join"))),
            Some((nadia.into(), Seen::Left))
        );
        // Declining an invite is not leaving the community.
        assert_eq!(read(&member(nadia, nadia, "leave", Some("invite"))), None);
        // An invite is the inviter's doing; a kick is the kicked member leaving.
        assert_eq!(
            read(&member("@amina:example.org", nadia, "invite", None)),
            None
        );
        assert_eq!(
            read(&member("@amina:example.org", nadia, "ban", Some("join"))),
            Some((nadia.into(), Seen::Left))
        );
    }

    #[test]
    fn the_bots_own_join_marks_where_history_ends() {
        let raw = |value: serde_json::Value| {
            Raw::<AnySyncTimelineEvent>::from_json_string(value.to_string()).expect("json")
        };
        let said = raw(json!({"type": "m.room.message", "event_id": "$a",
            "sender": "@nadia:example.org", "origin_server_ts": 1,
            "content": {"msgtype": "m.text", "body": "!help"}}));
        let joined = raw(
            json!({"type": "m.room.member", "event_id": "$b", "sender": BOT,
            "state_key": BOT, "origin_server_ts": 2, "content": {"membership": "join"}}),
        );
        let other = raw(json!({"type": "m.room.member", "event_id": "$c",
            "sender": "@nadia:example.org", "state_key": "@nadia:example.org",
            "origin_server_ts": 3, "content": {"membership": "join"}}));
        let bot = user_id!("@passerelle:example.org");
        assert_eq!(own_join([&said, &joined, &other], bot), Some(1));
        assert_eq!(own_join([&said, &other], bot), None);
    }

    #[test]
    fn a_power_levels_state_event_is_seen_as_one() {
        let raw = |value: serde_json::Value| {
            Raw::<AnySyncTimelineEvent>::from_json_string(value.to_string()).expect("json")
        };
        let levels = raw(json!({"type": "m.room.power_levels", "event_id": "$a",
            "sender": "@nadia:example.org", "state_key": "", "origin_server_ts": 1,
            "content": {"users": {"@nadia:example.org": 100, "@amina:example.org": 50}}}));
        let said = raw(json!({"type": "m.room.message", "event_id": "$b",
            "sender": "@nadia:example.org", "origin_server_ts": 2,
            "content": {"msgtype": "m.text", "body": "m.room.power_levels"}}));
        assert!(changes_power_levels(&levels));
        assert!(!changes_power_levels(&said));
    }

    fn names() -> BotNames {
        BotNames {
            user_id: BOT.into(),
            display_name: Some("Passerelle Bot".into()),
        }
    }

    #[test]
    fn commands_pass_through_and_numbers_pick_choices() {
        assert_eq!(
            command_text("!faq france", &names()),
            Said::Text("!faq france".into())
        );
        assert_eq!(
            command_text(" /help ", &names()),
            Said::Text("/help".into())
        );
        assert_eq!(command_text("2", &names()), Said::Number(2));
        assert_eq!(command_text("0", &names()), Said::Text("0".into()));
        assert_eq!(
            command_text("bonjour", &names()),
            Said::Text("bonjour".into())
        );
    }

    #[test]
    fn a_mention_followed_by_a_command_is_that_command() {
        for body in [
            "passerelle: faq france housing",
            "Passerelle Bot: faq france housing",
            "@passerelle:example.org faq france housing",
            "passerelle, /faq france housing",
            "PASSERELLE !faq france housing",
        ] {
            let expected = if body.contains('!') {
                "!faq france housing"
            } else {
                "/faq france housing"
            };
            assert_eq!(
                command_text(body, &names()),
                Said::Text(expected.into()),
                "{body}"
            );
        }
        assert_eq!(
            command_text("passerelle:", &names()),
            Said::Text("/help".into())
        );
        // Not a mention: the name runs into another word.
        assert_eq!(
            command_text("passerelles are bridges", &names()),
            Said::Text("passerelles are bridges".into())
        );
    }

    #[test]
    fn keycaps_number_the_first_ten_choices() {
        assert_eq!(keycap(0), Some("1️⃣"));
        assert_eq!(keycap(9), Some("🔟"));
        assert_eq!(keycap(10), None);
        assert_eq!(keycap_index("3️⃣"), Some(2));
        assert_eq!(keycap_index("3\u{20e3}"), Some(2));
        assert_eq!(keycap_index("👍"), None);
    }
}
