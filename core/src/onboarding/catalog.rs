//! `/onboard`, `/accept`, `/meet` and `/welcome` as the catalog declares them; their
//! grammar is in [`super::command`].

use crate::command::Problem;
use crate::command::catalog::{Info, Kind, Param, Places, Spec, Sub, Who};

use super::command::{self, Command};

const NAME: Param = Param::word("name", Kind::MemberName, "arg-welcome-name").required();

const fn alone(
    name: &'static str,
    aliases: &'static [&'static str],
    help: &'static str,
    who: Who,
) -> Sub {
    Sub {
        name,
        aliases,
        help,
        params: &[],
        who,
    }
}

const fn named(name: &'static str, aliases: &'static [&'static str], help: &'static str) -> Sub {
    Sub {
        name,
        aliases,
        help,
        params: &[NAME],
        who: Who::Welcomers,
    }
}

pub(crate) static ONBOARD: Spec<Command> = Spec {
    info: Info {
        name: "onboard",

        fr: "questionnaire",
        aliases: &["onboarding", "questionnaire", "intro"],
        help: "cmd-onboard",
        params: &[],
        subs: &[
            alone(
                "resume",
                &["continue", "continuer", "reprendre"],
                "cmd-onboard-resume",
                Who::Anyone,
            ),
            alone(
                "restart",
                &["recommencer", "again", "reprendre-a-zero"],
                "cmd-onboard-restart",
                Who::Anyone,
            ),
            alone("skip", &["passer"], "cmd-onboard-skip", Who::Anyone),
            alone("back", &["retour"], "cmd-onboard-back", Who::Anyone),
            Sub {
                name: "answer",
                aliases: &["répondre", "repondre"],
                help: "cmd-onboard-answer",
                params: &[
                    Param::word(
                        "step",
                        Kind::Choice(&[
                            "language",
                            "origin",
                            "country",
                            "city",
                            "arrival",
                            "languages",
                            "interests",
                        ]),
                        "arg-onboard-step",
                    )
                    .required(),
                    Param::word("value", Kind::Text, "arg-onboard-value").required(),
                ],
                who: Who::Anyone,
            },
        ],
        who: Who::Anyone,
        places: Places::Private,
    },
    parse: |args| command::parse_onboard(args).map(Command::Onboard),
};

pub(crate) static ACCEPT: Spec<Command> = Spec {
    info: Info {
        name: "accept",

        fr: "accepter",
        aliases: &["accepter", "agree"],
        help: "cmd-accept",
        params: &[],
        subs: &[],
        who: Who::Anyone,
        places: Places::Anywhere,
    },
    parse: |args| match args.is_empty() {
        true => Ok(Command::Accept),
        false => Err(Problem::TakesNothing),
    },
};

pub(crate) static MEET: Spec<Command> = Spec {
    info: Info {
        name: "meet",

        fr: "rencontrer",
        aliases: &["rencontrer", "rencontres", "match"],
        help: "cmd-meet",
        params: &[Param::word(
            "switch",
            Kind::Choice(&["on", "off"]),
            "arg-meet-switch",
        )],
        subs: &[],
        who: Who::Accepted,
        places: Places::Anywhere,
    },
    parse: |args| command::parse_meet(args).map(Command::Meet),
};

pub(crate) static WELCOME: Spec<Command> = Spec {
    info: Info {
        name: "welcome",

        fr: "accueil",
        aliases: &["accueil", "welcome-team"],
        help: "cmd-welcome",
        params: &[],
        subs: &[
            alone(
                "queue",
                &["list", "file", "liste"],
                "cmd-welcome-queue",
                Who::Welcomers,
            ),
            alone(
                "stats",
                &["statistics", "statistiques"],
                "cmd-welcome-stats",
                Who::Welcomers,
            ),
            named("claim", &["take", "prendre"], "cmd-welcome-claim"),
            named(
                "unclaim",
                &["release", "rendre", "lacher"],
                "cmd-welcome-unclaim",
            ),
            named(
                "done",
                &["close", "fini", "termine", "clore"],
                "cmd-welcome-done",
            ),
            Sub {
                name: "note",
                aliases: &[],
                help: "cmd-welcome-note",
                params: &[
                    NAME,
                    Param::word("text", Kind::Text, "arg-welcome-text").required(),
                ],
                who: Who::Welcomers,
            },
            Sub {
                name: "say",
                aliases: &["dire", "écrire", "message"],
                help: "cmd-welcome-say",
                params: &[
                    NAME,
                    Param::word("text", Kind::Text, "arg-welcome-message").required(),
                ],
                who: Who::Welcomers,
            },
        ],
        who: Who::Welcomers,
        places: Places::Anywhere,
    },
    parse: |args| command::parse_welcome(args).map(Command::Welcome),
};
