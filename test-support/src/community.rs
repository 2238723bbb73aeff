//! The test community, once: English, in Paris, a console `#general` as its main room;
//! a test changes what it needs (rooms, settings) on the value it gets, and a config
//! file for the real binary is written from it.

use passerelle_core::incoming::{Event, Incoming, Place, Sender};
use passerelle_core::lang::Lang;
use passerelle_core::model::{Community, Platform, Room, RoomPurpose};

/// Its slug: the key in the database and on the command line (`--community test`).
pub const SLUG: &str = "test";

/// The console room every test community has, its main room.
pub const GENERAL: &str = "#general";

/// The test community: slug `test`, name `Test`, English, Europe/Paris, the console
/// room `#general` for purpose main, every setting at its default.
pub fn community() -> Community {
    Community {
        slug: SLUG.into(),
        name: "Test".into(),
        language: Lang::En,
        time_zone: chrono_tz::Europe::Paris,
        rooms: vec![room(Platform::Console, GENERAL, &[RoomPurpose::Main])],
        events: Default::default(),
        faq: Default::default(),
        onboarding: Default::default(),
        public_url: None,
    }
}

/// The room `id` on `platform`, for `purposes`.
pub fn room(platform: Platform, id: &str, purposes: &[RoomPurpose]) -> Room {
    Room {
        platform,
        id: id.into(),
        purposes: purposes.to_vec(),
    }
}

/// The console member `name` says `text` in `#general`, with no role and no language of
/// their platform; change the fields a test needs.
pub fn says(name: &str, text: &str) -> Incoming {
    Incoming {
        id: None,
        platform: Platform::Console,
        sender: Sender {
            user_id: name.into(),
            display_name: name.into(),
            roles: Vec::new(),
            language: None,
        },
        place: Place::Room(GENERAL.into()),
        event: Event::Message(text.into()),
    }
}

/// `community` as a config file writes it: its `[[community]]` table and its rooms. The
/// other settings are not written (they are left at their defaults); a caller appends
/// the tables it needs, such as `[community.events]`.
pub fn config_toml(community: &Community) -> String {
    let mut text = format!(
        "[[community]]\nslug = {}\nname = {}\nlanguage = {}\ntime_zone = {}\n",
        toml_string(&community.slug),
        toml_string(&community.name),
        toml_string(community.language.code()),
        toml_string(community.time_zone.name()),
    );
    for room in &community.rooms {
        let purposes: Vec<String> = room
            .purposes
            .iter()
            .map(|p| toml_string(p.as_str()))
            .collect();
        text.push_str(&format!(
            "\n[[community.room]]\nplatform = {}\nid = {}\npurpose = [{}]\n",
            toml_string(room.platform.as_str()),
            toml_string(&room.id),
            purposes.join(", "),
        ));
    }
    text
}

/// `text` as a TOML string, quoted and escaped.
pub fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}

#[cfg(test)]
mod tests {
    use passerelle_core::config::Config;

    use super::*;

    #[test]
    fn the_config_text_reads_back_as_the_same_community() -> anyhow::Result<()> {
        let mut expected = community();
        expected.name = "Test \"Community\"".into();
        expected.rooms.push(room(
            Platform::Matrix,
            "!team:localhost",
            &[RoomPurpose::WelcomeTeam, RoomPurpose::Announcements],
        ));
        let config = Config::parse(&config_toml(&expected))?;
        assert_eq!(config.communities, [expected]);
        Ok(())
    }

    #[test]
    fn a_member_says_something_in_general() {
        let incoming = says("nadia", "/help");
        assert_eq!(incoming.place, Place::Room("#general".into()));
        assert_eq!(incoming.event, Event::Message("/help".into()));
        assert_eq!(incoming.sender.display_name, "nadia");
    }
}
