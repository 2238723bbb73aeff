//! The `[discord]` section of the config file, and the token, which comes only from the
//! environment (`PASSERELLE_DISCORD_TOKEN`), never from the file or a log line.
//!
//! ```toml
//! [discord]
//! application_id = "1234567890123456789"
//! guild_id = "2345678901234567890"
//! community = "paris"                     # when the config has several
//! api_url = "https://discord.com"         # optional: any server speaking Discord's API
//! scheduled_events = false                # mirror hub events as guild scheduled events
//! text_commands = false                   # `!cmd` in messages (message-content intent)
//! interactions = "gateway"                # or "http": Discord posts them to [http]'s public_url
//! public_key = "…"                        # the application's public key, for "http"
//!
//! [[discord.role]]                         # Discord roles and permissions → hub roles
//! role = "organizer"
//! discord_roles = ["3456789012345678901"]
//! manage_events = true
//!
//! [[discord.grant]]                        # a hub grant → the Discord role it adds
//! role = "brasil"
//! discord_role = "4567890123456789012"
//!
//! [discord.pacing]                         # Discord's documented limits by default
//! room = ["5/5s"]
//! ```

use passerelle_core::model::Role;
use passerelle_runtime::Pacing;
use passerelle_runtime::section::PacingTable;
pub use passerelle_runtime::section::Token;
use serde::Deserialize;

/// The server of Discord's HTTP API (under `/api/v10`) unless the config says otherwise.
pub const DISCORD_API: &str = "https://discord.com";

/// The environment variable holding the bot's token.
pub const TOKEN_VARIABLE: &str = "PASSERELLE_DISCORD_TOKEN";

/// A Discord ID (a snowflake: an application, a guild, a role, a channel, a user).
pub type Snowflake = u64;

/// The `[discord]` section, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub application_id: Snowflake,
    pub guild_id: Snowflake,
    /// The community the bot serves (slug or name), when the config has several.
    pub community: Option<String>,
    pub api_url: String,
    pub roles: Vec<RoleRule>,
    pub grants: Vec<Grant>,
    /// Hub events mirrored as the guild's scheduled events.
    pub scheduled_events: bool,
    /// Commands written as `!cmd` in messages, besides slash commands.
    pub text_commands: bool,
    pub pacing: Pacing,
    /// How slash commands, buttons and autocomplete reach the bot.
    pub interactions: Interactions,
    /// The application's public key (from the developer portal), which checks the
    /// signature of each interaction Discord posts; required with `interactions = "http"`.
    pub public_key: Option<[u8; 32]>,
}

/// How interactions reach the bot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Interactions {
    /// As gateway events, answered by REST.
    #[default]
    Gateway,
    /// Posted by Discord to the interactions endpoint URL set in the developer portal:
    /// `{public_url}/discord/interactions` on the web server; any number of processes
    /// behind it may take them.
    Http,
}

/// Members with one of `discord_roles`, or with the permission named, have `role` in
/// the hub.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleRule {
    pub role: Role,
    pub discord_roles: Vec<Snowflake>,
    /// Members with Discord's Administrator permission.
    pub administrator: bool,
    /// Members with Discord's Manage Events permission.
    pub manage_events: bool,
}

/// What a role granted by the hub does on Discord: the Discord role it adds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    pub role: String,
    pub discord_role: Snowflake,
}

/// What a member has on Discord, for [`Settings::roles_for`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Standing {
    pub roles: Vec<Snowflake>,
    pub administrator: bool,
    pub manage_events: bool,
}

/// A mistake in the `[discord]` section, with its line when known.
pub use passerelle_runtime::section::SectionError as SettingsError;

#[derive(Deserialize)]
struct RawFile {
    discord: Option<RawSettings>,
}

/// An ID as written: a string (as Discord shows them) or a number.
#[derive(Deserialize)]
#[serde(untagged)]
enum RawId {
    Text(String),
    Number(u64),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSettings {
    application_id: Option<RawId>,
    guild_id: Option<RawId>,
    community: Option<String>,
    api_url: Option<String>,
    #[serde(default)]
    role: Vec<RawRoleRule>,
    #[serde(default)]
    grant: Vec<RawGrant>,
    #[serde(default)]
    scheduled_events: bool,
    #[serde(default)]
    text_commands: bool,
    pacing: Option<PacingTable>,
    #[serde(default)]
    interactions: Interactions,
    public_key: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRoleRule {
    role: String,
    #[serde(default)]
    discord_roles: Vec<RawId>,
    #[serde(default)]
    administrator: bool,
    #[serde(default)]
    manage_events: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGrant {
    role: String,
    discord_role: RawId,
}

/// `raw` as a snowflake, or what `what` should be.
fn snowflake(raw: &RawId, what: &str) -> Result<Snowflake, String> {
    let id = match raw {
        RawId::Number(number) => Some(*number),
        RawId::Text(text) => text.trim().parse().ok(),
    };
    id.filter(|id| *id > 0)
        .ok_or_else(|| format!("{what} is a Discord ID, a number like \"1234567890123456789\""))
}

/// An application's public key, as the developer portal shows it (64 hexadecimal digits).
fn public_key(text: &str) -> Result<[u8; 32], String> {
    let wrong = || {
        format!("public_key is the 64 hexadecimal digits the developer portal shows, not `{text}`")
    };
    let digits: Vec<u8> = text
        .chars()
        .map(|c| c.to_digit(16).and_then(|d| u8::try_from(d).ok()))
        .collect::<Option<_>>()
        .ok_or_else(wrong)?;
    let bytes: Vec<u8> = digits
        .chunks(2)
        .map(|pair| pair[0] * 16 + pair.get(1).copied().unwrap_or(0))
        .collect();
    match (digits.len(), <[u8; 32]>::try_from(bytes)) {
        (64, Ok(key)) => Ok(key),
        _ => Err(wrong()),
    }
}

impl Settings {
    /// Reads `[discord]` from the config file's text; `None` when it has no such section.
    pub fn from_config(text: &str) -> Result<Option<Self>, SettingsError> {
        let file: RawFile =
            toml::from_str(text).map_err(|error| SettingsError::from_toml(text, &error))?;
        file.discord.map(Self::check).transpose()
    }

    fn check(raw: RawSettings) -> Result<Self, SettingsError> {
        let fail = |message: String| SettingsError::in_section("discord", message);
        let required = |raw: Option<&RawId>, what: &str| match raw {
            Some(raw) => snowflake(raw, what),
            None => Err(format!(
                "{what} is missing: copy it from the Discord developer portal"
            )),
        };
        let application_id =
            required(raw.application_id.as_ref(), "application_id").map_err(fail)?;
        let guild_id = required(raw.guild_id.as_ref(), "guild_id").map_err(fail)?;
        // The server, as serenity takes it; `…/api` as Discord's docs write it is the same.
        let api_url = passerelle_runtime::section::api_url(raw.api_url, DISCORD_API)
            .map_err(fail)?
            .trim_end_matches("/api")
            .to_owned();
        let mut roles = Vec::new();
        for rule in raw.role {
            let role = passerelle_runtime::section::role(&rule.role).map_err(fail)?;
            if rule.discord_roles.is_empty() && !rule.administrator && !rule.manage_events {
                return Err(fail(format!(
                    "the role rule for {role} needs discord_roles, administrator = true or \
                     manage_events = true"
                )));
            }
            let discord_roles = rule
                .discord_roles
                .iter()
                .map(|id| snowflake(id, "each of discord_roles"))
                .collect::<Result<_, _>>()
                .map_err(fail)?;
            roles.push(RoleRule {
                role,
                discord_roles,
                administrator: rule.administrator,
                manage_events: rule.manage_events,
            });
        }
        let grants = raw
            .grant
            .iter()
            .map(|grant| {
                Ok(Grant {
                    role: grant.role.clone(),
                    discord_role: snowflake(&grant.discord_role, "discord_role")?,
                })
            })
            .collect::<Result<_, String>>()
            .map_err(fail)?;
        let pacing = PacingTable::over(raw.pacing.as_ref(), Pacing::discord()).map_err(fail)?;
        let public_key = raw
            .public_key
            .as_deref()
            .map(public_key)
            .transpose()
            .map_err(fail)?;
        if raw.interactions == Interactions::Http && public_key.is_none() {
            return Err(fail(
                "interactions = \"http\" needs public_key: copy the application's public key \
                 from the Discord developer portal"
                    .into(),
            ));
        }
        Ok(Self {
            application_id,
            guild_id,
            community: raw.community,
            api_url,
            roles,
            grants,
            scheduled_events: raw.scheduled_events,
            text_commands: raw.text_commands,
            pacing,
            interactions: raw.interactions,
            public_key,
        })
    }

    /// The hub roles of a member who has `standing` on Discord.
    pub fn roles_for(&self, standing: &Standing) -> Vec<Role> {
        let mut roles: Vec<Role> = self
            .roles
            .iter()
            .filter(|rule| {
                (rule.administrator && standing.administrator)
                    || (rule.manage_events && standing.manage_events)
                    || rule
                        .discord_roles
                        .iter()
                        .any(|id| standing.roles.contains(id))
            })
            .map(|rule| rule.role)
            .collect();
        roles.sort_unstable();
        roles.dedup();
        roles
    }

    /// The Discord roles a member granted hub role `role` gets.
    pub fn discord_roles_for(&self, role: &str) -> Vec<Snowflake> {
        self.grants
            .iter()
            .filter(|grant| grant.role == role)
            .map(|grant| grant.discord_role)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const IDS: &str = "application_id = \"111\"\nguild_id = 222\n";

    fn settings(section: &str) -> Result<Settings, SettingsError> {
        let text = format!("[[community]]\nslug = \"x\"\n\n[discord]\n{section}");
        Settings::from_config(&text).map(|found| found.expect("a [discord] section"))
    }

    #[test]
    fn a_config_without_the_section_has_no_discord_bot() {
        assert_eq!(
            Settings::from_config("[[community]]\nslug = \"x\"\n"),
            Ok(None)
        );
    }

    #[test]
    fn ids_come_as_text_or_numbers_and_the_rest_has_defaults() {
        let settings = settings(IDS).expect("valid");
        assert_eq!((settings.application_id, settings.guild_id), (111, 222));
        assert_eq!(settings.api_url, DISCORD_API);
        assert_eq!(settings.pacing, Pacing::discord());
        assert!(!settings.scheduled_events && !settings.text_commands);
        assert_eq!(settings.interactions, Interactions::Gateway);
    }

    #[test]
    fn interactions_by_http_need_the_public_key() {
        let key = "e0f1".repeat(16);
        let http = settings(&format!(
            "{IDS}interactions = \"http\"\npublic_key = \"{key}\"\n"
        ))
        .expect("valid");
        assert_eq!(http.interactions, Interactions::Http);
        let expected: Vec<u8> = [0xe0, 0xf1].repeat(16);
        assert_eq!(http.public_key.map(|k| k.to_vec()), Some(expected));
        let missing = settings(&format!("{IDS}interactions = \"http\"\n")).unwrap_err();
        assert!(missing.message.contains("needs public_key"), "{missing}");
        for wrong in ["abc", "zz", &"0".repeat(63), &"0".repeat(66)] {
            let error = settings(&format!("{IDS}public_key = \"{wrong}\"\n")).unwrap_err();
            assert!(
                error.message.contains("64 hexadecimal digits"),
                "{wrong}: {error}"
            );
        }
    }

    #[test]
    fn discord_roles_and_permissions_map_to_hub_roles() {
        let settings = settings(&format!(
            "{IDS}[[discord.role]]\nrole = \"organizer\"\nmanage_events = true\n\
             discord_roles = [\"333\"]\n[[discord.role]]\nrole = \"admin\"\n\
             administrator = true\n[[discord.grant]]\nrole = \"brasil\"\n\
             discord_role = \"444\"\n"
        ))
        .expect("valid");
        let with = |roles: Vec<u64>, administrator, manage_events| Standing {
            roles,
            administrator,
            manage_events,
        };
        assert_eq!(
            settings.roles_for(&with(vec![333], false, false)),
            [Role::Organizer]
        );
        assert_eq!(
            settings.roles_for(&with(vec![], true, true)),
            [Role::Organizer, Role::Admin]
        );
        assert!(
            settings
                .roles_for(&with(vec![999], false, false))
                .is_empty()
        );
        assert_eq!(settings.discord_roles_for("brasil"), [444]);
        assert!(settings.discord_roles_for("member").is_empty());
    }

    #[test]
    fn mistakes_are_explained() {
        let missing = settings("guild_id = 222\n").unwrap_err();
        assert!(
            missing.message.contains("application_id is missing"),
            "{missing}"
        );
        let word = settings("application_id = \"abc\"\nguild_id = 222\n").unwrap_err();
        assert!(word.message.contains("a Discord ID"), "{word}");
        let empty = settings(&format!("{IDS}[[discord.role]]\nrole = \"admin\"\n")).unwrap_err();
        assert!(empty.message.contains("needs discord_roles"), "{empty}");
        let given = settings(&format!("{IDS}api_url = \"http://127.0.0.1:9/api/\"\n"));
        assert_eq!(
            given.map(|s| s.api_url),
            Ok("http://127.0.0.1:9".to_owned())
        );
        let url = settings(&format!("{IDS}api_url = \"discord.com\"\n")).unwrap_err();
        assert!(url.message.contains("api_url"), "{url}");
        let token = settings(&format!("{IDS}token = \"abc\"\n")).unwrap_err();
        assert!(token.message.contains("unknown field `token`"), "{token}");
    }
}
