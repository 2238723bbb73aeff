//! `/meet`: opting in or out, and members with something in common.

use crate::i18n::t;
use crate::onboarding::MeetCommand;
use crate::onboarding::{Field, Profile};
use crate::reply::{Choice, Reply};

use crate::hub::{Context, Hub, HubError, say, say_with};
use crate::onboarding::hub::text::profile_lines;

/// How many members `/meet` suggests.
const MEET_LIMIT: usize = 5;

impl Hub {
    /// `/meet`: opt in or out, or up to five opted-in members with something in common.
    pub(crate) async fn meet(
        &self,
        ctx: &Context<'_>,
        command: MeetCommand,
    ) -> Result<Vec<Reply>, HubError> {
        let lang = ctx.lang;
        let mut profile = self.store.profile(ctx.member.id).await?;
        match command {
            MeetCommand::On | MeetCommand::Off => {
                profile.meet = command == MeetCommand::On;
                self.store
                    .save_profile(ctx.member.id, &profile, ctx.now)
                    .await?;
                let key = if profile.meet { "meet-on" } else { "meet-off" };
                return Ok(say(t(lang, key)));
            }
            MeetCommand::Suggest if !profile.meet => {
                return Ok(say_with(
                    t(lang, "meet-opt-in-first"),
                    vec![Choice::new(t(lang, "meet-choice-on"), "/meet on")],
                ));
            }
            MeetCommand::Suggest => {}
        }
        let mut scored = Vec::new();
        for (id, other) in self
            .store
            .meet_profiles(self.community_id, ctx.member.id)
            .await?
        {
            let shared = in_common(&profile, &other);
            if !shared.is_empty() {
                scored.push((shared.len(), id, other, shared));
            }
        }
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.0.cmp(&b.1.0)));
        scored.truncate(MEET_LIMIT);
        if scored.is_empty() {
            return Ok(say(t(lang, "meet-nobody")));
        }
        let mut lines = vec![t(lang, "meet-title")];
        for (_, id, other, shared) in scored {
            let member = self.store.member(id).await?;
            let what = profile_lines(
                lang,
                &self.community.onboarding,
                &common_part(&other, &profile),
                &shared,
            );
            let accounts: Vec<String> = member
                .identities
                .iter()
                .map(|identity| format!("{} ({})", identity.display_name, identity.platform.name()))
                .collect();
            lines.push(format!("• {} — {}", accounts.join(", "), what.join(" · ")));
        }
        Ok(say(lines.join("\n")))
    }
}

/// The fields `mine` and `theirs` share: same origin, country or city, common interests.
fn in_common(mine: &Profile, theirs: &Profile) -> Vec<Field> {
    let mut shared = Vec::new();
    let same = |a: &Option<String>, b: &Option<String>| {
        a.as_deref()
            .zip(b.as_deref())
            .is_some_and(|(a, b)| crate::text::fold(a) == crate::text::fold(b))
    };
    if same(&mine.origin, &theirs.origin) {
        shared.push(Field::Origin);
    }
    if same(&mine.city, &theirs.city) {
        shared.push(Field::City);
    } else if same(&mine.country, &theirs.country) {
        shared.push(Field::Country);
    }
    if mine
        .interests
        .iter()
        .any(|key| theirs.interests.contains(key))
    {
        shared.push(Field::Interests);
    }
    shared
}

/// Their profile cut down to what both have (common interests only).
fn common_part(theirs: &Profile, mine: &Profile) -> Profile {
    Profile {
        interests: theirs
            .interests
            .iter()
            .filter(|key| mine.interests.contains(key))
            .cloned()
            .collect(),
        ..theirs.clone()
    }
}
