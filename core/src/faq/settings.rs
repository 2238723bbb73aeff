//! How a community runs its FAQ (`[community.faq]` in the config): a leaf the
//! community's model holds.

use super::topics::Topics;

/// How a community runs its FAQ (`[community.faq]` in the config).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FaqSettings {
    /// After this many months without a review, an entry shows a "may be out of date" note.
    pub stale_after_months: u32,
    /// Offer a matching entry when a message in the main room looks like a question.
    pub suggest: bool,
    /// The default topics and the community's own.
    pub topics: Topics,
}

impl Default for FaqSettings {
    fn default() -> Self {
        Self {
            stale_after_months: 12,
            suggest: false,
            topics: Topics::default(),
        }
    }
}
