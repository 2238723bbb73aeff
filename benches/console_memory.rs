//! The console's memory: the real `passerelle console` (the demo community, SQLite),
//! fed 10,000 commands on its standard input by 50 members in turn, with its resident
//! memory read from `/proc` when it has started, after 1,000 commands and after all of
//! them. It prints figures and asserts nothing about them.
//!
//! ```sh
//! cargo bench --bench console_memory
//! cargo bench --bench console_memory -- --count 20000
//! ```

use std::io::{BufRead, BufReader, Write};
use std::process::{ChildStdin, Stdio};
use std::sync::mpsc::channel;
use std::time::{Duration, Instant};

use anyhow::Context;
use passerelle_test_support::bench::{Resident, caught_up, count_arg};
use passerelle_test_support::passerelle::clean_command;

/// What members type, in turn.
const MIX: [&str; 10] = [
    "/help",
    "/faq",
    "/faq france housing",
    "/faq search flat deposit",
    "/events",
    "/event 1",
    "/profile",
    "/tz Europe/Paris",
    "/lang en",
    "/help faq",
];
const MEMBERS: usize = 50;
/// The longest a checkpoint waits for the console to catch up.
const CATCH_UP: Duration = Duration::from_secs(600);

fn main() -> anyhow::Result<()> {
    let count = count_arg(10_000);
    let folder = tempfile::Builder::new()
        .prefix("passerelle-console-memory-")
        .tempdir()?;
    let db = format!("sqlite:{}", folder.path().join("console.db").display());
    let mut launch = clean_command(env!("CARGO_BIN_EXE_passerelle").as_ref());
    launch
        .args(["console", "--db", &db])
        .current_dir(folder.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    let mut child = launch.spawn().context("cannot start passerelle console")?;
    let pid = child.id();
    let mut stdin = child.stdin.take().context("no stdin")?;
    let stdout = child.stdout.take().context("no stdout")?;
    let (lines, said) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if lines.send(line).is_err() {
                break;
            }
        }
    });
    println!(
        "console memory: {count} commands from {MEMBERS} members · {}",
        chrono::Utc::now().format("%Y-%m-%d %H:%M UTC")
    );
    let mut probes = 0;
    let mut checkpoint = |stdin: &mut ChildStdin, label: &str| -> anyhow::Result<()> {
        probes += 1;
        caught_up(stdin, &said, probes, CATCH_UP)?;
        let resident = Resident::of(pid).context("cannot read the console's memory")?;
        println!("  {label:<28} {resident}");
        Ok(())
    };
    checkpoint(&mut stdin, "started")?;
    let started = Instant::now();
    for n in 0..count {
        let member = n % MEMBERS;
        let command = MIX[(n / MEMBERS + member) % MIX.len()];
        writeln!(stdin, "member{member}: {command}")?;
        if n + 1 == 1_000.min(count) {
            checkpoint(&mut stdin, "after 1000 commands")?;
        }
    }
    checkpoint(&mut stdin, &format!("after {count} commands"))?;
    println!(
        "  {count} commands in {:.1} s: {:.0} a second",
        started.elapsed().as_secs_f64(),
        count as f64 / started.elapsed().as_secs_f64()
    );
    drop(stdin);
    child.wait()?;
    Ok(())
}
