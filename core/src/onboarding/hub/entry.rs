//! Newcomers coming in. Joining a community room: greeted there, the questions in
//! private, a case for the welcome team. Asking to join a room that lets nobody in
//! unasked (a Telegram join request): the questions in private at once, and the hub
//! lets them in once they accept the rules (at once without a rules gate, or when the
//! platform's settings say so), greeting them in the room; or the room's admins decide
//! and the welcome team is told.

use chrono::{DateTime, TimeDelta, Utc};

use super::text::welcome;
use crate::hub::{Hub, HubError, direct_to};
use crate::i18n::{t, t_with};
use crate::incoming::{Admission, Incoming, Place};
use crate::model::{Identity, Member, Platform, Room, RoomPurpose};
use crate::onboarding::{GivenUp, Progress};
use crate::outbox::{Destination, NewOutgoing};
use crate::reply::{Choice, Message};

impl Hub {
    /// The welcome rooms on `platform`, else on every platform.
    fn welcome_rooms(&self, platform: Platform) -> Vec<&Room> {
        let on_platform: Vec<&Room> = self
            .community
            .rooms_for(RoomPurpose::Welcome)
            .filter(|room| room.platform == platform)
            .collect();
        if on_platform.is_empty() {
            self.community.rooms_for(RoomPurpose::Welcome).collect()
        } else {
            on_platform
        }
    }

    /// Someone entered a community room. The first time, they are greeted there, asked
    /// the questions in private, and shown to the welcome team.
    pub(crate) async fn joined(
        &self,
        incoming: &Incoming,
        now: DateTime<Utc>,
    ) -> Result<(), HubError> {
        let member = self.member_for(incoming, now).await?;
        self.store.mark_returned(member.id, now).await?;
        if self.store.onboarding(member.id).await?.is_some() {
            // Another room of the community, or back after leaving: not new.
            return Ok(());
        }
        let member = self.newcomer_language(incoming, member).await?;
        // Greeted where they are: the room they joined. A platform whose joins happen
        // in no room (a whole server) greets in its welcome rooms.
        let room = match &incoming.place {
            Place::Room(id) => Some(id.as_str()),
            Place::Direct => None,
        };
        let mut queued = self.greeting(&incoming.identity(), &member, room, now);
        queued.extend(
            self.begin_onboarding(incoming, &member, "welcome-case-joined", now)
                .await?,
        );
        self.store.enqueue(self.community_id, &queued, now).await?;
        Ok(())
    }

    /// The welcome for a newcomer, known there as `identity`, in `room` of their
    /// platform (the welcome rooms of their platform when it is none of the community's),
    /// mentioning them where they are.
    pub(crate) fn greeting(
        &self,
        identity: &Identity,
        member: &Member,
        room: Option<&str>,
        now: DateTime<Utc>,
    ) -> Vec<NewOutgoing> {
        let settings = &self.community.onboarding;
        let (lang, _) = self.voice(member);
        let name = identity.display_name.as_str();
        let greeting = Message::text(welcome(lang, settings, name, &self.community.name));
        let rooms: Vec<&Room> = room
            .and_then(|id| self.community.room(identity.platform, id))
            .into_iter()
            .collect();
        let rooms = if rooms.is_empty() {
            self.welcome_rooms(identity.platform)
        } else {
            rooms
        };
        rooms
            .into_iter()
            .map(|room| NewOutgoing {
                platform: room.platform,
                destination: Destination::Room(room.id.clone()),
                member: None,
                about: Some(member.id),
                // A user ID means something on its own platform only.
                message: if room.platform == identity.platform {
                    greeting.clone().mentioning(&identity.user_id, name)
                } else {
                    greeting.clone()
                },
                not_before: now,
            })
            .collect()
    }

    /// `member`, who speaks the language their platform reports unless they chose one.
    pub(crate) async fn newcomer_language(
        &self,
        incoming: &Incoming,
        member: Member,
    ) -> Result<Member, HubError> {
        match incoming.sender.language {
            Some(lang) if member.language.is_none() => {
                self.store.set_language(member.id, Some(lang)).await?;
                Ok(Member {
                    language: Some(lang),
                    ..member
                })
            }
            _ => Ok(member),
        }
    }

    /// Starts the questionnaire of a newcomer (their language already adopted): the introduction, the rules and the first
    /// question in private, and their case for the welcome team, told with `case_text`.
    pub(crate) async fn begin_onboarding(
        &self,
        incoming: &Incoming,
        member: &Member,
        case_text: &str,
        now: DateTime<Utc>,
    ) -> Result<Vec<NewOutgoing>, HubError> {
        let settings = &self.community.onboarding;
        let progress = Progress::start(&settings.asked());
        self.store
            .start_onboarding(member.id, &progress, settings.rules.is_some(), now)
            .await?;
        let (lang, _) = self.voice(member);
        let name = incoming.sender.display_name.as_str();
        let mut queued = Vec::new();
        let mut intro = t_with(
            lang,
            "onboarding-intro",
            &[
                ("name", name.into()),
                ("community", self.community.name.as_str().into()),
            ],
        );
        if let Some(rules) = &settings.rules {
            intro.push('\n');
            intro.push_str(&t_with(
                lang,
                "onboarding-rules",
                &[("rules", rules.text_in(lang).into())],
            ));
        }
        let first = self.question_for(member, lang, &progress, now).await?;
        for message in [Message::text(intro), first] {
            queued.extend(direct_to(member, Some(incoming.platform), message, now));
        }
        if self
            .store
            .open_case(self.community_id, member.id, now)
            .await?
        {
            let text = t_with(
                self.community.language,
                case_text,
                &[
                    ("name", name.into()),
                    ("platform", incoming.platform.name().into()),
                ],
            );
            queued.extend(self.team_post(member, text, now));
        }
        Ok(queued)
    }

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
        let (member, returning, rules_pending) = match self.store.onboarding(member.id).await? {
            Some(onboarding) => (member, true, onboarding.rules_pending()),
            None => {
                let member = self.newcomer_language(incoming, member).await?;
                let case = if gate {
                    "welcome-case-asked"
                } else {
                    "welcome-case-joined"
                };
                queued.extend(self.begin_onboarding(incoming, &member, case, now).await?);
                // A questionnaire just started puts the rules to them when there are any.
                (member, false, self.community.onboarding.rules.is_some())
            }
        };
        if !(gate && rules_pending) {
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

    /// The requests to join on `platform` that waited `window` and were not granted: given
    /// up (asked again, they start afresh), for the adapter to decline. Only when the
    /// platform's settings ask for it.
    pub async fn give_up_join_requests(
        &self,
        platform: Platform,
        window: TimeDelta,
        now: DateTime<Utc>,
    ) -> Result<Vec<GivenUp>, HubError> {
        Ok(self
            .store
            .give_up_join_requests(self.community_id, platform, now - window)
            .await?)
    }
}
