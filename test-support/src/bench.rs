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
