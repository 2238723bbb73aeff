//! Filling the database: the community, members and events whose reminders fall due.

use super::*;

/// The test community, with reminders 1 h before and an announcement room.
pub(crate) fn community() -> Community {
    let mut community = passerelle_test_support::community();
    community.rooms.push(passerelle_test_support::room(
        Platform::Console,
        "#announcements",
        &[RoomPurpose::Announcements],
    ));
    community.events = EventSettings {
        reminders: vec![BEFORE],
        ..EventSettings::default()
    };
    community
}

/// The members, and how events are made.
pub(crate) struct Setup {
    store: Store,
    pub(crate) community: CommunityId,
    pub(crate) organizer: MemberId,
    pub(crate) members: Arc<Vec<MemberId>>,
}

impl Setup {
    pub(crate) async fn new(hub: &Hub) -> anyhow::Result<Self> {
        let started = Instant::now();
        let store = hub.store().clone();
        let community = store.sync_community(hub.community(), Utc::now()).await?;
        let mut members = Vec::with_capacity(MEMBERS);
        for n in 0..=MEMBERS {
            let identity = Identity {
                platform: Platform::Console,
                user_id: member_name(n),
                display_name: member_name(n),
            };
            members.push(
                store
                    .ensure_member(community, &identity, Utc::now())
                    .await?
                    .id,
            );
        }
        let organizer = members.remove(0);
        println!("setup: {MEMBERS} members in {}", seconds(started.elapsed()));
        Ok(Self {
            store,
            community,
            organizer,
            members: Arc::new(members),
        })
    }

    /// Creates events through the hub, as an organizer and a member would type them.
    pub(crate) async fn via_handle(
        &self,
        hub: &Hub,
        count: usize,
        start: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        let zone = hub.community().time_zone;
        let when = start.with_timezone(&zone).format("%Y-%m-%d %H:%M");
        let before = self.store.live_events(self.community).await?.len();
        let started = Instant::now();
        for n in 0..count {
            let text = format!("/event create \"Handled {n}\" when=\"{when}\"");
            let reply = say(hub, &member_name(0), &text).await?;
            if !reply.contains("Created") {
                bail!("the hub did not create the event: {reply}");
            }
        }
        let created = started.elapsed();
        let events = self.store.live_events(self.community).await?;
        for (n, event) in events.iter().skip(before).enumerate() {
            let who = member_name(1 + n % MEMBERS);
            say(hub, &who, &format!("/rsvp {} yes", event.id.0)).await?;
        }
        let total = started.elapsed();
        let per_event = total.as_secs_f64() / count.max(1) as f64;
        println!(
            "setup: {count} events through Hub::handle in {} ({} to create them, then a yes each): {:.2} ms per event, {:.0} events/s",
            seconds(total),
            seconds(created),
            per_event * 1000.0,
            1.0 / per_event,
        );
        Ok(())
    }
}

/// `who` says `text` in #general; the hub's replies there.
pub(crate) async fn say(hub: &Hub, who: &str, text: &str) -> anyhow::Result<String> {
    let mut incoming = passerelle_test_support::says(who, text);
    incoming.sender.roles = vec![Role::Organizer];
    let replies = hub.handle(&incoming, Utc::now()).await?;
    Ok(replies
        .into_iter()
        .map(|message| message.text)
        .collect::<Vec<_>>()
        .join("\n"))
}

pub(crate) fn member_name(n: usize) -> String {
    format!("member-{n}")
}
