//! The hub's jobs, named once: the one place that lists them all.
//!
//! Everything else is inside each job's folder: [`crate::account`] (a member's own
//! settings and data), [`crate::events`], [`crate::faq`] and [`crate::onboarding`]. Here
//! are the catalog of their commands (in the order `/help` lists them), their message
//! catalogs, the dispatch of a read command to the job that handles it, the jobs' hooks
//! on other events (a member joining, plain text), and their periodic work ([`tick`]).

mod tick;

pub use tick::TickReport;

use chrono::{DateTime, Utc};

use crate::command::catalog::{Info, Kind, Param, Spec};
use crate::command::lexer::Arg;
use crate::command::{CommandName, Problem};
use crate::hub::{Context, Hub, HubError};
use crate::i18n::{self, Texts};
use crate::incoming::Incoming;
use crate::reply::Reply;
use crate::{account, events, faq, onboarding};

/// Every message catalog part, the shared one first.
pub(crate) const TEXTS: [Texts; 6] = [
    i18n::SHARED,
    i18n::WEB,
    account::TEXTS,
    events::TEXTS,
    faq::TEXTS,
    onboarding::TEXTS,
];

/// A command, read, for the job that handles it.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// `/help [command]`
    Help {
        topic: Option<CommandName>,
    },
    Account(account::Command),
    Events(events::Command),
    Faq(Box<faq::FaqCommand>),
    Onboarding(onboarding::Command),
}

/// One entry of the catalog, with the job it belongs to.
#[derive(Debug)]
enum Entry {
    Help(&'static Spec<Option<CommandName>>),
    Account(&'static Spec<account::Command>),
    Events(&'static Spec<events::Command>),
    Faq(&'static Spec<Box<faq::FaqCommand>>),
    Onboarding(&'static Spec<onboarding::Command>),
}

static HELP: Spec<Option<CommandName>> = Spec {
    info: Info {
        name: "help",

        fr: "aide",
        aliases: &["aide"],
        help: "cmd-help",
        params: &[Param::word("command", Kind::Text, "arg-help-command")],
        subs: &[],
        who: crate::command::catalog::Who::Anyone,
        places: crate::command::catalog::Places::Anywhere,
    },
    parse: crate::command::parse_help,
};

/// Every command, in the order `/help` lists them.
static CATALOG: [Entry; 16] = [
    Entry::Help(&HELP),
    Entry::Account(&account::catalog::LANG),
    Entry::Account(&account::catalog::TZ),
    Entry::Account(&account::catalog::PROFILE),
    Entry::Events(&events::catalog::EVENTS),
    Entry::Events(&events::catalog::EVENT_COMMAND),
    Entry::Events(&events::catalog::RSVP),
    Entry::Events(&events::catalog::REMIND),
    Entry::Faq(&faq::catalog::FAQ),
    Entry::Onboarding(&onboarding::catalog::ONBOARD),
    Entry::Onboarding(&onboarding::catalog::ACCEPT),
    Entry::Onboarding(&onboarding::catalog::MEET),
    Entry::Onboarding(&onboarding::catalog::WELCOME),
    Entry::Account(&account::catalog::LINK),
    Entry::Account(&account::catalog::UNLINK),
    Entry::Account(&account::catalog::FORGET),
];

impl Entry {
    fn info(&self) -> &'static Info {
        match self {
            Self::Help(spec) => &spec.info,
            Self::Account(spec) => &spec.info,
            Self::Events(spec) => &spec.info,
            Self::Faq(spec) => &spec.info,
            Self::Onboarding(spec) => &spec.info,
        }
    }

    fn parse(&self, args: Vec<Arg>) -> Result<Command, Problem> {
        Ok(match self {
            Self::Help(spec) => Command::Help {
                topic: (spec.parse)(args)?,
            },
            Self::Account(spec) => Command::Account((spec.parse)(args)?),
            Self::Events(spec) => Command::Events((spec.parse)(args)?),
            Self::Faq(spec) => Command::Faq((spec.parse)(args)?),
            Self::Onboarding(spec) => Command::Onboarding((spec.parse)(args)?),
        })
    }
}

/// How many commands the catalog holds.
pub(crate) fn count() -> usize {
    CATALOG.len()
}

/// What the catalog says of command number `index` (`/help` order).
pub(crate) fn info(index: usize) -> &'static Info {
    CATALOG[index].info()
}

/// Reads the arguments of command number `index`.
pub(crate) fn parse(index: usize, args: Vec<Arg>) -> Result<Command, Problem> {
    CATALOG[index].parse(args)
}

impl Hub {
    /// Hands a read command to its job.
    pub(crate) async fn dispatch(
        &self,
        ctx: &Context<'_>,
        command: Command,
    ) -> Result<Vec<Reply>, HubError> {
        match command {
            Command::Help { topic } => Ok(vec![crate::hub::help::help(ctx, topic)]),
            Command::Account(command) => self.account_command(ctx, command).await,
            Command::Events(command) => self.events_command(ctx, command).await,
            Command::Faq(command) => self.faq_command(ctx, *command).await,
            Command::Onboarding(command) => self.onboarding_command(ctx, command).await,
        }
    }

    /// Plain text in private: the questionnaire's answer, when one waits; else, from a
    /// newcomer the welcome team is greeting, a reply for their greeter.
    pub(crate) async fn private_text(
        &self,
        incoming: &Incoming,
        text: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<Vec<Reply>>, HubError> {
        if incoming.place != crate::incoming::Place::Direct {
            return Ok(None);
        }
        let Some(member) = self
            .store
            .find_member(
                self.community_id,
                incoming.platform,
                &incoming.sender.user_id,
            )
            .await?
        else {
            return Ok(None);
        };
        if let Some(replies) = self
            .questionnaire_message(incoming, &member, text, now)
            .await?
        {
            return Ok(Some(replies));
        }
        self.relay_to_claimer(incoming, &member, text, now).await
    }

    /// Ordinary chat in a room: the FAQ may have the answer to a question.
    pub(crate) async fn chat(
        &self,
        incoming: &Incoming,
        text: &str,
        now: DateTime<Utc>,
    ) -> Result<Vec<Reply>, HubError> {
        self.suggest_faq(incoming, text, now).await
    }

    /// A member joined a room: onboarding greets newcomers.
    pub(crate) async fn on_joined(
        &self,
        incoming: &Incoming,
        now: DateTime<Utc>,
    ) -> Result<(), HubError> {
        self.joined(incoming, now).await
    }

    /// Someone asked to enter a community room: onboarding decides, as `admission` says.
    pub(crate) async fn on_asked_to_join(
        &self,
        incoming: &Incoming,
        admission: crate::incoming::Admission,
        now: DateTime<Utc>,
    ) -> Result<(), HubError> {
        self.asked_to_join(incoming, admission, now).await
    }

    /// The suggestions for argument `argument` of `command` (and its subcommand `sub`)
    /// as the member types it, as the catalog declares its kind; none for an argument the
    /// hub cannot complete or does not know.
    pub async fn complete_argument(
        &self,
        command: &str,
        sub: Option<&str>,
        argument: &str,
        typed: &str,
        lang: crate::lang::Lang,
        now: DateTime<Utc>,
    ) -> Result<Vec<crate::hub::Suggestion>, HubError> {
        let kind = CommandName::find(command)
            .and_then(|command| command.info().param(sub, argument))
            .map(|param| param.kind);
        match kind {
            Some(kind) => self.complete(lang, kind, typed, now).await,
            None => Ok(Vec::new()),
        }
    }

    /// The suggestions for an argument being typed, for platforms that complete as the
    /// member types (Discord's autocomplete): at most 25, labelled in `lang`.
    pub async fn complete(
        &self,
        lang: crate::lang::Lang,
        kind: crate::command::catalog::Kind,
        typed: &str,
        now: DateTime<Utc>,
    ) -> Result<Vec<crate::hub::Suggestion>, HubError> {
        use crate::command::catalog::Kind;
        let mut found = match kind {
            Kind::EventId => self.complete_event(lang, typed, now).await?,
            Kind::Country => faq::complete_country(lang, typed),
            Kind::Topic => faq::complete_topic(&self.community, lang, typed),
            Kind::City => self.complete_city(typed).await?,
            Kind::Language => account::complete_language(lang, typed),
            Kind::Zone => account::complete_zone(typed),
            _ => Vec::new(),
        };
        found.truncate(crate::hub::MAX_SUGGESTIONS);
        Ok(found)
    }
}
