//! The events' pages: the next date of each upcoming event, and one event, with its
//! calendar file. Counts only, never who is going.

use maud::{Markup, PreEscaped, html};
use passerelle_core::events::EventView;
use passerelle_core::i18n::{t, t_with};

use crate::layout::{Reader, light_markup};

/// `/events`: every upcoming event, soonest first, and the feed to subscribe to.
pub fn list(reader: &Reader, slug: &str, events: &[EventView]) -> Markup {
    let lang = reader.lang;
    html! {
        h1 { (t(lang, "web-events-title")) }
        p { a.feed href=(format!("/calendar/{slug}.ics")) type="text/calendar" { (t(lang, "web-events-subscribe")) } }
        (cards(reader, events))
        (local_times(reader))
    }
}

/// The events as a list of short cards.
pub fn cards(reader: &Reader, events: &[EventView]) -> Markup {
    let lang = reader.lang;
    html! {
        @if events.is_empty() {
            p { (t(lang, "web-events-none")) }
        }
        ul.events {
            @for event in events {
                li {
                    a href=(reader.link(&format!("/events/{}", event.id))) { (event.title) }
                    br;
                    (moment(event))
                    @if let Some(place) = &event.place { " · " (place) }
                    br;
                    span.count { (counts(reader, event)) }
                }
            }
        }
    }
}

/// One event in full, with links to where it was announced (platform, address).
pub fn one(reader: &Reader, slug: &str, event: &EventView, announced: &[(&str, String)]) -> Markup {
    let lang = reader.lang;
    html! {
        article {
            h1 { (event.title) }
            dl {
                dt { (t(lang, "web-event-when")) }
                dd { (moment(event)) }
                dt { (t(lang, "web-event-zone")) }
                dd { (event.zone) }
                @if let Some(place) = &event.place {
                    dt { (t(lang, "web-event-where")) }
                    dd { (place) }
                }
                dt { (t(lang, "web-event-duration")) }
                dd { (event.duration) }
            }
            p.count { (counts(reader, event)) }
            @if event.repeats { p { (t(lang, "web-event-repeats")) } }
            @if let Some(description) = &event.description { (light_markup(description)) }
            p { a.ics href=(format!("/calendar/{slug}/{}.ics", event.id)) type="text/calendar" { (t(lang, "web-event-ics")) } }
            @if !announced.is_empty() {
                p.announced {
                    (t(lang, "web-event-announced")) " "
                    @for (index, (platform, link)) in announced.iter().enumerate() {
                        @if index > 0 { " · " }
                        a href=(link) rel="external" { (platform) }
                    }
                }
            }
            p.note { (t_with(lang, "web-event-answer", &[("id", event.id.into())])) }
        }
        (local_times(reader))
    }
}

/// The date as written in the event's zone, marked with the instant it is (which
/// [`LOCAL_TIMES`] also writes in the reader's own zone, when scripts run).
fn moment(event: &EventView) -> Markup {
    html! {
        time datetime=(event.start.to_rfc3339()) data-zone=(event.zone) { (event.when) }
    }
}

/// Adds, after each date of the page, the same instant in the reader's zone when it is
/// not the event's. The page reads the same without it.
const LOCAL_TIMES: &str = "document.querySelectorAll('time[data-zone]').forEach(function (t) {\
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;\
  if (!zone || zone === t.dataset.zone) return;\
  var shown = new Intl.DateTimeFormat(document.documentElement.lang, {weekday: 'short', day: 'numeric',\
    month: 'short', hour: '2-digit', minute: '2-digit'}).format(new Date(t.getAttribute('datetime')));\
  var yours = document.createElement('span');\
  yours.className = 'yours';\
  var label = document.querySelector('[data-yours]').dataset.yours;\
  yours.textContent = ' (' + label + ' ' + shown + ')';\
  t.after(yours);\
});";

/// The script of [`LOCAL_TIMES`], with the words it writes.
fn local_times(reader: &Reader) -> Markup {
    html! {
        div hidden data-yours=(t(reader.lang, "web-event-your-time")) {}
        script { (PreEscaped(LOCAL_TIMES)) }
    }
}

fn counts(reader: &Reader, event: &EventView) -> String {
    let lang = reader.lang;
    let going = t_with(lang, "web-event-going", &[("going", event.going.into())]);
    match event.places_left {
        Some(left) => format!(
            "{going} · {}",
            t_with(
                lang,
                "web-event-places",
                &[
                    ("left", left.into()),
                    ("waitlisted", event.waitlisted.into())
                ]
            )
        ),
        None => going,
    }
}
