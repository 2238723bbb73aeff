//! The languages the hub speaks, and how people name them.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A language the hub has a full message catalog for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    En,
    Fr,
}

impl Lang {
    pub const ALL: [Self; 2] = [Self::En, Self::Fr];

    /// The ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Fr => "fr",
        }
    }

    /// The language's name in itself, as a speaker would look for it in a menu.
    pub fn native_name(self) -> &'static str {
        match self {
            Self::En => "English",
            Self::Fr => "Français",
        }
    }

    /// Reads a code (`fr`), a locale (`fr-CA`, `fr_FR.UTF-8`) or a name in a supported
    /// language (`French`, `français`, `francais`).
    pub fn parse(input: &str) -> Option<Self> {
        let input = input.trim().to_lowercase();
        let primary = input.split(['-', '_', '.']).next().unwrap_or_default();
        Self::ALL
            .into_iter()
            .find(|lang| lang.code() == primary || lang.names().iter().any(|name| *name == input))
    }

    fn names(self) -> &'static [&'static str] {
        match self {
            Self::En => &["english", "anglais", "eng"],
            Self::Fr => &["french", "français", "francais", "fra", "fre"],
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_locales_and_names_are_understood() {
        for input in [
            "fr",
            "FR",
            "fr-CA",
            "fr_FR.UTF-8",
            "Français",
            "francais",
            "french",
        ] {
            assert_eq!(Lang::parse(input), Some(Lang::Fr), "{input}");
        }
        for input in ["en", "en-GB", "English", "anglais"] {
            assert_eq!(Lang::parse(input), Some(Lang::En), "{input}");
        }
    }

    #[test]
    fn unsupported_languages_are_not_guessed() {
        for input in ["xx", "de", "", "-", "franc"] {
            assert_eq!(Lang::parse(input), None, "{input}");
        }
    }
}
