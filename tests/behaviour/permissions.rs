//! Permissions as a table, from the catalog: every command and subcommand, invoked the
//! smallest way its declared arguments allow, by every role and by a newcomer who has not
//! accepted the rules yet, in a room and in private. Each is refused or allowed as the
//! catalog's `who` says, and a refused one changes no row of any table.

use std::collections::BTreeMap;

use libtest_mimic::Trial;
use passerelle_core::Hub;
use passerelle_core::command::CommandName;
use passerelle_core::command::catalog::{Form, Info, Kind, Param, Who};
use passerelle_core::i18n::{t, t_with};
use passerelle_core::incoming::{Event, Incoming, Place};
use passerelle_core::lang::Lang;
use passerelle_core::model::Role;
use passerelle_test_support::says;

use crate::hub::{hub, now};
use crate::support::Backend;

pub fn trials(backend: Backend) -> Vec<Trial> {
    crate::trials!(
        backend,
        "permissions",
        [every_command_is_refused_or_allowed_as_the_catalog_says]
    )
}

/// Who sends the command: a member with these platform roles, or a newcomer whose rules
/// are still to accept.
#[derive(Debug, Clone, Copy)]
enum Asker {
    Newcomer,
    Holding(Role),
}

impl Asker {
    const ALL: [Self; 6] = [
        Self::Newcomer,
        Self::Holding(Role::Member),
        Self::Holding(Role::Welcomer),
        Self::Holding(Role::Editor),
        Self::Holding(Role::Organizer),
        Self::Holding(Role::Admin),
    ];

    /// Their name; a newcomer is a new one each round (one round's `/accept` would let
    /// them through the gate in the next).
    fn name(self, round: usize) -> String {
        let name = match self {
            Self::Newcomer => return format!("nina{round}"),
            Self::Holding(Role::Member) => "mo",
            Self::Holding(Role::Welcomer) => "wes",
            Self::Holding(Role::Editor) => "eda",
            Self::Holding(Role::Organizer) => "olga",
            Self::Holding(Role::Admin) => "ada",
        };
        name.to_owned()
    }

    /// Whether the catalog lets this asker use what asks for `who`.
    fn may(self, who: Who) -> bool {
        let role = match self {
            Self::Newcomer => return who == Who::Anyone,
            Self::Holding(role) => role,
        };
        match who {
            Who::Anyone | Who::Accepted => true,
            Who::Editors => matches!(role, Role::Editor | Role::Admin),
            Who::Organizers => matches!(role, Role::Organizer | Role::Admin),
            Who::Welcomers => matches!(role, Role::Welcomer | Role::Admin),
        }
    }
}

/// A command as the table invokes it, and who the catalog says may.
#[derive(Debug)]
struct Invocation {
    text: String,
    who: Who,
}

/// What the scene holds for an invocation to name: a newcomer, an event, an FAQ entry.
struct Scene {
    event: i64,
    entry: i64,
}

/// A value of `kind` that names something of `scene`.
fn sample(kind: Kind, scene: &Scene) -> String {
    match kind {
        Kind::Text => "Picnic".into(),
        Kind::EventId => scene.event.to_string(),
        Kind::EventDate => "tomorrow".into(),
        Kind::DateTime => "friday 19:00".into(),
        Kind::Duration => "1h".into(),
        Kind::Number => "3".into(),
        Kind::EntryId => scene.entry.to_string(),
        Kind::Country => "France".into(),
        Kind::Topic => "housing".into(),
        Kind::City => "Paris".into(),
        Kind::Language => "en".into(),
        Kind::Zone => "Europe/Paris".into(),
        Kind::MemberName => "zoe".into(),
        Kind::Choice(words) => words[0].into(),
    }
}

fn written(param: &Param, scene: &Scene) -> String {
    let value = sample(param.kind, scene);
    match param.form {
        Form::Word => value,
        Form::Key => format!("{}=\"{value}\"", param.name),
    }
}

/// The smallest text that reads as `/name sub …`: the required arguments, then optional
/// `key=` ones one by one until the grammar accepts it (an edit needs one change).
fn smallest(info: &Info, sub: Option<&str>, params: &[Param], scene: &Scene) -> Option<String> {
    let head = match sub {
        Some(sub) => format!("/{} {sub}", info.name),
        None => format!("/{}", info.name),
    };
    let mut words: Vec<String> = params
        .iter()
        .filter(|param| param.required)
        .map(|param| written(param, scene))
        .collect();
    let text = |words: &[String]| format!("{head} {}", words.join(" ")).trim().to_owned();
    let mut optional = params
        .iter()
        .filter(|param| !param.required && param.form == Form::Key);
    loop {
        if passerelle_core::command::parse(&text(&words)).is_ok() {
            return Some(text(&words));
        }
        words.push(written(optional.next()?, scene));
    }
}

/// Every command and subcommand of the catalog, and each command alone when it reads so.
fn invocations(scene: &Scene) -> Vec<Invocation> {
    let mut all = Vec::new();
    for command in CommandName::all() {
        let info = command.info();
        if let Some(text) = smallest(info, None, info.params, scene) {
            all.push(Invocation {
                text,
                who: info.who,
            });
        }
        for sub in info.subs {
            let text = smallest(info, Some(sub.name), sub.params, scene)
                .unwrap_or_else(|| panic!("/{} {} never reads", info.name, sub.name));
            all.push(Invocation {
                text,
                who: info.who.max(sub.who),
            });
        }
    }
    all
}

fn from(asker: Asker, round: usize, text: &str, place: &Place) -> Incoming {
    let mut incoming = says(&asker.name(round), text);
    incoming.place = place.clone();
    if let Asker::Holding(role) = asker {
        incoming.sender.roles = vec![role];
    }
    incoming
}

async fn say(hub: &Hub, incoming: &Incoming) -> String {
    let replies = hub.handle(incoming, now()).await.unwrap();
    replies.iter().map(|reply| reply.text.as_str()).collect()
}

/// What the hub says when the asker may not: a team's own refusal, or the rules first
/// (of a message naming the event, the words before its title).
fn refusals() -> Vec<String> {
    let hosts = t_with(Lang::En, "event-only-hosts", &[("title", "\u{1}".into())]);
    let hosts = hosts.split('\u{1}').next().unwrap_or_default().to_owned();
    [
        "event-only-organizers",
        "faq-only-editors",
        "welcome-not-team",
        "rules-first",
    ]
    .into_iter()
    .map(|id| t(Lang::En, id))
    .chain([hosts])
    .collect()
}

async fn every_command_is_refused_or_allowed_as_the_catalog_says(url: String) {
    let hub = hub(&url).await;
    let joins = |name: &str| {
        let mut joins = says(name, "");
        joins.event = Event::Joined;
        joins
    };
    hub.handle(&joins("zoe"), now()).await.unwrap();
    for asker in Asker::ALL {
        say(&hub, &from(asker, 0, "/help", &Place::Direct)).await;
    }
    let refusals = refusals();
    let (mut checked, mut refused_unchanged) = (0, 0);
    let places = [
        Place::Room(passerelle_test_support::community::GENERAL.into()),
        Place::Direct,
    ];
    // Each invocation gets its own event and entry: what an allowed one did to them
    // (cancelled, removed) does not change what the next one is asked about.
    let mut scene = Scene { event: 0, entry: 0 };
    for round in 0.. {
        hub.handle(&joins(&Asker::Newcomer.name(round)), now())
            .await
            .unwrap();
        let boss = |text: &str| from(Asker::Holding(Role::Admin), round, text, &Place::Direct);
        say(
            &hub,
            &boss("/event create title=Picnic when=\"friday 19:00\""),
        )
        .await;
        say(
            &hub,
            &boss(&format!(
                "/faq add France housing title=\"Lease {round}\" answer=Read"
            )),
        )
        .await;
        scene = Scene {
            event: last_id(&url, "events").await,
            entry: last_id(&url, "faq_entries").await,
        };
        let Some(invocation) = invocations(&scene).into_iter().nth(round) else {
            break;
        };
        // Refusals first, while the event and the entry are as the scene made them.
        let mut askers = Asker::ALL.to_vec();
        askers.sort_by_key(|asker| asker.may(invocation.who));
        for asker in askers {
            for place in &places {
                let before = tables(&url).await;
                let said = say(&hub, &from(asker, round, &invocation.text, place)).await;
                let refused = refusals
                    .iter()
                    .any(|refusal| said.contains(refusal.as_str()));
                let what = format!("{asker:?} {place:?}: {} → {said:?}", invocation.text);
                assert_eq!(refused, !asker.may(invocation.who), "{what}");
                if refused {
                    assert_eq!(tables(&url).await, before, "{what} changed the database");
                    refused_unchanged += 1;
                }
                checked += 1;
            }
        }
    }
    let commands = invocations(&scene).len();
    assert!(commands > 40, "{commands} invocations");
    assert_eq!(checked, commands * Asker::ALL.len() * places.len());
    assert!(refused_unchanged > 100, "{refused_unchanged} refusals");
}

async fn last_id(url: &str, table: &str) -> i64 {
    crate::support::scalar(url, &format!("SELECT MAX(id) FROM {table}")).await
}

async fn tables(url: &str) -> BTreeMap<String, Vec<String>> {
    passerelle_test_support::db::rows(url).await.unwrap()
}
