//! A console session: members typing into a community, a clock the user controls, and
//! the hub's replies printed as they would appear on a platform.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, SecondsFormat, TimeDelta, Utc};
use passerelle_core::incoming::{self, Event, Incoming, Sender};
use passerelle_core::lang::Lang;
use passerelle_core::model::{Community, Identity, Platform, Role, RoomPurpose};
use passerelle_core::reply::Choice;
use passerelle_core::{Hub, HubError, Store, StoreError};
use passerelle_runtime::Outbox;

use crate::line::{self, Audience, DIRECTIVES, Directive, Line};
use crate::output::Output;
use crate::render::Place;
use crate::screen::{Screen, Typed};

/// What the console runs against.
#[derive(Debug, Clone)]
pub struct Options {
    pub database_url: String,
    pub community: Community,
    /// A fixed starting instant; `None` follows the system clock.
    pub now: Option<DateTime<Utc>>,
    /// Where attached files (an event's `.ics`) are saved; `None` only names them.
    pub files: Option<std::path::PathBuf>,
}

#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Hub(#[from] HubError),
    #[error(
        "community `{0}` has no console room: add a [[community.room]] with platform = \"console\""
    )]
    NoConsoleRoom(String),
}

/// The console's time: the system clock shifted by `:advance`, or a fixed instant.
#[derive(Debug, Clone, Copy)]
enum Clock {
    System { offset: TimeDelta },
    Fixed(DateTime<Utc>),
}

impl Clock {
    fn now(self) -> DateTime<Utc> {
        match self {
            Self::System { offset } => Utc::now()
                .checked_add_signed(offset)
                .unwrap_or(DateTime::<Utc>::MAX_UTC),
            Self::Fixed(instant) => instant,
        }
    }
}

/// What the console is on the platform side: the hub's only "console" worker.
const WORKER: &str = "console";
/// How many outbox rows one claim takes.
const BATCH: u32 = 50;

#[derive(Debug)]
pub struct Session {
    options: Options,
    hub: Hub,
    clock: Clock,
    room: String,
    /// The choices last shown in each place, answerable by number there.
    choices: HashMap<Place, Vec<Choice>>,
    last_speaker: Option<(String, Audience)>,
    /// The platform language of the member joining right now (`:join NAME LANG`).
    joining: Option<Lang>,
}

/// Whether the session goes on after a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    Continue,
    Quit,
}

impl Session {
    pub async fn open(options: Options) -> Result<Self, SessionError> {
        let community = &options.community;
        let room = community
            .rooms_for(RoomPurpose::Main)
            .chain(&community.rooms)
            .find(|room| room.platform == Platform::Console)
            .map(|room| room.id.clone())
            .ok_or_else(|| SessionError::NoConsoleRoom(community.slug.clone()))?;
        let clock = options.now.map_or(
            Clock::System {
                offset: TimeDelta::zero(),
            },
            Clock::Fixed,
        );
        let hub = open_hub(&options, clock.now()).await?;
        Ok(Self {
            options,
            hub,
            clock,
            room,
            choices: HashMap::new(),
            last_speaker: None,
            joining: None,
        })
    }

    pub fn community(&self) -> &Community {
        self.hub.community()
    }

    pub fn room(&self) -> &str {
        &self.room
    }

    /// Runs one line, adding to `out` what the console prints for it.
    pub async fn run_line(&mut self, text: &str, out: &mut Output<'_>) -> Flow {
        match line::parse(text) {
            Ok(Line::Blank | Line::Comment | Line::Output) => {}
            Ok(Line::Say { name, to, text }) => {
                self.last_speaker = Some((name.clone(), to));
                match text.parse::<usize>() {
                    Ok(number) => self.pick(&name, to, number, out).await,
                    Err(_) => self.event(&name, to, Event::Message(text), out).await,
                }
            }
            Ok(Line::Pick(number)) => match self.last_speaker.clone() {
                Some((name, to)) => self.pick(&name, to, number, out).await,
                None => out.push("! nobody has spoken yet: write `NAME: N` to pick choice N"),
            },
            Ok(Line::Directive(directive)) => return self.directive(directive, out).await,
            Err(error) => out.push(format!("! {error}")),
        }
        Flow::Continue
    }

    /// `name` typed `number` where they are: a pick when choices are shown there,
    /// ordinary chat otherwise.
    async fn pick(&mut self, name: &str, to: Audience, number: usize, out: &mut Output<'_>) {
        let event = match self.choices.get(&self.place_of(name, to)) {
            None => Event::Message(number.to_string()),
            Some(choices) => match number.checked_sub(1).and_then(|index| choices.get(index)) {
                Some(choice) => Event::ChoicePicked(choice.command.clone()),
                None => {
                    out.push(format!(
                        "! there is no choice {number} here (1 to {})",
                        choices.len()
                    ));
                    return;
                }
            },
        };
        self.event(name, to, event, out).await;
    }

    fn place_of(&self, name: &str, to: Audience) -> Place {
        match to {
            Audience::Private => Place::Direct(user_id(name)),
            Audience::Room => Place::Room(self.room.clone()),
        }
    }

    async fn event(&mut self, name: &str, to: Audience, event: Event, out: &mut Output<'_>) {
        let place = self.place_of(name, to);
        let incoming = Incoming {
            // A typed line has no ID of its own: it is never handed in twice.
            id: None,
            platform: Platform::Console,
            sender: Sender {
                user_id: user_id(name),
                display_name: name.to_owned(),
                roles: Vec::new(),
                language: self.joining,
            },
            place: match to {
                Audience::Private => incoming::Place::Direct,
                Audience::Room => incoming::Place::Room(self.room.clone()),
            },
            event,
        };
        let now = self.clock.now();
        let mut here = Typed {
            screen: Screen {
                choices: &mut self.choices,
                out,
                files: self.options.files.as_deref(),
            },
            place,
        };
        let handled =
            passerelle_runtime::incoming::handle(&self.hub, &incoming, now, &mut here).await;
        if let Some(error) = handled.error {
            out.push(format!("! {error}"));
        }
        self.deliver(out).await;
    }

    /// Sends the reminders due by now, then prints every queued message that is due, as
    /// the platform would deliver it.
    async fn deliver(&mut self, out: &mut Output<'_>) {
        self.deliver_at(self.clock.now(), out).await;
    }

    /// Lets time pass up to `target` as a running hub would see it: reminders due on
    /// the way are sent at their own time, not all at the end.
    async fn pass_time(&mut self, target: DateTime<Utc>, out: &mut Output<'_>) {
        let mut last = None;
        loop {
            match self.hub.next_reminder_due().await {
                // One under another process's lease comes when that lease ends, as a
                // running hub would take it then; one still held after that is left.
                Ok(Some(due)) if due < target && last.is_none_or(|last| due > last) => {
                    last = Some(due);
                    self.deliver_at(due, out).await;
                }
                Ok(_) => break,
                Err(error) => {
                    out.push(format!("! cannot read the reminders: {error}"));
                    break;
                }
            }
        }
        self.deliver_at(target, out).await;
    }

    async fn deliver_at(&mut self, now: DateTime<Utc>, out: &mut Output<'_>) {
        if let Err(error) = self.hub.tick_all(WORKER, now).await {
            out.push(format!("! cannot send the reminders: {error}"));
        }
        let mut outbox = Outbox::new(self.hub.clone(), Platform::Console, WORKER).batch(BATCH);
        let mut screen = Screen {
            choices: &mut self.choices,
            out,
            files: self.options.files.as_deref(),
        };
        if let Err(error) = outbox.deliver_due(&mut screen, || now).await {
            out.push(format!("! {error}"));
        }
    }

    async fn directive(&mut self, directive: Directive, out: &mut Output<'_>) -> Flow {
        match directive {
            Directive::Join(name, language) => {
                out.push(format!("* {name} joined"));
                self.joining = language;
                self.event(&name, Audience::Room, Event::Joined, out).await;
                self.joining = None;
            }
            Directive::Leave(name) => {
                out.push(format!("* {name} left"));
                self.event(&name, Audience::Room, Event::Left, out).await;
            }
            Directive::Room(room) => match self.community().room(Platform::Console, &room) {
                Some(_) => {
                    self.room = room;
                    out.push(format!("* now in {}", self.room));
                }
                None => {
                    let rooms: Vec<&str> = self
                        .community()
                        .rooms
                        .iter()
                        .filter(|room| room.platform == Platform::Console)
                        .map(|room| room.id.as_str())
                        .collect();
                    out.push(format!("! no room {room}; rooms: {}", rooms.join(", ")));
                }
            },
            Directive::Role(name, role) => self.grant(&name, role, out).await,
            Directive::Clock(instant) => {
                let from = self.clock.now();
                self.clock = Clock::Fixed(instant);
                out.push(format!("* clock: {}", self.clock_text()));
                if instant > from {
                    self.pass_time(instant, out).await;
                } else {
                    self.deliver(out).await;
                }
            }
            Directive::Advance(delta) => {
                let moved = match self.clock {
                    Clock::System { offset } => offset
                        .checked_add(&delta)
                        .map(|offset| Clock::System { offset }),
                    Clock::Fixed(instant) => instant.checked_add_signed(delta).map(Clock::Fixed),
                };
                // Years stay within what :clock can write (and far from chrono's limits).
                match moved.filter(|clock| clock.now().year() <= 9999) {
                    Some(clock) => {
                        self.clock = clock;
                        out.push(format!("* clock: {}", self.clock_text()));
                        self.pass_time(clock.now(), out).await;
                    }
                    None => out.push("! the clock cannot go that far"),
                }
            }
            Directive::Restart => self.restart(out).await,
            Directive::Help => {
                out.push(format!("* directives: {DIRECTIVES}"));
                out.push(
                    "* speak with `NAME: TEXT` in the current room or `NAME (dm): TEXT` in private",
                );
            }
            Directive::Quit => return Flow::Quit,
        }
        Flow::Continue
    }

    async fn grant(&mut self, name: &str, role: Role, out: &mut Output<'_>) {
        let identity = Identity {
            platform: Platform::Console,
            user_id: user_id(name),
            display_name: name.to_owned(),
        };
        match self.hub.grant_role(&identity, role, self.clock.now()).await {
            Ok(()) => out.push(format!("* {name} is now {role}")),
            Err(error) => out.push(format!("! cannot grant the role: {error}")),
        }
    }

    /// Drops everything held in memory and reopens the database, as a new process would.
    async fn restart(&mut self, out: &mut Output<'_>) {
        self.hub.store().close().await;
        match open_hub(&self.options, self.clock.now()).await {
            Ok(hub) => {
                self.hub = hub;
                out.push("* restarted");
                self.deliver(out).await;
            }
            Err(error) => out.push(format!("! cannot restart: {error}")),
        }
    }

    fn clock_text(&self) -> String {
        self.clock.now().to_rfc3339_opts(SecondsFormat::Secs, true)
    }
}

async fn open_hub(options: &Options, now: DateTime<Utc>) -> Result<Hub, SessionError> {
    let store = Store::open(&options.database_url).await?;
    Ok(Hub::open(store, options.community.clone(), now).await?)
}

/// Console names are case-insensitive: `Nadia` and `nadia` are one member.
fn user_id(name: &str) -> String {
    name.to_lowercase()
}
