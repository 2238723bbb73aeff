//! The `[http]` section of the config file: where the web server listens, the address
//! people reach it at (for links), and which community its pages are about.
//!
//! ```toml
//! [http]
//! listen = "127.0.0.1:8080"
//! public_url = "https://paris.example.org"   # optional: links in chat replies and feeds
//! community = "paris"                        # when the config has several
//!
//! [http.join]                                 # optional: where the home page invites people
//! telegram = "https://t.me/parisnewcomers"
//! discord = "https://discord.gg/abcdef"
//! matrix = "https://matrix.to/#/#paris:example.org"
//! ```

use std::net::SocketAddr;

use passerelle_runtime::section::SectionError;
use serde::Deserialize;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub listen: SocketAddr,
    /// Without a trailing slash.
    pub public_url: Option<String>,
    pub community: Option<String>,
    /// Where to join the community, by platform name, in the config's order.
    pub join: Vec<(String, String)>,
    /// The Discord server the community is on, for links to its messages: given by
    /// `passerelle run` from `[discord]`, not written in `[http]`.
    pub discord_guild: Option<u64>,
}

#[derive(Deserialize)]
struct RawFile {
    http: Option<RawSettings>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSettings {
    listen: Option<String>,
    public_url: Option<String>,
    community: Option<String>,
    #[serde(default)]
    join: toml::Table,
}

impl Settings {
    /// The `[http]` section of the config `text`, if it has one.
    pub fn from_config(text: &str) -> Result<Option<Self>, SectionError> {
        let file: RawFile = toml::from_str(text).map_err(|e| SectionError::from_toml(text, &e))?;
        let Some(raw) = file.http else {
            return Ok(None);
        };
        let listen = raw.listen.as_deref().unwrap_or("127.0.0.1:8080");
        let listen = listen.parse().map_err(|_| {
            SectionError::in_section(
                "http",
                format!("listen is an address and a port, like 127.0.0.1:8080 (not `{listen}`)"),
            )
        })?;
        let public_url = match raw.public_url {
            Some(url) if url.starts_with("http://") || url.starts_with("https://") => {
                Some(url.trim_end_matches('/').to_owned())
            }
            Some(url) => {
                return Err(SectionError::in_section(
                    "http",
                    format!(
                        "public_url is where people reach the pages, like https://paris.example.org (not `{url}`)"
                    ),
                ));
            }
            None => None,
        };
        let mut join = Vec::new();
        for (platform, link) in raw.join {
            let link = link.as_str().filter(|link| link.starts_with("https://"));
            let Some(link) = link else {
                return Err(SectionError::in_section(
                    "http.join",
                    format!("{platform} is an https:// link to join the community there"),
                ));
            };
            join.push((platform, link.to_owned()));
        }
        Ok(Some(Settings {
            listen,
            public_url,
            community: raw.community,
            join,
            discord_guild: None,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_section_is_read_with_its_defaults() {
        assert_eq!(Settings::from_config("[other]\n"), Ok(None));
        let read = Settings::from_config("[http]\npublic_url = \"https://x.org/\"\n");
        assert_eq!(
            read,
            Ok(Some(Settings {
                listen: "127.0.0.1:8080".parse().unwrap(),
                public_url: Some("https://x.org".into()),
                community: None,
                join: Vec::new(),
                discord_guild: None,
            }))
        );
    }

    #[test]
    fn a_bad_address_says_what_it_should_look_like() {
        let error = Settings::from_config("[http]\nlisten = \"8080\"\n").unwrap_err();
        assert!(error.to_string().contains("127.0.0.1:8080"), "{error}");
        let error = Settings::from_config("[http]\npublic_url = \"x.org\"\n").unwrap_err();
        assert!(error.to_string().contains("https://"), "{error}");
        let join = Settings::from_config("[http.join]\ntelegram = \"https://t.me/x\"\n").unwrap();
        assert_eq!(
            join.unwrap().join,
            [("telegram".into(), "https://t.me/x".into())]
        );
        let error = Settings::from_config("[http.join]\ntelegram = \"@x\"\n").unwrap_err();
        assert!(error.to_string().contains("https:// link"), "{error}");
    }
}
