//! A config file as an admin writes it: a config, or a mistake with a message.
#![no_main]

use libfuzzer_sys::fuzz_target;
use passerelle_core::config::Config;

fuzz_target!(|text: &str| {
    if let Err(error) = Config::parse(text) {
        assert!(!error.message.trim().is_empty());
    }
});
