//! One community across platforms, through the hub's API. Linked accounts: a member on
//! the console and on Matrix links the two, and everything each held becomes one
//! member's, with no row left naming the member merged away; codes work once, in
//! private, and lock after wrong tries; private messages go where the member prefers,
//! and on when a platform refuses them. One welcome team: a welcomer on Matrix writes to
//! a newcomer on the console and hears back.

use chrono::TimeDelta;
use libtest_mimic::Trial;
use passerelle_core::Hub;
use passerelle_core::incoming::{Event, Incoming, Place, Sender};
use passerelle_core::model::{Identity, MemberId, Platform, Role};
use passerelle_core::outbox::Destination;

use crate::hub::{hub, now};
use crate::onboarding::{count, foreign_keys_to_members};
use crate::support::Backend;

pub fn trials(backend: Backend) -> Vec<Trial> {
    crate::trials!(
        backend,
        "across",
        [
            linking_makes_one_member_and_leaves_no_row_for_the_other,
            codes_work_once_in_private_and_lock_after_wrong_tries,
            private_messages_go_where_the_member_prefers_and_on_when_refused,
            unlinking_and_forgetting_take_accounts_off,
            a_welcomer_on_matrix_writes_to_a_newcomer_and_hears_back,
        ]
    )
}

/// An account of Nadia's, or someone else's: who, on which platform, and where.
#[derive(Clone, Copy)]
struct Account {
    platform: Platform,
    user: &'static str,
    name: &'static str,
    /// Their platform's main room.
    room: &'static str,
}

const CONSOLE: Account = Account {
    platform: Platform::Console,
    user: "nadia",
    name: "Nadia",
    room: "#general",
};
const MATRIX: Account = Account {
    platform: Platform::Matrix,
    user: "@nadia:example.org",
    name: "Nadia B.",
    room: "!general:example.org",
};

fn console(user: &'static str) -> Account {
    Account {
        user,
        name: user,
        ..CONSOLE
    }
}

fn incoming(account: Account, direct: bool, event: Event) -> Incoming {
    Incoming {
        id: None,
        platform: account.platform,
        sender: Sender {
            user_id: account.user.into(),
            display_name: account.name.into(),
            roles: Vec::new(),
            language: None,
        },
        place: if direct {
            Place::Direct
        } else {
            Place::Room(account.room.into())
        },
        event,
    }
}

/// `account` says `text` at `minutes` past the test's start; what the hub said here.
async fn say(hub: &Hub, account: Account, direct: bool, text: &str, minutes: i64) -> String {
    let event = incoming(account, direct, Event::Message(text.into()));
    let at = now() + TimeDelta::minutes(minutes);
    let said = hub.handle(&event, at).await.expect("handled");
    said.into_iter()
        .map(|message| message.text)
        .collect::<Vec<_>>()
        .join("\n")
}

async fn grant(hub: &Hub, account: Account, role: Role) {
    let identity = Identity {
        platform: account.platform,
        user_id: account.user.into(),
        display_name: account.name.into(),
    };
    hub.grant_role(&identity, role, now())
        .await
        .expect("granted");
}

async fn member(hub: &Hub, account: Account) -> Option<MemberId> {
    let found = hub
        .store()
        .find_member(hub.community_id(), account.platform, account.user)
        .await
        .expect("read");
    found.map(|member| member.id)
}

/// The code in `/link`'s answer (`**K7M-4QX**`).
fn code_in(text: &str) -> String {
    let start = text.find("**").expect("a code in bold") + 2;
    let end = start + text[start..].find("**").expect("its end");
    text[start..end].to_owned()
}

/// `from` asks for a code in private and `to` sends it: what `to` is told.
async fn link(hub: &Hub, from: Account, to: Account, minutes: i64) -> String {
    let given = say(hub, from, true, "/link", minutes).await;
    say(
        hub,
        to,
        true,
        &format!("/link {}", code_in(&given)),
        minutes,
    )
    .await
}

/// Private messages waiting for delivery on `platform`, as (destination, text).
async fn waiting(hub: &Hub, platform: Platform, minutes: i64) -> Vec<(String, String)> {
    let at = now() + TimeDelta::minutes(minutes);
    let claimed = hub
        .store()
        .claim_outgoing(platform, "test", at, 100)
        .await
        .expect("claimed");
    let mut found = Vec::new();
    for outgoing in claimed {
        if let Destination::Direct(user) = &outgoing.destination {
            found.push((user.clone(), outgoing.message.text.clone()));
        }
        hub.store()
            .release(&outgoing, "test", at)
            .await
            .expect("released");
    }
    found
}

async fn linking_makes_one_member_and_leaves_no_row_for_the_other(url: String) {
    let hub = hub(&url).await;
    let (olga, walid, bob) = (console("olga"), console("walid"), console("bob"));
    grant(&hub, olga, Role::Organizer).await;
    grant(&hub, walid, Role::Welcomer).await;
    say(
        &hub,
        olga,
        false,
        "/event create Picnic when=\"friday 12:00\" capacity=2",
        0,
    )
    .await;
    say(
        &hub,
        olga,
        false,
        "/event create Dinner when=\"saturday 20:00\"",
        0,
    )
    .await;
    // Nadia joins on both platforms; each account answers some of the questions.
    for account in [CONSOLE, MATRIX] {
        let joined = incoming(account, false, Event::Joined);
        hub.handle(&joined, now()).await.expect("joined");
        say(&hub, account, true, "/accept", 1).await;
        say(
            &hub,
            walid,
            true,
            &format!(
                "/welcome note {} seen on {}",
                account.user, account.platform
            ),
            1,
        )
        .await;
    }
    say(
        &hub,
        CONSOLE,
        true,
        "/profile set origin=Brazil city=Montréal",
        2,
    )
    .await;
    say(&hub, MATRIX, true, "/profile set city=Lyon languages=fr", 3).await;
    say(&hub, MATRIX, true, "/tz America/Sao_Paulo", 3).await;
    // Both accounts take a place at the picnic; Bob waits.
    say(&hub, CONSOLE, false, "/rsvp 1 yes", 4).await;
    say(&hub, MATRIX, false, "/rsvp 1 yes", 4).await;
    let line = say(&hub, bob, false, "/rsvp 1 yes", 4).await;
    assert!(line.contains("waitlist"), "{line}");
    // One answers maybe to the dinner, the other, later, no.
    say(&hub, CONSOLE, false, "/rsvp 2 maybe", 5).await;
    say(&hub, MATRIX, false, "/rsvp 2 no", 6).await;
    say(&hub, CONSOLE, false, "/remind 1 off", 6).await;
    grant(&hub, MATRIX, Role::Editor).await;
    say(
        &hub,
        MATRIX,
        false,
        "/faq add france housing title=\"Finding a flat\" answer=\"Start early.\"",
        7,
    )
    .await;
    let kept = member(&hub, CONSOLE).await.expect("the console account");
    let gone = member(&hub, MATRIX).await.expect("the Matrix account");
    let members_before = count(&url, "SELECT COUNT(*) FROM members".into()).await;

    let linked = link(&hub, MATRIX, CONSOLE, 10).await;
    assert!(
        linked.contains("Linked: Nadia (Console), Nadia B. (Matrix)"),
        "{linked}"
    );
    assert!(linked.contains("kept the most recent: city"), "{linked}");

    assert_eq!(member(&hub, MATRIX).await, Some(kept));
    let members_after = count(&url, "SELECT COUNT(*) FROM members".into()).await;
    assert_eq!(members_after, members_before - 1);
    let references = foreign_keys_to_members(&url).await;
    assert!(references.len() >= 15, "{references:?}");
    for (table, column) in &references {
        let sql = format!("SELECT COUNT(*) FROM {table} WHERE {column} = {}", gone.0);
        assert_eq!(
            count(&url, sql).await,
            0,
            "{table}.{column} names the merged member"
        );
    }
    // One answer per date: the place kept once, so Bob moves up and is told.
    let picnic = "SELECT COUNT(*) FROM rsvps WHERE event_id = 1 AND status = 'yes'";
    assert_eq!(count(&url, picnic.into()).await, 2);
    let bob_goes = waiting(&hub, Platform::Console, 10).await;
    assert!(
        bob_goes
            .iter()
            .any(|(to, text)| to == "bob" && text.contains("a place opened")),
        "{bob_goes:?}"
    );
    let dinner = format!(
        "SELECT COUNT(*) FROM rsvps WHERE event_id = 2 AND member_id = {} AND status = 'no'",
        kept.0
    );
    assert_eq!(count(&url, dinner).await, 1, "the more recent answer");
    // Roles, profile, zone, welcome case and reminders, all one member's.
    let profile = say(&hub, MATRIX, true, "/profile", 11).await;
    for shown in [
        "Brazil",
        "Lyon",
        "America/Sao_Paulo",
        "FAQ editor",
        "(2 notes)",
    ] {
        assert!(profile.contains(shown), "{shown} missing in {profile}");
    }
    let cases = format!(
        "SELECT COUNT(*) FROM welcome_cases WHERE member_id = {}",
        kept.0
    );
    assert_eq!(count(&url, cases).await, 1);
    let notes = "SELECT COUNT(*) FROM welcome_notes WHERE text LIKE 'seen on %'";
    assert_eq!(count(&url, notes.into()).await, 2);
    let queue = say(&hub, walid, true, "/welcome", 11).await;
    assert_eq!(queue.matches("Nadia").count(), 1, "one newcomer: {queue}");
    let optout = format!(
        "SELECT COUNT(*) FROM reminder_optouts WHERE member_id = {}",
        kept.0
    );
    assert_eq!(count(&url, optout).await, 1);
}

async fn codes_work_once_in_private_and_lock_after_wrong_tries(url: String) {
    let hub = hub(&url).await;
    // Asked in a room, the code comes in private.
    let asked = say(&hub, CONSOLE, false, "/link", 0).await;
    assert!(asked.contains("in a private message"), "{asked}");
    let given = waiting(&hub, Platform::Console, 0).await;
    let code = code_in(&given[0].1);
    // Said in a room, it is void.
    let public = say(&hub, MATRIX, false, &format!("/link {code}"), 1).await;
    assert!(public.contains("only in a private message"), "{public}");
    let after = say(&hub, MATRIX, true, &format!("/link {code}"), 1).await;
    assert!(after.contains("does not work"), "{after}");
    // A new one is typed any case, with its dash or without.
    let fresh = code_in(&say(&hub, CONSOLE, true, "/link", 2).await);
    // Ten minutes on, it is too old.
    let late = say(&hub, MATRIX, true, &format!("/link {fresh}"), 13).await;
    assert!(late.contains("does not work"), "{late}");
    let fresh = code_in(&say(&hub, CONSOLE, true, "/link", 14).await);
    let own = say(
        &hub,
        CONSOLE,
        true,
        &format!("/link {}", fresh.to_lowercase()),
        15,
    )
    .await;
    assert!(own.contains("this account's own"), "{own}");
    // Five wrong codes lock the sender out for ten minutes, a right one too.
    let guesser = Account {
        user: "@guesser:example.org",
        ..MATRIX
    };
    let fresh = code_in(&say(&hub, CONSOLE, true, "/link", 16).await);
    for _ in 0..5 {
        let wrong = say(&hub, guesser, true, "/link ABC-DEF", 16).await;
        assert!(wrong.contains("does not work"), "{wrong}");
    }
    let locked = say(&hub, guesser, true, &format!("/link {fresh}"), 17).await;
    assert!(
        locked.contains("Too many wrong codes: try again in 10 minutes"),
        "{locked}"
    );
    let fresh = code_in(&say(&hub, CONSOLE, true, "/link", 27).await);
    let linked = say(
        &hub,
        MATRIX,
        true,
        &format!("/link {}", fresh.replace('-', "")),
        27,
    )
    .await;
    assert!(linked.contains("Linked"), "{linked}");
    // Once used, it is gone.
    let again = say(&hub, console("bob"), true, &format!("/link {fresh}"), 28).await;
    assert!(again.contains("does not work"), "{again}");
    // Two accounts on one platform are not one member.
    let other = Account {
        user: "@nadia2:example.org",
        ..MATRIX
    };
    let refused = link(&hub, CONSOLE, other, 29).await;
    assert!(refused.contains("Both accounts are on Matrix"), "{refused}");
}

async fn private_messages_go_where_the_member_prefers_and_on_when_refused(url: String) {
    let hub = hub(&url).await;
    let olga = console("olga");
    grant(&hub, olga, Role::Organizer).await;
    say(
        &hub,
        olga,
        false,
        "/event create Picnic when=\"friday 12:00\" capacity=1",
        0,
    )
    .await;
    say(&hub, console("bob"), false, "/rsvp 1 yes", 1).await;
    link(&hub, CONSOLE, MATRIX, 2).await;
    // Waitlisted from the console, she wrote last on Matrix when the place opens.
    say(&hub, CONSOLE, false, "/rsvp 1 yes", 3).await;
    say(&hub, MATRIX, false, "/events", 4).await;
    say(&hub, console("bob"), false, "/rsvp 1 no", 5).await;
    let on_matrix = waiting(&hub, Platform::Matrix, 5).await;
    assert!(
        on_matrix
            .iter()
            .any(|(to, text)| to == MATRIX.user && text.contains("a place opened")),
        "{on_matrix:?}"
    );
    // She chooses the console; her profile says so.
    let chosen = say(&hub, MATRIX, true, "/profile set dm=console", 6).await;
    assert!(chosen.contains("now go to Console"), "{chosen}");
    let unknown = say(&hub, MATRIX, true, "/profile set dm=telegram", 6).await;
    assert!(unknown.contains("no Telegram account"), "{unknown}");
    say(&hub, console("bob"), false, "/rsvp 1 yes", 7).await;
    say(&hub, CONSOLE, false, "/rsvp 1 no", 8).await;
    let on_console = waiting(&hub, Platform::Console, 8).await;
    assert!(
        on_console
            .iter()
            .any(|(to, text)| to == "bob" && text.contains("a place opened")),
        "{on_console:?}"
    );
    say(&hub, MATRIX, false, "/rsvp 1 yes", 9).await;
    say(&hub, console("bob"), false, "/rsvp 1 no", 10).await;
    let to_her =
        |found: &[(String, String)], user: &str| found.iter().filter(|(to, _)| to == user).count();
    assert_eq!(
        to_her(&waiting(&hub, Platform::Console, 10).await, CONSOLE.user),
        1
    );
    // The console refuses her for good: what waited there goes to Matrix.
    hub.private_refused(
        Platform::Console,
        CONSOLE.user,
        now() + TimeDelta::minutes(11),
    )
    .await
    .expect("marked");
    assert_eq!(
        to_her(&waiting(&hub, Platform::Console, 11).await, CONSOLE.user),
        0
    );
    let moved = waiting(&hub, Platform::Matrix, 11).await;
    assert!(
        moved
            .iter()
            .any(|(to, text)| to == MATRIX.user && text.contains("a place opened")),
        "{moved:?}"
    );
    // Matrix cannot open a private chat with her: while the console refuses her too,
    // she is asked in Matrix's main room to open one…
    let at = |minutes| now() + TimeDelta::minutes(minutes);
    let link = "https://matrix.to/#/@bot:example.org";
    hub.ask_to_open_private(Platform::Matrix, MATRIX.user, link, at(12))
        .await
        .expect("asked");
    let asked =
        "SELECT COUNT(*) FROM outbox WHERE destination_kind = 'room' AND body LIKE '%matrix.to%'";
    assert_eq!(count(&url, asked.into()).await, 1);
    // …and once she wrote to the bot on the console, what waits goes there instead.
    hub.opened_private(Platform::Console, CONSOLE.user, at(13))
        .await
        .expect("opened");
    hub.ask_to_open_private(Platform::Matrix, MATRIX.user, link, at(13))
        .await
        .expect("sent on");
    assert_eq!(
        to_her(&waiting(&hub, Platform::Matrix, 13).await, MATRIX.user),
        0
    );
    assert_eq!(
        to_her(&waiting(&hub, Platform::Console, 13).await, CONSOLE.user),
        2
    );
    assert_eq!(count(&url, asked.into()).await, 1, "not asked again");
    // One name everywhere.
    let named = say(&hub, CONSOLE, true, "/profile set name=\"Nadia S.\"", 14).await;
    assert!(named.contains("Your name is now Nadia S."), "{named}");
    let profile = say(&hub, MATRIX, true, "/profile", 14).await;
    assert!(profile.contains("Name: Nadia S."), "{profile}");
}

async fn unlinking_and_forgetting_take_accounts_off(url: String) {
    let hub = hub(&url).await;
    link(&hub, CONSOLE, MATRIX, 0).await;
    let profile = say(&hub, CONSOLE, true, "/profile", 1).await;
    assert!(
        profile.contains("Accounts: Nadia (Console), Nadia B. (Matrix)"),
        "{profile}"
    );
    let unlinked = say(&hub, CONSOLE, true, "/unlink matrix", 2).await;
    assert!(unlinked.contains("no longer linked"), "{unlinked}");
    let last = say(&hub, CONSOLE, true, "/unlink console", 2).await;
    assert!(
        last.contains("telegram"),
        "the console is no platform to unlink: {last}"
    );
    assert_ne!(member(&hub, MATRIX).await, member(&hub, CONSOLE).await);
    let only = say(&hub, MATRIX, true, "/unlink matrix", 3).await;
    assert!(only.contains("your only account"), "{only}");
    link(&hub, CONSOLE, MATRIX, 4).await;
    say(&hub, MATRIX, true, "/forget yes", 5).await;
    let accounts = "SELECT COUNT(*) FROM identities WHERE user_id LIKE '%nadia%'";
    assert_eq!(count(&url, accounts.into()).await, 0);
}

async fn a_welcomer_on_matrix_writes_to_a_newcomer_and_hears_back(url: String) {
    let hub = hub(&url).await;
    let walid = Account {
        user: "@walid:example.org",
        name: "Walid",
        ..MATRIX
    };
    grant(&hub, walid, Role::Welcomer).await;
    let amina = console("amina");
    let joined = incoming(amina, false, Event::Joined);
    hub.handle(&joined, now()).await.expect("joined");
    // Her private messages answer the questions while they wait.
    for answer in [
        "English",
        "Morocco",
        "France",
        "Paris",
        "already here",
        "Arabic",
        "food",
    ] {
        say(&hub, amina, true, answer, 1).await;
    }
    let early = say(&hub, walid, true, "/welcome say amina Hello!", 2).await;
    assert!(early.contains("Sent to amina on Console"), "{early}");
    let queued = waiting(&hub, Platform::Console, 2).await;
    let to_amina: Vec<_> = queued
        .iter()
        .filter(|(to, text)| to == "amina" && text.contains("welcome team"))
        .collect();
    assert_eq!(to_amina.len(), 1, "{queued:?}");
    assert!(
        to_amina[0]
            .1
            .contains("Walid, of the Paris Newcomers welcome team: Hello!"),
        "{queued:?}"
    );
    // Saying something claimed her: her reply goes to Walid, on Matrix.
    let passed = say(&hub, amina, true, "Thanks! Is there a picnic soon?", 3).await;
    assert!(passed.contains("Passed on to Walid"), "{passed}");
    let on_matrix = waiting(&hub, Platform::Matrix, 3).await;
    assert!(
        on_matrix.iter().any(|(to, text)| to == walid.user
            && text.contains("From amina (newcomer, on Console): Thanks! Is there a picnic soon?")),
        "{on_matrix:?}"
    );
    // The case counts the exchange and keeps none of its text.
    let queue = say(&hub, walid, true, "/welcome", 4).await;
    assert!(
        queue.contains("1 sent by the team, 1 reply passed on"),
        "{queue}"
    );
    for (table, column) in [("welcome_notes", "text"), ("outbox", "last_error")] {
        let sql = format!("SELECT COUNT(*) FROM {table} WHERE {column} LIKE '%picnic soon%'");
        assert_eq!(count(&url, sql).await, 0, "{table}.{column}");
    }
    // Commands stay commands, and another welcomer cannot write to her.
    let help = say(&hub, amina, true, "/help tz", 5).await;
    assert!(help.contains("/tz"), "{help}");
    let other = console("olga");
    grant(&hub, other, Role::Welcomer).await;
    let held = say(&hub, other, true, "/welcome say amina Hi", 5).await;
    assert!(held.contains("Walid is greeting amina"), "{held}");
    // Once she is done, what she writes is hers again.
    say(&hub, walid, true, "/welcome done amina", 6).await;
    let after = say(&hub, amina, true, "Thanks again", 7).await;
    assert!(!after.contains("Passed on"), "{after}");
}
