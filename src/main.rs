//! The `passerelle` command: runs the hub's adapters, the console, migrations and config
//! checks. Every failure ends in one line on stderr and a non-zero exit code.

mod cli;
mod faq_files;
mod run;
mod single;
mod supervise;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Args::parse();
    init_logging(args.verbose, args.log_format);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("error: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(cli::run(args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// Warnings only by default; `--verbose` or `RUST_LOG` for more; JSON lines with
/// `--log-format json`.
fn init_logging(verbose: bool, format: cli::LogFormat) {
    let default = if verbose {
        "info,passerelle=debug"
    } else {
        // matrix-sdk logs expected 404s (account data not set yet) and missing key
        // backups as errors; they mean nothing to whoever runs the hub.
        "warn,matrix_sdk::http_client=off,matrix_sdk_crypto::backups=error"
    };
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    let logs = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match format {
        cli::LogFormat::Json => logs.json().with_current_span(false).init(),
        // Colours only on a terminal: a log file or a service journal gets plain text.
        cli::LogFormat::Text => logs
            .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
            .init(),
    }
}
