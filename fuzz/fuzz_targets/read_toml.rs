//! The incident reader, TOML: any bytes end in an incident or a typed error, never a panic.
#![no_main]

use breachkit_model::{Format, Incident};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(inc) = Incident::read(data, Format::Toml) {
        let _ = inc.to_json();
        let _ = inc.to_toml();
    }
});
