//! The public pages, one module per part of the site; each lays out what the hub gives.

pub mod events;
pub mod faq;

use maud::{Markup, html};
use passerelle_core::events::EventView;
use passerelle_core::faq::CountryView;
use passerelle_core::i18n::t;

use crate::layout::Reader;

/// `/`: where the community is, its next events and what its FAQ covers.
pub fn home(
    reader: &Reader,
    platforms: &[(&str, Option<&str>)],
    events: &[EventView],
    countries: &[CountryView],
) -> Markup {
    let lang = reader.lang;
    html! {
        h1 { (reader.community) }
        @if !platforms.is_empty() {
            p { (t(lang, "web-home-on")) }
            ul.platforms {
                @for (name, link) in platforms {
                    li {
                        @if let Some(link) = link { a href=(link) rel="external" { (name) } }
                        @else { (name) }
                    }
                }
            }
        }
        h2 { (t(lang, "web-home-next")) }
        (events::cards(reader, events))
        p { a href=(reader.link("/events")) { (t(lang, "web-home-all-events")) } }
        h2 { (t(lang, "web-faq-title")) }
        ul {
            @for country in countries {
                li { a href=(reader.link(&format!("/faq/{}", country.code))) { (country.name) } }
            }
        }
    }
}

/// What a page that is not there says.
pub fn not_found(reader: &Reader) -> Markup {
    html! { h1 { (t(reader.lang, "web-not-found")) } }
}

/// What a page that failed on our side says.
pub fn failed(reader: &Reader) -> Markup {
    html! { h1 { (t(reader.lang, "web-error")) } }
}
