//! `/forget`: asked first, then everything about the member deleted.

use super::Forgotten;
use crate::events::Answer;
use crate::i18n::{t, t_with};
use crate::incoming::Place;
use crate::reply::{Choice, Reply};

use crate::hub::{Context, Hub, HubError, say, say_with};

impl Hub {
    /// `/forget`: asks first, then deletes everything about the member, in private only.
    pub(crate) async fn forget(
        &self,
        ctx: &Context<'_>,
        confirmed: bool,
    ) -> Result<Vec<Reply>, HubError> {
        let lang = ctx.lang;
        if ctx.incoming.place != Place::Direct {
            return Ok(say(t(lang, "forget-in-private")));
        }
        if !confirmed {
            return Ok(say_with(
                t_with(
                    lang,
                    "forget-confirm",
                    &[("community", self.community.name.as_str().into())],
                ),
                vec![
                    Choice::new(t(lang, "forget-choice-yes"), "/forget yes"),
                    Choice::new(t(lang, "forget-choice-no"), "/profile"),
                ],
            ));
        }
        // Places they held go to the waitlist first, as if they had said no.
        let mut replies = Vec::new();
        for (event, occurrence) in self.store.going_answers(ctx.member.id).await? {
            let Some(found) = self.store.event(self.community_id, event).await? else {
                continue;
            };
            if found
                .occurrence(occurrence)
                .is_none_or(|date| date.start <= ctx.now)
            {
                continue;
            }
            if let Some(outcome) = self
                .store
                .rsvp(event, occurrence, ctx.member.id, Answer::No, ctx.now)
                .await?
            {
                let promoted = outcome
                    .promoted
                    .into_iter()
                    .map(|member| (occurrence, member))
                    .collect();
                replies.extend(self.tell_promoted(&found, &promoted, ctx.now).await?);
                replies.extend(self.refreshed_announcement(event, ctx.now).await?);
            }
        }
        // Queued before the member goes: the promoted members' messages are not theirs.
        self.route(ctx.incoming, replies, ctx.now).await?;
        let hosted = self.store.hosted_events(ctx.member.id).await?;
        let Some(forgotten) = self
            .store
            .forget_member(self.community_id, ctx.member.id)
            .await?
        else {
            return Ok(say(t(lang, "forget-nothing")));
        };
        // The announcements of the events they hosted no longer name them.
        let mut edits = Vec::new();
        for event in hosted {
            edits.extend(self.refreshed_announcement(event, ctx.now).await?);
        }
        self.route(ctx.incoming, edits, ctx.now).await?;
        Ok(say(forgotten_text(lang, &forgotten)))
    }
}

fn forgotten_text(lang: crate::lang::Lang, forgotten: &Forgotten) -> String {
    let counts = [
        (
            "forgot-profile",
            forgotten.profile + forgotten.questionnaire,
        ),
        ("forgot-rsvps", forgotten.rsvps),
        ("forgot-hosting", forgotten.hosting),
        ("forgot-reminders", forgotten.reminder_choices),
        ("forgot-notes", forgotten.notes_about),
        ("forgot-messages", forgotten.messages),
        ("forgot-roles", forgotten.roles),
        ("forgot-accounts", forgotten.accounts),
        ("forgot-signatures", forgotten.signatures),
    ];
    let mut lines = vec![t(lang, "forget-done")];
    for (key, count) in counts {
        if count > 0 {
            lines.push(format!(
                "• {}",
                t_with(lang, key, &[("count", count.into())])
            ));
        }
    }
    lines.push(t(lang, "forget-after"));
    lines.join("\n")
}
