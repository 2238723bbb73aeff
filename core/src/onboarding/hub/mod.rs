//! Newcomers: the questionnaire in private (persisted at every step), `/onboard`, the
//! rules gate with `/accept`, and the routing rules applied when the answers are in;
//! their coming in (joining, asking to join) is `entry`.

mod entry;
mod meet;
mod relay;
pub(crate) mod text;
pub(crate) mod welcome;

use chrono::{DateTime, Utc};

use crate::i18n::{t, t_with};
use crate::incoming::{Incoming, Place};
use crate::lang::Lang;
use crate::model::{Member, RoomPurpose};
use crate::onboarding::OnboardCommand;
use crate::onboarding::answer::{self, Answer, Move};
use crate::onboarding::{Progress, Route, Step};
use crate::outbox::NewOutgoing;
use crate::reply::{Choice, Message, Reply};

use crate::hub::{Context, Hub, HubError, direct_to};
use text::{hint, profile_lines, question};

/// How many cities the city question offers.
const CITY_CHOICES: u32 = 5;

impl Hub {
    /// A message to the welcome-team rooms about `member`, with a claim choice.
    pub(crate) fn team_post(
        &self,
        member: &Member,
        text: String,
        now: DateTime<Utc>,
    ) -> Vec<NewOutgoing> {
        let lang = self.community.language;
        let claim = member.identities.first().map(|identity| {
            Choice::new(
                t(lang, "welcome-choice-claim"),
                format!("/welcome claim {}", identity.user_id),
            )
        });
        let message = Message::text(text).with_choices(claim.into_iter().collect());
        self.to_rooms(RoomPurpose::WelcomeTeam, &message, now)
            .map(|mut outgoing| {
                outgoing.about = Some(member.id);
                outgoing
            })
            .collect()
    }

    /// The question `progress` waits on, for `member`.
    async fn question_for(
        &self,
        member: &Member,
        lang: Lang,
        progress: &Progress,
        now: DateTime<Utc>,
    ) -> Result<Message, HubError> {
        let profile = self.store.profile(member.id).await?;
        let cities = match (&progress.step, &profile.country) {
            (Some(Step::City), Some(country)) => {
                self.store
                    .cities_in(self.community_id, country, CITY_CHOICES)
                    .await?
            }
            _ => Vec::new(),
        };
        let today = now.with_timezone(&self.community.time_zone).date_naive();
        Ok(question(
            lang,
            &self.community.onboarding,
            progress,
            &profile,
            &cities,
            today,
        ))
    }

    /// A message in private from `member` while the questionnaire waits for an answer,
    /// if it does.
    pub(crate) async fn questionnaire_message(
        &self,
        incoming: &Incoming,
        member: &Member,
        text: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<Vec<Reply>>, HubError> {
        let Some(step) = self
            .store
            .onboarding(member.id)
            .await?
            .and_then(|onboarding| onboarding.progress.step)
        else {
            return Ok(None);
        };
        let command = match Move::read(text) {
            Some(Move::Skip) => OnboardCommand::Skip,
            Some(Move::Back) => OnboardCommand::Back,
            None => OnboardCommand::Answer {
                step,
                value: text.to_owned(),
            },
        };
        let ctx = self.context(incoming, member.clone(), now);
        Ok(Some(self.onboard(&ctx, command).await?))
    }

    /// `/onboard …`
    /// An onboarding or welcome-team command.
    pub(crate) async fn onboarding_command(
        &self,
        ctx: &Context<'_>,
        command: crate::onboarding::Command,
    ) -> Result<Vec<Reply>, HubError> {
        use crate::onboarding::Command;
        match command {
            Command::Onboard(command) => self.onboard(ctx, command).await,
            Command::Accept => self.accept(ctx).await,
            Command::Welcome(command) => self.welcome_command(ctx, command).await,
            Command::Meet(command) => self.meet(ctx, command).await,
        }
    }

    pub(crate) async fn onboard(
        &self,
        ctx: &Context<'_>,
        command: OnboardCommand,
    ) -> Result<Vec<Reply>, HubError> {
        let settings = &self.community.onboarding;
        let steps = settings.asked();
        let member = &ctx.member;
        let stored = self.store.onboarding(member.id).await?;
        let progress = stored.as_ref().map(|o| o.progress.clone());
        let mut lang = ctx.lang;
        let (next, mut said): (Progress, Vec<String>) = match (command, progress) {
            (OnboardCommand::Restart, _) | (OnboardCommand::Resume, None) => {
                let start = Progress::start(&steps);
                self.store
                    .start_onboarding(member.id, &start, settings.rules.is_some(), ctx.now)
                    .await?;
                (start, Vec::new())
            }
            (OnboardCommand::Resume, Some(progress)) if progress.is_finished() => {
                let start = Progress::start(&steps);
                self.store
                    .start_onboarding(member.id, &start, false, ctx.now)
                    .await?;
                (start, vec![t(lang, "onboarding-again")])
            }
            (OnboardCommand::Resume, Some(progress)) => {
                (progress, vec![t(lang, "onboarding-resume")])
            }
            (OnboardCommand::Skip | OnboardCommand::Back, None) => {
                return Ok(vec![Reply::here(
                    Message::text(t(lang, "onboarding-not-started")).with_choices(vec![
                        Choice::new(t(lang, "onboarding-choice-start"), "/onboard"),
                    ]),
                )]);
            }
            (OnboardCommand::Skip, Some(progress)) => match progress.step {
                Some(step) => (progress.after(&steps, step), Vec::new()),
                None => return Ok(self.finished_already(lang)),
            },
            (OnboardCommand::Back, Some(progress)) => match progress.back() {
                Some(previous) => (previous, Vec::new()),
                None => (progress, vec![t(lang, "onboarding-first-question")]),
            },
            (OnboardCommand::Answer { step, value }, progress) => {
                let progress = match progress {
                    Some(progress) => progress,
                    None => {
                        let start = Progress::start(&steps);
                        self.store
                            .start_onboarding(member.id, &start, settings.rules.is_some(), ctx.now)
                            .await?;
                        start
                    }
                };
                match self.answer(ctx, &progress, step, &value).await? {
                    Ok((next, answered_lang)) => {
                        lang = answered_lang.unwrap_or(lang);
                        (next, Vec::new())
                    }
                    Err(hint_text) => (progress.clone(), vec![hint_text]),
                }
            }
        };
        let was_finished = stored.as_ref().is_some_and(|o| o.progress.is_finished());
        self.store.save_progress(member.id, &next, ctx.now).await?;
        if next.is_finished() {
            if was_finished {
                return Ok(self.finished_already(lang));
            }
            return self.finish(ctx, lang).await;
        }
        let mut question = self.question_for(member, lang, &next, ctx.now).await?;
        // What there is to say about the last answer leads the next question.
        said.push(question.text);
        question.text = said.join("\n");
        self.in_private(ctx, vec![Reply::here(question)]).await
    }

    fn finished_already(&self, lang: Lang) -> Vec<Reply> {
        vec![Reply::here(Message::text(t(
            lang,
            "onboarding-finished-already",
        )))]
    }

    /// Questionnaire replies asked for in a room go to the member's DM, which lasts; to
    /// the asker alone in the room when the platform cannot reach them in private and
    /// can whisper there (the Start button of a Discord member whose DMs are closed).
    async fn in_private(
        &self,
        ctx: &Context<'_>,
        replies: Vec<Reply>,
    ) -> Result<Vec<Reply>, HubError> {
        if ctx.incoming.place == Place::Direct {
            return Ok(replies);
        }
        let refused = self.store.private_refused(ctx.member.id).await?;
        if ctx.whispers() && refused.contains(&ctx.incoming.platform) {
            return Ok(replies
                .into_iter()
                .map(|reply| Reply::here(reply.message.for_asker_only()))
                .collect());
        }
        Ok(
            std::iter::once(Reply::here(Message::text(t(ctx.lang, "onboarding-sent"))))
                .chain(
                    replies
                        .into_iter()
                        .map(|reply| Reply::to_member(ctx.member.id, reply.message)),
                )
                .collect(),
        )
    }

    /// Reads and saves an answer to `step`: the progress after it (and the language
    /// chosen, if that was the question), or the hint to show.
    async fn answer(
        &self,
        ctx: &Context<'_>,
        progress: &Progress,
        step: Step,
        value: &str,
    ) -> Result<Result<(Progress, Option<Lang>), String>, HubError> {
        let settings = &self.community.onboarding;
        let steps = settings.asked();
        let mut profile = self.store.profile(ctx.member.id).await?;
        // Interests are picked one choice at a time (`+key`) until `done`.
        if step == Step::Interests {
            let value = value.trim();
            if matches!(
                crate::text::fold(value).as_str(),
                "done" | "fini" | "ok" | "termine"
            ) {
                return Ok(Ok((progress.after(&steps, step), None)));
            }
            if let Some(key) = value.strip_prefix('+') {
                if settings.interest(key).is_some() {
                    if let Some(at) = profile.interests.iter().position(|k| k == key) {
                        profile.interests.remove(at);
                    } else {
                        profile.interests.push(key.to_owned());
                    }
                    self.store
                        .save_profile(ctx.member.id, &profile, ctx.now)
                        .await?;
                }
                let stay = Progress {
                    step: Some(step),
                    path: progress.path.clone(),
                };
                return Ok(Ok((stay, None)));
            }
        }
        let today = ctx
            .now
            .with_timezone(&self.community.time_zone)
            .date_naive();
        let answer = match answer::read(step, value, settings, today) {
            Ok(answer) => answer,
            Err(why) => return Ok(Err(hint(ctx.lang, settings, &why))),
        };
        let mut chosen = None;
        if let Answer::Language(lang) = answer {
            self.store.set_language(ctx.member.id, Some(lang)).await?;
            chosen = Some(lang);
        }
        answer.fill(step, &mut profile);
        if step != Step::Language {
            self.store
                .save_profile(ctx.member.id, &profile, ctx.now)
                .await?;
        }
        Ok(Ok((progress.after(&steps, step), chosen)))
    }

    /// The questionnaire is done: a summary, the routing rules' rooms and roles, the
    /// rules if still to accept, and the case for the welcome team.
    async fn finish(&self, ctx: &Context<'_>, lang: Lang) -> Result<Vec<Reply>, HubError> {
        let settings = &self.community.onboarding;
        let member = self.store.member(ctx.member.id).await?;
        let profile = self.store.profile(member.id).await?;
        let routes = profile.routes(settings);
        let mut lines = vec![t(lang, "onboarding-done")];
        lines.extend(profile_lines(
            lang,
            settings,
            &profile,
            &crate::onboarding::Field::ALL,
        ));
        lines.extend(route_lines(lang, &routes));
        let onboarding = self.store.onboarding(member.id).await?;
        let mut choices = Vec::new();
        if onboarding.as_ref().is_some_and(|o| o.rules_pending()) {
            lines.push(t(lang, "onboarding-rules-still"));
            choices.push(Choice::new(t(lang, "onboarding-choice-accept"), "/accept"));
        }
        lines.push(t(lang, "onboarding-after"));
        let mut queued = self.grants(&member, &routes, ctx.now);
        if let Some(case) = self.store.case_of(member.id).await?
            && case.done_at.is_none()
        {
            let card = self.case_card(&member, &profile).await?;
            queued.extend(self.team_post(&member, card, ctx.now));
        }
        self.store
            .enqueue(self.community_id, &queued, ctx.now)
            .await?;
        let summary = Message::text(lines.join("\n")).with_choices(choices);
        self.in_private(ctx, vec![Reply::here(summary)]).await
    }

    /// A role grant per route with a role, on every platform the member is on.
    pub(crate) fn grants(
        &self,
        member: &Member,
        routes: &[&Route],
        now: DateTime<Utc>,
    ) -> Vec<NewOutgoing> {
        routes
            .iter()
            .filter_map(|route| route.role.as_deref())
            .flat_map(|role| {
                member.identities.iter().map(move |identity| {
                    NewOutgoing::grant(identity.platform, &identity.user_id, member.id, role, now)
                })
            })
            .collect()
    }

    /// `/accept`: the rules gate.
    pub(crate) async fn accept(&self, ctx: &Context<'_>) -> Result<Vec<Reply>, HubError> {
        let lang = ctx.lang;
        let Some(rules) = &self.community.onboarding.rules else {
            return Ok(vec![Reply::here(Message::text(t(lang, "rules-none")))]);
        };
        if self.store.onboarding(ctx.member.id).await?.is_none() {
            let finished = Progress::default();
            self.store
                .start_onboarding(ctx.member.id, &finished, true, ctx.now)
                .await?;
        }
        let grants: Vec<NewOutgoing> = rules
            .member_role
            .iter()
            .flat_map(|role| {
                ctx.member.identities.iter().map(move |identity| {
                    NewOutgoing::grant(
                        identity.platform,
                        &identity.user_id,
                        ctx.member.id,
                        role,
                        ctx.now,
                    )
                })
            })
            .collect();
        let accepted = self
            .store
            .accept_rules(ctx.member.id, &grants, self.community_id, ctx.now)
            .await?;
        if accepted {
            // A request to join waited for this.
            let admitted = self.admissions(&ctx.member, ctx.now).await?;
            self.store
                .enqueue(self.community_id, &admitted, ctx.now)
                .await?;
        }
        let id = if accepted {
            "rules-accepted"
        } else {
            "rules-accepted-already"
        };
        Ok(vec![Reply::here(Message::text(t(lang, id)))])
    }

    /// With a rules gate, a newcomer who has not accepted the rules gets this instead
    /// of taking part (events, answers, matching).
    pub(crate) async fn rules_first(
        &self,
        ctx: &Context<'_>,
    ) -> Result<Option<Vec<Reply>>, HubError> {
        if self.community.onboarding.rules.is_none() {
            return Ok(None);
        }
        let pending = self
            .store
            .onboarding(ctx.member.id)
            .await?
            .is_some_and(|onboarding| onboarding.rules_pending());
        Ok(pending.then(|| {
            vec![Reply::here(
                Message::text(t(ctx.lang, "rules-first")).with_choices(vec![Choice::new(
                    t(ctx.lang, "onboarding-choice-accept"),
                    "/accept",
                )]),
            )]
        }))
    }
}

impl Hub {
    /// Reminds, once, each newcomer who has not accepted the rules after the delay.
    pub(crate) async fn send_rules_reminders(&self, now: DateTime<Utc>) -> Result<usize, HubError> {
        let Some(rules) = &self.community.onboarding.rules else {
            return Ok(0);
        };
        let mut sent = 0;
        for id in self
            .store
            .rules_reminders_due(self.community_id, now - rules.remind_after)
            .await?
        {
            let member = self.store.member(id).await?;
            let (lang, _) = self.voice(&member);
            let text = t_with(
                lang,
                "rules-reminder",
                &[("rules", rules.text_in(lang).into())],
            );
            let message = Message::text(text).with_choices(vec![Choice::new(
                t(lang, "onboarding-choice-accept"),
                "/accept",
            )]);
            let queued: Vec<NewOutgoing> =
                direct_to(&member, None, message, now).into_iter().collect();
            if self
                .store
                .send_rules_reminder(self.community_id, id, &queued, now)
                .await?
            {
                sent += 1;
            }
        }
        Ok(sent)
    }
}

/// "Join #montreal" and "You now have the role brasil", one line per route.
pub(crate) fn route_lines(lang: Lang, routes: &[&Route]) -> Vec<String> {
    let mut lines = Vec::new();
    for route in routes {
        if let Some(room) = &route.room {
            lines.push(t_with(
                lang,
                "onboarding-route-room",
                &[("room", room.as_str().into())],
            ));
        }
        if let Some(role) = &route.role {
            lines.push(t_with(
                lang,
                "onboarding-route-role",
                &[("role", role.as_str().into())],
            ));
        }
    }
    lines
}
