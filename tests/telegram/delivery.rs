//! What Telegram refuses or interrupts: a storm of 429s, a kill in the middle of a batch
//! of updates, an answer longer than one message. Nothing lost, nothing twice.

use std::time::Duration;

use passerelle_test_support::telegram::{
    Call, Failure, FakeTelegram, User, callback_query, message,
};
use serde_json::Value;

use crate::support::*;

/// The calls to `method` after `mark` that `matches` accepts, once there are `count` of
/// them.
async fn wait_for_count(
    fake: &FakeTelegram,
    mark: usize,
    method: &str,
    matches: impl Fn(&Call) -> bool,
    count: usize,
) -> Vec<Call> {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let found: Vec<Call> = fake.calls()[mark..]
            .iter()
            .filter(|call| call.method == method && matches(call))
            .cloned()
            .collect();
        if found.len() >= count || tokio::time::Instant::now() > deadline {
            assert_eq!(found.len(), count, "{found:#?}");
            return found;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn sent(call: &Call) -> bool {
    call.status == 200
}

/// No two messages went to the same chat with the same text.
fn nothing_twice(calls: &[Call]) {
    let mut seen = std::collections::HashSet::new();
    for call in calls.iter().filter(|call| sent(call)) {
        let key = (call.chat_id(), call.text().map(str::to_owned));
        assert!(seen.insert(key), "sent twice: {call:#?}");
    }
}

#[tokio::test]
async fn a_storm_of_429s_loses_nothing_repeats_nothing_and_waits_as_asked() {
    let fake = FakeTelegram::start(TOKEN).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut bot = bot(dir.path(), &fake);
    bot.start(&["run"], READY, WAIT).await.unwrap();
    let mark = fake.mark();
    for _ in 0..3 {
        fake.fail_next("sendMessage", Failure::TooManyRequests { retry_after: 2 });
    }
    for (who, text) in [
        (nadia(), "/faq france logement"),
        (User::new(444, "Ali"), "/help"),
        (User::new(555, "Bea"), "/events"),
    ] {
        fake.push_update(message(&group(), &who, text));
    }
    let answers = wait_for_count(&fake, mark, "sendMessage", |c| to_group(c) && sent(c), 3).await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    let calls: Vec<Call> = fake.calls()[mark..]
        .iter()
        .filter(|call| call.method == "sendMessage" && to_group(call))
        .cloned()
        .collect();
    nothing_twice(&calls);
    assert_eq!(
        calls.iter().filter(|call| sent(call)).count(),
        3,
        "{calls:#?}"
    );
    let texts: Vec<&str> = answers.iter().filter_map(Call::text).collect();
    assert!(texts[0].contains("home in France"), "{texts:?}");
    // After each 429, Telegram heard nothing from the bot for that chat for 2 s.
    let refused: Vec<&Call> = calls.iter().filter(|call| call.status == 429).collect();
    assert_eq!(refused.len(), 3, "{calls:#?}");
    for limit in refused {
        let until = limit.answered_at() + Duration::from_millis(1_950);
        let early: Vec<&Call> = calls
            .iter()
            .filter(|call| call.received > limit.answered_at() && call.received < until)
            .collect();
        assert!(early.is_empty(), "written to during the wait: {early:#?}");
    }
    bot.stop(WAIT).await.unwrap();
    // Refusals are logged: without the token their URLs hold.
    no_token_in_logs(&bot);
}

#[tokio::test]
async fn killed_in_the_middle_of_a_batch_nothing_is_lost_and_nothing_answered_twice() {
    let fake = FakeTelegram::start(TOKEN).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut bot = bot(dir.path(), &fake);
    bot.start(&["run"], READY, WAIT).await.unwrap();
    let announced = picnic(&fake, 0, "capacity=10").await;
    let going = buttons(&announced).remove(0).1;

    // Telegram holds the answer to a button press: the bot is stuck there, mid-batch,
    // once the hub handled the press and before its reply went or the update was
    // acknowledged.
    fake.fail_all(
        "answerCallbackQuery",
        Failure::Slow(Duration::from_secs(60)),
    );
    let mark = fake.mark();
    let id = |update: &Value| update["message"]["message_id"].as_i64();
    let first = id(&fake.push_update(message(&group(), &nadia(), "/faq france logement")));
    let second = id(&fake.push_update(message(&group(), &User::new(444, "Ali"), "/events")));
    let pressed = fake.push_update(callback_query(
        &User::new(555, "Bea"),
        announced.result().unwrap(),
        &going,
    ));
    let query = pressed["callback_query"]["id"].as_str().unwrap().to_owned();
    let last = id(&fake.push_update(message(&group(), &User::new(666, "Carl"), "/help")));
    let going_reply = |c: &Call| c.text().is_some_and(|text| text.contains("You're going"));
    let answered = |c: &Call| to_group(c) && sent(c) && [first, second].contains(&replying_to(c));
    wait_for_count(&fake, mark, "sendMessage", answered, 2).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    bot.kill().unwrap();
    fake.clear_failures();

    // The press comes again: handled before (or not yet, if the kill came first), it is
    // answered, and its reply goes once.
    bot.start(&["run"], READY, WAIT).await.unwrap();
    fake.wait_for_after(mark, "sendMessage", |c| replying_to(c) == last, WAIT)
        .await
        .unwrap();
    fake.wait_for_after(
        mark,
        "answerCallbackQuery",
        |c| {
            sent(c)
                && c.param("callback_query_id")
                    .and_then(|id| id.as_str().map(str::to_owned))
                    == Some(query.clone())
        },
        WAIT,
    )
    .await
    .unwrap();
    tokio::time::sleep(Duration::from_secs(1)).await;
    bot.stop(WAIT).await.unwrap();
    let calls: Vec<Call> = fake.calls()[mark..]
        .iter()
        .filter(|call| call.method == "sendMessage")
        .cloned()
        .collect();
    nothing_twice(&calls);
    for asked in [first, second, last] {
        let answers = calls
            .iter()
            .filter(|call| sent(call) && replying_to(call) == asked)
            .count();
        assert_eq!(answers, 1, "message {asked:?}: {calls:#?}");
    }
    let going_replies = calls.iter().filter(|c| sent(c) && going_reply(c)).count();
    assert_eq!(going_replies, 1, "{calls:#?}");
    assert!(fake.unanswered_callbacks().is_empty());
}

#[tokio::test]
async fn a_6000_character_answer_comes_in_parts_cut_where_telegram_allows() {
    let fake = FakeTelegram::start(TOKEN).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut bot = bot(dir.path(), &fake);
    bot.start(&["run"], READY, WAIT).await.unwrap();
    picnic(&fake, 0, "").await;
    // 120 members going, each with a long name: the list of names is over 6,000
    // characters.
    let mark = fake.mark();
    let names: Vec<String> = (0..120)
        .map(|n| format!("Member {n:03} of the picnic, with a rather long name"))
        .collect();
    for (n, name) in (0..).zip(&names) {
        let member = User::new(10_000 + n, name);
        fake.push_update(message(&group(), &member, "/rsvp 1 yes"));
    }
    let going = |c: &Call| {
        c.text()
            .is_some_and(|text| text.starts_with("You're going"))
    };
    wait_for_count(&fake, mark, "sendMessage", going, names.len()).await;

    let mark = fake.mark();
    let asked = fake.push_update(message(&group(), &omar(), "/event attendees 1"));
    let asked = asked["message"]["message_id"].as_i64();
    fake.wait_for_after(mark, "sendMessage", |c| replying_to(c) == asked, WAIT)
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(500)).await;
    let parts: Vec<Call> = fake.calls()[mark..]
        .iter()
        .filter(|c| c.method == "sendMessage" && to_group(c) && !going(c))
        .cloned()
        .collect();
    bot.stop(WAIT).await.unwrap();
    // What members see of each part: the text once Telegram parsed the HTML.
    let shown: Vec<String> = parts
        .iter()
        .map(|part| {
            assert!(sent(part), "{part:#?}");
            part.result().unwrap()["text"].as_str().unwrap().to_owned()
        })
        .collect();
    let whole = shown.concat();
    assert!(whole.chars().count() > 6_000, "{}", whole.chars().count());
    assert!(parts.len() >= 2, "{shown:#?}");
    for part in &shown {
        assert!(part.encode_utf16().count() <= 4_096, "{part}");
    }
    assert_eq!(
        replying_to(&parts[0]),
        asked,
        "the first part answers the question"
    );
    assert!(parts[1..].iter().all(|part| replying_to(part).is_none()));
    for name in &names {
        assert!(whole.contains(name.as_str()), "{name} is cut or missing");
    }
}
