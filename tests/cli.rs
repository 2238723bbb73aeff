//! The `passerelle` binary as a user meets it: exit codes, one-line errors, scripts,
//! and a second process finding what the first one stored.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test code: a panic is a failure with its reason.

use std::path::Path;
use std::process::Output;

use passerelle_test_support::passerelle::clean_command;
use passerelle_test_support::process;

/// `passerelle ARGS` in `dir`, `stdin` written to it, with none of the developer's
/// `PASSERELLE_*` variables nor `RUST_LOG`.
fn passerelle(args: &[&str], stdin: &[u8], dir: &Path) -> Output {
    let mut command = clean_command(Path::new(env!("CARGO_BIN_EXE_passerelle")));
    command.args(args).current_dir(dir);
    process::output(command, stdin).expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn console(dir: &Path, script: &[u8]) -> String {
    let output = passerelle(&["console", "--now", "2026-03-02T09:00:00Z"], script, dir);
    assert!(output.status.success(), "{}", text(&output.stderr));
    text(&output.stdout)
}

#[test]
fn a_new_process_on_the_same_file_finds_what_the_first_stored() {
    let dir = tempfile::tempdir().unwrap();
    console(dir.path(), b"nadia: /lang fr\nnadia: /tz Europe/Paris\n");
    assert!(
        dir.path().join("passerelle.db").exists(),
        "the default database is a file here"
    );
    let profile = console(dir.path(), b"nadia (dm): /profile\n");
    assert!(
        profile.contains("Fuseau horaire\u{a0}: Europe/Paris"),
        "{profile}"
    );
    assert!(profile.contains("Langue\u{a0}: français"), "{profile}");
}

#[test]
fn an_unreachable_postgres_url_is_one_clear_line() {
    let dir = tempfile::tempdir().unwrap();
    let output = passerelle(
        &[
            "migrate",
            "--db",
            "postgres://nobody:secret@127.0.0.1:1/nothing",
        ],
        b"",
        dir.path(),
    );
    assert!(!output.status.success());
    let stderr = text(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("error: cannot open the PostgreSQL database"),
        "{stderr}"
    );
    assert!(stderr.contains("127.0.0.1:1"), "{stderr}");
    assert!(
        !stderr.contains("secret"),
        "the password is never printed: {stderr}"
    );
}

#[test]
fn a_database_url_of_another_kind_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let output = passerelle(
        &["console", "--db", "mysql://root@localhost/hub"],
        b"",
        dir.path(),
    );
    assert!(!output.status.success());
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("is not a database URL: use sqlite:FILE or postgres://"),
        "{stderr}"
    );
}

#[test]
fn invalid_utf8_in_a_script_is_reported_and_the_rest_runs() {
    let dir = tempfile::tempdir().unwrap();
    let out = console(
        dir.path(),
        b"nadia: /lang fr\n\xff\xfe oops\nnadia: /lang\n",
    );
    assert!(out.contains("! line 2: not valid UTF-8, skipped"), "{out}");
    assert!(out.contains("Je vous réponds en français."), "{out}");
}

#[test]
fn a_hundred_kilobyte_line_is_refused_politely() {
    let dir = tempfile::tempdir().unwrap();
    let mut script = b"nadia: /help ".to_vec();
    script.extend(std::iter::repeat_n(b'x', 100 * 1024));
    script.extend(b"\nnadia: ".iter().copied());
    script.extend(std::iter::repeat_n(b'y', 100 * 1024));
    script.extend(b"\n\nnadia: /lang\n".iter().copied());
    let out = console(dir.path(), &script);
    assert!(
        out.contains("That command is too long for me: 4000 characters at most."),
        "{}",
        &out[out.len().saturating_sub(500)..]
    );
    assert!(
        out.contains("I answer you in English."),
        "the session goes on"
    );
}

#[test]
fn config_check_describes_the_example_config() {
    let example = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/config/passerelle.example.toml"
    );
    let dir = tempfile::tempdir().unwrap();
    let output = passerelle(&["config", "check", example], b"", dir.path());
    let stdout = text(&output.stdout);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(
        stdout.contains("Community Lisbon Expats (lisbon)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("telegram -1001234567890: main, announcements"),
        "{stdout}"
    );
}

#[test]
fn config_check_describes_the_chat_bots_and_a_forum_topic() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("passerelle.toml");
    let written = format!(
        "{}\n[[community.room]]\nplatform = \"telegram\"\nid = \"-1001\"\ntopic = 7\n\
         purpose = \"announcements\"\n\n[telegram]\njoin_requests = \"approve\"\n\
         decline_unhandled = true\n\n[discord]\napplication_id = \"111\"\nguild_id = 222\n",
        passerelle_test_support::community::config_toml(&passerelle_test_support::community())
    );
    std::fs::write(&config, written).unwrap();
    let output = passerelle(
        &["config", "check", &config.to_string_lossy()],
        b"",
        dir.path(),
    );
    let stdout = text(&output.stdout);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(
        stdout.contains("telegram -1001/7: announcements"),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "Telegram: `passerelle run` polls https://api.telegram.org (token from \
             PASSERELLE_TELEGRAM_TOKEN); join requests: approved at once, declined when \
             still waiting after 5 minutes"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "Discord: `passerelle run` connects to https://discord.com as application 111 in \
             guild 222 (token from PASSERELLE_DISCORD_TOKEN)"
        ),
        "{stdout}"
    );
}

#[test]
fn config_check_points_at_the_line_of_a_mistake() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.toml");
    std::fs::write(
        &path,
        "[[community]]\nslug = \"x\"\nname = \"X\"\nlanguage = \"en\"\ntime_zone = \"Mars/Base\"\n",
    )
    .unwrap();
    let output = passerelle(&["config", "check", "bad.toml"], b"", dir.path());
    assert!(!output.status.success());
    let stderr = text(&output.stderr);
    assert_eq!(
        stderr.trim(),
        "error: bad.toml is not a valid config: line 5: unknown time zone `Mars/Base`, write it as Area/City, e.g. Europe/Paris"
    );
}

#[test]
fn run_says_plainly_that_nothing_is_enabled() {
    let dir = tempfile::tempdir().unwrap();
    // The demo community, without its web pages: nothing for `run` to do.
    let demo = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/config/demo/community.toml"
    ))
    .unwrap();
    let without_web = demo.split("[http]").next().unwrap().to_owned();
    std::fs::write(dir.path().join("passerelle.toml"), without_web).unwrap();
    let output = passerelle(&["run"], b"", dir.path());
    assert!(!output.status.success());
    let stderr = text(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("try `passerelle console`"), "{stderr}");
}

#[test]
fn run_names_the_missing_matrix_secret() {
    let dir = tempfile::tempdir().unwrap();
    let example = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/config/passerelle.example.toml"
    ))
    .unwrap();
    std::fs::write(dir.path().join("passerelle.toml"), example).unwrap();
    let output = passerelle(&["run"], b"", dir.path());
    assert!(!output.status.success());
    let stderr = text(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("PASSERELLE_MATRIX_PASSWORD"), "{stderr}");
    // Nothing was created before the secrets were checked.
    assert!(!dir.path().join("matrix-store").exists());
}

#[test]
fn migrate_reports_the_database_it_prepared() {
    let dir = tempfile::tempdir().unwrap();
    let output = passerelle(&["migrate", "--db", "sqlite:hub.db"], b"", dir.path());
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(
        text(&output.stdout).trim(),
        "SQLite database hub.db is up to date"
    );
    assert!(dir.path().join("hub.db").exists());
}

#[test]
fn backup_copies_the_database_and_never_overwrites_a_file() {
    let dir = tempfile::tempdir().unwrap();
    console(
        dir.path(),
        b"nadia: /lang fr\nnadia: /tz America/Montreal\n",
    );
    let output = passerelle(&["backup", "copy.db"], b"", dir.path());
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(
        text(&output.stdout).starts_with("Copied SQLite database passerelle.db to copy.db ("),
        "{}",
        text(&output.stdout)
    );
    // The copy is a whole database: a console on it finds what was stored.
    let copy = passerelle(
        &[
            "console",
            "--db",
            "sqlite:copy.db",
            "--now",
            "2026-03-02T09:00:00Z",
        ],
        b"nadia (dm): /profile\n",
        dir.path(),
    );
    assert!(
        text(&copy.stdout).contains("America/Montreal"),
        "{}",
        text(&copy.stdout)
    );
    let again = passerelle(&["backup", "copy.db"], b"", dir.path());
    assert!(!again.status.success());
    assert_eq!(
        text(&again.stderr).trim(),
        "error: copy.db exists already: choose a new file"
    );
}

#[test]
fn backup_of_a_postgres_database_points_at_its_own_tools() {
    let runtime = passerelle_test_support::runtime().unwrap();
    let db = runtime
        .block_on(passerelle_test_support::TestDb::on(
            passerelle_test_support::Backend::Postgres,
            "PASSERELLE_TEST_POSTGRES_URL",
        ))
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let output = passerelle(&["backup", "copy.db", "--db", &db.url], b"", dir.path());
    assert!(!output.status.success());
    let said = text(&output.stderr);
    // The error is the last line (opening a new database can log a slow migration first).
    let error = said.lines().last().unwrap_or_default();
    assert!(
        error.starts_with("error: PostgreSQL database ") && error.contains("pg_dump"),
        "{said}"
    );
    assert!(!dir.path().join("copy.db").exists());
    runtime.block_on(db.drop_database()).unwrap();
}

#[test]
fn calendar_writes_the_feed_of_the_community() {
    let dir = tempfile::tempdir().unwrap();
    console(
        dir.path(),
        ":role nadia organizer\n\
          nadia: /event create Apéro when=\"thursday 19:00\" repeat=weekly\n\
          nadia: /event cancel 1 date=2026-03-12\n"
            .as_bytes(),
    );
    let output = passerelle(&["calendar", "--output", "feed.ics"], b"", dir.path());
    assert!(output.status.success(), "{}", text(&output.stderr));
    let feed = std::fs::read_to_string(dir.path().join("feed.ics")).unwrap();
    assert!(feed.starts_with("BEGIN:VCALENDAR\r\n"), "{feed}");
    for line in [
        "UID:event-1@demo.passerelle",
        "DTSTART;TZID=Europe/Paris:20260305T190000",
        "RRULE:FREQ=WEEKLY",
        "EXDATE;TZID=Europe/Paris:20260312T190000",
        "TZID:Europe/Paris",
    ] {
        assert!(feed.contains(&format!("{line}\r\n")), "{line} in {feed}");
    }
}

#[test]
fn the_console_saves_an_events_calendar_file_and_says_where() {
    let dir = tempfile::tempdir().unwrap();
    let out = console(
        dir.path(),
        ":role nadia organizer\n\
          nadia: /event create Apéro when=\"thursday 19:00\"\n\
          nadia: /event ics 1\n"
            .as_bytes(),
    );
    assert!(out.contains("[file event-1.ics, text/calendar"), "{out}");
    assert!(out.contains("saved to ./event-1.ics"), "{out}");
    let file = std::fs::read_to_string(dir.path().join("event-1.ics")).unwrap();
    assert!(file.starts_with("BEGIN:VCALENDAR\r\n"), "{file}");
    assert!(file.contains("SUMMARY:Apéro\r\n"), "{file}");
}

#[test]
fn the_demo_faq_answers_on_first_start_in_each_reader_language() {
    let dir = tempfile::tempdir().unwrap();
    let out = console(
        dir.path(),
        "sam: /faq france logement\nbob (dm): /lang fr\nbob: /faq france logement\nbob: /faq search titre de sejour\n".as_bytes(),
    );
    assert!(
        out.contains("**How do I find and rent a home in France?**"),
        "{out}"
    );
    assert!(
        out.contains("**Comment trouver et louer un logement en France ?**"),
        "{out}"
    );
    assert!(
        out.contains("**Comment demander ou renouveler son titre de séjour ?**"),
        "{out}"
    );
    // A second start does not load it again.
    let again = console(dir.path(), b"sam: /faq\n");
    assert!(again.contains("France (4)"), "{again}");
}

fn entry_files(folder: &Path) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(folder)
        .unwrap()
        .map(|item| {
            let path = item.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&path).unwrap())
        })
        .collect();
    files.sort();
    files
}

#[test]
fn export_then_import_into_an_empty_database_reproduces_the_entries() {
    let dir = tempfile::tempdir().unwrap();
    let edits = ":role nadia editor\nnadia: /faq add canada jobs city=\"Québec City\" title=\"Work permits\" answer=\"Line one.\"\nnadia: /faq edit 9 lang=fr title=\"Permis de travail\" answer=\"Première ligne.\"\n";
    let out = console(dir.path(), edits.as_bytes());
    assert!(out.contains("Added as #9."), "{out}");
    let exported = passerelle(&["faq", "export", "first"], b"", dir.path());
    assert!(exported.status.success(), "{}", text(&exported.stderr));
    assert_eq!(text(&exported.stdout), "exported 9 entries to first\n");

    let other = ["--db", "sqlite:other.db"];
    let imported = passerelle(
        &[&other[..], &["faq", "import", "first"]].concat(),
        b"",
        dir.path(),
    );
    assert!(imported.status.success(), "{}", text(&imported.stderr));
    assert_eq!(
        text(&imported.stdout),
        "created 9, updated 0, unchanged 0, rejected 0\n"
    );
    let again = passerelle(
        &[&other[..], &["faq", "import", "first"]].concat(),
        b"",
        dir.path(),
    );
    assert_eq!(
        text(&again.stdout),
        "created 0, updated 0, unchanged 9, rejected 0\n"
    );
    let second = passerelle(
        &[&other[..], &["faq", "export", "second"]].concat(),
        b"",
        dir.path(),
    );
    assert!(second.status.success(), "{}", text(&second.stderr));
    let first = entry_files(&dir.path().join("first"));
    assert_eq!(first.len(), 9);
    assert_eq!(first, entry_files(&dir.path().join("second")));
}

#[test]
fn an_import_reports_each_rejected_file_with_its_line_and_keeps_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("faq");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(
        folder.join("good.toml"),
        "country = \"Belgique\"\ntopic = \"banque\"\n\n[fr]\ntitle = \"Ouvrir un compte\"\nanswer = \"Avec votre titre de séjour.\"\n",
    )
    .unwrap();
    std::fs::write(
        folder.join("bad.md"),
        "+++\ncountry = \"Atlantis\"\ntopic = \"housing\"\n+++\n\n## en: Flats\n\nUnder the sea.\n",
    )
    .unwrap();
    std::fs::write(folder.join("Not A Key.md"), "whatever").unwrap();
    let output = passerelle(&["faq", "import", "faq"], b"", dir.path());
    assert!(!output.status.success());
    let report = text(&output.stdout);
    assert!(
        report.starts_with("created 1, updated 0, unchanged 0, rejected 2\n"),
        "{report}"
    );
    assert!(
        report.contains("bad.md:2: unknown country `Atlantis`"),
        "{report}"
    );
    assert!(report.contains("Not A Key.md:1:"), "{report}");
    assert_eq!(text(&output.stderr), "error: 2 file(s) rejected\n");
}

#[test]
fn commands_prints_what_discord_and_telegram_would_register() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let discord = passerelle(&["commands", "--platform", "discord"], b"", dir.path());
    assert!(discord.status.success(), "{}", text(&discord.stderr));
    let commands: serde_json::Value =
        serde_json::from_slice(&discord.stdout).expect("Discord's commands are JSON");
    let names: Vec<&str> = commands
        .as_array()
        .expect("an array for a bulk overwrite")
        .iter()
        .filter_map(|command| command["name"].as_str())
        .collect();
    assert!(
        names.contains(&"rsvp") && names.contains(&"event"),
        "{names:?}"
    );
    assert!(commands[0]["description_localizations"]["fr"].is_string());

    let telegram = passerelle(&["commands", "--platform", "telegram"], b"", dir.path());
    assert!(telegram.status.success(), "{}", text(&telegram.stderr));
    let menus: serde_json::Value =
        serde_json::from_slice(&telegram.stdout).expect("Telegram's menus are JSON");
    let languages: Vec<&str> = menus
        .as_array()
        .expect("one menu per language and scope")
        .iter()
        .filter_map(|menu| menu["language_code"].as_str())
        .collect();
    assert!(languages.contains(&"en") && languages.contains(&"fr"));
}
