//! Nothing grows without bound: on its tick the hub forgets handled events after a week,
//! messages the outbox gave up on after a month, and expired link codes and counts of
//! wrong codes after a day, and what an adapter kept for a while once that while is over;
//! sooner, it keeps them all. It looks once in ten minutes, not on every tick.

use chrono::TimeDelta;
use libtest_mimic::Trial;
use passerelle_core::Hub;
use passerelle_core::incoming::Place;
use passerelle_test_support::says;

use crate::hub::{hub, now, organizer};
use crate::support::Backend;

pub fn trials(backend: Backend) -> Vec<Trial> {
    crate::trials!(
        backend,
        "prune",
        [
            what_the_hub_no_longer_needs_goes_on_its_tick_and_not_before,
            adapter_values_kept_for_a_while_go_after_their_time,
            a_process_prunes_once_in_ten_minutes
        ]
    )
}

async fn count(url: &str, table: &str, filter: &str) -> i64 {
    crate::support::scalar(url, &format!("SELECT COUNT(*) FROM {table} WHERE {filter}")).await
}

/// Handled events, given-up messages, link codes and wrong-code counts, in that order.
async fn counts(url: &str) -> [i64; 4] {
    [
        count(url, "handled_events", "TRUE").await,
        count(url, "outbox", "given_up_at IS NOT NULL").await,
        count(url, "link_codes", "TRUE").await,
        count(url, "link_tries", "TRUE").await,
    ]
}

async fn tick_at(hub: &Hub, later: TimeDelta) {
    hub.tick("prune-test", now() + later, 100).await.unwrap();
}

async fn what_the_hub_no_longer_needs_goes_on_its_tick_and_not_before(url: String) {
    let hub = hub(&url).await;
    let mut handled = says("ana", "/help");
    handled.id = Some("platform-event-1".into());
    hub.handle(&handled, now()).await.unwrap();
    for (name, text) in [("ana", "/link"), ("ben", "/link 999999")] {
        let mut private = says(name, text);
        private.place = Place::Direct;
        hub.handle(&private, now()).await.unwrap();
    }
    // A message the outbox gave up on: the announcement of an event.
    organizer(&hub, "nadia").await;
    let created = says("nadia", "/event create Picnic when=\"friday 19:00\"");
    hub.handle(&created, now()).await.unwrap();
    let given_up = now().timestamp_millis();
    let sql = format!(
        "UPDATE outbox SET given_up_at = {given_up}, attempts = 15
          WHERE id = (SELECT MIN(id) FROM outbox)"
    );
    crate::atomic::run(&url, &[&sql]).await;
    assert_eq!(
        counts(&url).await,
        [1, 1, 1, 1],
        "all there before any tick"
    );

    tick_at(&hub, TimeDelta::hours(1)).await;
    assert_eq!(counts(&url).await, [1, 1, 1, 1], "an hour on, all kept");
    tick_at(&hub, TimeDelta::days(2)).await;
    assert_eq!(
        counts(&url).await,
        [1, 1, 0, 0],
        "link codes and counts go after a day"
    );
    tick_at(&hub, TimeDelta::days(8)).await;
    assert_eq!(
        counts(&url).await,
        [0, 1, 0, 0],
        "handled events go after a week"
    );
    tick_at(&hub, TimeDelta::days(31)).await;
    assert_eq!(
        counts(&url).await,
        [0, 0, 0, 0],
        "given-up messages go after a month"
    );
}

/// Keeps a Matrix adapter value for a day from [`now`].
async fn keep_for_a_day(hub: &passerelle_core::Hub, key: &str, value: &str) {
    let until = now() + TimeDelta::days(1);
    hub.set_adapter_value_until(passerelle_core::model::Platform::Matrix, key, value, until)
        .await
        .unwrap();
}

async fn adapter_values_kept_for_a_while_go_after_their_time(url: String) {
    use passerelle_core::model::Platform;
    let hub = hub(&url).await;
    keep_for_a_day(&hub, "reactions.$a", "[\"/help\"]").await;
    hub.set_adapter_value(Platform::Matrix, "since", "s72_1")
        .await
        .unwrap();
    let values = || async {
        [
            hub.adapter_value(Platform::Matrix, "reactions.$a")
                .await
                .unwrap(),
            hub.adapter_value(Platform::Matrix, "since").await.unwrap(),
        ]
    };
    tick_at(&hub, TimeDelta::hours(23)).await;
    assert_eq!(
        values().await,
        [Some("[\"/help\"]".to_owned()), Some("s72_1".to_owned())],
        "within its day, kept"
    );
    tick_at(&hub, TimeDelta::hours(25)).await;
    assert_eq!(
        values().await,
        [None, Some("s72_1".to_owned())],
        "after its day it goes; what is kept for good stays"
    );
    // Set again for good, a value no longer expires.
    keep_for_a_day(&hub, "since", "s73_1").await;
    hub.set_adapter_value(Platform::Matrix, "since", "s74_1")
        .await
        .unwrap();
    tick_at(&hub, TimeDelta::days(30)).await;
    assert_eq!(values().await, [None, Some("s74_1".to_owned())]);
}

async fn a_process_prunes_once_in_ten_minutes(url: String) {
    use passerelle_core::model::Platform;
    let hub = hub(&url).await;
    keep_for_a_day(&hub, "reactions.$b", "[]").await;
    let kept = || async {
        hub.adapter_value(Platform::Matrix, "reactions.$b")
            .await
            .unwrap()
            .is_some()
    };
    tick_at(&hub, TimeDelta::days(1) - TimeDelta::minutes(1)).await;
    assert!(kept().await, "not yet over");
    tick_at(&hub, TimeDelta::days(1) + TimeDelta::minutes(5)).await;
    assert!(kept().await, "over, but the last look was six minutes ago");
    tick_at(&hub, TimeDelta::days(1) + TimeDelta::minutes(9)).await;
    assert!(!kept().await, "ten minutes after the last look, it goes");
}
