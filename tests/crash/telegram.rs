//! The workload through the real `passerelle run` on the fake Telegram: members write in
//! the group and in private, newcomers join, and the bot is killed with SIGKILL a few
//! milliseconds after an update at seeded moments, then started again. Telegram hands in
//! again what was not confirmed (the adapter confirms an update once it is handled), so
//! every line is applied once, FAQ additions included; what the bot sent is read from
//! the fake's record of its calls.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use anyhow::{Context, ensure};
use passerelle_core::model::{Platform, RoomPurpose};
use passerelle_test_support::Passerelle;
use passerelle_test_support::community::{community, config_toml, room};
use passerelle_test_support::telegram::{
    Chat, FakeTelegram, Status, Update, User, chat_member, message,
};

use crate::check::Told;
use crate::run::Run;
use crate::workload::{Kind, Rng, Step};

pub const TOKEN: &str = "123456:crash-test-token";
const GROUP: i64 = -1_009_999;
const READY: &str = "Telegram: listening as @";
const WAIT: Duration = Duration::from_secs(30);

/// Every name the workload uses, each a Telegram user.
pub struct People(BTreeMap<String, i64>);

impl People {
    pub fn new() -> People {
        let names = crate::workload::MEMBERS
            .iter()
            .chain(crate::workload::NEWCOMERS.iter())
            .chain(["olga", "eda", "wes"].iter());
        People(
            names
                .enumerate()
                .map(|(at, name)| ((*name).to_owned(), 5000 + at as i64))
                .collect(),
        )
    }

    fn id(&self, name: &str) -> i64 {
        self.0[name]
    }

    fn user(&self, name: &str) -> User {
        User::new(self.id(name), name)
    }

    /// The name of the user whose ID is `id`, as the database has it.
    pub fn name(&self, id: &str) -> String {
        self.0
            .iter()
            .find(|(_, known)| known.to_string() == id)
            .map_or_else(|| id.to_owned(), |(name, _)| name.clone())
    }
}

/// The config: the group as the community's main, announcement and welcome room, and
/// the roles the console gives with `:role`.
pub fn config(fake: &FakeTelegram, people: &People) -> String {
    let mut test = community();
    let purposes = [
        RoomPurpose::Main,
        RoomPurpose::Announcements,
        RoomPurpose::Welcome,
    ];
    test.rooms = vec![room(Platform::Telegram, &GROUP.to_string(), &purposes)];
    let role = |role: &str, name: &str| {
        format!(
            "[[telegram.role]]\nrole = \"{role}\"\nusers = [{}]\n",
            people.id(name)
        )
    };
    format!(
        "{}\n[telegram]\napi_url = \"{}\"\n{}{}{}",
        config_toml(&test),
        fake.url(),
        role("organizer", "olga"),
        role("editor", "eda"),
        role("welcomer", "wes"),
    )
}

/// A workload line as a Telegram update.
fn update(line: &str, people: &People) -> anyhow::Result<Update> {
    let group = Chat::supergroup(GROUP, "Crash test");
    if let Some(name) = line.strip_prefix(":join ") {
        let user = people.user(name);
        return Ok(chat_member(&group, &user, Status::Left, Status::Member));
    }
    let (who, text) = line.split_once(": ").context(line.to_owned())?;
    Ok(match who.strip_suffix(" (dm)") {
        Some(name) => {
            let user = people.user(name);
            message(&Chat::private(&user), &user, text)
        }
        None => message(&group, &people.user(who), text),
    })
}

/// Waits until Telegram has nothing left that the bot did not confirm.
async fn confirmed(fake: &FakeTelegram) -> anyhow::Result<()> {
    let deadline = Instant::now() + WAIT;
    while fake.pending_updates() > 0 {
        ensure!(Instant::now() < deadline, "updates left unconfirmed");
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    Ok(())
}

/// When each kill came.
pub struct Marks {
    pub kills: Vec<Instant>,
}

/// Runs the setup, then the workload with `kills` kills at lines drawn from `seed`.
#[allow(clippy::too_many_arguments)]
pub async fn drive(
    url: &str,
    bot: &mut Passerelle,
    fake: &FakeTelegram,
    people: &People,
    setup: &[String],
    script: &[Step],
    seed: u64,
    kills: usize,
) -> anyhow::Result<(Run, Marks)> {
    fake.allow_any_private(true);
    let mut rng = Rng::new(seed ^ 0x7465_6c65);
    let mut run = Run::default();
    let mut marks = Marks { kills: Vec::new() };
    bot.start(&["run"], READY, WAIT).await?;
    for line in setup {
        fake.push_update(update(line, people)?);
        confirmed(fake).await?;
    }
    let mut doomed = vec![0usize; script.len()];
    for _ in 0..kills {
        doomed[rng.below(script.len().max(1) as u64) as usize] += 1;
    }
    for (step, kills_here) in script.iter().zip(doomed) {
        fake.push_update(update(&step.line, people)?);
        for _ in 0..kills_here {
            std::thread::sleep(Duration::from_micros(rng.below(12_000)));
            bot.kill()?;
            marks.kills.push(Instant::now());
            run.killed.push(true);
            run.sent_again += usize::from(fake.pending_updates() > 0);
            bot.start(&["run"], READY, WAIT).await?;
        }
        confirmed(fake).await?;
        run.added.extend(step.adds.clone());
    }
    // Whatever a kill left claimed in the outbox goes once its lease runs out (a minute).
    let deadline = Instant::now() + Duration::from_secs(90);
    while outbox(url).await? > 0 {
        ensure!(Instant::now() < deadline, "the outbox does not empty");
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    bot.stop(WAIT).await?;
    run.killed.push(false);
    Ok((run, marks))
}

/// How many messages wait in the outbox.
async fn outbox(url: &str) -> anyhow::Result<i64> {
    use sqlx::Connection;
    let sql = "SELECT COUNT(*) FROM outbox";
    Ok(if url.starts_with("postgres") {
        let mut db = sqlx::PgConnection::connect(url).await?;
        sqlx::query_scalar(sql).fetch_one(&mut db).await?
    } else {
        let mut db = sqlx::SqliteConnection::connect(url).await?;
        sqlx::query_scalar(sql).fetch_one(&mut db).await?
    })
}

/// The private messages the bot sent, in order. The outbox worker sends on its own, a
/// little after the update that caused it, and confirms what it sent within 50 ms: one
/// sent in the second before a kill may have gone unrecorded.
pub fn sent(fake: &FakeTelegram, people: &People, marks: &Marks) -> Vec<Told> {
    let calls = fake.calls();
    let unsure = |at: Instant| {
        marks
            .kills
            .iter()
            .any(|&kill| at <= kill && kill.duration_since(at) <= Duration::from_secs(1))
    };
    calls
        .iter()
        .enumerate()
        .filter(|(_, call)| call.method == "sendMessage" && call.status == 200)
        .filter_map(|(at, call)| {
            let chat = call.chat_id().filter(|chat| *chat > 0)?;
            let text = call.text()?;
            let (kind, event) = Kind::of(text)?;
            Some(Told {
                member: people.name(&chat.to_string()),
                kind,
                event,
                line: text.to_owned(),
                process: at,
                unrecorded: unsure(call.received),
                step: 0,
            })
        })
        .collect()
}
