//! The platform-neutral domain: platforms, rooms and their purposes, roles, members.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::events::settings::EventSettings;
use crate::faq::settings::FaqSettings;
use crate::lang::Lang;
use crate::onboarding::settings::Settings as OnboardingSettings;

/// A chat platform the hub can be reached on. Platform IDs stay plain strings beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Platform {
    Console,
    Matrix,
    Telegram,
    Discord,
}

impl Platform {
    pub const ALL: [Self; 4] = [Self::Console, Self::Matrix, Self::Telegram, Self::Discord];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Console => "console",
            Self::Matrix => "matrix",
            Self::Telegram => "telegram",
            Self::Discord => "discord",
        }
    }

    /// What commands start with in what the hub writes there: `!` on Matrix, where
    /// clients take `/…` for their own commands, `/` elsewhere.
    pub fn command_prefix(self) -> char {
        match self {
            Self::Matrix => '!',
            Self::Console | Self::Telegram | Self::Discord => '/',
        }
    }

    /// Whether a command from the platform's menu, or a button pressed, can be answered
    /// in a room to the asker alone (Discord's ephemeral replies).
    pub fn whispers(self) -> bool {
        matches!(self, Self::Discord)
    }

    /// The platform's name as people write it, in messages (`Matrix`).
    pub fn name(self) -> &'static str {
        match self {
            Self::Console => "Console",
            Self::Matrix => "Matrix",
            Self::Telegram => "Telegram",
            Self::Discord => "Discord",
        }
    }
}

impl fmt::Display for Platform {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Platform {
    type Err = UnknownName;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|p| p.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| UnknownName(s.to_owned()))
    }
}

/// What a room is for in its community. A room may serve several purposes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RoomPurpose {
    /// Where members chat; the console starts here.
    Main,
    /// Where the hub announces events and news.
    Announcements,
    /// Where newcomers are greeted.
    Welcome,
    /// Where the welcome team sees and claims newcomers.
    WelcomeTeam,
}

impl RoomPurpose {
    pub const ALL: [Self; 4] = [
        Self::Main,
        Self::Announcements,
        Self::Welcome,
        Self::WelcomeTeam,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Main => "main",
            Self::Announcements => "announcements",
            Self::Welcome => "welcome",
            Self::WelcomeTeam => "welcome-team",
        }
    }
}

impl fmt::Display for RoomPurpose {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A room of a community on one platform.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Room {
    pub platform: Platform,
    /// The platform's own room identifier, as plain data (`#general`, `!abc:server`, `-100123`);
    /// a topic or thread inside a room is the room's, a slash and its own (`-100123/42`).
    pub id: String,
    pub purposes: Vec<RoomPurpose>,
}

/// A community as the hub serves it: configured once, present on several platforms.
#[derive(Debug, Clone, PartialEq)]
pub struct Community {
    /// Short stable key, used in the database and on the command line.
    pub slug: String,
    pub name: String,
    pub language: Lang,
    pub time_zone: Tz,
    pub rooms: Vec<Room>,
    pub events: EventSettings,
    pub faq: FaqSettings,
    pub onboarding: OnboardingSettings,
    /// Where its web pages are read (`[http] public_url`), for links in replies; `None`
    /// when it has none.
    pub public_url: Option<String>,
}

impl Community {
    /// The rooms serving `purpose`, on every platform.
    pub fn rooms_for(&self, purpose: RoomPurpose) -> impl Iterator<Item = &Room> {
        self.rooms
            .iter()
            .filter(move |room| room.purposes.contains(&purpose))
    }

    /// The platforms the community has rooms on, in a fixed order.
    pub fn platforms(&self) -> Vec<Platform> {
        let mut platforms: Vec<Platform> = self.rooms.iter().map(|room| room.platform).collect();
        platforms.sort();
        platforms.dedup();
        platforms
    }

    /// The room with this platform ID, if it belongs to the community.
    pub fn room(&self, platform: Platform, id: &str) -> Option<&Room> {
        self.rooms
            .iter()
            .find(|room| room.platform == platform && room.id == id)
    }
}

/// What a member may do. Everyone is a `Member`; the others are granted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Member,
    /// Greets newcomers and follows up on them.
    Welcomer,
    /// Curates the FAQ.
    Editor,
    /// Creates and runs events.
    Organizer,
    /// Everything above.
    Admin,
}

impl Role {
    pub const ALL: [Self; 5] = [
        Self::Member,
        Self::Welcomer,
        Self::Editor,
        Self::Organizer,
        Self::Admin,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Member => "member",
            Self::Welcomer => "welcomer",
            Self::Editor => "editor",
            Self::Organizer => "organizer",
            Self::Admin => "admin",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = UnknownName;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|r| r.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| UnknownName(s.to_owned()))
    }
}

/// A name that matches none of a closed set (platform, role…).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown name `{0}`")]
pub struct UnknownName(pub String);

/// Database key of a community.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CommunityId(pub i64);

/// Database key of a member.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct MemberId(pub i64);

/// One of the ways a member is known on a platform.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub platform: Platform,
    pub user_id: String,
    pub display_name: String,
}

/// One person in a community, with what they chose for themselves.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub id: MemberId,
    pub identities: Vec<Identity>,
    /// Their own language; `None` means the community's.
    pub language: Option<Lang>,
    /// Their own time zone; `None` means the community's.
    pub time_zone: Option<Tz>,
    /// Roles granted in the hub itself (platform roles come with each message).
    pub roles: Vec<Role>,
    pub joined_at: DateTime<Utc>,
    /// The name they chose (`/profile set name=`); `None` means their first account's.
    pub name: Option<String>,
    /// The platform they chose for private messages (`/profile set dm=`).
    pub dm_platform: Option<Platform>,
    /// The platform they last wrote from.
    pub last_platform: Option<Platform>,
    /// The platforms that refused private messages to them for good.
    pub unreachable: Vec<Platform>,
}

impl Member {
    pub fn identity_on(&self, platform: Platform) -> Option<&Identity> {
        self.identities.iter().find(|i| i.platform == platform)
    }

    /// The one name they go by on every platform: the one they chose, else their first
    /// account's, else their number.
    pub fn display_name(&self) -> String {
        self.name
            .clone()
            .or_else(|| {
                self.identities
                    .first()
                    .map(|identity| identity.display_name.clone())
            })
            .unwrap_or_else(|| format!("#{}", self.id.0))
    }

    /// The account private messages go to: on the platform they chose, else on `here`
    /// when given (they are acting there), else on the one they used last, else their
    /// first; a platform that refused them is passed over while another remains.
    pub fn private_account(&self, here: Option<Platform>) -> Option<&Identity> {
        let preferred = [self.dm_platform, here, self.last_platform]
            .into_iter()
            .flatten()
            .filter_map(|platform| self.identity_on(platform));
        let mut order = preferred.chain(self.identities.iter());
        let first = self.identities.first();
        order
            .find(|identity| !self.unreachable.contains(&identity.platform))
            .or(first)
    }

    /// An account that can be reached in private on another platform than `not`, in the
    /// order [`Member::private_account`] prefers: where to send what `not` cannot deliver.
    pub fn account_besides(&self, not: Platform) -> Option<&Identity> {
        [self.dm_platform, self.last_platform]
            .into_iter()
            .flatten()
            .filter_map(|platform| self.identity_on(platform))
            .chain(self.identities.iter())
            .find(|identity| {
                identity.platform != not && !self.unreachable.contains(&identity.platform)
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_and_platforms_parse_whatever_the_case() {
        assert_eq!("Organizer".parse(), Ok(Role::Organizer));
        assert_eq!("MATRIX".parse(), Ok(Platform::Matrix));
        assert_eq!(
            "moderator".parse::<Role>(),
            Err(UnknownName("moderator".into()))
        );
    }

    #[test]
    fn a_room_can_serve_several_purposes_on_several_platforms() {
        let community = Community {
            slug: "demo".into(),
            name: "Demo".into(),
            language: Lang::En,
            time_zone: chrono_tz::Europe::Paris,
            events: EventSettings::default(),
            faq: FaqSettings::default(),
            onboarding: crate::onboarding::Settings::default(),
            public_url: None,
            rooms: vec![
                Room {
                    platform: Platform::Matrix,
                    id: "!a:example.org".into(),
                    purposes: vec![RoomPurpose::Main, RoomPurpose::Announcements],
                },
                Room {
                    platform: Platform::Telegram,
                    id: "-1001".into(),
                    purposes: vec![RoomPurpose::Announcements],
                },
            ],
        };
        let ids: Vec<_> = community
            .rooms_for(RoomPurpose::Announcements)
            .map(|r| r.id.as_str())
            .collect();
        assert_eq!(ids, ["!a:example.org", "-1001"]);
        assert!(community.room(Platform::Telegram, "-1001").is_some());
        assert!(community.room(Platform::Discord, "-1001").is_none());
    }
}
