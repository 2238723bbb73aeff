//! The scripted workload, made from a seed, and what it must leave behind: members
//! answering a three-place event and a two-place series, newcomers answering questions,
//! an editor adding FAQ entries, a welcomer claiming newcomers, the clock moving on so
//! reminders fall due, and the series cancelled near the end. Every step but an FAQ
//! addition can be sent again when a kill leaves it unanswered (a member who got no
//! answer asks again), so the model applies each step once, in order.

use std::collections::BTreeMap;

use chrono::{DateTime, TimeDelta, Utc};

/// Where the console's clock starts: Monday 2 March 2026, 10:00 in Paris.
pub const START: &str = "2026-03-02T09:00:00Z";

pub const MEMBERS: [&str; 10] = [
    "ana", "ben", "chloe", "dan", "eve", "farid", "gus", "hana", "ivan", "jade",
];
pub const NEWCOMERS: [&str; 4] = ["nina", "omar", "paula", "quentin"];
const CITIES: [&str; 3] = ["Lyon", "Lille", "Nantes"];

/// A small, seeded generator (xorshift64*): the same seed, the same workload.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number below `n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    pub fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len() as u64) as usize]
    }
}

/// One of the two events, as the setup creates them.
#[derive(Debug, Clone)]
pub struct Event {
    pub id: u32,
    pub capacity: usize,
    pub starts: DateTime<Utc>,
    /// Reminder offsets before the start (the community's defaults).
    pub reminders: [TimeDelta; 2],
    pub going: Vec<&'static str>,
    pub waiting: Vec<&'static str>,
    pub cancelled: bool,
}

impl Event {
    fn new(id: u32, capacity: usize, starts: &str) -> Event {
        Event {
            id,
            capacity,
            starts: starts.parse().expect("an instant"),
            reminders: [TimeDelta::hours(24), TimeDelta::hours(1)],
            going: Vec::new(),
            waiting: Vec::new(),
            cancelled: false,
        }
    }

    /// `member` answers yes or no; returns who was promoted.
    fn answer(&mut self, member: &'static str, yes: bool) -> Option<&'static str> {
        let here = |list: &Vec<&str>| list.contains(&member);
        if yes {
            if !here(&self.going) && !here(&self.waiting) {
                if self.going.len() < self.capacity {
                    self.going.push(member);
                } else {
                    self.waiting.push(member);
                }
            }
            return None;
        }
        self.waiting.retain(|other| *other != member);
        if !here(&self.going) {
            return None;
        }
        self.going.retain(|other| *other != member);
        if self.waiting.is_empty() {
            return None;
        }
        let promoted = self.waiting.remove(0);
        self.going.push(promoted);
        Some(promoted)
    }
}

/// One line of the workload, and whether it may be sent again when unanswered.
#[derive(Debug, Clone)]
pub struct Step {
    pub line: String,
    pub again: bool,
    /// For an FAQ addition: the title it adds.
    pub adds: Option<String>,
}

/// A reminder falling due: of which event, and during which step (the `:advance` that
/// moves the clock past it).
#[derive(Debug, Clone)]
pub struct Due {
    pub event: u32,
    pub step: usize,
}

/// What the workload must leave, by the model.
#[derive(Debug, Default)]
pub struct Expected {
    /// Per event: who is going, who waits in order.
    pub going: BTreeMap<u32, Vec<&'static str>>,
    pub waiting: BTreeMap<u32, Vec<&'static str>>,
    pub capacity: BTreeMap<u32, usize>,
    /// Each member's last answer per event: true for yes.
    pub answers: BTreeMap<(&'static str, u32), bool>,
    /// Promotions and cancellations by (member, kind, event): how many. They are queued
    /// with the answer or the cancellation that causes them.
    pub told: BTreeMap<(String, Kind, u32), usize>,
    /// Reminders falling due, in order. Each goes to whoever is going when it is sent:
    /// at its step, or later when a kill delayed it.
    pub reminders: Vec<Due>,
    /// Who is going to each event after each step (and after the final one, the
    /// clock moved past every lease).
    pub going_after: Vec<BTreeMap<u32, Vec<&'static str>>>,
    /// The step that cancels the series.
    pub cancelled_at: Option<usize>,
    /// Each newcomer's city, as last answered.
    pub cities: BTreeMap<&'static str, &'static str>,
    /// Newcomers the welcomer claimed.
    pub claimed: Vec<&'static str>,
}

/// The private messages the harness counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Promotion,
    Reminder,
    Cancellation,
}

impl Kind {
    /// Which kind a private message line is, and the event it names.
    pub fn of(text: &str) -> Option<(Kind, u32)> {
        let kind = if text.starts_with("Good news: a place opened for ") {
            Kind::Promotion
        } else if text.starts_with("Reminder: ") {
            Kind::Reminder
        } else if text.contains(" is cancelled. Sorry!") {
            Kind::Cancellation
        } else {
            return None;
        };
        // `**#2 Quiz**` as the console shows it, `<b>#2 Quiz</b>` as Telegram's HTML.
        let after = text
            .split("**#")
            .nth(1)
            .or_else(|| text.split("<b>#").nth(1))?;
        let number = after.split(' ').next()?.parse().ok()?;
        Some((kind, number))
    }
}

/// The setup, sent before any kill: roles (on the console; a platform gives them in its
/// config) and the two events (#1 and #2). Without a clock the workload can move, the
/// events are far ahead, so no reminder falls due while it runs.
pub fn setup(clock: bool) -> Vec<String> {
    let roles = [
        ":role olga organizer",
        ":role eda editor",
        ":role wes welcomer",
    ];
    let (picnic, quiz) = match clock {
        true => ("tuesday 19:00", "wednesday 20:00"),
        false => ("2036-06-03 19:00", "2036-06-04 20:00"),
    };
    let events = [
        format!("olga: /event create Picnic when=\"{picnic}\" capacity=3"),
        format!("olga: /event create Quiz when=\"{quiz}\" capacity=2 repeat=weekly"),
    ];
    let roles = roles
        .iter()
        .filter(|_| clock)
        .map(|line| (*line).to_owned());
    roles.chain(events).collect()
}

/// The workload of `steps` actions made from `seed`, and what it must leave; with
/// `clock`, the clock moves (`:advance`) and reminders fall due.
pub fn workload(seed: u64, steps: usize, clock: bool) -> (Vec<Step>, Expected) {
    let mut rng = Rng::new(seed);
    let mut now: DateTime<Utc> = START.parse().expect("an instant");
    let mut events = [
        Event::new(1, 3, "2026-03-03T18:00:00Z"),
        Event::new(2, 2, "2026-03-04T19:00:00Z"),
    ];
    let mut expected = Expected::default();
    let mut script = Vec::new();
    let mut joined: Vec<&'static str> = Vec::new();
    let mut faq = 0;
    let tell = |expected: &mut Expected, member: &str, kind: Kind, event: u32| {
        *expected
            .told
            .entry((member.to_owned(), kind, event))
            .or_default() += 1;
    };
    let cancel_at = steps * 3 / 4 + rng.below(steps as u64 / 8) as usize;
    for step in 0..steps {
        // The clock moves an hour every seventh step, until the series' first date is
        // near (past its last reminder); reminders falling due on the way go to whoever
        // is going then.
        if clock && step % 7 == 6 && now + TimeDelta::minutes(90) < events[1].starts {
            let later = now + TimeDelta::hours(1);
            for event in events.iter().filter(|event| !event.cancelled) {
                for offset in event.reminders {
                    let due = event.starts - offset;
                    if now < due && due <= later {
                        expected.reminders.push(Due {
                            event: event.id,
                            step: script.len(),
                        });
                    }
                }
            }
            now = later;
            script.push(again(":advance 1h"));
            snapshot(&mut expected, &events);
            continue;
        }
        if step == cancel_at {
            let series = &mut events[1];
            for member in series.going.iter().chain(&series.waiting) {
                tell(&mut expected, member, Kind::Cancellation, series.id);
            }
            series.cancelled = true;
            expected.cancelled_at = Some(script.len());
            script.push(again("olga: /event cancel 2"));
            snapshot(&mut expected, &events);
            continue;
        }
        match rng.below(20) {
            0..=13 => {
                let open: Vec<usize> = (0..events.len())
                    .filter(|&at| !events[at].cancelled && events[at].starts > now)
                    .collect();
                let Some(&at) = open.get(rng.below(open.len().max(1) as u64) as usize) else {
                    continue;
                };
                let member = rng.pick(&MEMBERS);
                let yes = rng.below(10) < 6;
                let event = &mut events[at];
                if let Some(promoted) = event.answer(member, yes) {
                    tell(&mut expected, promoted, Kind::Promotion, event.id);
                }
                expected.answers.insert((member, event.id), yes);
                let answer = if yes { "yes" } else { "no" };
                script.push(again(&format!("{member}: /rsvp {} {answer}", event.id)));
            }
            14..=15 => {
                let newcomer = rng.pick(&NEWCOMERS);
                if !joined.contains(&newcomer) {
                    joined.push(newcomer);
                    script.push(again(&format!(":join {newcomer}")));
                } else {
                    let city = rng.pick(&CITIES);
                    expected.cities.insert(newcomer, city);
                    script.push(again(&format!(
                        "{newcomer} (dm): /onboard answer city {city}"
                    )));
                }
            }
            16..=17 => {
                faq += 1;
                let title = format!("Entry {seed} {faq}");
                script.push(Step {
                    line: format!(
                        "eda: /faq add France housing title=\"{title}\" answer=\"Ask the town hall.\""
                    ),
                    again: false,
                    adds: Some(title),
                });
            }
            _ => {
                let Some(&newcomer) = joined.get(rng.below(joined.len().max(1) as u64) as usize)
                else {
                    continue;
                };
                if !expected.claimed.contains(&newcomer) {
                    expected.claimed.push(newcomer);
                }
                script.push(again(&format!("wes: /welcome claim {newcomer}")));
            }
        }
        if expected.going_after.len() < script.len() {
            snapshot(&mut expected, &events);
        }
    }
    snapshot(&mut expected, &events);
    for event in events {
        expected.capacity.insert(event.id, event.capacity);
        if !event.cancelled {
            expected.going.insert(event.id, event.going);
            expected.waiting.insert(event.id, event.waiting);
        }
    }
    (script, expected)
}

/// Who is going after the step just added.
fn snapshot(expected: &mut Expected, events: &[Event]) {
    let going = events.iter().map(|event| (event.id, event.going.clone()));
    expected.going_after.push(going.collect());
}

fn again(line: &str) -> Step {
    Step {
        line: line.to_owned(),
        again: true,
        adds: None,
    }
}

/// The model itself: a withdrawal promotes the first who waits; asking again keeps one's
/// turn. (The harness has no libtest, so `main` runs this as a trial.)
pub fn the_model_promotes_the_first_who_waits() {
    let mut event = Event::new(1, 1, START);
    assert_eq!(event.answer("ana", true), None);
    assert_eq!(event.answer("ben", true), None);
    assert_eq!(event.answer("chloe", true), None);
    assert_eq!(
        event.answer("ben", true),
        None,
        "asking again keeps the turn"
    );
    assert_eq!(event.answer("ana", false), Some("ben"));
    assert_eq!((event.going, event.waiting), (vec!["ben"], vec!["chloe"]));
}
