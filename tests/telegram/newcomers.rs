//! Newcomers on Telegram: joining the group, asking to join it (a join request, decided
//! as `join_requests` says), and the private chat a bot cannot open by itself.

use passerelle_test_support::telegram::{
    Chat, FakeTelegram, Status, User, chat_join_request, chat_member, message,
};

use crate::support::*;

const RULES: &str = "[community.onboarding.rules]\nen = \"Be kind.\"\n";

#[tokio::test]
async fn a_newcomer_joining_the_group_is_welcomed_there() {
    let fake = FakeTelegram::start(TOKEN).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut bot = bot(dir.path(), &fake);
    bot.start(&["run"], READY, WAIT).await.unwrap();
    let amina = User::new(333, "Amina");
    fake.push_update(chat_member(&group(), &amina, Status::Left, Status::Member));
    let welcome = fake
        .wait_for(
            "sendMessage",
            |call| to_group(call) && call.text().is_some_and(|text| text.contains("Amina")),
            WAIT,
        )
        .await
        .unwrap();
    assert!(welcome.text().is_some());
    bot.stop(WAIT).await.unwrap();
}

#[tokio::test]
async fn a_newcomer_who_never_opened_the_bot_is_pointed_to_it_then_gets_what_waited() {
    let fake = FakeTelegram::start(TOKEN).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut bot = bot(dir.path(), &fake);
    let username = bot.start(&["run"], READY, WAIT).await.unwrap();
    let amina = User::new(333, "Amina");
    fake.push_update(chat_member(&group(), &amina, Status::Left, Status::Member));

    // Telegram refuses the questionnaire (a bot cannot open a private chat): the member
    // is asked in the group, by name, to open one.
    let link = format!("https://t.me/{username}?start=open");
    let pointed = fake
        .wait_for(
            "sendMessage",
            |call| to_group(call) && call.text().is_some_and(|text| text.contains(&link)),
            WAIT,
        )
        .await
        .unwrap();
    assert!(
        pointed.text().unwrap_or_default().contains("Amina"),
        "{pointed:?}"
    );
    assert!(
        fake.calls_to("sendMessage")
            .iter()
            .any(|call| call.chat_id() == Some(333) && call.status == 403)
    );

    // She opens it: what waited goes, and nothing else is said.
    let mark = fake.mark();
    fake.push_update(message(&Chat::private(&amina), &amina, "/start open"));
    let delivered = fake
        .wait_for_after(
            mark,
            "sendMessage",
            |call| call.chat_id() == Some(333) && call.status == 200,
            WAIT,
        )
        .await
        .unwrap();
    assert!(delivered.text().is_some(), "{delivered:?}");
    bot.stop(WAIT).await.unwrap();
}

/// Amina's join request to the group, with her private chat for the bot to write to.
fn amina_asks(fake: &FakeTelegram) -> User {
    let amina = User::new(333, "Amina");
    fake.push_update(chat_join_request(&group(), &amina, 333));
    amina
}

fn to_amina(call: &passerelle_test_support::telegram::Call) -> bool {
    call.chat_id() == Some(333) && call.status == 200
}

fn approved(fake: &FakeTelegram) -> usize {
    fake.calls_to("approveChatJoinRequest")
        .iter()
        .filter(|call| call.status == 200)
        .count()
}

#[tokio::test]
async fn a_join_request_gets_the_questions_in_private_and_is_approved_after_accept() {
    let fake = FakeTelegram::start(TOKEN).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut bot = bot_with(dir.path(), &fake, RULES, "");
    bot.start(&["run"], READY, WAIT).await.unwrap();
    let amina = amina_asks(&fake);

    // The rules and the first question reach her through the window the request opened.
    let intro = fake.wait_for("sendMessage", to_amina, WAIT).await.unwrap();
    assert!(
        intro.text().unwrap_or_default().contains("Be kind."),
        "{intro:?}"
    );
    fake.wait_for(
        "sendMessage",
        |call| to_amina(call) && !buttons(call).is_empty(),
        WAIT,
    )
    .await
    .unwrap();
    assert_eq!(
        approved(&fake),
        0,
        "nobody is let in before accepting the rules"
    );

    let mark = fake.mark();
    fake.push_update(message(&Chat::private(&amina), &amina, "/accept"));
    let approval = fake
        .wait_for_after(mark, "approveChatJoinRequest", |_| true, WAIT)
        .await
        .unwrap();
    assert_eq!(approval.status, 200, "{approval:?}");
    assert_eq!(
        approval.param("user_id").and_then(|id| id.as_i64()),
        Some(333)
    );
    assert_eq!(approval.chat_id(), Some(GROUP));
    // In the group, greeted by name (Telegram's own `chat_member` that follows the
    // approval says nothing more).
    fake.wait_for_after(
        mark,
        "sendMessage",
        |call| to_group(call) && call.text().is_some_and(|text| text.contains("Amina")),
        WAIT,
    )
    .await
    .unwrap();
    // Something said after it is answered: Telegram's `chat_member` for her approval,
    // pushed before, was handled by then.
    let mark = fake.mark();
    let asked = fake.push_update(message(&group(), &nadia(), "/help"));
    let asked = asked["message"]["message_id"].as_i64();
    fake.wait_for_after(mark, "sendMessage", |call| replying_to(call) == asked, WAIT)
        .await
        .unwrap();
    bot.stop(WAIT).await.unwrap();
    let greetings = fake
        .calls_to("sendMessage")
        .iter()
        .filter(|call| to_group(call) && call.text().is_some_and(|text| text.contains("Amina")))
        .count();
    assert_eq!(greetings, 1, "{:?}", fake.calls_to("sendMessage"));
    assert_eq!(approved(&fake), 1);
}

#[tokio::test]
async fn approve_lets_them_in_at_once_after_the_first_question() {
    let fake = FakeTelegram::start(TOKEN).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut bot = bot_with(dir.path(), &fake, RULES, "join_requests = \"approve\"\n");
    bot.start(&["run"], READY, WAIT).await.unwrap();
    amina_asks(&fake);
    let approval = fake
        .wait_for("approveChatJoinRequest", |_| true, WAIT)
        .await
        .unwrap();
    assert_eq!(approval.status, 200, "{approval:?}");
    // The questions went first, while the request let the bot write to her.
    let questions = fake
        .calls_to("sendMessage")
        .into_iter()
        .filter(to_amina)
        .filter(|call| call.received < approval.received)
        .count();
    assert_eq!(questions, 2, "{:?}", fake.calls_to("sendMessage"));
    bot.stop(WAIT).await.unwrap();
}

#[tokio::test]
async fn manual_leaves_the_request_to_the_admins() {
    let fake = FakeTelegram::start(TOKEN).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut bot = bot_with(dir.path(), &fake, RULES, "join_requests = \"manual\"\n");
    bot.start(&["run"], READY, WAIT).await.unwrap();
    amina_asks(&fake);
    // Something after it is handled: the request was, and asked for nothing.
    fake.push_update(message(&group(), &nadia(), "/help"));
    fake.wait_for("sendMessage", to_group, WAIT).await.unwrap();
    bot.stop(WAIT).await.unwrap();
    assert!(fake.calls_to("approveChatJoinRequest").is_empty());
    assert!(
        !fake
            .calls_to("sendMessage")
            .iter()
            .any(|call| call.chat_id() == Some(333))
    );
}

#[tokio::test]
async fn a_newcomer_who_blocked_the_bot_shows_on_their_welcome_case() {
    let fake = FakeTelegram::start(TOKEN).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let welcomer = User::new(777, "Walid");
    let mut bot = bot_with(
        dir.path(),
        &fake,
        "",
        "[[telegram.role]]\nrole = \"welcomer\"\nusers = [777]\n",
    );
    bot.start(&["run"], READY, WAIT).await.unwrap();
    let amina = User::new(333, "Amina");
    fake.open_private(333);
    fake.block(333);
    fake.push_update(chat_member(&group(), &amina, Status::Left, Status::Member));
    fake.wait_for(
        "sendMessage",
        |call| call.chat_id() == Some(333) && call.status == 403,
        WAIT,
    )
    .await
    .unwrap();

    // The refusal is noted just after Telegram's answer: the queue shows it then.
    let mut text = String::new();
    for _ in 0..20 {
        let mark = fake.mark();
        fake.push_update(message(
            &Chat::private(&welcomer),
            &welcomer,
            "/welcome queue",
        ));
        let queue = fake
            .wait_for_after(
                mark,
                "sendMessage",
                |call| call.chat_id() == Some(777),
                WAIT,
            )
            .await
            .unwrap();
        text = queue.text().unwrap_or_default().to_owned();
        if text.contains("cannot be reached") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(text.contains("Amina"), "{text}");
    assert!(
        text.contains("cannot be reached in private on Telegram"),
        "{text}"
    );
    bot.stop(WAIT).await.unwrap();
}

#[tokio::test]
async fn a_role_granted_by_a_routing_rule_brings_a_one_person_invite_link() {
    let fake = FakeTelegram::start(TOKEN).await.unwrap();
    const BRASIL: i64 = -1005555;
    fake.add_chat(&Chat::supergroup(BRASIL, "Brasileiros em Paris"));
    let dir = tempfile::tempdir().unwrap();
    let mut bot = bot_with(
        dir.path(),
        &fake,
        "[[community.onboarding.route]]\norigin = \"BR\"\nrole = \"brasil\"\n",
        &format!("[[telegram.grant]]\nrole = \"brasil\"\ninvite = [{BRASIL}]\n"),
    );
    bot.start(&["run"], READY, WAIT).await.unwrap();
    let nadia = nadia();
    fake.push_update(message(
        &Chat::private(&nadia),
        &nadia,
        "/profile set origin=Brazil",
    ));
    let link = fake
        .wait_for(
            "createChatInviteLink",
            |call| call.chat_id() == Some(BRASIL),
            WAIT,
        )
        .await
        .unwrap();
    assert_eq!(link.param("member_limit").and_then(|n| n.as_i64()), Some(1));
    let invite = link.result().unwrap()["invite_link"]
        .as_str()
        .unwrap()
        .to_owned();
    fake.wait_for(
        "sendMessage",
        |call| {
            call.chat_id() == Some(111) && call.text().is_some_and(|text| text.contains(&invite))
        },
        WAIT,
    )
    .await
    .unwrap();
    bot.stop(WAIT).await.unwrap();
}
