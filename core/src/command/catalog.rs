//! The shape of a command's declaration: its names, subcommands, arguments, who may use it
//! and where its help texts are. Each job declares its commands with these types (in its
//! `catalog.rs`); `crate::jobs` lists them, and from that one list come the text parser's
//! dispatch, `/help`, the "did you mean", what Discord and Telegram adapters register
//! ([`super::platforms`]) and autocomplete.

use super::Problem;
use super::lexer::Arg;

/// One command, as the catalog declares it, read into the job's own command type `C`.
#[derive(Debug)]
pub struct Spec<C: 'static> {
    pub info: Info,
    /// Reads the arguments after the name (the lexer's words and `key=value` options, or
    /// a Discord interaction's options turned into the same, never glued back into text).
    pub parse: fn(Vec<Arg>) -> Result<C, Problem>,
}

/// What the catalog says of a command, whatever its job.
#[derive(Debug)]
pub struct Info {
    /// Lowercase, ASCII: what every platform registers (`event`).
    pub name: &'static str,
    /// Its French name, one of its aliases (Discord shows it to French readers).
    pub fr: &'static str,
    /// Other names the text parser accepts, English and French (`événement`).
    pub aliases: &'static [&'static str],
    /// The prefix of its help messages in the job's catalog: `<help>-usage`,
    /// `<help>-summary` (one line, also Discord's description and Telegram's menu
    /// line) and `<help>-details`.
    pub help: &'static str,
    /// Arguments of the command itself, when it has no subcommands (or before them).
    pub params: &'static [Param],
    /// Its subcommands; `/event create` is `event` with the subcommand `create`.
    pub subs: &'static [Sub],
    /// Who may use it (a subcommand may ask for more).
    pub who: Who,
    /// Where it makes sense.
    pub places: Places,
}

/// A subcommand: the first word after the command.
#[derive(Debug)]
pub struct Sub {
    pub name: &'static str,
    /// Other words for it; compared folded (accents and case aside).
    pub aliases: &'static [&'static str],
    /// Its summary's message ID (Discord's description of the subcommand).
    pub help: &'static str,
    pub params: &'static [Param],
    pub who: Who,
}

/// One argument.
#[derive(Debug)]
pub struct Param {
    /// Lowercase ASCII; for a [`Form::Key`] argument also the key written before `=`.
    pub name: &'static str,
    pub kind: Kind,
    pub required: bool,
    pub form: Form,
    /// Its description's message ID.
    pub help: &'static str,
}

impl Param {
    /// An optional word argument.
    pub const fn word(name: &'static str, kind: Kind, help: &'static str) -> Self {
        Self {
            name,
            kind,
            required: false,
            form: Form::Word,
            help,
        }
    }

    /// An optional `key=` argument.
    pub const fn key(name: &'static str, kind: Kind, help: &'static str) -> Self {
        Self {
            form: Form::Key,
            ..Self::word(name, kind, help)
        }
    }

    /// The same argument, required.
    pub const fn required(self) -> Self {
        self.required_if(true)
    }

    /// The same argument, required when `required` is.
    pub const fn required_if(self, required: bool) -> Self {
        Self { required, ..self }
    }
}

/// How an argument is written in text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// A word in its place (`/rsvp 12 yes`); the last one may take the remaining words.
    Word,
    /// `key=value` (`when="fri 19:00"`).
    Key,
}

/// What an argument holds, for typed options and autocomplete.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Free text.
    Text,
    /// An event's number (`12` or `#12`).
    EventId,
    /// One date of an event's series, as written.
    EventDate,
    /// A date and time, as written (`fri 19:00`, `5 déc. 18h`).
    DateTime,
    /// A duration (`1h30`, `90m`).
    Duration,
    /// A whole number.
    Number,
    /// An FAQ entry's number.
    EntryId,
    Country,
    Topic,
    City,
    /// A language code or name.
    Language,
    /// An IANA time zone (`Europe/Paris`).
    Zone,
    /// A member, by the name they go by.
    MemberName,
    /// One of fixed values, written as these words.
    Choice(&'static [&'static str]),
}

impl Kind {
    /// Whether the hub can suggest values as the member types ([`crate::Hub::complete`]).
    pub fn completes(self) -> bool {
        matches!(
            self,
            Self::EventId | Self::Country | Self::Topic | Self::City | Self::Language | Self::Zone
        )
    }
}

/// Who may use a command or a subcommand. The handlers check it (with what only they
/// know, such as whether members may create events); the catalog says it for menus and
/// the platforms' permissions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Who {
    /// Anyone who writes to the hub.
    Anyone,
    /// Members who accepted the community's rules, when it has a rules gate.
    Accepted,
    /// The FAQ's editors and admins.
    Editors,
    /// Event organizers (and hosts, for their events) and admins.
    Organizers,
    /// The welcome team and admins.
    Welcomers,
}

impl Who {
    /// Whether it is for a team rather than every member.
    pub fn is_staff(self) -> bool {
        self > Self::Accepted
    }
}

/// Where a command makes sense.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Places {
    /// In a room or in private.
    Anywhere,
    /// In private only (asked in a room, the hub answers with how to ask in private).
    Private,
}

impl Info {
    /// Whether `word` is this command's name or one of its aliases, in any case.
    pub fn is_named(&self, word: &str) -> bool {
        let word = word.to_lowercase();
        self.name == word || self.aliases.contains(&word.as_str())
    }

    /// The subcommand `word` names, by its name or an alias, accents and case aside.
    pub fn sub(&self, word: &str) -> Option<&'static Sub> {
        let word = crate::text::fold(word);
        self.subs.iter().find(|sub| {
            sub.name == word
                || sub
                    .aliases
                    .iter()
                    .any(|alias| crate::text::fold(alias) == word)
        })
    }

    /// The argument called `name`, of the command or of one of its subcommands.
    pub fn param(&self, sub: Option<&str>, name: &str) -> Option<&'static Param> {
        let params = match sub.and_then(|sub| self.subs.iter().find(|s| s.name == sub)) {
            Some(sub) => sub.params,
            None => self.params,
        };
        params.iter().find(|param| param.name == name)
    }
}

/// Turns structured options (a Discord slash command's) into the arguments the text
/// parser reads: the subcommand first, then the word arguments in their declared order,
/// then `key=value` options. Values stay whole: a title with quotes or `=` in it is one
/// argument, not text to lex again.
pub fn args_from_options(info: &Info, sub: Option<&str>, options: &[(&str, String)]) -> Vec<Arg> {
    let params = match sub.and_then(|name| info.subs.iter().find(|s| s.name == name)) {
        Some(found) => found.params,
        None => info.params,
    };
    let mut args: Vec<Arg> = sub
        .map(|sub| Arg::Word(sub.to_owned()))
        .into_iter()
        .collect();
    let value_of = |name: &str| {
        options
            .iter()
            .find(|(key, _)| *key == name)
            .map(|(_, value)| value.clone())
    };
    for param in params.iter().filter(|param| param.form == Form::Word) {
        match value_of(param.name) {
            // Free words (search words, a note) are words, as typed in text.
            Some(value) if param.kind == Kind::Text => args.extend(
                value
                    .split_whitespace()
                    .map(|word| Arg::Word(word.to_owned())),
            ),
            Some(value) => args.push(Arg::Word(value)),
            None => {}
        }
    }
    for param in params.iter().filter(|param| param.form == Form::Key) {
        if let Some(value) = value_of(param.name) {
            args.push(Arg::Option {
                key: param.name.to_owned(),
                value,
            });
        }
    }
    args
}
