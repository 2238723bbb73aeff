//! Importing FAQ entry files into the community and exporting its entries, for
//! `passerelle faq import` / `export` and the demo content.

use chrono::{DateTime, Utc};

use crate::faq::Author;
use crate::faq::files::{EntryFile, FileError};
use crate::faq::import::{self, Outcome};
use crate::faq::{RevisionAction, Version};

use crate::hub::{Hub, HubError};

impl Hub {
    /// Stores the entry of one file: created, updated or unchanged, keyed by the file's
    /// name so importing the same file again changes nothing. `Ok(Err(…))` is a mistake in
    /// the file, or (unless `force`) an entry changed in chat since its last import;
    /// nothing of it is stored. Languages the file leaves out are kept.
    pub async fn import_faq(
        &self,
        file: &EntryFile,
        force: bool,
        now: DateTime<Utc>,
    ) -> Result<Result<Outcome, FileError>, HubError> {
        let today = now.with_timezone(&self.community.time_zone).date_naive();
        let stored = self
            .store
            .faq_entry_by_key(self.community_id, &file.key)
            .await?;
        let topics = &self.community.faq.topics;
        let new = match import::check(file, topics, stored.as_ref().map(|(entry, _)| entry), today)
        {
            Ok(new) => new,
            Err(error) => return Ok(Err(error)),
        };
        let Some((entry, removed)) = stored else {
            self.store
                .create_faq_entry(
                    self.community_id,
                    &new,
                    &Author::default(),
                    RevisionAction::Imported,
                    now,
                )
                .await?;
            return Ok(Ok(Outcome::Created));
        };
        if !removed && import::unchanged(&entry, &new) {
            return Ok(Ok(Outcome::Unchanged));
        }
        // A file older than changes made in chat would silently undo them.
        if !force && self.store.faq_changed_since_import(entry.id).await? {
            return Ok(Err(FileError {
                line: 1,
                message: format!(
                    "entry #{} was changed in chat since this file was last imported: export it to keep those changes, or import with --force to replace them",
                    entry.id.0
                ),
            }));
        }
        let author = Author::default();
        if removed {
            self.store
                .restore_faq_entry(self.community_id, entry.id, &author, now)
                .await?;
        }
        let filed_as = crate::faq::Filing {
            country: entry.country.clone(),
            city: entry.city.clone(),
            topic: entry.topic.clone(),
        };
        if filed_as != new.filing {
            self.store
                .move_faq_entry(self.community_id, entry.id, &new.filing, &author, now)
                .await?;
        }
        let changed = new
            .versions
            .iter()
            .filter(|version| entry.version(&version.language) != Some(*version));
        for version in changed {
            self.save_imported(entry.id, version, now).await?;
        }
        Ok(Ok(Outcome::Updated))
    }

    async fn save_imported(
        &self,
        entry: crate::faq::EntryId,
        version: &Version,
        now: DateTime<Utc>,
    ) -> Result<(), HubError> {
        self.store
            .save_faq_version(
                self.community_id,
                entry,
                version,
                &Author::default(),
                RevisionAction::Imported,
                now,
            )
            .await?;
        Ok(())
    }

    /// Every live entry of the community as the file that reproduces it.
    pub async fn export_faq(&self) -> Result<Vec<EntryFile>, HubError> {
        let entries = self
            .store
            .faq_entries(self.community_id, crate::faq::FaqFilter::default())
            .await?;
        Ok(entries.iter().map(import::to_file).collect())
    }

    /// Whether the community's FAQ was ever written to (so demo content is loaded once).
    pub async fn faq_started(&self) -> Result<bool, HubError> {
        Ok(self.store.has_faq_history(self.community_id).await?)
    }
}
