//! What the Discord tests share: the bot on the fake Discord, its guild and channels,
//! its members, and how to read what it sent.

use std::path::Path;
use std::time::Duration;

use passerelle_core::model::{Platform, RoomPurpose};
use passerelle_test_support::Passerelle;
use passerelle_test_support::community::{self, config_toml, room};
use passerelle_test_support::discord::{Call, FakeDiscord, Guild, User, slash_command};
#[allow(unused_imports)] // The benchmark, which shares this file, reads no text.
pub use passerelle_test_support::discord::{buttons, content};
use serde_json::{Value, json};

pub const TOKEN: &str = "MTIzNDU2Nzg5MDEyMzQ1Njc4.test.token-never-logged";
pub const APPLICATION: u64 = 900_000_000_000_000_001;
pub const GUILD: u64 = 910_000_000_000_000_001;
/// Where members talk; events are announced there too.
pub const GENERAL: u64 = 920_000_000_000_000_001;
/// Where newcomers are greeted.
pub const WELCOME: u64 = 920_000_000_000_000_002;
/// Where the welcome team works.
pub const TEAM: u64 = 920_000_000_000_000_003;
/// The Discord role of organizers.
pub const ORGANIZERS: u64 = 930_000_000_000_000_001;
/// The Discord role a member who says they live in Brazil gets.
pub const BRASIL: u64 = 930_000_000_000_000_002;
pub const READY: &str = "Discord: listening as ";
pub const WAIT: Duration = Duration::from_secs(20);

pub async fn fake() -> FakeDiscord {
    fake_with(&[]).await
}

/// [`fake`], with the guild's `extra` channels too.
pub async fn fake_with(extra: &[(u64, String)]) -> FakeDiscord {
    let mut channels = vec![
        (GENERAL, "general".into()),
        (WELCOME, "welcome".into()),
        (TEAM, "welcome-team".into()),
    ];
    channels.extend_from_slice(extra);
    let guild = Guild {
        id: GUILD,
        name: "Paris newcomers".into(),
        channels,
        roles: vec![(ORGANIZERS, "Organizers".into()), (BRASIL, "Brasil".into())],
    };
    FakeDiscord::start(TOKEN, APPLICATION, guild).await.unwrap()
}

/// The bot on `fake`, `#general` the main and announcement room, organizers by role;
/// `community` appended to the community's tables and `discord` to `[discord]`.
pub fn bot_with(dir: &Path, fake: &FakeDiscord, community: &str, discord: &str) -> Passerelle {
    let config = config(fake, community, discord);
    let db = database(dir);
    let mut passerelle =
        Passerelle::new(env!("CARGO_BIN_EXE_passerelle"), "bot", dir, &config, &db).unwrap();
    passerelle
        .env("RUST_LOG", "warn,passerelle_discord=debug")
        .env("PASSERELLE_DISCORD_TOKEN", TOKEN);
    passerelle.import_demo_faq().unwrap();
    passerelle
}

/// The config [`bot_with`] runs on.
pub fn config(fake: &FakeDiscord, community: &str, discord: &str) -> String {
    let mut test = community::community();
    test.rooms = vec![
        room(
            Platform::Discord,
            &GENERAL.to_string(),
            &[RoomPurpose::Main, RoomPurpose::Announcements],
        ),
        room(
            Platform::Discord,
            &WELCOME.to_string(),
            &[RoomPurpose::Welcome],
        ),
        room(
            Platform::Discord,
            &TEAM.to_string(),
            &[RoomPurpose::WelcomeTeam],
        ),
    ];
    format!(
        "{}\n{community}\n[discord]\napplication_id = \"{APPLICATION}\"\nguild_id = \"{GUILD}\"\n\
         api_url = \"{}\"\n{discord}\n[[discord.role]]\nrole = \"organizer\"\ndiscord_roles = [\"{ORGANIZERS}\"]\n",
        config_toml(&test),
        fake.url()
    )
}

/// The database of the bot in `dir`.
pub fn database(dir: &Path) -> String {
    format!("sqlite:{}", dir.join("passerelle.db").display())
}

pub fn bot(dir: &Path, fake: &FakeDiscord) -> Passerelle {
    bot_with(dir, fake, "[community.events]\nmembers_create = true\n", "")
}

pub fn nadia() -> User {
    User::new(940_000_000_000_000_111, "Nadia").with_locale("fr")
}

pub fn omar() -> User {
    User::new(940_000_000_000_000_222, "Omar")
}

pub fn ali() -> User {
    User::new(940_000_000_000_000_444, "Ali")
}

/// `user` runs `/name` in `#general` with `options` as Discord sends them; its
/// interaction, as dispatched.
pub fn slash(fake: &FakeDiscord, user: &User, roles: &[u64], name: &str, options: Value) -> Value {
    let interaction = slash_command(Some(GUILD), GENERAL, user, roles, 0, name, options);
    fake.dispatch("INTERACTION_CREATE", interaction.clone());
    interaction
}

/// The response to `interaction`, once its callback came.
pub async fn response(fake: &FakeDiscord, interaction: &Value) -> Call {
    let id = interaction["id"].as_str().unwrap().to_owned();
    fake.wait_for(
        "POST /interactions/{id}/{token}/callback",
        |call| call.path.contains(&format!("/interactions/{id}/")),
        WAIT,
    )
    .await
    .unwrap()
}

/// Whether `call` posted a message in `channel`.
pub fn posted_in(channel: u64) -> impl Fn(&Call) -> bool {
    move |call| call.method == "POST" && call.path == format!("/channels/{channel}/messages")
}

/// The first message with buttons the bot posted in `channel`.
pub async fn with_buttons_in(fake: &FakeDiscord, channel: u64) -> Call {
    fake.wait_for(
        "POST /channels/{id}/messages",
        |call| posted_in(channel)(call) && !buttons(&call.body).is_empty(),
        WAIT,
    )
    .await
    .unwrap()
}

/// Omar, an organizer, creates the picnic (`options` added to the title and date);
/// its announcement in `#general`, as Discord took it.
pub async fn picnic(fake: &FakeDiscord, extra: &[(&str, Value)]) -> Call {
    let mut options = vec![
        json!({ "name": "title", "type": 3, "value": "Picnic" }),
        json!({ "name": "when", "type": 3, "value": "friday 19:00" }),
    ];
    for (name, value) in extra {
        let kind = if value.is_number() { 4 } else { 3 };
        options.push(json!({ "name": name, "type": kind, "value": value }));
    }
    let mark = fake.mark();
    slash(
        fake,
        &omar(),
        &[ORGANIZERS],
        "event",
        json!([{ "name": "create", "type": 1, "options": options }]),
    );
    fake.wait_for_after(
        mark,
        "POST /channels/{id}/messages",
        |call| posted_in(GENERAL)(call) && call.status == 200 && !buttons(&call.body).is_empty(),
        WAIT,
    )
    .await
    .unwrap()
}

/// No log line of any run of `bot` holds the token.
pub fn no_token_in_logs(bot: &Passerelle) {
    for run in 1..=bot.runs() {
        let logs = bot.logs(run);
        for log in [logs.stdout, logs.stderr] {
            let text = std::fs::read_to_string(&log).unwrap_or_default();
            assert!(!text.contains(TOKEN), "the token in {}", log.display());
        }
    }
}
