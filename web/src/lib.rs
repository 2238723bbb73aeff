//! The hub on the web: the community's FAQ and events as public pages (server-rendered,
//! no script needed), its calendar feeds, and `/healthz`, `/readyz`
//! and `/metrics` for operators. One axum server per process, started by
//! `passerelle run` when `[http]` is set.
//!
//! Every page is read-only and names no member: the pages lay out plain data the core
//! gives (`Hub::faq_index`, `Hub::event_views`…), through `maud`, which escapes all text.

mod feeds;
mod health;
mod lang;
mod layout;
mod links;
mod pages;
mod pushed;
pub mod settings;

use std::net::SocketAddr;

use axum::Router;
use axum::extract::{FromRequestParts, Path, Query, State};
use axum::http::header::{ACCEPT_LANGUAGE, CACHE_CONTROL, CONTENT_TYPE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use chrono::Utc;
use maud::Markup;
use passerelle_core::Hub;
use passerelle_core::i18n::t;
use passerelle_runtime::Health;
use passerelle_runtime::hooks::Hooks;
use serde::Deserialize;
use tokio::sync::watch;

pub use settings::Settings;

use layout::Reader;

/// How many events the home page shows.
const HOME_EVENTS: u32 = 5;
/// How many events `/events` lists.
const LISTED_EVENTS: u32 = 100;

/// What every request handler shares.
#[derive(Debug, Clone)]
struct Web {
    hub: Hub,
    health: Health,
    /// Where what platforms push goes: their adapters' hooks.
    hooks: Hooks,
    stamps: feeds::Stamps,
    /// Where to join, by platform: `[http.join]`.
    join: std::sync::Arc<Vec<(String, String)>>,
    discord_guild: Option<u64>,
}

/// The site's routes over `hub`'s community; what platforms push goes to `hooks`.
pub fn router(hub: Hub, settings: &Settings, health: Health, hooks: Hooks) -> Router {
    let web = Web {
        hub,
        health,
        hooks,
        stamps: feeds::Stamps::default(),
        join: std::sync::Arc::new(settings.join.clone()),
        discord_guild: settings.discord_guild,
    };
    Router::new()
        .route("/", get(home))
        .route("/faq", get(faq_index))
        .route("/faq/search", get(faq_search))
        .route("/faq/entry/{id}", get(faq_entry))
        .route("/faq/{country}", get(faq_country))
        .route("/faq/{country}/{topic}", get(faq_topic))
        .route("/events", get(events))
        .route("/events/{id}", get(event))
        .route("/calendar/{file}", get(feed))
        .route("/calendar/{community}/{file}", get(event_file))
        .route("/style.css", get(stylesheet))
        .route("/healthz", get(health::alive))
        .route("/readyz", get(health::ready))
        .route("/metrics", get(health::metrics))
        .route("/telegram/{secret}", post(pushed::telegram))
        .route("/discord/interactions", post(pushed::discord))
        .fallback(not_found)
        .with_state(web)
}

/// Serves the site on `settings.listen` until `shutdown`; `listening` is told the
/// address once the socket is bound.
pub async fn serve(
    hub: Hub,
    settings: Settings,
    health: Health,
    hooks: Hooks,
    mut shutdown: watch::Receiver<bool>,
    listening: impl FnOnce(SocketAddr),
) -> Result<(), String> {
    let listener = tokio::net::TcpListener::bind(settings.listen)
        .await
        .map_err(|error| format!("cannot listen on {}: {error}", settings.listen))?;
    let address = listener
        .local_addr()
        .map_err(|error| format!("cannot read the address listened on: {error}"))?;
    listening(address);
    let app = router(hub, &settings, health, hooks);
    axum::serve(listener, app)
        .with_graceful_shutdown(async move {
            let _ = shutdown.wait_for(|stop| *stop).await;
        })
        .await
        .map_err(|error| format!("the web server stopped: {error}"))
}

/// What the address asks for: a language, and a search.
#[derive(Debug, Default, Deserialize)]
struct Asked {
    lang: Option<String>,
    q: Option<String>,
}

impl Web {
    /// Who reads: their language from the address or the browser.
    fn reader(&self, uri: &Uri, asked: &Asked, headers: &HeaderMap) -> Reader {
        let community = self.hub.community();
        let accept = headers.get(ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok());
        let lang = lang::reader_lang(asked.lang.as_deref(), accept, community.language);
        let kept: Vec<&str> = uri
            .query()
            .unwrap_or_default()
            .split('&')
            .filter(|pair| !pair.is_empty() && !pair.starts_with("lang="))
            .collect();
        let path = match kept.is_empty() {
            true => uri.path().to_owned(),
            false => format!("{}?{}", uri.path(), kept.join("&")),
        };
        Reader {
            lang,
            asked: asked
                .lang
                .as_deref()
                .and_then(passerelle_core::lang::Lang::parse),
            community: community.name.clone(),
            path,
        }
    }
}

/// Every page's reader, from the request's address and headers.
impl FromRequestParts<Web> for Reader {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, web: &Web) -> Result<Self, Self::Rejection> {
        // A query that cannot be read asks for nothing.
        let asked = Query::<Asked>::try_from_uri(&parts.uri)
            .map(|Query(asked)| asked)
            .unwrap_or_default();
        Ok(web.reader(&parts.uri, &asked, &parts.headers))
    }
}

/// A page, or the apology when the hub failed to read what it needs.
fn respond(
    reader: &Reader,
    title: &str,
    body: Result<Option<Markup>, passerelle_core::HubError>,
) -> Response {
    match body {
        Ok(Some(body)) => Html(layout::page(reader, title, body).into_string()).into_response(),
        Ok(None) => (
            StatusCode::NOT_FOUND,
            Html(
                layout::page(
                    reader,
                    &t(reader.lang, "web-not-found"),
                    pages::not_found(reader),
                )
                .into_string(),
            ),
        )
            .into_response(),
        Err(error) => {
            tracing::warn!(%error, "a page could not be read");
            let status = if error.is_unavailable() {
                StatusCode::SERVICE_UNAVAILABLE
            } else {
                StatusCode::INTERNAL_SERVER_ERROR
            };
            let title = t(reader.lang, "web-error");
            (
                status,
                Html(layout::page(reader, &title, pages::failed(reader)).into_string()),
            )
                .into_response()
        }
    }
}

async fn home(State(web): State<Web>, reader: Reader) -> Response {
    let now = Utc::now();
    let body = async {
        let events = web.hub.event_views(reader.lang, now, HOME_EVENTS).await?;
        let countries = web.hub.faq_index(reader.lang).await?;
        // Each platform the community is on, with its join link when the config has one.
        let platforms: Vec<(&str, Option<&str>)> = web
            .hub
            .community()
            .platforms()
            .into_iter()
            .filter(|platform| *platform != passerelle_core::model::Platform::Console)
            .map(|platform| {
                let link = web
                    .join
                    .iter()
                    .find(|(name, _)| name.eq_ignore_ascii_case(platform.as_str()))
                    .map(|(_, link)| link.as_str());
                (platform.name(), link)
            })
            .collect();
        Ok(Some(pages::home(&reader, &platforms, &events, &countries)))
    }
    .await;
    let title = web.hub.community().name.clone();
    respond(&reader, &title, body)
}

async fn faq_index(State(web): State<Web>, reader: Reader) -> Response {
    let body = web
        .hub
        .faq_index(reader.lang)
        .await
        .map(|countries| Some(pages::faq::index(&reader, &countries)));
    respond(&reader, &t(reader.lang, "web-faq-title"), body)
}

async fn faq_search(
    State(web): State<Web>,
    reader: Reader,
    Query(asked): Query<Asked>,
) -> Response {
    let query = asked.q.clone().unwrap_or_default();
    let body = web
        .hub
        .faq_search_views(reader.lang, Utc::now(), &query)
        .await
        .map(|(found, corrected)| {
            Some(pages::faq::search(
                &reader,
                &query,
                corrected.as_deref(),
                &found,
            ))
        });
    respond(&reader, &t(reader.lang, "web-faq-search"), body)
}

async fn faq_entry(State(web): State<Web>, Path(id): Path<String>, reader: Reader) -> Response {
    let Ok(id) = id.parse::<i64>() else {
        return respond(&reader, "", Ok(None));
    };
    let found = web.hub.faq_entry_view(reader.lang, Utc::now(), id).await;
    let title = match &found {
        Ok(Some(entry)) => entry.title.clone(),
        _ => t(reader.lang, "web-faq-title"),
    };
    let body = found.map(|entry| entry.map(|entry| pages::faq::entry(&reader, &entry)));
    respond(&reader, &title, body)
}

async fn faq_country(
    State(web): State<Web>,
    Path(country): Path<String>,
    reader: Reader,
) -> Response {
    faq_place(web, country, None, reader).await
}

async fn faq_topic(
    State(web): State<Web>,
    Path((country, topic)): Path<(String, String)>,
    reader: Reader,
) -> Response {
    faq_place(web, country, Some(topic), reader).await
}

async fn faq_place(web: Web, country: String, topic: Option<String>, reader: Reader) -> Response {
    let found = web
        .hub
        .faq_views(reader.lang, Utc::now(), &country, topic.as_deref())
        .await;
    let heading = match &found {
        Ok(Some(entries)) => entries.first().map(|entry| match &topic {
            Some(_) => format!("{} · {}", entry.country.name, entry.topic.name),
            None => entry.country.name.clone(),
        }),
        _ => None,
    }
    .unwrap_or_else(|| t(reader.lang, "web-faq-title"));
    let body =
        found.map(|entries| entries.map(|entries| pages::faq::place(&reader, &heading, &entries)));
    respond(&reader, &heading, body)
}

async fn events(State(web): State<Web>, reader: Reader) -> Response {
    let slug = web.hub.community().slug.clone();
    let body = web
        .hub
        .event_views(reader.lang, Utc::now(), LISTED_EVENTS)
        .await
        .map(|events| Some(pages::events::list(&reader, &slug, &events)));
    respond(&reader, &t(reader.lang, "web-events-title"), body)
}

async fn event(State(web): State<Web>, Path(id): Path<String>, reader: Reader) -> Response {
    let Ok(id) = id.parse::<i64>() else {
        return respond(&reader, "", Ok(None));
    };
    let slug = web.hub.community().slug.clone();
    let found = web.hub.event_view(reader.lang, Utc::now(), id).await;
    let title = match &found {
        Ok(Some(event)) => event.title.clone(),
        _ => t(reader.lang, "web-events-title"),
    };
    let guild = web.discord_guild;
    let body = found.map(|event| {
        event.map(|event| {
            let announced: Vec<(&str, String)> = event
                .announced
                .iter()
                .filter_map(|posted| {
                    Some((posted.platform.name(), links::message_link(posted, guild)?))
                })
                .collect();
            pages::events::one(&reader, &slug, &event, &announced)
        })
    });
    respond(&reader, &title, body)
}

/// `/calendar/{community}.ics`: every event of the community.
async fn feed(State(web): State<Web>, Path(file): Path<String>, headers: HeaderMap) -> Response {
    let slug = &web.hub.community().slug;
    if file.strip_suffix(".ics") != Some(slug.as_str()) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let now = Utc::now();
    match web.hub.calendar_feed(now).await {
        Ok(body) => feeds::calendar(&web.stamps, &file, body, &headers, now),
        Err(error) => {
            tracing::warn!(%error, "the calendar feed could not be read");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

/// `/calendar/{community}/{id}.ics`: one event.
async fn event_file(
    State(web): State<Web>,
    Path((community, file)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    let id = file
        .strip_suffix(".ics")
        .and_then(|id| id.parse::<i64>().ok());
    let (true, Some(id)) = (community == web.hub.community().slug, id) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let now = Utc::now();
    match web.hub.event_ics(id, now).await {
        Ok(Some(body)) => feeds::calendar(
            &web.stamps,
            &format!("{community}/{file}"),
            body,
            &headers,
            now,
        ),
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(error) => {
            tracing::warn!(%error, "an event's calendar could not be read");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

async fn stylesheet() -> Response {
    (
        [
            (CONTENT_TYPE, "text/css; charset=utf-8"),
            (CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("style.css"),
    )
        .into_response()
}

async fn not_found(reader: Reader) -> Response {
    respond(&reader, "", Ok(None))
}
