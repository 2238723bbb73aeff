//! `/faq` as the catalog declares it; its grammar is in [`super::command`].

use crate::command::catalog::{Form, Info, Kind, Param, Places, Spec, Sub, Who};

use super::command::{FaqCommand, parse_faq};

const fn param(name: &'static str, kind: Kind, form: Form, help: &'static str) -> Param {
    Param {
        name,
        kind,
        required: false,
        form,
        help,
    }
}

const fn required(param: Param) -> Param {
    Param {
        required: true,
        ..param
    }
}

const ENTRY: Param = required(param("entry", Kind::EntryId, Form::Word, "arg-faq-entry"));
const LANG: Param = param("lang", Kind::Language, Form::Key, "arg-faq-lang");
const TITLE: Param = param("title", Kind::Text, Form::Key, "arg-faq-title");
const ANSWER: Param = param("answer", Kind::Text, Form::Key, "arg-faq-answer");

pub(crate) static FAQ: Spec<Box<FaqCommand>> = Spec {
    info: Info {
        name: "faq",

        fr: "questions",
        aliases: &["questions", "aide-pratique"],
        help: "cmd-faq",
        params: &[],
        subs: &[
            Sub {
                name: "browse",
                aliases: &["parcourir"],
                help: "cmd-faq-browse",
                params: &[
                    param("country", Kind::Country, Form::Word, "arg-faq-country"),
                    param("city", Kind::City, Form::Word, "arg-faq-city"),
                    param("topic", Kind::Topic, Form::Word, "arg-faq-topic"),
                ],
                who: Who::Anyone,
            },
            Sub {
                name: "show",
                aliases: &["voir"],
                help: "cmd-faq-show",
                params: &[ENTRY],
                who: Who::Anyone,
            },
            Sub {
                name: "search",
                aliases: &["find", "recherche", "rechercher", "chercher"],
                help: "cmd-faq-search",
                params: &[required(param(
                    "words",
                    Kind::Text,
                    Form::Word,
                    "arg-faq-words",
                ))],
                who: Who::Anyone,
            },
            Sub {
                name: "add",
                aliases: &["new", "ajouter", "nouveau", "nouvelle"],
                help: "cmd-faq-add",
                params: &[
                    required(param(
                        "country",
                        Kind::Country,
                        Form::Word,
                        "arg-faq-country",
                    )),
                    required(param("topic", Kind::Topic, Form::Word, "arg-faq-topic")),
                    required(TITLE),
                    required(ANSWER),
                    param("city", Kind::City, Form::Key, "arg-faq-city"),
                    LANG,
                ],
                who: Who::Editors,
            },
            Sub {
                name: "edit",
                aliases: &["change", "modifier"],
                help: "cmd-faq-edit",
                params: &[
                    ENTRY,
                    LANG,
                    TITLE,
                    ANSWER,
                    param("country", Kind::Country, Form::Key, "arg-faq-country"),
                    param("city", Kind::City, Form::Key, "arg-faq-city"),
                    param("topic", Kind::Topic, Form::Key, "arg-faq-topic"),
                ],
                who: Who::Editors,
            },
            Sub {
                name: "remove",
                aliases: &["delete", "supprimer", "retirer"],
                help: "cmd-faq-remove",
                params: &[ENTRY],
                who: Who::Editors,
            },
            Sub {
                name: "reviewed",
                aliases: &["review", "relu", "relue", "revu", "revue"],
                help: "cmd-faq-reviewed",
                params: &[ENTRY, LANG],
                who: Who::Editors,
            },
            Sub {
                name: "history",
                aliases: &["historique"],
                help: "cmd-faq-history",
                params: &[ENTRY],
                who: Who::Editors,
            },
            Sub {
                name: "stale",
                aliases: &["à-revoir", "perime", "perimees", "perimes"],
                help: "cmd-faq-stale",
                params: &[],
                who: Who::Editors,
            },
        ],
        who: Who::Anyone,
        places: Places::Anywhere,
    },
    parse: |args| parse_faq(args).map(Box::new),
};
