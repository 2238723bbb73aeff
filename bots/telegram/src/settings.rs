//! The `[telegram]` section of the config file, and the token, which comes only from the
//! environment (`PASSERELLE_TELEGRAM_TOKEN`), never from the file or a log line.
//!
//! ```toml
//! [telegram]
//! api_url = "https://api.telegram.org"     # optional: any Bot API server
//! join_requests = "questionnaire"          # or "approve", "manual"
//! mode = "polling"                         # or "webhook": Telegram posts to [http]'s public_url
//!
//! [[telegram.role]]                         # Telegram users and chat admins → hub roles
//! role = "organizer"
//! administrators = true
//! users = [123456789]
//!
//! [[telegram.grant]]                        # a hub grant → what it means on Telegram
//! role = "brasil"
//! invite = [-1001234567890]                 # a one-person invite link, sent by DM
//!
//! [telegram.pacing]                         # Telegram's documented limits by default
//! room = ["1/s", "20/min"]
//! ```

use passerelle_core::incoming::Admission;
use passerelle_core::model::Role;
use passerelle_runtime::Pacing;
use passerelle_runtime::section::PacingTable;
pub use passerelle_runtime::section::Token;
use serde::Deserialize;

/// Where the Bot API is unless the config says otherwise.
pub const TELEGRAM_API: &str = "https://api.telegram.org";

/// The environment variable holding the bot's token.
pub const TOKEN_VARIABLE: &str = "PASSERELLE_TELEGRAM_TOKEN";

/// The `[telegram]` section, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub api_url: String,
    /// The community the bot serves (slug or name), when the config has several.
    pub community: Option<String>,
    pub roles: Vec<RoleRule>,
    pub grants: Vec<Grant>,
    pub join_requests: JoinRequests,
    /// Decline a join request nobody handled within Telegram's five minutes.
    pub decline_unhandled: bool,
    pub pacing: Pacing,
    /// How updates reach the bot.
    pub mode: Mode,
    /// Where the web server is reached from outside, without a trailing slash: given by
    /// `passerelle run` from `[http]`, not written in `[telegram]`. The webhook is there.
    pub public_url: Option<String>,
}

/// How updates reach the bot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// The bot asks for them (`getUpdates`): one process per bot.
    #[default]
    Polling,
    /// Telegram posts them to `{public_url}/telegram/{path secret}` with a secret header;
    /// any number of processes behind that address may take them.
    Webhook,
}

/// Members listed in `users`, or administrators of a community chat when
/// `administrators` is set, have `role` in the hub.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleRule {
    pub role: Role,
    pub administrators: bool,
    pub users: Vec<i64>,
}

/// What a role granted by the hub does on Telegram: a one-person invite link to each
/// chat of `invite`, sent by DM.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Grant {
    pub role: String,
    pub invite: Vec<i64>,
}

/// What the bot does with a request to join a community chat.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum JoinRequests {
    /// Asks the questions in the five minutes Telegram allows, approves once the rules
    /// are accepted (or at once without a rules gate).
    #[default]
    Questionnaire,
    /// Approves at once and greets.
    Approve,
    /// Leaves it to the chat's admins and tells the welcome team.
    Manual,
}

impl Settings {
    /// What the bot does with join requests, in a line for `config check`.
    pub fn join_requests_in_words(&self) -> String {
        let mode = match self.join_requests {
            JoinRequests::Questionnaire => {
                "questions in private, approved once the rules are accepted"
            }
            JoinRequests::Approve => "approved at once",
            JoinRequests::Manual => "left to the chats' admins",
        };
        if self.decline_unhandled && self.join_requests != JoinRequests::Manual {
            format!("{mode}, declined when still waiting after 5 minutes")
        } else {
            mode.to_owned()
        }
    }
}

impl JoinRequests {
    /// Who decides on a request, for the hub.
    pub fn admission(self) -> Admission {
        match self {
            Self::Questionnaire => Admission::AfterRules,
            Self::Approve => Admission::AtOnce,
            Self::Manual => Admission::ByAdmins,
        }
    }
}

/// A mistake in the `[telegram]` section, with its line when known.
pub use passerelle_runtime::section::SectionError as SettingsError;

#[derive(Deserialize)]
struct RawFile {
    telegram: Option<RawSettings>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSettings {
    api_url: Option<String>,
    community: Option<String>,
    #[serde(default)]
    role: Vec<RawRoleRule>,
    #[serde(default)]
    grant: Vec<Grant>,
    #[serde(default)]
    join_requests: JoinRequests,
    #[serde(default)]
    decline_unhandled: bool,
    pacing: Option<PacingTable>,
    #[serde(default)]
    mode: Mode,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRoleRule {
    role: String,
    #[serde(default)]
    administrators: bool,
    #[serde(default)]
    users: Vec<i64>,
}

impl Settings {
    /// Reads `[telegram]` from the config file's text; `None` when it has no such section.
    pub fn from_config(text: &str) -> Result<Option<Self>, SettingsError> {
        let file: RawFile =
            toml::from_str(text).map_err(|error| SettingsError::from_toml(text, &error))?;
        file.telegram.map(Self::check).transpose()
    }

    fn check(raw: RawSettings) -> Result<Self, SettingsError> {
        let fail = |message: String| SettingsError::in_section("telegram", message);
        let api_url =
            passerelle_runtime::section::api_url(raw.api_url, TELEGRAM_API).map_err(fail)?;
        let mut roles = Vec::new();
        for rule in raw.role {
            let role = passerelle_runtime::section::role(&rule.role).map_err(fail)?;
            if !rule.administrators && rule.users.is_empty() {
                return Err(fail(format!(
                    "the role rule for {role} needs administrators = true or users"
                )));
            }
            roles.push(RoleRule {
                role,
                administrators: rule.administrators,
                users: rule.users,
            });
        }
        if let Some(grant) = raw.grant.iter().find(|grant| grant.invite.is_empty()) {
            return Err(fail(format!(
                "the grant for `{}` needs invite = [chat ids]",
                grant.role
            )));
        }
        let pacing = PacingTable::over(raw.pacing.as_ref(), Pacing::telegram()).map_err(fail)?;
        Ok(Self {
            api_url,
            community: raw.community,
            roles,
            grants: raw.grant,
            join_requests: raw.join_requests,
            decline_unhandled: raw.decline_unhandled,
            pacing,
            mode: raw.mode,
            public_url: None,
        })
    }

    /// The chats a member granted hub role `role` is invited to.
    pub fn invites_for(&self, role: &str) -> Vec<i64> {
        self.grants
            .iter()
            .filter(|grant| grant.role == role)
            .flat_map(|grant| grant.invite.iter().copied())
            .collect()
    }

    /// The hub roles Telegram user `user` has, given whether they administer a
    /// community chat.
    pub fn roles_for(&self, user: i64, administrator: bool) -> Vec<Role> {
        let mut roles: Vec<Role> = self
            .roles
            .iter()
            .filter(|rule| (rule.administrators && administrator) || rule.users.contains(&user))
            .map(|rule| rule.role)
            .collect();
        roles.sort_unstable();
        roles.dedup();
        roles
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(section: &str) -> Result<Settings, SettingsError> {
        let text = format!("[[community]]\nslug = \"x\"\n\n[telegram]\n{section}");
        Settings::from_config(&text).map(|found| found.expect("a [telegram] section"))
    }

    #[test]
    fn a_config_without_the_section_has_no_telegram_bot() {
        assert_eq!(
            Settings::from_config("[[community]]\nslug = \"x\"\n"),
            Ok(None)
        );
    }

    #[test]
    fn defaults_are_telegrams_own_server_its_limits_and_the_questionnaire() {
        let settings = settings("").expect("valid");
        assert_eq!(settings.api_url, TELEGRAM_API);
        assert_eq!(settings.join_requests, JoinRequests::Questionnaire);
        assert_eq!(settings.pacing, Pacing::telegram());
        assert!(!settings.decline_unhandled);
        assert_eq!(settings.mode, Mode::Polling);
    }

    #[test]
    fn the_webhook_mode_is_read() {
        assert_eq!(
            settings("mode = \"webhook\"\n").map(|s| s.mode),
            Ok(Mode::Webhook)
        );
        let wrong = settings("mode = \"push\"\n").unwrap_err();
        assert!(
            wrong.message.contains("polling") && wrong.message.contains("webhook"),
            "{wrong}"
        );
    }

    #[test]
    fn administrators_and_listed_users_map_to_roles() {
        let settings = settings(
            "api_url = \"http://127.0.0.1:8081/\"\njoin_requests = \"manual\"\n\
             [[telegram.role]]\nrole = \"organizer\"\nadministrators = true\n\
             [[telegram.role]]\nrole = \"welcomer\"\nusers = [42]\n",
        )
        .expect("valid");
        assert_eq!(settings.api_url, "http://127.0.0.1:8081");
        assert_eq!(settings.join_requests, JoinRequests::Manual);
        assert_eq!(settings.roles_for(7, true), [Role::Organizer]);
        assert_eq!(
            settings.roles_for(42, true),
            [Role::Welcomer, Role::Organizer]
        );
        assert!(settings.roles_for(7, false).is_empty());
    }

    #[test]
    fn mistakes_are_explained() {
        let unknown = settings("[[telegram.role]]\nrole = \"boss\"\nusers = [1]\n");
        assert!(unknown.unwrap_err().message.contains("unknown role `boss`"));
        let empty = settings("[[telegram.role]]\nrole = \"admin\"\n");
        assert!(
            empty
                .unwrap_err()
                .message
                .contains("administrators = true or users")
        );
        let url = settings("api_url = \"api.telegram.org\"\n");
        assert!(url.unwrap_err().message.contains("api_url"));
        let grant = settings("[[telegram.grant]]\nrole = \"x\"\ninvite = []\n");
        assert!(grant.unwrap_err().message.contains("needs invite"));
        let mode = settings("join_requests = \"sometimes\"\n").unwrap_err();
        assert_eq!(mode.line, Some(5), "{mode}");
        let token = settings("token = \"123:abc\"\n").unwrap_err();
        assert!(token.message.contains("unknown field `token`"), "{token}");
    }
}
