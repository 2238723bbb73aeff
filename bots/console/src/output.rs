//! Where the console's lines go: written and flushed one by one, so that a message from
//! the outbox is confirmed only once it is really out.

use std::io::Write;

/// The console's output, line by line. A line that cannot be written is kept as the
/// error, and what comes after is not written either.
pub struct Output<'a> {
    sink: &'a mut dyn Write,
    error: Option<std::io::Error>,
}

impl std::fmt::Debug for Output<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Output")
            .field("error", &self.error)
            .finish_non_exhaustive()
    }
}

impl<'a> Output<'a> {
    pub fn new(sink: &'a mut dyn Write) -> Self {
        Self { sink, error: None }
    }

    /// Writes one line and flushes it.
    pub fn push(&mut self, line: impl AsRef<str>) {
        if self.error.is_some() {
            return;
        }
        let written = writeln!(self.sink, "{}", line.as_ref()).and_then(|()| self.sink.flush());
        if let Err(error) = written {
            self.error = Some(error);
        }
    }

    pub fn extend(&mut self, lines: impl IntoIterator<Item = String>) {
        for line in lines {
            self.push(line);
        }
    }

    /// Whether every line so far reached the sink: what a delivery is confirmed on.
    pub fn is_ok(&self) -> bool {
        self.error.is_none()
    }

    /// The first write that failed, if any.
    pub fn into_result(self) -> std::io::Result<()> {
        self.error.map_or(Ok(()), Err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A terminal that takes `room` bytes, then fails.
    struct Full {
        room: usize,
    }

    impl Write for Full {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if buf.len() > self.room {
                return Err(std::io::ErrorKind::BrokenPipe.into());
            }
            self.room -= buf.len();
            Ok(buf.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn lines_are_written_as_they_come() {
        let mut sink = Vec::new();
        let mut out = Output::new(&mut sink);
        out.push("one");
        out.extend(["two".to_owned()]);
        assert!(out.is_ok());
        assert_eq!(sink, b"one\ntwo\n");
    }

    #[test]
    fn a_failed_write_is_kept_and_stops_the_rest() {
        let mut sink = Full { room: 4 };
        let mut out = Output::new(&mut sink);
        out.push("one");
        assert!(out.is_ok());
        out.push("two");
        assert!(!out.is_ok());
        assert!(out.into_result().is_err());
    }
}
