//! `/faq` as the catalog declares it; its grammar is in [`super::command`].

use crate::command::catalog::{Info, Kind, Param, Places, Spec, Sub, Who};

use super::command::{FaqCommand, parse_faq};

const ENTRY: Param = Param::word("entry", Kind::EntryId, "arg-faq-entry").required();
const LANG: Param = Param::key("lang", Kind::Language, "arg-faq-lang");
const TITLE: Param = Param::key("title", Kind::Text, "arg-faq-title");
const ANSWER: Param = Param::key("answer", Kind::Text, "arg-faq-answer");

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
                    Param::word("country", Kind::Country, "arg-faq-country"),
                    Param::word("city", Kind::City, "arg-faq-city"),
                    Param::word("topic", Kind::Topic, "arg-faq-topic"),
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
                params: &[Param::word("words", Kind::Text, "arg-faq-words").required()],
                who: Who::Anyone,
            },
            Sub {
                name: "add",
                aliases: &["new", "ajouter", "nouveau", "nouvelle"],
                help: "cmd-faq-add",
                params: &[
                    Param::word("country", Kind::Country, "arg-faq-country").required(),
                    Param::word("topic", Kind::Topic, "arg-faq-topic").required(),
                    TITLE.required(),
                    ANSWER.required(),
                    Param::key("city", Kind::City, "arg-faq-city"),
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
                    Param::key("country", Kind::Country, "arg-faq-country"),
                    Param::key("city", Kind::City, "arg-faq-city"),
                    Param::key("topic", Kind::Topic, "arg-faq-topic"),
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
