//! The welcome team: `/welcome queue|claim|unclaim|note|done|stats`, the case card with
//! a suggested greeter, and the nudges when a newcomer waits or a case goes quiet.

use chrono::{DateTime, Datelike, Duration, TimeDelta, Utc};

use crate::i18n::{format_date, t, t_with};
use crate::incoming::Place;
use crate::lang::Lang;
use crate::model::{Member, MemberId, Role, RoomPurpose};
use crate::onboarding::WelcomeCommand;
use crate::onboarding::{Case, Nudge};
use crate::onboarding::{Field, Profile};
use crate::outbox::NewOutgoing;
use crate::reply::{Choice, Message, Reply};

use super::text::{language_names, profile_lines};
use crate::hub::{Context, Hub, HubError, direct_to};

/// How many weeks `/welcome stats` details.
const STATS_WEEKS: i64 = 4;

impl Hub {
    /// `/welcome …`, for the welcome team and admins only.
    pub(crate) async fn welcome_command(
        &self,
        ctx: &Context<'_>,
        command: WelcomeCommand,
    ) -> Result<Vec<Reply>, HubError> {
        let lang = ctx.lang;
        if !ctx
            .roles
            .iter()
            .any(|role| matches!(role, Role::Welcomer | Role::Admin))
        {
            return Ok(vec![Reply::here(Message::text(t(
                lang,
                "welcome-not-team",
            )))]);
        }
        let mut others = Vec::new();
        let message = match command {
            WelcomeCommand::Queue => self.queue(ctx).await?,
            WelcomeCommand::Stats => self.welcome_stats(ctx).await?,
            WelcomeCommand::Say { name, text } => {
                let (said, to_newcomer) = self.welcome_say(ctx, &name, &text).await?;
                others = to_newcomer;
                said
            }
            other => self.case_command(ctx, other).await?,
        };
        // Newcomers' details stay out of public rooms.
        let in_team_room = match &ctx.incoming.place {
            Place::Direct => true,
            Place::Room(id) => self
                .community
                .room(ctx.incoming.platform, id)
                .is_some_and(|room| room.purposes.contains(&RoomPurpose::WelcomeTeam)),
        };
        let mut replies = if in_team_room {
            vec![Reply::here(message)]
        } else {
            ctx.privately(message, "welcome-sent-private")
        };
        replies.extend(others);
        Ok(replies)
    }

    async fn case_command(
        &self,
        ctx: &Context<'_>,
        command: WelcomeCommand,
    ) -> Result<Message, HubError> {
        let lang = ctx.lang;
        let name = match &command {
            WelcomeCommand::Claim(name)
            | WelcomeCommand::Unclaim(name)
            | WelcomeCommand::Done(name)
            | WelcomeCommand::Note { name, .. } => name.clone(),
            WelcomeCommand::Queue | WelcomeCommand::Stats | WelcomeCommand::Say { .. } => {
                String::new()
            }
        };
        let id = match self.member_named(lang, &name).await? {
            Ok(id) => id,
            Err(refusal) => return Ok(Message::text(refusal)),
        };
        let newcomer = self.store.member(id).await?;
        let shown = display_name(&newcomer);
        let Some(case) = self.store.case_of(newcomer.id).await? else {
            return Ok(Message::text(t_with(
                lang,
                "welcome-no-case",
                &[("name", shown.into())],
            )));
        };
        let args = |extra: &[(&'static str, String)]| {
            let mut args: Vec<(&str, fluent_bundle::FluentValue<'_>)> =
                vec![("name", shown.clone().into())];
            args.extend(extra.iter().map(|(k, v)| (*k, v.clone().into())));
            args
        };
        let closed = case.done_at.is_some();
        let text = match command {
            WelcomeCommand::Claim(_) if closed => t_with(lang, "welcome-closed", &args(&[])),
            WelcomeCommand::Claim(_) => match case.claimed_by {
                Some(holder) if holder == ctx.member.id => {
                    t_with(lang, "welcome-yours-already", &args(&[]))
                }
                Some(holder) => {
                    let holder = self.store.member(holder).await?;
                    t_with(
                        lang,
                        "welcome-held",
                        &args(&[("holder", display_name(&holder))]),
                    )
                }
                None => {
                    if !self
                        .store
                        .claim_case(case.id, ctx.member.id, ctx.now)
                        .await?
                    {
                        t_with(lang, "welcome-claim-lost", &args(&[]))
                    } else {
                        let profile = self.store.profile(newcomer.id).await?;
                        let mut lines = vec![t_with(lang, "welcome-claimed", &args(&[]))];
                        let shown =
                            profile_lines(lang, &self.community.onboarding, &profile, &Field::ALL);
                        if shown.is_empty() {
                            lines.push(t(lang, "welcome-case-nothing"));
                        }
                        lines.extend(shown);
                        lines.extend(self.note_lines(lang, case.id).await?);
                        return Ok(Message::text(lines.join("\n")).with_choices(vec![
                            Choice::new(
                                t(lang, "welcome-choice-done"),
                                format!("/welcome done {}", user_key(&newcomer)),
                            ),
                        ]));
                    }
                }
            },
            WelcomeCommand::Unclaim(_) => match case.claimed_by {
                None => t_with(lang, "welcome-not-claimed", &args(&[])),
                Some(holder) if holder != ctx.member.id && !ctx.roles.contains(&Role::Admin) => {
                    let holder = self.store.member(holder).await?;
                    t_with(
                        lang,
                        "welcome-held",
                        &args(&[("holder", display_name(&holder))]),
                    )
                }
                Some(_) => {
                    self.store.unclaim_case(case.id, ctx.now).await?;
                    t_with(lang, "welcome-unclaimed", &args(&[]))
                }
            },
            WelcomeCommand::Note { text, .. } => {
                self.store
                    .add_note(case.id, ctx.member.id, &text, ctx.now)
                    .await?;
                t_with(lang, "welcome-noted", &args(&[]))
            }
            WelcomeCommand::Done(_) if closed => t_with(lang, "welcome-closed", &args(&[])),
            WelcomeCommand::Done(_) => {
                self.store.close_case(case.id, ctx.now).await?;
                t_with(lang, "welcome-done", &args(&[]))
            }
            WelcomeCommand::Queue | WelcomeCommand::Stats | WelcomeCommand::Say { .. } => {
                String::new()
            }
        };
        Ok(Message::text(text))
    }

    /// The one member called `name`, or what to say when there is none or several.
    pub(crate) async fn member_named(
        &self,
        lang: Lang,
        name: &str,
    ) -> Result<Result<MemberId, String>, HubError> {
        let found = self
            .store
            .find_members_by_name(self.community_id, name)
            .await?;
        Ok(match found.as_slice() {
            [id] => Ok(*id),
            [] => Err(t_with(lang, "welcome-no-member", &[("name", name.into())])),
            _ => Err(t_with(lang, "welcome-ambiguous", &[("name", name.into())])),
        })
    }

    async fn note_lines(&self, lang: Lang, case: i64) -> Result<Vec<String>, HubError> {
        let mut lines = Vec::new();
        for note in self.store.notes(case).await? {
            let author = match note.author {
                Some(author) => display_name(&self.store.member(author).await?),
                None => t(lang, "welcome-former-member"),
            };
            let day = format_date(
                lang,
                note.at
                    .with_timezone(&self.community.time_zone)
                    .date_naive(),
            );
            lines.push(t_with(
                lang,
                "welcome-note-line",
                &[
                    ("author", author.into()),
                    ("date", day.into()),
                    ("text", note.text.into()),
                ],
            ));
        }
        Ok(lines)
    }

    /// The open cases, oldest first, with who waits for how long and who has them.
    async fn queue(&self, ctx: &Context<'_>) -> Result<Message, HubError> {
        let lang = ctx.lang;
        let cases = self.store.open_cases(self.community_id).await?;
        if cases.is_empty() {
            return Ok(Message::text(t(lang, "welcome-queue-empty")));
        }
        let mut lines = vec![t_with(
            lang,
            "welcome-queue-title",
            &[("count", cases.len().into())],
        )];
        let mut choices = Vec::new();
        for (index, case) in cases.iter().enumerate() {
            let Some(id) = case.member else { continue };
            let newcomer = self.store.member(id).await?;
            let profile = self.store.profile(id).await?;
            let speaks = language_names(lang, &speaks(&newcomer, &profile));
            let speaks = if speaks.is_empty() {
                t(lang, "welcome-queue-no-languages")
            } else {
                t_with(
                    lang,
                    "welcome-queue-speaks",
                    &[("languages", speaks.into())],
                )
            };
            let holder = match case.claimed_by {
                Some(holder) => t_with(
                    lang,
                    "welcome-queue-held",
                    &[(
                        "holder",
                        display_name(&self.store.member(holder).await?).into(),
                    )],
                ),
                None => {
                    choices.push(Choice::new(
                        t_with(
                            lang,
                            "welcome-choice-claim-name",
                            &[("name", display_name(&newcomer).into())],
                        ),
                        format!("/welcome claim {}", user_key(&newcomer)),
                    ));
                    t(lang, "welcome-queue-free")
                }
            };
            lines.push(t_with(
                lang,
                "welcome-queue-line",
                &[
                    ("number", (index + 1).into()),
                    ("name", display_name(&newcomer).into()),
                    ("platforms", platforms(&newcomer).into()),
                    ("waiting", waited(lang, ctx.now - case.opened_at).into()),
                    ("languages", speaks.into()),
                    ("holder", holder.into()),
                ],
            ));
            lines.extend(self.unreachable_line(lang, id).await?);
            if case.said + case.relayed > 0 {
                lines.push(t_with(
                    lang,
                    "welcome-queue-exchange",
                    &[("said", case.said.into()), ("relayed", case.relayed.into())],
                ));
            }
        }
        choices.truncate(5);
        Ok(Message::text(lines.join("\n")).with_choices(choices))
    }

    /// Joined, claimed and done, in all and per week, and the median wait for a first
    /// contact (a claim, or the case closed unclaimed).
    async fn welcome_stats(&self, ctx: &Context<'_>) -> Result<Message, HubError> {
        let lang = ctx.lang;
        let cases = self.store.all_cases(self.community_id).await?;
        let zone = self.community.time_zone;
        let mut waits: Vec<TimeDelta> = cases
            .iter()
            .filter_map(|case| Some(case.first_contact_at? - case.opened_at))
            .collect();
        waits.sort();
        let median = match waits.len() {
            0 => t(lang, "welcome-stats-no-median"),
            n if n % 2 == 1 => waited(lang, waits[n / 2]),
            n => waited(lang, (waits[n / 2 - 1] + waits[n / 2]) / 2),
        };
        let counts = |from: DateTime<Utc>, to: DateTime<Utc>| {
            let within = |at: Option<DateTime<Utc>>| at.is_some_and(|at| at >= from && at < to);
            (
                cases.iter().filter(|c| within(Some(c.opened_at))).count(),
                cases.iter().filter(|c| within(c.first_contact_at)).count(),
                cases.iter().filter(|c| within(c.done_at)).count(),
            )
        };
        let (joined, claimed, done) = counts(DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC);
        let mut lines = vec![
            t_with(
                lang,
                "welcome-stats-total",
                &[
                    ("joined", joined.into()),
                    ("claimed", claimed.into()),
                    ("done", done.into()),
                ],
            ),
            t_with(lang, "welcome-stats-median", &[("wait", median.into())]),
        ];
        let today = ctx.now.with_timezone(&zone).date_naive();
        let monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
        for weeks_ago in 0..STATS_WEEKS {
            let start_day = monday - Duration::weeks(weeks_ago);
            let instant = |day: chrono::NaiveDate| {
                day.and_hms_opt(0, 0, 0)
                    .and_then(|midnight| midnight.and_local_timezone(zone).earliest())
                    .map_or(DateTime::<Utc>::MIN_UTC, |local| local.with_timezone(&Utc))
            };
            let (joined, claimed, done) =
                counts(instant(start_day), instant(start_day + Duration::weeks(1)));
            lines.push(t_with(
                lang,
                "welcome-stats-week",
                &[
                    ("date", format_date(lang, start_day).into()),
                    ("joined", joined.into()),
                    ("claimed", claimed.into()),
                    ("done", done.into()),
                ],
            ));
        }
        Ok(Message::text(lines.join("\n")))
    }

    /// The card the team sees when a newcomer finishes the questionnaire.
    pub(crate) async fn case_card(
        &self,
        member: &Member,
        profile: &Profile,
    ) -> Result<String, HubError> {
        let lang = self.community.language;
        let mut lines = vec![t_with(
            lang,
            "welcome-case-finished",
            &[
                ("name", display_name(member).into()),
                ("platform", platforms(member).into()),
            ],
        )];
        let shown = profile_lines(lang, &self.community.onboarding, profile, &Field::ALL);
        if shown.is_empty() {
            lines.push(t(lang, "welcome-case-nothing"));
        }
        lines.extend(shown);
        lines.extend(self.unreachable_line(lang, member.id).await?);
        match self.greeter_for(member, profile).await? {
            Some((greeter, language)) => lines.push(t_with(
                lang,
                "welcome-case-greeter",
                &[("greeter", greeter.into()), ("language", language.into())],
            )),
            None => lines.push(t(lang, "welcome-case-no-greeter")),
        }
        Ok(lines.join("\n"))
    }

    /// "Cannot be reached in private on Telegram", when that is so of `member`.
    async fn unreachable_line(
        &self,
        lang: Lang,
        member: MemberId,
    ) -> Result<Option<String>, HubError> {
        let refused = self.store.private_refused(member).await?;
        Ok((!refused.is_empty()).then(|| {
            let names: Vec<&str> = refused.iter().map(|platform| platform.name()).collect();
            t_with(
                lang,
                "welcome-unreachable",
                &[("platforms", names.join(", ").into())],
            )
        }))
    }

    /// A welcomer who speaks one of the newcomer's languages, the least busy first.
    async fn greeter_for(
        &self,
        newcomer: &Member,
        profile: &Profile,
    ) -> Result<Option<(String, String)>, HubError> {
        let wanted = speaks(newcomer, profile);
        let open = self.store.open_cases(self.community_id).await?;
        let mut best: Option<(usize, MemberId, String)> = None;
        for id in self
            .store
            .members_with_role(self.community_id, Role::Welcomer)
            .await?
        {
            if id == newcomer.id {
                continue;
            }
            let welcomer = self.store.member(id).await?;
            let mut theirs = speaks(&welcomer, &self.store.profile(id).await?);
            // A welcomer who said nothing speaks at least the community's language.
            if theirs.is_empty() {
                theirs.push(self.community.language.code().to_owned());
            }
            let Some(shared) = wanted.iter().find(|code| theirs.contains(code)) else {
                continue;
            };
            let load = open
                .iter()
                .filter(|case| case.claimed_by == Some(id))
                .count();
            if best.as_ref().is_none_or(|(fewest, _, _)| load < *fewest) {
                best = Some((load, id, shared.clone()));
            }
        }
        let Some((_, id, code)) = best else {
            return Ok(None);
        };
        let name = display_name(&self.store.member(id).await?);
        let lang = self.community.language;
        let language = language_names(lang, &[code]);
        Ok(Some((name, language)))
    }

    /// Sends the nudges due at `now`: to the team for newcomers nobody claimed, to
    /// claimers whose case went quiet. Returns how many were sent.
    pub(crate) async fn send_nudges(&self, now: DateTime<Utc>) -> Result<usize, HubError> {
        let settings = &self.community.onboarding;
        let mut sent = 0;
        for (nudge, wait) in [
            (Nudge::Unclaimed, settings.unclaimed_after),
            (Nudge::Idle, settings.idle_after),
        ] {
            for case in self
                .store
                .nudges_due(self.community_id, nudge, now - wait)
                .await?
            {
                let messages = self.nudge_messages(&case, nudge, now).await?;
                if self
                    .store
                    .send_nudge(self.community_id, &case, nudge, &messages, now)
                    .await?
                {
                    sent += 1;
                }
            }
        }
        Ok(sent)
    }

    async fn nudge_messages(
        &self,
        case: &Case,
        nudge: Nudge,
        now: DateTime<Utc>,
    ) -> Result<Vec<NewOutgoing>, HubError> {
        let Some(id) = case.member else {
            return Ok(Vec::new());
        };
        let newcomer = self.store.member(id).await?;
        let name = display_name(&newcomer);
        match (nudge, case.claimed_by) {
            (Nudge::Idle, Some(holder)) => {
                let holder = self.store.member(holder).await?;
                let (lang, _) = self.voice(&holder);
                let text = t_with(
                    lang,
                    "welcome-nudge-idle",
                    &[
                        ("name", name.into()),
                        ("quiet", waited(lang, now - case.active_at).into()),
                    ],
                );
                let message = Message::text(text).with_choices(vec![Choice::new(
                    t(lang, "welcome-choice-done"),
                    format!("/welcome done {}", user_key(&newcomer)),
                )]);
                Ok(direct_to(&holder, None, message, now)
                    .map(|outgoing| NewOutgoing {
                        about: Some(id),
                        ..outgoing
                    })
                    .into_iter()
                    .collect())
            }
            _ => {
                let lang = self.community.language;
                let text = t_with(
                    lang,
                    "welcome-nudge-unclaimed",
                    &[
                        ("name", name.into()),
                        ("waiting", waited(lang, now - case.active_at).into()),
                    ],
                );
                Ok(self.team_post(&newcomer, text, now))
            }
        }
    }
}

/// The member's name as the team knows it.
pub(crate) fn display_name(member: &Member) -> String {
    member.display_name()
}

/// What `/welcome claim` accepts for this member: their platform user ID.
fn user_key(member: &Member) -> String {
    member
        .identities
        .first()
        .map_or_else(|| display_name(member), |identity| identity.user_id.clone())
}

fn platforms(member: &Member) -> String {
    let names: Vec<&str> = member
        .identities
        .iter()
        .map(|i| i.platform.name())
        .collect();
    names.join(", ")
}

/// The languages someone speaks: their answers, else the language they chose.
fn speaks(member: &Member, profile: &Profile) -> Vec<String> {
    let mut codes = profile.languages.clone();
    if let Some(own) = member.language
        && !codes.iter().any(|code| code == own.code())
    {
        codes.push(own.code().to_owned());
    }
    codes
}

/// A wait as people say it: minutes, hours, or days.
fn waited(lang: Lang, wait: TimeDelta) -> String {
    let minutes = wait.num_minutes().max(0);
    let (id, count) = match minutes {
        0..60 => ("duration-minutes", minutes),
        60..2880 => ("duration-hours", minutes / 60),
        _ => ("duration-days", minutes / 1440),
    };
    t_with(lang, id, &[("count", count.into())])
}
