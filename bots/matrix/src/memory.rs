//! What the adapter itself must remember across restarts, kept in matrix-sdk's encrypted
//! store next to the room state: where its last sync ended, the choices it offered, and
//! the DM room of each member. (Which events were handled is the hub's to know: it
//! records them with their effects.)

use matrix_sdk::Client;
use matrix_sdk::ruma::{EventId, OwnedRoomId, RoomId, UserId};
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
    client: Client,
}

type Result<T> = std::result::Result<T, matrix_sdk::StoreError>;

impl Memory {
    pub fn new(client: Client) -> Self {
        Self { client }
    }

    async fn get<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>> {
        let raw = self
            .client
            .state_store()
            .get_custom_value(key.as_bytes())
            .await?;
        Ok(raw.and_then(|bytes| match serde_json::from_slice(&bytes) {
            Ok(value) => Some(value),
            Err(error) => {
                tracing::warn!(key, %error, "unreadable adapter state, ignored");
                None
            }
        }))
    }

    async fn set<T: Serialize>(&self, key: &str, value: &T) -> Result<()> {
        let bytes = serde_json::to_vec(value).map_err(matrix_sdk::StoreError::Json)?;
        self.client
            .state_store()
            .set_custom_value_no_read(key.as_bytes(), bytes)
            .await
    }

    /// The sync token after the last batch the adapter handled completely; `None` before
    /// its first sync.
    pub async fn since(&self) -> Result<Option<String>> {
        self.get("passerelle.since").await
    }

    pub async fn set_since(&self, token: &str) -> Result<()> {
        self.set("passerelle.since", &token).await
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
        self.set(&choices_key(room, member), offered).await?;
        self.set(&format!("passerelle.reactions.{event}"), &offered.commands)
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
        self.get(&format!("passerelle.reactions.{event}")).await
    }

    /// The DM room the adapter opened with `member`, if any.
    pub async fn direct_room(&self, member: &UserId) -> Result<Option<OwnedRoomId>> {
        self.get(&format!("passerelle.dm.{member}")).await
    }

    pub async fn set_direct_room(&self, member: &UserId, room: &RoomId) -> Result<()> {
        self.set(&format!("passerelle.dm.{member}"), &room).await
    }
}

fn choices_key(room: &RoomId, member: Option<&UserId>) -> String {
    match member {
        Some(member) => format!("passerelle.choices.{room}.{member}"),
        None => format!("passerelle.choices.{room}.*"),
    }
}
