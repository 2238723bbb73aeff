//! What the benchmarks share: how many rounds the command line asks for, and a
//! latency line (p50, p90, p99, max) to print beside its floor.

use std::time::Duration;

/// The number after `--count` on the command line, or `default`.
pub fn count_arg(default: usize) -> usize {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|arg| arg == "--count")
        .and_then(|at| args.get(at + 1))
        .and_then(|count| count.parse().ok())
        .unwrap_or(default)
}

/// Prints `label` with the p50, p90, p99 and max of `times` (nothing for none).
pub fn print_times(label: &str, times: &[Duration]) {
    let mut sorted = times.to_vec();
    sorted.sort();
    let Some(last) = sorted.len().checked_sub(1) else {
        return;
    };
    let at = |q: f64| sorted[((last as f64) * q).round() as usize];
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "  {label:<26} p50 {:6.2} ms   p90 {:6.2} ms   p99 {:6.2} ms   max {:6.2} ms",
        ms(at(0.5)),
        ms(at(0.9)),
        ms(at(0.99)),
        ms(at(1.0)),
    );
}

/// A process's memory as Linux counts it, in kibibytes: resident now, and the most it
/// was resident; of what is resident now, its own data (anonymous) and pages of files
/// mapped in, mostly the program's code (shared, and given back under pressure).
#[derive(Debug, Clone, Copy)]
pub struct Resident {
    pub now_kib: u64,
    pub peak_kib: u64,
    pub anon_kib: u64,
    pub file_kib: u64,
}

impl Resident {
    /// Read from `/proc/PID/status` (`VmRSS`, `VmHWM`, `RssAnon`, `RssFile`); `None`
    /// when it cannot be.
    pub fn of(pid: u32) -> Option<Resident> {
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
        let field = |name: &str| {
            status
                .lines()
                .find_map(|line| line.strip_prefix(name))?
                .trim()
                .trim_end_matches("kB")
                .trim()
                .parse::<u64>()
                .ok()
        };
        Some(Resident {
            now_kib: field("VmRSS:")?,
            peak_kib: field("VmHWM:")?,
            anon_kib: field("RssAnon:")?,
            file_kib: field("RssFile:")?,
        })
    }
}

impl std::fmt::Display for Resident {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mb = |kib: u64| kib as f64 * 1024.0 / 1_000_000.0;
        write!(
            f,
            "{:.1} MB resident (peak {:.1} MB): {:.1} MB data, {:.1} MB mapped files",
            mb(self.now_kib),
            mb(self.peak_kib),
            mb(self.anon_kib),
            mb(self.file_kib)
        )
    }
}

/// The number in the environment variable `name`, `default` when it is unset; `_` may
/// group digits (`100_000`).
pub fn env_number(name: &str, default: usize) -> anyhow::Result<usize> {
    match std::env::var(name) {
        Ok(text) => text
            .trim()
            .replace('_', "")
            .parse::<usize>()
            .map_err(|_| anyhow::anyhow!("{name}=`{text}` is not a number")),
        Err(_) => Ok(default),
    }
}

/// The numbers in the environment variable `name`, separated by commas (`1,8,64`);
/// `default` when it is unset.
pub fn env_numbers(name: &str, default: Vec<usize>) -> anyhow::Result<Vec<usize>> {
    match std::env::var(name) {
        Ok(text) => text
            .split(',')
            .map(|n| n.trim().parse::<usize>())
            .collect::<Result<Vec<_>, _>>()
            .map_err(|_| anyhow::anyhow!("{name}=`{text}`: use numbers like 1,2")),
        Err(_) => Ok(default),
    }
}

/// The value at `p` percent of `sorted` by nearest rank (the smallest with at least `p` %
/// of the values at or below it); `None` for no values.
pub fn nearest_rank<T: Copy>(sorted: &[T], p: usize) -> Option<T> {
    let rank = (sorted.len() * p)
        .div_ceil(100)
        .clamp(1, sorted.len().max(1));
    sorted.get(rank - 1).copied()
}

/// Sends the console fed through `stdin` a probe command (`probe{N}: /help tz`) and waits
/// up to `within` for its reply among the lines `said`: everything before it is handled.
pub fn caught_up(
    stdin: &mut std::process::ChildStdin,
    said: &std::sync::mpsc::Receiver<String>,
    probe: usize,
    within: Duration,
) -> anyhow::Result<()> {
    use std::io::Write;
    let echo = format!("probe{probe}: /help tz");
    writeln!(stdin, "{echo}")?;
    stdin.flush()?;
    let deadline = std::time::Instant::now() + within;
    let mut echoed = false;
    loop {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        let line = said
            .recv_timeout(left)
            .map_err(|_| anyhow::anyhow!("no reply to {echo} within {within:?}"))?;
        if echoed && line.starts_with('[') {
            return Ok(());
        }
        echoed |= line == echo;
        if line.contains("panicked") || line.starts_with("! ") {
            anyhow::bail!("the console said: {line}");
        }
    }
}
