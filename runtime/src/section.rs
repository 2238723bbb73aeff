//! What every adapter's config section shares: a mistake with its line, the `pacing`
//! table (rates as `20/min`, over the platform's defaults), and the bot's token, which
//! comes from the environment only.

use passerelle_core::model::Role;
use serde::Deserialize;

use crate::pacing::Pacing;

/// The hub role a section names, or what the names are.
pub fn role(name: &str) -> Result<Role, String> {
    name.parse()
        .map_err(|_| format!("unknown role `{name}`: member, welcomer, editor, organizer or admin"))
}

/// The `api_url` a section gives (`default` when none), without its trailing slash; or
/// what it should look like.
pub fn api_url(given: Option<String>, default: &str) -> Result<String, String> {
    let url = given.unwrap_or_else(|| default.to_owned());
    if url.starts_with("http://") || url.starts_with("https://") {
        Ok(url.trim_end_matches('/').to_owned())
    } else {
        Err(format!(
            "api_url is the URL of the platform's API, like {default} (not `{url}`)"
        ))
    }
}

/// A mistake in an adapter's section, with its line when known.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{message}", line.map(|line| format!("line {line}: ")).unwrap_or_default())]
pub struct SectionError {
    pub line: Option<usize>,
    pub message: String,
}

impl SectionError {
    /// What the TOML reader found wrong in `text`, at its line.
    pub fn from_toml(text: &str, error: &toml::de::Error) -> Self {
        Self {
            line: error
                .span()
                .map(|span| text[..span.start].matches('\n').count() + 1),
            message: error.message().trim().to_owned(),
        }
    }

    /// A mistake the section's checks found (`[telegram]: …`).
    pub fn in_section(section: &str, message: impl std::fmt::Display) -> Self {
        Self {
            line: None,
            message: format!("[{section}]: {message}"),
        }
    }
}

/// `[ADAPTER.pacing]`: each list given replaces the platform's default one.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PacingTable {
    room: Option<Vec<String>>,
    direct: Option<Vec<String>>,
    platform: Option<Vec<String>>,
}

impl PacingTable {
    /// `defaults`, with the lists this table gives.
    pub fn over(table: Option<&Self>, defaults: Pacing) -> Result<Pacing, String> {
        match table {
            None => Ok(defaults),
            Some(table) => defaults
                .with(
                    table.room.as_deref(),
                    table.direct.as_deref(),
                    table.platform.as_deref(),
                )
                .map_err(|message| format!("pacing: {message}")),
        }
    }
}

/// A bot's token, from the environment, never from the config file. Its `Debug` never
/// shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct Token(String);

impl Token {
    /// The environment variable `variable`, if it is set and not blank.
    pub fn from_env(variable: &str) -> Option<Self> {
        std::env::var(variable)
            .ok()
            .and_then(|token| Self::new(&token))
    }

    /// `token`, unless it is blank.
    pub fn new(token: &str) -> Option<Self> {
        let token = token.trim();
        (!token.is_empty()).then(|| Self(token.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    /// `text` with the token taken out: an error can hold the request's URL, and a URL
    /// can hold the token (Telegram's do).
    pub fn scrub(&self, text: &str) -> String {
        text.replace(&self.0, "<token>")
    }
}

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Token(<hidden>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_never_shows() {
        let token = Token::new(" 123:secret \n").expect("a token");
        assert_eq!(token.expose(), "123:secret");
        assert_eq!(format!("{token:?}"), "Token(<hidden>)");
        assert_eq!(
            token.scrub("error for url (https://api.telegram.org/bot123:secret/getMe)"),
            "error for url (https://api.telegram.org/bot<token>/getMe)"
        );
        assert_eq!(Token::new("  "), None);
    }
}
