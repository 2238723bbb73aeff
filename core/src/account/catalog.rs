//! `/lang`, `/tz`, `/profile` and `/forget` as the catalog declares them; their grammar
//! is in [`super::command`].

use crate::command::catalog::{Form, Info, Kind, Param, Places, Spec, Sub, Who};

use super::command::{self, Command};

const fn param(name: &'static str, kind: Kind, form: Form, help: &'static str) -> Param {
    Param {
        name,
        kind,
        required: false,
        form,
        help,
    }
}

pub(crate) static LANG: Spec<Command> = Spec {
    info: Info {
        name: "lang",

        fr: "langue",
        aliases: &["language", "langue"],
        help: "cmd-lang",
        params: &[param(
            "language",
            Kind::Language,
            Form::Word,
            "arg-lang-language",
        )],
        subs: &[],
        who: Who::Anyone,
        places: Places::Anywhere,
    },
    parse: |args| command::parse_lang(args).map(|lang| Command::Lang { lang }),
};

pub(crate) static TZ: Spec<Command> = Spec {
    info: Info {
        name: "tz",

        fr: "fuseau",
        aliases: &["timezone", "fuseau"],
        help: "cmd-tz",
        params: &[param("zone", Kind::Zone, Form::Word, "arg-tz-zone")],
        subs: &[],
        who: Who::Anyone,
        places: Places::Anywhere,
    },
    parse: |args| command::parse_tz(args).map(|zone| Command::Tz { zone }),
};

/// The answers `/profile set` changes, each a `key=value`.
const FIELDS: [Param; 6] = [
    param("origin", Kind::Country, Form::Key, "arg-profile-origin"),
    param("country", Kind::Country, Form::Key, "arg-profile-country"),
    param("city", Kind::Text, Form::Key, "arg-profile-city"),
    param("arrival", Kind::Text, Form::Key, "arg-profile-arrival"),
    param("languages", Kind::Text, Form::Key, "arg-profile-languages"),
    param("interests", Kind::Text, Form::Key, "arg-profile-interests"),
];

pub(crate) static PROFILE: Spec<Command> = Spec {
    info: Info {
        name: "profile",

        fr: "profil",
        aliases: &["profil", "me", "moi"],
        help: "cmd-profile",
        params: &[],
        subs: &[
            Sub {
                name: "me",
                aliases: &["moi", "myself", "mine"],
                help: "cmd-profile-me",
                params: &[],
                who: Who::Anyone,
            },
            Sub {
                name: "member",
                aliases: &["membre"],
                help: "cmd-profile-member",
                params: &[Param {
                    required: true,
                    ..param("name", Kind::MemberName, Form::Word, "arg-profile-name")
                }],
                who: Who::Anyone,
            },
            Sub {
                name: "set",
                aliases: &["modifier", "changer"],
                help: "cmd-profile-set",
                params: &FIELDS,
                who: Who::Anyone,
            },
            Sub {
                name: "visibility",
                aliases: &["visibilité", "visible"],
                help: "cmd-profile-visibility",
                params: &[param(
                    "fields",
                    Kind::Text,
                    Form::Word,
                    "arg-profile-fields",
                )],
                who: Who::Anyone,
            },
        ],
        who: Who::Anyone,
        places: Places::Anywhere,
    },
    parse: |args| command::parse_profile(args).map(Command::Profile),
};

pub(crate) static FORGET: Spec<Command> = Spec {
    info: Info {
        name: "forget",

        fr: "oublier",
        aliases: &["oublier", "forget-me", "oubliez-moi"],
        help: "cmd-forget",
        params: &[param(
            "confirm",
            Kind::Choice(&["yes"]),
            Form::Word,
            "arg-forget-confirm",
        )],
        subs: &[],
        who: Who::Anyone,
        places: Places::Private,
    },
    parse: |args| command::parse_forget(args).map(|confirmed| Command::Forget { confirmed }),
};
