//! Upgrades: a database left at each earlier migration, with the data of its time in it
//! (`tests/upgrade/*.sql`, each written right after the migration that made its tables),
//! is brought to the latest by opening it, and the hub then reads and changes it as if
//! it had always been new: the message waiting for Ana goes, the picnic is full with Ana
//! and Ben, the FAQ entry is found, Ana's answers and Ben's welcome case are there.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use libtest_mimic::Trial;
use passerelle_core::incoming::Place;
use passerelle_core::model::Platform;
use passerelle_core::{Hub, Store};
use passerelle_test_support::{community, says};
use sqlx::Connection;

use crate::hub::now;
use crate::support::{Backend, test_db};

pub fn trials(backend: Backend) -> Vec<Trial> {
    vec![Trial::test(
        format!(
            "{}::upgrade::a_database_at_each_earlier_migration_upgrades_with_its_data",
            backend.name()
        ),
        move || {
            let runtime = passerelle_test_support::runtime()?;
            runtime.block_on(every_earlier_migration(backend));
            Ok(())
        },
    )]
}

/// The fixtures, each with the name its migration ends with.
const FIXTURES: [&str; 4] = ["foundation", "events", "faq", "onboarding"];

fn here(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// The backend's migration files, in order.
fn migrations(backend: Backend) -> Vec<PathBuf> {
    let folder = here(&format!("migrations/{}", backend.name()));
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "sql"))
        .collect();
    files.sort();
    files
}

async fn every_earlier_migration(backend: Backend) {
    let files = migrations(backend);
    assert!(files.len() > 10, "{files:?}");
    for level in 1..files.len() {
        let db = test_db(backend).await;
        // Each migration in turn, each fixture right after the migration that made its
        // tables, as that version would have written it.
        let mut names = Vec::new();
        for step in 1..=level {
            migrate_to(&db.url, &files[..step]).await;
            let name = files[step - 1]
                .file_stem()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            if let Some(fixture) = FIXTURES.iter().find(|f| name.ends_with(&format!("_{f}"))) {
                let path = here(&format!("tests/upgrade/{fixture}.sql"));
                run_sql(&db.url, &std::fs::read_to_string(path).unwrap()).await;
            }
            names.push(name);
        }
        let has = |fixture: &str| {
            names
                .iter()
                .any(|name| name.ends_with(&format!("_{fixture}")))
        };
        let at = names.last().unwrap();
        let store = Store::open(&db.url)
            .await
            .unwrap_or_else(|error| panic!("from {at}: {error}"));
        let hub = Hub::open(store, community(), now()).await.unwrap();
        check(&hub, at, has("events"), has("faq"), has("onboarding")).await;
        let _ = db.drop_database().await;
    }
}

/// The migrations `applied`, and only those, as sqlx records them.
async fn migrate_to(url: &str, applied: &[PathBuf]) {
    let folder = tempfile::tempdir().unwrap();
    for file in applied {
        std::fs::copy(file, folder.path().join(file.file_name().unwrap())).unwrap();
    }
    let migrator = sqlx::migrate::Migrator::new(folder.path()).await.unwrap();
    if url.starts_with("postgres") {
        let mut db = sqlx::PgConnection::connect(url).await.unwrap();
        migrator.run(&mut db).await.unwrap();
    } else {
        let options = sqlx::sqlite::SqliteConnectOptions::from_str(url)
            .unwrap()
            .create_if_missing(true);
        let mut db = sqlx::SqliteConnection::connect_with(&options)
            .await
            .unwrap();
        migrator.run(&mut db).await.unwrap();
    }
}

async fn run_sql(url: &str, sql: &str) {
    let sql = sqlx::AssertSqlSafe(sql.to_owned());
    if url.starts_with("postgres") {
        let mut db = sqlx::PgConnection::connect(url).await.unwrap();
        sqlx::raw_sql(sql).execute(&mut db).await.unwrap();
    } else {
        let mut db = sqlx::SqliteConnection::connect(url).await.unwrap();
        sqlx::raw_sql(sql).execute(&mut db).await.unwrap();
    }
}

async fn say(hub: &Hub, name: &str, text: &str, place: Place) -> String {
    let mut incoming = says(name, text);
    incoming.place = place;
    let replies = hub.handle(&incoming, now()).await.unwrap();
    replies.iter().map(|reply| reply.text.as_str()).collect()
}

async fn check(hub: &Hub, at: &str, events: bool, faq: bool, onboarding: bool) {
    let room = || Place::Room(community::GENERAL.into());
    let waiting = hub
        .store()
        .claim_outgoing(Platform::Console, "upgrade", now(), 10)
        .await
        .unwrap();
    let texts: Vec<&str> = waiting
        .iter()
        .map(|row| row.message.text.as_str())
        .collect();
    assert!(
        texts.contains(&"Written before the upgrade"),
        "from {at}: {texts:?}"
    );
    let zone = say(hub, "ben", "/tz", Place::Direct).await;
    assert!(zone.contains("America/Montreal"), "from {at}: {zone}");
    if events {
        let picnic = say(hub, "ana", "/event 1", room()).await;
        assert!(
            picnic.contains("Picnic") && picnic.contains("Full"),
            "from {at}: {picnic}"
        );
        assert!(picnic.contains("You: going"), "from {at}: {picnic}");
        // Ben leaves; Olga, an organizer since the first migration, changes the picnic.
        say(hub, "ben", "/rsvp 1 no", room()).await;
        let edited = say(hub, "olga", "/event edit 1 capacity=3", room()).await;
        assert!(edited.contains("Picnic"), "from {at}: {edited}");
    } else {
        let created = say(
            hub,
            "olga",
            "/event create Picnic when=\"friday 19:00\"",
            room(),
        )
        .await;
        assert!(created.contains("Created"), "from {at}: {created}");
    }
    if faq {
        let found = say(hub, "ana", "/faq search flat", room()).await;
        assert!(found.contains("Finding a flat"), "from {at}: {found}");
        let typo = say(hub, "ana", "/faq search housng", room()).await;
        assert!(typo.contains("Finding a flat"), "from {at}: {typo}");
    }
    if onboarding {
        let profile = say(hub, "ana", "/profile", Place::Direct).await;
        assert!(profile.contains("Lyon"), "from {at}: {profile}");
        let mut walid = says("walid", "/welcome queue");
        walid.sender.roles = vec![passerelle_core::model::Role::Welcomer];
        walid.place = Place::Direct;
        let queue = hub.handle(&walid, now()).await.unwrap();
        let queue: String = queue.iter().map(|reply| reply.text.as_str()).collect();
        assert!(
            queue.contains("ben (Console)") && queue.contains("with olga"),
            "from {at}: {queue}"
        );
    }
}
