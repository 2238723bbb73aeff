//! The community a bot trial runs in: the bot's account, an organizer who created the
//! main room (public) and the welcome team's room (private, the bot and Walid invited),
//! Walid on the welcome team, and the bot set up on them but not started.

use std::time::Duration;

use matrix_sdk::ruma::{OwnedRoomId, OwnedUserId, RoomId};

use super::bot::{Bot, BotSetup, Elsewhere};
use super::expect::Expect;
use super::member::Member;
use super::trial::Ctx;

/// How long a reply from the bot may take, a DM's first message (room creation, key
/// exchange), and the quiet period that shows nothing more comes.
pub const REPLY: Duration = Duration::from_secs(30);
pub const FIRST_DM: Duration = Duration::from_secs(60);
pub const QUIET: Duration = Duration::from_secs(5);

/// The keycaps the bot reacts with, choice by choice.
pub const KEYCAPS: [&str; 3] = [
    "1\u{fe0f}\u{20e3}",
    "2\u{fe0f}\u{20e3}",
    "3\u{fe0f}\u{20e3}",
];

#[derive(Debug)]
pub struct Community {
    pub bot: Bot,
    pub bot_id: OwnedUserId,
    /// Created the rooms, so power level 100: an organizer.
    pub orga: Member,
    /// On the welcome team, in its room.
    pub walid: Member,
    /// Purposes main, announcements and welcome.
    pub main: OwnedRoomId,
    pub team: OwnedRoomId,
    /// What the bot was set up with, for more instances of it.
    #[allow(dead_code)]
    pub setup: BotSetup,
}

impl Community {
    /// Registers the bot, the organizer and Walid, creates the rooms and writes the
    /// bot's config (with the demo FAQ imported).
    pub async fn create(ctx: &Ctx) -> anyhow::Result<Community> {
        Community::create_with(ctx, Elsewhere::default()).await
    }

    /// [`Community::create`], the community being on other platforms too.
    pub async fn create_with(ctx: &Ctx, elsewhere: Elsewhere) -> anyhow::Result<Community> {
        let (bot_id, password) = ctx.register("passerelle")?;
        let orga = ctx.member("orga").await?;
        let walid = ctx.member("walid").await?;
        let main = orga.create_room("main", true, &[]).await?;
        walid.label_room(&main, "main");
        let team = orga
            .create_room("welcome-team", false, &[&walid.user_id, &bot_id])
            .await?;
        walid.label_room(&team, "welcome-team");
        walid.joined_room(&team).await?;
        let setup = BotSetup {
            homeserver: ctx.synapse.url.clone(),
            user: bot_id.clone(),
            password,
            main_room: main.clone(),
            team_room: team.clone(),
            welcomers: vec![walid.user_id.clone()],
            elsewhere,
        };
        let bot = Bot::new(&ctx.dir, &setup)?;
        Ok(Community {
            setup,
            bot,
            bot_id,
            orga,
            walid,
            main,
            team,
        })
    }

    /// Registers `name` and has them join the main room.
    pub async fn join_main(&self, ctx: &Ctx, name: &str) -> anyhow::Result<Member> {
        let member = ctx.member(name).await?;
        member.join(&self.main, "main").await?;
        Ok(member)
    }

    /// A message from the bot in the main room.
    pub fn in_main(&self) -> Expect {
        Expect::message_from(&self.bot_id).in_room(&self.main, "main")
    }

    /// A message from the bot in the welcome team's room.
    pub fn in_team(&self) -> Expect {
        Expect::message_from(&self.bot_id).in_room(&self.team, "welcome-team")
    }

    /// A message from the bot in a DM, end-to-end encrypted.
    pub fn in_dm(&self) -> Expect {
        Expect::message_from(&self.bot_id).in_encrypted_dm()
    }

    /// A message from the bot in that room.
    pub fn in_room(&self, room: &RoomId, label: &str) -> Expect {
        Expect::message_from(&self.bot_id).in_room(room, label)
    }
}
