//! Every user-facing string, in each supported language, from Fluent catalogs.
//!
//! The catalogs are `en.ftl` and `fr.ftl` beside this file, plus `*-onboarding.ftl` for
//! onboarding, compiled into the binary.
//! A message missing from one language falls back to English; a test checks both
//! catalogs hold the same messages, and debug builds panic on an unknown message ID.

mod dates;

use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

use crate::lang::Lang;

pub use dates::{format_date, format_date_time, format_time};

const EN: &str = concat!(
    include_str!("en.ftl"),
    "\n",
    include_str!("en-onboarding.ftl")
);
const FR: &str = concat!(
    include_str!("fr.ftl"),
    "\n",
    include_str!("fr-onboarding.ftl")
);

struct Catalog {
    en: FluentBundle<FluentResource>,
    fr: FluentBundle<FluentResource>,
}

static CATALOG: LazyLock<Catalog> = LazyLock::new(|| Catalog {
    en: bundle(Lang::En, EN),
    fr: bundle(Lang::Fr, FR),
});

fn bundle(lang: Lang, source: &str) -> FluentBundle<FluentResource> {
    let resource =
        FluentResource::try_new(source.to_owned()).unwrap_or_else(|(resource, errors)| {
            tracing::error!(
                ?errors,
                lang = lang.code(),
                "syntax errors in a message catalog"
            );
            resource
        });
    let id: LanguageIdentifier = lang.code().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Isolation marks are invisible characters that chat clients show as boxes.
    bundle.set_use_isolating(false);
    if let Err(errors) = bundle.add_resource(resource) {
        tracing::error!(
            ?errors,
            lang = lang.code(),
            "duplicate messages in a catalog"
        );
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
    fn both_catalogs_hold_the_same_messages() {
        let (en, fr) = (ids(EN), ids(FR));
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
