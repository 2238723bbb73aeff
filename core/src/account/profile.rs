//! `/profile` in full, `/profile set`, `/profile visibility`, and another member's
//! visible profile.

use super::ProfileCommand;
use crate::i18n::{format_date, t, t_with};
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
