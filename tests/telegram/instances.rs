//! Several `passerelle run` on one PostgreSQL: one holds Telegram's long poll under a
//! lease, the others stand by; the holder is killed (SIGKILL) again and again while
//! members write, and another takes over. Nothing is lost, a reply goes twice only when
//! its command was on its way at a kill, and the takeover times are reported.

use std::time::{Duration, Instant};

use passerelle_core::model::RoomPurpose;
use passerelle_test_support::TestDb;
use passerelle_test_support::passerelle::{holding, instances};
use passerelle_test_support::telegram::{Call, FakeTelegram, User, message};

use crate::support::*;

const POSTGRES_ENV: &str = "PASSERELLE_TEST_POSTGRES_URL";
const INSTANCES: usize = 3;
const KILLS: usize = 4;
/// What the issue asks: another instance takes over within 15 s.
const TAKEOVER: Duration = Duration::from_secs(15);

/// The replies sent to `asked` after `mark`.
fn answers(fake: &FakeTelegram, mark: usize, asked: i64) -> usize {
    let calls: Vec<Call> = fake.calls()[mark..].to_vec();
    calls
        .iter()
        .filter(|call| call.method == "sendMessage" && call.status == 200)
        .filter(|call| replying_to(call) == Some(asked))
        .count()
}

async fn answered(fake: &FakeTelegram, mark: usize, asked: &[i64]) {
    let deadline = Instant::now() + TAKEOVER + WAIT;
    while asked.iter().any(|id| answers(fake, mark, *id) == 0) {
        assert!(Instant::now() < deadline, "unanswered among {asked:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn three_instances_share_the_long_poll_and_lose_nothing_when_its_holder_dies() {
    let Some(db) = TestDb::postgres_unless_skipped(POSTGRES_ENV).await.unwrap() else {
        return;
    };
    let fake = FakeTelegram::start(TOKEN).await.unwrap();
    let config = config(&fake, &[RoomPurpose::Main], "", "");
    let env = [
        ("RUST_LOG", "warn,passerelle_runtime=info"),
        ("PASSERELLE_TELEGRAM_TOKEN", TOKEN),
    ];
    let binary = env!("CARGO_BIN_EXE_passerelle");
    let (_dirs, mut instances) = instances(binary, INSTANCES, &config, &db.url, &env).unwrap();
    let first = instances[0]
        .start(&["run"], "Telegram: ", WAIT)
        .await
        .unwrap();
    assert!(first.starts_with("listening as @"), "{first}");
    for instance in &mut instances[1..] {
        let said = instance.start(&["run"], "Telegram: ", WAIT).await.unwrap();
        assert!(said.starts_with("standing by, "), "{said}");
    }

    let mark = fake.mark();
    let mut asked: Vec<i64> = Vec::new();
    let mut takeovers = Vec::new();
    let mut member = 1000;
    let mut ask = |fake: &FakeTelegram, asked: &mut Vec<i64>| {
        member += 1;
        let update = fake.push_update(message(&group(), &User::new(member, "Ana"), "/events"));
        let id = update["message"]["message_id"].as_i64().unwrap();
        asked.push(id);
        id
    };
    for kill in 0..KILLS {
        // Members write; the holder dies while it answers them.
        for _ in 0..5 {
            ask(&fake, &mut asked);
        }
        tokio::time::sleep(Duration::from_millis(150 * kill as u64)).await;
        let dead = holding(&db.url, "telegram:123456", &instances, TAKEOVER)
            .await
            .unwrap();
        instances[dead].kill().unwrap();
        let killed_at = Instant::now();
        let probe = ask(&fake, &mut asked);
        answered(&fake, mark, &[probe]).await;
        takeovers.push(killed_at.elapsed());
        let said = instances[dead]
            .start(&["run"], "Telegram: ", WAIT)
            .await
            .unwrap();
        assert!(said.starts_with("standing by, "), "{said}");
    }
    answered(&fake, mark, &asked).await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    for instance in &mut instances {
        instance.stop(WAIT).await.unwrap();
    }

    let repeated: usize = asked.iter().map(|id| answers(&fake, mark, *id) - 1).sum();
    // Telegram has no transaction IDs: only a reply on its way at the instant of a kill
    // can go twice, one per kill at most.
    assert!(repeated <= KILLS, "{repeated} replies went twice");
    let conflicts = fake
        .calls_to("getUpdates")
        .iter()
        .filter(|call| call.status == 409)
        .count();
    // A 409 answers a poll a newer one replaced: a dead holder's, never a live pair.
    assert!(conflicts <= KILLS, "{conflicts} polls in conflict");
    let slowest = takeovers.iter().max().copied().unwrap_or_default();
    println!(
        "{INSTANCES} instances, {KILLS} kills of the holder, {} commands answered, \
         {repeated} twice; takeover (kill to the next command answered): {:?}",
        asked.len(),
        takeovers
    );
    assert!(slowest <= TAKEOVER, "takeovers {takeovers:?}");
    for instance in &instances {
        no_token_in_logs(instance);
    }
    let _ = db.drop_database().await;
}
