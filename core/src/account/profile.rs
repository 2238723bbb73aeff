//! `/profile` in full, `/profile set`, `/profile visibility`, and another member's
//! visible profile.

use super::link::MemberChoice;
use super::{ProfileCommand, Setting};
use crate::i18n::{format_date, t, t_with};
use crate::lang::Lang;
use crate::model::{Member, Platform};
use crate::onboarding::answer;
use crate::onboarding::{Field, Step};
use crate::reply::{Choice, Reply};

use crate::hub::{Context, Hub, HubError, say, say_with};
use crate::onboarding::hub::route_lines;
use crate::onboarding::hub::text::{field_name, hint, profile_lines};
use crate::onboarding::hub::welcome::display_name;

impl Hub {
    /// `/profile …`
    pub(crate) async fn profile_command(
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
        settings: Vec<(Setting, String)>,
    ) -> Result<Vec<Reply>, HubError> {
        let lang = ctx.lang;
        let mut fields = Vec::new();
        let mut choices = Vec::new();
        for (setting, value) in settings {
            match setting {
                Setting::Field(field) => fields.push((field, value)),
                Setting::Name => match read_name(lang, &value) {
                    Ok(name) => choices.push((MemberChoice::Name, name)),
                    Err(refusal) => return Ok(say(refusal)),
                },
                Setting::Dm => match read_dm(lang, &ctx.member, &value) {
                    Ok(platform) => choices.push((MemberChoice::DmPlatform, platform)),
                    Err(refusal) => return Ok(say(refusal)),
                },
            }
        }
        let mut said = Vec::new();
        for (choice, value) in &choices {
            self.store
                .set_member_choice(ctx.member.id, *choice, value.as_deref())
                .await?;
        }
        if !choices.is_empty() {
            let member = self.store.member(ctx.member.id).await?;
            for (choice, value) in &choices {
                said.push(choice_line(lang, &member, *choice, value.is_some()));
            }
        }
        if fields.is_empty() {
            return Ok(say(said.join("\n")));
        }
        let mut replies = self.profile_fields_set(ctx, fields).await?;
        if let (false, Some(first)) = (said.is_empty(), replies.first_mut()) {
            said.push(first.message.text.clone());
            first.message.text = said.join("\n");
        }
        Ok(replies)
    }

    /// The questionnaire's answers of `/profile set`.
    async fn profile_fields_set(
        &self,
        ctx: &Context<'_>,
        fields: Vec<(Field, String)>,
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
}

/// A name as `/profile set name=` takes it: `None` to go back to the first account's.
fn read_name(lang: Lang, value: &str) -> Result<Option<String>, String> {
    let name = value.trim();
    if name.is_empty() {
        return Ok(None);
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(t_with(
            lang,
            "profile-name-too-long",
            &[("max", MAX_NAME_CHARS.into())],
        ));
    }
    Ok(Some(name.to_owned()))
}

/// The platform `/profile set dm=` names, one the member has an account on; `None` to
/// go back to the one they used last.
fn read_dm(lang: Lang, member: &Member, value: &str) -> Result<Option<String>, String> {
    let value = value.trim();
    if value.is_empty() || matches!(value, "last" | "auto" | "dernier") {
        return Ok(None);
    }
    let Ok(platform) = value.parse::<Platform>() else {
        return Err(t_with(lang, "bad-platform", &[("input", value.into())]));
    };
    if member.identity_on(platform).is_none() {
        return Err(t_with(
            lang,
            "profile-dm-unknown",
            &[("platform", platform.name().into())],
        ));
    }
    Ok(Some(platform.as_str().to_owned()))
}

/// What `/profile set` says of a choice it saved.
fn choice_line(lang: Lang, member: &Member, choice: MemberChoice, set: bool) -> String {
    match (choice, set) {
        (MemberChoice::Name, true) => t_with(
            lang,
            "profile-name-set",
            &[("name", member.display_name().into())],
        ),
        (MemberChoice::Name, false) => t_with(
            lang,
            "profile-name-cleared",
            &[("name", member.display_name().into())],
        ),
        (MemberChoice::DmPlatform, true) => t_with(
            lang,
            "profile-dm-set",
            &[(
                "platform",
                member
                    .dm_platform
                    .map_or("", |platform| platform.name())
                    .into(),
            )],
        ),
        (MemberChoice::DmPlatform, false) => t(lang, "profile-dm-cleared"),
    }
}

/// The longest name a member may choose.
const MAX_NAME_CHARS: usize = 64;

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
