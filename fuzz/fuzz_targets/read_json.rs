//! The incident reader, JSON: any bytes end in an incident or a typed error, never a panic.
#![no_main]

use breachkit_model::{Format, Incident};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(inc) = Incident::read(data, Format::Json) {
        // What was read is written back and read again to the same incident.
        let again = Incident::from_json(&inc.to_json());
        assert_eq!(again.as_ref(), Ok(&inc), "JSON round trip changed the incident");
        let _ = inc.to_toml();
    }
});
