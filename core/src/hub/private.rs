//! Members the hub cannot write to in private: on some platforms (Telegram) a bot may not
//! open a private chat, so what waits for them is kept, they are asked in the community's
//! main room to open one, and it goes once they do; a member who blocked the bot is
//! marked unreachable there, and the welcome team told, until they write to it again.
//! Either way, a member with a linked account on another platform gets it there.

use chrono::{DateTime, TimeDelta, Utc};

use super::{Hub, HubError};
use crate::i18n::{t, t_with};
use crate::model::{Platform, RoomPurpose};
use crate::outbox::{Destination, NewOutgoing};
use crate::reply::{Choice, Message};

/// A member is asked at most this often.
const ASK_AGAIN_AFTER: TimeDelta = TimeDelta::hours(24);

impl Hub {
    /// The member known on `platform` as `user_id` has messages waiting in private but
    /// never opened a chat with the bot: asks them in the main rooms of that platform,
    /// naming them, to open one at `link`, unless they were asked in the last day. A
    /// member with a linked account that can be reached elsewhere is not asked: what
    /// waits goes there.
    pub async fn ask_to_open_private(
        &self,
        platform: Platform,
        user_id: &str,
        link: &str,
        now: DateTime<Utc>,
    ) -> Result<(), HubError> {
        let member = self
            .store
            .find_member(self.community_id, platform, user_id)
            .await?;
        // A member with an account elsewhere that can be reached gets it there instead.
        if let Some(member) = &member
            && self.send_on_elsewhere(member, platform, now).await?
        {
            return Ok(());
        }
        let asked_key = format!("asked_to_open:{user_id}");
        let asked = self.adapter_value(platform, &asked_key).await?;
        if let Some(asked) = asked.and_then(|at| at.parse::<i64>().ok())
            && DateTime::from_timestamp_millis(asked).is_some_and(|at| now - at < ASK_AGAIN_AFTER)
        {
            return Ok(());
        }
        let name = member
            .as_ref()
            .and_then(|member| member.identity_on(platform))
            .map_or_else(
                || user_id.to_owned(),
                |identity| identity.display_name.clone(),
            );
        let lang = member
            .as_ref()
            .map_or(self.community.language, |member| self.voice(member).0);
        let text = t_with(
            lang,
            "private-open-first",
            &[
                ("name", name.clone().into()),
                ("link", link.to_owned().into()),
            ],
        );
        let queued: Vec<NewOutgoing> = self
            .community
            .rooms_for(RoomPurpose::Main)
            .filter(|room| room.platform == platform)
            .map(|room| NewOutgoing {
                platform,
                destination: Destination::Room(room.id.clone()),
                member: None,
                about: member.as_ref().map(|member| member.id),
                message: Message::text(text.clone()).mentioning(user_id, &name),
                not_before: now,
            })
            .collect();
        self.store.enqueue(self.community_id, &queued, now).await?;
        self.set_adapter_value(platform, &asked_key, &now.timestamp_millis().to_string())
            .await
    }

    /// The member known on `platform` as `user_id` opened a private chat: what waited
    /// for them is due now. How many messages that is.
    pub async fn opened_private(
        &self,
        platform: Platform,
        user_id: &str,
        now: DateTime<Utc>,
    ) -> Result<u64, HubError> {
        self.store
            .reach_private(self.community_id, platform, user_id)
            .await?;
        Ok(self
            .store
            .bring_forward(self.community_id, platform, user_id, now)
            .await?)
    }

    /// The member known on `platform` as `user_id` refused private messages for good (they
    /// blocked the bot, closed their DMs): marked unreachable there, what waited for them
    /// there sent to a linked account that can be reached, and, while their
    /// welcome case is open, the welcome team is told once; on a platform that whispers
    /// in rooms, the newcomer is offered to answer the questions in the welcome room.
    pub async fn private_refused(
        &self,
        platform: Platform,
        user_id: &str,
        now: DateTime<Utc>,
    ) -> Result<(), HubError> {
        // The mark and the team's message commit together: one without the other would
        // leave the team never told.
        let hub = self.in_work().await?;
        hub.mark_private_refused(platform, user_id, now).await?;
        Ok(hub.store.commit().await?)
    }

    /// Sends what waits for `member` in private on `platform` to an account of theirs
    /// on another platform, if one can be reached; whether there was one.
    async fn send_on_elsewhere(
        &self,
        member: &crate::model::Member,
        platform: Platform,
        now: DateTime<Utc>,
    ) -> Result<bool, HubError> {
        let Some(elsewhere) = member.account_besides(platform) else {
            return Ok(false);
        };
        let moved = self
            .store
            .reroute_private(member.id, platform, elsewhere, now)
            .await?;
        tracing::info!(moved, from = %platform, to = %elsewhere.platform, "private messages sent on");
        Ok(true)
    }

    async fn mark_private_refused(
        &self,
        platform: Platform,
        user_id: &str,
        now: DateTime<Utc>,
    ) -> Result<(), HubError> {
        let Some(member) = self
            .store
            .refuse_private(self.community_id, platform, user_id, now)
            .await?
        else {
            return Ok(());
        };
        // What waited for them there goes to an account of theirs that can be reached.
        let linked = self.store.member(member).await?;
        self.send_on_elsewhere(&linked, platform, now).await?;
        let open = self
            .store
            .case_of(member)
            .await?
            .is_some_and(|case| case.done_at.is_none());
        if open {
            let member = self.store.member(member).await?;
            let name = member
                .identity_on(platform)
                .map_or(user_id, |identity| identity.display_name.as_str());
            let text = t_with(
                self.community.language,
                "welcome-case-unreachable",
                &[("name", name.into()), ("platform", platform.name().into())],
            );
            let mut queued = self.team_post(&member, text, now);
            if platform.whispers() {
                // Where the platform lets a newcomer answer to the bot alone in a room,
                // the questions can go on there.
                let (lang, _) = self.voice(&member);
                let start = Message::text(t_with(
                    lang,
                    "onboarding-start-here",
                    &[("name", name.into())],
                ))
                .mentioning(user_id, name)
                .with_choices(vec![Choice::new(t(lang, "choice-start-here"), "/onboard")]);
                queued.extend(
                    self.community
                        .rooms_for(RoomPurpose::Welcome)
                        .filter(|room| room.platform == platform)
                        .map(|room| NewOutgoing {
                            platform,
                            destination: Destination::Room(room.id.clone()),
                            member: Some(member.id),
                            about: None,
                            message: start.clone(),
                            not_before: now,
                        }),
                );
            }
            self.store.enqueue(self.community_id, &queued, now).await?;
        }
        Ok(())
    }
}
