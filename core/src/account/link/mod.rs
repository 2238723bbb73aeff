//! Linked accounts: `/link` gives a one-time code on one platform, `/link CODE` from
//! another platform's account makes the two one member, merging what each held;
//! `/unlink PLATFORM` takes an account off again.

mod code;
mod merge;
mod store;

use chrono::TimeDelta;

pub(crate) use self::store::MemberChoice;
use self::store::{DatedAnswer, MemberFields};
use crate::events::{Answer, Status};
use crate::i18n::{t, t_with};
use crate::incoming::Place;
use crate::model::{Member, MemberId, Platform};
use crate::onboarding::hub::text::field_name;
use crate::reply::{Message, Reply};

use crate::hub::{Context, Hub, HubError, say};

/// How long a code can be used.
const VALID_FOR: TimeDelta = TimeDelta::minutes(10);
/// Wrong codes in a row before `/link CODE` is locked for [`LOCKED_FOR`].
const WRONG_TRIES: u32 = 5;
const LOCKED_FOR: TimeDelta = TimeDelta::minutes(10);

impl Hub {
    /// `/link [CODE]`
    pub(crate) async fn link(
        &self,
        ctx: &Context<'_>,
        code: Option<String>,
    ) -> Result<Vec<Reply>, HubError> {
        match code {
            None => self.give_link_code(ctx).await,
            Some(typed) => self.link_with(ctx, &typed).await,
        }
    }

    /// A new code for the asker, given in private wherever they asked.
    async fn give_link_code(&self, ctx: &Context<'_>) -> Result<Vec<Reply>, HubError> {
        let code = code::new_code().map_err(|error| {
            HubError::Store(crate::store::StoreError::Corrupt(format!(
                "no random source for a link code: {error}"
            )))
        })?;
        self.store
            .issue_link_code(
                self.community_id,
                ctx.member.id,
                &code,
                ctx.now,
                ctx.now + VALID_FOR,
            )
            .await?;
        let others: Vec<&str> = self
            .community
            .platforms()
            .into_iter()
            .filter(|platform| *platform != ctx.incoming.platform)
            .map(Platform::name)
            .collect();
        let text = t_with(
            ctx.lang,
            "link-code",
            &[
                ("code", code::shown(&code).into()),
                ("platforms", others.join(", ").into()),
            ],
        );
        Ok(ctx.privately(Message::text(text), "link-sent"))
    }

    /// `/link CODE`: the account the code was given to and this one become one member.
    async fn link_with(&self, ctx: &Context<'_>, typed: &str) -> Result<Vec<Reply>, HubError> {
        let lang = ctx.lang;
        let Some(code) = code::read(typed) else {
            return self.wrong_code(ctx).await;
        };
        if ctx.incoming.place != Place::Direct {
            // Said where others read it: nobody may use it now.
            self.store
                .take_link_code(self.community_id, &code, ctx.now)
                .await?;
            return Ok(say(t(lang, "link-in-private")));
        }
        if let Some((failures, since)) = self.store.link_tries(ctx.member.id).await?
            && failures >= WRONG_TRIES
            && ctx.now - since < LOCKED_FOR
        {
            let minutes = (since + LOCKED_FOR - ctx.now).num_minutes() + 1;
            return Ok(say(t_with(
                lang,
                "link-locked",
                &[("minutes", minutes.into())],
            )));
        }
        let Some(owner) = self
            .store
            .take_link_code(self.community_id, &code, ctx.now)
            .await?
        else {
            return self.wrong_code(ctx).await;
        };
        if owner == ctx.member.id {
            return Ok(say(t(lang, "link-own")));
        }
        let other = self.store.member(owner).await?;
        if let Some(clash) = ctx
            .member
            .identities
            .iter()
            .find(|mine| other.identity_on(mine.platform).is_some())
        {
            let text = t_with(
                lang,
                "link-same-platform",
                &[
                    ("platform", clash.platform.name().into()),
                    ("key", clash.platform.as_str().into()),
                ],
            );
            return Ok(say(text));
        }
        let (kept, gone) = if owner.0 < ctx.member.id.0 {
            (other, ctx.member.clone())
        } else {
            (ctx.member.clone(), other)
        };
        let mut replies = self.merge(ctx, &kept, &gone).await?;
        let merged = self.store.member(kept.id).await?;
        let accounts: Vec<String> = merged
            .identities
            .iter()
            .map(|account| format!("{} ({})", account.display_name, account.platform.name()))
            .collect();
        let mut lines = vec![t_with(
            lang,
            "link-done",
            &[
                ("accounts", accounts.join(", ").into()),
                ("name", merged.display_name().into()),
            ],
        )];
        if !replies.differed.is_empty() {
            lines.push(t_with(
                lang,
                "link-kept-newer",
                &[("fields", replies.differed.join(", ").into())],
            ));
        }
        replies
            .elsewhere
            .insert(0, Reply::here(Message::text(lines.join("\n"))));
        Ok(replies.elsewhere)
    }

    async fn wrong_code(&self, ctx: &Context<'_>) -> Result<Vec<Reply>, HubError> {
        self.store
            .count_link_failure(ctx.member.id, ctx.now - LOCKED_FOR, ctx.now)
            .await?;
        Ok(say(t(ctx.lang, "link-unknown")))
    }

    /// Makes `gone` part of `kept`. `ctx.member` is the account that just sent the code:
    /// where the two chose differently (language, zone, name), its choice stands, and
    /// so do the answers of the profile changed last.
    async fn merge(
        &self,
        ctx: &Context<'_>,
        kept: &Member,
        gone: &Member,
    ) -> Result<Merged, HubError> {
        let lang = ctx.lang;
        let mut elsewhere = Vec::new();
        // Two places held for one date by one person: one goes to the waitlist's first.
        let theirs = self.store.dated_answers(gone.id).await?;
        let ours = self.store.dated_answers(kept.id).await?;
        let mut settled: Vec<DatedAnswer> = Vec::new();
        let mut touched = Vec::new();
        for (event, occurrence, held) in &theirs {
            let Some((_, _, mine)) = ours.iter().find(|(e, o, _)| e == event && o == occurrence)
            else {
                touched.push(*event);
                continue;
            };
            touched.push(*event);
            if held.status == Status::Going && mine.status == Status::Going {
                let outcome = self
                    .store
                    .rsvp(*event, *occurrence, gone.id, Answer::No, ctx.now)
                    .await?;
                if let (Some(outcome), Some(found)) =
                    (outcome, self.store.event(self.community_id, *event).await?)
                {
                    let promoted: Vec<(i64, MemberId)> = outcome
                        .promoted
                        .into_iter()
                        .map(|member| (*occurrence, member))
                        .collect();
                    elsewhere.extend(self.tell_promoted(&found, &promoted, ctx.now).await?);
                }
                continue;
            }
            if !merge::keeps_first(mine, held) {
                settled.push((*event, *occurrence, *held));
            }
        }
        let newer_profile_first = self.store.profile_changed_at(gone.id).await?
            > self.store.profile_changed_at(kept.id).await?;
        let (older, newer) = if newer_profile_first {
            (
                self.store.profile(kept.id).await?,
                self.store.profile(gone.id).await?,
            )
        } else {
            (
                self.store.profile(gone.id).await?,
                self.store.profile(kept.id).await?,
            )
        };
        let (profile, fields) = merge::profiles(&older, &newer);
        let mut differed: Vec<String> = fields
            .into_iter()
            .map(|field| field_name(lang, field))
            .collect();
        let linker = &ctx.member;
        let other = if linker.id == kept.id { gone } else { kept };
        let mut choose = |key: &str, mine: Option<String>, theirs: Option<String>| {
            if mine.is_some() && theirs.is_some() && mine != theirs {
                differed.push(t(lang, key));
            }
            mine.or(theirs)
        };
        let fields = MemberFields {
            language: choose(
                "link-field-language",
                linker.language.map(|l| l.code().to_owned()),
                other.language.map(|l| l.code().to_owned()),
            ),
            time_zone: choose(
                "link-field-zone",
                linker.time_zone.map(|z| z.name().to_owned()),
                other.time_zone.map(|z| z.name().to_owned()),
            ),
            // The first account's name, unless one was chosen.
            display_name: linker
                .name
                .clone()
                .or_else(|| other.name.clone())
                .or_else(|| Some(kept.display_name())),
            dm_platform: linker
                .dm_platform
                .or(other.dm_platform)
                .map(|platform| platform.as_str().to_owned()),
        };
        self.store.save_profile(kept.id, &profile, ctx.now).await?;
        self.store
            .merge_members(kept.id, gone.id, &settled, &fields)
            .await?;
        touched.sort();
        touched.dedup();
        for event in touched {
            elsewhere.extend(self.refreshed_announcement(event, ctx.now).await?);
        }
        Ok(Merged {
            elsewhere,
            differed,
        })
    }

    /// `/unlink PLATFORM`, in private.
    pub(crate) async fn unlink(
        &self,
        ctx: &Context<'_>,
        platform: Platform,
    ) -> Result<Vec<Reply>, HubError> {
        let lang = ctx.lang;
        let member = &ctx.member;
        let args = [("platform", platform.name().into())];
        if member.identity_on(platform).is_none() {
            return Ok(say(t_with(lang, "unlink-none", &args)));
        }
        if member.identities.len() < 2 {
            return Ok(say(t(lang, "unlink-last")));
        }
        self.store.unlink(member.id, platform.as_str()).await?;
        if member.dm_platform == Some(platform) {
            self.store
                .set_member_choice(member.id, MemberChoice::DmPlatform, None)
                .await?;
        }
        // What waited for them there goes to an account they keep.
        let left = self.store.member(member.id).await?;
        if let Some(account) = left.private_account(None) {
            self.store
                .reroute_private(member.id, platform, account, ctx.now)
                .await?;
        }
        Ok(say(t_with(lang, "unlink-done", &args)))
    }
}

/// What merging said beyond the asker's reply: messages to others, and the fields
/// where the two accounts differed.
struct Merged {
    elsewhere: Vec<Reply>,
    differed: Vec<String>,
}
