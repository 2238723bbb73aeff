//! The hub's jobs, named once: the one place that lists them all.
//!
//! Everything else is inside each job's folder: [`crate::account`] (a member's own
//! settings and data), [`crate::events`], [`crate::faq`] and [`crate::onboarding`].

use crate::i18n::{self, Texts};
use crate::{account, events, faq, onboarding};

/// Every message catalog part, the shared one first.
pub(crate) const TEXTS: [Texts; 5] = [
    i18n::SHARED,
    account::TEXTS,
    events::TEXTS,
    faq::TEXTS,
    onboarding::TEXTS,
];
