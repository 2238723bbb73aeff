//! What every adapter's config section shares: a mistake with its line, and the
//! `pacing` table (rates as `20/min`, over the platform's defaults).

use passerelle_core::model::Role;
use serde::Deserialize;

use crate::pacing::Pacing;

/// The hub role a section names, or what the names are.
pub fn role(name: &str) -> Result<Role, String> {
    name.parse()
        .map_err(|_| format!("unknown role `{name}`: member, welcomer, editor, organizer or admin"))
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
