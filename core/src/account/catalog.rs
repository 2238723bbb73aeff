//! `/lang`, `/tz`, `/profile`, `/link`, `/unlink` and `/forget` as the catalog declares
//! them; their grammar
//! is in [`super::command`].

use crate::command::catalog::{Info, Kind, Param, Places, Spec, Sub, Who};

use super::command::{self, Command};

pub(crate) static LANG: Spec<Command> = Spec {
    info: Info {
        name: "lang",

        fr: "langue",
        aliases: &["language", "langue"],
        help: "cmd-lang",
        params: &[Param::word("language", Kind::Language, "arg-lang-language")],
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
        params: &[Param::word("zone", Kind::Zone, "arg-tz-zone")],
        subs: &[],
        who: Who::Anyone,
        places: Places::Anywhere,
    },
    parse: |args| command::parse_tz(args).map(|zone| Command::Tz { zone }),
};

/// The answers `/profile set` changes, each a `key=value`.
const FIELDS: [Param; 8] = [
    Param::key("origin", Kind::Country, "arg-profile-origin"),
    Param::key("country", Kind::Country, "arg-profile-country"),
    Param::key("city", Kind::Text, "arg-profile-city"),
    Param::key("arrival", Kind::Text, "arg-profile-arrival"),
    Param::key("languages", Kind::Text, "arg-profile-languages"),
    Param::key("interests", Kind::Text, "arg-profile-interests"),
    Param::key("name", Kind::Text, "arg-profile-display-name"),
    Param::key(
        "dm",
        Kind::Choice(&["discord", "matrix", "telegram"]),
        "arg-profile-dm",
    ),
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
                params: &[Param::word("name", Kind::MemberName, "arg-profile-name").required()],
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
                params: &[Param::word("fields", Kind::Text, "arg-profile-fields")],
                who: Who::Anyone,
            },
        ],
        who: Who::Anyone,
        places: Places::Anywhere,
    },
    parse: |args| command::parse_profile(args).map(Command::Profile),
};

pub(crate) static LINK: Spec<Command> = Spec {
    info: Info {
        name: "link",

        fr: "lier",
        aliases: &["lier"],
        help: "cmd-link",
        params: &[Param::word("code", Kind::Text, "arg-link-code")],
        subs: &[],
        who: Who::Anyone,
        places: Places::Anywhere,
    },
    parse: |args| command::parse_link(args).map(|code| Command::Link { code }),
};

pub(crate) static UNLINK: Spec<Command> = Spec {
    info: Info {
        name: "unlink",

        fr: "délier",
        aliases: &["délier", "delier"],
        help: "cmd-unlink",
        params: &[Param::word(
            "platform",
            Kind::Choice(&["discord", "matrix", "telegram"]),
            "arg-unlink-platform",
        )
        .required()],
        subs: &[],
        who: Who::Anyone,
        places: Places::Private,
    },
    parse: |args| command::parse_unlink(args).map(|platform| Command::Unlink { platform }),
};

pub(crate) static FORGET: Spec<Command> = Spec {
    info: Info {
        name: "forget",

        fr: "oublier",
        aliases: &["oublier", "forget-me", "oubliez-moi"],
        help: "cmd-forget",
        params: &[Param::word(
            "confirm",
            Kind::Choice(&["yes"]),
            "arg-forget-confirm",
        )],
        subs: &[],
        who: Who::Anyone,
        places: Places::Private,
    },
    parse: |args| command::parse_forget(args).map(|confirmed| Command::Forget { confirmed }),
};
