//! An FAQ entry file in either format: an entry that reads back the same once written as
//! Markdown, or a mistake with its line and a message.
#![no_main]

use libfuzzer_sys::fuzz_target;
use passerelle_core::faq::files::{Format, parse, render_markdown};

fuzz_target!(|input: (bool, &str)| {
    let (markdown, text) = input;
    let format = if markdown {
        Format::Markdown
    } else {
        Format::Toml
    };
    match parse(format, "entry", text) {
        Ok(entry) => {
            let written = render_markdown(&entry);
            let back = parse(Format::Markdown, "entry", &written).map(|back| back.without_lines());
            assert_eq!(back, Ok(entry.without_lines()), "{written}");
        }
        Err(error) => assert!(error.line >= 1 && !error.message.is_empty()),
    }
});
