//! The event commands as the catalog declares them: `/events`, `/event`, `/rsvp` and
//! `/remind`. Their grammar is in [`super::command`].

use crate::command::Problem;
use crate::command::catalog::{Form, Info, Kind, Param, Places, Spec, Sub, Who};
use crate::command::lexer::Arg;

use super::command::{self, Command};

const fn word(name: &'static str, kind: Kind, required: bool, help: &'static str) -> Param {
    Param {
        name,
        kind,
        required,
        form: Form::Word,
        help,
    }
}

const fn key(name: &'static str, kind: Kind, required: bool, help: &'static str) -> Param {
    Param {
        name,
        kind,
        required,
        form: Form::Key,
        help,
    }
}

const EVENT: Param = word("event", Kind::EventId, true, "arg-event");
const DATE: Param = key("date", Kind::EventDate, false, "arg-event-date");

/// What an event is made of, optional on an edit.
macro_rules! details {
    ($required:expr) => {
        [
            key("title", Kind::Text, $required, "arg-event-title"),
            key("when", Kind::DateTime, $required, "arg-event-when"),
            key("where", Kind::Text, false, "arg-event-where"),
            key("duration", Kind::Duration, false, "arg-event-duration"),
            key("capacity", Kind::Number, false, "arg-event-capacity"),
            key("description", Kind::Text, false, "arg-event-description"),
            key("rsvp_until", Kind::DateTime, false, "arg-event-rsvp-until"),
            key("repeat", Kind::Text, false, "arg-event-repeat"),
            key("until", Kind::Text, false, "arg-event-until"),
            key("reminders", Kind::Text, false, "arg-event-reminders"),
        ]
    };
}

const CREATE: [Param; 10] = details!(true);
const EDIT: [Param; 11] = {
    let [a, b, c, d, e, f, g, h, i, j] = details!(false);
    [EVENT, a, b, c, d, e, f, g, h, i, j]
};

pub(crate) static EVENTS: Spec<Command> = Spec {
    info: Info {
        name: "events",

        fr: "événements",
        aliases: &["événements", "evenements", "évènements", "agenda"],
        help: "cmd-events",
        params: &[word(
            "filter",
            Kind::Choice(&["all", "mine", "week", "ics"]),
            false,
            "arg-events-filter",
        )],
        subs: &[],
        who: Who::Anyone,
        places: Places::Anywhere,
    },
    parse: |args| {
        let words = crate::command::plain_words(args)?;
        command::parse_events(words).map(|filter| Command::Events { filter })
    },
};

pub(crate) static EVENT_COMMAND: Spec<Command> = Spec {
    info: Info {
        name: "event",

        fr: "événement",
        aliases: &["événement", "evenement", "évènement"],
        help: "cmd-event",
        params: &[],
        subs: &[
            Sub {
                name: "create",
                aliases: &["new", "add", "créer", "nouveau", "ajouter"],
                help: "cmd-event-create",
                params: &CREATE,
                who: Who::Organizers,
            },
            Sub {
                name: "show",
                aliases: &["voir", "details"],
                help: "cmd-event-show",
                params: &[EVENT],
                who: Who::Anyone,
            },
            Sub {
                name: "edit",
                aliases: &["change", "modifier", "changer"],
                help: "cmd-event-edit",
                params: &EDIT,
                who: Who::Organizers,
            },
            Sub {
                name: "cancel",
                aliases: &["delete", "annuler", "supprimer"],
                help: "cmd-event-cancel",
                params: &[EVENT, DATE],
                who: Who::Organizers,
            },
            Sub {
                name: "attendees",
                aliases: &["who", "participants", "inscrits"],
                help: "cmd-event-attendees",
                params: &[EVENT, DATE],
                who: Who::Anyone,
            },
            Sub {
                name: "host",
                aliases: &["hosts", "hôte", "hôtes"],
                help: "cmd-event-host",
                params: &[
                    EVENT,
                    word(
                        "action",
                        Kind::Choice(&["add", "remove"]),
                        true,
                        "arg-host-action",
                    ),
                    word("name", Kind::MemberName, true, "arg-host-name"),
                ],
                who: Who::Organizers,
            },
            Sub {
                name: "ics",
                aliases: &["ical", "calendar", "calendrier"],
                help: "cmd-event-ics",
                params: &[EVENT],
                who: Who::Anyone,
            },
        ],
        who: Who::Accepted,
        places: Places::Anywhere,
    },
    parse: |args| command::parse_event(args).map(|event| Command::Event(Box::new(event))),
};

pub(crate) static RSVP: Spec<Command> = Spec {
    info: Info {
        name: "rsvp",

        fr: "réponse",
        aliases: &["réponse", "reponse", "inscription"],
        help: "cmd-rsvp",
        params: &[
            EVENT,
            word(
                "answer",
                Kind::Choice(&["yes", "maybe", "no"]),
                true,
                "arg-rsvp-answer",
            ),
            DATE,
        ],
        subs: &[],
        who: Who::Accepted,
        places: Places::Anywhere,
    },
    parse: |args| {
        command::parse_rsvp(args).map(|(event, answer, date)| Command::Rsvp {
            event,
            answer,
            date,
        })
    },
};

pub(crate) static REMIND: Spec<Command> = Spec {
    info: Info {
        name: "remind",

        fr: "rappel",
        aliases: &["rappel", "rappels", "reminders"],
        help: "cmd-remind",
        params: &[
            EVENT,
            word(
                "switch",
                Kind::Choice(&["on", "off"]),
                true,
                "arg-remind-switch",
            ),
        ],
        subs: &[],
        who: Who::Anyone,
        places: Places::Anywhere,
    },
    parse: |args: Vec<Arg>| -> Result<Command, Problem> {
        let words = crate::command::plain_words(args)?;
        command::parse_remind(words).map(|(event, wanted)| Command::Remind { event, wanted })
    },
};
