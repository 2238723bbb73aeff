//! Leases, as several processes on one database use them for what only one may hold: one
//! holder at a time, renewed by it, taken over once it ran out, let go at once.

use chrono::TimeDelta;
use libtest_mimic::Trial;
use passerelle_core::store::Store;

use crate::store::t0;
use crate::support::Backend;

pub fn trials(backend: Backend) -> Vec<Trial> {
    crate::trials!(
        backend,
        "leases",
        [
            one_holder_at_a_time_until_it_stops_renewing,
            of_many_racing_for_a_free_lease_one_gets_it,
        ]
    )
}

const TTL: TimeDelta = TimeDelta::seconds(10);

async fn one_holder_at_a_time_until_it_stops_renewing(url: String) {
    let store = Store::open(&url).await.unwrap();
    let at = |seconds| t0() + TimeDelta::seconds(seconds);
    assert!(
        store
            .take_lease("telegram:1", "a", at(0), TTL)
            .await
            .unwrap()
    );
    assert!(
        !store
            .take_lease("telegram:1", "b", at(1), TTL)
            .await
            .unwrap()
    );
    // Another name is another lease.
    assert!(
        store
            .take_lease("discord:9", "b", at(1), TTL)
            .await
            .unwrap()
    );
    // A renews before the end: B still cannot take it where it would have run out.
    assert!(
        store
            .take_lease("telegram:1", "a", at(8), TTL)
            .await
            .unwrap()
    );
    assert!(
        !store
            .take_lease("telegram:1", "b", at(12), TTL)
            .await
            .unwrap()
    );
    let holder = store.lease_holder("telegram:1").await.unwrap().unwrap();
    assert_eq!((holder.holder.as_str(), holder.until), ("a", at(18)));
    // A stops renewing: once it ran out, B takes it, and A cannot take it back.
    assert!(
        store
            .take_lease("telegram:1", "b", at(19), TTL)
            .await
            .unwrap()
    );
    assert!(
        !store
            .take_lease("telegram:1", "a", at(20), TTL)
            .await
            .unwrap()
    );
    // Let go, it is free at once; only its holder can let it go.
    store.release_lease("telegram:1", "a").await.unwrap();
    assert!(
        !store
            .take_lease("telegram:1", "c", at(21), TTL)
            .await
            .unwrap()
    );
    store.release_lease("telegram:1", "b").await.unwrap();
    assert!(
        store
            .take_lease("telegram:1", "c", at(21), TTL)
            .await
            .unwrap()
    );
}

async fn of_many_racing_for_a_free_lease_one_gets_it(url: String) {
    let store = Store::open(&url).await.unwrap();
    for round in 0..10 {
        let name = format!("matrix:{round}");
        let racers = (0..8).map(|racer| {
            let (store, name) = (store.clone(), name.clone());
            tokio::spawn(async move {
                store
                    .take_lease(&name, &format!("racer-{racer}"), t0(), TTL)
                    .await
                    .unwrap()
            })
        });
        let mut won = 0;
        for racer in racers.collect::<Vec<_>>() {
            won += usize::from(racer.await.unwrap());
        }
        assert_eq!(won, 1, "round {round}");
    }
}
