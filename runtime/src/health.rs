//! What each part of a process says of itself, for a readiness check: an adapter is
//! ready once connected, and not while it is down and being started again.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, PoisonError};

/// The parts of a process and whether each is up; cheap to clone, shared by all.
#[derive(Debug, Clone, Default)]
pub struct Health {
    parts: Arc<Mutex<BTreeMap<String, bool>>>,
}

impl Health {
    /// Records that `part` is up (or down).
    pub fn set(&self, part: &str, up: bool) {
        self.parts
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(part.to_owned(), up);
    }

    /// Every part and whether it is up, by name.
    pub fn parts(&self) -> Vec<(String, bool)> {
        self.parts
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .iter()
            .map(|(name, up)| (name.clone(), *up))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_part_is_as_it_last_said() {
        let health = Health::default();
        let shared = health.clone();
        shared.set("Matrix", false);
        shared.set("Discord", true);
        shared.set("Matrix", true);
        assert_eq!(
            health.parts(),
            [("Discord".to_owned(), true), ("Matrix".to_owned(), true)]
        );
    }
}
