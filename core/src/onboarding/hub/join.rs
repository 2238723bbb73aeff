//! Requests to join a room that lets nobody in unasked (a Telegram join request, a
//! Matrix knock): the questionnaire starts in private at once, and the hub lets the
//! newcomer in once they accept the rules (at once without a rules gate, or when the
//! platform's settings say so), greeting them in the room; or the room's admins decide
//! and the welcome team is told.

use chrono::{DateTime, Utc};

use crate::hub::{Hub, HubError, direct_to};
use crate::i18n::{t, t_with};
use crate::incoming::{Admission, Incoming, Place};
use crate::model::{Member, RoomPurpose};
use crate::outbox::NewOutgoing;
use crate::reply::{Choice, Message};

impl Hub {
    /// Someone asked to enter a community room; `admission` says who decides.
    pub(crate) async fn asked_to_join(
        &self,
        incoming: &Incoming,
        admission: Admission,
        now: DateTime<Utc>,
    ) -> Result<(), HubError> {
        let Place::Room(room) = &incoming.place else {
            return Ok(());
        };
        let member = self.member_for(incoming, now).await?;
        let name = incoming.sender.display_name.as_str();
        let platform = incoming.platform;
        if admission == Admission::ByAdmins {
            let text = t_with(
                self.community.language,
                "welcome-case-asked-admins",
                &[("name", name.into()), ("platform", platform.name().into())],
            );
            let told: Vec<NewOutgoing> = self
                .to_rooms(RoomPurpose::WelcomeTeam, &Message::text(text), now)
                .map(|mut outgoing| {
                    outgoing.about = Some(member.id);
                    outgoing
                })
                .collect();
            self.store.enqueue(self.community_id, &told, now).await?;
            return Ok(());
        }
        self.store
            .ask_to_join(member.id, platform, room, now)
            .await?;
        let gate = admission == Admission::AfterRules && self.community.onboarding.rules.is_some();
        let mut queued = Vec::new();
        let returning = self.store.onboarding(member.id).await?.is_some();
        if !returning {
            let member = self.newcomer_language(incoming, member.clone()).await?;
            let case = if gate {
                "welcome-case-asked"
            } else {
                "welcome-case-joined"
            };
            queued.extend(self.begin_onboarding(incoming, member, case, now).await?);
        }
        let member = self.store.member(member.id).await?;
        let waits = gate
            && self
                .store
                .onboarding(member.id)
                .await?
                .is_some_and(|onboarding| onboarding.rules_pending());
        if !waits {
            // Private messages first: letting them in may close the window in which
            // the platform lets the hub write to them.
            queued.extend(self.admissions(&member, now).await?);
        } else if returning {
            let (lang, _) = self.voice(&member);
            let message = Message::text(t(lang, "rules-first")).with_choices(vec![Choice::new(
                t(lang, "onboarding-choice-accept"),
                "/accept",
            )]);
            queued.extend(direct_to(&member, Some(platform), message, now));
        }
        self.store.enqueue(self.community_id, &queued, now).await?;
        Ok(())
    }

    /// Lets `member` into every room they asked to enter and are still waiting for, and
    /// greets them there.
    pub(crate) async fn admissions(
        &self,
        member: &Member,
        now: DateTime<Utc>,
    ) -> Result<Vec<NewOutgoing>, HubError> {
        let mut queued = Vec::new();
        for request in self.store.grant_join_requests(member.id, now).await? {
            let Some(identity) = member.identity_on(request.platform) else {
                continue;
            };
            queued.push(NewOutgoing::admit(
                request.platform,
                &identity.user_id,
                member.id,
                &request.room,
                now,
            ));
            queued.extend(self.greeting(identity, member, Some(&request.room), now));
        }
        Ok(queued)
    }
}
