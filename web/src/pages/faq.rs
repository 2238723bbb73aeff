//! The FAQ's pages: its countries and topics, a country, a country's topic, one entry,
//! and search (with the chat's folding and typo correction).

use maud::{Markup, html};
use passerelle_core::faq::{CountryView, EntryView};
use passerelle_core::i18n::{t, t_with};

use crate::layout::{Reader, light_markup};

/// `/faq`: the search form, then each country with its topics.
pub fn index(reader: &Reader, countries: &[CountryView]) -> Markup {
    let lang = reader.lang;
    html! {
        h1 { (t(lang, "web-faq-title")) }
        p { (t(lang, "web-faq-intro")) }
        (search_form(reader, ""))
        h2 { (t(lang, "web-faq-countries")) }
        @if countries.is_empty() {
            p { (t(lang, "web-faq-empty")) }
        }
        @for country in countries {
            section {
                h3 { a href=(reader.link(&format!("/faq/{}", country.code))) { (country.name) } }
                ul {
                    @for topic in &country.topics {
                        li {
                            a href=(reader.link(&format!("/faq/{}/{}", country.code, topic.key))) { (topic.name) }
                            " "
                            span.count { "(" (t_with(lang, "web-faq-answers", &[("count", topic.entries.into())])) ")" }
                        }
                    }
                }
            }
        }
    }
}

/// A country's entries (of one topic when `topic` names it).
pub fn place(reader: &Reader, heading: &str, entries: &[EntryView]) -> Markup {
    html! {
        h1 { (heading) }
        (search_form(reader, ""))
        (entry_list(reader, entries))
    }
}

/// One entry, in full.
pub fn entry(reader: &Reader, entry: &EntryView) -> Markup {
    html! {
        article lang=(entry.language) {
            h1 { (entry.title) }
            p.filing {
                a href=(reader.link(&format!("/faq/{}", entry.country.code))) { (entry.country.name) }
                @if let Some(city) = &entry.city { " · " (city) }
                " · "
                a href=(reader.link(&format!("/faq/{}/{}", entry.country.code, entry.topic.key))) { (entry.topic.name) }
            }
            (light_markup(&entry.answer))
            p.reviewed { time datetime=(entry.reviewed_on) { (entry.reviewed) } }
            @for note in &entry.notes {
                p.note lang=(reader.lang.code()) { (note) }
            }
        }
    }
}

/// `/faq/search?q=…`: what was found, and how the query was read.
pub fn search(
    reader: &Reader,
    query: &str,
    corrected: Option<&str>,
    entries: &[EntryView],
) -> Markup {
    let lang = reader.lang;
    html! {
        h1 { (t_with(lang, "web-faq-search-results", &[("query", query.to_owned().into())])) }
        (search_form(reader, query))
        @if let Some(corrected) = corrected {
            p.note { (t_with(lang, "web-faq-search-corrected", &[("corrected", corrected.to_owned().into())])) }
        }
        @if entries.is_empty() {
            p { (t_with(lang, "web-faq-search-none", &[("query", query.to_owned().into())])) }
        } @else {
            (entry_list(reader, entries))
        }
    }
}

fn entry_list(reader: &Reader, entries: &[EntryView]) -> Markup {
    let lang = reader.lang;
    html! {
        @if entries.is_empty() {
            p { (t(lang, "web-faq-empty")) }
        }
        ul.entries {
            @for entry in entries {
                li {
                    a href=(reader.link(&format!("/faq/entry/{}", entry.id))) lang=(entry.language) { (entry.title) }
                    " "
                    span.filing {
                        (entry.country.name)
                        @if let Some(city) = &entry.city { " · " (city) }
                        " · " (entry.topic.name)
                    }
                }
            }
        }
    }
}

fn search_form(reader: &Reader, query: &str) -> Markup {
    let lang = reader.lang;
    html! {
        form.search role="search" action="/faq/search" method="get" {
            label for="q" { (t(lang, "web-faq-search-label")) }
            input #q type="search" name="q" value=(query) required;
            @if let Some(asked) = reader.asked {
                input type="hidden" name="lang" value=(asked.code());
            }
            button type="submit" { (t(lang, "web-faq-search-button")) }
        }
    }
}
