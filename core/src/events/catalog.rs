//! The event commands as the catalog declares them: `/events`, `/event`, `/rsvp` and
//! `/remind`. Their grammar is in [`super::command`].

use crate::command::Problem;
use crate::command::catalog::{Info, Kind, Param, Places, Spec, Sub, Who};
use crate::command::lexer::Arg;

use super::command::{self, Command};

const EVENT: Param = Param::word("event", Kind::EventId, "arg-event").required();
const DATE: Param = Param::key("date", Kind::EventDate, "arg-event-date");

/// What an event is made of; title and date required on a creation, not on an edit.
const fn details(required: bool) -> [Param; 10] {
    [
        Param::key("title", Kind::Text, "arg-event-title").required_if(required),
        Param::key("when", Kind::DateTime, "arg-event-when").required_if(required),
        Param::key("where", Kind::Text, "arg-event-where"),
        Param::key("duration", Kind::Duration, "arg-event-duration"),
        Param::key("capacity", Kind::Number, "arg-event-capacity"),
        Param::key("description", Kind::Text, "arg-event-description"),
        Param::key("rsvp_until", Kind::DateTime, "arg-event-rsvp-until"),
        Param::key("repeat", Kind::Text, "arg-event-repeat"),
        Param::key("until", Kind::Text, "arg-event-until"),
        Param::key("reminders", Kind::Text, "arg-event-reminders"),
    ]
}

const CREATE: [Param; 10] = details(true);
const EDIT: [Param; 11] = {
    let [a, b, c, d, e, f, g, h, i, j] = details(false);
    [EVENT, a, b, c, d, e, f, g, h, i, j]
};

pub(crate) static EVENTS: Spec<Command> = Spec {
    info: Info {
        name: "events",

        fr: "événements",
        aliases: &["événements", "evenements", "évènements", "agenda"],
        help: "cmd-events",
        params: &[Param::word(
            "filter",
            Kind::Choice(&["all", "mine", "week", "ics"]),
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
                    Param::word(
                        "action",
                        Kind::Choice(&["add", "remove"]),
                        "arg-host-action",
                    )
                    .required(),
                    Param::word("name", Kind::MemberName, "arg-host-name").required(),
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
            Param::word(
                "answer",
                Kind::Choice(&["yes", "maybe", "no"]),
                "arg-rsvp-answer",
            )
            .required(),
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
            Param::word("switch", Kind::Choice(&["on", "off"]), "arg-remind-switch").required(),
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
