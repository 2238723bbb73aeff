//! The web pages of the real `passerelle run`, over HTTP: the FAQ in the browser's
//! language, search with a typo, what editors wrote escaped, events with counts and no
//! names, calendar feeds answering `304` when unchanged, and readiness turning `503`
//! while PostgreSQL refuses connections; and the same pages in headless Chromium
//! (`tests/browser/pages.mjs`: Playwright, axe-core, screenshots).

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test code: a panic is a failure with its reason.

use std::time::Duration;

use passerelle_test_support::Passerelle;
use passerelle_test_support::community::{community, config_toml};
use passerelle_test_support::db::{TestDb, server_from_env};
use reqwest::StatusCode;
use reqwest::header::{ACCEPT_LANGUAGE, ETAG, IF_NONE_MATCH};
use sqlx::{Connection, PgConnection};

mod hooks;

const READY: &str = "Web: listening on ";
const WAIT: Duration = Duration::from_secs(20);
const POSTGRES_ENV: &str = "PASSERELLE_TEST_POSTGRES_URL";

/// An entry whose answer tries to add markup to the page.
const SNEAKY: &str = r#"+++
country = "FR"
topic = "housing"

[en]
reviewed = "2026-11-02"
+++

## en: Where to find a flat <b>fast</b>?

Ask around. <script>alert("pwned")</script> **Visit** https://example.org/?a=1&b=2
"#;

/// The test community with its `[http]` section, on `db`, the demo FAQ and the sneaky
/// entry imported, and an event three people answered (names the pages must not show).
fn site(dir: &std::path::Path, db: &str) -> Passerelle {
    let config = format!(
        "{}\n[community.events]\nmembers_create = true\n[http]\nlisten = \"127.0.0.1:0\"\n",
        config_toml(&community())
    );
    let mut bot =
        Passerelle::new(env!("CARGO_BIN_EXE_passerelle"), "web", dir, &config, db).unwrap();
    bot.env("RUST_LOG", "warn,passerelle_web=debug");
    bot.import_demo_faq().unwrap();
    let sneaky = dir.join("sneaky");
    std::fs::create_dir_all(&sneaky).unwrap();
    std::fs::write(sneaky.join("france-sneaky.md"), SNEAKY).unwrap();
    bot.run_to_end(&["faq", "import", sneaky.to_str().unwrap()])
        .unwrap();
    let script = dir.join("script.txt");
    std::fs::write(
        &script,
        "olga: /event create \"Picnic in the park\" when=\"in 3 days at 12:00\" capacity=2 where=\"Parc Montsouris\"\n\
         zelda: /rsvp 1 yes\nquentin: /rsvp 1 yes\nwalter: /rsvp 1 yes\n",
    )
    .unwrap();
    bot.run_to_end(&["console", "--script", script.to_str().unwrap()])
        .unwrap();
    bot
}

/// `passerelle run` on `bot`; the site's base URL.
async fn start(bot: &mut Passerelle) -> String {
    let address = bot.start(&["run"], READY, WAIT).await.unwrap();
    address.trim().to_owned()
}

async fn get(url: &str, lang: &str) -> (StatusCode, String) {
    let response = reqwest::Client::new()
        .get(url)
        .header(ACCEPT_LANGUAGE, lang)
        .send()
        .await
        .unwrap();
    (response.status(), response.text().await.unwrap())
}

#[tokio::test(flavor = "multi_thread")]
async fn the_faq_and_the_events_read_in_a_browser() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite:{}", dir.path().join("web.db").display());
    let dir_path = dir.path().to_owned();
    let db_for_setup = db.clone();
    let mut bot = tokio::task::spawn_blocking(move || site(&dir_path, &db_for_setup))
        .await
        .unwrap();
    let site = start(&mut bot).await;

    // In French for a French browser, English when asked in the address.
    let (status, faq) = get(&format!("{site}/faq"), "fr-FR,fr;q=0.9,en;q=0.5").await;
    assert_eq!(status, StatusCode::OK);
    assert!(faq.contains("<html lang=\"fr\">"), "{faq}");
    assert!(
        faq.contains("Questions et réponses") && faq.contains("Logement"),
        "{faq}"
    );
    let (_, english) = get(&format!("{site}/faq?lang=en"), "fr").await;
    assert!(
        english.contains("<html lang=\"en\">") && english.contains("Housing"),
        "{english}"
    );
    assert!(
        english.contains("href=\"/faq/fr?lang=en\""),
        "links keep the language: {english}"
    );

    // Search forgives a typo, as in chat.
    let (_, found) = get(&format!("{site}/faq/search?q=titre+de+sejuor"), "fr").await;
    assert!(found.contains("titre de séjour"), "{found}");
    assert!(
        found.contains("titre sejour"),
        "the corrected query is shown: {found}"
    );

    // What an editor wrote cannot add markup.
    let (_, listed) = get(&format!("{site}/faq/fr/housing"), "en").await;
    let id = listed
        .split("/faq/entry/")
        .skip(1)
        .find(|link| link.contains("fast"))
        .and_then(|link| link.split('"').next())
        .expect("the sneaky entry is listed")
        .to_owned();
    let (_, sneaky) = get(&format!("{site}/faq/entry/{id}"), "en").await;
    assert!(
        !sneaky.contains("<script>") && !sneaky.contains("<b>fast"),
        "{sneaky}"
    );
    assert!(
        sneaky.contains("&lt;script&gt;") && sneaky.contains("<strong>Visit</strong>"),
        "{sneaky}"
    );
    assert!(sneaky.contains("Last reviewed on"), "{sneaky}");

    // Events: counts, places left, the calendar file; nobody's name.
    let (_, events) = get(&format!("{site}/events"), "en").await;
    assert!(events.contains("Picnic in the park"), "{events}");
    assert!(
        events.contains("2 going · Full: 1 on the waiting list"),
        "{events}"
    );
    let (_, event) = get(&format!("{site}/events/1"), "en").await;
    assert!(
        event.contains("Parc Montsouris")
            && event.contains(&format!("/calendar/{}/1.ics", community().slug)),
        "{event}"
    );
    let (_, home) = get(&format!("{site}/"), "en").await;
    for page in [&events, &event, &home] {
        for name in ["olga", "zelda", "quentin", "walter"] {
            assert!(
                !page.to_lowercase().contains(name),
                "{name} on a public page: {page}"
            );
        }
    }

    // Feeds: the file, then 304 for a calendar app that has it.
    let client = reqwest::Client::new();
    let slug = community().slug;
    for path in [
        format!("/calendar/{slug}.ics"),
        format!("/calendar/{slug}/1.ics"),
    ] {
        let first = client.get(format!("{site}{path}")).send().await.unwrap();
        assert_eq!(first.status(), StatusCode::OK, "{path}");
        let tag = first.headers()[ETAG].clone();
        let body = first.text().await.unwrap();
        assert!(body.contains("SUMMARY:Picnic in the park"), "{body}");
        let again = client
            .get(format!("{site}{path}"))
            .header(IF_NONE_MATCH, tag)
            .send()
            .await
            .unwrap();
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED, "{path}");
    }
    let (missing, _) = get(&format!("{site}/events/99"), "en").await;
    assert_eq!(missing, StatusCode::NOT_FOUND);

    let (status, ready) = get(&format!("{site}/readyz"), "en").await;
    assert_eq!(status, StatusCode::OK, "{ready}");
    assert!(ready.contains("\"database\":\"up\""), "{ready}");

    // Metrics Prometheus can read: every sample a name, labels and a number.
    let (status, metrics) = get(&format!("{site}/metrics"), "en").await;
    assert_eq!(status, StatusCode::OK);
    // Families with nothing counted yet are left out; these always show.
    for family in [
        "reminders_sent",
        "reminder_lateness_seconds",
        "store_errors",
    ] {
        assert!(
            metrics.contains(&format!("# TYPE passerelle_{family} ")),
            "{family} missing:\n{metrics}"
        );
    }
    assert_eq!(metrics.lines().last(), Some("# EOF"));
    for sample in metrics.lines().filter(|line| !line.starts_with('#')) {
        let (name, value) = sample.rsplit_once(' ').expect("a sample has a value");
        assert!(name.starts_with("passerelle_"), "{sample}");
        assert!(value.parse::<f64>().is_ok(), "{sample}");
    }
    bot.stop(WAIT).await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_second_run_on_the_same_sqlite_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite:{}", dir.path().join("web.db").display());
    let config = format!(
        "{}\n[http]\nlisten = \"127.0.0.1:0\"\n",
        config_toml(&community())
    );
    let mut bot = Passerelle::new(
        env!("CARGO_BIN_EXE_passerelle"),
        "web",
        dir.path(),
        &config,
        &db,
    )
    .unwrap();
    start(&mut bot).await;
    let second = bot.run_to_end(&["run"]).unwrap_err();
    assert!(
        format!("{second:#}").contains("another `passerelle run` is serving SQLite database"),
        "{second:#}"
    );
    // The first goes on serving, and once it has stopped, a new one starts.
    bot.stop(WAIT).await.unwrap();
    start(&mut bot).await;
    bot.stop(WAIT).await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn readiness_turns_503_while_the_database_refuses_and_back() {
    let Some(server) = server_from_env(POSTGRES_ENV) else {
        assert!(
            std::env::var("CI").is_err(),
            "CI needs {POSTGRES_ENV} for the readiness test"
        );
        eprintln!("note: {POSTGRES_ENV} is not set: the readiness test needs PostgreSQL");
        return;
    };
    let db = TestDb::postgres(&server).await.unwrap();
    let (_, name) = db.postgres_database().unwrap();
    let name = name.to_owned();
    let dir = tempfile::tempdir().unwrap();
    let config = format!(
        "{}\n[http]\nlisten = \"127.0.0.1:0\"\n",
        config_toml(&community())
    );
    let mut bot = Passerelle::new(
        env!("CARGO_BIN_EXE_passerelle"),
        "web",
        dir.path(),
        &config,
        &db.url,
    )
    .unwrap();
    let site = start(&mut bot).await;
    let (status, ready) = get(&format!("{site}/readyz"), "en").await;
    assert_eq!(status, StatusCode::OK, "{ready}");

    let mut admin = PgConnection::connect(&server).await.unwrap();
    let refuse = format!("ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS false");
    sqlx::query(sqlx::AssertSqlSafe(refuse))
        .execute(&mut admin)
        .await
        .unwrap();
    let cut =
        format!("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'");
    sqlx::query(sqlx::AssertSqlSafe(cut))
        .execute(&mut admin)
        .await
        .unwrap();
    let (status, away) = get(&format!("{site}/readyz"), "en").await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{away}");
    assert!(away.contains("\"database\":\"down\""), "{away}");
    let (alive, _) = get(&format!("{site}/healthz"), "en").await;
    assert_eq!(alive, StatusCode::OK, "the process is still up");

    let allow = format!("ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS true");
    sqlx::query(sqlx::AssertSqlSafe(allow))
        .execute(&mut admin)
        .await
        .unwrap();
    let mut back = StatusCode::SERVICE_UNAVAILABLE;
    for _ in 0..50 {
        (back, _) = get(&format!("{site}/readyz"), "en").await;
        if back == StatusCode::OK {
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(
        back,
        StatusCode::OK,
        "ready again once the database is back"
    );
    bot.stop(WAIT).await.unwrap();
    db.drop_database().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn the_pages_in_a_real_browser() {
    // Chromium and the npm packages, installed when missing (`scripts/browser.sh`).
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let tools = tokio::process::Command::new(root.join("scripts/browser.sh"))
        .output()
        .await
        .expect("scripts/browser.sh runs");
    assert!(
        tools.status.success(),
        "the browser tests need Chromium, Node.js and npm packages:\n{}",
        String::from_utf8_lossy(&tools.stderr)
    );
    let chromium = String::from_utf8_lossy(&tools.stdout).trim().to_owned();

    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite:{}", dir.path().join("web.db").display());
    let dir_path = dir.path().to_owned();
    let mut bot = tokio::task::spawn_blocking(move || site(&dir_path, &db))
        .await
        .unwrap();
    let site = start(&mut bot).await;
    let artifacts = root.join("tests/browser/artifacts");
    let checked = tokio::process::Command::new("node")
        .arg(root.join("tests/browser/pages.mjs"))
        .args([site.as_str(), artifacts.to_str().unwrap(), "1"])
        .args(["olga", "zelda", "quentin", "walter"])
        .env("CHROMIUM", &chromium)
        .output()
        .await
        .expect("node runs");
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&checked.stdout),
        String::from_utf8_lossy(&checked.stderr)
    );
    assert!(checked.status.success(), "{said}");
    eprintln!("{said}");
    bot.stop(WAIT).await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn metrics_count_what_the_chat_adapters_do() {
    use passerelle_core::model::{Platform, RoomPurpose};
    use passerelle_test_support::community::room;
    use passerelle_test_support::telegram::{self, Chat, FakeTelegram};

    const TOKEN: &str = "123456:telegram-test-token";
    const GROUP: i64 = -1001234;
    let fake = FakeTelegram::start(TOKEN).await.unwrap();
    let mut test = community();
    test.rooms = vec![room(
        Platform::Telegram,
        &GROUP.to_string(),
        &[RoomPurpose::Main, RoomPurpose::Announcements],
    )];
    let config = format!(
        "{}\n[community.events]\nmembers_create = true\n[telegram]\napi_url = \"{}\"\n[http]\nlisten = \"127.0.0.1:0\"\n",
        config_toml(&test),
        fake.url()
    );
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite:{}", dir.path().join("web.db").display());
    let mut bot = Passerelle::new(
        env!("CARGO_BIN_EXE_passerelle"),
        "web",
        dir.path(),
        &config,
        &db,
    )
    .unwrap();
    bot.env("PASSERELLE_TELEGRAM_TOKEN", TOKEN)
        .env("PASSERELLE_LOG_FORMAT", "json")
        .env("RUST_LOG", "debug");
    let site = start(&mut bot).await;
    fake.wait_for("getUpdates", |_| true, WAIT).await.unwrap();

    // A command answered at once, and an event whose announcement goes by the outbox.
    let group = Chat::supergroup(GROUP, "Paris newcomers");
    let omar = telegram::User::new(222, "Omar");
    fake.push_update(telegram::message(&group, &omar, "/help"));
    fake.push_update(telegram::message(
        &group,
        &omar,
        "/event create Picnic when=\"friday 19:00\"",
    ));
    fake.wait_for(
        "sendMessage",
        |call| {
            call.param("reply_markup").is_some()
                && call.text().is_some_and(|text| text.contains("Picnic"))
        },
        WAIT,
    )
    .await
    .unwrap();
    let mut metrics = String::new();
    for _ in 0..50 {
        (_, metrics) = get(&format!("{site}/metrics"), "en").await;
        if metrics.contains("passerelle_deliveries_total{platform=\"telegram\"}") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    for line in [
        "passerelle_commands_total{platform=\"telegram\",command=\"help\"} 1",
        "passerelle_commands_total{platform=\"telegram\",command=\"event\"} 1",
        "passerelle_reply_seconds_count{platform=\"telegram\"} 2",
    ] {
        assert!(
            metrics.lines().any(|written| written == line),
            "{line} missing:\n{metrics}"
        );
    }
    assert!(
        metrics.contains("passerelle_deliveries_total{platform=\"telegram\"}"),
        "{metrics}"
    );
    let (status, ready) = get(&format!("{site}/readyz"), "en").await;
    assert_eq!(status, StatusCode::OK, "{ready}");
    assert!(ready.contains("\"Telegram\":\"up\""), "{ready}");
    // The event's page links to its announcement in the Telegram group.
    let (_, page) = get(&format!("{site}/events/1"), "en").await;
    assert!(
        page.contains("Announced on:") && page.contains("href=\"https://t.me/c/1234/"),
        "{page}"
    );
    bot.stop(WAIT).await.unwrap();
    // Everything logged, at debug level, as JSON: the token in none of it.
    let log = std::fs::read_to_string(bot.logs(1).stderr).unwrap();
    assert!(log.lines().count() > 10, "{log}");
    for line in log.lines() {
        serde_json::from_str::<serde_json::Value>(line)
            .unwrap_or_else(|_| panic!("not JSON: {line}"));
        assert!(
            !line.contains("telegram-test-token"),
            "the token is logged: {line}"
        );
    }
}
