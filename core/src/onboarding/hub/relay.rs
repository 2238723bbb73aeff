//! The welcome team's private exchange with a newcomer, whatever platform each is on:
//! `/welcome say NAME TEXT` sends the newcomer a private message signed by the welcomer,
//! and the newcomer's private replies, while the case is claimed, go to the claimer. The
//! case counts the messages; their text is kept nowhere.

use chrono::{DateTime, Utc};

use super::welcome::display_name;
use crate::i18n::t_with;
use crate::incoming::Incoming;
use crate::model::Member;
use crate::reply::{Message, Reply};

use crate::hub::{Context, Hub, HubError};

impl Hub {
    /// `/welcome say NAME TEXT`: what to tell the welcomer, and the message for the
    /// newcomer. Saying something to an unclaimed newcomer claims them.
    pub(crate) async fn welcome_say(
        &self,
        ctx: &Context<'_>,
        name: &str,
        text: &str,
    ) -> Result<(Message, Vec<Reply>), HubError> {
        let lang = ctx.lang;
        let id = match self.member_named(lang, name).await? {
            Ok(id) => id,
            Err(refusal) => return Ok((Message::text(refusal), Vec::new())),
        };
        let newcomer = self.store.member(id).await?;
        let shown = display_name(&newcomer);
        let case = match self.store.case_of(id).await? {
            Some(case) if case.done_at.is_none() => case,
            _ => {
                let text = t_with(lang, "welcome-say-no-case", &[("name", shown.into())]);
                return Ok((Message::text(text), Vec::new()));
            }
        };
        match case.claimed_by {
            Some(holder) if holder != ctx.member.id => {
                let holder = display_name(&self.store.member(holder).await?);
                let text = t_with(
                    lang,
                    "welcome-held",
                    &[("name", shown.into()), ("holder", holder.into())],
                );
                return Ok((Message::text(text), Vec::new()));
            }
            Some(_) => {}
            None => {
                self.store
                    .claim_case(case.id, ctx.member.id, ctx.now)
                    .await?;
            }
        }
        self.store.count_said(case.id, ctx.now).await?;
        let welcomer = ctx.member.display_name();
        let to_newcomer = self
            .tell(&[id], |lang, _| {
                Message::text(t_with(
                    lang,
                    "welcome-said",
                    &[
                        ("welcomer", welcomer.clone().into()),
                        ("community", self.community.name.clone().into()),
                        ("text", text.to_owned().into()),
                    ],
                ))
            })
            .await?;
        let platform = newcomer
            .private_account(None)
            .map_or("", |account| account.platform.name());
        let sent = t_with(
            lang,
            "welcome-say-sent",
            &[("name", shown.into()), ("platform", platform.into())],
        );
        Ok((Message::text(sent), to_newcomer))
    }

    /// Plain text in private from `member`, a newcomer whose case someone claimed:
    /// passed on to the claimer, marked as theirs. `None` when it is not for the team.
    pub(crate) async fn relay_to_claimer(
        &self,
        incoming: &Incoming,
        member: &Member,
        text: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<Vec<Reply>>, HubError> {
        let Some(case) = self.store.case_of(member.id).await? else {
            return Ok(None);
        };
        let claimer = case.claimed_by.filter(|claimer| *claimer != member.id);
        let (Some(claimer), None) = (claimer, case.done_at) else {
            return Ok(None);
        };
        self.store.count_relayed(case.id, now).await?;
        let name = display_name(member);
        let platform = incoming.platform.name();
        let mut replies = self
            .tell(&[claimer], |lang, _| {
                Message::text(t_with(
                    lang,
                    "welcome-relayed",
                    &[
                        ("name", name.clone().into()),
                        ("platform", platform.into()),
                        ("text", text.to_owned().into()),
                    ],
                ))
            })
            .await?;
        let holder = display_name(&self.store.member(claimer).await?);
        let (lang, _) = self.voice(member);
        let passed = t_with(lang, "welcome-relay-passed", &[("holder", holder.into())]);
        replies.insert(0, Reply::here(Message::text(passed)));
        Ok(Some(replies))
    }
}
