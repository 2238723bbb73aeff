//! The `[matrix]` section of the config file, and the secrets that come from the
//! environment instead (a password or access token, the store's passphrase).
//!
//! ```toml
//! [matrix]
//! homeserver = "https://matrix.example.org"
//! user = "@passerelle:example.org"
//! store = "matrix-store"                  # session and encrypted state, kept across restarts
//! invites_from = ["example.org", "@amina:matrix.org"]
//!
//! [[matrix.role]]                          # power levels and users → hub roles
//! role = "organizer"
//! power_level = 50
//!
//! [[matrix.grant]]                         # a hub grant → what it means on Matrix
//! role = "brasil"
//! invite = ["#brasil:example.org"]
//!
//! [matrix.pacing]                          # none by default: the server's 429 is honoured
//! room = ["5/5s"]                          # also direct = […], platform = […]
//! ```

use std::path::PathBuf;

use passerelle_core::model::Role;
use passerelle_runtime::Pacing;
use passerelle_runtime::section::PacingTable;
use serde::Deserialize;

/// The `[matrix]` section, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub homeserver: String,
    /// The bot's own Matrix ID.
    pub user: String,
    /// The folder holding the session and matrix-sdk's encrypted SQLite store.
    pub store: PathBuf,
    /// The community the bot serves (slug or name), when the config has several.
    pub community: Option<String>,
    pub device_name: String,
    /// Servers (`example.org`) and users (`@amina:example.org`) whose invites it accepts.
    pub invites_from: Vec<String>,
    pub roles: Vec<RoleRule>,
    pub grants: Vec<Grant>,
    /// How fast the outbox sends (`[matrix.pacing]`); none unless the config asks.
    pub pacing: Pacing,
}

/// Members with at least `power_level` in a community room, or listed in `users`, have
/// `role` in the hub (on top of the roles stored there).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleRule {
    pub role: Role,
    pub power_level: Option<i64>,
    pub users: Vec<String>,
}

/// What a role granted by the hub (a routing rule, the rules gate) does on Matrix: invite
/// the member to rooms, and/or raise their power level in the community's rooms.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Grant {
    pub role: String,
    #[serde(default)]
    pub invite: Vec<String>,
    pub power_level: Option<i64>,
}

/// A mistake in the `[matrix]` section, with its line when known.
pub use passerelle_runtime::section::SectionError as SettingsError;

#[derive(Deserialize)]
struct RawFile {
    matrix: Option<RawSettings>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSettings {
    homeserver: String,
    user: String,
    store: Option<PathBuf>,
    community: Option<String>,
    device_name: Option<String>,
    invites_from: Option<Vec<String>>,
    #[serde(default)]
    role: Vec<RawRoleRule>,
    #[serde(default)]
    grant: Vec<Grant>,
    pacing: Option<PacingTable>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRoleRule {
    role: String,
    power_level: Option<i64>,
    #[serde(default)]
    users: Vec<String>,
}

impl Settings {
    /// Reads `[matrix]` from the config file's text; `None` when it has no such section.
    pub fn from_config(text: &str) -> Result<Option<Self>, SettingsError> {
        let file: RawFile =
            toml::from_str(text).map_err(|error| SettingsError::from_toml(text, &error))?;
        file.matrix.map(Self::check).transpose()
    }

    fn check(raw: RawSettings) -> Result<Self, SettingsError> {
        let fail = |message: String| SettingsError::in_section("matrix", message);
        if !(raw.homeserver.starts_with("http://") || raw.homeserver.starts_with("https://")) {
            return Err(fail(format!(
                "homeserver is the server's URL, like https://matrix.example.org (not `{}`)",
                raw.homeserver
            )));
        }
        let Some(server) = server_of(&raw.user) else {
            return Err(fail(format!(
                "user is the bot's full Matrix ID, like @passerelle:example.org (not `{}`)",
                raw.user
            )));
        };
        let mut roles = Vec::new();
        for rule in raw.role {
            let role = passerelle_runtime::section::role(&rule.role).map_err(fail)?;
            if rule.power_level.is_none() && rule.users.is_empty() {
                return Err(fail(format!(
                    "the role rule for {role} needs power_level or users"
                )));
            }
            if let Some(user) = rule.users.iter().find(|user| server_of(user).is_none()) {
                return Err(fail(format!(
                    "`{user}` is not a Matrix ID like @amina:example.org"
                )));
            }
            roles.push(RoleRule {
                role,
                power_level: rule.power_level,
                users: rule.users,
            });
        }
        if let Some(grant) = raw
            .grant
            .iter()
            .find(|grant| grant.invite.is_empty() && grant.power_level.is_none())
        {
            return Err(fail(format!(
                "the grant for `{}` needs invite or power_level",
                grant.role
            )));
        }
        let pacing = PacingTable::over(raw.pacing.as_ref(), Pacing::matrix()).map_err(fail)?;
        Ok(Self {
            pacing,
            invites_from: raw.invites_from.unwrap_or_else(|| vec![server.to_owned()]),
            homeserver: raw.homeserver,
            store: raw.store.unwrap_or_else(|| PathBuf::from("matrix-store")),
            community: raw.community,
            device_name: raw.device_name.unwrap_or_else(|| "Passerelle".to_owned()),
            roles,
            grants: raw.grant,
            user: raw.user,
        })
    }

    /// The hub roles `user_id` has on Matrix, given their highest power level in the
    /// community's rooms.
    pub fn roles_for(&self, user_id: &str, power_level: i64) -> Vec<Role> {
        let mut roles: Vec<Role> = self
            .roles
            .iter()
            .filter(|rule| {
                rule.power_level.is_some_and(|level| power_level >= level)
                    || rule.users.iter().any(|user| user == user_id)
            })
            .map(|rule| rule.role)
            .collect();
        roles.sort_unstable();
        roles.dedup();
        roles
    }

    /// Whether an invite from `inviter` is one to accept.
    pub fn invite_allowed(&self, inviter: &str) -> bool {
        self.invites_from.iter().any(|allowed| {
            if allowed.starts_with('@') {
                allowed == inviter
            } else {
                server_of(inviter) == Some(allowed.as_str())
            }
        })
    }

    /// What the hub's grant of `role` means here, if anything.
    pub fn grant(&self, role: &str) -> Option<&Grant> {
        self.grants.iter().find(|grant| grant.role == role)
    }
}

/// The server part of a Matrix user ID (`example.org` in `@amina:example.org`).
pub fn server_of(user_id: &str) -> Option<&str> {
    let (local, server) = user_id.strip_prefix('@')?.split_once(':')?;
    (!local.is_empty() && !server.is_empty()).then_some(server)
}

/// The secrets `passerelle run` reads from the environment, never from the config.
#[derive(Clone, PartialEq, Eq)]
pub struct Secrets {
    pub login: Login,
    /// Encrypts matrix-sdk's store (keys, room state) at rest.
    pub store_passphrase: String,
}

#[derive(Clone, PartialEq, Eq)]
pub enum Login {
    Password(String),
    AccessToken(String),
}

impl std::fmt::Debug for Secrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Secrets")
            .field("login", &self.login)
            .finish_non_exhaustive()
    }
}

/// Shows which kind of login it is, never the secret.
impl std::fmt::Debug for Login {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Password(_) => "password",
            Self::AccessToken(_) => "access token",
        })
    }
}

pub const PASSWORD_VAR: &str = "PASSERELLE_MATRIX_PASSWORD";
pub const TOKEN_VAR: &str = "PASSERELLE_MATRIX_ACCESS_TOKEN";
pub const PASSPHRASE_VAR: &str = "PASSERELLE_MATRIX_STORE_PASSPHRASE";

impl Secrets {
    /// Reads the secrets through `var` (`std::env::var` in the binary).
    pub fn from_env(var: impl Fn(&str) -> Option<String>) -> Result<Self, String> {
        let set = |name: &str| var(name).filter(|value| !value.is_empty());
        let login = match (set(TOKEN_VAR), set(PASSWORD_VAR)) {
            (Some(token), _) => Login::AccessToken(token),
            (None, Some(password)) => Login::Password(password),
            (None, None) => {
                return Err(format!(
                    "the Matrix bot needs {PASSWORD_VAR} or {TOKEN_VAR} in the environment"
                ));
            }
        };
        let store_passphrase = set(PASSPHRASE_VAR).ok_or_else(|| {
            format!(
                "the Matrix bot needs {PASSPHRASE_VAR} in the environment: it encrypts the bot's keys on disk (any long random string, the same at every start)"
            )
        })?;
        Ok(Self {
            login,
            store_passphrase,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(section: &str) -> Result<Settings, SettingsError> {
        let text = format!(
            "[[community]]\nslug = \"x\"\n\n[matrix]\nhomeserver = \"http://127.0.0.1:8008\"\nuser = \"@bot:example.org\"\n{section}"
        );
        Settings::from_config(&text).map(|found| found.expect("a [matrix] section"))
    }

    #[test]
    fn a_config_without_the_section_has_no_matrix_bot() {
        assert_eq!(
            Settings::from_config("[[community]]\nslug = \"x\"\n"),
            Ok(None)
        );
    }

    #[test]
    fn defaults_accept_invites_from_the_bots_own_server() {
        let settings = settings("").expect("valid");
        assert_eq!(settings.invites_from, ["example.org"]);
        assert_eq!(settings.store, PathBuf::from("matrix-store"));
        assert!(settings.invite_allowed("@amina:example.org"));
        assert!(!settings.invite_allowed("@spam:evil.example"));
        assert!(!settings.invite_allowed("@amina:example.org.evil"));
    }

    #[test]
    fn pacing_is_none_unless_the_config_sets_rates() {
        assert_eq!(settings("").expect("valid").pacing, Pacing::matrix());
        let paced =
            settings("[matrix.pacing]\nroom = [\"5/5s\"]\nplatform = [\"20/s\"]\n").expect("valid");
        assert_eq!(
            paced.pacing.room,
            [passerelle_runtime::pacing::Rate::new(
                5,
                std::time::Duration::from_secs(5)
            )]
        );
        assert!(paced.pacing.direct.is_empty());
        let error = settings("[matrix.pacing]\nroom = [\"fast\"]\n").expect_err("refused");
        assert!(error.message.contains("`fast` is not a rate"), "{error}");
    }

    #[test]
    fn invites_can_be_allowed_per_user() {
        let settings =
            settings("invites_from = [\"@amina:matrix.org\", \"example.com\"]").expect("valid");
        assert!(settings.invite_allowed("@amina:matrix.org"));
        assert!(!settings.invite_allowed("@other:matrix.org"));
        assert!(settings.invite_allowed("@walid:example.com"));
        assert!(!settings.invite_allowed("@walid:example.org"));
    }

    #[test]
    fn power_levels_and_listed_users_map_to_roles() {
        let settings = settings(
            "[[matrix.role]]\nrole = \"admin\"\npower_level = 100\n\
             [[matrix.role]]\nrole = \"organizer\"\npower_level = 50\n\
             [[matrix.role]]\nrole = \"welcomer\"\nusers = [\"@walid:example.org\"]\n",
        )
        .expect("valid");
        assert_eq!(settings.roles_for("@nadia:example.org", 0), []);
        assert_eq!(
            settings.roles_for("@nadia:example.org", 50),
            [Role::Organizer]
        );
        assert_eq!(
            settings.roles_for("@nadia:example.org", 100),
            [Role::Organizer, Role::Admin]
        );
        assert_eq!(
            settings.roles_for("@walid:example.org", 0),
            [Role::Welcomer]
        );
    }

    #[test]
    fn mistakes_are_named() {
        let error = settings("[[matrix.role]]\nrole = \"boss\"\npower_level = 50\n").unwrap_err();
        assert!(error.message.contains("unknown role `boss`"), "{error}");
        let error = settings("[[matrix.role]]\nrole = \"admin\"\n").unwrap_err();
        assert!(
            error.message.contains("needs power_level or users"),
            "{error}"
        );
        let error = settings("[[matrix.grant]]\nrole = \"brasil\"\n").unwrap_err();
        assert!(
            error.message.contains("needs invite or power_level"),
            "{error}"
        );
        let error = settings("colour = \"blue\"\n").unwrap_err();
        assert_eq!(error.line, Some(7), "{error}");
        let error =
            Settings::from_config("[matrix]\nhomeserver = \"matrix.org\"\nuser = \"@b:m.org\"")
                .unwrap_err();
        assert!(
            error.message.contains("homeserver is the server's URL"),
            "{error}"
        );
        let error =
            Settings::from_config("[matrix]\nhomeserver = \"https://m.org\"\nuser = \"bot\"")
                .unwrap_err();
        assert!(error.message.contains("full Matrix ID"), "{error}");
    }

    #[test]
    fn secrets_come_from_the_environment_only() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(key, _)| *key == name)
                    .map(|(_, value)| (*value).to_owned())
            }
        };
        let secrets = Secrets::from_env(env(&[(PASSWORD_VAR, "pw"), (PASSPHRASE_VAR, "pp")]))
            .expect("complete");
        assert_eq!(secrets.login, Login::Password("pw".into()));
        assert!(!format!("{secrets:?}").contains("pw"));
        let token = Secrets::from_env(env(&[
            (PASSWORD_VAR, "pw"),
            (TOKEN_VAR, "tok"),
            (PASSPHRASE_VAR, "pp"),
        ]))
        .expect("complete");
        assert_eq!(token.login, Login::AccessToken("tok".into()));
        let missing = Secrets::from_env(env(&[(PASSPHRASE_VAR, "pp")])).unwrap_err();
        assert!(missing.contains(PASSWORD_VAR));
        let missing = Secrets::from_env(env(&[(PASSWORD_VAR, "pw")])).unwrap_err();
        assert!(missing.contains(PASSPHRASE_VAR));
    }
}
