//! The console adapter: chat with the hub in a terminal as any member, with a clock you
//! control. It is how to try Passerelle with no chat account, and how transcript tests
//! drive the hub.
//!
//! - [`line`] reads the console syntax; [`render`] prints the hub's messages.
//! - [`session`] ties them to a [`passerelle_core::Hub`] and the outbox, printing on the
//!   screen through the runtime's incoming path and outbox worker (`screen`).
//! - [`run_script`] and [`run_interactive`] are the two ways in: a script (piped or a
//!   file, echoed so the output reads as a chat log) or a terminal with line editing.

pub mod line;
pub mod output;
pub mod render;
mod screen;
pub mod session;

use std::io::{BufRead, Write};

pub use output::Output;
pub use session::{Flow, Options, Session, SessionError};

/// Runs a script line by line, echoing each input line before what it produced, so the
/// output of a transcript is the transcript itself. A line that is not UTF-8 is reported
/// and skipped.
pub async fn run_script(
    session: &mut Session,
    input: impl BufRead,
    output: &mut dyn Write,
) -> std::io::Result<()> {
    for (index, bytes) in input.split(b'\n').enumerate() {
        let bytes = bytes?;
        let bytes = bytes.strip_suffix(b"\r").unwrap_or(&bytes);
        let Ok(text) = std::str::from_utf8(bytes) else {
            writeln!(output, "! line {}: not valid UTF-8, skipped", index + 1)?;
            continue;
        };
        if line::is_output(text) {
            continue;
        }
        writeln!(output, "{text}")?;
        let mut out = Output::new(output);
        let flow = session.run_line(text, &mut out).await;
        out.into_result()?;
        if flow == Flow::Quit {
            break;
        }
    }
    output.flush()
}

/// Reads lines from the terminal with editing and history until `:quit` or Ctrl-D.
pub async fn run_interactive(session: &mut Session) -> Result<(), rustyline::error::ReadlineError> {
    use rustyline::error::ReadlineError;

    let mut editor = rustyline::DefaultEditor::new()?;
    println!(
        "Passerelle console: {} — you are in {}.\nSpeak as anyone with `NAME: TEXT` (try `nadia: /help`), in private with `NAME (dm): TEXT`; :help lists directives, Ctrl-D quits.",
        session.community().name,
        session.room()
    );
    loop {
        let read = tokio::task::block_in_place(|| editor.readline("> "));
        let text = match read {
            Ok(text) => text,
            Err(ReadlineError::Eof | ReadlineError::Interrupted) => return Ok(()),
            Err(error) => return Err(error),
        };
        if !text.trim().is_empty() {
            editor.add_history_entry(text.as_str())?;
        }
        // A pasted block arrives as one edit: run it line by line, as a script would.
        for line in text.lines() {
            let mut stdout = std::io::stdout();
            let mut out = Output::new(&mut stdout);
            let flow = session.run_line(line, &mut out).await;
            out.into_result()?;
            if flow == Flow::Quit {
                return Ok(());
            }
        }
    }
}
