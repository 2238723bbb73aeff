//! What a member sets for themselves: `/lang`, `/tz`, and what `/profile` shows of it.

use chrono_tz::Tz;

use crate::i18n::{format_date, format_time, language_choices, language_name, t, t_with};
use crate::lang::Lang;
use crate::reply::{Message, Reply};

use crate::hub::{Context, Hub, HubError};

impl Hub {
    /// A member's own command.
    pub(crate) async fn account_command(
        &self,
        ctx: &Context<'_>,
        command: super::Command,
    ) -> Result<Vec<Reply>, HubError> {
        use super::Command;
        match command {
            Command::Lang { lang } => self.lang(ctx, lang).await,
            Command::Tz { zone } => self.tz(ctx, zone).await,
            Command::Profile(command) => self.profile_command(ctx, command).await,
            Command::Link { code } => self.link(ctx, code).await,
            Command::Unlink { platform } => self.unlink(ctx, platform).await,
            Command::Forget { confirmed } => self.forget(ctx, confirmed).await,
        }
    }

    pub(crate) async fn lang(
        &self,
        ctx: &Context<'_>,
        lang: Option<Lang>,
    ) -> Result<Vec<Reply>, HubError> {
        let Some(lang) = lang else {
            let text = format!(
                "{} {}",
                t_with(
                    ctx.lang,
                    "lang-current",
                    &[("language", language_name(ctx.lang, ctx.lang).into())]
                ),
                t(ctx.lang, "lang-pick")
            );
            return Ok(vec![Reply::here(
                Message::text(text).with_choices(language_choices()),
            )]);
        };
        self.store.set_language(ctx.member.id, Some(lang)).await?;
        // Said in the new language, so the member sees the change at once.
        Ok(vec![Reply::here(Message::text(t(lang, "lang-set")))])
    }

    pub(crate) async fn tz(
        &self,
        ctx: &Context<'_>,
        zone: Option<Tz>,
    ) -> Result<Vec<Reply>, HubError> {
        let lang = ctx.lang;
        let Some(zone) = zone else {
            let time = format_time(&ctx.now.with_timezone(&ctx.zone));
            let id = if ctx.member.time_zone.is_some() {
                "tz-current"
            } else {
                "tz-current-default"
            };
            let text = t_with(
                lang,
                id,
                &[("zone", ctx.zone.name().into()), ("time", time.into())],
            );
            return Ok(vec![Reply::here(Message::text(text))]);
        };
        self.store.set_time_zone(ctx.member.id, Some(zone)).await?;
        let time = format_time(&ctx.now.with_timezone(&zone));
        let text = t_with(
            lang,
            "tz-set",
            &[("zone", zone.name().into()), ("time", time.into())],
        );
        Ok(vec![Reply::here(Message::text(text))])
    }

    /// The profile is private: asked in a room, it is sent by DM.
    /// `extra` holds what onboarding knows, shown before the membership date.
    pub(crate) fn profile(&self, ctx: &Context<'_>, extra: Vec<String>) -> Vec<Reply> {
        let lang = ctx.lang;
        let member = &ctx.member;
        let name = member.display_name();
        let language = match member.language {
            Some(own) => t_with(
                lang,
                "profile-language",
                &[("language", language_name(lang, own).into())],
            ),
            None => t_with(
                lang,
                "profile-language-default",
                &[("language", language_name(lang, lang).into())],
            ),
        };
        let time = format_time(&ctx.now.with_timezone(&ctx.zone));
        let zone_args = [("zone", ctx.zone.name().into()), ("time", time.into())];
        let zone = match member.time_zone {
            Some(_) => t_with(lang, "profile-zone", &zone_args),
            None => t_with(lang, "profile-zone-default", &zone_args),
        };
        let roles: Vec<String> = ctx
            .roles
            .iter()
            .map(|role| t(lang, &format!("role-{}", role.as_str())))
            .collect();
        let accounts: Vec<String> = member
            .identities
            .iter()
            .map(|identity| format!("{} ({})", identity.display_name, identity.platform.name()))
            .collect();
        // Where private messages go matters once there is more than one account.
        let private = member.private_account(None).filter(|_| accounts.len() > 1);
        let private = private.map(|account| {
            let key = if member.dm_platform.is_some() {
                "profile-dm"
            } else {
                "profile-dm-last"
            };
            t_with(lang, key, &[("platform", account.platform.name().into())])
        });
        let since = format_date(lang, member.joined_at.with_timezone(&ctx.zone).date_naive());
        let text = [
            format!(
                "**{}**",
                t_with(
                    lang,
                    "profile-title",
                    &[("community", self.community.name.as_str().into())]
                )
            ),
            t_with(lang, "profile-name", &[("name", name.into())]),
            t_with(
                lang,
                "profile-accounts",
                &[("accounts", accounts.join(", ").into())],
            ),
            language,
            zone,
            t_with(lang, "profile-roles", &[("roles", roles.join(", ").into())]),
        ]
        .into_iter()
        .chain(private)
        .chain(extra)
        .chain([t_with(lang, "profile-since", &[("date", since.into())])])
        .collect::<Vec<_>>()
        .join("\n");
        let profile = Message::text(text);
        ctx.privately(profile, "profile-sent")
    }
}
