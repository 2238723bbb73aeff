//! Driving the real binary through the workload: `passerelle console` on the database,
//! fed one line at a time, each followed by `# ack N` (a comment the console echoes once
//! the line before it is fully handled, its messages delivered). At seeded moments the
//! process is killed with SIGKILL a few milliseconds after a line went in, and started
//! again on the clock the workload had reached; a line left unanswered is sent again
//! when a member would ask again, and remembered when not (an FAQ addition).

use std::time::Duration;

use anyhow::Context;
use chrono::{DateTime, TimeDelta, Utc};
use passerelle_test_support::Passerelle;

use crate::workload::{Rng, START, Step};

/// How long one line may take to be answered.
const ANSWERED: Duration = Duration::from_secs(30);

/// What happened, for the checks.
#[derive(Debug, Default)]
pub struct Run {
    /// Per process started: whether it was killed (the last one is stopped cleanly).
    pub killed: Vec<bool>,
    /// Lines left unanswered by a kill and sent again.
    pub sent_again: usize,
    /// FAQ titles whose addition a kill left unanswered: there at most once.
    pub unsure: Vec<String>,
    /// FAQ titles whose addition was answered: there exactly once.
    pub added: Vec<String>,
    /// For each line sent (`# ack N` follows line N, from 1), the step of the workload
    /// it is: 0 for the setup, the number of steps for the last `:advance`.
    pub steps: Vec<usize>,
    /// Per process started, how many lines were sent before it: what it prints before
    /// its first `# ack` belongs to the line after those.
    pub sent_before: Vec<usize>,
}

/// The console, fed and killed.
struct Console<'a> {
    passerelle: &'a mut Passerelle,
    now: DateTime<Utc>,
    acks: usize,
    /// [`Run::sent_before`].
    sent_before: Vec<usize>,
}

impl Console<'_> {
    fn start(&mut self) -> anyhow::Result<()> {
        self.sent_before.push(self.acks);
        let now = self.now.to_rfc3339();
        self.passerelle.start_fed(&["console", "--now", &now])
    }

    /// Feeds `line` and its ack; with `kill_after`, kills the process that long after
    /// and says whether the line was answered before it died.
    async fn send(&mut self, line: &str, kill_after: Option<Duration>) -> anyhow::Result<bool> {
        self.acks += 1;
        let ack = format!("# ack {}", self.acks);
        self.passerelle.feed(line)?;
        self.passerelle.feed(&ack)?;
        let Some(after) = kill_after else {
            self.passerelle
                .wait_for_line(&ack, ANSWERED)
                .await
                .with_context(|| format!("no answer to {line:?}"))?;
            return Ok(true);
        };
        // A blocking sleep: the timer's millisecond would round every kill up.
        std::thread::sleep(after);
        self.passerelle.kill_seeing(&ack).await
    }
}

/// Runs the setup, then the workload with `kills` kills at moments drawn from `seed`.
pub async fn drive(
    passerelle: &mut Passerelle,
    setup: &[String],
    script: &[Step],
    seed: u64,
    kills: usize,
) -> anyhow::Result<Run> {
    let mut rng = Rng::new(seed ^ 0x6b69_6c6c);
    let mut run = Run::default();
    let mut console = Console {
        passerelle,
        now: START.parse()?,
        acks: 0,
        sent_before: Vec::new(),
    };
    console.start()?;
    for line in setup {
        run.steps.push(0);
        console.send(line, None).await?;
    }
    // The lines a kill follows, drawn from the seed; more kills than lines come back to
    // the same lines.
    let mut doomed = vec![0usize; script.len()];
    for _ in 0..kills {
        doomed[rng.below(script.len().max(1) as u64) as usize] += 1;
    }
    let mut left = 0;
    for (index, (step, kills_here)) in script.iter().zip(doomed).enumerate() {
        // Kills a line answered too soon to take go to the next lines.
        left += kills_here;
        loop {
            let kill = left > 0;
            let after = kill.then(|| Duration::from_micros(rng.below(12_000)));
            run.steps.push(index);
            let answered = console.send(&step.line, after).await?;
            // The clock a restart starts on is the one the line left, if it went through.
            if answered && step.line.starts_with(":advance 1h") {
                console.now += TimeDelta::hours(1);
            }
            if kill {
                left -= 1;
                run.killed.push(true);
                console.start()?;
            }
            if answered {
                if let Some(title) = &step.adds {
                    run.added.push(title.clone());
                }
                break;
            }
            if !step.again {
                run.unsure.extend(step.adds.clone());
                break;
            }
            run.sent_again += 1;
        }
    }
    // Past every lease the kills left, so whatever was still claimed goes.
    run.steps.push(script.len());
    console.send(":advance 5m", None).await?;
    run.killed.push(false);
    console
        .passerelle
        .end_input(Duration::from_secs(10))
        .await?;
    run.sent_before = console.sent_before;
    Ok(run)
}
