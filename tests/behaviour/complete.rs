//! Autocomplete: what the hub offers for an argument being typed, as Discord asks.

use libtest_mimic::Trial;
use passerelle_core::command::catalog::Kind;
use passerelle_core::hub::{MAX_SUGGESTIONS, Suggestion};
use passerelle_core::lang::Lang;
use passerelle_core::model::{Identity, Platform, Role};

use crate::atomic::say;
use crate::hub::{hub, now, organizer};
use crate::support::Backend;

pub fn trials(backend: Backend) -> Vec<Trial> {
    crate::trials!(
        backend,
        "complete",
        [
            upcoming_events_are_offered_by_number_and_title,
            countries_topics_and_cities_are_offered_in_the_readers_language,
            languages_and_zones_are_offered,
        ]
    )
}

fn values(found: &[Suggestion]) -> Vec<&str> {
    found.iter().map(|found| found.value.as_str()).collect()
}

async fn upcoming_events_are_offered_by_number_and_title(url: String) {
    let hub = hub(&url).await;
    organizer(&hub, "nadia").await;
    say(
        &hub,
        "nadia",
        "/event create Picnic by the lake when=\"thursday 19:00\"",
    )
    .await;
    say(
        &hub,
        "nadia",
        "/event create Language café when=\"friday 18:00\"",
    )
    .await;
    let all = hub
        .complete(Lang::En, Kind::EventId, "", now())
        .await
        .unwrap();
    assert_eq!(values(&all), ["1", "2"]);
    assert_eq!(all[0].label, "#1 Picnic by the lake");
    let lake = hub
        .complete(Lang::En, Kind::EventId, "lak", now())
        .await
        .unwrap();
    assert_eq!(values(&lake), ["1"]);
    let cafe = hub
        .complete(Lang::En, Kind::EventId, "CAFE", now())
        .await
        .unwrap();
    assert_eq!(values(&cafe), ["2"]);
    let by_number = hub
        .complete(Lang::En, Kind::EventId, "#2", now())
        .await
        .unwrap();
    assert_eq!(values(&by_number), ["2"]);
    let none = hub
        .complete(Lang::En, Kind::EventId, "concert", now())
        .await
        .unwrap();
    assert!(none.is_empty(), "{none:?}");
}

async fn countries_topics_and_cities_are_offered_in_the_readers_language(url: String) {
    let hub = hub(&url).await;
    let countries = hub
        .complete(Lang::Fr, Kind::Country, "alle", now())
        .await
        .unwrap();
    assert!(
        countries.contains(&Suggestion::new("Allemagne", "DE")),
        "{countries:?}"
    );
    let everything = hub
        .complete(Lang::En, Kind::Country, "", now())
        .await
        .unwrap();
    assert_eq!(everything.len(), MAX_SUGGESTIONS);
    let topics = hub
        .complete(Lang::Fr, Kind::Topic, "loge", now())
        .await
        .unwrap();
    assert_eq!(values(&topics), ["housing"]);
    assert_eq!(topics[0].label, "Logement");

    let editor = Identity {
        platform: Platform::Console,
        user_id: "nadia".into(),
        display_name: "nadia".into(),
    };
    hub.grant_role(&editor, Role::Editor, now()).await.unwrap();
    say(
        &hub,
        "nadia",
        "/faq add canada housing city=Montréal title=\"Renting\" answer=\"Ask around.\"",
    )
    .await;
    let cities = hub
        .complete(Lang::En, Kind::City, "montr", now())
        .await
        .unwrap();
    assert_eq!(values(&cities), ["Montréal"]);
}

async fn languages_and_zones_are_offered(url: String) {
    let hub = hub(&url).await;
    let french = hub
        .complete(Lang::En, Kind::Language, "fren", now())
        .await
        .unwrap();
    assert_eq!(values(&french), ["fr"]);
    let zones = hub
        .complete(Lang::En, Kind::Zone, "paris", now())
        .await
        .unwrap();
    assert_eq!(values(&zones), ["Europe/Paris"]);
    let sao = hub
        .complete(Lang::En, Kind::Zone, "são pa", now())
        .await
        .unwrap();
    assert_eq!(values(&sao), ["America/Sao_Paulo"]);
}
