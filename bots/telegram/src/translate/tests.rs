//! Updates as the Bot API sends them (JSON from its documentation's shapes), read.

use serde_json::json;
use teloxide::types::Update;

use super::*;

const BOT: &str = "PasserelleBot";

/// `value` read as teloxide reads the Bot API's answer (from its text: its flattened
/// update kinds do not read from an already parsed value).
fn update(value: serde_json::Value) -> Update {
    serde_json::from_str(&value.to_string()).expect("an update as the Bot API sends it")
}

fn nadia() -> serde_json::Value {
    json!({"id": 111, "is_bot": false, "first_name": "Nadia", "last_name": "K.",
           "username": "nadia_k", "language_code": "fr"})
}

fn group() -> serde_json::Value {
    json!({"id": -1001234, "title": "Paris newcomers", "type": "supergroup"})
}

fn text_in(chat: serde_json::Value, text: &str) -> Update {
    update(json!({
        "update_id": 10,
        "message": {"message_id": 5, "date": 1_780_000_000, "chat": chat, "from": nadia(),
                    "text": text}
    }))
}

fn nadia_person() -> Person {
    Person {
        id: 111,
        name: "Nadia K.".into(),
        username: Some("nadia_k".into()),
        language: Some("fr".into()),
    }
}

#[test]
fn a_command_in_a_group_is_read_with_or_without_the_bots_name() {
    let seen = seen(&text_in(group(), "/faq@PasserelleBot france housing"), BOT);
    assert_eq!(
        seen,
        Some(Seen::Text {
            chat: Chat {
                id: -1001234,
                private: false,
                topic: None
            },
            message: 5,
            from: nadia_person(),
            text: "/faq france housing".into(),
        })
    );
    let Some(Seen::Text { text, .. }) = super::seen(&text_in(group(), "!faq france"), BOT) else {
        panic!("a ! command is text too");
    };
    assert_eq!(text, "!faq france");
}

#[test]
fn a_command_for_another_bot_is_not_ours() {
    assert_eq!(seen(&text_in(group(), "/start@OtherBot"), BOT), None);
    assert_eq!(
        for_this_bot("/help@passerellebot tz", BOT).as_deref(),
        Some("/help tz")
    );
    assert_eq!(for_this_bot("/usr/bin", BOT).as_deref(), Some("/usr/bin"));
}

#[test]
fn a_private_message_is_private() {
    let private = json!({"id": 111, "first_name": "Nadia", "type": "private"});
    let Some(Seen::Text { chat, .. }) = seen(&text_in(private, "hello"), BOT) else {
        panic!("text in private");
    };
    assert!(chat.private);
}

#[test]
fn a_message_in_a_forum_topic_knows_its_topic() {
    let forum = json!({"id": -1001234, "title": "Paris", "type": "supergroup", "is_forum": true});
    let update = update(json!({
        "update_id": 11,
        "message": {"message_id": 6, "message_thread_id": 42, "is_topic_message": true,
                    "date": 1_780_000_000, "chat": forum, "from": nadia(), "text": "/events"}
    }));
    let Some(Seen::Text { chat, .. }) = seen(&update, BOT) else {
        panic!("text in a topic");
    };
    assert_eq!(chat.topic, Some(42));
}

#[test]
fn stickers_edits_and_other_bots_are_ignored() {
    let sticker = update(json!({
        "update_id": 12,
        "message": {"message_id": 7, "date": 1_780_000_000, "chat": group(), "from": nadia(),
                    "sticker": {"file_id": "f", "file_unique_id": "u", "type": "regular",
                                "width": 512, "height": 512, "is_animated": false,
                                "is_video": false}}
    }));
    assert_eq!(seen(&sticker, BOT), None);
    let edit = update(json!({
        "update_id": 13,
        "edited_message": {"message_id": 5, "date": 1_780_000_000, "edit_date": 1_780_000_100,
                           "chat": group(), "from": nadia(), "text": "/faq"}
    }));
    assert_eq!(seen(&edit, BOT), None);
    let robot = json!({"id": 222, "is_bot": true, "first_name": "Other", "username": "OtherBot"});
    let from_bot = update(json!({
        "update_id": 14,
        "message": {"message_id": 8, "date": 1_780_000_000, "chat": group(), "from": robot,
                    "text": "/help"}
    }));
    assert_eq!(seen(&from_bot, BOT), None);
}

#[test]
fn a_pressed_button_carries_its_key() {
    let update = update(json!({
        "update_id": 15,
        "callback_query": {
            "id": "4382bfdwdsb323b2d9", "from": nadia(), "chat_instance": "-8150",
            "data": "c:7f3a",
            "message": {"message_id": 9, "date": 1_780_000_000, "chat": group(),
                        "from": {"id": 999, "is_bot": true, "first_name": "Passerelle",
                                 "username": BOT},
                        "text": "New event"}
        }
    }));
    assert_eq!(
        seen(&update, BOT),
        Some(Seen::Pressed {
            query: "4382bfdwdsb323b2d9".into(),
            from: nadia_person(),
            chat: Some(Chat {
                id: -1001234,
                private: false,
                topic: None
            }),
            key: "c:7f3a".into(),
        })
    );
}

#[test]
fn members_joining_and_leaving_are_seen_both_ways() {
    let change = |old: &str, new: &str| {
        update(json!({
            "update_id": 16,
            "chat_member": {
                "chat": group(), "from": nadia(), "date": 1_780_000_000,
                "old_chat_member": {"status": old, "user": nadia()},
                "new_chat_member": {"status": new, "user": nadia()}
            }
        }))
    };
    assert_eq!(
        seen(&change("left", "member"), BOT),
        Some(Seen::Joined {
            chat: -1001234,
            members: vec![nadia_person()]
        })
    );
    assert_eq!(
        seen(&change("member", "left"), BOT),
        Some(Seen::Left {
            chat: -1001234,
            member: nadia_person()
        })
    );
    let added = update(json!({
        "update_id": 17,
        "message": {"message_id": 10, "date": 1_780_000_000, "chat": group(), "from": nadia(),
                    "new_chat_members": [nadia()]}
    }));
    assert!(matches!(seen(&added, BOT), Some(Seen::Joined { .. })));
}

#[test]
fn a_join_request_gives_the_chat_to_write_in() {
    let update = update(json!({
        "update_id": 18,
        "chat_join_request": {"chat": group(), "from": nadia(), "user_chat_id": 111,
                              "date": 1_780_000_000}
    }));
    assert_eq!(
        seen(&update, BOT),
        Some(Seen::JoinRequest {
            chat: -1001234,
            from: nadia_person(),
            user_chat: 111
        })
    );
}

#[test]
fn a_deep_links_start_is_the_command_its_payload_names() {
    assert_eq!(
        for_this_bot("/start onboard", BOT).as_deref(),
        Some("/onboard")
    );
    assert_eq!(
        for_this_bot("/start rsvp-12-yes", BOT).as_deref(),
        Some("/rsvp 12 yes")
    );
    assert_eq!(
        for_this_bot("/start event-7", BOT).as_deref(),
        Some("/event 7")
    );
    assert_eq!(for_this_bot("/start", BOT).as_deref(), Some("/help"));
    assert_eq!(
        for_this_bot("/start@PasserelleBot", BOT).as_deref(),
        Some("/help")
    );
    assert_eq!(
        for_this_bot("/start rsvp-x-yes", BOT).as_deref(),
        Some("/help")
    );
    assert_eq!(for_this_bot("/starts", BOT).as_deref(), Some("/starts"));
    assert_eq!(for_this_bot("/start open", BOT).as_deref(), Some(""));
}
