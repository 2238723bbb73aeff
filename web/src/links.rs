//! Links to a message on its platform, for a page that points to where an event was
//! announced: a Matrix event through matrix.to, a Telegram supergroup message through
//! t.me, a Discord message through discord.com (when the server's ID is known).

use passerelle_core::model::Platform;
use passerelle_core::store::Posted;

/// The address of `posted`, if its platform gives messages one.
pub fn message_link(posted: &Posted, discord_guild: Option<u64>) -> Option<String> {
    match posted.platform {
        Platform::Matrix => Some(format!(
            "https://matrix.to/#/{}/{}",
            posted.room, posted.message_id
        )),
        Platform::Telegram => {
            // Only supergroups' messages have public addresses: `-100` then the chat's ID.
            let (chat, topic) = match posted.room.split_once('/') {
                Some((chat, topic)) => (chat, Some(topic)),
                None => (posted.room.as_str(), None),
            };
            let chat = chat.strip_prefix("-100")?;
            Some(match topic {
                Some(topic) => format!("https://t.me/c/{chat}/{topic}/{}", posted.message_id),
                None => format!("https://t.me/c/{chat}/{}", posted.message_id),
            })
        }
        Platform::Discord => discord_guild.map(|guild| {
            format!(
                "https://discord.com/channels/{guild}/{}/{}",
                posted.room, posted.message_id
            )
        }),
        Platform::Console => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn posted(platform: Platform, room: &str, message_id: &str) -> Posted {
        Posted {
            platform,
            room: room.into(),
            message_id: message_id.into(),
        }
    }

    #[test]
    fn each_platform_writes_its_own_address() {
        let matrix = posted(Platform::Matrix, "!abc:example.org", "$ev1");
        assert_eq!(
            message_link(&matrix, None).as_deref(),
            Some("https://matrix.to/#/!abc:example.org/$ev1")
        );
        let group = posted(Platform::Telegram, "-1001234", "56");
        assert_eq!(
            message_link(&group, None).as_deref(),
            Some("https://t.me/c/1234/56")
        );
        let topic = posted(Platform::Telegram, "-1001234/7", "56");
        assert_eq!(
            message_link(&topic, None).as_deref(),
            Some("https://t.me/c/1234/7/56")
        );
        assert_eq!(
            message_link(&posted(Platform::Telegram, "-42", "5"), None),
            None
        );
        let discord = posted(Platform::Discord, "920", "930");
        assert_eq!(message_link(&discord, None), None);
        assert_eq!(
            message_link(&discord, Some(910)).as_deref(),
            Some("https://discord.com/channels/910/920/930")
        );
    }
}
