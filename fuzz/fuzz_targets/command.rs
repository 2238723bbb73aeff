//! A chat line, lexed and read as a command of the catalog: it reads, or it is an error
//! the hub explains; a line that lexes keeps its name lowercase and its rest trimmed.
#![no_main]

use libfuzzer_sys::fuzz_target;
use passerelle_core::command::{self, lexer};

fuzz_target!(|text: &str| {
    if let Ok(invocation) = lexer::lex(text) {
        assert!(lexer::is_command(text));
        assert_eq!(invocation.name, invocation.name.to_lowercase());
        assert_eq!(invocation.rest, invocation.rest.trim());
    }
    let _ = command::parse(text);
    let _ = command::invoked(text);
});
