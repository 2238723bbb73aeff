//! How a community runs its events (`[community.events]` in the config): a leaf the
//! community's model holds, depending on nothing else of the job.

use chrono::TimeDelta;

/// How long before their dates reminders go, unless a community or an event says otherwise.
pub const DEFAULT_OFFSETS: [TimeDelta; 2] = [TimeDelta::hours(24), TimeDelta::hours(1)];

/// How a community runs its events (`[community.events]` in the config).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventSettings {
    /// Members, not only organizers, may create events.
    pub members_create: bool,
    /// Every member may see who answered, not only hosts and organizers.
    pub public_attendees: bool,
    /// How long before each date reminders go, longest first; events may override it.
    pub reminders: Vec<TimeDelta>,
}

impl Default for EventSettings {
    fn default() -> Self {
        Self {
            members_create: false,
            public_attendees: false,
            reminders: DEFAULT_OFFSETS.to_vec(),
        }
    }
}
