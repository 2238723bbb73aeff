//! A member's own data: `/profile` in full, `/profile set`, `/profile visibility`,
//! another member's visible profile, `/meet`, and `/forget`.

use crate::command::{MeetCommand, ProfileCommand};
use crate::events::Answer;
use crate::i18n::{format_date, t, t_with};
use crate::incoming::Place;
use crate::onboarding::answer;
use crate::onboarding::{Field, Profile, Step};
use crate::reply::{Choice, Message, Reply};
use crate::store::Forgotten;

use super::onboarding::route_lines;
use super::onboarding_text::{field_name, hint, profile_lines};
use super::welcome::display_name;
use super::{Context, Hub, HubError};

/// How many members `/meet` suggests.
const MEET_LIMIT: usize = 5;

impl Hub {
    /// `/profile …`
    pub(super) async fn profile_command(
        &self,
        ctx: &Context<'_>,
        command: ProfileCommand,
    ) -> Result<Vec<Reply>, HubError> {
        match command {
            ProfileCommand::Show => {
                let extra = self.profile_extra(ctx).await?;
                Ok(self.profile(ctx, extra))
            }
            ProfileCommand::Of(name) => self.profile_of(ctx, &name).await,
            ProfileCommand::Set(fields) => self.profile_set(ctx, fields).await,
            ProfileCommand::Visibility(fields) => self.visibility(ctx, fields).await,
        }
    }

    /// Everything onboarding holds about the member, for their own `/profile`.
    async fn profile_extra(&self, ctx: &Context<'_>) -> Result<Vec<String>, HubError> {
        let lang = ctx.lang;
        let settings = &self.community.onboarding;
        let profile = self.store.profile(ctx.member.id).await?;
        let mut lines = profile_lines(lang, settings, &profile, &Field::ALL);
        let visible = fields_text(lang, &profile.visible);
        lines.push(t_with(
            lang,
            "profile-visible",
            &[("fields", visible.into())],
        ));
        let meet = if profile.meet {
            "profile-meet-on"
        } else {
            "profile-meet-off"
        };
        lines.push(t(lang, meet));
        if let Some(onboarding) = self.store.onboarding(ctx.member.id).await? {
            let day = |at: chrono::DateTime<chrono::Utc>| {
                format_date(lang, at.with_timezone(&ctx.zone).date_naive())
            };
            lines.push(match (onboarding.progress.step, onboarding.finished_at) {
                (None, Some(at)) => t_with(
                    lang,
                    "profile-questionnaire-done",
                    &[("date", day(at).into())],
                ),
                (Some(step), _) => t_with(
                    lang,
                    "profile-questionnaire-at",
                    &[("step", field_step_name(lang, step).into())],
                ),
                (None, None) => t(lang, "profile-questionnaire-none"),
            });
            if let Some(at) = onboarding.rules_accepted_at {
                lines.push(t_with(
                    lang,
                    "profile-rules-accepted",
                    &[("date", day(at).into())],
                ));
            } else if onboarding.rules_pending() {
                lines.push(t(lang, "profile-rules-pending"));
            }
        }
        if let Some(case) = self.store.case_of(ctx.member.id).await? {
            let notes = self.store.notes(case.id).await?.len();
            let key = if case.done_at.is_some() {
                "profile-welcome-done"
            } else {
                "profile-welcome-open"
            };
            lines.push(t_with(lang, key, &[("notes", notes.into())]));
        }
        Ok(lines)
    }

    /// What another member lets others see.
    async fn profile_of(&self, ctx: &Context<'_>, name: &str) -> Result<Vec<Reply>, HubError> {
        let lang = ctx.lang;
        let id = match self.member_named(lang, name).await? {
            Ok(id) => id,
            Err(refusal) => return Ok(say(refusal)),
        };
        if id == ctx.member.id {
            let extra = self.profile_extra(ctx).await?;
            return Ok(self.profile(ctx, extra));
        }
        let other = self.store.member(id).await?;
        let profile = self.store.profile(id).await?;
        let lines = profile_lines(lang, &self.community.onboarding, &profile, &profile.visible);
        let shown = display_name(&other);
        if lines.is_empty() {
            return Ok(say(t_with(
                lang,
                "profile-of-nothing",
                &[("name", shown.into())],
            )));
        }
        let mut text = vec![format!("**{shown}**")];
        text.extend(lines);
        Ok(say(text.join("\n")))
    }

    /// `/profile set FIELD=VALUE…`: all read first, then saved together.
    async fn profile_set(
        &self,
        ctx: &Context<'_>,
        fields: Vec<(crate::onboarding::Field, String)>,
    ) -> Result<Vec<Reply>, HubError> {
        let lang = ctx.lang;
        let settings = &self.community.onboarding;
        let before = self.store.profile(ctx.member.id).await?;
        let mut profile = before.clone();
        let today = ctx
            .now
            .with_timezone(&self.community.time_zone)
            .date_naive();
        for (field, value) in &fields {
            if value.trim().is_empty() {
                profile.clear(*field);
                continue;
            }
            match answer::read(field.step(), value, settings, today) {
                Ok(read) => read.fill(field.step(), &mut profile),
                Err(why) => {
                    let text = format!(
                        "{} {}",
                        t_with(
                            lang,
                            "profile-set-refused",
                            &[("field", field_name(lang, *field).into())]
                        ),
                        hint(lang, settings, &why)
                    );
                    return Ok(say(text));
                }
            }
        }
        self.store
            .save_profile(ctx.member.id, &profile, ctx.now)
            .await?;
        let changed: Vec<Field> = fields.iter().map(|(field, _)| *field).collect();
        let mut lines = vec![t(lang, "profile-saved")];
        for field in changed {
            match profile_lines(lang, settings, &profile, &[field]).pop() {
                Some(line) => lines.push(line),
                None => lines.push(t_with(
                    lang,
                    "profile-cleared",
                    &[("field", field_name(lang, field).into())],
                )),
            }
        }
        // Rules newly met by the change point to their rooms and give their roles.
        let old = before.routes(settings);
        let new: Vec<_> = profile
            .routes(settings)
            .into_iter()
            .filter(|route| !old.contains(route))
            .collect();
        lines.extend(route_lines(lang, &new));
        let grants = self.grants(&ctx.member, &new, ctx.now);
        self.store
            .enqueue(self.community_id, &grants, ctx.now)
            .await?;
        Ok(say(lines.join("\n")))
    }

    async fn visibility(
        &self,
        ctx: &Context<'_>,
        fields: Option<Vec<Field>>,
    ) -> Result<Vec<Reply>, HubError> {
        let lang = ctx.lang;
        let mut profile = self.store.profile(ctx.member.id).await?;
        let text = match fields {
            None => {
                let current = fields_text(lang, &profile.visible);
                let text = t_with(
                    lang,
                    "profile-visibility-now",
                    &[("fields", current.into())],
                );
                return Ok(say_with(
                    text,
                    vec![
                        Choice::new(
                            t(lang, "profile-choice-show-all"),
                            "/profile visibility all",
                        ),
                        Choice::new(
                            t(lang, "profile-choice-show-none"),
                            "/profile visibility none",
                        ),
                    ],
                ));
            }
            Some(fields) if fields.is_empty() => {
                profile.visible.clear();
                t(lang, "profile-visibility-none")
            }
            Some(fields) => {
                let names = fields_text(lang, &fields);
                profile.visible = fields;
                t_with(lang, "profile-visibility-set", &[("fields", names.into())])
            }
        };
        self.store
            .save_profile(ctx.member.id, &profile, ctx.now)
            .await?;
        Ok(say(text))
    }

    /// `/meet`: opt in or out, or up to five opted-in members with something in common.
    pub(super) async fn meet(
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

    /// `/forget`: asks first, then deletes everything about the member, in private only.
    pub(super) async fn forget(
        &self,
        ctx: &Context<'_>,
        confirmed: bool,
    ) -> Result<Vec<Reply>, HubError> {
        let lang = ctx.lang;
        if ctx.incoming.place != Place::Direct {
            return Ok(say(t(lang, "forget-in-private")));
        }
        if !confirmed {
            return Ok(say_with(
                t_with(
                    lang,
                    "forget-confirm",
                    &[("community", self.community.name.as_str().into())],
                ),
                vec![
                    Choice::new(t(lang, "forget-choice-yes"), "/forget yes"),
                    Choice::new(t(lang, "forget-choice-no"), "/profile"),
                ],
            ));
        }
        // Places they held go to the waitlist first, as if they had said no.
        let mut replies = Vec::new();
        for (event, occurrence) in self.store.going_answers(ctx.member.id).await? {
            let Some(found) = self.store.event(self.community_id, event).await? else {
                continue;
            };
            if found
                .occurrence(occurrence)
                .is_none_or(|date| date.start <= ctx.now)
            {
                continue;
            }
            if let Some(outcome) = self
                .store
                .rsvp(event, occurrence, ctx.member.id, Answer::No, ctx.now)
                .await?
            {
                let promoted = outcome
                    .promoted
                    .into_iter()
                    .map(|member| (occurrence, member))
                    .collect();
                replies.extend(self.tell_promoted(&found, &promoted, ctx.now).await?);
                replies.extend(self.refreshed_announcement(event, ctx.now).await?);
            }
        }
        // Queued before the member goes: the promoted members' messages are not theirs.
        self.route(ctx.incoming, replies, ctx.now).await?;
        let hosted = self.store.hosted_events(ctx.member.id).await?;
        let Some(forgotten) = self
            .store
            .forget_member(self.community_id, ctx.member.id)
            .await?
        else {
            return Ok(say(t(lang, "forget-nothing")));
        };
        // The announcements of the events they hosted no longer name them.
        let mut edits = Vec::new();
        for event in hosted {
            edits.extend(self.refreshed_announcement(event, ctx.now).await?);
        }
        self.route(ctx.incoming, edits, ctx.now).await?;
        Ok(say(forgotten_text(lang, &forgotten)))
    }
}

/// "city, interests", or "nothing".
fn fields_text(lang: crate::lang::Lang, fields: &[Field]) -> String {
    if fields.is_empty() {
        return t(lang, "profile-visible-none");
    }
    let names: Vec<String> = fields.iter().map(|f| field_name(lang, *f)).collect();
    names.join(", ")
}

fn field_step_name(lang: crate::lang::Lang, step: Step) -> String {
    t(lang, &format!("field-{}", step.as_str()))
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

fn forgotten_text(lang: crate::lang::Lang, forgotten: &Forgotten) -> String {
    let counts = [
        (
            "forgot-profile",
            forgotten.profile + forgotten.questionnaire,
        ),
        ("forgot-rsvps", forgotten.rsvps),
        ("forgot-hosting", forgotten.hosting),
        ("forgot-reminders", forgotten.reminder_choices),
        ("forgot-notes", forgotten.notes_about),
        ("forgot-messages", forgotten.messages),
        ("forgot-roles", forgotten.roles),
        ("forgot-accounts", forgotten.accounts),
        ("forgot-signatures", forgotten.signatures),
    ];
    let mut lines = vec![t(lang, "forget-done")];
    for (key, count) in counts {
        if count > 0 {
            lines.push(format!(
                "• {}",
                t_with(lang, key, &[("count", count.into())])
            ));
        }
    }
    lines.push(t(lang, "forget-after"));
    lines.join("\n")
}

fn say(text: String) -> Vec<Reply> {
    vec![Reply::here(Message::text(text))]
}

fn say_with(text: String, choices: Vec<Choice>) -> Vec<Reply> {
    vec![Reply::here(Message::text(text).with_choices(choices))]
}
