//! What the adapter itself must remember across restarts, and share with the other
//! instances of the bot on the same database: where the last handled sync ended, the
//! choices it offered, and the DM room of each member. Kept in the hub's adapter state
//! (`adapter_state`), so whichever process takes over the sync goes on from there.
//! (Which events were handled is the hub's to know: it records them with their effects.)
//!
//! Earlier versions kept the same values in matrix-sdk's store of the process; one found
//! only there is read from there once and copied over.

use matrix_sdk::Client;
use matrix_sdk::ruma::{EventId, OwnedRoomId, RoomId, UserId};
use passerelle_core::Hub;
use passerelle_core::model::Platform;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// Choices offered in a room, to whom, and when (milliseconds since the epoch).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Offered {
    pub commands: Vec<String>,
    pub at: i64,
}

#[derive(Debug, Clone)]
pub struct Memory {
    hub: Hub,
    /// The process's own matrix-sdk store, where earlier versions kept these values.
    client: Client,
}

type Result<T> = std::result::Result<T, matrix_sdk::Error>;

/// How long the choices under a message still answer a reaction or a number: one a
/// member could meet scrolling back, not one per message ever sent.
const CHOICES_KEPT: chrono::TimeDelta = chrono::TimeDelta::days(90);

fn failed(error: impl std::error::Error + Send + Sync + 'static) -> matrix_sdk::Error {
    matrix_sdk::Error::UnknownError(Box::new(error))
}

impl Memory {
    pub fn new(hub: Hub, client: Client) -> Self {
        Self { hub, client }
    }

    async fn get<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>> {
        let raw = match self.hub.adapter_value(Platform::Matrix, key).await {
            Ok(Some(text)) => text.into_bytes(),
            Ok(None) => match self.earlier(key).await? {
                Some(bytes) => bytes,
                None => return Ok(None),
            },
            Err(error) => return Err(failed(error)),
        };
        Ok(match serde_json::from_slice(&raw) {
            Ok(value) => Some(value),
            Err(error) => {
                tracing::warn!(key, %error, "unreadable adapter state, ignored");
                None
            }
        })
    }

    /// What an earlier version kept under `key` in the sdk's store, moved to the
    /// database so that it is read there from now on (choices with the time they are
    /// kept, as if offered now), and taken out of the sdk's store, so that it cannot come
    /// back once the hub has forgotten it.
    async fn earlier(&self, key: &str) -> Result<Option<Vec<u8>>> {
        let old_key = format!("passerelle.{key}");
        let store = self.client.state_store();
        let Some(bytes) = store.get_custom_value(old_key.as_bytes()).await? else {
            return Ok(None);
        };
        if let Ok(text) = std::str::from_utf8(&bytes) {
            let copied = match is_choice(key) {
                true => {
                    let until = passerelle_runtime::now() + CHOICES_KEPT;
                    self.hub
                        .set_adapter_value_until(Platform::Matrix, key, text, until)
                        .await
                }
                false => {
                    self.hub
                        .set_adapter_value(Platform::Matrix, key, text)
                        .await
                }
            };
            copied.map_err(failed)?;
            store.remove_custom_value(old_key.as_bytes()).await?;
        }
        Ok(Some(bytes))
    }

    async fn set<T: Serialize>(&self, key: &str, value: &T) -> Result<()> {
        let text = serde_json::to_string(value).map_err(failed)?;
        self.hub
            .set_adapter_value(Platform::Matrix, key, &text)
            .await
            .map_err(failed)
    }

    /// [`Memory::set`], for a value the hub forgets after [`CHOICES_KEPT`].
    async fn set_for_a_while<T: Serialize>(&self, key: &str, value: &T) -> Result<()> {
        let text = serde_json::to_string(value).map_err(failed)?;
        let until = passerelle_runtime::now() + CHOICES_KEPT;
        self.hub
            .set_adapter_value_until(Platform::Matrix, key, &text, until)
            .await
            .map_err(failed)
    }

    /// The sync token after the last batch the bot handled completely, by whichever
    /// process; `None` before its first sync.
    pub async fn since(&self) -> Result<Option<String>> {
        self.get("since").await
    }

    pub async fn set_since(&self, token: &str) -> Result<()> {
        self.set("since", &token).await
    }

    /// The device that may sync from [`Memory::since`] without losing the messages sent
    /// to it: the one whose run writes it, or one that has read its own messages since
    /// another device wrote it (see `takeover`).
    pub async fn caught_up(&self) -> Result<Option<String>> {
        self.get("since.device").await
    }

    pub async fn set_caught_up(&self, device: &str) -> Result<()> {
        self.set("since.device", &device).await
    }

    /// Remembers the choices of a message sent in `room`: for `member` (who asked, or
    /// whose DM it is), or for anyone there when `None`; and under the message's event
    /// ID, for reactions.
    pub async fn offer(
        &self,
        room: &RoomId,
        member: Option<&UserId>,
        event: &EventId,
        offered: &Offered,
    ) -> Result<()> {
        self.set_for_a_while(&choices_key(room, member), offered)
            .await?;
        self.set_for_a_while(&format!("reactions.{event}"), &offered.commands)
            .await
    }

    /// The choices `member` was last shown in `room`: theirs or everyone's, the newer.
    pub async fn last_offered(&self, room: &RoomId, member: &UserId) -> Result<Option<Offered>> {
        let own: Option<Offered> = self.get(&choices_key(room, Some(member))).await?;
        let everyone: Option<Offered> = self.get(&choices_key(room, None)).await?;
        Ok(match (own, everyone) {
            (Some(own), Some(everyone)) => Some(if everyone.at > own.at { everyone } else { own }),
            (own, everyone) => own.or(everyone),
        })
    }

    /// The choices of the message `event`, for a reaction to it.
    pub async fn offered_under(&self, event: &EventId) -> Result<Option<Vec<String>>> {
        self.get(&format!("reactions.{event}")).await
    }

    /// The DM room the bot opened with `member`, if any.
    pub async fn direct_room(&self, member: &UserId) -> Result<Option<OwnedRoomId>> {
        self.get(&format!("dm.{member}")).await
    }

    pub async fn set_direct_room(&self, member: &UserId, room: &RoomId) -> Result<()> {
        self.set(&format!("dm.{member}"), &room).await
    }
}

fn choices_key(room: &RoomId, member: Option<&UserId>) -> String {
    match member {
        Some(member) => format!("choices.{room}.{member}"),
        None => format!("choices.{room}.*"),
    }
}

/// Whether `key` holds choices, which the hub forgets after [`CHOICES_KEPT`].
fn is_choice(key: &str) -> bool {
    key.starts_with("choices.") || key.starts_with("reactions.")
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use matrix_sdk::ruma::event_id;
    use passerelle_core::Store;
    use passerelle_core::lang::Lang;
    use passerelle_core::model::Community;

    use super::*;

    async fn memory() -> (Memory, Hub, Client) {
        let community = Community {
            slug: "memory".into(),
            name: "Memory".into(),
            language: Lang::En,
            time_zone: "Europe/Paris".parse().unwrap(),
            rooms: Vec::new(),
            events: Default::default(),
            faq: Default::default(),
            onboarding: Default::default(),
            public_url: None,
        };
        let store = Store::open("sqlite::memory:").await.unwrap();
        let hub = Hub::open(store, community, passerelle_runtime::now())
            .await
            .unwrap();
        // Never contacted: only its store is used.
        let client = Client::builder()
            .homeserver_url("http://127.0.0.1:9")
            .build()
            .await
            .unwrap();
        (Memory::new(hub.clone(), client.clone()), hub, client)
    }

    async fn keep_the_old_way(client: &Client, key: &str, json: &str) {
        let key = format!("passerelle.{key}");
        client
            .state_store()
            .set_custom_value(key.as_bytes(), json.as_bytes().to_vec())
            .await
            .unwrap();
    }

    #[tokio::test]
    async fn a_value_an_earlier_version_kept_moves_to_the_database() {
        let (memory, hub, client) = memory().await;
        keep_the_old_way(&client, "since", "\"s72_1\"").await;
        assert_eq!(memory.since().await.unwrap().as_deref(), Some("s72_1"));
        assert_eq!(
            hub.adapter_value(Platform::Matrix, "since").await.unwrap(),
            Some("\"s72_1\"".to_owned())
        );
        let old = client.state_store().get_custom_value(b"passerelle.since");
        assert_eq!(old.await.unwrap(), None, "taken out of the sdk's store");
        memory.set_since("s80_2").await.unwrap();
        assert_eq!(memory.since().await.unwrap().as_deref(), Some("s80_2"));
    }

    #[tokio::test]
    async fn choices_an_earlier_version_kept_are_forgotten_like_new_ones() {
        let (memory, hub, client) = memory().await;
        let event = event_id!("$offered:example.org");
        keep_the_old_way(&client, &format!("reactions.{event}"), "[\"/rsvp 1 yes\"]").await;
        let commands = vec!["/rsvp 1 yes".to_owned()];
        assert_eq!(memory.offered_under(event).await.unwrap(), Some(commands));
        let later = passerelle_runtime::now() + CHOICES_KEPT + chrono::TimeDelta::days(1);
        hub.store().prune_adapter_values(later).await.unwrap();
        assert_eq!(memory.offered_under(event).await.unwrap(), None);
    }
}
