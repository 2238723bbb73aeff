//! Autocomplete for an event argument: upcoming events by number and title.

use chrono::{DateTime, Utc};

use crate::hub::complete::suits;
use crate::hub::{Hub, HubError, MAX_SUGGESTIONS, Suggestion};
use crate::lang::Lang;

impl Hub {
    /// Upcoming events whose number or title starts like `typed` (`12`, `#12`, `pic`).
    pub(crate) async fn complete_event(
        &self,
        _lang: Lang,
        typed: &str,
        now: DateTime<Utc>,
    ) -> Result<Vec<Suggestion>, HubError> {
        /// How many upcoming events are looked through.
        const LOOKED_AT: u32 = 200;
        let typed = typed.trim().trim_start_matches('#');
        let events = self
            .store
            .upcoming_events(self.community_id, now, LOOKED_AT)
            .await?;
        Ok(events
            .iter()
            .filter(|event| {
                event.id.0.to_string().starts_with(typed) || suits(&event.details.title, typed)
            })
            .take(MAX_SUGGESTIONS)
            .map(|event| {
                Suggestion::new(
                    format!("#{} {}", event.id.0, event.details.title),
                    event.id.0.to_string(),
                )
            })
            .collect())
    }
}
