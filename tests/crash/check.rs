//! What must hold after the run, read from the database and from what the console
//! printed (its delivered messages): never more going than places, nobody waiting while
//! a place is free, the waitlist in the order members were told, every answer kept,
//! every promotion, reminder and cancellation delivered (and delivered twice only where
//! a kill came between printing it and recording it), every FAQ addition that was
//! answered there once, newcomers' answers and claims kept, the outbox empty.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::ensure;
use sqlx::Connection;

use crate::run::Run;
use crate::workload::{Expected, Kind};

/// The rows `sql` selects, every column cast to text in the query.
async fn rows(url: &str, sql: &str) -> anyhow::Result<Vec<Vec<Option<String>>>> {
    use sqlx::Row;
    let sql = sqlx::AssertSqlSafe(sql.to_owned());
    macro_rules! fetch {
        ($connection:ty) => {{
            let mut db = <$connection>::connect(url).await?;
            let found = sqlx::query(sql).fetch_all(&mut db).await?;
            found
                .iter()
                .map(|row| (0..row.len()).map(|at| row.try_get(at)).collect())
                .collect::<Result<_, _>>()?
        }};
    }
    Ok(if url.starts_with("postgres") {
        fetch!(sqlx::PgConnection)
    } else {
        fetch!(sqlx::SqliteConnection)
    })
}

fn text(cell: &Option<String>) -> &str {
    cell.as_deref().unwrap_or_default()
}

/// A private message delivered: to whom, its kind and event, by which process, and
/// whether a kill may have kept it from being recorded as sent.
#[derive(Debug)]
pub struct Told {
    pub member: String,
    pub kind: Kind,
    pub event: u32,
    pub line: String,
    pub process: usize,
    /// Delivered after the last line that was through in a process that was killed:
    /// the record that it went may be missing, so it may go again.
    pub unrecorded: bool,
    /// The workload's step under way when it was delivered.
    pub step: usize,
}

/// What the console printed in each process, from its logs in `dir`.
pub fn printed(dir: &Path, run: &Run) -> Vec<Told> {
    let logs: Vec<String> = (1..=run.killed.len())
        .map(|process| {
            let log = dir.join(format!("console-run-{process}.stdout.log"));
            std::fs::read_to_string(log).unwrap_or_default()
        })
        .collect();
    told(&logs, run)
}

fn told(logs: &[String], run: &Run) -> Vec<Told> {
    let mut all = Vec::new();
    for (process, log) in logs.iter().enumerate() {
        // The last line through: what is printed next belongs to the next line sent.
        let mut through = run.sent_before.get(process).copied().unwrap_or_default();
        let lines: Vec<&str> = log.lines().collect();
        let last_ack = lines.iter().rposition(|line| line.starts_with("# ack "));
        for (at, line) in lines.iter().enumerate() {
            if let Some(number) = line.strip_prefix("# ack ") {
                through = number.parse().unwrap_or(through);
                continue;
            }
            let Some(rest) = line.strip_prefix("[dm ") else {
                continue;
            };
            let Some((member, said)) = rest.split_once("] passerelle: ") else {
                continue;
            };
            if let Some((kind, event)) = Kind::of(said) {
                all.push(Told {
                    member: member.to_owned(),
                    kind,
                    event,
                    line: (*line).to_owned(),
                    process,
                    unrecorded: run.killed[process] && last_ack.is_none_or(|ack| at > ack),
                    step: run.steps.get(through).copied().unwrap_or(usize::MAX),
                });
            }
        }
    }
    all
}

/// What the checks counted, for the report.
#[derive(Debug)]
pub struct Counted {
    /// Promotions, reminders and cancellations printed.
    pub delivered: usize,
    /// Of those, copies printed again after a kill.
    pub repeated: usize,
}

/// Every check, on the messages `told` and the database; `name` is the member a
/// platform's user ID stands for.
pub async fn check(
    url: &str,
    told: &[Told],
    run: &Run,
    expected: &Expected,
    name: &dyn Fn(&str) -> String,
) -> anyhow::Result<Counted> {
    let named = |mut rows: Vec<Vec<Option<String>>>, column: usize| {
        for row in &mut rows {
            row[column] = row[column].as_deref().map(name);
        }
        rows
    };
    let answers = rows(
        url,
        "SELECT CAST(r.event_id AS TEXT), i.user_id, r.status, CAST(r.turn AS TEXT)
           FROM rsvps r JOIN identities i ON i.member_id = r.member_id
          WHERE r.occurrence = 0 ORDER BY r.event_id, r.turn",
    )
    .await?;
    let answers = named(answers, 1);
    for (&event, &capacity) in &expected.capacity {
        let of = |status: &str| -> Vec<&str> {
            answers
                .iter()
                .filter(|row| text(&row[0]) == event.to_string() && text(&row[2]) == status)
                .map(|row| text(&row[1]))
                .collect()
        };
        let (going, waiting) = (of("yes"), of("waitlist"));
        ensure!(
            going.len() <= capacity,
            "#{event}: {going:?} going, {capacity} places"
        );
        ensure!(
            waiting.is_empty() || going.len() == capacity,
            "#{event}: {waiting:?} wait while {going:?} go, {capacity} places"
        );
        if let (Some(model_going), Some(model_waiting)) =
            (expected.going.get(&event), expected.waiting.get(&event))
        {
            let mut sorted = going.clone();
            sorted.sort_unstable();
            let mut model_sorted = model_going.clone();
            model_sorted.sort_unstable();
            ensure!(
                sorted == model_sorted,
                "#{event} going: {going:?}, told {model_going:?}"
            );
            ensure!(
                waiting == *model_waiting,
                "#{event} waitlist: {waiting:?}, told {model_waiting:?}"
            );
        }
    }
    for (&(member, event), &yes) in &expected.answers {
        let status = answers
            .iter()
            .find(|row| text(&row[0]) == event.to_string() && text(&row[1]) == member)
            .map(|row| text(&row[2]));
        let kept = match yes {
            true => matches!(status, Some("yes" | "waitlist")),
            false => status == Some("no"),
        };
        ensure!(
            kept,
            "{member} last answered #{event} {yes}, kept as {status:?}"
        );
    }

    let repeated = messages(told, expected)? + reminders(told, expected)?;

    let titles = rows(url, "SELECT title FROM faq_versions").await?;
    let count = |title: &str| titles.iter().filter(|row| text(&row[0]) == title).count();
    for title in &run.added {
        ensure!(
            count(title) == 1,
            "{title:?} answered as added, there {} times",
            count(title)
        );
    }
    for title in &run.unsure {
        ensure!(count(title) <= 1, "{title:?} there {} times", count(title));
    }

    let cities = rows(
        url,
        "SELECT i.user_id, p.city FROM profiles p JOIN identities i ON i.member_id = p.member_id",
    )
    .await?;
    let cities = named(cities, 0);
    for (newcomer, city) in &expected.cities {
        let kept = cities.iter().find(|row| text(&row[0]) == *newcomer);
        ensure!(
            kept.is_some_and(|row| text(&row[1]) == *city),
            "{newcomer} last answered {city}, kept {kept:?}"
        );
    }
    let claimed = rows(
        url,
        "SELECT i.user_id, w.user_id FROM welcome_cases c
           JOIN identities i ON i.member_id = c.member_id
           JOIN identities w ON w.member_id = c.claimed_by",
    )
    .await?;
    let claimed = named(named(claimed, 0), 1);
    for newcomer in &expected.claimed {
        ensure!(
            claimed
                .iter()
                .any(|row| text(&row[0]) == *newcomer && text(&row[1]) == "wes"),
            "{newcomer} claimed, not kept: {claimed:?}"
        );
    }
    let outbox = rows(
        url,
        "SELECT CAST(id AS TEXT), destination, body FROM outbox",
    )
    .await?;
    ensure!(outbox.is_empty(), "left in the outbox: {outbox:?}");
    Ok(Counted {
        delivered: told.len(),
        repeated,
    })
}

/// Promotions, reminders and cancellations: each expected one printed, and a copy more
/// only for one printed while a kill came (before its line was through).
fn messages(told: &[Told], expected: &Expected) -> anyhow::Result<usize> {
    let mut by_key: BTreeMap<(String, Kind, u32), Vec<&Told>> = BTreeMap::new();
    for message in told.iter().filter(|message| message.kind != Kind::Reminder) {
        let key = (message.member.clone(), message.kind, message.event);
        by_key.entry(key).or_default().push(message);
    }
    let mut repeated = 0;
    for (key, &count) in &expected.told {
        let copies = by_key.get(key).map(Vec::as_slice).unwrap_or_default();
        ensure!(
            copies.len() >= count,
            "{key:?}: {count} expected, printed {copies:#?}"
        );
        let repeats = repeats(copies);
        let extra = copies.len() - count;
        ensure!(
            extra <= repeats,
            "{key:?}: {count} expected, printed {copies:#?}"
        );
        repeated += extra;
    }
    for (key, copies) in &by_key {
        ensure!(
            expected.told.contains_key(key),
            "{key:?} never due: {copies:#?}"
        );
    }
    Ok(repeated)
}

/// How many of `copies` may be copies of another: each printed while a kill came may have
/// gone again, as an identical line printed later.
fn repeats(copies: &[&Told]) -> usize {
    copies
        .iter()
        .filter(|first| first.unrecorded)
        .filter(|first| {
            copies
                .iter()
                .any(|again| again.process > first.process && again.line == first.line)
        })
        .count()
}

/// Each reminder went, once, to everyone going at some moment between the step it fell
/// due and the step it was printed (a kill may have delayed it), and to nobody else.
fn reminders(told: &[Told], expected: &Expected) -> anyhow::Result<usize> {
    let mut repeated = 0;
    for (number, due) in expected.reminders.iter().enumerate() {
        // Printed for its event at or after its step, before the next reminder of the
        // event fell due.
        let next = expected.reminders[number + 1..]
            .iter()
            .find(|later| later.event == due.event)
            .map_or(usize::MAX, |later| later.step);
        let copies: Vec<&Told> = told
            .iter()
            .filter(|message| message.kind == Kind::Reminder && message.event == due.event)
            .filter(|message| (due.step..next).contains(&message.step))
            .collect();
        let mut members: BTreeMap<&str, Vec<&Told>> = BTreeMap::new();
        for copy in &copies {
            members.entry(copy.member.as_str()).or_default().push(copy);
        }
        for (member, copies) in &members {
            let extra = copies.len() - 1;
            ensure!(
                extra <= repeats(copies),
                "#{} reminder to {member} printed {copies:#?}",
                due.event
            );
            repeated += extra;
        }
        let sent: Vec<&str> = members.keys().copied().collect();
        let printed = copies.iter().map(|copy| copy.step).min();
        let last = printed
            .unwrap_or(expected.going_after.len() - 1)
            .max(due.step);
        let cancelled = expected
            .cancelled_at
            .is_some_and(|at| at >= due.step && at <= last);
        let matches = (due.step..=last).any(|step| {
            let mut going = expected.going_after[step][&due.event].clone();
            going.sort_unstable();
            going == sent
        });
        let all: Vec<(&str, usize, usize)> = told
            .iter()
            .filter(|message| message.kind == Kind::Reminder && message.event == due.event)
            .map(|message| (message.member.as_str(), message.step, message.process))
            .collect();
        ensure!(
            matches || (sent.is_empty() && cancelled),
            "#{} reminder due at step {} went to {sent:?} at step {printed:?}; going from then \
             to {last}: {:?}; its event's reminders (member, step, process): {all:?}",
            due.event,
            due.step,
            &expected.going_after[due.step..=last]
                .iter()
                .map(|going| &going[&due.event])
                .collect::<Vec<_>>()
                .first()
        );
    }
    Ok(repeated)
}
