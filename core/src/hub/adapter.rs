//! What adapters keep through the hub: the keys their buttons carry, their own position
//! on their platform (see `store::adapter`), and which events' replies were delivered.

use chrono::{DateTime, Utc};

use super::{Hub, HubError};
use crate::incoming::Incoming;
use crate::model::Platform;

impl Hub {
    /// The short key a button for `command` carries on `platform` (see
    /// [`Store::offer_choice`]).
    pub async fn offer_choice(
        &self,
        platform: Platform,
        command: &str,
        now: DateTime<Utc>,
    ) -> Result<String, HubError> {
        Ok(self
            .store
            .offer_choice(self.community_id, platform, command, now)
            .await?)
    }

    /// The command a button's key stands for on `platform`.
    pub async fn offered_choice(
        &self,
        platform: Platform,
        key: &str,
    ) -> Result<Option<String>, HubError> {
        Ok(self
            .store
            .offered_choice(self.community_id, platform, key)
            .await?)
    }

    /// What the adapter of `platform` stored under `name` (its position, say).
    pub async fn adapter_value(
        &self,
        platform: Platform,
        name: &str,
    ) -> Result<Option<String>, HubError> {
        Ok(self
            .store
            .adapter_value(self.community_id, platform, name)
            .await?)
    }

    /// Stores `value` under `name` for the adapter of `platform`.
    pub async fn set_adapter_value(
        &self,
        platform: Platform,
        name: &str,
        value: &str,
    ) -> Result<(), HubError> {
        Ok(self
            .store
            .set_adapter_value(self.community_id, platform, name, value)
            .await?)
    }

    /// Stores `value` under `name` for the adapter of `platform`, worth keeping only
    /// until `until`: the tick forgets it after.
    pub async fn set_adapter_value_until(
        &self,
        platform: Platform,
        name: &str,
        value: &str,
        until: DateTime<Utc>,
    ) -> Result<(), HubError> {
        Ok(self
            .store
            .set_adapter_value_until(self.community_id, platform, name, value, until)
            .await?)
    }

    /// The replies to `incoming` reached its place: a replay of it (a crash before the
    /// adapter saved its position) gives them no more.
    pub async fn replies_delivered(&self, incoming: &Incoming) -> Result<(), HubError> {
        let Some(event) = &incoming.id else {
            return Ok(());
        };
        Ok(self
            .store
            .replies_delivered(self.community_id, incoming.platform, event)
            .await?)
    }

    /// The hub broke on `incoming` (see [`HubError::Bug`]): it is recorded as handled,
    /// with no replies, so that a replay (an adapter restarted, a platform sending it
    /// again) skips it instead of breaking on it again and holding up every event after.
    pub async fn set_aside(&self, incoming: &Incoming, now: DateTime<Utc>) -> Result<(), HubError> {
        let Some(event) = &incoming.id else {
            return Ok(());
        };
        self.store
            .mark_handled(self.community_id, incoming.platform, event, now)
            .await?;
        Ok(())
    }
}
