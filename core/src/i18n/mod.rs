//! Every user-facing string, in each supported language, from Fluent catalogs.
//!
//! Each job keeps its messages in its own folder (`events/en.ftl`, `events/fr.ftl`…);
//! the shared ones (errors, `/help`) are beside this file. All are compiled in and
//! loaded together from [`crate::jobs::TEXTS`]. A message missing from one language
//! falls back to English; a test checks both languages hold the same messages in every
//! part, and debug builds panic on an unknown message ID.

mod dates;

use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

use crate::lang::Lang;

pub use dates::{format_date, format_date_time, format_time};

/// One part of the catalog, a job's messages (or the shared ones), in each language.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Texts {
    pub(crate) en: &'static str,
    pub(crate) fr: &'static str,
}

impl Texts {
    fn in_lang(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Fr => self.fr,
        }
    }
}

/// The messages no job owns: errors, `/help`, language and role names.
pub(crate) const SHARED: Texts = Texts {
    en: include_str!("en.ftl"),
    fr: include_str!("fr.ftl"),
};

/// What the public web pages say around the FAQ and the events.
pub(crate) const WEB: Texts = Texts {
    en: include_str!("web-en.ftl"),
    fr: include_str!("web-fr.ftl"),
};

struct Catalog {
    en: FluentBundle<FluentResource>,
    fr: FluentBundle<FluentResource>,
}

static CATALOG: LazyLock<Catalog> = LazyLock::new(|| Catalog {
    en: bundle(Lang::En),
    fr: bundle(Lang::Fr),
});

fn bundle(lang: Lang) -> FluentBundle<FluentResource> {
    let id: LanguageIdentifier = lang.code().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Isolation marks are invisible characters that chat clients show as boxes.
    bundle.set_use_isolating(false);
    for texts in crate::jobs::TEXTS {
        let source = texts.in_lang(lang);
        let resource =
            FluentResource::try_new(source.to_owned()).unwrap_or_else(|(resource, errors)| {
                tracing::error!(
                    ?errors,
                    lang = lang.code(),
                    "syntax errors in a message catalog"
                );
                resource
            });
        if let Err(errors) = bundle.add_resource(resource) {
            tracing::error!(
                ?errors,
                lang = lang.code(),
                "duplicate messages in a catalog"
            );
        }
    }
    bundle
}

impl Catalog {
    fn bundle(&self, lang: Lang) -> &FluentBundle<FluentResource> {
        match lang {
            Lang::En => &self.en,
            Lang::Fr => &self.fr,
        }
    }
}

/// `language` named in `lang`, as in a sentence ("en français", "in French").
pub fn language_name(lang: Lang, language: Lang) -> String {
    t(lang, &format!("language-{}", language.code()))
}

/// One choice per language the hub speaks, each its own name, picking `/lang CODE`.
pub fn language_choices() -> Vec<crate::reply::Choice> {
    Lang::ALL
        .iter()
        .map(|lang| crate::reply::Choice::new(lang.native_name(), format!("/lang {}", lang.code())))
        .collect()
}

/// The message `id` in `lang`, without arguments.
pub fn t(lang: Lang, id: &str) -> String {
    t_with(lang, id, &[])
}

/// The message `id` in `lang`, with named arguments.
pub fn t_with(lang: Lang, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        fluent_args.set(*name, value.clone());
    }
    let found = [lang, Lang::En].into_iter().find_map(|lang| {
        let bundle = CATALOG.bundle(lang);
        bundle
            .get_message(id)
            .and_then(|message| message.value())
            .map(|pattern| (bundle, pattern))
    });
    let Some((bundle, pattern)) = found else {
        debug_assert!(false, "no message `{id}` in the catalogs");
        tracing::error!(id, "no message in the catalogs");
        return id.to_owned();
    };
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
    debug_assert!(errors.is_empty(), "formatting `{id}`: {errors:?}");
    text.into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn ids(source: &str) -> BTreeSet<String> {
        let resource = FluentResource::try_new(source.to_owned()).expect("catalog parses");
        resource
            .entries()
            .filter_map(|entry| match entry {
                fluent_syntax::ast::Entry::Message(message) => Some(message.id.name.to_owned()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn both_languages_hold_the_same_messages_in_every_part() {
        for texts in crate::jobs::TEXTS {
            let (en, fr) = (ids(texts.en), ids(texts.fr));
            assert!(!en.is_empty());
            assert_eq!(
                en.difference(&fr).collect::<Vec<_>>(),
                Vec::<&String>::new(),
                "missing in French"
            );
            assert_eq!(
                fr.difference(&en).collect::<Vec<_>>(),
                Vec::<&String>::new(),
                "missing in English"
            );
        }
    }

    #[test]
    fn no_message_is_in_two_parts() {
        let mut seen = BTreeSet::new();
        for texts in crate::jobs::TEXTS {
            for id in ids(texts.en) {
                assert!(seen.insert(id.clone()), "{id} is in two parts");
            }
        }
    }

    #[test]
    fn arguments_are_placed_without_invisible_marks() {
        let text = t_with(
            Lang::En,
            "lang-unknown",
            &[("input", "xx".into()), ("available", "en".into())],
        );
        assert!(text.contains("“xx”"), "{text}");
        assert!(!text.contains('\u{2068}'));
    }
}
